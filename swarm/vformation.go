package swarm

import (
	"fmt"
	"math"
	"time"
)

// VFormation allocates each multi-swarm host's upload bandwidth to the swarm
// where its pieces propagate furthest, as measured by the Content Propagation
// Metric (see CPM), with lightweight probes of the other swarms.
//
// Paper (Peterson, Wong and Sirer, "A Content Propagation Metric for
// Efficient Content Distribution", ACM SIGCOMM 2011,
// doi:10.1145/2018436.2018474): hosts preferentially upload to swarms that
// exhibit high marginal utility (high CPM); lightweight probes determine the
// allocation; the coordinator uses each individual host's benefit;
// allocations shift continuously with changing CPM values.
//
// Reconstruction (spec §2.7). Per epoch T and multi-swarm host h with
// eligible swarms E_h (d_hs > 0):
//
//	c_s, n_s ← CPM_τ(h,s) over roots in [T−R−τ−W, T−R−τ];  ub_s ← d_hs + 1
//	p ← previous primary if in E_h, else argmax ub_s
//	b ← argmax over {s : n_s ≥ MinSamples} of c_s (ties: larger ub, lower index)
//	if b ≠ p, n_p ≥ MinSamples and c_b > (1+δ)·c_p: p ← b        (hysteresis)
//	c* ← c_p if n_p ≥ MinSamples else 0
//	probe q: the current probe for ProbeEpochs epochs, then the least recently
//	         probed swarm of E_h∖{p} with ub_s > c* (bound pruning)
//	target: t_p = 1−ε, t_q = ε (t_p = 1 without probe); slots Slots for p, 1 for q
//	argmax (η = 0): x ← target;  shift (η > 0): x ← (1−η)x + η·target,
//	entries below 0.02 or of ineligible swarms set to 0, renormalised.
//
// Zero fields take the defaults: Tau adaptive (start 120 s, chosen by
// Selector, default TauSelector), Window 300 s, ProbeShare ε 0.1, Hysteresis
// δ 0.1, Shift η 0, MinSamples 2, ProbeEpochs 2. A negative ProbeShare,
// Hysteresis or Shift means exactly 0. Invalid values are reported by the
// first Allocate as an error wrapping ErrBadSettings.
//
// A VFormation is stateful (it implements Resetter) and not safe for
// concurrent use; use one value per run.
type VFormation struct {
	Tau                           time.Duration // 0 ⇒ adaptive via Selector
	Selector                      *TauSelector  // nil ⇒ default TauSelector
	Window                        time.Duration // W; 0 ⇒ 300 s
	ProbeShare, Hysteresis, Shift float64       // ε 0.1, δ 0.1, η 0
	MinSamples, ProbeEpochs       int           // 2, 2
	// Label, if not empty, replaces the Name.
	Label string

	st *vfState
}

type vfState struct {
	tau      time.Duration
	sel      TauSelector
	eps, del float64
	eta      float64
	window   time.Duration
	minS     int
	probeEp  int
	lastSel  time.Duration
	selMem   []int
	hosts    []vfHost
	tauLog   []time.Duration
	TauTrace []TauChoice
}

type vfHost struct {
	primary   int // index into Serve, -1 none
	probe     int
	probeLeft int
	lastProbe []time.Duration
	probed    []bool
	x         []float64
}

// TauChoice records a τ chosen by the adaptive selector.
type TauChoice struct {
	T   time.Duration
	Tau time.Duration
}

// VFormationShift returns the shift variant of VFormation (η = 0.25), named
// "VFormationShift".
func VFormationShift() *VFormation {
	return &VFormation{Shift: 0.25, Label: "VFormationShift"}
}

// Name returns Label, or "VFormation" (argmax) / "VFormationShift" (η > 0).
func (vf *VFormation) Name() string {
	if vf.Label != "" {
		return vf.Label
	}
	if vf.Shift > 0 {
		return "VFormationShift"
	}
	return "VFormation"
}

// Reset implements Resetter.
func (vf *VFormation) Reset(sc *Scenario) { vf.st = nil }

// TauTrace returns the τ chosen at each selector run of the last (or
// current) run, in time order; for a fixed Tau it is empty.
func (vf *VFormation) TauTrace() []TauChoice {
	if vf.st == nil {
		return nil
	}
	return vf.st.TauTrace
}

func defF(x, def float64) float64 {
	switch {
	case x == 0:
		return def
	case x < 0:
		return 0
	}
	return x
}

func (vf *VFormation) init(v *View) error {
	step := v.Scenario.step()
	st := &vfState{
		eps:     defF(vf.ProbeShare, 0.1),
		del:     defF(vf.Hysteresis, 0.1),
		eta:     defF(vf.Shift, 0),
		window:  vf.Window,
		minS:    vf.MinSamples,
		probeEp: vf.ProbeEpochs,
		tau:     vf.Tau,
		lastSel: math.MinInt64,
	}
	if st.window == 0 {
		st.window = 5 * time.Minute
	}
	if st.minS == 0 {
		st.minS = 2
	}
	if st.probeEp == 0 {
		st.probeEp = 2
	}
	switch {
	case math.IsNaN(vf.ProbeShare) || st.eps > 0.5:
		return fmt.Errorf("%w: VFormation.ProbeShare %v not in [0, 0.5]", ErrBadSettings, vf.ProbeShare)
	case math.IsNaN(vf.Hysteresis) || math.IsInf(st.del, 0):
		return fmt.Errorf("%w: VFormation.Hysteresis %v is not finite", ErrBadSettings, vf.Hysteresis)
	case math.IsNaN(vf.Shift) || st.eta > 1:
		return fmt.Errorf("%w: VFormation.Shift %v not in [0, 1]", ErrBadSettings, vf.Shift)
	case st.minS < 1:
		return fmt.Errorf("%w: VFormation.MinSamples %d < 1", ErrBadSettings, vf.MinSamples)
	case st.probeEp < 1:
		return fmt.Errorf("%w: VFormation.ProbeEpochs %d < 1", ErrBadSettings, vf.ProbeEpochs)
	case st.window < 0 || st.window%step != 0:
		return fmt.Errorf("%w: VFormation.Window %v is not a positive multiple of Step", ErrBadSettings, vf.Window)
	case vf.Tau < 0 || vf.Tau%step != 0:
		return fmt.Errorf("%w: VFormation.Tau %v is not a non-negative multiple of Step", ErrBadSettings, vf.Tau)
	}
	if vf.Tau == 0 {
		var sel TauSelector
		if vf.Selector != nil {
			sel = *vf.Selector
		}
		st.sel = sel.withDefaults()
		if err := st.sel.validate(step); err != nil {
			return err
		}
		st.tau = 2 * time.Minute
	}
	st.hosts = make([]vfHost, len(v.Hosts))
	for i := range st.hosts {
		n := len(v.Serve[i])
		st.hosts[i] = vfHost{primary: -1, probe: -1, lastProbe: make([]time.Duration, n), probed: make([]bool, n), x: make([]float64, n)}
	}
	st.selMem = make([]int, len(v.Members))
	vf.st = st
	return nil
}

func (vf *VFormation) tauChanges() []time.Duration {
	if vf.st == nil {
		return nil
	}
	out := vf.st.tauLog
	vf.st.tauLog = nil
	return out
}

func (vf *VFormation) selectTau(v *View) {
	st := vf.st
	changed := false
	for s, m := range v.Members {
		last := st.selMem[s]
		if d := m - last; d != 0 && float64(absInt(d)) > 0.1*float64(last) {
			changed = true
			break
		}
	}
	if !changed && st.lastSel != math.MinInt64 && v.Now-st.lastSel < st.sel.Every {
		return
	}
	if st.lastSel == math.MinInt64 && !changed {
		// First epoch: nothing measured yet.
		st.lastSel = v.Now
		copy(st.selMem, v.Members)
		return
	}
	st.lastSel = v.Now
	copy(st.selMem, v.Members)
	tau, ok := st.sel.Select(v, st.tau, st.window)
	if ok && tau != st.tau {
		st.tau = tau
		st.tauLog = append(st.tauLog, tau)
	}
	st.TauTrace = append(st.TauTrace, TauChoice{T: v.Now, Tau: st.tau})
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Allocate implements Allocator.
func (vf *VFormation) Allocate(v *View, a *Allocation) error {
	if vf.st == nil {
		if err := vf.init(v); err != nil {
			return err
		}
	}
	st := vf.st
	if vf.Tau == 0 {
		vf.selectTau(v)
	}
	tau := st.tau
	R := v.Scenario.redeem()
	hi := v.Now - R - tau
	lo := hi - st.window
	slots := v.Scenario.slots()
	c := make([]float64, 0, 8)
	ns := make([]int, 0, 8)
	for i, h := range v.Hosts {
		hs := &st.hosts[i]
		serve := v.Serve[i]
		dem := v.Demand[i]
		sh, sl := a.Share[i], a.Slots[i]
		a.Discipline[i] = ShareSplit
		for j := range sh {
			sh[j], sl[j] = 0, 0
		}
		elig := 0
		for _, d := range dem {
			if d > 0 {
				elig++
			}
		}
		if elig == 0 {
			hs.primary, hs.probe = -1, -1
			clear(hs.x)
			continue
		}
		c, ns = c[:0], ns[:0]
		for j, s := range serve {
			if dem[j] == 0 || hi < 0 {
				c, ns = append(c, 0), append(ns, 0)
				continue
			}
			e := CPM(v.Ledger, h, s, tau, lo, hi)
			c, ns = append(c, e.Mean), append(ns, e.N)
		}
		ub := func(j int) float64 { return float64(dem[j] + 1) }
		p := hs.primary
		if p < 0 || dem[p] == 0 {
			p = -1
			for j := range serve {
				if dem[j] > 0 && (p < 0 || ub(j) > ub(p)) {
					p = j
				}
			}
		}
		b := -1
		for j := range serve {
			if dem[j] == 0 || ns[j] < st.minS {
				continue
			}
			if b < 0 || c[j] > c[b] || (c[j] == c[b] && ub(j) > ub(b)) {
				b = j
			}
		}
		if b >= 0 && b != p && ns[p] >= st.minS && c[b] > (1+st.del)*c[p] {
			p = b
		}
		cstar := 0.0
		if ns[p] >= st.minS {
			cstar = c[p]
		}
		q := hs.probe
		if q >= 0 && (hs.probeLeft <= 0 || q == p || dem[q] == 0) {
			q = -1
		}
		if q < 0 && st.eps > 0 {
			for j := range serve {
				if j == p || dem[j] == 0 || ub(j) <= cstar {
					continue
				}
				if q < 0 || older(hs, j, q) || (sameAge(hs, j, q) && ub(j) > ub(q)) {
					q = j
				}
			}
			if q >= 0 {
				hs.lastProbe[q], hs.probed[q] = v.Now, true
				hs.probeLeft = st.probeEp
			}
		}
		if q >= 0 {
			hs.probeLeft--
		}
		hs.primary, hs.probe = p, q
		if st.eta == 0 {
			clear(hs.x)
			if q >= 0 {
				hs.x[p], hs.x[q] = 1-st.eps, st.eps
			} else {
				hs.x[p] = 1
			}
		} else {
			var sum float64
			for j := range hs.x {
				t := 0.0
				if j == p {
					t = 1
					if q >= 0 {
						t = 1 - st.eps
					}
				} else if j == q {
					t = st.eps
				}
				hs.x[j] = (1-st.eta)*hs.x[j] + st.eta*t
				if dem[j] == 0 || hs.x[j] < 0.02 {
					hs.x[j] = 0
				}
				sum += hs.x[j]
			}
			if sum > 0 {
				for j := range hs.x {
					hs.x[j] /= sum
				}
			} else {
				hs.x[p] = 1
			}
		}
		for j, x := range hs.x {
			if x > 0 {
				sh[j] = x
				sl[j] = slots
				if j == q {
					sl[j] = 1
				}
			}
		}
	}
	return nil
}

func older(hs *vfHost, j, q int) bool {
	if hs.probed[j] != hs.probed[q] {
		return !hs.probed[j]
	}
	return hs.probed[j] && hs.lastProbe[j] < hs.lastProbe[q]
}

func sameAge(hs *vfHost, j, q int) bool {
	return hs.probed[j] == hs.probed[q] && (!hs.probed[j] || hs.lastProbe[j] == hs.lastProbe[q])
}
