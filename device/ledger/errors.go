package ledger

import (
	"errors"
	"fmt"
	"io"
)

// Sentinel errors. Every error of the package wraps one of them.
var (
	ErrFormat    = errors.New("ledger: malformed encoding")
	ErrBadHeader = errors.New("ledger: invalid header")
	ErrTampered  = errors.New("ledger: record does not match the hash chain")
	ErrReplay    = errors.New("ledger: transaction replayed")
	ErrOverdraft = errors.New("ledger: insufficient funds")
	ErrInvalidTx = errors.New("ledger: invalid transaction")
	ErrOverflow  = errors.New("ledger: amount exceeds supply limit")
)

// TxError reports a rejected transaction (Append, Check, the Settler adapter)
// or a record that failed verification (Verify, Read). Seq is the sequence
// number the record has or would have had.
type TxError struct {
	Seq    uint64
	Kind   Kind
	Payer  string
	Reason string
	Err    error // one of the sentinels
}

func (e *TxError) Error() string {
	if !e.Kind.valid() {
		if e.Payer == "" {
			return fmt.Sprintf("%v: record %d: %s", e.Err, e.Seq, e.Reason)
		}
		return fmt.Sprintf("%v: record %d (%q): %s", e.Err, e.Seq, e.Payer, e.Reason)
	}
	return fmt.Sprintf("%v: record %d (%v by %q): %s", e.Err, e.Seq, e.Kind, e.Payer, e.Reason)
}

// Unwrap returns the sentinel.
func (e *TxError) Unwrap() error { return e.Err }

// FormatError reports malformed stream bytes at a byte offset. It unwraps to
// ErrFormat, and a truncated stream also matches io.ErrUnexpectedEOF under
// errors.Is.
type FormatError struct {
	Offset int64
	Reason string

	truncated bool
}

func (e *FormatError) Error() string {
	return fmt.Sprintf("ledger: malformed encoding at byte %d: %s", e.Offset, e.Reason)
}

// Unwrap returns ErrFormat.
func (e *FormatError) Unwrap() error { return ErrFormat }

// Is reports whether target is io.ErrUnexpectedEOF for a truncated stream.
func (e *FormatError) Is(target error) bool { return e.truncated && target == io.ErrUnexpectedEOF }
