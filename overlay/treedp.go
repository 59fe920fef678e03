package overlay

import (
	"fmt"
	"math"
	"slices"
)

// Origin says which candidate produced a Solution.
type Origin int

const (
	// OriginOffset: the tree DP on the merged forest of one offset (Solution.Offset).
	OriginOffset Origin = iota
	// OriginMST: the tree DP on the minimum spanning tree.
	OriginMST
	// OriginSPT: the tree DP on the shortest-path tree from the source.
	OriginSPT
	// OriginMSTBaseline: MSTBaseline.
	OriginMSTBaseline
	// OriginNaive: NaiveBroadcast.
	OriginNaive
)

// String returns the name of o.
func (o Origin) String() string {
	switch o {
	case OriginOffset:
		return "offset"
	case OriginMST:
		return "mst"
	case OriginSPT:
		return "spt"
	case OriginMSTBaseline:
		return "mst-baseline"
	case OriginNaive:
		return "naive"
	}
	return fmt.Sprintf("Origin(%d)", int(o))
}

// Solution is a streaming tree with delivered levels and its evaluation.
//
// Cost is the paper form Traffic − Utility (may be negative); Penalty =
// Cost + FullUtility ≥ 0 is the form in which approximation ratios are
// stated. Traffic = Σ_{e} c_e·r_{ℓ(e)} and Utility = Σ_j u_j(ℓ_j).
type Solution struct {
	Cost, Penalty, LowerBound float64 // paper form, penalty form, dual lower bound on OPT (penalty form)

	Edges      [][2]int // (parent, child) oriented away from Source, BFS order from Source, ties by edge index
	Levels     []int    // delivered level per client, 0 = not served
	EdgeIDs    []int    // index into Graph.Edges of Edges[k]
	EdgeLevels []int    // ℓ(e) of Edges[k], ≥ 1
	Streams    []int    // NaiveBroadcast only: unicast streams on Edges[k]; nil for trees

	Traffic, Utility float64 // Cost = Traffic − Utility

	Ratio        float64 // Gradient only: Penalty / LowerBound (1 if Penalty = 0, +Inf if LowerBound = 0 < Penalty)
	Bound        float64 // Gradient only: ProvenRatio(a, K) with strong pruning, +Inf otherwise; 0 elsewhere
	Origin       Origin
	Offset       int                 // winning offset k, −1 otherwise
	Certificates []OffsetCertificate // Gradient only: one per completed offset, in k order
	PCSTRuns     int                 // Gradient only: PCST calls made
	Events       int                 // Gradient only: GW events processed
}

// prep holds per-instance precomputation shared by the solvers.
type prep struct {
	inst *Instance
	L    int
	env  [][]float64 // per client: U_j(ℓ), ℓ = 0..L
	del  [][]int     // per client: delivered level for budget ℓ
	// lost[(L+1)·v + ℓ] = Σ_{j at v} (U_j(L) − U_j(ℓ)) and
	// marg[(L+1)·v + ℓ] = Σ_{j at v} (U_j(ℓ) − U_j(ℓ−1)), both summed per
	// client so that no large utilities cancel.
	lost, marg []float64
	top        []float64 // Σ_{j at v} U_j(L)
}

func newPrep(in *Instance) *prep {
	L := len(in.Rates)
	n := in.Graph.N
	p := &prep{inst: in, L: L, env: make([][]float64, len(in.Clients)), del: make([][]int, len(in.Clients)),
		lost: make([]float64, (L+1)*n), marg: make([]float64, (L+1)*n), top: make([]float64, n)}
	for j, c := range in.Clients {
		e, d := envelope(c.Utility)
		p.env[j], p.del[j] = e, d
		for l := 0; l <= L; l++ {
			p.lost[(L+1)*c.Node+l] += e[L] - e[l]
			if l > 0 {
				p.marg[(L+1)*c.Node+l] += e[l] - e[l-1]
			}
		}
		p.top[c.Node] += e[L]
	}
	return p
}

// rootedTree is a set of edges rooted at the source, in BFS order.
type rootedTree struct {
	order  []int // nodes reachable from the source, BFS order, order[0] = source
	parent []int // −1 for the source, −2 for nodes outside the tree
	pedge  []int // edge id into the node
}

// buildTree checks that ids are distinct, in range and acyclic and roots the
// source's component. Children are visited in edge-index order.
func buildTree(g Graph, src int, ids []int) (rootedTree, error) {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	d := newDSU(g.N)
	for k, id := range sorted {
		if id < 0 || id >= len(g.Edges) {
			return rootedTree{}, fmt.Errorf("%w: edge id %d out of range", ErrBadInstance, id)
		}
		if k > 0 && sorted[k-1] == id {
			return rootedTree{}, fmt.Errorf("%w: edge id %d repeated", ErrBadInstance, id)
		}
		e := g.Edges[id]
		if !d.union(e.U, e.V) {
			return rootedTree{}, fmt.Errorf("%w: edge id %d closes a cycle", ErrBadInstance, id)
		}
	}
	deg := make([]int, g.N+1)
	for _, id := range sorted {
		e := g.Edges[id]
		deg[e.U+1]++
		deg[e.V+1]++
	}
	for i := 1; i <= g.N; i++ {
		deg[i] += deg[i-1]
	}
	to := make([]int, deg[g.N])
	eid := make([]int, deg[g.N])
	pos := slices.Clone(deg[:g.N])
	for _, id := range sorted {
		e := g.Edges[id]
		to[pos[e.U]], eid[pos[e.U]] = e.V, id
		pos[e.U]++
		to[pos[e.V]], eid[pos[e.V]] = e.U, id
		pos[e.V]++
	}
	t := rootedTree{parent: make([]int, g.N), pedge: make([]int, g.N)}
	for i := range t.parent {
		t.parent[i], t.pedge[i] = -2, -1
	}
	t.parent[src] = -1
	t.order = append(t.order, src)
	for q := 0; q < len(t.order); q++ {
		v := t.order[q]
		for k := deg[v]; k < deg[v+1]; k++ {
			if w := to[k]; t.parent[w] == -2 {
				t.parent[w], t.pedge[w] = v, eid[k]
				t.order = append(t.order, w)
			}
		}
	}
	return t, nil
}

// evaluate computes the solution for the given client levels on tree t.
// Levels must be 0 for clients outside t.
func (p *prep) evaluate(t rootedTree, levels []int) *Solution {
	in := p.inst
	n := in.Graph.N
	lev := make([]int, n)
	sol := &Solution{Levels: levels, Offset: -1}
	var lost float64 // Σ_j (U_j(L) − u_j(ℓ_j)), summed per client for accuracy
	for j, c := range in.Clients {
		got := 0.0
		if l := levels[j]; l > 0 {
			lev[c.Node] = max(lev[c.Node], l)
			got = c.Utility[l-1]
			sol.Utility += got
		}
		lost += math.Max(0, p.env[j][p.L]-got)
	}
	for q := len(t.order) - 1; q > 0; q-- {
		v := t.order[q]
		lev[t.parent[v]] = max(lev[t.parent[v]], lev[v])
	}
	for _, v := range t.order[1:] {
		if lev[v] == 0 {
			continue
		}
		id := t.pedge[v]
		sol.Edges = append(sol.Edges, [2]int{t.parent[v], v})
		sol.EdgeIDs = append(sol.EdgeIDs, id)
		sol.EdgeLevels = append(sol.EdgeLevels, lev[v])
		sol.Traffic += in.Graph.Edges[id].Cost * in.Rates[lev[v]-1]
	}
	sol.Cost = sol.Traffic - sol.Utility
	sol.Penalty = sol.Traffic + lost
	return sol
}

// Evaluate returns the solution that streams on the tree edgeIDs with the
// given delivered level per client (0 = not served). Edges that carry no
// demand are dropped from the result. It returns an error wrapping
// ErrBadInstance if an id is out of range or repeated, the edges contain a
// cycle, a level is outside [0, L], or a served client is not connected to
// Source by the edges. It panics if len(levels) != len(inst.Clients).
// O(n + |edgeIDs| log |edgeIDs|).
func Evaluate(inst *Instance, edgeIDs []int, levels []int) (*Solution, error) {
	if err := inst.Validate(); err != nil {
		return nil, err
	}
	if len(levels) != len(inst.Clients) {
		panic("overlay: len(levels) != len(inst.Clients)")
	}
	t, err := buildTree(inst.Graph, inst.Source, edgeIDs)
	if err != nil {
		return nil, err
	}
	for j, l := range levels {
		if l < 0 || l > len(inst.Rates) {
			return nil, fmt.Errorf("%w: level %d of client %d not in [0, %d]", ErrBadInstance, l, j, len(inst.Rates))
		}
		if l > 0 && t.parent[inst.Clients[j].Node] == -2 {
			return nil, fmt.Errorf("%w: client %d served at level %d but not connected to the source", ErrBadInstance, j, l)
		}
	}
	return newPrep(inst).evaluate(t, slices.Clone(levels)), nil
}

// TreeDP returns the optimal delivered levels on the fixed tree edgeIDs
// (§2.4 step 4): rooted at Source,
//
//	g(v, ℓ) = − Σ_{j at v} U_j(ℓ) + Σ_{children x} h(x, ℓ)
//	h(x, ℓ) = min(0, min_{1≤ℓ'≤ℓ} [c_(v,x)·r_ℓ' + g(x, ℓ')])
//
// with value g(Source, L); backtracking picks the smallest minimising level
// and cuts subtrees with h ≥ 0. The recursion is evaluated in the
// equivalent penalty form (g plus the subtree's Σ U_j(L)) so that large
// utilities do not cancel. Edges in components without Source are
// ignored. O(|F|·L) after an O(|F| log |F|) sort. Errors as Evaluate.
func TreeDP(inst *Instance, edgeIDs []int) (*Solution, error) {
	if err := inst.Validate(); err != nil {
		return nil, err
	}
	t, err := buildTree(inst.Graph, inst.Source, edgeIDs)
	if err != nil {
		return nil, err
	}
	sol, _ := newPrep(inst).treeDP(t)
	return sol, nil
}

// treeDP runs the level DP on t in penalty form (G = g + Σ U_j(L) over the
// subtree, which keeps the numbers at the scale of the penalty) and returns
// the evaluated solution and the DP value G(s, L).
func (p *prep) treeDP(t rootedTree) (*Solution, float64) {
	in := p.inst
	L := p.L
	n := in.Graph.N
	g := make([]float64, n*L)
	full := make([]float64, n) // Σ U_j(L) over the subtree
	choice := make([]int32, n*L)
	for _, v := range t.order {
		full[v] = p.top[v]
		for l := 1; l <= L; l++ {
			g[v*L+l-1] = p.lost[(L+1)*v+l]
		}
	}
	for q := len(t.order) - 1; q > 0; q-- {
		v := t.order[q]
		c := in.Graph.Edges[t.pedge[v]].Cost
		par := t.parent[v]
		full[par] += full[v]
		best, arg := math.Inf(1), 0
		for l := 1; l <= L; l++ {
			if x := c*in.Rates[l-1] + g[v*L+l-1]; x < best {
				best, arg = x, l
			}
			if best < full[v] {
				g[par*L+l-1] += best
				choice[v*L+l-1] = int32(arg)
			} else {
				g[par*L+l-1] += full[v]
				choice[v*L+l-1] = 0
			}
		}
	}
	budget := make([]int, n)
	budget[in.Source] = L
	for _, v := range t.order[1:] {
		if b := budget[t.parent[v]]; b > 0 {
			budget[v] = int(choice[v*L+b-1])
		}
	}
	levels := make([]int, len(in.Clients))
	for j, c := range in.Clients {
		if t.parent[c.Node] != -2 {
			levels[j] = p.del[j][budget[c.Node]]
		}
	}
	return p.evaluate(t, levels), g[in.Source*L+L-1]
}
