package overlay

import (
	"errors"
	"math/rand/v2"
	"testing"
)

// FuzzASLike: arbitrary (n, m), huge ones included, give ErrBadSettings
// without allocating, or a valid graph with m(m+1)/2 + (n−m−1)·m edges and
// no self-loop; SampleSubgraph of it then gives a connected-sample error or
// a valid subgraph.
func FuzzASLike(f *testing.F) {
	f.Add(50, 2, 10)
	f.Add(1, 1, 1)
	f.Add(0, 0, 0)
	f.Add(-5, 2, 3)
	f.Add(3, 2, 4)
	f.Add(1<<40, 1<<39, 5)  // regression: the capacity overflowed and make panicked
	f.Add(1<<62, 3, 1)      // regression: 10^19 edges were allocated
	f.Add(20_000_000, 1, 1) // over the 10^7-edge limit
	f.Fuzz(func(t *testing.T, n, m, k int) {
		if n >= 1 && m >= 1 && m < n {
			if e := float64(m)*float64(m+1)/2 + float64(n-m-1)*float64(m); e > 5000 && e <= maxGenEdges {
				return // allowed, but too slow for one fuzz input
			}
		}
		g, err := ASLike(n, m, rand.NewPCG(1, 2))
		if err != nil {
			if !errors.Is(err, ErrBadSettings) || g.N != 0 || g.Edges != nil {
				t.Fatalf("ASLike(%d, %d): %v", n, m, err)
			}
			return
		}
		if err := g.Validate(); err != nil {
			t.Fatalf("ASLike(%d, %d): %v", n, m, err)
		}
		if want := m*(m+1)/2 + (n-m-1)*m; g.N != n || len(g.Edges) != want {
			t.Fatalf("ASLike(%d, %d): N = %d, %d edges, want %d", n, m, g.N, len(g.Edges), want)
		}
		for i, e := range g.Edges {
			if e.U == e.V || e.Cost != 1 {
				t.Fatalf("ASLike(%d, %d): edge %d = %+v", n, m, i, e)
			}
		}
		sub, nodes, err := SampleSubgraph(g, k, rand.NewPCG(3, 4))
		if err != nil {
			if !errors.Is(err, ErrBadSettings) {
				t.Fatalf("SampleSubgraph(%d): %v", k, err)
			}
			return
		}
		if err := sub.Validate(); err != nil || sub.N != k || len(nodes) != k {
			t.Fatalf("SampleSubgraph(%d): N = %d, %d nodes, %v", k, sub.N, len(nodes), err)
		}
	})
}
