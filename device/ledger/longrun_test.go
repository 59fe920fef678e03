package ledger

import (
	"math/rand/v2"
	"testing"
)

// TestLongRandomRun drives 20 000 random transactions (4 accounts,
// PerRecord 7, PerByte 1, rand.NewPCG(20, 26)) through a Ledger and the
// model, checking outcomes and exact conservation at every step.
func TestLongRandomRun(t *testing.T) {
	steps := 20_000
	if testing.Short() {
		steps = 2_000
	}
	r := rand.New(rand.NewPCG(20, 26))
	h := Header{Chain: "long-run", FeeSink: "sink", Fees: FeeModel{PerRecord: 7, PerByte: 1}}
	l, err := New(h)
	if err != nil {
		t.Fatal(err)
	}
	m := newModel(h)
	accts := []string{"alice", "bob", "carol", "dave"}
	var now int64
	var accepted []Tx
	counts := map[error]int{}
	for step := range steps {
		a := accts[r.IntN(len(accts))]
		tx := Tx{Time: now, Payer: a, Nonce: l.NextNonce(a)}
		switch op := r.IntN(10); op {
		case 0, 1:
			tx.Kind, tx.Amount = Deposit, Amount(r.IntN(3000))
		case 2:
			tx.Kind, tx.Amount = Withdraw, Amount(r.IntN(2000))
		case 3, 4:
			tx.Kind, tx.Counterparty = Open, accts[r.IntN(len(accts))]
			tx.Escrow, tx.Amount = uint64(1+r.IntN(2000)), Amount(r.IntN(1500)-1)
			tx.Deadline, tx.Content = now+int64(r.IntN(6)-1), DigestOf([]byte{byte(r.IntN(2))})
		case 5, 6, 7:
			tx.Kind = []Kind{Confirm, Cancel, Refund}[op-5]
			tx.Escrow = uint64(1 + r.IntN(2000))
			if e, ok := l.Escrow(tx.Escrow); ok && r.IntN(4) > 0 {
				tx.Payer = e.Buyer
				if tx.Kind == Cancel {
					tx.Payer = e.Seller
				}
				tx.Nonce = l.NextNonce(tx.Payer)
			}
			if tx.Kind == Confirm {
				tx.Content = DigestOf([]byte{byte(r.IntN(2))})
			}
		case 8:
			now += int64(r.IntN(3))
			continue
		case 9:
			if len(accepted) == 0 {
				continue
			}
			tx = accepted[r.IntN(len(accepted))]
			if r.IntN(2) == 0 {
				tx.Nonce = l.NextNonce(tx.Payer) + uint64(r.IntN(2)) // fresh, or a gap
				tx.Time = now
			}
		}
		want := m.apply(tx)
		_, err := l.Append(tx)
		if sentinel(err) != want {
			t.Fatalf("step %d: tx %+v: ledger %v, model %v", step, tx, err, want)
		}
		if err == nil {
			accepted = append(accepted, tx)
		}
		counts[want]++
		tot := l.Totals()
		if tot.Balances+tot.Escrowed != tot.Deposited-tot.Withdrawn || tot.Fees != m.fees {
			t.Fatalf("step %d: conservation fails: %+v", step, tot)
		}
	}
	for _, a := range append(accts, "sink") {
		if l.Balance(a) != m.bal[a] || l.Balance(a) < 0 {
			t.Fatalf("%s: %d, model %d", a, l.Balance(a), m.bal[a])
		}
	}
	if counts[nil] == 0 || counts[ErrReplay] == 0 || counts[ErrOverdraft] == 0 || counts[ErrInvalidTx] == 0 {
		t.Errorf("run did not exercise every outcome: %v", counts)
	}
	t.Logf("%d steps: accepted %d, invalid %d, overdraft %d, replay %d", steps, counts[nil], counts[ErrInvalidTx], counts[ErrOverdraft], counts[ErrReplay])
}
