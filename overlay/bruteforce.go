package overlay

import "fmt"

// BruteForce returns an optimal solution by exhaustive search: any optimal
// tree extends to a spanning tree of the source's component and the tree DP
// gives unused parts level 0 at no cost, so OPT is the minimum of TreeDP over
// all spanning trees. It enumerates (n_s−1)-edge subsets (n_s the size of the
// source's component, self-loops excluded) in lexicographic order. It
// returns ErrTooLarge when the graph has more than 10 nodes or more than 10⁶
// candidate subsets. O(C(m, n_s−1)·n·L).
func BruteForce(inst *Instance) (*Solution, error) {
	if err := inst.Validate(); err != nil {
		return nil, err
	}
	g := inst.Graph
	if g.N > 10 {
		return nil, fmt.Errorf("%w: %d nodes > 10", ErrTooLarge, g.N)
	}
	comp := component(g, inst.Source)
	var cand []int
	ns := 0
	for _, in := range comp {
		if in {
			ns++
		}
	}
	for i, e := range g.Edges {
		if e.U != e.V && comp[e.U] {
			cand = append(cand, i)
		}
	}
	k := ns - 1
	if binom(len(cand), k) > 1e6 {
		return nil, fmt.Errorf("%w: C(%d, %d) subsets > 10⁶", ErrTooLarge, len(cand), k)
	}
	p := newPrep(inst)
	var best *Solution
	idx := make([]int, k)
	for i := range idx {
		idx[i] = i
	}
	ids := make([]int, k)
	for {
		d := newDSU(g.N)
		ok := true
		for q, i := range idx {
			ids[q] = cand[i]
			e := g.Edges[cand[i]]
			if !d.union(e.U, e.V) {
				ok = false
				break
			}
		}
		if ok {
			t, err := buildTree(g, inst.Source, ids)
			if err != nil {
				return nil, err
			}
			sol, _ := p.treeDP(t)
			if best == nil || sol.Penalty < best.Penalty {
				best = sol
			}
		}
		// Next combination.
		q := k - 1
		for q >= 0 && idx[q] == len(cand)-k+q {
			q--
		}
		if q < 0 {
			break
		}
		idx[q]++
		for r := q + 1; r < k; r++ {
			idx[r] = idx[r-1] + 1
		}
	}
	return best, nil
}

func binom(n, k int) float64 {
	if k < 0 || k > n {
		return 0
	}
	r := 1.0
	for i := 1; i <= k; i++ {
		r = r * float64(n-k+i) / float64(i)
	}
	return r
}
