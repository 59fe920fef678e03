package swarm

// BTEqualSplit is the BitTorrent baseline: every epoch a multi-swarm host
// gives x_hs = 1/|E_h| to each swarm s of E_h = {s ∈ S_h : d_hs > 0} (swarms
// with at least one interested member), with Scenario.Slots links each — one
// independent torrent per file, as a client seeding many torrents does.
//
// Paper: BitTorrent ignores swarm-wide performance, so singleton and long-tail
// swarms receive a high proportion of the servers' bandwidth (Peterson, Wong
// and Sirer, SIGCOMM 2011). It is stateless and safe for concurrent use.
type BTEqualSplit struct{}

// Name returns "BTEqualSplit".
func (BTEqualSplit) Name() string { return "BTEqualSplit" }

// Allocate implements Allocator.
func (BTEqualSplit) Allocate(v *View, a *Allocation) error {
	equalSplit(v, a, ShareSplit)
	return nil
}

func equalSplit(v *View, a *Allocation, d Discipline) {
	for i := range v.Hosts {
		n := 0
		for _, dm := range v.Demand[i] {
			if dm > 0 {
				n++
			}
		}
		for j, dm := range v.Demand[i] {
			a.Share[i][j] = 0
			a.Slots[i][j] = 0
			if dm > 0 {
				a.Share[i][j] = 1 / float64(n)
			}
		}
		a.Discipline[i] = d
	}
}

// GlobalRarest gives every free upload slot of a multi-swarm host to the
// (swarm, piece) pair with the globally smallest availability among the
// swarms of S_h with demand, over pieces held by fewer than all active
// members; ties are uniform over all tied pairs. A host keeps at most
// Scenario.Slots links in total and splits its budget equally over them
// (discipline RarestPick). Its reported shares are equal over eligible swarms.
//
// Paper: the policy is named in the evaluation; the rule is a Reconstruction
// (spec §2.7): per swarm a histogram of piece availabilities gives the lowest
// level in O(members), a swarm is drawn in proportion to its pieces at the
// global lowest level, then a uniform piece at that level, then the next
// member (cyclic cursor) lacking it; up to three redraws. It is stateless and
// safe for concurrent use.
type GlobalRarest struct{}

// Name returns "GlobalRarest".
func (GlobalRarest) Name() string { return "GlobalRarest" }

// Allocate implements Allocator.
func (GlobalRarest) Allocate(v *View, a *Allocation) error {
	equalSplit(v, a, RarestPick)
	return nil
}

// StaticAllocation is a fixed allocation X[h][s] (bytes/s or any
// non-negative weights) per multi-swarm host h and swarm s, renormalised every
// epoch over the host's eligible swarms (both StaticAllocation and
// *StaticAllocation implement Allocator); a host whose eligible weights are all
// zero falls back to an equal split over its eligible swarms. With the X of
// FluidBound it is the "fluid-optimal static" reference. Label, if not empty,
// is its Name. It is not modified and is safe for concurrent use.
type StaticAllocation struct {
	X     map[int]map[int]float64
	Label string
}

// Name returns Label or "StaticAllocation".
func (sa StaticAllocation) Name() string {
	if sa.Label != "" {
		return sa.Label
	}
	return "StaticAllocation"
}

// Allocate implements Allocator. It returns an error wrapping
// ErrBadAllocation for a NaN, infinite or negative weight.
func (sa StaticAllocation) Allocate(v *View, a *Allocation) error {
	for i, h := range v.Hosts {
		var sum float64
		n := 0
		for j, s := range v.Serve[i] {
			a.Share[i][j], a.Slots[i][j] = 0, 0
			if v.Demand[i][j] == 0 {
				continue
			}
			n++
			x := sa.X[h][s]
			if !(x >= 0) || x > 1e300 {
				return &AllocationError{Host: h, T: v.Now, Reason: "static weight is NaN, infinite or negative"}
			}
			a.Share[i][j] = x
			sum += x
		}
		if sum == 0 && n > 0 {
			for j := range v.Serve[i] {
				if v.Demand[i][j] > 0 {
					a.Share[i][j] = 1 / float64(n)
				}
			}
		}
		a.Discipline[i] = ShareSplit
	}
	return nil
}
