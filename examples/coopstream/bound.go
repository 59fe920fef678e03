package main

import (
	"context"
	"errors"

	"github.com/cdnkit/cdnkit/device"
)

// errNoTimeslot says that the upper-bound step is not built in.
var errNoTimeslot = errors.New("package timeslot not present")

// bound is the offline upper bound of one scenario.
type bound struct {
	Welfare   float64 // UB welfare (value units)
	Gap       float64 // relative LP gap of the bound
	Certified bool
}

// upperBound returns the offline upper bound of sc. It is the hook for package
// timeslot (spec lyapunov.md §8: one timeslot.Bounds(ctx, sc,
// &timeslot.Settings{Slot: 1, LP: &lp.Settings{Tol: 1e-4}}) call per bounded
// scenario); until that package exists it returns errNoTimeslot and the
// program prints n/a for the ratio online/UB.
func upperBound(ctx context.Context, sc *device.Scenario) (bound, error) {
	_, _ = ctx, sc
	return bound{}, errNoTimeslot
}
