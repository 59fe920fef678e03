package market

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/cdnkit/cdnkit/auction"
)

// genConfig draws a small Config (market.md §5 Properties): n ∈ [1, 6]
// servers, D ∈ [1, 60] days, demand and forecasts as multiples of 10⁸,
// 10⁹ or 10¹¹ bytes with zeros, explicit forecasts, both class rules, all
// price rules and offer fractions.
func genConfig(t *rapid.T) *Config {
	n := rapid.IntRange(1, 6).Draw(t, "n")
	days := rapid.IntRange(1, 60).Draw(t, "days")
	unit := rapid.SampledFrom([]float64{0.1, 1, 100}).Draw(t, "unit") // GB
	series := func(label string) []float64 {
		v := make([]float64, days)
		for d := range v {
			v[d] = unit * float64(rapid.IntRange(0, 12).Draw(t, label))
		}
		return v
	}
	cfg := &Config{
		Servers:       make([]OriginServer, n),
		OfferFraction: rapid.SampledFrom([]float64{0, 1, 0.5, 0.9}).Draw(t, "alpha"),
		Price:         auction.PriceRule(rapid.IntRange(0, 3).Draw(t, "price")),
		Kappa:         rapid.SampledFrom([]float64{0, 0.25, 1}).Draw(t, "kappa"),
		ClassRule:     ClassRule(rapid.IntRange(0, 1).Draw(t, "rule")),
	}
	if rapid.Bool().Draw(t, "discount") {
		p := DiscountPremium(0.10)
		cfg.Premium = &p
	}
	for i := range cfg.Servers {
		cfg.Servers[i] = OriginServer{
			Name:     fmt.Sprint(i),
			Demand:   series("demand"),
			Forecast: series("forecast"),
			Class:    Class(rapid.IntRange(0, 5).Draw(t, "class")),
		}
	}
	return cfg
}

func genScenario(t *rapid.T) Scenario {
	return Scenario{
		ID:             rapid.IntRange(1, 12).Draw(t, "id"),
		Plan:           Plan(rapid.IntRange(0, 1).Draw(t, "plan")),
		Maturity:       rapid.IntRange(1, 30).Draw(t, "maturity"),
		OptionFraction: rapid.SampledFrom([]float64{0, 0.05, 0.1, 0.3, 0.5, 1}).Draw(t, "b"),
	}
}

// refClear is the market's reference clearing rule (market.md §2.6), written
// independently of package auction on integral quantities: the greedy merge
// of the ranked orders and the price inside the Walrasian interval.
func refClear(buys, sells []auction.Order, rule auction.PriceRule, kappa float64) (price float64, bf, sf []int64) {
	bi := make([]int, len(buys))
	si := make([]int, len(sells))
	for k := range bi {
		bi[k] = k
	}
	for k := range si {
		si[k] = k
	}
	slices.SortStableFunc(bi, func(a, b int) int { return cmp.Compare(buys[b].Price, buys[a].Price) })
	slices.SortStableFunc(si, func(a, b int) int { return cmp.Compare(sells[a].Price, sells[b].Price) })
	bf, sf = make([]int64, len(buys)), make([]int64, len(sells))
	rb, rs := make([]int64, len(buys)), make([]int64, len(sells))
	for k, o := range buys {
		rb[k] = int64(o.Quantity)
	}
	for k, o := range sells {
		rs[k] = int64(o.Quantity)
	}
	i, j := 0, 0
	// Orders with zero quantity take no part.
	skip := func() {
		for i < len(bi) && rb[bi[i]] == 0 {
			i++
		}
		for j < len(si) && rs[si[j]] == 0 {
			j++
		}
	}
	skip()
	traded := false
	var bstar, astar float64
	for i < len(bi) && j < len(si) && buys[bi[i]].Price >= sells[si[j]].Price {
		x := min(rb[bi[i]], rs[si[j]])
		bf[bi[i]] += x
		sf[si[j]] += x
		rb[bi[i]] -= x
		rs[si[j]] -= x
		bstar, astar = buys[bi[i]].Price, sells[si[j]].Price
		traded = true
		skip()
	}
	if !traded {
		return 0, bf, sf
	}
	bplus, aplus := math.Inf(-1), math.Inf(1)
	if i < len(bi) {
		bplus = buys[bi[i]].Price
	}
	if j < len(si) {
		aplus = sells[si[j]].Price
	}
	lo, hi := max(astar, bplus), min(bstar, aplus)
	switch rule {
	case auction.PriceLow:
		kappa = 0
	case auction.PriceHigh:
		kappa = 1
	case auction.PriceMid:
		kappa = 0.5
	}
	if kappa == 1 {
		return hi, bf, sf
	}
	return min(lo+kappa*(hi-lo), hi), bf, sf
}

// checkAgainstRef installs a clearing observer comparing every day's
// clearing with refClear and the IR bound of the fills.
func checkAgainstRef(t *rapid.T, s *Simulation, cfg *Config) {
	s.onClear = func(day int, good string, buys, sells []auction.Order, c auction.Clearing) {
		p, bf, sf := refClear(buys, sells, cfg.Price, cfg.Kappa)
		if c.Volume > 0 && p != c.Price {
			t.Fatalf("day %d %s: CallAuction price %v, reference %v", day, good, c.Price, p)
		}
		minAsk, maxBid := math.Inf(1), math.Inf(-1)
		for k := range buys {
			if int64(c.BuyFilled[k]) != bf[k] {
				t.Fatalf("day %d %s: buy %d filled %v, reference %d", day, good, k, c.BuyFilled[k], bf[k])
			}
			if bf[k] > 0 {
				maxBid = max(maxBid, buys[k].Price)
			}
		}
		for k := range sells {
			if int64(c.SellFilled[k]) != sf[k] {
				t.Fatalf("day %d %s: sell %d filled %v, reference %d", day, good, k, c.SellFilled[k], sf[k])
			}
			if sf[k] > 0 {
				minAsk = min(minAsk, sells[k].Price)
			}
		}
		if c.Volume > 0 && !(minAsk <= c.Price && c.Price <= maxBid) {
			t.Fatalf("day %d %s: price %v outside [min ask %v, max bid %v]", day, good, c.Price, minAsk, maxBid)
		}
	}
}

func TestPropVerifyAndReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := genConfig(t)
		sc := genScenario(t)
		s, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		checkAgainstRef(t, s, cfg)
		r, err := s.Run(context.Background(), sc)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Verify(); err != nil {
			t.Fatal(err)
		}
		// No OS pays more than its penalty price for a GB bought at the EoD,
		// and own exercises pay the strike, below the penalty price.
		for k := range r.Daily {
			rec := &r.Daily[k]
			paid := rec.StockBought.USD + rec.OptionBought.USD + rec.MarketStrikeUSD + rec.Penalty.USD
			gbEoD := float64(rec.StockBought.Bytes+rec.ExercisedMarket+rec.Penalty.Bytes) / 1e9
			if paid > rec.PenaltyPrice*gbEoD*(1+1e-12)+1e-15 {
				t.Fatalf("day %d OS %d pays %v for %v GB at penalty %v", rec.Day, rec.Server, paid, gbEoD, rec.PenaltyPrice)
			}
			// With contract classes every lot has the day's class, and its
			// strike lies below the penalty price. (With ClassByForecast a lot
			// bought in a dearer class can carry a strike above a later day's
			// penalty price; §2.5 step 6 exercises it all the same.)
			if cfg.ClassRule == ClassFixed && rec.ExercisedOwn > 0 {
				own := rec.Exercised.USD - rec.MarketStrikeUSD
				if own >= rec.PenaltyPrice*float64(rec.ExercisedOwn)/1e9 {
					t.Fatalf("day %d OS %d own strikes %v not below penalty %v", rec.Day, rec.Server, own, rec.PenaltyPrice)
				}
			}
		}
		if sc.OptionFraction == 0 && (r.Total.OptionsBought.Bytes != 0 || r.Total.Exercised.Bytes != 0) {
			t.Fatalf("b = 0 but options %d exercised %d", r.Total.OptionsBought.Bytes, r.Total.Exercised.Bytes)
		}
		if sc.OptionFraction == 0 {
			for k := range r.Daily {
				rec := &r.Daily[k]
				if rec.Penalty.Bytes != rec.Demand-rec.FromStock-rec.StockBought.Bytes {
					t.Fatalf("b = 0: penalty %d is not the deficit after the stock SM", rec.Penalty.Bytes)
				}
			}
		}
		if sc.Plan == Plan6a && (r.Total.OptionBought.Bytes != 0 || r.Total.OptionSold.Bytes != 0) {
			t.Fatal("plan 6a traded SOs")
		}
		// Determinism.
		r2, err := s.Run(context.Background(), sc)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r, r2) {
			t.Fatal("two runs differ")
		}
	})
}

// TestPropExchangeNeverIncreasesPenalty: with SO exchange on (7a), total
// penalty bytes never exceed those with it off (6a), cumulatively at every
// day, on the same Config, maturity and option fraction. (Not per OS: a
// seller can run short later.)
func TestPropExchangeNeverIncreasesPenalty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := genConfig(t)
		sc := genScenario(t)
		s, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		sc.Plan = Plan6a
		off, err := s.Run(context.Background(), sc)
		if err != nil {
			t.Fatal(err)
		}
		sc.Plan = Plan7a
		on, err := s.Run(context.Background(), sc)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range []*Result{off, on} {
			if err := r.Verify(); err != nil {
				t.Fatal(err)
			}
		}
		n := len(cfg.Servers)
		var cOff, cOn int64
		for d := range off.Days {
			for i := range n {
				cOff += off.Day(d, i).Penalty.Bytes
				cOn += on.Day(d, i).Penalty.Bytes
			}
			if cOn > cOff {
				t.Fatalf("day %d: cumulative penalty with exchange %d > without %d", d, cOn, cOff)
			}
		}
		if on.Total.Penalty.Bytes > off.Total.Penalty.Bytes {
			t.Fatalf("penalty with exchange %d > without %d", on.Total.Penalty.Bytes, off.Total.Penalty.Bytes)
		}
	})
}

// TestPropScenarioInvariance: BoD purchases, pools and stock trades are the
// same in all 12 scenarios, and so is each OS's Exercised + Penalty.
func TestPropScenarioInvariance(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := genConfig(t)
		s, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		workers := rapid.SampledFrom([]int{1, 2, 7}).Draw(t, "workers")
		scs := PaperScenarios()
		rs, err := s.RunAll(context.Background(), scs, workers)
		if err != nil {
			t.Fatal(err)
		}
		for k, r := range rs {
			if err := r.Verify(); err != nil {
				t.Fatal(err)
			}
			seq, err := s.Run(context.Background(), scs[k])
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(seq, r) {
				t.Fatalf("RunAll(workers=%d) scenario %d differs from Run", workers, scs[k].ID)
			}
		}
		base := rs[0]
		for _, r := range rs[1:] {
			for k := range r.Daily {
				a, b := &base.Daily[k], &r.Daily[k]
				if a.Predicted != b.Predicted || a.StockBoD != b.StockBoD || a.FromStock != b.FromStock ||
					a.StockBought != b.StockBought || a.StockSold != b.StockSold || a.StocksHeld != b.StocksHeld {
					t.Fatalf("scenario %d day %d OS %d: stock flows differ from scenario 1", r.Scenario.ID, a.Day, a.Server)
				}
			}
			for i := range r.Servers {
				x := base.Servers[i].Exercised.Bytes + base.Servers[i].Penalty.Bytes
				y := r.Servers[i].Exercised.Bytes + r.Servers[i].Penalty.Bytes
				if x != y {
					t.Fatalf("scenario %d OS %d: Exercised + Penalty %d, scenario 1 %d", r.Scenario.ID, i, y, x)
				}
			}
		}
	})
}
