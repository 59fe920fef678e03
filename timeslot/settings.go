package timeslot

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/timeslot/lp"
)

// Errors of package timeslot. Functions wrap them with details; test with errors.Is.
var (
	ErrBadSettings = errors.New("timeslot: invalid settings")
	ErrTooLarge    = errors.New("timeslot: model exceeds MaxColumns")
	// ErrNumeric reports a scenario whose valid numbers combine into a non-finite LP entry (for example a
	// bitrate so large that the energy per content second overflows).
	ErrNumeric = errors.New("timeslot: scenario numbers overflow the LP")
)

// Form selects the LP formulation.
type Form int

// LP formulations.
const (
	// FormAuto picks FormHub when it is exact (every location change on a slot boundary) and FormFlow otherwise.
	FormAuto Form = iota
	// FormFlow has one column per (downloader, owner, level, slot).
	FormFlow
	// FormHub routes the cross flows of each (hotspot, slot) group through one hub.
	FormHub
)

// String returns "auto", "flow" or "hub".
func (f Form) String() string {
	switch f {
	case FormAuto:
		return "auto"
	case FormFlow:
		return "flow"
	case FormHub:
		return "hub"
	}
	return fmt.Sprintf("Form(%d)", int(f))
}

// Default values of Settings.
const (
	DefaultSlot       = 1.0 // s
	DefaultRound      = 0.5 // tracker threshold ϑ, in segments
	DefaultMaxColumns = 50_000_000
	maxSlots          = 1e7
)

// Settings configures UpperBound, LowerBound, Bounds, Build and Count. A nil or zero Settings means the
// documented defaults.
type Settings struct {
	Slot        float64      // Δ in seconds; 0 → 1
	Form        Form         // FormAuto: hub when exact, else flow
	BufferSlack float64      // σ added to every B_j (s); 0: the simulator's admission rule
	LP          *lp.Settings // nil → lp defaults (Tol 1e-6); X0 and Y0 are ignored (one solve per component)
	// Solver replaces lp.Solve (nil → lp.Solve). A solver that returns no dual point makes the bound
	// uncertified.
	Solver        func(context.Context, *lp.Problem, *lp.Settings) (*lp.Solution, error)
	Workers       int                    // components solved in parallel; 0 → GOMAXPROCS
	Sim           *device.SimSettings    // lower-bound runs; nil → defaults; Record is forced
	Round         float64                // tracker threshold ϑ in (0, 1]; 0 → 0.5
	Lookahead     float64                // tracker Λ (s); 0 → Slot
	LowerPolicies []func() device.Policy // extra lower-bound candidates
	MaxColumns    int                    // size guard; 0 → 5e7
	// Progress, when set, is called after every LP evaluation of every component (serialised across
	// workers); a non-nil error stops the solves.
	Progress func(Progress) error
}

// Progress reports the LP progress of one component.
type Progress struct {
	Component, Components int
	Users                 []int
	LP                    lp.Progress
}

// resolved holds validated settings with defaults applied.
type resolved struct {
	slot, slack, round, lookahead float64
	form                          Form
	workers, maxCols              int
	s                             Settings
}

func badSetting(field string, v any, why string) error {
	return fmt.Errorf("%w: %s = %v %s", ErrBadSettings, field, v, why)
}

// resolve validates s for scenario horizon h and fills the defaults.
func resolve(s *Settings, h float64) (*resolved, error) {
	var z Settings
	if s == nil {
		s = &z
	}
	r := &resolved{s: *s}
	switch {
	case math.IsNaN(s.Slot) || math.IsInf(s.Slot, 0) || s.Slot < 0:
		return nil, badSetting("Slot", s.Slot, "(want finite, ≥ 0)")
	case s.Slot == 0:
		r.slot = DefaultSlot
	default:
		r.slot = s.Slot
	}
	if h/r.slot > maxSlots {
		return nil, badSetting("Slot", r.slot, fmt.Sprintf("(horizon %g s gives more than 1e7 slots)", h))
	}
	if math.IsNaN(s.BufferSlack) || math.IsInf(s.BufferSlack, 0) || s.BufferSlack < 0 {
		return nil, badSetting("BufferSlack", s.BufferSlack, "(want finite, ≥ 0)")
	}
	r.slack = s.BufferSlack
	switch {
	case math.IsNaN(s.Round) || s.Round < 0 || s.Round > 1:
		return nil, badSetting("Round", s.Round, "(want in (0, 1], 0 for the default)")
	case s.Round == 0:
		r.round = DefaultRound
	default:
		r.round = s.Round
	}
	switch {
	case math.IsNaN(s.Lookahead) || math.IsInf(s.Lookahead, 0) || s.Lookahead < 0:
		return nil, badSetting("Lookahead", s.Lookahead, "(want finite, ≥ 0)")
	case s.Lookahead == 0:
		r.lookahead = r.slot
	default:
		r.lookahead = s.Lookahead
	}
	if s.Form < FormAuto || s.Form > FormHub {
		return nil, badSetting("Form", int(s.Form), "(unknown form)")
	}
	r.form = s.Form
	if s.Workers < 0 {
		return nil, badSetting("Workers", s.Workers, "(want ≥ 0)")
	}
	r.workers = s.Workers
	if s.MaxColumns < 0 {
		return nil, badSetting("MaxColumns", s.MaxColumns, "(want ≥ 0)")
	}
	r.maxCols = s.MaxColumns
	if r.maxCols == 0 {
		r.maxCols = DefaultMaxColumns
	}
	return r, nil
}

// elapsedSince is time.Since, kept in one place for the Elapsed fields.
func elapsedSince(t time.Time) time.Duration { return time.Since(t) }
