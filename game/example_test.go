package game_test

import (
	"context"
	"fmt"
	"math"

	"github.com/cdnkit/cdnkit/game"
)

// ExampleBRUA runs the paper's Jacobi BRUA on a two-player PublicGood game (vector G7 of the spec: unique NE
// (0.8, 0.4)).
func ExampleBRUA() {
	y, err := game.CSRFromDense([][]float64{{0, 0.5}, {0.25, 0}})
	if err != nil {
		fmt.Println(err)
		return
	}
	g, err := game.NewPublicGood(y, []float64{0.5, 0.625}, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := game.BRUA(context.Background(), g, []float64{0.5, 0.5}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("D = (%.4g, %.4g)\n", res.D[0], res.D[1])
	fmt.Printf("iterations %d, converged %v, NEGap %.4g\n", res.Iterations, res.Converged, res.NEGap)
	fmt.Printf("contraction %v, L = %.4g\n", res.Contraction, res.Lipschitz)
	// Output:
	// D = (0.8, 0.4)
	// iterations 20, converged true, NEGap 0
	// contraction true, L = 0.5
}

// ExampleTwoPlayerNash lists the equilibria of the symmetric DifferentialService game G1 (ρ = 4.5).
func ExampleTwoPlayerNash() {
	y, err := game.CSRFromDense([][]float64{{0, 0.9}, {0.9, 0}})
	if err != nil {
		fmt.Println(err)
		return
	}
	g, err := game.NewDifferentialService(y, []float64{0.2, 0.2}, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	es, err := game.TwoPlayerNash(g)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range es {
		fmt.Printf("(%.4g, %.4g) stable=%v\n", e.D[0], e.D[1], e.Stable)
	}
	// Output:
	// (0, 0) stable=true
	// (0.5, 0.5) stable=false
	// (1, 1) stable=true
}

// ExampleFuncGame solves a Cournot-like game given only by its payoff: r_i = d_i(1 − d_i − d_j/2).
// The best response is (1 − d_j/2)/2 and the unique NE is d = 0.4.
func ExampleFuncGame() {
	g := game.FuncGame{
		N: 2,
		F: func(i int, d []float64) float64 { return d[i] * (1 - d[i] - d[1-i]/2) },
		L: 0.25,
	}
	res, err := game.BRUA(context.Background(), g, []float64{0, 1}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("D = (%.4g, %.4g), converged %v, NEGap below 1e-15: %v\n",
		res.D[0], res.D[1], res.Converged, res.NEGap < 1e-15)
	fmt.Printf("error bound below 1e-9: %v\n", res.ErrorBound < 1e-9 && !math.IsInf(res.ErrorBound, 0))
	// Output:
	// D = (0.4, 0.4), converged true, NEGap below 1e-15: true
	// error bound below 1e-9: true
}
