package em

import (
	"errors"
	"math/rand/v2"
	"testing"
)

// benchData draws the spec's benchmark instance: n rows, m_i ~ U{1..100}
// trials of which 10 % are missing, θ_true = (0.1, 0.3, 0.5, 0.7, 0.9), π
// uniform, from rand.NewPCG(1, 1).
func benchData(n int) (s, m []int) {
	r := rand.New(rand.NewPCG(1, 1))
	theta := []float64{0.1, 0.3, 0.5, 0.7, 0.9}
	s, m = make([]int, n), make([]int, n)
	for i := range n {
		th := theta[r.IntN(len(theta))]
		for range 1 + r.IntN(100) {
			if r.Float64() < 0.1 {
				continue
			}
			m[i]++
			if r.Float64() < th {
				s[i]++
			}
		}
	}
	return s, m
}

var benchTheta0 = []float64{0.15, 0.35, 0.55, 0.75, 0.85}

func BenchmarkFit(b *testing.B) {
	s, m := benchData(100_000)
	for _, c := range []struct {
		name  string
		noAgg bool
	}{{"n=100000/K=5/iter=100", false}, {"NoAggregate/n=100000/K=5/iter=100", true}} {
		b.Run(c.name, func(b *testing.B) {
			set := &Settings{MinIter: 100, MaxIter: 100, NoAggregate: c.noAgg}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := FitBinomialMixture(ctx, s, m, benchTheta0, set); err != nil && !errors.Is(err, ErrNotConverged) {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEStep(b *testing.B) {
	var s, m []int
	for mm := 1; mm <= 100; mm++ {
		for ss := 0; ss <= mm; ss++ {
			s, m = append(s, ss), append(m, mm)
		}
	}
	g := aggregate(s, m, false)
	ws := newWorkspace(g, 5)
	pi := []float64{0.2, 0.2, 0.2, 0.2, 0.2}
	b.Run("groups=5150/K=5", func(b *testing.B) {
		if len(g.s) != 5150 {
			b.Fatalf("groups = %d", len(g.s))
		}
		b.ReportAllocs()
		for b.Loop() {
			ws.estep(benchTheta0, pi)
		}
	})
}

func BenchmarkPrice(b *testing.B) {
	s, m := benchData(100_000)
	mix, err := FitBinomialMixture(ctx, s, m, benchTheta0, &Settings{MaxIter: 20})
	if err != nil && !errors.Is(err, ErrNotConverged) {
		b.Fatal(err)
	}
	prices := []float64{0.8, 0.7, 0.6, 0.5, 0.3}
	b.Run("n=100000/K=5", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Price(mix, prices, ExpectedPrice)
		}
	})
}
