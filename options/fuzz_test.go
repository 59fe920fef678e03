package options_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cdnkit/cdnkit/options"
)

// seedRows are the fuzz seeds: the rows of T1, T4, T7 and bandwidth cases.
func seedRows() []refRow {
	rows := append(append(append([]refRow{}, refEuropean...), refBjS1993...), refEdge...)
	for _, days := range []float64{7, 14, 21, 28} {
		for _, x := range []float64{0.97, 1, 1.03} {
			for _, K := range []float64{0.010, 0.020, 0.035} {
				rows = append(rows,
					refRow{Kind: "put", Spot: x * K, Strike: K, T: days / 365, R: 0.05, Vol: 0.01},
					refRow{Kind: "call", Spot: x * K, Strike: K, T: days / 365, R: 0.05, Vol: 0.01})
			}
		}
	}
	return rows
}

func kindOf(b uint8) options.Kind { return options.Kind(b % 3) } // 2 is invalid

// checkError accepts a validation error, or an overflow error for valid
// inputs whose price exceeds float64.
func checkError(t *testing.T, what string, k options.Kind, p options.Params, err error) {
	t.Helper()
	if !errors.Is(err, options.ErrInvalidParams) && !errors.Is(err, options.ErrBadMethod) && !errors.Is(err, options.ErrBadSteps) {
		t.Fatalf("%s(%v, %+v): unexpected error %v", what, k, p, err)
	}
	var pe *options.ParamError
	if (k == options.Call || k == options.Put) && p.Validate() == nil && errors.As(err, &pe) &&
		!strings.Contains(pe.Reason, "overflow") {
		t.Fatalf("%s(%v, %+v): valid input rejected: %v", what, k, p, err)
	}
}

func checkAmerican(t *testing.T, what string, v float64, err error, k options.Kind, p options.Params) {
	t.Helper()
	if err != nil {
		checkError(t, what, k, p, err)
		return
	}
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		t.Fatalf("%s(%v, %+v) = %g", what, k, p, v)
	}
	if strings.HasSuffix(what, "(european)") {
		return // FuzzEuropean checks the European bounds
	}
	eu, err := options.European(k, p)
	if err != nil {
		return // European overflows where the American value does not
	}
	if in := intrinsic(k, p); v < eu || v < in {
		t.Fatalf("%s(%v, %+v) = %.17g below European %.17g or intrinsic %.17g", what, k, p, v, eu, in)
	}
	if p.Rate >= 0 && p.Dividend >= 0 {
		if ua := upperA(k, p); v > ua*(1+1e-12) {
			t.Fatalf("%s(%v, %+v) = %.17g above U_A = %.17g", what, k, p, v, ua)
		}
	}
}

func FuzzEuropean(f *testing.F) {
	for _, r := range seedRows() {
		f.Add(uint8(r.kind()), r.Spot, r.Strike, r.T, r.R, r.Q, r.Vol)
	}
	f.Fuzz(func(t *testing.T, kb uint8, S, K, T, r, q, sig float64) {
		k := kindOf(kb)
		p := options.Params{Spot: S, Strike: K, T: T, Rate: r, Dividend: q, Vol: sig}
		v, err := options.European(k, p)
		g, gerr := options.EuropeanGreeks(k, p)
		if err != nil {
			checkError(t, "European", k, p, err)
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			t.Fatalf("European(%v, %+v) = %g", k, p, v)
		}
		if T > 0 {
			dq, dr := math.Exp(-q*T), math.Exp(-r*T)
			lo, up := math.Max(S*dq-K*dr, 0), S*dq
			if k == options.Put {
				lo, up = math.Max(K*dr-S*dq, 0), K*dr
			}
			slack := 1e-12*math.Max(up, lo) + 1e-15*math.Max(S*dq, K*dr)
			if !math.IsInf(up, 0) && (v < lo-slack || v > up+slack) {
				t.Fatalf("European(%v, %+v) = %.17g outside [%.17g, %.17g]", k, p, v, lo, up)
			}
		}
		if gerr != nil {
			checkError(t, "EuropeanGreeks", k, p, gerr)
			return
		}
		for _, x := range []float64{g.Price, g.Delta, g.Gamma, g.Vega, g.Theta, g.Rho, g.DividendRho, g.ThetaPerDay, g.Elasticity} {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Fatalf("EuropeanGreeks(%v, %+v) = %+v", k, p, g)
			}
		}
	})
}

func FuzzAmerican(f *testing.F) {
	for i, r := range seedRows() {
		f.Add(uint8(i%6), uint8(r.kind()), r.Spot, r.Strike, r.T, r.R, r.Q, r.Vol)
	}
	f.Add(uint8(1), uint8(1), 100.0, 100.0, 1.0, 0.05, 0.05, 1e-300)
	f.Add(uint8(3), uint8(0), 1e-300, 1e300, 1.0, 0.05, 0.05, 0.2)
	f.Add(uint8(2), uint8(1), 100.0, 100.0, 1e6, 1e-4, 1e-4, 1e-3)
	f.Add(uint8(7), uint8(1), 100.0, 100.0, 1.0, 0.05, 0.05, 0.2) // bad method
	f.Fuzz(func(t *testing.T, mb, kb uint8, S, K, T, r, q, sig float64) {
		m := options.Method(mb % 7)
		k := kindOf(kb)
		p := options.Params{Spot: S, Strike: K, T: T, Rate: r, Dividend: q, Vol: sig}
		v, err := options.American(m, k, p)
		checkAmerican(t, "American("+m.String()+")", v, err, k, p)
	})
}

func FuzzBinomial(f *testing.F) {
	for i, r := range seedRows() {
		f.Add(uint16(i*37%401), i%2 == 0, uint8(r.kind()), r.Spot, r.Strike, r.T, r.R, r.Q, r.Vol)
	}
	f.Fuzz(func(t *testing.T, steps uint16, american bool, kb uint8, S, K, T, r, q, sig float64) {
		n := int(steps % 401)
		k := kindOf(kb)
		p := options.Params{Spot: S, Strike: K, T: T, Rate: r, Dividend: q, Vol: sig}
		v, err := options.Binomial(k, p, n, american)
		if n == 0 && err == nil {
			t.Fatal("steps = 0 accepted")
		}
		if american {
			checkAmerican(t, "Binomial", v, err, k, p)
			return
		}
		if err != nil {
			checkError(t, "Binomial", k, p, err)
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			t.Fatalf("Binomial(%v, %+v, %d, false) = %g", k, p, n, v)
		}
	})
}

func FuzzImpliedVol(f *testing.F) {
	for _, r := range seedRows() {
		if v, err := options.European(r.kind(), r.params()); err == nil {
			f.Add(uint8(r.kind()), r.Spot, r.Strike, r.T, r.R, r.Q, v)
		}
	}
	f.Add(uint8(0), 100.0, 100.0, 1.0, 0.05, 0.0, -1.0)
	f.Add(uint8(1), 100.0, 100.0, 1.0, 0.05, 0.0, math.NaN())
	f.Fuzz(func(t *testing.T, kb uint8, S, K, T, r, q, price float64) {
		k := kindOf(kb)
		p := options.Params{Spot: S, Strike: K, T: T, Rate: r, Dividend: q}
		sig, err := options.ImpliedVol(k, p, price)
		if err != nil {
			if !errors.Is(err, options.ErrInvalidParams) && !errors.Is(err, options.ErrNotIdentifiable) &&
				!errors.Is(err, options.ErrPriceOutOfBounds) {
				t.Fatalf("ImpliedVol(%v, %+v, %g): %v", k, p, price, err)
			}
			return
		}
		if math.IsNaN(sig) || math.IsInf(sig, 0) || sig <= 0 {
			t.Fatalf("ImpliedVol(%v, %+v, %g) = %g", k, p, price, sig)
		}
		p.Vol = sig
		v, err := options.European(k, p)
		if err != nil {
			t.Fatal(err)
		}
		if d := math.Abs(v - price); d > 1e-9*math.Max(S, K) {
			t.Fatalf("ImpliedVol(%v, %+v, %.17g) = %g reprices to %.17g", k, p, price, sig, v)
		}
	})
}

func FuzzParseMethod(f *testing.F) {
	for _, s := range []string{"european", "baw", "bjs1993", "bjs2002", "ju", "binomial", "", "BAW", "juzhong"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := options.ParseMethod(s)
		if err != nil {
			if !errors.Is(err, options.ErrBadMethod) {
				t.Fatalf("ParseMethod(%q): %v", s, err)
			}
			return
		}
		if m.String() != s {
			t.Fatalf("ParseMethod(%q) = %v", s, m)
		}
	})
}

// A fuzzed grid of awkward numbers (zeros, subnormals, huge, negative, NaN,
// the bandwidth regime): every method returns an error or a finite price in
// bounds; never NaN.
func TestFuzzedGrid(t *testing.T) {
	special := []float64{0, 5e-324, 1e-300, 1e-12, 1e-8, 1e-4, 0.01, 0.035, 0.2, 1, 100, 1e10, 1e300,
		math.MaxFloat64, -1, -1e-300, math.NaN(), math.Inf(1), math.Inf(-1)}
	rates := []float64{0, 1e-12, 0.05, 0.5, -0.05, 7, -7, math.NaN()}
	rng := rand.New(rand.NewPCG(11, 13))
	pick := func(xs []float64) float64 {
		if rng.IntN(3) == 0 {
			return xs[rng.IntN(len(xs))]
		}
		return math.Exp(rng.NormFloat64() * 3)
	}
	n := 3000
	if testing.Short() {
		n = 600
	}
	for i := 0; i < n; i++ {
		k := options.Kind(rng.IntN(2))
		p := options.Params{Spot: pick(special), Strike: pick(special), T: pick(special),
			Rate: rates[rng.IntN(len(rates))] * rng.Float64(), Dividend: rates[rng.IntN(len(rates))] * rng.Float64(), Vol: pick(special)}
		for m := options.MethodEuropean; m <= options.MethodBinomial; m++ {
			if m == options.MethodBinomial && i%10 != 0 {
				continue
			}
			v, err := options.American(m, k, p)
			checkAmerican(t, "American("+m.String()+")", v, err, k, p)
		}
	}
}
