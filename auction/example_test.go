package auction_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/cdnkit/cdnkit/auction"
)

// McAfee on the spec's vector V1: p0 = (b_4 + s_4)/2 = 7 lies in [s_3, b_3] = [6, 7], so
// all three efficient pairs trade at 7 and no money is left over.
func ExampleMcAfee() {
	bids := []float64{12, 10, 7, 3}
	asks := []float64{2, 5, 6, 11}
	o := auction.McAfee(bids, asks)
	fmt.Printf("k=%d W=[%.4g, %.4g] reduced=%v surplus=%.4g GFT=%.4g\n", o.K, o.Lower, o.Upper, o.Reduced, o.Surplus, o.GainsFromTrade)
	for _, t := range o.Trades {
		fmt.Printf("buyer %d pays %.4g, seller %d gets %.4g\n", t.Buyer, t.BuyerPays, t.Seller, t.SellerGets)
	}
	// Output:
	// k=3 W=[6, 7] reduced=false surplus=0 GFT=16
	// buyer 0 pays 7, seller 0 gets 7
	// buyer 1 pays 7, seller 1 gets 7
	// buyer 2 pays 7, seller 2 gets 7
}

// SBBA (buyer-first) on V1 with a seeded source (spec vector G1): s_4 = 11 > b_3 = 7, so
// buyer 2 is excluded and a lottery excludes one of sellers 0–2 (here seller 2); the
// others trade at 7, strongly budget balanced.
func ExampleSBBA() {
	bids := []float64{12, 10, 7, 3}
	asks := []float64{2, 5, 6, 11}
	o := auction.SBBA(bids, asks, true, rand.NewPCG(1, 2))
	for _, t := range o.Trades {
		fmt.Printf("buyer %d – seller %d at %.4g\n", t.Buyer, t.Seller, t.BuyerPays)
	}
	fmt.Printf("surplus=%.4g GFT=%.4g reduced=%v\n", o.Surplus, o.GainsFromTrade, o.Reduced)
	// Output:
	// buyer 0 – seller 0 at 7
	// buyer 1 – seller 1 at 7
	// surplus=0 GFT=15 reduced=true
}

// KDouble on the spec's vector V3 with κ = ½: the midpoint of W = [6, 6.5].
func ExampleKDouble() {
	bids := []float64{9, 7, 6, 1}
	asks := []float64{3, 5, 6.5, 8}
	for _, kappa := range []float64{0, 0.5, 1} {
		o := auction.KDouble(bids, asks, kappa)
		fmt.Printf("κ=%.4g: %d trades at %.4g, GFT %.4g\n", kappa, len(o.Trades), o.BuyerPrice, o.GainsFromTrade)
	}
	// Output:
	// κ=0: 2 trades at 6, GFT 8
	// κ=0.5: 2 trades at 6.25, GFT 8
	// κ=1: 2 trades at 6.5, GFT 8
}

// CallAuction on the spec's vector C1: an end-of-day stock book in $/GB and GB.
func ExampleCallAuction() {
	buys := []auction.Order{{ID: 1, Price: 0.030, Quantity: 40}, {ID: 2, Price: 0.028, Quantity: 30}, {ID: 3, Price: 0.024, Quantity: 50}}
	sells := []auction.Order{{ID: 10, Price: 0.020, Quantity: 25}, {ID: 11, Price: 0.025, Quantity: 35}, {ID: 12, Price: 0.029, Quantity: 60}}
	c, err := auction.CallAuction(buys, sells, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("price %.4g $/GB in [%.4g, %.4g], volume %.4g GB, value $%.4g\n", c.Price, c.Lower, c.Upper, c.Volume, c.Value())
	for i, o := range buys {
		fmt.Printf("buy %d: %.4g of %.4g GB\n", o.ID, c.BuyFilled[i], o.Quantity)
	}
	for i, o := range sells {
		fmt.Printf("sell %d: %.4g of %.4g GB\n", o.ID, c.SellFilled[i], o.Quantity)
	}
	fmt.Printf("GFT $%.4g, imbalance %.4g GB\n", c.GainsFromTrade, c.Imbalance)
	// Output:
	// price 0.028 $/GB in [0.028, 0.028], volume 60 GB, value $1.68
	// buy 1: 40 of 40 GB
	// buy 2: 20 of 30 GB
	// buy 3: 0 of 50 GB
	// sell 10: 25 of 25 GB
	// sell 11: 35 of 35 GB
	// sell 12: 0 of 60 GB
	// GFT $0.385, imbalance 10 GB
}

// A continuous book: two resting asks, a buy that fills one and part of the other, then a
// cancel of the remainder.
func ExampleBook() {
	b := auction.NewBook()
	var fills []auction.Fill
	for _, o := range []struct {
		side auction.Side
		o    auction.Order
	}{
		{auction.Sell, auction.Order{ID: 1, Price: 0.03, Quantity: 10}},
		{auction.Sell, auction.Order{ID: 2, Price: 0.031, Quantity: 10}},
		{auction.Buy, auction.Order{ID: 3, Price: 0.032, Quantity: 15}},
	} {
		var rested float64
		var err error
		fills, rested, err = b.Submit(fills[:0], o.side, o.o)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, f := range fills {
			fmt.Printf("%s %d takes %.4g from %d at %.4g\n", f.TakerSide, f.Taker, f.Quantity, f.Maker, f.Price)
		}
		fmt.Printf("order %d rested %.4g\n", o.o.ID, rested)
	}
	p, q, _ := b.BestAsk()
	fmt.Printf("best ask %.4g × %.4g\n", p, q)
	left, ok := b.Cancel(2)
	fmt.Printf("cancel 2: %.4g %v, %d resting\n", left, ok, b.Len())
	// Output:
	// order 1 rested 10
	// order 2 rested 10
	// buy 3 takes 10 from 1 at 0.03
	// buy 3 takes 5 from 2 at 0.031
	// order 3 rested 0
	// best ask 0.031 × 5
	// cancel 2: 5 true, 0 resting
}
