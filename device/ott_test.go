package device

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"
)

// ottNaive is the test-only reference of spec §2.1 and §2.5: it rebuilds every buffer by
// scanning the last B slots (O(G·B) per request) and accumulates the statistics.
type ottNaive struct {
	stats []OTTStats
	h     [][]int     // global N×N
	sh    [][]float64 // global N×N
}

func ottNaiveRun(req [][]int, g, b, warm int) *ottNaive {
	n := len(req[0])
	out := &ottNaive{stats: make([]OTTStats, n), h: make([][]int, n), sh: make([][]float64, n)}
	for i := range out.h {
		out.h[i] = make([]int, n)
		out.sh[i] = make([]float64, n)
	}
	inBuf := func(j, t, v int) bool {
		for u := max(0, t-b); u < t; u++ {
			if req[u][j] == v {
				return true
			}
		}
		return false
	}
	for t := warm; t < len(req); t++ {
		for i := 0; i < n; i++ {
			v := req[t][i]
			if v < 0 {
				continue
			}
			st := &out.stats[i]
			st.Views++
			if inBuf(i, t, v) {
				st.SelfHits++
				continue
			}
			st.Demand++
			lo, hi := i/g*g, min(i/g*g+g, n)
			var s []int
			for j := lo; j < hi; j++ {
				if j != i && inBuf(j, t, v) {
					s = append(s, j)
				}
			}
			if len(s) == 0 {
				continue
			}
			st.PeerHits++
			for _, j := range s {
				out.h[i][j]++
				out.sh[i][j] += 1 / float64(len(s))
			}
		}
	}
	return out
}

// ottHolders returns S_i(t) by the naive rule.
func ottHolders(req [][]int, g, b, i, t int) []int {
	n := len(req[0])
	v := req[t][i]
	var s []int
	for j := i / g * g; j < min(i/g*g+g, n); j++ {
		if j == i {
			continue
		}
		for u := max(0, t-b); u < t; u++ {
			if req[u][j] == v {
				s = append(s, j)
				break
			}
		}
	}
	return s
}

// TestOTTPaperFig1 is vector O1: the paper's Fig. 1 example (c1=0, c2=1, c3=2, d1=3, d3=4; B = 2).
func TestOTTPaperFig1(t *testing.T) {
	req := [][]int{{0, 3, 3}, {1, 0, 4}, {2, 1, 0}}
	run, err := NewOTTRun(req, OTTConfig{BufferSlots: 2, Warmup: -1})
	if err != nil {
		t.Fatal(err)
	}
	// S at slot 2: OTT1 ∅, OTT2 {OTT1}, OTT3 {OTT1, OTT2}.
	for i, want := range [][]int{nil, {0}, {0, 1}} {
		if got := ottHolders(req, 3, 2, i, 2); !slices.Equal(got, want) {
			t.Errorf("S_%d(2) = %v, want %v", i, got, want)
		}
	}
	for i := range 3 {
		if s := run.Stats(i); s.Demand != 3 || s.SelfHits != 0 || s.Views != 3 {
			t.Errorf("Stats(%d) = %+v, want Demand 3, SelfHits 0", i, s)
		}
	}
	approx := cmpopts.EquateApprox(0, 1e-15)
	wantHit := [][]float64{{0, 0, 0}, {2.0 / 3, 0, 0}, {1.0 / 3, 1.0 / 3, 0}}
	wantShare := [][]float64{{0, 0, 0}, {2.0 / 3, 0, 0}, {1.0 / 6, 1.0 / 6, 0}}
	if d := cmp.Diff(wantHit, run.GroupSupplyDemand(0, YHit), approx); d != "" {
		t.Errorf("YHit (-want +got):\n%s", d)
	}
	if d := cmp.Diff(wantShare, run.GroupSupplyDemand(0, YShare), approx); d != "" {
		t.Errorf("YShare (-want +got):\n%s", d)
	}
	hr := []float64{run.HitRatio(0), run.HitRatio(1), run.HitRatio(2)}
	if d := cmp.Diff([]float64{0, 2.0 / 3, 1.0 / 3}, hr, approx); d != "" {
		t.Errorf("HitRatio (-want +got):\n%s", d)
	}
	row, col, val := run.SupplyDemand(YShare)
	if !slices.Equal(row, []int{1, 2, 2}) || !slices.Equal(col, []int{0, 0, 1}) {
		t.Errorf("SupplyDemand rows %v cols %v, want (1,2,2) (0,0,1)", row, col)
	}
	if d := cmp.Diff([]float64{2.0 / 3, 1.0 / 6, 1.0 / 6}, val, approx); d != "" {
		t.Errorf("SupplyDemand vals (-want +got):\n%s", d)
	}
	f, err := run.FetchTable(0, []float64{1, 1, 1}, 2, 3, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	wantT := [][]int8{{-1, 1, 1}, {0, -1, 1}, {0, 0, -1}}
	if d := cmp.Diff(wantT, f.Table); d != "" {
		t.Errorf("Table (-want +got):\n%s", d)
	}
	if d := cmp.Diff([][]int{{0, 1, 1}, {0, 0, 1}, {0, 0, 0}}, f.Items); d != "" {
		t.Errorf("Items (-want +got):\n%s", d)
	}
	if d := cmp.Diff([][]int{{-1, 2, 2}, {-1, -1, 2}, {-1, -1, -1}}, f.Last); d != "" {
		t.Errorf("Last (-want +got):\n%s", d)
	}
	f, err = run.FetchTable(0, []float64{1, 0, 1}, 2, 3, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	if f.Table[1][2] != 0 || f.Table[0][2] != 1 || f.Table[0][1] != 1 {
		t.Errorf("Table with d = (1,0,1) = %v, want Table[1][2] = 0 and row 0 unchanged", f.Table)
	}
}

// TestOTTSelfHit is vector O2.
func TestOTTSelfHit(t *testing.T) {
	run, err := NewOTTRun([][]int{{5}, {5}, {5}, {7}}, OTTConfig{BufferSlots: 4, Warmup: -1})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := run.Stats(0), (OTTStats{Views: 4, SelfHits: 2, Demand: 2}); got != want {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
}

// TestOTTActivityZero is vector O3: an OTT with activity 0 consumes no draws.
func TestOTTActivityZero(t *testing.T) {
	const n, T = 8, 50
	for _, off := range []int{0, 3, 7} {
		act := make([]float64, n)
		for i := range act {
			act[i] = 1
		}
		act[off] = 0
		a, err := SimulateOTT(context.Background(), OTTConfig{OTTs: n, Slots: T, Activity: act, Record: -1}, rand.NewPCG(5, 6))
		if err != nil {
			t.Fatal(err)
		}
		b, err := SimulateOTT(context.Background(), OTTConfig{OTTs: n - 1, Slots: T, Record: -1}, rand.NewPCG(5, 6))
		if err != nil {
			t.Fatal(err)
		}
		for s := 0; s < T; s++ {
			ra, rb := a.Requests(s), b.Requests(s)
			if ra[off] != -1 {
				t.Fatalf("slot %d: inactive OTT %d requested %d", s, off, ra[off])
			}
			if got := slices.Delete(slices.Clone(ra), off, off+1); !slices.Equal(got, rb) {
				t.Fatalf("off=%d slot %d: others %v, want %v", off, s, got, rb)
			}
		}
	}
}

// TestZipfDraw is vector O4.
func TestZipfDraw(t *testing.T) {
	p, err := ZipfPopularity(3, 1)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]float64{1, 0.5, 1.0 / 3}, p.Weights[0], cmpopts.EquateApprox(0, 1e-15)); d != "" {
		t.Errorf("weights (-want +got):\n%s", d)
	}
	s := newOTTSampler(p, 0)
	if d := cmp.Diff([]float64{1, 1.5, 11.0 / 6}, s.cum[0], cmpopts.EquateApprox(0, 1e-15)); d != "" {
		t.Errorf("C (-want +got):\n%s", d)
	}
	for _, c := range []struct {
		u    float64
		want int32
	}{{0.5, 0}, {0.6, 1}, {0.9, 2}, {0, 0}, {math.Nextafter(1, 0), 2}} {
		if got := s.draw(0, c.u); got != c.want {
			t.Errorf("draw(%v) = %d, want %d", c.u, got, c.want)
		}
	}
	if !slices.Equal(p.Names, []string{"0", "1", "2"}) {
		t.Errorf("Names = %v", p.Names)
	}
}

// ottDrawDef is the §2.4 definition, a linear scan.
func ottDrawDef(row []float64, u float64) int32 {
	w := 0.0
	for _, x := range row {
		w += x
	}
	x, c := u*w, 0.0
	for v, r := range row {
		c += r
		if c > x {
			return int32(v)
		}
	}
	for v := len(row) - 1; v >= 0; v-- {
		if row[v] > 0 {
			return int32(v)
		}
	}
	return -1
}

// TestOTTSamplerDefinition checks that the guide-table search equals the §2.4 definition,
// including rows with zero weights and u close to 1.
func TestOTTSamplerDefinition(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := rapid.IntRange(1, 200).Draw(t, "V")
		row := make([]float64, v)
		for k := range row {
			if rapid.Bool().Draw(t, "zero") {
				continue
			}
			row[k] = rapid.Float64Range(1e-9, 1e3).Draw(t, "w")
		}
		if ottDrawDef(row, 0.5) < 0 {
			row[v-1] = 1
		}
		p := &Popularity{SnapshotSlots: 1, Weights: [][]float64{row}}
		s := newOTTSampler(p, 0)
		for range 50 {
			u := rapid.OneOf(rapid.Float64Range(0, 1), rapid.Just(math.Nextafter(1, 0)), rapid.Just(0.0)).Draw(t, "u")
			if u >= 1 {
				u = math.Nextafter(1, 0)
			}
			got, want := s.draw(0, u), ottDrawDef(row, u)
			if got != want {
				t.Fatalf("draw(%v) = %d, want %d", u, got, want)
			}
			if row[got] == 0 {
				t.Fatalf("drew zero-weight video %d", got)
			}
		}
	})
}

// TestOTTClosedForm is the statistical oracle of spec §5 against the §2.5 closed forms.
func TestOTTClosedForm(t *testing.T) {
	if testing.Short() {
		t.Skip("statistical oracle: 20 004 slots per case")
	}
	p, err := ZipfPopularity(50, 0.8)
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, w := range p.Weights[0] {
		sum += w
	}
	closed := func(a float64, b, g int) (h, self, yhit float64) {
		pd := 0.0
		for _, w := range p.Weights[0] {
			q := w / sum
			miss := math.Pow(1-a*q, float64(b))
			pd += q * miss
			h += q * miss * (1 - math.Pow(1-a*q, float64(b*(g-1))))
			yhit += q * miss * (1 - miss)
		}
		return h / pd, 1 - pd, yhit / pd
	}
	// Spec §2.5: p_0 = 0.153424, self-hit 0.172882, YHit 0.143387, h = 0.590041 (G=10),
	// 0.773464 (G=20); a = 0.5, G = 10: h = 0.4414, self-hit 0.0930.
	if h, self, y := closed(1, 4, 10); math.Abs(h-0.590041) > 1e-6 || math.Abs(self-0.172882) > 1e-6 || math.Abs(y-0.143387) > 1e-6 {
		t.Fatalf("closed forms (%.6f, %.6f, %.6f) differ from the spec's", h, self, y)
	}
	for _, c := range []struct {
		g int
		a float64
	}{{10, 1}, {20, 1}, {10, 0.5}} {
		n := 100
		var act []float64
		if c.a < 1 {
			act = make([]float64, n)
			for i := range act {
				act[i] = c.a
			}
		}
		run, err := SimulateOTT(context.Background(), OTTConfig{OTTs: n, GroupSize: c.g, Slots: 20004, Activity: act}, rand.NewPCG(7, 8))
		if err != nil {
			t.Fatal(err)
		}
		var hsum, views, self, ysum float64
		var ycount int
		for i := 0; i < n; i++ {
			hsum += run.HitRatio(i)
			s := run.Stats(i)
			views += float64(s.Views)
			self += float64(s.SelfHits)
		}
		for g := 0; g < run.Groups(); g++ {
			y := run.GroupSupplyDemand(g, YHit)
			for i := range y {
				for j := range y[i] {
					if i != j {
						ysum += y[i][j]
						ycount++
					}
				}
			}
		}
		wh, ws, wy := closed(c.a, 4, c.g)
		got := []float64{hsum / float64(n), self / views, ysum / float64(ycount)}
		t.Logf("G=%d a=%g: h %.4f (closed %.4f), self %.4f (%.4f), YHit %.4f (%.4f)", c.g, c.a, got[0], wh, got[1], ws, got[2], wy)
		if d := cmp.Diff([]float64{wh, ws, wy}, got, cmpopts.EquateApprox(0, 0.01)); d != "" {
			t.Errorf("G=%d a=%g (-closed +sim):\n%s", c.g, c.a, d)
		}
	}
}

// ottRandomConfig draws a small random configuration for property tests.
func ottRandomConfig(t *rapid.T) OTTConfig {
	n := rapid.IntRange(1, 40).Draw(t, "N")
	v := rapid.IntRange(1, 20).Draw(t, "V")
	rows := rapid.IntRange(1, 3).Draw(t, "R")
	w := make([][]float64, rows)
	for k := range w {
		w[k] = make([]float64, v)
		for j := range w[k] {
			if rapid.IntRange(0, 4).Draw(t, "zero") > 0 {
				w[k][j] = rapid.Float64Range(0.01, 10).Draw(t, "w")
			}
		}
	}
	w[0][0] = 1
	var act []float64
	if rapid.Bool().Draw(t, "hasActivity") {
		act = make([]float64, n)
		for i := range act {
			act[i] = rapid.OneOf(rapid.Just(0.0), rapid.Just(1.0), rapid.Float64Range(0, 1)).Draw(t, "a")
		}
	}
	T := rapid.IntRange(1, 300).Draw(t, "T")
	b := rapid.IntRange(1, 8).Draw(t, "B")
	warm := rapid.IntRange(-1, min(T-1, 10)).Draw(t, "Warmup")
	if warm == 0 && b >= T {
		warm = -1
	}
	return OTTConfig{
		OTTs: n, GroupSize: rapid.IntRange(1, n).Draw(t, "G"), Slots: T, BufferSlots: b, Warmup: warm,
		Popularity: &Popularity{SnapshotSlots: rapid.IntRange(1, 20).Draw(t, "SnapshotSlots"), Weights: w},
		StartSlot:  rapid.IntRange(0, 50).Draw(t, "StartSlot"), Activity: act, Record: -1,
		Workers: rapid.IntRange(1, 3).Draw(t, "Workers"),
	}
}

func ottAllRequests(r *OTTRun) [][]int {
	from, to := r.Recorded()
	out := make([][]int, 0, to-from)
	for s := from; s < to; s++ {
		out = append(out, r.Requests(s))
	}
	return out
}

// ottCheckInvariants checks the §5 invariants of a run, and its statistics against the naive
// reference on the same requests.
func ottCheckInvariants(t interface {
	Fatalf(string, ...any)
}, run *OTTRun, req [][]int) {
	c := run.Config()
	ref := ottNaiveRun(req, c.GroupSize, c.BufferSlots, max(c.Warmup, 0))
	n := run.N()
	for i := 0; i < n; i++ {
		s := run.Stats(i)
		if s != ref.stats[i] {
			t.Fatalf("Stats(%d) = %+v, naive %+v", i, s, ref.stats[i])
		}
		if s.Views != s.SelfHits+s.Demand || s.PeerHits > s.Demand || s.PeerHits < 0 {
			t.Fatalf("Stats(%d) = %+v violates Views = SelfHits + Demand, PeerHits ≤ Demand", i, s)
		}
	}
	share := map[[2]int]float64{}
	row, col, val := run.SupplyDemand(YShare)
	rowSum := make([]float64, n)
	for k := range row {
		i, j := row[k], col[k]
		if k > 0 && (row[k-1] > i || row[k-1] == i && col[k-1] >= j) {
			t.Fatalf("triplets not sorted at %d", k)
		}
		if i == j || i/c.GroupSize != j/c.GroupSize || !(val[k] > 0 && val[k] <= 1) {
			t.Fatalf("bad YShare triplet (%d, %d, %v)", i, j, val[k])
		}
		if d := float64(ref.stats[i].Demand); val[k] != ref.sh[i][j]/d {
			t.Fatalf("YShare[%d][%d] = %v, naive %v", i, j, val[k], ref.sh[i][j]/d)
		}
		rowSum[i] += val[k]
		share[[2]int{i, j}] = val[k]
	}
	for i := range rowSum {
		if math.Abs(rowSum[i]-run.HitRatio(i)) > 1e-12 {
			t.Fatalf("YShare row %d sums to %v, HitRatio %v", i, rowSum[i], run.HitRatio(i))
		}
	}
	hrow, hcol, hval := run.SupplyDemand(YHit)
	if len(hrow) != len(row) {
		t.Fatalf("YHit has %d entries, YShare %d", len(hrow), len(row))
	}
	for k := range hrow {
		s, ok := share[[2]int{hrow[k], hcol[k]}]
		if !ok || hval[k] < s || hval[k] > 1 {
			t.Fatalf("YHit[%d][%d] = %v, YShare %v (present %v)", hrow[k], hcol[k], hval[k], s, ok)
		}
	}
}

// TestOTTProperties checks the simulator's properties of spec §5 on random small configurations.
func TestOTTProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := ottRandomConfig(t)
		seed := rapid.Uint64().Draw(t, "seed")
		run, err := SimulateOTT(context.Background(), cfg, rand.NewPCG(seed, 1))
		if err != nil {
			t.Fatalf("SimulateOTT: %v", err)
		}
		req := ottAllRequests(run)
		if len(req) != cfg.Slots {
			t.Fatalf("recorded %d slots, want %d", len(req), cfg.Slots)
		}
		ottCheckInvariants(t, run, req)
		// Requests follow the draw definition's support.
		for s, r := range req {
			w := cfg.Popularity.Weights[((s+cfg.StartSlot)/cfg.Popularity.SnapshotSlots)%len(cfg.Popularity.Weights)]
			for i, v := range r {
				if v >= 0 && w[v] == 0 {
					t.Fatalf("slot %d OTT %d drew zero-weight video %d", s, i, v)
				}
				if cfg.Activity != nil && cfg.Activity[i] == 0 && v != -1 {
					t.Fatalf("inactive OTT %d requested", i)
				}
			}
		}
		// NewOTTRun on the drawn requests gives identical statistics and Y.
		rcfg := cfg
		rcfg.Workers = 1
		replay, err := NewOTTRun(req, rcfg)
		if err != nil {
			t.Fatalf("NewOTTRun: %v", err)
		}
		sameOTTRun(t, run, replay)
		// Worker counts 1, 2 and 7 give bit-identical runs.
		for _, w := range []int{1, 2, 7} {
			c := cfg
			c.Workers = w
			other, err := SimulateOTT(context.Background(), c, rand.NewPCG(seed, 1))
			if err != nil {
				t.Fatal(err)
			}
			sameOTTRun(t, run, other)
			if !cmp.Equal(req, ottAllRequests(other)) {
				t.Fatalf("Workers %d drew other requests", w)
			}
		}
		// Relabelling videos leaves Y unchanged.
		v := len(cfg.Popularity.Weights[0])
		perm := rand.New(rand.NewPCG(seed, 2)).Perm(v)
		preq := make([][]int, len(req))
		for s := range req {
			preq[s] = make([]int, len(req[s]))
			for i, x := range req[s] {
				preq[s][i] = x
				if x >= 0 {
					preq[s][i] = perm[x]
				}
			}
		}
		pw := make([][]float64, len(cfg.Popularity.Weights))
		for k, row := range cfg.Popularity.Weights {
			pw[k] = make([]float64, v)
			for j, x := range row {
				pw[k][perm[j]] = x
			}
		}
		pc := rcfg
		pc.Popularity = &Popularity{SnapshotSlots: cfg.Popularity.SnapshotSlots, Weights: pw}
		prun, err := NewOTTRun(preq, pc)
		if err != nil {
			t.Fatal(err)
		}
		sameOTTRun(t, run, prun)
		// With Warmup −1, a larger B never lowers SelfHits + PeerHits.
		c1 := rcfg
		c1.Warmup = -1
		c2 := c1
		c2.BufferSlots = c1.BufferSlots + rapid.IntRange(1, 4).Draw(t, "dB")
		r1, err1 := NewOTTRun(req, c1)
		r2, err2 := NewOTTRun(req, c2)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		for i := 0; i < run.N(); i++ {
			a, b := r1.Stats(i), r2.Stats(i)
			if b.SelfHits+b.PeerHits < a.SelfHits+a.PeerHits {
				t.Fatalf("OTT %d: B=%d served %d, B=%d served %d", i, c1.BufferSlots, a.SelfHits+a.PeerHits, c2.BufferSlots, b.SelfHits+b.PeerHits)
			}
		}
	})
}

func sameOTTRun(t interface{ Fatalf(string, ...any) }, a, b *OTTRun) {
	for i := 0; i < a.N(); i++ {
		if a.Stats(i) != b.Stats(i) {
			t.Fatalf("Stats(%d): %+v vs %+v", i, a.Stats(i), b.Stats(i))
		}
	}
	for _, m := range []YMode{YShare, YHit} {
		r1, c1, v1 := a.SupplyDemand(m)
		r2, c2, v2 := b.SupplyDemand(m)
		if !slices.Equal(r1, r2) || !slices.Equal(c1, c2) || !slices.Equal(v1, v2) {
			t.Fatalf("SupplyDemand(%d) differs", m)
		}
	}
}

// TestOTTFetchProperties checks the fetch-table properties of spec §5.
func TestOTTFetchProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := ottRandomConfig(t)
		run, err := SimulateOTT(context.Background(), cfg, rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 1))
		if err != nil {
			t.Fatal(err)
		}
		req := ottAllRequests(run)
		warm := max(run.Config().Warmup, 0)
		from := rapid.IntRange(warm, cfg.Slots-1).Draw(t, "from")
		to := rapid.IntRange(from+1, cfg.Slots).Draw(t, "to")
		g := rapid.IntRange(0, run.Groups()-1).Draw(t, "g")
		lo, hi := run.Group(g)
		m := hi - lo
		count := make([][]int, m)
		for j := range count {
			count[j] = make([]int, m)
		}
		for s := from; s < to; s++ {
			for i := lo; i < hi; i++ {
				if req[s][i] < 0 {
					continue
				}
				self := false
				for u := max(0, s-cfg.BufferSlots); u < s; u++ {
					self = self || req[u][i] == req[s][i]
				}
				if self {
					continue
				}
				for _, j := range ottHolders(req, cfg.GroupSize, cfg.BufferSlots, i, s) {
					count[j-lo][i-lo]++
				}
			}
		}
		d := make([]float64, m)
		for j := range d {
			d[j] = rapid.Float64Range(0, 1).Draw(t, "d")
		}
		seed := rapid.Uint64().Draw(t, "fseed")
		f, err := run.FetchTable(g, d, from, to, rand.NewPCG(seed, 3))
		if err != nil {
			t.Fatal(err)
		}
		for j := 0; j < m; j++ {
			for i := 0; i < m; i++ {
				if i == j {
					if f.Table[j][i] != FetchMissing || f.Items[j][i] != 0 {
						t.Fatalf("diagonal %d: %d %d", i, f.Table[j][i], f.Items[j][i])
					}
					continue
				}
				if (f.Table[j][i] == 1) != (f.Items[j][i] > 0) || f.Table[j][i] < 0 || f.Table[j][i] > 1 {
					t.Fatalf("Table[%d][%d] = %d, Items %d", j, i, f.Table[j][i], f.Items[j][i])
				}
				if (f.Last[j][i] >= from) != (f.Items[j][i] > 0) || f.Last[j][i] >= to || f.Items[j][i] == 0 && f.Last[j][i] != -1 {
					t.Fatalf("Last[%d][%d] = %d with Items %d", j, i, f.Last[j][i], f.Items[j][i])
				}
				if f.Items[j][i] > count[j][i] {
					t.Fatalf("Items[%d][%d] = %d > %d holder slots", j, i, f.Items[j][i], count[j][i])
				}
			}
		}
		ones := make([]float64, m)
		zeros := make([]float64, m)
		for j := range ones {
			ones[j] = 1
		}
		f1, err1 := run.FetchTable(g, ones, from, to, rand.NewPCG(seed, 3))
		f0, err0 := run.FetchTable(g, zeros, from, to, rand.NewPCG(seed, 3))
		if err1 != nil || err0 != nil {
			t.Fatal(err1, err0)
		}
		for j := 0; j < m; j++ {
			for i := 0; i < m; i++ {
				if i != j && (f1.Items[j][i] != count[j][i] || f0.Items[j][i] != 0 || f0.Table[j][i] != 0) {
					t.Fatalf("d=1 Items %d (count %d), d=0 Items %d", f1.Items[j][i], count[j][i], f0.Items[j][i])
				}
			}
		}
		// Raising one d_j never lowers row j and leaves the other rows unchanged.
		k := rapid.IntRange(0, m-1).Draw(t, "k")
		d2 := slices.Clone(d)
		d2[k] = rapid.Float64Range(d[k], 1).Draw(t, "dk")
		f2, err := run.FetchTable(g, d2, from, to, rand.NewPCG(seed, 3))
		if err != nil {
			t.Fatal(err)
		}
		for j := 0; j < m; j++ {
			for i := 0; i < m; i++ {
				if j == k && f2.Items[j][i] < f.Items[j][i] || j != k && f2.Items[j][i] != f.Items[j][i] {
					t.Fatalf("raising d_%d changed Items[%d][%d] from %d to %d", k, j, i, f.Items[j][i], f2.Items[j][i])
				}
			}
		}
	})
}

// TestOTTConfigErrors checks the §4 validation table.
func TestOTTConfigErrors(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name  string
		cfg   OTTConfig
		field string
		index int
	}{
		{"OTTs", OTTConfig{OTTs: -1}, "OTTs", -1},
		{"OTTs big", OTTConfig{OTTs: 10_000_001, GroupSize: 10}, "OTTs", -1},
		{"GroupSize", OTTConfig{GroupSize: -1}, "GroupSize", -1},
		{"GroupSize big", OTTConfig{OTTs: 2000, GroupSize: 1025}, "GroupSize", -1},
		{"Slots", OTTConfig{Slots: -1}, "Slots", -1},
		{"Slots big", OTTConfig{Slots: 10_000_001}, "Slots", -1},
		{"BufferSlots", OTTConfig{BufferSlots: -2}, "BufferSlots", -1},
		{"BufferSlots big", OTTConfig{BufferSlots: 1025}, "BufferSlots", -1},
		{"Warmup", OTTConfig{Warmup: -2}, "Warmup", -1},
		{"Warmup ≥ Slots", OTTConfig{Slots: 10, Warmup: 10}, "Warmup", -1},
		{"StartSlot", OTTConfig{StartSlot: -1}, "StartSlot", -1},
		{"Record", OTTConfig{Record: -2}, "Record", -1},
		{"Workers", OTTConfig{Workers: -1}, "Workers", -1},
		{"SlotSeconds", OTTConfig{SlotSeconds: -5}, "SlotSeconds", -1},
		{"SlotSeconds NaN", OTTConfig{SlotSeconds: nan}, "SlotSeconds", -1},
		{"SlotSeconds Inf", OTTConfig{SlotSeconds: math.Inf(1)}, "SlotSeconds", -1},
		{"Activity len", OTTConfig{OTTs: 3, Activity: []float64{1, 1}}, "Activity", -1},
		{"Activity NaN", OTTConfig{OTTs: 3, Activity: []float64{1, nan, 1}}, "Activity", 1},
		{"Activity > 1", OTTConfig{OTTs: 3, Activity: []float64{1, 1, 1.5}}, "Activity", 2},
		{"Activity < 0", OTTConfig{OTTs: 3, Activity: []float64{-0.1, 1, 1}}, "Activity", 0},
		{"Popularity ragged", OTTConfig{Popularity: &Popularity{SnapshotSlots: 1, Weights: [][]float64{{1, 2}, {1}}}}, "Popularity", 1},
		{"Popularity NaN", OTTConfig{Popularity: &Popularity{SnapshotSlots: 1, Weights: [][]float64{{1, nan}}}}, "Popularity", 0},
		{"Popularity Inf", OTTConfig{Popularity: &Popularity{SnapshotSlots: 1, Weights: [][]float64{{math.Inf(1)}}}}, "Popularity", 0},
		{"Popularity negative", OTTConfig{Popularity: &Popularity{SnapshotSlots: 1, Weights: [][]float64{{1, -1}}}}, "Popularity", 0},
		{"Popularity zero", OTTConfig{Popularity: &Popularity{SnapshotSlots: 1, Weights: [][]float64{{0, 0}, {0, 0}}}}, "Popularity", -1},
		{"Popularity snapshot", OTTConfig{Popularity: &Popularity{Weights: [][]float64{{1}}}}, "Popularity", -1},
		{"Popularity empty", OTTConfig{Popularity: &Popularity{SnapshotSlots: 1}}, "Popularity", -1},
		{"Popularity no videos", OTTConfig{Popularity: &Popularity{SnapshotSlots: 1, Weights: [][]float64{{}}}}, "Popularity", 0},
		{"Popularity names", OTTConfig{Popularity: &Popularity{Names: []string{"a"}, SnapshotSlots: 1, Weights: [][]float64{{1, 2}}}}, "Popularity", -1},
		{"Popularity overflow", OTTConfig{Popularity: &Popularity{SnapshotSlots: 1, Weights: [][]float64{{math.MaxFloat64, math.MaxFloat64}}}}, "Popularity", 0},
	}
	for _, c := range cases {
		run, err := SimulateOTT(context.Background(), c.cfg, rand.NewPCG(1, 1))
		var ce *OTTConfigError
		if run != nil || !errors.As(err, &ce) || !errors.Is(err, ErrBadOTTConfig) {
			t.Errorf("%s: got (%v, %v), want *OTTConfigError", c.name, run, err)
			continue
		}
		if ce.Field != c.field || ce.Index != c.index {
			t.Errorf("%s: error %v names %s[%d], want %s[%d]", c.name, err, ce.Field, ce.Index, c.field, c.index)
		}
	}
	for _, c := range []struct {
		n int
		s float64
	}{{0, 1}, {1<<20 + 1, 1}, {5, -1}, {5, nan}, {5, math.Inf(1)}} {
		if p, err := ZipfPopularity(c.n, c.s); p != nil || !errors.Is(err, ErrBadOTTConfig) {
			t.Errorf("ZipfPopularity(%d, %v) = %v, %v; want ErrBadOTTConfig", c.n, c.s, p, err)
		}
	}
	reqCases := []struct {
		name string
		req  [][]int
		cfg  OTTConfig
		idx  int
	}{
		{"none", nil, OTTConfig{Warmup: -1}, 0},
		{"empty row", [][]int{{}}, OTTConfig{Warmup: -1}, 0},
		{"ragged", [][]int{{1, 2}, {1}}, OTTConfig{Warmup: -1}, 1},
		{"below -1", [][]int{{1, 2}, {-2, 0}}, OTTConfig{Warmup: -1}, 1},
		{"above V", [][]int{{0, 1}, {2, 0}}, OTTConfig{Warmup: -1, Popularity: &Popularity{SnapshotSlots: 1, Weights: [][]float64{{1, 1}}}}, 1},
	}
	for _, c := range reqCases {
		_, err := NewOTTRun(c.req, c.cfg)
		var ce *OTTConfigError
		if !errors.As(err, &ce) || ce.Field != "requests" || ce.Index != c.idx {
			t.Errorf("NewOTTRun %s: %v, want requests[%d]", c.name, err, c.idx)
		}
	}
}

// TestOTTFetchErrors checks FetchTable's window and d validation and its panics.
func TestOTTFetchErrors(t *testing.T) {
	run, err := SimulateOTT(context.Background(), OTTConfig{OTTs: 6, GroupSize: 3, Slots: 100, Record: 20}, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	if from, to := run.Recorded(); from != 80 || to != 100 {
		t.Fatalf("Recorded = [%d, %d), want [80, 100)", from, to)
	}
	if run.Requests(79) != nil || run.Requests(100) != nil || len(run.Requests(80)) != 6 {
		t.Errorf("Requests outside/inside the recorded slots")
	}
	d := []float64{1, 1, 1}
	for _, w := range [][2]int{{79, 90}, {90, 90}, {95, 90}, {90, 101}} {
		if _, err := run.FetchTable(1, d, w[0], w[1], nil); !errors.Is(err, ErrBadWindow) {
			t.Errorf("window %v: %v, want ErrBadWindow", w, err)
		}
	}
	for j, x := range []float64{math.NaN(), -0.1, 1.1} {
		dd := []float64{1, 1, 1}
		dd[j] = x
		var ce *OTTConfigError
		if _, err := run.FetchTable(0, dd, 90, 100, nil); !errors.As(err, &ce) || ce.Field != "d" || ce.Index != j {
			t.Errorf("d = %v: %v, want d[%d]", dd, err, j)
		}
	}
	if _, err := run.FetchTable(0, d, 80, 100, nil); err != nil {
		t.Errorf("full window: %v", err)
	}
	mustPanic := func(name, want string, f func()) {
		t.Helper()
		defer func() {
			if r := recover(); r != want {
				t.Errorf("%s: panic %v, want %q", name, r, want)
			}
		}()
		f()
	}
	mustPanic("g", "device: group out of range", func() { _, _ = run.FetchTable(2, d, 90, 100, nil) })
	mustPanic("d", "device: len(d) != group size", func() { _, _ = run.FetchTable(0, d[:2], 90, 100, nil) })
	mustPanic("Group", "device: group out of range", func() { run.Group(-1) })
	mustPanic("GroupSupplyDemand", "device: group out of range", func() { run.GroupSupplyDemand(5, YShare) })
}

// TestOTTDefaultsAndCancel checks the resolved defaults and ctx cancellation.
func TestOTTDefaultsAndCancel(t *testing.T) {
	run, err := SimulateOTT(context.Background(), OTTConfig{}, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	c := run.Config()
	if c.OTTs != 10 || c.GroupSize != 10 || c.Slots != 724 || c.SlotSeconds != 5 || c.BufferSlots != 4 || c.Warmup != 4 || c.Record != 64 || c.Popularity == nil || run.Groups() != 1 || run.Videos() != 50 {
		t.Errorf("defaults = %+v", c)
	}
	if from, to := run.Recorded(); from != 660 || to != 724 {
		t.Errorf("Recorded = [%d, %d)", from, to)
	}
	views := 0
	for i := 0; i < run.N(); i++ {
		views += run.Stats(i).Views
	}
	if views != 10*720 {
		t.Errorf("Views = %d, want 7200", views)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if run, err := SimulateOTT(ctx, OTTConfig{OTTs: 100, GroupSize: 10}, rand.NewPCG(1, 1)); run != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: (%v, %v)", run, err)
	}
	// An empty popularity row makes everyone idle in its slots.
	p := &Popularity{SnapshotSlots: 10, Weights: [][]float64{{1, 2}, {0, 0}}}
	run, err = SimulateOTT(context.Background(), OTTConfig{OTTs: 4, Slots: 40, Popularity: p, Record: -1}, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	for s := 0; s < 40; s++ {
		for i, v := range run.Requests(s) {
			if (s/10)%2 == 1 && v != -1 || (s/10)%2 == 0 && v < 0 {
				t.Fatalf("slot %d OTT %d requested %d", s, i, v)
			}
		}
	}
	if got := p.Row(25); &got[0] != &p.Weights[0][0] {
		t.Errorf("Row(25) is not row 0")
	}
	if got := p.Row(-1); &got[0] != &p.Weights[1][0] {
		t.Errorf("Row(-1) is not row 1")
	}
}
