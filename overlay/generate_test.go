package overlay

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// golden compares v, with floats formatted %.6g, against testdata/name.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update)", err, t.Name())
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, d)
	}
}

func g6(x float64) string { return fmt.Sprintf("%.6g", x) }

func TestGolden(t *testing.T) {
	g, err := ASLike(200, 2, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	deg := make([]int, g.N)
	for _, e := range g.Edges {
		deg[e.U]++
		deg[e.V]++
	}
	golden(t, "aslike200.golden.json", deg)

	rows, err := RunFig1(context.Background(), &Fig1Experiment{Sizes: []int{100}, Trials: 5, Seed: 1, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	r := rows[0]
	golden(t, "fig1row.golden.json", map[string]any{"N": r.N, "Trials": r.Trials, "OK": r.OK, "Violations": r.Violations,
		"Gradient": []string{g6(r.GradientMean), g6(r.GradientSD)}, "MST": []string{g6(r.MSTMean), g6(r.MSTSD)},
		"Naive": []string{g6(r.NaiveMean), g6(r.NaiveSD)}, "Ratio": g6(r.RatioMean)})

	if testing.Short() {
		return
	}
	g1, err := ASLike(1000, 2, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	inst, err := Fig1Instance(g1, nil, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Gradient(context.Background(), inst, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkCerts(t, s)
	golden(t, "gradient1000.golden.json", map[string]any{"Cost": g6(s.Cost), "Penalty": g6(s.Penalty),
		"LowerBound": g6(s.LowerBound), "Origin": s.Origin.String(), "PCSTRuns": s.PCSTRuns})
}

func TestASLike(t *testing.T) {
	g, err := ASLike(10000, 2, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	// Spec §2.7: n = 10,000, m = 2 gives 19,997 edges.
	if g.N != 10000 || len(g.Edges) != 19997 {
		t.Fatalf("N %d, %d edges", g.N, len(g.Edges))
	}
	if err := g.Validate(); err != nil {
		t.Fatal(err)
	}
	comp := component(g, 0)
	for v, ok := range comp {
		if !ok {
			t.Fatalf("node %d unreachable", v)
		}
	}
	for _, c := range [][2]int{{0, 1}, {5, 0}, {3, 3}, {3, 5}} {
		if _, err := ASLike(c[0], c[1], nil); !errors.Is(err, ErrBadSettings) {
			t.Errorf("ASLike%v: %v", c, err)
		}
	}
}

// TestGenerators: rapid properties of SampleSubgraph and Fig1Instance and
// the ordering Gradient ≤ MST, Gradient ≤ Naive on every generated instance.
func TestGenerators(t *testing.T) {
	base, err := ASLike(2000, 2, rand.NewPCG(3, 3))
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(1, 60).Draw(rt, "n")
		seed := rapid.Uint64().Draw(rt, "seed")
		src := rand.NewPCG(seed, 1)
		sub, nodes, err := SampleSubgraph(base, n, src)
		if err != nil {
			rt.Fatal(err)
		}
		if sub.N != n || len(nodes) != n {
			rt.Fatalf("sample has %d nodes, map %d", sub.N, len(nodes))
		}
		seen := map[[2]int]bool{}
		for _, e := range sub.Edges {
			k := [2]int{min(e.U, e.V), max(e.U, e.V)}
			if e.U == e.V || seen[k] {
				rt.Fatalf("self-loop or parallel edge %v", e)
			}
			seen[k] = true
		}
		for _, ok := range component(sub, 0) {
			if !ok {
				rt.Fatal("sample not connected")
			}
		}
		inst, err := Fig1Instance(sub, nil, src)
		if err != nil {
			rt.Fatal(err)
		}
		if len(inst.Clients) != n-1 {
			rt.Fatalf("%d clients for %d nodes", len(inst.Clients), n)
		}
		for _, e := range inst.Graph.Edges {
			if e.Cost < 0.5 || e.Cost > 1.5 {
				rt.Fatalf("cost %v outside [0.5, 1.5]", e.Cost)
			}
		}
		g, err := Gradient(context.Background(), inst, &Settings{K: 4})
		if err != nil {
			rt.Fatal(err)
		}
		m, err := MSTBaseline(inst)
		if err != nil {
			rt.Fatal(err)
		}
		nb, err := NaiveBroadcast(inst)
		if err != nil {
			rt.Fatal(err)
		}
		if g.Cost > m.Cost+1e-9*(1+abs(m.Cost)) || g.Cost > nb.Cost+1e-9*(1+abs(nb.Cost)) {
			rt.Fatalf("Gradient %v MST %v Naive %v", g.Cost, m.Cost, nb.Cost)
		}
	})
	if _, _, err := SampleSubgraph(base, 2001, nil); !errors.Is(err, ErrBadSettings) {
		t.Errorf("n > N: %v", err)
	}
	two := Graph{N: 4, Edges: []Edge{{0, 1, 1}, {2, 3, 1}}}
	if _, _, err := SampleSubgraph(two, 3, rand.NewPCG(1, 1)); !errors.Is(err, ErrBadSettings) {
		t.Errorf("small component: %v", err)
	}
	for _, c := range []Fig1Config{{CostMin: 2, CostMax: 1}, {AlphaMax: -1}, {CostMin: -1, CostMax: 1}} {
		if _, err := Fig1Instance(two, &c, nil); !errors.Is(err, ErrBadSettings) {
			t.Errorf("Fig1Config %+v: %v", c, err)
		}
	}
	if _, err := Fig1Instance(two, nil, rand.NewPCG(1, 1)); !errors.Is(err, ErrUnreachable) {
		t.Errorf("disconnected graph: %v", err)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestRunFig1(t *testing.T) {
	base, err := ASLike(3000, 2, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	e := &Fig1Experiment{Base: base, Sizes: []int{25, 75}, Trials: 4, Seed: 2, K: 4, Workers: 1}
	rows, err := RunFig1(context.Background(), e)
	if err != nil {
		t.Fatal(err)
	}
	e.Workers = 3
	rows3, err := RunFig1(context.Background(), e)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(rows, rows3); d != "" {
		t.Errorf("worker count changed the result:\n%s", d)
	}
	for _, r := range rows {
		if r.Violations != 0 || r.Trials != 4 || !(r.GradientMean < r.MSTMean) {
			t.Errorf("row %+v", r)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := RunFig1(ctx, e); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := RunFig1(context.Background(), &Fig1Experiment{Trials: -1}); !errors.Is(err, ErrBadSettings) {
		t.Errorf("Trials -1: %v", err)
	}
}
