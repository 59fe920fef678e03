package swarm

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"
)

func benchSimulate(b *testing.B, sc *Scenario, mk func() Allocator) {
	b.ReportAllocs()
	c0 := processCPU()
	for b.Loop() {
		if _, err := Simulate(context.Background(), sc, mk(), &Settings{Src: rand.NewPCG(1, 1)}); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, c0)
}

// reportCPU adds the process CPU seconds per iteration (GC included).
func reportCPU(b *testing.B, c0 time.Duration) {
	if c := processCPU() - c0; c > 0 {
		b.ReportMetric(c.Seconds()/float64(b.N), "cpu-s/op")
	}
}

// BenchmarkSimulate: targets ≤ 10 s per run (spec §6).
func BenchmarkSimulate(b *testing.B) {
	lib, err := LibraryScenario(LibraryConfig{}, rand.NewPCG(1, 1))
	if err != nil {
		b.Fatal(err)
	}
	lib1000, err := LibraryScenario(LibraryConfig{Peers: 1000}, rand.NewPCG(1, 1))
	if err != nil {
		b.Fatal(err)
	}
	churn, err := ChurnScenario(ChurnConfig{}, rand.NewPCG(1, 1))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("library", func(b *testing.B) {
		b.Run("policy=VFormation", func(b *testing.B) { benchSimulate(b, lib, func() Allocator { return &VFormation{} }) })
		b.Run("policy=BTEqualSplit", func(b *testing.B) { benchSimulate(b, lib, func() Allocator { return BTEqualSplit{} }) })
		b.Run("peers=1000", func(b *testing.B) { benchSimulate(b, lib1000, func() Allocator { return &VFormation{} }) })
	})
	b.Run("churn", func(b *testing.B) {
		b.Run("policy=VFormation", func(b *testing.B) { benchSimulate(b, churn, func() Allocator { return &VFormation{} }) })
	})
}

// BenchmarkFluidBound: target ≤ 1 s on the library scenario (seed 1).
func BenchmarkFluidBound(b *testing.B) {
	lib, err := LibraryScenario(LibraryConfig{}, rand.NewPCG(1, 1))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("library", func(b *testing.B) {
		b.ReportAllocs()
		c0 := processCPU()
		for b.Loop() {
			if _, err := FluidBound(lib, 0, lib.Duration); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, c0)
	})
}

// BenchmarkCPM: target ≤ 50 ms for every (host, swarm) of the library
// scenario at one epoch over a τ grid of 6.
func BenchmarkCPM(b *testing.B) {
	lib, err := LibraryScenario(LibraryConfig{Duration: 30 * time.Minute}, rand.NewPCG(1, 1))
	if err != nil {
		b.Fatal(err)
	}
	r, err := Simulate(context.Background(), lib, &VFormation{}, &Settings{Src: rand.NewPCG(1, 1)})
	if err != nil {
		b.Fatal(err)
	}
	grid := DefaultTauGrid()
	now := lib.Duration
	b.Run("library", func(b *testing.B) {
		b.ReportAllocs()
		c0 := processCPU()
		for b.Loop() {
			for h := range lib.Hosts {
				for _, s := range lib.Serve(h) {
					for _, tau := range grid {
						hi := now - 10*time.Second - tau
						_ = CPM(r.Ledger, h, s, tau, hi-5*time.Minute, hi)
					}
				}
			}
		}
		reportCPU(b, c0)
	})
}
