package auction

import (
	"math"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// genOrders draws 1–8 orders with integer prices 1–8 and integer quantities 1–5 (intQty)
// or U(0, 10) quantities.
func genOrders(t *rapid.T, label string, intQty bool) []Order {
	n := rapid.IntRange(1, 8).Draw(t, label+"-n")
	o := make([]Order, n)
	for i := range o {
		o[i].ID = i + 100
		o[i].Price = float64(rapid.IntRange(1, 8).Draw(t, label+"-p"))
		if intQty {
			o[i].Quantity = float64(rapid.IntRange(1, 5).Draw(t, label+"-q"))
		} else {
			// U(0, 10] on a 2^-30 grid: no subnormal products in the exact scaling checks.
			o[i].Quantity = 10 * float64(rapid.IntRange(1, 1<<30).Draw(t, label+"-q")) / (1 << 30)
		}
	}
	return o
}

func genSettings(t *rapid.T, reserves bool) CallSettings {
	s := CallSettings{
		Price:  rapid.SampledFrom([]PriceRule{PriceMid, PriceLow, PriceHigh, PriceKappa}).Draw(t, "rule"),
		Kappa:  rapid.Float64Range(0, 1).Draw(t, "kappa"),
		Ration: rapid.SampledFrom([]RationRule{ProRata, TimePriority}).Draw(t, "ration"),
	}
	if reserves {
		s.MinPrice = float64(rapid.IntRange(0, 8).Draw(t, "minp"))
		if rapid.Bool().Draw(t, "cap") {
			s.MaxPrice = s.MinPrice + float64(rapid.IntRange(0, 8).Draw(t, "maxp"))
			if s.MaxPrice == 0 {
				s.MaxPrice = 1
			}
		}
		s.MinQuantity = float64(rapid.IntRange(0, 3).Draw(t, "minq"))
	}
	return s
}

// effective returns the effective limits of §2.5 step 1 (NaN for skipped orders).
func effective(orders []Order, side Side, s CallSettings) []float64 {
	e := make([]float64, len(orders))
	for i, o := range orders {
		switch {
		case !(o.Quantity > 0 && o.Quantity >= s.MinQuantity):
			e[i] = math.NaN()
		case side == Buy && s.MaxPrice > 0:
			e[i] = min(o.Price, s.MaxPrice)
		case side == Sell:
			e[i] = max(o.Price, s.MinPrice)
		default:
			e[i] = o.Price
		}
	}
	return e
}

// curves returns D_≥, D_> (buys) or S_≤, S_< (sells) at p.
func curves(orders []Order, eff []float64, side Side, p float64) (weak, strict float64) {
	for i, o := range orders {
		e := eff[i]
		if math.IsNaN(e) {
			continue
		}
		if side == Buy && e >= p || side == Sell && e <= p {
			weak += o.Quantity
		}
		if side == Buy && e > p || side == Sell && e < p {
			strict += o.Quantity
		}
	}
	return weak, strict
}

// bruteClearing returns V* and W by brute force over all effective prices and midpoints.
func bruteClearing(buys, sells []Order, s CallSettings, tol float64) (vstar, lower, upper float64, ok bool) {
	eb, es := effective(buys, Buy, s), effective(sells, Sell, s)
	var cand []float64
	for _, e := range slices.Concat(eb, es) {
		if !math.IsNaN(e) {
			cand = append(cand, e)
		}
	}
	slices.Sort(cand)
	cand = slices.Compact(cand)
	var all []float64
	for i, c := range cand {
		all = append(all, c)
		if i+1 < len(cand) {
			all = append(all, c/2+cand[i+1]/2)
		}
	}
	for _, p := range all {
		d, _ := curves(buys, eb, Buy, p)
		sp, _ := curves(sells, es, Sell, p)
		vstar = max(vstar, min(d, sp))
	}
	if vstar == 0 {
		return 0, 0, 0, false
	}
	le := func(a, b float64) bool { return a <= b+tol*math.Abs(b) }
	first := true
	for _, p := range all {
		dge, dgt := curves(buys, eb, Buy, p)
		sle, slt := curves(sells, es, Sell, p)
		if le(dgt, vstar) && le(vstar, dge) && le(slt, vstar) && le(vstar, sle) {
			if first {
				lower, first = p, false
			}
			upper = p
		} else if !first && p < upper {
			return vstar, lower, upper, false // not an interval
		}
	}
	return vstar, lower, upper, true
}

// greedyGFT returns the maximum gains from trade of a divisible allocation with the given
// limits (NaN = not taking part).
func greedyGFT(buys, sells []Order, eb, es []float64) float64 {
	type lim struct{ p, q float64 }
	var b, s []lim
	for i, o := range buys {
		if !math.IsNaN(eb[i]) {
			b = append(b, lim{eb[i], o.Quantity})
		}
	}
	for i, o := range sells {
		if !math.IsNaN(es[i]) {
			s = append(s, lim{es[i], o.Quantity})
		}
	}
	slices.SortStableFunc(b, func(x, y lim) int { return cmpFloat(y.p, x.p) })
	slices.SortStableFunc(s, func(x, y lim) int { return cmpFloat(x.p, y.p) })
	var g float64
	for i, j := 0, 0; i < len(b) && j < len(s) && b[i].p >= s[j].p; {
		q := min(b[i].q, s[j].q)
		g += q * (b[i].p - s[j].p)
		b[i].q -= q
		s[j].q -= q
		if b[i].q == 0 {
			i++
		}
		if s[j].q == 0 {
			j++
		}
	}
	return g
}

// greedyFills is the market's reference rule (market.md §2.6): the fills of the greedy
// merge of the ranked lists, ties by input index.
func greedyFills(buys, sells []Order) (bf, sf []float64) {
	bf, sf = make([]float64, len(buys)), make([]float64, len(sells))
	bi, si := make([]int, 0, len(buys)), make([]int, 0, len(sells))
	for i, o := range buys {
		if o.Quantity > 0 {
			bi = append(bi, i)
		}
	}
	for i, o := range sells {
		if o.Quantity > 0 {
			si = append(si, i)
		}
	}
	slices.SortStableFunc(bi, func(x, y int) int { return cmpFloat(buys[y].Price, buys[x].Price) })
	slices.SortStableFunc(si, func(x, y int) int { return cmpFloat(sells[x].Price, sells[y].Price) })
	i, j := 0, 0
	restB, restS := 0.0, 0.0
	if len(bi) > 0 {
		restB = buys[bi[0]].Quantity
	}
	if len(si) > 0 {
		restS = sells[si[0]].Quantity
	}
	for i < len(bi) && j < len(si) && buys[bi[i]].Price >= sells[si[j]].Price {
		x := min(restB, restS)
		bf[bi[i]] += x
		sf[si[j]] += x
		restB -= x
		restS -= x
		if restB == 0 {
			if i++; i < len(bi) {
				restB = buys[bi[i]].Quantity
			}
		}
		if restS == 0 {
			if j++; j < len(si) {
				restS = sells[si[j]].Quantity
			}
		}
	}
	return bf, sf
}

func approx(a, b, rel float64) bool {
	// a == b covers +Inf = +Inf: gains from trade may overflow (spec §2.7),
	// and then both the auction and the greedy optimum are +Inf.
	return a == b || math.Abs(a-b) <= rel*math.Max(math.Abs(a), math.Abs(b))+1e-300
}

// checkClearing checks the §5.3 call-auction invariants of c; with brute it also compares
// V* and W with a brute force over all prices (exact: the quantities must have exact sums).
func checkClearing(t fataler, buys, sells []Order, s CallSettings, c Clearing, exact, brute bool) {
	t.Helper()
	const rel = 1e-12
	if len(c.BuyFilled) != len(buys) || len(c.SellFilled) != len(sells) {
		t.Fatalf("fill lengths %d/%d", len(c.BuyFilled), len(c.SellFilled))
	}
	for _, v := range []float64{c.Price, c.Volume, c.Lower, c.Upper, c.GainsFromTrade, c.Imbalance} {
		if math.IsNaN(v) {
			t.Fatalf("NaN field: %+v", c)
		}
	}
	eb, es := effective(buys, Buy, s), effective(sells, Sell, s)
	skB, skS := 0, 0
	for _, e := range eb {
		if math.IsNaN(e) {
			skB++
		}
	}
	for _, e := range es {
		if math.IsNaN(e) {
			skS++
		}
	}
	if c.SkippedBuys != skB || c.SkippedSells != skS {
		t.Fatalf("skipped %d/%d, want %d/%d", c.SkippedBuys, c.SkippedSells, skB, skS)
	}
	if brute {
		// The generators' quantities are integers or multiples of 2^-29 below 10, so every
		// sum is exact and the brute force needs no tolerance.
		vstar, lo, hi, ok := bruteClearing(buys, sells, s, 0)
		if !ok && vstar > 0 {
			t.Fatalf("brute force: W not an interval")
		}
		if !ok {
			if c.Volume != 0 || c.Matches != nil || c.Lower != 0 || c.Upper != 0 || c.Price != 0 || c.Imbalance != 0 {
				t.Fatalf("brute force: no trade, got %+v", c)
			}
		} else if c.Lower != lo || c.Upper != hi || !approx(c.Volume, vstar, rel) {
			t.Fatalf("W [%v, %v] volume %v, brute force [%v, %v] V* %v", c.Lower, c.Upper, c.Volume, lo, hi, vstar)
		}
	}
	if c.Matches == nil {
		if c.Volume != 0 {
			t.Fatalf("volume without matches: %+v", c)
		}
		for _, f := range slices.Concat(c.BuyFilled, c.SellFilled) {
			if f != 0 {
				t.Fatalf("fill without matches: %+v", c)
			}
		}
		return
	}
	if c.Lower > c.Upper || c.Price < c.Lower || c.Price > c.Upper || c.Price != kappaPrice(c.Lower, c.Upper, s.kappa()) {
		t.Fatalf("price %v, W [%v, %v], κ %v", c.Price, c.Lower, c.Upper, s.kappa())
	}
	if s.MinPrice > c.Price || s.MaxPrice > 0 && c.Price > s.MaxPrice {
		t.Fatalf("price %v outside the reserves %+v", c.Price, s)
	}
	p := c.Price
	byB, byS := make([]float64, len(buys)), make([]float64, len(sells))
	var vol, gftEff float64
	for _, m := range c.Matches {
		if m.Quantity <= 0 {
			t.Fatalf("match %+v", m)
		}
		byB[m.Buy] += m.Quantity
		byS[m.Sell] += m.Quantity
		vol += m.Quantity
		gftEff += m.Quantity * (eb[m.Buy] - es[m.Sell])
	}
	if vol != c.Volume || !slices.Equal(byB, c.BuyFilled) || !slices.Equal(byS, c.SellFilled) {
		t.Fatalf("fills not summed from the matches: %+v", c)
	}
	var sb, ss float64
	for side, orders := range [][]Order{buys, sells} {
		fills, eff := c.BuyFilled, eb
		if side == 1 {
			fills, eff = c.SellFilled, es
		}
		for i, o := range orders {
			f := fills[i]
			if side == 0 {
				sb += f
			} else {
				ss += f
			}
			// Pieces may lose or gain a few ulps of V (absolute ulps for subnormal fills).
			ftol := rel*c.Volume + 16*math.SmallestNonzeroFloat64
			if f < 0 || f > o.Quantity+ftol {
				t.Fatalf("fill %v of %+v", f, o)
			}
			if math.IsNaN(eff[i]) {
				if f != 0 {
					t.Fatalf("skipped order %+v filled %v", o, f)
				}
				continue
			}
			better := side == 0 && eff[i] > p || side == 1 && eff[i] < p
			worse := side == 0 && eff[i] < p || side == 1 && eff[i] > p
			if better && math.Abs(f-o.Quantity) > ftol || exact && better && f != o.Quantity || worse && f != 0 {
				t.Fatalf("side %d order %+v (p' %v) filled %v at p %v", side, o, eff[i], f, p)
			}
			// IR in the original limits.
			if f > 0 && (side == 0 && o.Price < p || side == 1 && o.Price > p) {
				t.Fatalf("not IR: side %d %+v at %v", side, o, p)
			}
		}
	}
	vtol := rel*c.Volume + 16*math.SmallestNonzeroFloat64
	if math.Abs(sb-c.Volume) > vtol || math.Abs(ss-c.Volume) > vtol || exact && (sb != ss || sb != c.Volume) {
		t.Fatalf("Σ buy %v Σ sell %v volume %v", sb, ss, c.Volume)
	}
	if !brute {
		return
	}
	if s.MinPrice == 0 && s.MaxPrice == 0 {
		if g := greedyGFT(buys, sells, eb, es); !approx(c.GainsFromTrade, g, 1e-9) {
			t.Fatalf("GFT %v, greedy optimum %v", c.GainsFromTrade, g)
		}
	}
	if g := greedyGFT(buys, sells, eb, es); !approx(gftEff, g, 1e-9) {
		t.Fatalf("effective GFT %v, greedy optimum %v", gftEff, g)
	}
	dge, _ := curves(buys, eb, Buy, p)
	sle, _ := curves(sells, es, Sell, p)
	if math.Abs(c.Imbalance-(dge-sle)) > 1e-9*(dge+sle) {
		t.Fatalf("Imbalance %v, want %v", c.Imbalance, dge-sle)
	}
}

func TestPropCallAuction(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		intQty := rapid.Bool().Draw(t, "intQty")
		buys, sells := genOrders(t, "buy", intQty), genOrders(t, "sell", intQty)
		s := genSettings(t, rapid.Bool().Draw(t, "reserves"))
		c, err := CallAuction(buys, sells, &s)
		if err != nil {
			t.Fatal(err)
		}
		checkClearing(t, buys, sells, s, c, intQty && s.Ration == TimePriority, true)
	})
}

func TestPropCallTimePriorityIntegral(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		buys, sells := genOrders(t, "buy", true), genOrders(t, "sell", true)
		// Large integral quantities (bytes) below 2^53.
		for _, o := range [][]Order{buys, sells} {
			for i := range o {
				o[i].Quantity *= float64(rapid.Int64Range(1, 1<<40).Draw(t, "mult"))
			}
		}
		s := CallSettings{Ration: TimePriority, Price: rapid.SampledFrom([]PriceRule{PriceMid, PriceLow, PriceHigh}).Draw(t, "rule")}
		c, err := CallAuction(buys, sells, &s)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range c.Matches {
			if m.Quantity != math.Trunc(m.Quantity) {
				t.Fatalf("fractional match %+v", m)
			}
		}
		bf, sf := greedyFills(buys, sells)
		if !slices.Equal(bf, c.BuyFilled) || !slices.Equal(sf, c.SellFilled) {
			t.Fatalf("fills %v / %v, greedy %v / %v", c.BuyFilled, c.SellFilled, bf, sf)
		}
		var sb, ss float64
		for _, f := range c.BuyFilled {
			sb += f
		}
		for _, f := range c.SellFilled {
			ss += f
		}
		if sb != ss || sb != c.Volume {
			t.Fatalf("Σ buy %v Σ sell %v volume %v", sb, ss, c.Volume)
		}
	})
}

func TestPropCallUnitEqualsKDouble(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		bids, asks, _ := genUnitMarket(t, 12, false)
		var buys, sells []Order
		for i, v := range bids {
			buys = append(buys, Order{ID: i, Price: v, Quantity: 1})
		}
		for i, v := range asks {
			sells = append(sells, Order{ID: i, Price: v, Quantity: 1})
		}
		rule := rapid.SampledFrom([]PriceRule{PriceMid, PriceLow, PriceHigh, PriceKappa}).Draw(t, "rule")
		s := CallSettings{Price: rule, Kappa: 0.3, Ration: TimePriority}
		c, err := CallAuction(buys, sells, &s)
		if err != nil {
			t.Fatal(err)
		}
		o := KDouble(bids, asks, s.kappa())
		var got []Trade
		for _, m := range c.Matches {
			if m.Quantity != 1 {
				t.Fatalf("match %+v", m)
			}
			got = append(got, Trade{m.Buy, m.Sell, c.Price, c.Price})
		}
		if !slices.Equal(got, o.Trades) || c.Lower != o.Lower || c.Upper != o.Upper || c.GainsFromTrade != o.GainsFromTrade ||
			(o.Trades != nil && c.Price != o.BuyerPrice) {
			t.Fatalf("CallAuction %+v vs KDouble %+v", c, o)
		}
	})
}

func TestPropCallInvariance(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		buys, sells := genOrders(t, "buy", false), genOrders(t, "sell", false)
		c, err := CallAuction(buys, sells, nil)
		if err != nil {
			t.Fatal(err)
		}
		// Permutation of the orders (pro rata): fills unchanged up to 1e-12.
		pb := rapid.Permutation(buys).Draw(t, "pb")
		ps := rapid.Permutation(sells).Draw(t, "ps")
		cp, err := CallAuction(pb, ps, nil)
		if err != nil {
			t.Fatal(err)
		}
		if c.Price != cp.Price || c.Lower != cp.Lower || c.Upper != cp.Upper || !approx(c.Volume, cp.Volume, 1e-12) {
			t.Fatalf("permuted: %+v vs %+v", cp, c)
		}
		fillOf := func(orders []Order, fills []float64) map[int]float64 {
			m := map[int]float64{}
			for i, o := range orders {
				m[o.ID] = fills[i]
			}
			return m
		}
		for _, pair := range [][2]map[int]float64{
			{fillOf(buys, c.BuyFilled), fillOf(pb, cp.BuyFilled)},
			{fillOf(sells, c.SellFilled), fillOf(ps, cp.SellFilled)},
		} {
			for id, f := range pair[0] {
				// Relative to the volume: the last piece of a side may lose a few ulps of V.
				if math.Abs(f-pair[1][id]) > 1e-12*c.Volume {
					t.Fatalf("order %d fill %v, permuted %v", id, f, pair[1][id])
				}
			}
		}
		// Scaling quantities by 2 (exact) and prices by 2 (exact).
		scale := func(o []Order, pf, qf float64) []Order {
			r := slices.Clone(o)
			for i := range r {
				r[i].Price *= pf
				r[i].Quantity *= qf
			}
			return r
		}
		cq, err := CallAuction(scale(buys, 1, 2), scale(sells, 1, 2), nil)
		if err != nil {
			t.Fatal(err)
		}
		if cq.Price != c.Price || cq.Volume != 2*c.Volume || cq.Lower != c.Lower {
			t.Fatalf("quantities ×2: %+v vs %+v", cq, c)
		}
		for i := range buys {
			if cq.BuyFilled[i] != 2*c.BuyFilled[i] {
				t.Fatalf("quantities ×2: buy fill %v vs %v", cq.BuyFilled[i], c.BuyFilled[i])
			}
		}
		g := rapid.Float64Range(0.1, 10).Draw(t, "g")
		cg, err := CallAuction(scale(buys, 1, g), scale(sells, 1, g), nil)
		if err != nil {
			t.Fatal(err)
		}
		if !approx(cg.Volume, g*c.Volume, 1e-9) {
			t.Fatalf("quantities ×%v: volume %v vs %v", g, cg.Volume, g*c.Volume)
		}
		cpx, err := CallAuction(scale(buys, 2, 1), scale(sells, 2, 1), nil)
		if err != nil {
			t.Fatal(err)
		}
		if cpx.Price != 2*c.Price || cpx.Lower != 2*c.Lower || cpx.Upper != 2*c.Upper || cpx.Volume != c.Volume {
			t.Fatalf("prices ×2: %+v vs %+v", cpx, c)
		}
	})
}
