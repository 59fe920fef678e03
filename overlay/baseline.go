package overlay

import (
	"container/heap"
	"math"
)

type primItem struct {
	cost float64
	eid  int
	to   int
}

type primHeap []primItem

func (h primHeap) Len() int { return len(h) }
func (h primHeap) Less(i, j int) bool {
	if h[i].cost != h[j].cost {
		return h[i].cost < h[j].cost
	}
	return h[i].eid < h[j].eid
}
func (h primHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *primHeap) Push(x any)   { *h = append(*h, x.(primItem)) }
func (h *primHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// primMST returns the edge ids of a minimum spanning tree of the component
// of s: Prim from s with a heap keyed by (cost, edge index). O(m log m).
func primMST(g Graph, a adj, s int) []int {
	in := make([]bool, g.N)
	in[s] = true
	var h primHeap
	push := func(v int) {
		for k := a.start[v]; k < a.start[v+1]; k++ {
			if !in[a.to[k]] {
				heap.Push(&h, primItem{g.Edges[a.eid[k]].Cost, a.eid[k], a.to[k]})
			}
		}
	}
	push(s)
	var ids []int
	for h.Len() > 0 {
		it := heap.Pop(&h).(primItem)
		if in[it.to] {
			continue
		}
		in[it.to] = true
		ids = append(ids, it.eid)
		push(it.to)
	}
	return ids
}

type dItem struct {
	d float64
	v int
}

type dHeap []dItem

func (h dHeap) Len() int { return len(h) }
func (h dHeap) Less(i, j int) bool {
	if h[i].d != h[j].d {
		return h[i].d < h[j].d
	}
	return h[i].v < h[j].v
}
func (h dHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *dHeap) Push(x any)   { *h = append(*h, x.(dItem)) }
func (h *dHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// dijkstra returns distances from s and the parent edge of every reached
// node (−1 for s and unreached nodes): heap keyed by (distance, node),
// relaxation on strictly smaller distance, adjacency in edge-index order.
func dijkstra(g Graph, a adj, s int) (dist []float64, pedge []int) {
	dist = make([]float64, g.N)
	pedge = make([]int, g.N)
	done := make([]bool, g.N)
	for i := range dist {
		dist[i], pedge[i] = math.Inf(1), -1
	}
	dist[s] = 0
	h := dHeap{{0, s}}
	for h.Len() > 0 {
		it := heap.Pop(&h).(dItem)
		if done[it.v] {
			continue
		}
		done[it.v] = true
		for k := a.start[it.v]; k < a.start[it.v+1]; k++ {
			w := a.to[k]
			if nd := it.d + g.Edges[a.eid[k]].Cost; nd < dist[w] {
				dist[w], pedge[w] = nd, a.eid[k]
				heap.Push(&h, dItem{nd, w})
			}
		}
	}
	return dist, pedge
}

func sptEdges(pedge []int) []int {
	var ids []int
	for _, e := range pedge {
		if e >= 0 {
			ids = append(ids, e)
		}
	}
	return ids
}

// MSTBaseline returns the paper's "minimum spanning tree streaming protocol"
// comparator (Reconstruction: the paper only names it): a minimum spanning
// tree of the source's component (Prim from Source, ties by edge index),
// every tree edge carrying r_L and every client served at level L, so
// Traffic = r_L·c(MST) and Utility = Σ_j u_j(L). LowerBound = 0 and no
// certificates. O(m log m).
func MSTBaseline(inst *Instance) (*Solution, error) {
	if err := inst.Validate(); err != nil {
		return nil, err
	}
	g := inst.Graph
	ids := primMST(g, buildAdj(g), inst.Source)
	t, err := buildTree(g, inst.Source, ids)
	if err != nil {
		return nil, err
	}
	L := len(inst.Rates)
	sol := &Solution{Origin: OriginMSTBaseline, Offset: -1, Levels: make([]int, len(inst.Clients))}
	var c float64
	for _, v := range t.order[1:] {
		id := t.pedge[v]
		sol.Edges = append(sol.Edges, [2]int{t.parent[v], v})
		sol.EdgeIDs = append(sol.EdgeIDs, id)
		sol.EdgeLevels = append(sol.EdgeLevels, L)
		c += g.Edges[id].Cost
	}
	for j, cl := range inst.Clients {
		sol.Levels[j] = L
		sol.Utility += cl.Utility[L-1]
	}
	sol.Traffic = inst.Rates[L-1] * c
	sol.Cost = sol.Traffic - sol.Utility
	sol.Penalty = sol.Traffic + lostAtTop(inst)
	return sol, nil
}

// NaiveBroadcast returns the paper's naive comparator (Reconstruction): every
// client pulls its own unicast stream at level L from Source along a
// shortest path (Dijkstra by cost, ties by node index), so
// Traffic = r_L·Σ_j dist(Source, v_j) and Utility = Σ_j u_j(L). Edges lists
// the shortest-path-tree edges used and Streams[k] the number of unicast
// streams on Edges[k]. LowerBound = 0 and no certificates. O(m log n).
func NaiveBroadcast(inst *Instance) (*Solution, error) {
	if err := inst.Validate(); err != nil {
		return nil, err
	}
	g := inst.Graph
	dist, pedge := dijkstra(g, buildAdj(g), inst.Source)
	t, err := buildTree(g, inst.Source, sptEdges(pedge))
	if err != nil {
		return nil, err
	}
	L := len(inst.Rates)
	streams := make([]int, g.N)
	sol := &Solution{Origin: OriginNaive, Offset: -1, Levels: make([]int, len(inst.Clients))}
	var d float64
	for j, cl := range inst.Clients {
		sol.Levels[j] = L
		sol.Utility += cl.Utility[L-1]
		streams[cl.Node]++
		d += dist[cl.Node]
	}
	for q := len(t.order) - 1; q > 0; q-- {
		v := t.order[q]
		streams[t.parent[v]] += streams[v]
	}
	for _, v := range t.order[1:] {
		if streams[v] == 0 {
			continue
		}
		sol.Edges = append(sol.Edges, [2]int{t.parent[v], v})
		sol.EdgeIDs = append(sol.EdgeIDs, t.pedge[v])
		sol.EdgeLevels = append(sol.EdgeLevels, L)
		sol.Streams = append(sol.Streams, streams[v])
	}
	sol.Traffic = inst.Rates[L-1] * d
	sol.Cost = sol.Traffic - sol.Utility
	sol.Penalty = sol.Traffic + lostAtTop(inst)
	return sol, nil
}

// lostAtTop returns Σ_j (U_j(L) − u_j(L)), the utility lost by serving every
// client at level L, summed per client for accuracy.
func lostAtTop(inst *Instance) float64 {
	L := len(inst.Rates)
	var lost float64
	for _, c := range inst.Clients {
		lost += envMax(c.Utility) - c.Utility[L-1]
	}
	return lost
}
