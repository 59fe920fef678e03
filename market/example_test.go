package market_test

import (
	"context"
	"fmt"

	"github.com/cdnkit/cdnkit/market"
)

// ExampleSimulate runs the spec's two-server vector W1 in plan 7a: OS1 buys
// 1.5 GB through OS0's stock options on day 2 and pays the penalty price for
// the last 0.05 GB.
func ExampleSimulate() {
	prem := market.DiscountPremium(0.10)
	cfg := &market.Config{
		Servers: []market.OriginServer{
			{Name: "OS0", Demand: []float64{2.5, 4.0, 3.0}, Forecast: []float64{3, 3, 3}},
			{Name: "OS1", Demand: []float64{0.5, 0.1, 2.0}, Forecast: []float64{0.3, 0.3, 0.3}},
		},
		Premium: &prem,
	}
	sc := market.Scenario{ID: 1, Name: "W1", Plan: market.Plan7a, Maturity: 2, OptionFraction: 0.5}
	r, err := market.Simulate(context.Background(), cfg, sc)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, a := range r.Servers {
		fmt.Printf("%s: penalty %.4g GB, SOs bought in the SM %.4g GB, cost $%.4g\n",
			r.Names[i], a.Penalty.GB(), a.OptionBought.GB(), a.Cost)
	}
	fmt.Printf("CDN revenue $%.4g, verified: %v\n", r.CDNRevenue, r.Verify() == nil)
	// Output:
	// OS0: penalty 0 GB, SOs bought in the SM 0 GB, cost $0.2703
	// OS1: penalty 0.05 GB, SOs bought in the SM 1.5 GB, cost $0.1012
	// CDN revenue $0.3715, verified: true
}

func ExamplePaperScenarios() {
	for _, sc := range market.PaperScenarios() {
		fmt.Printf("%2d %s\n", sc.ID, sc.Name)
	}
	// Output:
	//  1 6a/7d/10%
	//  2 6a/14d/10%
	//  3 6a/21d/10%
	//  4 6a/28d/10%
	//  5 7a/7d/10%
	//  6 7a/14d/10%
	//  7 7a/21d/10%
	//  8 7a/28d/10%
	//  9 6a/6d/15%
	// 10 7a/6d/15%
	// 11 6a/14d/5%
	// 12 7a/14d/5%
}

// ExamplePD recomputes a percentage difference of the paper's §4.4 style:
// penalty volume with SO exchange off and on.
func ExamplePD() {
	fmt.Printf("%.4g %%\n", market.PD(120, 80))
	fmt.Printf("%.4g %%\n", market.PD(0, 0))
	// Output:
	// 40 %
	// 0 %
}
