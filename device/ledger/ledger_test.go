package ledger

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"testing"
)

// L1 (spec smartsharing.md §5, computed with an independent implementation
// of the §2.8 encoding).
var (
	l1Header = Header{Chain: "smartsharing-test", FeeSink: "fees", Fees: FeeModel{PerRecord: 50000}}
	c1       = DigestOf([]byte("video-7/slot-42"))
	c2       = DigestOf([]byte("video-3/slot-43"))
	l1Txs    = []Tx{
		{Kind: Deposit, Time: 0, Payer: "alice", Nonce: 0, Amount: 1_000_000},
		{Kind: Deposit, Time: 0, Payer: "bob", Nonce: 0, Amount: 200_000},
		{Kind: Open, Time: 1, Payer: "alice", Nonce: 1, Counterparty: "bob", Escrow: 1, Amount: 300_000, Deadline: 10, Content: c1},
		{Kind: Confirm, Time: 2, Payer: "alice", Nonce: 2, Escrow: 1, Content: c1},
		{Kind: Open, Time: 3, Payer: "alice", Nonce: 3, Counterparty: "bob", Escrow: 2, Amount: 100_000, Deadline: 5, Content: c2},
		{Kind: Refund, Time: 6, Payer: "alice", Nonce: 4, Escrow: 2},
	}
)

func hexDigest(t testing.TB, s string) Digest {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != 32 {
		t.Fatalf("bad hex %q", s)
	}
	return Digest(b)
}

func buildL1(t testing.TB, n int) *Ledger {
	t.Helper()
	l, err := New(l1Header)
	if err != nil {
		t.Fatal(err)
	}
	for i, tx := range l1Txs[:n] {
		if _, err := l.Append(tx); err != nil {
			t.Fatalf("tx %d: %v", i+1, err)
		}
	}
	return l
}

func l1Stream(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := buildL1(t, 6).WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestL1(t *testing.T) {
	if n := len(appendHeader(nil, l1Header)); n != 47 {
		t.Errorf("header is %d bytes, want 47", n)
	}
	l := buildL1(t, 6)
	if got := l.Genesis(); got != hexDigest(t, "ff6a513c4da26df48ca10f77bde1f7aa1841dafcf290c2256160343f4d27a68a") {
		t.Errorf("genesis %v", got)
	}
	if got := c1.String(); got[:8] != "f7ecc34d" || got[56:] != "322a6211" {
		t.Errorf("c1 = %v", got)
	}
	wantLen := []int{132, 130, 135, 132, 135, 132}
	for i := range 6 {
		r := l.Record(i)
		if n := len(r.AppendCanonical(nil)); n != wantLen[i] {
			t.Errorf("record %d is %d bytes, want %d", i, n, wantLen[i])
		}
		if r.ComputeHash() != r.Hash {
			t.Errorf("record %d: ComputeHash differs from Hash", i)
		}
	}
	if got := l.Record(0).Hash; got != hexDigest(t, "292840a537e90d00507380729c1bb5b736395804a26894f73b555299a64c44f3") {
		t.Errorf("Hash_0 = %v", got)
	}
	if got := l.Record(2).Hash; got != hexDigest(t, "a7ba3800b46a8c061cfd3b76b41a7eba32ab0c26333e4cb568b54040c383fc48") {
		t.Errorf("Hash_2 = %v", got)
	}
	if got := l.Head(); got != hexDigest(t, "0ad192a84c409206da92dc7b743058de914a3f4885745ef96d9db97840e15a0a") {
		t.Errorf("head = %v", got)
	}
	s := l1Stream(t)
	if len(s) != 1035 {
		t.Errorf("stream is %d bytes, want 1035", len(s))
	}
	if got := Digest(sha256.Sum256(s)); got != hexDigest(t, "c7945459620dabc6580b3eacfe6deeef4ea5748671ff99e9bbf9aebef7538d42") {
		t.Errorf("stream SHA-256 = %v", got)
	}
	for acct, want := range map[string]Amount{"alice": 450_000, "bob": 450_000, "fees": 300_000} {
		if got := l.Balance(acct); got != want {
			t.Errorf("balance %s = %d, want %d", acct, got, want)
		}
	}
	tot := l.Totals()
	if tot.Deposited != 1_200_000 || tot.Balances != 1_200_000 || tot.Fees != 300_000 || tot.Locked != 0 || tot.Records != 6 || tot.Accounts != 3 {
		t.Errorf("totals %+v", tot)
	}
	if e, ok := l.Escrow(1); !ok || e.State != EscrowReleased || e.Opened != 2 || e.Closed != 3 {
		t.Errorf("escrow 1 = %+v", e)
	}
	if e, ok := l.Escrow(2); !ok || e.State != EscrowRefunded || e.Closed != 5 {
		t.Errorf("escrow 2 = %+v", e)
	}
	// Read round trip with the trusted head.
	head := l.Head()
	r, err := Read(bytes.NewReader(s), &head)
	if err != nil {
		t.Fatal(err)
	}
	if r.Head() != head || r.Totals() != l.Totals() {
		t.Errorf("Read state differs")
	}
}

func wantErr(t *testing.T, name string, err, want error) {
	t.Helper()
	var te *TxError
	if !errors.Is(err, want) || !errors.As(err, &te) {
		t.Errorf("%s: err = %v, want *TxError wrapping %v", name, err, want)
	}
}

func TestL2(t *testing.T) {
	l := buildL1(t, 6)
	head := l.Head()
	with := func(i int, f func(*Tx)) Tx {
		tx := l1Txs[i]
		f(&tx)
		return tx
	}
	cases := []struct {
		name string
		tx   Tx
		want error
	}{
		{"tx 4 again", l1Txs[3], ErrReplay},
		{"tx 4 nonce 5 time 7", with(3, func(x *Tx) { x.Nonce, x.Time = 5, 7 }), ErrReplay},
		{"tx 3 nonce 5 time 7 deadline 20", with(2, func(x *Tx) { x.Nonce, x.Time, x.Deadline = 5, 7, 20 }), ErrReplay},
		{"refund 2 at 7", with(5, func(x *Tx) { x.Nonce, x.Time = 5, 7 }), ErrReplay},
		{"refund 2 at 4", with(5, func(x *Tx) { x.Nonce, x.Time = 5, 4 }), ErrInvalidTx},
		{"bob overdraft", Tx{Kind: Withdraw, Time: 7, Payer: "bob", Nonce: 1, Amount: 400_001}, ErrOverdraft},
		{"unknown escrow", Tx{Kind: Confirm, Time: 7, Payer: "alice", Nonce: 5, Escrow: 9, Content: c1}, ErrInvalidTx},
		{"nonce gap", Tx{Kind: Deposit, Time: 7, Payer: "alice", Nonce: 6, Amount: 1}, ErrInvalidTx},
		{"bad kind", Tx{Kind: 9, Time: 7, Payer: "alice", Nonce: 5}, ErrInvalidTx},
		{"bad id", Tx{Kind: Deposit, Time: 7, Payer: "al ice", Amount: 1}, ErrInvalidTx},
		{"zero deposit", Tx{Kind: Deposit, Time: 7, Payer: "alice", Nonce: 5}, ErrInvalidTx},
		{"deposit with escrow", Tx{Kind: Deposit, Time: 7, Payer: "alice", Nonce: 5, Amount: 1, Escrow: 3}, ErrInvalidTx},
		{"open to self", Tx{Kind: Open, Time: 7, Payer: "alice", Nonce: 5, Counterparty: "alice", Escrow: 3, Deadline: 9}, ErrInvalidTx},
		{"open past deadline", Tx{Kind: Open, Time: 7, Payer: "alice", Nonce: 5, Counterparty: "bob", Escrow: 3, Deadline: 6}, ErrInvalidTx},
		{"open negative", Tx{Kind: Open, Time: 7, Payer: "alice", Nonce: 5, Counterparty: "bob", Escrow: 3, Deadline: 9, Amount: -1}, ErrInvalidTx},
		{"open overdraft", Tx{Kind: Open, Time: 7, Payer: "alice", Nonce: 5, Counterparty: "bob", Escrow: 3, Deadline: 9, Amount: 400_001}, ErrOverdraft},
		{"overflow", Tx{Kind: Deposit, Time: 7, Payer: "carol", Amount: MaxSupply}, ErrOverflow},
	}
	for _, c := range cases {
		_, err := l.Check(c.tx)
		wantErr(t, c.name, err, c.want)
		_, err = l.Append(c.tx)
		wantErr(t, c.name+" (Append)", err, c.want)
		if l.Head() != head || l.Len() != 6 {
			t.Fatalf("%s: a rejected transaction changed the ledger", c.name)
		}
	}
	rec, err := l.Check(Tx{Kind: Withdraw, Time: 7, Payer: "bob", Nonce: 1, Amount: 400_000})
	if err != nil {
		t.Fatal(err)
	}
	got, err := l.Append(Tx{Kind: Withdraw, Time: 7, Payer: "bob", Nonce: 1, Amount: 400_000})
	if err != nil || got != rec {
		t.Fatalf("Append %v, %v; Check predicted %v", got, err, rec)
	}
	if l.Balance("bob") != 0 {
		t.Errorf("bob = %d after withdrawing all", l.Balance("bob"))
	}
	// On L1's first 5 records, a refund at the deadline is too early.
	l5 := buildL1(t, 5)
	_, err = l5.Check(Tx{Kind: Refund, Time: 5, Payer: "alice", Nonce: 4, Escrow: 2})
	wantErr(t, "refund at deadline", err, ErrInvalidTx)
	// Only the right parties may settle.
	_, err = l5.Check(Tx{Kind: Cancel, Time: 5, Payer: "alice", Nonce: 4, Escrow: 2})
	wantErr(t, "cancel by buyer", err, ErrInvalidTx)
	_, err = l5.Check(Tx{Kind: Confirm, Time: 5, Payer: "alice", Nonce: 4, Escrow: 2, Content: c1})
	wantErr(t, "confirm wrong content", err, ErrInvalidTx)
	_, err = l5.Check(Tx{Kind: Confirm, Time: 6, Payer: "alice", Nonce: 4, Escrow: 2, Content: c2})
	wantErr(t, "confirm after deadline", err, ErrInvalidTx)
	if _, err := l5.Append(Tx{Kind: Cancel, Time: 5, Payer: "bob", Nonce: 1, Escrow: 2}); err != nil {
		t.Errorf("cancel by seller: %v", err)
	}
	if l5.Balance("alice") != 500_000 {
		t.Errorf("alice after cancel = %d", l5.Balance("alice"))
	}
}

func TestNewAndPanics(t *testing.T) {
	for _, h := range []Header{
		{Chain: "", FeeSink: "f"}, {Chain: "c", FeeSink: "a b"}, {Chain: "c", FeeSink: "f", Fees: FeeModel{PerRecord: -1}},
		{Chain: string(make([]byte, 65)), FeeSink: "f"}, {Chain: "ç", FeeSink: "f"},
	} {
		if _, err := New(h); !errors.Is(err, ErrBadHeader) {
			t.Errorf("New(%+v) = %v, want ErrBadHeader", h, err)
		}
	}
	l := buildL1(t, 1)
	for _, f := range []struct {
		want string
		f    func()
	}{
		{"ledger: record out of range", func() { l.Record(1) }},
		{"ledger: nil ledger", func() { NewSettler(nil, func() int64 { return 0 }) }},
		{"ledger: nil clock", func() { NewSettler(l, nil) }},
	} {
		func() {
			defer func() {
				if r := recover(); r != f.want {
					t.Errorf("panic %v, want %q", r, f.want)
				}
			}()
			f.f()
		}()
	}
	if got := (FeeModel{PerRecord: 1, PerByte: 1 << 62}).Fee(5, 5); got != 1<<63-1 {
		t.Errorf("saturated fee = %d", got)
	}
	if got := (FeeModel{PerRecord: 7, PerByte: 1}).Fee(5, 3); got != 7+135 {
		t.Errorf("fee = %d, want 142", got)
	}
	if Open.String() != "Open" || Kind(0).String() != "Kind(0)" || EscrowLocked.String() != "Locked" {
		t.Error("String methods")
	}
}
