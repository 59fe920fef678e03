package device

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var approx = cmpopts.EquateApprox(1e-12, 1e-12)

func near(t *testing.T, name string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol*math.Max(1, math.Abs(want)) || math.IsNaN(got) {
		t.Errorf("%s = %.17g, want %.17g", name, got, want)
	}
}

// Spec §5 vector 1 (hand-computed from the piece definitions).
func TestTraceVector1(t *testing.T) {
	tr, err := NewTrace("v1", []float64{0, 1, 3}, []float64{2, 0, 4}, 4, true)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "Integral(0,4)", tr.Integral(0, 4), 6, 1e-15)
	near(t, "TimeToDownload(0.5,5)", tr.TimeToDownload(0.5, 5), 4.0, 1e-15)
	near(t, "TimeToDownload(3.5,4)", tr.TimeToDownload(3.5, 4), 5.0, 1e-15)
	near(t, "MaxOn(0.5,2)", tr.MaxOn(0.5, 2), 2, 0)
	near(t, "Mean", tr.Mean(), 1.5, 1e-15)
	near(t, "At(5.5)", tr.At(5.5), 0, 0)
	near(t, "At(3.5)", tr.At(3.5), 4, 0)
	near(t, "NextChange(0.5)", tr.NextChange(0.5), 1, 0)
	near(t, "NextChange(3.5)", tr.NextChange(3.5), 4, 0)
	near(t, "MaxOn(2.5,4.5)", tr.MaxOn(2.5, 4.5), 4, 0)
	near(t, "MaxOn(1,3)", tr.MaxOn(1, 3), 0, 0)
	if got := tr.Shifted(5).At(0); got != 0 { // offset 5 ≡ 1
		t.Errorf("Shifted(5).At(0) = %g, want 0", got)
	}
	// Non-looping: capacity 0 after the period, never finishes.
	nl, err := NewTrace("nl", []float64{0, 1, 3}, []float64{2, 0, 4}, 4, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := nl.TimeToDownload(0.5, 7); !math.IsInf(got, 1) {
		t.Errorf("non-looping TimeToDownload = %g, want +Inf", got)
	}
	near(t, "non-looping Integral(0,10)", nl.Integral(0, 10), 6, 1e-15)
	z := ConstantTrace(0, 10)
	if got := z.TimeToDownload(0, 1); !math.IsInf(got, 1) {
		t.Errorf("zero trace TimeToDownload = %g, want +Inf", got)
	}
}

// Spec §5 vector 2.
func TestParseVector2(t *testing.T) {
	tr, err := ParseTrace2Col(strings.NewReader("0 1\n1 2\n3 4\n"), "v2")
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]float64{0, 1}, tr.Starts); d != "" {
		t.Errorf("Starts: %s", d)
	}
	if d := cmp.Diff([]float64{2, 4}, tr.Mbps); d != "" {
		t.Errorf("Mbps: %s", d)
	}
	if tr.Period != 3 || !tr.Loop {
		t.Errorf("Period %g Loop %v, want 3 true", tr.Period, tr.Loop)
	}
	js := `[{"duration_ms":1000,"bandwidth_kbps":1500,"latency_ms":20},{"duration_ms":500,"bandwidth_kbps":0,"latency_ms":20}]`
	tj, err := ParseTraceJSON(strings.NewReader(js), "v2j")
	if err != nil {
		t.Fatal(err)
	}
	want := struct{ Starts, Mbps, Latency []float64 }{[]float64{0, 1}, []float64{1.5, 0}, []float64{0.02, 0.02}}
	got := struct{ Starts, Mbps, Latency []float64 }{tj.Starts, tj.Mbps, tj.Latency}
	if d := cmp.Diff(want, got, approx); d != "" {
		t.Errorf("JSON trace: %s", d)
	}
	near(t, "JSON Period", tj.Period, 1.5, 1e-15)
}

// Spec §5 vector 3: 0.025 J/KB = 3.125 J/Mbit, 0.007 J/KB = 0.875 J/Mbit (KB = 1000 bytes).
func TestEnergyVector3(t *testing.T) {
	e := DefaultEnergy()
	near(t, "CellVolume", e.CellVolume, 3.125, 1e-15)
	near(t, "WiFiVolume", e.WiFiVolume, 0.875, 1e-15)
	near(t, "CellTime", e.CellTime, 0.62, 0)
	if e.WiFiTime != 0 || e.WiFiRxVolume != 0 {
		t.Errorf("WiFiTime %g WiFiRxVolume %g, want 0", e.WiFiTime, e.WiFiRxVolume)
	}
}

func vector4Scenario() *Scenario {
	return &Scenario{
		Users: []User{{
			Trace:  ConstantTrace(2, 100),
			Video:  &Video{SegLen: 2, Segments: 5, MaxBuffer: 40, Ladder: Ladder{1.0}},
			Energy: DefaultEnergy(),
			Theta:  1, Delta: 1, Rho: 4.3,
		}},
		LambdaE: 0.02,
	}
}

// Spec §5 vector 4: closed-form single-user run.
func TestSimulateVector4(t *testing.T) {
	sc := vector4Scenario()
	for _, p := range []Policy{&BufferBased{Owner: DefaultOwnerRule()}, &ChannelPrediction{Owner: DefaultOwnerRule()}, &ChannelPrediction{Predictor: PredictPANDA}} {
		res, err := Simulate(context.Background(), sc, p, &SimSettings{Record: true})
		if err != nil {
			t.Fatal(err)
		}
		u := res.Users[0]
		near(t, "Value", u.Value, 6.931471805599453, 1e-14)
		near(t, "Stall", u.Stall, 1, 1e-14)
		near(t, "Startup", u.Startup, 1, 1e-14)
		near(t, "Played", u.Played, 9, 1e-14)
		near(t, "Energy", u.EnergyCell+u.EnergyWiFi+u.EnergyRx, 34.35, 1e-13)
		near(t, "Welfare", u.Welfare, 1.9444718055994532, 1e-13)
		near(t, "QoE", u.QoE, 0.7, 1e-13)
		if u.Valued != 5 {
			t.Errorf("Valued %d, want 5", u.Valued)
		}
		for k, r := range res.Downloads {
			if r.Start != float64(k) || r.End != float64(k+1) || r.Delivered != float64(k+1) || r.Segment != k {
				t.Errorf("download %d: %+v, want [%d, %d)", k, r, k, k+1)
			}
		}
		if len(res.Downloads) != 5 {
			t.Errorf("%d downloads, want 5", len(res.Downloads))
		}
	}
}

// Spec §5 vector 5 (BBA maps; f values hand-computed).
func TestBufferBasedVector5(t *testing.T) {
	l := DefaultLadder()
	p := &BufferBased{Reservoir: 10, Cushion: 20}
	for _, c := range []struct {
		b    float64
		want int
	}{{5, 0}, {10, 0}, {20, 2}, {25, 3}, {30, 4}} {
		if got := p.Level(l, 40, c.b); got != c.want {
			t.Errorf("MapRate b=%g: level %d, want %d", c.b, got, c.want)
		}
	}
	pi := &BufferBased{Reservoir: 10, Cushion: 20, Map: MapIndex}
	for _, c := range []struct {
		b    float64
		want int
	}{{20, 2}, {25, 3}, {29.9, 3}, {30, 4}, {5, 0}} {
		if got := pi.Level(l, 40, c.b); got != c.want {
			t.Errorf("MapIndex b=%g: level %d, want %d", c.b, got, c.want)
		}
	}
	// Zero reservoir and cushion default to B/4 and B/2.
	if got := (&BufferBased{}).Level(l, 40, 20); got != 2 {
		t.Errorf("default map b=20: level %d, want 2", got)
	}
}

// Spec §5 vector 6.
func TestPredictorVector6(t *testing.T) {
	c := HarmonicMean([]float64{1, 2, 4}, 5, 0)
	near(t, "harmonic", c, 12.0/7, 1e-15)
	if got := DefaultLadder().Highest(c); got != 2 {
		t.Errorf("harmonic level %d, want 2", got)
	}
	if got := HarmonicMean([]float64{0, 0}, 5, 3.5); got != 3.5 {
		t.Errorf("harmonic of zeros = %g, want the fallback 3.5", got)
	}
	x, y := PANDAStep(2, 2, 1.5, 2)
	near(t, "PANDA x", x, 1.86, 1e-14)
	near(t, "PANDA y", y, 1.944, 1e-14)
	if got := DefaultLadder().Highest(y); got != 2 {
		t.Errorf("PANDA level %d, want 2", got)
	}
}

func ownerView(bi float64, video bool) *View {
	mk := func(id int, b float64, video bool) Member {
		return Member{ID: id, Video: video, Buffer: b, Remaining: 10, Admissible: video, LastLevel: -1,
			User: &User{Video: &Video{SegLen: 2, Segments: 10, MaxBuffer: 40, Ladder: DefaultLadder()}}}
	}
	self := mk(0, bi, video)
	if !video {
		self.User = &User{}
		self.Remaining = 0
	}
	return &View{Members: []Member{self, mk(1, 8, true), mk(2, 3, true)}}
}

// Spec §5 vector 7.
func TestOwnerRuleVector7(t *testing.T) {
	r := OwnerRule{Eta: 0.5, Gap: 4}
	for _, c := range []struct {
		name  string
		v     *View
		rule  OwnerRule
		owner int
	}{
		{"idle", ownerView(0, false), r, 2},
		{"video 15", ownerView(15, true), r, 0},
		{"video 25", ownerView(25, true), r, 2},
		{"default 15", ownerView(15, true), DefaultOwnerRule(), 2},
		{"default 6", ownerView(6, true), DefaultOwnerRule(), 0},
		{"self only", ownerView(25, true), OwnerRule{SelfOnly: true}, 0},
	} {
		got, ok := c.rule.Choose(c.v)
		if !ok || got != c.owner {
			t.Errorf("%s: owner %d (%v), want %d", c.name, got, ok, c.owner)
		}
	}
	if DefaultOwnerRule() != (OwnerRule{Eta: 0.3, Gap: 4}) {
		t.Errorf("DefaultOwnerRule() = %+v", DefaultOwnerRule())
	}
	g := DefaultGrid()
	found := false
	for _, e := range g.Etas {
		for _, d := range g.Gaps {
			if e == 0.3 && d == 4 {
				found = true
			}
		}
	}
	if !found || len(g.Etas) != 9 || len(g.Gaps) != 10 {
		t.Errorf("DefaultGrid %+v lacks (0.3, 4) or has the wrong size", g)
	}
}

// Spec §5 vector 8.
func TestMobilityVector8(t *testing.T) {
	m, err := NewMobility([][]Stay{{{1, 0, 100}}, {{1, 50, 150}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		t    float64
		want bool
	}{{49.9, false}, {50, true}, {100, false}} {
		if got := m.Encountered(0, 1, c.t); got != c.want {
			t.Errorf("Encountered(0,1,%g) = %v", c.t, got)
		}
	}
	if !m.EncounteredThroughout(0, 1, 50, 100) {
		t.Error("EncounteredThroughout(0,1,50,100) = false")
	}
	if m.EncounteredThroughout(0, 1, 50, 100.1) {
		t.Error("EncounteredThroughout(0,1,50,100.1) = true")
	}
	if m.EncounteredDuring(0, 1, 0, 50) {
		t.Error("EncounteredDuring(0,1,0,50) = true")
	}
	if !m.EncounteredDuring(0, 1, 0, 50.1) {
		t.Error("EncounteredDuring(0,1,0,50.1) = false")
	}
	if d := cmp.Diff([]float64{0, 100}, m.Changes(0)); d != "" {
		t.Errorf("Changes(0): %s", d)
	}
	var nilM *Mobility
	if nilM.Mode() != CoopNone || nilM.Users() != 0 || nilM.Location(3, 1) != 0 || nilM.Encountered(1, 2, 0) || !nilM.Encountered(2, 2, 0) || nilM.Stays(0) != nil {
		t.Error("nil Mobility does not behave as NoCooperation")
	}
}

// Spec §5 vector 9.
func TestDemoScenarioVector9(t *testing.T) {
	sc := DemoScenario()
	if len(sc.Users) != 3 || sc.Horizon != 100 {
		t.Fatalf("demo: %d users, horizon %g", len(sc.Users), sc.Horizon)
	}
	for _, u := range sc.Users {
		if u.Video == nil || u.Video.Segments != 10 {
			t.Fatalf("demo user video %+v", u.Video)
		}
	}
	if got := sc.Users[0].Trace.At(30); got != 0 {
		t.Errorf("user 0 At(30) = %g, want 0", got)
	}
	if got := sc.Users[1].Trace.At(30); got != 3.5 {
		t.Errorf("user 1 At(30) = %g, want 3.5", got)
	}
	if err := sc.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestValidateErrors(t *testing.T) {
	base := func() *Scenario { return vector4Scenario() }
	cases := map[string]func(sc *Scenario){
		"no users":     func(sc *Scenario) { sc.Users = nil },
		"nil trace":    func(sc *Scenario) { sc.Users[0].Trace = nil },
		"neg capacity": func(sc *Scenario) { sc.Users[0].Trace = ConstantTrace(-1, 10) },
		"nan capacity": func(sc *Scenario) { sc.Users[0].Trace = ConstantTrace(math.NaN(), 10) },
		"empty ladder": func(sc *Scenario) { sc.Users[0].Video.Ladder = nil },
		"bad ladder":   func(sc *Scenario) { sc.Users[0].Video.Ladder = Ladder{1, 1} },
		"nan ladder":   func(sc *Scenario) { sc.Users[0].Video.Ladder = Ladder{math.NaN()} },
		"seglen":       func(sc *Scenario) { sc.Users[0].Video.SegLen = 0 },
		"segments":     func(sc *Scenario) { sc.Users[0].Video.Segments = 0 },
		"too long":     func(sc *Scenario) { sc.Users[0].Video.Segments = 1e8 },
		"buffer":       func(sc *Scenario) { sc.Users[0].Video.MaxBuffer = 1 },
		"start":        func(sc *Scenario) { sc.Users[0].Video.Start = -1 },
		"theta":        func(sc *Scenario) { sc.Users[0].Theta = math.Inf(1) },
		"rho":          func(sc *Scenario) { sc.Users[0].Rho = -1 },
		"energy":       func(sc *Scenario) { sc.Users[0].Energy.CellTime = math.NaN() },
		"lambda":       func(sc *Scenario) { sc.LambdaE = -0.1 },
		"wifi":         func(sc *Scenario) { sc.WiFiRate = math.NaN() },
		"horizon":      func(sc *Scenario) { sc.Horizon = -1 },
		"value":        func(sc *Scenario) { sc.Value = 9 },
		"mobility":     func(sc *Scenario) { sc.Mobility = FullCooperation(0) },
	}
	for name, mut := range cases {
		sc := base()
		mut(sc)
		err := sc.Validate()
		var se *ScenarioError
		if !errors.Is(err, ErrInvalidScenario) || !errors.As(err, &se) {
			t.Errorf("%s: Validate = %v, want a *ScenarioError", name, err)
			continue
		}
		if _, err := Simulate(context.Background(), sc, &BufferBased{}, nil); !errors.Is(err, ErrInvalidScenario) {
			t.Errorf("%s: Simulate = %v, want ErrInvalidScenario", name, err)
		}
	}
	if err := base().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestGeneratorErrors(t *testing.T) {
	pool := SyntheticPool(4, rand.NewPCG(1, 2))
	for name, cfg := range map[string]PaperConfig{
		"share":  {Traces: pool, VideoShare: 1.5},
		"users":  {Traces: pool, Users: -3},
		"empty":  {},
		"bucket": {Traces: pool, Bucket: Bucket{100, 200}},
		"coop":   {Traces: pool, Coop: CoopTrace},
		"theta":  {Traces: pool, ThetaMin: 2, ThetaMax: 1},
	} {
		if _, err := NewPaperScenario(cfg, rand.NewPCG(1, 1)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := NewPaperScenario(PaperConfig{}, nil); !errors.Is(err, ErrNoTraces) {
		t.Errorf("empty pool: %v, want ErrNoTraces", err)
	}
	if _, err := (HotspotModel{Hotspots: 0, MeanStay: 1, MeanTransit: 1}).Generate(3, 10, nil); !errors.Is(err, ErrBadMobility) {
		t.Errorf("M = 0: %v", err)
	}
	if _, err := (HotspotModel{Hotspots: 2, MeanStay: -1, MeanTransit: 1}).Generate(3, 10, nil); !errors.Is(err, ErrBadMobility) {
		t.Errorf("mean stay < 0: %v", err)
	}
	if _, err := (HotspotModel{Hotspots: 2, MeanStay: 1, MeanTransit: 1}).Generate(0, 10, nil); !errors.Is(err, ErrBadMobility) {
		t.Errorf("n = 0: %v", err)
	}
	if _, err := LogNormalTrace(1, -1, 1, 10, nil); !errors.Is(err, ErrBadTrace) {
		t.Errorf("cv < 0: %v", err)
	}
	if _, err := LogNormalTrace(0, 1, 1, 10, nil); !errors.Is(err, ErrBadTrace) {
		t.Errorf("mean 0: %v", err)
	}
	if _, err := LogNormalTrace(1, 1, 0, 10, nil); !errors.Is(err, ErrBadTrace) {
		t.Errorf("step 0: %v", err)
	}
	if _, err := MarkovTrace(nil, 1, 10, nil); !errors.Is(err, ErrBadTrace) {
		t.Errorf("no levels: %v", err)
	}
	if _, err := OutageTrace(1, 10, [][2]float64{{2, 5}, {4, 6}}); !errors.Is(err, ErrBadTrace) {
		t.Errorf("overlapping outages: %v", err)
	}
	if _, err := NewTrace("x", []float64{0, 2, 1}, []float64{1, 1, 1}, 3, true); !errors.Is(err, ErrBadTrace) {
		t.Errorf("decreasing starts: %v", err)
	}
	if _, err := NewSingleUserScenario(nil, 0, SingleConfig{}); !errors.Is(err, ErrInvalidScenario) {
		t.Errorf("nil trace: %v", err)
	}
	if _, err := NewSingleUserScenario(pool[0], 0, SingleConfig{Ladder: Ladder{}}); !errors.Is(err, ErrInvalidScenario) {
		t.Errorf("empty ladder: %v", err)
	}
}

type badPolicy struct{ d Decision }

func (p badPolicy) Decide(*View) Decision { return p.d }

func TestInvalidDecision(t *testing.T) {
	sc := vector4Scenario()
	for _, d := range []Decision{Download(3, 0), Download(0, 1), Download(0, -1)} {
		_, err := Simulate(context.Background(), sc, badPolicy{d}, nil)
		var de *DecisionError
		if !errors.Is(err, ErrInvalidDecision) || !errors.As(err, &de) || de.User != 0 {
			t.Errorf("decision %+v: %v", d, err)
		}
	}
	// A policy that waits forever stalls the whole window.
	res, err := Simulate(context.Background(), sc, badPolicy{Wait(math.Inf(1))}, nil)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "stall when never downloading", res.Users[0].Stall, 10, 1e-12)
	// A policy that waits 1e-6 s runs out of events.
	if _, err := Simulate(context.Background(), sc, badPolicy{Wait(1e-6)}, &SimSettings{MaxEvents: 1000}); !errors.Is(err, ErrEventLimit) {
		t.Errorf("tiny waits: %v, want ErrEventLimit", err)
	}
	for _, st := range []*SimSettings{{MinWait: -1}, {RTT: math.NaN()}, {HistoryLen: -1}, {MaxEvents: -1}, {QoE: QoEMetric{Rebuf: -1}}, {QoE: QoEMetric{Kind: QoEHD, Reward: []float64{}}}, {QoE: QoEMetric{Kind: 7}}} {
		if _, err := Simulate(context.Background(), sc, &BufferBased{}, st); !errors.Is(err, ErrBadSettings) {
			t.Errorf("settings %+v: %v, want ErrBadSettings", st, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Simulate(ctx, sc, badPolicy{Wait(1e-3)}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}
