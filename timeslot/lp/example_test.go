package lp_test

import (
	"context"
	"fmt"
	"math"

	"github.com/cdnkit/cdnkit/timeslot/lp"
)

// ExampleSolve solves min −x − y s.t. x + 2y ≤ 4, 3x + y ≤ 6, 0 ≤ x, y ≤ 10 (optimum −2.8 at (1.6, 1.2)).
func ExampleSolve() {
	a, err := lp.NewCSR(2, 2, []lp.Triplet{{0, 0, 1}, {0, 1, 2}, {1, 0, 3}, {1, 1, 1}})
	if err != nil {
		fmt.Println(err)
		return
	}
	inf := math.Inf(1)
	p := &lp.Problem{
		C:        []float64{-1, -1},
		A:        a,
		RowLower: []float64{-inf, -inf},
		RowUpper: []float64{4, 6},
		Upper:    []float64{10, 10}, // finite boxes make the certified DualBound finite
	}
	sol, err := lp.Solve(context.Background(), p, &lp.Settings{Tol: 1e-8})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%v: objective %.4g at (%.4g, %.4g)\n", sol.Status, sol.Objective, sol.X[0], sol.X[1])
	fmt.Printf("dual objective %.4g, certified lower bound %.4g\n", sol.DualObjective, sol.DualBound)
	// Output:
	// Optimal: objective -2.8 at (1.6, 1.2)
	// dual objective -2.8, certified lower bound -2.8
}
