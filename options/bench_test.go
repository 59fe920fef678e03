package options

import (
	"context"
	"fmt"
	"math"
	"testing"
)

// benchInputs are the 1024 fixed parameter sets of spec §6: S 80–119,
// K 100, T 0.25–0.85, r 3 %, q 1–5 %, σ 0.10–0.50, cycled with i & 1023.
func benchInputs() []Params {
	ps := make([]Params, 1024)
	for i := range ps {
		ps[i] = Params{
			Spot:     80 + float64(i%40),
			Strike:   100,
			T:        0.25 + 0.6*float64(i%7)/6,
			Rate:     0.03,
			Dividend: 0.01 + 0.04*float64(i%5)/4,
			Vol:      0.10 + 0.40*float64(i%11)/10,
		}
	}
	return ps
}

var sink float64

func benchPricer(b *testing.B, k Kind, f func(Kind, Params) (float64, error)) {
	ps := benchInputs()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		v, err := f(k, ps[i&1023])
		if err != nil {
			b.Fatal(err)
		}
		sink += v
		i++
	}
}

func BenchmarkEuropean(b *testing.B) {
	b.Run("n=1024", func(b *testing.B) { benchPricer(b, Call, European) })
}

// europeanReference is the minimal erfc closed form (1 log, 1 sqrt, 2 exp,
// 2 erfc, no guards) against which European's overhead is measured.
func europeanReference(p Params) float64 {
	sd := p.Vol * math.Sqrt(p.T)
	d1 := (math.Log(p.Spot/p.Strike) + (p.Rate-p.Dividend+0.5*p.Vol*p.Vol)*p.T) / sd
	d2 := d1 - sd
	return p.Spot*math.Exp(-p.Dividend*p.T)*0.5*math.Erfc(-d1*invSqrt2) -
		p.Strike*math.Exp(-p.Rate*p.T)*0.5*math.Erfc(-d2*invSqrt2)
}

func BenchmarkEuropeanReference(b *testing.B) {
	b.Run("n=1024", func(b *testing.B) {
		ps := benchInputs()
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			sink += europeanReference(ps[i&1023])
			i++
		}
	})
}

func BenchmarkEuropeanGreeks(b *testing.B) {
	b.Run("n=1024", func(b *testing.B) {
		ps := benchInputs()
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			g, err := EuropeanGreeks(Call, ps[i&1023])
			if err != nil {
				b.Fatal(err)
			}
			sink += g.Gamma
			i++
		}
	})
}

func BenchmarkBaroneAdesiWhaley(b *testing.B) {
	b.Run("n=1024", func(b *testing.B) { benchPricer(b, Put, BaroneAdesiWhaley) })
}

func BenchmarkBjerksundStensland1993(b *testing.B) {
	b.Run("n=1024", func(b *testing.B) { benchPricer(b, Put, BjerksundStensland1993) })
}

func BenchmarkBjerksundStensland2002(b *testing.B) {
	b.Run("n=1024", func(b *testing.B) { benchPricer(b, Put, BjerksundStensland2002) })
}

func BenchmarkJuZhong(b *testing.B) {
	b.Run("n=1024", func(b *testing.B) { benchPricer(b, Put, JuZhong) })
}

func BenchmarkBivariateNormal(b *testing.B) {
	b.Run("n=1024", func(b *testing.B) {
		xs := make([]float64, 1024)
		for i := range xs {
			xs[i] = -3 + 6*float64((i*389)%1024)/1024
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			sink += bvn(xs[i&1023], xs[(i+511)&1023], i&1 == 1)
			i++
		}
	})
}

func BenchmarkImpliedVol(b *testing.B) {
	b.Run("n=1024", func(b *testing.B) {
		ps := benchInputs()
		prices := make([]float64, len(ps))
		for i, p := range ps {
			prices[i] = european(Call, p)
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			v, err := ImpliedVol(Call, ps[i&1023], prices[i&1023])
			if err != nil {
				b.Fatal(err)
			}
			sink += v
			i++
		}
	})
}

func BenchmarkBinomial(b *testing.B) {
	p := Params{Spot: 100, Strike: 100, T: 1, Rate: 0.05, Dividend: 0.02, Vol: 0.25}
	for _, steps := range []int{100, 1000} {
		b.Run(fmt.Sprintf("steps=%d", steps), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				v, err := Binomial(Put, p, steps, true)
				if err != nil {
					b.Fatal(err)
				}
				sink += v
			}
		})
	}
}

func BenchmarkPriceBatch(b *testing.B) {
	ps := benchInputs()
	mk := func(n int) []Option {
		opts := make([]Option, n)
		for i := range opts {
			opts[i] = Option{Kind: Kind(i & 1), Params: ps[i&1023]}
		}
		return opts
	}
	for _, c := range []struct {
		name string
		n    int
		m    Method
	}{
		{"n=1e6/method=european", 1000000, MethodEuropean},
		{"n=1e5/method=bjs2002", 100000, MethodBjS2002},
	} {
		b.Run(c.name, func(b *testing.B) {
			opts := mk(c.n)
			dst := make([]float64, c.n)
			s := &BatchSettings{Workers: 2}
			b.ReportAllocs()
			for b.Loop() {
				var err error
				dst, err = PriceBatch(context.Background(), dst, c.m, opts, s)
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
