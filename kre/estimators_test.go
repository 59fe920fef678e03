package kre

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// K1: NASA-HTTP requests per day, 8–14 July 1995 (shared/data/web/nasa_daily.csv;
// M. Arlitt, C. Williamson, SIGMETRICS 1996 trace), at x = 1..7.
var (
	k1x = []float64{1, 2, 3, 4, 5, 6, 7}
	k1y = []float64{38867, 35272, 72860, 80407, 92536, 134203, 84103}
	// K2: NASA 15–21 July 1995.
	k2y = []float64{45532, 47854, 74981, 64282, 72738, 66593, 64629}
)

// k1Table holds the reference values of spec kre.md §5 (two independent
// double-precision implementations agreeing to all digits shown).
var k1Table = []struct {
	h, nw8, ll8, nw7, ll7, cv, aicc float64
}{
	{0.8, 88497.002528, 37779.363874, 99611.961590, 87077.092255, 7.314845e8, 28.1470057},
	{1.0, 93226.281966, 48545.735260, 102059.539893, 91273.584465, 6.791737e8, 24.6848816},
	{2.0, 99798.651722, 100489.260151, 98736.012856, 105711.041374, 6.998803e8, 22.5407005},
	{3.0, 93847.760606, 116791.437529, 91088.533798, 110936.082094, 9.079856e8, 22.5156953},
	{5.1, 84450.812520, 124279.590883, 82806.885253, 113578.301150, 1.145392e9, 22.6128343},
}

// mf returns a function that fails t on a non-nil error and returns v.
func mf(t *testing.T) func(v float64, err error) float64 {
	return func(v float64, err error) float64 {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return v
	}
}

func TestK1ReferenceValues(t *testing.T) {
	for _, r := range k1Table {
		got := []float64{
			mf(t)(NadarayaWatson(k1x, k1y, r.h, 8)),
			mf(t)(LocalLinear(k1x, k1y, r.h, 8)),
			mf(t)(NadarayaWatson(k1x, k1y, r.h, 7)),
			mf(t)(LocalLinear(k1x, k1y, r.h, 7)),
		}
		want := []float64{r.nw8, r.ll8, r.nw7, r.ll7}
		if d := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-6)); d != "" {
			t.Errorf("h=%v estimators (-want +got):\n%s", r.h, d)
		}
		cv := mf(t)(CV(k1x, k1y, r.h, false))
		if math.Abs(cv-r.cv) > 5e-7*r.cv {
			t.Errorf("h=%v CV = %.7e, want %.6e", r.h, cv, r.cv)
		}
		a := mf(t)(AICc(k1x, k1y, r.h))
		if math.Abs(a-r.aicc) > 1e-7 {
			t.Errorf("h=%v AICc = %.8f, want %.7f", r.h, a, r.aicc)
		}
		// Independent brute-force oracle agrees to rounding.
		if d := cmp.Diff([]float64{rawNW(k1x, k1y, r.h, 8), rawLL(k1x, k1y, r.h, 8), rawCV(k1x, k1y, r.h, false), rawAICc(k1x, k1y, r.h)},
			[]float64{got[0], got[1], cv, a}, cmpopts.EquateApprox(1e-10, 0)); d != "" {
			t.Errorf("h=%v oracle (-raw +got):\n%s", r.h, d)
		}
	}
}

func TestK1Forecasts(t *testing.T) {
	// spec §5: NW forecasts at h = 2, t = 1..7.
	want := []float64{99798.652, 99223.791, 97756.433, 95924.535, 94050.822, 92308.483, 90774.895}
	at := []float64{8, 9, 10, 11, 12, 13, 14}
	got, err := NadarayaWatsonMany(nil, k1x, k1y, 2, at)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got, cmpopts.EquateApprox(0, 6e-4)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	ll, err := LocalLinearMany(make([]float64, len(at)), k1x, k1y, 2, at)
	if err != nil {
		t.Fatal(err)
	}
	for j, a := range at {
		if w := rawLL(k1x, k1y, 2, a); math.Abs(ll[j]-w) > 1e-8*math.Abs(w) {
			t.Errorf("LL(%v) = %v, raw %v", a, ll[j], w)
		}
	}
}

func TestK2ReferenceValues(t *testing.T) {
	// spec §5, K2 (NASA 15–21 July 1995).
	for _, r := range []struct{ h, nw, ll float64 }{
		{0.8, 64814.927318, 62496.465458},
		{2, 66624.554621, 64035.351353},
		{5.1, 64417.474734, 72816.965954},
	} {
		nw := mf(t)(NadarayaWatson(k1x, k2y, r.h, 8))
		ll := mf(t)(LocalLinear(k1x, k2y, r.h, 8))
		if math.Abs(nw-r.nw) > 1e-6 || math.Abs(ll-r.ll) > 1e-6 {
			t.Errorf("h=%v: NW %.6f LL %.6f, want %.6f %.6f", r.h, nw, ll, r.nw, r.ll)
		}
	}
}

func TestExactVectors(t *testing.T) {
	x2, y2 := []float64{0, 1}, []float64{0, 1}
	for _, h := range []float64{0.01, 0.3, 1, 7, 1e6} {
		nw := mf(t)(NadarayaWatson(x2, y2, h, 0.5))
		ll := mf(t)(LocalLinear(x2, y2, h, 0.5))
		if math.Abs(nw-0.5) > 1e-15 || math.Abs(ll-0.5) > 1e-15 {
			t.Errorf("h=%v at 0.5: NW %v LL %v, want 0.5", h, nw, ll)
		}
	}
	// NW = e^{−1/2}/(e^{−2} + e^{−1/2}) at 2, h = 1; LL = 2 (linear data).
	if got := mf(t)(NadarayaWatson(x2, y2, 1, 2)); math.Abs(got-0.8175744761936437) > 1e-15 {
		t.Errorf("NW(2) = %v", got)
	}
	if got := mf(t)(LocalLinear(x2, y2, 1, 2)); math.Abs(got-2) > 1e-14 {
		t.Errorf("LL(2) = %v", got)
	}
}

func TestLocalLinearLinearData(t *testing.T) {
	x := k1x
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = 3 + 2*v
	}
	cases := map[float64][]float64{
		0.1: {0, 8},
		0.8: {0, 8, 14},
		5.1: {0, 8, 14, 1000},
		1e6: {0, 8, 14, 1000},
	}
	for h, ats := range cases {
		for _, at := range ats {
			got := mf(t)(LocalLinear(x, y, h, at))
			want := 3 + 2*at
			if math.Abs(got-want) > 1e-12*math.Abs(want) {
				t.Errorf("LL(h=%v, at=%v) = %v, want %v", h, at, got, want)
			}
		}
	}
	// Every weight but x = 7's is cut off: LL falls back to NW = y₇ = 17.
	for _, c := range []struct{ h, at float64 }{{0.8, 1000}, {0.1, 1000}, {0.1, 14}} {
		if got := mf(t)(LocalLinear(x, y, c.h, c.at)); got != 17 {
			t.Errorf("LL(h=%v, at=%v) = %v, want NW fallback 17", c.h, c.at, got)
		}
	}
}

func TestConstantAndFarField(t *testing.T) {
	c := []float64{5, 5, 5, 5, 5, 5, 5}
	for _, h := range []float64{0.01, 1, 100} {
		for _, at := range []float64{-1e9, 0, 3.3, 8, 1e9} {
			if nw := mf(t)(NadarayaWatson(k1x, c, h, at)); nw != 5 {
				t.Errorf("NW const = %v", nw)
			}
			if ll := mf(t)(LocalLinear(k1x, c, h, at)); math.Abs(ll-5) > 1e-12 {
				t.Errorf("LL const = %v", ll)
			}
		}
	}
	if got := mf(t)(NadarayaWatson(k1x, k1y, 0.8, 1000)); got != k1y[6] {
		t.Errorf("far field +: %v, want y7 = %v", got, k1y[6])
	}
	if got := mf(t)(NadarayaWatson(k1x, k1y, 0.8, -1000)); got != k1y[0] {
		t.Errorf("far field −: %v, want y1 = %v", got, k1y[0])
	}
	// Nearest ties: the mean of their y.
	if got := mf(t)(NadarayaWatson([]float64{0, 2}, []float64{1, 3}, 1e-3, 1)); got != 2 {
		t.Errorf("tie = %v, want 2", got)
	}
	// Degenerate LL: all x equal.
	x3, y3 := []float64{2, 2, 2}, []float64{1, 2, 6}
	for _, at := range []float64{-5, 2, 2.5, 100} {
		ll := mf(t)(LocalLinear(x3, y3, 1, at))
		nw := mf(t)(NadarayaWatson(x3, y3, 1, at))
		if ll != 3 || nw != 3 {
			t.Errorf("degenerate at %v: LL %v NW %v, want 3", at, ll, nw)
		}
	}
	// h → ∞: the mean.
	if got := mf(t)(NadarayaWatson(k1x, k1y, 1e9, 4)); math.Abs(got-mean(k1y)) > 1e-9*mean(k1y) {
		t.Errorf("h=1e9: %v, want mean %v", got, mean(k1y))
	}
}

func TestHugeValues(t *testing.T) {
	// Unix seconds with a proportionate h.
	x := []float64{1.7e9, 1.7e9 + 86400, 1.7e9 + 2*86400}
	y := []float64{1, 2, 4}
	a := mf(t)(NadarayaWatson(x, y, 86400, 1.7e9+3*86400))
	b := mf(t)(NadarayaWatson([]float64{0, 1, 2}, y, 1, 3))
	if math.Abs(a-b) > 1e-12 {
		t.Errorf("shifted x: %v vs %v", a, b)
	}
	// y near the float64 limit: finite, within range.
	yb := []float64{math.MaxFloat64, -math.MaxFloat64, math.MaxFloat64}
	g := mf(t)(NadarayaWatson([]float64{0, 1, 2}, yb, 1, 1))
	if !isFinite(g) {
		t.Errorf("NW overflowed: %v", g)
	}
	if _, err := LocalLinear([]float64{0, 1, 2}, yb, 1, 1); err != nil && !errors.Is(err, ErrOverflow) {
		t.Errorf("LL huge: %v", err)
	}
	// x differences overflowing: u² = +Inf for every point ⇒ mean of y.
	g = mf(t)(NadarayaWatson([]float64{math.MaxFloat64, math.MaxFloat64}, []float64{1, 3}, 1e-300, -math.MaxFloat64))
	if g != 2 {
		t.Errorf("all-Inf u: %v, want mean 2", g)
	}
}

func TestEstimatorErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	type fn func(x, y []float64, h, at float64) (float64, error)
	for name, f := range map[string]fn{"NW": NadarayaWatson, "LL": LocalLinear} {
		if _, err := f(nil, nil, 1, 0); !errors.Is(err, ErrNoData) {
			t.Errorf("%s empty: %v", name, err)
		}
		for _, h := range []float64{0, -1, nan, inf} {
			if _, err := f(k1x, k1y, h, 0); !errors.Is(err, ErrBadBandwidth) {
				t.Errorf("%s h=%v: %v", name, h, err)
			}
		}
		var ve *ValueError
		if _, err := f([]float64{1, nan}, []float64{1, 2}, 1, 0); !errors.As(err, &ve) || ve.Arg != "x" || ve.Index != 1 || !errors.Is(err, ErrBadValue) {
			t.Errorf("%s NaN x: %v", name, err)
		}
		if _, err := f([]float64{1, 2}, []float64{-inf, 2}, 1, 0); !errors.As(err, &ve) || ve.Arg != "y" || ve.Index != 0 {
			t.Errorf("%s Inf y: %v", name, err)
		}
		if _, err := f(k1x, k1y, 1, nan); !errors.As(err, &ve) || ve.Arg != "at" {
			t.Errorf("%s NaN at: %v", name, err)
		}
		func() {
			defer func() {
				if r := recover(); r != "kre: len(x) != len(y)" {
					t.Errorf("%s mismatch panic = %v", name, r)
				}
			}()
			_, _ = f([]float64{1}, []float64{1, 2}, 1, 0)
		}()
	}
	func() {
		defer func() {
			if r := recover(); r != "kre: len(dst) != len(at)" {
				t.Errorf("Many dst panic = %v", r)
			}
		}()
		_, _ = NadarayaWatsonMany(make([]float64, 1), k1x, k1y, 1, []float64{1, 2})
	}()
	var ve *ValueError
	if _, err := NadarayaWatsonMany(nil, k1x, k1y, 1, []float64{1, inf}); !errors.As(err, &ve) || ve.Index != 1 {
		t.Errorf("Many bad at: %v", err)
	}
	if _, err := LocalLinearMany(nil, k1x, k1y, 1, []float64{nan}); !errors.As(err, &ve) || ve.Arg != "at" {
		t.Errorf("LL Many bad at: %v", err)
	}
	if ve.Error() == "" {
		t.Error("empty message")
	}
}

func TestNoInputModification(t *testing.T) {
	x := append([]float64(nil), k1x...)
	y := append([]float64(nil), k1y...)
	_, _ = NadarayaWatson(x, y, 1, 8)
	_, _ = LocalLinear(x, y, 1, 8)
	_, _ = CVBandwidth(x, y, 0.8, 5.1, true)
	_, _ = AICcBandwidth(x, y, 0.8, 5.1)
	if !cmp.Equal(x, k1x) || !cmp.Equal(y, k1y) {
		t.Error("inputs modified")
	}
}

func mean(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}
