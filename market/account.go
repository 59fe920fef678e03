package market

import (
	"fmt"
	"math"
)

// Flow is a volume in bytes and the money paid or received for it, in $.
type Flow struct {
	Bytes int64
	USD   float64
}

// GB returns the volume in GB (10⁹ bytes).
func (f Flow) GB() float64 { return float64(f.Bytes) / 1e9 }

func (f *Flow) add(g Flow) { f.Bytes += g.Bytes; f.USD += g.USD }

// Account holds the metrics of one origin server over one day or over a run
// (volumes in bytes, exact; money in $). The paper's tables: Predicted
// (Table 5), StockBoD (Table 6), StockBought and StockSold (Table 7),
// Exercised (Tables 8, 9), Penalty (Tables 10, 11), OptionsBought (Table 14
// Total and the premium of Table 17), OptionsExpired (Table 14 Not
// exercised, with OptionsHeld at the end), OptionBought and OptionSold
// (Table 14 Exchanged).
type Account struct {
	Predicted, Demand, FromStock     int64 // Σ forecast Q, Σ demand L, demand served from the own pool
	StockBoD, StockBought, StockSold Flow  // BoD stocks at the standard price; SM stocks bought / sold
	Exercised, Penalty               Flow  // SOs exercised ($ strike paid, own and bought in the SM); EoD penalty volume
	ExercisedOwn, ExercisedMarket    int64 // split of Exercised.Bytes
	OptionsBought, OptionsExpired    Flow  // SOs bought from the CDN ($ premium); expired unexercised ($ premium lost)
	OptionBought, OptionSold         Flow  // SOs bought / sold in the SM ($ SO price)
	StocksHeld, OptionsHeld          int64 // pool and unexpired lots at the end of the day / run
	Cost                             float64
}

// cost returns the net $ paid: StockBoD + StockBought − StockSold + Exercised
// + Penalty + OptionsBought + OptionBought − OptionSold.
func (a *Account) cost() float64 {
	return a.StockBoD.USD + a.StockBought.USD - a.StockSold.USD + a.Exercised.USD +
		a.Penalty.USD + a.OptionsBought.USD + a.OptionBought.USD - a.OptionSold.USD
}

// add adds the flows of b to a; holdings are not added.
func (a *Account) add(b *Account) {
	a.Predicted += b.Predicted
	a.Demand += b.Demand
	a.FromStock += b.FromStock
	a.StockBoD.add(b.StockBoD)
	a.StockBought.add(b.StockBought)
	a.StockSold.add(b.StockSold)
	a.Exercised.add(b.Exercised)
	a.Penalty.add(b.Penalty)
	a.ExercisedOwn += b.ExercisedOwn
	a.ExercisedMarket += b.ExercisedMarket
	a.OptionsBought.add(b.OptionsBought)
	a.OptionsExpired.add(b.OptionsExpired)
	a.OptionBought.add(b.OptionBought)
	a.OptionSold.add(b.OptionSold)
	a.Cost += b.Cost
}

// CDNRevenue returns the $ the CDN received from the account: StockBoD +
// Exercised + Penalty + OptionsBought.
func (a *Account) CDNRevenue() float64 {
	return a.StockBoD.USD + a.Exercised.USD + a.Penalty.USD + a.OptionsBought.USD
}

// NetStocks returns the stocks bought net of the SM: StockBoD + StockBought −
// StockSold (the BoD column of the paper's Table 15), in bytes.
func (a *Account) NetStocks() int64 {
	return a.StockBoD.Bytes + a.StockBought.Bytes - a.StockSold.Bytes
}

// Branch is the sub-scenario an origin server's day ended in (the paper's
// Scenario 1 and the branches of Scenario 2).
type Branch int

// Branches, in the order the workflow tries them.
const (
	CoveredByStocks        Branch = iota // the own pool covered the demand (Scenario 1)
	CoveredByMarketStocks                // stocks bought in the SM closed the deficit
	CoveredByOwnOptions                  // exercising own SOs closed it
	CoveredByMarketOptions               // SOs bought in the SM closed it
	Penalized                            // volume was bought at the penalty price
)

// String returns the branch's name.
func (b Branch) String() string {
	switch b {
	case CoveredByStocks:
		return "CoveredByStocks"
	case CoveredByMarketStocks:
		return "CoveredByMarketStocks"
	case CoveredByOwnOptions:
		return "CoveredByOwnOptions"
	case CoveredByMarketOptions:
		return "CoveredByMarketOptions"
	case Penalized:
		return "Penalized"
	}
	return fmt.Sprintf("Branch(%d)", int(b))
}

// DayRecord is one origin server's account for one day, with the class that
// priced the day, its branch, its penalty price and the strikes it paid on
// SOs bought in the SM (MarketStrikeUSD; needed for the price bound).
type DayRecord struct {
	Day, Server     int
	Class           Class
	Branch          Branch
	PenaltyPrice    float64 // $/GB of the day's class
	MarketStrikeUSD float64 // part of Exercised.USD paid on SOs bought in the SM
	Account
}

// MarketDay is the secondary market's record of one day: the clearing price
// ($/GB; 0 when nothing traded), volume (bytes) and number of fills of the
// stock auction and of the SO auction (delivered-volume price).
type MarketDay struct {
	Day                       int
	StockPrice, OptionPrice   float64
	StockVolume, OptionVolume int64
	StockFills, OptionFills   int
}

// Result is the outcome of one run.
type Result struct {
	Scenario   Scenario
	Days       int         // completed days
	Servers    []Account   // per OS over the run; StocksHeld/OptionsHeld at the end
	Names      []string    // OriginServer.Name per OS
	Total      Account     // Σ over OSs
	Daily      []DayRecord // len Days·n, index d·n + i
	Market     []MarketDay // len Days
	CDNRevenue float64
	Stopped    bool // ctx or Progress stopped the run; fields cover the completed days
}

// Day returns the record of server on day d. It panics if either is out of
// range.
func (r *Result) Day(d, server int) *DayRecord {
	n := len(r.Servers)
	if d < 0 || d >= r.Days || server < 0 || server >= n {
		panic("market: day or server out of range")
	}
	return &r.Daily[d*n+server]
}

// moneyEq compares two $ amounts with slack 1e-12·(1 + |lhs|).
func moneyEq(got, want float64) bool {
	return math.Abs(got-want) <= 1e-12*(1+math.Abs(got))
}

// Verify checks the accounting identities of the run and returns nil or an
// *IdentityError for the first violation. Exact in bytes, for every day d and
// server i:
//
//  1. FromStock + StockBought + Exercised + Penalty = Demand;
//  2. StocksHeld(d) = StocksHeld(d−1) + StockBoD − FromStock − StockSold ≥ 0;
//  3. Σ_i StockBought = Σ_i StockSold and Σ_i OptionBought = Σ_i OptionSold;
//  4. OptionsHeld(d) = OptionsHeld(d−1) + OptionsBought − ExercisedOwn −
//     OptionSold − OptionsExpired ≥ 0;
//  5. ExercisedMarket = OptionBought; Exercised = ExercisedOwn +
//     ExercisedMarket; plan 6a ⇒ no SO trade;
//  6. the branch agrees with the flows.
//
// Over the run the per-server accounts equal the sums of the days, Total
// the sum of the servers, StockBoD + StockBought − StockSold + Exercised +
// Penalty = Demand + StocksHeld and OptionsBought = ExercisedOwn +
// OptionSold + OptionsExpired + OptionsHeld. Money, with slack
// 1e-12·(1 + |lhs|): per day SM cost = revenue for both goods; every Cost
// equals its formula; Σ Cost = CDNRevenue; an OS pays at most its penalty
// price per GB bought at the EoD (StockBought$ + OptionBought$ + market
// strikes ≤ π·(StockBought + ExercisedMarket)/1e9).
//
// Cost O(D·n).
func (r *Result) Verify() error {
	n := len(r.Servers)
	if len(r.Daily) != r.Days*n || len(r.Market) != r.Days {
		return &IdentityError{Day: -1, Server: -1, Identity: "lengths of Daily and Market", Got: float64(len(r.Daily)), Want: float64(r.Days * n)}
	}
	fail := func(d, i int, id string, got, want float64) error {
		return &IdentityError{Day: d, Server: i, Identity: id, Got: got, Want: want}
	}
	sums := make([]Account, n)
	var prevStocks, prevOpts []int64 = make([]int64, n), make([]int64, n)
	for d := 0; d < r.Days; d++ {
		var sb, ss, ob, os int64
		var sbU, ssU, obU, osU float64
		var mv, mov int64
		for i := 0; i < n; i++ {
			rec := &r.Daily[d*n+i]
			a := &rec.Account
			if rec.Day != d || rec.Server != i {
				return fail(d, i, "record position", float64(rec.Day), float64(d))
			}
			if got := a.FromStock + a.StockBought.Bytes + a.Exercised.Bytes + a.Penalty.Bytes; got != a.Demand {
				return fail(d, i, "FromStock + StockBought + Exercised + Penalty = Demand", float64(got), float64(a.Demand))
			}
			want := prevStocks[i] + a.StockBoD.Bytes - a.FromStock - a.StockSold.Bytes
			if a.StocksHeld != want || want < 0 {
				return fail(d, i, "StocksHeld(d) = StocksHeld(d-1) + StockBoD - FromStock - StockSold >= 0", float64(a.StocksHeld), float64(want))
			}
			want = prevOpts[i] + a.OptionsBought.Bytes - a.ExercisedOwn - a.OptionSold.Bytes - a.OptionsExpired.Bytes
			if a.OptionsHeld != want || want < 0 {
				return fail(d, i, "OptionsHeld(d) = OptionsHeld(d-1) + OptionsBought - ExercisedOwn - OptionSold - OptionsExpired >= 0", float64(a.OptionsHeld), float64(want))
			}
			if a.ExercisedMarket != a.OptionBought.Bytes {
				return fail(d, i, "ExercisedMarket = OptionBought", float64(a.ExercisedMarket), float64(a.OptionBought.Bytes))
			}
			if a.Exercised.Bytes != a.ExercisedOwn+a.ExercisedMarket {
				return fail(d, i, "Exercised = ExercisedOwn + ExercisedMarket", float64(a.Exercised.Bytes), float64(a.ExercisedOwn+a.ExercisedMarket))
			}
			if r.Scenario.Plan == Plan6a && (a.OptionBought.Bytes != 0 || a.OptionSold.Bytes != 0) {
				return fail(d, i, "plan 6a: OptionBought = OptionSold = 0", float64(a.OptionBought.Bytes+a.OptionSold.Bytes), 0)
			}
			if err := checkBranch(rec); err != nil {
				return err
			}
			if !moneyEq(a.Cost, a.cost()) {
				return fail(d, i, "Cost formula", a.Cost, a.cost())
			}
			paid := a.StockBought.USD + a.OptionBought.USD + rec.MarketStrikeUSD
			limit := rec.PenaltyPrice * float64(a.StockBought.Bytes+a.ExercisedMarket) / 1e9
			if paid > limit+1e-12*(1+math.Abs(paid)) {
				return fail(d, i, "EoD volume costs at most the penalty price", paid, limit)
			}
			for _, v := range []float64{a.StockBoD.USD, a.StockBought.USD, a.StockSold.USD, a.Exercised.USD, a.Penalty.USD, a.OptionsBought.USD, a.OptionsExpired.USD, a.OptionBought.USD, a.OptionSold.USD, a.Cost} {
				if !finite(v) {
					return fail(d, i, "money is finite", v, 0)
				}
			}
			sb += a.StockBought.Bytes
			ss += a.StockSold.Bytes
			ob += a.OptionBought.Bytes
			os += a.OptionSold.Bytes
			sbU += a.StockBought.USD
			ssU += a.StockSold.USD
			obU += a.OptionBought.USD
			osU += a.OptionSold.USD
			prevStocks[i], prevOpts[i] = a.StocksHeld, a.OptionsHeld
			sums[i].add(a)
			sums[i].StocksHeld, sums[i].OptionsHeld = a.StocksHeld, a.OptionsHeld
		}
		m := &r.Market[d]
		mv, mov = m.StockVolume, m.OptionVolume
		if sb != ss || sb != mv {
			return fail(d, -1, "stocks bought = sold = SM volume", float64(sb), float64(ss))
		}
		if ob != os || ob != mov {
			return fail(d, -1, "SOs bought = sold = SM volume", float64(ob), float64(os))
		}
		if !moneyEq(sbU, ssU) {
			return fail(d, -1, "SM stock cost = revenue", sbU, ssU)
		}
		if !moneyEq(obU, osU) {
			return fail(d, -1, "SM SO cost = revenue", obU, osU)
		}
		if !finite(m.StockPrice) || !finite(m.OptionPrice) || (mv == 0 && m.StockPrice != 0) || (mov == 0 && m.OptionPrice != 0) {
			return fail(d, -1, "SM price is 0 without trade and finite", m.StockPrice, m.OptionPrice)
		}
	}
	var total Account
	rev := 0.0
	for i := 0; i < n; i++ {
		got, want := &r.Servers[i], &sums[i]
		if err := sameAccount(got, want, -1, i); err != nil {
			return err
		}
		lhs := got.StockBoD.Bytes + got.StockBought.Bytes - got.StockSold.Bytes + got.Exercised.Bytes + got.Penalty.Bytes
		if lhs != got.Demand+got.StocksHeld {
			return fail(-1, i, "StockBoD + StockBought - StockSold + Exercised + Penalty = Demand + StocksHeld", float64(lhs), float64(got.Demand+got.StocksHeld))
		}
		if rhs := got.ExercisedOwn + got.OptionSold.Bytes + got.OptionsExpired.Bytes + got.OptionsHeld; got.OptionsBought.Bytes != rhs {
			return fail(-1, i, "OptionsBought = ExercisedOwn + OptionSold + OptionsExpired + OptionsHeld", float64(got.OptionsBought.Bytes), float64(rhs))
		}
		total.add(got)
		total.StocksHeld += got.StocksHeld
		total.OptionsHeld += got.OptionsHeld
		rev += got.CDNRevenue()
	}
	if err := sameAccount(&r.Total, &total, -1, -1); err != nil {
		return err
	}
	if r.Total.OptionsBought.Bytes != r.Total.Exercised.Bytes-r.Total.ExercisedMarket+r.Total.OptionSold.Bytes+r.Total.OptionsExpired.Bytes+r.Total.OptionsHeld {
		return fail(-1, -1, "options bought from the CDN = exercised + expired + still held", float64(r.Total.OptionsBought.Bytes), float64(r.Total.Exercised.Bytes+r.Total.OptionsExpired.Bytes+r.Total.OptionsHeld))
	}
	if !moneyEq(r.Total.Cost, r.CDNRevenue) {
		return fail(-1, -1, "Σ Cost = CDNRevenue", r.Total.Cost, r.CDNRevenue)
	}
	if !moneyEq(rev, r.CDNRevenue) {
		return fail(-1, -1, "CDNRevenue = Σ (StockBoD + Exercised + Penalty + OptionsBought)", rev, r.CDNRevenue)
	}
	return nil
}

// sameAccount compares bytes exactly and money with slack.
func sameAccount(got, want *Account, d, i int) error {
	ints := []struct {
		name string
		g, w int64
	}{
		{"Predicted", got.Predicted, want.Predicted},
		{"Demand", got.Demand, want.Demand},
		{"FromStock", got.FromStock, want.FromStock},
		{"StockBoD", got.StockBoD.Bytes, want.StockBoD.Bytes},
		{"StockBought", got.StockBought.Bytes, want.StockBought.Bytes},
		{"StockSold", got.StockSold.Bytes, want.StockSold.Bytes},
		{"Exercised", got.Exercised.Bytes, want.Exercised.Bytes},
		{"Penalty", got.Penalty.Bytes, want.Penalty.Bytes},
		{"ExercisedOwn", got.ExercisedOwn, want.ExercisedOwn},
		{"ExercisedMarket", got.ExercisedMarket, want.ExercisedMarket},
		{"OptionsBought", got.OptionsBought.Bytes, want.OptionsBought.Bytes},
		{"OptionsExpired", got.OptionsExpired.Bytes, want.OptionsExpired.Bytes},
		{"OptionBought", got.OptionBought.Bytes, want.OptionBought.Bytes},
		{"OptionSold", got.OptionSold.Bytes, want.OptionSold.Bytes},
		{"StocksHeld", got.StocksHeld, want.StocksHeld},
		{"OptionsHeld", got.OptionsHeld, want.OptionsHeld},
	}
	for _, c := range ints {
		if c.g != c.w {
			return &IdentityError{Day: d, Server: i, Identity: c.name + " equals the sum of its parts", Got: float64(c.g), Want: float64(c.w)}
		}
	}
	money := []struct {
		name string
		g, w float64
	}{
		{"StockBoD$", got.StockBoD.USD, want.StockBoD.USD},
		{"StockBought$", got.StockBought.USD, want.StockBought.USD},
		{"StockSold$", got.StockSold.USD, want.StockSold.USD},
		{"Exercised$", got.Exercised.USD, want.Exercised.USD},
		{"Penalty$", got.Penalty.USD, want.Penalty.USD},
		{"OptionsBought$", got.OptionsBought.USD, want.OptionsBought.USD},
		{"OptionsExpired$", got.OptionsExpired.USD, want.OptionsExpired.USD},
		{"OptionBought$", got.OptionBought.USD, want.OptionBought.USD},
		{"OptionSold$", got.OptionSold.USD, want.OptionSold.USD},
		{"Cost", got.Cost, want.Cost},
	}
	for _, c := range money {
		if !moneyEq(c.g, c.w) {
			return &IdentityError{Day: d, Server: i, Identity: c.name + " equals the sum of its parts", Got: c.g, Want: c.w}
		}
	}
	return nil
}

// checkBranch checks that a record's branch agrees with its flows.
func checkBranch(rec *DayRecord) error {
	a := &rec.Account
	bad := func(why string) error {
		return &IdentityError{Day: rec.Day, Server: rec.Server, Identity: "branch " + rec.Branch.String() + ": " + why, Got: float64(rec.Branch), Want: -1}
	}
	if (rec.Branch == Penalized) != (a.Penalty.Bytes > 0) {
		return bad("Penalized ⇔ Penalty > 0")
	}
	switch rec.Branch {
	case CoveredByStocks:
		if a.StockBought.Bytes != 0 || a.Exercised.Bytes != 0 || a.FromStock != a.Demand {
			return bad("demand served from the own pool alone")
		}
	case CoveredByMarketStocks:
		if a.StockBought.Bytes == 0 || a.Exercised.Bytes != 0 {
			return bad("SM stocks closed the deficit, no SO exercised")
		}
	case CoveredByOwnOptions:
		if a.ExercisedOwn == 0 || a.ExercisedMarket != 0 {
			return bad("own SOs closed the deficit, none bought")
		}
	case CoveredByMarketOptions:
		if a.ExercisedMarket == 0 {
			return bad("SOs bought in the SM closed the deficit")
		}
	case Penalized:
	default:
		return bad("unknown branch")
	}
	return nil
}
