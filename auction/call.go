package auction

import (
	"fmt"
	"math"
)

// Order is a limit order: Price in $/GB, Quantity in GB. ID is the caller's label; in a
// [Book] it must be unique among the resting orders.
type Order struct {
	ID              int
	Price, Quantity float64
}

// PriceRule selects the clearing price of [CallAuction] in the clearing interval [L, U].
type PriceRule int

// Price rules: PriceMid (κ = ½, the default), PriceLow (κ = 0, p = L), PriceHigh (κ = 1,
// p = U) and PriceKappa (κ = CallSettings.Kappa), with p = min(L + κ(U − L), U).
const (
	PriceMid PriceRule = iota
	PriceLow
	PriceHigh
	PriceKappa
)

// RationRule selects how [CallAuction] rations the orders whose effective limit equals
// the clearing price.
type RationRule int

// Rationing rules. ProRata (the default) fills every order at the price level in
// proportion to its quantity (Reconstruction: end-of-day orders arrive simultaneously, so
// no time priority is meaningful). TimePriority fills them in input-index order, each
// completely before the next one (the rule package market uses, with integral byte
// quantities, so that every fill is an integer and the fills equal the greedy prefix of
// the ranked lists).
const (
	ProRata RationRule = iota
	TimePriority
)

// CallSettings configures [CallAuction]; nil or the zero value means: midpoint price,
// pro-rata rationing, no reserve prices, no minimum quantity.
type CallSettings struct {
	Price       PriceRule
	Kappa       float64    // κ ∈ [0, 1], used only with PriceKappa
	Ration      RationRule // ProRata or TimePriority
	MinQuantity float64    // orders with Quantity < MinQuantity are skipped
	MinPrice    float64    // sellers' reserve: clearing price ≥ MinPrice
	MaxPrice    float64    // buyers' reserve (cap): clearing price ≤ MaxPrice; 0 = none
}

// Match is a bilateral piece of a clearing: indices into buys and sells and the quantity
// the buyer receives from the seller at the clearing price.
type Match struct {
	Buy, Sell int
	Quantity  float64
}

// Clearing is the result of a call auction.
type Clearing struct {
	Price, Volume             float64   // uniform price; Σ Match.Quantity
	Lower, Upper              float64   // clearing interval W (effective prices); 0, 0 without trade
	Matches                   []Match   // in rank order
	BuyFilled, SellFilled     []float64 // per input order, len(buys) and len(sells)
	GainsFromTrade            float64   // Σ Quantity·(buy limit − sell limit) over Matches (original limits)
	Imbalance                 float64   // D_≥(p) − S_≤(p): > 0 demand rationed, < 0 supply; 0 without trade
	SkippedBuys, SkippedSells int       // Quantity == 0 or < MinQuantity
}

// Value returns Price·Volume: the dollars paid by the buyers, equal to the dollars received
// by the sellers.
func (c Clearing) Value() float64 { return c.Price * c.Volume }

func finiteNonNeg(v float64) bool { return v >= 0 && v <= math.MaxFloat64 }

func (s *CallSettings) validate() error {
	switch {
	case s.Price < PriceMid || s.Price > PriceKappa:
		return fmt.Errorf("%w: Price = %d", ErrBadSettings, s.Price)
	case s.Ration != ProRata && s.Ration != TimePriority:
		return fmt.Errorf("%w: Ration = %d", ErrBadSettings, s.Ration)
	case s.Price == PriceKappa && !(s.Kappa >= 0 && s.Kappa <= 1):
		return fmt.Errorf("%w: Kappa = %v (want [0, 1])", ErrBadSettings, s.Kappa)
	case !finiteNonNeg(s.MinQuantity):
		return fmt.Errorf("%w: MinQuantity = %v", ErrBadSettings, s.MinQuantity)
	case !finiteNonNeg(s.MinPrice):
		return fmt.Errorf("%w: MinPrice = %v", ErrBadSettings, s.MinPrice)
	case !finiteNonNeg(s.MaxPrice):
		return fmt.Errorf("%w: MaxPrice = %v", ErrBadSettings, s.MaxPrice)
	case s.MaxPrice > 0 && s.MaxPrice < s.MinPrice:
		return fmt.Errorf("%w: MaxPrice = %v < MinPrice = %v", ErrBadSettings, s.MaxPrice, s.MinPrice)
	}
	return nil
}

func (s *CallSettings) kappa() float64 {
	switch s.Price {
	case PriceLow:
		return 0
	case PriceHigh:
		return 1
	case PriceKappa:
		return s.Kappa
	}
	return 0.5
}

// validateOrders checks prices and quantities and the overflow of the side's total.
func validateOrders(side Side, orders []Order) error {
	var sum float64
	for i, o := range orders {
		if !finiteNonNeg(o.Price) {
			return &OrderError{Side: side, Index: i, ID: o.ID, Field: "Price", Value: o.Price}
		}
		if !finiteNonNeg(o.Quantity) {
			return &OrderError{Side: side, Index: i, ID: o.ID, Field: "Quantity", Value: o.Quantity}
		}
		sum += o.Quantity
	}
	if math.IsInf(sum, 1) {
		return &OrderError{Side: side, Index: -1, ID: -1, Field: "Quantity", Value: sum}
	}
	return nil
}

// CallAuction clears a multi-unit uniform-price call auction (the end-of-day secondary
// market). buys carry the highest price a buyer accepts, sells the lowest price a seller
// accepts; quantities are divisible.
//
// Reconstruction (the Paper names "double auctions" for divisible volumes without a rule):
// a uniform-price call auction is strongly budget balanced (as the Paper's Table 7
// requires), individually rational, and reduces to [KDouble] for unit quantities.
//
//  1. Entry: an order takes part iff Quantity > 0 and Quantity ≥ MinQuantity (others are
//     counted in SkippedBuys/SkippedSells). Effective prices: buy p' = min(Price, MaxPrice)
//     when MaxPrice > 0, sell p' = max(Price, MinPrice).
//
//  2. Buys are ranked by p' descending, sells ascending, ties by input index.
//
//  3. A greedy merge of the ranked lists (while buy p' ≥ sell p', trade the smaller
//     remaining quantity) finds the maximum executable volume V*. With b_m, s_m the p' of
//     the last buy and sell that traded and β, σ those of the first buy and sell with
//     quantity left over (∓∞ if none), the clearing interval is
//
//     W = [L, U],   L = max(s_m, β),   U = min(b_m, σ).
//
//     W is the set of prices at which every order strictly better than the price is filled
//     completely and only orders at the price are rationed.
//
//  4. The price p = min(L + κ(U − L), U) (p = U if κ = 1) with κ from the PriceRule.
//
//  5. Fills: with D_≥, D_> (S_≤, S_<) the buy (sell) quantities with p' ≥ p, > p (≤ p,
//     < p) and V = min(D_≥(p), S_≤(p)), buys with p' > p are filled completely, buys with
//     p' < p not at all, and the buys at exactly p share R = min(max(V − D_>(p), 0), Q)
//     of their total quantity Q: pro rata (fill q·ρ with ρ = R/Q) or in time priority
//     (input index order). Sells likewise. Guard: a level whose ρ would be subnormal
//     (R < 2^-1022·Q, only with quantities spanning more than 300 orders of magnitude) is
//     rationed in time priority, so that no volume is lost to underflow.
//
//  6. Matches pair the ranked filled buys and sells by a two-pointer walk; BuyFilled,
//     SellFilled and Volume are summed from the Matches, so each match moves exactly
//     Price·Quantity dollars from buyer to seller (strong budget balance). A leftover of a
//     few ulps from rounding in step 5 is dropped.
//
// The clearing is individually rational, uniform, fair (no order is filled while a
// strictly better one on its side is not completely filled) and has the largest volume of
// any uniform-price matching within the reserve prices; without reserve prices its
// GainsFromTrade is the maximum of any feasible divisible allocation. With integral
// quantities below 2^53 and TimePriority every fill and Match.Quantity is an integer and
// the fills equal the greedy prefix of the ranked lists. CallAuction is not truthful.
//
// Errors: a NaN, ±Inf or negative Price or Quantity gives an *[OrderError] for the first
// offender (buys before sells); a side whose total quantity overflows gives an
// *OrderError with Index −1 (and ID −1); invalid settings give an error wrapping
// [ErrBadSettings] with the field name. On error the Clearing is the zero value; on success
// BuyFilled and SellFilled have the lengths of buys and sells. Empty sides give a Clearing
// without trade. Inputs are never modified. It runs in O(n) time (radix sort; O(n log n)
// below 4,096 orders) plus O(matches), and O(n) memory; it panics if a side has more than
// 2^31 − 1 orders.
//
// Reference for the properties: R. Natarajan, S. Sarswat, A. K. Singh, "Verified double
// sided auctions for financial markets", ITP 2021 (ganitsutra/DoubleAuctions).
func CallAuction(buys, sells []Order, s *CallSettings) (Clearing, error) {
	var cs CallSettings
	if s != nil {
		cs = *s
	}
	if err := cs.validate(); err != nil {
		return Clearing{}, err
	}
	if err := validateOrders(Buy, buys); err != nil {
		return Clearing{}, err
	}
	if err := validateOrders(Sell, sells); err != nil {
		return Clearing{}, err
	}
	if len(buys) > maxEntries || len(sells) > maxEntries {
		panic("auction: too many orders")
	}
	c := Clearing{
		BuyFilled:  make([]float64, len(buys)),
		SellFilled: make([]float64, len(sells)),
	}
	eb := make([]rankEntry, 0, len(buys))
	for i, o := range buys {
		if !(o.Quantity > 0 && o.Quantity >= cs.MinQuantity) {
			c.SkippedBuys++
			continue
		}
		p := o.Price
		if cs.MaxPrice > 0 {
			p = min(p, cs.MaxPrice)
		}
		eb = append(eb, rankEntry{descKey(p), int32(i)})
	}
	es := make([]rankEntry, 0, len(sells))
	for i, o := range sells {
		if !(o.Quantity > 0 && o.Quantity >= cs.MinQuantity) {
			c.SkippedSells++
			continue
		}
		es = append(es, rankEntry{ascKey(max(o.Price, cs.MinPrice)), int32(i)})
	}
	if len(eb) == 0 || len(es) == 0 {
		return c, nil
	}
	eb, es = sortBoth(eb, es)

	// Greedy merge: the clearing interval.
	i, j := 0, 0
	remB, remS := buys[eb[0].idx].Quantity, sells[es[0].idx].Quantity
	matched := false
	var bm, sm float64
	for i < len(eb) && j < len(es) {
		pb, ps := descVal(eb[i].key), ascVal(es[j].key)
		if pb < ps {
			break
		}
		q := min(remB, remS)
		remB -= q
		remS -= q
		matched, bm, sm = true, pb, ps
		if remB == 0 {
			if i++; i < len(eb) {
				remB = buys[eb[i].idx].Quantity
			}
		}
		if remS == 0 {
			if j++; j < len(es) {
				remS = sells[es[j].idx].Quantity
			}
		}
	}
	if !matched {
		return c, nil
	}
	lower, upper := sm, bm
	if i < len(eb) {
		lower = max(lower, descVal(eb[i].key))
	}
	if j < len(es) {
		upper = min(upper, ascVal(es[j].key))
	}
	p := kappaPrice(lower, upper, cs.kappa())
	c.Price, c.Lower, c.Upper = p, lower, upper

	// Demand and supply at p.
	var dGT, dGE, qB float64
	nb := 0 // buys with p' ≥ p
	for _, e := range eb {
		pe := descVal(e.key)
		if pe < p {
			break
		}
		q := buys[e.idx].Quantity
		if pe > p {
			dGT += q
		} else {
			qB += q
		}
		dGE += q
		nb++
	}
	var sLT, sLE, qS float64
	ns := 0
	for _, e := range es {
		pe := ascVal(e.key)
		if pe > p {
			break
		}
		q := sells[e.idx].Quantity
		if pe < p {
			sLT += q
		} else {
			qS += q
		}
		sLE += q
		ns++
	}
	v := min(dGE, sLE)
	c.Imbalance = dGE - sLE
	fb := newFiller(eb[:nb], buys, p, true, min(max(v-dGT, 0), qB), qB, cs.Ration)
	fs := newFiller(es[:ns], sells, p, false, min(max(v-sLT, 0), qS), qS, cs.Ration)

	// Matches.
	matches := make([]Match, 0, nb+ns-1)
	bi, bLeft, okB := fb.next()
	si, sLeft, okS := fs.next()
	var vol, gft float64
	for okB && okS {
		q := min(bLeft, sLeft)
		matches = append(matches, Match{Buy: int(bi), Sell: int(si), Quantity: q})
		c.BuyFilled[bi] += q
		c.SellFilled[si] += q
		vol += q
		gft += q * (buys[bi].Price - sells[si].Price)
		bLeft -= q
		sLeft -= q
		if bLeft == 0 {
			bi, bLeft, okB = fb.next()
		}
		if sLeft == 0 {
			si, sLeft, okS = fs.next()
		}
	}
	if len(matches) == 0 {
		// Only possible through underflow of tiny fills: report no trade.
		return Clearing{BuyFilled: c.BuyFilled, SellFilled: c.SellFilled, SkippedBuys: c.SkippedBuys, SkippedSells: c.SkippedSells}, nil
	}
	c.Matches, c.Volume, c.GainsFromTrade = matches, vol, gft
	return c, nil
}

// filler yields the positive fills of one side's ranked orders with p' ≥ p (better) or
// p' == p (rationed).
type filler struct {
	ents   []rankEntry
	orders []Order
	p      float64
	desc   bool
	time   bool
	rho    float64 // pro-rata ratio R/Q
	left   float64 // time priority: R not yet given out
	i      int
}

func newFiller(ents []rankEntry, orders []Order, p float64, desc bool, r, q float64, rule RationRule) filler {
	f := filler{ents: ents, orders: orders, p: p, desc: desc, time: rule == TimePriority, left: r}
	if q > 0 {
		f.rho = r / q
	}
	if !f.time && r > 0 && f.rho < 0x1p-1022 {
		// Guard: a subnormal ratio would lose the rationed volume to underflow (q·ρ = 0);
		// such a level (R below 2^-1022 of its quantity) is rationed in time priority.
		f.time = true
	}
	return f
}

func (f *filler) next() (idx int32, fill float64, ok bool) {
	for f.i < len(f.ents) {
		e := f.ents[f.i]
		f.i++
		q := f.orders[e.idx].Quantity
		var pe float64
		if f.desc {
			pe = descVal(e.key)
		} else {
			pe = ascVal(e.key)
		}
		if pe != f.p {
			return e.idx, q, true // strictly better: filled completely
		}
		switch {
		case f.time:
			fill = min(q, f.left)
			f.left -= fill
		case f.rho == 1:
			fill = q
		default:
			fill = q * f.rho
		}
		if fill > 0 {
			return e.idx, fill, true
		}
	}
	return 0, 0, false
}
