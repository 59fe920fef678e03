package market

import (
	"context"
	"math"
	"testing"

	"pgregory.net/rapid"

	"github.com/cdnkit/cdnkit/auction"
	"github.com/cdnkit/cdnkit/options"
)

// refLot is a lot of the reference simulator, with an explicit expiry day.
type refLot struct {
	owner, expiry, seq int
	bytes              int64
	spot, strike, prem float64
}

// refDay is what the reference simulator records per OS and day.
type refDay struct {
	branch                                     Branch
	bod, fromStock, sBought, sSold, exOwn, exM int64
	pen, oBought, oExpired, oB, oS, held, pool int64
	usdBoD, usdSB, usdSS, usdEx, usdPen, usdOB float64
	usdOpt, usdOS                              float64
}

// refSimulate is an independent implementation of market.md §2.5–2.6 for
// configs with explicit forecasts: one flat list of lots, expiry days
// stored, the greedy clearing refClear, premiums from options.European.
func refSimulate(t *rapid.T, cfg *Config, sc Scenario) [][]refDay {
	sched := PaperSchedule()
	prem := PaperPremium()
	if cfg.Premium != nil {
		prem = *cfg.Premium
	}
	alpha := cfg.OfferFraction
	if alpha == 0 {
		alpha = 1
	}
	n := len(cfg.Servers)
	D := len(cfg.Servers[0].Demand)
	for _, s := range cfg.Servers {
		D = min(D, len(s.Demand))
	}
	bs := func(gb float64) int64 { return int64(math.Floor(gb*1e9 + 0.5)) }
	bsUp := func(gb float64) int64 { return int64(math.Ceil(gb * 1e9)) }
	call := func(s, k float64, days int) float64 {
		v, err := options.European(options.Call, options.Params{Spot: s, Strike: k, T: float64(days) / prem.DayCount, Rate: prem.Rate, Dividend: prem.Dividend, Vol: prem.Vol})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	pool := make([]int64, n)
	val := make([]float64, n)
	var lots []refLot
	seq := 0
	out := make([][]refDay, D)
	for d := range D {
		day := make([]refDay, n)
		out[d] = day
		pen := make([]float64, n)
		def := make([]int64, n)
		for i, srv := range cfg.Servers {
			q := bsUp(srv.Forecast[d])
			c := srv.Class
			if cfg.ClassRule == ClassByForecast {
				c = sched.ClassOf(q)
			}
			std := sched.Standard[c]
			pen[i] = sched.Penalty(c)
			if x := q - pool[i]; x > 0 {
				pool[i] += x
				val[i] += std * float64(x) / 1e9
				day[i].bod, day[i].usdBoD = x, std*float64(x)/1e9
			}
			var held int64
			for _, l := range lots {
				if l.owner == i {
					held += l.bytes
				}
			}
			if x := int64(math.Ceil(sc.OptionFraction*float64(q))) - held; x > 0 {
				s, k := prem.SpotStrike(c, std)
				p := call(s, k, sc.Maturity)
				lots = append(lots, refLot{owner: i, expiry: d + sc.Maturity - 1, seq: seq, bytes: x, spot: s, strike: k, prem: p})
				seq++
				day[i].oBought, day[i].usdOpt = x, p*float64(x)/1e9
			}
			L := bs(srv.Demand[d])
			u := min(L, pool[i])
			if u == pool[i] {
				pool[i], val[i] = 0, 0
			} else if u > 0 {
				val[i] = max(0, val[i]-val[i]/float64(pool[i])*1e9*float64(u)/1e9)
				pool[i] -= u
			}
			day[i].fromStock = u
			def[i] = L - u
			day[i].branch = -1
			if def[i] == 0 {
				day[i].branch = CoveredByStocks
			}
		}
		closeBranch := func(b Branch) {
			for i := range day {
				if day[i].branch == -1 && def[i] == 0 {
					day[i].branch = b
				}
			}
		}
		// Stock SM.
		var buys, sells []auction.Order
		var bo, so []int
		for i := range n {
			if def[i] > 0 {
				buys = append(buys, auction.Order{ID: i, Price: pen[i], Quantity: float64(def[i])})
				bo = append(bo, i)
			} else if pool[i] > 0 {
				sells = append(sells, auction.Order{ID: i, Price: val[i] / float64(pool[i]) * 1e9, Quantity: math.Floor(alpha * float64(pool[i]))})
				so = append(so, i)
			}
		}
		p, bf, sf := refClear(buys, sells, cfg.Price, cfg.Kappa)
		for k, x := range bf {
			i := bo[k]
			def[i] -= x
			day[i].sBought, day[i].usdSB = x, p*float64(x)/1e9
		}
		for k, x := range sf {
			i := so[k]
			if x == pool[i] {
				pool[i], val[i] = 0, 0
			} else if x > 0 {
				val[i] = max(0, val[i]-val[i]/float64(pool[i])*1e9*float64(x)/1e9)
				pool[i] -= x
			}
			day[i].sSold, day[i].usdSS = x, p*float64(x)/1e9
		}
		closeBranch(CoveredByMarketStocks)
		// Own exercise, lots in (expiry, seq) order = list order.
		for k := range lots {
			l := &lots[k]
			i := l.owner
			if x := min(def[i], l.bytes); x > 0 {
				l.bytes -= x
				def[i] -= x
				day[i].exOwn += x
				day[i].usdEx += l.strike * float64(x) / 1e9
			}
		}
		closeBranch(CoveredByOwnOptions)
		if sc.Plan == Plan7a {
			buys, sells = nil, nil
			bo = nil
			var sl []int
			for i := range n {
				if def[i] > 0 {
					buys = append(buys, auction.Order{ID: i, Price: pen[i], Quantity: float64(def[i])})
					bo = append(bo, i)
				}
			}
			for i := range n {
				if def[i] > 0 {
					continue
				}
				emin := math.MaxInt
				for _, l := range lots {
					if l.owner == i && l.bytes > 0 {
						emin = min(emin, l.expiry)
					}
				}
				for k, l := range lots {
					if l.owner == i && l.bytes > 0 && l.expiry == emin {
						ask := l.strike + call(l.spot, l.strike, l.expiry-d)
						sells = append(sells, auction.Order{ID: len(sells), Price: ask, Quantity: math.Floor(alpha * float64(l.bytes))})
						sl = append(sl, k)
					}
				}
			}
			p, bf, sf := refClear(buys, sells, cfg.Price, cfg.Kappa)
			// Pair the greedy fills in rank order: buyers by price desc, sells by ask asc.
			type rest struct {
				k int
				x int64
			}
			var bq, sq []rest
			for _, k := range rankDesc(buys) {
				if bf[k] > 0 {
					bq = append(bq, rest{k, bf[k]})
				}
			}
			for _, k := range rankAsc(sells) {
				if sf[k] > 0 {
					sq = append(sq, rest{k, sf[k]})
				}
			}
			for len(bq) > 0 && len(sq) > 0 {
				x := min(bq[0].x, sq[0].x)
				i := bo[bq[0].k]
				l := &lots[sl[sq[0].k]]
				l.bytes -= x
				def[i] -= x
				day[i].exM += x
				day[i].usdEx += l.strike * float64(x) / 1e9
				day[i].oB += x
				day[i].usdOB += (p - l.strike) * float64(x) / 1e9
				day[l.owner].oS += x
				day[l.owner].usdOS += (p - l.strike) * float64(x) / 1e9
				if bq[0].x -= x; bq[0].x == 0 {
					bq = bq[1:]
				}
				if sq[0].x -= x; sq[0].x == 0 {
					sq = sq[1:]
				}
			}
			closeBranch(CoveredByMarketOptions)
		}
		for i := range n {
			if def[i] > 0 {
				day[i].pen, day[i].usdPen = def[i], pen[i]*float64(def[i])/1e9
				day[i].branch = Penalized
			}
		}
		kept := lots[:0]
		for _, l := range lots {
			if l.expiry == d {
				day[l.owner].oExpired += l.bytes
				continue
			}
			if l.bytes > 0 {
				kept = append(kept, l)
			}
		}
		lots = kept
		for i := range n {
			day[i].pool = pool[i]
			for _, l := range lots {
				if l.owner == i {
					day[i].held += l.bytes
				}
			}
		}
	}
	return out
}

func rankDesc(o []auction.Order) []int {
	idx := make([]int, len(o))
	for k := range idx {
		idx[k] = k
	}
	for a := 1; a < len(idx); a++ { // insertion sort: stable, ties by index
		for b := a; b > 0 && o[idx[b]].Price > o[idx[b-1]].Price; b-- {
			idx[b], idx[b-1] = idx[b-1], idx[b]
		}
	}
	return idx
}

func rankAsc(o []auction.Order) []int {
	idx := make([]int, len(o))
	for k := range idx {
		idx[k] = k
	}
	for a := 1; a < len(idx); a++ {
		for b := a; b > 0 && o[idx[b]].Price < o[idx[b-1]].Price; b-- {
			idx[b], idx[b-1] = idx[b-1], idx[b]
		}
	}
	return idx
}

// TestPropReferenceSimulator compares every day of every server with the
// independent reference implementation: bytes exactly, money to 1e-12
// relative (the same formulas, evaluated in another order).
func TestPropReferenceSimulator(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := genConfig(t)
		sc := genScenario(t)
		r, err := Simulate(context.Background(), cfg, sc)
		if err != nil {
			t.Fatal(err)
		}
		want := refSimulate(t, cfg, sc)
		mEq := func(a, b float64) bool { return math.Abs(a-b) <= 1e-12*(1+math.Abs(b)) }
		for d := range r.Days {
			for i := range r.Servers {
				g, w := r.Day(d, i), want[d][i]
				if g.Branch != w.branch || g.StockBoD.Bytes != w.bod || g.FromStock != w.fromStock ||
					g.StockBought.Bytes != w.sBought || g.StockSold.Bytes != w.sSold || g.ExercisedOwn != w.exOwn ||
					g.ExercisedMarket != w.exM || g.Penalty.Bytes != w.pen || g.OptionsBought.Bytes != w.oBought ||
					g.OptionsExpired.Bytes != w.oExpired || g.OptionBought.Bytes != w.oB || g.OptionSold.Bytes != w.oS ||
					g.OptionsHeld != w.held || g.StocksHeld != w.pool {
					t.Fatalf("day %d OS %d:\n got %+v\nwant %+v", d, i, *g, w)
				}
				if !mEq(g.StockBoD.USD, w.usdBoD) || !mEq(g.StockBought.USD, w.usdSB) || !mEq(g.StockSold.USD, w.usdSS) ||
					!mEq(g.Exercised.USD, w.usdEx) || !mEq(g.Penalty.USD, w.usdPen) || !mEq(g.OptionBought.USD, w.usdOB) ||
					!mEq(g.OptionsBought.USD, w.usdOpt) || !mEq(g.OptionSold.USD, w.usdOS) {
					t.Fatalf("day %d OS %d money:\n got %+v\nwant %+v", d, i, *g, w)
				}
			}
		}
	})
}
