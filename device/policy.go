package device

import "math"

// Member is a user of the deciding user's group as seen at a decision.
type Member struct {
	ID         int
	Video      bool    // the user's viewing window is active now
	Buffer     float64 // b_k, contiguous buffered content (s)
	Committed  float64 // κ_k, content in flight or received out of order (s)
	Remaining  int     // unrequested segments
	LastLevel  int     // level of the last playable segment, -1 before the first
	Admissible bool    // active, Remaining > 0 and b_k + κ_k + L_k ≤ B_k (+10⁻⁹)
	User       *User
}

// View is what a policy sees when the idle user Self decides at time Now: its cellular
// capacity now and the time of its next change, its last measured throughputs (Mbps, oldest
// first), its previous request time (−Inf if none) and its group, Self first and then every
// encountered user by ascending id. The View and its slices are owned by the simulator and
// valid only during the call to Decide.
type View struct {
	Now, Capacity, NextCapacityChange float64
	Self                              int
	History                           []float64
	LastRequest                       float64
	Members                           []Member
	Scenario                          *Scenario
}

// Member returns the member with the given user id, or nil if id is not in the group.
func (v *View) Member(id int) *Member {
	for k := range v.Members {
		if v.Members[k].ID == id {
			return &v.Members[k]
		}
	}
	return nil
}

// Decision is a policy's choice: download the next unrequested segment of user Owner's video
// at level Level, or, when Owner < 0, wait Wait seconds (+Inf: until woken; ≤ 0 or NaN: the
// DefaultWait rule).
type Decision struct {
	Owner, Level int
	Wait         float64
}

// Download returns the decision to download owner's next segment at level.
func Download(owner, level int) Decision { return Decision{Owner: owner, Level: level} }

// Wait returns the decision to wait d seconds.
func Wait(d float64) Decision { return Decision{Owner: -1, Wait: d} }

// Policy chooses what an idle user does. Decide is called at every decision event of a run
// with the simulator's View. Policies are not safe for concurrent use.
type Policy interface {
	Decide(v *View) Decision
}

// Resetter is implemented by policies with per-run state; Simulate calls Reset once before
// the run.
type Resetter interface {
	Reset(sc *Scenario)
}

// DefaultWait returns how long an idle user should wait when no member is worth downloading
// for: over the members k that are active video users with unrequested segments but not
// admissible,
//
//	w_k = b_k + κ_k + L_k − B_k  if b_k > 0,  else minWait,
//
// it returns max(minWait, min_k w_k), or +Inf when there is no such member (the user sleeps
// until woken).
//
// A member without a User or Video (only hand-built Views can hold one) contributes minWait.
//
// Reconstruction: the paper says only that "the user will wait for a certain time"; w_k is the
// time until k's buffer has room for one more segment.
func DefaultWait(v *View, minWait float64) float64 {
	w := math.Inf(1)
	for k := range v.Members {
		m := &v.Members[k]
		if !m.Video || m.Remaining == 0 || m.Admissible {
			continue
		}
		wk := minWait
		if m.Buffer > 0 && m.User != nil && m.User.Video != nil {
			vid := m.User.Video
			wk = m.Buffer + m.Committed + vid.SegLen - vid.MaxBuffer
		}
		w = math.Min(w, wk)
	}
	if math.IsInf(w, 1) {
		return w
	}
	return math.Max(minWait, w)
}
