package ethsettle

import (
	"fmt"
	"testing"

	"github.com/cdnkit/cdnkit/device/ledger"
)

// BenchmarkTrade measures one trade (Open then Confirm: two transactions,
// two sealed blocks) on the in-process chain, with n OTTs trading round
// robin; it reports gas per trade.
func BenchmarkTrade(b *testing.B) {
	for _, n := range []int{2, 16} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			c, clk := newChain(b, nil)
			names := make([]string, n)
			for i := range names {
				names[i] = fmt.Sprintf("ott-%d", i)
				must(b, c.Register(names[i], []ledger.Amount{100}))
				must(b, c.Deposit(names[i], 1<<40))
			}
			d := ledger.DigestOf([]byte("v"))
			var id uint64
			b.ReportAllocs()
			for b.Loop() {
				id++
				buyer, seller := names[id%uint64(n)], names[(id+1)%uint64(n)]
				clk.t = int64(id / 1000) // keeps every slot below its block capacity
				must(b, c.Open(buyer, seller, id, 100, 100, clk.t+1, d))
				must(b, c.Confirm(buyer, id, d))
			}
			g := c.Gas()
			b.ReportMetric(float64(g[OpOpen].Gas+g[OpConfirm].Gas)/float64(g[OpOpen].Count), "gas/trade")
		})
	}
}
