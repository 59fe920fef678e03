package overlay

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

func newRand(src rand.Source) *rand.Rand {
	if src == nil {
		return nil
	}
	return rand.New(src)
}

// rng wraps an optional *rand.Rand; a nil one uses math/rand/v2's top-level
// functions.
type rng struct{ r *rand.Rand }

func (g rng) IntN(n int) int {
	if g.r == nil {
		return rand.IntN(n)
	}
	return g.r.IntN(n)
}

func (g rng) Float64() float64 {
	if g.r == nil {
		return rand.Float64()
	}
	return g.r.Float64()
}

// maxGenEdges bounds the edges ASLike builds.
const maxGenEdges = 10_000_000

// ASLike returns an AS-like scale-free graph on n nodes by Barabási–Albert
// preferential attachment (Reconstruction): the clique on nodes 0..m, then
// each node v = m+1..n−1 draws endpoints uniformly from the list of edge
// endpoints until m distinct targets are found and adds edges (target, v) in
// draw order. Costs are 1. A nil src uses math/rand/v2's top-level
// functions (not reproducible). It returns ErrBadSettings unless
// 1 ≤ m < n and the graph has at most 10⁷ edges (the GraphML reader's
// limit). O(n·m) expected.
//
// Reference: A.-L. Barabási, R. Albert, "Emergence of scaling in random
// networks", Science 286:509–512, 1999, doi:10.1126/science.286.5439.509.
func ASLike(n, m int, src rand.Source) (Graph, error) {
	if n < 1 || m < 1 || m >= n {
		return Graph{}, fmt.Errorf("%w: ASLike(n = %d, m = %d) needs 1 ≤ m < n", ErrBadSettings, n, m)
	}
	if fm := float64(m); fm*(fm+1)/2+float64(n-m-1)*fm > maxGenEdges {
		return Graph{}, fmt.Errorf("%w: ASLike(n = %d, m = %d) would have more than %d edges", ErrBadSettings, n, m, maxGenEdges)
	}
	r := rng{newRand(src)}
	g := Graph{N: n, Edges: make([]Edge, 0, m*(m+1)/2+(n-m-1)*m)}
	ends := make([]int, 0, 2*cap(g.Edges))
	for u := 0; u <= m; u++ {
		for v := u + 1; v <= m; v++ {
			g.Edges = append(g.Edges, Edge{u, v, 1})
			ends = append(ends, u, v)
		}
	}
	targets := make([]int, 0, m)
	for v := m + 1; v < n; v++ {
		targets = targets[:0]
		for len(targets) < m {
			t := ends[r.IntN(len(ends))]
			if !slices.Contains(targets, t) {
				targets = append(targets, t)
			}
		}
		for _, t := range targets {
			g.Edges = append(g.Edges, Edge{t, v, 1})
			ends = append(ends, t, v)
		}
	}
	return g, nil
}

// SampleSubgraph returns a connected n-node snowball sample of g
// (Reconstruction): start at node IntN(g.N), breadth-first in edge-index
// order adding unseen neighbours until n nodes are taken; the induced
// subgraph with self-loops and parallel edges removed (the first edge of a
// pair kept). nodes[i] is the node of g that became node i. It returns
// ErrBadSettings if n < 1, n > g.N or the start's component is smaller than
// n, and ErrBadGraph for an invalid g. O(n + m).
func SampleSubgraph(g Graph, n int, src rand.Source) (Graph, []int, error) {
	if err := g.Validate(); err != nil {
		return Graph{}, nil, err
	}
	if n < 1 || n > g.N {
		return Graph{}, nil, fmt.Errorf("%w: SampleSubgraph n = %d not in [1, %d]", ErrBadSettings, n, g.N)
	}
	r := rng{newRand(src)}
	a := buildAdj(g)
	start := r.IntN(g.N)
	idx := make([]int, g.N)
	for i := range idx {
		idx[i] = -1
	}
	idx[start] = 0
	nodes := []int{start}
	for q := 0; q < len(nodes) && len(nodes) < n; q++ {
		v := nodes[q]
		for k := a.start[v]; k < a.start[v+1] && len(nodes) < n; k++ {
			if w := a.to[k]; idx[w] < 0 {
				idx[w] = len(nodes)
				nodes = append(nodes, w)
			}
		}
	}
	if len(nodes) < n {
		return Graph{}, nil, fmt.Errorf("%w: component of node %d has %d < %d nodes", ErrBadSettings, start, len(nodes), n)
	}
	sub := Graph{N: n}
	seen := make(map[[2]int]bool)
	for _, e := range g.Edges {
		u, v := idx[e.U], idx[e.V]
		if u < 0 || v < 0 || u == v {
			continue
		}
		key := [2]int{min(u, v), max(u, v)}
		if seen[key] {
			continue
		}
		seen[key] = true
		sub.Edges = append(sub.Edges, Edge{u, v, e.Cost})
	}
	return sub, nodes, nil
}

// Fig1Config parameterises Fig1Instance. Zero fields mean the defaults:
// Rates (0.4, 1.0, 2.5, 5.0) Mbps, AlphaMax 3, CostMin 0.5, CostMax 1.5 $/Mbps.
type Fig1Config struct {
	Rates                      []float64
	AlphaMax, CostMin, CostMax float64
}

// Fig1Instance returns a Fig. 1-style instance on g (Reconstruction: the
// paper's prices and utilities are unpublished): source = highest-degree
// node (ties: lowest index); edge costs c_e ~ U[CostMin, CostMax] drawn in
// edge order; one client per non-source node in node order with
// α_j ~ U[0, AlphaMax] and u_j(ℓ) = α_j·ln(1 + r_ℓ/r_1). A nil src uses
// math/rand/v2's top-level functions. It returns ErrBadSettings for a
// negative or non-finite config or CostMin > CostMax, and the Validate error
// of the built instance (e.g. ErrUnreachable for a disconnected g).
func Fig1Instance(g Graph, cfg *Fig1Config, src rand.Source) (*Instance, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	c := Fig1Config{Rates: []float64{0.4, 1.0, 2.5, 5.0}, AlphaMax: 3, CostMin: 0.5, CostMax: 1.5}
	if cfg != nil {
		for _, x := range []float64{cfg.AlphaMax, cfg.CostMin, cfg.CostMax} {
			if !finiteNonNeg(x) {
				return nil, fmt.Errorf("%w: Fig1Config value %v is not finite and ≥ 0", ErrBadSettings, x)
			}
		}
		if cfg.Rates != nil {
			c.Rates = slices.Clone(cfg.Rates)
		}
		if cfg.AlphaMax != 0 {
			c.AlphaMax = cfg.AlphaMax
		}
		if cfg.CostMin != 0 || cfg.CostMax != 0 {
			c.CostMin, c.CostMax = cfg.CostMin, cfg.CostMax
		}
		if c.CostMin > c.CostMax {
			return nil, fmt.Errorf("%w: CostMin %v > CostMax %v", ErrBadSettings, c.CostMin, c.CostMax)
		}
	}
	r := rng{newRand(src)}
	deg := make([]int, g.N)
	for _, e := range g.Edges {
		if e.U != e.V {
			deg[e.U]++
			deg[e.V]++
		}
	}
	s := 0
	for v := range deg {
		if deg[v] > deg[s] {
			s = v
		}
	}
	in := &Instance{Graph: Graph{N: g.N, Edges: make([]Edge, len(g.Edges))}, Source: s, Rates: c.Rates}
	for i, e := range g.Edges {
		in.Graph.Edges[i] = Edge{e.U, e.V, c.CostMin + (c.CostMax-c.CostMin)*r.Float64()}
	}
	if len(c.Rates) == 0 || !(c.Rates[0] > 0) {
		return nil, &InstanceError{"Rates", 0, 0}
	}
	for v := 0; v < g.N; v++ {
		if v == s {
			continue
		}
		alpha := c.AlphaMax * r.Float64()
		u := make([]float64, len(c.Rates))
		for l, rate := range c.Rates {
			u[l] = alpha * math.Log1p(rate/c.Rates[0])
		}
		in.Clients = append(in.Clients, Client{Node: v, Utility: u})
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	return in, nil
}

// RandomInstance returns a small random instance for exhaustive tests
// (Reconstruction, §2.7 of the spec): a random tree plus up to 5 extra
// edges (parallel edges allowed), 1–4 levels with rates in [0.3, 8), a random
// source and 0–2 clients per node with random, partly non-monotone
// utilities. A nil src uses math/rand/v2's top-level functions. It panics
// if n < 1 (programmer error).
func RandomInstance(n int, src rand.Source) *Instance {
	if n < 1 {
		panic("overlay: RandomInstance n < 1")
	}
	r := rng{newRand(src)}
	x := r.IntN(6)
	in := &Instance{Graph: Graph{N: n}}
	for v := 1; v < n; v++ {
		u := r.IntN(v)
		in.Graph.Edges = append(in.Graph.Edges, Edge{u, v, 0.1 + 1.9*r.Float64()})
	}
	for range x {
		u, v := r.IntN(n), r.IntN(n)
		if u == v {
			continue
		}
		in.Graph.Edges = append(in.Graph.Edges, Edge{u, v, 0.1 + 1.9*r.Float64()})
	}
	L := 1 + r.IntN(4)
	in.Rates = make([]float64, L)
	for l := range in.Rates {
		in.Rates[l] = 0.3 + 7.7*r.Float64()
	}
	slices.Sort(in.Rates)
	in.Rates = slices.Compact(in.Rates)
	in.Source = r.IntN(n)
	for v := 0; v < n; v++ {
		cnt := r.IntN(3)
		for range cnt {
			scale := 10 * r.Float64()
			u := make([]float64, len(in.Rates))
			for l := range u {
				if r.Float64() < 0.8 {
					u[l] = scale * r.Float64()
				}
			}
			if r.Float64() < 0.7 {
				slices.Sort(u)
			}
			in.Clients = append(in.Clients, Client{Node: v, Utility: u})
		}
	}
	return in
}
