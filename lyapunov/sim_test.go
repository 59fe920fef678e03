package lyapunov

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/internal/testdata"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestNewErrors(t *testing.T) {
	bad := []Settings{
		{V: math.NaN()}, {V: math.Inf(1)}, {V: -1}, {Window: -1},
		{MinWait: math.NaN()}, {MinWait: math.Inf(1)}, {MinWait: -0.1},
		{Drift: 2}, {Attribution: -1}, {Forecast: 7},
	}
	for _, s := range bad {
		if _, err := New(&s); !errors.Is(err, ErrBadSettings) {
			t.Errorf("New(%+v) = %v, want ErrBadSettings", s, err)
		}
	}
	p := mustNew(t, nil)
	want := Settings{V: DefaultV, Window: 5, MinWait: 0.5}
	if p.Settings() != want {
		t.Errorf("defaults %+v, want %+v", p.Settings(), want)
	}
	for _, s := range []Settings{{V: 3, Window: 2, MinWait: 1, SelfOnly: true, Drift: DriftLinear}} {
		if got := mustNew(t, &s).Settings(); got != s {
			t.Errorf("Settings() = %+v, want %+v", got, s)
		}
	}
	for _, b := range []BOLA{{GammaP: -1}, {Target: math.NaN()}, {MinWait: math.Inf(1)}} {
		if err := b.Validate(); !errors.Is(err, ErrBadSettings) {
			t.Errorf("BOLA%+v.Validate() = %v, want ErrBadSettings", b, err)
		}
	}
	if err := (&BOLA{}).Validate(); err != nil {
		t.Errorf("zero BOLA: %v", err)
	}
}

func TestStrings(t *testing.T) {
	got := []string{DriftExact.String(), DriftLinear.String(), AttributeShared.String(), AttributeLiteral.String(),
		ForecastCurrent.String(), ForecastHarmonic.String(), Drift(9).String()}
	want := []string{"exact", "linear", "shared", "literal", "current", "harmonic", "Drift(9)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Error(diff)
	}
}

func mustPanic(t *testing.T, msg string, f func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != msg {
			t.Errorf("panic %v, want %q", r, msg)
		}
	}()
	f()
}

func TestPanics(t *testing.T) {
	p := mustNew(t, nil)
	mustPanic(t, "lyapunov: nil view", func() { p.Decide(nil) })
	mustPanic(t, "lyapunov: nil scenario", func() { p.Decide(&device.View{Capacity: 1}) })
	v := singleView(10, 1, 2)
	v.Members[0].ID = 5
	mustPanic(t, "lyapunov: member out of range", func() { p.Decide(v) })
	mustPanic(t, "lyapunov: invalid BOLA parameters", func() { (&BOLA{GammaP: -1}).Decide(singleView(1, 1, 1)) })
}

// Members with non-finite or negative numbers are skipped (spec §4).
func TestBadMembersSkipped(t *testing.T) {
	p := mustNew(t, nil)
	sc := vecScenario(vecUser(1, true), vecUser(1, true))
	for _, x := range []float64{math.NaN(), math.Inf(1), -1} {
		v := &device.View{Capacity: 2, Scenario: sc, Members: []device.Member{vecMember(sc, 0, 10, 0, 1), vecMember(sc, 1, 10, 0, 1)}}
		v.Members[0].Buffer = x
		v.Members[0].Admissible = true
		if d := p.Decide(v); d.Owner != 1 {
			t.Errorf("buffer %g: %+v, want owner 1", x, d)
		}
		v.Members[1].Committed = x
		if d := p.Decide(v); d.Owner >= 0 || !(d.Wait > 0) {
			t.Errorf("both bad (%g): %+v, want a wait", x, d)
		}
	}
}

func singlePool(n int) []*device.Scenario {
	pool := device.SyntheticPool(n, rand.NewPCG(1, 2))
	scs := make([]*device.Scenario, len(pool))
	for k, tr := range pool {
		sc, err := device.NewSingleUserScenario(tr, 0, device.SingleConfig{})
		if err != nil {
			panic(err)
		}
		scs[k] = sc
	}
	return scs
}

func runAll(t testing.TB, scs []*device.Scenario, mk func() device.Policy, st *device.SimSettings) []*device.SimResult {
	t.Helper()
	jobs := make([]device.Job, len(scs))
	for k, sc := range scs {
		jobs[k] = device.Job{Scenario: sc, NewPolicy: mk, Settings: st}
	}
	res, err := device.SimulateMany(context.Background(), jobs, 0)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// Spec §5 "Monotone in V": as V grows the batch-mean bitrate does not fall and
// the batch-mean buffer level does not rise (the idle buffer, Theorem 2's O(V)
// queue, grows). Reference values (spec §5, independent implementation):
// bitrate 1.289, 1.534, 1.598, 1.645, 1.694, 1.749 Mbps; buffer 32.7, 31.4,
// 28.9, 23.8, 14.4, 5.9 s.
func TestMonotoneInV(t *testing.T) {
	n := 64
	if testing.Short() {
		n = 16
	}
	scs := singlePool(n)
	prevRate, prevBuf := math.Inf(-1), math.Inf(1)
	for _, V := range []float64{2, 5, 10, 20, 40, 80} {
		res := runAll(t, scs, func() device.Policy { p, _ := New(&Settings{V: V}); return p }, &device.SimSettings{Record: true})
		rate, buf := 0.0, 0.0
		for k, r := range res {
			rate += r.AvgBitrate
			_, b := device.BufferSeries(scs[k], r, 0, 1)
			s := 0.0
			for _, x := range b {
				s += x
			}
			buf += s / float64(len(b))
		}
		rate /= float64(n)
		buf /= float64(n)
		t.Logf("V=%g: mean bitrate %.4g Mbps, mean buffer %.4g s", V, rate, buf)
		if rate < prevRate {
			t.Errorf("V=%g: mean bitrate %g < %g at the previous V", V, rate, prevRate)
		}
		if buf > prevBuf {
			t.Errorf("V=%g: mean buffer %g > %g at the previous V", V, buf, prevBuf)
		}
		prevRate, prevBuf = rate, buf
	}
}

func paperScenarios(t testing.TB, n, users int, share float64, seeds int) []*device.Scenario {
	pool := device.SyntheticPool(n, rand.NewPCG(1, 2))
	var scs []*device.Scenario
	for s := 1; s <= seeds; s++ {
		sc, err := device.NewPaperScenario(device.PaperConfig{Users: users, VideoShare: share, Traces: pool}, rand.NewPCG(uint64(s), 1))
		if err != nil {
			t.Fatal(err)
		}
		scs = append(scs, sc)
	}
	return scs
}

func meanOf(res []*device.SimResult) (rate, welfare float64) {
	for _, r := range res {
		rate += r.AvgBitrate
		welfare += r.Welfare
	}
	return rate / float64(len(res)), welfare / float64(len(res))
}

func defaultFactory() device.Policy {
	p, err := New(nil)
	if err != nil {
		panic(err)
	}
	return p
}

// Spec §5 "Cooperation": full cooperation does not lower the mean bitrate or welfare.
func TestCooperationHelps(t *testing.T) {
	full := paperScenarios(t, 200, 20, 0.5, 4)
	none := make([]*device.Scenario, len(full))
	for k, sc := range full {
		none[k] = sc.WithMobility(device.NoCooperation(len(sc.Users)))
	}
	rf, wf := meanOf(runAll(t, full, defaultFactory, nil))
	rn, wn := meanOf(runAll(t, none, defaultFactory, nil))
	t.Logf("full: bitrate %.4g welfare %.4g; none: bitrate %.4g welfare %.4g", rf, wf, rn, wn)
	if rf < rn || wf < wn {
		t.Errorf("full cooperation (bitrate %g, welfare %g) below none (%g, %g)", rf, wf, rn, wn)
	}
}

// Spec §5: SelfOnly on a CoopFull scenario equals the default on its CoopNone copy
// when the video users share one window.
func TestSelfOnlyEqualsNoCooperation(t *testing.T) {
	for _, sc := range paperScenarios(t, 50, 10, 0.6, 3) {
		none := sc.WithMobility(device.NoCooperation(len(sc.Users)))
		st := &device.SimSettings{Record: true}
		a, err := device.Simulate(context.Background(), sc, mustNew(t, &Settings{SelfOnly: true}), st)
		if err != nil {
			t.Fatal(err)
		}
		b, err := device.Simulate(context.Background(), none, mustNew(t, nil), st)
		if err != nil {
			t.Fatal(err)
		}
		if a.Events != b.Events {
			t.Errorf("Events %d vs %d", a.Events, b.Events)
		}
		type key struct{ D, O, S, L int }
		var ka, kb []key
		for _, r := range a.Downloads {
			ka = append(ka, key{r.Downloader, r.Owner, r.Segment, r.Level})
		}
		for _, r := range b.Downloads {
			kb = append(kb, key{r.Downloader, r.Owner, r.Segment, r.Level})
		}
		if diff := cmp.Diff(kb, ka); diff != "" {
			t.Errorf("download logs differ (-none +selfonly):\n%s", diff)
		}
		if diff := cmp.Diff(b.Users, a.Users, cmpopts.EquateApprox(1e-9, 1e-12)); diff != "" {
			t.Errorf("user results differ (-none +selfonly):\n%s", diff)
		}
	}
}

func TestDeterminism(t *testing.T) {
	scs := paperScenarios(t, 50, 12, 0.5, 3)
	mk := func() device.Policy { p, _ := New(&Settings{Forecast: ForecastHarmonic}); return p }
	var ref []*device.SimResult
	for _, w := range []int{1, 2, 7} {
		jobs := make([]device.Job, 0, 2*len(scs))
		for _, sc := range scs {
			jobs = append(jobs, device.Job{Scenario: sc, NewPolicy: mk}, device.Job{Scenario: sc, NewPolicy: func() device.Policy { return &BOLA{} }})
		}
		res, err := device.SimulateMany(context.Background(), jobs, w)
		if err != nil {
			t.Fatal(err)
		}
		if ref == nil {
			ref = res
			continue
		}
		if diff := cmp.Diff(ref, res); diff != "" {
			t.Errorf("workers=%d differs from workers=1:\n%s", w, diff)
		}
	}
	a, _ := device.Simulate(context.Background(), scs[0], mk(), nil)
	b, _ := device.Simulate(context.Background(), scs[0], mk(), nil)
	if !cmp.Equal(a, b) {
		t.Error("two runs differ")
	}
}

// TestDemoScenario runs the Scheduler on device.DemoScenario with and without
// cooperation, beside the baselines (figures in the log), and asserts that
// cooperation raises the Scheduler's welfare there (it does not start downloads
// on a link that is down; the baselines do and lose welfare with cooperation).
func TestDemoScenario(t *testing.T) {
	coop := device.DemoScenario()
	alone := coop.WithMobility(device.NoCooperation(len(coop.Users)))
	welfare := map[string]float64{}
	for _, pc := range []struct {
		name string
		mk   func() device.Policy
	}{
		{"lyapunov", defaultFactory},
		{"buffer-based", func() device.Policy { return &device.BufferBased{Owner: device.DefaultOwnerRule()} }},
		{"bola", func() device.Policy { return &BOLA{} }},
	} {
		for _, sc := range []*device.Scenario{coop, alone} {
			r, err := device.Simulate(context.Background(), sc, pc.mk(), nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%-12s %-4v welfare %.4g bitrate %.4g stall %.4g", pc.name, sc.Mobility.Mode(), r.Welfare, r.AvgBitrate, r.Stall)
			welfare[pc.name+"/"+sc.Mobility.Mode().String()] = r.Welfare
		}
	}
	if welfare["lyapunov/full"] <= welfare["lyapunov/none"] {
		t.Errorf("lyapunov: cooperative welfare %g not above non-cooperative %g", welfare["lyapunov/full"], welfare["lyapunov/none"])
	}
}

// Real data (spec §7): single-user runs on the first 20 traces by name are
// valid, respect the cap and finish without error.
func TestRealTraces(t *testing.T) {
	dir := testdata.Require(t, "throughput")
	traces, err := device.LoadTraceDir(os.DirFS(dir), ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(traces) > 20 {
		traces = traces[:20]
	}
	for _, tr := range traces {
		sc, err := device.NewSingleUserScenario(tr, 0, device.SingleConfig{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []device.Policy{mustNew(t, nil), &BOLA{}} {
			res, err := device.Simulate(context.Background(), sc, p, &device.SimSettings{Record: true})
			if err != nil {
				t.Fatalf("%s %T: %v", tr.Name, p, err)
			}
			_, b := device.BufferSeries(sc, res, 0, 0.5)
			for _, x := range b {
				if x > 40+1e-9 {
					t.Fatalf("%s %T: buffer %g above 40", tr.Name, p, x)
				}
			}
			if math.IsNaN(res.Welfare) {
				t.Fatalf("%s %T: NaN welfare", tr.Name, p)
			}
		}
	}
}

// Decide allocates nothing after the first decision (spec §2.8).
func TestDecideNoAlloc(t *testing.T) {
	for _, n := range []int{1, 10, 50} {
		v := benchView(n)
		p := mustNew(t, nil)
		p.Decide(v)
		if a := testing.AllocsPerRun(50, func() { p.Decide(v) }); a != 0 {
			t.Errorf("group %d: %g allocs per Decide, want 0", n, a)
		}
	}
	b := &BOLA{}
	v := benchView(1)
	b.Decide(v)
	if a := testing.AllocsPerRun(50, func() { b.Decide(v) }); a != 0 {
		t.Errorf("BOLA: %g allocs per Decide, want 0", a)
	}
}
