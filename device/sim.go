package device

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"
)

// SimSettings configures Simulate; nil or zero fields take the defaults in brackets.
type SimSettings struct {
	MinWait    float64   // shortest DefaultWait (s) [0.5]
	HistoryLen int       // throughputs kept in View.History [5]
	RTT        float64   // request round-trip time added before each download (s) [0]
	Record     bool      // keep the event log in SimResult.Downloads
	QoE        QoEMetric // metric of UserResult.QoE [QoE_lin]
	MaxEvents  int       // event limit (ErrEventLimit) [10⁷]
}

// DownloadRecord is one entry of the event log: user Downloader downloaded segment Segment of
// user Owner's video at level Level from Start to End (the completion time, the abort time,
// or the horizon for a download still in flight there); Delivered is the time the segment
// reached the owner (End, or End + τ^W with a WiFi rate), +Inf when no delivery happened
// before the horizon (aborted, cut, due at or after the horizon, or after the owner's window).
type DownloadRecord struct {
	Downloader, Owner, Segment, Level int
	Start, End, Delivered             float64
	Aborted                           bool
}

// UserResult is one user's outcome. Value, Degradation and Rebuffer are V, D and R of the
// paper's (5)–(7) (Rebuffer = ρ·Stall); Energy* is the energy charged to the user (J);
// Welfare = Value − Degradation − Rebuffer − λ_E·(EnergyCell + EnergyWiFi + EnergyRx). Stall,
// Startup (stall before the first playable segment) and Played are seconds of the viewing
// window; AvgBitrate is the mean bitrate of the valued segments (Mbps); DataMbit is the data
// the user moved over its cellular link; QoE is the SimSettings.QoE metric. Valued counts the
// segments that became playable within the window, FromOthers those of them and of the
// pending ones delivered by other users, ForOthers the completed downloads for other users,
// Aborted the user's aborted downloads and Switches the level changes between consecutive
// valued segments.
type UserResult struct {
	Value, Degradation, Rebuffer, EnergyCell, EnergyWiFi, EnergyRx, Welfare float64
	Stall, Startup, Played, AvgBitrate, DataMbit, QoE                       float64
	Valued, FromOthers, ForOthers, Aborted, Switches                        int
}

// SimResult is the outcome of a run: per-user results, social welfare W = Σ W_i, the
// content-weighted average bitrate of all valued segments (Mbps), total stall (s), total
// energy (J), the number of processed events and, with SimSettings.Record, the event log.
type SimResult struct {
	Users                              []UserResult
	Welfare, AvgBitrate, Stall, Energy float64
	Events                             int
	Downloads                          []DownloadRecord
}

const (
	rankComplete = iota
	rankDeliver
	rankWindowEnd
	rankMobility
	rankWindowStart
	rankDecide
)

type event struct {
	t    float64
	rank int8
	user int32
	sub  int32 // delivery: segment
	aux  int32 // completion: download id; decision: generation; mobility: change index; delivery: record
	seq  uint64
	lvl  int32 // delivery: level
}

func (a *event) less(b *event) bool {
	if a.t != b.t {
		return a.t < b.t
	}
	if a.rank != b.rank {
		return a.rank < b.rank
	}
	if a.user != b.user {
		return a.user < b.user
	}
	if a.sub != b.sub {
		return a.sub < b.sub
	}
	return a.seq < b.seq
}

type eventQueue struct {
	h   []event
	seq uint64
}

func (q *eventQueue) push(e event) {
	q.seq++
	e.seq = q.seq
	q.h = append(q.h, e)
	i := len(q.h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !q.h[i].less(&q.h[p]) {
			break
		}
		q.h[i], q.h[p] = q.h[p], q.h[i]
		i = p
	}
}

func (q *eventQueue) pop() event {
	top := q.h[0]
	n := len(q.h) - 1
	q.h[0] = q.h[n]
	q.h = q.h[:n]
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && q.h[r].less(&q.h[l]) {
			m = r
		}
		if !q.h[m].less(&q.h[i]) {
			break
		}
		q.h[i], q.h[m] = q.h[m], q.h[i]
		i = m
	}
	return top
}

type download struct {
	active            bool
	id                int32
	owner, seg, level int
	ts, start, te     float64
	mbit              float64
	rec               int
}

type videoState struct {
	v                  *Video
	s, wend            float64 // window [s, wend)
	active             bool
	next, nextReq      int
	returned           []int // aborted indices, sorted
	pending            []uint64
	levels             []int32
	committed          int // κ in segments
	b, lastT           float64
	lastLevel          int
	stall, played      float64
	value, degr, qoe   float64
	stallAtLast, prevQ float64
	valued, switches   int
	bitrateSum         float64
	startup            float64
	fromOthers         int
}

func (vs *videoState) remaining() int { return len(vs.returned) + vs.v.Segments - vs.nextReq }
func (vs *videoState) kappa() float64 { return float64(vs.committed) * vs.v.SegLen }

type userState struct {
	dl               download
	decT             float64
	gen              int32
	hist             []float64
	lastReq          float64
	cell, wifi, rx   float64
	data             float64
	forOthers, abort int
}

type sim struct {
	sc       *Scenario
	p        Policy
	minWait  float64
	histLen  int
	rtt      float64
	record   bool
	qoe      qoeEval
	maxEv    int
	h        float64
	traces   []*Trace
	users    []userState
	vids     []*videoState
	mode     Cooperation
	loc      []int
	chTimes  []float64
	chUsers  [][]int
	q        eventQueue
	recs     []DownloadRecord
	view     View
	members  []Member
	dlSerial int32
}

func (s *sim) enc(i, j int) bool {
	if i == j {
		return true
	}
	switch s.mode {
	case CoopFull:
		return true
	case CoopNone:
		return false
	}
	return s.loc[i] != 0 && s.loc[i] == s.loc[j]
}

func (s *sim) schedule(i int, t float64) {
	if !(t < s.h) {
		return
	}
	u := &s.users[i]
	if t < u.decT {
		u.gen++
		u.decT = t
		s.q.push(event{t: t, rank: rankDecide, user: int32(i), aux: u.gen})
	}
}

// wake schedules a decision of i at t if i is idle.
func (s *sim) wake(i int, t float64) {
	if !s.users[i].dl.active {
		s.schedule(i, t)
	}
}

func (s *sim) wakeGroup(j int, t float64) {
	for k := range s.users {
		if s.enc(k, j) {
			s.wake(k, t)
		}
	}
}

// advance drains j's buffer up to t.
func (s *sim) advance(j int, t float64) {
	vs := s.vids[j]
	if vs == nil || t <= vs.lastT {
		return
	}
	lo := math.Max(vs.lastT, vs.s)
	hi := math.Min(t, vs.wend)
	if hi > lo {
		d := hi - lo
		dr := math.Min(vs.b, d)
		vs.b -= dr
		vs.played += dr
		vs.stall += d - dr
	}
	vs.lastT = t
}

func (s *sim) admissible(vs *videoState) bool {
	return vs.active && vs.remaining() > 0 && vs.b+vs.kappa()+vs.v.SegLen <= vs.v.MaxBuffer+1e-9
}

func (s *sim) play(j int, level int) {
	vs := s.vids[j]
	u := &s.sc.Users[j]
	l := vs.v.Ladder
	r := l[level]
	vs.b += vs.v.SegLen
	vs.committed--
	vs.value += s.sc.SegmentValue(j, level)
	qk := s.qoe.q(l, level)
	first := vs.lastLevel < 0
	term := qk - s.qoe.mu*(vs.stall-vs.stallAtLast)
	if !first {
		prev := l[vs.lastLevel]
		d := prev - r
		if s.sc.SymmetricSwitch {
			d = math.Abs(d)
		}
		vs.degr += u.Delta * math.Max(d, 0)
		if level != vs.lastLevel {
			vs.switches++
		}
		term -= s.qoe.lambda * math.Abs(qk-vs.prevQ)
	} else {
		vs.startup = vs.stall
	}
	if !(first && s.qoe.skipFirst) {
		vs.qoe += term
	}
	vs.stallAtLast = vs.stall
	vs.prevQ = qk
	vs.lastLevel = level
	vs.valued++
	vs.bitrateSum += r
}

func (s *sim) deliver(j, seg, level, rec int, fromOther bool, t float64) {
	vs := s.vids[j]
	if !vs.active {
		return
	}
	if s.record {
		s.recs[rec].Delivered = t
	}
	if fromOther {
		vs.fromOthers++
	}
	s.advance(j, t)
	vs.levels[seg] = int32(level)
	vs.pending[seg>>6] |= 1 << (seg & 63)
	for vs.next < vs.v.Segments && vs.pending[vs.next>>6]&(1<<(vs.next&63)) != 0 {
		vs.pending[vs.next>>6] &^= 1 << (vs.next & 63)
		s.play(j, int(vs.levels[vs.next]))
		vs.next++
	}
}

// abort stops i's download at t.
func (s *sim) abort(i int, t float64) {
	u := &s.users[i]
	d := &u.dl
	moved := 0.0
	if t > d.start {
		moved = math.Min(d.mbit, s.traces[i].Integral(d.start, t))
	}
	e := s.sc.Users[i].Energy
	u.cell += e.CellTime*(t-d.ts) + e.CellVolume*moved
	u.data += moved
	u.abort++
	if s.record {
		s.recs[d.rec].End = t
		s.recs[d.rec].Aborted = true
	}
	vs := s.vids[d.owner]
	vs.committed--
	k := sort.SearchInts(vs.returned, d.seg)
	vs.returned = append(vs.returned, 0)
	copy(vs.returned[k+1:], vs.returned[k:])
	vs.returned[k] = d.seg
	owner := d.owner
	d.active = false
	s.schedule(i, t)
	if vs.active {
		s.wakeGroup(owner, t)
	}
}

func (s *sim) complete(i int, t float64) {
	u := &s.users[i]
	d := &u.dl
	cell, wifi, rx := s.sc.FlowEnergy(i, d.owner, d.mbit, t-d.ts)
	u.cell += cell
	u.wifi += wifi
	s.users[d.owner].rx += rx
	u.data += d.mbit
	if t > d.ts {
		u.hist = append(u.hist, d.mbit/(t-d.ts))
		if len(u.hist) > s.histLen {
			copy(u.hist, u.hist[1:])
			u.hist = u.hist[:s.histLen]
		}
	}
	if s.record {
		s.recs[d.rec].End = t
	}
	if d.owner != i {
		u.forOthers++
	}
	d.active = false
	if d.owner == i || s.sc.WiFiRate <= 0 {
		s.deliver(d.owner, d.seg, d.level, d.rec, d.owner != i, t)
	} else if td := t + d.mbit/s.sc.WiFiRate; td < s.h {
		s.q.push(event{t: td, rank: rankDeliver, user: int32(d.owner), sub: int32(d.seg), aux: int32(d.rec), lvl: int32(d.level)})
	}
	s.schedule(i, t)
}

func (s *sim) fillView(i int, t float64) *View {
	s.members = s.members[:0]
	add := func(k int) {
		s.advance(k, t)
		m := Member{ID: k, LastLevel: -1, User: &s.sc.Users[k]}
		if vs := s.vids[k]; vs != nil {
			m.Video = vs.active
			m.Buffer = vs.b
			m.Committed = vs.kappa()
			m.Remaining = vs.remaining()
			m.LastLevel = vs.lastLevel
			m.Admissible = s.admissible(vs)
		}
		s.members = append(s.members, m)
	}
	add(i)
	if s.mode != CoopNone {
		for k := range s.users {
			if k != i && s.enc(i, k) {
				add(k)
			}
		}
	}
	u := &s.users[i]
	tr := s.traces[i]
	s.view = View{
		Now:                t,
		Capacity:           tr.At(t),
		NextCapacityChange: tr.NextChange(t),
		Self:               i,
		History:            u.hist,
		LastRequest:        u.lastReq,
		Members:            s.members,
		Scenario:           s.sc,
	}
	return &s.view
}

func (s *sim) decide(i int, t float64) error {
	v := s.fillView(i, t)
	dec := s.p.Decide(v)
	if dec.Owner < 0 {
		w := dec.Wait
		if !(w > 0) {
			w = DefaultWait(v, s.minWait)
		}
		if !math.IsInf(w, 1) {
			s.schedule(i, t+w)
		}
		return nil
	}
	o := dec.Owner
	if o >= len(s.users) || !s.enc(i, o) {
		return &DecisionError{User: i, Time: t, Decision: dec, Reason: "owner is not a member of the group"}
	}
	vs := s.vids[o]
	if vs == nil || !s.admissible(vs) {
		return &DecisionError{User: i, Time: t, Decision: dec, Reason: "owner is not admissible"}
	}
	if dec.Level < 0 || dec.Level >= len(vs.v.Ladder) {
		return &DecisionError{User: i, Time: t, Decision: dec, Reason: "level out of range"}
	}
	var seg int
	if len(vs.returned) > 0 {
		seg = vs.returned[0]
		vs.returned = vs.returned[1:]
	} else {
		seg = vs.nextReq
		vs.nextReq++
	}
	vs.committed++
	u := &s.users[i]
	s.dlSerial++
	mbit := vs.v.SegLen * vs.v.Ladder[dec.Level]
	start := t + s.rtt
	te := s.traces[i].TimeToDownload(start, mbit)
	u.dl = download{active: true, id: s.dlSerial, owner: o, seg: seg, level: dec.Level, ts: t, start: start, te: te, mbit: mbit, rec: len(s.recs)}
	u.lastReq = t
	if s.record {
		s.recs = append(s.recs, DownloadRecord{Downloader: i, Owner: o, Segment: seg, Level: dec.Level, Start: t, End: te, Delivered: math.Inf(1)})
	}
	if te < s.h {
		s.q.push(event{t: te, rank: rankComplete, user: int32(i), aux: s.dlSerial})
	}
	return nil
}

func resolveSettings(st *SimSettings) (SimSettings, qoeEval, error) {
	var s SimSettings
	if st != nil {
		s = *st
	}
	switch {
	case !finite(s.MinWait) || s.MinWait < 0:
		return s, qoeEval{}, fmt.Errorf("%w: MinWait %g is negative or not finite", ErrBadSettings, s.MinWait)
	case s.HistoryLen < 0:
		return s, qoeEval{}, fmt.Errorf("%w: HistoryLen %d < 0", ErrBadSettings, s.HistoryLen)
	case !finite(s.RTT) || s.RTT < 0:
		return s, qoeEval{}, fmt.Errorf("%w: RTT %g is negative or not finite", ErrBadSettings, s.RTT)
	case s.MaxEvents < 0:
		return s, qoeEval{}, fmt.Errorf("%w: MaxEvents %d < 0", ErrBadSettings, s.MaxEvents)
	}
	s.MinWait = orDefault(s.MinWait, 0.5)
	if s.HistoryLen == 0 {
		s.HistoryLen = 5
	}
	if s.MaxEvents == 0 {
		s.MaxEvents = 10_000_000
	}
	q, err := s.QoE.resolve()
	return s, q, err
}

// Simulate runs policy p on scenario sc: a deterministic discrete-event simulation of the
// paper's segmented (asynchronous) cooperative streaming system (§4 of the paper: one
// download at a time per user; data = ∫ capacity on the piecewise-constant traces, with no
// time step; a user downloads for another only while they are encountered throughout the
// download; WiFi forwarding takes zero time unless Scenario.WiFiRate > 0).
//
// Events at equal times are ordered by rank — download completion, delivery, window end,
// mobility change, window start, decision — then by user and sequence number. Every user
// decides at t = 0. An idle user's decision calls p.Decide with a View of its group; a
// Download(owner, level) requests the smallest unrequested segment of owner's video, which must
// be admissible (active window, segments left, b + κ + L ≤ B + 10⁻⁹); a Wait sets a timer or,
// for +Inf, sleeps until the user is woken by an abort, a mobility change or a window start in
// its group. Aborts (encounter broken, owner's window ended) return the segment to the
// unrequested set and charge the cellular energy used so far. Segments reach the buffer in
// order; a segment is valued if it becomes playable before the horizon and within its
// owner's window. At the horizon H (Scenario.HorizonOrDefault) in-flight downloads are charged
// pro rata and playback is advanced to min(E_j, H).
//
// Reconstruction: the admission rule, the in-order delivery, the start at t = 0 with empty
// buffers, the default wait rule and the abort energy are rebuilt from the paper's prose.
//
// Errors: *ScenarioError from Validate, ErrBadSettings, *DecisionError for an invalid
// decision, ErrEventLimit, or ctx's error (checked every 4096 events). It panics on a nil
// scenario or policy. The run is deterministic: the same scenario, policy and settings give a
// bit-identical result. It takes O(E log E) for E events (≈ Σ_j K_j + waits + mobility
// changes) plus O(N) per decision.
func Simulate(ctx context.Context, sc *Scenario, p Policy, st *SimSettings) (*SimResult, error) {
	if sc == nil {
		panic("device: nil scenario")
	}
	if p == nil {
		panic("device: nil policy")
	}
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	set, qe, err := resolveSettings(st)
	if err != nil {
		return nil, err
	}
	if qe.kind == QoEHD {
		for j := range sc.Users {
			if v := sc.Users[j].Video; v != nil && len(qe.reward) < len(v.Ladder) {
				return nil, fmt.Errorf("%w: QoE reward table has %d entries for user %d's %d levels", ErrBadSettings, len(qe.reward), j, len(v.Ladder))
			}
		}
	}
	if r, ok := p.(Resetter); ok {
		r.Reset(sc)
	}
	n := len(sc.Users)
	s := &sim{
		sc: sc, p: p, minWait: set.MinWait, histLen: set.HistoryLen, rtt: set.RTT,
		record: set.Record, qoe: qe, maxEv: set.MaxEvents, h: sc.HorizonOrDefault(),
		traces: make([]*Trace, n), users: make([]userState, n), vids: make([]*videoState, n),
		mode: sc.Mobility.Mode(),
	}
	if s.mode == CoopISFLike || s.mode == CoopNWFLike {
		s.mode = CoopTrace
	}
	for i := range sc.Users {
		u := &sc.Users[i]
		s.traces[i] = u.Trace.prepared()
		s.users[i] = userState{decT: math.Inf(1), lastReq: math.Inf(-1), hist: make([]float64, 0, set.HistoryLen+1)}
		if v := u.Video; v != nil {
			ws, we := sc.Window(i)
			s.vids[i] = &videoState{
				v: v, s: ws, wend: we, lastLevel: -1,
				pending: make([]uint64, (v.Segments+63)/64), levels: make([]int32, v.Segments),
			}
			if ws < s.h {
				s.q.push(event{t: ws, rank: rankWindowStart, user: int32(i)})
			}
			if e := v.End(); e < s.h {
				s.q.push(event{t: e, rank: rankWindowEnd, user: int32(i)})
			}
		}
	}
	if s.mode == CoopTrace {
		s.loc = make([]int, n)
		byTime := map[float64][]int{}
		for i := range n {
			s.loc[i] = sc.Mobility.Location(i, 0)
			for _, c := range sc.Mobility.Changes(i) {
				if c > 0 && c < s.h {
					byTime[c] = append(byTime[c], i)
				}
			}
		}
		for t := range byTime {
			s.chTimes = append(s.chTimes, t)
		}
		sort.Float64s(s.chTimes)
		s.chUsers = make([][]int, len(s.chTimes))
		for k, t := range s.chTimes {
			s.chUsers[k] = byTime[t]
			s.q.push(event{t: t, rank: rankMobility, aux: int32(k)})
		}
	}
	for i := range n {
		s.schedule(i, 0)
	}
	events := 0
	for len(s.q.h) > 0 {
		e := s.q.pop()
		if !(e.t < s.h) {
			break
		}
		events++
		if events > s.maxEv {
			return nil, fmt.Errorf("%w: more than %d events", ErrEventLimit, s.maxEv)
		}
		if events&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		i := int(e.user)
		switch e.rank {
		case rankComplete:
			if d := &s.users[i].dl; d.active && d.id == e.aux {
				s.complete(i, e.t)
			} else {
				events--
			}
		case rankDeliver:
			s.deliver(i, int(e.sub), int(e.lvl), int(e.aux), true, e.t)
		case rankWindowEnd:
			s.advance(i, e.t)
			s.vids[i].active = false
			for k := range s.users {
				if d := &s.users[k].dl; d.active && d.owner == i {
					s.abort(k, e.t)
				}
			}
		case rankMobility:
			s.mobilityChange(int(e.aux), e.t)
		case rankWindowStart:
			vs := s.vids[i]
			s.advance(i, e.t)
			vs.active = true
			s.wakeGroup(i, e.t)
		case rankDecide:
			u := &s.users[i]
			if e.aux != u.gen || u.dl.active {
				events--
				continue
			}
			u.decT = math.Inf(1)
			if err := s.decide(i, e.t); err != nil {
				return nil, err
			}
		}
	}
	return s.finish(events), nil
}

func (s *sim) mobilityChange(k int, t float64) {
	changed := s.chUsers[k]
	var locs [8]int
	touched := locs[:0]
	for _, u := range changed {
		old := s.loc[u]
		nl := s.sc.Mobility.Location(u, t)
		s.loc[u] = nl
		if old != 0 {
			touched = append(touched, old)
		}
		if nl != 0 {
			touched = append(touched, nl)
		}
	}
	for i := range s.users {
		if d := &s.users[i].dl; d.active && d.owner != i && !s.enc(i, d.owner) {
			s.abort(i, t)
		}
	}
	for _, u := range changed {
		s.wake(u, t)
	}
	if len(touched) == 0 {
		return
	}
	for i := range s.users {
		for _, l := range touched {
			if s.loc[i] == l {
				s.wake(i, t)
				break
			}
		}
	}
}

func (s *sim) finish(events int) *SimResult {
	res := &SimResult{Users: make([]UserResult, len(s.users)), Events: events}
	var rate, content float64
	for i := range s.users {
		u := &s.users[i]
		if d := &u.dl; d.active {
			moved := 0.0
			if s.h > d.start {
				moved = math.Min(d.mbit, s.traces[i].Integral(d.start, s.h))
			}
			e := s.sc.Users[i].Energy
			u.cell += e.CellTime*math.Max(0, s.h-d.ts) + e.CellVolume*moved
			u.data += moved
			if s.record {
				s.recs[d.rec].End = s.h
			}
		}
	}
	for i := range s.users {
		u := &s.users[i]
		ur := &res.Users[i]
		ur.EnergyCell, ur.EnergyWiFi, ur.EnergyRx = u.cell, u.wifi, u.rx
		ur.DataMbit = u.data
		ur.ForOthers = u.forOthers
		ur.Aborted = u.abort
		if vs := s.vids[i]; vs != nil {
			s.advance(i, s.h)
			su := &s.sc.Users[i]
			ur.Value = vs.value
			ur.Degradation = vs.degr
			ur.Stall = vs.stall
			ur.Rebuffer = su.Rho * vs.stall
			ur.Played = vs.played
			ur.QoE = vs.qoe
			ur.Valued = vs.valued
			ur.Switches = vs.switches
			ur.FromOthers = vs.fromOthers
			ur.Startup = vs.startup
			if vs.valued == 0 {
				ur.Startup = vs.stall
			} else {
				ur.AvgBitrate = vs.bitrateSum / float64(vs.valued)
			}
			rate += vs.bitrateSum * vs.v.SegLen
			content += float64(vs.valued) * vs.v.SegLen
		}
		ur.Welfare = ur.Value - ur.Degradation - ur.Rebuffer - s.sc.LambdaE*(ur.EnergyCell+ur.EnergyWiFi+ur.EnergyRx)
		res.Welfare += ur.Welfare
		res.Stall += ur.Stall
		res.Energy += ur.EnergyCell + ur.EnergyWiFi + ur.EnergyRx
	}
	if content > 0 {
		res.AvgBitrate = rate / content
	}
	if s.record {
		res.Downloads = s.recs
	}
	return res
}

// Job is one run of SimulateMany: NewPolicy builds a fresh policy for the run.
type Job struct {
	Scenario  *Scenario
	NewPolicy func() Policy
	Settings  *SimSettings
}

// SimulateMany runs the jobs on a pool of workers (0: GOMAXPROCS) and returns the results
// index-aligned with jobs; they are identical for any worker count. On failure it returns the
// results so far (nil where a run failed or was not run) and the error of the lowest failing
// index. It panics if workers < 0, a job's Scenario or NewPolicy is nil, or NewPolicy returns
// nil. It takes O(Σ runs / workers).
func SimulateMany(ctx context.Context, jobs []Job, workers int) ([]*SimResult, error) {
	if workers < 0 {
		panic("device: negative workers")
	}
	for k := range jobs {
		if jobs[k].Scenario == nil {
			panic("device: nil scenario")
		}
		if jobs[k].NewPolicy == nil {
			panic("device: nil policy factory")
		}
	}
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(jobs))
	out := make([]*SimResult, len(jobs))
	errs := make([]error, len(jobs))
	var next int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	take := func() int {
		mu.Lock()
		defer mu.Unlock()
		k := int(next)
		next++
		return k
	}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := take()
				if k >= len(jobs) {
					return
				}
				if err := ctx.Err(); err != nil {
					errs[k] = err
					continue
				}
				j := jobs[k]
				out[k], errs[k] = Simulate(ctx, j.Scenario, j.NewPolicy(), j.Settings)
			}
		}()
	}
	wg.Wait()
	for k, err := range errs {
		if err != nil {
			return out, fmt.Errorf("device: job %d: %w", k, err)
		}
	}
	return out, nil
}

// BufferSeries returns user j's buffer level b_j(t) (s) sampled every step seconds over its
// viewing window, rebuilt from the event log of res (a run with SimSettings.Record). It
// returns nil slices when res has no log, j has no video or step is not positive.
func BufferSeries(sc *Scenario, res *SimResult, user int, step float64) (t, b []float64) {
	if res == nil || res.Downloads == nil || !(step > 0) || user < 0 || user >= len(sc.Users) || sc.Users[user].Video == nil {
		return nil, nil
	}
	v := sc.Users[user].Video
	ws, we := sc.Window(user)
	deliv := make([]float64, v.Segments)
	for k := range deliv {
		deliv[k] = math.Inf(1)
	}
	for _, r := range res.Downloads {
		if r.Owner == user && r.Delivered <= we && r.Segment < v.Segments && !math.IsInf(r.Delivered, 1) {
			deliv[r.Segment] = math.Min(deliv[r.Segment], r.Delivered)
		}
	}
	// Playable times: in order.
	play := make([]float64, 0, v.Segments)
	last := math.Inf(-1)
	for _, d := range deliv {
		if math.IsInf(d, 1) {
			break
		}
		last = math.Max(last, d)
		play = append(play, last)
	}
	buf, cur, k := 0.0, ws, 0
	drain := func(to float64) {
		if to > cur {
			buf = math.Max(0, buf-(to-cur))
			cur = to
		}
	}
	for n := 0; ; n++ {
		x := ws + float64(n)*step
		if x > we+1e-12 {
			break
		}
		for k < len(play) && play[k] <= x {
			drain(math.Max(play[k], ws))
			buf += v.SegLen
			k++
		}
		drain(x)
		t = append(t, x)
		b = append(b, buf)
	}
	return t, b
}
