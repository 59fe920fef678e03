package lyapunov_test

import (
	"context"
	"fmt"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/lyapunov"
)

// ExampleScheduler evaluates one single-user decision (spec §5 vector V1): a
// 20 s buffer, last level 1.2 Mbps, capacity 2 Mbps.
func ExampleScheduler() {
	sc, err := device.NewSingleUserScenario(device.ConstantTrace(2, 600), 0, device.SingleConfig{})
	if err != nil {
		fmt.Println(err)
		return
	}
	v := &device.View{Capacity: 2, Self: 0, Scenario: sc, Members: []device.Member{{
		ID: 0, Video: true, Buffer: 20, Remaining: 240, LastLevel: 2, Admissible: true, User: &sc.Users[0],
	}}}
	p, err := lyapunov.New(nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	d := p.Decide(v)
	fmt.Printf("download owner %d level %d (%.4g Mbps)\n", d.Owner, d.Level, sc.Users[0].Video.Ladder[d.Level])
	for _, c := range p.Candidates(nil, v) {
		fmt.Printf("q=%d drift %.4g welfare %.4g cost %.4g\n", c.Level, c.Drift, c.Welfare, c.Cost)
	}
	// Output:
	// download owner 0 level 2 (1.2 Mbps)
	// q=0 drift -31.64 welfare -0.2979 cost -25.68
	// q=1 drift -25.16 welfare 0.4651 cost -34.46
	// q=2 drift -15.68 welfare 1.412 cost -43.92
	// q=3 drift 10.12 welfare 2.162 cost -33.12
	// q=4 drift 42 welfare 2.669 cost -11.39
}

// ExampleBOLA runs BOLA-BASIC on a constant 2 Mbps single-user scenario.
func ExampleBOLA() {
	sc, err := device.NewSingleUserScenario(device.ConstantTrace(2, 600), 0, device.SingleConfig{Segments: 100})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := device.Simulate(context.Background(), sc, &lyapunov.BOLA{}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("V_D %.4g s, bitrate %.4g Mbps, stall %.4g s\n",
		(&lyapunov.BOLA{}).VD(device.DefaultLadder(), 2, 40), res.AvgBitrate, res.Stall)
	// Output:
	// V_D 5.11 s, bitrate 1.721 Mbps, stall 0.35 s
}
