package swarm

import (
	"errors"
	"fmt"
	"time"
)

// Sentinel errors of the package.
var (
	ErrInvalidScenario = errors.New("swarm: invalid scenario")
	ErrBadSettings     = errors.New("swarm: invalid settings")
	ErrBadAllocation   = errors.New("swarm: invalid allocation")
	ErrDoubleRedeem    = errors.New("swarm: token already redeemed")
	ErrForeignToken    = errors.New("swarm: token redeemed by a host that is not its uploader")
	ErrBadToken        = errors.New("swarm: token out of range")
	ErrEventLimit      = errors.New("swarm: event limit reached")
	ErrNoBound         = errors.New("swarm: fluid bound LP failed")
)

// ScenarioError reports an invalid Scenario or scenario configuration. Host and
// Swarm are -1 where not applicable. It unwraps to ErrInvalidScenario.
type ScenarioError struct {
	Host, Swarm int
	Field       string
	Reason      string
}

func (e *ScenarioError) Error() string {
	s := "swarm: invalid scenario: " + e.Field
	if e.Host >= 0 {
		s += fmt.Sprintf(" (host %d)", e.Host)
	}
	if e.Swarm >= 0 {
		s += fmt.Sprintf(" (swarm %d)", e.Swarm)
	}
	return s + ": " + e.Reason
}

// Unwrap returns ErrInvalidScenario.
func (e *ScenarioError) Unwrap() error { return ErrInvalidScenario }

func scErr(host, sw int, field, format string, args ...any) error {
	return &ScenarioError{Host: host, Swarm: sw, Field: field, Reason: fmt.Sprintf(format, args...)}
}

// AllocationError reports an allocator output that Simulate cannot use: a NaN,
// infinite or negative share, a share vector of the wrong length, or negative
// slots. It unwraps to ErrBadAllocation.
type AllocationError struct {
	Host   int
	T      time.Duration
	Reason string
}

func (e *AllocationError) Error() string {
	return fmt.Sprintf("swarm: invalid allocation for host %d at %v: %s", e.Host, e.T, e.Reason)
}

// Unwrap returns ErrBadAllocation.
func (e *AllocationError) Unwrap() error { return ErrBadAllocation }

// HostKind classifies a host. Cache and Origin behave identically in the
// simulator and differ only in reporting.
type HostKind int

// Host kinds.
const (
	Peer HostKind = iota
	Cache
	Origin
)

// String returns the kind's name.
func (k HostKind) String() string {
	switch k {
	case Peer:
		return "Peer"
	case Cache:
		return "Cache"
	case Origin:
		return "Origin"
	}
	return fmt.Sprintf("HostKind(%d)", int(k))
}

// Host is one participant: a peer, cache or origin server.
//
// Up and Down are capacities in bytes per second. Swarm is the swarm the host
// downloads as a member (-1 if none); Cached lists, ascending and distinct, the
// swarms whose complete file the host holds from the start. A host serves
// S_h = Cached ∪ {Swarm}. Join is the activation time (default 0) and Leave the
// departure time (0 = never).
type Host struct {
	Kind        HostKind
	Up, Down    int64
	Swarm       int
	Cached      []int
	Join, Leave time.Duration
}

// Swarm is one file of Pieces pieces of PieceSize bytes. The piece is the unit
// of transfer, availability, receipt token and CPM accounting.
type Swarm struct {
	Name      string
	Pieces    int
	PieceSize int64
}

// ChokeRule selects how an uploader fills its free upload slots.
type ChokeRule int

const (
	// ChokeRoundRobin fills a free slot at the next step with the first
	// interested, not yet linked, active member found by a cyclic scan from the
	// uploader's per-swarm cursor. Reconstruction: a simplification of
	// BitTorrent's choking in which unchoking happens at piece boundaries; it is
	// libtorrent's round-robin seed choking applied to every uploader.
	ChokeRoundRobin ChokeRule = iota
	// ChokeTitForTat is mainline BitTorrent's leecher choking (Cohen, 2003):
	// every 10 s a leecher keeps the Slots−1 members that sent it the most in
	// the last 20 s, plus one optimistic unchoke redrawn every 30 s; members
	// silent for 60 s are snubbed. Seeds and cachers use round robin.
	ChokeTitForTat
)

// CompleteRule says what a member does once it holds the whole file.
type CompleteRule int

const (
	// Stay keeps a complete member uploading as a seed.
	Stay CompleteRule = iota
	// Depart makes a complete member leave at the next step.
	Depart
)

// Scenario is a complete simulation input. Zero Step, Slots, Epoch and Redeem
// take the defaults 1 s, 4, 30 s and 10 s. Simulate never modifies it.
type Scenario struct {
	Name       string
	Swarms     []Swarm
	Hosts      []Host
	Duration   time.Duration
	Step       time.Duration // 0 ⇒ 1 s
	Slots      int           // 0 ⇒ 4
	Choke      ChokeRule
	OnComplete CompleteRule
	Epoch      time.Duration // 0 ⇒ 30 s
	Redeem     time.Duration // 0 ⇒ 10 s
}

const (
	maxPieces    = 1 << 24
	maxPieceSize = 1 << 30
	maxSteps     = 10_000_000
	maxRate      = 1 << 40 // bytes/s; keeps every byte counter far below 2^63
)

func (sc *Scenario) step() time.Duration {
	if sc.Step == 0 {
		return time.Second
	}
	return sc.Step
}

func (sc *Scenario) slots() int {
	if sc.Slots == 0 {
		return 4
	}
	return sc.Slots
}

func (sc *Scenario) epoch() time.Duration {
	if sc.Epoch == 0 {
		return 30 * time.Second
	}
	return sc.Epoch
}

func (sc *Scenario) redeem() time.Duration {
	if sc.Redeem == 0 {
		return 10 * time.Second
	}
	return sc.Redeem
}

// Validate checks the scenario against the rules of the package (spec §4) and
// returns a *ScenarioError naming the host or swarm and the field, or nil.
//
// Besides the documented rules, Step must be a whole number of milliseconds
// (the per-step byte budget is computed in exact integer milliseconds) and
// capacities must not exceed 2^40 B/s (int64 safety).
func (sc *Scenario) Validate() error {
	if len(sc.Swarms) == 0 {
		return scErr(-1, -1, "Swarms", "no swarms")
	}
	for s, w := range sc.Swarms {
		if w.Pieces < 1 || w.Pieces > maxPieces {
			return scErr(-1, s, "Pieces", "%d not in [1, 2^24]", w.Pieces)
		}
		if w.PieceSize < 1 || w.PieceSize > maxPieceSize {
			return scErr(-1, s, "PieceSize", "%d not in [1, 2^30]", w.PieceSize)
		}
	}
	step := sc.step()
	if step < time.Millisecond || step%time.Millisecond != 0 {
		return scErr(-1, -1, "Step", "%v is not a positive whole number of milliseconds", step)
	}
	if sc.Duration <= 0 {
		return scErr(-1, -1, "Duration", "%v is not positive", sc.Duration)
	}
	if sc.Duration%step != 0 {
		return scErr(-1, -1, "Duration", "%v is not a multiple of Step %v", sc.Duration, step)
	}
	if sc.Duration/step > maxSteps {
		return scErr(-1, -1, "Duration", "%d steps exceed 10^7", sc.Duration/step)
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"Epoch", sc.epoch()}, {"Redeem", sc.redeem()}} {
		if d.v <= 0 || d.v%step != 0 {
			return scErr(-1, -1, d.name, "%v is not a positive multiple of Step %v", d.v, step)
		}
		if d.v > sc.Duration {
			return scErr(-1, -1, d.name, "%v is longer than Duration %v", d.v, sc.Duration)
		}
	}
	if sc.Slots < 0 || sc.Slots > 64 {
		return scErr(-1, -1, "Slots", "%d not in [0, 64]", sc.Slots)
	}
	if sc.Choke != ChokeRoundRobin && sc.Choke != ChokeTitForTat {
		return scErr(-1, -1, "Choke", "unknown rule %d", sc.Choke)
	}
	if sc.OnComplete != Stay && sc.OnComplete != Depart {
		return scErr(-1, -1, "OnComplete", "unknown rule %d", sc.OnComplete)
	}
	if len(sc.Hosts) == 0 {
		return scErr(-1, -1, "Hosts", "no hosts")
	}
	ns := len(sc.Swarms)
	for i := range sc.Hosts {
		h := &sc.Hosts[i]
		if h.Kind < Peer || h.Kind > Origin {
			return scErr(i, -1, "Kind", "unknown kind %d", h.Kind)
		}
		if h.Up <= 0 || h.Up > maxRate {
			return scErr(i, -1, "Up", "%d not in (0, 2^40]", h.Up)
		}
		if h.Down < 0 || h.Down > maxRate {
			return scErr(i, -1, "Down", "%d not in [0, 2^40]", h.Down)
		}
		if h.Swarm < -1 || h.Swarm >= ns {
			return scErr(i, -1, "Swarm", "%d not in [-1, %d)", h.Swarm, ns)
		}
		if h.Swarm >= 0 && h.Down == 0 {
			return scErr(i, h.Swarm, "Down", "a member needs a positive download capacity")
		}
		for j, s := range h.Cached {
			if s < 0 || s >= ns {
				return scErr(i, s, "Cached", "swarm %d out of range", s)
			}
			if j > 0 && s <= h.Cached[j-1] {
				return scErr(i, s, "Cached", "not ascending and distinct")
			}
			if s == h.Swarm {
				return scErr(i, s, "Cached", "host caches its own member swarm")
			}
		}
		if h.Swarm < 0 && len(h.Cached) == 0 {
			return scErr(i, -1, "Cached", "host has no swarm to serve")
		}
		if h.Join < 0 || h.Join%step != 0 {
			return scErr(i, -1, "Join", "%v is not a non-negative multiple of Step", h.Join)
		}
		if h.Leave != 0 {
			if h.Leave <= h.Join {
				return scErr(i, -1, "Leave", "%v is not after Join %v", h.Leave, h.Join)
			}
			if h.Leave%step != 0 {
				return scErr(i, -1, "Leave", "%v is not a multiple of Step", h.Leave)
			}
		}
	}
	return nil
}

// Serve returns S_h, the swarms host h can serve, ascending. It panics if h is
// out of range.
func (sc *Scenario) Serve(h int) []int {
	if h < 0 || h >= len(sc.Hosts) {
		panic("swarm: index out of range")
	}
	return serveSet(&sc.Hosts[h])
}

func serveSet(h *Host) []int {
	out := make([]int, 0, len(h.Cached)+1)
	inserted := h.Swarm < 0
	for _, s := range h.Cached {
		if !inserted && h.Swarm < s {
			out = append(out, h.Swarm)
			inserted = true
		}
		out = append(out, s)
	}
	if !inserted {
		out = append(out, h.Swarm)
	}
	return out
}

// MultiSwarmHosts returns, ascending, the hosts that can serve at least two
// swarms; the allocator controls exactly these hosts.
func (sc *Scenario) MultiSwarmHosts() []int {
	var out []int
	for i := range sc.Hosts {
		n := len(sc.Hosts[i].Cached)
		if sc.Hosts[i].Swarm >= 0 {
			n++
		}
		if n >= 2 {
			out = append(out, i)
		}
	}
	return out
}

// clone returns a deep copy of sc.
func (sc *Scenario) clone() *Scenario {
	c := *sc
	c.Swarms = append([]Swarm(nil), sc.Swarms...)
	c.Hosts = make([]Host, len(sc.Hosts))
	for i, h := range sc.Hosts {
		h.Cached = append([]int(nil), h.Cached...)
		c.Hosts[i] = h
	}
	return &c
}
