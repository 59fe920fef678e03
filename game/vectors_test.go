package game

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// The unit vectors G1–G12 come from the closed forms of the spec (derived by hand in spec/game.md §2.3 and
// §5); every number below is an exact value of those formulas.

var approx12 = cmpopts.EquateApprox(0, 1e-12)

func eqPoints(es []Equilibrium2) ([][2]float64, []bool) {
	pts := make([][2]float64, len(es))
	st := make([]bool, len(es))
	for i, e := range es {
		pts[i], st[i] = e.D, e.Stable
	}
	return pts, st
}

func checkNash(t *testing.T, g Game, wantPts [][2]float64, wantStable []bool) {
	t.Helper()
	es, err := TwoPlayerNash(g)
	if err != nil {
		t.Fatalf("TwoPlayerNash: %v", err)
	}
	pts, st := eqPoints(es)
	if d := cmp.Diff(wantPts, pts, approx12); d != "" {
		t.Errorf("equilibria (-want +got):\n%s", d)
	}
	if wantStable != nil {
		if d := cmp.Diff(wantStable, st); d != "" {
			t.Errorf("stability (-want +got):\n%s", d)
		}
	}
	for _, e := range es {
		if gap, _ := NEGap(g, e.D[:]); gap > 1e-12 {
			t.Errorf("NEGap at %v = %g", e.D, gap)
		}
	}
}

// symmetricRoots returns d± = [(ρ−2) ± √(ρ(ρ−4))]/2, the roots of (1+d)² = ρd.
func symmetricRoots(rho float64) (lo, hi float64) {
	r := math.Sqrt(rho * (rho - 4))
	return (rho - 2 - r) / 2, (rho - 2 + r) / 2
}

func TestG1G3SymmetricR1(t *testing.T) {
	for _, tc := range []struct {
		name           string
		y, k           float64
		dLo, dHi       float64
		wantPts        [][2]float64
		wantStableMids bool
	}{
		// G1: ρ = 0.9/0.2 = 4.5, d₋ = 0.5, d₊ = 2.
		{"G1", 0.9, 0.2, 0.5, 2, [][2]float64{{0, 0}, {0.5, 0.5}, {1, 1}}, false},
		// G3: ρ = 0.5/0.08 = 6.25, d₋ = 0.25, d₊ = 4.
		{"G3", 0.5, 0.08, 0.25, 4, [][2]float64{{0, 0}, {0.25, 0.25}, {1, 1}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lo, hi := symmetricRoots(tc.y / tc.k)
			if d := cmp.Diff([]float64{tc.dLo, tc.dHi}, []float64{lo, hi}, approx12); d != "" {
				t.Errorf("d± (-want +got):\n%s", d)
			}
			if math.Abs(lo*hi-1) > 1e-12 {
				t.Errorf("d₋·d₊ = %v, want 1", lo*hi)
			}
			g := mustR1(t, csr2(t, tc.y, tc.y), []float64{tc.k, tc.k}, 1)
			checkNash(t, g, tc.wantPts, []bool{true, tc.wantStableMids, true})
		})
	}
}

func TestG2BasinsR1(t *testing.T) {
	g := mustR1(t, csr2(t, 0.9, 0.9), []float64{0.2, 0.2}, 1)
	for _, tc := range []struct {
		start, want float64
	}{{0.49, 0}, {0.51, 1}} {
		res, err := BRUA(context.Background(), g, []float64{tc.start, tc.start}, nil)
		if err != nil {
			t.Fatalf("start %v: %v", tc.start, err)
		}
		if d := cmp.Diff([]float64{tc.want, tc.want}, res.D); d != "" {
			t.Errorf("start %v: D (-want +got):\n%s", tc.start, d)
		}
		if res.NEGap != 0 || !res.Converged || res.Status != Converged {
			t.Errorf("start %v: NEGap %v, Converged %v, Status %v", tc.start, res.NEGap, res.Converged, res.Status)
		}
	}
}

func TestG4AsymmetricR1(t *testing.T) {
	// ρ = (1/0.32, 0.9/0.1) = (3.125, 9).
	g := mustR1(t, csr2(t, 1, 0.9), []float64{0.32, 0.1}, 1)
	checkNash(t, g, [][2]float64{{0, 0}, {0.25, 0.5}, {math.Sqrt(3.125) - 1, 1}}, []bool{true, false, true})
	if got := math.Sqrt(3.125) - 1; math.Abs(got-0.7677669529663689) > 1e-15 {
		t.Errorf("√3.125 − 1 = %v", got)
	}
	// u = 0.5 is a root of q(u) = u⁴ + 2u² − ρ₁√ρ₂u + (1+ρ₁).
	roots := quarticRoots(3.125, 9)
	found := false
	for _, u := range roots {
		found = found || math.Abs(u-0.5) < 1e-14
	}
	if !found {
		t.Errorf("quartic roots %v do not contain 0.5", roots)
	}
	// Slope product at the interior point: (√3.125/(2√0.5))·(3/(2·0.5)) = 1.25·3 = 3.75.
	tp := 1.25 * 3.0
	if got := (math.Sqrt(3.125) / (2 * math.Sqrt(0.5))) * (3 / (2 * 0.5)); math.Abs(got-tp) > 1e-12 {
		t.Errorf("|D1 D2| = %v, want 3.75", got)
	}
}

func TestG5OscillationR1(t *testing.T) {
	g := mustR1(t, csr2(t, 0.9, 0.9), []float64{0.2, 0.2}, 1)
	res, err := BRUA(context.Background(), g, []float64{1, 0}, nil)
	if !errors.Is(err, ErrOscillation) {
		t.Fatalf("err = %v, want ErrOscillation", err)
	}
	if !res.Oscillating || res.Status != Oscillation || res.Converged {
		t.Errorf("flags: Oscillating %v Status %v Converged %v", res.Oscillating, res.Status, res.Converged)
	}
	pair := [][]float64{res.D, res.Cycle}
	okA := cmp.Equal(pair, [][]float64{{1, 0}, {0, 1}})
	okB := cmp.Equal(pair, [][]float64{{0, 1}, {1, 0}})
	if !okA && !okB {
		t.Errorf("{D, Cycle} = %v, want {(1,0),(0,1)}", pair)
	}
	res, err = BRUA(context.Background(), g, []float64{1, 0}, &Settings{Update: GaussSeidel})
	if err != nil {
		t.Fatalf("Gauss–Seidel: %v", err)
	}
	if d := cmp.Diff([]float64{0, 0}, res.D); d != "" {
		t.Errorf("Gauss–Seidel D (-want +got):\n%s", d)
	}
}

func TestG6G8PublicGood(t *testing.T) {
	for _, tc := range []struct {
		name     string
		k        []float64
		y01, y10 float64
		want     [2]float64
		L        float64
	}{
		{"G6", []float64{0.5, 0.5}, 0.5, 0.5, [2]float64{2.0 / 3, 2.0 / 3}, 0.5},
		{"G7", []float64{0.5, 0.625}, 0.5, 0.25, [2]float64{0.8, 0.4}, 0.5},
		{"G8", []float64{0.25, 0.5}, 0.5, 0.5, [2]float64{1, 0.5}, 0.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := mustR2(t, csr2(t, tc.y01, tc.y10), tc.k, 1)
			checkNash(t, g, [][2]float64{tc.want}, []bool{true})
			if L, ok := g.Lipschitz(); !ok || L != tc.L {
				t.Errorf("Lipschitz = %v, %v; want %v", L, ok, tc.L)
			}
			checkBRUAFixedPoint(t, g, tc.want)
		})
	}
}

// checkBRUAFixedPoint runs Jacobi and Gauss–Seidel BRUA from (0.3, 0.9) and checks that they converge to want.
func checkBRUAFixedPoint(t *testing.T, g Game, want [2]float64) {
	t.Helper()
	for _, u := range []UpdateRule{Jacobi, GaussSeidel} {
		res, err := BRUA(context.Background(), g, []float64{0.3, 0.9}, &Settings{Update: u, Eps: 1e-13})
		if err != nil {
			t.Fatalf("update %d: %v", u, err)
		}
		if d := cmp.Diff(want[:], res.D, cmpopts.EquateApprox(0, 1e-12)); d != "" {
			t.Errorf("update %d: D (-want +got):\n%s", u, d)
		}
		if res.NEGap > 1e-12 {
			t.Errorf("update %d: NEGap %v", u, res.NEGap)
		}
		if !res.Contraction || res.ErrorBound > 1e-12 {
			t.Errorf("update %d: Contraction %v ErrorBound %v", u, res.Contraction, res.ErrorBound)
		}
	}
}

func TestG9DegeneratePublicGood(t *testing.T) {
	g := mustR2(t, csr2(t, 1, 1), []float64{0.5, 0.5}, 1)
	if _, err := TwoPlayerNash(g); !errors.Is(err, ErrDegenerate) {
		t.Errorf("TwoPlayerNash err = %v, want ErrDegenerate", err)
	}
	d0 := []float64{0.2, 0.5}
	res, err := BRUA(context.Background(), g, d0, nil)
	if !errors.Is(err, ErrOscillation) {
		t.Fatalf("Jacobi err = %v, want ErrOscillation", err)
	}
	if res.Iterations != 3 {
		t.Errorf("Iterations = %d, want 3", res.Iterations)
	}
	if d := cmp.Diff([]float64{0.5, 0.8}, res.D, approx12); d != "" {
		t.Errorf("D (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]float64{0.2, 0.5}, res.Cycle, approx12); d != "" {
		t.Errorf("Cycle (-want +got):\n%s", d)
	}
	if d0[0] != 0.2 || d0[1] != 0.5 {
		t.Errorf("d0 modified: %v", d0)
	}
	res, err = BRUA(context.Background(), g, d0, &Settings{Damping: 0.5})
	if err != nil {
		t.Fatalf("damped: %v", err)
	}
	if d := cmp.Diff([]float64{0.35, 0.65}, res.D, approx12); d != "" {
		t.Errorf("damped D (-want +got):\n%s", d)
	}
	res, err = BRUA(context.Background(), g, d0, &Settings{Update: GaussSeidel})
	if err != nil {
		t.Fatalf("Gauss–Seidel: %v", err)
	}
	if d := cmp.Diff([]float64{0.5, 0.5}, res.D, approx12); d != "" {
		t.Errorf("Gauss–Seidel D (-want +got):\n%s", d)
	}
	// IgnoreCycles: keeps iterating, still flags the oscillation.
	res, err = BRUA(context.Background(), g, d0, &Settings{IgnoreCycles: true, MaxIter: 50})
	if !errors.Is(err, ErrNotConverged) || !res.Oscillating || res.Iterations != 50 || res.Cycle != nil {
		t.Errorf("IgnoreCycles: err %v Oscillating %v Iterations %d Cycle %v", err, res.Oscillating, res.Iterations, res.Cycle)
	}
}

func TestG10G11LinearQuadratic(t *testing.T) {
	for _, tc := range []struct {
		name     string
		a, c     float64
		k        []float64
		y01, y10 float64
		want     [2]float64
		L        float64
	}{
		{"G10", 0.1, 0.2, []float64{0.5, 0.5}, 0.5, 0.5, [2]float64{0.25, 0.25}, 0.2},
		{"G11", 0.1, 0.5, []float64{1, 0.5}, 0.4, 0.6, [2]float64{7.0 / 44, 13.0 / 44}, 0.6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := mustR3(t, csr2(t, tc.y01, tc.y10), tc.k, tc.a, tc.c)
			checkNash(t, g, [][2]float64{tc.want}, []bool{true})
			if L, ok := g.Lipschitz(); !ok || math.Abs(L-tc.L) > 1e-15 {
				t.Errorf("Lipschitz = %v, %v; want %v", L, ok, tc.L)
			}
			checkBRUAFixedPoint(t, g, tc.want)
		})
	}
}

func TestG12MaximizeBounded(t *testing.T) {
	x, fx := MaximizeBounded(func(x float64) float64 { return -(x - 0.3) * (x - 0.3) }, 0, 1, 0)
	if math.Abs(x-0.3) > 1e-8 || fx > 0 || fx < -1e-16 {
		t.Errorf("quadratic: x = %v, f = %v", x, fx)
	}
	if x, fx := MaximizeBounded(func(x float64) float64 { return x }, 0, 1, 0); x != 1 || fx != 1 {
		t.Errorf("f = x: (%v, %v), want (1, 1)", x, fx)
	}
	if x, fx := MaximizeBounded(func(x float64) float64 { return -x }, 0, 1, 0); x != 0 || fx != 0 {
		t.Errorf("f = −x: (%v, %v), want (0, 0)", x, fx)
	}
}
