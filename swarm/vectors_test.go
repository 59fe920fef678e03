package swarm

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// t1Scenario is the hand-checkable vector T1 of the spec (§5): one swarm of
// 3 pieces × 1000 B, a single-swarm cache (host 0) and two members.
func t1Scenario() *Scenario {
	return &Scenario{
		Name:     "T1",
		Swarms:   []Swarm{{Name: "s", Pieces: 3, PieceSize: 1000}},
		Hosts:    []Host{{Kind: Cache, Up: 1000, Swarm: -1, Cached: []int{0}}, {Up: 1000, Down: 1e6, Swarm: 0}, {Up: 1000, Down: 1e6, Swarm: 0}},
		Duration: 4 * time.Second,
		Slots:    1,
		Epoch:    time.Second,
		Redeem:   time.Second,
	}
}

func pieceEvents(r *Result) []Event {
	var out []Event
	for _, e := range r.Events {
		if e.Kind == Piece {
			out = append(out, e)
		}
	}
	return out
}

func TestT1TwoHops(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		r, err := Simulate(context.Background(), t1Scenario(), BTEqualSplit{}, &Settings{Src: rand.NewPCG(seed, 2), RecordPieces: true})
		if err != nil {
			t.Fatal(err)
		}
		if r.Uploaded != 6000 || r.Downloaded != 6000 || r.Wasted != 0 {
			t.Fatalf("seed %d: uploaded %d downloaded %d wasted %d, want 6000 6000 0", seed, r.Uploaded, r.Downloaded, r.Wasted)
		}
		pe := pieceEvents(r)
		if len(pe) != 6 {
			t.Fatalf("seed %d: %d piece events, want 6", seed, len(pe))
		}
		// Labels a, b, c from the random tie-breaks (spec §5 T1).
		a, b, c := pe[0].Piece, pe[1].Piece, pe[3].Piece
		type ev struct {
			T                      time.Duration
			From, To, Piece, Chain int // Chain: piece event index of the parent, -1 root
		}
		want := []ev{
			{time.Second, 0, 1, a, -1},
			{2 * time.Second, 0, 2, b, -1},
			{2 * time.Second, 1, 2, a, 0},
			{3 * time.Second, 0, 1, c, -1},
			{3 * time.Second, 2, 1, b, 1},
			{4 * time.Second, 0, 2, c, -1},
		}
		// Map event indices to piece-event indices.
		pidx := map[int]int{}
		k := 0
		for i, e := range r.Events {
			if e.Kind == Piece {
				pidx[i] = k
				k++
			}
		}
		var got []ev
		for _, e := range pe {
			ch := -1
			if e.Parent >= 0 {
				ch = pidx[e.Parent]
			}
			got = append(got, ev{e.T, e.From, e.To, e.Piece, ch})
		}
		if d := cmp.Diff(want, got); d != "" || a == b || b == c || a == c {
			t.Fatalf("seed %d: events (-want +got):\n%s", seed, d)
		}
		// Trees: N_τ = 2, 2, 1, 1 for the four roots of host 0.
		roots := r.Ledger.Roots(0, 0)
		if len(roots) != 4 {
			t.Fatalf("seed %d: %d roots, want 4", seed, len(roots))
		}
		for _, tau := range []time.Duration{time.Second, time.Minute} {
			var sizes []int
			for _, e := range roots {
				sizes = append(sizes, TreeSize(r.Ledger, e, tau))
			}
			if d := cmp.Diff([]int{2, 2, 1, 1}, sizes); d != "" {
				t.Fatalf("seed %d τ %v: tree sizes (-want +got):\n%s", seed, tau, d)
			}
		}
		if got := CPM(r.Ledger, 0, 0, time.Second, 0, 4*time.Second); got.Mean != 1.5 || got.N != 4 {
			t.Fatalf("seed %d: CPM %+v, want mean 1.5 over 4 roots", seed, got)
		}
	}
}

func TestT1FluidBound(t *testing.T) {
	sc := t1Scenario()
	b, err := FluidBound(sc, 0, 4*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	// Spec §5 T1: n = 2, C̄ = 1000, R̄ = 2000 ⇒ F* = 2000 B/s, PerSwarmCap [2000].
	if d := cmp.Diff(2000.0, b.Total, cmpopts.EquateApprox(1e-9, 0)); d != "" {
		t.Errorf("Total: %s", d)
	}
	if d := cmp.Diff([]float64{2000}, b.PerSwarmCap, cmpopts.EquateApprox(1e-9, 0)); d != "" {
		t.Errorf("PerSwarmCap: %s", d)
	}
	r, err := Simulate(context.Background(), sc, BTEqualSplit{}, &Settings{Src: rand.NewPCG(1, 2)})
	if err != nil {
		t.Fatal(err)
	}
	if m := r.MeanAggregate(0, 4*time.Second); m != 1500 || m > b.Total {
		t.Errorf("realised mean %v, want 1500 ≤ F* %v", m, b.Total)
	}
}

func TestT2Singleton(t *testing.T) {
	sc := &Scenario{
		Swarms:   []Swarm{{Pieces: 16, PieceSize: 4096}},
		Hosts:    []Host{{Kind: Cache, Up: 2000, Swarm: -1, Cached: []int{0}}, {Up: 500, Down: 10000, Swarm: 0}},
		Duration: 2 * time.Minute,
	}
	r, err := Simulate(context.Background(), sc, BTEqualSplit{}, &Settings{Src: rand.NewPCG(3, 4)})
	if err != nil {
		t.Fatal(err)
	}
	if r.Ledger.Len() == 0 {
		t.Fatal("no tokens")
	}
	for _, tau := range []time.Duration{time.Second, time.Minute, time.Hour} {
		for _, e := range r.Ledger.Roots(0, 0) {
			if n := TreeSize(r.Ledger, e, tau); n != 1 {
				t.Fatalf("τ %v: tree size %d, want 1", tau, n)
			}
		}
		if e := CPM(r.Ledger, 0, 0, tau, 0, sc.Duration); e.Mean != 1 || e.Var != 0 {
			t.Fatalf("τ %v: CPM %+v, want 1", tau, e)
		}
	}
	b, err := FluidBound(sc, 0, sc.Duration)
	if err != nil {
		t.Fatal(err)
	}
	if m := r.MeanAggregate(0, sc.Duration); m > b.Total*(1+1e-9) {
		t.Fatalf("mean %v > F* %v", m, b.Total)
	}
	// F* = min(C̄, R̄ + C̄, D̄) with n = 1 (spec §2.9).
	if b.Total != 2000 {
		t.Fatalf("F* = %v, want 2000", b.Total)
	}
}

func TestT3Ledger(t *testing.T) {
	l := NewLedger(1, 3, []int{4})
	tok := func(serial uint64, up, down, piece int, at time.Duration) Token {
		return Token{Serial: serial, Swarm: 0, Piece: piece, Uploader: up, Downloader: down, T: at}
	}
	if err := l.Redeem(tok(5, 0, 1, 0, time.Second)); err != nil {
		t.Fatal(err)
	}
	if err := l.Redeem(tok(5, 0, 2, 1, 2*time.Second)); !errors.Is(err, ErrDoubleRedeem) || l.Len() != 1 {
		t.Fatalf("double redeem: err %v len %d", err, l.Len())
	}
	if err := l.RedeemBy(2, tok(6, 1, 2, 0, 3*time.Second)); !errors.Is(err, ErrForeignToken) || l.Len() != 1 {
		t.Fatalf("foreign: err %v len %d", err, l.Len())
	}
	if l.Rejected(0) != 1 || l.Rejected(2) != 1 {
		t.Fatalf("rejected counts %d %d, want 1 1", l.Rejected(0), l.Rejected(2))
	}
	for _, bad := range []Token{tok(7, 0, 1, 4, time.Second), tok(7, 0, 0, 1, time.Second), tok(0, 0, 1, 1, time.Second), {Serial: 7, Swarm: 1, Uploader: 0, Downloader: 1}} {
		if err := l.Redeem(bad); !errors.Is(err, ErrBadToken) || l.Len() != 1 {
			t.Fatalf("bad token %+v: err %v len %d", bad, err, l.Len())
		}
	}
	if err := l.Redeem(tok(6, 1, 2, 0, 3*time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, p := l.At(1); p != 0 {
		t.Fatalf("parent %d, want 0", p)
	}
}

// TestT3LedgerMatchesGroundTruth checks that the trees rebuilt from the ledger
// equal the simulator's parent links for every Piece event of the library
// scenario's first 600 s.
func TestT3LedgerMatchesGroundTruth(t *testing.T) {
	cfg := LibraryConfig{Duration: 10 * time.Minute}
	if !fullRuns() {
		cfg.Peers, cfg.Movies = 200, 30
	}
	if testing.Short() {
		cfg.Duration = 5 * time.Minute
	}
	sc, err := LibraryScenario(cfg, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Simulate(context.Background(), sc, &VFormation{}, &Settings{Src: rand.NewPCG(1, 2), RecordPieces: true})
	if err != nil {
		t.Fatal(err)
	}
	checkLedgerGroundTruth(t, r)
}

func checkLedgerGroundTruth(t *testing.T, r *Result) {
	t.Helper()
	evOfPiece := []int{} // piece-event number → event index
	pnum := map[int]int{}
	for i, e := range r.Events {
		if e.Kind == Piece {
			pnum[i] = len(evOfPiece)
			evOfPiece = append(evOfPiece, i)
		}
	}
	if r.Ledger.Len() != len(evOfPiece) {
		t.Fatalf("ledger has %d tokens, %d piece events", r.Ledger.Len(), len(evOfPiece))
	}
	for k, ei := range evOfPiece {
		tok, par := r.Ledger.At(k)
		e := r.Events[ei]
		if tok.Serial != uint64(k+1) || tok.Uploader != e.From || tok.Downloader != e.To || tok.Piece != e.Piece || tok.Swarm != e.Swarm || tok.T != e.T {
			t.Fatalf("token %d %+v does not match event %+v", k, tok, e)
		}
		want := -1
		if e.Parent >= 0 {
			want = pnum[e.Parent]
		}
		if par != want {
			t.Fatalf("token %d: ledger parent %d, ground truth %d", k, par, want)
		}
	}
}

func TestT4FluidLP(t *testing.T) {
	sc := t4Scenario()
	b, err := FluidBound(sc, 0, sc.Duration)
	if err != nil {
		t.Fatal(err)
	}
	// Spec §5 T4: F* = 5800/9; gonum's simplex returns 644.4444444444434.
	if d := cmp.Diff(5800.0/9, b.Total, cmpopts.EquateApprox(1e-9, 0)); d != "" {
		t.Errorf("F*: %s", d)
	}
	if d := cmp.Diff(map[int]map[int]float64{0: {0: 500.0 / 9, 1: 400.0 / 9}}, b.X, cmpopts.EquateApprox(1e-9, 1e-9)); d != "" {
		t.Errorf("x*: %s", d)
	}
	if g := greedyOneHost(sc); !cmpApprox(g, b.Total, 1e-9) {
		t.Errorf("greedy %v != LP %v", g, b.Total)
	}
}

func cmpApprox(a, b, rel float64) bool {
	return cmp.Equal(a, b, cmpopts.EquateApprox(rel, 1e-12))
}

func t4Scenario() *Scenario {
	sc := &Scenario{
		Swarms:   []Swarm{{Pieces: 10, PieceSize: 1000}, {Pieces: 10, PieceSize: 1000}},
		Hosts:    []Host{{Kind: Cache, Up: 100, Swarm: -1, Cached: []int{0, 1}}},
		Duration: time.Minute,
	}
	for i := 0; i < 10; i++ {
		sc.Hosts = append(sc.Hosts, Host{Up: 50, Down: 1000, Swarm: 0})
	}
	for i := 0; i < 2; i++ {
		sc.Hosts = append(sc.Hosts, Host{Up: 25, Down: 5000, Swarm: 1})
	}
	return sc
}

// greedyOneHost solves the fluid LP for a scenario with exactly one
// multi-swarm cacher, no single-swarm cachers and no churn by filling
// concave segments in decreasing slope order: per swarm a slope-n_s segment
// up to the kink x = R̄/(n−1) (or the D̄ cap), then a slope-1 segment.
func greedyOneHost(sc *Scenario) float64 {
	h := sc.MultiSwarmHosts()[0]
	type seg struct{ slope, width float64 }
	var segs []seg
	for _, s := range sc.Hosts[h].Cached {
		var n, R, D float64
		for _, q := range sc.Hosts {
			if q.Swarm == s {
				n++
				R += float64(q.Up)
				D += float64(q.Down)
			}
		}
		if n == 0 {
			continue
		}
		// y(x) = min(n x, R + x, D).
		k1 := D / n
		if n > 1 {
			k1 = min(k1, R/(n-1))
		}
		segs = append(segs, seg{n, k1})
		if y1 := n * k1; y1 < D {
			segs = append(segs, seg{1, D - y1})
		}
	}
	for i := range segs {
		for j := i + 1; j < len(segs); j++ {
			if segs[j].slope > segs[i].slope {
				segs[i], segs[j] = segs[j], segs[i]
			}
		}
	}
	left := float64(sc.Hosts[h].Up)
	var tot float64
	for _, sg := range segs {
		w := min(left, sg.width)
		tot += w * sg.slope
		left -= w
	}
	return tot
}

func TestT5DownloadCap(t *testing.T) {
	offers := []int64{10, 30, 60}
	maxMinFair(offers, 60)
	if d := cmp.Diff([]int64{10, 25, 25}, offers); d != "" {
		t.Fatal(d)
	}
}

func TestBudgetExact(t *testing.T) {
	for _, c := range []struct{ r, m int64 }{{1000, 1000}, {333, 7}, {50_000, 250}, {1, 1}} {
		w, f := splitRate(c.r, c.m)
		var sum int64
		for k := 0; k < 10_000; k++ {
			sum += budget(w, f, k)
		}
		if want := int64(10_000) * c.r * c.m / 1000; sum != want {
			t.Fatalf("r %d m %d: Σ B_k = %d, want %d", c.r, c.m, sum, want)
		}
	}
}
