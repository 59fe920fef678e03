package game

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"
)

func drawProfile(t *rapid.T, n int, label string) []float64 {
	return rapid.SliceOfN(rapid.Float64Range(0, 1), n, n).Draw(t, label)
}

// Certificate: a best response admits no profitable deviation on a 64-point grid.
func TestPropBestResponseIsBest(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := drawGame(t)
		n := in.g.NumPlayers()
		d := drawProfile(t, n, "d")
		i := rapid.IntRange(0, n-1).Draw(t, "i")
		x := in.g.BestResponse(i, d)
		if !(x >= 0 && x <= 1) {
			t.Fatalf("best response %v outside [0,1]", x)
		}
		e := append([]float64(nil), d...)
		e[i] = x
		best := in.g.Payoff(i, e)
		for q := range 64 {
			e[i] = float64(q) / 63
			if r := in.g.Payoff(i, e); r > best+1e-12 {
				t.Fatalf("x = %v beats T_i = %v: %v > %v", e[i], x, r, best)
			}
		}
	})
}

// BestResponses equals per-player BestResponse bit for bit; FuncGame over Payoff reproduces it to 1e-8.
func TestPropBatchAndFuncGame(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := drawGame(t)
		n := in.g.NumPlayers()
		d := drawProfile(t, n, "d")
		bg := in.g.(BatchGame)
		batch := bg.BestResponses(nil, d)
		fg := FuncGame{N: n, F: in.g.Payoff}
		for i := range n {
			if x := in.g.BestResponse(i, d); math.Float64bits(x) != math.Float64bits(batch[i]) {
				t.Fatalf("player %d: BestResponse %v != BestResponses %v", i, x, batch[i])
			}
			before := d[i]
			if x := fg.BestResponse(i, d); math.Abs(x-batch[i]) > 1e-8 {
				t.Fatalf("player %d: FuncGame %v, model %v", i, x, batch[i])
			}
			if d[i] != before {
				t.Fatalf("FuncGame did not restore d[%d]", i)
			}
		}
	})
}

// Every TwoPlayerNash point has NEGap ≤ 1e-12 and is a one-step fixed point of BRUA.
func TestPropTwoPlayerCertificates(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		model := rapid.IntRange(1, 3).Draw(t, "model")
		y := [2]float64{rapid.Float64Range(0, 2).Draw(t, "y01"), rapid.Float64Range(0, 2).Draw(t, "y10")}
		yy, err := CSRFromDense([][]float64{{0, y[0]}, {y[1], 0}})
		if err != nil {
			t.Fatal(err)
		}
		k := drawK(t, 2, 0.01, 1)
		c := rapid.Float64Range(0.01, 5).Draw(t, "c")
		var g Game
		switch model {
		case 1:
			g, err = NewDifferentialService(yy, k, c)
		case 2:
			g, err = NewPublicGood(yy, k, c)
		default:
			g, err = NewLinearQuadratic(yy, k, rapid.Float64Range(-1, 1).Draw(t, "a"), c)
		}
		if err != nil {
			t.Fatal(err)
		}
		es, err := TwoPlayerNash(g)
		if err != nil {
			t.Skip("degenerate instance") // measure-zero draws only
		}
		if len(es) == 0 {
			t.Fatalf("no equilibrium found (every instance of a continuous game on a box has one)")
		}
		for q, e := range es {
			if q > 0 && (es[q-1].D[0] > e.D[0] || (es[q-1].D[0] == e.D[0] && es[q-1].D[1] >= e.D[1])) {
				t.Fatalf("not sorted: %v", es)
			}
			if gap, _ := NEGap(g, e.D[:]); gap > 1e-12 {
				t.Fatalf("NEGap at %v = %g", e.D, gap)
			}
			res, err := BRUA(context.Background(), g, e.D[:], &Settings{Eps: 1e-12})
			if err != nil || res.Iterations != 1 || res.Step > 1e-12 {
				t.Fatalf("BRUA from %v: err %v, Iterations %d, Step %g", e.D, err, res.Iterations, res.Step)
			}
		}
	})
}

// Contraction instances: Jacobi, Gauss–Seidel and damped Jacobi reach the unique NE within their error bounds,
// and NEGap ≤ G·L_λ·Eps.
func TestPropContraction(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := drawContraction(t)
		n := in.g.NumPlayers()
		d0 := drawProfile(t, n, "d0")
		ref, err := BRUA(context.Background(), in.g, d0, &Settings{Eps: 1e-14, MaxIter: 100000})
		if err != nil {
			t.Fatalf("reference: %v", err)
		}
		refErr := ref.ErrorBound + 1e-14
		G := in.slopeBound()
		var ds [][]float64
		var bounds []float64
		for _, s := range []Settings{{}, {Update: GaussSeidel}, {Damping: 0.5}, {Update: GaussSeidel, Damping: 0.5}} {
			res, err := BRUA(context.Background(), in.g, d0, &s)
			if err != nil {
				t.Fatalf("%+v: %v", s, err)
			}
			if !res.Contraction || !(res.Lipschitz < 1) {
				t.Fatalf("%+v: Contraction %v, L_λ %v", s, res.Contraction, res.Lipschitz)
			}
			if e := maxAbsDiff(res.D, ref.D); e > res.ErrorBound+refErr {
				t.Fatalf("%+v: ‖D − d*‖ = %g > ErrorBound %g", s, e, res.ErrorBound)
			}
			if lim := G*res.Lipschitz*1e-9 + 1e-14; res.NEGap > lim {
				t.Fatalf("%+v: NEGap %g > G·L_λ·Eps = %g", s, res.NEGap, lim)
			}
			ds = append(ds, res.D)
			bounds = append(bounds, res.ErrorBound)
		}
		for q := 1; q < len(ds); q++ {
			if e := maxAbsDiff(ds[0], ds[q]); e > bounds[0]+bounds[q]+1e-14 {
				t.Fatalf("run %d differs from Jacobi by %g (bounds %g, %g)", q, e, bounds[0], bounds[q])
			}
		}
	})
}

// Supermodular monotonicity (R1, R3): from InitOne the Jacobi trajectory is non-increasing, from InitZero
// non-decreasing; the NE average from InitOne is non-increasing in a common k and non-decreasing in c.
func TestPropSupermodularMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 30).Draw(t, "n")
		r3 := rapid.Bool().Draw(t, "r3")
		y := drawCSR(t, n, rapid.Float64Range(0.1, 3).Draw(t, "rowSum"))
		k := rapid.Float64Range(0.01, 1).Draw(t, "k")
		c := rapid.Float64Range(0.01, 5).Draw(t, "c")
		a := rapid.Float64Range(-0.5, 0.5).Draw(t, "a")
		mk := func(k, c float64) Game {
			ks := make([]float64, n)
			for i := range ks {
				ks[i] = k
			}
			if r3 {
				g, err := NewLinearQuadratic(y, ks, a, c)
				if err != nil {
					t.Fatal(err)
				}
				return g
			}
			g, err := NewDifferentialService(y, ks, c)
			if err != nil {
				t.Fatal(err)
			}
			return g
		}
		g := mk(k, c)
		for _, init := range []InitRule{InitOne, InitZero} {
			last := make([]float64, n)
			if init == InitOne {
				for i := range last {
					last[i] = 1
				}
			}
			for it := 1; it <= 12; it++ {
				res, err := BRUA(context.Background(), g, nil, &Settings{Init: init, MaxIter: it})
				if err != nil && !errors.Is(err, ErrNotConverged) {
					t.Fatalf("init %d, MaxIter %d: %v", init, it, err)
				}
				for i := range last {
					if (init == InitOne && res.D[i] > last[i]) || (init == InitZero && res.D[i] < last[i]) {
						t.Fatalf("init %d: iterate %d player %d moved the wrong way: %v → %v", init, it, i, last[i], res.D[i])
					}
				}
				last = res.D
			}
		}
		avg := func(g Game) float64 {
			res, err := BRUA(context.Background(), g, nil, &Settings{Init: InitOne, Eps: 1e-13, MaxIter: 100000})
			if err != nil {
				t.Fatalf("InitOne: %v", err)
			}
			return mean(res.D)
		}
		base := avg(g)
		if up := avg(mk(k*rapid.Float64Range(1, 3).Draw(t, "kf"), c)); up > base+1e-7 {
			t.Fatalf("average rose with k: %v → %v", base, up)
		}
		if up := avg(mk(k, c*rapid.Float64Range(1, 3).Draw(t, "cf"))); up < base-1e-7 {
			t.Fatalf("average fell with c: %v → %v", base, up)
		}
	})
}

// Result invariants on arbitrary runs: trajectory length and values, D in the box, NEGap ≥ 0 and finite.
func TestPropResultInvariants(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := drawGame(t)
		n := in.g.NumPlayers()
		s := &Settings{
			Update:  UpdateRule(rapid.IntRange(0, 1).Draw(t, "update")),
			Damping: rapid.SampledFrom([]float64{0, 0.5, 0.9}).Draw(t, "damping"),
			Init:    InitRule(rapid.IntRange(0, 2).Draw(t, "init")),
			Src:     rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 3),
			MaxIter: rapid.IntRange(1, 300).Draw(t, "maxIter"),
		}
		var hookAvgs []float64
		s.Progress = func(p Progress) error {
			hookAvgs = append(hookAvgs, p.Avg)
			if p.Iteration != len(hookAvgs) {
				return errSentinel
			}
			return nil
		}
		res, err := BRUA(context.Background(), in.g, nil, s)
		if err != nil && res == nil {
			t.Fatalf("nil result with %v", err)
		}
		if err == errSentinel {
			t.Fatalf("hook saw wrong iteration numbers")
		}
		if len(res.AvgTrajectory) != res.Iterations+1 || len(hookAvgs) != res.Iterations {
			t.Fatalf("trajectory %d, hook %d, iterations %d", len(res.AvgTrajectory), len(hookAvgs), res.Iterations)
		}
		for q, v := range hookAvgs {
			if v != res.AvgTrajectory[q+1] {
				t.Fatalf("trajectory[%d] = %v, hook %v", q+1, res.AvgTrajectory[q+1], v)
			}
		}
		if last := res.AvgTrajectory[res.Iterations]; last != mean(res.D) {
			t.Fatalf("last trajectory point %v != mean(D) %v", last, mean(res.D))
		}
		for i, v := range res.D {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("D[%d] = %v", i, v)
			}
		}
		if !(res.NEGap >= 0) || math.IsInf(res.NEGap, 0) {
			t.Fatalf("NEGap = %v", res.NEGap)
		}
		if (err == nil) != res.Converged || res.Converged != (res.Status == Converged) {
			t.Fatalf("err %v, Converged %v, Status %v", err, res.Converged, res.Status)
		}
		if res.Converged && res.Step > 1e-9 {
			t.Fatalf("converged with Step %g", res.Step)
		}
		if len(res.D) != n {
			t.Fatalf("len(D) = %d", len(res.D))
		}
	})
}

// Relabelling the players permutes the Jacobi result.
func TestPropPermutationEquivariance(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := drawContraction(t)
		n := in.g.NumPlayers()
		perm := rapid.Permutation(seq(n)).Draw(t, "perm") // new index q holds old player perm[q]
		d0 := drawProfile(t, n, "d0")
		inv := make([]int, n)
		for q, p := range perm {
			inv[p] = q
		}
		var rows, cols []int
		var vals []float64
		for i := range n {
			cs, vs := in.y.Row(i)
			for p, j := range cs {
				rows = append(rows, inv[i])
				cols = append(cols, inv[j])
				vals = append(vals, vs[p])
			}
		}
		py, err := CSRFromTriplets(n, rows, cols, vals)
		if err != nil {
			t.Fatal(err)
		}
		pk := make([]float64, n)
		pd0 := make([]float64, n)
		for q, p := range perm {
			pk[q], pd0[q] = in.k[p], d0[p]
		}
		var pg Game
		if in.model == 2 {
			pg, err = NewPublicGood(py, pk, in.c)
		} else {
			pg, err = NewLinearQuadratic(py, pk, in.a, in.c)
		}
		if err != nil {
			t.Fatal(err)
		}
		r1, err1 := BRUA(context.Background(), in.g, d0, nil)
		r2, err2 := BRUA(context.Background(), pg, pd0, nil)
		if err1 != nil || err2 != nil {
			t.Fatalf("errors %v, %v", err1, err2)
		}
		for q, p := range perm {
			if math.Abs(r2.D[q]-r1.D[p]) > 1e-12 {
				t.Fatalf("player %d: %v vs %v", p, r1.D[p], r2.D[q])
			}
		}
	})
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

type sentinelErr struct{}

func (sentinelErr) Error() string { return "test sentinel" }

var errSentinel error = sentinelErr{}
