package main

import (
	"context"
	"fmt"
	"github.com/cdnkit/cdnkit/market"
	"io"
	"math/rand/v2"
)

func init() { step("market", tourMarket) }

// tourMarket is the package's step of examples/tour: a W1-sized synthetic

// run of scenarios 1 (6a/7d/10%) and 5 (7a/7d/10%) for two origin servers

// over 28 days, with forecasts of last week's load (no kre, no data files).

func tourMarket(w io.Writer) error {
	fmt.Fprintf(w, "market: stock-options CDN resource market (2 OSs, 28 days)\n")
	var servers []market.OriginServer
	for i, gbPerDay := range []float64{40, 2} {
		v, err := market.SyntheticDemand(35, nil, rand.NewPCG(2, uint64(i)))
		if err != nil {
			return err
		}
		for k := range v {
			v[k] *= gbPerDay
		}
		fc := make([]float64, 28)
		copy(fc, v[:28]) // forecast of day d = the load of day d−7
		servers = append(servers, market.OriginServer{Name: fmt.Sprint("OS", i), History: v[:7], Demand: v[7:], Forecast: fc})
	}
	sim, err := market.New(&market.Config{Servers: servers})
	if err != nil {
		return err
	}
	for _, id := range []int{1, 5} {
		sc, err := market.PaperScenario(id)
		if err != nil {
			return err
		}
		r, err := sim.Run(context.Background(), sc)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  scenario %2d %-10s penalty %.4g GB, via SOs %.4g GB, SM stocks %.4g GB, total cost $%.4g, Verify: %v\n",
			sc.ID, sc.Name, r.Total.Penalty.GB(), r.Total.Exercised.GB(), r.Total.StockBought.GB(), r.Total.Cost, r.Verify() == nil)
	}
	return nil
}
