package market

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// FuzzSyntheticDemand: arbitrary parameters give an error wrapping
// ErrBadConfig, or n finite days ≥ 0.
func FuzzSyntheticDemand(f *testing.F) {
	d := DefaultSynthetic()
	f.Add(30, d.Phi, d.CV, d.SpikeProb, d.SpikeAmp, 1.0, 0.5)
	f.Add(0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0)
	f.Add(-1, 0.5, 0.25, 0.1, 1.0, 1.0, 1.0)
	f.Add(10, math.NaN(), 0.25, 0.1, 1.0, 1.0, 1.0)
	f.Add(10, 0.5, math.Inf(1), 0.1, 1.0, 1.0, 1.0)
	f.Add(10, 0.5, 1e200, 0.1, 1.0, 1.0, 1.0)
	f.Add(10, 0.5, 0.25, 1.0, 1e308, 1.0, 1.0)
	f.Add(10, 0.5, 0.25, 0.0, 0.0, 1e308, 1e308)
	f.Add(10, 0.999999, 0.25, 0.0, 0.0, 0.0, 1.0)
	f.Fuzz(func(t *testing.T, n int, phi, cv, sp, amp, w0, w6 float64) {
		if n > 2000 {
			n %= 2000
		}
		p := DefaultSynthetic()
		p.Phi, p.CV, p.SpikeProb, p.SpikeAmp = phi, cv, sp, amp
		p.Weekly[0], p.Weekly[6] = w0, w6
		v, err := SyntheticDemand(n, &p, rand.NewPCG(1, 2))
		if err != nil {
			if !errors.Is(err, ErrBadConfig) || v != nil {
				t.Fatalf("n=%d %+v: %v", n, p, err)
			}
			return
		}
		if len(v) != n {
			t.Fatalf("len = %d, want %d", len(v), n)
		}
		for k, x := range v {
			if !finite(x) || x < 0 {
				t.Fatalf("n=%d %+v: day %d = %v", n, p, k, x)
			}
		}
	})
}

// FuzzSchedule: an arbitrary tariff is rejected with ErrBadSchedule, or
// every class has a finite penalty ≥ its standard price, ClassOf is
// monotone, and Premium gives an error or a finite premium ≥ 0.
func FuzzSchedule(f *testing.F) {
	ps := PaperSchedule()
	f.Add(ps.UpperGB[0], ps.UpperGB[4], ps.Standard[0], ps.PenaltyFactor, 0.1, 7.0, int64(1e9))
	f.Add(0.0, 1.0, 1.0, 1.0, 0.0, 0.0, int64(0))
	f.Add(math.NaN(), 1.0, 1.0, 1.0, 0.0, 0.0, int64(-1))
	f.Add(0.1, 1e300, 1.0, 1.0, 0.5, 1e6, int64(math.MaxInt64))
	f.Add(0.1, 3571.42, 1e308, 1.5, 0.1, 30.0, int64(5))
	f.Add(0.1, 3571.42, 0.01, 1e308, 0.99, math.Inf(1), int64(5))
	f.Add(0.1, 3571.42, 0.01, 1.2, math.NaN(), -3.0, int64(5))
	f.Fuzz(func(t *testing.T, u0, u4, p0, pen, disc, days float64, bytes int64) {
		s := PaperSchedule()
		s.UpperGB[0], s.UpperGB[4] = u0, u4
		s.Standard[0], s.PenaltyFactor = p0, pen
		if err := s.Validate(); err != nil {
			if !errors.Is(err, ErrBadSchedule) {
				t.Fatalf("%+v: %v", s, err)
			}
			return
		}
		for c := P1; c <= P6; c++ {
			q := s.Penalty(c)
			if !finite(q) || q < s.Standard[c] {
				t.Fatalf("%+v: Penalty(%v) = %v", s, c, q)
			}
		}
		if c1, c2 := s.ClassOf(bytes), s.ClassOf(bytes/2); c2 > c1 || !c1.valid() {
			t.Fatalf("ClassOf(%d) = %v, ClassOf(%d) = %v", bytes, c1, bytes/2, c2)
		}
		pc := DiscountPremium(disc)
		for c := P1; c <= P6; c++ {
			v, err := pc.Premium(c, s.Standard[c], days)
			if err != nil {
				continue
			}
			if !finite(v) || v < 0 {
				t.Fatalf("Premium(%v, %v, %v) = %v", c, s.Standard[c], days, v)
			}
		}
	})
}
