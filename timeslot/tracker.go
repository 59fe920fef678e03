package timeslot

import (
	"math"
	"sort"

	"github.com/cdnkit/cdnkit/device"
)

// trackerMinWait is the shortest wait used with device.DefaultWait (device's SimSettings.MinWait default).
const trackerMinWait = 0.5

// Tracker is a device.Policy (and device.Resetter) that follows a Plan by whole segments, rounding it in time by
// cumulative deficit. With Π_ij(τ) the planned content for (i, j) up to τ (linear inside each slot), Req_ij the
// content L_j × requests already issued by i for j in this run, lookahead Λ and threshold ϑ, a decision of i at τ
// is
//
//	cand = { j ∈ View.Members : Admissible, d_j = Π_ij(τ+Λ) − Req_ij ≥ ϑ L_j }
//	cand ≠ ∅: j* = argmax d_j/L_j (ties: Self, then lower id); level = Ladder_j.Highest(R), R the planned mean
//	          bitrate of (i, j*) in the first slot ≥ ⌊τ/Δ⌋ with planned content (else the last earlier one; else 0)
//	else:     wait until the earliest time at which some member's deficit reaches ϑ L (+Inf if none), or
//	          τ + DefaultWait(v, 0.5) if a member already has the deficit but is not admissible.
//
// Reconstruction (spec timeslot.md §2.7): the paper's lower bound is an integer program; this rounding gives a
// feasible whole-segment schedule that the simulator executes. A Tracker is not safe for concurrent use; Decide
// takes O(|group|·log slots).
type Tracker struct {
	plan             *Plan
	round, lookahead float64
	slot, h          float64
	pairs            map[[2]int]*pairPlan
	req              map[[2]int]float64
}

type pairPlan struct {
	slots   []int
	content []float64
	rate    []float64
	before  []float64 // cumulative content before slots[k]
}

// NewTracker returns a Tracker following p with threshold round ∈ (0, 1] (segments) and lookahead ≥ 0 (s).
// It panics on a nil plan.
func NewTracker(p *Plan, round, lookahead float64) *Tracker {
	if p == nil {
		panic("timeslot: nil plan")
	}
	t := &Tracker{plan: p, round: round, lookahead: lookahead, slot: p.Slot, pairs: map[[2]int]*pairPlan{},
		req: map[[2]int]float64{}, h: math.Inf(1)}
	for _, f := range p.Flows {
		k := [2]int{f.Downloader, f.Owner}
		pp := t.pairs[k]
		if pp == nil {
			pp = &pairPlan{}
			t.pairs[k] = pp
		}
		total := 0.0
		if n := len(pp.slots); n > 0 {
			total = pp.before[n-1] + pp.content[n-1]
		}
		pp.slots = append(pp.slots, f.Slot)
		pp.content = append(pp.content, f.Content)
		pp.rate = append(pp.rate, f.Rate)
		pp.before = append(pp.before, total)
	}
	return t
}

// Reset implements device.Resetter: it clears the requests of the previous run.
func (t *Tracker) Reset(sc *device.Scenario) {
	clear(t.req)
	t.h = math.Inf(1)
	if sc != nil {
		if h := sc.HorizonOrDefault(); h > 0 {
			t.h = h
		}
	}
}

// slotSpan returns the start and length of slot s.
func (t *Tracker) slotSpan(s int) (float64, float64) {
	a := float64(s) * t.slot
	return a, math.Min(a+t.slot, math.Max(t.h, a+1e-300)) - a
}

// planned returns Π(τ) for pair pp.
func (t *Tracker) planned(pp *pairPlan, tau float64) float64 {
	if pp == nil || !(tau > 0) {
		return 0
	}
	s := int(math.Floor(tau / t.slot))
	k := sort.SearchInts(pp.slots, s) // first index with slot ≥ s
	v := 0.0
	if k > 0 {
		v = pp.before[k-1] + pp.content[k-1]
	}
	if k < len(pp.slots) && pp.slots[k] == s {
		a, l := t.slotSpan(s)
		f := math.Min(1, math.Max(0, (tau-a)/l))
		v += pp.content[k] * f
	}
	return v
}

// reach returns the earliest time at which Π reaches target, +Inf if never.
func (t *Tracker) reach(pp *pairPlan, target float64) float64 {
	if pp == nil {
		return math.Inf(1)
	}
	k := sort.Search(len(pp.slots), func(k int) bool { return pp.before[k]+pp.content[k] >= target })
	if k == len(pp.slots) {
		return math.Inf(1)
	}
	a, l := t.slotSpan(pp.slots[k])
	f := (target - pp.before[k]) / pp.content[k]
	return a + math.Max(0, f)*l
}

// rateAt returns the planned bitrate of pp in the first slot ≥ s with content, else the last earlier one.
func rateAt(pp *pairPlan, s int) float64 {
	if pp == nil || len(pp.slots) == 0 {
		return 0
	}
	k := sort.SearchInts(pp.slots, s)
	if k == len(pp.slots) {
		k--
	}
	return pp.rate[k]
}

// Decide implements device.Policy.
func (t *Tracker) Decide(v *device.View) device.Decision {
	i, tau := v.Self, v.Now
	best, bestScore := -1, 0.0
	blocked := false
	for k := range v.Members {
		m := &v.Members[k]
		if m.User == nil || m.User.Video == nil || m.Remaining <= 0 {
			continue
		}
		key := [2]int{i, m.ID}
		l := m.User.Video.SegLen
		d := t.planned(t.pairs[key], tau+t.lookahead) - t.req[key]
		if d < t.round*l-1e-9*l {
			continue
		}
		if !m.Admissible {
			blocked = true
			continue
		}
		if sc := d / l; best < 0 || sc > bestScore {
			best, bestScore = k, sc
		}
	}
	if best >= 0 {
		m := &v.Members[best]
		key := [2]int{i, m.ID}
		t.req[key] += m.User.Video.SegLen
		r := rateAt(t.pairs[key], int(math.Floor(tau/t.slot)))
		return device.Download(m.ID, m.User.Video.Ladder.Highest(r))
	}
	next := math.Inf(1)
	for k := range v.Members {
		m := &v.Members[k]
		if m.User == nil || m.User.Video == nil || m.Remaining <= 0 {
			continue
		}
		key := [2]int{i, m.ID}
		l := m.User.Video.SegLen
		if t.planned(t.pairs[key], tau+t.lookahead)-t.req[key] >= t.round*l-1e-9*l {
			continue // reached already: blocked (DefaultWait below) or chosen above
		}
		u := t.reach(t.pairs[key], t.req[key]+t.round*m.User.Video.SegLen) - t.lookahead
		if u <= tau {
			// Reached up to rounding while not admissible or not a member candidate: retry shortly.
			u = tau + 1e-9*math.Max(1, math.Abs(tau))
		}
		if u < next {
			next = u
		}
	}
	if blocked {
		next = math.Min(next, tau+device.DefaultWait(v, trackerMinWait))
	}
	if math.IsInf(next, 1) {
		return device.Wait(math.Inf(1))
	}
	return device.Wait(math.Max(next-tau, 1e-9))
}

// Schedule is the download log of a lower-bound run, in issue order.
type Schedule struct{ Downloads []device.DownloadRecord }

// Replay returns a policy that re-issues the downloads of s: each user waits until the Start of its next record
// and then downloads (Owner, Level). On the scenario and settings of the recorded run it reproduces the run's
// welfare (1e-9 relative) and its downloads. It panics on a nil schedule. The policy is a device.Resetter and
// is not safe for concurrent use.
func Replay(s *Schedule) device.Policy {
	if s == nil {
		panic("timeslot: nil schedule")
	}
	return &replay{s: s}
}

type replay struct {
	s    *Schedule
	byU  map[int][]int // downloader → record indices
	next map[int]int
}

func (r *replay) Reset(*device.Scenario) {
	r.byU = map[int][]int{}
	r.next = map[int]int{}
	for k, d := range r.s.Downloads {
		r.byU[d.Downloader] = append(r.byU[d.Downloader], k)
	}
}

func (r *replay) Decide(v *device.View) device.Decision {
	if r.byU == nil {
		r.Reset(nil)
	}
	q := r.byU[v.Self]
	k := r.next[v.Self]
	if k >= len(q) {
		return device.Wait(math.Inf(1))
	}
	d := r.s.Downloads[q[k]]
	if d.Start > v.Now {
		return device.Wait(exactWait(v.Now, d.Start))
	}
	r.next[v.Self] = k + 1
	return device.Download(d.Owner, d.Level)
}

// exactWait returns the smallest w > 0 with now + w ≥ target in floating point.
func exactWait(now, target float64) float64 {
	w := target - now
	for now+w < target {
		w = math.Nextafter(w, math.Inf(1))
	}
	for w > 0 {
		p := math.Nextafter(w, 0)
		if p <= 0 || now+p < target {
			break
		}
		w = p
	}
	return w
}
