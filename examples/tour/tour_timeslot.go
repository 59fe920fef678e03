package main

import (
	"context"
	"fmt"
	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/timeslot"
	"io"
)

func init() { step("timeslot", tourTimeslot) }

// tourTimeslot is the timeslot step of examples/tour: certified upper and realised lower bounds on the

// paper's demo scenario, the baselines as a share of the bound, and closed-form vector 1.

func tourTimeslot(w io.Writer) error {
	ctx := context.Background()
	sc := device.DemoScenario()
	lb, ub, err := timeslot.Bounds(ctx, sc, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "DemoScenario: %d component(s), %d columns, %d iterations, LP gap %.2g\n",
		len(ub.Components), ub.Columns, ub.Iterations, ub.Gap)
	fmt.Fprintf(w, "%-22s %9s %9s\n", "", "welfare", "of UB")
	row := func(name string, v float64) { fmt.Fprintf(w, "%-22s %9.4g %8.1f%%\n", name, v, 100*v/ub.Welfare) }
	row("upper bound (cert.)", ub.Welfare)
	row("lower bound (tracker)", lb.Welfare)
	for _, p := range []struct {
		name string
		pol  device.Policy
	}{
		{"BufferBased", &device.BufferBased{Owner: device.DefaultOwnerRule()}},
		{"ChannelPrediction", &device.ChannelPrediction{Owner: device.DefaultOwnerRule()}},
	} {
		res, err := device.Simulate(ctx, sc, p.pol, nil)
		if err != nil {
			return err
		}
		row(p.name, res.Welfare)
	}
	one, err := device.NewSingleUserScenario(device.ConstantTrace(2, 100), 0, device.SingleConfig{
		Ladder: device.Ladder{1}, Segments: 5, SegLen: 2, MaxBuffer: 40, Theta: 1, LambdaE: 0.02})
	if err != nil {
		return err
	}
	lb1, ub1, err := timeslot.Bounds(ctx, one, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "closed form 1 (one user, 2 Mbps, 1 Mbps level): UB %.4g, LB %.4g\n", ub1.Welfare, lb1.Welfare)
	return nil
}
