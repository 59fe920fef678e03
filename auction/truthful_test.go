package auction

import (
	"math"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// utility returns the utility of buyer (side Buy) or seller i with true value v in o.
func utility(o Outcome, side Side, i int, v float64) float64 {
	for _, t := range o.Trades {
		if side == Buy && t.Buyer == i {
			return v - t.BuyerPays
		}
		if side == Sell && t.Seller == i {
			return t.SellerGets - v
		}
	}
	return 0
}

// reportGrid returns the misreports of §5.3 for a trader with true value v: v, 0, v/2,
// 2v, v ± 0.125, every other reported value and that value ± 0.125, and NaN (abstain).
func reportGrid(v float64, bids, asks []float64) []float64 {
	g := []float64{v, 0, v / 2, 2 * v, v + 0.125, v - 0.125, math.NaN()}
	for _, x := range slices.Concat(bids, asks) {
		g = append(g, x, x+0.125, x-0.125)
	}
	return g
}

// truthCase runs a deterministic mechanism with a given lottery draw j (ignored by the
// deterministic ones) and reports the number of lottery outcomes for a market.
type truthCase struct {
	name  string
	run   func(bids, asks []float64, j int) Outcome
	draws func(o Outcome) int // number of draws to check (1 if none)
}

func truthCases() []truthCase {
	one := func(Outcome) int { return 1 }
	lot := func(o Outcome) int { return max(o.K, 1) }
	return []truthCase{
		{"McAfee", func(b, a []float64, _ int) Outcome { return McAfee(b, a) }, one},
		{"TradeReduction", func(b, a []float64, _ int) Outcome { return TradeReduction(b, a) }, one},
		{"SBBA-buyer", func(b, a []float64, j int) Outcome { return sbbaDraw(b, a, true, j) }, lot},
		{"SBBA-seller", func(b, a []float64, j int) Outcome { return sbbaDraw(b, a, false, j) }, lot},
	}
}

// checkTruthful verifies that no trader gains by any report of the grid (ex post for SBBA:
// the same draw when K is unchanged, every draw when K changes). It returns the number of
// profitable misreports.
func countProfitable(tc truthCase, bids, asks []float64) (bad int, example string) {
	base := tc.run(bids, asks, 0)
	for j := range tc.draws(base) {
		truth := tc.run(bids, asks, j)
		for side, vals := range [][]float64{bids, asks} {
			for i, v := range vals {
				u0 := utility(truth, Side(side), i, v)
				for _, r := range reportGrid(v, bids, asks) {
					mb, ma := bids, asks
					if side == 0 {
						mb = slices.Clone(bids)
						mb[i] = r
					} else {
						ma = slices.Clone(asks)
						ma[i] = r
					}
					probe := tc.run(mb, ma, 0)
					js := []int{j}
					if probe.K != truth.K {
						js = js[:0]
						for jj := range tc.draws(probe) {
							js = append(js, jj)
						}
					}
					for _, jj := range js {
						if u := utility(tc.run(mb, ma, jj), Side(side), i, v); u > u0+1e-12 {
							bad++
							if example == "" {
								example = Side(side).String() + " misreport"
							}
						}
					}
				}
			}
		}
	}
	return bad, example
}

func TestPropTruthful(t *testing.T) {
	maxN := 6
	if testing.Short() {
		maxN = 4
	}
	rapid.Check(t, func(t *rapid.T) {
		// Integer values 0–10 (as in the spec's verification) or the 0.25 grid.
		var bids, asks []float64
		scale := rapid.SampledFrom([]float64{1, 0.25}).Draw(t, "scale")
		for _, p := range []*[]float64{&bids, &asks} {
			n := rapid.IntRange(1, maxN).Draw(t, "n")
			for range n {
				*p = append(*p, scale*float64(rapid.IntRange(0, 10).Draw(t, "v")))
			}
		}
		for _, tc := range truthCases() {
			if bad, ex := countProfitable(tc, bids, asks); bad > 0 {
				t.Fatalf("%s: %d profitable misreports (%s) on %v / %v", tc.name, bad, ex, bids, asks)
			}
		}
	})
}

// TestKDoubleManipulable checks that the truthfulness checker detects KDouble's
// manipulability (V7 and a random sample), so the truthfulness test can fail.
func TestKDoubleManipulable(t *testing.T) {
	kd := truthCase{"KDouble", func(b, a []float64, _ int) Outcome { return KDouble(b, a, 0.5) }, func(Outcome) int { return 1 }}
	if bad, _ := countProfitable(kd, []float64{10}, []float64{4}); bad == 0 {
		t.Error("no profitable misreport found for KDouble on V7")
	}
	if bad, _ := countProfitable(kd, v1b, v1a); bad == 0 {
		t.Error("no profitable misreport found for KDouble on V1")
	}
}
