package swarm

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"time"
)

// Simulate runs the deterministic time-stepped multi-swarm simulation of sc
// with allocator a and returns its Result.
//
// Each step k (Δt = sc.Step) runs, in order: churn (joins, then leaves, which
// abort every link of the leaving host); token redemption every sc.Redeem;
// allocation every sc.Epoch (including k = 0); aborts of links in swarms whose
// new share is 0; slot filling (hosts ascending, swarms ascending) with
// round-robin or tit-for-tat choking and local-rarest-first piece selection;
// rates (upload split, then max-min fair download caps); transfer, piece
// completion, receipt tokens; the progress hook. Inside a swarm the mechanics
// are BitTorrent's (B. Cohen, "Incentives Build Robustness in BitTorrent",
// Workshop on Economics of Peer-to-Peer Systems, 2003) on a full mesh.
//
// Reconstruction: the paper's simulator is not public; the rules are those of
// the package spec (§2.3–2.5). Random tie-breaks of the rarest-first rule draw
// one IntN over the tied candidates (rather than one draw per tie); any
// uniform rule gives the same distribution.
//
// Tokens are redeemed into Result.Ledger every sc.Redeem and once more at the
// end of a completed run, so the ledger covers every piece of the run. Piece
// events carry the end of their step, (k+1)Δt; all other events the start,
// kΔt (see Event).
//
// Determinism: one *rand.Rand built from s.Src drives every random choice;
// hosts, swarms, members and links are visited in ascending index (links in
// creation order). Equal scenario, allocator and seed give a bit-identical
// Result.
//
// The scenario is never modified. Validation failures return (nil, error).
// Otherwise the Result is non-nil and covers the steps run; the error is nil
// when the run completed, ctx.Err() on cancellation, the hook's error, the
// allocator's error, an *AllocationError or ErrEventLimit, and
// Result.Completed is false in these cases.
//
// Complexity per step O(links + Σ_h |S_h|) plus O(candidate pieces) per slot
// fill and O(members) per cursor scan; memory O(Σ members × Pieces / 8 +
// events). It panics if sc or a is nil.
func Simulate(ctx context.Context, sc *Scenario, a Allocator, s *Settings) (*Result, error) {
	if sc == nil {
		panic("swarm: nil scenario")
	}
	if a == nil {
		panic("swarm: nil allocator")
	}
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	var set Settings
	if s != nil {
		set = *s
	}
	step := sc.step()
	if set.ProgressEvery == 0 {
		set.ProgressEvery = time.Minute
	}
	if set.ProgressEvery < 0 || set.ProgressEvery%step != 0 {
		return nil, fmt.Errorf("%w: ProgressEvery %v is not a positive multiple of Step %v", ErrBadSettings, set.ProgressEvery, step)
	}
	if set.MaxEvents < 0 {
		return nil, fmt.Errorf("%w: MaxEvents %d is negative", ErrBadSettings, set.MaxEvents)
	}
	if set.MaxEvents == 0 {
		set.MaxEvents = 100_000_000
	}
	sim := newSim(sc.clone(), a, &set)
	err := sim.run(ctx)
	return sim.res, err
}

type memberState struct {
	have, infl  []uint64
	haveN       int
	inflN       int
	pieces      []int32 // held pieces in acquisition order
	acqEv       []int32 // piece → event index of its acquisition (RecordPieces only)
	complete    bool
	departAtRun int // step at which a complete member departs (Depart rule), -1 none
}

type link struct {
	from, to, sw, piece int32
	j                   int32 // index of sw in S_from
	parentEv            int32
	moved               int64
	offer               int64
	dead                bool
}

type swarmState struct {
	members []int // host indices, ascending
	activeN int
	avail   []int32
	hist    []int32 // hist[a] = pieces with availability a
	memUp   int64
	memDown int64
	words   int
	pieces  int
	size    int64
	ver     int64 // bumped on joins and aborts (events that can create interest)
}

type hostState struct {
	serve    []int
	pos      []int32 // swarm → index in serve, multi-swarm hosts only
	multi    int     // index in View.Hosts, -1 for single-swarm hosts
	active   bool
	joined   bool
	linkCnt  []int
	cursor   []int
	share    []float64
	slots    []int
	disc     Discipline
	upWhole  int64
	upFrac   int64
	dnWhole  int64
	dnFrac   int64
	mem      *memberState
	totLinks int
	selfVer  int64   // bumped when the host gains a piece or one of its links ends
	failSw   []int64 // per serve index: swarm version at the last failed member scan, -1 none
	failSelf []int64 // per serve index: selfVer at the last failed member scan
	// tit-for-tat state (leechers only)
	tft *tftState
}

type sim struct {
	sc      *Scenario
	alloc   Allocator
	set     *Settings
	rng     *rand.Rand
	res     *Result
	hosts   []hostState
	swarms  []swarmState
	links   []link
	steps   int
	stepMs  int64
	stepDur time.Duration

	multi   []int
	view    View
	alloc0  Allocation
	primary []int

	joinAt, leaveAt [][]int // step → hosts
	departQ         []int

	pending []Token
	serial  uint64

	stamp    []int32
	mpos     []int32 // host → position in its member swarm's member list, -1 none
	stampCur int32
	outStart []int32
	outIdx   []int32
	inStart  []int32
	inIdx    []int32
	sortBuf  []int32

	epochSteps, redeemSteps, progressSteps int

	debug func(*sim) // test hook, called after every step
}

var debugHook func(*sim)

// noScanMemo disables the failed-scan memo (tests check it changes nothing).
var noScanMemo bool

func newSim(sc *Scenario, a Allocator, set *Settings) *sim {
	step := sc.step()
	s := &sim{
		sc:      sc,
		alloc:   a,
		set:     set,
		steps:   int(sc.Duration / step),
		stepMs:  int64(step / time.Millisecond),
		stepDur: step,
		debug:   debugHook,
	}
	if set.Src != nil {
		s.rng = rand.New(set.Src)
	}
	s.epochSteps = int(sc.epoch() / step)
	s.redeemSteps = int(sc.redeem() / step)
	s.progressSteps = int(set.ProgressEvery / step)
	ns, nh := len(sc.Swarms), len(sc.Hosts)
	pieces := make([]int, ns)
	s.swarms = make([]swarmState, ns)
	for i, w := range sc.Swarms {
		pieces[i] = w.Pieces
		s.swarms[i] = swarmState{pieces: w.Pieces, size: w.PieceSize, words: (w.Pieces + 63) / 64, avail: make([]int32, w.Pieces)}
	}
	s.res = &Result{
		Policy:       a.Name(),
		Step:         step,
		UploadedBy:   make([]int64, nh),
		DownloadedBy: make([]int64, nh),
		Injected:     make([]int64, ns),
		Ledger:       NewLedger(ns, nh, pieces),
	}
	s.hosts = make([]hostState, nh)
	s.joinAt = make([][]int, s.steps)
	s.leaveAt = make([][]int, s.steps+1)
	for h := range sc.Hosts {
		hh := &sc.Hosts[h]
		st := &s.hosts[h]
		st.serve = serveSet(hh)
		st.multi = -1
		st.linkCnt = make([]int, len(st.serve))
		st.cursor = make([]int, len(st.serve))
		st.share = make([]float64, len(st.serve))
		st.slots = make([]int, len(st.serve))
		st.failSw = make([]int64, len(st.serve))
		st.failSelf = make([]int64, len(st.serve))
		for j := range st.failSw {
			st.failSw[j] = -1
		}
		st.upWhole, st.upFrac = splitRate(hh.Up, s.stepMs)
		st.dnWhole, st.dnFrac = splitRate(hh.Down, s.stepMs)
		if len(st.serve) == 1 {
			st.share[0] = 1
			st.slots[0] = sc.slots()
		}
		if hh.Swarm >= 0 {
			w := &s.swarms[hh.Swarm]
			w.members = append(w.members, h)
			st.mem = &memberState{
				have: make([]uint64, w.words), infl: make([]uint64, w.words), departAtRun: -1,
			}
			if set.RecordPieces {
				st.mem.acqEv = make([]int32, w.pieces)
			}
			if sc.Choke == ChokeTitForTat {
				st.tft = &tftState{}
			}
		}
		if js := int(hh.Join / step); js < s.steps {
			s.joinAt[js] = append(s.joinAt[js], h)
		}
		if hh.Leave != 0 {
			if ls := int(hh.Leave / step); ls < s.steps {
				s.leaveAt[ls] = append(s.leaveAt[ls], h)
			}
		}
	}
	for i := range s.swarms {
		s.swarms[i].hist = make([]int32, len(s.swarms[i].members)+1)
		s.swarms[i].hist[0] = int32(s.swarms[i].pieces)
	}
	s.mpos = make([]int32, nh)
	for h := range s.mpos {
		s.mpos[h] = -1
	}
	for i := range s.swarms {
		for pos, h := range s.swarms[i].members {
			s.mpos[h] = int32(pos)
		}
		if sc.Choke == ChokeTitForTat {
			for _, h := range s.swarms[i].members {
				s.hosts[h].tft.init(len(s.swarms[i].members))
			}
		}
	}
	s.multi = sc.MultiSwarmHosts()
	s.primary = make([]int, len(s.multi))
	s.view = View{
		Scenario:   sc,
		Hosts:      s.multi,
		Serve:      make([][]int, len(s.multi)),
		Demand:     make([][]int, len(s.multi)),
		Active:     make([]bool, len(s.multi)),
		Members:    make([]int, ns),
		MemberUp:   make([]int64, ns),
		MemberDown: make([]int64, ns),
		Ledger:     s.res.Ledger,
	}
	s.alloc0 = Allocation{
		Share:      make([][]float64, len(s.multi)),
		Slots:      make([][]int, len(s.multi)),
		Discipline: make([]Discipline, len(s.multi)),
	}
	for i, h := range s.multi {
		st := &s.hosts[h]
		st.multi = i
		st.pos = make([]int32, ns)
		for k := range st.pos {
			st.pos[k] = -1
		}
		for j, sw := range st.serve {
			st.pos[sw] = int32(j)
		}
		s.view.Serve[i] = st.serve
		s.view.Demand[i] = make([]int, len(st.serve))
		s.alloc0.Share[i] = make([]float64, len(st.serve))
		s.alloc0.Slots[i] = make([]int, len(st.serve))
		s.primary[i] = -2
	}
	s.stamp = make([]int32, nh)
	s.outStart = make([]int32, nh+1)
	s.inStart = make([]int32, nh+1)
	return s
}

// splitRate returns r·m/1000 as whole bytes per step and the remainder in
// thousandths, computed exactly.
func splitRate(r, m int64) (whole, frac int64) {
	hi, lo := bits.Mul64(uint64(r), uint64(m))
	q, rem := bits.Div64(hi, lo, 1000)
	return int64(q), int64(rem)
}

// budget returns the exact per-step byte budget ⌊(k+1)·r·m/1000⌋ − ⌊k·r·m/1000⌋.
func budget(whole, frac int64, k int) int64 {
	kk := int64(k)
	return whole + ((kk+1)*frac)/1000 - (kk*frac)/1000
}

func (s *sim) intN(n int) int {
	if s.rng != nil {
		return s.rng.IntN(n)
	}
	return rand.IntN(n)
}

func (s *sim) now(k int) time.Duration { return time.Duration(k) * s.stepDur }

func (s *sim) logEvent(e Event) error {
	if len(s.res.Events) >= s.set.MaxEvents {
		return ErrEventLimit
	}
	s.res.Events = append(s.res.Events, e)
	return nil
}

func (s *sim) run(ctx context.Context) error {
	res := s.res
	res.SwarmBytes = make([][]int64, 0, s.steps)
	res.Aggregate = make([]float64, 0, s.steps)
	flat := make([]int64, s.steps*len(s.swarms))
	secs := s.stepDur.Seconds()
	for k := 0; k < s.steps; k++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		row := flat[k*len(s.swarms) : (k+1)*len(s.swarms) : (k+1)*len(s.swarms)]
		res.SwarmBytes = append(res.SwarmBytes, row)
		if err := s.churn(k); err != nil {
			return s.stop(err)
		}
		if k%s.redeemSteps == 0 {
			if err := s.redeemAll(); err != nil {
				return s.stop(err)
			}
		}
		if k%s.epochSteps == 0 {
			if err := s.allocate(k); err != nil {
				return s.stop(err)
			}
		}
		if s.sc.Choke == ChokeTitForTat {
			s.rechoke(k)
		}
		s.buildOut()
		if err := s.fill(k); err != nil {
			return s.stop(err)
		}
		s.buildOut()
		s.rates(k)
		if err := s.transfer(k, row); err != nil {
			return s.stop(err)
		}
		var tot int64
		for _, b := range row {
			tot += b
		}
		agg := float64(tot) / secs
		res.Aggregate = append(res.Aggregate, agg)
		res.Steps = k + 1
		if s.debug != nil {
			s.debug(s)
		}
		if s.set.Progress != nil && (k+1)%s.progressSteps == 0 {
			if err := s.set.Progress(Progress{Step: k + 1, Steps: s.steps, Now: s.now(k + 1), Aggregate: agg}); err != nil {
				return s.stop(err)
			}
		}
	}
	s.finish()
	// Tokens still held at the end are redeemed, so the ledger covers the run.
	if err := s.redeemAll(); err != nil {
		return err
	}
	res.Completed = true
	return nil
}

func (s *sim) stop(err error) error {
	s.finish()
	return err
}

func (s *sim) finish() {
	var f int64
	for i := range s.links {
		if !s.links[i].dead {
			f += s.links[i].moved
		}
	}
	s.res.InFlight = f
}

// churn activates joining hosts and removes leaving ones at step k.
func (s *sim) churn(k int) error {
	t := s.now(k)
	if k < len(s.joinAt) {
		for _, h := range s.joinAt[k] {
			st := &s.hosts[h]
			st.active, st.joined = true, true
			if sw := s.sc.Hosts[h].Swarm; sw >= 0 {
				w := &s.swarms[sw]
				w.activeN++
				w.ver++
				w.memUp += s.sc.Hosts[h].Up
				w.memDown += s.sc.Hosts[h].Down
			}
			if err := s.logEvent(Event{T: t, Kind: Join, From: h, To: -1, Swarm: s.sc.Hosts[h].Swarm, Piece: -1, Parent: -1}); err != nil {
				return err
			}
		}
	}
	leaving := s.leaveAt[k]
	if len(s.departQ) > 0 {
		leaving = append(append([]int(nil), leaving...), s.departQ...)
		slices.Sort(leaving)
		leaving = slices.Compact(leaving)
		s.departQ = s.departQ[:0]
	}
	for _, h := range leaving {
		st := &s.hosts[h]
		if !st.active {
			continue
		}
		for i := range s.links {
			l := &s.links[i]
			if !l.dead && (int(l.from) == h || int(l.to) == h) {
				if err := s.abort(l, t); err != nil {
					return err
				}
			}
		}
		st.active = false
		if sw := s.sc.Hosts[h].Swarm; sw >= 0 {
			w := &s.swarms[sw]
			for _, p := range st.mem.pieces {
				a := w.avail[p]
				w.hist[a]--
				w.hist[a-1]++
				w.avail[p] = a - 1
			}
			w.activeN--
			w.memUp -= s.sc.Hosts[h].Up
			w.memDown -= s.sc.Hosts[h].Down
		}
		if err := s.logEvent(Event{T: t, Kind: Leave, From: h, To: -1, Swarm: s.sc.Hosts[h].Swarm, Piece: -1, Parent: -1}); err != nil {
			return err
		}
	}
	return nil
}

func (s *sim) abort(l *link, t time.Duration) error {
	q := s.hosts[l.to].mem
	w := int(l.piece) >> 6
	q.infl[w] &^= 1 << (uint(l.piece) & 63)
	q.inflN--
	l.dead = true
	st := &s.hosts[l.from]
	st.linkCnt[l.j]--
	st.totLinks--
	st.selfVer++
	s.swarms[l.sw].ver++
	s.res.Wasted += l.moved
	return s.logEvent(Event{T: t, Kind: Abort, From: int(l.from), To: int(l.to), Swarm: int(l.sw), Piece: int(l.piece), Parent: -1, Value: l.moved})
}

func (s *sim) redeemAll() error {
	for _, tok := range s.pending {
		if err := s.res.Ledger.Redeem(tok); err != nil {
			return fmt.Errorf("swarm: internal error redeeming token %d: %w", tok.Serial, err)
		}
	}
	s.pending = s.pending[:0]
	return nil
}

// interested reports whether member q wants a piece of swarm sw from uploader h.
func (s *sim) interested(h, sw, q int) bool {
	qm := s.hosts[q].mem
	w := &s.swarms[sw]
	hm := s.hosts[h].mem
	if s.sc.Hosts[h].Swarm != sw {
		return qm.haveN+qm.inflN < w.pieces
	}
	if hm.haveN == 0 || qm.haveN+qm.inflN >= w.pieces {
		return false
	}
	if hm.haveN < w.words {
		for _, p := range hm.pieces {
			bit := uint64(1) << (uint(p) & 63)
			if (qm.have[p>>6]|qm.infl[p>>6])&bit == 0 {
				return true
			}
		}
		return false
	}
	for i, x := range hm.have {
		if x&^(qm.have[i]|qm.infl[i]) != 0 {
			return true
		}
	}
	return false
}

func (s *sim) demand(h, sw int) int {
	if !s.hosts[h].active {
		return 0
	}
	n := 0
	for _, q := range s.swarms[sw].members {
		if q != h && s.hosts[q].active && s.interested(h, sw, q) {
			n++
		}
	}
	return n
}

func (s *sim) allocate(k int) error {
	t := s.now(k)
	if len(s.multi) == 0 {
		return nil
	}
	v := &s.view
	v.Now = t
	for i := range s.swarms {
		v.Members[i] = s.swarms[i].activeN
		v.MemberUp[i] = s.swarms[i].memUp
		v.MemberDown[i] = s.swarms[i].memDown
	}
	for i, h := range s.multi {
		v.Active[i] = s.hosts[h].active
		for j, sw := range s.hosts[h].serve {
			v.Demand[i][j] = s.demand(h, sw)
		}
	}
	if k == 0 {
		if r, ok := s.alloc.(Resetter); ok {
			r.Reset(s.sc)
		}
	}
	a := &s.alloc0
	if err := s.alloc.Allocate(v, a); err != nil {
		return err
	}
	if len(a.Share) != len(s.multi) || len(a.Slots) != len(s.multi) || len(a.Discipline) != len(s.multi) {
		return &AllocationError{Host: -1, T: t, Reason: "allocation resized"}
	}
	for i, h := range s.multi {
		st := &s.hosts[h]
		sh, sl := a.Share[i], a.Slots[i]
		if len(sh) != len(st.serve) {
			return &AllocationError{Host: h, T: t, Reason: "share vector does not match S_h (a share for a swarm outside S_h)"}
		}
		if len(sl) != len(st.serve) {
			return &AllocationError{Host: h, T: t, Reason: "slot vector does not match S_h"}
		}
		d := a.Discipline[i]
		if d != ShareSplit && d != RarestPick {
			return &AllocationError{Host: h, T: t, Reason: fmt.Sprintf("unknown discipline %d", d)}
		}
		var sum float64
		for j, x := range sh {
			if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
				return &AllocationError{Host: h, T: t, Reason: fmt.Sprintf("share %v for swarm %d", x, st.serve[j])}
			}
			if sl[j] < 0 || sl[j] > 64 {
				return &AllocationError{Host: h, T: t, Reason: fmt.Sprintf("slots %d for swarm %d not in [0, 64]", sl[j], st.serve[j])}
			}
			sum += x
		}
		if math.IsInf(sum, 0) {
			return &AllocationError{Host: h, T: t, Reason: "shares overflow"}
		}
		st.disc = d
		best, bx := -1, 0.0
		for j, x := range sh {
			if sum > 0 {
				st.share[j] = x / sum
			} else {
				st.share[j] = 0
			}
			if st.share[j] > bx {
				best, bx = st.serve[j], st.share[j]
			}
			st.slots[j] = sl[j]
			if st.slots[j] == 0 {
				st.slots[j] = s.sc.slots()
			}
		}
		s.res.Allocations = append(s.res.Allocations, AllocationSample{
			T: t, Host: h, Swarms: append([]int(nil), st.serve...), Share: append([]float64(nil), st.share...),
		})
		if best != s.primary[i] {
			s.primary[i] = best
			if err := s.logEvent(Event{T: t, Kind: Primary, From: h, To: -1, Swarm: best, Piece: -1, Parent: -1}); err != nil {
				return err
			}
		}
	}
	if te, ok := s.alloc.(tauEmitter); ok {
		for _, tau := range te.tauChanges() {
			if err := s.logEvent(Event{T: t, Kind: Tau, From: -1, To: -1, Swarm: -1, Piece: -1, Parent: -1, Value: int64(tau / s.stepDur)}); err != nil {
				return err
			}
		}
	}
	// Aborts of links in swarms whose share became 0.
	for i := range s.links {
		l := &s.links[i]
		if l.dead {
			continue
		}
		st := &s.hosts[l.from]
		if st.multi >= 0 && st.share[l.j] == 0 {
			if err := s.abort(l, t); err != nil {
				return err
			}
		}
	}
	return nil
}

// tauEmitter is implemented by allocators that report τ changes for the log.
type tauEmitter interface{ tauChanges() []time.Duration }

// buildOut compacts the link list and rebuilds the per-uploader and
// per-downloader indices (stable, so creation order is kept).
func (s *sim) buildOut() {
	n := 0
	for i := range s.links {
		if !s.links[i].dead {
			s.links[n] = s.links[i]
			n++
		}
	}
	s.links = s.links[:n]
	csr(s.links, s.outStart, &s.outIdx, func(l *link) int32 { return l.from })
	csr(s.links, s.inStart, &s.inIdx, func(l *link) int32 { return l.to })
}

func csr(links []link, start []int32, idx *[]int32, key func(*link) int32) {
	clear(start)
	for i := range links {
		start[key(&links[i])+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	if cap(*idx) < len(links) {
		*idx = make([]int32, len(links))
	}
	*idx = (*idx)[:len(links)]
	pos := make([]int32, len(start))
	copy(pos, start)
	for i := range links {
		kk := key(&links[i])
		(*idx)[pos[kk]] = int32(i)
		pos[kk]++
	}
}

func (s *sim) fill(k int) error {
	for h := range s.hosts {
		st := &s.hosts[h]
		if !st.active {
			continue
		}
		s.stampCur++
		cur := s.stampCur
		for _, li := range s.outIdx[s.outStart[h]:s.outStart[h+1]] {
			s.stamp[s.links[li].to] = cur
		}
		if st.multi >= 0 && st.disc == RarestPick {
			s.fillRarest(h, cur)
			continue
		}
		for j, sw := range st.serve {
			if st.share[j] <= 0 {
				continue
			}
			slots := st.slots[j]
			if sw == s.sc.Hosts[h].Swarm && st.mem.haveN == 0 {
				continue
			}
			for st.linkCnt[j] < slots {
				q := s.pickMember(h, j, sw, cur)
				if q < 0 {
					break
				}
				p := s.rarestPiece(h, sw, q)
				if p < 0 {
					break
				}
				s.newLink(h, j, sw, q, p, cur)
			}
		}
	}
	return nil
}

// pickMember scans the members of sw cyclically from h's cursor for the first
// active, unlinked, interested member.
func (s *sim) pickMember(h, j, sw int, cur int32) int {
	st := &s.hosts[h]
	ms := s.swarms[sw].members
	n := len(ms)
	if n == 0 {
		return -1
	}
	if !noScanMemo && st.failSw[j] == s.swarms[sw].ver && st.failSelf[j] == st.selfVer {
		return -1 // nothing changed since the last failed scan
	}
	c := st.cursor[j]
	for i := 0; i < n; i++ {
		idx := c + i
		if idx >= n {
			idx -= n
		}
		q := ms[idx]
		if q == h || !s.hosts[q].active || s.stamp[q] == cur {
			continue
		}
		if st.tft != nil && !st.mem.complete && sw == s.sc.Hosts[h].Swarm && !st.tft.allows(q) {
			continue
		}
		if !s.interested(h, sw, q) {
			continue
		}
		idx++
		if idx == n {
			idx = 0
		}
		st.cursor[j] = idx
		return q
	}
	st.failSw[j], st.failSelf[j] = s.swarms[sw].ver, st.selfVer
	return -1
}

// rarestPiece returns the piece of sw that h can give q with the smallest
// availability, ties uniformly at random; -1 if none.
func (s *sim) rarestPiece(h, sw, q int) int {
	w := &s.swarms[sw]
	qm := s.hosts[q].mem
	var hv []uint64
	if s.sc.Hosts[h].Swarm == sw {
		hv = s.hosts[h].mem.have
	}
	best, cnt := int32(math.MaxInt32), 0
	for pass := 0; pass < 2; pass++ {
		pick := 0
		if pass == 1 {
			if cnt == 0 {
				return -1
			}
			if cnt > 1 {
				pick = s.intN(cnt)
			}
		}
		seen := 0
		for wi := 0; wi < w.words; wi++ {
			x := ^(qm.have[wi] | qm.infl[wi])
			if hv != nil {
				x &= hv[wi]
			}
			if wi == w.words-1 && w.pieces%64 != 0 {
				x &= (1 << uint(w.pieces%64)) - 1
			}
			for x != 0 {
				b := bits.TrailingZeros64(x)
				x &= x - 1
				p := wi<<6 + b
				a := w.avail[p]
				if pass == 0 {
					if a < best {
						best, cnt = a, 1
					} else if a == best {
						cnt++
					}
				} else if a == best {
					if seen == pick {
						return p
					}
					seen++
				}
			}
		}
	}
	return -1
}

func (s *sim) newLink(h, j, sw, q, p int, cur int32) {
	qm := s.hosts[q].mem
	qm.infl[p>>6] |= 1 << (uint(p) & 63)
	qm.inflN++
	par := int32(-1)
	if hm := s.hosts[h].mem; hm != nil && hm.acqEv != nil && s.sc.Hosts[h].Swarm == sw {
		par = hm.acqEv[p]
	}
	s.links = append(s.links, link{from: int32(h), to: int32(q), sw: int32(sw), piece: int32(p), j: int32(j), parentEv: par})
	s.stamp[q] = cur
	st := &s.hosts[h]
	st.linkCnt[j]++
	st.totLinks++
}

// fillRarest fills the free slots of a RarestPick host with the globally
// rarest (swarm, piece) pairs among its swarms with a positive share.
func (s *sim) fillRarest(h int, cur int32) {
	st := &s.hosts[h]
	total := s.sc.slots()
	for st.totLinks < total {
		ok := false
		for try := 0; try < 3 && !ok; try++ {
			j, p := s.drawRarest(h)
			if j < 0 {
				return
			}
			sw := st.serve[j]
			q := s.memberLacking(h, j, sw, p, cur)
			if q < 0 {
				continue
			}
			s.newLink(h, j, sw, q, p, cur)
			ok = true
		}
		if !ok {
			return
		}
	}
}

// level returns L_s for host h: the smallest availability a below the
// number of active members held by some piece h can serve, or -1.
func (s *sim) level(h, sw int) (lvl int32, count int) {
	w := &s.swarms[sw]
	if w.activeN == 0 {
		return -1, 0
	}
	if s.sc.Hosts[h].Swarm != sw {
		for a := 0; a < w.activeN && a < len(w.hist); a++ {
			if w.hist[a] > 0 {
				return int32(a), int(w.hist[a])
			}
		}
		return -1, 0
	}
	lvl = -1
	for _, p := range s.hosts[h].mem.pieces {
		a := w.avail[p]
		if int(a) >= w.activeN {
			continue
		}
		if lvl < 0 || a < lvl {
			lvl, count = a, 1
		} else if a == lvl {
			count++
		}
	}
	return lvl, count
}

func (s *sim) drawRarest(h int) (int, int) {
	st := &s.hosts[h]
	best := int32(-1)
	tot := 0
	for j, sw := range st.serve {
		if st.share[j] <= 0 {
			continue
		}
		l, c := s.level(h, sw)
		if l < 0 {
			continue
		}
		if best < 0 || l < best {
			best, tot = l, c
		} else if l == best {
			tot += c
		}
	}
	if best < 0 {
		return -1, -1
	}
	r := s.intN(tot)
	for j, sw := range st.serve {
		if st.share[j] <= 0 {
			continue
		}
		l, c := s.level(h, sw)
		if l != best {
			continue
		}
		if r >= c {
			r -= c
			continue
		}
		w := &s.swarms[sw]
		if s.sc.Hosts[h].Swarm != sw {
			for p := 0; p < w.pieces; p++ {
				if w.avail[p] == best {
					if r == 0 {
						return j, p
					}
					r--
				}
			}
		} else {
			ps := slices.Clone(s.hosts[h].mem.pieces)
			slices.Sort(ps)
			for _, p := range ps {
				if w.avail[p] == best {
					if r == 0 {
						return j, int(p)
					}
					r--
				}
			}
		}
	}
	return -1, -1
}

func (s *sim) memberLacking(h, j, sw, p int, cur int32) int {
	st := &s.hosts[h]
	ms := s.swarms[sw].members
	n := len(ms)
	bit := uint64(1) << (uint(p) & 63)
	for i := 0; i < n; i++ {
		idx := (st.cursor[j] + i) % n
		q := ms[idx]
		if q == h || !s.hosts[q].active || s.stamp[q] == cur {
			continue
		}
		qm := s.hosts[q].mem
		if (qm.have[p>>6]|qm.infl[p>>6])&bit != 0 {
			continue
		}
		st.cursor[j] = (idx + 1) % n
		return q
	}
	return -1
}

func (s *sim) rates(k int) {
	for h := range s.hosts {
		st := &s.hosts[h]
		lo, hi := s.outStart[h], s.outStart[h+1]
		if lo == hi {
			continue
		}
		B := budget(st.upWhole, st.upFrac, k)
		ids := s.outIdx[lo:hi]
		if st.multi >= 0 && st.disc == RarestPick {
			n := int64(len(ids))
			for r, li := range ids {
				s.setOffer(&s.links[li], B/n+b2i(int64(r) < B%n))
			}
			continue
		}
		if len(st.serve) == 1 {
			n := int64(len(ids))
			for r, li := range ids {
				s.setOffer(&s.links[li], B/n+b2i(int64(r) < B%n))
			}
			continue
		}
		var sum float64
		for j := range st.serve {
			if st.linkCnt[j] > 0 {
				sum += st.share[j]
			}
		}
		// rank of each link within its swarm, in creation order.
		rank := make([]int64, len(st.serve))
		for _, li := range ids {
			l := &s.links[li]
			j := l.j
			var bhs int64
			if sum > 0 {
				bhs = int64(math.Floor(float64(B) * st.share[j] / sum))
			}
			n := int64(st.linkCnt[j])
			s.setOffer(l, bhs/n+b2i(rank[j] < bhs%n))
			rank[j]++
		}
	}
	for q := range s.hosts {
		lo, hi := s.inStart[q], s.inStart[q+1]
		if lo == hi {
			continue
		}
		st := &s.hosts[q]
		D := budget(st.dnWhole, st.dnFrac, k)
		ids := s.inIdx[lo:hi]
		var sum int64
		for _, li := range ids {
			sum += s.links[li].offer
		}
		if sum <= D {
			continue
		}
		s.sortBuf = append(s.sortBuf[:0], ids...)
		slices.SortStableFunc(s.sortBuf, func(a, b int32) int {
			la, lb := &s.links[a], &s.links[b]
			if la.offer != lb.offer {
				if la.offer < lb.offer {
					return -1
				}
				return 1
			}
			if la.from != lb.from {
				return int(la.from - lb.from)
			}
			return int(a - b)
		})
		offers := make([]int64, len(s.sortBuf))
		for i, li := range s.sortBuf {
			offers[i] = s.links[li].offer
		}
		maxMinFair(offers, D)
		for i, li := range s.sortBuf {
			s.links[li].offer = offers[i]
		}
	}
}

// maxMinFair replaces the ascending offers by their max-min fair accepted
// amounts under budget D: each gets min(offer, remaining/links-left).
func maxMinFair(offers []int64, D int64) {
	rem := D
	for i, o := range offers {
		left := int64(len(offers) - i)
		g := rem / left
		if o < g {
			g = o
		}
		offers[i] = g
		rem -= g
	}
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func (s *sim) setOffer(l *link, o int64) {
	if left := s.swarms[l.sw].size - l.moved; o > left {
		o = left
	}
	l.offer = o
}

func (s *sim) transfer(k int, row []int64) error {
	t := s.now(k + 1)
	res := s.res
	for i := range s.links {
		l := &s.links[i]
		if l.dead || l.offer == 0 {
			continue
		}
		acc := l.offer
		l.offer = 0
		l.moved += acc
		res.Uploaded += acc
		res.Downloaded += acc
		res.UploadedBy[l.from] += acc
		res.DownloadedBy[l.to] += acc
		row[l.sw] += acc
		if s.sc.Hosts[l.from].Swarm != int(l.sw) {
			res.Injected[l.sw] += acc
		}
		if s.hosts[l.to].tft != nil && s.sc.Hosts[l.from].Swarm == int(l.sw) {
			s.hosts[l.to].tft.received(s.mpos[l.from], k, acc)
		}
		w := &s.swarms[l.sw]
		if l.moved < w.size {
			continue
		}
		// Piece complete.
		q := s.hosts[l.to].mem
		p := l.piece
		bit := uint64(1) << (uint(p) & 63)
		q.infl[p>>6] &^= bit
		q.inflN--
		q.have[p>>6] |= bit
		q.haveN++
		q.pieces = append(q.pieces, p)
		a := w.avail[p]
		w.hist[a]--
		w.hist[a+1]++
		w.avail[p] = a + 1
		l.dead = true
		st := &s.hosts[l.from]
		st.linkCnt[l.j]--
		st.totLinks--
		st.selfVer++
		s.hosts[l.to].selfVer++
		res.PieceEvents++
		s.serial++
		s.pending = append(s.pending, Token{Serial: s.serial, Swarm: int(l.sw), Piece: int(p), Uploader: int(l.from), Downloader: int(l.to), T: t})
		if s.set.RecordPieces {
			q.acqEv[p] = int32(len(res.Events))
			if err := s.logEvent(Event{T: t, Kind: Piece, From: int(l.from), To: int(l.to), Swarm: int(l.sw), Piece: int(p), Parent: int(l.parentEv), Value: w.size}); err != nil {
				return err
			}
		}
		if q.haveN == w.pieces && !q.complete {
			q.complete = true
			if s.sc.OnComplete == Depart {
				s.departQ = append(s.departQ, int(l.to))
			}
		}
	}
	return nil
}
