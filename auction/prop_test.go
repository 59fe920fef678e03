package auction

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// genMarket draws one side of a unit market: 0–maxN values on the grid {0, 0.25, …, 3}
// (forcing ties) or U(0, 1), with invalid entries mixed in when invalid is true.
func genSide(t *rapid.T, label string, maxN int, grid, invalid bool) []float64 {
	n := rapid.IntRange(0, maxN).Draw(t, label+"-n")
	v := make([]float64, n)
	for i := range v {
		if invalid && rapid.IntRange(0, 5).Draw(t, label+"-bad") == 0 {
			v[i] = rapid.SampledFrom([]float64{math.NaN(), math.Inf(1), math.Inf(-1), -1}).Draw(t, label+"-badv")
			continue
		}
		if grid {
			v[i] = float64(rapid.IntRange(0, 12).Draw(t, label+"-g")) / 4
		} else {
			v[i] = rapid.Float64Range(0, 1).Draw(t, label+"-u")
		}
	}
	return v
}

func genUnitMarket(t *rapid.T, maxN int, invalid bool) (bids, asks []float64, grid bool) {
	grid = rapid.Bool().Draw(t, "grid")
	return genSide(t, "bid", maxN, grid, invalid), genSide(t, "ask", maxN, grid, invalid), grid
}

// bruteMarket is the reference: sorted valid values, k and GFT*.
type bruteMarket struct {
	b, s       []float64 // b descending, s ascending
	k          int
	gft        float64
	ignB, ignA int
}

func brute(bids, asks []float64) bruteMarket {
	var m bruteMarket
	for _, v := range bids {
		if v >= 0 && !math.IsInf(v, 0) {
			m.b = append(m.b, v)
		} else {
			m.ignB++
		}
	}
	for _, v := range asks {
		if v >= 0 && !math.IsInf(v, 0) {
			m.s = append(m.s, v)
		} else {
			m.ignA++
		}
	}
	slices.Sort(m.b)
	slices.Reverse(m.b)
	slices.Sort(m.s)
	for r := 1; r <= min(len(m.b), len(m.s)); r++ {
		if m.b[r-1] >= m.s[r-1] {
			m.k = r
		}
	}
	for r := 0; r < m.k; r++ {
		m.gft += m.b[r] - m.s[r]
	}
	return m
}

// mech names a unit mechanism run on a market.
type mech struct {
	name string
	run  func(bids, asks []float64) Outcome
}

func mechanisms(kappa float64, seed uint64) []mech {
	return []mech{
		{"KDouble", func(b, a []float64) Outcome { return KDouble(b, a, kappa) }},
		{"McAfee", McAfee},
		{"TradeReduction", TradeReduction},
		{"SBBA-buyer", func(b, a []float64) Outcome { return SBBA(b, a, true, rand.NewPCG(seed, 7)) }},
		{"SBBA-seller", func(b, a []float64) Outcome { return SBBA(b, a, false, rand.NewPCG(seed, 7)) }},
	}
}

// checkInvariants checks feasibility, IR, budget balance, counts, efficiency and the
// Walrasian prices of one outcome (spec §5.3).
func checkInvariants(t interface {
	Helper()
	Fatalf(string, ...any)
}, name string, bids, asks []float64, o Outcome, kappa float64) {
	t.Helper()
	m := brute(bids, asks)
	if o.K != m.k || o.IgnoredBids != m.ignB || o.IgnoredAsks != m.ignA {
		t.Fatalf("%s: K %d ignored %d/%d, want %d %d/%d", name, o.K, o.IgnoredBids, o.IgnoredAsks, m.k, m.ignB, m.ignA)
	}
	for _, v := range []float64{o.BuyerPrice, o.SellerPrice, o.Lower, o.Upper, o.Surplus, o.GainsFromTrade} {
		if math.IsNaN(v) {
			t.Fatalf("%s: NaN field in %+v", name, o)
		}
	}
	seenB, seenS := map[int]bool{}, map[int]bool{}
	var gft float64
	for _, tr := range o.Trades {
		if tr.Buyer < 0 || tr.Buyer >= len(bids) || tr.Seller < 0 || tr.Seller >= len(asks) {
			t.Fatalf("%s: trade %+v out of range", name, tr)
		}
		if seenB[tr.Buyer] || seenS[tr.Seller] {
			t.Fatalf("%s: trader repeated in %+v", name, o.Trades)
		}
		seenB[tr.Buyer], seenS[tr.Seller] = true, true
		bv, sv := bids[tr.Buyer], asks[tr.Seller]
		if !validValue(bv) || !validValue(sv) {
			t.Fatalf("%s: invalid entry trades: %+v", name, tr)
		}
		if tr.BuyerPays > bv || tr.SellerGets < sv {
			t.Fatalf("%s: not IR: %+v (values %v/%v)", name, tr, bv, sv)
		}
		if tr.BuyerPays != o.BuyerPrice || tr.SellerGets != o.SellerPrice {
			t.Fatalf("%s: trade prices differ from the outcome's: %+v", name, o)
		}
		gft += bv - sv
	}
	n := len(o.Trades)
	if n > min(len(m.b), len(m.s)) {
		t.Fatalf("%s: %d trades > min valid", name, n)
	}
	if gft != o.GainsFromTrade {
		t.Fatalf("%s: GFT %v, recomputed %v", name, o.GainsFromTrade, gft)
	}
	if o.Reduced != (n < o.K) || (n == 0) != (o.Trades == nil) {
		t.Fatalf("%s: Reduced/Trades inconsistent: %+v", name, o)
	}
	if n == 0 && (o.BuyerPrice != 0 || o.SellerPrice != 0 || o.Surplus != 0) {
		t.Fatalf("%s: prices without trade: %+v", name, o)
	}
	if o.Surplus < 0 || o.Surplus != float64(n)*(o.BuyerPrice-o.SellerPrice) {
		t.Fatalf("%s: surplus %v", name, o.Surplus)
	}
	k := m.k
	if k == 0 {
		if o.Lower != 0 || o.Upper != 0 || n != 0 {
			t.Fatalf("%s: K = 0 but %+v", name, o)
		}
		return
	}
	lo, hi := m.s[k-1], m.b[k-1]
	if k < len(m.b) {
		lo = max(lo, m.b[k])
	}
	if k < len(m.s) {
		hi = min(hi, m.s[k])
	}
	if o.Lower != lo || o.Upper != hi || lo > hi {
		t.Fatalf("%s: W [%v, %v], want [%v, %v]", name, o.Lower, o.Upper, lo, hi)
	}
	if wk, wl, wu := Walrasian(bids, asks); wk != k || wl != lo || wu != hi {
		t.Fatalf("%s: Walrasian %d [%v, %v]", name, wk, wl, wu)
	}
	bk, sk := m.b[k-1], m.s[k-1]
	const tol = 1e-12
	switch name {
	case "KDouble":
		if n != k || o.Surplus != 0 || o.BuyerPrice != o.SellerPrice || o.BuyerPrice < lo || o.BuyerPrice > hi {
			t.Fatalf("%s: %+v", name, o)
		}
		if (kappa == 0 && o.BuyerPrice != lo) || (kappa == 1 && o.BuyerPrice != hi) {
			t.Fatalf("%s κ=%v: price %v", name, kappa, o.BuyerPrice)
		}
		if math.Abs(o.GainsFromTrade-m.gft) > tol*(1+m.gft) {
			t.Fatalf("%s: GFT %v, want GFT* %v", name, o.GainsFromTrade, m.gft)
		}
	case "McAfee", "TradeReduction":
		if name == "TradeReduction" && n != k-1 {
			t.Fatalf("%s: %d trades, K %d", name, n, k)
		}
		switch n {
		case k:
			if name != "McAfee" || o.Surplus != 0 || o.BuyerPrice != o.SellerPrice || o.BuyerPrice < lo || o.BuyerPrice > hi {
				t.Fatalf("%s unreduced: %+v", name, o)
			}
		case k - 1:
			if (n > 0 && (o.BuyerPrice != bk || o.SellerPrice != sk)) || o.Surplus != float64(k-1)*(bk-sk) {
				t.Fatalf("%s reduced: %+v (b_k %v s_k %v)", name, o, bk, sk)
			}
			if bk < hi || sk > lo {
				t.Fatalf("%s reduced: b_k %v < U or s_k %v > L", name, bk, sk)
			}
		default:
			t.Fatalf("%s: %d trades, K %d", name, n, k)
		}
		if o.GainsFromTrade < m.gft-(bk-sk)-tol*(1+m.gft) || o.GainsFromTrade < (1-1/float64(k))*m.gft-tol*(1+m.gft) {
			t.Fatalf("%s: GFT %v below bound (GFT* %v)", name, o.GainsFromTrade, m.gft)
		}
	case "SBBA-buyer", "SBBA-seller":
		if n != k && n != k-1 {
			t.Fatalf("%s: %d trades, K %d", name, n, k)
		}
		if n > 0 && (o.Surplus != 0 || o.BuyerPrice != o.SellerPrice) {
			t.Fatalf("%s: not SBB: %+v", name, o)
		}
		loss := bk - m.s[0]
		if name == "SBBA-seller" {
			loss = m.b[0] - sk
			if n > 0 && o.BuyerPrice != lo {
				t.Fatalf("%s: price %v, want Lower %v", name, o.BuyerPrice, lo)
			}
		} else if n > 0 && o.BuyerPrice != hi {
			t.Fatalf("%s: price %v, want Upper %v", name, o.BuyerPrice, hi)
		}
		if o.GainsFromTrade < m.gft-loss-tol*(1+m.gft) {
			t.Fatalf("%s: GFT %v below GFT* %v − %v", name, o.GainsFromTrade, m.gft, loss)
		}
	}
}

func TestPropUnitInvariants(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		bids, asks, _ := genUnitMarket(t, 12, rapid.Bool().Draw(t, "invalid"))
		kappa := rapid.SampledFrom([]float64{0, 0.5, 1, 0.3}).Draw(t, "kappa")
		seed := rapid.Uint64().Draw(t, "seed")
		for _, m := range mechanisms(kappa, seed) {
			checkInvariants(t, m.name, bids, asks, m.run(bids, asks), kappa)
		}
	})
}

// valuePay is a trader's value and payment, for comparing outcomes up to permutation.
type valuePay struct{ v, p float64 }

func sidePairs(o Outcome, bids, asks []float64, buyers bool) []valuePay {
	var r []valuePay
	for _, t := range o.Trades {
		if buyers {
			r = append(r, valuePay{bids[t.Buyer], t.BuyerPays})
		} else {
			r = append(r, valuePay{asks[t.Seller], t.SellerGets})
		}
	}
	slices.SortFunc(r, func(x, y valuePay) int {
		if x.v != y.v {
			return cmpFloat(x.v, y.v)
		}
		return cmpFloat(x.p, y.p)
	})
	return r
}

func cmpFloat(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

func permute[T any](t *rapid.T, label string, v []T) []T {
	if len(v) == 0 {
		return v
	}
	return rapid.Permutation(v).Draw(t, label)
}

func TestPropPermutationInvariance(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		bids, asks, _ := genUnitMarket(t, 12, rapid.Bool().Draw(t, "invalid"))
		pb, pa := permute(t, "pb", bids), permute(t, "pa", asks)
		seed := rapid.Uint64().Draw(t, "seed")
		for _, m := range mechanisms(0.5, seed) {
			o, p := m.run(bids, asks), m.run(pb, pa)
			if o.K != p.K || o.Lower != p.Lower || o.Upper != p.Upper || o.BuyerPrice != p.BuyerPrice ||
				o.SellerPrice != p.SellerPrice || len(o.Trades) != len(p.Trades) {
				t.Fatalf("%s: %+v vs permuted %+v", m.name, o, p)
			}
			det := []bool{true, false}
			switch m.name {
			case "SBBA-buyer":
				det = []bool{true}
			case "SBBA-seller":
				det = []bool{false}
			}
			for _, buyers := range det {
				if !slices.Equal(sidePairs(o, bids, asks, buyers), sidePairs(p, pb, pa, buyers)) {
					t.Fatalf("%s: side %v differs under permutation", m.name, buyers)
				}
			}
		}
	})
}

func scaled(v []float64, f func(float64) float64) []float64 {
	r := make([]float64, len(v))
	for i, x := range v {
		r[i] = f(x)
	}
	return r
}

func TestPropPriceScaling(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		bids, asks, grid := genUnitMarket(t, 12, false)
		seed := rapid.Uint64().Draw(t, "seed")
		kappa := rapid.SampledFrom([]float64{0, 0.5, 1}).Draw(t, "kappa")
		c := rapid.SampledFrom([]float64{2, 0.5}).Draw(t, "c")
		g := rapid.Float64Range(0.1, 10).Draw(t, "general")
		for _, m := range mechanisms(kappa, seed) {
			o := m.run(bids, asks)
			// Exact power-of-two scaling.
			s := m.run(scaled(bids, func(x float64) float64 { return c * x }), scaled(asks, func(x float64) float64 { return c * x }))
			if s.BuyerPrice != c*o.BuyerPrice || s.SellerPrice != c*o.SellerPrice || s.Lower != c*o.Lower ||
				s.Upper != c*o.Upper || s.Surplus != c*o.Surplus || len(s.Trades) != len(o.Trades) {
				t.Fatalf("%s ×%v: %+v vs %+v", m.name, c, s, o)
			}
			// General factor: 1e-12 relative.
			s = m.run(scaled(bids, func(x float64) float64 { return g * x }), scaled(asks, func(x float64) float64 { return g * x }))
			// Rounding is monotone, so K cannot shrink (it grows only if b < s rounds to a
			// tie); a closed comparison (McAfee's p0 ≤ b_k, SBBA's ties) may flip, so
			// prices are compared only when K and the trade count are unchanged.
			if s.K < o.K {
				t.Fatalf("%s ×%v: K %d vs %d", m.name, g, s.K, o.K)
			}
			if s.K == o.K && len(s.Trades) == len(o.Trades) {
				for _, pr := range [][2]float64{{s.BuyerPrice, o.BuyerPrice}, {s.SellerPrice, o.SellerPrice}, {s.Lower, o.Lower}, {s.Upper, o.Upper}} {
					if math.Abs(pr[0]-g*pr[1]) > 1e-12*math.Abs(g*pr[1]) {
						t.Fatalf("%s ×%v: price %v vs %v", m.name, g, pr[0], g*pr[1])
					}
				}
			}
			if !grid {
				continue
			}
			// Shift by 0.25 on the dyadic grid: exact.
			sh := m.run(scaled(bids, func(x float64) float64 { return x + 0.25 }), scaled(asks, func(x float64) float64 { return x + 0.25 }))
			if len(sh.Trades) != len(o.Trades) || sh.Surplus != o.Surplus {
				t.Fatalf("%s +0.25: %+v vs %+v", m.name, sh, o)
			}
			if o.K > 0 && (sh.Lower != o.Lower+0.25 || sh.Upper != o.Upper+0.25) {
				t.Fatalf("%s +0.25: W [%v, %v] vs [%v, %v]", m.name, sh.Lower, sh.Upper, o.Lower, o.Upper)
			}
			if len(o.Trades) > 0 && (sh.BuyerPrice != o.BuyerPrice+0.25 || sh.SellerPrice != o.SellerPrice+0.25) {
				t.Fatalf("%s +0.25: prices %v/%v vs %v/%v", m.name, sh.BuyerPrice, sh.SellerPrice, o.BuyerPrice, o.SellerPrice)
			}
		}
	})
}

// insertInvalid inserts invalid entries at random positions and returns the new slice and
// the new index of each original entry.
func insertInvalid(t *rapid.T, label string, v []float64) ([]float64, []int) {
	var out []float64
	pos := make([]int, len(v))
	bad := []float64{math.NaN(), math.Inf(1), math.Inf(-1), -1, -0.5}
	for i := 0; i <= len(v); i++ {
		for range rapid.IntRange(0, 2).Draw(t, label+"-ins") {
			out = append(out, rapid.SampledFrom(bad).Draw(t, label+"-bad"))
		}
		if i < len(v) {
			pos[i] = len(out)
			out = append(out, v[i])
		}
	}
	return out, pos
}

func TestPropIgnoring(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		bids, asks, _ := genUnitMarket(t, 12, false)
		ib, pb := insertInvalid(t, "b", bids)
		ia, pa := insertInvalid(t, "a", asks)
		seed := rapid.Uint64().Draw(t, "seed")
		for _, m := range mechanisms(0.5, seed) {
			o, x := m.run(bids, asks), m.run(ib, ia)
			if x.IgnoredBids != len(ib)-len(bids) || x.IgnoredAsks != len(ia)-len(asks) {
				t.Fatalf("%s: ignored %d/%d", m.name, x.IgnoredBids, x.IgnoredAsks)
			}
			x.IgnoredBids, x.IgnoredAsks = 0, 0
			for i := range o.Trades {
				o.Trades[i].Buyer, o.Trades[i].Seller = pb[o.Trades[i].Buyer], pa[o.Trades[i].Seller]
			}
			if !slices.Equal(o.Trades, x.Trades) || o.K != x.K || o.Lower != x.Lower || o.Upper != x.Upper ||
				o.BuyerPrice != x.BuyerPrice || o.SellerPrice != x.SellerPrice || o.Surplus != x.Surplus ||
				o.GainsFromTrade != x.GainsFromTrade || o.Reduced != x.Reduced {
				t.Fatalf("%s: %+v vs with invalid entries %+v", m.name, o, x)
			}
		}
	})
}
