package device

import (
	"bytes"
	"context"
	"math/rand/v2"
	"testing"
)

// BenchmarkSimulateOTT measures the simulator on the spec §6 instances, and the naive holder
// scan (test-only reference, O(G·B) per request) on the paper's largest group for the ratio.
func BenchmarkSimulateOTT(b *testing.B) {
	ctx := context.Background()
	for _, c := range []struct {
		name string
		cfg  OTTConfig
	}{
		{"otts=10000/group=20/day", OTTConfig{OTTs: 10000, GroupSize: 20, Slots: 17280, Workers: 2}},
		{"otts=30/group=30/hour", OTTConfig{OTTs: 30, GroupSize: 30, Slots: 724, Workers: 1}},
	} {
		b.Run(c.name, func(b *testing.B) {
			if testing.Short() && c.cfg.OTTs > 1000 {
				b.Skip("day-long run of 10⁴ OTTs")
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := SimulateOTT(ctx, c.cfg, rand.NewPCG(1, 1)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(c.cfg.OTTs)*float64(c.cfg.Slots)*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mdraws/s")
		})
	}
	b.Run("otts=30/group=30/hour/naive", func(b *testing.B) {
		run, err := SimulateOTT(ctx, OTTConfig{OTTs: 30, Slots: 724, Record: -1}, rand.NewPCG(1, 1))
		if err != nil {
			b.Fatal(err)
		}
		req := ottAllRequests(run)
		b.ReportAllocs()
		for b.Loop() {
			ottNaiveRun(req, 30, 4, 4)
		}
	})
	b.Run("otts=30/group=30/hour/replay", func(b *testing.B) {
		run, err := SimulateOTT(ctx, OTTConfig{OTTs: 30, Slots: 724, Record: -1}, rand.NewPCG(1, 1))
		if err != nil {
			b.Fatal(err)
		}
		req := ottAllRequests(run)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := NewOTTRun(req, OTTConfig{Workers: 1}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSupplyDemand measures triplet extraction for 10⁴ OTTs in groups of 20.
func BenchmarkSupplyDemand(b *testing.B) {
	run, err := SimulateOTT(context.Background(), OTTConfig{OTTs: 10000, GroupSize: 20, Slots: 724}, rand.NewPCG(1, 1))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("otts=10000/group=20", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			run.SupplyDemand(YShare)
		}
	})
}

// BenchmarkFetchTable measures a 32-slot fetch table of a group of 10.
func BenchmarkFetchTable(b *testing.B) {
	run, err := SimulateOTT(context.Background(), OTTConfig{OTTs: 10, Slots: 724}, rand.NewPCG(1, 1))
	if err != nil {
		b.Fatal(err)
	}
	d := []float64{1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1}
	src := rand.NewPCG(1, 1)
	b.Run("group=10/window=32", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := run.FetchTable(0, d, 724-32, 724, src); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkParseViewerCSV measures the loader on 10⁵ generated 28-column rows.
func BenchmarkParseViewerCSV(b *testing.B) {
	data := []byte(viewerGenerate(100000, 500, 1))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseViewerCSV(bytes.NewReader(data), nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(1e5*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
