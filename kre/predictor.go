package kre

import (
	"errors"
	"fmt"
	"math"
)

// Defaults of the Load Prediction Mechanism (Paper, Table 1, for the window
// and the bandwidth range; Reconstruction for the stage parameters).
const (
	DefaultWindow      = 7    // w: forecasting reference period of one week, in days
	DefaultSeasonWeeks = 4    // weeks averaged by the weekday-aware variant
	DefaultTheta       = 0.3  // THLDM threshold θ
	DefaultDrop        = 0.05 // IRDM relative drop η
	DefaultFrame       = 7    // DEDM frame F, in days
	DefaultTol         = 0.1  // DEDM dead band |e − 1|
	DefaultMaxAdjust   = 0.5  // DEDM clamp of e to [1 − MaxAdjust, 1 + MaxAdjust]
	DefaultMargin      = 0.25 // IRRMM safety margin
)

// Method names the kernel regression estimator of a Predictor.
type Method int

const (
	// NadarayaWatsonMethod is the local constant estimator (NadarayaWatson).
	NadarayaWatsonMethod Method = iota
	// LocalLinearMethod is the local linear estimator (LocalLinear).
	LocalLinearMethod
)

// String returns "nw" or "ll".
func (m Method) String() string {
	switch m {
	case NadarayaWatsonMethod:
		return "nw"
	case LocalLinearMethod:
		return "ll"
	}
	return fmt.Sprintf("Method(%d)", int(m))
}

// THLDMSettings configures the Transient High Load Detection Mechanism
// (THLDM). Theta 0 ⇒ 0.3.
//
// Reconstruction (the Paper: THLDM "detects transient high load and
// excludes the corresponding load from the next season's forecasting"):
// window day i < w − 1 is transient-high iff y_i > 0 and
// y_i ≥ (1 + θ)·max_(j ≠ i) y_j over the window; flagged days are dropped
// from the fit (NW and LL work on unequally spaced x). The last day is never
// flagged (transience is recognised after the fact) and a sustained rise is
// never excluded; comparing with every other window day, rather than with
// the neighbours or a median/MAD fence, keeps Mondays after a weekend and
// the day after an outage from being flagged. At most one day per window
// qualifies. On NASA-HTTP July–August 1995 the only day flagged with
// θ = 0.3 is 13 July 1995 (STS-70 launch, ratio ≥ 1.45; any θ in
// [0.13, 0.45] gives the same result).
type THLDMSettings struct {
	Off   bool
	Theta float64
}

// IRDMSettings configures the Inertia Region Detection Mechanism (IRDM).
// Drop 0 ⇒ 0.05; it must lie in (0, 1).
//
// Reconstruction (the Paper: IRDM "modifies the KRE output whenever the
// modeled load leaves local maxima"; a kernel average keeps the weight of a
// recent peak after the load has turned down): with m_i = ĝ(x_i) the
// modelled load at the kept window points (same estimator and h) and p the
// first point where m is maximal, an inertia region holds iff p is interior,
// m is non-increasing from p to the last point and m_p − m_last ≥ Drop·m_p.
// Then every forecast is capped at the last kept observation
// (deseasonalised with the weekday variant).
type IRDMSettings struct {
	Off  bool
	Drop float64
}

// DEDMSettings configures the efficiency monitor (DEDM). Zero fields ⇒
// Frame 7, Tol 0.1, MaxAdjust 0.5.
//
// Reconstruction (the Paper: DEDM "monitors the efficiency of the LPM
// regarding the actual load and adjusts the resources reserved for the next
// time frame"): Forecast keeps no state, so with frame F and
// len(history) ≥ w + F it recomputes the forecast the LPM would have made F
// days ago, P = Forecast(history[:len−F], F) with DEDM off and unrounded,
// and compares it with the actual A = history[len−F:], both without
// THLDM-flagged days of A: e = ΣA/ΣP (1 when ΣP = 0). If |e − 1| > Tol the
// new forecasts are multiplied by clamp(e, 1 − MaxAdjust, 1 + MaxAdjust).
type DEDMSettings struct {
	Off       bool
	Frame     int
	Tol       float64
	MaxAdjust float64
}

// IRRMMSettings configures the initial-period mechanism (IRRMM). Initial is
// the origin server's declared daily volume (0: none); Margin 0 ⇒ 0.25.
//
// Reconstruction (the Paper: IRRMM handles "the initial service period
// where no previous data exists"): with k = len(history) < w, k = 0 gives
// Q_t = ⌈Initial⌉ (ErrNoHistory when Initial is 0); 1 ≤ k < w gives NW on
// the k days (x = 1..k, h = MaxBandwidth) at x = k + t, multiplied by the
// safety margin 1 + Margin·(w − k)/w and at least Initial when Initial > 0.
// With Off, k < w returns ErrShortHistory.
type IRRMMSettings struct {
	Off     bool
	Initial float64
	Margin  float64
}

// PredictorSettings configures a Predictor. The zero value is the default
// LPM: NW, CV bandwidth in [0.8, 5.1] days, one-week window, all four
// stages on, weekday variant off, whole-unit ceiling.
//
// Weekday-aware variant. Reconstruction (NASA-HTTP traffic has a strong
// weekly cycle that a 7-point kernel average cannot model): with
// W = min(SeasonWeeks, ⌊len(history)/7⌋) full weeks ending yesterday, each
// week q with mean μ_q > 0 (THLDM-flagged days replaced by that week's mean
// of its other days) gives r_(q,d) = y_(q,d)/μ_q for d = (index in history)
// mod 7; the factors f_d = max(0.01, mean_q r_(q,d)), renormalised to mean 1
// (f ≡ 1 without a usable week), divide the window before the fit and
// multiply the forecasts. Positions are indices in history, so no calendar
// is needed; callers that cut history must cut whole weeks to keep the
// alignment. On NASA-HTTP August 1995 (from 4 August, origins 18–25 August,
// horizon 7) the MAPE is 6.4 % with the variant and 26.4 % without.
type PredictorSettings struct {
	Method       Method
	Bandwidth    float64   // > 0: fixed h (days); 0 ⇒ selected per forecast
	Criterion    Criterion // selector when Bandwidth == 0
	MinBandwidth float64   // 0 ⇒ 0.8 (Paper)
	MaxBandwidth float64   // 0 ⇒ 5.1 (Paper)
	Window       int       // w; 0 ⇒ 7 (Paper)
	Weekday      bool      // weekday-aware variant (see below)
	SeasonWeeks  int       // 0 ⇒ 4
	NoCeil       bool      // return max(0, ĝ) unrounded
	THLDM        THLDMSettings
	IRDM         IRDMSettings
	DEDM         DEDMSettings
	IRRMM        IRRMMSettings
}

// Predictor is the Load Prediction Mechanism (LPM) of the stock-options CDN
// market: from the daily loads observed so far it forecasts the next days'
// demand Q(w, t), in whole units (bytes or requests). See Forecast for the
// pipeline.
//
// Predictor is immutable after NewPredictor and safe for concurrent use.
// The zero value (and a nil *Predictor) is the default predictor, with the
// same results as NewPredictor(nil).
type Predictor struct {
	s PredictorSettings
}

// NewPredictor validates s (nil: defaults) and returns a Predictor. Invalid
// settings return an error wrapping ErrBadSettings that names the field:
// Bandwidth < 0 or NaN; Min/MaxBandwidth ≤ 0 (when set), non-finite, or
// Min > Max; Window < 2; Theta ≤ 0; Drop ∉ (0, 1); Frame < 1; Tol < 0;
// MaxAdjust ∉ (0, 1]; Margin < 0; Initial < 0 or non-finite; SeasonWeeks < 1;
// an unknown Method or Criterion.
func NewPredictor(s *PredictorSettings) (*Predictor, error) {
	var set PredictorSettings
	if s != nil {
		set = *s
	}
	if err := validateSettings(set); err != nil {
		return nil, err
	}
	return &Predictor{s: resolve(set)}, nil
}

func badSetting(field string, v any, want string) error {
	return fmt.Errorf("%w: %s = %v, %s", ErrBadSettings, field, v, want)
}

func validateSettings(s PredictorSettings) error {
	fin := isFinite
	switch {
	case s.Method != NadarayaWatsonMethod && s.Method != LocalLinearMethod:
		return badSetting("Method", int(s.Method), "unknown method")
	case s.Criterion != CrossValidation && s.Criterion != AICcCriterion:
		return badSetting("Criterion", int(s.Criterion), "unknown criterion")
	case s.Bandwidth < 0 || !fin(s.Bandwidth):
		return badSetting("Bandwidth", s.Bandwidth, "need finite ≥ 0")
	case s.MinBandwidth < 0 || !fin(s.MinBandwidth):
		return badSetting("MinBandwidth", s.MinBandwidth, "need finite > 0")
	case s.MaxBandwidth < 0 || !fin(s.MaxBandwidth):
		return badSetting("MaxBandwidth", s.MaxBandwidth, "need finite > 0")
	case s.Window < 0 || s.Window == 1:
		return badSetting("Window", s.Window, "need ≥ 2")
	case s.SeasonWeeks < 0:
		return badSetting("SeasonWeeks", s.SeasonWeeks, "need ≥ 1")
	case s.THLDM.Theta < 0 || !fin(s.THLDM.Theta):
		return badSetting("THLDM.Theta", s.THLDM.Theta, "need > 0")
	case s.IRDM.Drop < 0 || s.IRDM.Drop >= 1 || !fin(s.IRDM.Drop):
		return badSetting("IRDM.Drop", s.IRDM.Drop, "need in (0, 1)")
	case s.DEDM.Frame < 0:
		return badSetting("DEDM.Frame", s.DEDM.Frame, "need ≥ 1")
	case s.DEDM.Tol < 0 || !fin(s.DEDM.Tol):
		return badSetting("DEDM.Tol", s.DEDM.Tol, "need finite ≥ 0")
	case s.DEDM.MaxAdjust < 0 || s.DEDM.MaxAdjust > 1 || !fin(s.DEDM.MaxAdjust):
		return badSetting("DEDM.MaxAdjust", s.DEDM.MaxAdjust, "need in (0, 1]")
	case s.IRRMM.Margin < 0 || !fin(s.IRRMM.Margin):
		return badSetting("IRRMM.Margin", s.IRRMM.Margin, "need finite ≥ 0")
	case s.IRRMM.Initial < 0 || !fin(s.IRRMM.Initial):
		return badSetting("IRRMM.Initial", s.IRRMM.Initial, "need finite ≥ 0")
	}
	r := resolve(s)
	if r.MinBandwidth > r.MaxBandwidth {
		return badSetting("MinBandwidth", r.MinBandwidth, fmt.Sprintf("need ≤ MaxBandwidth = %v", r.MaxBandwidth))
	}
	return nil
}

// resolve fills the zero fields of s with their defaults.
func resolve(s PredictorSettings) PredictorSettings {
	if s.MinBandwidth == 0 {
		s.MinBandwidth = DefaultMinBandwidth
	}
	if s.MaxBandwidth == 0 {
		s.MaxBandwidth = DefaultMaxBandwidth
	}
	if s.Window == 0 {
		s.Window = DefaultWindow
	}
	if s.SeasonWeeks == 0 {
		s.SeasonWeeks = DefaultSeasonWeeks
	}
	if s.THLDM.Theta == 0 {
		s.THLDM.Theta = DefaultTheta
	}
	if s.IRDM.Drop == 0 {
		s.IRDM.Drop = DefaultDrop
	}
	if s.DEDM.Frame == 0 {
		s.DEDM.Frame = DefaultFrame
	}
	if s.DEDM.Tol == 0 {
		s.DEDM.Tol = DefaultTol
	}
	if s.DEDM.MaxAdjust == 0 {
		s.DEDM.MaxAdjust = DefaultMaxAdjust
	}
	if s.IRRMM.Margin == 0 {
		s.IRRMM.Margin = DefaultMargin
	}
	return s
}

// Settings returns the predictor's settings with the defaults filled in.
func (p *Predictor) Settings() PredictorSettings {
	if p == nil {
		return resolve(PredictorSettings{})
	}
	return resolve(p.s)
}

// Explanation reports the intermediate results of one forecast.
type Explanation struct {
	Forecast   []float64 // = Forecast's result
	KRE        []float64 // step 6 output before IRDM, weekday factors, DEDM and rounding
	Bandwidth  float64   // h used (0 when IRRMM answered from Initial alone)
	Excluded   []int     // THLDM: indices into history
	Inertia    bool      // IRDM fired
	Factors    []float64 // weekday factors by position mod 7 (nil when the variant is off)
	Efficiency float64   // DEDM e (1 when inactive); Adjusted reports whether it was applied
	Adjusted   bool
	Initial    bool // IRRMM produced the forecast
}

// Forecast returns Q(w, t), t = 1..horizon: the forecast daily loads after
// history, whose last element is yesterday (history[0] oldest; bytes or
// requests, ≥ 0). It is a pure function of the settings and history. Steps:
//
//  1. Validate. If len(history) < w: IRRMM (initial period) and stop.
//  2. Window: the last w values at x = 1..w; targets x = w + t.
//  3. THLDM: drop transient-high days from the window.
//  4. Weekday variant (off by default): divide by weekday factors.
//  5. Bandwidth: Settings.Bandwidth if > 0, else CV (of the chosen method)
//     or AICc over [MinBandwidth, MaxBandwidth]; MaxBandwidth when the
//     selector has too few points or no valid h.
//  6. KRE: ĝ(w + t) by NW (default) or LL.
//  7. IRDM: cap the forecasts when the modelled load leaves a local maximum.
//  8. Weekday variant: multiply back the factors.
//  9. DEDM: scale by the clamped efficiency of the previous frame.
//  10. Q_t = max(0, ⌈ĝ_t⌉) (Paper: Q ∈ ℕ bytes, minimum volume 1 byte);
//     NoCeil gives max(0, ĝ_t).
//
// The four stages are reconstructions (the Paper names them in one sentence
// each); see THLDMSettings and the package documentation for the rules.
// With every stage off and a fixed h, Forecast is the bare KRE:
// ⌈NadarayaWatson(1..w, last w, h, w + t)⌉.
//
// Errors: horizon < 1 gives ErrBadHorizon; a NaN, infinite or negative load
// a *ValueError{"history", i, v}; len(history) < w with IRRMM off
// ErrShortHistory; an empty history with no Initial ErrNoHistory;
// ErrOverflow when a local linear forecast exceeds the float64 range.
//
// Cost O(horizon·w + selector), about 115 criterion evaluations of O(w²),
// twice with DEDM (one inner forecast).
func (p *Predictor) Forecast(history []float64, horizon int) ([]float64, error) {
	ex, err := p.explain(history, horizon)
	if err != nil {
		return nil, err
	}
	return ex.Forecast, nil
}

// ForecastBytes is Forecast with the result as whole units in dst
// (allocated when nil or too short; returned). Values saturate at
// math.MaxUint64; with NoCeil they are rounded up.
func (p *Predictor) ForecastBytes(dst []uint64, history []float64, horizon int) ([]uint64, error) {
	f, err := p.Forecast(history, horizon)
	if err != nil {
		return dst, err
	}
	if cap(dst) < len(f) {
		dst = make([]uint64, len(f))
	}
	dst = dst[:len(f)]
	for i, v := range f {
		v = math.Ceil(v)
		if v >= 0x1p64 {
			dst[i] = math.MaxUint64
		} else {
			dst[i] = uint64(v)
		}
	}
	return dst, nil
}

// Explain runs Forecast and reports its intermediate results.
func (p *Predictor) Explain(history []float64, horizon int) (*Explanation, error) {
	return p.explain(history, horizon)
}

func (p *Predictor) explain(history []float64, horizon int) (*Explanation, error) {
	s := p.Settings()
	if horizon < 1 {
		return nil, ErrBadHorizon
	}
	for i, v := range history {
		if !isFinite(v) || v < 0 {
			return nil, &ValueError{Arg: "history", Index: i, Value: v}
		}
	}
	ex := &Explanation{Efficiency: 1}
	k := len(history)
	if k < s.Window {
		if s.IRRMM.Off {
			return nil, ErrShortHistory
		}
		if err := irrmm(&s, history, horizon, ex); err != nil {
			return nil, err
		}
		finish(&s, ex.Forecast)
		return ex, nil
	}
	g, err := core(&s, history, horizon, ex)
	if err != nil {
		return nil, err
	}
	if !s.DEDM.Off && k >= s.Window+s.DEDM.Frame {
		if err := dedm(&s, history, ex, g); err != nil {
			return nil, err
		}
	}
	for _, v := range g {
		if !isFinite(v) {
			return nil, ErrOverflow
		}
	}
	finish(&s, g)
	ex.Forecast = g
	return ex, nil
}

// finish applies step 10 in place.
func finish(s *PredictorSettings, g []float64) {
	for i, v := range g {
		v = max(v, 0)
		if !s.NoCeil {
			v = math.Ceil(v)
		}
		g[i] = v
	}
}

// core runs steps 2–8 on a history of at least w days and returns the
// forecasts before DEDM and rounding. It fills ex's KRE, Bandwidth,
// Excluded, Inertia and Factors.
func core(s *PredictorSettings, history []float64, horizon int, ex *Explanation) ([]float64, error) {
	k, w := len(history), s.Window
	base := k - w
	window := history[base:]
	// Step 3: THLDM.
	var excluded []int
	if !s.THLDM.Off {
		if i := thldm(window, s.THLDM.Theta); i >= 0 {
			excluded = append(excluded, base+i)
		}
	}
	ex.Excluded = excluded
	xs := make([]float64, 0, w)
	ys := make([]float64, 0, w)
	pos := make([]int, 0, w)
	for i, v := range window {
		if len(excluded) > 0 && excluded[0] == base+i {
			continue
		}
		xs = append(xs, float64(i+1))
		ys = append(ys, v)
		pos = append(pos, base+i)
	}
	// Step 4: weekday factors.
	var f []float64
	if s.Weekday {
		f = weekdayFactors(history, excluded, s.SeasonWeeks)
		ex.Factors = f
		for i := range ys {
			ys[i] /= f[pos[i]%weekPeriod]
		}
	}
	// Step 5: bandwidth.
	h := s.Bandwidth
	if h == 0 {
		var err error
		if s.Criterion == AICcCriterion {
			h, err = AICcBandwidth(xs, ys, s.MinBandwidth, s.MaxBandwidth)
		} else {
			h, err = CVBandwidth(xs, ys, s.MinBandwidth, s.MaxBandwidth, s.Method == LocalLinearMethod)
		}
		if errors.Is(err, ErrTooFewPoints) || errors.Is(err, ErrNoValidBandwidth) {
			h, err = s.MaxBandwidth, nil
		}
		if err != nil {
			return nil, err
		}
	}
	ex.Bandwidth = h
	// Step 6: KRE.
	est := nwEval
	if s.Method == LocalLinearMethod {
		est = llEval
	}
	g := make([]float64, horizon)
	for t := range g {
		g[t] = est(xs, ys, h, float64(w+t+1), -1)
	}
	ex.KRE = append([]float64(nil), g...)
	// Step 7: IRDM.
	if !s.IRDM.Off && irdm(xs, ys, h, est, s.IRDM.Drop) {
		ex.Inertia = true
		last := ys[len(ys)-1]
		for t := range g {
			g[t] = min(g[t], last)
		}
	}
	// Step 8: multiply back the weekday factors.
	if f != nil {
		for t := range g {
			g[t] *= f[(k+t)%weekPeriod]
		}
	}
	return g, nil
}
