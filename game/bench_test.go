package game

import (
	"context"
	"math/rand/v2"
	"os"
	"testing"
)

// benchInstance builds the §6 instance of the given model with n players and density 1 %, from PCG(1, 1).
func benchInstance(b *testing.B, model string, n int) (Game, []float64) {
	b.Helper()
	src := rand.NewPCG(1, 1)
	rowSum := 1.0
	if model == "R2" {
		rowSum = 0.5
	}
	y, err := RandomCSR(n, 0.01, rowSum, src)
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(src)
	k := make([]float64, n)
	d0 := make([]float64, n)
	var g Game
	switch model {
	case "R1":
		for i := range k {
			k[i] = 0.4 * r.Float64()
			for k[i] == 0 {
				k[i] = 0.4 * r.Float64()
			}
		}
		for i := range d0 {
			d0[i] = 0.864 * r.Float64()
		}
		g, err = NewDifferentialService(y, k, 1)
	case "R2":
		for i := range k {
			k[i] = 0.5 + 0.5*r.Float64()
		}
		for i := range d0 {
			d0[i] = r.Float64()
		}
		g, err = NewPublicGood(y, k, 1)
	default:
		for i := range k {
			k[i] = 1 + r.Float64()
		}
		for i := range d0 {
			d0[i] = r.Float64()
		}
		g, err = NewLinearQuadratic(y, k, 0.1, 0.5)
	}
	if err != nil {
		b.Fatal(err)
	}
	return g, d0
}

func BenchmarkBRUA(b *testing.B) {
	for _, model := range []string{"R1", "R2", "R3"} {
		b.Run("model="+model+"/n=10000/density=0.01", func(b *testing.B) {
			g, d0 := benchInstance(b, model, 10000)
			s := &Settings{Eps: 1e-9}
			b.ReportAllocs()
			iters := 0
			for b.Loop() {
				res, err := BRUA(context.Background(), g, d0, s)
				if err != nil {
					b.Fatal(err)
				}
				iters = res.Iterations
			}
			b.ReportMetric(float64(iters), "iterations")
		})
	}
	if os.Getenv("CDNKIT_LARGE") == "1" {
		b.Run("model=R2/n=100000/density=0.01", func(b *testing.B) {
			g, d0 := benchInstance(b, "R2", 100000)
			s := &Settings{Eps: 1e-9}
			b.ReportAllocs()
			iters := 0
			for b.Loop() {
				res, err := BRUA(context.Background(), g, d0, s)
				if err != nil {
					b.Fatal(err)
				}
				iters = res.Iterations
			}
			b.ReportMetric(float64(iters), "iterations")
		})
	}
}

func BenchmarkBestResponses(b *testing.B) {
	b.Run("model=R2/n=10000/density=0.01", func(b *testing.B) {
		g, d0 := benchInstance(b, "R2", 10000)
		bg := g.(BatchGame)
		dst := make([]float64, len(d0))
		b.ReportAllocs()
		for b.Loop() {
			bg.BestResponses(dst, d0)
		}
	})
}

func BenchmarkTwoPlayerNash(b *testing.B) {
	b.Run("model=R1", func(b *testing.B) {
		g := mustR1(b, csr2(b, 1, 0.9), []float64{0.32, 0.1}, 1) // G4
		b.ReportAllocs()
		for b.Loop() {
			if _, err := TwoPlayerNash(g); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkMaximizeBounded(b *testing.B) {
	evals := 0
	f := func(x float64) float64 {
		evals++
		return -(x - 0.3) * (x - 0.3)
	}
	b.ReportAllocs()
	calls := 0
	for b.Loop() {
		MaximizeBounded(f, 0, 1, 0)
		calls++
	}
	b.ReportMetric(float64(evals)/float64(calls), "evals/op")
}
