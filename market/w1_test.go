package market

import (
	"context"
	"math"
	"testing"

	"github.com/cdnkit/cdnkit/auction"
)

// w1Config is the spec's hand-computed two-OS vector W1 (market.md §5,
// computed by hand from §2.5 and reproduced by an independent
// double-precision implementation of §2): OS0 in P2, OS1 in P1, maturity 2,
// option fraction 0.5, DiscountPremium(0.10), PriceMid.
func w1Config() *Config {
	prem := DiscountPremium(0.10)
	return &Config{
		Servers: []OriginServer{
			{Name: "OS0", Demand: []float64{2.5, 4.0, 3.0}, Forecast: []float64{3, 3, 3}},
			{Name: "OS1", Demand: []float64{0.5, 0.1, 2.0}, Forecast: []float64{0.3, 0.3, 0.3}},
		},
		Premium: &prem,
		Price:   auction.PriceMid,
	}
}

func w1Scenario(p Plan) Scenario {
	return Scenario{ID: 1, Name: "W1", Plan: p, Maturity: 2, OptionFraction: 0.5}
}

func gb(x float64) int64 { return int64(math.Round(x * 1e9)) }

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.17g, want %.17g (±%g)", what, got, want, tol)
	}
}

func TestW1Premiums(t *testing.T) {
	s, err := New(w1Config())
	if err != nil {
		t.Fatal(err)
	}
	// market.md §5 W1: premiums per GB at T = 2/365 and OS0's day-2 ask at τ = 1/365.
	p2, err := s.premium(P2, 2)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "premium P2", p2, 0.0030073962470431813, 1e-15)
	p1, err := s.premium(P1, 2)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "premium P1", p1, 0.0035086289548837083, 1e-15)
	v, err := s.premium(P2, 1)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "ask P2 τ=1", s.strike[P2]+v, 0.030003698376817718, 1e-15)
}

func TestW1Plan7a(t *testing.T) {
	r, err := Simulate(context.Background(), w1Config(), w1Scenario(Plan7a))
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Verify(); err != nil {
		t.Fatal(err)
	}
	const tol = 1e-15
	branches := [3][2]Branch{
		{CoveredByStocks, CoveredByMarketStocks},
		{CoveredByOwnOptions, CoveredByStocks},
		{CoveredByStocks, Penalized},
	}
	for d := range 3 {
		for i := range 2 {
			if got := r.Day(d, i).Branch; got != branches[d][i] {
				t.Errorf("day %d OS%d branch %v, want %v", d, i, got, branches[d][i])
			}
		}
	}
	if r.Day(0, 0).Class != P2 || r.Day(0, 1).Class != P1 {
		t.Errorf("classes %v %v, want P2 P1", r.Day(0, 0).Class, r.Day(0, 1).Class)
	}
	// Market record: day 0 stocks at 0.030, day 1 at 0.036, day 2 SOs at 0.042.
	near(t, "day 0 stock price", r.Market[0].StockPrice, 0.030, 1e-15)
	near(t, "day 1 stock price", r.Market[1].StockPrice, 0.036, 1e-15)
	near(t, "day 2 SO price", r.Market[2].OptionPrice, 0.042, 1e-15)
	if r.Market[0].StockVolume != gb(0.2) || r.Market[1].StockVolume != gb(0.2) || r.Market[2].OptionVolume != gb(1.5) {
		t.Errorf("market volumes %+v", r.Market)
	}
	near(t, "day 0 OS1 StockBought$", r.Day(0, 1).StockBought.USD, 0.006, tol)
	near(t, "day 1 OS1 StockSold$", r.Day(1, 1).StockSold.USD, 0.0072, tol)
	near(t, "day 1 OS0 Exercised$", r.Day(1, 0).Exercised.USD, 0.0216, tol)
	if r.Day(1, 0).OptionsExpired.Bytes != gb(0.7) || r.Day(1, 1).OptionsExpired.Bytes != gb(0.15) {
		t.Errorf("day 1 expired %d %d", r.Day(1, 0).OptionsExpired.Bytes, r.Day(1, 1).OptionsExpired.Bytes)
	}

	o0, o1 := r.Servers[0], r.Servers[1]
	checkFlow := func(name string, f Flow, gbWant, usdWant float64) {
		t.Helper()
		if f.Bytes != gb(gbWant) {
			t.Errorf("%s bytes = %d, want %d", name, f.Bytes, gb(gbWant))
		}
		near(t, name+" $", f.USD, usdWant, 1e-15)
	}
	checkFlow("OS0 StockBoD", o0.StockBoD, 8.7, 0.261)
	checkFlow("OS0 StockBought", o0.StockBought, 0.2, 0.0072)
	checkFlow("OS0 StockSold", o0.StockSold, 0.2, 0.006)
	checkFlow("OS0 Exercised", o0.Exercised, 0.8, 0.0216)
	checkFlow("OS0 OptionsBought", o0.OptionsBought, 3.0, 0.009022188741129544)
	checkFlow("OS0 OptionSold", o0.OptionSold, 1.5, 0.0225)
	if o0.OptionsExpired.Bytes != gb(0.7) || o0.OptionsHeld != 0 {
		t.Errorf("OS0 expired %d held %d", o0.OptionsExpired.Bytes, o0.OptionsHeld)
	}
	checkFlow("OS1 StockBoD", o1.StockBoD, 0.9, 0.0315)
	checkFlow("OS1 Exercised", o1.Exercised, 1.65, 0.045225)
	checkFlow("OS1 Penalty", o1.Penalty, 0.05, 0.0021)
	checkFlow("OS1 OptionBought", o1.OptionBought, 1.5, 0.0225)
	if o1.ExercisedOwn != gb(0.15) || o1.ExercisedMarket != gb(1.5) {
		t.Errorf("OS1 own %d market %d", o1.ExercisedOwn, o1.ExercisedMarket)
	}
	if o1.OptionsBought.Bytes != gb(0.3) || o1.OptionsExpired.Bytes != gb(0.15) {
		t.Errorf("OS1 options bought %d expired %d", o1.OptionsBought.Bytes, o1.OptionsExpired.Bytes)
	}
	near(t, "CDNRevenue", r.CDNRevenue, 0.37149977742759466, 1e-12)
	near(t, "Σ Cost", r.Total.Cost, 0.37149977742759466, 1e-12)
}

func TestW1Plan6a(t *testing.T) {
	s, err := New(w1Config())
	if err != nil {
		t.Fatal(err)
	}
	r6, err := s.Run(context.Background(), w1Scenario(Plan6a))
	if err != nil {
		t.Fatal(err)
	}
	r7, err := s.Run(context.Background(), w1Scenario(Plan7a))
	if err != nil {
		t.Fatal(err)
	}
	if err := r6.Verify(); err != nil {
		t.Fatal(err)
	}
	if r6.Servers[1].Penalty.Bytes != gb(1.55) {
		t.Errorf("OS1 penalty %d, want 1.55 GB", r6.Servers[1].Penalty.Bytes)
	}
	near(t, "OS1 penalty $", r6.Servers[1].Penalty.USD, 0.0651, 1e-15)
	if r6.Servers[0].OptionsHeld != gb(1.5) {
		t.Errorf("OS0 options held %d, want 1.5 GB", r6.Servers[0].OptionsHeld)
	}
	near(t, "CDNRevenue 6a", r6.CDNRevenue, 0.3939997774275947, 1e-12)
	// Everything before day 2's step 7 is identical: days 0 and 1 entirely.
	for k := range 4 {
		if r6.Daily[k] != r7.Daily[k] {
			t.Errorf("record %d differs between plans:\n6a %+v\n7a %+v", k, r6.Daily[k], r7.Daily[k])
		}
	}
}
