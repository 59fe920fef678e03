package market

import (
	"fmt"
	"math"

	"github.com/cdnkit/cdnkit/auction"
)

// clearing runs one end-of-day call auction on integral byte quantities
// and checks the contract market relies on: every fill integral, ≥ 0 and
// ≤ its order; Σ buy fills = Σ sell fills = Σ matches = Volume; the price in
// [Lower, Upper] and individually rational for every filled order. A
// violation is a *ClearingError.
//
// Reconstruction (the paper names "double auctions ... at the end of each
// day" without a rule): auction.CallAuction with TimePriority rationing, so
// that the fills are the greedy prefix of the ranked orders (price, then
// input index = order ID) and every price of the Walrasian interval
// W = [max(a*, B⁺), min(b*, A⁺)] clears; the price inside W is
// Config.Price (κ = ½ by default).
func clearing(day int, good string, buys, sells []auction.Order, set *auction.CallSettings) (auction.Clearing, error) {
	c, err := auction.CallAuction(buys, sells, set)
	if err != nil {
		return c, &ClearingError{Day: day, Good: good, Reason: err.Error()}
	}
	bad := func(format string, a ...any) (auction.Clearing, error) {
		return auction.Clearing{}, &ClearingError{Day: day, Good: good, Reason: fmt.Sprintf(format, a...)}
	}
	if len(c.BuyFilled) != len(buys) || len(c.SellFilled) != len(sells) {
		return bad("fill slices of lengths %d, %d for %d buys and %d sells", len(c.BuyFilled), len(c.SellFilled), len(buys), len(sells))
	}
	integral := func(x float64) bool { return x >= 0 && x == math.Trunc(x) && x <= maxBytes }
	var vb, vs, vm float64
	for k, f := range c.BuyFilled {
		if !integral(f) || f > buys[k].Quantity {
			return bad("buy %d filled %v of %v", k, f, buys[k].Quantity)
		}
		if f > 0 && buys[k].Price < c.Price {
			return bad("buy %d filled at %v above its limit %v", k, c.Price, buys[k].Price)
		}
		vb += f
	}
	for k, f := range c.SellFilled {
		if !integral(f) || f > sells[k].Quantity {
			return bad("sell %d filled %v of %v", k, f, sells[k].Quantity)
		}
		if f > 0 && sells[k].Price > c.Price {
			return bad("sell %d filled at %v below its limit %v", k, c.Price, sells[k].Price)
		}
		vs += f
	}
	for _, m := range c.Matches {
		if !integral(m.Quantity) || m.Buy < 0 || m.Buy >= len(buys) || m.Sell < 0 || m.Sell >= len(sells) {
			return bad("match %+v", m)
		}
		vm += m.Quantity
	}
	if vb != vs || vb != vm || vb != c.Volume {
		return bad("volume: buys %v, sells %v, matches %v, reported %v", vb, vs, vm, c.Volume)
	}
	if c.Volume > 0 && !(c.Lower <= c.Price && c.Price <= c.Upper) {
		return bad("price %v outside [%v, %v]", c.Price, c.Lower, c.Upper)
	}
	return c, nil
}
