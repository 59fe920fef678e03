package lp

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// randomSparseLP is a feasible bounded LP with finite boxes: rows l_c ≤ Ax ≤ u_c around A x⁰.
func randomSparseLP(m, n, perRow int, seed uint64) *Problem {
	rng := rand.New(rand.NewPCG(seed, 11))
	x0 := make([]float64, n)
	for j := range x0 {
		x0[j] = rng.Float64()
	}
	var tr []Triplet
	for i := range m {
		for range perRow {
			tr = append(tr, Triplet{i, rng.IntN(n), rng.NormFloat64()})
		}
	}
	a, err := NewCSR(m, n, tr)
	if err != nil {
		panic(err)
	}
	ax := a.MulVec(nil, x0)
	p := &Problem{A: a, C: make([]float64, n), RowLower: make([]float64, m), RowUpper: make([]float64, m),
		Lower: make([]float64, n), Upper: make([]float64, n), Offset: 1.5}
	for i := range m {
		p.RowLower[i], p.RowUpper[i] = ax[i]-rng.Float64(), ax[i]+rng.Float64()
		if i%3 == 0 {
			p.RowLower[i] = math.Inf(-1)
		}
	}
	for j := range n {
		p.C[j] = rng.NormFloat64()
		p.Upper[j] = 2
	}
	return p
}

func TestThreadsBitIdentical(t *testing.T) {
	p := randomSparseLP(3000, 5000, 12, 1) // 36 k nonzeros: above the parallel threshold
	iters := 1500
	if testing.Short() {
		iters = 300
	}
	var ref *Solution
	for _, th := range []int{1, 2, 7} {
		sol, err := Solve(context.Background(), p, &Settings{Threads: th, MaxIter: iters, Tol: 1e-7})
		if err != nil && !errors.Is(err, ErrIterationLimit) {
			t.Fatalf("threads %d: %v", th, err)
		}
		sol.Elapsed = 0
		if ref == nil {
			ref = sol
			continue
		}
		if d := cmp.Diff(ref, sol); d != "" {
			t.Errorf("threads %d differs from 1 (-1 +%d):\n%.2000s", th, th, d)
		}
	}
}

func TestSolveValidation(t *testing.T) {
	a, _ := NewCSR(1, 1, []Triplet{{0, 0, 1}})
	good := func() *Problem {
		return &Problem{A: a, C: []float64{1}, RowLower: []float64{0}, RowUpper: []float64{1}}
	}
	for _, tc := range []struct {
		field string
		mod   func(p *Problem)
	}{
		{"C", func(p *Problem) { p.C[0] = math.NaN() }},
		{"Offset", func(p *Problem) { p.Offset = math.Inf(1) }},
		{"RowLower", func(p *Problem) { p.RowLower[0] = math.Inf(1) }},
		{"RowUpper", func(p *Problem) { p.RowUpper[0] = math.Inf(-1) }},
		{"Lower", func(p *Problem) { p.Lower = []float64{math.Inf(1)} }},
		{"Upper", func(p *Problem) { p.Upper = []float64{math.NaN()} }},
		{"A.Val", func(p *Problem) {
			p.A = CSR{Rows: 1, Cols: 1, RowPtr: []int{0, 1}, ColIdx: []int32{0}, Val: []float64{math.Inf(1)}}
		}},
	} {
		p := good()
		tc.mod(p)
		sol, err := Solve(context.Background(), p, nil)
		var pe *ProblemError
		if sol != nil || !errors.As(err, &pe) || pe.Field != tc.field {
			t.Errorf("%s: (%v, %v)", tc.field, sol, err)
		}
	}
	for _, tc := range []struct {
		field string
		s     Settings
	}{
		{"Settings.Tol", Settings{Tol: -1}}, {"Settings.Tol", Settings{Tol: 1}}, {"Settings.InfeasibleTol", Settings{InfeasibleTol: math.NaN()}},
		{"Settings.StepFactor", Settings{StepFactor: 1}}, {"Settings.PrimalWeight", Settings{PrimalWeight: -1}},
		{"Settings.PrimalWeightSmoothing", Settings{PrimalWeightSmoothing: 2}}, {"Settings.MaxIter", Settings{MaxIter: -1}},
		{"Settings.EvalEvery", Settings{EvalEvery: -1}}, {"Settings.Threads", Settings{Threads: -1}},
		{"Settings.TimeLimit", Settings{TimeLimit: -time.Second}},
	} {
		_, err := Solve(context.Background(), good(), &tc.s)
		var pe *ProblemError
		if !errors.As(err, &pe) || pe.Field != tc.field {
			t.Errorf("%s: %v", tc.field, err)
		}
	}
	for name, f := range map[string]func(){
		"nil":     func() { _, _ = Solve(context.Background(), nil, nil) },
		"len(C)":  func() { p := good(); p.C = nil; _, _ = Solve(context.Background(), p, nil) },
		"rows":    func() { p := good(); p.RowLower = nil; _, _ = Solve(context.Background(), p, nil) },
		"X0":      func() { _, _ = Solve(context.Background(), good(), &Settings{X0: []float64{1, 2}}) },
		"csr":     func() { p := good(); p.A.ColIdx = []int32{3}; _, _ = Solve(context.Background(), p, nil) },
		"boxes":   func() { p := good(); p.Lower = []float64{0, 0}; _, _ = Solve(context.Background(), p, nil) },
		"dualLen": func() { good().DualBound(nil) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

func TestPresolve(t *testing.T) {
	a, _ := NewCSR(2, 3, []Triplet{{0, 0, 1}, {0, 1, 1}})
	base := func() *Problem {
		return &Problem{A: a, C: []float64{1, 1, 0}, RowLower: []float64{1, -1}, RowUpper: []float64{2, 1},
			Lower: []float64{0, 0, -1}, Upper: []float64{5, 5, 3}, Offset: 0.25}
	}
	// Empty row 1 is dropped, empty column 2 fixed (c = 0 → clamp(0)); optimum 1 + Offset.
	sol, err := Solve(context.Background(), base(), &Settings{Tol: 1e-9})
	if err != nil || math.Abs(sol.Objective-1.25) > 1e-7 || sol.X[2] != 0 || sol.Y[1] != 0 {
		t.Errorf("presolved solve: %v, %+v", err, sol)
	}
	p := base()
	p.C[2] = -1 // improving towards the finite upper bound 3
	sol, err = Solve(context.Background(), p, &Settings{Tol: 1e-9})
	if err != nil || sol.X[2] != 3 || math.Abs(sol.Objective-(1.25-3)) > 1e-7 {
		t.Errorf("fixed at upper: %v %v", err, sol.X)
	}
	p.Upper[2] = math.Inf(1)
	if sol, err := Solve(context.Background(), p, nil); !errors.Is(err, ErrUnbounded) || sol.Ray[2] != 1 {
		t.Errorf("empty improving column: %v", err)
	}
	p = base()
	p.RowLower[1] = 0.5 // empty row with 0 ∉ [0.5, 1]
	if sol, err := Solve(context.Background(), p, nil); !errors.Is(err, ErrInfeasible) || sol.Status != Infeasible || sol.Ray[1] != 1 {
		t.Errorf("empty infeasible row: %v", err)
	}
	p = base()
	p.Lower[0] = 6
	if _, err := Solve(context.Background(), p, nil); !errors.Is(err, ErrInfeasible) {
		t.Errorf("crossed box: %v", err)
	}
	p = base()
	p.RowLower[0] = 3
	if _, err := Solve(context.Background(), p, nil); !errors.Is(err, ErrInfeasible) {
		t.Errorf("crossed row: %v", err)
	}
	// No columns left at all.
	z, _ := NewCSR(1, 2, nil)
	q := &Problem{A: z, C: []float64{1, -1}, RowLower: []float64{-1}, RowUpper: []float64{1}, Upper: []float64{1, 1}}
	if sol, err := Solve(context.Background(), q, nil); err != nil || sol.Objective != -1 || sol.DualBound > -1+1e-12 || sol.DualBound < -1-1e-9 {
		t.Errorf("all fixed: %v %+v", err, sol)
	}
}

func TestLimitsHookCancel(t *testing.T) {
	p := randomSparseLP(300, 500, 6, 2)
	sol, err := Solve(context.Background(), p, &Settings{MaxIter: 100, Tol: 1e-12})
	if !errors.Is(err, ErrIterationLimit) || sol.Status != IterationLimit || sol.Iterations != 100 || len(sol.X) != 500 {
		t.Errorf("iteration limit: %v %v %d", err, sol.Status, sol.Iterations)
	}
	stop := errors.New("stop")
	calls := 0
	sol, err = Solve(context.Background(), p, &Settings{Tol: 1e-12, Progress: func(pr Progress) error {
		calls++
		if pr.Iteration != 64*calls {
			return errors.New("wrong iteration")
		}
		if calls == 3 {
			return stop
		}
		return nil
	}})
	if !errors.Is(err, stop) || sol.Status != Stopped || sol.Iterations != 192 {
		t.Errorf("hook: %v %v %d", err, sol.Status, sol.Iterations)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sol, err = Solve(ctx, p, &Settings{Tol: 1e-12})
	if !errors.Is(err, context.Canceled) || sol.Status != Canceled {
		t.Errorf("cancel: %v %v", err, sol.Status)
	}
	sol, err = Solve(context.Background(), p, &Settings{Tol: 1e-12, TimeLimit: time.Nanosecond})
	if !errors.Is(err, ErrTimeLimit) || sol.Status != TimeLimit || math.IsNaN(sol.DualBound) {
		t.Errorf("time limit: %v %v", err, sol.Status)
	}
	// Warm start from the optimum converges at the first evaluation.
	ref, err := Solve(context.Background(), p, &Settings{Tol: 1e-8})
	if err != nil {
		t.Fatal(err)
	}
	if !(ref.DualBound <= ref.Objective+1e-9*(1+math.Abs(ref.Objective))) || ref.DualBound < ref.Objective-1e-5*(1+math.Abs(ref.Objective)) {
		t.Errorf("DualBound %v vs objective %v", ref.DualBound, ref.Objective)
	}
	warm, err := Solve(context.Background(), p, &Settings{Tol: 1e-6, X0: ref.X, Y0: ref.Y})
	if err != nil || warm.Iterations > 64 {
		t.Errorf("warm start: %v after %d iterations", err, warm.Iterations)
	}
	for _, s := range []Status{Optimal, Stopped, Status(99)} {
		if s.String() == "" {
			t.Errorf("empty String for %d", s)
		}
	}
}

func TestCSRBasics(t *testing.T) {
	a, err := NewCSR(2, 3, []Triplet{{1, 2, 1}, {0, 1, 2}, {1, 2, 3}, {0, 0, 1}, {0, 0, -1}})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([][]float64{{0, 2, 0}, {0, 0, 4}}, a.Dense()); d != "" {
		t.Errorf("dense:\n%s", d)
	}
	if got := a.MulVec(nil, []float64{1, 1, 1}); !cmp.Equal(got, []float64{2, 4}) {
		t.Errorf("MulVec %v", got)
	}
	if got := a.MulTransVec(nil, []float64{1, 2}); !cmp.Equal(got, []float64{0, 2, 8}) {
		t.Errorf("MulTransVec %v", got)
	}
	for _, tc := range [][]Triplet{{{2, 0, 1}}, {{0, 3, 1}}, {{0, 0, math.NaN()}}, {{0, 0, math.MaxFloat64}, {0, 0, math.MaxFloat64}}} {
		if _, err := NewCSR(2, 3, tc); !errors.Is(err, ErrBadProblem) {
			t.Errorf("%v: %v", tc, err)
		}
	}
	if _, err := NewCSR(-1, 3, nil); !errors.Is(err, ErrBadProblem) {
		t.Errorf("negative rows: %v", err)
	}
}

// Polish keeps the answer: with feasibility polishing the solve still meets the tolerance and agrees with the
// unpolished optimum.
func TestPolish(t *testing.T) {
	for seed := range uint64(6) {
		p := randomSparseLP(150, 250, 5, seed)
		ref, err := Solve(context.Background(), p, &Settings{Tol: 1e-7})
		if err != nil {
			t.Fatal(err)
		}
		pol, err := Solve(context.Background(), p, &Settings{Tol: 1e-7, Polish: true})
		if err != nil {
			t.Fatalf("seed %d polished: %v", seed, err)
		}
		if math.Abs(pol.Objective-ref.Objective) > 1e-5*(1+math.Abs(ref.Objective)) {
			t.Errorf("seed %d: polished objective %v vs %v", seed, pol.Objective, ref.Objective)
		}
		if pol.DualBound > ref.Objective+1e-6*(1+math.Abs(ref.Objective)) {
			t.Errorf("seed %d: DualBound %v above optimum %v", seed, pol.DualBound, ref.Objective)
		}
		t.Logf("seed %d: %d iterations unpolished, %d polished", seed, ref.Iterations, pol.Iterations)
	}
}
