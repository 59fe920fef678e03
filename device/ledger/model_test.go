package ledger

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// model is a direct, map-based implementation of the spec's §2.8 rules, used
// as the oracle for the state-machine test. It shares no code with Ledger
// except the fee model and id syntax.
type model struct {
	h                          Header
	bal                        map[string]Amount
	nonce                      map[string]uint64
	esc                        map[uint64]Escrow
	deposited, withdrawn, fees Amount
	lastTime                   int64
	records                    int
}

func newModel(h Header) *model {
	return &model{h: h, bal: map[string]Amount{}, nonce: map[string]uint64{}, esc: map[uint64]Escrow{}}
}

func (m *model) apply(tx Tx) error {
	zero := Digest{}
	// 1. Field rules.
	ok := tx.Kind >= 1 && tx.Kind <= 6 && validID(tx.Payer)
	if ok {
		switch tx.Kind {
		case Deposit, Withdraw:
			ok = tx.Amount > 0 && tx.Counterparty == "" && tx.Escrow == 0 && tx.Deadline == 0 && tx.Content == zero
		case Open:
			ok = validID(tx.Counterparty) && tx.Counterparty != tx.Payer && tx.Escrow != 0 && tx.Amount >= 0 && tx.Deadline >= tx.Time
		case Confirm:
			ok = tx.Escrow != 0 && tx.Counterparty == "" && tx.Amount == 0 && tx.Deadline == 0
		default:
			ok = tx.Escrow != 0 && tx.Counterparty == "" && tx.Amount == 0 && tx.Deadline == 0 && tx.Content == zero
		}
	}
	if !ok {
		return ErrInvalidTx
	}
	// 2. Nonce; 3. time.
	if tx.Nonce < m.nonce[tx.Payer] {
		return ErrReplay
	}
	if tx.Nonce > m.nonce[tx.Payer] || (m.records > 0 && tx.Time < m.lastTime) {
		return ErrInvalidTx
	}
	// 4. Kind rules; 5. funds.
	fee := m.h.Fees.Fee(len(tx.Payer), len(tx.Counterparty))
	before := m.bal[tx.Payer]
	after := before
	e, known := m.esc[tx.Escrow]
	switch tx.Kind {
	case Deposit:
		if m.deposited+tx.Amount > MaxSupply {
			return ErrOverflow
		}
		after += tx.Amount
	case Withdraw:
		after -= tx.Amount
	case Open:
		if known {
			return ErrReplay
		}
		after -= tx.Amount
	default:
		if !known {
			return ErrInvalidTx
		}
		if e.State != EscrowLocked {
			return ErrReplay
		}
		switch tx.Kind {
		case Confirm:
			if tx.Payer != e.Buyer || tx.Time > e.Deadline || tx.Content != e.Content {
				return ErrInvalidTx
			}
		case Cancel:
			if tx.Payer != e.Seller {
				return ErrInvalidTx
			}
		case Refund:
			if tx.Payer != e.Buyer || tx.Time <= e.Deadline {
				return ErrInvalidTx
			}
			after += e.Amount
		}
	}
	if after-fee < 0 {
		return ErrOverdraft
	}
	// Accepted.
	m.bal[tx.Payer] = after - fee
	m.bal[m.h.FeeSink] += fee
	m.fees += fee
	m.nonce[tx.Payer]++
	seq := uint64(m.records)
	switch tx.Kind {
	case Deposit:
		m.deposited += tx.Amount
	case Withdraw:
		m.withdrawn += tx.Amount
	case Open:
		m.esc[tx.Escrow] = Escrow{ID: tx.Escrow, State: EscrowLocked, Buyer: tx.Payer, Seller: tx.Counterparty,
			Amount: tx.Amount, Deadline: tx.Deadline, Content: tx.Content, Opened: seq}
		if _, ok := m.bal[tx.Counterparty]; !ok {
			m.bal[tx.Counterparty] = 0
		}
	case Confirm:
		m.bal[e.Seller] += e.Amount
		e.State, e.Closed = EscrowReleased, seq
		m.esc[tx.Escrow] = e
	case Cancel:
		m.bal[e.Buyer] += e.Amount
		e.State, e.Closed = EscrowRefunded, seq
		m.esc[tx.Escrow] = e
	case Refund:
		e.State, e.Closed = EscrowRefunded, seq
		m.esc[tx.Escrow] = e
	}
	m.lastTime = tx.Time
	m.records++
	return nil
}

func sentinel(err error) error {
	for _, s := range []error{ErrInvalidTx, ErrReplay, ErrOverdraft, ErrOverflow} {
		if errors.Is(err, s) {
			return s
		}
	}
	return err
}

var (
	smAccounts = []string{"alice", "bob", "carol", "dave"}
	smHeader   = Header{Chain: "model-test", FeeSink: "sink", Fees: FeeModel{PerRecord: 7, PerByte: 1}}
	smContent  = []Digest{DigestOf([]byte("a")), DigestOf([]byte("b"))}
)

// smState is the state machine under test: a Ledger, the same operations
// through a Settler on a second Ledger, and the model.
type smState struct {
	l, l2    *Ledger
	s        Settler
	m        *model
	now      int64
	accepted []Tx
	counts   map[string]int
}

func newSM(t *rapid.T) *smState {
	l, err := New(smHeader)
	if err != nil {
		t.Fatal(err)
	}
	l2, err := New(smHeader)
	if err != nil {
		t.Fatal(err)
	}
	st := &smState{l: l, l2: l2, m: newModel(smHeader), counts: map[string]int{}}
	st.s = NewSettler(l2, func() int64 { return st.now })
	for _, a := range smAccounts {
		if err := st.s.Register(a, []Amount{1}); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// submit runs tx on the Ledger and the model (and, if viaSettler is non-nil,
// the matching Settler operation) and compares the outcomes.
func (st *smState) submit(t *rapid.T, tx Tx, viaSettler func() error) {
	want := st.m.apply(tx)
	crec, cerr := st.l.Check(tx)
	rec, err := st.l.Append(tx)
	if sentinel(err) != want || sentinel(cerr) != want {
		t.Fatalf("tx %+v: Append %v, Check %v, model %v", tx, err, cerr, want)
	}
	if err == nil {
		if rec != crec {
			t.Fatalf("Check predicted %+v, Append wrote %+v", crec, rec)
		}
		st.accepted = append(st.accepted, tx)
		st.counts["accepted"]++
	} else {
		st.counts[sentinel(err).Error()]++
	}
	if viaSettler == nil && err == nil {
		// Keep the Settler's ledger in step with a transaction a Settler
		// cannot express.
		if _, err := st.l2.Append(tx); err != nil {
			t.Fatalf("mirror append: %v", err)
		}
	}
	if viaSettler != nil {
		if serr := viaSettler(); sentinel(serr) != want {
			t.Fatalf("tx %+v: Settler %v, model %v", tx, serr, want)
		}
		if st.l2.Head() != st.l.Head() {
			t.Fatalf("Settler ledger head differs after %+v", tx)
		}
	}
}

func (st *smState) check(t *rapid.T) {
	var sum, locked Amount
	for _, a := range append(smAccounts, smHeader.FeeSink) {
		b := st.l.Balance(a)
		if b < 0 {
			t.Fatalf("negative balance %s = %d", a, b)
		}
		if b != st.m.bal[a] || st.l.NextNonce(a) != st.m.nonce[a] {
			t.Fatalf("%s: balance %d nonce %d, model %d %d", a, b, st.l.NextNonce(a), st.m.bal[a], st.m.nonce[a])
		}
	}
	for id, e := range st.m.esc {
		got, ok := st.l.Escrow(id)
		if !ok || got != e {
			t.Fatalf("escrow %d = %+v, model %+v", id, got, e)
		}
		if e.State == EscrowLocked {
			locked += e.Amount
		}
	}
	tot := st.l.Totals()
	for _, b := range st.m.bal {
		sum += b
	}
	if tot.Balances != sum || tot.Escrowed != locked || tot.Balances+tot.Escrowed != tot.Deposited-tot.Withdrawn ||
		tot.Fees != st.m.fees || tot.Deposited != st.m.deposited || tot.Withdrawn != st.m.withdrawn || tot.Records != st.m.records {
		t.Fatalf("totals %+v; model balances %d locked %d fees %d", tot, sum, locked, st.m.fees)
	}
}

func (st *smState) nonce(a string) uint64 { return st.l.NextNonce(a) }

// escrowID draws an existing escrow's id most of the time, else any id.
func (st *smState) escrowID(t *rapid.T, any *rapid.Generator[uint64]) uint64 {
	var ids []uint64
	for id := uint64(1); id <= 6; id++ {
		if _, ok := st.l.Escrow(id); ok {
			ids = append(ids, id)
		}
	}
	if len(ids) > 0 && rapid.IntRange(0, 3).Draw(t, "existing") > 0 {
		return rapid.SampledFrom(ids).Draw(t, "escrow")
	}
	return any.Draw(t, "escrow")
}

// drawAmount returns base + step·k for k ∈ [0, 500] nine times in ten, else
// an invalid amount (−1 or 0).
func drawAmount(t *rapid.T, base, step Amount) Amount {
	if rapid.IntRange(0, 9).Draw(t, "bad amount") == 0 {
		return Amount(rapid.IntRange(-1, 0).Draw(t, "amount"))
	}
	return base + step*Amount(rapid.IntRange(0, 500).Draw(t, "amount"))
}

func TestEscrowStateMachine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		st := newSM(t)
		acct := rapid.SampledFrom(smAccounts)
		escrowID := rapid.Uint64Range(1, 6)
		t.Repeat(map[string]func(*rapid.T){
			"deposit": func(t *rapid.T) {
				a, amt := acct.Draw(t, "payer"), drawAmount(t, 150, 20)
				st.submit(t, Tx{Kind: Deposit, Time: st.now, Payer: a, Nonce: st.nonce(a), Amount: amt},
					func() error { return st.s.Deposit(a, amt) })
			},
			"withdraw": func(t *rapid.T) {
				a, amt := acct.Draw(t, "payer"), drawAmount(t, 0, 10)
				st.submit(t, Tx{Kind: Withdraw, Time: st.now, Payer: a, Nonce: st.nonce(a), Amount: amt},
					func() error { return st.s.Withdraw(a, amt) })
			},
			"open": func(t *rapid.T) {
				b, s := acct.Draw(t, "buyer"), acct.Draw(t, "seller")
				if b == s && rapid.IntRange(0, 3).Draw(t, "allow self") > 0 {
					s = smAccounts[(slices.Index(smAccounts, b)+1)%len(smAccounts)]
				}
				id := escrowID.Draw(t, "escrow")
				amt := drawAmount(t, 0, 5)
				dl := st.now + int64(rapid.IntRange(-1, 6).Draw(t, "deadline"))
				c := rapid.SampledFrom(smContent).Draw(t, "content")
				st.submit(t, Tx{Kind: Open, Time: st.now, Payer: b, Nonce: st.nonce(b), Counterparty: s, Escrow: id, Amount: amt, Deadline: dl, Content: c},
					func() error { return st.s.Open(b, s, id, 1, amt, dl, c) })
			},
			"confirm": func(t *rapid.T) {
				id := st.escrowID(t, escrowID)
				b := acct.Draw(t, "payer")
				if e, ok := st.l.Escrow(id); ok && rapid.Bool().Draw(t, "right party") {
					b = e.Buyer
				}
				c := rapid.SampledFrom(smContent).Draw(t, "content")
				st.submit(t, Tx{Kind: Confirm, Time: st.now, Payer: b, Nonce: st.nonce(b), Escrow: id, Content: c},
					func() error { return st.s.Confirm(b, id, c) })
			},
			"cancel": func(t *rapid.T) {
				id := st.escrowID(t, escrowID)
				a := acct.Draw(t, "payer")
				if e, ok := st.l.Escrow(id); ok && rapid.Bool().Draw(t, "right party") {
					a = e.Seller
				}
				st.submit(t, Tx{Kind: Cancel, Time: st.now, Payer: a, Nonce: st.nonce(a), Escrow: id},
					func() error { return st.s.Cancel(a, id) })
			},
			"refund": func(t *rapid.T) {
				id := st.escrowID(t, escrowID)
				a := acct.Draw(t, "payer")
				if e, ok := st.l.Escrow(id); ok && rapid.Bool().Draw(t, "right party") {
					a = e.Buyer
				}
				st.submit(t, Tx{Kind: Refund, Time: st.now, Payer: a, Nonce: st.nonce(a), Escrow: id},
					func() error { return st.s.Refund(a, id) })
			},
			"tick": func(t *rapid.T) {
				st.now += int64(rapid.IntRange(0, 3).Draw(t, "dt"))
			},
			"replay": func(t *rapid.T) {
				if len(st.accepted) == 0 {
					t.Skip("nothing accepted yet")
				}
				tx := rapid.SampledFrom(st.accepted).Draw(t, "old")
				if rapid.Bool().Draw(t, "fresh time") {
					tx.Time = st.now
				}
				st.submit(t, tx, nil)
			},
			"nonce off by one": func(t *rapid.T) {
				a := acct.Draw(t, "payer")
				n := st.nonce(a) + 1
				if n > 1 && rapid.Bool().Draw(t, "minus") {
					n -= 2
				}
				st.submit(t, Tx{Kind: Deposit, Time: st.now, Payer: a, Nonce: n, Amount: 5}, nil)
			},
			"stale time": func(t *rapid.T) {
				a := acct.Draw(t, "payer")
				st.submit(t, Tx{Kind: Deposit, Time: st.now - 1, Payer: a, Nonce: st.nonce(a), Amount: 5}, nil)
			},
			"garbage": func(t *rapid.T) {
				a := rapid.SampledFrom(append(smAccounts, "", "sp ace", "sink")).Draw(t, "payer")
				tx := Tx{
					Kind:         Kind(rapid.IntRange(0, 8).Draw(t, "kind")),
					Time:         st.now + int64(rapid.IntRange(-1, 1).Draw(t, "dt")),
					Payer:        a,
					Nonce:        st.nonce(a),
					Counterparty: rapid.SampledFrom([]string{"", "bob", "alice", "x y"}).Draw(t, "cp"),
					Escrow:       rapid.Uint64Range(0, 7).Draw(t, "escrow"),
					Amount:       Amount(rapid.Int64Range(-2, 2000).Draw(t, "amount")),
					Deadline:     st.now + int64(rapid.IntRange(-2, 4).Draw(t, "deadline")),
				}
				if rapid.Bool().Draw(t, "content") {
					tx.Content = smContent[0]
				}
				st.submit(t, tx, nil)
			},
			"": func(t *rapid.T) { st.check(t) },
		})
		var buf bytes.Buffer
		if _, err := st.l.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		head := st.l.Head()
		r, err := Read(&buf, &head)
		if err != nil {
			t.Fatalf("Read of the written ledger: %v", err)
		}
		if r.Head() != head || r.Totals() != st.l.Totals() {
			t.Fatalf("Read state differs: %+v vs %+v", r.Totals(), st.l.Totals())
		}
	})
}
