package ethsettle_test

import (
	"errors"
	"fmt"

	"github.com/cdnkit/cdnkit/device/ledger"
	"github.com/cdnkit/cdnkit/ethsettle"
)

// ExampleChain runs a trade through the contract: the seller is paid only on
// confirmed delivery, a refund before the deadline is refused, and the
// rejection carries the ledger's sentinel.
func ExampleChain() {
	var slot int64
	c, err := ethsettle.New(ledger.Header{Chain: "example", FeeSink: "sink"}, func() int64 { return slot }, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	video := ledger.DigestOf([]byte("video/1"))
	for _, err := range []error{
		c.Register("bob", []ledger.Amount{300, 800}),
		c.Deposit("alice", 10_000),
		c.Open("alice", "bob", 1, 800, 4000, 1, video),
	} {
		if err != nil {
			fmt.Println(err)
			return
		}
	}
	err = c.Refund("alice", 1)
	fmt.Println("early refund refused:", errors.Is(err, ledger.ErrInvalidTx))
	b, _ := c.Balance("bob")
	fmt.Println("seller before delivery:", b)
	slot = 1
	if err := c.Confirm("alice", 1, video); err != nil {
		fmt.Println(err)
		return
	}
	a, _ := c.Balance("alice")
	b, _ = c.Balance("bob")
	e, _, _ := c.Escrow(1)
	fmt.Println("after delivery:", a, b, e.State)
	fees, _ := c.Fees()
	fmt.Printf("gas fees paid: %.4g ether\n", float64(fees)*1e-9)
	// Output:
	// early refund refused: true
	// seller before delivery: 0
	// after delivery: 6000 4000 Released
	// gas fees paid: 0.0003542 ether
}
