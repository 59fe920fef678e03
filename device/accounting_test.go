package device

import (
	"math"
	"testing"
)

// Hand-computed from the formulas of spec §2.6–2.7.
func TestAccounting(t *testing.T) {
	sc := DemoScenario()
	sc.WiFiRate = 10
	sc.Users[1].Energy.WiFiRxVolume = 0.5
	sc.Users[0].Energy.WiFiTime = 2
	// Own download: only cellular energy, 0.62·3 + 3.125·8.
	c, w, rx := sc.FlowEnergy(0, 0, 8, 3)
	near(t, "own cell", c, 0.62*3+3.125*8, 1e-15)
	if w != 0 || rx != 0 {
		t.Errorf("own download: wifi %g rx %g", w, rx)
	}
	// For user 1: WiFi 2·(8/10) + 0.875·8, receiver 0.5·8.
	c, w, rx = sc.FlowEnergy(0, 1, 8, 3)
	near(t, "cross cell", c, 0.62*3+3.125*8, 1e-15)
	near(t, "cross wifi", w, 2*0.8+0.875*8, 1e-15)
	near(t, "cross rx", rx, 4, 1e-15)
	// Content cost per content second at level 2 (2.2 Mbps) with cmax 3.5.
	r := 2.2
	want := 0.02 * (0.62*r/3.5 + 3.125*r + 2*r/10 + 0.875*r + 0.5*r)
	near(t, "ContentCost", sc.ContentCost(0, 1, 2, 3.5), want, 1e-14)
	near(t, "ContentCost own", sc.ContentCost(0, 0, 2, 3.5), 0.02*(0.62*r/3.5+3.125*r), 1e-14)
	if math.IsInf(sc.ContentCost(0, 0, 2, 0), 0) || math.IsNaN(sc.ContentCost(0, 0, 2, 0)) {
		t.Error("ContentCost with cmax 0 not guarded")
	}
	near(t, "SegmentValue", sc.SegmentValue(0, 3), 10*math.Log1p(5), 1e-14)
	sc.Value = ValueLogRatio
	near(t, "SegmentValue logratio", sc.SegmentValue(0, 3), 10*math.Log(10), 1e-14)
	sc.Value = ValueLinear
	near(t, "SegmentValue linear", sc.SegmentValue(0, 1), 10, 1e-14)
	if s, e := sc.Window(0); s != 0 || e != 100 {
		t.Errorf("Window(0) = [%g, %g)", s, e)
	}
	sc.Horizon = 60
	if s, e := sc.Window(0); s != 0 || e != 60 {
		t.Errorf("Window(0) with H = 60: [%g, %g)", s, e)
	}
	if d := sc.WithMobility(nil); d.Mobility != nil || sc.Mobility == nil || &d.Users[0] != &sc.Users[0] {
		t.Error("WithMobility is not a shallow copy with new mobility")
	}
}

func TestDefaultWait(t *testing.T) {
	u := &User{Video: &Video{SegLen: 2, Segments: 10, MaxBuffer: 10, Ladder: Ladder{1}}}
	v := &View{Members: []Member{
		{ID: 0, Video: true, Buffer: 7, Committed: 2, Remaining: 3, User: u},   // w = 7+2+2−10 = 1
		{ID: 1, Video: true, Buffer: 9.5, Committed: 0, Remaining: 3, User: u}, // w = 1.5
		{ID: 2, Video: true, Buffer: 1, Remaining: 3, Admissible: true, User: u},
		{ID: 3, Video: false, User: &User{}},
	}}
	near(t, "DefaultWait", DefaultWait(v, 0.5), 1, 1e-15)
	near(t, "DefaultWait floor", DefaultWait(v, 1.2), 1.2, 1e-15)
	v.Members[0].Buffer = 0 // stalled but committed: poll at minWait
	near(t, "DefaultWait b=0", DefaultWait(v, 0.5), 0.5, 1e-15)
	if w := DefaultWait(&View{Members: v.Members[2:]}, 0.5); !math.IsInf(w, 1) {
		t.Errorf("DefaultWait with nothing to wait for = %g, want +Inf", w)
	}
	if m := v.Member(2); m == nil || m.ID != 2 || v.Member(9) != nil {
		t.Error("View.Member lookup")
	}
}
