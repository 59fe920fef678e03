package timeslot

import (
	"context"
	"math"
	"testing"

	"pgregory.net/rapid"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/timeslot/lp"
)

// Closed-form vectors of spec timeslot.md §5 (derived there from the LP of §2.3).
func TestClosedFormOneUser(t *testing.T) {
	cases := []struct {
		name       string
		c, r       float64
		ulp, lower float64
		hasLower   bool
	}{
		// Vector 1: c = 2 Mbps, r = 1: U_LP = 10a = 10 ln 2 − 0.687; the realised welfare 1.9444718055994532
		// is device.md §5 vector 4 (4.3 lower: the 1 s start-up stall).
		{"c2r1", 2, 1, 6.244471805599453, 1.9444718055994532, true},
		// Vector 2: c = 1 Mbps, r = 2: U_LP = 5a − 5ρ, a = ln 3 − 0.1498.
		{"c1r2", 1, 2, -16.75593855665945, 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sc := oneUser(t, tc.c, tc.r)
			lo, ub, err := Bounds(context.Background(), sc, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !ub.Certified {
				t.Fatal("upper bound not certified")
			}
			if ub.Welfare < tc.ulp-1e-12 || ub.Welfare > tc.ulp+1e-5 {
				t.Fatalf("UB = %.15g, want %.15g (+1e-5)", ub.Welfare, tc.ulp)
			}
			if math.Abs(ub.LPFeasible-tc.ulp) > 1e-5 || ub.LPFeasible > ub.Welfare {
				t.Fatalf("LPFeasible = %.15g, UB %.15g, want ≈ %.15g", ub.LPFeasible, ub.Welfare, tc.ulp)
			}
			if lo.Welfare > ub.Welfare {
				t.Fatalf("LB %.15g > UB %.15g", lo.Welfare, ub.Welfare)
			}
			if tc.hasLower && math.Abs(lo.Welfare-tc.lower) > 1e-9*math.Abs(tc.lower) {
				t.Fatalf("LB = %.17g, want %.17g", lo.Welfare, tc.lower)
			}
			t.Logf("UB %.12g LB %.12g iters %d gap %.3g", ub.Welfare, lo.Welfare, ub.Iterations, ub.Gap)
		})
	}
}

// TestOneUserRule checks the general one-user rule of spec timeslot.md §5 (vector 2): for one user on a constant
// link c with a one-level ladder {r}, U_LP = min(D, D·c/r)(a + ρ) − ρD when a + ρ > 0, with
// a = θ ln(1 + r) − λ_E(α^t r/c + α^v r) and D = K·L (the window is [0, D)).
func TestOneUserRule(t *testing.T) {
	setChecks(t, map[bool]int{true: 10, false: 40}[testing.Short()])
	rapid.Check(t, func(rt *rapid.T) {
		c := rapid.Float64Range(0.1, 5).Draw(rt, "c")
		r := rapid.Float64Range(0.2, 5).Draw(rt, "r")
		k := rapid.IntRange(1, 20).Draw(rt, "segments")
		l := float64(rapid.IntRange(1, 3).Draw(rt, "seglen"))
		sc, err := device.NewSingleUserScenario(device.ConstantTrace(c, 100), 0, device.SingleConfig{
			Ladder: device.Ladder{r}, Segments: k, SegLen: l, MaxBuffer: 40, Theta: 1, LambdaE: 0.02})
		if err != nil {
			rt.Fatal(err)
		}
		e := device.DefaultEnergy()
		a := math.Log1p(r) - 0.02*(e.CellTime*r/c+e.CellVolume*r)
		rho := 4.3
		d := float64(k) * l
		if a+rho <= 0 {
			rt.Skip("a + ρ ≤ 0")
		}
		want := math.Min(d, d*c/r)*(a+rho) - rho*d
		ub, err := UpperBound(context.Background(), sc, &Settings{LP: &lp.Settings{Tol: 1e-8}})
		if err != nil {
			rt.Fatal(err)
		}
		if ub.Welfare < want-1e-9*(1+math.Abs(want)) || ub.Welfare > want+1e-5*(1+math.Abs(want)) {
			rt.Fatalf("UB %.12g, closed form %.12g", ub.Welfare, want)
		}
	})
}
