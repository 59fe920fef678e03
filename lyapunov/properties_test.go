package lyapunov

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/cdnkit/cdnkit/device"
	"pgregory.net/rapid"
)

// oracleCosts is an independent test-side implementation of the naive loop of
// spec §2.8: the candidates (owner, level, cost) in tie order.
type oc struct {
	j, q int
	cost float64
}

func oracleCosts(s Settings, v *device.View) []oc {
	sc := v.Scenario
	g := v.Members
	if s.SelfOnly {
		g = g[:1]
	}
	c := v.Capacity
	if s.Forecast == ForecastHarmonic {
		var pos []float64
		for k := len(v.History) - 1; k >= 0 && len(pos) < s.Window; k-- {
			if x := v.History[k]; x > 0 && !math.IsInf(x, 0) {
				pos = append(pos, x)
			}
		}
		if len(pos) > 0 {
			inv := 0.0
			for _, x := range pos {
				inv += 1 / x
			}
			c = float64(len(pos)) / inv
		}
	}
	share := 1.0
	if s.Attribution == AttributeShared {
		share = float64(len(g))
	}
	var out []oc
	for _, mj := range g {
		if !mj.Admissible {
			continue
		}
		uj := sc.Users[mj.ID]
		_, end := sc.Window(mj.ID)
		for q, r := range uj.Video.Ladder {
			D := uj.Video.SegLen * r
			tau := D / c
			if v.Now+tau > end {
				continue
			}
			var drift, rebuf float64
			for _, mk := range g {
				if !mk.Video || mk.Remaining <= 0 {
					continue
				}
				uk := sc.Users[mk.ID]
				z := uk.Video.MaxBuffer - mk.Buffer - mk.Committed
				bHat := mk.Buffer + mk.Committed - math.Min(tau, mk.Buffer)/share
				if mk.ID == mj.ID {
					bHat += uj.Video.SegLen
				}
				zHat := uk.Video.MaxBuffer - bHat
				if s.Drift == DriftExact {
					drift += 0.5*zHat*zHat - 0.5*z*z
				} else {
					drift += z * (zHat - z)
				}
				if tau > mk.Buffer {
					rebuf += uk.Rho * (tau - mk.Buffer)
				}
			}
			u := sc.SegmentValue(mj.ID, q)
			if mj.LastLevel >= 0 {
				last := uj.Video.Ladder[mj.LastLevel]
				switch {
				case sc.SymmetricSwitch:
					u -= uj.Delta * math.Abs(last-r)
				case last > r:
					u -= uj.Delta * (last - r)
				}
			}
			e1, e2, e3 := sc.FlowEnergy(v.Self, mj.ID, D, tau)
			w := u - rebuf - sc.LambdaE*(e1+e2+e3)
			out = append(out, oc{mj.ID, q, drift - s.V*w})
		}
	}
	return out
}

func drawLadder(t *rapid.T, label string) device.Ladder {
	n := rapid.IntRange(1, 6).Draw(t, label+"Q")
	l := make(device.Ladder, n)
	r := rapid.Float64Range(0.1, 1).Draw(t, label+"r0")
	for q := range l {
		l[q] = r
		r *= rapid.Float64Range(1.1, 3).Draw(t, label+"step")
	}
	return l
}

// drawView draws a random group View (n members) with its scenario.
func drawView(t *rapid.T, n int, single bool) *device.View {
	users := make([]device.User, n)
	for k := range users {
		th := rapid.Float64Range(0.2, 2).Draw(t, "theta")
		users[k] = device.User{Trace: device.ConstantTrace(1, 100), Energy: device.DefaultEnergy(), Theta: th,
			Delta: th * rapid.Float64Range(0, 2).Draw(t, "dpt"), Rho: th * rapid.Float64Range(0, 8).Draw(t, "rpt")}
		if k == 0 && !single && rapid.Bool().Draw(t, "helper") {
			continue
		}
		users[k].Video = &device.Video{SegLen: rapid.SampledFrom([]float64{1, 2, 4}).Draw(t, "L"), Segments: 200,
			MaxBuffer: rapid.Float64Range(10, 60).Draw(t, "B"), Ladder: drawLadder(t, "lad")}
	}
	sc := &device.Scenario{Users: users, LambdaE: rapid.Float64Range(0, 0.1).Draw(t, "lambda"),
		Value:           device.ValueKind(rapid.IntRange(0, 2).Draw(t, "value")),
		SymmetricSwitch: rapid.Bool().Draw(t, "sym"), Mobility: device.FullCooperation(n)}
	v := &device.View{Capacity: rapid.Float64Range(0.05, 20).Draw(t, "c"), Self: 0, Scenario: sc,
		Now: rapid.Float64Range(0, 100).Draw(t, "now")}
	hn := rapid.IntRange(0, 8).Draw(t, "hist")
	for range hn {
		v.History = append(v.History, rapid.Float64Range(0, 10).Draw(t, "h"))
	}
	for k := range users {
		m := device.Member{ID: k, User: &users[k], LastLevel: -1}
		if vid := users[k].Video; vid != nil {
			m.Video = true
			m.Remaining = rapid.IntRange(0, 3).Draw(t, "rem")
			m.Buffer = rapid.Float64Range(0, vid.MaxBuffer).Draw(t, "b")
			if !single {
				m.Committed = rapid.Float64Range(0, vid.MaxBuffer-m.Buffer).Draw(t, "kappa")
			}
			m.LastLevel = rapid.IntRange(-1, len(vid.Ladder)-1).Draw(t, "last")
			m.Admissible = m.Remaining > 0 && m.Buffer+m.Committed+vid.SegLen <= vid.MaxBuffer+1e-9
		}
		v.Members = append(v.Members, m)
	}
	return v
}

func drawSettings(t *rapid.T) Settings {
	return Settings{
		V:           rapid.Float64Range(0.1, 200).Draw(t, "V"),
		Drift:       Drift(rapid.IntRange(0, 1).Draw(t, "drift")),
		Attribution: Attribution(rapid.IntRange(0, 1).Draw(t, "attr")),
		Forecast:    Forecast(rapid.IntRange(0, 1).Draw(t, "forecast")),
		Window:      rapid.IntRange(1, 6).Draw(t, "window"),
		MinWait:     0.5,
		SelfOnly:    rapid.IntRange(0, 4).Draw(t, "selfonly") == 0,
	}
}

func checkBrute(t *rapid.T, s Settings, v *device.View) {
	p, err := New(&s)
	if err != nil {
		t.Fatal(err)
	}
	want := oracleCosts(s, v)
	got := p.Candidates(nil, v)
	if len(got) != len(want) {
		t.Fatalf("Candidates: %d, oracle %d", len(got), len(want))
	}
	for k := range got {
		if got[k].Owner != want[k].j || got[k].Level != want[k].q {
			t.Fatalf("candidate %d = (%d,%d), oracle (%d,%d)", k, got[k].Owner, got[k].Level, want[k].j, want[k].q)
		}
		if !relNear(got[k].Cost, want[k].cost, 1e-12) {
			t.Fatalf("candidate (%d,%d): cost %.17g, oracle %.17g", want[k].j, want[k].q, got[k].Cost, want[k].cost)
		}
	}
	d := p.Decide(v)
	if len(want) == 0 {
		if d.Owner >= 0 || !(d.Wait > 0) {
			t.Fatalf("no candidate: %+v, want a positive Wait", d)
		}
		return
	}
	bi := 0
	for k := range want {
		if want[k].cost < want[bi].cost {
			bi = k
		}
	}
	best := want[bi].cost
	second := math.Inf(1)
	for k := range want {
		if k != bi {
			second = math.Min(second, want[k].cost)
		}
	}
	tol := 1e-9 * (1 + math.Abs(best))
	if second-best > tol {
		if d != device.Download(want[bi].j, want[bi].q) {
			t.Fatalf("Decide = %+v, oracle argmin (%d,%d) cost %g (second %g)", d, want[bi].j, want[bi].q, best, second)
		}
		return
	}
	for _, w := range want {
		if d == device.Download(w.j, w.q) {
			if w.cost-best > tol {
				t.Fatalf("Decide = %+v cost %g, best %g", d, w.cost, best)
			}
			return
		}
	}
	t.Fatalf("Decide = %+v, not a candidate", d)
}

func TestBruteForceSingle(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawSettings(t)
		s.SelfOnly = false
		checkBrute(t, s, drawView(t, 1, true))
	})
}

func TestBruteForceGroup(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 6).Draw(t, "n")
		checkBrute(t, drawSettings(t), drawView(t, n, false))
	})
}

// checker wraps a policy and checks the buffer cap and the validity of every decision.
type checker struct {
	p   device.Policy
	t   *rapid.T
	bad string
}

func (c *checker) Reset(sc *device.Scenario) {
	if r, ok := c.p.(device.Resetter); ok {
		r.Reset(sc)
	}
}

func (c *checker) Decide(v *device.View) device.Decision {
	for _, m := range v.Members {
		u := v.Scenario.Users[m.ID]
		if u.Video == nil {
			continue
		}
		if m.Buffer > u.Video.MaxBuffer+1e-9 || m.Buffer+m.Committed > u.Video.MaxBuffer+1e-9 {
			c.bad = "buffer cap violated"
		}
	}
	d := c.p.Decide(v)
	if d.Owner >= 0 {
		m := v.Member(d.Owner)
		if m == nil || !m.Admissible || d.Level < 0 || d.Level >= len(v.Scenario.Users[d.Owner].Video.Ladder) {
			c.bad = "invalid download decision"
		}
	} else if !(d.Wait > 0) {
		c.bad = "non-positive wait"
	}
	return d
}

func drawScenario(t *rapid.T) *device.Scenario {
	pool := device.SyntheticPool(8, rand.NewPCG(rapid.Uint64().Draw(t, "pool"), 1))
	cfg := device.PaperConfig{
		Users:       rapid.IntRange(1, 8).Draw(t, "users"),
		VideoShare:  rapid.Float64Range(0.1, 1).Draw(t, "share"),
		Segments:    rapid.IntRange(3, 40).Draw(t, "segments"),
		SegLen:      rapid.SampledFrom([]float64{1, 2, 4}).Draw(t, "seglen"),
		Traces:      pool,
		Coop:        device.Cooperation(rapid.IntRange(0, 3).Draw(t, "coop")),
		StartSpread: rapid.SampledFrom([]float64{0, 30}).Draw(t, "spread"),
	}
	cfg.MaxBuffer = cfg.SegLen * rapid.Float64Range(1, 20).Draw(t, "bufsegs")
	sc, err := device.NewPaperScenario(cfg, rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 2))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func checkIdentities(t *rapid.T, sc *device.Scenario, res *device.SimResult) {
	sum := 0.0
	for j, u := range res.Users {
		sum += u.Welfare
		w := u.Value - u.Degradation - u.Rebuffer - sc.LambdaE*(u.EnergyCell+u.EnergyWiFi+u.EnergyRx)
		if !relNear(u.Welfare, w, 1e-9) {
			t.Fatalf("user %d: Welfare %g, terms give %g", j, u.Welfare, w)
		}
		if !relNear(u.Rebuffer, sc.Users[j].Rho*u.Stall, 1e-9) {
			t.Fatalf("user %d: Rebuffer %g, ρ·Stall %g", j, u.Rebuffer, sc.Users[j].Rho*u.Stall)
		}
		if math.IsNaN(u.Welfare) || math.IsInf(u.Welfare, 0) {
			t.Fatalf("user %d: Welfare %g", j, u.Welfare)
		}
	}
	if !relNear(res.Welfare, sum, 1e-9) {
		t.Fatalf("Welfare %g, Σ users %g", res.Welfare, sum)
	}
}

func TestSimulateValidAndCapped(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := drawScenario(t)
		s := drawSettings(t)
		p, err := New(&s)
		if err != nil {
			t.Fatal(err)
		}
		var pol device.Policy = p
		if rapid.IntRange(0, 3).Draw(t, "bola") == 0 {
			pol = &BOLA{GammaP: rapid.Float64Range(0, 10).Draw(t, "gp")}
		}
		c := &checker{p: pol, t: t}
		res, err := device.Simulate(context.Background(), sc, c, &device.SimSettings{Record: true})
		var de *device.DecisionError
		if errors.As(err, &de) {
			t.Fatalf("decision error: %v", err)
		}
		if err != nil {
			t.Fatal(err)
		}
		if c.bad != "" {
			t.Fatal(c.bad)
		}
		for _, j := range sc.VideoUsers() {
			_, b := device.BufferSeries(sc, res, j, 0.5)
			if m := slices.Max(append(b, 0)); m > sc.Users[j].Video.MaxBuffer+1e-9 {
				t.Fatalf("user %d: buffer %g above cap %g", j, m, sc.Users[j].Video.MaxBuffer)
			}
		}
		checkIdentities(t, sc, res)
	})
}

func TestBOLAMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := drawView(t, 1, true)
		v.Members[0].Remaining = 1
		p := &BOLA{GammaP: rapid.Float64Range(0, 10).Draw(t, "gp"), Target: rapid.Float64Range(0, 60).Draw(t, "target")}
		vid := v.Scenario.Users[0].Video
		prev := -1
		for b := 0.0; b+vid.SegLen <= vid.MaxBuffer; b += 0.25 {
			v.Members[0].Buffer = b
			v.Members[0].Admissible = true
			d := p.Decide(v)
			if d.Owner < 0 {
				prev = len(vid.Ladder) // waiting: only above the threshold, where higher b waits too
				continue
			}
			if d.Level < prev {
				t.Fatalf("b̃=%g: level %d after %d", b, d.Level, prev)
			}
			prev = d.Level
			if b == 0 && (p.GammaP == 0 || p.GammaP >= 1) && p.VD(vid.Ladder, vid.SegLen, vid.MaxBuffer) > 0 && d.Level != 0 {
				t.Fatalf("b̃=0: level %d, want 0", d.Level)
			}
		}
	})
}

// Spec §5 V7, as a property: for any single-user View both attributions give
// bit-identical candidates (n_G = 1).
func TestAttributionSingleUserIdentical(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawSettings(t)
		v := drawView(t, 1, true)
		s.Attribution = AttributeShared
		a, err := New(&s)
		if err != nil {
			t.Fatal(err)
		}
		s.Attribution = AttributeLiteral
		b, err := New(&s)
		if err != nil {
			t.Fatal(err)
		}
		ca, cb := a.Candidates(nil, v), b.Candidates(nil, v)
		if len(ca) != len(cb) {
			t.Fatalf("%d vs %d candidates", len(ca), len(cb))
		}
		for k := range ca {
			if ca[k] != cb[k] {
				t.Fatalf("candidate %d: %+v vs %+v", k, ca[k], cb[k])
			}
		}
		if a.Decide(v) != b.Decide(v) {
			t.Fatal("decisions differ")
		}
	})
}
