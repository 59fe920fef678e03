package ethsettle_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/cdnkit/cdnkit/device/ledger"
	"github.com/cdnkit/cdnkit/ethsettle"
)

// tourEthsettle settles one content trade through the SmartSharing contract
// on an in-process EVM and prints the gas and fee of each step beside the
// paper's 0.00005 ether per transaction.
func tourEthsettle(w io.Writer) error {
	var slot int64
	c, err := ethsettle.New(ledger.Header{Chain: "tour", FeeSink: "sink"}, func() int64 { return slot }, nil)
	if err != nil {
		return err
	}
	defer c.Close()
	video := ledger.DigestOf([]byte("video/3/slot/42"))
	steps := []func() error{
		func() error { return c.Register("ott-b", []ledger.Amount{300_000, 800_000}) },
		func() error { return c.Deposit("ott-a", 100_000_000) },
		func() error { return c.Open("ott-a", "ott-b", 1, 800_000, 2_400_000, 2, video) },
		func() error { return c.Confirm("ott-a", 1, video) },
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return err
		}
	}
	if err := c.Confirm("ott-a", 1, video); err == nil {
		return fmt.Errorf("double confirmation accepted")
	} else {
		fmt.Fprintf(w, "double confirmation rejected: %v\n", err)
	}
	b, err := c.Balance("ott-b")
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "seller balance after delivery: %d gwei\n", b)
	for _, g := range c.Gas()[ethsettle.OpRegister:] {
		if g.Count == 0 {
			continue
		}
		fmt.Fprintf(w, "%-8s gas %6.0f  fee %.4g ether at 1 gwei (paper: 5e-05)\n", g.Op, g.Mean(), g.Mean()*1e-9)
	}
	return nil
}

func TestTourStep(t *testing.T) {
	var buf bytes.Buffer
	if err := tourEthsettle(&buf); err != nil {
		t.Fatal(err)
	}
	if buf.Len() == 0 || !bytes.Contains(buf.Bytes(), []byte("Confirm")) {
		t.Fatalf("tour printed %q", buf.String())
	}
	t.Log("\n" + buf.String())
}
