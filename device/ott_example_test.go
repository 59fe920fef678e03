package device_test

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/cdnkit/cdnkit/device"
)

// ExampleNewOTTRun replays the paper's Fig. 1: OTT1 can serve OTT2 and OTT3, and OTT1 and OTT2
// can collectively serve OTT3.
func ExampleNewOTTRun() {
	// Items c1 = 0, c2 = 1, c3 = 2, d1 = 3, d3 = 4; one row per slot, one entry per OTT.
	req := [][]int{{0, 3, 3}, {1, 0, 4}, {2, 1, 0}}
	run, err := device.NewOTTRun(req, device.OTTConfig{BufferSlots: 2, Warmup: -1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, row := range run.GroupSupplyDemand(0, device.YShare) {
		fmt.Printf("YShare OTT%d: %.4g  hit ratio %.4g\n", i+1, row, run.HitRatio(i))
	}
	f, err := run.FetchTable(0, []float64{1, 1, 1}, 2, 3, rand.NewPCG(1, 1))
	if err != nil {
		fmt.Println(err)
		return
	}
	for j, row := range f.Table {
		fmt.Printf("fetch table of OTT%d: %v\n", j+1, row)
	}
	// Output:
	// YShare OTT1: [0 0 0]  hit ratio 0
	// YShare OTT2: [0.6667 0 0]  hit ratio 0.6667
	// YShare OTT3: [0.1667 0.1667 0]  hit ratio 0.3333
	// fetch table of OTT1: [-1 1 1]
	// fetch table of OTT2: [0 -1 1]
	// fetch table of OTT3: [0 0 -1]
}

// ExampleSimulateOTT simulates one group of 10 OTTs for an hour of 5 s slots under the default
// Zipf(50, 0.8) popularity.
func ExampleSimulateOTT() {
	run, err := device.SimulateOTT(context.Background(), device.OTTConfig{OTTs: 10}, rand.NewPCG(1, 2))
	if err != nil {
		fmt.Println(err)
		return
	}
	var peer, demand int
	for i := 0; i < run.N(); i++ {
		s := run.Stats(i)
		peer += s.PeerHits
		demand += s.Demand
	}
	_, _, y := run.SupplyDemand(device.YShare)
	fmt.Printf("slots %d, demand %d, group hit ratio %.4g, Y entries %d\n", run.Config().Slots, demand, float64(peer)/float64(demand), len(y))
	// Output:
	// slots 724, demand 5949, group hit ratio 0.5932, Y entries 90
}
