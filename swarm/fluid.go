package swarm

import (
	"fmt"
	"time"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// Bound is the result of FluidBound. Rates are bytes per second. X[h][s] is
// the optimal rate of multi-swarm host h into swarm s; Y[s] the optimal rate
// of swarm s; PerSwarmCap[s] = min(n_s C̄_s, R̄_s + C̄_s, D̄_s), what s can get
// without any multi-swarm host.
type Bound struct {
	Total       float64
	Y           []float64
	X           map[int]map[int]float64
	PerSwarmCap []float64
}

// FluidBound returns an upper bound F* on the mean aggregate download
// bandwidth over [from, to] of any policy on sc, the optimum of the fluid LP
//
//	max Σ_s y_s
//	s.t. y_s ≤ n_s · (C̄_s + Σ_{h∈M, s∈Cached_h} x_hs)   (injection)
//	     y_s ≤ R̄_s + C̄_s + Σ_{h∈M, s∈S_h} x_hs        (upload into s)
//	     y_s ≤ D̄_s                                    (download capacity)
//	     Σ_{s∈S_h} x_hs ≤ Ū_h,  x ≥ 0,  y ≥ 0
//
// where, over the window, n_s is the number of distinct members of s, R̄_s
// the time-averaged upload capacity of its single-swarm members, C̄_s that of
// its single-swarm cachers (hosts with S_h = Cached_h = {s}), D̄_s the
// time-averaged download capacity of its members, and M the multi-swarm hosts
// with time-averaged capacities Ū_h. Swarms without a caching host get y_s = 0.
//
// Proof sketch: members start empty, so cumulative downloads of s are at most
// n_s times the bytes injected by hosts that cache s, at most the bytes
// uploaded into s, and at most the download capacity; the time averages of
// any feasible per-step allocation satisfy the constraints. The bound assumes
// that the window starts from the empty state (true of every scenario built
// by this package for from = 0) and is not achievable: block granularity and
// propagation delay keep real swarms well below it.
//
// Reconstruction: a standard fluid argument; the LP is not in the paper. It
// is solved with gonum's dense simplex (lp.Simplex) in standard form with one
// slack per row as the initial basis, rates in KB/s for scaling; a download
// row that cannot bind (D̄_s ≥ R̄_s + C̄_s + Σ Ū_h of the hosts serving s) is
// left out, which shrinks the library LP by about a third.
// Complexity O(iterations × rows³). FluidBound returns an error wrapping
// ErrInvalidScenario for an invalid scenario or window, and one wrapping
// ErrNoBound when the simplex fails.
func FluidBound(sc *Scenario, from, to time.Duration) (*Bound, error) {
	if sc == nil {
		panic("swarm: nil scenario")
	}
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	if from < 0 || to > sc.Duration || from >= to {
		return nil, scErr(-1, -1, "window", "[%v, %v] is empty or outside [0, %v]", from, to, sc.Duration)
	}
	ns := len(sc.Swarms)
	span := float64(to - from)
	frac := func(h *Host) float64 {
		end := h.Leave
		if end == 0 || end > to {
			end = to
		}
		start := max(h.Join, from)
		if end <= start {
			return 0
		}
		return float64(end-start) / span
	}
	n := make([]float64, ns)
	R := make([]float64, ns)
	C := make([]float64, ns)
	D := make([]float64, ns)
	multi := sc.MultiSwarmHosts()
	isMulti := make([]bool, len(sc.Hosts))
	for _, h := range multi {
		isMulti[h] = true
	}
	cachedByM := make([]bool, ns)
	for h := range sc.Hosts {
		hh := &sc.Hosts[h]
		f := frac(hh)
		if hh.Swarm >= 0 && f > 0 {
			n[hh.Swarm]++
			D[hh.Swarm] += f * float64(hh.Down) / 1000
			if !isMulti[h] {
				R[hh.Swarm] += f * float64(hh.Up) / 1000
			}
		}
		if !isMulti[h] && hh.Swarm < 0 && len(hh.Cached) == 1 {
			C[hh.Cached[0]] += f * float64(hh.Up) / 1000
		}
		if isMulti[h] {
			for _, s := range hh.Cached {
				cachedByM[s] = true
			}
		}
	}
	incl := make([]int, ns) // row block index of an included swarm, -1 excluded
	nin := 0
	bd := &Bound{Y: make([]float64, ns), X: make(map[int]map[int]float64), PerSwarmCap: make([]float64, ns)}
	for s := 0; s < ns; s++ {
		incl[s] = -1
		if n[s] > 0 {
			bd.PerSwarmCap[s] = 1000 * min(n[s]*C[s], R[s]+C[s], D[s])
			if C[s] > 0 || cachedByM[s] {
				incl[s] = nin
				nin++
			}
		}
	}
	type xvar struct{ hi, h, s int }
	var xs []xvar
	hostRow := make([]int, len(multi))
	nh := 0
	for i, h := range multi {
		hostRow[i] = -1
		for _, s := range serveSet(&sc.Hosts[h]) {
			if incl[s] >= 0 {
				xs = append(xs, xvar{i, h, s})
			}
		}
		if len(xs) > 0 && xs[len(xs)-1].hi == i {
			hostRow[i] = nh
			nh++
		}
	}
	if nin == 0 {
		return bd, nil
	}
	// The download row of s is redundant (and left out) when D̄_s cannot bind:
	// D̄_s ≥ R̄_s + C̄_s + Σ Ū_h over the multi-swarm hosts serving s.
	maxIn := make([]float64, ns)
	for _, x := range xs {
		hh := &sc.Hosts[x.h]
		maxIn[x.s] += frac(hh) * float64(hh.Up) / 1000
	}
	rowOf := make([][3]int, ns)
	rows := nh
	for s := 0; s < ns; s++ {
		if incl[s] < 0 {
			continue
		}
		rowOf[s] = [3]int{rows, rows + 1, -1}
		rows += 2
		if D[s] < R[s]+C[s]+maxIn[s] {
			rowOf[s][2] = rows
			rows++
		}
	}
	nx := len(xs)
	cols := nx + nin + rows
	A := mat.NewDense(rows, cols, nil)
	b := make([]float64, rows)
	c := make([]float64, cols)
	yCol := func(blk int) int { return nx + blk }
	for s := 0; s < ns; s++ {
		blk := incl[s]
		if blk < 0 {
			continue
		}
		c[yCol(blk)] = -1
		rhs := [3]float64{n[s] * C[s], R[s] + C[s], D[s]}
		for r, row := range rowOf[s] {
			if row >= 0 {
				A.Set(row, yCol(blk), 1)
				b[row] = rhs[r]
			}
		}
	}
	for k, x := range xs {
		hh := &sc.Hosts[x.h]
		r := hostRow[x.hi]
		A.Set(r, k, 1)
		b[r] = frac(hh) * float64(hh.Up) / 1000
		if x.s != hh.Swarm {
			A.Set(rowOf[x.s][0], k, -n[x.s])
		}
		A.Set(rowOf[x.s][1], k, -1)
	}
	basic := make([]int, rows)
	for r := 0; r < rows; r++ {
		A.Set(r, nx+nin+r, 1)
		basic[r] = nx + nin + r
	}
	opt, z, err := lp.Simplex(c, A, b, 1e-10, basic)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNoBound, err)
	}
	bd.Total = -opt * 1000
	for s := 0; s < ns; s++ {
		if blk := incl[s]; blk >= 0 {
			bd.Y[s] = z[yCol(blk)] * 1000
		}
	}
	for k, x := range xs {
		if bd.X[x.h] == nil {
			bd.X[x.h] = make(map[int]float64)
		}
		bd.X[x.h][x.s] = z[k] * 1000
	}
	return bd, nil
}
