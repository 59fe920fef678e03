package game

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func TestBRUAValidation(t *testing.T) {
	g := mustR2(t, csr2(t, 0.5, 0.5), []float64{0.5, 0.5}, 1)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		d0   []float64
		s    *Settings
		want error
	}{
		{"NaN start", []float64{math.NaN(), 0}, nil, ErrBadStart},
		{"start > 1", []float64{0, 1.5}, nil, ErrBadStart},
		{"start < 0", []float64{-0.1, 0}, nil, ErrBadStart},
		{"Eps < 0", nil, &Settings{Eps: -1}, ErrBadSettings},
		{"Eps NaN", nil, &Settings{Eps: math.NaN()}, ErrBadSettings},
		{"MaxIter < 0", nil, &Settings{MaxIter: -1}, ErrBadSettings},
		{"Damping > 1", nil, &Settings{Damping: 1.5}, ErrBadSettings},
		{"Damping < 0", nil, &Settings{Damping: -0.5}, ErrBadSettings},
		{"Damping NaN", nil, &Settings{Damping: math.NaN()}, ErrBadSettings},
		{"Update", nil, &Settings{Update: 7}, ErrBadSettings},
		{"Init", nil, &Settings{Init: -1}, ErrBadSettings},
	} {
		res, err := BRUA(ctx, g, tc.d0, tc.s)
		if !errors.Is(err, tc.want) || res != nil {
			t.Errorf("%s: (%v, %v), want (nil, %v)", tc.name, res, err, tc.want)
		}
	}
	if _, err := BRUA(ctx, FuncGame{N: 0, F: func(int, []float64) float64 { return 0 }}, nil, nil); !errors.Is(err, ErrNoPlayers) {
		t.Errorf("no players: %v", err)
	}
	mustPanic(t, "nil game", func() { _, _ = BRUA(ctx, nil, nil, nil) })
	mustPanic(t, "len(d0)", func() { _, _ = BRUA(ctx, g, []float64{0}, nil) })
}

func TestModelValidation(t *testing.T) {
	y := csr2(t, 1, 1)
	nan, inf := math.NaN(), math.Inf(1)
	for _, tc := range []struct {
		k     []float64
		a, c  float64
		param string
	}{
		{[]float64{0, 1}, 0, 1, "k"},
		{[]float64{1, -1}, 0, 1, "k"},
		{[]float64{1, nan}, 0, 1, "k"},
		{[]float64{1, inf}, 0, 1, "k"},
		{[]float64{1, 1}, 0, nan, "c"},
		{[]float64{1, 1}, 0, inf, "c"},
		{[]float64{1, 1}, 0, -1, "c"},
	} {
		_, e1 := NewDifferentialService(y, tc.k, tc.c)
		_, e2 := NewPublicGood(y, tc.k, tc.c)
		_, e3 := NewLinearQuadratic(y, tc.k, tc.a, tc.c)
		for m, err := range []error{e1, e2, e3} {
			var pe *ParamError
			if !errors.As(err, &pe) || !errors.Is(err, ErrBadParam) || pe.Param != tc.param {
				t.Errorf("model R%d, %+v: err = %v", m+1, tc, err)
			}
		}
	}
	// Payoff bounds that overflow.
	y2 := csr2(t, 2, 2)
	_, e1 := NewDifferentialService(y2, []float64{1, 1}, math.MaxFloat64)
	_, e2 := NewPublicGood(y2, []float64{1, 1}, math.MaxFloat64)
	_, e3 := NewLinearQuadratic(y2, []float64{1, 1}, 0, math.MaxFloat64)
	for m, err := range []error{e1, e2, e3} {
		if !errors.Is(err, ErrBadParam) {
			t.Errorf("R%d with overflowing payoff bound: %v", m+1, err)
		}
	}
	// c = 0: R1 and R2 reject, R3 accepts.
	if _, err := NewDifferentialService(y, []float64{1, 1}, 0); err == nil {
		t.Errorf("R1 accepted c = 0")
	}
	if _, err := NewPublicGood(y, []float64{1, 1}, 0); err == nil {
		t.Errorf("R2 accepted c = 0")
	}
	if _, err := NewLinearQuadratic(y, []float64{1, 1}, 0.1, 0); err != nil {
		t.Errorf("R3 rejected c = 0: %v", err)
	}
	for _, a := range []float64{nan, inf, -inf} {
		if _, err := NewLinearQuadratic(y, []float64{1, 1}, a, 1); !errors.Is(err, ErrBadParam) {
			t.Errorf("R3 a = %v: %v", a, err)
		}
	}
	mustPanic(t, "len(k)", func() { _, _ = NewPublicGood(y, []float64{1}, 1) })
	mustPanic(t, "nil Y", func() { _, _ = NewPublicGood(nil, nil, 1) })
	// K returns a copy; accessors.
	k := []float64{0.3, 0.4}
	g := mustR3(t, y, k, 0.1, 0.2)
	k[0] = 9
	kk := g.K()
	kk[1] = 9
	if g.K()[0] != 0.3 || g.K()[1] != 0.4 || g.A() != 0.1 || g.C() != 0.2 || g.Y() != y || g.Benefit(0, []float64{0.7, 0.5}) != 0.5 {
		t.Errorf("accessors: K %v A %v C %v", g.K(), g.A(), g.C())
	}
}

// Symmetric n-player R1 on a complete graph with rows summing to s behaves like the two-player game with
// ρ = c·s/k: the symmetric profiles 0, d₋·1 and 1 are NE, and d₋ separates the basins of 0 and 1.
func TestSymmetricNPlayerR1(t *testing.T) {
	const n = 25
	y, err := RandomCSR(n, 1, 0, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	// Uniform weights 0.9/(n−1) so that every B_i(x·1) = 0.9x.
	var rows, cols []int
	var vals []float64
	for i := range n {
		cs, _ := y.Row(i)
		for _, j := range cs {
			rows, cols, vals = append(rows, i), append(cols, int(j)), append(vals, 0.9/(n-1))
		}
	}
	y, err = CSRFromTriplets(n, rows, cols, vals)
	if err != nil {
		t.Fatal(err)
	}
	k := make([]float64, n)
	for i := range k {
		k[i] = 0.2
	}
	g := mustR1(t, y, k, 1) // ρ = 4.5: d₋ = 0.5
	dLo, _ := symmetricRoots(4.5)
	for _, x := range []float64{0, dLo, 1} {
		d := make([]float64, n)
		for i := range d {
			d[i] = x
		}
		if gap, _ := NEGap(g, d); gap > 1e-12 {
			t.Errorf("symmetric profile %v: NEGap %g", x, gap)
		}
	}
	for _, tc := range []struct{ start, want float64 }{{dLo - 0.01, 0}, {dLo + 0.01, 1}} {
		d0 := make([]float64, n)
		for i := range d0 {
			d0[i] = tc.start
		}
		res, err := BRUA(context.Background(), g, d0, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range res.D {
			if v != tc.want {
				t.Fatalf("start %v: D[%d] = %v, want %v", tc.start, i, v, tc.want)
			}
		}
	}
	res, err := BRUA(context.Background(), g, nil, &Settings{Init: InitOne})
	if err != nil || res.Iterations != 1 || mean(res.D) != 1 {
		t.Errorf("InitOne: %v, %d iterations, avg %v", err, res.Iterations, mean(res.D))
	}
	if res.Lipschitz != math.Inf(1) || res.Contraction || res.ErrorBound != math.Inf(1) {
		t.Errorf("R1 contraction fields: %v %v %v", res.Lipschitz, res.Contraction, res.ErrorBound)
	}
}

func TestBRUACancelAndHook(t *testing.T) {
	g := mustR2(t, csr2(t, 1, 1), []float64{0.5, 0.5}, 1) // G9: oscillates forever with IgnoreCycles
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := BRUA(ctx, g, []float64{0.2, 0.5}, nil)
	if !errors.Is(err, context.Canceled) || res == nil || res.Status != Cancelled || res.Iterations != 0 ||
		math.IsNaN(res.NEGap) || math.IsInf(res.NEGap, 0) || len(res.AvgTrajectory) != 1 {
		t.Errorf("pre-cancelled: %v %+v", err, res)
	}
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	s := &Settings{IgnoreCycles: true, MaxIter: 1000000, Progress: func(p Progress) error {
		if p.Iteration == 10 {
			cancel()
		}
		return nil
	}}
	res, err = BRUA(ctx, g, []float64{0.2, 0.5}, s)
	if !errors.Is(err, context.Canceled) || res.Iterations != 10 || res.Status != Cancelled {
		t.Errorf("cancel at 10: %v, %d, %v", err, res.Iterations, res.Status)
	}
	stop := errors.New("stop")
	res, err = BRUA(context.Background(), g, []float64{0.2, 0.5}, &Settings{IgnoreCycles: true, Progress: func(p Progress) error {
		if p.Iteration == 5 {
			return stop
		}
		return nil
	}})
	if !errors.Is(err, stop) || res.Iterations != 5 || res.Status != Stopped {
		t.Errorf("hook stop: %v, %d, %v", err, res.Iterations, res.Status)
	}
}

func TestBRUABadBestResponse(t *testing.T) {
	for _, bad := range []float64{math.NaN(), 1.5, -0.1, math.Inf(1)} {
		calls := 0
		g := badGame{n: 3, bad: bad, after: 4, calls: &calls}
		for _, u := range []UpdateRule{Jacobi, GaussSeidel} {
			calls = 0
			res, err := BRUA(context.Background(), g, []float64{0.1, 0.2, 0.3}, &Settings{Update: u})
			var be *BestResponseError
			if !errors.As(err, &be) || res == nil || be.Iteration != 2 || be.Player != 1 {
				t.Fatalf("bad %v update %d: err %v", bad, u, err)
			}
			if res.Iterations != 1 || res.Status != Stopped || math.IsNaN(res.NEGap) {
				t.Errorf("bad %v: %+v", bad, res)
			}
			for _, v := range res.D {
				if v != 0.5 {
					t.Errorf("bad %v: D = %v, want last valid iterate", bad, res.D)
				}
			}
		}
	}
}

// badGame answers 0.5 for its first `after` best-response calls and then bad.
type badGame struct {
	n     int
	bad   float64
	after int
	calls *int
}

func (g badGame) NumPlayers() int                   { return g.n }
func (g badGame) Payoff(i int, d []float64) float64 { return -(d[i] - 0.5) * (d[i] - 0.5) }
func (g badGame) BestResponse(i int, d []float64) float64 {
	*g.calls++
	if *g.calls > g.after {
		return g.bad
	}
	return 0.5
}

func TestBRUAZeroAllocsPerIteration(t *testing.T) {
	g := mustR2(t, csr2(t, 1, 1), []float64{0.5, 0.5}, 1)
	d0 := []float64{0.2, 0.5}
	run := func(maxIter int) float64 {
		return testing.AllocsPerRun(20, func() {
			_, _ = BRUA(context.Background(), g, d0, &Settings{IgnoreCycles: true, MaxIter: maxIter})
		})
	}
	if a100, a1000 := run(100), run(1000); a100 != a1000 {
		t.Errorf("allocations depend on iterations: %v (100) vs %v (1000)", a100, a1000)
	}
}

func TestStatusString(t *testing.T) {
	if Converged.String() != "Converged" || Status(42).String() != "Status(42)" || Stopped.String() != "Stopped" {
		t.Errorf("String: %v %v", Converged, Status(42))
	}
}

func TestFuncGameGridAndLipschitz(t *testing.T) {
	// Bimodal payoff: local max at 0.2 (value 0.5) and global max at 0.8 (value 1).
	f := func(i int, d []float64) float64 {
		x := d[i]
		return math.Max(0.5-40*(x-0.2)*(x-0.2), 1-40*(x-0.8)*(x-0.8))
	}
	g := FuncGame{N: 1, F: f, Grid: 10}
	if x := g.BestResponse(0, []float64{0.1}); math.Abs(x-0.8) > 1e-8 {
		t.Errorf("grid best response = %v, want 0.8", x)
	}
	if L, ok := g.Lipschitz(); ok || !math.IsInf(L, 1) {
		t.Errorf("unknown L: %v %v", L, ok)
	}
	g.L = 0.5
	if L, ok := g.Lipschitz(); !ok || L != 0.5 {
		t.Errorf("L: %v %v", L, ok)
	}
	mustPanic(t, "nil F", func() { FuncGame{N: 1}.BestResponse(0, []float64{0}) })
	mustPanic(t, "nil F payoff", func() { FuncGame{N: 1}.Payoff(0, []float64{0}) })
}

func TestMaximizeBoundedPanicsAndEdges(t *testing.T) {
	mustPanic(t, "nil f", func() { MaximizeBounded(nil, 0, 1, 0) })
	mustPanic(t, "lo > hi", func() { MaximizeBounded(func(x float64) float64 { return x }, 1, 0, 0) })
	mustPanic(t, "NaN", func() { MaximizeBounded(func(x float64) float64 { return x }, math.NaN(), 0, 0) })
	if x, fx := MaximizeBounded(func(x float64) float64 { return x * x }, 0.5, 0.5, 0); x != 0.5 || fx != 0.25 {
		t.Errorf("degenerate interval: %v %v", x, fx)
	}
	// NaN values count as −Inf: the maximiser avoids the NaN region.
	f := func(x float64) float64 {
		if x > 0.6 {
			return math.NaN()
		}
		return x
	}
	if x, fx := MaximizeBounded(f, 0, 1, 0); math.IsNaN(fx) || x > 0.6 || x < 0.59 {
		t.Errorf("NaN region: %v %v", x, fx)
	}
}
