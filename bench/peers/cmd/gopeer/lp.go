package main

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/cdnkit/cdnkit/timeslot/lp"
)

// lpInstance is one generated fluid LP.
type lpInstance struct {
	users, video, levels, slots int
}

func (c lpInstance) name() string {
	return fmt.Sprintf("u%d-v%d-q%d-t%d", c.users, c.video, c.levels, c.slots)
}

// lpInstances lists the LPs, smallest (the single-user instance) first.
func lpInstances(cfg config) []lpInstance {
	l := []lpInstance{{1, 1, 5, 500}, {5, 5, 5, 500}}
	if !cfg.quick {
		l = append(l, lpInstance{10, 5, 5, 500}, lpInstance{20, 10, 5, 500})
	}
	return l
}

// lpTol is the relative tolerance lp.Solve runs to (the timeslot default).
const lpTol = 1e-6

// buildLP returns the flow-form fluid LP of spec/timeslot.md §2.3 under full
// cooperation with every user always in range (Reconstruction for the
// harness: the timeslot package that builds the LP from traces is not used,
// so the data are synthetic). Users 0..video−1 watch a video over the whole
// horizon (w_jt = 1 s per 1 s slot); ladder r = (0.4, 1, 2.5, 5, 8) Mbps
// truncated to levels; C_it = exp(N(1.5, 0.5²)) Mbit with 5 % of the slots
// at zero; welfare per content second a_ijqt = ln(1 + r_q/r_0) − r_q·π_ij
// with π_jj = 0.02 and π_ij ~ U[0.05, 0.1) per Mbit; stall penalty ρ = 2 per
// s; D_j = 0.9·T s; B̄ = 40 s. Columns b_jt, s_jt (j, t ascending), then
// flows z_ijqt by (i, t, j, q); rows Cap (i, t), Buf (j, t), Len j; the
// objective is minimised (−welfare).
func buildLP(c lpInstance, seed uint64) (*lp.Problem, error) {
	rng := rand.New(rand.NewPCG(1, seed))
	ladder := []float64{0.4, 1, 2.5, 5, 8}[:c.levels]
	capac := make([][]float64, c.users)
	for i := range capac {
		capac[i] = make([]float64, c.slots)
		for t := range capac[i] {
			if rng.Float64() >= 0.05 {
				capac[i][t] = math.Exp(1.5 + 0.5*rng.NormFloat64())
			}
		}
	}
	price := make([][]float64, c.users)
	for i := range price {
		price[i] = make([]float64, c.video)
		for j := range price[i] {
			price[i][j] = 0.05 + 0.05*rng.Float64()
			if i == j {
				price[i][j] = 0.02
			}
		}
	}
	const (
		rho  = 2.0
		bBar = 40.0
		w    = 1.0
	)
	d := 0.9 * float64(c.slots)
	var (
		cost, lower, upper []float64
		trip               []lp.Triplet
		rowLo, rowUp       []float64
	)
	addCol := func(obj, lo, up float64) int {
		cost = append(cost, obj)
		lower = append(lower, lo)
		upper = append(upper, up)
		return len(cost) - 1
	}
	// Row indices: Cap rows first (only for slots with capacity), then Buf, then Len.
	capRow := make([][]int, c.users)
	nrow := 0
	for i := range capRow {
		capRow[i] = make([]int, c.slots)
		for t := range capRow[i] {
			capRow[i][t] = -1
			if capac[i][t] > 0 {
				capRow[i][t] = nrow
				rowLo = append(rowLo, math.Inf(-1))
				rowUp = append(rowUp, capac[i][t])
				nrow++
			}
		}
	}
	bufRow := func(j, t int) int { return nrow + j*c.slots + t }
	for range c.video * c.slots {
		rowLo = append(rowLo, -w)
		rowUp = append(rowUp, -w)
	}
	lenRow := func(j int) int { return nrow + c.video*c.slots + j }
	for range c.video {
		rowLo = append(rowLo, math.Inf(-1))
		rowUp = append(rowUp, d)
	}
	for j := range c.video {
		for t := range c.slots {
			b := addCol(0, 0, bBar)
			s := addCol(rho, 0, w)
			trip = append(trip, lp.Triplet{Row: bufRow(j, t), Col: b, Val: 1}, lp.Triplet{Row: bufRow(j, t), Col: s, Val: -1})
			if t+1 < c.slots {
				trip = append(trip, lp.Triplet{Row: bufRow(j, t+1), Col: b, Val: -1})
			}
		}
	}
	for i := range c.users {
		for t := range c.slots {
			if capac[i][t] == 0 {
				continue
			}
			for j := range c.video {
				for _, r := range ladder {
					a := math.Log1p(r/ladder[0]) - r*price[i][j]
					ub := math.Min(capac[i][t]/r, math.Min(d, bBar+w))
					z := addCol(-a, 0, ub)
					trip = append(trip,
						lp.Triplet{Row: capRow[i][t], Col: z, Val: r},
						lp.Triplet{Row: bufRow(j, t), Col: z, Val: -1},
						lp.Triplet{Row: lenRow(j), Col: z, Val: 1})
				}
			}
		}
	}
	a, err := lp.NewCSR(len(rowLo), len(cost), trip)
	if err != nil {
		return nil, err
	}
	p := &lp.Problem{C: cost, A: a, RowLower: rowLo, RowUpper: rowUp, Lower: lower, Upper: upper}
	return p, p.Validate()
}

// namedLP is an LP with the name of its work row.
type namedLP struct {
	name string
	p    *lp.Problem
}

// genLP writes in/lp/<name>.mps with lp.WriteMPS for every instance: the
// harness's own flow-form LPs and those of package timeslot (timeslotLPs),
// and in/lp/list.txt with their names in table order.
func genLP(cfg config) error {
	var all []namedLP
	ts, err := timeslotLPs(cfg)
	if err != nil {
		return fmt.Errorf("lp: timeslot instances: %w", err)
	}
	all = append(all, ts...)
	for k, c := range lpInstances(cfg) {
		p, err := buildLP(c, uint64(19+k))
		if err != nil {
			return fmt.Errorf("lp %s: %w", c.name(), err)
		}
		all = append(all, namedLP{c.name(), p})
	}
	list, lw, err := createFile(cfg, "lp", "list.txt")
	if err != nil {
		return err
	}
	for _, c := range all {
		fmt.Fprintln(lw, c.name)
	}
	if err := closeFile(list, lw); err != nil {
		return err
	}
	for _, c := range all {
		p := c.p
		f, w, err := createFile(cfg, "lp", c.name+".mps")
		if err != nil {
			return err
		}
		if err := lp.WriteMPS(w, p); err != nil {
			f.Close()
			return err
		}
		if err := closeFile(f, w); err != nil {
			return err
		}
	}
	return nil
}

// runLP reads each MPS file of in/lp/list.txt with lp.ReadMPS (untimed) and
// times lp.Solve to relative tolerance lpTol, recording the objective.
func runLP(cfg config) error {
	b, err := os.ReadFile(filepath.Join(cfg.dir, "in", "lp", "list.txt"))
	if err != nil {
		return err
	}
	for _, name := range strings.Fields(string(b)) {
		f, err := os.Open(filepath.Join(cfg.dir, "in", "lp", name+".mps"))
		if err != nil {
			return err
		}
		p, err := lp.ReadMPS(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("lp %s: %w", name, err)
		}
		var sol *lp.Solution
		ns, err := timeIt(minTime(cfg), 1, false, func() error {
			var err error
			sol, err = lp.Solve(context.Background(), p, &lp.Settings{Tol: lpTol})
			return err
		})
		if err != nil {
			return fmt.Errorf("lp %s: %w", name, err)
		}
		if sol.Status != lp.Optimal {
			return fmt.Errorf("lp %s: status %v", name, sol.Status)
		}
		// The peers solve to simplex/IPM optimality (≈1e-9); PDLP stops at lpTol.
		if err := writeResult(cfg, "lp/"+name, ns, 1e-5, []float64{sol.Objective}); err != nil {
			return err
		}
	}
	return nil
}
