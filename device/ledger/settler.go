package ledger

import (
	"fmt"
	"slices"
	"sync"
)

// Settler is the settlement interface that the off-chain Ledger (through
// NewSettler) and an on-chain (EVM) backend, such as the one of the nested
// module ethsettle, both satisfy. It is the small contract-shaped surface of
// SmartSharing's settlement: price lists, deposits and withdrawals, and the
// escrow life cycle Open → Confirm (pay on delivery) or Cancel/Refund.
//
// Each mutating operation returns nil or an error wrapping one of this
// package's sentinels (ErrInvalidTx, ErrReplay, ErrOverdraft, ErrOverflow)
// with the meaning of the package's check order, whatever the backend;
// nonces, time and fees are the backend's business. Fees differ by backend
// (the Ledger's FeeModel, the chain's gas); a cross-backend comparison uses a
// Ledger with FeeModel{} and compares accepted/rejected operations, balances
// and escrows (ID, State, Buyer, Seller, Amount, Deadline, Content;
// Opened/Closed are backend sequence numbers).
type Settler interface {
	// Register sets the account's price list (per unit, every price > 0);
	// it replaces an earlier one.
	Register(account string, prices []Amount) error
	Deposit(account string, amount Amount) error
	Withdraw(account string, amount Amount) error
	// Open locks amount from buyer in escrow for seller's content, at a
	// per-unit price that must be on the seller's list.
	Open(buyer, seller string, escrow uint64, price, amount Amount, deadline int64, content Digest) error
	// Confirm releases the escrow to the seller after the buyer has checked
	// that the received content has the promised digest.
	Confirm(buyer string, escrow uint64, content Digest) error
	// Cancel returns the escrow to the buyer, on the seller's request.
	Cancel(seller string, escrow uint64) error
	// Refund returns the escrow to the buyer after its deadline.
	Refund(buyer string, escrow uint64) error
	Balance(account string) (Amount, error)
	Escrow(id uint64) (Escrow, bool, error)
	// Fees returns the total fees paid so far (Ledger: Totals().Fees;
	// chain: gas × price).
	Fees() (Amount, error)
}

// settler adapts a *Ledger to Settler.
type settler struct {
	mu     sync.Mutex
	l      *Ledger
	now    func() int64
	prices map[string][]Amount
}

// NewSettler adapts l to Settler: each mutating operation but Register
// appends one Tx of the matching Kind with Payer = the first argument, Nonce
// = l.NextNonce(payer) and Time = now() (called once per operation; it must
// be non-decreasing, the caller's clock). Register appends nothing: the
// adapter keeps each account's price list (non-empty, every price > 0, else
// ErrInvalidTx), and Open is refused with ErrInvalidTx, before now() is
// called and before any record, when the seller has no list or price is not
// on it (the contract's rule). Balance, Escrow and Fees read l and never
// fail. The adapter holds one mutex across now(), NextNonce and Append, so
// it is safe for concurrent use (other writers of l may still race for
// nonces). The returned value also has the method Ledger() *Ledger (it
// returns l), reachable by a type assertion to interface{ Ledger() *Ledger }.
// NewSettler panics if l or now is nil.
func NewSettler(l *Ledger, now func() int64) Settler {
	if l == nil {
		panic("ledger: nil ledger")
	}
	if now == nil {
		panic("ledger: nil clock")
	}
	return &settler{l: l, now: now, prices: make(map[string][]Amount)}
}

// Ledger returns the adapted ledger.
func (s *settler) Ledger() *Ledger { return s.l }

func (s *settler) append(tx Tx) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.appendLocked(tx)
}

func (s *settler) appendLocked(tx Tx) error {
	tx.Time = s.now()
	tx.Nonce = s.l.NextNonce(tx.Payer)
	_, err := s.l.Append(tx)
	return err
}

func (s *settler) invalid(kind Kind, payer, format string, args ...any) error {
	return &TxError{Seq: uint64(s.l.Len()), Kind: kind, Payer: payer, Reason: fmt.Sprintf(format, args...), Err: ErrInvalidTx}
}

func (s *settler) Register(acct string, prices []Amount) error {
	if !validID(acct) {
		return s.invalid(0, acct, "invalid account id %q", acct)
	}
	if len(prices) == 0 {
		return s.invalid(0, acct, "empty price list")
	}
	for i, p := range prices {
		if p <= 0 {
			return s.invalid(0, acct, "price[%d] = %d must be > 0", i, p)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.prices[acct] = slices.Clone(prices)
	return nil
}

func (s *settler) Deposit(acct string, amount Amount) error {
	return s.append(Tx{Kind: Deposit, Payer: acct, Amount: amount})
}

func (s *settler) Withdraw(acct string, amount Amount) error {
	return s.append(Tx{Kind: Withdraw, Payer: acct, Amount: amount})
}

func (s *settler) Open(buyer, seller string, escrow uint64, price, amount Amount, deadline int64, content Digest) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	list, ok := s.prices[seller]
	if !ok {
		return s.invalid(Open, buyer, "seller %q has no registered price list", seller)
	}
	if !slices.Contains(list, price) {
		return s.invalid(Open, buyer, "price %d is not on seller %q's list", price, seller)
	}
	return s.appendLocked(Tx{Kind: Open, Payer: buyer, Counterparty: seller, Escrow: escrow, Amount: amount, Deadline: deadline, Content: content})
}

func (s *settler) Confirm(buyer string, escrow uint64, content Digest) error {
	return s.append(Tx{Kind: Confirm, Payer: buyer, Escrow: escrow, Content: content})
}

func (s *settler) Cancel(seller string, escrow uint64) error {
	return s.append(Tx{Kind: Cancel, Payer: seller, Escrow: escrow})
}

func (s *settler) Refund(buyer string, escrow uint64) error {
	return s.append(Tx{Kind: Refund, Payer: buyer, Escrow: escrow})
}

func (s *settler) Balance(acct string) (Amount, error) { return s.l.Balance(acct), nil }

func (s *settler) Escrow(id uint64) (Escrow, bool, error) {
	e, ok := s.l.Escrow(id)
	return e, ok, nil
}

func (s *settler) Fees() (Amount, error) { return s.l.totalFees(), nil }
