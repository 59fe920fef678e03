package swarm

import (
	"fmt"
	"math"
	"time"
)

// Antfarm is the managed-swarm baseline: the coordinator estimates each
// swarm's response curve (aggregate bandwidth as a function of the bandwidth
// injected by caching hosts), water-fills the multi-swarm hosts' total
// capacity over the curves, maps the swarm targets onto hosts greedily, and
// holds the allocation for a dwell time.
//
// Literature: R. S. Peterson, E. G. Sirer, "Antfarm: Efficient Content
// Distribution with Managed Swarms", USENIX NSDI 2009. Paper (Peterson, Wong
// and Sirer, SIGCOMM 2011): Antfarm must remain at an allocation for a longer
// time to assess swarms and maps swarm targets onto hosts with a greedy
// solution of the assignment problem that fails under uneven content
// placement. Reconstruction (spec §2.7), every Dwell D:
//
//  1. per swarm s a sample (b̄_s, Ā_s) over the last D from the ledger:
//     bytes/s redeemed from uploaders caching s, and all bytes/s of s; the
//     last Samples samples are kept, all dropped when the active membership
//     changed by more than 10 % since the last sample;
//  2. R̂_s(b) = min(g_s·b, b + Û_s, D̂_s), g_s = ΣĀ/Σb̄ clamped to [1, n_s]
//     (n_s without samples);
//  3. Quanta steps of water-filling of B = Σ U_h over the swarms with demand;
//  4. greedy assignment in decreasing g_s, largest remaining host first;
//     leftover capacity to the host's eligible swarm with the largest g_s;
//  5. exploration: Explore·U_h to the least recently explored swarm with
//     demand and no target, from the lowest-index host serving it.
//
// Zero fields take the defaults Dwell 120 s, Quanta 50, Samples 8, Explore
// 0.1 (a negative Explore means exactly 0). Antfarm is stateful (Resetter)
// and not safe for concurrent use.
type Antfarm struct {
	Dwell   time.Duration
	Quanta  int
	Samples int
	Explore float64

	st            *afState
	dwell         time.Duration
	quanta, sampN int
	explore       float64
}

type afState struct {
	next     time.Duration
	samples  [][]afSample
	lastMem  []int
	explored []time.Duration
	expDone  []bool
	lastT    time.Duration
	started  bool
}

type afSample struct{ b, a float64 }

// Name returns "Antfarm".
func (af *Antfarm) Name() string { return "Antfarm" }

// Reset implements Resetter.
func (af *Antfarm) Reset(sc *Scenario) { af.st = nil }

func (af *Antfarm) init(v *View) error {
	af.dwell, af.quanta, af.sampN = af.Dwell, af.Quanta, af.Samples
	af.explore = defF(af.Explore, 0.1)
	if af.dwell == 0 {
		af.dwell = 2 * time.Minute
	}
	if af.quanta == 0 {
		af.quanta = 50
	}
	if af.sampN == 0 {
		af.sampN = 8
	}
	ep := v.Scenario.epoch()
	switch {
	case af.dwell < 0 || af.dwell%ep != 0:
		return fmt.Errorf("%w: Antfarm.Dwell %v is not a positive multiple of Epoch %v", ErrBadSettings, af.Dwell, ep)
	case af.quanta < 1:
		return fmt.Errorf("%w: Antfarm.Quanta %d < 1", ErrBadSettings, af.Quanta)
	case af.sampN < 1:
		return fmt.Errorf("%w: Antfarm.Samples %d < 1", ErrBadSettings, af.Samples)
	case math.IsNaN(af.Explore) || af.explore > 0.5:
		return fmt.Errorf("%w: Antfarm.Explore %v not in [0, 0.5]", ErrBadSettings, af.Explore)
	}
	ns := len(v.Members)
	af.st = &afState{
		samples:  make([][]afSample, ns),
		lastMem:  make([]int, ns),
		explored: make([]time.Duration, ns),
		expDone:  make([]bool, ns),
	}
	return nil
}

// Allocate implements Allocator.
func (af *Antfarm) Allocate(v *View, a *Allocation) error {
	if af.st == nil {
		if err := af.init(v); err != nil {
			return err
		}
	}
	st := af.st
	if st.started && v.Now < st.next {
		return nil // hold the allocation for the dwell
	}
	sc := v.Scenario
	ns := len(v.Members)
	// 1. Samples over the last dwell.
	if st.started {
		bb := make([]float64, ns)
		aa := make([]float64, ns)
		v.Ledger.countIn(st.lastT, v.Now, func(e int) {
			t := v.Ledger.toks[e]
			sz := float64(sc.Swarms[t.Swarm].PieceSize)
			aa[t.Swarm] += sz
			if sc.Hosts[t.Uploader].Swarm != t.Swarm {
				bb[t.Swarm] += sz
			}
		})
		d := (v.Now - st.lastT).Seconds()
		for s := 0; s < ns; s++ {
			last := st.lastMem[s]
			if diff := v.Members[s] - last; diff != 0 && float64(absInt(diff)) > 0.1*float64(last) {
				st.samples[s] = st.samples[s][:0]
			}
			st.samples[s] = append(st.samples[s], afSample{b: bb[s] / d, a: aa[s] / d})
			if len(st.samples[s]) > af.sampN {
				st.samples[s] = st.samples[s][1:]
			}
		}
	}
	copy(st.lastMem, v.Members)
	st.lastT = v.Now
	st.started = true
	st.next = v.Now + af.dwell

	// 2. Response curves.
	g := make([]float64, ns)
	dem := make([]bool, ns)
	for i := range v.Hosts {
		for j, s := range v.Serve[i] {
			if v.Demand[i][j] > 0 {
				dem[s] = true
			}
		}
	}
	for s := 0; s < ns; s++ {
		n := float64(v.Members[s])
		var sa, sb float64
		for _, x := range st.samples[s] {
			if x.b > 0 {
				sa += x.a
				sb += x.b
			}
		}
		if sb > 0 {
			g[s] = math.Min(math.Max(sa/sb, 1), math.Max(n, 1))
		} else {
			g[s] = math.Max(n, 1)
		}
	}
	resp := func(s int, b float64) float64 {
		return math.Min(math.Min(g[s]*b, b+float64(v.MemberUp[s])), float64(v.MemberDown[s]))
	}
	// 3. Water-filling.
	var B float64
	capa := make([]float64, len(v.Hosts))
	for i, h := range v.Hosts {
		if v.Active[i] {
			capa[i] = float64(sc.Hosts[h].Up)
			B += capa[i]
		}
	}
	target := make([]float64, ns)
	if B > 0 {
		q := B / float64(af.quanta)
		for it := 0; it < af.quanta; it++ {
			best, bg := -1, 0.0
			for s := 0; s < ns; s++ {
				if !dem[s] {
					continue
				}
				if gain := resp(s, target[s]+q) - resp(s, target[s]); gain > bg {
					best, bg = s, gain
				}
			}
			if best < 0 {
				break
			}
			target[best] += q
		}
	}
	// 4. Greedy assignment.
	order := make([]int, 0, ns)
	for s := 0; s < ns; s++ {
		if target[s] > 0 {
			order = append(order, s)
		}
	}
	sortStable(order, func(x, y int) bool { return g[x] > g[y] })
	rem := append([]float64(nil), capa...)
	give := make([][]float64, len(v.Hosts))
	for i := range give {
		give[i] = make([]float64, len(v.Serve[i]))
	}
	for _, s := range order {
		need := target[s]
		for need > 1e-9 {
			bi, bj := -1, -1
			for i := range v.Hosts {
				if rem[i] <= 1e-9 {
					continue
				}
				for j, sw := range v.Serve[i] {
					if sw == s && v.Demand[i][j] > 0 {
						if bi < 0 || rem[i] > rem[bi] {
							bi, bj = i, j
						}
					}
				}
			}
			if bi < 0 {
				break // unassignable target is dropped
			}
			x := math.Min(need, rem[bi])
			give[bi][bj] += x
			rem[bi] -= x
			need -= x
		}
	}
	for i := range v.Hosts {
		if rem[i] <= 1e-9 {
			continue
		}
		bj := -1
		for j, sw := range v.Serve[i] {
			if v.Demand[i][j] > 0 && (bj < 0 || g[sw] > g[v.Serve[i][bj]]) {
				bj = j
			}
		}
		if bj >= 0 {
			give[i][bj] += rem[i]
		}
	}
	// 5. Exploration.
	if af.explore > 0 {
		ex := -1
		for s := 0; s < ns; s++ {
			if !dem[s] || target[s] > 0 {
				continue
			}
			if ex < 0 || (!st.expDone[s] && st.expDone[ex]) ||
				(st.expDone[s] == st.expDone[ex] && st.explored[s] < st.explored[ex]) ||
				(st.expDone[s] == st.expDone[ex] && st.explored[s] == st.explored[ex] && v.Members[s] > v.Members[ex]) {
				ex = s
			}
		}
		if ex >= 0 {
			for i := range v.Hosts {
				j := -1
				for jj, sw := range v.Serve[i] {
					if sw == ex && v.Demand[i][jj] > 0 {
						j = jj
					}
				}
				if j < 0 {
					continue
				}
				amt := af.explore * capa[i]
				big := 0
				for jj := range give[i] {
					if give[i][jj] > give[i][big] {
						big = jj
					}
				}
				take := math.Min(amt, give[i][big])
				give[i][big] -= take
				give[i][j] += take
				st.explored[ex], st.expDone[ex] = v.Now, true
				break
			}
		}
	}
	for i := range v.Hosts {
		a.Discipline[i] = ShareSplit
		for j := range v.Serve[i] {
			a.Share[i][j] = 0
			a.Slots[i][j] = 0
			if capa[i] > 0 {
				a.Share[i][j] = give[i][j] / capa[i]
			}
		}
	}
	return nil
}

func sortStable(xs []int, less func(a, b int) bool) {
	// insertion sort: stable, small inputs
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && less(xs[j], xs[j-1]); j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}
