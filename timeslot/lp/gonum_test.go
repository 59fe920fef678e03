package lp

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	glp "gonum.org/v1/gonum/optimize/convex/lp"
)

// randomStandardForm draws the spec's random standard-form LP min cᵀx, Ax = b, x ≥ 0 (as in gonum's own
// simplex_test.go): m ∈ [1,8], n ∈ [m,12], entries zero with probability pZero, else normal.
func randomStandardForm(rng *rand.Rand, pZero float64) (m, n int, a []float64, b, c []float64) {
	m = 1 + rng.IntN(8)
	n = m + rng.IntN(13-m)
	a = make([]float64, m*n)
	for i := range a {
		if rng.Float64() >= pZero {
			a[i] = rng.NormFloat64()
		}
	}
	b = make([]float64, m)
	for i := range b {
		b[i] = rng.NormFloat64()
	}
	c = make([]float64, n)
	for j := range c {
		c[j] = rng.NormFloat64()
	}
	return m, n, a, b, c
}

func denseProblem(m, n int, a, rl, ru, c []float64) *Problem {
	var t []Triplet
	for i := range m {
		for j := range n {
			if v := a[i*n+j]; v != 0 {
				t = append(t, Triplet{i, j, v})
			}
		}
	}
	csr, err := NewCSR(m, n, t)
	if err != nil {
		panic(err)
	}
	return &Problem{C: c, A: csr, RowLower: rl, RowUpper: ru}
}

func TestCrossCheckGonumSimplex(t *testing.T) {
	instances := 500
	if testing.Short() {
		instances = 100
	}
	var nOpt, nInf, nUnb, nSkip int
	for seed := range instances {
		rng := rand.New(rand.NewPCG(uint64(seed), 0))
		pZero := []float64{0, 0.3, 0.6}[seed%3]
		m, n, a, b, c := randomStandardForm(rng, pZero)
		opt, _, gerr := glp.Simplex(c, mat.NewDense(m, n, a), b, 1e-10, nil)
		if gerr != nil && !errors.Is(gerr, glp.ErrInfeasible) && !errors.Is(gerr, glp.ErrUnbounded) {
			nSkip++
			continue
		}
		p := denseProblem(m, n, a, b, b, c)
		sol, err := Solve(context.Background(), p, &Settings{Tol: 1e-8, MaxIter: 200000})
		switch {
		case gerr == nil:
			nOpt++
			if err != nil {
				t.Errorf("seed %d: gonum optimal %v, Solve %v (%v, iters %d, relP %g relD %g gap %g)", seed, opt, err, sol.Status, sol.Iterations, sol.PrimalResidual, sol.DualResidual, sol.Gap)
				continue
			}
			tol := 1e-5 * (1 + math.Abs(opt))
			if math.Abs(sol.Objective-opt) > tol || math.Abs(sol.DualObjective-opt) > tol {
				t.Errorf("seed %d: objective %v, dual %v, gonum %v", seed, sol.Objective, sol.DualObjective, opt)
			}
			if !math.IsInf(sol.DualBound, -1) && sol.DualBound > opt+1e-9*(1+math.Abs(opt)) {
				t.Errorf("seed %d: DualBound %v above optimum %v", seed, sol.DualBound, opt)
			}
		case errors.Is(gerr, glp.ErrInfeasible):
			nInf++
			if !errors.Is(err, ErrInfeasible) {
				t.Errorf("seed %d: gonum infeasible, Solve %v (%v, iters %d)", seed, err, sol.Status, sol.Iterations)
			}
		default:
			nUnb++
			if !errors.Is(err, ErrUnbounded) {
				t.Errorf("seed %d: gonum unbounded, Solve %v (%v, iters %d)", seed, err, sol.Status, sol.Iterations)
			}
		}
	}
	t.Logf("optimal %d, infeasible %d, unbounded %d, skipped %d", nOpt, nInf, nUnb, nSkip)
}
