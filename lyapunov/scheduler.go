package lyapunov

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/cdnkit/cdnkit/device"
)

// DefaultV is the default drift-plus-penalty weight V, in s² per value unit.
//
// Reconstruction: the paper's value is lost. With V = 20 the single-user
// operating point (spec §2.9) puts the steady state (chosen bitrate ≈ capacity)
// at an idle buffer of 10–20 s for a 40 s buffer; on 1000 single-user runs the
// welfare peaked for V ∈ [20, 40].
const DefaultV = 20.0

// Drift selects the drift term of the decision rule. With d_k = m_k −
// L_j·1{k = j} the predicted fall of k's buffer and z_k = B_k − b̃_k,
//
//	exact:  Δ = Φ(b̂) − Φ(b̃) = Σ_{k∈𝒦} [z_k·d_k + ½·d_k²]   (s²)
//	linear: Δ = Σ_{k∈𝒦} z_k·d_k
//
// Reconstruction: the typeset Lyapunov function (27) is lost; the prose asks
// that "the user with a larger idle buffer can be more likely to be scheduled",
// which Φ = ½Σ(B_k − b̃_k)² gives (adding L_j lowers Φ by ≈ z_j·L_j).
type Drift int

// Drift terms.
const (
	// DriftExact is the change of the Lyapunov function, Φ(b̂) − Φ(b̃) (the paper's (28)).
	DriftExact Drift = iota
	// DriftLinear is its linear bound Σ z_k·d_k (Neely 2010, used in the paper's Theorem 2).
	DriftLinear
)

// String returns "exact" or "linear".
func (d Drift) String() string {
	switch d {
	case DriftExact:
		return "exact"
	case DriftLinear:
		return "linear"
	}
	return fmt.Sprintf("Drift(%d)", int(d))
}

// Attribution selects how the playback of the group during a download is
// charged to the deciding user's drift: the predicted buffers at the next
// decision t + τ are
//
//	b̂_k = b̃_k − m_k + L_j·1{k = j},  m_k = min(τ, b_k)/n_G (shared) or min(τ, b_k) (literal).
//
// Reconstruction: the paper gives the structure "[b_j − τ]^+ + L_j" for the
// receiver and "[b_k − τ]^+" for the others. With the printed form every
// member's full playback enters each decision, so the drift grows with the
// group and decisions fall to the lowest levels: an independent implementation
// lowered the bitrate below no cooperation in all 12 share × bucket cells,
// the opposite of the paper's Figs. 4–5. All n_G links of a group replenish its
// buffers concurrently, so each is charged 1/n_G; for one user both coincide.
type Attribution int

// Attributions.
const (
	// AttributeShared charges each of the n_G links of the group 1/n_G of the group's playback.
	AttributeShared Attribution = iota
	// AttributeLiteral charges the full playback of every member (the paper's printed form).
	AttributeLiteral
)

// String returns "shared" or "literal".
func (a Attribution) String() string {
	switch a {
	case AttributeShared:
		return "shared"
	case AttributeLiteral:
		return "literal"
	}
	return fmt.Sprintf("Attribution(%d)", int(a))
}

// Forecast selects the capacity forecast ĉ_i used for the estimated download
// time τ = L_j·r_j^q / ĉ_i. Whatever the forecast, a link that is down
// (View.Capacity ≤ 0) waits MinWait. Reconstruction: τ would be infinite; a
// device knows when it has no cellular link and polls.
type Forecast int

// Forecasts.
const (
	// ForecastCurrent is the current capacity c_i(t) (the paper's footnote 10).
	ForecastCurrent Forecast = iota
	// ForecastHarmonic is the harmonic mean of the last Window positive measured
	// throughputs (Yin et al. 2015), c_i(t) when there is none.
	ForecastHarmonic
)

// String returns "current" or "harmonic".
func (f Forecast) String() string {
	switch f {
	case ForecastCurrent:
		return "current"
	case ForecastHarmonic:
		return "harmonic"
	}
	return fmt.Sprintf("Forecast(%d)", int(f))
}

// ErrBadSettings is returned (wrapped, naming the field) for invalid settings.
var ErrBadSettings = errors.New("lyapunov: invalid settings")

// Settings configures a Scheduler. The zero value (or nil) means the defaults.
type Settings struct {
	V           float64 // s² per value unit; 0: DefaultV; must be finite and > 0 otherwise
	Drift       Drift
	Attribution Attribution
	Forecast    Forecast
	Window      int     // harmonic window; 0: 5
	MinWait     float64 // s; 0: 0.5
	SelfOnly    bool    // decide on Self alone: G = {Self}, n_G = 1 (single-user behaviour in any group)
}

// Reconstruction (Settings.SelfOnly): the paper's single-user system is a group
// of one, so SelfOnly restricts the View to its first member, Self; the waits,
// device.DefaultWait included, then see only Self.

const (
	defaultWindow  = 5
	defaultMinWait = 0.5
)

func (s Settings) filled() (Settings, error) {
	switch {
	case math.IsNaN(s.V) || math.IsInf(s.V, 0) || s.V < 0:
		return s, fmt.Errorf("%w: V = %v, want finite and > 0", ErrBadSettings, s.V)
	case s.Window < 0:
		return s, fmt.Errorf("%w: Window = %d, want ≥ 0", ErrBadSettings, s.Window)
	case math.IsNaN(s.MinWait) || math.IsInf(s.MinWait, 0) || s.MinWait < 0:
		return s, fmt.Errorf("%w: MinWait = %v, want finite and ≥ 0", ErrBadSettings, s.MinWait)
	case s.Drift != DriftExact && s.Drift != DriftLinear:
		return s, fmt.Errorf("%w: unknown Drift %d", ErrBadSettings, int(s.Drift))
	case s.Attribution != AttributeShared && s.Attribution != AttributeLiteral:
		return s, fmt.Errorf("%w: unknown Attribution %d", ErrBadSettings, int(s.Attribution))
	case s.Forecast != ForecastCurrent && s.Forecast != ForecastHarmonic:
		return s, fmt.Errorf("%w: unknown Forecast %d", ErrBadSettings, int(s.Forecast))
	}
	if s.V == 0 {
		s.V = DefaultV
	}
	if s.Window == 0 {
		s.Window = defaultWindow
	}
	if s.MinWait == 0 {
		s.MinWait = defaultMinWait
	}
	return s, nil
}

// Scheduler is Algorithm 1 of Gao et al. (2018), the online drift-plus-penalty
// scheduler, as a device.Policy and device.Resetter. At a decision of user i at
// time t it evaluates every candidate (j, q) — owner j an admissible member of
// i's group, q a level of j's ladder — and returns
//
//	(j*, q*) = argmin cost(j, q),   cost = Δ(j, q) − V·W(j, q)
//
// with the drift Δ of the quadratic idle-buffer Lyapunov function
//
//	Φ = ½ Σ_{k∈𝒦} (B_k − b̃_k)²    (s², 𝒦 the encountered video users that still need segments)
//
// and the welfare of the download (value units)
//
//	W(j, q) = SegmentValue(j, q) − δ_j·[r_j^last − r]^+ − Σ_{k∈𝒦} ρ_k·[τ − b_k]^+ − λ_E·E,
//
// τ = L_j·r_j^q / ĉ_i the estimated download time and E the energy of
// device.Scenario.FlowEnergy. It sees only the device.View (local information).
//
// Reconstruction (the paper's typeset formulas (26)–(29) were lost; see the
// package documentation and the spec §2 for each piece):
//   - Φ uses effective buffers b̃ = b + κ, so that several helpers do not pile
//     onto one receiver; the playing buffer b is used for rebuffering, because
//     in-flight content may arrive after the stall;
//   - shared attribution (default): the predicted drain of member k during τ is
//     min(τ, b_k)/n_G, because all n_G links of the group replenish it; the
//     printed form (AttributeLiteral) made cooperation lower the bitrate;
//   - candidates are admissible owners (buffer cap) whose segment would arrive
//     before the end of the owner's viewing window (late-segment rule);
//   - ties go to the deciding user, then the lowest id, then the lowest level;
//   - a link that is down waits MinWait; no admissible member waits
//     device.DefaultWait; only late candidates wait MinWait.
//
// Decide takes O(n_G log n_G + |A|·Q) time (factorised evaluation: one sort of
// 𝒦 by buffer, prefix sums, one binary search per distinct τ) and allocates
// nothing after the first decision of a run.
//
// A Scheduler is not safe for concurrent use; device.SimulateMany needs a
// factory that builds one Scheduler per run.
//
// Reference: L. Gao, M. Tang, H. Pang, J. Huang, L. Sun, "Multi-User
// Cooperative Mobile Video Streaming: Performance Analysis and Online Mechanism
// Design", IEEE Transactions on Mobile Computing, 2018,
// doi:10.1109/TMC.2018.2834358, arXiv:1805.09249, §6, Algorithm 1, eqs. (26)–(29).
type Scheduler struct {
	s Settings

	// per-scenario tables
	sc  *device.Scenario
	off []int     // off[j]: start of j's levels in val (−1 without video)
	val []float64 // SegmentValue(j, q)
	end []float64 // window end of j
	seg []float64 // L_j

	// scratch
	ks    []kEntry  // 𝒦, sorted by b ascending
	kb    []float64 // the sorted buffers b_k of 𝒦
	pz    []float64 // prefix sums (length |𝒦|+1)
	pzb   []float64
	pbb   []float64
	pr    []float64
	prb   []float64
	memoT []float64
	memoS []float64
	selfV device.View
}

// kEntry is a member of 𝒦 at a decision: playing buffer, idle buffer, ρ.
type kEntry struct{ b, z, rho float64 }

func cmpEntry(x, y kEntry) int {
	switch {
	case x.b < y.b:
		return -1
	case x.b > y.b:
		return 1
	}
	return 0
}

// sameLadder reports whether ladders a and b are equal (same backing array, or
// equal contents: ladders built per user share their τ values too).
func sameLadder(a, b []float64) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	if &a[0] == &b[0] {
		return true
	}
	for q := range a {
		if a[q] != b[q] {
			return false
		}
	}
	return true
}

var (
	_ device.Policy   = (*Scheduler)(nil)
	_ device.Resetter = (*Scheduler)(nil)
	_ device.Policy   = (*BOLA)(nil)
)

// New returns a Scheduler with settings s (nil: the defaults). The error wraps
// ErrBadSettings and names the field.
func New(s *Settings) (*Scheduler, error) {
	var in Settings
	if s != nil {
		in = *s
	}
	f, err := in.filled()
	if err != nil {
		return nil, err
	}
	return &Scheduler{s: f}, nil
}

// Settings returns the scheduler's settings with the defaults filled in.
func (p *Scheduler) Settings() Settings { return p.s }

// Reset implements device.Resetter: it caches SegmentValue per (user, level)
// and each user's window end for sc. Decide calls it itself when it sees a new
// scenario.
func (p *Scheduler) Reset(sc *device.Scenario) {
	p.sc = sc
	if sc == nil {
		return
	}
	n := len(sc.Users)
	p.off = resize(p.off, n)
	p.end = resizeF(p.end, n)
	p.seg = resizeF(p.seg, n)
	p.val = p.val[:0]
	for j := range sc.Users {
		v := sc.Users[j].Video
		if v == nil || len(v.Ladder) == 0 {
			p.off[j] = -1
			continue
		}
		p.off[j] = len(p.val)
		for q := range v.Ladder {
			p.val = append(p.val, sc.SegmentValue(j, q))
		}
		_, p.end[j] = sc.Window(j)
		p.seg[j] = v.SegLen
	}
}

func resize(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}

func resizeF(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// valid reports whether a member's numbers are usable (finite, non-negative)
// and the member has a video in the scenario.
func (p *Scheduler) valid(m *device.Member) bool {
	if m.ID < 0 || m.ID >= len(p.sc.Users) {
		panic("lyapunov: member out of range")
	}
	return p.off[m.ID] >= 0 && finiteNonNeg(m.Buffer) && finiteNonNeg(m.Committed)
}

func finiteNonNeg(x float64) bool { return x >= 0 && x <= math.MaxFloat64 }

// inK reports whether a valid member belongs to 𝒦.
func inK(m *device.Member) bool { return m.Video && m.Remaining > 0 }

// forecast returns ĉ for v (v.Capacity is positive and finite).
func (p *Scheduler) forecast(v *device.View) float64 {
	if p.s.Forecast != ForecastHarmonic {
		return v.Capacity
	}
	n, sum := 0, 0.0
	for k := len(v.History) - 1; k >= 0 && n < p.s.Window; k-- {
		x := v.History[k]
		if x > 0 && x <= math.MaxFloat64 {
			sum += 1 / x
			n++
		}
	}
	if n == 0 {
		return v.Capacity
	}
	// 0 when a denormal sample makes sum overflow: every τ is then infinite and
	// the decision waits.
	return float64(n) / sum
}

func (p *Scheduler) prepare(v *device.View) []device.Member {
	if v == nil {
		panic("lyapunov: nil view")
	}
	if v.Scenario == nil {
		panic("lyapunov: nil scenario")
	}
	if v.Scenario != p.sc {
		p.Reset(v.Scenario)
	}
	g := v.Members
	if p.s.SelfOnly && len(g) > 1 {
		g = g[:1]
	}
	return g
}

// waitNone is the wait of the spec §2.7 rule 2, computed on group g.
func (p *Scheduler) waitNone(v *device.View, g []device.Member) device.Decision {
	w := v
	if len(g) != len(v.Members) {
		p.selfV = *v
		p.selfV.Members = g
		w = &p.selfV
	}
	d := safeDefaultWait(w, p.s.MinWait)
	p.selfV.Members = nil
	return device.Wait(d)
}

// safeDefaultWait returns device.DefaultWait(v, minWait), or minWait when the
// View is inconsistent (a member flagged Video without a User or a video, which
// device.DefaultWait would dereference; only hand-made Views contain them) or
// the result is not positive.
func safeDefaultWait(v *device.View, minWait float64) float64 {
	for k := range v.Members {
		m := &v.Members[k]
		if m.Video && (m.User == nil || m.User.Video == nil) {
			return minWait
		}
	}
	d := device.DefaultWait(v, minWait)
	if !(d > 0) {
		return minWait
	}
	return d
}

func linkUp(c float64) bool { return c > 0 && c <= math.MaxFloat64 }

// Decide implements device.Policy (Algorithm 1, reconstructed; see Scheduler).
// It returns an admissible owner of the group and a level in range, or a Wait
// of positive (possibly infinite) duration. It panics on a nil View, a nil
// View.Scenario or a member id outside the scenario.
func (p *Scheduler) Decide(v *device.View) device.Decision {
	g := p.prepare(v)
	if !linkUp(v.Capacity) {
		return device.Wait(p.s.MinWait)
	}
	c := p.forecast(v)
	if !(c > 0) {
		return device.Wait(p.s.MinWait)
	}
	nG := float64(len(g))
	a := 1.0
	if p.s.Attribution == AttributeShared && len(g) > 0 {
		a = 1 / nG
	}
	exact := p.s.Drift == DriftExact
	V := p.s.V
	sc := p.sc

	// 𝒦 sorted by b (into reused buffers).
	p.ks = p.ks[:0]
	anyA := false
	for k := range g {
		m := &g[k]
		if !p.valid(m) {
			continue
		}
		if m.Admissible {
			anyA = true
		}
		if !inK(m) {
			continue
		}
		b := m.Buffer
		z := math.Max(0, sc.Users[m.ID].Video.MaxBuffer-(b+m.Committed))
		r := sc.Users[m.ID].Rho
		p.ks = append(p.ks, kEntry{b, z, r})
	}
	if !anyA {
		return p.waitNone(v, g)
	}
	slices.SortFunc(p.ks, cmpEntry)
	nk := len(p.ks)
	p.kb = resizeF(p.kb, nk)
	p.pz, p.pzb, p.pbb = resizeF(p.pz, nk+1), resizeF(p.pzb, nk+1), resizeF(p.pbb, nk+1)
	p.pr, p.prb = resizeF(p.pr, nk+1), resizeF(p.prb, nk+1)
	p.pz[0], p.pzb[0], p.pbb[0], p.pr[0], p.prb[0] = 0, 0, 0, 0, 0
	for x := 0; x < nk; x++ {
		b, z, r := p.ks[x].b, p.ks[x].z, p.ks[x].rho
		p.kb[x] = b
		p.pz[x+1] = p.pz[x] + z
		p.pzb[x+1] = p.pzb[x] + z*b
		p.pbb[x+1] = p.pbb[x] + b*b
		p.pr[x+1] = p.pr[x] + r
		p.prb[x+1] = p.prb[x] + r*b
	}
	// S(τ) = Σ_k [z_k m_k + ½m_k² (exact)] + V·Σ_k ρ_k[τ − b_k]^+.
	S := func(tau float64) float64 {
		// p: number of k with b_k < τ.
		lo, hi := 0, nk
		for lo < hi {
			mid := int(uint(lo+hi) >> 1)
			if p.kb[mid] < tau {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		q := lo
		rest := float64(nk - q)
		s := a*p.pzb[q] + a*tau*(p.pz[nk]-p.pz[q])
		if exact {
			sq := p.pbb[q]
			if rest > 0 {
				sq += tau * tau * rest
			}
			s += 0.5 * a * a * sq
		}
		return s + V*(tau*p.pr[q]-p.prb[q])
	}

	self := v.Self
	lambda := sc.LambdaE
	bestJ, bestQ, best := -1, -1, 0.0
	var lastLad []float64
	lastSeg := 0.0
	for k := range g {
		m := &g[k]
		if !m.Admissible || !p.valid(m) {
			continue
		}
		j := m.ID
		u := &sc.Users[j]
		vid := u.Video
		L := vid.SegLen
		lad := vid.Ladder
		// memoised S per τ: owners with the same L and ladder share the τ values.
		if L != lastSeg || !sameLadder(lad, lastLad) {
			p.memoT = resizeF(p.memoT, len(lad))
			p.memoS = resizeF(p.memoS, len(lad))
			for q := range lad {
				p.memoT[q] = L * lad[q] / c
				p.memoS[q] = S(p.memoT[q])
			}
			lastLad, lastSeg = lad, L
		}
		kj := inK(m)
		var zj, bj float64
		if kj {
			bj = m.Buffer
			zj = math.Max(0, vid.MaxBuffer-(bj+m.Committed))
		}
		rLast := -1.0
		if m.LastLevel >= 0 && m.LastLevel < len(lad) {
			rLast = lad[m.LastLevel]
		}
		off := p.off[j]
		endJ := p.end[j]
		for q := range lad {
			tau := p.memoT[q]
			if !(v.Now+tau <= endJ) { // late segment (or a non-finite Now)
				continue
			}
			cost := p.memoS[q]
			if kj {
				if exact {
					mj := a * math.Min(tau, bj)
					cost += -zj*L - mj*L + 0.5*L*L
				} else {
					cost -= zj * L
				}
			}
			r := lad[q]
			U := p.val[off+q]
			if rLast >= 0 {
				if sc.SymmetricSwitch {
					U -= u.Delta * math.Abs(rLast-r)
				} else if rLast > r {
					U -= u.Delta * (rLast - r)
				}
			}
			cell, wifi, rx := sc.FlowEnergy(self, j, L*r, tau)
			cost -= V * (U - lambda*(cell+wifi+rx))
			if bestJ < 0 || cost < best {
				bestJ, bestQ, best = j, q, cost
			}
		}
	}
	if bestJ < 0 {
		return device.Wait(p.s.MinWait)
	}
	return device.Download(bestJ, bestQ)
}

// Candidate is one evaluated (owner, level) of a decision with its terms: the
// estimated download time Tau (s), the drift (s²), the welfare W (value units)
// and the cost Drift − V·Welfare.
type Candidate struct {
	Owner, Level              int
	Tau, Drift, Welfare, Cost float64
}

// Candidates appends every candidate of the decision on v (owners in View
// order, levels ascending; late segments left out) evaluated by the naive loop
// of Algorithm 1, and returns dst. It appends nothing when the link is down.
// It does not change the Scheduler's decision state. It takes O(|A|·Q·|𝒦|).
func (p *Scheduler) Candidates(dst []Candidate, v *device.View) []Candidate {
	g := p.prepare(v)
	if !linkUp(v.Capacity) {
		return dst
	}
	c := p.forecast(v)
	if !(c > 0) {
		return dst
	}
	sc := p.sc
	a := 1.0
	if p.s.Attribution == AttributeShared && len(g) > 0 {
		a = 1 / float64(len(g))
	}
	for x := range g {
		m := &g[x]
		if !m.Admissible || !p.valid(m) {
			continue
		}
		j := m.ID
		u := &sc.Users[j]
		L := u.Video.SegLen
		lad := u.Video.Ladder
		for q, r := range lad {
			tau := L * r / c
			if !(v.Now+tau <= p.end[j]) {
				continue
			}
			drift, R := 0.0, 0.0
			for y := range g {
				k := &g[y]
				if !p.valid(k) || !inK(k) {
					continue
				}
				uk := &sc.Users[k.ID]
				z := math.Max(0, uk.Video.MaxBuffer-(k.Buffer+k.Committed))
				d := a * math.Min(tau, k.Buffer)
				if k.ID == j {
					d -= L
				}
				drift += z * d
				if p.s.Drift == DriftExact {
					drift += 0.5 * d * d
				}
				R += uk.Rho * math.Max(0, tau-k.Buffer)
			}
			U := p.val[p.off[j]+q]
			if m.LastLevel >= 0 && m.LastLevel < len(lad) {
				diff := lad[m.LastLevel] - r
				if sc.SymmetricSwitch {
					diff = math.Abs(diff)
				}
				U -= u.Delta * math.Max(0, diff)
			}
			cell, wifi, rx := sc.FlowEnergy(v.Self, j, L*r, tau)
			w := U - R - sc.LambdaE*(cell+wifi+rx)
			dst = append(dst, Candidate{Owner: j, Level: q, Tau: tau, Drift: drift, Welfare: w, Cost: drift - p.s.V*w})
		}
	}
	return dst
}
