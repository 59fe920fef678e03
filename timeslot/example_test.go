package timeslot_test

import (
	"context"
	"fmt"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/timeslot"
)

// ExampleUpperBound bounds closed-form vector 1 of the spec: one user on a constant 2 Mbps link watching a
// 10 s video (5 segments of 2 s) at the single level 1 Mbps. The fluid optimum 10·a = 10 ln 2 − 0.687 needs no
// stall; the realised lower bound pays the 1 s start-up stall (4.3).
func ExampleUpperBound() {
	sc, err := device.NewSingleUserScenario(device.ConstantTrace(2, 100), 0, device.SingleConfig{
		Ladder: device.Ladder{1}, Segments: 5, SegLen: 2, MaxBuffer: 40, Theta: 1, LambdaE: 0.02})
	if err != nil {
		fmt.Println(err)
		return
	}
	ub, err := timeslot.UpperBound(context.Background(), sc, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	lb, err := timeslot.LowerBound(context.Background(), sc, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("UB %.4g (certified %v), LB %.4g\n", ub.Welfare, ub.Certified, lb.Welfare)
	// Output:
	// UB 6.244 (certified true), LB 1.944
}

// ExampleRatio measures the buffer-based baseline against the certified bound on closed-form vector 1: it
// realises the tracker's welfare, about 31 % of the fluid bound (the start-up stall costs 4.3).
func ExampleRatio() {
	sc, err := device.NewSingleUserScenario(device.ConstantTrace(2, 100), 0, device.SingleConfig{
		Ladder: device.Ladder{1}, Segments: 5, SegLen: 2, MaxBuffer: 40, Theta: 1, LambdaE: 0.02})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := device.Simulate(context.Background(), sc, &device.BufferBased{Owner: device.DefaultOwnerRule()}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	ratio, ub, err := timeslot.Ratio(context.Background(), sc, res.Welfare, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("realised %.4g of UB %.4g: ratio %.2f\n", res.Welfare, ub.Welfare, ratio)
	// Output:
	// realised 1.944 of UB 6.244: ratio 0.31
}
