package ledger

import (
	"errors"
	"fmt"
	"sync"
	"testing"
)

func TestL4Settler(t *testing.T) {
	l, err := New(l1Header)
	if err != nil {
		t.Fatal(err)
	}
	times := []int64{0, 0, 1, 2, 3, 6}
	cur := 0
	s := NewSettler(l, func() int64 { v := times[min(cur, len(times)-1)]; cur++; return v })
	steps := []struct {
		name string
		f    func() error
	}{
		{"register bob", func() error { return s.Register("bob", []Amount{100_000, 300_000}) }},
		{"deposit alice", func() error { return s.Deposit("alice", 1_000_000) }},
		{"deposit bob", func() error { return s.Deposit("bob", 200_000) }},
		{"open 1", func() error { return s.Open("alice", "bob", 1, 300_000, 300_000, 10, c1) }},
		{"confirm 1", func() error { return s.Confirm("alice", 1, c1) }},
		{"open 2", func() error { return s.Open("alice", "bob", 2, 100_000, 100_000, 5, c2) }},
		{"refund 2", func() error { return s.Refund("alice", 2) }},
	}
	for _, st := range steps {
		if err := st.f(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
	}
	want := buildL1(t, 6)
	if l.Head() != want.Head() || l.Record(0).Hash != want.Record(0).Hash || l.Record(2).Hash != want.Record(2).Hash {
		t.Fatal("settler did not write L1's records")
	}
	if cur != 6 {
		t.Errorf("clock called %d times, want 6", cur)
	}
	// Refused Opens: no record, clock untouched.
	if err := s.Open("alice", "carol", 3, 1, 1, 10, c1); !errors.Is(err, ErrInvalidTx) {
		t.Errorf("unregistered seller: %v", err)
	}
	if err := s.Open("alice", "bob", 3, 200_000, 200_000, 10, c1); !errors.Is(err, ErrInvalidTx) {
		t.Errorf("unlisted price: %v", err)
	}
	if l.Len() != 6 || cur != 6 {
		t.Errorf("refused Open wrote a record or read the clock")
	}
	for _, acct := range []string{"alice", "bob", "fees", "nobody"} {
		if b, err := s.Balance(acct); err != nil || b != l.Balance(acct) {
			t.Errorf("Balance(%s) = %d, %v", acct, b, err)
		}
	}
	for id := uint64(0); id < 4; id++ {
		e, ok, err := s.Escrow(id)
		we, wok := l.Escrow(id)
		if err != nil || ok != wok || e != we {
			t.Errorf("Escrow(%d) = %+v %v %v", id, e, ok, err)
		}
	}
	if f, err := s.Fees(); err != nil || f != 300_000 {
		t.Errorf("Fees = %d, %v", f, err)
	}
	if got := s.(interface{ Ledger() *Ledger }).Ledger(); got != l {
		t.Error("Ledger() is not the adapted ledger")
	}
	// L2's non-nonce cases at time 7.
	times = []int64{7}
	cur = 0
	head := l.Head()
	for _, c := range []struct {
		name string
		err  error
		want error
	}{
		{"confirm again", s.Confirm("alice", 1, c1), ErrReplay},
		{"overdraft", s.Withdraw("bob", 400_001), ErrOverdraft},
		{"unknown escrow", s.Confirm("alice", 9, c1), ErrInvalidTx},
		{"cancel by buyer", s.Cancel("alice", 2), ErrReplay},
		{"bad register", s.Register("carol", nil), ErrInvalidTx},
		{"bad price", s.Register("carol", []Amount{0}), ErrInvalidTx},
		{"bad id", s.Register("car ol", []Amount{1}), ErrInvalidTx},
	} {
		if !errors.Is(c.err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, c.err, c.want)
		}
	}
	// Time running backwards.
	times = []int64{4}
	cur = 0
	for name, err := range map[string]error{
		"deposit":  s.Deposit("alice", 1),
		"withdraw": s.Withdraw("alice", 1),
		"open":     s.Open("alice", "bob", 7, 100_000, 100_000, 9, c1),
		"refund":   s.Refund("alice", 2),
		"cancel":   s.Cancel("bob", 1),
		"confirm":  s.Confirm("alice", 1, c1),
	} {
		if !errors.Is(err, ErrInvalidTx) {
			t.Errorf("%s at time 4: %v, want ErrInvalidTx", name, err)
		}
	}
	if l.Head() != head || l.Len() != 6 {
		t.Error("rejected operations changed the ledger")
	}
}

// TestSettlerConcurrent runs deposits and trades from several goroutines
// through one Settler; every operation must succeed and conservation hold.
func TestSettlerConcurrent(t *testing.T) {
	l, err := New(Header{Chain: "conc", FeeSink: "fees", Fees: FeeModel{PerRecord: 1}})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var clockT int64
	s := NewSettler(l, func() int64 { mu.Lock(); defer mu.Unlock(); clockT++; return clockT })
	if err := s.Register("seller", []Amount{5}); err != nil {
		t.Fatal(err)
	}
	const workers, trades = 4, 50
	var wg sync.WaitGroup
	errs := make(chan error, workers*(2*trades+1))
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buyer := fmt.Sprintf("buyer%d", w)
			errs <- s.Deposit(buyer, 10_000)
			for i := range trades {
				id := uint64(w*trades + i + 1)
				c := DigestOf([]byte(buyer))
				errs <- s.Open(buyer, "seller", id, 5, 5, 1<<40, c)
				errs <- s.Confirm(buyer, id, c)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got, want := l.Balance("seller"), Amount(5*workers*trades); got != want {
		t.Errorf("seller balance %d, want %d", got, want)
	}
	if l.Len() != workers*(2*trades+1) {
		t.Errorf("%d records", l.Len())
	}
	if _, err := Verify(l.Header(), l.Records(nil), nil); err != nil {
		t.Errorf("concurrent ledger does not verify: %v", err)
	}
}
