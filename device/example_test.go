package device_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/cdnkit/cdnkit/device"
)

// A single user on a constant 2 Mbps link with a one-level ladder: every 2 s segment of 1 Mbps
// takes 1 s, so the only stall is the 1 s start-up delay (spec §5 vector 4).
func ExampleSimulate() {
	sc := &device.Scenario{
		Users: []device.User{{
			Trace:  device.ConstantTrace(2, 100),
			Video:  &device.Video{SegLen: 2, Segments: 5, MaxBuffer: 40, Ladder: device.Ladder{1.0}},
			Energy: device.DefaultEnergy(),
			Theta:  1, Delta: 1, Rho: 4.3,
		}},
		LambdaE: 0.02,
	}
	res, err := device.Simulate(context.Background(), sc, &device.BufferBased{Owner: device.DefaultOwnerRule()}, nil)
	if err != nil {
		log.Fatal(err)
	}
	u := res.Users[0]
	fmt.Printf("value %.4g, stall %.4g s, energy %.4g J, welfare %.4g, QoE_lin %.4g\n",
		u.Value, u.Stall, u.EnergyCell, u.Welfare, u.QoE)
	// Output:
	// value 6.931, stall 1 s, energy 34.35 J, welfare 1.944, QoE_lin 0.7
}

// The demo of the paper's appendix: three users, two with cellular outages, with and without
// cooperation.
func ExampleDemoScenario() {
	for _, sc := range []*device.Scenario{device.DemoScenario(), device.DemoScenario().WithMobility(device.NoCooperation(3))} {
		res, err := device.Simulate(context.Background(), sc, &device.BufferBased{Owner: device.DefaultOwnerRule()}, nil)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: stall %.4g s\n", sc.Mobility.Mode(), res.Stall)
	}
	// Output:
	// full: stall 59.43 s
	// none: stall 59.43 s
}

func ExampleParseTrace2Col() {
	tr, err := device.ParseTrace2Col(strings.NewReader("0 1\n1 2\n3 4\n"), "example")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("starts %v, Mbps %v, period %.4g s, mean %.4g Mbps\n", tr.Starts, tr.Mbps, tr.Period, tr.Mean())
	fmt.Printf("4 Mbit from t=0 take until t=%.4g s\n", tr.TimeToDownload(0, 4))
	// Output:
	// starts [0 1], Mbps [2 4], period 3 s, mean 3.333 Mbps
	// 4 Mbit from t=0 take until t=1.5 s
}

func ExampleOwnerRule_Choose() {
	user := &device.User{Video: &device.Video{SegLen: 2, Segments: 10, MaxBuffer: 40, Ladder: device.DefaultLadder()}}
	v := &device.View{Members: []device.Member{
		{ID: 0, Video: true, Buffer: 15, Remaining: 5, Admissible: true, User: user},
		{ID: 1, Video: true, Buffer: 8, Remaining: 5, Admissible: true, User: user},
		{ID: 2, Video: true, Buffer: 3, Remaining: 5, Admissible: true, User: user},
	}}
	for _, r := range []device.OwnerRule{{Eta: 0.5, Gap: 4}, device.DefaultOwnerRule()} {
		o, _ := r.Choose(v)
		fmt.Printf("η=%.4g δ=%.4g: owner %d\n", r.Eta, r.Gap, o)
	}
	// Output:
	// η=0.5 δ=4: owner 0
	// η=0.3 δ=4: owner 2
}
