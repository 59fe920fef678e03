package swarm

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// genScenario draws a random small scenario: 1–4 swarms of 1–12 members,
// 1–3 multi-swarm hosts, 4–64 pieces of 1–64 KiB, random capacities, optional
// churn, 60–600 steps.
func genScenario(t *rapid.T) *Scenario {
	ns := rapid.IntRange(1, 4).Draw(t, "swarms")
	maxSteps := 600
	if testing.Short() {
		maxSteps = 200
	}
	steps := rapid.IntRange(60, maxSteps).Draw(t, "steps")
	sc := &Scenario{
		Duration:   time.Duration(steps) * time.Second,
		Slots:      rapid.IntRange(1, 4).Draw(t, "slots"),
		Epoch:      time.Duration(rapid.SampledFrom([]int{5, 10, 30}).Draw(t, "epoch")) * time.Second,
		Redeem:     time.Duration(rapid.SampledFrom([]int{1, 5, 10}).Draw(t, "redeem")) * time.Second,
		Choke:      ChokeRule(rapid.IntRange(0, 1).Draw(t, "choke")),
		OnComplete: CompleteRule(rapid.IntRange(0, 1).Draw(t, "complete")),
	}
	churn := rapid.Bool().Draw(t, "churn")
	for s := 0; s < ns; s++ {
		sc.Swarms = append(sc.Swarms, Swarm{Pieces: rapid.IntRange(4, 64).Draw(t, "pieces"), PieceSize: int64(rapid.IntRange(1, 64).Draw(t, "kib")) << 10})
		for i, n := 0, rapid.IntRange(1, 12).Draw(t, "members"); i < n; i++ {
			h := Host{Up: int64(rapid.IntRange(500, 50_000).Draw(t, "up")), Down: int64(rapid.IntRange(1000, 100_000).Draw(t, "down")), Swarm: s}
			if churn {
				h.Join = time.Duration(rapid.IntRange(0, steps/2).Draw(t, "join")) * time.Second
				if rapid.Bool().Draw(t, "leaves") {
					h.Leave = h.Join + time.Duration(rapid.IntRange(1, steps).Draw(t, "stay"))*time.Second
				}
			}
			sc.Hosts = append(sc.Hosts, h)
		}
	}
	for i, n := 0, rapid.IntRange(1, 3).Draw(t, "multi"); i < n; i++ {
		h := Host{Kind: Cache, Up: int64(rapid.IntRange(1000, 100_000).Draw(t, "cup")), Swarm: -1}
		for s := 0; s < ns; s++ {
			if rapid.Bool().Draw(t, "caches") {
				h.Cached = append(h.Cached, s)
			}
		}
		if len(h.Cached) == 0 {
			h.Cached = []int{rapid.IntRange(0, ns-1).Draw(t, "one")}
		}
		if len(h.Cached) == 1 && ns > 1 && rapid.Bool().Draw(t, "memberToo") {
			// a peer that is a member of one swarm and caches another
			h.Kind, h.Down = Peer, 50_000
			h.Swarm = (h.Cached[0] + 1) % ns
		}
		sc.Hosts = append(sc.Hosts, h)
	}
	return sc
}

func genAllocator(t *rapid.T, sc *Scenario) Allocator {
	switch rapid.IntRange(0, 5).Draw(t, "policy") {
	case 0:
		return BTEqualSplit{}
	case 1:
		return GlobalRarest{}
	case 2:
		return &Antfarm{Dwell: 2 * sc.epoch()}
	case 3:
		return &VFormation{Tau: time.Duration(rapid.IntRange(1, 60).Draw(t, "tau")) * time.Second, Window: time.Minute}
	case 4:
		return VFormationShift()
	default:
		x := map[int]map[int]float64{}
		for _, h := range sc.MultiSwarmHosts() {
			x[h] = map[int]float64{}
			for _, s := range sc.Serve(h) {
				x[h][s] = rapid.Float64Range(0, 10).Draw(t, "x")
			}
		}
		return &StaticAllocation{X: x}
	}
}

// checkState verifies the simulator's invariants after a step: avail equals
// the number of active holders, bitsets agree with the piece lists, no piece
// is both held and in flight.
func checkState(s *sim) error {
	cnt := make([][]int, len(s.hosts))
	for h := range s.hosts {
		cnt[h] = make([]int, len(s.hosts[h].serve))
	}
	for _, l := range s.links {
		if !l.dead {
			cnt[l.from][l.j]++
		}
	}
	for h := range s.hosts {
		st := &s.hosts[h]
		tot := 0
		for j, c := range cnt[h] {
			tot += c
			if c != st.linkCnt[j] {
				return fmt.Errorf("host %d swarm %d: %d links, counter %d", h, st.serve[j], c, st.linkCnt[j])
			}
		}
		// (A lowered slot count lets running links finish, so only the
		// RarestPick total is a hard limit.)
		if tot != st.totLinks || (st.multi >= 0 && st.disc == RarestPick && tot > s.sc.slots()) {
			return fmt.Errorf("host %d: %d links, counter %d", h, tot, st.totLinks)
		}
	}
	for sw := range s.swarms {
		w := &s.swarms[sw]
		cnt := make([]int32, w.pieces)
		for _, h := range w.members {
			m := s.hosts[h].mem
			pc, ic := 0, 0
			for i := range m.have {
				pc += bits.OnesCount64(m.have[i])
				ic += bits.OnesCount64(m.infl[i])
				if m.have[i]&m.infl[i] != 0 {
					return fmt.Errorf("host %d holds a piece also in flight", h)
				}
			}
			if pc != m.haveN || pc != len(m.pieces) || ic != m.inflN {
				return fmt.Errorf("host %d: bitset %d/%d, counters %d/%d, list %d", h, pc, ic, m.haveN, m.inflN, len(m.pieces))
			}
			if s.hosts[h].active {
				for _, p := range m.pieces {
					cnt[p]++
				}
			}
		}
		for p := range cnt {
			if cnt[p] != w.avail[p] {
				return fmt.Errorf("swarm %d piece %d: avail %d, holders %d", sw, p, w.avail[p], cnt[p])
			}
		}
	}
	return nil
}

func runChecked(t *rapid.T, sc *Scenario, a Allocator, seed uint64) *Result {
	var hookErr error
	debugHook = func(s *sim) {
		if hookErr == nil {
			hookErr = checkState(s)
		}
	}
	defer func() { debugHook = nil }()
	r, err := Simulate(context.Background(), sc, a, &Settings{Src: rand.NewPCG(seed, 7), RecordPieces: true})
	if err != nil {
		t.Fatalf("Simulate: %v", err)
	}
	if hookErr != nil {
		t.Fatalf("invariant: %v", hookErr)
	}
	return r
}

func TestPropertyConservationAndBound(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := genScenario(t)
		a := genAllocator(t, sc)
		r := runChecked(t, sc, a, rapid.Uint64().Draw(t, "seed"))
		var sb, ub, db int64
		for _, row := range r.SwarmBytes {
			for _, b := range row {
				sb += b
			}
		}
		for h := range sc.Hosts {
			ub += r.UploadedBy[h]
			db += r.DownloadedBy[h]
		}
		if r.Uploaded != r.Downloaded || sb != r.Downloaded || ub != r.Uploaded || db != r.Downloaded {
			t.Fatalf("conservation: up %d down %d swarm %d upBy %d downBy %d", r.Uploaded, r.Downloaded, sb, ub, db)
		}
		var pieceBytes int64
		for _, e := range r.Events {
			if e.Kind == Piece {
				pieceBytes += e.Value
			}
		}
		if r.Downloaded != pieceBytes+r.Wasted+r.InFlight {
			t.Fatalf("downloaded %d != pieces %d + wasted %d + in flight %d", r.Downloaded, pieceBytes, r.Wasted, r.InFlight)
		}
		// Allocation samples are valid share vectors.
		for _, smp := range r.Allocations {
			var sum float64
			for _, x := range smp.Share {
				if !(x >= 0) {
					t.Fatalf("share %v", x)
				}
				sum += x
			}
			if sum != 0 && math.Abs(sum-1) > 1e-12 {
				t.Fatalf("shares sum to %v", sum)
			}
		}
		// Fluid bound on every 60 s prefix and the whole run.
		for end := time.Minute; ; end += time.Minute {
			if end > sc.Duration {
				end = sc.Duration
			}
			b, err := FluidBound(sc, 0, end)
			if err != nil {
				t.Fatalf("FluidBound(0, %v): %v", end, err)
			}
			if m := r.MeanAggregate(0, end); m > b.Total*(1+1e-9)+1e-6 {
				t.Fatalf("%s: mean aggregate %v over [0, %v] exceeds F* %v", a.Name(), m, end, b.Total)
			}
			if end == sc.Duration {
				break
			}
		}
		// Per swarm: mean ≤ min(R̄_s + Ū of hosts serving s, D̄_s) (no churn ⇒ exact capacities).
		for s := range sc.Swarms {
			var up, down float64
			for _, h := range sc.Hosts {
				f := activeFrac(&h, sc.Duration)
				if h.Swarm == s {
					down += f * float64(h.Down)
				}
				for _, x := range serveSet(&h) {
					if x == s {
						up += f * float64(h.Up)
					}
				}
			}
			if m := r.SwarmMean(s, 0, sc.Duration); m > min(up, down)*(1+1e-9)+1e-6 {
				t.Fatalf("swarm %d mean %v exceeds capacity bound %v", s, m, min(up, down))
			}
		}
	})
}

func activeFrac(h *Host, d time.Duration) float64 {
	end := h.Leave
	if end == 0 || end > d {
		end = d
	}
	if end <= h.Join {
		return 0
	}
	return float64(end-h.Join) / float64(d)
}

func TestPropertyCPM(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := genScenario(t)
		r := runChecked(t, sc, genAllocator(t, sc), rapid.Uint64().Draw(t, "seed"))
		l := r.Ledger
		ever := make([]int, len(sc.Swarms))
		for _, h := range sc.Hosts {
			if h.Swarm >= 0 {
				ever[h.Swarm]++
			}
		}
		taus := []time.Duration{time.Second, 5 * time.Second, 30 * time.Second, 2 * time.Minute, time.Hour}
		inf := time.Duration(math.MaxInt64 / 2)
		for e := 0; e < l.Len(); e++ {
			tok, _ := l.At(e)
			prev := 0
			for _, tau := range taus {
				n := TreeSize(l, e, tau)
				if n < prev || n < 1 || n > ever[tok.Swarm] {
					t.Fatalf("token %d τ %v: size %d (prev %d, members %d)", e, tau, n, prev, ever[tok.Swarm])
				}
				prev = n
			}
			// Recursive identity at τ = ∞.
			sum := 1
			for c := l.firstChild[e]; c >= 0; c = l.nextSibling[c] {
				sum += TreeSize(l, int(c), inf)
			}
			if TreeSize(l, e, inf) != sum {
				t.Fatalf("token %d: TreeSize(∞) %d != 1 + Σ children %d", e, TreeSize(l, e, inf), sum)
			}
			// τ < Δt: only the root (a child completes at least one step
			// after its parent; spec §5 T1).
			if n := TreeSize(l, e, time.Second-time.Nanosecond); n != 1 {
				t.Fatalf("token %d: size %d at τ < Δt", e, n)
			}
			// Singleton swarms have CPM 1.
			if ever[tok.Swarm] == 1 && TreeSize(l, e, inf) != 1 {
				t.Fatalf("singleton swarm tree of size %d", TreeSize(l, e, inf))
			}
		}
		// Ledger parents equal the simulator's ground truth.
		checkLedgerGroundTruthRapid(t, r)
	})
}

func checkLedgerGroundTruthRapid(t *rapid.T, r *Result) {
	pnum := map[int]int{}
	k := 0
	for i, e := range r.Events {
		if e.Kind == Piece {
			pnum[i] = k
			k++
		}
	}
	if k != r.Ledger.Len() {
		t.Fatalf("%d piece events, %d tokens", k, r.Ledger.Len())
	}
	for i, e := range r.Events {
		if e.Kind != Piece {
			continue
		}
		_, par := r.Ledger.At(pnum[i])
		want := -1
		if e.Parent >= 0 {
			want = pnum[e.Parent]
		}
		if par != want {
			t.Fatalf("token %d parent %d, ground truth %d", pnum[i], par, want)
		}
	}
}

func TestPropertyDeterminism(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := genScenario(t)
		seed := rapid.Uint64().Draw(t, "seed")
		pol := rapid.IntRange(0, 4).Draw(t, "policy")
		mk := func() Allocator {
			return []Allocator{BTEqualSplit{}, GlobalRarest{}, &Antfarm{Dwell: 2 * sc.epoch()}, &VFormation{}, VFormationShift()}[pol]
		}
		run := func() *Result {
			r, err := Simulate(context.Background(), sc, mk(), &Settings{Src: rand.NewPCG(seed, 1), RecordPieces: true})
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		r1, r2 := run(), run()
		if d := cmp.Diff(r1, r2, cmp.AllowUnexported(Ledger{}, acqKey{})); d != "" {
			t.Fatalf("results differ:\n%s", d)
		}
		if r1.EventLogHash() != r2.EventLogHash() {
			t.Fatal("event log hashes differ")
		}
	})
}

// TestPropertyScanMemo checks that remembering failed member scans is a pure
// optimisation: results are identical with the memo disabled.
func TestPropertyScanMemo(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := genScenario(t)
		seed := rapid.Uint64().Draw(t, "seed")
		pol := rapid.IntRange(0, 3).Draw(t, "policy")
		run := func(memo bool) *Result {
			noScanMemo = !memo
			defer func() { noScanMemo = false }()
			a := []Allocator{BTEqualSplit{}, GlobalRarest{}, &VFormation{}, VFormationShift()}[pol]
			r, err := Simulate(context.Background(), sc, a, &Settings{Src: rand.NewPCG(seed, 5), RecordPieces: true})
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		if run(true).EventLogHash() != run(false).EventLogHash() {
			t.Fatal("the scan memo changed the event log")
		}
	})
}

func TestPropertyAllocations(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := genScenario(t)
		seed := rapid.Uint64().Draw(t, "seed")
		for _, a := range []Allocator{BTEqualSplit{}, &VFormation{}} {
			var views []struct {
				t      time.Duration
				demand [][]int
			}
			rec := &recordingAllocator{inner: a, record: func(v *View) {
				d := make([][]int, len(v.Demand))
				for i := range d {
					d[i] = append([]int(nil), v.Demand[i]...)
				}
				views = append(views, struct {
					t      time.Duration
					demand [][]int
				}{v.Now, d})
			}}
			r, err := Simulate(context.Background(), sc, rec, &Settings{Src: rand.NewPCG(seed, 3)})
			if err != nil {
				t.Fatal(err)
			}
			multi := sc.MultiSwarmHosts()
			for k, smp := range r.Allocations {
				v := views[k/len(multi)]
				i := k % len(multi)
				if v.t != smp.T || multi[i] != smp.Host {
					t.Fatalf("sample %d misaligned", k)
				}
				elig := 0
				for _, d := range v.demand[i] {
					if d > 0 {
						elig++
					}
				}
				for j, x := range smp.Share {
					if x > 0 && v.demand[i][j] == 0 {
						t.Fatalf("%s: share %v to swarm %d without demand", a.Name(), x, smp.Swarms[j])
					}
					if _, ok := a.(BTEqualSplit); ok && v.demand[i][j] > 0 && math.Abs(x-1/float64(elig)) > 1e-12 {
						t.Fatalf("BTEqualSplit share %v, want 1/%d", x, elig)
					}
				}
				if _, ok := a.(*VFormation); ok && elig > 0 {
					best := 0.0
					for _, x := range smp.Share {
						best = max(best, x)
					}
					if best < 1-0.1-1e-12 {
						t.Fatalf("VFormation largest share %v < 1 − ε", best)
					}
				}
			}
		}
	})
}

type recordingAllocator struct {
	inner  Allocator
	record func(*View)
}

func (r *recordingAllocator) Name() string { return r.inner.Name() }
func (r *recordingAllocator) Reset(sc *Scenario) {
	if rs, ok := r.inner.(Resetter); ok {
		rs.Reset(sc)
	}
}
func (r *recordingAllocator) Allocate(v *View, a *Allocation) error {
	r.record(v)
	return r.inner.Allocate(v, a)
}

func TestSimulateManyMatchesSequential(t *testing.T) {
	sc, err := LibraryScenario(LibraryConfig{Peers: 60, Movies: 10, Duration: 3 * time.Minute}, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	mkJobs := func() []Job {
		var jobs []Job
		n := uint64(5)
		if testing.Short() {
			n = 3
		}
		for i := uint64(0); i < n; i++ {
			jobs = append(jobs, Job{Scenario: sc, NewAllocator: func() Allocator { return &VFormation{} }, Settings: &Settings{Src: rand.NewPCG(1, i)}})
		}
		return jobs
	}
	var seq []*Result
	for _, j := range mkJobs() {
		r, err := Simulate(context.Background(), j.Scenario, j.NewAllocator(), j.Settings)
		if err != nil {
			t.Fatal(err)
		}
		seq = append(seq, r)
	}
	for _, w := range []int{1, 2, 7} {
		got, err := SimulateMany(context.Background(), mkJobs(), w)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(seq, got, cmp.AllowUnexported(Ledger{}, acqKey{})); d != "" {
			t.Fatalf("workers %d differ:\n%s", w, d)
		}
	}
}
