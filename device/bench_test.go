package device

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
)

// BenchmarkSimulatePaper: the paper's experiment, 50 users (25 video), 500 s, 2 s segments;
// target ≤ 200 ms per run.
func BenchmarkSimulatePaper(b *testing.B) {
	pool := SyntheticPool(200, rand.NewPCG(1, 2))
	for _, coop := range []Cooperation{CoopFull, CoopISFLike} {
		sc, err := NewPaperScenario(PaperConfig{Users: 50, VideoShare: 0.5, Traces: pool, Coop: coop}, rand.NewPCG(1, 2))
		if err != nil {
			b.Fatal(err)
		}
		for _, pol := range []struct {
			name string
			mk   func() Policy
		}{
			{"bba", func() Policy { return &BufferBased{Owner: DefaultOwnerRule()} }},
			{"harmonic", func() Policy { return &ChannelPrediction{Owner: DefaultOwnerRule()} }},
		} {
			b.Run(fmt.Sprintf("n=50/coop=%v/%s", coop, pol.name), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := Simulate(context.Background(), sc, pol.mk(), nil); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkSimulateManySingle: 1000 single-user 500 s runs on GOMAXPROCS workers, seeds
// PCG(seed, run); target ≤ 5 s in total on 2 cores.
func BenchmarkSimulateManySingle(b *testing.B) {
	pool := SyntheticPool(200, rand.NewPCG(1, 2))
	var jobs []Job
	for run := range 1000 {
		r := rand.New(rand.NewPCG(1, uint64(run)))
		tr := pool[r.IntN(len(pool))]
		sc, err := NewSingleUserScenario(tr, r.Float64()*tr.Period, SingleConfig{})
		if err != nil {
			b.Fatal(err)
		}
		mk := func() Policy { return &BufferBased{Owner: DefaultOwnerRule()} }
		if run%2 == 1 {
			mk = func() Policy { return &ChannelPrediction{Owner: DefaultOwnerRule()} }
		}
		jobs = append(jobs, Job{Scenario: sc, NewPolicy: mk})
	}
	b.Run(fmt.Sprintf("n=1000/procs=%d", runtime.GOMAXPROCS(0)), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := SimulateMany(context.Background(), jobs, 0); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkTimeToDownload on a Norway-like trace of 300 pieces; target ≤ 100 ns.
func BenchmarkTimeToDownload(b *testing.B) {
	tr, err := LogNormalTrace(1.1, 0.6, 1, 300, rand.NewPCG(1, 2))
	if err != nil {
		b.Fatal(err)
	}
	tr = tr.Shifted(17.3)
	r := rand.New(rand.NewPCG(3, 4))
	ts := make([]float64, 1024)
	ms := make([]float64, 1024)
	for k := range ts {
		ts[k] = r.Float64() * 1000
		ms[k] = r.Float64() * 10
	}
	b.Run("n=300", func(b *testing.B) {
		b.ReportAllocs()
		k := 0
		var sink float64
		for b.Loop() {
			sink += tr.TimeToDownload(ts[k&1023], ms[k&1023])
			k++
		}
		_ = sink
	})
}

// BenchmarkParseTrace2Col on 300 lines; target ≤ 50 µs.
func BenchmarkParseTrace2Col(b *testing.B) {
	tr, err := LogNormalTrace(1.1, 0.6, 1, 299, rand.NewPCG(1, 2))
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteTrace2Col(&buf, tr); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.Run("n=300", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ParseTrace2Col(bytes.NewReader(data), "bench"); err != nil {
				b.Fatal(err)
			}
		}
	})
}
