package kre

import (
	"errors"
	"math"
	"testing"
)

func TestSelectorReferenceValues(t *testing.T) {
	// spec kre.md §5 (K1, K2; two independent implementations).
	cases := []struct {
		name string
		got  func() (float64, error)
		want float64
	}{
		{"K1 CV-NW [0.5,5.1]", func() (float64, error) { return CVBandwidth(k1x, k1y, 0.5, 5.1, false) }, 1.413263},
		{"K1 CV-LL [0.5,5.1]", func() (float64, error) { return CVBandwidth(k1x, k1y, 0.5, 5.1, true) }, 5.1},
		{"K1 AICc [0.8,5.1]", func() (float64, error) { return AICcBandwidth(k1x, k1y, 0.8, 5.1) }, 2.466383},
		{"K1 AICc [0.3,5.1]", func() (float64, error) { return AICcBandwidth(k1x, k1y, 0.3, 5.1) }, 2.466383},
		{"K2 CV-NW", func() (float64, error) { return CVBandwidth(k1x, k2y, 0.5, 5.1, false) }, 0.896189},
		{"K2 CV-LL", func() (float64, error) { return CVBandwidth(k1x, k2y, 0.5, 5.1, true) }, 1.720544},
		{"K2 AICc [0.3,5.1]", func() (float64, error) { return AICcBandwidth(k1x, k2y, 0.3, 5.1) }, 5.1},
	}
	for _, c := range cases {
		h, err := c.got()
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if math.Abs(h-c.want) > 1e-4*c.want {
			t.Errorf("%s = %.7f, want %.6f", c.name, h, c.want)
		}
	}
	cv := mf(t)(CV(k1x, k1y, 1.413263, false))
	if math.Abs(cv-6.312398e8) > 1e-6*6.312398e8 {
		t.Errorf("CV at the minimum = %.7e, want 6.312398e8", cv)
	}
	a := mf(t)(AICc(k1x, k1y, 2.466383))
	if math.Abs(a-22.4952296) > 1e-7 {
		t.Errorf("AICc at the minimum = %.8f, want 22.4952296", a)
	}
	r, err := SelectBandwidth(k1x, k2y, &BandwidthSettings{Criterion: AICcCriterion, Lo: 0.3, Hi: 5.1})
	if err != nil || !r.AtBound || r.H != 5.1 {
		t.Errorf("K2 AICc SelectBandwidth = %+v, %v; want AtBound at 5.1", r, err)
	}
	r, err = SelectBandwidth(k1x, k1y, &BandwidthSettings{Local: true, Lo: 0.5, Hi: 5.1})
	if err != nil || !r.AtBound {
		t.Errorf("K1 CV-LL: %+v, %v; want AtBound", r, err)
	}
	r, err = SelectBandwidth(k1x, k1y, nil)
	if err != nil || r.AtBound || len(r.GridH) != DefaultGrid || r.GridH[0] != 0.8 || r.GridH[DefaultGrid-1] != 5.1 || r.Evaluations < DefaultGrid {
		t.Errorf("defaults: %+v, %v", r, err)
	}
	for k, v := range r.GridValue {
		if v < r.Value {
			t.Errorf("grid value %d (%v) below the result %v", k, v, r.Value)
		}
	}
}

// July 1–7 1995 (nasa_daily.csv): the window on which an unguarded AICc grid
// search returns a spurious, very negative minimum past the pole.
var july1to7 = []float64{64714, 60265, 89584, 70452, 94575, 100960, 87233}

func TestAICcPoleGuard(t *testing.T) {
	n := float64(len(k1x))
	unguarded := func(h float64) (float64, float64) {
		tr := mf(t)(HatTrace(k1x, h))
		var s float64
		for i := range k1x {
			g := rawNW(k1x, july1to7, h, k1x[i])
			s += (july1to7[i] - g) * (july1to7[i] - g)
		}
		return math.Log(s/n) + (1+tr/n)/(1-(tr+2)/n), tr
	}
	bestV, bestTr := math.Inf(1), 0.0
	for k := 0; k < 64; k++ {
		h := 0.3 * math.Pow(5.1/0.3, float64(k)/63)
		if v, tr := unguarded(h); v < bestV {
			bestV, bestTr = v, tr
		}
	}
	if !(bestTr > n-2) {
		t.Fatalf("expected the unguarded minimum past the pole, got tr H = %v", bestTr)
	}
	h, err := AICcBandwidth(k1x, july1to7, 0.3, 5.1)
	if err != nil {
		t.Fatal(err)
	}
	tr := mf(t)(HatTrace(k1x, h))
	v := mf(t)(AICc(k1x, july1to7, h))
	if !(tr < n-2) || !(v > bestV) || !isFinite(v) {
		t.Errorf("AICcBandwidth = %v (tr H %v, AICc %v); unguarded min %v", h, tr, v, bestV)
	}
	// Values on the invalid side are +Inf, not negative.
	if v := mf(t)(AICc(k1x, july1to7, 0.3)); !math.IsInf(v, 1) {
		t.Errorf("AICc(0.3) = %v, want +Inf", v)
	}
}

func TestHatTrace(t *testing.T) {
	// Limits: n as h → 0, 1 as h → ∞; all x equal ⇒ 1.
	if tr := mf(t)(HatTrace(k1x, 1e-3)); math.Abs(tr-7) > 1e-12 {
		t.Errorf("h→0: %v", tr)
	}
	if tr := mf(t)(HatTrace(k1x, 1e6)); math.Abs(tr-1) > 1e-9 {
		t.Errorf("h→∞: %v", tr)
	}
	if tr := mf(t)(HatTrace([]float64{3, 3, 3, 3}, 1)); math.Abs(tr-1) > 1e-15 {
		t.Errorf("equal x: %v", tr)
	}
	prev := math.Inf(1)
	for _, h := range []float64{0.3, 0.5, 0.8, 1, 2, 5} {
		tr := mf(t)(HatTrace(k1x, h))
		if !(tr < prev) {
			t.Errorf("tr H not decreasing at h=%v", h)
		}
		prev = tr
	}
	if _, err := HatTrace(nil, 1); !errors.Is(err, ErrNoData) {
		t.Error(err)
	}
	if _, err := HatTrace(k1x, 0); !errors.Is(err, ErrBadBandwidth) {
		t.Error(err)
	}
	if _, err := HatTrace([]float64{math.NaN()}, 1); !errors.Is(err, ErrBadValue) {
		t.Error(err)
	}
}

func TestSelectorGuards(t *testing.T) {
	c := []float64{5, 5, 5, 5, 5, 5, 5}
	if h := mf(t)(CVBandwidth(k1x, c, 0.8, 5.1, false)); h != 5.1 {
		t.Errorf("CV constant y: %v", h)
	}
	if h := mf(t)(CVBandwidth(k1x, c, 0.8, 5.1, true)); h != 5.1 {
		t.Errorf("CV-LL constant y: %v", h)
	}
	if h := mf(t)(AICcBandwidth(k1x, c, 0.8, 5.1)); h != 5.1 {
		t.Errorf("AICc constant y: %v", h)
	}
	if h := mf(t)(CVBandwidth(k1x, k1y, 2, 2, false)); h != 2 {
		t.Errorf("lo == hi: %v", h)
	}
	// lo == hi on the invalid side of AICc.
	if _, err := AICcBandwidth(k1x, k1y, 0.1, 0.1); !errors.Is(err, ErrNoValidBandwidth) {
		t.Errorf("AICc invalid single h: %v", err)
	}
	if _, err := AICcBandwidth(k1x, k1y, 0.01, 0.2); !errors.Is(err, ErrNoValidBandwidth) {
		t.Errorf("AICc all-invalid range: %v", err)
	}
	if _, err := AICcBandwidth(k1x[:3], k1y[:3], 0.8, 5.1); !errors.Is(err, ErrNoValidBandwidth) {
		t.Errorf("AICc n=3: %v", err)
	}
	if _, err := AICc(k1x[:3], k1y[:3], 1); !errors.Is(err, ErrNoValidBandwidth) {
		t.Errorf("AICc(h) n=3: %v", err)
	}
	if _, err := CVBandwidth(k1x[:2], k1y[:2], 0.8, 5.1, false); !errors.Is(err, ErrTooFewPoints) {
		t.Errorf("CV n=2: %v", err)
	}
	if _, err := CV(k1x[:2], k1y[:2], 1, true); !errors.Is(err, ErrTooFewPoints) {
		t.Errorf("CV(h) n=2: %v", err)
	}
	for _, r := range [][2]float64{{0, 1}, {-1, 1}, {2, 1}, {math.NaN(), 1}, {1, math.Inf(1)}, {1, math.NaN()}} {
		if _, err := CVBandwidth(k1x, k1y, r[0], r[1], false); !errors.Is(err, ErrBadRange) {
			t.Errorf("range %v: %v", r, err)
		}
		if _, err := AICcBandwidth(k1x, k1y, r[0], r[1]); !errors.Is(err, ErrBadRange) {
			t.Errorf("AICc range %v: %v", r, err)
		}
	}
	for _, g := range []int{-1, 1, 2} {
		if _, err := SelectBandwidth(k1x, k1y, &BandwidthSettings{Grid: g}); !errors.Is(err, ErrBadSettings) {
			t.Errorf("Grid %d: %v", g, err)
		}
	}
	if _, err := SelectBandwidth(k1x, k1y, &BandwidthSettings{Criterion: 7}); !errors.Is(err, ErrBadSettings) {
		t.Errorf("criterion: %v", err)
	}
	if _, err := CVBandwidth(nil, nil, 1, 2, false); !errors.Is(err, ErrNoData) {
		t.Error(err)
	}
	if _, err := CVBandwidth([]float64{1, 2, math.Inf(1)}, []float64{1, 2, 3}, 1, 2, false); !errors.Is(err, ErrBadValue) {
		t.Error(err)
	}
	// Huge y: criteria stay finite or +Inf, the selector still works.
	yb := []float64{1e300, -1e300, 3e299, 7e299, -2e300}
	xb := []float64{1, 2, 3, 4, 5}
	if h, err := CVBandwidth(xb, yb, 0.5, 5, false); err != nil || h < 0.5 || h > 5 {
		t.Errorf("huge y CV: %v %v", h, err)
	}
	if v, err := AICc(xb, yb, 3); err != nil || !isFinite(v) {
		t.Errorf("huge y AICc: %v %v", v, err)
	}
	if v, err := CV(xb, yb, 3, true); err != nil || math.IsNaN(v) {
		t.Errorf("huge y CV-LL: %v %v", v, err)
	}
}

func TestCVSymmetricMatchesShifted(t *testing.T) {
	// The symmetric unshifted NW form and the per-row shifted form agree.
	x := []float64{0, 0.5, 1.7, 3, 3.1, 9}
	y := []float64{1, -2, 4, 0.5, 3, 8}
	for _, h := range []float64{0.2, 1, 4} {
		buf := make([]float64, 3*len(x))
		sym := math.Exp(cvNW(x, y, h, 1, buf))
		var s float64
		for i := range x {
			r := y[i] - nwEval(x, y, h, x[i], i)
			s += r * r
		}
		if shifted := s / float64(len(x)); math.Abs(sym-shifted) > 1e-12*shifted {
			t.Errorf("h=%v: symmetric %v shifted %v", h, sym, shifted)
		}
		if raw := rawCV(x, y, h, false); math.Abs(sym-raw) > 1e-12*raw {
			t.Errorf("h=%v: raw %v", h, raw)
		}
	}
	// Widely spaced points take the shifted path: still finite, equals the
	// per-point nearest-neighbour residuals.
	x = []float64{0, 1000, 2000}
	y = []float64{1, 2, 4}
	// Leaving out 0: predicted by 1000 (y 2); 1000: tie of 0 and 2000 (2.5);
	// 2000: by 1000 (2). CV = (1 + 0.25 + 4)/3.
	if v := mf(t)(CV(x, y, 1, false)); math.Abs(v-1.75) > 1e-15 {
		t.Errorf("far CV = %v, want 1.75", v)
	}
}

func TestZeroAllocs(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation allocates")
	}
	cases := map[string]func(){
		"NadarayaWatson": func() { _, _ = NadarayaWatson(k1x, k1y, 2, 8) },
		"LocalLinear":    func() { _, _ = LocalLinear(k1x, k1y, 2, 8) },
		"CV":             func() { _, _ = CV(k1x, k1y, 2, false) },
		"CVBandwidth":    func() { _, _ = CVBandwidth(k1x, k1y, 0.8, 5.1, true) },
		"AICcBandwidth":  func() { _, _ = AICcBandwidth(k1x, k1y, 0.8, 5.1) },
		"HatTrace":       func() { _, _ = HatTrace(k1x, 1) },
	}
	for name, f := range cases {
		if a := testing.AllocsPerRun(20, f); a != 0 {
			t.Errorf("%s: %v allocations, want 0 for n ≤ 16", name, a)
		}
	}
}

func TestAICcEqualX(t *testing.T) {
	// Departure from the spec's table: with all x equal the NW smoother is
	// the mean, tr H = 1 < n − 2, so AICc is finite (and flat in h) and the
	// selector returns a valid h in [lo, hi] rather than ErrNoValidBandwidth.
	x := []float64{3, 3, 3, 3, 3}
	y := []float64{1, 4, 2, 8, 5}
	h, err := AICcBandwidth(x, y, 0.8, 5.1)
	if err != nil || h < 0.8 || h > 5.1 {
		t.Fatalf("%v %v", h, err)
	}
	if tr := mf(t)(HatTrace(x, h)); math.Abs(tr-1) > 1e-15 {
		t.Errorf("tr H = %v", tr)
	}
}
