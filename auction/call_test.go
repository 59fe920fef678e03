package auction

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Vectors C1–C6 of the package spec (auction.md §5.2), hand-computed there and checked
// against a brute force over all prices.
var (
	c1Buys  = []Order{{1, 0.030, 40}, {2, 0.028, 30}, {3, 0.024, 50}}
	c1Sells = []Order{{10, 0.020, 25}, {11, 0.025, 35}, {12, 0.029, 60}}
	c2Buys  = []Order{{1, 5, 10}}
	c2Sells = []Order{{2, 3, 4}, {3, 3, 12}}
	c3Buys  = []Order{{1, 10, 5}, {2, 4, 5}}
	c3Sells = []Order{{3, 2, 5}, {4, 8, 5}}
)

func mustCall(t *testing.T, buys, sells []Order, s *CallSettings) Clearing {
	t.Helper()
	c, err := CallAuction(buys, sells, s)
	if err != nil {
		t.Fatalf("CallAuction: %v", err)
	}
	return c
}

func TestC1(t *testing.T) {
	c := mustCall(t, c1Buys, c1Sells, nil)
	want := Clearing{
		Price: 0.028, Volume: 60, Lower: 0.028, Upper: 0.028,
		Matches:   []Match{{0, 0, 25}, {0, 1, 15}, {1, 1, 20}},
		BuyFilled: []float64{40, 20, 0}, SellFilled: []float64{25, 35, 0},
		GainsFromTrade: 0.385, Imbalance: 10,
	}
	if d := cmp.Diff(want, c, cmpopts.EquateApprox(1e-12, 1e-15)); d != "" {
		t.Errorf("C1 (-want +got):\n%s", d)
	}
	if math.Abs(c.Value()-1.68) > 1e-12 {
		t.Errorf("C1 Value = %v, want 1.68", c.Value())
	}
}

func TestC2(t *testing.T) {
	c := mustCall(t, c2Buys, c2Sells, nil)
	if c.Lower != 3 || c.Upper != 3 || c.Price != 3 || c.Imbalance != -6 || c.GainsFromTrade != 20 || c.Volume != 10 {
		t.Errorf("C2: %+v", c)
	}
	if d := cmp.Diff([]float64{2.5, 7.5}, c.SellFilled); d != "" {
		t.Errorf("C2 SellFilled:\n%s", d)
	}
	c = mustCall(t, c2Buys, c2Sells, &CallSettings{Ration: TimePriority})
	if d := cmp.Diff([]float64{4, 6}, c.SellFilled); d != "" {
		t.Errorf("C2' SellFilled:\n%s", d)
	}
}

func TestC3C4(t *testing.T) {
	for _, tt := range []struct {
		rule     PriceRule
		p, imbal float64
	}{{PriceMid, 6, 0}, {PriceLow, 4, 5}, {PriceHigh, 8, -5}} {
		c := mustCall(t, c3Buys, c3Sells, &CallSettings{Price: tt.rule})
		if c.Lower != 4 || c.Upper != 8 || c.Price != tt.p || c.Imbalance != tt.imbal || c.GainsFromTrade != 40 {
			t.Errorf("C3 rule %d: %+v", tt.rule, c)
		}
		if d := cmp.Diff([]Match{{0, 0, 5}}, c.Matches); d != "" {
			t.Errorf("C3 rule %d matches:\n%s", tt.rule, d)
		}
	}
	c := mustCall(t, c3Buys, c3Sells, &CallSettings{Price: PriceKappa, Kappa: 0.25})
	if c.Price != 5 {
		t.Errorf("C3 κ = 0.25: price %v, want 5", c.Price)
	}
	c = mustCall(t, c3Buys, c3Sells, &CallSettings{MaxPrice: 5})
	if c.Lower != 4 || c.Upper != 5 || c.Price != 4.5 {
		t.Errorf("C4: %+v", c)
	}
	c = mustCall(t, c3Buys, c3Sells, &CallSettings{MinPrice: 9})
	if c.Lower != 9 || c.Upper != 9 || c.Price != 9 || c.GainsFromTrade != 25 {
		t.Errorf("C4': %+v", c)
	}
	if d := cmp.Diff([]float64{2.5, 2.5}, c.SellFilled); d != "" {
		t.Errorf("C4' SellFilled:\n%s", d)
	}
}

func TestC5MinQuantity(t *testing.T) {
	c := mustCall(t, c1Buys, c1Sells, &CallSettings{MinQuantity: 30})
	want := Clearing{
		Price: 0.029, Volume: 40, Lower: 0.029, Upper: 0.029,
		Matches:   []Match{{0, 1, 35}, {0, 2, 5}},
		BuyFilled: []float64{40, 0, 0}, SellFilled: []float64{0, 35, 5},
		GainsFromTrade: 0.18, Imbalance: -55, SkippedSells: 1,
	}
	if d := cmp.Diff(want, c, cmpopts.EquateApprox(1e-12, 1e-15)); d != "" {
		t.Errorf("C5 (-want +got):\n%s", d)
	}
}

func TestC6UnitEqualsKDouble(t *testing.T) {
	var buys, sells []Order
	for i, v := range v1b {
		buys = append(buys, Order{ID: i, Price: v, Quantity: 1})
	}
	for i, v := range v1a {
		sells = append(sells, Order{ID: i, Price: v, Quantity: 1})
	}
	c := mustCall(t, buys, sells, &CallSettings{Ration: TimePriority})
	o := KDouble(v1b, v1a, 0.5)
	if c.Volume != 3 || c.Price != 6.5 || c.Price != o.BuyerPrice || c.GainsFromTrade != o.GainsFromTrade {
		t.Errorf("C6: %+v vs %+v", c, o)
	}
	var got []pair
	for _, m := range c.Matches {
		got = append(got, pair{m.Buy, m.Sell})
	}
	if d := cmp.Diff(tradePairs(o), got, cmp.AllowUnexported(pair{})); d != "" {
		t.Errorf("C6 traders:\n%s", d)
	}
}

func TestCallEmptyAndNoTrade(t *testing.T) {
	for _, c := range [][2][]Order{{nil, nil}, {c1Buys, nil}, {nil, c1Sells}, {{{1, 1, 5}}, {{2, 2, 5}}}, {{{1, 5, 0}}, {{2, 1, 3}}}} {
		got := mustCall(t, c[0], c[1], nil)
		if len(got.BuyFilled) != len(c[0]) || len(got.SellFilled) != len(c[1]) || got.Matches != nil ||
			got.Volume != 0 || got.Price != 0 || got.Lower != 0 || got.Upper != 0 || got.Imbalance != 0 {
			t.Errorf("%v/%v: %+v", c[0], c[1], got)
		}
		for _, f := range append(append([]float64(nil), got.BuyFilled...), got.SellFilled...) {
			if f != 0 {
				t.Errorf("%v/%v: nonzero fill %+v", c[0], c[1], got)
			}
		}
	}
	got := mustCall(t, []Order{{1, 5, 0}}, []Order{{2, 1, 3}}, nil)
	if got.SkippedBuys != 1 {
		t.Errorf("zero quantity not skipped: %+v", got)
	}
}

func TestCallErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	ok := []Order{{1, 1, 1}}
	var oe *OrderError
	for _, tt := range []struct {
		buys, sells []Order
		side        Side
		index       int
		field       string
	}{
		{[]Order{{1, nan, 1}}, ok, Buy, 0, "Price"},
		{[]Order{{1, 1, 1}, {2, -1, 1}}, ok, Buy, 1, "Price"},
		{[]Order{{1, inf, 1}}, ok, Buy, 0, "Price"},
		{ok, []Order{{1, 1, nan}}, Sell, 0, "Quantity"},
		{ok, []Order{{1, 1, -2}}, Sell, 0, "Quantity"},
		{[]Order{{1, 1, inf}}, []Order{{1, nan, 1}}, Buy, 0, "Quantity"},
		{[]Order{{1, 1, math.MaxFloat64}, {2, 1, math.MaxFloat64}}, ok, Buy, -1, "Quantity"},
	} {
		c, err := CallAuction(tt.buys, tt.sells, nil)
		if !errors.As(err, &oe) || !errors.Is(err, ErrBadOrder) || oe.Side != tt.side || oe.Index != tt.index || oe.Field != tt.field {
			t.Errorf("%v/%v: err %v, want %s[%d].%s", tt.buys, tt.sells, err, tt.side, tt.index, tt.field)
		}
		if c.BuyFilled != nil || c.SellFilled != nil || c.Matches != nil {
			t.Errorf("error result not zero: %+v", c)
		}
	}
	for _, s := range []CallSettings{
		{Price: -1}, {Price: PriceKappa + 1}, {Ration: 2}, {Price: PriceKappa, Kappa: nan},
		{Price: PriceKappa, Kappa: 1.5}, {MinQuantity: -1}, {MinQuantity: inf}, {MinPrice: nan},
		{MinPrice: -1}, {MaxPrice: nan}, {MaxPrice: -3}, {MaxPrice: inf}, {MinPrice: 5, MaxPrice: 4},
	} {
		if _, err := CallAuction(c1Buys, c1Sells, &s); !errors.Is(err, ErrBadSettings) {
			t.Errorf("settings %+v: err %v", s, err)
		}
	}
	// Kappa is only checked with PriceKappa.
	if _, err := CallAuction(c1Buys, c1Sells, &CallSettings{Kappa: nan}); err != nil {
		t.Errorf("Kappa ignored without PriceKappa: %v", err)
	}
}

func TestCallInputsUnmodified(t *testing.T) {
	b := append([]Order(nil), c1Buys...)
	s := append([]Order(nil), c1Sells...)
	mustCall(t, b, s, &CallSettings{MaxPrice: 0.027, MinPrice: 0.021})
	if d := cmp.Diff(c1Buys, b); d != "" {
		t.Error(d)
	}
	if d := cmp.Diff(c1Sells, s); d != "" {
		t.Error(d)
	}
}
