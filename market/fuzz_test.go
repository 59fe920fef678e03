package market

import (
	"context"
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/cdnkit/cdnkit/auction"
	"github.com/cdnkit/cdnkit/options"
)

// floats decodes b as little-endian float64s.
func floats(b []byte) []float64 {
	out := make([]float64, len(b)/8)
	for k := range out {
		out[k] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*k:]))
	}
	return out
}

func seedFloats(v ...float64) []byte {
	b := make([]byte, 8*len(v))
	for k, x := range v {
		binary.LittleEndian.PutUint64(b[8*k:], math.Float64bits(x))
	}
	return b
}

// FuzzConfig: arbitrary floats as demand, forecasts and history of a small
// Config give an error, or a Result that passes Verify.
func FuzzConfig(f *testing.F) {
	f.Add(uint8(2), uint8(3), seedFloats(2.5, 4, 3, 3, 3, 3, 0.5, 0.1, 2, 0.3, 0.3, 0.3), uint8(0))
	f.Add(uint8(1), uint8(2), seedFloats(math.NaN(), 1, 1, 1), uint8(1))
	f.Add(uint8(1), uint8(2), seedFloats(-1, 1, 1, 1), uint8(2))
	f.Add(uint8(3), uint8(1), seedFloats(math.Inf(1), 1e300, 5e-324, 0, 1e6, 1e7), uint8(3))
	f.Add(uint8(2), uint8(4), seedFloats(1, 2, 3, 4, 5, 6, 7, 8), uint8(4))
	f.Fuzz(func(t *testing.T, n, days uint8, data []byte, mode uint8) {
		n = n%4 + 1
		D := int(days%10) + 1
		v := floats(data)
		next := func() float64 {
			if len(v) == 0 {
				return 1
			}
			x := v[0]
			v = v[1:]
			return x
		}
		cfg := &Config{Servers: make([]OriginServer, n), Price: auction.PriceRule(mode % 4), Kappa: 0.3}
		for i := range cfg.Servers {
			dem := make([]float64, D)
			fc := make([]float64, D)
			for d := range dem {
				dem[d], fc[d] = next(), next()
			}
			srv := OriginServer{Demand: dem, Forecast: fc}
			if mode&4 != 0 {
				srv.Forecast = nil
				srv.History = []float64{next(), next(), next(), next(), next(), next(), next()}
				srv.Initial = next()
			}
			cfg.Servers[i] = srv
		}
		s, err := New(cfg)
		if err != nil {
			if !errors.Is(err, ErrBadDemand) && !errors.Is(err, ErrBadConfig) {
				var fe *ForecastError
				if !errors.As(err, &fe) {
					t.Fatalf("unexpected error %v", err)
				}
			}
			return
		}
		sc := PaperScenarios()[int(mode)%12]
		r, err := s.Run(context.Background(), sc)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Verify(); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzScenario: arbitrary Maturity, OptionFraction and Plan give
// ErrBadScenario or a verified Result.
func FuzzScenario(f *testing.F) {
	f.Add(7, 0.1, 1)
	f.Add(0, 0.1, 0)
	f.Add(-5, math.NaN(), 3)
	f.Add(1, 1.0, 1)
	f.Add(400, 0.05, 0)
	f.Add(3, math.Inf(1), 1)
	f.Add(math.MaxInt, 0.5, 1)
	f.Add(5_000_000, 0.5, 1)
	s, err := New(w1Config())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, m int, b float64, plan int) {
		sc := Scenario{Maturity: m, OptionFraction: b, Plan: Plan(plan)}
		r, err := s.Run(context.Background(), sc)
		if err != nil {
			// Maturities beyond |r·T| ≤ 700 are rejected by options.European.
			if !(errors.Is(err, ErrBadScenario) || errors.Is(err, options.ErrInvalidParams)) || r != nil {
				t.Fatalf("%+v: %v", sc, err)
			}
			return
		}
		if err := r.Verify(); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzClearing: arbitrary orders through the market's clearing wrapper give
// a ClearingError or a clearing with integral, bounded, balanced fills and an
// individually rational price.
func FuzzClearing(f *testing.F) {
	f.Add(seedFloats(0.036, 4e9, 0.030, 9e9), seedFloats(0.029, 3e9, 0.025, 5e9), uint8(0))
	f.Add(seedFloats(0.042, 1.55e9), seedFloats(0.0300036, 1.5e9), uint8(1))
	f.Add(seedFloats(math.NaN(), 1), seedFloats(1, 1), uint8(2))
	f.Add(seedFloats(1, 3), seedFloats(1, 3, 1, 2), uint8(3))
	f.Fuzz(func(t *testing.T, bb, sb []byte, rule uint8) {
		mk := func(v []float64) []auction.Order {
			var o []auction.Order
			for k := 0; k+1 < len(v); k += 2 {
				q := v[k+1]
				if finite(q) && q >= 0 {
					q = math.Floor(math.Min(q, 1e15))
				}
				o = append(o, auction.Order{ID: len(o), Price: v[k], Quantity: q})
			}
			return o
		}
		buys, sells := mk(floats(bb)), mk(floats(sb))
		set := &auction.CallSettings{Price: auction.PriceRule(rule % 4), Kappa: 0.7, Ration: auction.TimePriority}
		c, err := clearing(0, "stocks", buys, sells, set)
		if err != nil {
			var ce *ClearingError
			if !errors.As(err, &ce) {
				t.Fatalf("%T %v", err, err)
			}
			for _, o := range append(append([]auction.Order(nil), buys...), sells...) {
				if !finite(o.Price) || o.Price < 0 || !finite(o.Quantity) || o.Quantity < 0 {
					return // rejected bad order: fine
				}
			}
			t.Fatalf("valid orders rejected: %v", err)
		}
		p, bf, sf := refClear(buys, sells, set.Price, set.Kappa)
		var vb, vs int64
		for k := range buys {
			if int64(c.BuyFilled[k]) != bf[k] {
				t.Fatalf("buy %d: %v vs reference %d", k, c.BuyFilled[k], bf[k])
			}
			vb += bf[k]
			if bf[k] > 0 && buys[k].Price < c.Price {
				t.Fatal("buyer IR")
			}
		}
		for k := range sells {
			if int64(c.SellFilled[k]) != sf[k] {
				t.Fatalf("sell %d: %v vs reference %d", k, c.SellFilled[k], sf[k])
			}
			vs += sf[k]
			if sf[k] > 0 && sells[k].Price > c.Price {
				t.Fatal("seller IR")
			}
		}
		if vb != vs || float64(vb) != c.Volume {
			t.Fatalf("volume %d %d %v", vb, vs, c.Volume)
		}
		if vb > 0 && p != c.Price {
			t.Fatalf("price %v, reference %v", c.Price, p)
		}
	})
}

// FuzzBootstrapWeeks: arbitrary segments give an error or n values, each a
// value of a segment (or one divided by its block's mean).
func FuzzBootstrapWeeks(f *testing.F) {
	f.Add(seedFloats(1, 2, 3, 4, 5, 6, 7, 8, 9), uint8(6), 20, false, uint64(1))
	f.Add(seedFloats(1, 2, 3), uint8(0), 5, true, uint64(2))
	f.Add(seedFloats(0, 0, 0, 0, 0, 0, 0, 1), uint8(1), 14, true, uint64(3))
	f.Add(seedFloats(math.NaN(), 1, 1, 1, 1, 1, 1), uint8(2), 7, false, uint64(4))
	f.Fuzz(func(t *testing.T, data []byte, start uint8, n int, normalize bool, seed uint64) {
		n = n % 200
		v := floats(data)
		segs := []Segment{{Start: time.Weekday(start % 7), Values: v}}
		out, err := BootstrapWeeks(segs, n, time.Monday, normalize, rand.NewPCG(seed, 0))
		if err != nil {
			if !errors.Is(err, ErrBadDemand) && !errors.Is(err, ErrShortTrace) {
				t.Fatal(err)
			}
			return
		}
		if len(out) != n {
			t.Fatalf("len %d, want %d", len(out), n)
		}
		for _, x := range out {
			if !finite(x) || x < 0 {
				t.Fatalf("value %v", x)
			}
		}
	})
}

// FuzzScaleTo: arbitrary series and totals give ErrBadDemand or a series
// whose range sums to the total (relative 1e-9).
func FuzzScaleTo(f *testing.F) {
	f.Add(seedFloats(1, 2, 3, 4), 1, 3, 10.0)
	f.Add(seedFloats(0, 0, 1), 0, 2, 5.0)
	f.Add(seedFloats(1, math.NaN()), 0, 1, 1.0)
	f.Add(seedFloats(1, 2), 0, 2, -1.0)
	f.Fuzz(func(t *testing.T, data []byte, from, to int, total float64) {
		v := floats(data)
		if len(v) == 0 {
			return
		}
		from = int(uint(from) % uint(len(v)+1))
		to = from + int(uint(to)%uint(len(v)-from+1))
		out, err := ScaleTo(v, from, to, total)
		if err != nil {
			if !errors.Is(err, ErrBadDemand) {
				t.Fatal(err)
			}
			return
		}
		sum := 0.0
		for _, x := range out[from:to] {
			if !finite(x) || x < 0 {
				t.Fatalf("value %v", x)
			}
			sum += x
		}
		if total >= 1e-300 && total <= 1e300 && math.Abs(sum-total) > 1e-9*total {
			t.Fatalf("sum %v, want %v", sum, total)
		}
	})
}
