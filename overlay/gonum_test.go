package overlay

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// toGonum converts a graph without parallel edges to a gonum weighted graph.
func toGonum(g Graph) *simple.WeightedUndirectedGraph {
	wg := simple.NewWeightedUndirectedGraph(0, math.Inf(1))
	for v := 0; v < g.N; v++ {
		wg.AddNode(simple.Node(v))
	}
	for _, e := range g.Edges {
		wg.SetWeightedEdge(wg.NewWeightedEdge(simple.Node(e.U), simple.Node(e.V), e.Cost))
	}
	return wg
}

// TestBaselinesAgainstGonum checks the MST weight and the shortest-path
// distances behind MSTBaseline and NaiveBroadcast against gonum's
// path.Kruskal and path.DijkstraFrom (independent implementations).
func TestBaselinesAgainstGonum(t *testing.T) {
	base, err := ASLike(3000, 3, rand.NewPCG(4, 4))
	if err != nil {
		t.Fatal(err)
	}
	for trial := range 10 {
		src := rand.NewPCG(uint64(trial), 9)
		sub, _, err := SampleSubgraph(base, 50+25*trial, src)
		if err != nil {
			t.Fatal(err)
		}
		inst, err := Fig1Instance(sub, nil, src)
		if err != nil {
			t.Fatal(err)
		}
		wg := toGonum(inst.Graph)
		dst := simple.NewWeightedUndirectedGraph(0, math.Inf(1))
		wantMST := path.Kruskal(dst, wg)
		m, err := MSTBaseline(inst)
		if err != nil {
			t.Fatal(err)
		}
		rL := inst.Rates[len(inst.Rates)-1]
		sp := path.DijkstraFrom(simple.Node(inst.Source), wg)
		var wantDist float64
		for _, c := range inst.Clients {
			wantDist += sp.WeightTo(int64(c.Node))
		}
		nb, err := NaiveBroadcast(inst)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff([]float64{rL * wantMST, rL * wantDist}, []float64{m.Traffic, nb.Traffic},
			cmpopts.EquateApprox(1e-12, 0)); d != "" {
			t.Errorf("trial %d: MST, naive traffic vs gonum (-want +got):\n%s", trial, d)
		}
		var streams float64
		for k, id := range nb.EdgeIDs {
			streams += float64(nb.Streams[k]) * inst.Graph.Edges[id].Cost
		}
		if d := cmp.Diff(wantDist, streams, cmpopts.EquateApprox(1e-12, 0)); d != "" {
			t.Errorf("trial %d: Σ streams·cost vs Σ distances:\n%s", trial, d)
		}
	}
}
