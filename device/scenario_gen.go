package device

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// PaperConfig configures NewPaperScenario; zero fields take the defaults in brackets.
type PaperConfig struct {
	Users              int         // number of users [50]
	VideoShare         float64     // share of video users, in [0, 1] [0.5]
	Ladder             Ladder      // [DefaultLadder]
	Segments           int         // segments per video [250]
	SegLen, MaxBuffer  float64     // segment length and buffer cap (s) [2, 40]
	Traces             []*Trace    // trace pool (required)
	Bucket             Bucket      // keep traces whose Mean is in Bucket [all]
	Coop               Cooperation // CoopFull, CoopISFLike, CoopNWFLike or CoopNone [CoopFull]
	ThetaMin, ThetaMax float64     // θ ~ U[ThetaMin, ThetaMax] [0.5, 1.5]
	DeltaPerTheta      float64     // δ = DeltaPerTheta·θ [1]
	RhoPerTheta        float64     // ρ = RhoPerTheta·θ [4.3]
	Energy             *Energy     // [DefaultEnergy]
	LambdaE            float64     // [DefaultLambdaE]; use a tiny positive value to disable
	StartSpread        float64     // window starts ~ U[0, StartSpread) [0]
}

// NewPaperScenario returns the paper's §7.2 setting: Users users, a share VideoShare of them
// watching a video of Segments segments of SegLen seconds with buffer MaxBuffer, each reading a
// trace of the pool at a random offset, with cooperation Coop.
//
// Draws, with r := rand.New(src): (1) p := r.Perm(N), users p[0..round(share·N)−1] watch a
// video; (2) for u = 0..N−1: trace := pool[r.IntN(len)], offset := r.Float64()·Period,
// θ := ThetaMin + r.Float64()·(ThetaMax−ThetaMin), start := r.Float64()·StartSpread; (3) for
// CoopISFLike and CoopNWFLike the stays of the preset's Generate(N, H, ·) on the same r, H the
// latest video end. A nil src uses math/rand/v2's top-level functions.
//
// Reconstruction: the paper's three video shares are lost (the library uses 0.2/0.5/0.8), as
// are θ, δ and ρ (θ ~ U[0.5, 1.5], δ = θ, ρ = 4.3θ: 4.3 is Pensieve's penalty of 1 s of
// rebuffering, 1 its smoothness penalty).
//
// Errors: ErrNoTraces for an empty (filtered) pool; *ScenarioError for bad numbers.
func NewPaperScenario(cfg PaperConfig, src rand.Source) (*Scenario, error) {
	n := cfg.Users
	if n == 0 {
		n = 50
	}
	if n < 1 {
		return nil, scErr(-1, "Users", "%d < 1", n)
	}
	share := cfg.VideoShare
	if share == 0 {
		share = 0.5
	}
	if !(share >= 0 && share <= 1) {
		return nil, scErr(-1, "VideoShare", "%g not in [0, 1]", share)
	}
	ladder := cfg.Ladder
	if ladder == nil {
		ladder = DefaultLadder()
	}
	segs := cfg.Segments
	if segs == 0 {
		segs = 250
	}
	segLen := orDefault(cfg.SegLen, 2)
	maxBuf := orDefault(cfg.MaxBuffer, 40)
	tmin, tmax := cfg.ThetaMin, cfg.ThetaMax
	if tmin == 0 && tmax == 0 {
		tmin, tmax = 0.5, 1.5
	}
	if !finite(tmin) || !finite(tmax) || tmin < 0 || tmax < tmin {
		return nil, scErr(-1, "ThetaMin/ThetaMax", "[%g, %g] is not a finite non-negative range", tmin, tmax)
	}
	dpt := orDefault(cfg.DeltaPerTheta, 1)
	rpt := orDefault(cfg.RhoPerTheta, 4.3)
	en := DefaultEnergy()
	if cfg.Energy != nil {
		en = *cfg.Energy
	}
	lam := orDefault(cfg.LambdaE, DefaultLambdaE)
	if !finite(cfg.StartSpread) || cfg.StartSpread < 0 {
		return nil, scErr(-1, "StartSpread", "%g is negative or not finite", cfg.StartSpread)
	}
	var model HotspotModel
	switch cfg.Coop {
	case CoopFull, CoopNone:
	case CoopISFLike:
		model = ISFLike()
	case CoopNWFLike:
		model = NWFLike()
	default:
		return nil, scErr(-1, "Coop", "mode %v is not CoopFull, CoopISFLike, CoopNWFLike or CoopNone", cfg.Coop)
	}
	pool := cfg.Traces
	if !cfg.Bucket.IsZero() {
		pool = InBucket(pool, cfg.Bucket)
	}
	if len(pool) == 0 {
		return nil, fmt.Errorf("%w: paper scenario: empty trace pool (bucket %v)", ErrNoTraces, cfg.Bucket)
	}
	for k, tr := range pool {
		if err := tr.Validate(); err != nil {
			return nil, scErr(-1, "Traces", "pool trace %d: %v", k, err)
		}
	}
	r := newRand(src)
	p := r.Perm(n)
	nv := int(math.Round(share * float64(n)))
	isVideo := make([]bool, n)
	for _, u := range p[:nv] {
		isVideo[u] = true
	}
	sc := &Scenario{
		Users:   make([]User, n),
		LambdaE: lam,
		Name:    fmt.Sprintf("paper_%d_%g_%v", n, share, cfg.Coop),
	}
	for u := range n {
		tr := pool[r.IntN(len(pool))]
		off := r.Float64() * tr.Period
		theta := tmin + r.Float64()*(tmax-tmin)
		start := r.Float64() * cfg.StartSpread
		us := User{Trace: tr.Shifted(off), Energy: en, Theta: theta, Delta: dpt * theta, Rho: rpt * theta}
		if isVideo[u] {
			us.Video = &Video{Start: start, SegLen: segLen, Segments: segs, MaxBuffer: maxBuf, Ladder: ladder}
		}
		sc.Users[u] = us
	}
	switch cfg.Coop {
	case CoopFull:
		sc.Mobility = FullCooperation(n)
	case CoopNone:
		sc.Mobility = NoCooperation(n)
	default:
		h := sc.HorizonOrDefault()
		if h == 0 {
			h = float64(segs) * segLen
		}
		m, err := model.Generate(n, h, r)
		if err != nil {
			return nil, err
		}
		m.mode = cfg.Coop
		sc.Mobility = m
	}
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	return sc, nil
}

func orDefault(x, d float64) float64 {
	if x == 0 {
		return d
	}
	return x
}

// SingleConfig configures NewSingleUserScenario; zero fields take the defaults in brackets.
type SingleConfig struct {
	Ladder            Ladder  // [DefaultLadder]
	Segments          int     // [250]
	SegLen, MaxBuffer float64 // [2, 40]
	Theta             float64 // [1]; δ = θ, ρ = 4.3θ
	LambdaE           float64 // [DefaultLambdaE]
}

// NewSingleUserScenario returns a one-user scenario (CoopNone): one video user reading tr at
// offset, with DefaultEnergy. The error is a *ScenarioError.
func NewSingleUserScenario(tr *Trace, offset float64, cfg SingleConfig) (*Scenario, error) {
	if tr == nil {
		return nil, scErr(0, "Trace", "nil")
	}
	if err := tr.Validate(); err != nil {
		return nil, scErr(0, "Trace", "%v", err)
	}
	if !finite(offset) {
		return nil, scErr(0, "Trace", "offset %g is not finite", offset)
	}
	ladder := cfg.Ladder
	if ladder == nil {
		ladder = DefaultLadder()
	}
	segs := cfg.Segments
	if segs == 0 {
		segs = 250
	}
	theta := orDefault(cfg.Theta, 1)
	sc := &Scenario{
		Users: []User{{
			Trace:  tr.Shifted(offset),
			Video:  &Video{SegLen: orDefault(cfg.SegLen, 2), Segments: segs, MaxBuffer: orDefault(cfg.MaxBuffer, 40), Ladder: ladder},
			Energy: DefaultEnergy(),
			Theta:  theta, Delta: theta, Rho: 4.3 * theta,
		}},
		Mobility: NoCooperation(1),
		LambdaE:  orDefault(cfg.LambdaE, DefaultLambdaE),
		Name:     "single_" + tr.Name,
	}
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	return sc, nil
}

// DemoScenario returns the paper's Raspberry Pi demo (appendix A.1): three video users with
// DemoLadder, 10 segments of 10 s, horizon 100 s, full cooperation, constant 3.5 Mbps links
// except that user 0 (device 1) has no cellular capacity on [25, 75) and user 1 (device 2) none
// on [50, 100); user 2 (device 3) is always on.
//
// Reconstruction: the paper gives only the mean capacity (3.5 Mbps), the ladder and the
// outage pattern; the buffer (40 s), θ = 1, δ = θ, ρ = 4.3θ, DefaultEnergy and DefaultLambdaE
// are the library's defaults.
func DemoScenario() *Scenario {
	mk := func(name string, outages [][2]float64) *Trace {
		tr, err := OutageTrace(3.5, 100, outages)
		if err != nil {
			panic("device: demo scenario: " + err.Error()) // unreachable: constant arguments
		}
		tr.Name = name
		return tr
	}
	traces := []*Trace{
		mk("demo_device1", [][2]float64{{25, 75}}),
		mk("demo_device2", [][2]float64{{50, 100}}),
		mk("demo_device3", nil),
	}
	sc := &Scenario{Mobility: FullCooperation(3), Horizon: 100, LambdaE: DefaultLambdaE, Name: "demo"}
	for _, tr := range traces {
		sc.Users = append(sc.Users, User{
			Trace:  tr,
			Video:  &Video{SegLen: 10, Segments: 10, MaxBuffer: 40, Ladder: DemoLadder()},
			Energy: DefaultEnergy(),
			Theta:  1, Delta: 1, Rho: 4.3,
		})
	}
	return sc
}
