package options_test

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/cdnkit/cdnkit/options"
)

// ImpliedVol round trip on QuantLib's grid (spec §5). With scale =
// max(S, K): ErrNotIdentifiable only when halving σ moves the price by at
// most 1e-12·scale, and never when it moves by more than 1e-11·scale;
// an identified σ is within 1e-6 (relative) of the true one wherever
// vega·σ ≥ 1e-8·price (the accuracy domain of ImpliedVol) and otherwise
// reproduces the price to 1e-12·scale.
func TestImpliedVolRoundTrip(t *testing.T) {
	Ks := []float64{90, 99.5, 100, 100.5, 110}
	Ts := []float64{36, 180, 360, 1080}
	Ss := []float64{90, 95, 99.9, 100, 100.1, 105, 110}
	rq := []float64{0.01, 0.05, 0.10}
	sigs := []float64{0.01, 0.2, 0.3, 0.7, 0.9}
	if testing.Short() {
		Ss = []float64{90, 100, 110}
		rq = []float64{0.01, 0.10}
	}
	var nID, nNot int
	for _, K := range Ks {
		for _, days := range Ts {
			for _, S := range Ss {
				for _, r := range rq {
					for _, q := range rq {
						for _, sig := range sigs {
							for _, k := range []options.Kind{options.Call, options.Put} {
								p := options.Params{Spot: S, Strike: K, T: days / 365, Rate: r, Dividend: q, Vol: sig}
								scale := math.Max(S, K)
								v := mustPrice(t, "European", options.European, k, p)
								h := p
								h.Vol = sig / 2
								change := v - mustPrice(t, "European", options.European, k, h)
								g, err := options.EuropeanGreeks(k, p)
								if err != nil {
									t.Fatal(err)
								}
								got, err := options.ImpliedVol(k, p, v)
								switch {
								case errors.Is(err, options.ErrNotIdentifiable):
									nNot++
									if change > 1e-12*scale {
										t.Errorf("%v %+v: not identifiable but halving σ changes the price by %g", k, p, change)
									}
								case err != nil:
									t.Errorf("%v %+v: %v", k, p, err)
								default:
									nID++
									if g.Vega*sig >= 1e-8*v {
										if math.Abs(got-sig) > 1e-6*sig {
											t.Errorf("%v %+v: ImpliedVol = %.12g, want %g", k, p, got, sig)
										}
									} else {
										x := p
										x.Vol = got
										if d := math.Abs(mustPrice(t, "European", options.European, k, x) - v); d > 1e-12*scale {
											t.Errorf("%v %+v: ImpliedVol = %.12g reprices off by %g", k, p, got, d)
										}
									}
								}
								if change > 1e-11*scale && err != nil {
									t.Errorf("%v %+v: price moves by %g when σ halves, yet %v", k, p, change, err)
								}
							}
						}
					}
				}
			}
		}
	}
	if nID == 0 || nNot == 0 {
		t.Errorf("grid covers identified %d and not identifiable %d cases; want both", nID, nNot)
	}
}

func TestImpliedVolErrors(t *testing.T) {
	p := options.Params{Spot: 100, Strike: 90, T: 0.5, Rate: 0.05, Dividend: 0.01}
	lo := 100*math.Exp(-0.01*0.5) - 90*math.Exp(-0.05*0.5)
	var be *options.BoundError
	if _, err := options.ImpliedVol(options.Call, p, lo*0.99); !errors.As(err, &be) || !errors.Is(err, options.ErrPriceOutOfBounds) {
		t.Errorf("below L: %v", err)
	}
	if _, err := options.ImpliedVol(options.Call, p, 100); !errors.As(err, &be) {
		t.Errorf("above U: %v", err)
	}
	// Deep ITM with σ√T = 0.003: the price equals L in double precision.
	d := options.Params{Spot: 150, Strike: 100, T: 0.25, Rate: 0.05, Vol: 0.006}
	v := mustPrice(t, "European", options.European, options.Call, d)
	if _, err := options.ImpliedVol(options.Call, d, v); !errors.Is(err, options.ErrNotIdentifiable) {
		t.Errorf("deep ITM: %v", err)
	}
	// T = 0, S = 0 or K = 0: the price does not depend on σ.
	for _, z := range []options.Params{{Spot: 100, Strike: 90}, {Strike: 90, T: 1}, {Spot: 100, T: 1}} {
		if _, err := options.ImpliedVol(options.Call, z, 10); !errors.Is(err, options.ErrNotIdentifiable) {
			t.Errorf("%+v: %v", z, err)
		}
	}
	// Bandwidth SO: deep in the money, not identifiable (spec §2.9).
	so := options.Params{Spot: 0.035, Strike: 0.02, T: 14.0 / 365, Rate: 0.05, Vol: 0.01}
	v = mustPrice(t, "European", options.European, options.Call, so)
	if _, err := options.ImpliedVol(options.Call, so, v); !errors.Is(err, options.ErrNotIdentifiable) {
		t.Errorf("bandwidth SO: %v", err)
	}
}

// Greeks against central differences (h = 1e-4 relative).
func TestGreeksFiniteDifferences(t *testing.T) {
	rq := []float64{0.01, 0.05, 0.15}
	for _, K := range []float64{50, 100, 150} {
		for _, T := range []float64{1, 2} {
			for _, sig := range []float64{0.11, 0.5, 1.2} {
				for _, r := range rq {
					for _, q := range rq {
						for _, k := range []options.Kind{options.Call, options.Put} {
							p := options.Params{Spot: 100, Strike: K, T: T, Rate: r, Dividend: q, Vol: sig}
							g, err := options.EuropeanGreeks(k, p)
							if err != nil {
								t.Fatal(err)
							}
							price := func(f func(*options.Params)) float64 {
								x := p
								f(&x)
								return mustPrice(t, "European", options.European, k, x)
							}
							v0 := price(func(*options.Params) {})
							if g.Price != v0 {
								if math.Abs(g.Price-v0) > 1e-13*v0 {
									t.Errorf("%v %+v: Greeks.Price %g, European %g", k, p, g.Price, v0)
								}
							}
							const h = 1e-4
							cd := func(get func(*options.Params) *float64) (d1, d2 float64) {
								x0 := *get(&p)
								dx := h * x0
								up := price(func(x *options.Params) { *get(x) = x0 + dx })
								dn := price(func(x *options.Params) { *get(x) = x0 - dx })
								return (up - dn) / (2 * dx), (up - 2*v0 + dn) / (dx * dx)
							}
							delta, gamma := cd(func(x *options.Params) *float64 { return &x.Spot })
							vega, _ := cd(func(x *options.Params) *float64 { return &x.Vol })
							dT, _ := cd(func(x *options.Params) *float64 { return &x.T })
							rho, _ := cd(func(x *options.Params) *float64 { return &x.Rate })
							drho, _ := cd(func(x *options.Params) *float64 { return &x.Dividend })
							check := func(name string, got, want, tol float64) {
								if math.Abs(got-want) > tol*math.Abs(want)+1e-9 {
									t.Errorf("%v %+v: %s = %.10g, finite difference %.10g", k, p, name, got, want)
								}
							}
							check("Delta", g.Delta, delta, 1e-6)
							check("Gamma", g.Gamma, gamma, 1e-5)
							check("Vega", g.Vega, vega, 1e-6)
							check("Theta", g.Theta, -dT, 1e-6)
							check("Rho", g.Rho, rho, 1e-6)
							check("DividendRho", g.DividendRho, drho, 1e-6)
							check("ThetaPerDay", g.ThetaPerDay*365, g.Theta, 1e-15)
							if v0 > 0 {
								check("Elasticity", g.Elasticity, g.Delta*p.Spot/v0, 1e-12)
							}
						}
					}
				}
			}
		}
	}
}

func TestGreeksDegenerate(t *testing.T) {
	cases := []struct {
		k     options.Kind
		p     options.Params
		delta float64
	}{
		{options.Call, options.Params{Spot: 110, Strike: 100, Rate: 0.05, Vol: 0.2}, 1},                          // T = 0 ITM
		{options.Put, options.Params{Spot: 110, Strike: 100, Rate: 0.05, Vol: 0.2}, 0},                           // T = 0 OTM
		{options.Put, options.Params{Spot: 90, Strike: 100, Rate: 0.05, Vol: 0.2}, -1},                           // T = 0 ITM
		{options.Call, options.Params{Spot: 100, Strike: 100, Rate: 0.05, Vol: 0.2}, 1},                          // T = 0 at the strike: right-derivative
		{options.Call, options.Params{Spot: 100, Strike: 90, T: 1, Rate: 0.05, Dividend: 0.02}, math.Exp(-0.02)}, // σ = 0
		{options.Put, options.Params{Strike: 90, T: 1, Rate: 0.05, Vol: 0.3}, -1},                                // S = 0
	}
	for _, c := range cases {
		g, err := options.EuropeanGreeks(c.k, c.p)
		if err != nil {
			t.Fatal(err)
		}
		if g.Gamma != 0 || g.Vega != 0 || math.Abs(g.Delta-c.delta) > 1e-15 {
			t.Errorf("%v %+v: %+v, want Delta %g, Gamma = Vega = 0", c.k, c.p, g, c.delta)
		}
		eu := mustPrice(t, "European", options.European, c.k, c.p)
		if g.Price != eu {
			t.Errorf("%v %+v: Price %g, European %g", c.k, c.p, g.Price, eu)
		}
	}
}

func randomOptions(n int, seed uint64) []options.Option {
	rng := rand.New(rand.NewPCG(seed, 7))
	opts := make([]options.Option, n)
	for i := range opts {
		K := math.Exp(rng.Float64()*6 - 3)
		opts[i] = options.Option{
			Kind: options.Kind(rng.IntN(2)),
			Params: options.Params{
				Spot: K * math.Exp(rng.NormFloat64()*0.3), Strike: K,
				T: rng.Float64() * 3, Rate: rng.Float64() * 0.15, Dividend: rng.Float64() * 0.15,
				Vol: 0.01 + rng.Float64(),
			},
		}
	}
	return opts
}

func TestPriceBatch(t *testing.T) {
	n := 100000
	if testing.Short() {
		n = 20000
	}
	ms := []struct {
		m options.Method
		n int
	}{
		{options.MethodEuropean, n}, {options.MethodBAW, n / 10}, {options.MethodBjS1993, n / 10},
		{options.MethodBjS2002, n / 20}, {options.MethodJuZhong, n / 10}, {options.MethodBinomial, 9000},
	}
	for _, c := range ms {
		opts := randomOptions(c.n, uint64(c.m))
		set := &options.BatchSettings{}
		if c.m == options.MethodBinomial {
			set.Steps = 31
		}
		want := make([]float64, len(opts))
		for i, o := range opts {
			var err error
			if c.m == options.MethodBinomial {
				want[i], err = options.Binomial(o.Kind, o.Params, 31, true)
			} else {
				want[i], err = options.American(c.m, o.Kind, o.Params)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, w := range []int{1, 2, 7} {
			set.Workers = w
			got, err := options.PriceBatch(context.Background(), nil, c.m, opts, set)
			if err != nil {
				t.Fatalf("%v workers %d: %v", c.m, w, err)
			}
			if len(got) != len(opts) {
				t.Fatalf("len %d", len(got))
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("%v workers %d: dst[%d] = %.17g, scalar %.17g", c.m, w, i, got[i], want[i])
				}
			}
		}
	}
}

func TestPriceBatchErrors(t *testing.T) {
	opts := randomOptions(10000, 3)
	opts[4711].Params.Vol = math.NaN()
	opts[9000].Params.Spot = -1
	dst := make([]float64, len(opts))
	for i := range dst {
		dst[i] = -7
	}
	_, err := options.PriceBatch(context.Background(), dst, options.MethodEuropean, opts, nil)
	var be *options.BatchError
	var pe *options.ParamError
	if !errors.As(err, &be) || be.Index != 4711 || !errors.As(err, &pe) || pe.Field != "Vol" {
		t.Fatalf("err = %v, want *BatchError{Index: 4711} wrapping a Vol error", err)
	}
	for i, v := range dst {
		if v != -7 {
			t.Fatalf("dst[%d] = %g written although validation failed", i, v)
		}
	}
	good := randomOptions(100, 4)
	if _, err := options.PriceBatch(context.Background(), nil, options.Method(42), good, nil); !errors.Is(err, options.ErrBadMethod) {
		t.Errorf("bad method: %v", err)
	}
	if _, err := options.PriceBatch(context.Background(), nil, options.MethodBAW, good, &options.BatchSettings{Workers: -1}); !errors.As(err, &pe) || pe.Field != "Workers" {
		t.Errorf("Workers -1: %v", err)
	}
	if _, err := options.PriceBatch(context.Background(), nil, options.MethodBinomial, good, &options.BatchSettings{Steps: options.MaxSteps + 1}); !errors.Is(err, options.ErrBadSteps) {
		t.Errorf("Steps: %v", err)
	}
	// dst reuse: a large enough dst is filled in place.
	buf := make([]float64, 0, 200)
	out, err := options.PriceBatch(context.Background(), buf, options.MethodEuropean, good, nil)
	if err != nil || len(out) != 100 || &out[0] != &buf[:1][0] {
		t.Errorf("dst not reused: len %d err %v", len(out), err)
	}
	// Empty batch.
	if out, err := options.PriceBatch(context.Background(), nil, options.MethodEuropean, nil, nil); err != nil || len(out) != 0 {
		t.Errorf("empty: %v %v", out, err)
	}
	defer func() {
		if r := recover(); r != "options: nil context" {
			t.Errorf("nil ctx: recover() = %v", r)
		}
	}()
	//lint:ignore SA1012 the nil context is the point of the test
	options.PriceBatch(nil, nil, options.MethodEuropean, good, nil)
}

func TestPriceBatchCancel(t *testing.T) {
	opts := randomOptions(50000, 5)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dst := make([]float64, len(opts))
	for i := range dst {
		dst[i] = -1
	}
	if _, err := options.PriceBatch(ctx, dst, options.MethodEuropean, opts, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("pre-cancelled: %v", err)
	}
	for i, v := range dst {
		if v != -1 {
			t.Fatalf("dst[%d] written after cancellation", i)
		}
	}
	// Cancel while running: finished chunks hold scalar values, the rest is untouched.
	ctx, cancel = context.WithCancel(context.Background())
	go func() { time.Sleep(2 * time.Millisecond); cancel() }()
	set := &options.BatchSettings{Workers: 2, Steps: 61}
	got, err := options.PriceBatch(ctx, dst, options.MethodBinomial, opts, set)
	if err != nil && !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	untouched := 0
	for i, v := range got {
		if v == -1 {
			untouched++
			continue
		}
		if i%97 != 0 {
			continue
		}
		w, e := options.Binomial(opts[i].Kind, opts[i].Params, 61, true)
		if e != nil || w != v {
			t.Fatalf("dst[%d] = %g, scalar %g", i, v, w)
		}
	}
	if err == nil && untouched > 0 {
		t.Errorf("nil error but %d elements untouched", untouched)
	}
	t.Logf("cancelled run: err %v, %d of %d untouched", err, untouched, len(got))
}

// Nearly deterministic options (|d2| ≳ 6√N) make the Leisen–Reimer
// probabilities degenerate; the Jarrow–Rudd fallback keeps the lattice
// finite and close to European.
func TestBinomialDegenerateLR(t *testing.T) {
	for _, c := range []struct {
		k options.Kind
		p options.Params
	}{
		{options.Put, options.Params{Spot: 100, Strike: 50, T: 1, Rate: 0.05, Vol: 0.02}},
		{options.Call, options.Params{Spot: 100, Strike: 50, T: 1, Rate: 0.05, Vol: 0.02}},
		{options.Call, options.Params{Spot: 100, Strike: 1e10, T: 1, Rate: 0.01, Dividend: 0.05, Vol: 0.25}},
		{options.Put, options.Params{Spot: 100, Strike: 100, T: 1, Rate: 0.05, Vol: 1e-9}},
	} {
		eu := mustPrice(t, "European", options.European, c.k, c.p)
		v, err := options.Binomial(c.k, c.p, 11, false)
		if err != nil {
			t.Fatal(err)
		}
		if math.IsNaN(v) || math.Abs(v-eu) > 1e-3*eu+1e-8*c.p.Strike {
			t.Errorf("%v %+v: Binomial(11, european) = %g, European %g", c.k, c.p, v, eu)
		}
	}
	if b := (options.Params{Rate: 0.05, Dividend: 0.02}).Carry(); math.Abs(b-0.03) > 1e-17 {
		t.Errorf("Carry = %g", b)
	}
}
