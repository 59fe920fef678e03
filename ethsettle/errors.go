package ethsettle

import (
	"errors"
	"fmt"

	"github.com/cdnkit/cdnkit/device/ledger"
	"github.com/cdnkit/cdnkit/ethsettle/contracts"
)

// Sentinel errors of the package. Rejected operations wrap a ledger sentinel
// instead (through *TxError).
var (
	// ErrChain reports a failure of the simulated chain itself (an RPC error,
	// a transaction that was mined but reverted, a full slot), not a
	// rejection of the operation by the contract's rules.
	ErrChain = errors.New("ethsettle: chain failure")
	// ErrConfig reports an invalid Config or DelayConfig field.
	ErrConfig = errors.New("ethsettle: invalid configuration")
)

// Op is a settlement operation, the unit of the gas statistics.
type Op uint8

// Operations: one contract function each (Deploy is the contract creation).
const (
	OpDeploy Op = iota
	OpRegister
	OpDeposit
	OpWithdraw
	OpOpen
	OpConfirm
	OpCancel
	OpRefund
	numOps
)

var opNames = [numOps]string{"Deploy", "Register", "Deposit", "Withdraw", "Open", "Confirm", "Cancel", "Refund"}

// String returns the operation's name, or "Op(n)" for an unknown code.
func (o Op) String() string {
	if o < numOps {
		return opNames[o]
	}
	return fmt.Sprintf("Op(%d)", uint8(o))
}

// TxError reports an operation that the backend rejected: before it reached
// the chain (bad id, negative number, clock running backwards) or because
// the contract reverted while the transaction was being estimated, in which
// case Revert names the contract's custom error. No transaction is sent for
// a rejected operation, so it costs no gas. Err is the ledger sentinel of
// the matching rule of ledger's check order (ErrInvalidTx, ErrReplay,
// ErrOverdraft or ErrOverflow).
type TxError struct {
	Op      Op
	Account string
	Revert  string // the contract's custom error with its arguments; "" when rejected off-chain
	Reason  string
	Err     error
}

func (e *TxError) Error() string {
	if e.Revert != "" {
		return fmt.Sprintf("ethsettle: %v by %q reverted with %s: %v", e.Op, e.Account, e.Revert, e.Err)
	}
	return fmt.Sprintf("ethsettle: %v by %q rejected: %s: %v", e.Op, e.Account, e.Reason, e.Err)
}

// Unwrap returns the ledger sentinel.
func (e *TxError) Unwrap() error { return e.Err }

// sentinelOf maps a decoded custom error of the contract to its ledger
// sentinel and a printable form. sentinel is nil for a value that is not one
// of the contract's errors.
func sentinelOf(v any) (text string, sentinel error) {
	switch e := v.(type) {
	case *contracts.SmartSharingInvalidAmount:
		return "InvalidAmount()", ledger.ErrInvalidTx
	case *contracts.SmartSharingInvalidPriceList:
		return "InvalidPriceList()", ledger.ErrInvalidTx
	case *contracts.SmartSharingSupplyExceeded:
		return "SupplyExceeded()", ledger.ErrOverflow
	case *contracts.SmartSharingInsufficientBalance:
		return fmt.Sprintf("InsufficientBalance(%v, %v)", e.Balance, e.Amount), ledger.ErrOverdraft
	case *contracts.SmartSharingSellerNotRegistered:
		return fmt.Sprintf("SellerNotRegistered(%v)", e.Seller), ledger.ErrInvalidTx
	case *contracts.SmartSharingPriceNotListed:
		return fmt.Sprintf("PriceNotListed(%v, %d)", e.Seller, e.Price), ledger.ErrInvalidTx
	case *contracts.SmartSharingSelfTrade:
		return "SelfTrade()", ledger.ErrInvalidTx
	case *contracts.SmartSharingZeroEscrowId:
		return "ZeroEscrowId()", ledger.ErrInvalidTx
	case *contracts.SmartSharingDeadlineInPast:
		return fmt.Sprintf("DeadlineInPast(%d, %d)", e.Deadline, e.Slot), ledger.ErrInvalidTx
	case *contracts.SmartSharingEscrowExists:
		return fmt.Sprintf("EscrowExists(%d)", e.Id), ledger.ErrReplay
	case *contracts.SmartSharingUnknownEscrow:
		return fmt.Sprintf("UnknownEscrow(%d)", e.Id), ledger.ErrInvalidTx
	case *contracts.SmartSharingNotLocked:
		return fmt.Sprintf("NotLocked(%d, %d)", e.Id, e.State), ledger.ErrReplay
	case *contracts.SmartSharingNotBuyer:
		return fmt.Sprintf("NotBuyer(%d)", e.Id), ledger.ErrInvalidTx
	case *contracts.SmartSharingNotSeller:
		return fmt.Sprintf("NotSeller(%d)", e.Id), ledger.ErrInvalidTx
	case *contracts.SmartSharingNotFeeSink:
		return "NotFeeSink()", ledger.ErrInvalidTx
	case *contracts.SmartSharingDeadlinePassed:
		return fmt.Sprintf("DeadlinePassed(%d, %d, %d)", e.Id, e.Deadline, e.Slot), ledger.ErrInvalidTx
	case *contracts.SmartSharingContentMismatch:
		return fmt.Sprintf("ContentMismatch(%d)", e.Id), ledger.ErrInvalidTx
	case *contracts.SmartSharingTooEarly:
		return fmt.Sprintf("TooEarly(%d, %d, %d)", e.Id, e.Deadline, e.Slot), ledger.ErrInvalidTx
	}
	return "", nil
}
