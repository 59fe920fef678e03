package kre

import (
	"errors"
	"flag"
	"math"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"
)

// benchData builds the instance of spec kre.md §6: x_i = 100·U,
// y_i = sin(x_i/5) + 0.1·N(0, 1) from rand.New(rand.NewPCG(1, 1)), drawn in
// the order x_i then y_i's normal, per i; m points evenly on [−5, 105].
func benchData(n, m int) (x, y, at []float64) {
	r := rand.New(rand.NewPCG(1, 1))
	x, y = make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = 100 * r.Float64()
		y[i] = math.Sin(x[i]/5) + 0.1*r.NormFloat64()
	}
	at = make([]float64, m)
	for j := range at {
		at[j] = -5 + 110*float64(j)/float64(m-1)
	}
	return x, y, at
}

var full = flag.Bool("kre.full", false, "run the full BinnedNW accuracy sweep")

func TestBinnedNWAccuracy(t *testing.T) {
	// Default: the spec's n = 1e4 at 200 of its points; -kre.full: all
	// 1,000 points; -short: n = 2,000.
	n, m := 10000, 200
	switch {
	case *full:
		m = 1000
	case testing.Short():
		n, m = 2000, 100
	}
	x, y, at := benchData(n, m)
	for _, S := range []float64{8, 16, 32} {
		for _, h := range []float64{0.05, 0.3, 1, 5, 50} {
			b, err := NewBinnedNW(x, y, h, &BinSettings{OverSample: S})
			if err != nil {
				t.Fatal(err)
			}
			v, bd := b.Predict(nil, nil, at)
			ex, err := NadarayaWatsonMany(nil, x, y, h, at)
			if err != nil {
				t.Fatal(err)
			}
			var maxErr float64
			for j := range at {
				e := math.Abs(v[j] - ex[j])
				maxErr = max(maxErr, e)
				if !(e <= bd[j]) {
					t.Fatalf("S=%v h=%v at=%v: error %v exceeds bound %v", S, h, at[j], e, bd[j])
				}
			}
			// spec §6: max error ≤ 1e-3 at S = 16 (independent implementation: 6.5e-4).
			if S == 16 && maxErr > 1e-3 {
				t.Errorf("S=16 h=%v: max error %v > 1e-3", h, maxErr)
			}
		}
	}
}

func TestBinnedNWTolAndEdges(t *testing.T) {
	x, y, at := benchData(3000, 200)
	b, err := NewBinnedNW(x, y, 0.3, &BinSettings{Tol: 1e-6})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range at {
		v, bd := b.At(a)
		ex := mf(t)(NadarayaWatson(x, y, 0.3, a))
		if bd > 1e-6 || math.Abs(v-ex) > 1e-6 {
			t.Fatalf("Tol: at %v value %v exact %v bound %v", a, v, ex, bd)
		}
	}
	// All x equal: one grid node, exact mean.
	b, err = NewBinnedNW([]float64{2, 2, 2}, []float64{1, 2, 6}, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if v, bd := b.At(5); math.Abs(v-3) > 1e-15 || bd > 1e-12 {
		t.Errorf("equal x: %v ± %v", v, bd)
	}
	// Far outside and non-finite x0.
	v, bd := b.At(1e300)
	if math.Abs(v-3) > bd || math.IsNaN(v) {
		t.Errorf("far: %v ± %v", v, bd)
	}
	if v, bd := b.At(math.NaN()); !math.IsInf(bd, 1) || math.IsNaN(v) {
		t.Errorf("NaN x0: %v %v", v, bd)
	}
	// MaxGrid cap.
	b, err = NewBinnedNW(x, y, 1e-3, &BinSettings{MaxGrid: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range at[:20] {
		v, bd := b.At(a)
		ex := mf(t)(NadarayaWatson(x, y, 1e-3, a))
		if !(math.Abs(v-ex) <= bd) {
			t.Fatalf("capped grid at %v: %v vs %v ± %v", a, v, ex, bd)
		}
	}
	for _, s := range []BinSettings{{OverSample: -1}, {OverSample: math.Inf(1)}, {MaxGrid: 1}, {MaxGrid: -2}, {Tol: -1}, {Tol: math.NaN()}} {
		if _, err := NewBinnedNW(x, y, 1, &s); !errors.Is(err, ErrBadSettings) {
			t.Errorf("%+v: %v", s, err)
		}
	}
	if _, err := NewBinnedNW(nil, nil, 1, nil); !errors.Is(err, ErrNoData) {
		t.Error(err)
	}
	if _, err := NewBinnedNW(x, y, 0, nil); !errors.Is(err, ErrBadBandwidth) {
		t.Error(err)
	}
	func() {
		defer func() {
			if r := recover(); r != "kre: len(dst) != len(at)" {
				t.Errorf("panic %v", r)
			}
		}()
		b.Predict(make([]float64, 1), nil, at)
	}()
}

func TestPropBinnedNWBound(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x, y := drawData(t, 1)
		h := drawH(t)
		s := &BinSettings{
			OverSample: rapid.SampledFrom([]float64{2, 8, 16}).Draw(t, "S"),
			// Small caps keep the test fast (the default 2²² allocates
			// 150 MB for h ≪ span) and exercise the capped grid.
			MaxGrid: rapid.SampledFrom([]int{16, 1024, 1 << 14}).Draw(t, "maxGrid"),
		}
		tol := rapid.SampledFrom([]float64{0, 0, 1e-3}).Draw(t, "tol")
		s.Tol = tol * (maxAbs(y) + 1)
		b, err := NewBinnedNW(x, y, h, s)
		if err != nil {
			t.Fatal(err)
		}
		for k := 0; k < 5; k++ {
			a := rapid.Float64Range(-3e6, 3e6).Draw(t, "at")
			v, bd := b.At(a)
			ex, err := NadarayaWatson(x, y, h, a)
			if err != nil {
				t.Fatal(err)
			}
			if !(math.Abs(v-ex) <= bd) {
				t.Fatalf("at %v: binned %v exact %v bound %v", a, v, ex, bd)
			}
			if s.Tol > 0 && !(math.Abs(v-ex) <= s.Tol) {
				t.Fatalf("Tol %v violated: %v", s.Tol, math.Abs(v-ex))
			}
		}
	})
}
