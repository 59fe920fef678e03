package em

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// PriceRule selects how posteriors become prices.
type PriceRule int

const (
	// ExpectedPrice prices a row at Σ_l Q_il p_l, the posterior mean price.
	ExpectedPrice PriceRule = iota
	// MAPPrice prices a row at the price of its most probable component.
	// Ties, and posteriors within 1e-12 of the maximum, go to the smaller
	// index, which has the higher price; the tolerance keeps the price
	// monotone in s when two fitted θ agree to rounding.
	MAPPrice
)

// mapTieTol is the posterior gap below which MAPPrice treats components as tied.
const mapTieTol = 1e-12

// String returns "expected" or "map".
func (r PriceRule) String() string {
	switch r {
	case ExpectedPrice:
		return "expected"
	case MAPPrice:
		return "map"
	}
	return fmt.Sprintf("PriceRule(%d)", int(r))
}

// ValidatePrices reports whether prices is a usable price list: non-empty,
// every entry finite and ≥ 0. Use it for untrusted lists before Price, which
// panics on invalid prices. The error wraps ErrBadPrice and names the index.
func ValidatePrices(prices []float64) error {
	if len(prices) == 0 {
		return fmt.Errorf("%w: empty price list", ErrBadPrice)
	}
	for i, p := range prices {
		if math.IsNaN(p) || math.IsInf(p, 0) || p < 0 {
			return fmt.Errorf("%w: prices[%d] = %v (want finite and >= 0)", ErrBadPrice, i, p)
		}
	}
	return nil
}

// sortedPrices returns prices sorted descending: component l (θ ascending)
// gets the l-th highest price.
func sortedPrices(prices []float64) []float64 {
	p := slices.Clone(prices)
	slices.SortFunc(p, func(a, b float64) int { return cmp.Compare(b, a) })
	return p
}

func priceRow(q, p []float64, rule PriceRule) float64 {
	switch rule {
	case ExpectedPrice:
		v := 0.0
		for l, ql := range q {
			v += ql * p[l]
		}
		return v
	case MAPPrice:
		qmax := 0.0
		for _, ql := range q {
			qmax = max(qmax, ql)
		}
		for l, ql := range q {
			if ql >= qmax-mapTieTol {
				return p[l]
			}
		}
		return p[len(p)-1]
	}
	panic("em: unknown price rule")
}

// Price returns one price per fitted row of m, from the final E-step's
// posteriors (SmartSharing: "the pricing strategy for each OTT is obtained
// from the convergence result of the last-round E step").
//
// Reconstruction (class ↔ price): a higher acceptance probability goes with a
// lower price, so with components sorted by θ ascending and prices sorted
// descending, component l gets the l-th highest price; prices may be given in
// any order. Reconstruction (rule): the paper does not say whether it used
// the posterior mean (ExpectedPrice, the default) or the MAP class.
// Because the binomial family has a monotone likelihood ratio, the price is
// non-increasing in a row's successes for fixed trials.
//
// Prices are configuration: Price panics on a nil mixture, len(prices) != K,
// a price that is NaN, ±Inf or negative, or an unknown rule. O(nK).
func Price(m *Mixture, prices []float64, rule PriceRule) []float64 {
	if m == nil {
		panic("em: nil mixture")
	}
	if len(prices) != len(m.Theta) {
		panic("em: len(prices) != K")
	}
	if ValidatePrices(prices) != nil {
		panic("em: invalid price")
	}
	if rule != ExpectedPrice && rule != MAPPrice {
		panic("em: unknown price rule")
	}
	p := sortedPrices(prices)
	out := make([]float64, len(m.Posterior))
	for i, q := range m.Posterior {
		out[i] = priceRow(q, p, rule)
	}
	return out
}

// PriceOf returns the price of a row with s successes out of trials trials
// under m, by PosteriorOf and the rule of Price. Invalid counts return a
// *CountError and an invalid price list an error wrapping ErrBadPrice. It
// panics on a nil mixture, len(prices) != K or an unknown rule. O(K).
func PriceOf(m *Mixture, prices []float64, rule PriceRule, s, trials int) (float64, error) {
	if m == nil {
		panic("em: nil mixture")
	}
	if len(prices) != len(m.Theta) {
		panic("em: len(prices) != K")
	}
	if rule != ExpectedPrice && rule != MAPPrice {
		panic("em: unknown price rule")
	}
	if err := ValidatePrices(prices); err != nil {
		return 0, err
	}
	q, err := m.PosteriorOf(nil, s, trials)
	if err != nil {
		return 0, err
	}
	return priceRow(q, sortedPrices(prices), rule), nil
}
