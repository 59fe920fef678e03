package device

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"sync"
)

// Defaults of the SmartSharing OTT group simulator.
const (
	DefaultOTTSlotSeconds  = 5.0 // Paper: 5 s slots
	DefaultOTTBufferSlots  = 4   // Paper: a buffer holds the content of 4 slots
	DefaultOTTVideos       = 50  // Paper: the 50 most popular videos
	DefaultZipfExponent    = 0.8 // Reconstruction: within the 0.6–1.0 range measured for video catalogues
	DefaultSnapshotSeconds = 300 // MMSys'15 Twitch crawl interval (5 min)

	// FetchMissing marks the diagonal of a fetch table; it equals em.Missing.
	FetchMissing int8 = -1
)

// Size limits of OTTConfig (spec §4); together they keep N·T ≤ 10¹⁴.
const (
	ottMaxOTTs   = 10_000_000
	ottMaxGroup  = 1024
	ottMaxSlots  = 10_000_000
	ottMaxBuffer = 1024
	ottMaxVideos = 1 << 20
	ottMaxStart  = 1 << 62
	ottDefaultN  = 10
	ottDefaultT  = 724
	ottDefaultRc = 64
)

// Errors of the OTT part of package device.
var (
	ErrBadOTTConfig = errors.New("device: invalid OTT configuration")
	ErrBadViewerCSV = errors.New("device: malformed viewer-count CSV")
	ErrBadWindow    = errors.New("device: fetch window outside the recorded slots")
)

// OTTConfigError reports an invalid OTTConfig field (or Activity entry, request, contribution
// d_j or Popularity row). Index is the entry's index, or −1 for a scalar field. It unwraps to
// ErrBadOTTConfig.
type OTTConfigError struct {
	Field  string
	Index  int
	Reason string
}

func (e *OTTConfigError) Error() string {
	if e.Index >= 0 {
		return fmt.Sprintf("device: invalid OTT configuration: %s[%d]: %s", e.Field, e.Index, e.Reason)
	}
	return fmt.Sprintf("device: invalid OTT configuration: %s: %s", e.Field, e.Reason)
}

// Unwrap returns ErrBadOTTConfig.
func (e *OTTConfigError) Unwrap() error { return ErrBadOTTConfig }

func ottErr(field string, index int, format string, args ...any) error {
	return &OTTConfigError{Field: field, Index: index, Reason: fmt.Sprintf(format, args...)}
}

// OTTConfig configures SimulateOTT and NewOTTRun. The zero value means the documented defaults:
// one group of 10 OTTs, 724 slots of 5 s (720 counted after a 4-slot warm-up), 4-slot buffers
// and Zipf(50, 0.8) popularity.
type OTTConfig struct {
	OTTs        int         // N; 0 ⇒ 10
	GroupSize   int         // G; 0 ⇒ N (one group); ≤ 1024
	Slots       int         // T; 0 ⇒ 724 (720 counted + warm-up)
	SlotSeconds float64     // 0 ⇒ 5 (reported only)
	BufferSlots int         // B; 0 ⇒ 4
	Warmup      int         // 0 ⇒ B; −1 ⇒ none (every slot is counted)
	Popularity  *Popularity // nil ⇒ ZipfPopularity(50, 0.8)
	StartSlot   int         // offset into Popularity, ≥ 0
	Activity    []float64   // per OTT, in [0,1]; nil ⇒ all 1
	Record      int         // trailing slots kept for FetchTable/Requests; 0 ⇒ 64; −1 ⇒ all
	Workers     int         // 0 ⇒ GOMAXPROCS; results independent of it
}

// resolve checks cfg and fills in the defaults. Slots and OTTs of NewOTTRun are set by the
// caller before resolve.
func (cfg OTTConfig) resolve() (OTTConfig, error) {
	c := cfg
	switch {
	case c.OTTs < 0 || c.OTTs > ottMaxOTTs:
		return c, ottErr("OTTs", -1, "%d outside [1, %d]", c.OTTs, ottMaxOTTs)
	case c.OTTs == 0:
		c.OTTs = ottDefaultN
	}
	switch {
	case c.GroupSize < 0 || c.GroupSize > ottMaxGroup:
		return c, ottErr("GroupSize", -1, "%d outside [1, %d]", c.GroupSize, ottMaxGroup)
	case c.GroupSize == 0:
		if c.OTTs > ottMaxGroup {
			return c, ottErr("GroupSize", -1, "default GroupSize = OTTs = %d exceeds %d", c.OTTs, ottMaxGroup)
		}
		c.GroupSize = c.OTTs
	}
	c.GroupSize = min(c.GroupSize, c.OTTs)
	switch {
	case c.Slots < 0 || c.Slots > ottMaxSlots:
		return c, ottErr("Slots", -1, "%d outside [1, %d]", c.Slots, ottMaxSlots)
	case c.Slots == 0:
		c.Slots = ottDefaultT
	}
	switch {
	case math.IsNaN(c.SlotSeconds) || math.IsInf(c.SlotSeconds, 0) || c.SlotSeconds < 0:
		return c, ottErr("SlotSeconds", -1, "%v is not a positive finite number", c.SlotSeconds)
	case c.SlotSeconds == 0:
		c.SlotSeconds = DefaultOTTSlotSeconds
	}
	switch {
	case c.BufferSlots < 0 || c.BufferSlots > ottMaxBuffer:
		return c, ottErr("BufferSlots", -1, "%d outside [1, %d]", c.BufferSlots, ottMaxBuffer)
	case c.BufferSlots == 0:
		c.BufferSlots = DefaultOTTBufferSlots
	}
	switch {
	case c.Warmup < -1:
		return c, ottErr("Warmup", -1, "%d < -1", c.Warmup)
	case c.Warmup == 0:
		c.Warmup = c.BufferSlots
	}
	if c.Warmup >= c.Slots {
		return c, ottErr("Warmup", -1, "%d ≥ Slots = %d: nothing would be counted", c.Warmup, c.Slots)
	}
	if c.StartSlot < 0 || c.StartSlot > ottMaxStart {
		return c, ottErr("StartSlot", -1, "%d outside [0, 2^62]", c.StartSlot)
	}
	switch {
	case c.Record < -1:
		return c, ottErr("Record", -1, "%d < -1", c.Record)
	case c.Record == 0:
		c.Record = ottDefaultRc
	case c.Record == -1:
		c.Record = c.Slots
	}
	c.Record = min(c.Record, c.Slots)
	switch {
	case c.Workers < 0:
		return c, ottErr("Workers", -1, "%d < 0", c.Workers)
	case c.Workers == 0:
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.Activity != nil {
		if len(c.Activity) != c.OTTs {
			return c, ottErr("Activity", -1, "len %d != OTTs %d", len(c.Activity), c.OTTs)
		}
		for i, a := range c.Activity {
			if !(a >= 0 && a <= 1) {
				return c, ottErr("Activity", i, "%v outside [0, 1]", a)
			}
		}
	}
	if c.Popularity == nil {
		p, err := ZipfPopularity(DefaultOTTVideos, DefaultZipfExponent)
		if err != nil {
			return c, err
		}
		c.Popularity = p
	} else if err := c.Popularity.Validate(); err != nil {
		return c, err
	}
	return c, nil
}

// warm returns the first counted slot.
func (cfg *OTTConfig) warm() int { return max(cfg.Warmup, 0) }

// YMode selects the definition of the supply–demand matrix Y (spec §2.5).
type YMode int

const (
	// YShare is Y_ij = Sh_ij / D_i: the share of i's network demand that j supplies when the
	// holders S_i(t) split each request equally. Row sums equal the hit ratio h_i ≤ 1.
	YShare YMode = iota
	// YHit is Y_ij = H_ij / D_i: the fraction of i's network demand that j alone could supply.
	// Row sums reach G−1.
	YHit
)

// OTTStats are one OTT's counts over the counted slots t ≥ Warmup: viewing requests, requests
// served from its own buffer, network demand (Views − SelfHits) and demand that at least one peer
// of its group could serve.
type OTTStats struct{ Views, SelfHits, Demand, PeerHits int }

// OTTRun is the result of a SmartSharing OTT group simulation (SimulateOTT) or of a replay of
// given requests (NewOTTRun). It is immutable and safe for concurrent use.
//
// SmartSharing OTT groups: the OTT* types simulate SmartSharing neighbourhood groups of OTT
// devices and derive the supply–demand matrix and fetch tables used by packages game and em.
//
// Model (Paper: Fan, Wu, Liu, Tang, SmartSharing; Reconstruction where stated). N OTTs, indices
// 0..N−1, form consecutive groups of GroupSize G (group g is [g·G, min((g+1)·G, N))); serving
// happens only inside a group. Time is slotted (5 s, Paper). In slot t each OTT i requests one
// video r_i(t) with probability proportional to its popularity, or is idle (−1). Its buffer is
// the multiset of what it viewed in the last B slots (B = 4, Paper):
//
//	buf_i(t) = {r_i(u) ≥ 0 : t−B ≤ u ≤ t−1},   S_i(t) = {j ≠ i in i's group : r_i(t) ∈ buf_j(t)}
//
// Reconstruction (self-hit): a request already in the OTT's own buffer is served locally and is
// not network demand; otherwise it is a peer hit when S_i(t) ≠ ∅ and a CDN fetch when not.
// Reconstruction (content unit): one item is one video. Reconstruction (warm-up): statistics
// count slots t ≥ Warmup (default B), when buffers are full.
//
// Per counted slot the run accumulates H_ij = #{t : j ∈ S_i(t)} and Sh_ij = Σ_t 1{j ∈ S_i(t)}/|S_i(t)|,
// from which SupplyDemand and GroupSupplyDemand build Y (YShare: Sh_ij/D_i; YHit: H_ij/D_i;
// Reconstruction: the paper feeds Y to its game without defining it), and it keeps the last
// Record slots of requests for FetchTable.
type OTTRun struct {
	cfg       OTTConfig
	videos    int
	groups    []ottGroupResult
	stats     []OTTStats
	recFrom   int     // first slot available to FetchTable and Requests
	tailStart int     // first stored slot (recFrom − B, clipped at 0)
	tail      []int32 // (T − tailStart) × N requests
}

type ottGroupResult struct {
	lo, hi int
	h      []int32   // G×G, h[i*G+j] = H_ij (local indices)
	sh     []float64 // G×G
}

// ottBuffers holds a group's buffers: a ring of the last B requests per member and, per video,
// a bitset of the members whose buffer holds it.
type ottBuffers struct {
	g, b, words int
	ring        []int32  // g×b
	bits        []uint64 // videos×words
}

func newOTTBuffers(g, b, videos int) *ottBuffers {
	w := (g + 63) / 64
	ring := make([]int32, g*b)
	for k := range ring {
		ring[k] = -1
	}
	return &ottBuffers{g: g, b: b, words: w, ring: ring, bits: make([]uint64, videos*w)}
}

// holds reports whether member i's buffer holds video v.
func (s *ottBuffers) holds(v int32, i int) bool {
	return s.bits[int(v)*s.words+i>>6]&(1<<(uint(i)&63)) != 0
}

// holders appends S_i for video v (members ≠ i holding v, ascending) to dst.
func (s *ottBuffers) holders(dst []int32, v int32, i int) []int32 {
	row := s.bits[int(v)*s.words : int(v)*s.words+s.words]
	for w, x := range row {
		if w == i>>6 {
			x &^= 1 << (uint(i) & 63)
		}
		for x != 0 {
			k := bits.TrailingZeros64(x)
			dst = append(dst, int32(w<<6+k))
			x &= x - 1
		}
	}
	return dst
}

// push records member i's request v at slot t, evicting its request of slot t−B.
func (s *ottBuffers) push(i, t int, v int32) {
	pos := i*s.b + t%s.b
	old := s.ring[pos]
	s.ring[pos] = v
	if old >= 0 && old != v {
		still := false
		for _, x := range s.ring[i*s.b : i*s.b+s.b] {
			if x == old {
				still = true
				break
			}
		}
		if !still {
			s.bits[int(old)*s.words+i>>6] &^= 1 << (uint(i) & 63)
		}
	}
	if v >= 0 {
		s.bits[int(v)*s.words+i>>6] |= 1 << (uint(i) & 63)
	}
}

// ottSampler draws videos from a Popularity by the exact inverse-CDF rule of spec §2.4, sped up
// by a guide table (Chen & Asau 1974) whose result equals the definition.
type ottSampler struct {
	pop   *Popularity
	start int
	cum   [][]float64 // per row: C_v, left-to-right prefix sums
	last  []int32     // per row: last v with weight > 0 (−1 when the row sums to 0)
	guide [][]int32   // per row: guide[k] = smallest v with C_v > (k/M)·W
}

const ottGuideSize = 64

func newOTTSampler(p *Popularity, start int) *ottSampler {
	s := &ottSampler{pop: p, start: start}
	s.cum = make([][]float64, len(p.Weights))
	s.last = make([]int32, len(p.Weights))
	s.guide = make([][]int32, len(p.Weights))
	for k, row := range p.Weights {
		c := make([]float64, len(row))
		sum := 0.0
		s.last[k] = -1
		for v, w := range row {
			sum += w
			c[v] = sum
			if w > 0 {
				s.last[k] = int32(v)
			}
		}
		s.cum[k] = c
		if sum > 0 {
			g := make([]int32, ottGuideSize)
			v := 0
			for m := range g {
				lo := float64(m) / ottGuideSize * sum
				for v < len(c)-1 && !(c[v] > lo) {
					v++
				}
				g[m] = int32(v)
			}
			s.guide[k] = g
		}
	}
	return s
}

// row returns the row index k(t).
func (s *ottSampler) row(t int) int {
	return ((t + s.start) / s.pop.SnapshotSlots) % len(s.pop.Weights)
}

// draw maps u ∈ [0,1) to the smallest v with C_v > u·W (row k), or the last positive v.
func (s *ottSampler) draw(k int, u float64) int32 {
	c := s.cum[k]
	x := u * c[len(c)-1]
	v := int(s.guide[k][int(u*ottGuideSize)])
	for v < len(c) && !(c[v] > x) {
		v++
	}
	if v == len(c) {
		return s.last[k]
	}
	return int32(v)
}

// SimulateOTT simulates the SmartSharing OTT groups of cfg (spec §2.1–2.5) and returns the run.
//
// Draw order (exact, for reproducibility): r0 := rand.New(src); for each group g in order,
// s1 := r0.Uint64(), s2 := r0.Uint64() and the group uses rand.New(rand.NewPCG(s1, s2)). Inside a
// group, for t = 0..T−1 and members i ascending: with activity a = Activity[i] (1 if nil), a = 0
// means idle without a draw; a < 1 draws Float64 and is idle if it is ≥ a; a row of k(t) =
// ⌊(t+StartSlot)/SnapshotSlots⌋ mod R summing to W = 0 means idle; otherwise u := Float64() and
// r_i(t) = the smallest v with C_v > u·W (C the left-to-right prefix sums of the row), or the last
// video of positive weight if u·W rounded up to W. Groups run on cfg.Workers goroutines and the
// result is bit-identical for any worker count. A nil src seeds the groups from math/rand/v2's
// top-level Uint64, which is not reproducible.
//
// On a cancelled ctx it returns (nil, ctx.Err()); it checks ctx between groups and every 256
// slots. The Popularity is used without copying and must not be mutated during the run.
//
// Time O(N·T·(log V + B) + Σ_t Σ_i |S_i(t)| + N·T·G/64); memory O(N·G + N·(Record + B) + G·V/64
// per worker + R·V).
func SimulateOTT(ctx context.Context, cfg OTTConfig, src rand.Source) (*OTTRun, error) {
	c, err := cfg.resolve()
	if err != nil {
		return nil, err
	}
	run := newOTTRun(c, len(c.Popularity.Weights[0]))
	nG := len(run.groups)
	seeds := make([][2]uint64, nG)
	var r0 *rand.Rand
	if src != nil {
		r0 = rand.New(src)
	}
	for g := range seeds {
		if r0 != nil {
			seeds[g] = [2]uint64{r0.Uint64(), r0.Uint64()}
		} else {
			seeds[g] = [2]uint64{rand.Uint64(), rand.Uint64()}
		}
	}
	sampler := newOTTSampler(c.Popularity, c.StartSlot)
	err = run.parallel(ctx, func(g int, w *ottWorker) error {
		rg := rand.New(rand.NewPCG(seeds[g][0], seeds[g][1]))
		return run.simulateGroup(ctx, g, w, func(t int, reqs []int32) {
			gr := &run.groups[g]
			k := sampler.row(t)
			live := sampler.guide[k] != nil
			for li := range reqs {
				a := 1.0
				if c.Activity != nil {
					a = c.Activity[gr.lo+li]
				}
				reqs[li] = -1
				if a == 0 {
					continue
				}
				if a < 1 && rg.Float64() >= a {
					continue
				}
				if !live {
					continue
				}
				reqs[li] = sampler.draw(k, rg.Float64())
			}
		})
	})
	if err != nil {
		return nil, err
	}
	return run, nil
}

// NewOTTRun builds a run from given requests instead of drawing them: requests[t][i] is r_i(t),
// −1 for idle, one row of N entries per slot. Slots and OTTs are taken from the matrix (a
// non-zero cfg value that differs is an error), every slot is recorded (cfg.Record is ignored), and V is the
// Popularity's video count, or 1 + the largest request when Popularity is nil. Activity and
// StartSlot are validated but not used. O(N·T·(B + G/64) + Σ|S|).
func NewOTTRun(requests [][]int, cfg OTTConfig) (*OTTRun, error) {
	if len(requests) == 0 {
		return nil, ottErr("requests", 0, "no slots")
	}
	n := len(requests[0])
	if n == 0 {
		return nil, ottErr("requests", 0, "no OTTs")
	}
	if cfg.Slots != 0 && cfg.Slots != len(requests) {
		return nil, ottErr("Slots", -1, "%d != %d rows of requests", cfg.Slots, len(requests))
	}
	if cfg.OTTs != 0 && cfg.OTTs != n {
		return nil, ottErr("OTTs", -1, "%d != %d requests per slot", cfg.OTTs, n)
	}
	if len(requests) > ottMaxSlots || n > ottMaxOTTs {
		return nil, ottErr("requests", -1, "%d × %d exceeds the size limits", len(requests), n)
	}
	maxReq := -1
	for t, row := range requests {
		if len(row) != n {
			return nil, ottErr("requests", t, "%d entries, want %d", len(row), n)
		}
		for _, r := range row {
			if r < -1 || r >= ottMaxVideos {
				return nil, ottErr("requests", t, "request %d outside [-1, %d]", r, ottMaxVideos-1)
			}
			maxReq = max(maxReq, r)
		}
	}
	c := cfg
	c.Slots, c.OTTs = len(requests), n
	userPop := c.Popularity != nil
	if !userPop {
		c.Popularity = &Popularity{SnapshotSlots: 1, Weights: [][]float64{make([]float64, max(maxReq+1, 1))}}
		for v := range c.Popularity.Weights[0] {
			c.Popularity.Weights[0][v] = 1
		}
	}
	c.Record = -1
	c, err := c.resolve()
	if err != nil {
		return nil, err
	}
	v := len(c.Popularity.Weights[0])
	if maxReq >= v {
		for t, row := range requests {
			for _, r := range row {
				if r >= v {
					return nil, ottErr("requests", t, "request %d outside [-1, %d]", r, v-1)
				}
			}
		}
	}
	if !userPop {
		c.Popularity = nil
	}
	run := newOTTRun(c, v)
	err = run.parallel(context.Background(), func(g int, w *ottWorker) error {
		gr := &run.groups[g]
		return run.simulateGroup(context.Background(), g, w, func(t int, reqs []int32) {
			row := requests[t][gr.lo:gr.hi]
			for li := range reqs {
				reqs[li] = int32(row[li])
			}
		})
	})
	if err != nil {
		return nil, err
	}
	return run, nil
}

func newOTTRun(c OTTConfig, videos int) *OTTRun {
	n, gs := c.OTTs, c.GroupSize
	nG := (n + gs - 1) / gs
	run := &OTTRun{cfg: c, videos: videos, groups: make([]ottGroupResult, nG), stats: make([]OTTStats, n)}
	for g := range run.groups {
		lo, hi := g*gs, min((g+1)*gs, n)
		m := hi - lo
		run.groups[g] = ottGroupResult{lo: lo, hi: hi, h: make([]int32, m*m), sh: make([]float64, m*m)}
	}
	run.recFrom = c.Slots - c.Record
	run.tailStart = max(0, run.recFrom-c.BufferSlots)
	run.tail = make([]int32, (c.Slots-run.tailStart)*n)
	return run
}

// ottWorker is per-goroutine scratch.
type ottWorker struct {
	reqs    []int32
	holders []int32
}

// parallel runs f for every group on cfg.Workers goroutines.
func (r *OTTRun) parallel(ctx context.Context, f func(g int, w *ottWorker) error) error {
	nG := len(r.groups)
	workers := min(r.cfg.Workers, nG)
	var (
		mu    sync.Mutex
		next  int
		first error
		wg    sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &ottWorker{}
			for {
				mu.Lock()
				if first != nil || next >= nG {
					mu.Unlock()
					return
				}
				g := next
				next++
				mu.Unlock()
				if err := ctx.Err(); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return
				}
				if err := f(g, w); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}

// simulateGroup runs group g slot by slot; fill writes the group's requests of slot t.
func (r *OTTRun) simulateGroup(ctx context.Context, g int, w *ottWorker, fill func(t int, reqs []int32)) error {
	c := &r.cfg
	gr := &r.groups[g]
	m := gr.hi - gr.lo
	if cap(w.reqs) < m {
		w.reqs = make([]int32, m)
	}
	reqs := w.reqs[:m]
	buf := newOTTBuffers(m, c.BufferSlots, r.videos)
	warm := c.warm()
	n := c.OTTs
	stats := r.stats[gr.lo:gr.hi]
	for t := 0; t < c.Slots; t++ {
		if t&255 == 255 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		fill(t, reqs)
		if t >= r.tailStart {
			copy(r.tail[(t-r.tailStart)*n+gr.lo:], reqs)
		}
		if t >= warm {
			for i, v := range reqs {
				if v < 0 {
					continue
				}
				st := &stats[i]
				st.Views++
				if buf.holds(v, i) {
					st.SelfHits++
					continue
				}
				st.Demand++
				hs := buf.holders(w.holders[:0], v, i)
				w.holders = hs
				if len(hs) == 0 {
					continue
				}
				st.PeerHits++
				share := 1 / float64(len(hs))
				hrow := gr.h[i*m : i*m+m]
				srow := gr.sh[i*m : i*m+m]
				for _, j := range hs {
					hrow[j]++
					srow[j] += share
				}
			}
		}
		for i, v := range reqs {
			buf.push(i, t, v)
		}
	}
	return nil
}

// Config returns the run's configuration with the defaults resolved (Record as the number of
// recorded slots; a nil Popularity of NewOTTRun stays nil).
func (r *OTTRun) Config() OTTConfig { return r.cfg }

// N returns the number of OTTs.
func (r *OTTRun) N() int { return r.cfg.OTTs }

// Groups returns the number of groups.
func (r *OTTRun) Groups() int { return len(r.groups) }

// Videos returns V, the number of videos.
func (r *OTTRun) Videos() int { return r.videos }

// Group returns the OTTs [lo, hi) of group g. It panics if g is out of range.
func (r *OTTRun) Group(g int) (lo, hi int) {
	if g < 0 || g >= len(r.groups) {
		panic("device: group out of range")
	}
	return r.groups[g].lo, r.groups[g].hi
}

// Stats returns OTT i's counts over the counted slots.
func (r *OTTRun) Stats(i int) OTTStats { return r.stats[i] }

// HitRatio returns OTT i's peer hit ratio PeerHits/Demand, or 0 if its Demand is 0.
func (r *OTTRun) HitRatio(i int) float64 {
	s := r.stats[i]
	if s.Demand == 0 {
		return 0
	}
	return float64(s.PeerHits) / float64(s.Demand)
}

// Recorded returns the slots [from, to) available to FetchTable and Requests.
func (r *OTTRun) Recorded() (from, to int) { return r.recFrom, r.cfg.Slots }

// Requests returns a copy of slot t's N requests (−1 for idle), or nil if t is not recorded.
func (r *OTTRun) Requests(t int) []int {
	if t < r.recFrom || t >= r.cfg.Slots {
		return nil
	}
	n := r.cfg.OTTs
	out := make([]int, n)
	for i, v := range r.tail[(t-r.tailStart)*n : (t-r.tailStart+1)*n] {
		out[i] = int(v)
	}
	return out
}
