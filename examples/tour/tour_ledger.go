package main

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/cdnkit/cdnkit/device/ledger"
	"io"
)

func init() { step("ledger", tourLedger) }

// tourLedger is the ledger step of examples/tour: settle two trades through

// the Settler adapter, verify the stream with the trusted head, then show

// that a flipped bit is detected.

func tourLedger(w io.Writer) error {
	l, err := ledger.New(ledger.Header{Chain: "tour", FeeSink: "fees", Fees: ledger.DefaultFeeModel()})
	if err != nil {
		return err
	}
	slot := int64(0)
	s := ledger.NewSettler(l, func() int64 { return slot })
	video := ledger.DigestOf([]byte("video/7/slot/42"))
	for _, op := range []func() error{
		func() error { return s.Register("ott1", []ledger.Amount{300_000, 800_000}) },
		func() error { return s.Deposit("ott2", 10_000_000) },
		func() error { return s.Open("ott2", "ott1", 1, 800_000, 2*800_000, 10, video) },
		func() error { return s.Confirm("ott2", 1, video) },
		func() error { return s.Open("ott2", "ott1", 2, 300_000, 300_000, 10, video) },
		func() error { return s.Confirm("ott2", 2, video) },
	} {
		slot++
		if err := op(); err != nil {
			return err
		}
	}
	seller, err := s.Balance("ott1")
	if err != nil {
		return err
	}
	fees, err := s.Fees()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "ledger: %d records, seller earned %d gwei, fees %d gwei (%.4g USD)\n",
		l.Len(), seller, fees, float64(fees)/ledger.GweiPerEther*ledger.PaperUSDPerEther)
	var buf bytes.Buffer
	if _, err := l.WriteTo(&buf); err != nil {
		return err
	}
	head := l.Head()
	if _, err := ledger.Read(bytes.NewReader(buf.Bytes()), &head); err != nil {
		return err
	}
	fmt.Fprintf(w, "ledger: verified, head %s\n", head.String()[:16])
	b := buf.Bytes()
	b[len(b)/2] ^= 1
	_, err = ledger.Read(bytes.NewReader(b), &head)
	if err == nil {
		return errors.New("tampered ledger verified")
	}
	fmt.Fprintf(w, "ledger: flipped bit detected: %v\n", errors.Is(err, ledger.ErrTampered) || errors.Is(err, ledger.ErrFormat))
	return nil
}
