package kre

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"
)

// july1to21 holds NASA-HTTP requests per day, 1–21 July 1995
// (shared/data/web/nasa_daily.csv, derived from the ITA NASA-HTTP trace).
// Index 12 is 13 July 1995, the STS-70 launch day.
var july1to21 = []float64{
	64714, 60265, 89584, 70452, 94575, 100960, 87233,
	38867, 35272, 72860, 80407, 92536, 134203, 84103,
	45532, 47854, 74981, 64282, 72738, 66593, 64629,
}

func stagesOff() PredictorSettings {
	return PredictorSettings{
		THLDM: THLDMSettings{Off: true},
		IRDM:  IRDMSettings{Off: true},
		DEDM:  DEDMSettings{Off: true},
		IRRMM: IRRMMSettings{Off: true},
	}
}

func mustPredictor(t *testing.T, s *PredictorSettings) *Predictor {
	t.Helper()
	p, err := NewPredictor(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTHLDMOnK1(t *testing.T) {
	var p Predictor // zero value: defaults
	ex, err := p.Explain(july1to21[:14], 7)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ex.Excluded, []int{12}) {
		t.Errorf("Excluded = %v, want [12] (13 July 1995)", ex.Excluded)
	}
	p2 := mustPredictor(t, &PredictorSettings{THLDM: THLDMSettings{Theta: 0.46}})
	ex, err = p2.Explain(july1to21[:14], 7)
	if err != nil || len(ex.Excluded) != 0 {
		t.Errorf("Theta 0.46: Excluded = %v (%v), want none", ex.Excluded, err)
	}
	// Ratio 134203/92536 = 1.4503: flagged for θ up to 0.45.
	if got := thldm(k1y, 0.45); got != 5 {
		t.Errorf("θ = 0.45: %d", got)
	}
	if got := thldm(k1y, 0.451); got != -1 {
		t.Errorf("θ = 0.451: %d", got)
	}
	// Never the last day; never a zero day among zeros.
	if got := thldm([]float64{1, 1, 1, 9}, 0.3); got != -1 {
		t.Errorf("last day flagged: %d", got)
	}
	if got := thldm([]float64{0, 0, 0, 0}, 0.3); got != -1 {
		t.Errorf("zeros flagged: %d", got)
	}
	if got := thldm([]float64{5, 0, 0, 0}, 0.3); got != 0 {
		t.Errorf("single spike among zeros: %d", got)
	}
}

func TestIRDMSynthetic(t *testing.T) {
	// spec kre.md §5: y = (10, 20, 40, 80, 60, 40, 30), NW, h = 1.
	y := []float64{10, 20, 40, 80, 60, 40, 30}
	wantM := []float64{16.228, 26.202, 44.318, 59.545, 57.103, 44.861, 36.094}
	m, err := NadarayaWatsonMany(nil, k1x, y, 1, k1x)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(wantM, m, cmpopts.EquateApprox(0, 5e-4)); d != "" {
		t.Errorf("modelled load (-want +got):\n%s", d)
	}
	s := stagesOff()
	s.IRDM.Off = false
	s.Bandwidth = 1
	p := mustPredictor(t, &s)
	ex, err := p.Explain(y, 7)
	if err != nil {
		t.Fatal(err)
	}
	wantKRE := []float64{32.261, 30.827, 30.303, 30.111, 30.041, 30.015, 30.006}
	if !ex.Inertia {
		t.Error("Inertia = false, want true")
	}
	if d := cmp.Diff(wantKRE, ex.KRE, cmpopts.EquateApprox(0, 5e-4)); d != "" {
		t.Errorf("KRE (-want +got):\n%s", d)
	}
	if !slices.Equal(ex.Forecast, slices.Repeat([]float64{30}, 7)) {
		t.Errorf("Forecast = %v, want all 30", ex.Forecast)
	}
	ex, err = p.Explain([]float64{10, 20, 30, 40, 50, 60, 70}, 7)
	if err != nil || ex.Inertia {
		t.Errorf("rising: Inertia = %v (%v)", ex.Inertia, err)
	}
}

func TestIRRMM(t *testing.T) {
	p := mustPredictor(t, &PredictorSettings{IRRMM: IRRMMSettings{Initial: 1000}})
	f, err := p.Forecast(nil, 7)
	if err != nil || !slices.Equal(f, slices.Repeat([]float64{1000}, 7)) {
		t.Errorf("Initial only: %v %v", f, err)
	}
	var d Predictor
	ex, err := d.Explain([]float64{100, 100}, 7)
	// ⌈100·(1 + 0.25·5/7)⌉ = 118.
	if err != nil || !ex.Initial || !slices.Equal(ex.Forecast, slices.Repeat([]float64{118}, 7)) {
		t.Errorf("k = 2: %+v %v", ex, err)
	}
	f, err = p.Forecast([]float64{100, 100}, 7)
	if err != nil || !slices.Equal(f, slices.Repeat([]float64{1000}, 7)) {
		t.Errorf("k = 2 with Initial: %v %v", f, err)
	}
	if _, err := d.Forecast(nil, 7); !errors.Is(err, ErrNoHistory) {
		t.Errorf("no history: %v", err)
	}
	off := mustPredictor(t, &PredictorSettings{IRRMM: IRRMMSettings{Off: true}})
	if _, err := off.Forecast([]float64{100, 100}, 7); !errors.Is(err, ErrShortHistory) {
		t.Errorf("IRRMM off: %v", err)
	}
	if _, err := off.Forecast(nil, 7); !errors.Is(err, ErrShortHistory) {
		t.Errorf("IRRMM off, empty: %v", err)
	}
}

func TestDEDM(t *testing.T) {
	s := stagesOff()
	s.DEDM.Off = false
	s.Bandwidth = 5.1
	p := mustPredictor(t, &s)
	for _, c := range []struct {
		second   float64
		e        float64
		adjusted bool
		q        float64
	}{
		{150, 1.5, true, 225},
		{105, 1.05, false, 105},
		{300, 3, true, 450},
		{100, 1, false, 100},
		{20, 0.2, true, 10},
	} {
		h := append(slices.Repeat([]float64{100}, 7), slices.Repeat([]float64{c.second}, 7)...)
		ex, err := p.Explain(h, 7)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(ex.Efficiency-c.e) > 1e-12 || ex.Adjusted != c.adjusted || !slices.Equal(ex.Forecast, slices.Repeat([]float64{c.q}, 7)) {
			t.Errorf("second week %v: e %v adjusted %v Q %v; want %v %v %v", c.second, ex.Efficiency, ex.Adjusted, ex.Forecast, c.e, c.adjusted, c.q)
		}
	}
	// Too short for a frame: inactive.
	ex, err := p.Explain(slices.Repeat([]float64{100}, 13), 3)
	if err != nil || ex.Efficiency != 1 || ex.Adjusted {
		t.Errorf("short: %+v %v", ex, err)
	}
}

func TestBareKREIdentity(t *testing.T) {
	for _, h := range []float64{0.8, 2, 5.1} {
		s := stagesOff()
		s.Bandwidth = h
		p := mustPredictor(t, &s)
		f, err := p.Forecast(july1to21, 7)
		if err != nil {
			t.Fatal(err)
		}
		last := july1to21[len(july1to21)-7:]
		for tt := 1; tt <= 7; tt++ {
			g := mf(t)(NadarayaWatson(k1x, last, h, float64(7+tt)))
			if f[tt-1] != math.Ceil(g) {
				t.Errorf("h=%v t=%d: %v, want ⌈%v⌉", h, tt, f[tt-1], g)
			}
		}
	}
	// K1 forecasts at h = 2 (spec §5), through the bare predictor.
	s := stagesOff()
	s.Bandwidth, s.NoCeil = 2, true
	f, err := mustPredictor(t, &s).Forecast(july1to21[:14], 7)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{99798.652, 99223.791, 97756.433, 95924.535, 94050.822, 92308.483, 90774.895}
	if d := cmp.Diff(want, f, cmpopts.EquateApprox(0, 6e-4)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestPredictorDefaultsOnJuly(t *testing.T) {
	var p Predictor
	ex, err := p.Explain(july1to21[:14], 7)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range ex.Forecast {
		if v < 0 || v != math.Trunc(v) {
			t.Errorf("Q[%d] = %v not a whole unit", i, v)
		}
	}
	if ex.Bandwidth < DefaultMinBandwidth || ex.Bandwidth > DefaultMaxBandwidth {
		t.Errorf("h = %v", ex.Bandwidth)
	}
	// With STS-70 excluded, the forecast must not carry the spike: every
	// Q_t lies below the excluded day's load.
	for _, v := range ex.Forecast {
		if v >= 134203 {
			t.Errorf("forecast %v carries the spike", v)
		}
	}
	f, err := p.Forecast(july1to21[:14], 7)
	if err != nil || !slices.Equal(f, ex.Forecast) {
		t.Errorf("Forecast %v != Explain %v", f, ex.Forecast)
	}
	b, err := p.ForecastBytes(nil, july1to21[:14], 7)
	if err != nil || len(b) != 7 || float64(b[0]) != f[0] {
		t.Errorf("ForecastBytes %v %v", b, err)
	}
	// AICc and LL variants run and stay in range.
	for _, s := range []PredictorSettings{{Criterion: AICcCriterion}, {Method: LocalLinearMethod}, {Weekday: true}} {
		q, err := mustPredictor(t, &s).Forecast(july1to21, 7)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range q {
			if v < 0 || v != math.Trunc(v) {
				t.Errorf("%+v: %v", s, q)
			}
		}
	}
}

func TestWeekdayNoiseFree(t *testing.T) {
	// y_d = L·f_(d mod 7) is forecast exactly by the weekday variant.
	f := []float64{0.8, 1.2, 1.1, 0.9, 1.05, 0.95, 1.0}
	L := 12345.0
	h := make([]float64, 28)
	for d := range h {
		h[d] = L * f[d%7]
	}
	s := PredictorSettings{Weekday: true, NoCeil: true, THLDM: THLDMSettings{Off: true}}
	ex, err := mustPredictor(t, &s).Explain(h, 7)
	if err != nil {
		t.Fatal(err)
	}
	for tt, v := range ex.Forecast {
		want := L * f[(28+tt)%7]
		if math.Abs(v-want) > 1e-9*want {
			t.Errorf("t=%d: %v, want %v", tt+1, v, want)
		}
	}
	if d := cmp.Diff(f, ex.Factors, cmpopts.EquateApprox(1e-12, 0)); d != "" {
		t.Errorf("factors (-want +got):\n%s", d)
	}
	// No full week: factors ≡ 1.
	ex, err = mustPredictor(t, &PredictorSettings{Weekday: true, Window: 3}).Explain([]float64{1, 2, 3, 4, 5}, 2)
	if err != nil || !slices.Equal(ex.Factors, slices.Repeat([]float64{1}, 7)) {
		t.Errorf("short weekday: %v %v", ex.Factors, err)
	}
}

func TestForecastErrors(t *testing.T) {
	var p Predictor
	if _, err := p.Forecast(july1to21, 0); !errors.Is(err, ErrBadHorizon) {
		t.Errorf("horizon 0: %v", err)
	}
	var ve *ValueError
	for i, v := range []float64{math.NaN(), math.Inf(1), -1} {
		h := append([]float64(nil), july1to21...)
		h[i+3] = v
		if _, err := p.Forecast(h, 7); !errors.As(err, &ve) || ve.Arg != "history" || ve.Index != i+3 {
			t.Errorf("bad value %v: %v", v, err)
		}
	}
	var np *Predictor // nil pointer: defaults
	if _, err := np.Forecast(july1to21, 3); err != nil {
		t.Errorf("nil predictor: %v", err)
	}
	bad := []PredictorSettings{
		{Bandwidth: -1}, {Bandwidth: math.NaN()}, {Bandwidth: math.Inf(1)},
		{MinBandwidth: -1}, {MaxBandwidth: math.NaN()}, {MinBandwidth: 3, MaxBandwidth: 2},
		{MinBandwidth: 6}, {Window: 1}, {Window: -3}, {SeasonWeeks: -1},
		{THLDM: THLDMSettings{Theta: -0.1}}, {IRDM: IRDMSettings{Drop: 1}}, {IRDM: IRDMSettings{Drop: -0.5}},
		{DEDM: DEDMSettings{Frame: -1}}, {DEDM: DEDMSettings{Tol: -1}}, {DEDM: DEDMSettings{MaxAdjust: 1.5}},
		{IRRMM: IRRMMSettings{Margin: -1}}, {IRRMM: IRRMMSettings{Initial: -1}}, {IRRMM: IRRMMSettings{Initial: math.NaN()}},
		{Method: 5}, {Criterion: -1},
	}
	for _, s := range bad {
		if _, err := NewPredictor(&s); !errors.Is(err, ErrBadSettings) {
			t.Errorf("%+v: %v", s, err)
		}
	}
	p2 := mustPredictor(t, nil)
	if got := p2.Settings(); got.Window != 7 || got.MinBandwidth != 0.8 || got.MaxBandwidth != 5.1 || got.THLDM.Theta != 0.3 ||
		got.IRDM.Drop != 0.05 || got.DEDM.Frame != 7 || got.DEDM.Tol != 0.1 || got.DEDM.MaxAdjust != 0.5 || got.IRRMM.Margin != 0.25 || got.SeasonWeeks != 4 {
		t.Errorf("defaults: %+v", got)
	}
	if Method(9).String() == "" || NadarayaWatsonMethod.String() != "nw" || LocalLinearMethod.String() != "ll" ||
		CrossValidation.String() != "cv" || AICcCriterion.String() != "aicc" || Criterion(7).String() == "" {
		t.Error("String")
	}
}

func TestPropForecast(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 30).Draw(t, "n")
		history := rapid.SliceOfN(rapid.Float64Range(0, 1e9), n, n).Draw(t, "history")
		horizon := rapid.IntRange(1, 10).Draw(t, "horizon")
		s := PredictorSettings{
			Method:    Method(rapid.IntRange(0, 1).Draw(t, "method")),
			Criterion: Criterion(rapid.IntRange(0, 1).Draw(t, "criterion")),
			Weekday:   rapid.Bool().Draw(t, "weekday"),
			IRRMM:     IRRMMSettings{Initial: rapid.SampledFrom([]float64{0, 1000}).Draw(t, "initial")},
		}
		p := mustPredictorR(t, &s)
		ex, err := p.Explain(history, horizon)
		if n == 0 && s.IRRMM.Initial == 0 {
			if !errors.Is(err, ErrNoHistory) {
				t.Fatalf("empty: %v", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range ex.Forecast {
			if !(v >= 0) || v != math.Trunc(v) {
				t.Fatalf("forecast %v not a whole non-negative unit", ex.Forecast)
			}
		}
		if slices.Contains(ex.Excluded, n-1) {
			t.Fatal("THLDM excluded the last day")
		}
		f, err := p.Forecast(history, horizon)
		if err != nil || !slices.Equal(f, ex.Forecast) {
			t.Fatalf("Forecast %v != Explain %v", f, ex.Forecast)
		}
		// Scale-free stages: Forecast(c·history) = ⌈c·(unrounded)⌉ within 1
		// unit, plus 1e-6 relative: the selected h is determined only up to
		// the flatness of the criterion, and CV(c·y) = c²·CV(y) rounds
		// differently for c not a power of two.
		if s.IRRMM.Initial == 0 && n > 0 {
			c := rapid.Float64Range(0.01, 100).Draw(t, "c")
			ns := s
			ns.NoCeil = true
			raw, err := mustPredictorR(t, &ns).Forecast(history, horizon)
			if err != nil {
				t.Fatal(err)
			}
			hc := make([]float64, n)
			for i, v := range history {
				hc[i] = c * v
			}
			fc, err := p.Forecast(hc, horizon)
			if err != nil {
				t.Fatal(err)
			}
			for k := range fc {
				want := math.Ceil(c * raw[k])
				if math.Abs(fc[k]-want) > 1+1e-6*want {
					t.Fatalf("scale %v: %v vs %v", c, fc, want)
				}
			}
		}
	})
}

func TestPropConstantHistory(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := float64(rapid.IntRange(0, 1e9).Draw(t, "v"))
		n := rapid.IntRange(7, 30).Draw(t, "n")
		s := stagesOff()
		s.Method = Method(rapid.IntRange(0, 1).Draw(t, "method"))
		if rapid.Bool().Draw(t, "fixed") {
			s.Bandwidth = rapid.Float64Range(0.1, 10).Draw(t, "h")
		}
		f, err := mustPredictorR(t, &s).Forecast(slices.Repeat([]float64{v}, n), 7)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(f, slices.Repeat([]float64{v}, 7)) {
			t.Fatalf("constant %v: %v", v, f)
		}
	})
}

func TestPropWeekdayNoiseFree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := rapid.SliceOfN(rapid.Float64Range(0.8, 1.2), 7, 7).Draw(t, "f")
		var m float64
		for _, v := range f {
			m += v / 7
		}
		for i := range f {
			f[i] /= m
		}
		L := rapid.Float64Range(1, 1e9).Draw(t, "L")
		h := make([]float64, 28)
		for d := range h {
			h[d] = L * f[d%7]
		}
		// THLDM is off: a weekday factor 1.3× the others' would be flagged.
		s := PredictorSettings{Weekday: true, NoCeil: true, THLDM: THLDMSettings{Off: true}}
		q, err := mustPredictorR(t, &s).Forecast(h, 7)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range q {
			want := L * f[(28+k)%7]
			if math.Abs(v-want) > 1e-9*want {
				t.Fatalf("t=%d: %v, want %v", k+1, v, want)
			}
		}
	})
}

func mustPredictorR(t *rapid.T, s *PredictorSettings) *Predictor {
	p, err := NewPredictor(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
