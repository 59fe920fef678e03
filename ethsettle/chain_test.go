package ethsettle

import (
	"bytes"
	"context"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/cdnkit/cdnkit/device/ledger"
	"github.com/cdnkit/cdnkit/ethsettle/contracts"
)

type clock struct{ t int64 }

func (c *clock) now() int64 { return c.t }

func newChain(t tb, cfg *Config) (*Chain, *clock) {
	helper(t)
	clk := &clock{}
	c, err := New(ledger.Header{Chain: "test", FeeSink: "sink"}, clk.now, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Error(err)
		}
	})
	return c, clk
}

func must(t tb, err error) {
	helper(t)
	if err != nil {
		t.Fatal(err)
	}
}

func balance(t tb, c *Chain, acct string) ledger.Amount {
	helper(t)
	b, err := c.Balance(acct)
	must(t, err)
	return b
}

// checkConservation asserts the escrow invariant: nothing is lost,
// Σ balances + escrowed + fee pool = deposited − withdrawn − fees withdrawn
// = the contract's ether.
func checkConservation(t tb, c *Chain, accts []string) {
	helper(t)
	tot, err := c.Totals()
	must(t, err)
	var sum ledger.Amount
	for _, a := range accts {
		b := balance(t, c, a)
		if b < 0 {
			t.Fatalf("balance of %s = %d < 0", a, b)
		}
		sum += b
	}
	if got, want := sum+tot.Escrowed+tot.FeePool, tot.Deposited-tot.Withdrawn-tot.FeesWithdrawn; got != want {
		t.Fatalf("Σ balances %d + escrowed %d + fee pool %d = %d, want deposits − withdrawals = %d (%+v)",
			sum, tot.Escrowed, tot.FeePool, got, want, tot)
	}
	if tot.Ether != tot.Deposited-tot.Withdrawn-tot.FeesWithdrawn {
		t.Fatalf("contract ether %d gwei, want %d (%+v)", tot.Ether, tot.Deposited-tot.Withdrawn-tot.FeesWithdrawn, tot)
	}
}

// TestBadOperationsRevert checks that every bad operation reverts with its
// custom error, maps to the ledger's sentinel, changes no balance and costs
// no gas.
func TestBadOperationsRevert(t *testing.T) {
	c, clk := newChain(t, nil)
	d := ledger.DigestOf([]byte("video/7/slot/3"))
	must(t, c.Register("bob", []ledger.Amount{300, 800}))
	must(t, c.Deposit("alice", 10_000))
	must(t, c.Open("alice", "bob", 1, 300, 3000, 2, d))
	must(t, c.Open("alice", "bob", 2, 800, 800, 5, d))
	must(t, c.Confirm("alice", 2, d))
	cases := []struct {
		name     string
		time     int64
		op       func() error
		revert   string // prefix of TxError.Revert; "" = rejected off-chain
		sentinel error
	}{
		{"unregistered seller", 0, func() error { return c.Open("alice", "carol", 3, 300, 300, 2, d) }, "SellerNotRegistered", ledger.ErrInvalidTx},
		{"price not on the list", 0, func() error { return c.Open("alice", "bob", 3, 301, 301, 2, d) }, "PriceNotListed", ledger.ErrInvalidTx},
		{"self trade", 0, func() error { return c.Open("bob", "bob", 3, 300, 0, 2, d) }, "SelfTrade", ledger.ErrInvalidTx},
		{"escrow id 0", 0, func() error { return c.Open("alice", "bob", 0, 300, 300, 2, d) }, "ZeroEscrowId", ledger.ErrInvalidTx},
		{"reused escrow id", 0, func() error { return c.Open("alice", "bob", 1, 300, 300, 2, d) }, "EscrowExists", ledger.ErrReplay},
		{"open over balance", 0, func() error { return c.Open("alice", "bob", 3, 300, 1_000_000, 2, d) }, "InsufficientBalance", ledger.ErrOverdraft},
		{"negative amount", 0, func() error { return c.Open("alice", "bob", 3, 300, -1, 2, d) }, "", ledger.ErrInvalidTx},
		{"double confirmation", 0, func() error { return c.Confirm("alice", 2, d) }, "NotLocked", ledger.ErrReplay},
		{"confirmation by a stranger", 0, func() error { return c.Confirm("mallory", 1, d) }, "NotBuyer", ledger.ErrInvalidTx},
		{"confirmation by the seller", 0, func() error { return c.Confirm("bob", 1, d) }, "NotBuyer", ledger.ErrInvalidTx},
		{"wrong content", 0, func() error { return c.Confirm("alice", 1, ledger.DigestOf([]byte("x"))) }, "ContentMismatch", ledger.ErrInvalidTx},
		{"unknown escrow", 0, func() error { return c.Confirm("alice", 99, d) }, "UnknownEscrow", ledger.ErrInvalidTx},
		{"cancel by a stranger", 0, func() error { return c.Cancel("alice", 1) }, "NotSeller", ledger.ErrInvalidTx},
		{"refund before the deadline", 2, func() error { return c.Refund("alice", 1) }, "TooEarly", ledger.ErrInvalidTx},
		{"refund by a stranger", 3, func() error { return c.Refund("mallory", 1) }, "NotBuyer", ledger.ErrInvalidTx},
		{"confirmation after the deadline", 3, func() error { return c.Confirm("alice", 1, d) }, "DeadlinePassed", ledger.ErrInvalidTx},
		{"deadline in the past", 3, func() error { return c.Open("alice", "bob", 3, 300, 300, 2, d) }, "DeadlineInPast", ledger.ErrInvalidTx},
		{"withdrawal over balance", 3, func() error { return c.Withdraw("alice", 100_000) }, "InsufficientBalance", ledger.ErrOverdraft},
		{"withdrawal by a stranger", 3, func() error { return c.Withdraw("mallory", 1) }, "InsufficientBalance", ledger.ErrOverdraft},
		{"deposit beyond MaxSupply", 3, func() error { return c.Deposit("alice", ledger.MaxSupply) }, "SupplyExceeded", ledger.ErrOverflow},
		{"zero deposit", 3, func() error { return c.Deposit("alice", 0) }, "", ledger.ErrInvalidTx},
		{"empty price list", 3, func() error { return c.Register("bob", nil) }, "", ledger.ErrInvalidTx},
		{"price 0", 3, func() error { return c.Register("bob", []ledger.Amount{0}) }, "", ledger.ErrInvalidTx},
		{"invalid id", 3, func() error { return c.Deposit("has space", 5) }, "", ledger.ErrInvalidTx},
		{"clock backwards", 2, func() error { return c.Deposit("alice", 5) }, "", ledger.ErrInvalidTx},
	}
	for _, tc := range cases {
		clk.t = tc.time
		before := [3]ledger.Amount{balance(t, c, "alice"), balance(t, c, "bob"), balance(t, c, "mallory")}
		fees, err := c.Fees()
		must(t, err)
		err = tc.op()
		var te *TxError
		if !errors.As(err, &te) || !errors.Is(err, tc.sentinel) {
			t.Errorf("%s: got %v, want a *TxError wrapping %v", tc.name, err, tc.sentinel)
			continue
		}
		if len(te.Revert) < len(tc.revert) || te.Revert[:len(tc.revert)] != tc.revert || (tc.revert == "") != (te.Revert == "") {
			t.Errorf("%s: reverted with %q, want %q", tc.name, te.Revert, tc.revert)
		}
		after := [3]ledger.Amount{balance(t, c, "alice"), balance(t, c, "bob"), balance(t, c, "mallory")}
		fees2, err := c.Fees()
		must(t, err)
		if after != before || fees2 != fees {
			t.Errorf("%s: state changed: balances %v → %v, fees %d → %d", tc.name, before, after, fees, fees2)
		}
	}
	// The guarded escrow is still locked; a late refund by the buyer works.
	clk.t = 3
	must(t, c.Refund("alice", 1))
	if got := balance(t, c, "alice"); got != 10_000-800 {
		t.Fatalf("alice after refund: %d, want %d", got, 10_000-800)
	}
	checkConservation(t, c, []string{"alice", "bob", "mallory", "sink"})
}

// TestEscrowInvariants checks pay on confirmed delivery only, refund only
// after the timeout, the fee split and conservation with a 2.5 % fee.
func TestEscrowInvariants(t *testing.T) {
	c, clk := newChain(t, &Config{FeeBps: 250, SlotSeconds: 60})
	accts := []string{"a", "b", "s", "sink"}
	d := ledger.DigestOf([]byte("c"))
	must(t, c.Register("s", []ledger.Amount{100}))
	must(t, c.Deposit("a", 5000))
	must(t, c.Deposit("b", 5000))
	checkConservation(t, c, accts)
	must(t, c.Open("a", "s", 1, 100, 1000, 1, d))
	must(t, c.Open("b", "s", 2, 100, 2000, 1, d))
	must(t, c.Open("b", "s", 3, 100, 400, 4, d))
	checkConservation(t, c, accts)
	if got := balance(t, c, "s"); got != 0 {
		t.Fatalf("seller paid %d before any delivery", got)
	}
	clk.t = 1
	must(t, c.Confirm("a", 1, d)) // on time: seller gets 1000 − 2.5 %
	if got := balance(t, c, "s"); got != 975 {
		t.Fatalf("seller after confirm: %d, want 975", got)
	}
	if err := c.Refund("b", 2); !errors.Is(err, ledger.ErrInvalidTx) {
		t.Fatalf("refund at the deadline: %v", err)
	}
	clk.t = 2
	must(t, c.Refund("b", 2))
	must(t, c.Cancel("s", 3))
	if got := balance(t, c, "b"); got != 5000 {
		t.Fatalf("buyer after refund and cancel: %d, want 5000", got)
	}
	if got := balance(t, c, "s"); got != 975 {
		t.Fatalf("seller paid by a refund or cancel: %d", got)
	}
	tot, err := c.Totals()
	must(t, err)
	if tot.FeePool != 25 || tot.Escrowed != 0 {
		t.Fatalf("totals %+v, want fee pool 25, nothing escrowed", tot)
	}
	checkConservation(t, c, accts)
	if err := c.WithdrawFees(); err != nil {
		t.Fatal(err)
	}
	must(t, c.Withdraw("s", 975))
	checkConservation(t, c, accts)
	if tot, _ := c.Totals(); tot.FeesWithdrawn != 25 || tot.FeePool != 0 {
		t.Fatalf("after fee withdrawal: %+v", tot)
	}
	// Escrow states and the slot.
	for id, want := range map[uint64]ledger.EscrowState{1: ledger.EscrowReleased, 2: ledger.EscrowRefunded, 3: ledger.EscrowRefunded} {
		e, ok, err := c.Escrow(id)
		must(t, err)
		if !ok || e.State != want || e.Seller != "s" || e.Closed <= e.Opened {
			t.Errorf("escrow %d: %+v, want state %v", id, e, want)
		}
	}
	if _, ok, err := c.Escrow(9); ok || err != nil {
		t.Errorf("escrow 9 exists: %v %v", ok, err)
	}
	if c.Slot() != 2 {
		t.Errorf("slot %d, want 2", c.Slot())
	}
}

// TestSlotTime checks that the contract's slot follows the caller's clock.
func TestSlotTime(t *testing.T) {
	c, clk := newChain(t, &Config{SlotSeconds: 10})
	for _, tm := range []int64{0, 0, 1, 5, 5, 5, 6, 40} {
		clk.t = tm
		must(t, c.Deposit("x", 1))
		out, err := c.call(c.ss.PackCurrentSlot())
		must(t, err)
		slot, err := c.ss.UnpackCurrentSlot(out)
		must(t, err)
		if slot != uint64(tm) {
			t.Fatalf("clock %d: contract slot %d", tm, slot)
		}
	}
	// A full slot is a chain error, not a rejection.
	var err error
	for range 10 {
		if err = c.Deposit("x", 1); err != nil {
			break
		}
	}
	if !errors.Is(err, ErrChain) {
		t.Fatalf("overfull slot: %v, want ErrChain", err)
	}
}

// TestReentrancy attacks withdraw from a contract's receive hook: the guard
// makes the nested withdraw revert with ReentrantCall, the outer one pays
// once, and nothing is lost.
func TestReentrancy(t *testing.T) {
	c, _ := newChain(t, nil)
	c.mu.Lock()
	owner := c.account("attacker-owner")
	must(t, c.fund(owner))
	att := contracts.NewReentrancyAttacker()
	code := append(common.FromHex(contracts.ReentrancyAttackerMetaData.Bin), att.PackConstructor(c.addr)...)
	r, err := c.send(owner, nil, nil, code, 2_000_000)
	must(t, err)
	addr := r.ContractAddress
	value := new(big.Int).Mul(big.NewInt(1000), big.NewInt(weiPerGwei))
	_, err = c.send(owner, &addr, value, att.PackFund(), 300_000)
	must(t, err)
	_, err = c.send(owner, &addr, nil, att.PackAttack(big.NewInt(400)), 1_000_000)
	c.mu.Unlock()
	must(t, err)

	call := func(data []byte) []byte {
		out, err := c.client.CallContract(context.Background(), ethereum.CallMsg{To: &addr, Data: data}, nil)
		must(t, err)
		return out
	}
	reentered, err := att.UnpackReentered(call(att.PackReentered()))
	must(t, err)
	ok, err := att.UnpackReentryOK(call(att.PackReentryOK()))
	must(t, err)
	data, err := att.UnpackReentryData(call(att.PackReentryData()))
	must(t, err)
	if !reentered || ok {
		t.Fatalf("re-entry attempted %v, succeeded %v", reentered, ok)
	}
	if want := contracts.SmartSharingReentrantCallErrorID().Bytes()[:4]; !bytes.HasPrefix(data, want) {
		t.Fatalf("nested withdraw reverted with %x, want ReentrantCall %x", data, want)
	}
	out, err := c.call(c.ss.PackBalanceOf(addr))
	must(t, err)
	b, err := c.ss.UnpackBalanceOf(out)
	must(t, err)
	if b.Int64() != 600 {
		t.Fatalf("attacker's balance %v, want 600 (paid once)", b)
	}
	tot, err := c.Totals()
	must(t, err)
	if tot.Withdrawn != 400 || tot.Ether != 600 {
		t.Fatalf("totals %+v, want 400 withdrawn and 600 held", tot)
	}
}

func TestConfigErrors(t *testing.T) {
	h := ledger.Header{Chain: "x", FeeSink: "sink"}
	now := func() int64 { return 0 }
	for _, cfg := range []Config{{SlotSeconds: 1}, {FeeBps: 10_001}, {GasPrice: -1}} {
		if _, err := New(h, now, &cfg); !errors.Is(err, ErrConfig) {
			t.Errorf("%+v: %v, want ErrConfig", cfg, err)
		}
	}
	if _, err := New(ledger.Header{FeeSink: ""}, now, nil); !errors.Is(err, ledger.ErrBadHeader) {
		t.Errorf("empty fee sink: %v", err)
	}
	defer func() {
		if r := recover(); r != "ethsettle: nil clock" {
			t.Errorf("nil clock: recovered %v", r)
		}
	}()
	_, _ = New(h, nil, nil)
}
