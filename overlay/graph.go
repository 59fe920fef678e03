package overlay

import (
	"errors"
	"fmt"
	"math"
	"strconv"
)

// Sentinel errors. Every error returned by the package wraps one of them (or
// is an *InstanceError or *ParseError, which unwrap to ErrBadInstance and
// ErrFormat).
var (
	ErrBadGraph    = errors.New("overlay: invalid graph")
	ErrBadInstance = errors.New("overlay: invalid instance")
	ErrBadSettings = errors.New("overlay: invalid settings")
	ErrBadRoot     = errors.New("overlay: root out of range")
	ErrUnreachable = errors.New("overlay: client not reachable from source")
	ErrTooLarge    = errors.New("overlay: instance too large for exact search")
	ErrFormat      = errors.New("overlay: malformed input")
)

// InstanceError reports an invalid field of an Instance: Field names it
// ("Rates", "Source", "Clients.Node", "Clients.Utility", "Scale", …), Index is
// the offending element (−1 when not applicable) and Value the bad number.
// It unwraps to ErrBadInstance.
type InstanceError struct {
	Field string
	Index int
	Value float64
}

func (e *InstanceError) Error() string {
	return "overlay: invalid instance: " + e.Field + "[" + strconv.Itoa(e.Index) + "] = " +
		strconv.FormatFloat(e.Value, 'g', -1, 64)
}

// Unwrap returns ErrBadInstance.
func (e *InstanceError) Unwrap() error { return ErrBadInstance }

// ParseError reports malformed loader input. Line is the 1-based line for the
// line-based formats and the byte offset for GraphML. It unwraps to ErrFormat.
type ParseError struct {
	Format string
	Line   int
	Msg    string
}

func (e *ParseError) Error() string {
	where := "line "
	if e.Format == "graphml" {
		where = "byte offset "
	}
	return "overlay: " + e.Format + ": " + where + strconv.Itoa(e.Line) + ": " + e.Msg
}

// Unwrap returns ErrFormat.
func (e *ParseError) Unwrap() error { return ErrFormat }

// Edge is an undirected link between nodes U and V with a cost in $ per Mbps.
type Edge struct {
	U, V int
	Cost float64
}

// Graph is an undirected multigraph on nodes 0..N−1. Self-loops are ignored by
// every algorithm; parallel edges are allowed.
type Graph struct {
	N     int
	Edges []Edge
}

// Validate reports whether g is well formed: N ≥ 1, endpoints in [0, N) and
// every Cost finite and ≥ 0. Errors wrap ErrBadGraph and name the edge.
func (g Graph) Validate() error {
	if g.N < 1 {
		return fmt.Errorf("%w: N = %d < 1", ErrBadGraph, g.N)
	}
	for i, e := range g.Edges {
		if e.U < 0 || e.U >= g.N || e.V < 0 || e.V >= g.N {
			return fmt.Errorf("%w: edge %d endpoint (%d, %d) out of [0, %d)", ErrBadGraph, i, e.U, e.V, g.N)
		}
		if math.IsNaN(e.Cost) || math.IsInf(e.Cost, 0) || e.Cost < 0 {
			return fmt.Errorf("%w: edge %d cost %v is not finite and ≥ 0", ErrBadGraph, i, e.Cost)
		}
	}
	return nil
}

// Client is a user of the stream at Node; Utility[ℓ−1] = u_j(ℓ) is the value
// in $ of receiving level ℓ (len = L). Utilities need not be monotone.
type Client struct {
	Node    int
	Utility []float64
}

// Instance is one GRADIENT problem: the CDN graph, the stream Source, the
// rate ladder Rates (Mbps, strictly increasing, > 0) and the Clients.
type Instance struct {
	Graph   Graph
	Source  int
	Rates   []float64
	Clients []Client
}

func finiteNonNeg(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) && x >= 0 }

// Validate checks the instance (graph, source, rates, clients, reachability
// of every client from Source and overflow of the cost scale: Σ_e c_e·r_L
// and FullUtility must stay finite with a head room of 128 and 4). It returns
// an *InstanceError, an error wrapping ErrBadGraph, or one wrapping
// ErrUnreachable. It panics on a nil receiver.
func (in *Instance) Validate() error {
	if in == nil {
		panic("overlay: nil instance")
	}
	if err := in.Graph.Validate(); err != nil {
		return err
	}
	if in.Source < 0 || in.Source >= in.Graph.N {
		return &InstanceError{"Source", -1, float64(in.Source)}
	}
	if len(in.Rates) == 0 {
		return &InstanceError{"Rates", -1, 0}
	}
	for i, r := range in.Rates {
		if math.IsNaN(r) || math.IsInf(r, 0) || r <= 0 || (i > 0 && r <= in.Rates[i-1]) {
			return &InstanceError{"Rates", i, r}
		}
	}
	L := len(in.Rates)
	for j, c := range in.Clients {
		if c.Node < 0 || c.Node >= in.Graph.N {
			return &InstanceError{"Clients.Node", j, float64(c.Node)}
		}
		if len(c.Utility) != L {
			return &InstanceError{"Clients.Utility", j, float64(len(c.Utility))}
		}
		for _, u := range c.Utility {
			if !finiteNonNeg(u) {
				return &InstanceError{"Clients.Utility", j, u}
			}
		}
	}
	// Overflow guard with head room: class weights reach a·r_L (a ≤ 64) and
	// Penalty adds Traffic and utility.
	var sum float64
	for _, e := range in.Graph.Edges {
		sum += e.Cost
	}
	if math.IsInf(sum*in.Rates[L-1]*128, 0) || math.IsInf(4*in.FullUtility(), 0) {
		return &InstanceError{"Scale", -1, math.Inf(1)}
	}
	comp := component(in.Graph, in.Source)
	for j, c := range in.Clients {
		if !comp[c.Node] {
			return fmt.Errorf("%w: client %d at node %d", ErrUnreachable, j, c.Node)
		}
	}
	return nil
}

// FullUtility returns Σ_j U_j(L), the utility of serving every client its
// best level; Penalty = Cost + FullUtility.
func (in *Instance) FullUtility() float64 {
	var s float64
	for _, c := range in.Clients {
		s += envMax(c.Utility)
	}
	return s
}

func envMax(u []float64) float64 {
	m := 0.0
	for _, x := range u {
		m = math.Max(m, x)
	}
	return m
}

// envelope returns U(ℓ) = max_{ℓ'≤ℓ} u(ℓ') for ℓ = 0..L (index ℓ) and the
// delivered level del[ℓ]: the smallest ℓ' ≤ ℓ with u(ℓ') = U(ℓ), 0 if U(ℓ) = 0.
func envelope(u []float64) (env []float64, del []int) {
	env = make([]float64, len(u)+1)
	del = make([]int, len(u)+1)
	for l := 1; l <= len(u); l++ {
		env[l], del[l] = env[l-1], del[l-1]
		if u[l-1] > env[l] {
			env[l], del[l] = u[l-1], l
		}
	}
	return env, del
}

// adjacency lists, in edge-index order, self-loops skipped.
type adj struct {
	start []int // CSR offsets, len N+1
	to    []int
	eid   []int
}

func buildAdj(g Graph) adj {
	deg := make([]int, g.N+1)
	for _, e := range g.Edges {
		if e.U != e.V {
			deg[e.U+1]++
			deg[e.V+1]++
		}
	}
	for i := 1; i <= g.N; i++ {
		deg[i] += deg[i-1]
	}
	a := adj{start: deg, to: make([]int, deg[g.N]), eid: make([]int, deg[g.N])}
	pos := append([]int(nil), deg[:g.N]...)
	for i, e := range g.Edges {
		if e.U == e.V {
			continue
		}
		a.to[pos[e.U]], a.eid[pos[e.U]] = e.V, i
		pos[e.U]++
		a.to[pos[e.V]], a.eid[pos[e.V]] = e.U, i
		pos[e.V]++
	}
	return a
}

// component marks the nodes reachable from s.
func component(g Graph, s int) []bool {
	a := buildAdj(g)
	seen := make([]bool, g.N)
	seen[s] = true
	stack := []int{s}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for k := a.start[v]; k < a.start[v+1]; k++ {
			if w := a.to[k]; !seen[w] {
				seen[w] = true
				stack = append(stack, w)
			}
		}
	}
	return seen
}

// dsu is a union–find structure with path halving and union by size.
type dsu struct{ p, sz []int }

func newDSU(n int) *dsu {
	d := &dsu{p: make([]int, n), sz: make([]int, n)}
	for i := range d.p {
		d.p[i], d.sz[i] = i, 1
	}
	return d
}

func (d *dsu) find(x int) int {
	for d.p[x] != x {
		d.p[x] = d.p[d.p[x]]
		x = d.p[x]
	}
	return x
}

func (d *dsu) union(x, y int) bool {
	x, y = d.find(x), d.find(y)
	if x == y {
		return false
	}
	if d.sz[x] < d.sz[y] {
		x, y = y, x
	}
	d.p[y] = x
	d.sz[x] += d.sz[y]
	return true
}
