package main

import (
	"fmt"
	"github.com/cdnkit/cdnkit/auction"
	"io"
	"math/rand/v2"
)

func init() { step("auction", tourAuction) }

// tourAuction is the package's step of examples/tour: "auction: end-of-day secondary

// market". It clears the spec's call-auction vector C1 and compares the unit mechanisms on

// V1.

func tourAuction(w io.Writer) error {
	fmt.Fprintf(w, "auction: end-of-day secondary market\n")
	buys := []auction.Order{{ID: 1, Price: 0.030, Quantity: 40}, {ID: 2, Price: 0.028, Quantity: 30}, {ID: 3, Price: 0.024, Quantity: 50}}
	sells := []auction.Order{{ID: 10, Price: 0.020, Quantity: 25}, {ID: 11, Price: 0.025, Quantity: 35}, {ID: 12, Price: 0.029, Quantity: 60}}
	c, err := auction.CallAuction(buys, sells, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  call auction: price %.4g $/GB, volume %.4g GB, value $%.4g (paid = received)\n", c.Price, c.Volume, c.Value())
	for i, o := range buys {
		fmt.Fprintf(w, "    buy  %2d: limit %.4g, filled %.4g of %.4g GB\n", o.ID, o.Price, c.BuyFilled[i], o.Quantity)
	}
	for i, o := range sells {
		fmt.Fprintf(w, "    sell %2d: limit %.4g, filled %.4g of %.4g GB\n", o.ID, o.Price, c.SellFilled[i], o.Quantity)
	}
	bids, asks := []float64{12, 10, 7, 3}, []float64{2, 5, 6, 11}
	for _, m := range []struct {
		name string
		o    auction.Outcome
	}{
		{"McAfee", auction.McAfee(bids, asks)},
		{"SBBA (buyer-first)", auction.SBBA(bids, asks, true, rand.NewPCG(1, 2))},
		{"KDouble (κ = ½)", auction.KDouble(bids, asks, 0.5)},
	} {
		o := m.o
		fmt.Fprintf(w, "  %-18s %d of k=%d trades, buyers pay %.4g, sellers get %.4g, auctioneer %.4g, GFT %.4g\n",
			m.name, len(o.Trades), o.K, o.BuyerPrice, o.SellerPrice, o.Surplus, o.GainsFromTrade)
	}
	return nil
}
