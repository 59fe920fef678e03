package auction

import "math"

// Trade is one unit traded: indices into the bids and asks slices and the money that
// changes hands.
type Trade struct {
	Buyer, Seller         int
	BuyerPays, SellerGets float64
}

// Outcome is the result of a unit double auction.
type Outcome struct {
	Trades                   []Trade // in increasing buyer rank; nil if none
	K                        int     // efficient trade count k of the valid reports
	BuyerPrice, SellerPrice  float64 // paid by / paid to every trading buyer / seller; 0 if no trade
	Lower, Upper             float64 // Walrasian interval W; 0, 0 when K == 0
	Surplus                  float64 // the auctioneer's: len(Trades)·(BuyerPrice − SellerPrice) ≥ 0
	GainsFromTrade           float64 // Σ bids[Buyer] − asks[Seller] over Trades, left to right
	Reduced                  bool    // len(Trades) < K
	IgnoredBids, IgnoredAsks int     // NaN, ±Inf or negative entries
}

// validValue reports whether v is a valid report: finite and ≥ 0.
func validValue(v float64) bool { return v >= 0 && v <= math.MaxFloat64 }

// ranked holds the valid reports of both sides in rank order.
type ranked struct {
	b, s       []rankEntry // bids by value descending, asks ascending; ties by index
	ignB, ignA int
	k          int
}

func (r *ranked) bid(i int) float64 { return descVal(r.b[i].key) }
func (r *ranked) ask(i int) float64 { return ascVal(r.s[i].key) }

// rank ranks the valid entries of bids and asks and computes k.
func rank(bids, asks []float64) ranked {
	if len(bids) > maxEntries || len(asks) > maxEntries {
		panic("auction: too many orders")
	}
	var r ranked
	if len(bids) == 0 || len(asks) == 0 {
		// Count the ignored entries only; nothing can trade.
		for _, v := range bids {
			if !validValue(v) {
				r.ignB++
			}
		}
		for _, v := range asks {
			if !validValue(v) {
				r.ignA++
			}
		}
		return r
	}
	eb := make([]rankEntry, 0, len(bids))
	for i, v := range bids {
		if validValue(v) {
			eb = append(eb, rankEntry{descKey(v), int32(i)})
		} else {
			r.ignB++
		}
	}
	ea := make([]rankEntry, 0, len(asks))
	for i, v := range asks {
		if validValue(v) {
			ea = append(ea, rankEntry{ascKey(v), int32(i)})
		} else {
			r.ignA++
		}
	}
	if len(eb) == 0 || len(ea) == 0 {
		return r
	}
	r.b, r.s = sortBoth(eb, ea)
	m := min(len(r.b), len(r.s))
	for r.k < m && r.bid(r.k) >= r.ask(r.k) {
		r.k++
	}
	return r
}

// interval returns the Walrasian interval of §2.2 (0, 0 when k == 0).
func (r *ranked) interval() (lower, upper float64) {
	k := r.k
	if k == 0 {
		return 0, 0
	}
	lower, upper = r.ask(k-1), r.bid(k-1)
	if k < len(r.b) {
		lower = max(lower, r.bid(k))
	}
	if k < len(r.s) {
		upper = min(upper, r.ask(k))
	}
	return lower, upper
}

// base returns the Outcome fields that do not depend on the mechanism.
func (r *ranked) base() Outcome {
	o := Outcome{K: r.k, IgnoredBids: r.ignB, IgnoredAsks: r.ignA}
	o.Lower, o.Upper = r.interval()
	return o
}

// finish fills in prices, Surplus, GainsFromTrade and Reduced from o.Trades.
func finish(o *Outcome, bids, asks []float64, buyerPrice, sellerPrice float64) {
	m := len(o.Trades)
	if m == 0 {
		o.Trades = nil
		o.Reduced = o.K > 0
		return
	}
	o.BuyerPrice, o.SellerPrice = buyerPrice, sellerPrice
	o.Surplus = float64(m) * (buyerPrice - sellerPrice)
	var g float64
	for i := range o.Trades {
		t := &o.Trades[i]
		t.BuyerPays, t.SellerGets = buyerPrice, sellerPrice
		g += (bids[t.Buyer] + 0) - (asks[t.Seller] + 0)
	}
	o.GainsFromTrade = g
	o.Reduced = m < o.K
}

// pairs returns the trades (rank r, rank r) for r < m.
func (r *ranked) pairs(m int) []Trade {
	if m == 0 {
		return nil
	}
	t := make([]Trade, m)
	for i := range t {
		t[i].Buyer, t[i].Seller = int(r.b[i].idx), int(r.s[i].idx)
	}
	return t
}

// Walrasian returns the efficient trade count k and the Walrasian interval [lower, upper]
// of the valid entries of bids and asks (NaN, ±Inf and negative entries are ignored):
//
//	k = max{ r : b_r ≥ s_r },   lower = max(s_k, b_{k+1}),   upper = min(b_k, s_{k+1})
//
// with bids ranked descending, asks ascending (ties by index) and a missing rank counting
// as ∓∞. Every price in [lower, upper] clears the market at k units. For k = 0 it returns
// 0, 0, 0. It runs in O(n) time (O(n log n) below 4,096 entries) and O(n) memory.
func Walrasian(bids, asks []float64) (k int, lower, upper float64) {
	r := rank(bids, asks)
	lower, upper = r.interval()
	return r.k, lower, upper
}

// Validate returns nil if every entry of bids and asks is a valid report (finite and
// ≥ 0), and otherwise a *[PriceError] naming the side, index and value of the first bad
// entry, bids before asks. The unit mechanisms ignore such entries; Validate lets a
// caller treat them as an error instead. It runs in O(n).
func Validate(bids, asks []float64) error {
	for i, v := range bids {
		if !validValue(v) {
			return &PriceError{Side: Buy, Index: i, Value: v}
		}
	}
	for i, v := range asks {
		if !validValue(v) {
			return &PriceError{Side: Sell, Index: i, Value: v}
		}
	}
	return nil
}

// kappaPrice returns the k-double price for κ ∈ [0, 1] in [lower, upper]:
//
//	p = upper                                   if κ = 1
//	p = min(lower + κ·(upper − lower), upper)   otherwise
func kappaPrice(lower, upper, kappa float64) float64 {
	if kappa == 1 {
		return upper
	}
	return min(lower+kappa*(upper-lower), upper)
}

// KDouble runs the k-double auction: all k efficient pairs (buyer of rank r with seller of
// rank r) trade at the single price
//
//	p = U                      if κ = 1
//	p = min(L + κ(U − L), U)   otherwise   (κ = 0: L; κ = ½: the midpoint of W)
//
// where W = [L, U] is the Walrasian interval (see [Walrasian]). The outcome is efficient
// (GainsFromTrade equals the maximum), individually rational and strongly budget balanced
// (Surplus 0), but not truthful: a buyer gains by shading its bid, a seller by inflating
// its ask.
//
// NaN, ±Inf and negative entries are ignored and counted (see [Validate]); empty or
// all-invalid sides give an Outcome with K = 0 and no trades. It panics if kappa is NaN or
// outside [0, 1] (a programmer error). It runs in O(n) time (radix sort; O(n log n) below
// 4,096 entries) and O(n) memory.
//
// References: K. Chatterjee, W. Samuelson, Operations Research 31:835–851, 1983 (bilateral);
// A. Rustichini, M. A. Satterthwaite, S. R. Williams, Econometrica 62:1041–1063, 1994.
func KDouble(bids, asks []float64, kappa float64) Outcome {
	if !(kappa >= 0 && kappa <= 1) {
		panic("auction: kappa outside [0, 1]")
	}
	r := rank(bids, asks)
	o := r.base()
	if r.k == 0 {
		return o
	}
	p := kappaPrice(o.Lower, o.Upper, kappa)
	o.Trades = r.pairs(r.k)
	finish(&o, bids, asks, p, p)
	return o
}

// McAfee runs McAfee's dominant-strategy double auction. With k the efficient trade count
// and ranked values b_1 ≥ b_2 ≥ …, s_1 ≤ s_2 ≤ …, let
//
//	p0 = b_{k+1}/2 + s_{k+1}/2     (defined when both ranks k+1 exist)
//
// If p0 is defined and s_k ≤ p0 ≤ b_k, ranks 1..k trade, everyone at p0 (no money left
// over). Otherwise ranks 1..k−1 trade (trade reduction): buyers pay b_k, sellers receive
// s_k and the auctioneer keeps (k−1)(b_k − s_k) ≥ 0. A missing rank k+1 on either side
// means reduction (as erelsgl/auctions' mcafee_protocol.py).
//
// McAfee is individually rational, weakly budget balanced and dominant-strategy truthful
// for both sides; its gains from trade are at least GFT* − (b_k − s_k) ≥ (1 − 1/k)·GFT*.
// Invalid entries are ignored as in [KDouble]. It runs in O(n) time and memory.
//
// Reference: R. P. McAfee, "A dominant strategy double auction", Journal of Economic Theory
// 56:434–450, 1992.
func McAfee(bids, asks []float64) Outcome {
	r := rank(bids, asks)
	o := r.base()
	k := r.k
	if k == 0 {
		return o
	}
	if k < len(r.b) && k < len(r.s) {
		p0 := r.bid(k)/2 + r.ask(k)/2
		if r.ask(k-1) <= p0 && p0 <= r.bid(k-1) {
			o.Trades = r.pairs(k)
			finish(&o, bids, asks, p0, p0)
			return o
		}
	}
	return r.reduce(o, bids, asks)
}

// reduce applies trade reduction: ranks 1..k−1 trade at b_k / s_k.
func (r *ranked) reduce(o Outcome, bids, asks []float64) Outcome {
	k := r.k
	o.Trades = r.pairs(k - 1)
	finish(&o, bids, asks, r.bid(k-1), r.ask(k-1))
	return o
}

// TradeReduction runs the trade-reduction double auction: with k the efficient trade count,
// ranks 1..k−1 trade, buyers pay b_k and sellers receive s_k, the auctioneer keeps
// (k−1)(b_k − s_k). It is McAfee's second branch applied always: individually rational,
// weakly budget balanced, dominant-strategy truthful for both sides, and loses at most the
// least efficient trade. Invalid entries are ignored as in [KDouble]. It runs in O(n) time
// and memory.
//
// References: R. P. McAfee, J. Econ. Theory 56:434–450, 1992; name as in M. Babaioff,
// N. Nisan, JAIR 21:595–629, 2004.
func TradeReduction(bids, asks []float64) Outcome {
	r := rank(bids, asks)
	o := r.base()
	if r.k == 0 {
		return o
	}
	return r.reduce(o, bids, asks)
}
