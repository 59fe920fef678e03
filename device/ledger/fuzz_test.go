package ledger

import (
	"bytes"
	"errors"
	"testing"
)

func checkConservation(t *testing.T, l *Ledger) {
	t.Helper()
	tot := l.Totals()
	for _, a := range l.Accounts() {
		if l.Balance(a) < 0 {
			t.Fatalf("negative balance %s = %d", a, l.Balance(a))
		}
	}
	var fees Amount
	for _, r := range l.Records(nil) {
		fees += r.Fee
	}
	if tot.Balances+tot.Escrowed != tot.Deposited-tot.Withdrawn || tot.Fees != fees {
		t.Fatalf("conservation fails: %+v (Σ fee %d)", tot, fees)
	}
}

// FuzzDecode: an accepted stream re-encodes to the identical bytes.
func FuzzDecode(f *testing.F) {
	s := l1Stream(f)
	f.Add(s)
	f.Add(s[:100])
	f.Add(s[:47])
	f.Add([]byte("CDNKLDG1"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		h, recs, err := Decode(bytes.NewReader(data))
		if err != nil {
			var fe *FormatError
			if !errors.As(err, &fe) || fe.Offset < 0 || fe.Offset > int64(len(data)) {
				t.Fatalf("error %v is not a FormatError within the input", err)
			}
			return
		}
		out := appendHeader(nil, h)
		for i := range recs {
			out = recs[i].AppendCanonical(out)
			out = append(out, recs[i].Hash[:]...)
		}
		if !bytes.Equal(out, data) {
			t.Fatalf("re-encoding differs: %d bytes vs %d", len(out), len(data))
		}
	})
}

// FuzzVerify: bytes → Decode → Verify never panics; on success balances are
// ≥ 0 and conservation holds; on error the returned prefix verifies alone.
func FuzzVerify(f *testing.F) {
	s := l1Stream(f)
	f.Add(s)
	for _, off := range []int{60, 200, 400, 700, 1000} {
		b := bytes.Clone(s)
		b[off] ^= 0x10
		f.Add(b)
	}
	f.Add(s[:500])
	f.Fuzz(func(t *testing.T, data []byte) {
		h, recs, err := Decode(bytes.NewReader(data))
		if err != nil && h.validate() != nil {
			return
		}
		l, err := Verify(h, recs, nil)
		if l == nil {
			if !errors.Is(err, ErrBadHeader) {
				t.Fatalf("nil ledger with %v", err)
			}
			return
		}
		checkConservation(t, l)
		if err != nil {
			var te *TxError
			if !errors.As(err, &te) || int(te.Seq) != l.Len() {
				t.Fatalf("error %v does not name the first bad record (prefix %d)", err, l.Len())
			}
			p, perr := Verify(h, l.Records(nil), nil)
			if perr != nil || p.Head() != l.Head() {
				t.Fatalf("verified prefix does not verify alone: %v", perr)
			}
		}
	})
}

// FuzzAppend: a Tx sequence decoded from bytes; invariants after every step
// and a final Read round trip.
func FuzzAppend(f *testing.F) {
	f.Add([]byte{1, 0, 0, 200, 1, 1, 0, 100, 3, 0, 1, 50, 4, 0, 1, 0})
	f.Add([]byte{1, 2, 0, 255, 3, 2, 3, 10, 6, 2, 3, 0, 5, 3, 3, 0, 2, 2, 0, 30})
	f.Add([]byte{9, 9, 9, 9})
	accts := []string{"alice", "bob", "carol", "fees"}
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := New(Header{Chain: "fuzz", FeeSink: "fees", Fees: FeeModel{PerRecord: 3, PerByte: 1}})
		if err != nil {
			t.Fatal(err)
		}
		var now int64
		for len(data) >= 4 && l.Len() < 500 {
			op, a, b, v := data[0], data[1], data[2], data[3]
			data = data[4:]
			payer := accts[int(a)%len(accts)]
			tx := Tx{Kind: Kind(op % 8), Time: now, Payer: payer, Nonce: l.NextNonce(payer)}
			if op&0x80 != 0 {
				tx.Nonce++ // nonce gap
			}
			now += int64(op>>3) & 3
			switch tx.Kind {
			case Deposit, Withdraw:
				tx.Amount = Amount(v) * 10
			case Open:
				tx.Counterparty = accts[int(b)%len(accts)]
				tx.Escrow = uint64(b >> 2)
				tx.Amount = Amount(v)
				tx.Deadline = now + int64(v&7)
				tx.Content = DigestOf([]byte{b})
			default:
				tx.Escrow = uint64(b >> 2)
				if tx.Kind == Confirm {
					tx.Content = DigestOf([]byte{v})
				}
			}
			before := l.Head()
			want, cerr := l.Check(tx)
			got, err := l.Append(tx)
			if (err == nil) != (cerr == nil) || (err == nil && got != want) {
				t.Fatalf("Check %v / %v, Append %v / %v", want, cerr, got, err)
			}
			if err != nil && l.Head() != before {
				t.Fatal("rejected transaction changed the head")
			}
			checkConservation(t, l)
		}
		var buf bytes.Buffer
		if _, err := l.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		head := l.Head()
		r, err := Read(&buf, &head)
		if err != nil || r.Totals() != l.Totals() {
			t.Fatalf("round trip: %v", err)
		}
	})
}
