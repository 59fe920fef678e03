package device

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// checkTrace fails t unless tr validates and its mean is finite and ≥ 0.
func checkTrace(t *testing.T, what string, tr *Trace) {
	t.Helper()
	if err := tr.Validate(); err != nil {
		t.Fatalf("%s: returned trace does not validate: %v", what, err)
	}
	if m := tr.Mean(); math.IsNaN(m) || math.IsInf(m, 0) || m < 0 {
		t.Fatalf("%s: mean %v", what, m)
	}
}

// FuzzTraceGenerators: arbitrary numbers through LogNormalTrace,
// MarkovTrace and OutageTrace give an error wrapping ErrBadTrace, or a trace
// that validates with a finite mean.
func FuzzTraceGenerators(f *testing.F) {
	f.Add(2.0, 0.5, 1.0, 600.0, 10.0, 100.0, 200.0)
	f.Add(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
	f.Add(1.0, 1e200, 1.0, 10.0, 1.0, 2.0, 3.0)
	f.Add(1e308, 1.0, 1.0, 10.0, 1.0, 2.0, 3.0)
	f.Add(1.0, 0.5, 5e-324, 1.0, 1e-300, 0.0, 1.0)
	f.Add(1.0, 0.5, 1e300, 1e308, 1e300, -1.0, 1e308)
	f.Add(math.NaN(), math.Inf(1), math.Inf(-1), math.NaN(), math.NaN(), math.NaN(), math.NaN())
	f.Fuzz(func(t *testing.T, mean, cv, step, period, dwell, a, b float64) {
		src := rand.NewPCG(1, 2)
		if tr, err := LogNormalTrace(mean, cv, step, period, src); err != nil {
			if !errors.Is(err, ErrBadTrace) || tr != nil {
				t.Fatalf("LogNormalTrace(%v, %v, %v, %v): %v", mean, cv, step, period, err)
			}
		} else {
			checkTrace(t, "LogNormalTrace", tr)
		}
		if period/dwell < 1e6 { // keep each input fast; the piece cap is tested by the seeds
			if tr, err := MarkovTrace([]float64{mean, cv, a}, dwell, period, src); err != nil {
				if !errors.Is(err, ErrBadTrace) || tr != nil {
					t.Fatalf("MarkovTrace(%v, %v, %v): %v", []float64{mean, cv, a}, dwell, period, err)
				}
			} else {
				checkTrace(t, "MarkovTrace", tr)
			}
		}
		if tr, err := OutageTrace(mean, period, [][2]float64{{a, b}, {b, step}}); err != nil {
			if !errors.Is(err, ErrBadTrace) || tr != nil {
				t.Fatalf("OutageTrace(%v, %v, %v): %v", mean, period, [][2]float64{{a, b}, {b, step}}, err)
			}
		} else {
			checkTrace(t, "OutageTrace", tr)
		}
	})
}

// FuzzHotspotGenerate: arbitrary hotspot models give an error wrapping
// ErrBadMobility, or n users whose stays are sorted, disjoint and within
// [0, horizon].
func FuzzHotspotGenerate(f *testing.F) {
	f.Add(3, 5, 600.0, 120.0, 3600.0)
	f.Add(0, 0, 0.0, 0.0, 0.0)
	f.Add(1, 1, 1e308, 1e308, 1e308)
	f.Add(2, 3, 5e-324, 1.0, 10.0)
	f.Add(2, -1, 1.0, 1.0, 10.0)
	f.Add(2, 2, math.NaN(), 1.0, math.Inf(1))
	f.Add(2, 2, 1.0, 1.0, 1e300) // regression: used to loop over ~1e300 stays
	f.Fuzz(func(t *testing.T, n, hotspots int, stay, transit, horizon float64) {
		n %= 20
		if n > 0 && float64(n)*(horizon/stay+horizon/transit) > 1e5 && float64(n)*(horizon/stay+horizon/transit) <= 1e7 {
			return // allowed, but too many stays for one fuzz input
		}
		h := HotspotModel{Hotspots: hotspots, MeanStay: stay, MeanTransit: transit}
		m, err := h.Generate(n, horizon, rand.NewPCG(3, 4))
		if err != nil {
			if !errors.Is(err, ErrBadMobility) || m != nil {
				t.Fatalf("%+v.Generate(%d, %v): %v", h, n, horizon, err)
			}
			return
		}
		if m.Users() != n {
			t.Fatalf("%d users, want %d", m.Users(), n)
		}
		for i := range n {
			prev := 0.0
			for _, s := range m.Stays(i) {
				if !(s.Start >= prev && s.End > s.Start && s.End <= horizon) || s.Hotspot < 1 || s.Hotspot > hotspots {
					t.Fatalf("user %d: stay %+v after %v (horizon %v)", i, s, prev, horizon)
				}
				prev = s.End
			}
		}
	})
}
