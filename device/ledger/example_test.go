package ledger_test

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/cdnkit/cdnkit/device/ledger"
)

// l1 builds the spec's vector L1: two deposits, a confirmed escrow and a
// refunded one, with the paper's fee of 50 000 gwei per record.
func l1() (*ledger.Ledger, error) {
	l, err := ledger.New(ledger.Header{Chain: "smartsharing-test", FeeSink: "fees", Fees: ledger.DefaultFeeModel()})
	if err != nil {
		return nil, err
	}
	c1 := ledger.DigestOf([]byte("video-7/slot-42"))
	c2 := ledger.DigestOf([]byte("video-3/slot-43"))
	for _, tx := range []ledger.Tx{
		{Kind: ledger.Deposit, Time: 0, Payer: "alice", Nonce: 0, Amount: 1_000_000},
		{Kind: ledger.Deposit, Time: 0, Payer: "bob", Nonce: 0, Amount: 200_000},
		{Kind: ledger.Open, Time: 1, Payer: "alice", Nonce: 1, Counterparty: "bob", Escrow: 1, Amount: 300_000, Deadline: 10, Content: c1},
		{Kind: ledger.Confirm, Time: 2, Payer: "alice", Nonce: 2, Escrow: 1, Content: c1},
		{Kind: ledger.Open, Time: 3, Payer: "alice", Nonce: 3, Counterparty: "bob", Escrow: 2, Amount: 100_000, Deadline: 5, Content: c2},
		{Kind: ledger.Refund, Time: 6, Payer: "alice", Nonce: 4, Escrow: 2},
	} {
		if _, err := l.Append(tx); err != nil {
			return nil, err
		}
	}
	return l, nil
}

func ExampleLedger() {
	l, err := l1()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range l.Accounts() {
		fmt.Printf("%s: %d gwei\n", a, l.Balance(a))
	}
	fmt.Println("records:", l.Len(), "head:", l.Head().String()[:16])
	// Output:
	// alice: 450000 gwei
	// bob: 450000 gwei
	// fees: 300000 gwei
	// records: 6 head: 0ad192a84c409206
}

func ExampleRead() {
	l, err := l1()
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if _, err := l.WriteTo(&buf); err != nil {
		fmt.Println(err)
		return
	}
	head := l.Head()
	if _, err := ledger.Read(bytes.NewReader(buf.Bytes()), &head); err == nil {
		fmt.Println("verified")
	}
	// Flip the lowest bit of the first Open record's Amount. Record 2 starts
	// after the 47-byte header and two frames of 132+32 and 130+32 bytes; its
	// big-endian Amount starts 79 bytes in, so its lowest bit is in byte 86.
	b := buf.Bytes()
	b[47+164+162+79+7] ^= 1
	_, err = ledger.Read(bytes.NewReader(b), &head)
	fmt.Println(errors.Is(err, ledger.ErrTampered), err)
	// Output:
	// verified
	// true ledger: record does not match the hash chain: record 2 (Open by "alice"): stored hash does not match the record bytes
}

// ExampleNewSettler settles one trade through the Settler interface, as the
// SmartSharing example does: register the seller's price list, deposit, open
// an escrow at a listed price and confirm on delivery.
func ExampleNewSettler() {
	l, err := ledger.New(ledger.Header{Chain: "example", FeeSink: "fees", Fees: ledger.DefaultFeeModel()})
	if err != nil {
		fmt.Println(err)
		return
	}
	slot := int64(0)
	s := ledger.NewSettler(l, func() int64 { return slot })
	content := ledger.DigestOf([]byte("video/3/slot/40"))
	for _, err := range []error{
		s.Register("ott1", []ledger.Amount{300_000, 800_000}),
		s.Deposit("ott2", 100_000_000),
		s.Open("ott2", "ott1", 1, 300_000, 3*300_000, 10, content),
		s.Confirm("ott2", 1, content),
		s.Confirm("ott2", 1, content), // replayed
	} {
		fmt.Println(err)
	}
	seller, _ := s.Balance("ott1")
	fees, _ := s.Fees()
	fmt.Println("seller:", seller, "fees:", fees)
	// Output:
	// <nil>
	// <nil>
	// <nil>
	// <nil>
	// ledger: transaction replayed: record 3 (Confirm by "ott2"): escrow 1 already settled (Released)
	// seller: 900000 fees: 150000
}
