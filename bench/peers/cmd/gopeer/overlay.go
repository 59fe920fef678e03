package main

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cdnkit/cdnkit/internal/testdata"
	"github.com/cdnkit/cdnkit/overlay"
)

// overlayGraphs lists the instances written by genOverlay, in table order.
func overlayGraphs(cfg config) []string {
	names := []string{"Abilene", "Cogentco", "Colt", "GtsCe", "Interoute", "Kdl", "TataNld", "UsCarrier"}
	if cfg.quick {
		return append(names, "ASLike2000")
	}
	return append(names, "ASLike10000")
}

// genOverlay writes, per graph, in/overlay/<name>.graph ("N M" then "u v cost"
// lines) and in/overlay/<name>.terminals (root first). Topology Zoo graphs are
// read by overlay.ReadGraphML (haversine costs in km, parallel edges merged,
// largest component); the synthetic graph is overlay.ASLike(n, 2) with costs
// U[0.5, 1.5). Terminals: max(3, N/10) distinct nodes (100 on the synthetic
// graph), drawn with PCG(1, 16+i).
func genOverlay(cfg config) error {
	for i, name := range overlayGraphs(cfg) {
		rng := rand.New(rand.NewPCG(1, uint64(16+i)))
		var g overlay.Graph
		nt := 0
		if n, ok := strings.CutPrefix(name, "ASLike"); ok {
			var size int
			if _, err := fmt.Sscan(n, &size); err != nil {
				return err
			}
			var err error
			if g, err = overlay.ASLike(size, 2, rand.NewPCG(1, 1)); err != nil {
				return err
			}
			for e := range g.Edges {
				g.Edges[e].Cost = 0.5 + rng.Float64()
			}
			nt = 100
		} else {
			p, err := graphPath(cfg, name)
			if err != nil {
				fmt.Fprintf(os.Stderr, "gopeer: skipping %s: %v\n", name, err)
				continue
			}
			f, err := os.Open(p)
			if errors.Is(err, fs.ErrNotExist) {
				fmt.Fprintf(os.Stderr, "gopeer: skipping %s: shared data not available: %s\n", name, p)
				continue
			}
			if err != nil {
				return err
			}
			top, err := overlay.ReadGraphML(f, nil)
			f.Close()
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			g = top.Graph
			nt = max(3, g.N/10)
		}
		f, w, err := createFile(cfg, "overlay", name+".graph")
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%d %d\n", g.N, len(g.Edges))
		for _, e := range g.Edges {
			fmt.Fprintf(w, "%d %d %s\n", e.U, e.V, fmtG(e.Cost))
		}
		if err := closeFile(f, w); err != nil {
			return err
		}
		term := rng.Perm(g.N)[:nt]
		f, w, err = createFile(cfg, "overlay", name+".terminals")
		if err != nil {
			return err
		}
		for _, t := range term {
			fmt.Fprintf(w, "%d\n", t)
		}
		if err := closeFile(f, w); err != nil {
			return err
		}
	}
	return nil
}

func graphPath(cfg config, name string) (string, error) {
	if cfg.data != "" {
		return filepath.Join(cfg.data, "topology", name+".graphml"), nil
	}
	return testdata.Path("topology", name+".graphml")
}

func readGraph(cfg config, name string) (overlay.Graph, []int, error) {
	v, err := readFloats(cfg, "overlay", name+".graph")
	if err != nil {
		return overlay.Graph{}, nil, err
	}
	g := overlay.Graph{N: int(v[0]), Edges: make([]overlay.Edge, int(v[1]))}
	for k := range g.Edges {
		g.Edges[k] = overlay.Edge{U: int(v[2+3*k]), V: int(v[3+3*k]), Cost: v[4+3*k]}
	}
	tv, err := readFloats(cfg, "overlay", name+".terminals")
	if err != nil {
		return overlay.Graph{}, nil, err
	}
	term := make([]int, len(tv))
	for i, t := range tv {
		term[i] = int(t)
	}
	return g, term, nil
}

// runOverlay solves, per graph, the Steiner tree on the terminals as a rooted
// PCST (terminal prize 1 + Σ costs, others 0, root = first terminal, strong
// pruning; the L = 1 reduction) and the MST baseline (overlay.MSTBaseline with
// one rate of 1, so Traffic is the MST cost), recording the tree costs.
func runOverlay(cfg config) error {
	for _, name := range overlayGraphs(cfg) {
		g, term, err := readGraph(cfg, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue // skipped by genOverlay
		}
		if err != nil {
			return err
		}
		total := 0.0
		for _, e := range g.Edges {
			total += e.Cost
		}
		prizes := make([]float64, g.N)
		for _, t := range term {
			prizes[t] = 1 + total
		}
		var res *overlay.PCSTResult
		ns, err := timeIt(minTime(cfg), 1, true, func() error {
			var err error
			res, err = overlay.PCST(g, prizes, term[0], nil)
			return err
		})
		if err != nil {
			return fmt.Errorf("%s: PCST: %w", name, err)
		}
		if res.Penalty != 0 {
			return fmt.Errorf("%s: PCST dropped a terminal (penalty %g)", name, res.Penalty)
		}
		for _, t := range term {
			if _, ok := slices.BinarySearch(res.Nodes, t); !ok {
				return fmt.Errorf("%s: terminal %d not in the tree", name, t)
			}
		}
		// PCST is a 2-approximation and Kou a (2 − 2/t)-approximation of the
		// same Steiner problem: costs are compared, not required to agree.
		if err := writeResult(cfg, "overlay/steiner-"+name, ns, 0, []float64{res.Cost}); err != nil {
			return err
		}

		inst := &overlay.Instance{Graph: g, Source: term[0], Rates: []float64{1},
			Clients: []overlay.Client{{Node: term[0], Utility: []float64{0}}}}
		var sol *overlay.Solution
		ns, err = timeIt(minTime(cfg), 1, true, func() error {
			var err error
			sol, err = overlay.MSTBaseline(inst)
			return err
		})
		if err != nil {
			return fmt.Errorf("%s: MSTBaseline: %w", name, err)
		}
		if math.IsNaN(sol.Traffic) {
			return fmt.Errorf("%s: MST cost is NaN", name)
		}
		if err := writeResult(cfg, "overlay/mst-"+name, ns, 1e-12, []float64{sol.Traffic}); err != nil {
			return err
		}
	}
	return nil
}
