package ledger

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchTxs returns n transactions on 1000 accounts: one deposit per account,
// then Open+Confirm pairs between random accounts (rand.NewPCG(1, 1)).
func benchTxs(n int) []Tx {
	r := rand.New(rand.NewPCG(1, 1))
	const accounts = 1000
	ids := make([]string, accounts)
	nonce := make([]uint64, accounts)
	txs := make([]Tx, 0, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("ott-%04d", i)
		txs = append(txs, Tx{Kind: Deposit, Payer: ids[i], Amount: 1 << 50})
		nonce[i]++
	}
	esc := uint64(0)
	for len(txs)+2 <= n {
		b, s := r.IntN(accounts), r.IntN(accounts-1)
		if s >= b {
			s++
		}
		esc++
		c := Digest{byte(esc), byte(esc >> 8), byte(esc >> 16)}
		t := int64(len(txs))
		txs = append(txs,
			Tx{Kind: Open, Time: t, Payer: ids[b], Nonce: nonce[b], Counterparty: ids[s], Escrow: esc, Amount: Amount(1 + r.IntN(1000)), Deadline: t + 10, Content: c},
			Tx{Kind: Confirm, Time: t, Payer: ids[b], Nonce: nonce[b] + 1, Escrow: esc, Content: c})
		nonce[b] += 2
	}
	return txs
}

var benchHeader = Header{Chain: "bench", FeeSink: "fees", Fees: DefaultFeeModel()}

func BenchmarkAppend(b *testing.B) {
	txs := benchTxs(100_000)
	b.Run("accounts=1000/records=100000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			l, err := New(benchHeader)
			if err != nil {
				b.Fatal(err)
			}
			for _, tx := range txs {
				if _, err := l.Append(tx); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.N*len(txs))/b.Elapsed().Seconds(), "records/s")
	})
}

func BenchmarkRead(b *testing.B) {
	txs := benchTxs(1_000_000)
	l, err := New(benchHeader)
	if err != nil {
		b.Fatal(err)
	}
	for _, tx := range txs {
		if _, err := l.Append(tx); err != nil {
			b.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := l.WriteTo(&buf); err != nil {
		b.Fatal(err)
	}
	stream := buf.Bytes()
	head := l.Head()
	b.Run("records=1000000", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(stream)))
		for b.Loop() {
			if _, err := Read(bytes.NewReader(stream), &head); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N*len(txs))/b.Elapsed().Seconds(), "records/s")
	})
}
