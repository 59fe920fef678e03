package ledger

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
)

// Amount is a count of the smallest currency unit; the defaults read it as
// gwei (1e-9 ether).
type Amount int64

// MaxSupply caps the total ever deposited, so no sum of balances and escrows
// can overflow int64.
const MaxSupply Amount = 1 << 62

// Unit conversions used for reporting.
const (
	GweiPerEther = 1_000_000_000
	// PaperUSDPerEther is the exchange rate implied by the paper's figure of
	// 0.00005 ether ≈ 0.03 USD per transaction; reporting only.
	PaperUSDPerEther = 600
)

// Digest is a SHA-256 digest.
type Digest [32]byte

// String returns the digest in lower-case hex.
func (d Digest) String() string { return hex.EncodeToString(d[:]) }

// DigestOf returns SHA-256(b).
func DigestOf(b []byte) Digest { return sha256.Sum256(b) }

// Kind is the kind of a transaction.
type Kind uint8

// Transaction kinds (their codes are part of the canonical encoding).
const (
	Deposit Kind = 1 + iota
	Withdraw
	Open
	Confirm
	Cancel
	Refund
)

var kindNames = [...]string{"", "Deposit", "Withdraw", "Open", "Confirm", "Cancel", "Refund"}

// String returns the kind's name, or "Kind(n)" for an unknown code.
func (k Kind) String() string {
	if k >= Deposit && k <= Refund {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

func (k Kind) valid() bool { return k >= Deposit && k <= Refund }

// FeeModel charges Fee = PerRecord + PerByte·len(record bytes) per record.
// The payer pays it and the header's FeeSink receives it.
type FeeModel struct {
	PerRecord, PerByte Amount
}

// DefaultFeeModel returns SmartSharing's figure: 0.00005 ether = 50 000 gwei
// per transaction (Paper), nothing per byte.
func DefaultFeeModel() FeeModel { return FeeModel{PerRecord: 50_000} }

// recordFixedLen is the canonical record length without the two ids.
const recordFixedLen = 127

// Fee returns the fee of a record whose payer and counterparty ids have the
// given lengths. It saturates at math.MaxInt64 (a fee nobody can pay) instead
// of overflowing.
func (f FeeModel) Fee(payerLen, counterpartyLen int) Amount {
	n := Amount(recordFixedLen + payerLen + counterpartyLen)
	if f.PerByte > 0 && f.PerByte > (math.MaxInt64-f.PerRecord)/n {
		return math.MaxInt64
	}
	return f.PerRecord + f.PerByte*n
}

// Header is the genesis of a ledger: its replay domain (Chain), the account
// receiving fees, and the fee model.
type Header struct {
	Chain, FeeSink string
	Fees           FeeModel
}

// validID reports whether s is 1..64 bytes, each in 0x21..0x7E.
func validID(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// validIDBytes is validID for a byte slice (no allocation).
func validIDBytes(b []byte) bool {
	if len(b) == 0 || len(b) > 64 {
		return false
	}
	for _, c := range b {
		if c < 0x21 || c > 0x7e {
			return false
		}
	}
	return true
}

func (h Header) validate() error {
	switch {
	case !validID(h.Chain):
		return fmt.Errorf("%w: chain id %q (want 1..64 printable ASCII bytes, no space)", ErrBadHeader, h.Chain)
	case !validID(h.FeeSink):
		return fmt.Errorf("%w: fee sink id %q (want 1..64 printable ASCII bytes, no space)", ErrBadHeader, h.FeeSink)
	case h.Fees.PerRecord < 0 || h.Fees.PerByte < 0:
		return fmt.Errorf("%w: negative fees %+v", ErrBadHeader, h.Fees)
	}
	return nil
}

// Tx is a transaction as submitted. Fields a kind does not use must be zero
// (see the package documentation for the field rules).
type Tx struct {
	Kind         Kind
	Time         int64 // caller's clock, non-decreasing along the ledger
	Payer        string
	Nonce        uint64 // must equal the payer's next nonce
	Counterparty string // Open: the seller
	Escrow       uint64 // Open, Confirm, Cancel, Refund: escrow id (≠ 0)
	Amount       Amount
	Deadline     int64  // Open: last time a Confirm is accepted
	Content      Digest // Open, Confirm: digest of the promised content
}

// Record is an accepted transaction with its position in the chain.
type Record struct {
	Tx
	Seq  uint64
	Prev Digest // Hash of the previous record, or the genesis digest
	Fee  Amount
	Hash Digest // SHA-256 of the canonical record bytes
}

// EscrowState is the state of an escrow.
type EscrowState uint8

// Escrow states: Locked → Released (Confirm) or Refunded (Cancel, Refund).
const (
	EscrowLocked EscrowState = 1 + iota
	EscrowReleased
	EscrowRefunded
)

// String returns "Locked", "Released" or "Refunded".
func (s EscrowState) String() string {
	switch s {
	case EscrowLocked:
		return "Locked"
	case EscrowReleased:
		return "Released"
	case EscrowRefunded:
		return "Refunded"
	}
	return fmt.Sprintf("EscrowState(%d)", uint8(s))
}

// Escrow is the state of one escrow.
type Escrow struct {
	ID             uint64
	State          EscrowState
	Buyer, Seller  string
	Amount         Amount
	Deadline       int64
	Content        Digest
	Opened, Closed uint64 // Seq of the Open and the settling record (Closed = 0 while Locked)
}

// Totals summarises a ledger. Conservation holds exactly:
// Balances + Escrowed = Deposited − Withdrawn, and Fees = Σ Fee.
type Totals struct {
	Deposited, Withdrawn, Balances, Escrowed, Fees Amount
	Records, Accounts, Locked                      int
}
