package market_test

import (
	"context"
	"testing"
	"time"

	"github.com/cdnkit/cdnkit/auction"
	"github.com/cdnkit/cdnkit/market"
)

// cpuMeter reports CPU time per operation as "cpu-ns/op" (wall-clock ns/op
// is inflated on a shared machine; with 2 workers CPU time is up to twice
// the wall time).
type cpuMeter struct{ start time.Duration }

func startCPU() cpuMeter { return cpuMeter{cpuTime()} }

func (m cpuMeter) report(b *testing.B, n int) {
	if n > 0 {
		b.ReportMetric(float64(cpuTime()-m.start)/float64(n), "cpu-ns/op")
	}
}

// paperYearConfig is the benchmark instance: six synthetic OSs scaled to
// PaperServers, 28 history days, 364 simulated days, the default
// kre.Predictor (Config.Forecaster nil), weekly forecasts.
func paperYearConfig(b *testing.B) *market.Config {
	b.Helper()
	srv, err := market.PaperDemand(nil, nil, 28, 364, 1)
	if err != nil {
		b.Fatal(err)
	}
	return &market.Config{Servers: srv}
}

func BenchmarkPaperYear(b *testing.B) {
	cfg := paperYearConfig(b)
	scs := market.PaperScenarios()
	b.Run("n=6/days=364/scenarios=12", func(b *testing.B) {
		b.ReportAllocs()
		m, n := startCPU(), 0
		for b.Loop() {
			s, err := market.New(cfg)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s.RunAll(context.Background(), scs, 2); err != nil {
				b.Fatal(err)
			}
			n++
		}
		m.report(b, n)
	})
}

func BenchmarkRunAll(b *testing.B) {
	s, err := market.New(paperYearConfig(b))
	if err != nil {
		b.Fatal(err)
	}
	scs := market.PaperScenarios()
	b.Run("n=6/days=364/scenarios=12", func(b *testing.B) {
		b.ReportAllocs()
		m, n := startCPU(), 0
		for b.Loop() {
			if _, err := s.RunAll(context.Background(), scs, 2); err != nil {
				b.Fatal(err)
			}
			n++
		}
		m.report(b, n)
	})
}

func BenchmarkNew(b *testing.B) {
	cfg := paperYearConfig(b)
	b.Run("kre", func(b *testing.B) {
		b.ReportAllocs()
		m, n := startCPU(), 0
		for b.Loop() {
			if _, err := market.New(cfg); err != nil {
				b.Fatal(err)
			}
			n++
		}
		m.report(b, n)
	})
}

func BenchmarkRun(b *testing.B) {
	s, err := market.New(paperYearConfig(b))
	if err != nil {
		b.Fatal(err)
	}
	for _, id := range []int{10, 1, 4, 5, 8} {
		sc, err := market.PaperScenario(id)
		if err != nil {
			b.Fatal(err)
		}
		b.Run("scenario="+itoa(id), func(b *testing.B) {
			b.ReportAllocs()
			m, n := startCPU(), 0
			for b.Loop() {
				if _, err := s.Run(context.Background(), sc); err != nil {
					b.Fatal(err)
				}
				n++
			}
			m.report(b, n)
		})
	}
}

// BenchmarkClearing is one day's stock and SO clearing with 12 orders
// (3 buys and 3 sells per good), through the auction package with the
// settings market uses.
func BenchmarkClearing(b *testing.B) {
	set := &auction.CallSettings{Ration: auction.TimePriority}
	sb := []auction.Order{{ID: 0, Price: 0.036, Quantity: 4e9}, {ID: 2, Price: 0.030, Quantity: 9e9}, {ID: 4, Price: 0.042, Quantity: 1e8}}
	ss := []auction.Order{{ID: 1, Price: 0.029, Quantity: 3e9}, {ID: 3, Price: 0.0249, Quantity: 5e9}, {ID: 5, Price: 0.015, Quantity: 2e11}}
	ob := []auction.Order{{ID: 0, Price: 0.036, Quantity: 2e9}, {ID: 2, Price: 0.030, Quantity: 1e9}, {ID: 4, Price: 0.042, Quantity: 5e8}}
	os := []auction.Order{{ID: 0, Price: 0.0282, Quantity: 1e9}, {ID: 1, Price: 0.0231, Quantity: 7e8}, {ID: 2, Price: 0.0141, Quantity: 3e10}}
	b.Run("orders=12", func(b *testing.B) {
		b.ReportAllocs()
		m, n := startCPU(), 0
		for b.Loop() {
			if _, err := auction.CallAuction(sb, ss, set); err != nil {
				b.Fatal(err)
			}
			if _, err := auction.CallAuction(ob, os, set); err != nil {
				b.Fatal(err)
			}
			n++
		}
		m.report(b, n)
	})
}

func itoa(k int) string {
	if k < 10 {
		return string(rune('0' + k))
	}
	return itoa(k/10) + string(rune('0'+k%10))
}
