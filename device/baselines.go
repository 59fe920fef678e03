package device

import (
	"context"
	"fmt"
	"math"
)

// RateMap selects how BufferBased maps the buffer to a level.
type RateMap int

// Buffer-to-level maps.
const (
	// MapRate maps the buffer linearly to a bitrate between r^0 and r^{Q−1}, then takes
	// Ladder.Highest (Huang et al. 2014, BBA-0).
	MapRate RateMap = iota
	// MapIndex maps the buffer linearly to a level index (Pensieve's test/bb.py).
	MapIndex
)

// BufferBased is the buffer-based baseline (Huang et al. 2014, BBA): the owner is chosen by
// Owner, and the level from the owner's effective buffer b = b_o + κ_o with reservoir R_s and
// cushion C_u (zero: B_o/4 and B_o/2, i.e. 10 s and 20 s for B = 40 s):
//
//	MapRate:  f(b) = r^0 (b ≤ R_s), r^{Q−1} (b ≥ R_s + C_u), else r^0 + (r^{Q−1} − r^0)(b − R_s)/C_u;
//	          level = Highest(f(b));
//	MapIndex: q = clamp(⌊(Q−1)(b − R_s)/C_u⌋, 0, Q−1).
//
// Reconstruction: BBA-0 used 90 s / 126 s of a 240 s buffer and Pensieve's test/bb.py 5 s /
// 10 s of 60 s; the defaults scale to the paper's 40 s buffer. The zero value is usable
// (with OwnerRule{} every admissible member with a smaller buffer is preferred); the
// baseline of the paper is &BufferBased{Owner: DefaultOwnerRule()}. It keeps no state.
type BufferBased struct {
	Reservoir, Cushion float64
	Map                RateMap
	Owner              OwnerRule
}

// Decide implements Policy.
func (p *BufferBased) Decide(v *View) Decision {
	o, ok := p.Owner.Choose(v)
	if !ok {
		return Wait(0)
	}
	m := v.Member(o)
	vid := m.User.Video
	return Download(o, p.Level(vid.Ladder, vid.MaxBuffer, m.Buffer+m.Committed))
}

// Level returns the level for effective buffer b (s) on ladder l with buffer cap maxBuffer.
func (p *BufferBased) Level(l Ladder, maxBuffer, b float64) int {
	rs := p.Reservoir
	if rs == 0 {
		rs = maxBuffer / 4
	}
	cu := p.Cushion
	if cu == 0 {
		cu = maxBuffer / 2
	}
	q := len(l) - 1
	if p.Map == MapIndex {
		if b < rs {
			return 0
		}
		x := math.Floor(float64(q) * (b - rs) / math.Max(cu, 1e-12))
		return int(clamp(x, 0, float64(q)))
	}
	var f float64
	switch {
	case b <= rs:
		f = l[0]
	case b >= rs+cu:
		f = l[q]
	default:
		f = l[0] + (l[q]-l[0])*(b-rs)/cu
	}
	return l.Highest(f)
}

// Predictor selects ChannelPrediction's capacity forecast.
type Predictor int

// Capacity predictors.
const (
	// PredictHarmonic is the harmonic mean of the last Window measured throughputs (Yin et al.
	// 2015, as in Pensieve's robustMPC); zero samples are ignored; with no history the current
	// capacity c_i(t). Reconstruction: the no-history fallback.
	PredictHarmonic Predictor = iota
	// PredictPANDA is PANDA's probe-and-adapt estimate (Li et al. 2014).
	PredictPANDA
	// PredictCurrent is the current capacity c_i(t), the paper's Lyapunov forecast.
	PredictCurrent
)

// PANDA constants (FDio/archived-cicn Adaptation/Panda.cpp).
const (
	pandaKappa = 0.14
	pandaW     = 0.3
	pandaAlpha = 0.2
)

// ChannelPrediction is the channel-prediction baseline (Li et al. 2014: "the highest bitrate
// supported by the predicted capacity"): the owner is chosen by Owner, and the level is
// Highest(Safety·ĉ_i) on the owner's ladder, ĉ_i the downloader's predicted capacity (Safety
// 0 means 1; Window 0 means 5).
//
// PredictPANDA keeps per-user state (x̂, ŷ): at the first decision x̂ = ŷ = c_i(t); at each
// later decision after a new request, with x̃ the last measured throughput and T the time
// since the previous request,
//
//	x̂ ← max(x̂ + κ·T·(w − max(0, x̂ − x̃ + w)), 0.05),  ŷ ← ŷ − min(1, α·T)·(ŷ − x̂),  ĉ = ŷ,
//
// κ = 0.14, w = 0.3 Mbps, α = 0.2. Reconstruction: the 0.05 floor and the min(1, ·) clamp are
// guards; PANDA's request scheduling and dead-zone quantiser are not used.
type ChannelPrediction struct {
	Predictor Predictor
	Window    int
	Safety    float64
	Owner     OwnerRule

	xhat, yhat []float64
	seenReq    []float64
}

// Reset implements Resetter: it clears the PANDA state for sc.
func (p *ChannelPrediction) Reset(sc *Scenario) {
	n := len(sc.Users)
	p.xhat = make([]float64, n)
	p.yhat = make([]float64, n)
	p.seenReq = make([]float64, n)
	for i := range n {
		p.xhat[i] = math.NaN()
		p.seenReq[i] = math.Inf(-1)
	}
}

// Predict returns ĉ for the deciding user of v (Mbps).
func (p *ChannelPrediction) Predict(v *View) float64 {
	switch p.Predictor {
	case PredictCurrent:
		return v.Capacity
	case PredictPANDA:
		return p.panda(v)
	}
	return HarmonicMean(v.History, p.window(), v.Capacity)
}

func (p *ChannelPrediction) window() int {
	if p.Window <= 0 {
		return 5
	}
	return p.Window
}

// HarmonicMean returns the harmonic mean of the last n positive samples of hist, or fallback
// when there is none.
func HarmonicMean(hist []float64, n int, fallback float64) float64 {
	var s float64
	c := 0
	for k := len(hist) - 1; k >= 0 && k >= len(hist)-n; k-- {
		if x := hist[k]; x > 0 && finite(x) {
			s += 1 / x
			c++
		}
	}
	if c == 0 {
		return fallback
	}
	return float64(c) / s
}

func (p *ChannelPrediction) panda(v *View) float64 {
	i := v.Self
	if i >= len(p.xhat) {
		// Not reset for this scenario: size the state now.
		p.Reset(v.Scenario)
	}
	if math.IsNaN(p.xhat[i]) {
		p.xhat[i], p.yhat[i] = v.Capacity, v.Capacity
		p.seenReq[i] = v.LastRequest
		return p.yhat[i]
	}
	if v.LastRequest != p.seenReq[i] && len(v.History) > 0 {
		T := v.Now - v.LastRequest
		x, y := PANDAStep(p.xhat[i], p.yhat[i], v.History[len(v.History)-1], T)
		p.xhat[i], p.yhat[i] = x, y
		p.seenReq[i] = v.LastRequest
	}
	return p.yhat[i]
}

// PANDAStep returns PANDA's updated (x̂, ŷ) after a measured throughput xt (Mbps) and T
// seconds since the previous request.
func PANDAStep(xhat, yhat, xt, T float64) (float64, float64) {
	xhat = math.Max(xhat+pandaKappa*T*(pandaW-math.Max(0, xhat-xt+pandaW)), 0.05)
	yhat -= math.Min(1, pandaAlpha*T) * (yhat - xhat)
	return xhat, yhat
}

// Decide implements Policy.
func (p *ChannelPrediction) Decide(v *View) Decision {
	o, ok := p.Owner.Choose(v)
	c := p.Predict(v) // keep the PANDA state current even when waiting
	if !ok {
		return Wait(0)
	}
	s := p.Safety
	if s == 0 {
		s = 1
	}
	l := v.Member(o).User.Video.Ladder
	return Download(o, l.Highest(s*c))
}

// TuneOwnerRule evaluates every (η, δ_gap) of grid g (nil slices: DefaultGrid's) on the
// scenarios with policies build(rule) and returns the rule of highest mean social welfare (ties:
// smaller η, then smaller δ_gap) and all points, η-major in grid order. Runs are parallel over
// (point, scenario) pairs on workers goroutines (0: GOMAXPROCS) and deterministic. It panics
// on a nil build; it returns ErrInvalidScenario for no scenarios and the first run error.
//
// The paper: "we try different values and choose the best ones".
func TuneOwnerRule(ctx context.Context, scs []*Scenario, build func(OwnerRule) Policy, g Grid,
	s *SimSettings, workers int) (OwnerRule, []GridPoint, error) {
	if build == nil {
		panic("device: nil policy builder")
	}
	if len(scs) == 0 {
		return OwnerRule{}, nil, fmt.Errorf("%w: tune: no scenarios", ErrInvalidScenario)
	}
	def := DefaultGrid()
	if g.Etas == nil {
		g.Etas = def.Etas
	}
	if g.Gaps == nil {
		g.Gaps = def.Gaps
	}
	var pts []GridPoint
	var jobs []Job
	for _, e := range g.Etas {
		for _, d := range g.Gaps {
			if !finite(e) || !finite(d) {
				return OwnerRule{}, nil, fmt.Errorf("%w: tune: grid point (%g, %g) not finite", ErrBadSettings, e, d)
			}
			rule := OwnerRule{Eta: e, Gap: d}
			pts = append(pts, GridPoint{Rule: rule})
			for _, sc := range scs {
				jobs = append(jobs, Job{Scenario: sc, NewPolicy: func() Policy { return build(rule) }, Settings: s})
			}
		}
	}
	res, err := SimulateMany(ctx, jobs, workers)
	if err != nil {
		return OwnerRule{}, nil, err
	}
	best := -1
	for k := range pts {
		w := 0.0
		for r := range scs {
			w += res[k*len(scs)+r].Welfare
		}
		pts[k].Welfare = w / float64(len(scs))
		if best < 0 || pts[k].Welfare > pts[best].Welfare ||
			pts[k].Welfare == pts[best].Welfare && (pts[k].Rule.Eta < pts[best].Rule.Eta ||
				pts[k].Rule.Eta == pts[best].Rule.Eta && pts[k].Rule.Gap < pts[best].Rule.Gap) {
			best = k
		}
	}
	if best < 0 {
		return OwnerRule{}, pts, fmt.Errorf("%w: tune: empty grid", ErrBadSettings)
	}
	return pts[best].Rule, pts, nil
}
