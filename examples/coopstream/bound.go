package main

import (
	"context"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/timeslot"
	"github.com/cdnkit/cdnkit/timeslot/lp"
)

// bound is the offline upper bound of one scenario.
type bound struct {
	Welfare   float64 // UB welfare (value units)
	Gap       float64 // relative LP gap of the bound
	Certified bool
}

// upperBound returns the certified offline upper bound of sc from package
// timeslot: one timeslot.Bounds call with 1 s slots and an LP tolerance of
// 1e-4 (spec lyapunov.md §8). A bound that comes back with an LP limit error
// is still valid (it is certified from a dual-feasible point), so it is kept.
func upperBound(ctx context.Context, sc *device.Scenario) (bound, error) {
	_, ub, err := timeslot.Bounds(ctx, sc, &timeslot.Settings{Slot: 1, LP: &lp.Settings{Tol: 1e-4}})
	if ub == nil {
		return bound{}, err
	}
	return bound{Welfare: ub.Welfare, Gap: ub.Gap, Certified: ub.Certified}, nil
}
