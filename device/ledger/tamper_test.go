package ledger

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// rehash recomputes Prev and Hash of recs[from:] so the chain is consistent.
func rehash(h Header, recs []Record, from int) {
	prev := genesis(h)
	if from > 0 {
		prev = recs[from-1].Hash
	}
	for i := from; i < len(recs); i++ {
		recs[i].Prev = prev
		recs[i].Hash = recs[i].ComputeHash()
		prev = recs[i].Hash
	}
}

func TestL3BitFlips(t *testing.T) {
	s := l1Stream(t)
	if testing.Short() {
		t.Log("-short: flipping every 7th bit only")
	}
	step := 1
	if testing.Short() {
		step = 7
	}
	var format, tampered, other int
	buf := make([]byte, len(s))
	for bit := 0; bit < 8*len(s); bit += step {
		copy(buf, s)
		buf[bit/8] ^= 1 << (bit % 8)
		_, err := Read(bytes.NewReader(buf), nil)
		switch {
		case err == nil:
			t.Fatalf("flip of bit %d accepted", bit)
		case errors.Is(err, ErrFormat):
			format++
		case errors.Is(err, ErrTampered):
			tampered++
		default:
			other++
		}
	}
	if !testing.Short() && format+tampered+other != 8280 {
		t.Errorf("%d flips, want 8280", format+tampered+other)
	}
	t.Logf("flips: %d ErrFormat, %d ErrTampered, %d other", format, tampered, other)
}

func TestL3Rewrites(t *testing.T) {
	l := buildL1(t, 6)
	head := l.Head()
	recs := l.Records(nil)

	// Rewrite record 2's amount and rehash everything after it.
	rw := append([]Record(nil), recs...)
	rw[2].Amount = 250_000
	rehash(l1Header, rw, 2)
	if _, err := Verify(l1Header, rw, nil); err != nil {
		t.Errorf("consistent rewrite without head: %v", err)
	}
	if _, err := Verify(l1Header, rw, &head); !errors.Is(err, ErrTampered) {
		t.Errorf("consistent rewrite with head: %v, want ErrTampered", err)
	}
	// Truncation.
	if _, err := Verify(l1Header, recs[:5], nil); err != nil {
		t.Errorf("truncated without head: %v", err)
	}
	v, err := Verify(l1Header, recs[:5], &head)
	if !errors.Is(err, ErrTampered) || v.Len() != 5 {
		t.Errorf("truncated with head: %v", err)
	}
	// A verbatim copy of frame 3 appended.
	dup := append(append([]Record(nil), recs...), recs[3])
	v, err = Verify(l1Header, dup, nil)
	var te *TxError
	if !errors.Is(err, ErrTampered) || !errors.As(err, &te) || te.Seq != 6 || v.Len() != 6 {
		t.Errorf("verbatim copy: %v", err)
	}
	// Rehashed with the right Seq and Prev, time 7: replayed nonce.
	dup[6].Seq, dup[6].Time = 6, 7
	rehash(l1Header, dup, 6)
	if _, err := Verify(l1Header, dup, nil); !errors.Is(err, ErrReplay) {
		t.Errorf("rehashed copy: %v, want ErrReplay", err)
	}
	dup[6].Nonce = 5
	rehash(l1Header, dup, 6)
	if _, err := Verify(l1Header, dup, nil); !errors.Is(err, ErrReplay) {
		t.Errorf("rehashed copy with fresh nonce: %v, want ErrReplay (escrow closed)", err)
	}
	// Cross-chain copy.
	other := l1Header
	other.Chain = "other-chain"
	v, err = Verify(other, recs, nil)
	if !errors.Is(err, ErrTampered) || !errors.As(err, &te) || te.Seq != 0 || v.Len() != 0 {
		t.Errorf("other chain: %v", err)
	}
	// Fee changed and the chain rehashed.
	fee := append([]Record(nil), recs...)
	fee[0].Fee = 1
	rehash(l1Header, fee, 0)
	if _, err := Verify(l1Header, fee, nil); !errors.Is(err, ErrTampered) || !errors.As(err, &te) || te.Seq != 0 {
		t.Errorf("fee change: %v", err)
	}
	// Invalid header.
	if _, err := Verify(Header{}, recs, nil); !errors.Is(err, ErrBadHeader) {
		t.Errorf("bad header: %v", err)
	}
}

func TestDecodeErrors(t *testing.T) {
	s := l1Stream(t)
	// Every strict prefix that is not a frame boundary is a truncation.
	bounds := map[int]bool{47: true}
	off := 47
	for _, r := range buildL1(t, 6).Records(nil) {
		off += len(r.AppendCanonical(nil)) + 32
		bounds[off] = true
	}
	for n := 0; n < len(s); n++ {
		_, recs, err := Decode(bytes.NewReader(s[:n]))
		if bounds[n] {
			if err != nil {
				t.Fatalf("prefix %d (frame boundary): %v", n, err)
			}
			continue
		}
		var fe *FormatError
		if !errors.As(err, &fe) || !errors.Is(err, io.ErrUnexpectedEOF) || !errors.Is(err, ErrFormat) {
			t.Fatalf("prefix %d: %v, want a truncation FormatError", n, err)
		}
		if fe.Offset > int64(n) {
			t.Fatalf("prefix %d: offset %d", n, fe.Offset)
		}
		if _, err := Verify(l1Header, recs, nil); err != nil {
			t.Fatalf("prefix %d: decoded records do not verify: %v", n, err)
		}
	}
	bad := bytes.Clone(s)
	bad[47] = 'X'
	if _, _, err := Decode(bytes.NewReader(bad)); !errors.Is(err, ErrFormat) {
		t.Errorf("bad tag: %v", err)
	}
	bad = bytes.Clone(s)
	bad[0] = 'X'
	if l, err := Read(bytes.NewReader(bad), nil); !errors.Is(err, ErrFormat) || l != nil {
		t.Errorf("bad magic: %v", err)
	}
}

func TestAmountFlip(t *testing.T) {
	s := l1Stream(t)
	s[47+164+162+79+7] ^= 1 // lowest bit of record 2's Amount (see ExampleRead)
	_, recs, err := Decode(bytes.NewReader(s))
	if err != nil || recs[2].Amount != 300_001 {
		t.Fatalf("decoded amount %d, %v", recs[2].Amount, err)
	}
	if _, err := Read(bytes.NewReader(s), nil); !errors.Is(err, ErrTampered) {
		t.Errorf("amount flip: %v", err)
	}
}
