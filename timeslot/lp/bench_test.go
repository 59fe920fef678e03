package lp

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"sync"
	"testing"
)

func BenchmarkSolve(b *testing.B) {
	for _, sz := range []struct {
		name    string
		m, n, k int
	}{{"m=200/n=400", 200, 400, 6}, {"m=2000/n=4000", 2000, 4000, 8}} {
		b.Run(sz.name+"/tol=1e-6", func(b *testing.B) {
			p := randomSparseLP(sz.m, sz.n, sz.k, 1)
			b.ReportAllocs()
			iters := 0
			for b.Loop() {
				sol, err := Solve(context.Background(), p, &Settings{Tol: 1e-6})
				if err != nil {
					b.Fatal(err)
				}
				iters = sol.Iterations
			}
			b.ReportMetric(float64(iters), "iterations")
		})
	}
}

// flowLikeMatrix is a random matrix with the shape of the paper-scale flow-form LP of spec timeslot.md §6
// (37 525 rows, 3 150 000 columns, 9 412 475 nonzeros, about 3 per column), scaled down by div.
func flowLikeMatrix(div int) CSR {
	rows, cols, nnz := 37525/div, 3150000/div, 9412475/div
	rng := rand.New(rand.NewPCG(1, 1))
	t := make([]Triplet, nnz)
	for q := range t {
		j := q % cols
		t[q] = Triplet{Row: rng.IntN(rows), Col: j, Val: rng.NormFloat64()}
	}
	a, err := NewCSR(rows, cols, t)
	if err != nil {
		panic(err)
	}
	return a
}

// BenchmarkSpMV measures one Ãx̄ plus one Ãᵀy with the solver's parallel row-block kernels (Threads = 2).
// The full paper-scale size runs only with CDNKIT_PAPER_BENCH=1.
func BenchmarkSpMV(b *testing.B) {
	sizes := []struct {
		name string
		div  int
	}{{"flow-like/div=10", 10}}
	if os.Getenv("CDNKIT_PAPER_BENCH") == "1" {
		sizes = append(sizes, struct {
			name string
			div  int
		}{"paper-flow-like", 1})
	}
	for _, sz := range sizes {
		b.Run(sz.name, func(b *testing.B) {
			a := flowLikeMatrix(sz.div)
			at := a.T()
			x := make([]float64, a.Cols)
			y := make([]float64, a.Rows)
			for j := range x {
				x[j] = float64(j%7) - 3
			}
			for i := range y {
				y[i] = float64(i%5) - 2
			}
			ax := make([]float64, a.Rows)
			aty := make([]float64, a.Cols)
			pl := newPool(2)
			defer pl.close()
			rb, cb := balancedBlocks(a, 2), balancedBlocks(at, 2)
			var wg sync.WaitGroup
			fr := func(lo, hi int) { a.mulRows(ax, x, lo, hi) }
			fc := func(lo, hi int) { at.mulRows(aty, y, lo, hi) }
			b.ReportAllocs()
			for b.Loop() {
				pl.run(rb, &wg, fr)
				pl.run(cb, &wg, fc)
			}
		})
	}
}

func BenchmarkReadWriteMPS(b *testing.B) {
	p := randomSparseLP(2000, 4000, 8, 3)
	b.ReportAllocs()
	for b.Loop() {
		var w bytes.Buffer
		if err := WriteMPS(&w, p); err != nil {
			b.Fatal(err)
		}
		if _, err := ReadMPS(&w); err != nil && !errors.Is(err, ErrBadMPS) {
			b.Fatal(err)
		}
	}
}
