package timeslot

import (
	"bufio"
	"context"
	"flag"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/timeslot/lp"
)

var paperBench = flag.Bool("timeslot.paper", false, "run the paper-scale benchmarks (also CDNKIT_PAPER_BENCH=1)")

func paperEnabled() bool { return *paperBench || os.Getenv("CDNKIT_PAPER_BENCH") == "1" }

// singleScenario is the benchmark instance of spec timeslot.md §6: one user on LogNormalTrace(1.5, 0.5, 1, 600,
// PCG(1,1)), DefaultLadder, K = 250, L = 2, B = 40 (T = 500, about 3 500 columns).
func singleScenario(b testing.TB) *device.Scenario {
	b.Helper()
	tr, err := device.LogNormalTrace(1.5, 0.5, 1, 600, rand.NewPCG(1, 1))
	if err != nil {
		b.Fatal(err)
	}
	sc, err := device.NewSingleUserScenario(tr, 0, device.SingleConfig{Segments: 250, SegLen: 2, MaxBuffer: 40})
	if err != nil {
		b.Fatal(err)
	}
	return sc
}

func paperScenario(b testing.TB) *device.Scenario {
	b.Helper()
	sc, err := device.NewPaperScenario(device.PaperConfig{Traces: device.SyntheticPool(200, rand.NewPCG(1, 2))},
		rand.NewPCG(1, 2))
	if err != nil {
		b.Fatal(err)
	}
	return sc
}

// vmHWM returns the peak resident set size in bytes from /proc/self/status (0 if unavailable).
func vmHWM() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			fs := strings.Fields(rest)
			if len(fs) > 0 {
				kb, err := strconv.ParseFloat(fs[0], 64)
				if err == nil {
					return kb * 1024
				}
			}
		}
	}
	return 0
}

func BenchmarkSolveSingle(b *testing.B) {
	b.Run("T=500", func(b *testing.B) {
		ms, err := Build(singleScenario(b), nil)
		if err != nil || len(ms) != 1 {
			b.Fatal(err, len(ms))
		}
		p := ms[0].Problem
		b.ReportAllocs()
		var it int
		for b.Loop() {
			sol, err := lp.Solve(context.Background(), p, &lp.Settings{Tol: 1e-6})
			if err != nil {
				b.Fatal(err)
			}
			it = sol.Iterations
		}
		b.ReportMetric(float64(it), "iters")
		b.ReportMetric(float64(p.A.Cols), "cols")
	})
}

func BenchmarkUpperBound(b *testing.B) {
	b.Run("single", func(b *testing.B) {
		sc := singleScenario(b)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := UpperBound(context.Background(), sc, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkLowerBound(b *testing.B) {
	b.Run("demo", func(b *testing.B) {
		sc := device.DemoScenario()
		b.ReportAllocs()
		for b.Loop() {
			if _, err := LowerBound(context.Background(), sc, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkUpperBoundPaper is the paper-scale bound (50 users, 25 video, 500 s, Q = 5, CoopFull) through its exact
// hub form, Tol 1e-4. Opt-in: -timeslot.paper or CDNKIT_PAPER_BENCH=1.
func BenchmarkUpperBoundPaper(b *testing.B) {
	if !paperEnabled() {
		b.Skip("paper-scale benchmark: run with -timeslot.paper or CDNKIT_PAPER_BENCH=1")
	}
	sc := paperScenario(b)
	b.ReportAllocs()
	var ub *Bound
	for b.Loop() {
		var err error
		ub, err = UpperBound(context.Background(), sc, &Settings{LP: &lp.Settings{Tol: 1e-4}})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(ub.Iterations), "iters")
	b.ReportMetric(float64(ub.Columns), "cols")
	b.ReportMetric(ub.Gap, "gap")
	b.ReportMetric(vmHWM(), "peak-RSS-B")
}

// BenchmarkSolvePaperFlow solves the same LP in flow form (3.15 M columns) with lp.Solve, Tol 1e-4, Threads = 2.
// Opt-in as BenchmarkUpperBoundPaper.
func BenchmarkSolvePaperFlow(b *testing.B) {
	if !paperEnabled() {
		b.Skip("paper-scale benchmark: run with -timeslot.paper or CDNKIT_PAPER_BENCH=1")
	}
	ms, err := Build(paperScenario(b), &Settings{Form: FormFlow})
	if err != nil || len(ms) != 1 {
		b.Fatal(err, len(ms))
	}
	p := ms[0].Problem
	b.ReportAllocs()
	var it int
	var gap float64
	for b.Loop() {
		// A 10-minute cap keeps a non-converging run from hanging; the status is reported as the "optimal"
		// metric (1 when Tol was reached).
		sol, err := lp.Solve(context.Background(), p, &lp.Settings{Tol: 1e-4, Threads: 2, TimeLimit: 10 * time.Minute})
		if sol == nil {
			b.Fatal(err)
		}
		it, gap = sol.Iterations, sol.Gap
		if sol.Status == lp.Optimal {
			b.ReportMetric(1, "optimal")
		} else {
			b.ReportMetric(0, "optimal")
		}
	}
	b.ReportMetric(gap, "gap")
	b.ReportMetric(float64(it), "iters")
	b.ReportMetric(float64(p.A.Cols), "cols")
	b.ReportMetric(vmHWM(), "peak-RSS-B")
}

// BenchmarkSpMV measures one A·x + Aᵀ·y on the paper-scale flow-form matrix through the public CSR kernels
// (single-threaded; Aᵀ precomputed, so both products are row passes). Opt-in as BenchmarkUpperBoundPaper.
func BenchmarkSpMV(b *testing.B) {
	b.Run("paper-flow", func(b *testing.B) {
		if !paperEnabled() {
			b.Skip("paper-scale benchmark: run with -timeslot.paper or CDNKIT_PAPER_BENCH=1")
		}
		ms, err := Build(paperScenario(b), &Settings{Form: FormFlow})
		if err != nil || len(ms) != 1 {
			b.Fatal(err, len(ms))
		}
		a := ms[0].Problem.A
		at := a.T()
		x := make([]float64, a.Cols)
		y := make([]float64, a.Rows)
		for i := range x {
			x[i] = float64(i%7) * 0.1
		}
		for i := range y {
			y[i] = float64(i%5) - 2
		}
		ax := make([]float64, a.Rows)
		aty := make([]float64, a.Cols)
		b.ReportAllocs()
		for b.Loop() {
			a.MulVec(ax, x)
			at.MulVec(aty, y)
		}
	})
}
