package timeslot

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"time"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/timeslot/lp"
)

// ErrNoRatio is returned by Ratio when the upper bound is not positive, so realised/UB has no meaning.
var ErrNoRatio = errors.New("timeslot: upper bound not positive, ratio undefined")

// Kind says which bound a Bound is.
type Kind int

// Bound kinds.
const (
	Upper Kind = iota
	Lower
)

// String returns "upper" or "lower".
func (k Kind) String() string {
	if k == Lower {
		return "lower"
	}
	return "upper"
}

// Bound is a welfare bound of a scenario.
type Bound struct {
	Welfare    float64 // UB (Upper) or realised welfare (Lower), value units
	Certified  bool    // Upper: from dual certificates (Certify); Lower: realised by device.Simulate
	Gap        float64 // Upper: (Welfare − LPFeasible)/max(1,|Welfare|); Lower: (UB − Welfare)/max(1,|UB|)
	Kind       Kind
	UB         float64 // certified upper bound (both kinds)
	LPFeasible float64 // objective of the repaired feasible LP point
	Components []Component

	Columns, Rows, Nonzeros, Iterations int
	Elapsed                             time.Duration

	Plan     *Plan
	Schedule *Schedule         // Lower only
	Run      *device.SimResult // Lower only: the chosen run
	Policy   int               // Lower only: −1 tracker, k ≥ 0 LowerPolicies[k]
}

// Component is the result of one component LP.
type Component struct {
	Users                   []int
	Form                    Form
	Columns, Rows, Nonzeros int
	UB, LPFeasible          float64
	Status                  lp.Status
	Iterations              int
	Elapsed                 time.Duration
}

// UpperBound returns a certified upper bound on the social welfare that any policy can realise in
// device.Simulate on sc: the sum over the connected components of the encounter graph of −DualBound(y_c)
// (Model.Certify) for the best of the solver's BoundDual, its final Y and y = 0, so the bound is valid even after
// an iteration limit, a time limit, cancellation or a hook error (Gap then shows its quality). Bound.LPFeasible is
// the objective of the repaired primal (Model.Repair), a lower bound on the LP optimum, and Bound.Plan the
// repaired schedule.
//
// Errors: (nil, err) for an invalid scenario (wrapping device.ErrInvalidScenario), ErrBadSettings, ErrTooLarge or
// ErrNumeric (extreme numbers that overflow the LP or its certificate);
// otherwise a Bound together with the first component's lp error (lp.ErrIterationLimit, lp.ErrTimeLimit,
// ctx.Err(), the hook's error) if any. Every Model is feasible (z = 0, b = 0, s = w) with finite boxes, so an
// lp.ErrInfeasible or lp.ErrUnbounded from the solver is a numerical misjudgement on extreme data: it is returned
// the same way, with the still valid certified bound. A scenario without video users gives Welfare 0,
// Certified, no components. It panics on a nil scenario. Components are solved on Settings.Workers goroutines and the result
// does not depend on their number.
func UpperBound(ctx context.Context, sc *device.Scenario, s *Settings) (*Bound, error) {
	start := time.Now()
	sd, r, err := prepare(sc, s)
	if err != nil {
		return nil, err
	}
	models, err := sd.build(r)
	if err != nil {
		return nil, err
	}
	b, err := solveModels(ctx, models, r)
	if b != nil {
		b.Elapsed = elapsedSince(start)
	}
	return b, err
}

type compResult struct {
	comp Component
	x    []float64
	cert bool
	err  error
}

func solveModels(ctx context.Context, models []*Model, r *resolved) (*Bound, error) {
	res := make([]compResult, len(models))
	workers := r.workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(models)))
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := 0
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				k := next
				next++
				mu.Unlock()
				if k >= len(models) {
					return
				}
				res[k] = solveOne(ctx, models[k], k, len(models), r, &mu)
			}
		}()
	}
	wg.Wait()
	for _, cr := range res {
		if errors.Is(cr.err, lp.ErrBadProblem) {
			return nil, cr.err // invalid lp.Settings (or a Solver rejecting the model)
		}
	}
	b := &Bound{Kind: Upper, Certified: true, Components: make([]Component, len(models))}
	var firstErr error
	acc := map[[3]int]*[2]float64{}
	for k, cr := range res {
		b.Components[k] = cr.comp
		b.Welfare += cr.comp.UB
		b.LPFeasible += cr.comp.LPFeasible
		b.Columns += cr.comp.Columns
		b.Rows += cr.comp.Rows
		b.Nonzeros += cr.comp.Nonzeros
		b.Iterations += cr.comp.Iterations
		b.Certified = b.Certified && cr.cert
		if cr.err != nil && firstErr == nil {
			firstErr = cr.err
		}
		models[k].addPlan(acc, cr.x)
	}
	if !finite(b.Welfare) || !finite(b.LPFeasible) {
		return nil, fmt.Errorf("%w: certified bound %v, feasible value %v", ErrNumeric, b.Welfare, b.LPFeasible)
	}
	b.UB = b.Welfare
	b.Gap = (b.Welfare - b.LPFeasible) / math.Max(1, math.Abs(b.Welfare))
	b.Plan = planFrom(r.slot, acc)
	return b, firstErr
}

// solveOne solves one component and certifies it.
func solveOne(ctx context.Context, m *Model, k, n int, r *resolved, mu *sync.Mutex) compResult {
	start := time.Now()
	var ls lp.Settings
	if r.s.LP != nil {
		ls = *r.s.LP
	}
	ls.X0, ls.Y0 = nil, nil // component sizes differ: warm starts do not apply
	inner := ls.Progress
	if r.s.Progress != nil || inner != nil {
		ls.Progress = func(p lp.Progress) error {
			mu.Lock()
			defer mu.Unlock()
			if inner != nil {
				if err := inner(p); err != nil {
					return err
				}
			}
			if r.s.Progress != nil {
				return r.s.Progress(Progress{Component: k, Components: n, Users: m.Users, LP: p})
			}
			return nil
		}
	}
	solve := r.s.Solver
	if solve == nil {
		solve = lp.Solve
	}
	sol, err := solve(ctx, m.Problem, &ls)
	p := m.Problem
	cr := compResult{err: err}
	c := Component{Users: m.Users, Form: m.Form, Columns: p.A.Cols, Rows: p.A.Rows, Nonzeros: p.A.NNZ()}
	if err != nil {
		cr.err = fmt.Errorf("timeslot: component %d: %w", k, err)
	}
	// Certified bound: best of y = 0, the solver's BoundDual and its final Y.
	ub := m.Certify(make([]float64, p.A.Rows))
	cr.cert = true
	var x []float64
	if sol != nil {
		c.Status = sol.Status
		c.Iterations = sol.Iterations
		for _, y := range [][]float64{sol.BoundDual, sol.Y} {
			if len(y) == p.A.Rows {
				ub = math.Min(ub, m.Certify(y))
			}
		}
		if len(sol.BoundDual) != p.A.Rows && len(sol.Y) != p.A.Rows {
			// A solver without a dual point: report its primal objective, uncertified.
			if v := -sol.Objective; !math.IsNaN(v) && !math.IsInf(v, 0) {
				ub, cr.cert = v, false
			}
		}
		if len(sol.X) == p.A.Cols {
			x = sol.X
		}
	} else {
		c.Status = lp.Stopped
	}
	if x == nil {
		x = make([]float64, p.A.Cols)
	}
	z, feas := m.Repair(x)
	c.UB, c.LPFeasible = ub, feas
	c.Elapsed = elapsedSince(start)
	cr.comp, cr.x = c, z
	return cr
}

// LowerBound returns a realised lower bound: it solves the upper-bound LP (errors as UpperBound; the lower
// bound still runs on the plan obtained), runs device.Simulate with Record on a Tracker following the plan and
// on every factory of Settings.LowerPolicies, and keeps the best realised welfare (ties: the first, tracker
// first). Bound.Schedule replays that run exactly (Replay); Bound.UB is the certified upper bound and
// Gap = (UB − Welfare)/max(1, |UB|). Simulator errors are returned with a nil Bound.
//
// Reconstruction: the paper's lower bound W*_TS(L) is an integer program out of reach in pure Go; any realised
// whole-segment schedule bounds the segmented optimum from below (spec timeslot.md §2.7).
func LowerBound(ctx context.Context, sc *device.Scenario, s *Settings) (*Bound, error) {
	lo, _, err := Bounds(ctx, sc, s)
	return lo, err
}

// Bounds returns the lower and upper bounds of sc with one LP solve (see LowerBound and UpperBound).
func Bounds(ctx context.Context, sc *device.Scenario, s *Settings) (lower, upper *Bound, err error) {
	start := time.Now()
	sd, r, err := prepare(sc, s)
	if err != nil {
		return nil, nil, err
	}
	models, err := sd.build(r)
	if err != nil {
		return nil, nil, err
	}
	upper, ubErr := solveModels(ctx, models, r)
	if upper == nil {
		return nil, nil, ubErr
	}
	upper.Elapsed = elapsedSince(start)
	var st device.SimSettings
	if r.s.Sim != nil {
		st = *r.s.Sim
	}
	st.Record = true
	lower = &Bound{Kind: Lower, Certified: true, UB: upper.Welfare, LPFeasible: upper.LPFeasible,
		Components: upper.Components, Columns: upper.Columns, Rows: upper.Rows, Nonzeros: upper.Nonzeros,
		Iterations: upper.Iterations, Plan: upper.Plan, Policy: -1}
	tr := NewTracker(upper.Plan, r.round, r.lookahead)
	run, err := device.Simulate(ctx, sc, tr, &st)
	if err != nil {
		return nil, upper, fmt.Errorf("timeslot: tracker run: %w", err)
	}
	lower.Run = run
	for k, f := range r.s.LowerPolicies {
		if f == nil {
			panic("timeslot: nil lower policy factory")
		}
		res, err := device.Simulate(ctx, sc, f(), &st)
		if err != nil {
			return nil, upper, fmt.Errorf("timeslot: lower policy %d: %w", k, err)
		}
		if res.Welfare > lower.Run.Welfare {
			lower.Run, lower.Policy = res, k
		}
	}
	lower.Welfare = lower.Run.Welfare
	lower.Schedule = &Schedule{Downloads: lower.Run.Downloads}
	lower.Gap = (upper.Welfare - lower.Welfare) / math.Max(1, math.Abs(upper.Welfare))
	lower.Elapsed = elapsedSince(start)
	return lower, upper, ubErr
}

// Ratio returns realised/UB for the certified upper bound UB of sc, with the bound: the online-to-optimal
// ratio used to measure a scheduler (the paper reports 97 % on average for its online algorithm). It returns
// ErrNoRatio (and the bound) when UB ≤ 0, the errors of UpperBound otherwise, and a non-finite realised value
// gives ErrBadSettings.
func Ratio(ctx context.Context, sc *device.Scenario, realised float64, s *Settings) (float64, *Bound, error) {
	if math.IsNaN(realised) || math.IsInf(realised, 0) {
		return 0, nil, fmt.Errorf("%w: realised welfare %v is not finite", ErrBadSettings, realised)
	}
	ub, err := UpperBound(ctx, sc, s)
	if ub == nil {
		return 0, nil, err
	}
	if ub.Welfare <= 0 {
		return 0, ub, ErrNoRatio
	}
	return realised / ub.Welfare, ub, err
}
