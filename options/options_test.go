package options_test

import (
	"errors"
	"math"
	"testing"

	"github.com/cdnkit/cdnkit/options"
)

// americans are the American entry points with the frame of spec §2.3.
var americans = []struct {
	name string
	f    pricer
}{
	{"BaroneAdesiWhaley", options.BaroneAdesiWhaley},
	{"BjerksundStensland1993", options.BjerksundStensland1993},
	{"BjerksundStensland2002", options.BjerksundStensland2002},
	{"JuZhong", options.JuZhong},
	{"Binomial", lattice(options.DefaultSteps)},
}

func mustPrice(t testing.TB, name string, f pricer, k options.Kind, p options.Params) float64 {
	t.Helper()
	v, err := f(k, p)
	if err != nil {
		t.Fatalf("%s(%v, %+v): %v", name, k, p, err)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		t.Fatalf("%s(%v, %+v) = %g", name, k, p, v)
	}
	return v
}

func intrinsic(k options.Kind, p options.Params) float64 {
	if k == options.Call {
		return math.Max(p.Spot-p.Strike, 0)
	}
	return math.Max(p.Strike-p.Spot, 0)
}

// upperA is U_A: S for a call, K for a put (a bound when r, q ≥ 0).
func upperA(k options.Kind, p options.Params) float64 {
	if k == options.Call {
		return p.Spot
	}
	return p.Strike
}

// Early-exercise shortcut (spec §2.3 step 3): with q ≤ 0 ≤ r every American
// call is the European call, with r ≤ 0 ≤ q every American put the European
// put, bit for bit.
func TestNoEarlyExerciseShortcut(t *testing.T) {
	cases := []struct {
		k    options.Kind
		p    options.Params
		desc string
	}{
		{options.Call, options.Params{Spot: 100, Strike: 100, T: 1, Rate: 0.05, Vol: 0.25}, "call q = 0"},
		{options.Call, options.Params{Spot: 90, Strike: 100, T: 0.5, Rate: 0.08, Vol: 0.4}, "call q = 0"},
		{options.Call, options.Params{Spot: 0.034, Strike: 0.035, T: 14.0 / 365, Rate: 0.05, Vol: 0.01}, "bandwidth call"},
		{options.Call, options.Params{Spot: 0.035, Strike: 0.01, T: 28.0 / 365, Rate: 0.05, Vol: 0.01}, "deep ITM bandwidth call"},
		{options.Call, options.Params{Spot: 100, Strike: 90, T: 2, Rate: 0.02, Dividend: -0.01, Vol: 0.3}, "call q < 0"},
		{options.Put, options.Params{Spot: 36, Strike: 40, T: 1, Rate: -0.012, Vol: 0.2}, "put r < 0"},
		{options.Put, options.Params{Spot: 100, Strike: 120, T: 1, Rate: 0, Dividend: 0.05, Vol: 0.3}, "put r = 0"},
	}
	for _, c := range cases {
		eu := mustPrice(t, "European", options.European, c.k, c.p)
		for _, m := range americans {
			if got := mustPrice(t, m.name, m.f, c.k, c.p); got != eu {
				t.Errorf("%s %s: %s = %.17g, European %.17g (want bit-identical)", c.desc, c.k, m.name, got, eu)
			}
		}
	}
	// r = −1.2 % put, S 36, K 40, σ 20 %, 1 y: the European value 5.795…
	// (spec §5 guards).
	v := mustPrice(t, "BAW", options.BaroneAdesiWhaley, options.Put, options.Params{Spot: 36, Strike: 40, T: 1, Rate: -0.012, Vol: 0.2})
	if v < 5.795 || v >= 5.796 {
		t.Errorf("r = -1.2%% put = %.6g, want 5.795…", v)
	}
}

// Outside the single-boundary domain (r < 0 or q < 0 and no shortcut) the
// closed forms fall back to the lattice (spec §2.3 step 5).
func TestNegativeRateFallback(t *testing.T) {
	p := options.Params{Spot: 36, Strike: 40, T: 1, Rate: -0.012, Dividend: 0.06, Vol: 0.2}
	want := mustPrice(t, "Binomial", lattice(options.DefaultSteps), options.Call, p)
	for _, m := range americans[:4] {
		if got := mustPrice(t, m.name, m.f, options.Call, p); got != want {
			t.Errorf("%s = %.17g, want the lattice %.17g", m.name, got, want)
		}
	}
	eu := mustPrice(t, "European", options.European, options.Call, p)
	if want < eu || want < intrinsic(options.Call, p) {
		t.Errorf("lattice %g below max(European %g, intrinsic)", want, eu)
	}
}

// Bandwidth regime (spec §5): σ = 1 %, r = 5 %, q = 0, 7–28 days,
// K ∈ {0.010, 0.020, 0.035} $/GB and S/K ∈ [0.9, 1.1].
func TestBandwidthRegime(t *testing.T) {
	strikes := []float64{0.010, 0.020, 0.035}
	if testing.Short() {
		strikes = []float64{0.035}
	}
	bound := map[string]float64{
		"BaroneAdesiWhaley":      0.05,
		"BjerksundStensland1993": 0.02,
		"BjerksundStensland2002": 0.015,
		"JuZhong":                0.01,
	}
	ratios := []float64{0.9, 0.95, 0.98, 0.99, 1, 1.01, 1.02, 1.05, 1.1}
	worst := map[string]float64{}
	for _, K := range strikes {
		for _, days := range []float64{7, 14, 21, 28} {
			for _, x := range ratios {
				p := options.Params{Spot: x * K, Strike: K, T: days / 365, Rate: 0.05, Vol: 0.01}
				for _, k := range []options.Kind{options.Call, options.Put} {
					eu := mustPrice(t, "European", options.European, k, p)
					floor := math.Max(eu, intrinsic(k, p))
					lat := mustPrice(t, "Binomial2000", lattice(2000), k, p)
					for _, m := range americans[:4] {
						v := mustPrice(t, m.name, m.f, k, p)
						if v < floor {
							t.Errorf("%s %v %+v = %g below max(European, intrinsic) = %g", m.name, k, p, v, floor)
						}
						if k == options.Call {
							if v != eu {
								t.Errorf("%s call %+v = %g, want the European %g", m.name, p, v, eu)
							}
							continue
						}
						dev := math.Abs(v-lat) / (lat + 1e-6*K)
						worst[m.name] = math.Max(worst[m.name], dev)
						if dev > bound[m.name] {
							t.Errorf("%s put S/K=%g %g days K=%g: %g vs lattice %g, deviation %.3g > %g", m.name, x, days, K, v, lat, dev, bound[m.name])
						}
					}
					if k == options.Put && (K == 0.035 && (!testing.Short() || x == 1 || x == 0.9)) {
						lat4 := mustPrice(t, "Binomial4000", lattice(4000), k, p)
						if d := math.Abs(lat4-lat) / (lat4 + 1e-6*K); d > 1e-3 {
							t.Errorf("put %+v: Binomial 2000 = %g vs 4000 = %g (rel %.3g)", p, lat, lat4, d)
						}
					}
				}
			}
		}
	}
	t.Logf("worst put deviation from Binomial(2000): %v", worst)
}

// The American put S = 100, q = 5 %, σ = 25 %, T = 1: the premium
// Binomial − European changes by ≤ 1e-5 between 2000, 4000 and 8000 steps.
func TestLatticeConvergence(t *testing.T) {
	if testing.Short() {
		t.Skip("lattice convergence sweep (8000 steps) skipped in -short mode")
	}
	for _, K := range []float64{95, 100} {
		for _, r := range []float64{0.05, 0.075} {
			p := options.Params{Spot: 100, Strike: K, T: 1, Rate: r, Dividend: 0.05, Vol: 0.25}
			eu := mustPrice(t, "European", options.European, options.Put, p)
			var prem []float64
			for _, n := range []int{2000, 4000, 8000} {
				prem = append(prem, mustPrice(t, "Binomial", lattice(n), options.Put, p)-eu)
			}
			for i := 1; i < len(prem); i++ {
				if d := math.Abs(prem[i] - prem[i-1]); d > 1e-5 {
					t.Errorf("K=%g r=%g: premium %g → %g (Δ %.3g > 1e-5)", K, r, prem[i-1], prem[i], d)
				}
			}
		}
	}
}

// Binomial with american = false is within 1e-4 relative and 1e-5 absolute
// of European on QuantLib's consistency grid (spec §2.8).
func TestBinomialEuropean(t *testing.T) {
	for _, K := range []float64{75, 100, 125} {
		for _, q := range []float64{0, 0.05} {
			for _, r := range []float64{0.01, 0.05, 0.15} {
				for _, sig := range []float64{0.11, 0.5, 1.2} {
					for _, k := range []options.Kind{options.Call, options.Put} {
						p := options.Params{Spot: 100, Strike: K, T: 1, Rate: r, Dividend: q, Vol: sig}
						eu := mustPrice(t, "European", options.European, k, p)
						v, err := options.Binomial(k, p, 1001, false)
						if err != nil {
							t.Fatal(err)
						}
						if d := math.Abs(v - eu); d > 1e-4*eu && d > 1e-5 {
							t.Errorf("%v %+v: Binomial %g, European %g", k, p, v, eu)
						}
					}
				}
			}
		}
	}
}

// Homogeneity: V(λS, λK) = λV(S, K) to 1e-12 relative for every method;
// bit-identical for European when λ is a power of two.
func TestHomogeneity(t *testing.T) {
	base := []struct {
		k options.Kind
		p options.Params
	}{
		{options.Put, options.Params{Spot: 90, Strike: 100, T: 1, Rate: 0.06, Dividend: 0.03, Vol: 0.3}},
		{options.Call, options.Params{Spot: 110, Strike: 100, T: 0.5, Rate: 0.03, Dividend: 0.07, Vol: 0.2}},
		{options.Put, options.Params{Spot: 0.034, Strike: 0.035, T: 21.0 / 365, Rate: 0.05, Vol: 0.01}},
		{options.Put, options.Params{Spot: 100, Strike: 100, T: 0.25, Rate: 0.05, Vol: 0.01}},
	}
	all := append([]struct {
		name string
		f    pricer
	}{{"European", options.European}}, americans...)
	for _, b := range base {
		for _, m := range all {
			v0 := mustPrice(t, m.name, m.f, b.k, b.p)
			for _, lam := range []float64{1e-4, 1e-2, 10, 1e3, 0.25, 1024} {
				q := b.p
				q.Spot *= lam
				q.Strike *= lam
				v := mustPrice(t, m.name, m.f, b.k, q)
				if d := math.Abs(v - lam*v0); d > 1e-12*lam*v0 {
					t.Errorf("%s %v %+v λ=%g: %.17g vs λV = %.17g (rel %.3g)", m.name, b.k, b.p, lam, v, lam*v0, d/(lam*v0))
				}
				if m.name == "European" && (lam == 0.25 || lam == 1024) && v != lam*v0 {
					t.Errorf("European λ=%g not bit-identical: %.17g vs %.17g", lam, v, lam*v0)
				}
			}
		}
	}
}

// BjS put–call symmetry P(S, K, r, q) = C(K, S, q, r), bit for bit.
func TestBjSSymmetry(t *testing.T) {
	for _, p := range []options.Params{
		{Spot: 90, Strike: 100, T: 1, Rate: 0.06, Dividend: 0.03, Vol: 0.3},
		{Spot: 100, Strike: 100, T: 0.25, Rate: 0.05, Vol: 0.01},
		{Spot: 0.034, Strike: 0.035, T: 28.0 / 365, Rate: 0.05, Vol: 0.01},
		{Spot: 42, Strike: 40, T: 0.75, Rate: 0.04, Dividend: 0.08, Vol: 0.35},
		{Spot: 110, Strike: 100, T: 1, Rate: 0.05, Dividend: 0.05, Vol: 10},
		{Spot: 100, Strike: 120, T: 1, Rate: 0.05, Dividend: 0.01, Vol: 1e-7},
		{Spot: 36, Strike: 40, T: 1, Rate: -0.012, Dividend: 0.06, Vol: 0.2},
	} {
		sw := options.Params{Spot: p.Strike, Strike: p.Spot, T: p.T, Rate: p.Dividend, Dividend: p.Rate, Vol: p.Vol}
		for _, m := range americans[1:3] {
			put := mustPrice(t, m.name, m.f, options.Put, p)
			call := mustPrice(t, m.name, m.f, options.Call, sw)
			if put != call {
				t.Errorf("%s: put %+v = %.17g, swapped call = %.17g", m.name, p, put, call)
			}
		}
	}
}

// The invalid-trigger example of spec §2.5: put S = K = 100, r = 5 %, q = 0,
// σ = 1 %, T = 0.25 → best flat trigger 0.0367257265 (converged lattice 0.03674).
func TestBestFlatTrigger(t *testing.T) {
	p := options.Params{Spot: 100, Strike: 100, T: 0.25, Rate: 0.05, Vol: 0.01}
	for _, m := range americans[1:3] {
		v := mustPrice(t, m.name, m.f, options.Put, p)
		if math.Abs(v-0.0367257265) > 1e-9 {
			t.Errorf("%s = %.10g, want 0.0367257265", m.name, v)
		}
	}
	// A feasible flat policy is a lower bound: below the converged lattice.
	lat := mustPrice(t, "Binomial", lattice(8001), options.Put, p)
	if v := mustPrice(t, "BjS93", options.BjerksundStensland1993, options.Put, p); v > lat {
		t.Errorf("best flat trigger %g above the lattice %g", v, lat)
	}
}

// Guards (spec §5): low σ, wide T, S/K, r, q: no NaN, and every price in
// [max(European, intrinsic), U_A].
func TestGuardGrid(t *testing.T) {
	sigs := []float64{1e-8, 1e-6, 1e-4, 1e-3}
	Ts := []float64{1.0 / 365, 0.1, 1, 10}
	xs := []float64{0.5, 0.9, 1, 1.1, 2}
	rs := []float64{0, 0.02, 0.05, 0.5}
	ms := americans[:4]
	if testing.Short() {
		sigs = []float64{1e-8, 1e-4}
		Ts = []float64{1.0 / 365, 10}
		xs = []float64{0.5, 1, 2}
	} else {
		ms = americans
	}
	for _, sig := range sigs {
		for _, T := range Ts {
			for _, x := range xs {
				for _, r := range rs {
					for _, q := range rs {
						p := options.Params{Spot: 100 * x, Strike: 100, T: T, Rate: r, Dividend: q, Vol: sig}
						for _, k := range []options.Kind{options.Call, options.Put} {
							eu := mustPrice(t, "European", options.European, k, p)
							lo := math.Max(eu, intrinsic(k, p))
							hi := upperA(k, p)
							for _, m := range ms {
								v := mustPrice(t, m.name, m.f, k, p)
								if v < lo || v > hi*(1+1e-12) {
									t.Errorf("%s %v %+v = %g outside [%g, %g]", m.name, k, p, v, lo, hi)
								}
							}
						}
					}
				}
			}
		}
	}
}

// BAW at σ = 1e-4 terminates (bisection path) and is finite; Ju at r = 0 is
// finite (QuantLib issue #2737).
func TestLowVolAndZeroRate(t *testing.T) {
	p := options.Params{Spot: 100, Strike: 100, T: 1, Rate: 0.05, Dividend: 0.05, Vol: 1e-4}
	for _, k := range []options.Kind{options.Call, options.Put} {
		mustPrice(t, "BAW", options.BaroneAdesiWhaley, k, p)
	}
	p0 := options.Params{Spot: 100, Strike: 100, T: 0.5, Dividend: 0.04, Vol: 0.2}
	v := mustPrice(t, "JuZhong", options.JuZhong, options.Call, p0)
	if math.Abs(v-4.81508317272076) > 1e-6 { // formula_values.csv, r = 0 row
		t.Errorf("JuZhong r = 0 call = %.15g, want 4.81508317272076", v)
	}
}

// Deterministic limit (spec §2.3 step 4): the put S = 100, K = 120, σ = 0,
// r = 1 %, q = 50 %, T = 40 is exercised at t* = ln(50/1.2)/0.49 = 7.61 y.
func TestDeterministicLimit(t *testing.T) {
	p := options.Params{Spot: 100, Strike: 120, T: 40, Rate: 0.01, Dividend: 0.5}
	ts := math.Log(0.01*120/(0.5*100)) / (0.01 - 0.5)
	want := 120*math.Exp(-0.01*ts) - 100*math.Exp(-0.5*ts)
	for _, m := range americans {
		if v := mustPrice(t, m.name, m.f, options.Put, p); math.Abs(v-want) > 1e-12*want {
			t.Errorf("%s = %.15g, want %.15g (t* = %.4g)", m.name, v, want, ts)
		}
	}
	// T = 0: intrinsic for every method, including European.
	z := options.Params{Spot: 100, Strike: 120, Rate: 0.05, Vol: 0.25}
	for _, m := range append(americans, struct {
		name string
		f    pricer
	}{"European", options.European}) {
		if v := mustPrice(t, m.name, m.f, options.Put, z); v != 20 {
			t.Errorf("%s at T = 0 = %g, want intrinsic 20", m.name, v)
		}
	}
}

func TestEuropeanLimits(t *testing.T) {
	// σ = 0: discounted forward intrinsic, not the spot intrinsic.
	p := options.Params{Spot: 100, Strike: 100, T: 1, Rate: 0.05, Dividend: 0.01}
	c := mustPrice(t, "European", options.European, options.Call, p)
	if want := 100*math.Exp(-0.01) - 100*math.Exp(-0.05); math.Abs(c-want) > 1e-13 {
		t.Errorf("σ = 0 call = %.17g, want %.17g", c, want)
	}
	if v := mustPrice(t, "European", options.European, options.Put, p); v != 0 {
		t.Errorf("σ = 0 OTM-forward put = %g, want 0", v)
	}
	// A tiny OTM put keeps its digits (no parity).
	tiny := options.Params{Spot: 0.035, Strike: 0.03, T: 7.0 / 365, Rate: 0.05, Vol: 0.05}
	v := mustPrice(t, "European", options.European, options.Put, tiny)
	if !(v > 0 && v < 1e-40) {
		t.Errorf("far-OTM put = %g, want a tiny positive value", v)
	}
	// Huge σ: call → S e^{−qT}.
	h := options.Params{Spot: 100, Strike: 100, T: 1, Rate: 0.05, Dividend: 0.02, Vol: 1e300}
	if v := mustPrice(t, "European", options.European, options.Call, h); math.Abs(v-100*math.Exp(-0.02)) > 1e-12 {
		t.Errorf("σ = 1e300 call = %.17g, want %.17g", v, 100*math.Exp(-0.02))
	}
}

// Bad input gives a *ParamError naming the field from every entry point.
func TestBadInput(t *testing.T) {
	good := options.Params{Spot: 100, Strike: 100, T: 1, Rate: 0.05, Dividend: 0.02, Vol: 0.2}
	entry := map[string]func(options.Params) error{
		"European": func(p options.Params) error { _, err := options.European(options.Call, p); return err },
		"EuropeanGreeks": func(p options.Params) error {
			_, err := options.EuropeanGreeks(options.Put, p)
			return err
		},
		"BaroneAdesiWhaley": func(p options.Params) error { _, err := options.BaroneAdesiWhaley(options.Put, p); return err },
		"BjerksundStensland1993": func(p options.Params) error {
			_, err := options.BjerksundStensland1993(options.Put, p)
			return err
		},
		"BjerksundStensland2002": func(p options.Params) error {
			_, err := options.BjerksundStensland2002(options.Put, p)
			return err
		},
		"JuZhong":  func(p options.Params) error { _, err := options.JuZhong(options.Put, p); return err },
		"Binomial": func(p options.Params) error { _, err := options.Binomial(options.Put, p, 11, true); return err },
		"American": func(p options.Params) error {
			_, err := options.American(options.MethodBAW, options.Call, p)
			return err
		},
		"ImpliedVol": func(p options.Params) error { _, err := options.ImpliedVol(options.Call, p, 10); return err },
		"Validate":   func(p options.Params) error { return p.Validate() },
	}
	bad := []float64{-1, math.NaN(), math.Inf(1), math.Inf(-1)}
	fields := []string{"Spot", "Strike", "T", "Vol", "Rate", "Dividend"}
	for _, field := range fields {
		for _, x := range bad {
			if (field == "Rate" || field == "Dividend") && x == -1 {
				continue // negative rates are valid
			}
			p := good
			switch field {
			case "Spot":
				p.Spot = x
			case "Strike":
				p.Strike = x
			case "T":
				p.T = x
			case "Vol":
				p.Vol = x
			case "Rate":
				p.Rate = x
			case "Dividend":
				p.Dividend = x
			}
			for name, f := range entry {
				if name == "ImpliedVol" && field == "Vol" {
					if err := f(p); err != nil {
						t.Errorf("ImpliedVol reads Vol = %g: %v", x, err)
					}
					continue
				}
				err := f(p)
				var pe *options.ParamError
				if !errors.As(err, &pe) || pe.Field != field || !errors.Is(err, options.ErrInvalidParams) {
					t.Errorf("%s with %s = %g: err = %v, want *ParamError{%s}", name, field, x, err, field)
				}
			}
		}
	}
	// |r·T| > 700.
	p := good
	p.T, p.Rate = 1e4, 0.1
	if err := p.Validate(); err == nil {
		t.Error("Rate·T = 1000 accepted")
	}
	// Kind.
	var pe *options.ParamError
	if _, err := options.European(options.Kind(7), good); !errors.As(err, &pe) || pe.Field != "Kind" {
		t.Errorf("Kind 7: %v", err)
	}
	// Message format of the spec.
	p = good
	p.Vol = -0.2
	if err := p.Validate(); err == nil || err.Error() != "options: invalid Params.Vol = -0.2: must be finite and >= 0" {
		t.Errorf("message = %v", err)
	}
	// Steps and methods.
	for _, s := range []int{0, -1, options.MaxSteps + 1} {
		if _, err := options.Binomial(options.Put, good, s, true); !errors.Is(err, options.ErrBadSteps) {
			t.Errorf("steps %d: %v", s, err)
		}
	}
	if _, err := options.American(options.Method(99), options.Put, good); !errors.Is(err, options.ErrBadMethod) {
		t.Errorf("Method 99: %v", err)
	}
	// price.
	for _, x := range []float64{-1, math.NaN(), math.Inf(1)} {
		if _, err := options.ImpliedVol(options.Call, good, x); !errors.As(err, &pe) || pe.Field != "price" {
			t.Errorf("price %g: %v", x, err)
		}
	}
}

func TestOverflowIsAnError(t *testing.T) {
	p := options.Params{Spot: 1, Strike: 1e300, T: 100, Rate: -7, Vol: 0.2}
	for _, m := range americans {
		if v, err := m.f(options.Put, p); !errors.Is(err, options.ErrInvalidParams) {
			t.Errorf("%s: %g, %v; want an overflow error", m.name, v, err)
		}
	}
	if v, err := options.European(options.Put, p); !errors.Is(err, options.ErrInvalidParams) {
		t.Errorf("European: %g, %v; want an overflow error", v, err)
	}
}

func TestKindMethodStrings(t *testing.T) {
	if options.Call.String() != "call" || options.Put.String() != "put" {
		t.Error("Kind.String")
	}
	for _, m := range []options.Method{options.MethodEuropean, options.MethodBAW, options.MethodBjS1993,
		options.MethodBjS2002, options.MethodJuZhong, options.MethodBinomial} {
		got, err := options.ParseMethod(m.String())
		if err != nil || got != m {
			t.Errorf("ParseMethod(%q) = %v, %v", m.String(), got, err)
		}
	}
	if _, err := options.ParseMethod("quantlib"); !errors.Is(err, options.ErrBadMethod) {
		t.Errorf("ParseMethod(quantlib): %v", err)
	}
}

// American dispatches to the named method.
func TestAmericanDispatch(t *testing.T) {
	p := options.Params{Spot: 90, Strike: 100, T: 0.5, Rate: 0.1, Dividend: 0.1, Vol: 0.25}
	want := map[options.Method]pricer{
		options.MethodEuropean: options.European,
		options.MethodBAW:      options.BaroneAdesiWhaley,
		options.MethodBjS1993:  options.BjerksundStensland1993,
		options.MethodBjS2002:  options.BjerksundStensland2002,
		options.MethodJuZhong:  options.JuZhong,
		options.MethodBinomial: lattice(options.DefaultSteps),
	}
	for m, f := range want {
		a, err := options.American(m, options.Put, p)
		if err != nil {
			t.Fatal(err)
		}
		if b := mustPrice(t, m.String(), f, options.Put, p); a != b {
			t.Errorf("American(%v) = %g, want %g", m, a, b)
		}
	}
}
