package ledger

import (
	"crypto/sha256"
	"fmt"
	"io"
)

// Verify replays recs from an empty ledger with header h and checks the hash
// chain: for each record i, Seq = i, Prev = the running head,
// Hash = SHA-256(record bytes) and Fee = the fee model's value (else
// ErrTampered), then every rule of Append. If head is non-nil the final head
// must equal *head (else ErrTampered): this detects truncation, extension and
// a consistent full rewrite. Errors are *TxError with the record's Seq; the
// returned ledger holds the verified prefix (it is nil only for an invalid
// header, ErrBadHeader). O(total bytes).
func Verify(h Header, recs []Record, head *Digest) (*Ledger, error) {
	return verify(h, recs, head, false)
}

// verify is Verify; with own set it takes over recs as the ledger's storage
// (Read owns the decoded slice), which is safe because each verified record
// is rewritten with identical contents at its own position.
func verify(h Header, recs []Record, head *Digest, own bool) (*Ledger, error) {
	l, err := New(h)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if own {
		l.recs = recs[:0]
	} else {
		l.recs = make([]Record, 0, len(recs))
	}
	for i := range recs {
		r := &recs[i]
		tamper := func(reason string) error {
			return &TxError{Seq: uint64(i), Kind: r.Kind, Payer: r.Payer, Reason: reason, Err: ErrTampered}
		}
		switch {
		case r.Seq != uint64(i):
			return l, tamper(fmt.Sprintf("sequence number %d at position %d", r.Seq, i))
		case r.Prev != l.head:
			return l, tamper("Prev does not match the running head")
		}
		l.buf = r.AppendCanonical(l.buf[:0])
		if sha256.Sum256(l.buf) != r.Hash {
			return l, tamper("stored hash does not match the record bytes")
		}
		if r.Fee != h.Fees.Fee(len(r.Payer), len(r.Counterparty)) {
			return l, tamper(fmt.Sprintf("fee %d differs from the fee model's %d", r.Fee, h.Fees.Fee(len(r.Payer), len(r.Counterparty))))
		}
		rec, eff, err := l.check(r.Tx, &r.Hash)
		if err != nil {
			return l, err
		}
		l.apply(&rec, &eff)
	}
	if head != nil && *head != l.head {
		return l, &TxError{Seq: uint64(len(recs)), Reason: "final head differs from the trusted head", Err: ErrTampered}
	}
	return l, nil
}

// Read decodes a stream written by WriteTo and verifies it (Decode then
// Verify), reading through a bufio.Reader. On a format error the verified
// prefix of the records decoded so far is returned with the *FormatError
// (or with the verification error of that prefix, if it fails first).
func Read(r io.Reader, head *Digest) (*Ledger, error) {
	h, recs, headerOK, derr := decode(r)
	if derr != nil {
		if !headerOK {
			return nil, derr
		}
		l, err := verify(h, recs, nil, true)
		if err != nil {
			return l, err
		}
		return l, derr
	}
	return verify(h, recs, head, true)
}
