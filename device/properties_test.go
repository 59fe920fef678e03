package device

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"
)

func drawTrace(t *rapid.T, label string) *Trace {
	n := rapid.IntRange(1, 8).Draw(t, label+"_pieces")
	starts := []float64{0}
	caps := make([]float64, n)
	for k := range n {
		if rapid.IntRange(0, 4).Draw(t, fmt.Sprintf("%s_zero%d", label, k)) == 0 {
			caps[k] = 0
		} else {
			caps[k] = rapid.Float64Range(0.05, 8).Draw(t, fmt.Sprintf("%s_c%d", label, k))
		}
		if k > 0 {
			starts = append(starts, starts[k-1]+rapid.Float64Range(0.1, 60).Draw(t, fmt.Sprintf("%s_d%d", label, k)))
		}
	}
	period := starts[n-1] + rapid.Float64Range(0.1, 60).Draw(t, label+"_last")
	if maxOf(caps) == 0 {
		caps[0] = 1
	}
	tr, err := NewTrace(label, starts, caps, period, rapid.IntRange(0, 5).Draw(t, label+"_loop") > 0)
	if err != nil {
		t.Fatalf("drawTrace: %v", err)
	}
	return tr.Shifted(rapid.Float64Range(0, period).Draw(t, label+"_off"))
}

func drawLadder(t *rapid.T) Ladder {
	q := rapid.IntRange(1, 5).Draw(t, "levels")
	l := make(Ladder, q)
	r := 0.0
	for k := range l {
		r += rapid.Float64Range(0.1, 2).Draw(t, fmt.Sprintf("step%d", k))
		l[k] = r
	}
	return l
}

func drawStays(t *rapid.T, n int, h float64) *Mobility {
	stays := make([][]Stay, n)
	for i := range n {
		tt := 0.0
		k := rapid.IntRange(0, 4).Draw(t, fmt.Sprintf("stays%d", i))
		for s := range k {
			tt += rapid.Float64Range(0, h/4).Draw(t, fmt.Sprintf("gap%d_%d", i, s))
			d := rapid.Float64Range(0.5, h/2).Draw(t, fmt.Sprintf("len%d_%d", i, s))
			stays[i] = append(stays[i], Stay{Hotspot: rapid.IntRange(1, 2).Draw(t, fmt.Sprintf("hs%d_%d", i, s)), Start: tt, End: tt + d})
			tt += d
		}
	}
	m, err := NewMobility(stays)
	if err != nil {
		t.Fatalf("drawStays: %v", err)
	}
	return m
}

func drawScenario(t *rapid.T) *Scenario {
	n := rapid.IntRange(1, 6).Draw(t, "users")
	sc := &Scenario{LambdaE: rapid.Float64Range(0, 0.1).Draw(t, "lambda"), Value: ValueKind(rapid.IntRange(0, 2).Draw(t, "value")),
		SymmetricSwitch: rapid.Bool().Draw(t, "sym")}
	if rapid.IntRange(0, 3).Draw(t, "wifi") == 0 {
		sc.WiFiRate = rapid.Float64Range(1, 50).Draw(t, "wifirate")
	}
	maxEnd := 0.0
	for i := range n {
		u := User{Trace: drawTrace(t, fmt.Sprintf("tr%d", i)), Energy: DefaultEnergy(),
			Theta: rapid.Float64Range(0, 2).Draw(t, "theta"), Delta: rapid.Float64Range(0, 2).Draw(t, "delta"), Rho: rapid.Float64Range(0, 5).Draw(t, "rho")}
		u.Energy.WiFiTime = rapid.Float64Range(0, 1).Draw(t, "wt")
		u.Energy.WiFiRxVolume = rapid.Float64Range(0, 1).Draw(t, "wrx")
		if i == 0 || rapid.IntRange(0, 3).Draw(t, fmt.Sprintf("video%d", i)) > 0 {
			segLen := []float64{1, 2, 4}[rapid.IntRange(0, 2).Draw(t, "seglen")]
			v := &Video{Start: rapid.Float64Range(0, 20).Draw(t, "start"), SegLen: segLen, Segments: rapid.IntRange(1, 30).Draw(t, "segs"),
				MaxBuffer: rapid.Float64Range(segLen, 40).Draw(t, "buf"), Ladder: drawLadder(t)}
			if rapid.Bool().Draw(t, "start0") {
				v.Start = 0
			}
			u.Video = v
			maxEnd = math.Max(maxEnd, v.End())
		}
		sc.Users = append(sc.Users, u)
	}
	if rapid.IntRange(0, 2).Draw(t, "horizonKind") == 0 {
		sc.Horizon = rapid.Float64Range(1, maxEnd+10).Draw(t, "horizon")
	}
	switch rapid.IntRange(0, 3).Draw(t, "mob") {
	case 0:
		sc.Mobility = FullCooperation(n)
	case 1:
		sc.Mobility = nil
	case 2:
		sc.Mobility = NoCooperation(n)
	default:
		sc.Mobility = drawStays(t, n, math.Max(sc.HorizonOrDefault(), 4))
	}
	return sc
}

// randomPolicy is a feasible policy driven by rapid's draws.
type randomPolicy struct{ t *rapid.T }

func (p *randomPolicy) Decide(v *View) Decision {
	var adm []int
	for _, m := range v.Members {
		if m.Admissible {
			adm = append(adm, m.ID)
		}
	}
	k := rapid.IntRange(0, len(adm)+1).Draw(p.t, "choice")
	if k >= len(adm) {
		if k == len(adm) {
			return Wait(rapid.Float64Range(0.1, 5).Draw(p.t, "wait"))
		}
		return Wait(0)
	}
	l := v.Member(adm[k]).User.Video.Ladder
	return Download(adm[k], rapid.IntRange(0, len(l)-1).Draw(p.t, "level"))
}

func drawPolicy(t *rapid.T) Policy {
	switch rapid.IntRange(0, 6).Draw(t, "policy") {
	case 0:
		return &BufferBased{Owner: DefaultOwnerRule()}
	case 1:
		return &BufferBased{Owner: OwnerRule{Eta: rapid.Float64Range(0, 1).Draw(t, "eta"), Gap: rapid.Float64Range(0, 20).Draw(t, "gap")}, Map: MapIndex}
	case 2:
		return &ChannelPrediction{Owner: DefaultOwnerRule()}
	case 3:
		return &ChannelPrediction{Predictor: PredictPANDA, Owner: DefaultOwnerRule()}
	case 4:
		return &ChannelPrediction{Predictor: PredictCurrent, Owner: OwnerRule{SelfOnly: true}}
	case 5:
		return &BufferBased{Owner: OwnerRule{SelfOnly: true}}
	}
	return &randomPolicy{t}
}

func TestSimulateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := drawScenario(t)
		if err := sc.Validate(); err != nil {
			t.Fatalf("generated scenario invalid: %v", err)
		}
		set := &SimSettings{Record: true, RTT: []float64{0, 0.08}[rapid.IntRange(0, 1).Draw(t, "rtt")],
			QoE: QoEMetric{Kind: QoEKind(rapid.IntRange(0, 1).Draw(t, "qoe")), SkipFirst: rapid.Bool().Draw(t, "skip")}}
		res, err := Simulate(context.Background(), sc, drawPolicy(t), set)
		if err != nil {
			t.Fatalf("Simulate: %v", err)
		}
		checkRun(t, sc, res)
	})
}

// Deterministic policies give bit-identical runs, also through SimulateMany with any worker
// count.
func TestSimulateDeterminismProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := drawScenario(t)
		k := rapid.IntRange(0, 2).Draw(t, "p")
		mk := func() Policy {
			switch k {
			case 0:
				return &BufferBased{Owner: DefaultOwnerRule()}
			case 1:
				return &ChannelPrediction{Predictor: PredictPANDA, Owner: DefaultOwnerRule()}
			}
			return &ChannelPrediction{Owner: DefaultOwnerRule()}
		}
		set := &SimSettings{Record: true}
		a, err := Simulate(context.Background(), sc, mk(), set)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Simulate(context.Background(), sc, mk(), set)
		if err != nil {
			t.Fatal(err)
		}
		if !sameResult(a, b) {
			t.Fatalf("two runs differ")
		}
		jobs := []Job{{sc, mk, set}, {sc, mk, set}, {sc, mk, set}}
		for _, w := range []int{1, 2, 7} {
			rs, err := SimulateMany(context.Background(), jobs, w)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rs {
				if !sameResult(a, r) {
					t.Fatalf("SimulateMany with %d workers differs", w)
				}
			}
		}
	})
}

func sameResult(a, b *SimResult) bool {
	return fmt.Sprintf("%#v", *a) == fmt.Sprintf("%#v", *b)
}

func TestTraceProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tr := drawTrace(t, "tr")
		a := rapid.Float64Range(0, 500).Draw(t, "a")
		b := a + rapid.Float64Range(0, 500).Draw(t, "ab")
		c := b + rapid.Float64Range(0, 500).Draw(t, "bc")
		total := tr.Integral(0, tr.Period)
		if got := tr.Integral(a, b) + tr.Integral(b, c); math.Abs(got-tr.Integral(a, c)) > 1e-12*math.Max(total, 1)*math.Max(1, c/tr.Period) {
			t.Fatalf("additivity: %g + %g ≠ %g", tr.Integral(a, b), tr.Integral(b, c), tr.Integral(a, c))
		}
		m := rapid.Float64Range(0, 3*total+1).Draw(t, "m")
		t1 := tr.TimeToDownload(a, m)
		if math.IsInf(t1, 1) {
			if tr.Loop && total > 0 {
				t.Fatalf("TimeToDownload(%g, %g) = +Inf on a looping trace with capacity", a, m)
			}
			if !tr.Loop && tr.Integral(a, a+10*tr.Period+1e6) >= m*(1+1e-9)+1e-9 {
				t.Fatalf("TimeToDownload = +Inf but the trace holds %g ≥ %g", tr.Integral(a, a+1e7), m)
			}
			return
		}
		if t1 < a || !relClose(tr.Integral(a, t1), m, 1e-9) {
			t.Fatalf("Integral(%g, TimeToDownload = %g) = %g, want %g", a, t1, tr.Integral(a, t1), m)
		}
		// Smallest: slightly earlier holds strictly less data (when m > 0 and t1 > a).
		if m > 0 && t1 > a+1e-6 && tr.Integral(a, t1-1e-6) >= m {
			t.Fatalf("TimeToDownload not the smallest time")
		}
		if mx := tr.MaxOn(a, b); b > a && (tr.At(a) > mx || mx > maxOf(tr.Mbps)) {
			t.Fatalf("MaxOn(%g, %g) = %g, At(a) = %g", a, b, mx, tr.At(a))
		}
		if nc := tr.NextChange(a); !(nc > a) {
			t.Fatalf("NextChange(%g) = %g", a, nc)
		}
	})
}

// Scaling a trace up never increases the stall of a fixed-level single-user policy.
type fixedLevel int

func (f fixedLevel) Decide(v *View) Decision {
	if v.Members[0].Admissible {
		return Download(v.Self, min(int(f), len(v.Members[0].User.Video.Ladder)-1))
	}
	return Wait(0)
}

func TestScaledStallProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tr := drawTrace(t, "tr")
		k := rapid.Float64Range(1, 4).Draw(t, "k")
		lvl := fixedLevel(rapid.IntRange(0, 4).Draw(t, "lvl"))
		cfg := SingleConfig{Segments: rapid.IntRange(1, 30).Draw(t, "segs"), SegLen: 2, MaxBuffer: 10}
		a, err := NewSingleUserScenario(tr, 0, cfg)
		if err != nil {
			t.Fatal(err)
		}
		b, err := NewSingleUserScenario(tr.Scaled(k), 0, cfg)
		if err != nil {
			t.Fatal(err)
		}
		ra, err := Simulate(context.Background(), a, lvl, nil)
		if err != nil {
			t.Fatal(err)
		}
		rb, err := Simulate(context.Background(), b, lvl, nil)
		if err != nil {
			t.Fatal(err)
		}
		if rb.Stall > ra.Stall+1e-9 {
			t.Fatalf("scaled by %g: stall %g > %g", k, rb.Stall, ra.Stall)
		}
	})
}

func TestMobilityProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 5).Draw(t, "n")
		h := rapid.Float64Range(1, 2000).Draw(t, "h")
		model := HotspotModel{Hotspots: rapid.IntRange(1, 4).Draw(t, "M"), MeanStay: rapid.Float64Range(1, 300).Draw(t, "stay"), MeanTransit: rapid.Float64Range(1, 300).Draw(t, "transit")}
		m, err := model.Generate(n, h, rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 1))
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			ss := m.Stays(i)
			for k, s := range ss {
				if s.Start < 0 || s.End > h || !(s.Start < s.End) || (k > 0 && s.Start < ss[k-1].End) || s.Hotspot < 1 || s.Hotspot > model.Hotspots {
					t.Fatalf("user %d stay %d: %+v", i, k, s)
				}
			}
		}
		x := rapid.Float64Range(0, h).Draw(t, "t")
		for i := range n {
			if !m.Encountered(i, i, x) {
				t.Fatalf("e_ii = 0")
			}
			for j := range n {
				if m.Encountered(i, j, x) != m.Encountered(j, i, x) {
					t.Fatalf("e not symmetric")
				}
				if !FullCooperation(n).Encountered(i, j, x) || (i != j && NoCooperation(n).Encountered(i, j, x)) {
					t.Fatalf("full/none semantics")
				}
				if m.Encountered(i, j, x) && !m.EncounteredDuring(i, j, x, x+1e-9) && i != j {
					t.Fatalf("Encountered but not EncounteredDuring")
				}
			}
		}
	})
}
