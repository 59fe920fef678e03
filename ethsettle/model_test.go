package ethsettle

import (
	"flag"
	"testing"

	"pgregory.net/rapid"

	"github.com/cdnkit/cdnkit/device/ledger"
)

// TestStateMachine is a rapid state-machine test of the chain against the
// off-chain model (device/ledger through NewSettler, FeeModel{}): every
// action goes to both, which must agree on acceptance and on the sentinel of
// a rejection, and after every action on the balances of all accounts and
// the state of every escrow id used so far. Each check deploys a fresh
// contract; -short runs 10 checks.
func TestStateMachine(t *testing.T) {
	if testing.Short() {
		f := flag.Lookup("rapid.checks")
		old := f.Value.String()
		must(t, f.Value.Set("10"))
		defer func() { must(t, f.Value.Set(old)) }()
	}
	accts := []string{"a", "b", "c", "sink"}
	rapid.Check(t, func(rt *rapid.T) {
		p := newPair(rt, nil)
		ids := []uint64{0}
		acct := rapid.SampledFrom(accts)
		amount := rapid.Int64Range(-2, 5000)
		id := rapid.Uint64Range(0, 8)
		content := rapid.SampledFrom([]ledger.Digest{ledger.DigestOf([]byte("x")), ledger.DigestOf([]byte("y"))})
		prices := []ledger.Amount{10, 20, 30}
		var now int64
		do := func(rt *rapid.T, s step) {
			s.Time = now
			off, chain := p.run(s)
			if off != chain {
				rt.Fatalf("%v: ledger %s, chain %s", s, off, chain)
			}
			if s.ID != 0 {
				ids = append(ids, s.ID)
			}
			p.sameState(rt, accts, ids)
		}
		rt.Repeat(map[string]func(*rapid.T){
			"tick": func(rt *rapid.T) { now += rapid.Int64Range(0, 2).Draw(rt, "dt") },
			"register": func(rt *rapid.T) {
				n := rapid.IntRange(0, 3).Draw(rt, "n")
				list := rapid.SliceOfN(rapid.SampledFrom(append([]ledger.Amount{0}, prices...)), n, n).Draw(rt, "prices")
				do(rt, step{Kind: 0, A: acct.Draw(rt, "who"), Prices: list})
			},
			"deposit": func(rt *rapid.T) {
				do(rt, step{Kind: ledger.Deposit, A: acct.Draw(rt, "who"), Amount: ledger.Amount(amount.Draw(rt, "amount"))})
			},
			"withdraw": func(rt *rapid.T) {
				do(rt, step{Kind: ledger.Withdraw, A: acct.Draw(rt, "who"), Amount: ledger.Amount(amount.Draw(rt, "amount"))})
			},
			"open": func(rt *rapid.T) {
				do(rt, step{Kind: ledger.Open, A: acct.Draw(rt, "buyer"), B: acct.Draw(rt, "seller"), ID: id.Draw(rt, "id"),
					Price:    rapid.SampledFrom(append([]ledger.Amount{-1, 15}, prices...)).Draw(rt, "price"),
					Amount:   ledger.Amount(amount.Draw(rt, "amount")),
					Deadline: now + rapid.Int64Range(-1, 3).Draw(rt, "ttl"), Content: content.Draw(rt, "content")})
			},
			"confirm": func(rt *rapid.T) {
				do(rt, step{Kind: ledger.Confirm, A: acct.Draw(rt, "who"), ID: id.Draw(rt, "id"), Content: content.Draw(rt, "content")})
			},
			"cancel": func(rt *rapid.T) {
				do(rt, step{Kind: ledger.Cancel, A: acct.Draw(rt, "who"), ID: id.Draw(rt, "id")})
			},
			"refund": func(rt *rapid.T) {
				do(rt, step{Kind: ledger.Refund, A: acct.Draw(rt, "who"), ID: id.Draw(rt, "id")})
			},
		})
		checkConservation(rt, p.chain, accts)
	})
}

// FuzzOpen feeds untrusted numbers to Open (and a Confirm or Refund of the
// same escrow) on both backends, which must agree; the seed corpus runs as a
// plain test. One pair of backends is shared by all inputs, whose effects
// accumulate in lockstep.
func FuzzOpen(f *testing.F) {
	f.Add(uint64(1), int64(300), int64(600), int64(2), int64(0), uint8(0))
	f.Add(uint64(0), int64(300), int64(1), int64(2), int64(0), uint8(1))
	f.Add(uint64(2), int64(-5), int64(-7), int64(-1), int64(0), uint8(2))
	f.Add(uint64(3), int64(800), int64(1<<62), int64(1<<62), int64(1), uint8(0))
	f.Add(uint64(1<<63), int64(1<<62), int64(0), int64(9), int64(3), uint8(1))
	f.Add(uint64(4), int64(300), int64(0), int64(-1<<63), int64(-1), uint8(2))
	f.Add(uint64(5), int64(800), int64(9_999), int64(1<<63-1), int64(1<<62), uint8(2))
	p := newPair(f, nil)
	for _, s := range []step{
		{Kind: 0, A: "seller", Prices: []ledger.Amount{300, 800}},
		{Kind: ledger.Deposit, A: "buyer", Amount: 10_000},
	} {
		if off, chain := p.run(s); off != "ok" || chain != "ok" {
			f.Fatalf("%v: %s %s", s, off, chain)
		}
	}
	d := ledger.DigestOf([]byte("content"))
	f.Fuzz(func(t *testing.T, id uint64, price, amount, deadline, now int64, then uint8) {
		// The clock only moves forward (the Settler contract); now is a step.
		if now < 0 {
			now = -now
		}
		now = p.clock + now%4
		open := step{Kind: ledger.Open, A: "buyer", B: "seller", ID: id, Price: ledger.Amount(price), Amount: ledger.Amount(amount), Deadline: deadline, Content: d, Time: now}
		settle := step{Kind: []ledger.Kind{ledger.Confirm, ledger.Refund, ledger.Cancel}[then%3], A: "buyer", ID: id, Content: d, Time: now + int64(then%2)}
		if settle.Kind == ledger.Cancel {
			settle.A = "seller"
		}
		for _, s := range []step{open, settle} {
			if off, chain := p.run(s); off != chain {
				t.Fatalf("%v: ledger %s, chain %s", s, off, chain)
			}
		}
		p.sameState(t, []string{"buyer", "seller"}, []uint64{id})
	})
}

// FuzzAmounts feeds untrusted amounts and prices to Deposit, Withdraw and
// Register on both backends, which must agree (including ErrOverflow at
// MaxSupply and ErrOverdraft); the seed corpus runs as a plain test.
func FuzzAmounts(f *testing.F) {
	f.Add(int64(1), int64(1), int64(5))
	f.Add(int64(0), int64(-1), int64(0))
	f.Add(int64(1<<62), int64(1<<62), int64(-3))
	f.Add(int64(1<<63-1), int64(1<<63-1), int64(1<<63-1))
	f.Add(int64(-1<<63), int64(7), int64(1))
	f.Add(int64(1<<61), int64(1<<61+1), int64(2))
	p := newPair(f, nil)
	f.Fuzz(func(t *testing.T, dep, wd, price int64) {
		for _, s := range []step{
			{Kind: ledger.Deposit, A: "acct", Amount: ledger.Amount(dep)},
			{Kind: ledger.Withdraw, A: "acct", Amount: ledger.Amount(wd)},
			{Kind: 0, A: "acct", Prices: []ledger.Amount{ledger.Amount(price)}},
		} {
			s.Time = p.clock
			if off, chain := p.run(s); off != chain {
				t.Fatalf("%v: ledger %s, chain %s", s, off, chain)
			}
		}
		p.sameState(t, []string{"acct"}, nil)
	})
}
