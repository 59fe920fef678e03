package lp

import (
	"fmt"
	"math"
	"runtime"
	"time"
)

// Settings configures Solve. A nil or zero Settings means the defaults listed beside each field.
type Settings struct {
	Tol, InfeasibleTol    float64       // relative optimality tolerance (1e-6); infeasibility test tolerance (1e-8)
	MaxIter               int           // 0 → 1e6
	TimeLimit             time.Duration // 0: none
	Threads               int           // 0 → GOMAXPROCS
	RuizIters             int           // 0 → 10; < 0 → none
	NoPockChambolle       bool          // skip the Pock–Chambolle scaling round
	StepFactor            float64       // 0 → 0.95; must be < 1
	PrimalWeight          float64       // 0 → ‖c̃‖/‖q̃‖ rule
	PrimalWeightSmoothing float64       // 0 → 0.5
	EvalEvery             int           // 0 → 64
	Polish                bool          // feasibility polishing once the gap meets Tol (off by default)
	X0, Y0                []float64     // warm start (unscaled), nil → 0
	Progress              func(Progress) error
}

// Progress is passed to Settings.Progress after every evaluation (every EvalEvery iterations).
type Progress struct {
	Iteration, Restarts                             int
	PrimalObjective, DualObjective, DualBound       float64
	PrimalResidual, DualResidual, Gap, PrimalWeight float64 // relative, as in termination
	Elapsed                                         time.Duration
}

// settings is the resolved form of Settings.
type settings struct {
	tol, infTol  float64
	maxIter      int
	timeLimit    time.Duration
	threads      int
	ruiz         int
	pockChambo   bool
	stepFactor   float64
	primalWeight float64
	smoothing    float64
	evalEvery    int
	polish       bool
	x0, y0       []float64
	progress     func(Progress) error
}

func badSetting(name, reason string) error {
	return &ProblemError{Field: "Settings." + name, Index: -1, Reason: reason}
}

func resolve(s *Settings) (settings, error) {
	var z Settings
	if s == nil {
		s = &z
	}
	r := settings{
		tol: s.Tol, infTol: s.InfeasibleTol, maxIter: s.MaxIter, timeLimit: s.TimeLimit, threads: s.Threads,
		ruiz: s.RuizIters, pockChambo: !s.NoPockChambolle, stepFactor: s.StepFactor, primalWeight: s.PrimalWeight,
		smoothing: s.PrimalWeightSmoothing, evalEvery: s.EvalEvery, polish: s.Polish, x0: s.X0, y0: s.Y0, progress: s.Progress,
	}
	switch {
	case math.IsNaN(r.tol) || r.tol < 0 || r.tol >= 1:
		return r, badSetting("Tol", fmt.Sprintf("%v not in [0, 1)", r.tol))
	case math.IsNaN(r.infTol) || r.infTol < 0 || r.infTol >= 1:
		return r, badSetting("InfeasibleTol", fmt.Sprintf("%v not in [0, 1)", r.infTol))
	case math.IsNaN(r.stepFactor) || r.stepFactor < 0 || r.stepFactor >= 1:
		return r, badSetting("StepFactor", fmt.Sprintf("%v not in [0, 1)", r.stepFactor))
	case math.IsNaN(r.primalWeight) || r.primalWeight < 0 || math.IsInf(r.primalWeight, 1):
		return r, badSetting("PrimalWeight", fmt.Sprintf("%v is negative or not finite", r.primalWeight))
	case math.IsNaN(r.smoothing) || r.smoothing < 0 || r.smoothing > 1:
		return r, badSetting("PrimalWeightSmoothing", fmt.Sprintf("%v not in [0, 1]", r.smoothing))
	case r.maxIter < 0:
		return r, badSetting("MaxIter", "negative")
	case r.evalEvery < 0:
		return r, badSetting("EvalEvery", "negative")
	case r.threads < 0:
		return r, badSetting("Threads", "negative")
	case r.timeLimit < 0:
		return r, badSetting("TimeLimit", "negative")
	}
	if r.tol == 0 {
		r.tol = 1e-6
	}
	if r.infTol == 0 {
		r.infTol = 1e-8
	}
	if r.maxIter == 0 {
		r.maxIter = 1000000
	}
	if r.threads == 0 {
		r.threads = runtime.GOMAXPROCS(0)
	}
	if r.ruiz == 0 {
		r.ruiz = 10
	}
	if r.stepFactor == 0 {
		r.stepFactor = 0.95
	}
	if r.smoothing == 0 {
		r.smoothing = 0.5
	}
	if r.evalEvery == 0 {
		r.evalEvery = 64
	}
	return r, nil
}

// Status is the termination status of Solve.
type Status int

const (
	Optimal        Status = iota // relative residuals and gap ≤ Tol
	Infeasible                   // a Farkas certificate was found (Ray is a y-ray)
	Unbounded                    // an improving recession direction was found (Ray is an x-ray)
	IterationLimit               // MaxIter reached
	TimeLimit                    // TimeLimit reached
	Canceled                     // the context was done
	Stopped                      // the Progress hook returned an error
)

var statusNames = [...]string{"Optimal", "Infeasible", "Unbounded", "IterationLimit", "TimeLimit", "Canceled", "Stopped"}

// String returns the status name.
func (s Status) String() string {
	if s >= 0 && int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Solution is the result of Solve. X, Y and ReducedCost are unscaled and full-length; Y_i > 0 means the
// lower row bound is active (the Lagrangian is cᵀx − yᵀAx).
type Solution struct {
	Status                             Status
	X, Y, ReducedCost                  []float64 // unscaled; Y_i > 0: lower row bound active
	Objective, DualObjective           float64   // cᵀx + Offset; D(Y) + Offset without margin (infinite-bound parts ignored)
	DualBound                          float64   // best certified lower bound on the optimum, −Inf if none
	BoundDual                          []float64 // the y attaining DualBound
	PrimalResidual, DualResidual, Gap  float64   // relative (termination metrics)
	AbsPrimalResidual, AbsDualResidual float64
	Iterations, Restarts               int
	PrimalWeight                       float64
	Ray                                []float64 // Infeasible: y-ray; Unbounded: x-ray
	Elapsed                            time.Duration
}
