package timeslot

import (
	"context"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/mat"
	glp "gonum.org/v1/gonum/optimize/convex/lp"

	"github.com/cdnkit/cdnkit/device"
)

// gonumScenario is the cross-check instance of spec timeslot.md §5: full cooperation, 3 users (2 video),
// T = 2·segs slots, Q = 5, B = 6 s, about 15 % zero-capacity slots.
func gonumScenario(t testing.TB, seed uint64, segs int) *device.Scenario {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 99))
	pool := make([]*device.Trace, 3)
	for k := range pool {
		starts := make([]float64, 60)
		mbps := make([]float64, 60)
		for i := range starts {
			starts[i] = float64(i)
			if r.Float64() >= 0.15 {
				mbps[i] = 0.3 + 4*r.Float64()
			}
		}
		tr, err := device.NewTrace("x", starts, mbps, 60, true)
		if err != nil {
			t.Fatal(err)
		}
		pool[k] = tr
	}
	sc, err := device.NewPaperScenario(device.PaperConfig{Users: 3, VideoShare: 2.0 / 3, Segments: segs,
		MaxBuffer: 6, Traces: pool, Coop: device.CoopFull}, rand.NewPCG(seed, 100))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// simplexOptimum solves the model with gonum's dense simplex in standard form (slacks for the inequality rows,
// upper-bound rows only for b and s columns: the flow and hub bounds are implied) and returns the welfare
// optimum (max form).
func simplexOptimum(t testing.TB, m *Model) float64 {
	t.Helper()
	p := m.Problem
	n := p.A.Cols
	var ubCols []int
	for j, c := range m.Columns {
		if c.Kind == ColBuffer || c.Kind == ColStall {
			ubCols = append(ubCols, j)
		}
	}
	var ineq []int
	for i := range p.A.Rows {
		if p.RowLower[i] != p.RowUpper[i] {
			ineq = append(ineq, i)
		}
	}
	rows := p.A.Rows + len(ubCols)
	cols := n + len(ineq) + len(ubCols)
	a := mat.NewDense(rows, cols, nil)
	b := make([]float64, rows)
	c := make([]float64, cols)
	copy(c, p.C)
	for i := range p.A.Rows {
		for q := p.A.RowPtr[i]; q < p.A.RowPtr[i+1]; q++ {
			a.Set(i, int(p.A.ColIdx[q]), p.A.Val[q])
		}
		b[i] = p.RowUpper[i]
	}
	for k, i := range ineq {
		a.Set(i, n+k, 1)
	}
	for k, j := range ubCols {
		r := p.A.Rows + k
		a.Set(r, j, 1)
		a.Set(r, n+len(ineq)+k, 1)
		b[r] = p.Upper[j]
	}
	opt, _, err := glp.Simplex(c, a, b, 1e-10, nil)
	if err != nil {
		t.Fatalf("gonum simplex: %v", err)
	}
	return -opt
}

// TestGonumTimeslotModels cross-checks the flow and hub forms against gonum's simplex: equal optima (1e-9
// relative), certified UB within [opt − 1e-12(1+|opt|), opt + 1e-5(1+|opt|)] at Tol 1e-6, and Certify of random
// y (normal × 10) never below the optimum (weak duality for any y).
func TestGonumTimeslotModels(t *testing.T) {
	seeds, segs := []uint64{2}, 5 // T = 10: ≤ 92 rows
	if !testing.Short() {
		seeds, segs = []uint64{1, 3}, 10 // T = 20, as the spec's reference run
	}
	for _, seed := range seeds {
		t.Run(strconv.FormatUint(seed, 10), func(t *testing.T) {
			t.Parallel()
			gonumOne(t, seed, segs)
		})
	}
}

func gonumOne(t *testing.T, seed uint64, segs int) {
	sc := gonumScenario(t, seed, segs)
	var opts [2]float64
	for k, f := range []Form{FormFlow, FormHub} {
		ms, err := Build(sc, &Settings{Form: f})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 {
			t.Fatalf("seed %d %v: %d components, want 1", seed, f, len(ms))
		}
		opts[k] = simplexOptimum(t, ms[0])
		r := rand.New(rand.NewPCG(seed, uint64(k)))
		for range 50 {
			y := make([]float64, len(ms[0].Rows))
			for i := range y {
				y[i] = 10 * r.NormFloat64()
			}
			if u := ms[0].Certify(y); u < opts[k]-1e-12*(1+math.Abs(opts[k])) {
				t.Fatalf("seed %d %v: Certify(random y) = %.15g < optimum %.15g", seed, f, u, opts[k])
			}
		}
		ub, err := UpperBound(context.Background(), sc, &Settings{Form: f})
		if err != nil {
			t.Fatal(err)
		}
		opt := opts[k]
		if ub.Welfare < opt-1e-12*(1+math.Abs(opt)) || ub.Welfare > opt+1e-5*(1+math.Abs(opt)) {
			t.Fatalf("seed %d %v: certified UB %.15g, simplex optimum %.15g", seed, f, ub.Welfare, opt)
		}
		if ub.LPFeasible > opt+1e-9*(1+math.Abs(opt)) {
			t.Fatalf("seed %d %v: LPFeasible %.15g above the optimum %.15g", seed, f, ub.LPFeasible, opt)
		}
		t.Logf("seed %d %v: %d cols %d rows, opt %.10g, UB %.10g (+%.2g rel), %d iterations", seed, f,
			ub.Columns, ub.Rows, opt, ub.Welfare, (ub.Welfare-opt)/(1+math.Abs(opt)), ub.Iterations)
	}
	if math.Abs(opts[0]-opts[1]) > 1e-9*(1+math.Abs(opts[0])) {
		t.Fatalf("seed %d: flow optimum %.15g ≠ hub optimum %.15g", seed, opts[0], opts[1])
	}
}
