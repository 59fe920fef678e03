package overlay

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/cdnkit/cdnkit/internal/testdata"
)

func benchInstance(b *testing.B, n int) *Instance {
	b.Helper()
	g, err := ASLike(n, 2, rand.NewPCG(1, 1))
	if err != nil {
		b.Fatal(err)
	}
	inst, err := Fig1Instance(g, nil, rand.NewPCG(1, 1))
	if err != nil {
		b.Fatal(err)
	}
	return inst
}

// BenchmarkFig1 is the examples/gradient default run: 12 sizes × 25 trials,
// three algorithms, K = 16, trials over GOMAXPROCS workers. Target ≤ 10 s.
func BenchmarkFig1(b *testing.B) {
	base, err := ASLike(10000, 2, rand.NewPCG(1, 1))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := RunFig1(context.Background(), &Fig1Experiment{Base: base, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGradient: Fig1Instance(ASLike(n, 2)); targets ≤ 1 s (n = 1000)
// and ≤ 30 s (n = 10000).
func BenchmarkGradient(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		inst := benchInstance(b, n)
		b.Run("n="+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Gradient(context.Background(), inst, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPCST: n=10000 is the Fig. 1 graph with prize U_j(L) per node and
// root = source (target ≤ 25 ms); steinlib=c16..c20 the L = 1 reductions
// (target ≤ 10 ms each).
func BenchmarkPCST(b *testing.B) {
	inst := benchInstance(b, 10000)
	prizes := make([]float64, inst.Graph.N)
	for _, c := range inst.Clients {
		prizes[c.Node] += envMax(c.Utility)
	}
	b.Run("n=10000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := PCST(inst.Graph, prizes, inst.Source, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, f := range []string{"c16", "c17", "c18", "c19", "c20"} {
		b.Run("steinlib="+f, func(b *testing.B) {
			st := loadSTP(b, "C/"+f+".stp")
			pr := steinerReduction(st)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := PCST(st.Graph, pr, st.Terminals[0], nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func benchFile(b *testing.B, elem ...string) []byte {
	b.Helper()
	data, err := os.ReadFile(testdata.Require(b, elem...))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkReadGraphML/Kdl: 321 KB, target ≤ 20 ms.
func BenchmarkReadGraphML(b *testing.B) {
	b.Run("Kdl", func(b *testing.B) {
		data := benchFile(b, "topology", "Kdl.graphml")
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ReadGraphML(bytes.NewReader(data), nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkReadSTP/c20: 147 KB, target ≤ 10 ms.
func BenchmarkReadSTP(b *testing.B) {
	b.Run("c20", func(b *testing.B) {
		data := benchFile(b, "steinlib", "C", "c20.stp")
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ReadSTP(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
