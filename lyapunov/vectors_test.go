package lyapunov

import (
	"context"
	"math"
	"testing"

	"github.com/cdnkit/cdnkit/device"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// The vectors V1–V8, B1 and the closed form are those of spec §5 (source: an
// independent double-precision implementation of spec §2).

func costs(cs []Candidate) (cost, drift, welfare []float64) {
	for _, c := range cs {
		cost = append(cost, c.Cost)
		drift = append(drift, c.Drift)
		welfare = append(welfare, c.Welfare)
	}
	return
}

var approx = cmpopts.EquateApprox(1e-9, 1e-9)

func TestV1(t *testing.T) {
	v := singleView(20, 2, 2)
	p := mustNew(t, nil)
	if d := p.Decide(v); d != device.Download(0, 2) {
		t.Errorf("Decide = %+v, want Download(0, 2)", d)
	}
	cost, drift, welfare := costs(p.Candidates(nil, v))
	if diff := cmp.Diff([]float64{-25.6811337, -34.45653004, -43.92069441, -33.11551874, -11.3855165}, cost, cmpopts.EquateApprox(1e-8, 0)); diff != "" {
		t.Errorf("cost (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]float64{-31.63875, -25.155, -15.68, 10.125, 42}, drift, approx); diff != "" {
		t.Errorf("drift (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]float64{-0.2978808151, 0.4650765021, 1.412034721, 2.162025937, 2.669275825}, welfare, cmpopts.EquateApprox(1e-8, 0)); diff != "" {
		t.Errorf("welfare (-want +got):\n%s", diff)
	}
}

func TestV2(t *testing.T) {
	v := singleView(0, -1, 2)
	p := mustNew(t, nil)
	if d := p.Decide(v); d != device.Download(0, 0) {
		t.Errorf("Decide = %+v, want Download(0, 0)", d)
	}
	cost, drift, _ := costs(p.Candidates(nil, v))
	if diff := cmp.Diff([]float64{-58.9423837, -37.10153004, -3.040694415, 93.75948126, 212.6144835}, cost, cmpopts.EquateApprox(1e-8, 0)); diff != "" {
		t.Errorf("cost (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]float64{-78, -78, -78, -78, -78}, drift, approx); diff != "" {
		t.Errorf("drift (-want +got):\n%s", diff)
	}
}

func TestV3(t *testing.T) {
	bs := []float64{0, 4, 10, 20, 30, 36}
	cs := []float64{0.5, 1, 2, 4}
	want := map[Drift][][]int{
		DriftExact:  {{0, 0, 0, 0}, {0, 0, 0, 2}, {0, 0, 0, 2}, {0, 0, 1, 3}, {0, 1, 3, 4}, {1, 2, 4, 4}},
		DriftLinear: {{0, 0, 0, 0}, {0, 0, 0, 2}, {0, 0, 0, 2}, {0, 0, 1, 3}, {0, 1, 3, 4}, {2, 3, 4, 4}},
	}
	for dr, rows := range want {
		p := mustNew(t, &Settings{Drift: dr})
		for i, b := range bs {
			for k, c := range cs {
				d := p.Decide(singleView(b, -1, c))
				if d.Owner != 0 || d.Level != rows[i][k] {
					t.Errorf("%v b=%g c=%g: %+v, want level %d", dr, b, c, d, rows[i][k])
				}
			}
		}
	}
}

func TestV4(t *testing.T) {
	v := singleView(20, 2, 2)
	for k, V := range []float64{1, 2, 5, 10, 20, 40, 80} {
		want := []int{0, 0, 0, 1, 2, 3, 4}[k]
		if d := mustNew(t, &Settings{V: V}).Decide(v); d != device.Download(0, want) {
			t.Errorf("V=%g: %+v, want level %d", V, d, want)
		}
	}
}

func groupV5() *device.View {
	sc := vecScenario(vecUser(1, false), vecUser(1, true), vecUser(1.5, true))
	return &device.View{Capacity: 3, Self: 0, LastRequest: math.Inf(-1), Scenario: sc,
		Members: []device.Member{vecMember(sc, 0, 0, 0, -1), vecMember(sc, 1, 6, 0, 1), vecMember(sc, 2, 30, 0, 3)}}
}

func TestV5(t *testing.T) {
	v := groupV5()
	p := mustNew(t, nil)
	if d := p.Decide(v); d != device.Download(1, 3) {
		t.Errorf("Decide = %+v, want Download(1, 3)", d)
	}
	cs := p.Candidates(nil, v)
	cost, _, _ := costs(cs)
	want := []float64{-66.55360098, -78.31186584, -82.2287833, -84.0552101, -78.79272637,
		32.94430717, 13.07556913, -10.99793051, -61.11046947, -62.98148462}
	if diff := cmp.Diff(want, cost, cmpopts.EquateApprox(1e-8, 0)); diff != "" {
		t.Errorf("cost (-want +got):\n%s", diff)
	}
	if len(cs) == 10 && !relNear(cs[3].Cost, -84.05521009783942, 1e-12) {
		t.Errorf("best cost %.16g, want -84.05521009783942", cs[3].Cost)
	}
}

func TestV6(t *testing.T) {
	sc := vecScenario(vecUser(1, true), vecUser(1, true), vecUser(1.5, true))
	v := &device.View{Capacity: 3, Self: 0, LastRequest: math.Inf(-1), Scenario: sc,
		Members: []device.Member{vecMember(sc, 0, 12, 0, 2), vecMember(sc, 1, 6, 4, 1), vecMember(sc, 2, 30, 0, 3)}}
	p := mustNew(t, nil)
	if d := p.Decide(v); d != device.Download(1, 2) {
		t.Errorf("Decide = %+v, want Download(1, 2)", d)
	}
	best, own := math.Inf(1), math.Inf(1)
	for _, c := range p.Candidates(nil, v) {
		best = math.Min(best, c.Cost)
		if c.Owner == 0 {
			own = math.Min(own, c.Cost)
		}
	}
	if !relNear(best, -67.79322774790414, 1e-12) {
		t.Errorf("best cost %.16g, want -67.79322774790414", best)
	}
	if !relNear(own, -64.63322775, 1e-9) {
		t.Errorf("best own cost %.16g, want -64.63322775", own)
	}
}

func TestV7(t *testing.T) {
	for _, b := range []float64{0, 5, 20, 37} {
		v := singleView(b, 1, 1.3)
		sh := mustNew(t, nil).Candidates(nil, v)
		li := mustNew(t, &Settings{Attribution: AttributeLiteral}).Candidates(nil, v)
		if diff := cmp.Diff(sh, li); diff != "" {
			t.Errorf("b=%g: single-user candidates differ (-shared +literal):\n%s", b, diff)
		}
	}
	v := groupV5()
	sh := mustNew(t, nil).Candidates(nil, v)
	li := mustNew(t, &Settings{Attribution: AttributeLiteral}).Candidates(nil, v)
	if cmp.Equal(sh, li) {
		t.Error("V5: shared and literal attribution give equal candidates")
	}
}

func TestV8(t *testing.T) {
	p := mustNew(t, nil)
	if d := p.Decide(singleView(20, 2, 0)); d != device.Wait(0.5) {
		t.Errorf("capacity 0: %+v, want Wait(0.5)", d)
	}
	for _, c := range []float64{math.NaN(), math.Inf(1), -1} {
		if d := p.Decide(singleView(20, 2, c)); d != device.Wait(0.5) {
			t.Errorf("capacity %g: %+v, want Wait(0.5)", c, d)
		}
	}
	sc := vecScenario(vecUser(1, true), vecUser(1, true))
	v := &device.View{Capacity: 2, Self: 0, Scenario: sc,
		Members: []device.Member{vecMember(sc, 0, 39, 0, 2), vecMember(sc, 1, 39, 0, 2)}}
	want := device.DefaultWait(v, 0.5)
	if want != 1 {
		t.Fatalf("device.DefaultWait = %g, want 1", want)
	}
	if d := p.Decide(v); d != device.Wait(1) {
		t.Errorf("all non-admissible: %+v, want Wait(1)", d)
	}
	late := singleView(10, 2, 0.5)
	late.Now = 499.9
	if d := p.Decide(late); d != device.Wait(0.5) {
		t.Errorf("late: %+v, want Wait(0.5)", d)
	}
	if cs := p.Candidates(nil, late); len(cs) != 0 {
		t.Errorf("late: %d candidates, want 0", len(cs))
	}
}

func TestB1(t *testing.T) {
	l := device.DefaultLadder()
	p := &BOLA{}
	if vd := p.VD(l, 2, 40); !relNear(vd, 5.110194289383701, 1e-14) {
		t.Errorf("V_D = %.16g, want 5.110194289383701", vd)
	}
	for k, b := range []float64{0, 10, 20, 24, 26, 28, 30, 34} {
		want := []int{0, 0, 0, 1, 2, 2, 3, 4}[k]
		if d := p.Decide(singleView(b, -1, 2)); d != device.Download(0, want) {
			t.Errorf("b̃=%g: %+v, want level %d", b, d, want)
		}
	}
	// scores at b̃ = 30 (spec §5 B1)
	vd := p.VD(l, 2, 40)
	want := []float64{-12.7115, -1.2956, 1.5396, 2.2393, 2.0000}
	for q, r := range l {
		s := (vd*(math.Log(r/l[0])+5) - 30) / r
		if math.Abs(s-want[q]) > 5e-5 {
			t.Errorf("score_%d = %.6g, want %.5g", q, s, want[q])
		}
	}
	pt := &BOLA{Target: 30}
	if vd := pt.VD(l, 2, 40); !relNear(vd, 3.765406318493253, 1e-14) {
		t.Errorf("Target 30: V_D = %.16g, want 3.765406318493253", vd)
	}
	if d := pt.Decide(singleView(29, -1, 2)); d.Owner >= 0 || math.Abs(d.Wait-1) > 1e-12 {
		t.Errorf("Target 30, b̃ = 29: %+v, want Wait(1)", d)
	}
}

// device.md §5 vector 4: closed-form single-user run.
func TestClosedForm(t *testing.T) {
	sc := &device.Scenario{
		Users: []device.User{{
			Trace:  device.ConstantTrace(2, 100),
			Video:  &device.Video{SegLen: 2, Segments: 5, MaxBuffer: 40, Ladder: device.Ladder{1.0}},
			Energy: device.DefaultEnergy(),
			Theta:  1, Delta: 1, Rho: 4.3,
		}},
		LambdaE: 0.02,
	}
	for _, p := range []device.Policy{mustNew(t, nil), mustNew(t, &Settings{Drift: DriftLinear, Forecast: ForecastHarmonic}), &BOLA{}} {
		res, err := device.Simulate(context.Background(), sc, p, &device.SimSettings{Record: true})
		if err != nil {
			t.Fatal(err)
		}
		if w := res.Users[0].Welfare; !relNear(w, 1.9444718055994532, 1e-13) {
			t.Errorf("%T: Welfare %.16g, want 1.9444718055994532", p, w)
		}
		if len(res.Downloads) != 5 {
			t.Fatalf("%T: %d downloads, want 5", p, len(res.Downloads))
		}
		for k, r := range res.Downloads {
			if r.Start != float64(k) || r.End != float64(k+1) || r.Segment != k {
				t.Errorf("%T: download %d = %+v, want [%d, %d)", p, k, r, k, k+1)
			}
		}
	}
}
