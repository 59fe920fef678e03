package ledger

import (
	"crypto/sha256"
	"fmt"
	"math"
	"slices"
	"sync"
)

type account struct {
	balance Amount
	nonce   uint64
}

// Ledger is an append-only, SHA-256 hash-chained settlement ledger with
// escrow. It is safe for concurrent use; Append is serialised.
type Ledger struct {
	mu       sync.RWMutex
	h        Header
	genesis  Digest
	head     Digest
	recs     []Record
	accts    map[string]*account
	escrows  map[uint64]*Escrow
	deposit  Amount // total deposited
	withdraw Amount // total withdrawn
	escrowed Amount // Σ Locked amounts
	fees     Amount // Σ Fee
	locked   int
	buf      []byte
	slab     []Escrow // backing store for new escrows
}

// New returns an empty ledger with header h. An invalid id or a negative fee
// returns an error wrapping ErrBadHeader.
func New(h Header) (*Ledger, error) {
	if err := h.validate(); err != nil {
		return nil, err
	}
	g := genesis(h)
	return &Ledger{
		h: h, genesis: g, head: g,
		accts:   make(map[string]*account),
		escrows: make(map[uint64]*Escrow),
		buf:     make([]byte, 0, recordFixedLen+128),
	}, nil
}

// Header returns the ledger's header.
func (l *Ledger) Header() Header { return l.h }

// Genesis returns G = SHA-256(header bytes), the Prev of record 0.
func (l *Ledger) Genesis() Digest { return l.genesis }

// Head returns the Hash of the last record, or the genesis digest when the
// ledger is empty.
func (l *Ledger) Head() Digest {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.head
}

// Len returns the number of records.
func (l *Ledger) Len() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return len(l.recs)
}

// Record returns record seq. It panics if seq is out of range.
func (l *Ledger) Record(seq int) Record {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if seq < 0 || seq >= len(l.recs) {
		panic("ledger: record out of range")
	}
	return l.recs[seq]
}

// Records appends copies of all records to dst and returns it.
func (l *Ledger) Records(dst []Record) []Record {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return append(dst, l.recs...)
}

// Balance returns the balance of account (0 for unknown accounts).
func (l *Ledger) Balance(acct string) Amount {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if a := l.accts[acct]; a != nil {
		return a.balance
	}
	return 0
}

// Accounts returns the ids of all accounts that appear in the ledger
// (payers, sellers and the fee sink), sorted.
func (l *Ledger) Accounts() []string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	out := make([]string, 0, len(l.accts))
	for id := range l.accts {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// NextNonce returns the nonce the next record paid by account must carry.
func (l *Ledger) NextNonce(acct string) uint64 {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if a := l.accts[acct]; a != nil {
		return a.nonce
	}
	return 0
}

// Escrow returns the escrow with the given id.
func (l *Ledger) Escrow(id uint64) (Escrow, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if e := l.escrows[id]; e != nil {
		return *e, true
	}
	return Escrow{}, false
}

// Totals returns the ledger's totals. O(accounts).
func (l *Ledger) Totals() Totals {
	l.mu.RLock()
	defer l.mu.RUnlock()
	t := Totals{
		Deposited: l.deposit, Withdrawn: l.withdraw, Escrowed: l.escrowed, Fees: l.fees,
		Records: len(l.recs), Accounts: len(l.accts), Locked: l.locked,
	}
	for _, a := range l.accts {
		t.Balances += a.balance
	}
	return t
}

func (l *Ledger) totalFees() Amount {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.fees
}

// Append validates tx against the current state and, if it is accepted,
// appends its record and applies it atomically. A rejected transaction
// returns a *TxError wrapping ErrInvalidTx, ErrReplay, ErrOverdraft or
// ErrOverflow (the first failing check of the package documentation's check
// order decides) and changes nothing, including nonces and time.
// Cost: one encoding into a reused buffer, one SHA-256 and O(1) map work.
func (l *Ledger) Append(tx Tx) (Record, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	rec, eff, err := l.check(tx, nil)
	if err != nil {
		return Record{}, err
	}
	l.apply(&rec, &eff)
	return rec, nil
}

// Check returns the record Append would write for tx, or the error it would
// return, without changing the ledger.
func (l *Ledger) Check(tx Tx) (Record, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	rec, _, err := l.check(tx, nil)
	if err != nil {
		return Record{}, err
	}
	return rec, nil
}

// effect is the state change of an accepted transaction.
type effect struct {
	payerAfter Amount // payer's balance after debits, credits and the fee
	other      string // account credited besides the payer (Confirm: seller; Cancel: buyer)
	otherGain  Amount
	escrow     *Escrow // escrow being settled (nil for Deposit, Withdraw, Open)
	newState   EscrowState
}

func (l *Ledger) reject(tx *Tx, err error, format string, args ...any) error {
	return &TxError{Seq: uint64(len(l.recs)), Kind: tx.Kind, Payer: tx.Payer, Reason: fmt.Sprintf(format, args...), Err: err}
}

// fieldRules checks step 1 of the check order.
func fieldRules(tx *Tx) string {
	if !tx.Kind.valid() {
		return fmt.Sprintf("unknown kind %d", uint8(tx.Kind))
	}
	if !validID(tx.Payer) {
		return fmt.Sprintf("invalid payer id %q", tx.Payer)
	}
	zeroContent := tx.Content == Digest{}
	switch tx.Kind {
	case Deposit, Withdraw:
		if tx.Amount <= 0 {
			return fmt.Sprintf("amount %d must be > 0", tx.Amount)
		}
		if tx.Counterparty != "" || tx.Escrow != 0 || tx.Deadline != 0 || !zeroContent {
			return "counterparty, escrow, deadline and content must be zero"
		}
	case Open:
		if !validID(tx.Counterparty) {
			return fmt.Sprintf("invalid seller id %q", tx.Counterparty)
		}
		if tx.Counterparty == tx.Payer {
			return "seller equals buyer"
		}
		if tx.Escrow == 0 {
			return "escrow id must be non-zero"
		}
		if tx.Amount < 0 {
			return fmt.Sprintf("amount %d must be >= 0", tx.Amount)
		}
		if tx.Deadline < tx.Time {
			return fmt.Sprintf("deadline %d before time %d", tx.Deadline, tx.Time)
		}
	case Confirm:
		if tx.Escrow == 0 {
			return "escrow id must be non-zero"
		}
		if tx.Counterparty != "" || tx.Amount != 0 || tx.Deadline != 0 {
			return "counterparty, amount and deadline must be zero"
		}
	case Cancel, Refund:
		if tx.Escrow == 0 {
			return "escrow id must be non-zero"
		}
		if tx.Counterparty != "" || tx.Amount != 0 || tx.Deadline != 0 || !zeroContent {
			return "counterparty, amount, deadline and content must be zero"
		}
	}
	return ""
}

// check runs the check order on tx and returns its record and effect. A
// non-nil hash is the record's already verified hash (Verify), which saves
// recomputing it.
func (l *Ledger) check(tx Tx, hash *Digest) (Record, effect, error) {
	var eff effect
	if reason := fieldRules(&tx); reason != "" {
		return Record{}, eff, l.reject(&tx, ErrInvalidTx, "%s", reason)
	}
	var bal Amount
	var next uint64
	if a := l.accts[tx.Payer]; a != nil {
		bal, next = a.balance, a.nonce
	}
	switch {
	case tx.Nonce < next:
		return Record{}, eff, l.reject(&tx, ErrReplay, "nonce %d already used (next %d)", tx.Nonce, next)
	case tx.Nonce > next:
		return Record{}, eff, l.reject(&tx, ErrInvalidTx, "nonce gap: %d, next %d", tx.Nonce, next)
	}
	if n := len(l.recs); n > 0 && tx.Time < l.recs[n-1].Time {
		return Record{}, eff, l.reject(&tx, ErrInvalidTx, "time %d before the previous record's %d", tx.Time, l.recs[n-1].Time)
	}
	fee := l.h.Fees.Fee(len(tx.Payer), len(tx.Counterparty))
	var credit, debit Amount
	switch tx.Kind {
	case Deposit:
		if tx.Amount > MaxSupply-l.deposit {
			return Record{}, eff, l.reject(&tx, ErrOverflow, "total deposits would exceed MaxSupply")
		}
		credit = tx.Amount
	case Withdraw:
		debit = tx.Amount
	case Open:
		if _, used := l.escrows[tx.Escrow]; used {
			return Record{}, eff, l.reject(&tx, ErrReplay, "escrow %d already exists", tx.Escrow)
		}
		debit = tx.Amount
	default:
		e := l.escrows[tx.Escrow]
		if e == nil {
			return Record{}, eff, l.reject(&tx, ErrInvalidTx, "unknown escrow %d", tx.Escrow)
		}
		if e.State != EscrowLocked {
			return Record{}, eff, l.reject(&tx, ErrReplay, "escrow %d already settled (%v)", tx.Escrow, e.State)
		}
		eff.escrow = e
		switch tx.Kind {
		case Confirm:
			if tx.Payer != e.Buyer {
				return Record{}, eff, l.reject(&tx, ErrInvalidTx, "only the buyer %q may confirm escrow %d", e.Buyer, e.ID)
			}
			if tx.Time > e.Deadline {
				return Record{}, eff, l.reject(&tx, ErrInvalidTx, "confirm at %d after deadline %d", tx.Time, e.Deadline)
			}
			if tx.Content != e.Content {
				return Record{}, eff, l.reject(&tx, ErrInvalidTx, "content digest differs from the escrow's")
			}
			eff.other, eff.otherGain, eff.newState = e.Seller, e.Amount, EscrowReleased
		case Cancel:
			if tx.Payer != e.Seller {
				return Record{}, eff, l.reject(&tx, ErrInvalidTx, "only the seller %q may cancel escrow %d", e.Seller, e.ID)
			}
			eff.other, eff.otherGain, eff.newState = e.Buyer, e.Amount, EscrowRefunded
		case Refund:
			if tx.Payer != e.Buyer {
				return Record{}, eff, l.reject(&tx, ErrInvalidTx, "only the buyer %q may claim a refund of escrow %d", e.Buyer, e.ID)
			}
			if tx.Time <= e.Deadline {
				return Record{}, eff, l.reject(&tx, ErrInvalidTx, "refund at %d not after deadline %d", tx.Time, e.Deadline)
			}
			credit, eff.newState = e.Amount, EscrowRefunded
		}
	}
	if l.fees > math.MaxInt64-fee {
		return Record{}, eff, l.reject(&tx, ErrOverflow, "total fees would overflow")
	}
	// avail ≤ the total supply ≤ 2^62; the fee is paid from funds held
	// before the fee credit, even by the fee sink itself.
	avail := bal + credit
	if debit > avail || fee > avail-debit {
		return Record{}, eff, l.reject(&tx, ErrOverdraft, "balance %d + credit %d cannot cover %d + fee %d", bal, credit, debit, fee)
	}
	eff.payerAfter = avail - debit - fee
	rec := Record{Tx: tx, Seq: uint64(len(l.recs)), Prev: l.head, Fee: fee}
	if hash != nil {
		rec.Hash = *hash
	} else {
		l.buf = rec.AppendCanonical(l.buf[:0])
		rec.Hash = sha256.Sum256(l.buf)
	}
	return rec, eff, nil
}

func (l *Ledger) acct(id string) *account {
	a := l.accts[id]
	if a == nil {
		a = &account{}
		l.accts[id] = a
	}
	return a
}

// apply commits a checked record.
func (l *Ledger) apply(rec *Record, eff *effect) {
	p := l.acct(rec.Payer)
	p.balance = eff.payerAfter
	p.nonce++
	l.acct(l.h.FeeSink).balance += rec.Fee
	l.fees += rec.Fee
	switch rec.Kind {
	case Deposit:
		l.deposit += rec.Amount
	case Withdraw:
		l.withdraw += rec.Amount
	case Open:
		l.acct(rec.Counterparty)
		if len(l.slab) == 0 {
			l.slab = make([]Escrow, 256)
		}
		e := &l.slab[0]
		l.slab = l.slab[1:]
		*e = Escrow{
			ID: rec.Escrow, State: EscrowLocked, Buyer: rec.Payer, Seller: rec.Counterparty,
			Amount: rec.Amount, Deadline: rec.Deadline, Content: rec.Content, Opened: rec.Seq,
		}
		l.escrows[rec.Escrow] = e
		l.escrowed += rec.Amount
		l.locked++
	default:
		e := eff.escrow
		if eff.other != "" {
			l.acct(eff.other).balance += eff.otherGain
		}
		e.State, e.Closed = eff.newState, rec.Seq
		l.escrowed -= e.Amount
		l.locked--
	}
	l.recs = append(l.recs, *rec)
	l.head = rec.Hash
}
