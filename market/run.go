package market

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sync"

	"github.com/cdnkit/cdnkit/auction"
	"github.com/cdnkit/cdnkit/options"
)

// lot is a stock-option lot: bytes left, class (strike, spot), the day it
// was bought (its expiry is born + M − 1, kept implicit so that no huge
// maturity overflows), creation sequence and premium per GB paid for it.
type lot struct {
	bytes   int64
	class   Class
	born    int
	seq     int
	premium float64
}

// lotQueue is a FIFO of one server's live lots in creation order, which is
// (expiry, sequence) order because every lot of a run has the same maturity.
// Emptied lots always form a prefix (exercise and SO sales take the oldest
// lots first), so a ring of capacity min(M, D) suffices.
type lotQueue struct {
	buf        []lot
	head, size int
}

func (q *lotQueue) at(k int) *lot { return &q.buf[(q.head+k)%len(q.buf)] }

func (q *lotQueue) push(l lot) {
	if q.size == len(q.buf) {
		panic("market: lot ring overflow")
	}
	q.buf[(q.head+q.size)%len(q.buf)] = l
	q.size++
}

func (q *lotQueue) pop() { q.head = (q.head + 1) % len(q.buf); q.size-- }

// dropEmpty removes emptied lots from the front.
func (q *lotQueue) dropEmpty() {
	for q.size > 0 && q.at(0).bytes == 0 {
		q.pop()
	}
}

// server is one origin server's state during a run.
type server struct {
	pool  int64   // stocks, bytes
	value float64 // $ value of the pool
	lots  lotQueue
	held  int64 // Σ bytes of live lots
}

// take removes x ≤ pool bytes from the pool at its average cost
// c̄ = value/pool·1e9 $/GB; an emptied pool has value 0 exactly.
func (sv *server) take(x int64) {
	if x == 0 {
		return
	}
	if x >= sv.pool {
		sv.pool, sv.value = 0, 0
		return
	}
	cbar := sv.value / float64(sv.pool) * 1e9
	sv.value = max(0, sv.value-cbar*float64(x)/1e9)
	sv.pool -= x
}

// avgCost returns the pool's average unit cost in $/GB (pool > 0).
func (sv *server) avgCost() float64 { return sv.value / float64(sv.pool) * 1e9 }

// premium returns the option value per GB of class c with days to expiry.
func (s *Simulation) premium(c Class, days int) (float64, error) {
	v, err := options.European(options.Call, options.Params{
		Spot: s.spot[c], Strike: s.strike[c], T: float64(days) / s.prem.DayCount,
		Rate: s.prem.Rate, Dividend: s.prem.Dividend, Vol: s.prem.Vol,
	})
	if err != nil {
		return 0, fmt.Errorf("market: premium of class %v, maturity %d days: %w", c, days, err)
	}
	if !finite(v) || v < 0 {
		return 0, fmt.Errorf("%w: premium of class %v, maturity %d days = %v", ErrBadConfig, c, days, v)
	}
	return v, nil
}

// pending marks a server whose deficit is still open during the EoD.
const pending Branch = -1

// settle gives the branch br to every pending server whose deficit closed.
func settle(recs []DayRecord, deficit []int64, br Branch) {
	for i := range recs {
		if recs[i].Branch == pending && deficit[i] == 0 {
			recs[i].Branch = br
		}
	}
}

// Simulate is New followed by Run.
func Simulate(ctx context.Context, cfg *Config, sc Scenario) (*Result, error) {
	s, err := New(cfg)
	if err != nil {
		return nil, err
	}
	return s.Run(ctx, sc)
}

// Run simulates scenario sc day by day (the paper's §3.2 and Fig. 5). With
// Q the day's forecast, L the demand, class c (ClassRule), standard price s,
// penalty π = PenaltyFactor·s, option fraction b, maturity M and offer
// fraction α, each day d runs:
//
//	BoD, each server i:
//	  2. stocks:  buy B = max(0, Q − P_i) at s                 ("forecasted minus unused stocks")
//	  3. options: buy O = max(0, ⌈b·Q⌉ − H_i) as one lot, strike K_c, expiry d+M−1,
//	              premium Premium(c, M) per GB                 ("forecasted minus active unused SOs")
//	EoD:
//	  4. consumption U = min(L, P_i) at average cost; deficit Δ_i = L − U
//	  5. stock call auction: sellers Δ_i = 0 with P_i > 0 ask c̄_i for ⌊α·P_i⌋,
//	     buyers Δ_i > 0 bid π_i for Δ_i
//	  6. own SOs exercised in (expiry, sequence) order, strike K paid to the CDN
//	  7. plan 7a: SO call auction in delivered prices: servers with Δ_i = 0
//	     offer their lots of the nearest expiry at K + V(τ) for ⌊α·bytes⌋,
//	     buyers bid π_i for Δ_i; a buyer pays p − K per GB to the seller and K
//	     to the CDN and exercises at once
//	  8. penalty: the rest of Δ_i at π_i
//	  9. expiry: lots with expiry d lapse; pools carry over
//
// Reconstruction where the paper gives no rule: the ordering of steps 5–7
// (the stock market first, so BoD purchases, pools and stock trades are the
// same in every scenario); average-cost accounting of the pool; the SO
// auction in delivered prices (one uniform price must compare lots of
// different strikes: a buyer pays p per GB in total, p − K to the seller and
// K to the CDN, so never more than its penalty price, and a seller receives
// p − K ≥ V(τ)); the day convention of expiry (BoD d to EoD d + M − 1). SOs
// bought in the SM are exercised at once and only up to the deficit, so an
// OS never holds them. Both clearings are auction.CallAuction with
// TimePriority rationing on integral byte quantities.
//
// With ClassByForecast a lot keeps the class of the day it was bought, so a
// lot bought in a dearer class may carry a strike above a later day's
// penalty price; step 6 exercises it all the same, as the paper's workflow
// says (exercise own SOs, "preferring those that expire sooner").
//
// Validation errors (ErrBadScenario) return (nil, err) before day 0, as do
// premium errors. Then the *Result is non-nil: ctx is checked at every day
// boundary and the Progress hook called after every day; on cancellation or
// a hook error the Result holds the completed days with Stopped = true and
// the error is ctx.Err() or the hook's; a clearing error returns the days
// before it and the error. Same Simulation and Scenario ⇒ bit-identical
// Result. Cost O(D·n·(M + n log n)) time, O(D·n) memory.
func (s *Simulation) Run(ctx context.Context, sc Scenario) (*Result, error) {
	return s.run(ctx, sc, s.progress)
}

// RunAll runs every scenario of scs on up to workers goroutines (≤ 0:
// GOMAXPROCS) and returns the results index-aligned with scs; the Progress
// hook is serialised. The results do not depend on workers. The error is the
// one of the lowest-index scenario that failed (its Result, possibly nil, is
// in place; the other runs complete). An empty scs gives an empty result.
func (s *Simulation) RunAll(ctx context.Context, scs []Scenario, workers int) ([]*Result, error) {
	out := make([]*Result, len(scs))
	if len(scs) == 0 {
		return out, nil
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(scs))
	hook := s.progress
	if hook != nil && workers > 1 {
		var mu sync.Mutex
		hook = func(p Progress) error {
			mu.Lock()
			defer mu.Unlock()
			return s.progress(p)
		}
	}
	errs := make([]error, len(scs))
	if workers == 1 {
		for k := range scs {
			out[k], errs[k] = s.run(ctx, scs[k], hook)
		}
	} else {
		var wg sync.WaitGroup
		next := make(chan int)
		for range workers {
			wg.Go(func() {
				for k := range next {
					out[k], errs[k] = s.run(ctx, scs[k], hook)
				}
			})
		}
		for k := range scs {
			next <- k
		}
		close(next)
		wg.Wait()
	}
	for _, err := range errs {
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

func (s *Simulation) run(ctx context.Context, sc Scenario, hook func(Progress) error) (*Result, error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	n, D, M := s.n, s.days, sc.Maturity
	// A lot lives at most W = min(M, D) days of the run, and its days to
	// expiry τ = M − 1 − (d − born) lie in [M − W, M − 1].
	W := min(M, D)
	base := M - W
	// Premium tables: prem[c] for new lots, remain[c·W + τ − base] = V(τ)
	// (plan 7a only).
	var prem [NumClasses]float64
	for c := P1; c <= P6; c++ {
		v, err := s.premium(c, M)
		if err != nil {
			return nil, err
		}
		prem[c] = v
	}
	var remain []float64
	if sc.Plan == Plan7a {
		remain = make([]float64, NumClasses*W)
		for c := P1; c <= P6; c++ {
			for k := range W {
				v, err := s.premium(c, base+k)
				if err != nil {
					return nil, err
				}
				remain[int(c)*W+k] = v
			}
		}
	}
	res := &Result{
		Scenario: sc,
		Servers:  make([]Account, n),
		Names:    append([]string(nil), s.names...),
		Daily:    make([]DayRecord, D*n),
		Market:   make([]MarketDay, D),
	}
	lotBuf := make([]lot, n*W)
	sv := make([]server, n)
	for i := range sv {
		sv[i].lots.buf = lotBuf[i*W : (i+1)*W : (i+1)*W]
	}
	deficit := make([]int64, n)
	buys := make([]auction.Order, 0, n)
	sells := make([]auction.Order, 0, n)
	buyOS := make([]int, 0, n)
	sellOS := make([]int, 0, n)
	sellLot := make([]int, 0, n) // ring position of each SO sell order's lot
	set := &auction.CallSettings{Price: s.price, Kappa: s.kappa, Ration: auction.TimePriority}
	b := sc.OptionFraction
	seq := 0
	finish := func(days int, stopped bool) {
		res.Days = days
		res.Daily = res.Daily[:days*n]
		res.Market = res.Market[:days]
		res.Stopped = stopped
		res.Total = Account{}
		res.CDNRevenue = 0
		for i := range res.Servers {
			a := &res.Servers[i]
			a.StocksHeld, a.OptionsHeld = 0, 0
			if days > 0 {
				last := &res.Daily[(days-1)*n+i]
				a.StocksHeld, a.OptionsHeld = last.StocksHeld, last.OptionsHeld
			}
			res.Total.add(a)
			res.Total.StocksHeld += a.StocksHeld
			res.Total.OptionsHeld += a.OptionsHeld
			res.CDNRevenue += a.CDNRevenue()
		}
	}
	for d := range D {
		if err := ctx.Err(); err != nil {
			finish(d, true)
			return res, err
		}
		recs := res.Daily[d*n : (d+1)*n]
		// BoD.
		for i := range n {
			st, rec := &sv[i], &recs[i]
			q := s.forecast[i][d]
			c := s.fixed[i]
			if s.rule == ClassByForecast {
				c = s.classOf(q)
			}
			std := s.sched.Standard[c]
			*rec = DayRecord{Day: d, Server: i, Class: c, PenaltyPrice: s.sched.PenaltyFactor * std}
			a := &rec.Account
			a.Predicted, a.Demand = q, s.demand[i][d]
			if q > st.pool {
				x := q - st.pool
				usd := std * float64(x) / 1e9
				st.pool += x
				st.value += usd
				a.StockBoD = Flow{x, usd}
			}
			if t := int64(math.Ceil(b * float64(q))); t > st.held {
				x := t - st.held
				st.lots.push(lot{bytes: x, class: c, born: d, seq: seq, premium: prem[c]})
				seq++
				st.held += x
				a.OptionsBought = Flow{x, prem[c] * float64(x) / 1e9}
			}
		}
		// 4. consumption.
		for i := range n {
			st, a := &sv[i], &recs[i].Account
			u := min(a.Demand, st.pool)
			st.take(u)
			a.FromStock = u
			deficit[i] = a.Demand - u
			recs[i].Branch = CoveredByStocks
			if deficit[i] > 0 {
				recs[i].Branch = pending
			}
		}
		// 5. stock call auction.
		buys, sells, buyOS, sellOS = buys[:0], sells[:0], buyOS[:0], sellOS[:0]
		for i := range n {
			st := &sv[i]
			switch {
			case deficit[i] > 0:
				buys = append(buys, auction.Order{ID: i, Price: recs[i].PenaltyPrice, Quantity: float64(deficit[i])})
				buyOS = append(buyOS, i)
			case st.pool > 0:
				sells = append(sells, auction.Order{ID: i, Price: st.avgCost(), Quantity: math.Floor(s.alpha * float64(st.pool))})
				sellOS = append(sellOS, i)
			}
		}
		m := &res.Market[d]
		m.Day = d
		if len(buys) > 0 && len(sells) > 0 {
			c, err := clearing(d, "stocks", buys, sells, set)
			if err != nil {
				finish(d, false)
				return res, err
			}
			if s.onClear != nil {
				s.onClear(d, "stocks", buys, sells, c)
			}
			if c.Volume > 0 {
				p := c.Price
				m.StockPrice, m.StockVolume, m.StockFills = p, int64(c.Volume), len(c.Matches)
				for k, f := range c.BuyFilled {
					if x := int64(f); x > 0 {
						i := buyOS[k]
						recs[i].StockBought = Flow{x, p * float64(x) / 1e9}
						deficit[i] -= x
					}
				}
				for k, f := range c.SellFilled {
					if x := int64(f); x > 0 {
						i := sellOS[k]
						sv[i].take(x)
						recs[i].StockSold = Flow{x, p * float64(x) / 1e9}
					}
				}
			}
		}
		settle(recs, deficit, CoveredByMarketStocks)
		// 6. own SOs, nearest expiry first.
		for i := range n {
			if deficit[i] == 0 {
				continue
			}
			st, a := &sv[i], &recs[i].Account
			for k := 0; k < st.lots.size && deficit[i] > 0; k++ {
				l := st.lots.at(k)
				x := min(deficit[i], l.bytes)
				if x == 0 {
					continue
				}
				a.Exercised.add(Flow{x, s.strike[l.class] * float64(x) / 1e9})
				a.ExercisedOwn += x
				l.bytes -= x
				st.held -= x
				deficit[i] -= x
			}
			st.lots.dropEmpty()
		}
		settle(recs, deficit, CoveredByOwnOptions)
		// 7. SO call auction in delivered prices (plan 7a).
		if sc.Plan == Plan7a {
			buys, sells, buyOS, sellOS, sellLot = buys[:0], sells[:0], buyOS[:0], sellOS[:0], sellLot[:0]
			for i := range n {
				st := &sv[i]
				if deficit[i] > 0 {
					buys = append(buys, auction.Order{ID: i, Price: recs[i].PenaltyPrice, Quantity: float64(deficit[i])})
					buyOS = append(buyOS, i)
					continue
				}
				if st.lots.size == 0 {
					continue
				}
				first := st.lots.at(0).born // nearest expiry: same maturity, earliest purchase
				for k := 0; k < st.lots.size && st.lots.at(k).born == first; k++ {
					l := st.lots.at(k)
					tau := M - 1 - (d - l.born)
					ask := s.strike[l.class] + remain[int(l.class)*W+tau-base]
					sells = append(sells, auction.Order{ID: len(sells), Price: ask, Quantity: math.Floor(s.alpha * float64(l.bytes))})
					sellOS = append(sellOS, i)
					sellLot = append(sellLot, k)
				}
			}
			if len(buys) > 0 && len(sells) > 0 {
				c, err := clearing(d, "options", buys, sells, set)
				if err != nil {
					finish(d, false)
					return res, err
				}
				if s.onClear != nil {
					s.onClear(d, "options", buys, sells, c)
				}
				if c.Volume > 0 {
					p := c.Price
					m.OptionPrice, m.OptionVolume, m.OptionFills = p, int64(c.Volume), len(c.Matches)
					for _, mt := range c.Matches {
						x := int64(mt.Quantity)
						if x == 0 {
							continue
						}
						bi := buyOS[mt.Buy]
						si, k := sellOS[mt.Sell], sellLot[mt.Sell]
						l := sv[si].lots.at(k)
						K := s.strike[l.class]
						so := Flow{x, (p - K) * float64(x) / 1e9}
						strike := K * float64(x) / 1e9
						ba := &recs[bi].Account
						ba.OptionBought.add(so)
						ba.Exercised.add(Flow{x, strike})
						ba.ExercisedMarket += x
						recs[bi].MarketStrikeUSD += strike
						recs[si].OptionSold.add(so)
						l.bytes -= x
						sv[si].held -= x
						deficit[bi] -= x
					}
					for i := range n {
						sv[i].lots.dropEmpty()
					}
				}
			}
		}
		settle(recs, deficit, CoveredByMarketOptions)
		// 8. penalty; 9. expiry; day totals.
		for i := range n {
			st, rec := &sv[i], &recs[i]
			a := &rec.Account
			if deficit[i] > 0 {
				a.Penalty = Flow{deficit[i], rec.PenaltyPrice * float64(deficit[i]) / 1e9}
				rec.Branch = Penalized
			}
			for st.lots.size > 0 && d-st.lots.at(0).born >= M-1 {
				l := st.lots.at(0)
				if l.bytes > 0 {
					a.OptionsExpired.add(Flow{l.bytes, l.premium * float64(l.bytes) / 1e9})
					st.held -= l.bytes
				}
				st.lots.pop()
			}
			a.StocksHeld, a.OptionsHeld = st.pool, st.held
			a.Cost = a.cost()
			res.Servers[i].add(a)
		}
		if hook != nil {
			if err := hook(Progress{Scenario: sc.ID, Day: d, Days: D}); err != nil {
				finish(d+1, true)
				return res, err
			}
		}
	}
	finish(D, false)
	return res, nil
}
