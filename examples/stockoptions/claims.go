package main

import (
	"fmt"
	"math"

	"github.com/cdnkit/cdnkit/internal/claims"
	"github.com/cdnkit/cdnkit/market"
)

// up returns the paper's percentage difference market.PD(from, to), signed:
// positive when to > from, negative when to < from. The paper's PDs are
// unsigned, quoted in the direction its text claims; signing them lets the
// report's verdicts see a change in the wrong direction.
func up(from, to float64) float64 {
	d := market.PD(from, to)
	if to < from {
		return -d
	}
	return d
}

// b2f is 1 for true, 0 for false.
func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// pairIndex is a paper pair that ran: its 1-based position in
// market.PaperPairs (Table 4's order) and its results, SO exchange off then on.
type pairIndex struct {
	k       int
	off, on *market.Result
}

func indexedPairs(rs []*market.Result) []pairIndex {
	m := byID(rs)
	var out []pairIndex
	for k, p := range market.PaperPairs() {
		if a, b := m[p[0]], m[p[1]]; a != nil && b != nil {
			out = append(out, pairIndex{k + 1, a, b})
		}
	}
	return out
}

// shapeClaim is one of the paper's qualitative claims the program checks.
type shapeClaim struct {
	text string
	ok   bool
}

// shapeClaims returns the qualitative claims that the scenarios run can
// decide, each with whether it holds on this data.
func shapeClaims(rs []*market.Result) []shapeClaim {
	var out []shapeClaim
	ps := pairs(rs)
	cheaper, lessPen := true, true
	for _, p := range ps {
		cheaper = cheaper && p[1].Total.Cost < p[0].Total.Cost
		lessPen = lessPen && p[1].Total.Penalty.Bytes <= p[0].Total.Penalty.Bytes
	}
	if len(ps) > 0 {
		out = append(out,
			shapeClaim{"every plan-7a scenario costs less than its 6a pair", cheaper},
			shapeClaim{"every plan-7a scenario has no more penalty GB than its 6a pair", lessPen})
	}
	order := costOrder(rs)
	m := byID(rs)
	if len(rs) == 12 {
		out = append(out,
			shapeClaim{"scenario 11 costs most", order[11] == 11},
			shapeClaim{"scenario 10 costs least", order[0] == 10})
	}
	for _, grp := range [][]int{{1, 2, 3, 4}, {5, 6, 7, 8}} {
		ok, all := true, true
		for k := range grp {
			if m[grp[k]] == nil {
				all = false
				break
			}
			if k > 0 && m[grp[k]].Total.OptionsExpired.Bytes > m[grp[k-1]].Total.OptionsExpired.Bytes {
				ok = false
			}
		}
		if all {
			out = append(out, shapeClaim{fmt.Sprintf("SOs expired non-increasing from maturity 7 to 28 (scenarios %d-%d)", grp[0], grp[3]), ok})
		}
	}
	if ok, decided := recommendation(rs); decided {
		out = append(out, shapeClaim{"recommendation (15 % SOs and 14 days or more): the 15 % pair (9,10) has the highest PS with SO exchange, and 14-day SOs leave no more unexercised than 7-day ones (scenarios 2 vs 1, 6 vs 5)", ok})
	}
	return out
}

// recommendation checks the paper's recommendation of §4.4.7–8 (a purchase
// rate of 15 % with a duration of 14 days or more), as far as its scenarios
// can: the 15 % pair (9, 10) has the highest PS with SO exchange among the
// pairs, and 14-day SOs leave no more not exercised than 7-day ones under
// both plans (scenario 2 against 1, 6 against 5). Reconstruction: the paper
// has no 15 %, 14-day scenario, so the two halves are checked separately.
// decided is false unless all six pairs ran.
func recommendation(rs []*market.Result) (ok, decided bool) {
	ip := indexedPairs(rs)
	if len(ip) != 6 {
		return false, false
	}
	best := bestPair(ip)
	m := byID(rs)
	ne := func(id int) int64 { return notExercised(&m[id].Total) }
	return best == 5 && ne(2) <= ne(1) && ne(6) <= ne(5), true
}

// bestPair and worstPair return the Table 4 position of the pair with the
// highest and lowest PS with SO exchange (Table 16's "PS on").
func bestPair(ip []pairIndex) int {
	k, v := 0, math.Inf(-1)
	for _, p := range ip {
		if s := market.PS(p.on.Total); s > v {
			k, v = p.k, s
		}
	}
	return k
}

func worstPair(ip []pairIndex) int {
	k, v := 0, math.Inf(1)
	for _, p := range ip {
		if s := market.PS(p.on.Total); s < v {
			k, v = p.k, s
		}
	}
	return k
}

// pearson returns the correlation of x and y, NaN when undefined.
func pearson(x, y []float64) float64 {
	n := float64(len(x))
	if len(x) < 3 {
		return math.NaN()
	}
	var mx, my float64
	for i := range x {
		mx += x[i] / n
		my += y[i] / n
	}
	var sxy, sxx, syy float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}

// runClaims returns the figures of -claims, all computed from this run (days
// simulated, wall seconds of the simulation, results of the scenarios run).
// Keys, by the paper's tables (GB = 10⁹ bytes, $ as the tables print):
//
//   - days, wall_s; table5.total_gb (predicted); table6.total_gb and
//     total_usd (BoD stocks), table6.scenario_invariant (1 when every scenario
//     has the same BoD stocks); table7.* the SM stock trades, in total and for
//     OS one, four and five (the servers in Table 3's order).
//   - sN.*: per scenario N exercised_gb and exercised_usd (Tables 8, 9),
//     penalty_gb and penalty_usd (10, 11), premium_usd and total_usd (Table
//     17: BoD + exercise + EoD + premium), sos_bought_gb, not_exercised_gb
//     (expired plus still held) and exchanged_gb (SOs bought in the SM) of
//     Table 14.
//   - pairK.* for Table 4's K-th pair: pd_exercised, pd_penalty_gb and pd_ps
//     (signed PDs, positive in the direction the paper claims: more
//     exercised, less penalty, higher PS with SO exchange); ps_off and ps_on
//     (Table 16); sum_usd_off and sum_usd_on (Table 13's sum: penalty +
//     strikes + SO price paid in the SM).
//   - table8.pd_A_B_off/on: signed PD of exercised GB from maturity A to B
//     days (scenarios 1–4 without, 5–8 with exchange); table8.pd_X_Y: signed
//     PD of exercised GB from scenario X to Y (+5 % SOs bought).
//   - fig6.cases (OS × pair) and cases_higher (exercised GB and $ both higher
//     with exchange); fig7.pairs, pairs_sos_up (more exercised GB),
//     pairs_penalty_down (less penalty GB).
//   - table12.sum_gb_min/max (exercised + penalty over the scenarios);
//     table14.bought_increase_min/max (signed PD of SOs bought, off → on, over
//     the pairs); table15.total_gb_min/max (BoD net + exercised + penalty);
//     table17.premium_volume_corr (Pearson correlation of the SO premium and
//     the SO volume bought over the scenarios).
//   - shape.*: cheapest and dearest scenario; pairs_7a_cheaper; best_pair and
//     worst_pair (highest and lowest PS with exchange, Table 4 position);
//     recommendation_holds (see recommendation); claims and holds count the
//     shape check's lines.
func runClaims(days int, wall float64, rs []*market.Result) claims.Set {
	c := claims.Set{}
	c.Put("days", float64(days))
	c.Put("wall_s", wall)
	if len(rs) == 0 {
		return c
	}
	r0 := rs[0]
	c.Put("table5.total_gb", gb(r0.Total.Predicted))
	c.Put("table6.total_gb", r0.Total.StockBoD.GB())
	c.Put("table6.total_usd", r0.Total.StockBoD.USD)
	inv := true
	for _, r := range rs {
		inv = inv && r.Total.StockBoD.Bytes == r0.Total.StockBoD.Bytes && math.Abs(r.Total.StockBoD.USD-r0.Total.StockBoD.USD) < 1e-6
	}
	c.Put("table6.scenario_invariant", b2f(inv))
	c.Put("table7.bought_gb", r0.Total.StockBought.GB())
	c.Put("table7.sold_gb", r0.Total.StockSold.GB())
	c.Put("table7.cost_usd", r0.Total.StockBought.USD)
	c.Put("table7.revenue_usd", r0.Total.StockSold.USD)
	for _, i := range []int{1, 4, 5} {
		if i <= len(r0.Servers) {
			a := &r0.Servers[i-1]
			c.Put(fmt.Sprintf("table7.os%d.bought_gb", i), a.StockBought.GB())
			c.Put(fmt.Sprintf("table7.os%d.sold_gb", i), a.StockSold.GB())
		}
	}

	sumMin, sumMax := math.Inf(1), math.Inf(-1)
	totMin, totMax := math.Inf(1), math.Inf(-1)
	var prem, vol []float64
	for _, r := range rs {
		a := &r.Total
		p := fmt.Sprintf("s%d.", r.Scenario.ID)
		c.Put(p+"exercised_gb", a.Exercised.GB())
		c.Put(p+"exercised_usd", a.Exercised.USD)
		c.Put(p+"penalty_gb", a.Penalty.GB())
		c.Put(p+"penalty_usd", a.Penalty.USD)
		c.Put(p+"premium_usd", a.OptionsBought.USD)
		c.Put(p+"total_usd", a.StockBoD.USD+a.Exercised.USD+a.Penalty.USD+a.OptionsBought.USD)
		c.Put(p+"sos_bought_gb", a.OptionsBought.GB())
		c.Put(p+"not_exercised_gb", gb(notExercised(a)))
		c.Put(p+"exchanged_gb", a.OptionBought.GB())
		s := a.Exercised.GB() + a.Penalty.GB()
		sumMin, sumMax = math.Min(sumMin, s), math.Max(sumMax, s)
		t := gb(a.NetStocks() + a.Exercised.Bytes + a.Penalty.Bytes)
		totMin, totMax = math.Min(totMin, t), math.Max(totMax, t)
		prem = append(prem, a.OptionsBought.USD)
		vol = append(vol, a.OptionsBought.GB())
	}
	c.Put("table12.sum_gb_min", sumMin)
	c.Put("table12.sum_gb_max", sumMax)
	c.Put("table15.total_gb_min", totMin)
	c.Put("table15.total_gb_max", totMax)
	c.Put("table17.premium_volume_corr", pearson(prem, vol))

	m := byID(rs)
	ex := func(id int) (float64, bool) {
		if r := m[id]; r != nil {
			return r.Total.Exercised.GB(), true
		}
		return 0, false
	}
	for _, s := range []struct {
		key      string
		from, to int
	}{
		{"table8.pd_7_14_off", 1, 2}, {"table8.pd_14_21_off", 2, 3}, {"table8.pd_21_28_off", 3, 4},
		{"table8.pd_7_14_on", 5, 6}, {"table8.pd_14_21_on", 6, 7}, {"table8.pd_21_28_on", 7, 8},
		{"table8.pd_11_2", 11, 2}, {"table8.pd_12_6", 12, 6}, {"table8.pd_5_10", 5, 10}, {"table8.pd_1_9", 1, 9},
	} {
		a, okA := ex(s.from)
		b, okB := ex(s.to)
		if okA && okB {
			c.Put(s.key, up(a, b))
		}
	}

	ip := indexedPairs(rs)
	cases, higher, sosUp, penDown, cheaper := 0, 0, 0, 0, 0
	incMin, incMax := math.Inf(1), math.Inf(-1)
	for _, p := range ip {
		off, on := &p.off.Total, &p.on.Total
		q := fmt.Sprintf("pair%d.", p.k)
		c.Put(q+"pd_exercised", up(off.Exercised.GB(), on.Exercised.GB()))
		c.Put(q+"pd_penalty_gb", up(on.Penalty.GB(), off.Penalty.GB()))
		c.Put(q+"ps_off", market.PS(*off))
		c.Put(q+"ps_on", market.PS(*on))
		c.Put(q+"pd_ps", up(market.PS(*off), market.PS(*on)))
		c.Put(q+"sum_usd_off", off.Penalty.USD+off.Exercised.USD+off.OptionBought.USD)
		c.Put(q+"sum_usd_on", on.Penalty.USD+on.Exercised.USD+on.OptionBought.USD)
		for i := range p.off.Servers {
			a, b := &p.off.Servers[i], &p.on.Servers[i]
			cases++
			if b.Exercised.Bytes > a.Exercised.Bytes && b.Exercised.USD > a.Exercised.USD {
				higher++
			}
		}
		if on.Exercised.Bytes > off.Exercised.Bytes {
			sosUp++
		}
		if on.Penalty.Bytes < off.Penalty.Bytes {
			penDown++
		}
		if p.on.Total.Cost < p.off.Total.Cost {
			cheaper++
		}
		inc := up(off.OptionsBought.GB(), on.OptionsBought.GB())
		incMin, incMax = math.Min(incMin, inc), math.Max(incMax, inc)
	}
	if len(ip) > 0 {
		c.Put("fig6.cases", float64(cases))
		c.Put("fig6.cases_higher", float64(higher))
		c.Put("fig7.pairs", float64(len(ip)))
		c.Put("fig7.pairs_sos_up", float64(sosUp))
		c.Put("fig7.pairs_penalty_down", float64(penDown))
		c.Put("table14.bought_increase_min", incMin)
		c.Put("table14.bought_increase_max", incMax)
		c.Put("shape.pairs_7a_cheaper", float64(cheaper))
		c.Put("shape.best_pair", float64(bestPair(ip)))
		c.Put("shape.worst_pair", float64(worstPair(ip)))
	}
	order := costOrder(rs)
	c.Put("shape.cheapest", float64(order[0]))
	c.Put("shape.dearest", float64(order[len(order)-1]))
	if ok, decided := recommendation(rs); decided {
		c.Put("shape.recommendation_holds", b2f(ok))
	}
	sc := shapeClaims(rs)
	holds := 0
	for _, s := range sc {
		if s.ok {
			holds++
		}
	}
	c.Put("shape.claims", float64(len(sc)))
	c.Put("shape.holds", float64(holds))
	return c
}
