package ethsettle

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/cdnkit/cdnkit/device/ledger"
)

// step is one Settler call of a test script, at clock Time.
type step struct {
	Kind          ledger.Kind // 0 = Register
	A, B          string      // payer; seller of an Open
	ID            uint64
	Price, Amount ledger.Amount
	Deadline      int64
	Content       ledger.Digest
	Prices        []ledger.Amount
	Time          int64
}

func (s step) String() string {
	if s.Kind == 0 {
		return fmt.Sprintf("t=%d Register(%s, %v)", s.Time, s.A, s.Prices)
	}
	return fmt.Sprintf("t=%d %v(%s, %s, id=%d, price=%d, amount=%d, deadline=%d, content=%.8s)",
		s.Time, s.Kind, s.A, s.B, s.ID, s.Price, s.Amount, s.Deadline, s.Content)
}

// apply runs s on b.
func apply(b ledger.Settler, s step) error {
	switch s.Kind {
	case 0:
		return b.Register(s.A, s.Prices)
	case ledger.Deposit:
		return b.Deposit(s.A, s.Amount)
	case ledger.Withdraw:
		return b.Withdraw(s.A, s.Amount)
	case ledger.Open:
		return b.Open(s.A, s.B, s.ID, s.Price, s.Amount, s.Deadline, s.Content)
	case ledger.Confirm:
		return b.Confirm(s.A, s.ID, s.Content)
	case ledger.Cancel:
		return b.Cancel(s.A, s.ID)
	case ledger.Refund:
		return b.Refund(s.A, s.ID)
	}
	panic("test: unknown kind")
}

// class names the ledger sentinel that err wraps ("ok" for nil).
func class(err error) string {
	for _, s := range []error{ledger.ErrInvalidTx, ledger.ErrReplay, ledger.ErrOverdraft, ledger.ErrOverflow} {
		if errors.Is(err, s) {
			return s.Error()
		}
	}
	if err == nil {
		return "ok"
	}
	return "other: " + err.Error()
}

// pair is the two backends run in lockstep: the off-chain ledger (FeeModel{})
// and the chain, each with its own copy of the script clock.
type pair struct {
	clock int64
	off   ledger.Settler
	chain *Chain
}

func newPair(t tb, cfg *Config) *pair {
	helper(t)
	p := &pair{}
	h := ledger.Header{Chain: "conformance", FeeSink: "sink"}
	l, err := ledger.New(h)
	if err != nil {
		t.Fatal(err)
	}
	p.off = ledger.NewSettler(l, func() int64 { return p.clock })
	c, err := New(h, func() int64 { return p.clock }, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Error(err)
		}
	})
	p.chain = c
	return p
}

// run applies s to both backends and returns their error classes.
func (p *pair) run(s step) (off, chain string) {
	p.clock = s.Time
	return class(apply(p.off, s)), class(apply(p.chain, s))
}

// sameState compares the balances of accts and the escrows ids on both
// backends (gas and backend sequence numbers aside).
func (p *pair) sameState(t tb, accts []string, ids []uint64) {
	helper(t)
	for _, a := range accts {
		x, err1 := p.off.Balance(a)
		y, err2 := p.chain.Balance(a)
		if err1 != nil || err2 != nil || x != y {
			t.Fatalf("balance of %s: ledger %d (%v), chain %d (%v)", a, x, err1, y, err2)
		}
	}
	for _, id := range ids {
		x, ok1, err1 := p.off.Escrow(id)
		y, ok2, err2 := p.chain.Escrow(id)
		if err1 != nil || err2 != nil || ok1 != ok2 {
			t.Fatalf("escrow %d: ledger %v (%v), chain %v (%v)", id, ok1, err1, ok2, err2)
		}
		x.Opened, x.Closed, y.Opened, y.Closed = 0, 0, 0, 0
		if x != y {
			t.Fatalf("escrow %d:\nledger %+v\nchain  %+v", id, x, y)
		}
	}
}

var scriptAccts = []string{"ott-0", "ott-1", "ott-2", "ott-3"}

// script draws a seeded sequence of n trade steps, good and bad, after a
// prologue that registers price lists and deposits. A private off-chain
// ledger tracks the state while drawing, so most steps are plausible (the
// right party settling a locked escrow) and the rest are deliberate faults:
// unregistered sellers, prices off the list, reused ids, strangers, wrong
// content, early refunds, late confirmations, overdrafts.
func script(seed uint64, n int) []step {
	r := rand.New(rand.NewPCG(seed, 16))
	pick := func() string { return scriptAccts[r.IntN(len(scriptAccts))] }
	var t int64
	l, err := ledger.New(ledger.Header{Chain: "script", FeeSink: "sink"})
	if err != nil {
		panic(err)
	}
	model := ledger.NewSettler(l, func() int64 { return t })
	prices := map[string][]ledger.Amount{}
	var out []step
	emit := func(s step) {
		s.Time = t
		_ = apply(model, s) // the model only guides the drawing
		out = append(out, s)
	}
	for i, a := range scriptAccts[:3] { // ott-3 never registers
		list := []ledger.Amount{ledger.Amount(300 + 100*i), ledger.Amount(800 + 100*i)}
		prices[a] = list
		emit(step{Kind: 0, A: a, Prices: list})
	}
	for _, a := range scriptAccts {
		emit(step{Kind: ledger.Deposit, A: a, Amount: ledger.Amount(20_000 + r.IntN(20_000))})
	}
	var opened []uint64
	next := uint64(1)
	for range n {
		if r.IntN(5) == 0 {
			t += int64(1 + r.IntN(2))
		}
		s := step{A: pick()}
		switch k := r.IntN(10); {
		case k < 4:
			s.Kind, s.B = ledger.Open, pick()
			for s.B == s.A && r.IntN(8) > 0 {
				s.B = pick()
			}
			s.ID = next
			if r.IntN(8) == 0 && len(opened) > 0 {
				s.ID = opened[r.IntN(len(opened))] // reused id
			} else {
				next++
			}
			if list := prices[s.B]; len(list) > 0 && r.IntN(6) > 0 {
				s.Price = list[r.IntN(len(list))]
			} else {
				s.Price = ledger.Amount(1 + r.IntN(1000))
			}
			s.Amount = s.Price * ledger.Amount(r.IntN(8))
			if r.IntN(10) == 0 {
				s.Amount = 50_000 // overdraft
			}
			s.Deadline = t + 1 + int64(r.IntN(4))
			if r.IntN(10) == 0 {
				s.Deadline = t - 1
			}
			s.Content = ledger.DigestOf(fmt.Appendf(nil, "video/%d", s.ID))
			opened = append(opened, s.ID)
		case k < 9 && len(opened) > 0:
			s.ID = opened[r.IntN(len(opened))]
			var locked []uint64
			for _, id := range opened {
				if e, ok, _ := model.Escrow(id); ok && e.State == ledger.EscrowLocked {
					locked = append(locked, id)
				}
			}
			if len(locked) > 0 && r.IntN(4) > 0 {
				s.ID = locked[r.IntN(len(locked))]
			}
			e, ok, _ := model.Escrow(s.ID)
			s.Kind = []ledger.Kind{ledger.Confirm, ledger.Confirm, ledger.Confirm, ledger.Cancel, ledger.Refund}[r.IntN(5)]
			if ok && r.IntN(6) > 0 {
				s.A = e.Buyer
				if s.Kind == ledger.Cancel {
					s.A = e.Seller
				}
			}
			if s.Kind == ledger.Confirm {
				s.Content = ledger.DigestOf(fmt.Appendf(nil, "video/%d", s.ID))
				if r.IntN(8) == 0 {
					s.Content = ledger.DigestOf([]byte("other"))
				}
			}
		default:
			bal, _ := model.Balance(s.A)
			s.Kind, s.Amount = ledger.Withdraw, 1+ledger.Amount(r.Int64N(int64(bal)+1))
			if r.IntN(4) == 0 {
				s.Amount = bal + 1
			}
		}
		emit(s)
	}
	return out
}

// TestConformance runs one seeded sequence of trades, good and bad, through
// both backends: the same operations are accepted and rejected (with the
// same sentinel), and the final balances and escrow states are equal.
func TestConformance(t *testing.T) {
	p := newPair(t, nil)
	steps := script(1, 120)
	count := map[string]int{}
	kinds := map[ledger.Kind]int{}
	for i, s := range steps {
		off, chain := p.run(s)
		if off != chain {
			t.Fatalf("step %d %v: ledger %s, chain %s", i, s, off, chain)
		}
		count[off]++
		if off == "ok" {
			kinds[s.Kind]++
		}
	}
	var ids []uint64
	for id := uint64(0); id <= 122; id++ {
		ids = append(ids, id)
	}
	p.sameState(t, append(scriptAccts, "sink"), ids)
	// The script must exercise acceptance and every rejection it can reach.
	for _, c := range []string{"ok", ledger.ErrInvalidTx.Error(), ledger.ErrReplay.Error(), ledger.ErrOverdraft.Error()} {
		if count[c] == 0 {
			t.Errorf("script never produced %q: %v", c, count)
		}
	}
	for _, k := range []ledger.Kind{ledger.Deposit, ledger.Withdraw, ledger.Open, ledger.Confirm, ledger.Cancel, ledger.Refund} {
		if kinds[k] == 0 {
			t.Errorf("script never accepted a %v: %v", k, kinds)
		}
	}
	t.Logf("outcomes %v, accepted %v", count, kinds)
}

// tb is the part of testing.TB that *rapid.T also has.
type tb interface {
	Cleanup(func())
	Error(args ...any)
	Errorf(format string, args ...any)
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

func helper(t tb) {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
}
