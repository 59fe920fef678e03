package kre_test

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/cdnkit/cdnkit/internal/testdata"
	"github.com/cdnkit/cdnkit/kre"
)

var (
	benchX    = []float64{1, 2, 3, 4, 5, 6, 7}
	sink      float64
	sinkS     []float64
	july1to14 = []float64{
		64714, 60265, 89584, 70452, 94575, 100960, 87233,
		38867, 35272, 72860, 80407, 92536, 134203, 84103,
	}
)

// cpuNow returns the process's user + system CPU time. The benchmarks report
// it per operation as cpu-ns/op besides the wall-clock ns/op: on a shared,
// contended machine the wall clock includes time spent descheduled, while
// the CPU time of these single-goroutine loops is what the work costs.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportCPU(b *testing.B, start time.Duration) {
	if b.N > 0 {
		b.ReportMetric(float64(cpuNow()-start)/float64(b.N), "cpu-ns/op")
	}
}

func BenchmarkNadarayaWatson(b *testing.B) {
	b.Run("n=7", func(b *testing.B) {
		b.ReportAllocs()
		start := cpuNow()
		for b.Loop() {
			g, err := kre.NadarayaWatson(benchX, k1, 2, 8)
			if err != nil {
				b.Fatal(err)
			}
			sink = g
		}
		reportCPU(b, start)
	})
}

func BenchmarkLocalLinear(b *testing.B) {
	b.Run("n=7", func(b *testing.B) {
		b.ReportAllocs()
		start := cpuNow()
		for b.Loop() {
			g, err := kre.LocalLinear(benchX, k1, 2, 8)
			if err != nil {
				b.Fatal(err)
			}
			sink = g
		}
		reportCPU(b, start)
	})
}

func BenchmarkCV(b *testing.B) {
	b.Run("n=7", func(b *testing.B) {
		b.ReportAllocs()
		start := cpuNow()
		for b.Loop() {
			v, err := kre.CV(benchX, k1, 2, false)
			if err != nil {
				b.Fatal(err)
			}
			sink = v
		}
		reportCPU(b, start)
	})
}

func BenchmarkCVBandwidth(b *testing.B) {
	b.Run("n=7", func(b *testing.B) {
		b.ReportAllocs()
		start := cpuNow()
		for b.Loop() {
			h, err := kre.CVBandwidth(benchX, k1, 0.8, 5.1, false)
			if err != nil {
				b.Fatal(err)
			}
			sink = h
		}
		reportCPU(b, start)
	})
}

func BenchmarkForecast(b *testing.B) {
	b.Run("defaults", func(b *testing.B) {
		var p kre.Predictor
		b.ReportAllocs()
		start := cpuNow()
		for b.Loop() {
			q, err := p.Forecast(july1to14, 7)
			if err != nil {
				b.Fatal(err)
			}
			sinkS = q
		}
		reportCPU(b, start)
	})
}

// binnedBenchData is the instance of spec kre.md §6.
func binnedBenchData() (x, y, at []float64) {
	r := rand.New(rand.NewPCG(1, 1))
	n, m := 10000, 1000
	x, y = make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = 100 * r.Float64()
		y[i] = math.Sin(x[i]/5) + 0.1*r.NormFloat64()
	}
	at = make([]float64, m)
	for j := range at {
		at[j] = -5 + 110*float64(j)/float64(m-1)
	}
	return x, y, at
}

func BenchmarkBinnedNW(b *testing.B) {
	x, y, at := binnedBenchData()
	vals, bounds := make([]float64, len(at)), make([]float64, len(at))
	for _, h := range []float64{1, 0.05} {
		b.Run("n=1e4/m=1e3/h="+fmtH(h), func(b *testing.B) {
			b.ReportAllocs()
			start := cpuNow()
			for b.Loop() {
				bn, err := kre.NewBinnedNW(x, y, h, nil)
				if err != nil {
					b.Fatal(err)
				}
				bn.Predict(vals, bounds, at)
			}
			reportCPU(b, start)
		})
	}
}

func fmtH(h float64) string {
	if h == 1 {
		return "1"
	}
	return "0.05"
}

func BenchmarkNadarayaWatsonMany(b *testing.B) {
	x, y, at := binnedBenchData()
	dst := make([]float64, len(at))
	b.Run("n=1e4/m=1e3", func(b *testing.B) {
		b.ReportAllocs()
		start := cpuNow()
		for b.Loop() {
			if _, err := kre.NadarayaWatsonMany(dst, x, y, 1, at); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, start)
	})
}

func BenchmarkReadCLF(b *testing.B) {
	p := testdata.Require(b, "web", "nasa_access_log_Aug95_head.log")
	head, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	data := bytes.Repeat(head, (64<<20)/len(head)+1)[:64<<20]
	b.Run("hourly", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		s := &kre.LogSettings{Granularity: kre.Hourly}
		start := cpuNow()
		for b.Loop() {
			c, err := kre.ReadCLF(bytes.NewReader(data), s)
			if err != nil {
				b.Fatal(err)
			}
			sink = float64(c.Parsed)
		}
		reportCPU(b, start)
	})
}
