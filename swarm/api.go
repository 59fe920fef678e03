package swarm

import (
	"math/rand/v2"
	"time"
)

// Discipline says how a multi-swarm host turns its allocation into links.
type Discipline int

const (
	// ShareSplit divides the host's step budget among the swarms in which it
	// has at least one link, in proportion to the shares renormalised over
	// those swarms, and fills up to the swarm's slot count in each swarm with
	// a positive share.
	ShareSplit Discipline = iota
	// RarestPick keeps at most Scenario.Slots links in total and gives every
	// free slot to the (swarm, piece) with the globally smallest availability
	// among the swarms with a positive share; the host's budget is split
	// equally over its links (GlobalRarest).
	RarestPick
)

// View is what an Allocator sees at an allocation epoch. All slices are
// read-only and valid only during the Allocate call.
type View struct {
	Now      time.Duration
	Scenario *Scenario
	Hosts    []int   // multi-swarm hosts, ascending
	Serve    [][]int // Serve[i] = S_h of Hosts[i], ascending
	// Demand[i][j] is the number of active members of Serve[i][j] interested
	// in Hosts[i] (0 for an inactive host).
	Demand [][]int
	// Active[i] reports whether Hosts[i] has joined and not left.
	Active               []bool
	Members              []int   // active members per swarm
	MemberUp, MemberDown []int64 // Σ capacities of active members per swarm, bytes/s
	Ledger               *Ledger // redeemed tokens only; read-only
}

// Allocation is an allocator's output, index-aligned with View.Hosts and
// View.Serve. On entry it holds the previous allocation (all zero at the first
// epoch). Simulate renormalises each positive share vector to sum 1; an
// all-zero vector leaves the host idle.
type Allocation struct {
	Share      [][]float64 // Share[i][j] for Hosts[i], Serve[i][j]
	Slots      [][]int     // 0 ⇒ Scenario.Slots
	Discipline []Discipline
}

// Allocator decides, every epoch, how multi-swarm hosts split their upload
// bandwidth. A non-nil error from Allocate stops Simulate.
type Allocator interface {
	Name() string
	Allocate(v *View, a *Allocation) error
}

// Resetter is implemented by stateful allocators; Simulate calls Reset once
// before a run.
type Resetter interface{ Reset(sc *Scenario) }

// Progress is passed to Settings.Progress.
type Progress struct {
	Step, Steps int
	Now         time.Duration
	Aggregate   float64 // bytes/s in the last step
}

// Settings configures Simulate. A nil *Settings means the defaults.
type Settings struct {
	// Src drives every random choice. Nil uses math/rand/v2's top-level
	// functions, so the run is not reproducible.
	Src           rand.Source
	Progress      func(Progress) error
	ProgressEvery time.Duration // 0 ⇒ 60 s of simulated time
	RecordPieces  bool          // keep Piece events in Result.Events (others always kept)
	MaxEvents     int           // 0 ⇒ 1e8
}

// EventKind classifies an Event.
type EventKind int

// Event kinds.
const (
	Piece EventKind = iota
	Join
	Leave
	Abort
	Primary
	Tau
)

// String returns the kind's name.
func (k EventKind) String() string {
	switch k {
	case Piece:
		return "Piece"
	case Join:
		return "Join"
	case Leave:
		return "Leave"
	case Abort:
		return "Abort"
	case Primary:
		return "Primary"
	case Tau:
		return "Tau"
	}
	return "EventKind(?)"
}

// Event is one entry of the event log. Fields that do not apply are -1.
// Piece events of step k carry T = (k+1)Δt (the piece completes at the end of
// the step); Join, Leave, Abort, Primary and Tau events happen at the start
// of step k and carry T = kΔt. Primary: From = host, Swarm = new primary
// (-1 idle). Piece: Parent = index in Result.Events of the Piece event in which
// the uploader acquired the piece (-1 for a root, or when Piece events are not
// recorded), Value = piece size. Abort: Value = bytes wasted. Tau: Value = τ
// in steps.
type Event struct {
	T                      time.Duration
	Kind                   EventKind
	From, To, Swarm, Piece int
	Parent                 int
	Value                  int64
}

// AllocationSample is the share vector a multi-swarm host actually used from
// time T on (after renormalisation).
type AllocationSample struct {
	T      time.Duration
	Host   int
	Swarms []int
	Share  []float64
}

// Result is the outcome of Simulate.
type Result struct {
	Policy                       string
	Step                         time.Duration
	Steps                        int       // steps run
	SwarmBytes                   [][]int64 // [step][swarm] bytes downloaded by members
	Aggregate                    []float64 // bytes/s per step
	Uploaded, Downloaded, Wasted int64
	UploadedBy, DownloadedBy     []int64 // per host
	Injected                     []int64 // per swarm, bytes uploaded by cachers
	InFlight                     int64   // bytes of links still open at the end
	PieceEvents                  int     // number of completed pieces (recorded or not)
	Events                       []Event
	Allocations                  []AllocationSample
	Ledger                       *Ledger
	Completed                    bool // false when stopped early
}
