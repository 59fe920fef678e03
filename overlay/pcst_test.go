package overlay

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"
)

// naiveGW is the O(n·m)-per-event reference of the moat growing (spec §2.3):
// each step scans every edge and cluster for the smallest Δ.
func naiveGW(g Graph, prizes []float64, root int) (forest []int, dual float64) {
	n := g.N
	label := make([]int, n)
	d := make([]float64, n)
	rem := make([]float64, n)
	act := make([]bool, n)
	for v := range label {
		label[v] = v
		rem[v] = prizes[v]
		act[v] = v != root && prizes[v] > 0
	}
	rem[root] = math.Inf(1)
	for {
		best, bestEdge, bestCl := math.Inf(1), -1, -1
		nact := 0
		for c := 0; c < n; c++ {
			if act[c] {
				nact++
				if rem[c] < best {
					best, bestEdge, bestCl = rem[c], -1, c
				}
			}
		}
		if nact == 0 {
			return forest, dual
		}
		for i, e := range g.Edges {
			cu, cv := label[e.U], label[e.V]
			if cu == cv {
				continue
			}
			slack := math.Max(0, e.Cost-d[e.U]-d[e.V])
			var dt float64
			switch {
			case act[cu] && act[cv]:
				dt = slack / 2
			case act[cu] || act[cv]:
				dt = slack
			default:
				continue
			}
			if dt < best {
				best, bestEdge, bestCl = dt, i, -1
			}
		}
		for v := 0; v < n; v++ {
			if act[label[v]] {
				d[v] += best
			}
		}
		for c := 0; c < n; c++ {
			if act[c] {
				rem[c] = math.Max(0, rem[c]-best)
			}
		}
		dual += best * float64(nact)
		if bestEdge < 0 {
			act[bestCl] = false
			rem[bestCl] = 0
			continue
		}
		e := g.Edges[bestEdge]
		cu, cv := label[e.U], label[e.V]
		forest = append(forest, bestEdge)
		r := rem[cu] + rem[cv]
		for v := range label {
			if label[v] == cv {
				label[v] = cu
			}
		}
		act[cv] = false
		rem[cu] = r
		act[cu] = !math.IsInf(r, 1) && r > 0
	}
}

// bruteForcePCST returns the optimum of the rooted PCST by enumerating every
// root-containing connected node set (MST of the induced subgraph + missed
// prizes).
func bruteForcePCST(g Graph, prizes []float64, root int) float64 {
	n := g.N
	best := math.Inf(1)
	idx := make([]int, len(g.Edges))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return g.Edges[idx[a]].Cost < g.Edges[idx[b]].Cost })
	for mask := 0; mask < 1<<n; mask++ {
		if mask&(1<<root) == 0 {
			continue
		}
		d := newDSU(n)
		var w float64
		comps := 0
		for v := 0; v < n; v++ {
			if mask&(1<<v) != 0 {
				comps++
			}
		}
		for _, i := range idx {
			e := g.Edges[i]
			if mask&(1<<e.U) != 0 && mask&(1<<e.V) != 0 && d.union(e.U, e.V) {
				w += e.Cost
				comps--
			}
		}
		if comps != 1 {
			continue
		}
		for v := 0; v < n; v++ {
			if mask&(1<<v) == 0 {
				w += prizes[v]
			}
		}
		best = math.Min(best, w)
	}
	return best
}

func randomPCSTInput(r *rand.Rand, n int) (Graph, []float64) {
	g := Graph{N: n}
	for v := 1; v < n; v++ {
		g.Edges = append(g.Edges, Edge{r.IntN(v), v, 0.1 + 4*r.Float64()})
	}
	for range r.IntN(2 * n) {
		u, v := r.IntN(n), r.IntN(n)
		if u != v {
			g.Edges = append(g.Edges, Edge{u, v, 0.1 + 4*r.Float64()})
		}
	}
	prizes := make([]float64, n)
	for v := range prizes {
		if r.Float64() < 0.7 {
			prizes[v] = 6 * r.Float64()
		}
	}
	return g, prizes
}

// checkPCSTTree verifies that res is a tree on res.Nodes containing root and
// that its accounting is consistent.
func checkPCSTTree(t *testing.T, g Graph, prizes []float64, root int, res *PCSTResult) {
	t.Helper()
	if len(res.EdgeIDs) != len(res.Nodes)-1 || !slices.IsSorted(res.Nodes) {
		t.Fatalf("not a tree: %d nodes %d edges", len(res.Nodes), len(res.EdgeIDs))
	}
	if _, ok := slices.BinarySearch(res.Nodes, root); !ok {
		t.Fatalf("root %d missing from %v", root, res.Nodes)
	}
	in := make([]bool, g.N)
	for _, v := range res.Nodes {
		in[v] = true
	}
	d := newDSU(g.N)
	var cost float64
	for _, id := range res.EdgeIDs {
		e := g.Edges[id]
		if !in[e.U] || !in[e.V] || !d.union(e.U, e.V) {
			t.Fatalf("edge %d invalid in tree %v", id, res.Nodes)
		}
		cost += e.Cost
	}
	var pen float64
	for v, p := range prizes {
		if !in[v] {
			pen += p
		}
	}
	if d := cmp.Diff([]float64{cost, pen, cost + pen}, []float64{res.Cost, res.Penalty, res.Objective},
		cmpopts.EquateApprox(1e-12, 1e-12)); d != "" {
		t.Fatalf("accounting (-want +got):\n%s", d)
	}
}

// TestPCSTVectors checks the hand-computed vectors of spec §5.
func TestPCSTVectors(t *testing.T) {
	path := Graph{N: 3, Edges: []Edge{{0, 1, 3}, {1, 2, 4}}}
	star := Graph{N: 4, Edges: []Edge{{0, 1, 2}, {0, 2, 2}, {0, 3, 2}, {1, 2, 1}}}
	tri := Graph{N: 3, Edges: []Edge{{0, 1, 1.5}, {0, 2, 1.5}, {1, 2, 1}}}
	cases := []struct {
		g          Graph
		prizes     []float64
		nodes      []int
		obj, dual  float64
		checkNodes bool
	}{
		{path, []float64{0, 5, 6}, []int{0, 1, 2}, 7, 5, true},
		{path, []float64{0, 2, 3}, []int{0}, 5, 5, true},
		{path, []float64{0, 4, 0}, []int{0, 1}, 3, 3, true},
		{star, []float64{0, 1, 3, 5}, []int{0, 1, 2, 3}, 5, 4.5, true},
		{tri, []float64{0, 1, 1}, []int{0}, 2, 2, true},
		{tri, []float64{0, 2, 2}, []int{0, 1, 2}, 2.5, 2, true},
	}
	for i, c := range cases {
		res, err := PCST(c.g, c.prizes, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkPCSTTree(t, c.g, c.prizes, 0, res)
		if d := cmp.Diff(c.nodes, res.Nodes); d != "" {
			t.Errorf("case %d nodes (-want +got):\n%s", i, d)
		}
		if d := cmp.Diff([]float64{c.obj, c.dual}, []float64{res.Objective, res.Dual}, approx); d != "" {
			t.Errorf("case %d objective, dual (-want +got):\n%s", i, d)
		}
	}
}

// TestPCSTBruteForce compares PCST with exhaustive search and with the naive
// moat-growing reference on random small graphs (spec §5: 5,000 graphs).
func TestPCSTBruteForce(t *testing.T) {
	trials := 5000
	if testing.Short() {
		trials = 500
	}
	r := rand.New(rand.NewPCG(7, 11))
	worst := 0.0
	for it := 0; it < trials; it++ {
		n := 1 + r.IntN(10)
		g, prizes := randomPCSTInput(r, n)
		root := r.IntN(n)
		res, err := PCST(g, prizes, root, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkPCSTTree(t, g, prizes, root, res)
		opt := bruteForcePCST(g, prizes, root)
		tol := 1e-9 * math.Max(1, opt)
		if res.Objective < opt-tol || res.Objective > 2*res.Dual+tol || res.Dual > opt+tol {
			t.Fatalf("trial %d: OPT %v Objective %v Dual %v", it, opt, res.Objective, res.Dual)
		}
		if opt > 0 {
			worst = math.Max(worst, res.Objective/opt)
		}
		forest, dual := naiveGW(g, prizes, root)
		ref := prune(g.N, g.Edges, 1, prizes, root, forest, StrongPruning)
		if d := cmp.Diff([]float64{dual, ref.Objective}, []float64{res.Dual, res.Objective},
			cmpopts.EquateApprox(1e-9, 1e-9)); d != "" {
			t.Fatalf("trial %d: naive reference (-want +got):\n%s", it, d)
		}
		for _, pr := range []Pruning{NoPruning, SimplePruning} {
			other, err := PCST(g, prizes, root, &PCSTSettings{Pruning: pr})
			if err != nil {
				t.Fatal(err)
			}
			checkPCSTTree(t, g, prizes, root, other)
			if other.Objective < res.Objective-tol {
				t.Fatalf("trial %d: %v pruning %v beats strong %v", it, pr, other.Objective, res.Objective)
			}
		}
	}
	t.Logf("worst Objective/OPT over %d graphs: %.4f", trials, worst)
}

// TestPCSTProperties: rapid properties of PCST (scale invariance, zero
// prizes give the root alone, root prize irrelevant).
func TestPCSTProperties(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		seed := rapid.Uint64().Draw(rt, "seed")
		n := rapid.IntRange(1, 12).Draw(rt, "n")
		lam := rapid.Float64Range(0.01, 100).Draw(rt, "lambda")
		r := rand.New(rand.NewPCG(seed, 3))
		g, prizes := randomPCSTInput(r, n)
		root := r.IntN(n)
		res, err := PCST(g, prizes, root, nil)
		if err != nil {
			rt.Fatal(err)
		}
		sg := Graph{N: n, Edges: slices.Clone(g.Edges)}
		for i := range sg.Edges {
			sg.Edges[i].Cost *= lam
		}
		sp := slices.Clone(prizes)
		for i := range sp {
			sp[i] *= lam
		}
		sres, err := PCST(sg, sp, root, nil)
		if err != nil {
			rt.Fatal(err)
		}
		if d := cmp.Diff([]float64{lam * res.Dual, lam * res.Objective}, []float64{sres.Dual, sres.Objective},
			cmpopts.EquateApprox(1e-9, 1e-9)); d != "" {
			rt.Fatalf("scaling by %v (-want +got):\n%s", lam, d)
		}
		zero := make([]float64, n)
		z, err := PCST(g, zero, root, nil)
		if err != nil {
			rt.Fatal(err)
		}
		if len(z.Nodes) != 1 || z.Dual != 0 || z.Objective != 0 {
			rt.Fatalf("zero prizes: %+v", z)
		}
		rp := slices.Clone(prizes)
		rp[root] += 100
		rr, err := PCST(g, rp, root, nil)
		if err != nil {
			rt.Fatal(err)
		}
		if d := cmp.Diff(res.Dual, rr.Dual, cmpopts.EquateApprox(1e-12, 1e-12)); d != "" {
			rt.Fatalf("root prize changed the dual:\n%s", d)
		}
	})
}

func TestPCSTErrors(t *testing.T) {
	g := Graph{N: 2, Edges: []Edge{{0, 1, 1}}}
	cases := []struct {
		g      Graph
		prizes []float64
		root   int
		s      *PCSTSettings
		want   error
	}{
		{Graph{N: 0}, nil, 0, nil, ErrBadGraph},
		{Graph{N: 2, Edges: []Edge{{0, 2, 1}}}, []float64{0, 0}, 0, nil, ErrBadGraph},
		{Graph{N: 2, Edges: []Edge{{0, 1, math.NaN()}}}, []float64{0, 0}, 0, nil, ErrBadGraph},
		{Graph{N: 2, Edges: []Edge{{0, 1, -1}}}, []float64{0, 0}, 0, nil, ErrBadGraph},
		{g, []float64{0, math.NaN()}, 0, nil, ErrBadInstance},
		{g, []float64{0, math.Inf(1)}, 0, nil, ErrBadInstance},
		{g, []float64{0, -1}, 0, nil, ErrBadInstance},
		{g, []float64{0, 1}, 2, nil, ErrBadRoot},
		{g, []float64{0, 1}, -1, nil, ErrBadRoot},
		{g, []float64{0, 1}, 0, &PCSTSettings{Tol: -1}, ErrBadSettings},
		{g, []float64{0, 1}, 0, &PCSTSettings{Tol: math.NaN()}, ErrBadSettings},
		{g, []float64{0, 1}, 0, &PCSTSettings{Pruning: 7}, ErrBadSettings},
		{g, []float64{0, math.MaxFloat64}, 0, &PCSTSettings{}, nil},
	}
	for i, c := range cases {
		_, err := PCST(c.g, c.prizes, c.root, c.s)
		if !errorsIs(err, c.want) {
			t.Errorf("case %d: err = %v, want %v", i, err, c.want)
		}
	}
	defer func() {
		if r := recover(); r != "overlay: len(prizes) != g.N" {
			t.Errorf("panic = %v", r)
		}
	}()
	_, _ = PCST(g, []float64{1}, 0, nil)
}
