package auction

import (
	"math/bits"
	"math/rand/v2"
)

// SBBA runs the strongly-budget-balanced double auction of Segal-Halevi, Hassidim and
// Aumann: one price, no money left over, dominant-strategy truthful for both sides, at
// most one efficient trade lost.
//
// With k the efficient trade count and ranked values b_1 ≥ b_2 ≥ …, s_1 ≤ s_2 ≤ …:
//
//	buyerFirst = true:  p = min(b_k, s_{k+1}) (= Upper)
//	    s_{k+1} ≤ b_k: ranks 1..k of both sides trade at p
//	    otherwise:     buyer k is excluded, buyers 1..k−1 pay p; a lottery excludes one of
//	                   the sellers of ranks 1..k, the other k−1 receive p
//	buyerFirst = false: p = max(s_k, b_{k+1}) (= Lower)
//	    b_{k+1} ≥ s_k: ranks 1..k trade at p
//	    otherwise:     seller k is excluded, sellers 1..k−1 receive p; a lottery excludes
//	                   one of the buyers of ranks 1..k, the other k−1 pay p
//
// Ties (s_{k+1} = b_k, resp. b_{k+1} = s_k) take the branch without reduction. Survivors
// of the randomised side, in increasing rank, are paired with ranks 1..k−1 of the other
// side; Trades are listed in increasing buyer rank.
//
// Reconstruction (the paper says "chosen at random"): only when the lottery branch occurs
// and k ≥ 2, SBBA draws once j = rand.New(src).IntN(k) (with a nil src, math/rand/v2's
// top-level rand.IntN, not reproducible), orders the k candidates by input index ascending
// and excludes the one at 0-based position j. Ordering by index rather than by value makes
// SBBA truthful for every outcome of the draw (ex post); with a value-ordered draw a seller
// could dodge exclusion by shading its ask. With k = 1 in the lottery branch nobody trades
// and nothing is drawn.
//
// The gains from trade are at least GFT* − (b_k − s_1) (buyer-first) or GFT* − (b_1 − s_k)
// (seller-first). Invalid entries are ignored as in [KDouble]. SBBA is safe for concurrent
// use with distinct sources. It runs in O(n) time and memory.
//
// Reference: E. Segal-Halevi, A. Hassidim, Y. Aumann, "SBBA: a strongly-budget-balanced
// double-auction mechanism", SAGT 2016, arXiv:1607.05139.
func SBBA(bids, asks []float64, buyerFirst bool, src rand.Source) Outcome {
	return sbba(bids, asks, buyerFirst, func(k int) int {
		if src == nil {
			return rand.IntN(k)
		}
		return rand.New(src).IntN(k)
	})
}

// sbbaDraw is SBBA with the lottery draw j ∈ [0, K) given (the test hook for ex-post
// truthfulness); it panics if the lottery is reached and j is out of range.
func sbbaDraw(bids, asks []float64, buyerFirst bool, j int) Outcome {
	return sbba(bids, asks, buyerFirst, func(k int) int {
		if j < 0 || j >= k {
			panic("auction: draw out of range")
		}
		return j
	})
}

func sbba(bids, asks []float64, buyerFirst bool, draw func(k int) int) Outcome {
	r := rank(bids, asks)
	o := r.base()
	k := r.k
	if k == 0 {
		return o
	}
	// fixed is the side whose rank k is excluded, lot the randomised side.
	fixed, lot := r.b, r.s
	p := o.Upper
	noReduction := k < len(r.s) && r.ask(k) <= r.bid(k-1)
	if !buyerFirst {
		fixed, lot = r.s, r.b
		p = o.Lower
		noReduction = k < len(r.b) && r.bid(k) >= r.ask(k-1)
	}
	if noReduction {
		o.Trades = r.pairs(k)
		finish(&o, bids, asks, p, p)
		return o
	}
	if k == 1 {
		finish(&o, bids, asks, 0, 0)
		return o
	}
	excl := excludedIndex(lot[:k], draw(k), max(len(bids), len(asks)))
	t := make([]Trade, 0, k-1)
	for _, e := range lot[:k] {
		if e.idx == excl {
			continue
		}
		f := fixed[len(t)].idx
		if buyerFirst {
			t = append(t, Trade{Buyer: int(f), Seller: int(e.idx)})
		} else {
			t = append(t, Trade{Buyer: int(e.idx), Seller: int(f)})
		}
	}
	o.Trades = t
	finish(&o, bids, asks, p, p)
	return o
}

// excludedIndex returns the input index at 0-based position j of the candidates' indices
// in ascending order (all indices are < n). It runs in O(n/64 + len(cand)).
func excludedIndex(cand []rankEntry, j, n int) int32 {
	if len(cand) < 64 {
		// Small lotteries: count the candidates with a smaller index.
		for _, c := range cand {
			smaller := 0
			for _, d := range cand {
				if d.idx < c.idx {
					smaller++
				}
			}
			if smaller == j {
				return c.idx
			}
		}
		panic("auction: internal error: lottery")
	}
	set := make([]uint64, (n+63)/64)
	for _, c := range cand {
		set[c.idx>>6] |= 1 << (uint(c.idx) & 63)
	}
	seen := 0
	for w, x := range set {
		for x != 0 {
			if seen == j {
				return int32(w<<6 + bits.TrailingZeros64(x))
			}
			seen++
			x &= x - 1
		}
	}
	panic("auction: internal error: lottery")
}
