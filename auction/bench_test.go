package auction

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
)

// unitInput returns n/2 bids and n/2 asks drawn U(0, 1) from rand.NewPCG(1, 1).
func unitInput(n int) (bids, asks []float64) {
	rng := rand.New(rand.NewPCG(1, 1))
	bids, asks = make([]float64, n/2), make([]float64, n-n/2)
	for i := range bids {
		bids[i] = rng.Float64()
	}
	for i := range asks {
		asks[i] = rng.Float64()
	}
	return bids, asks
}

func benchUnit(b *testing.B, run func(bids, asks []float64) Outcome) {
	for _, n := range []int{1000, 1000000} {
		bids, asks := unitInput(n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			m, n := startCPU(), 0
			for b.Loop() {
				run(bids, asks)
				n++
			}
			m.report(b, n)
		})
	}
}

func BenchmarkKDouble(b *testing.B) {
	benchUnit(b, func(x, y []float64) Outcome { return KDouble(x, y, 0.5) })
}
func BenchmarkMcAfee(b *testing.B)         { benchUnit(b, McAfee) }
func BenchmarkTradeReduction(b *testing.B) { benchUnit(b, TradeReduction) }
func BenchmarkSBBA(b *testing.B) {
	src := rand.NewPCG(1, 2)
	benchUnit(b, func(x, y []float64) Outcome { return SBBA(x, y, true, src) })
}
func BenchmarkWalrasian(b *testing.B) {
	benchUnit(b, func(x, y []float64) Outcome {
		k, lo, hi := Walrasian(x, y)
		return Outcome{K: k, Lower: lo, Upper: hi}
	})
}

// BenchmarkUnit runs every mechanism on 8 bids and 8 asks.
func BenchmarkUnit(b *testing.B) {
	bids, asks := unitInput(16)
	src := rand.NewPCG(1, 2)
	for _, m := range []mech{
		{"KDouble", func(x, y []float64) Outcome { return KDouble(x, y, 0.5) }},
		{"McAfee", McAfee},
		{"TradeReduction", TradeReduction},
		{"SBBA", func(x, y []float64) Outcome { return SBBA(x, y, true, src) }},
	} {
		b.Run("n=16/"+m.name, func(b *testing.B) {
			b.ReportAllocs()
			cm, n := startCPU(), 0
			for b.Loop() {
				m.run(bids, asks)
				n++
			}
			cm.report(b, n)
		})
	}
}

// callInput returns n/2 buys and n/2 sells with prices U(0.010, 0.040) $/GB and quantities
// U(1, 100) GB from rand.NewPCG(1, 1).
func callInput(n int) (buys, sells []Order) {
	rng := rand.New(rand.NewPCG(1, 1))
	gen := func(m int) []Order {
		o := make([]Order, m)
		for i := range o {
			o[i] = Order{ID: i, Price: 0.010 + 0.030*rng.Float64(), Quantity: 1 + 99*rng.Float64()}
		}
		return o
	}
	return gen(n / 2), gen(n - n/2)
}

func BenchmarkCallAuction(b *testing.B) {
	for _, n := range []int{1000, 1000000} {
		buys, sells := callInput(n)
		for _, r := range []RationRule{ProRata, TimePriority} {
			name := fmt.Sprintf("n=%d", n)
			if r == TimePriority {
				name += "/time"
			}
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				s := &CallSettings{Ration: r}
				m, n := startCPU(), 0
				for b.Loop() {
					if _, err := CallAuction(buys, sells, s); err != nil {
						b.Fatal(err)
					}
					n++
				}
				m.report(b, n)
			})
		}
	}
}

type bookOp struct {
	cancel bool
	side   Side
	o      Order
}

// bookWorkload returns the spec's order-book workload: n operations, the mid price a ±1
// random walk from 1,000 ticks; 20 % cancels of a random resting ID, 20 % marketable limit
// orders 0–4 ticks through the mid, 60 % resting limit orders 1–50 ticks away; quantities
// 1–10.
func bookWorkload(n int) []bookOp {
	rng := rand.New(rand.NewPCG(1, 1))
	sim := NewBook()
	ops := make([]bookOp, 0, n)
	var resting []int
	mid, id := 1000, 0
	for len(ops) < n {
		mid += 2*rng.IntN(2) - 1
		mid = max(mid, 60)
		u := rng.IntN(100)
		if u < 20 {
			for len(resting) > 0 {
				j := rng.IntN(len(resting))
				rid := resting[j]
				resting[j] = resting[len(resting)-1]
				resting = resting[:len(resting)-1]
				if _, _, ok := sim.Resting(rid); ok {
					sim.Cancel(rid)
					ops = append(ops, bookOp{cancel: true, o: Order{ID: rid}})
					break
				}
			}
			continue
		}
		id++
		side := Side(rng.IntN(2))
		var ticks int
		if u < 40 {
			ticks = -rng.IntN(5) // through the mid
		} else {
			ticks = 1 + rng.IntN(50)
		}
		price := mid - ticks
		if side == Sell {
			price = mid + ticks
		}
		o := Order{ID: id, Price: float64(price), Quantity: float64(1 + rng.IntN(10))}
		if _, rested, err := sim.Submit(nil, side, o); err != nil {
			panic(err)
		} else if rested > 0 {
			resting = append(resting, id)
		}
		ops = append(ops, bookOp{side: side, o: o})
	}
	return ops
}

func BenchmarkBook(b *testing.B) {
	ops := bookWorkload(2000000)
	b.Run("mix", func(b *testing.B) {
		bk := NewBook()
		dst := make([]Fill, 0, 64)
		i := 0
		b.ReportAllocs()
		var ms0, ms1 runtime.MemStats
		runtime.ReadMemStats(&ms0)
		m, n := startCPU(), 0
		for b.Loop() {
			n++
			op := &ops[i]
			if op.cancel {
				bk.Cancel(op.o.ID)
			} else {
				var err error
				if dst, _, err = bk.Submit(dst[:0], op.side, op.o); err != nil {
					b.Fatal(err)
				}
			}
			if i++; i == len(ops) {
				i = 0
				bk.Reset()
			}
		}
		m.report(b, n)
		runtime.ReadMemStats(&ms1)
		b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/float64(n)*1000, "allocs/kop")
	})
}
