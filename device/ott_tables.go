package device

import (
	"math/rand/v2"
)

// yValue returns Y_ij for local indices i, j of group gr.
func (r *OTTRun) yValue(gr *ottGroupResult, m, i, j int, d float64, mode YMode) float64 {
	if mode == YHit {
		return float64(gr.h[i*m+j]) / d
	}
	return gr.sh[i*m+j] / d
}

// SupplyDemand returns the supply–demand matrix Y of the whole population as triplets with
// global indices, sorted by (row, col), without zeros and without the diagonal, ready for
// game.CSRFromTriplets(N, row, col, val). Y_ij = Sh_ij/D_i (YShare) or H_ij/D_i (YHit), and a row
// with D_i = 0 is empty (spec §2.5; Reconstruction: the paper uses Y without defining it).
// Entries lie in [0, 1]; YShare rows sum to HitRatio(i). O(N·G).
func (r *OTTRun) SupplyDemand(mode YMode) (row, col []int, val []float64) {
	nnz := 0
	for g := range r.groups {
		gr := &r.groups[g]
		m := gr.hi - gr.lo
		for k, h := range gr.h {
			if h != 0 && r.stats[gr.lo+k/m].Demand != 0 {
				nnz++
			}
		}
	}
	row, col, val = make([]int, 0, nnz), make([]int, 0, nnz), make([]float64, 0, nnz)
	for g := range r.groups {
		gr := &r.groups[g]
		m := gr.hi - gr.lo
		for i := 0; i < m; i++ {
			d := r.stats[gr.lo+i].Demand
			if d == 0 {
				continue
			}
			for j := 0; j < m; j++ {
				if i == j || gr.h[i*m+j] == 0 {
					continue
				}
				row = append(row, gr.lo+i)
				col = append(col, gr.lo+j)
				val = append(val, r.yValue(gr, m, i, j, float64(d), mode))
			}
		}
	}
	return row, col, val
}

// GroupSupplyDemand returns group g's Y as a dense G×G matrix in local indices (OTT lo+i is row
// i). It panics if g is out of range. O(G²).
func (r *OTTRun) GroupSupplyDemand(g int, mode YMode) [][]float64 {
	if g < 0 || g >= len(r.groups) {
		panic("device: group out of range")
	}
	gr := &r.groups[g]
	m := gr.hi - gr.lo
	y := make([][]float64, m)
	flat := make([]float64, m*m)
	for i := range y {
		y[i] = flat[i*m : i*m+m]
		d := r.stats[gr.lo+i].Demand
		if d == 0 {
			continue
		}
		for j := range y[i] {
			if i != j && gr.h[i*m+j] != 0 {
				y[i][j] = r.yValue(gr, m, i, j, float64(d), mode)
			}
		}
	}
	return y
}

// OTTFetch is a group's delivery record over the slots [From, To): Table[j][i] = 1 if OTT j
// (local index) served OTT i at least one item in the window, else 0, with the diagonal
// FetchMissing; row j is OTT j's fetch table for em (em.CountRows gives s_j and m_j = G−1).
// Items[j][i] counts the items j served i, the quantity the ledger settles, and Last[j][i] is the
// last slot in which j served i (−1 if none), which names the item a settlement refers to.
type OTTFetch struct {
	From, To int
	Table    [][]int8
	Items    [][]int
	Last     [][]int
}

// FetchTable replays group g's recorded requests over the window [from, to) under the
// contributions d (d_j ∈ [0,1] is the share of its upload capacity OTT j offers, e.g. from
// game.BRUA) and returns who served whom (spec §2.6).
//
// Reconstruction (delivery schedule): rf := rand.New(src) (nil src: math/rand/v2's top-level
// Float64); for t = from..to−1, for each requester i of the group in ascending order with network
// demand at t, and for each holder j ∈ S_i(t) ascending, u := rf.Float64() and j serves i one item
// if u < d_j. Each holder serves independently with probability d_j, the peers that agree split
// the item, and if none agrees the CDN serves it. The number of draws does not depend on d, so
// Items is monotone in each d_j for a fixed src, and d ∈ {0,1}^G gives a deterministic table.
//
// It panics if g is out of range or len(d) differs from the group size. A d_j that is NaN or
// outside [0,1] gives an *OTTConfigError{Field: "d", Index: j}; a window with from ≥ to or not
// inside Recorded() ∩ [Warmup, T) gives ErrBadWindow. O((to−from+B)·G·(B + G/64) + Σ|S| + G²).
func (r *OTTRun) FetchTable(g int, d []float64, from, to int, src rand.Source) (*OTTFetch, error) {
	if g < 0 || g >= len(r.groups) {
		panic("device: group out of range")
	}
	gr := &r.groups[g]
	m := gr.hi - gr.lo
	if len(d) != m {
		panic("device: len(d) != group size")
	}
	for j, x := range d {
		if !(x >= 0 && x <= 1) {
			return nil, ottErr("d", j, "%v outside [0, 1]", x)
		}
	}
	if from >= to || from < r.recFrom || to > r.cfg.Slots || from < r.cfg.warm() {
		return nil, ErrBadWindow
	}
	var uniform func() float64 = rand.Float64
	if src != nil {
		uniform = rand.New(src).Float64
	}
	f := &OTTFetch{From: from, To: to, Table: make([][]int8, m), Items: make([][]int, m), Last: make([][]int, m)}
	tflat := make([]int8, m*m)
	iflat := make([]int, 2*m*m)
	for j := range f.Table {
		f.Table[j] = tflat[j*m : j*m+m]
		f.Items[j] = iflat[j*m : j*m+m]
		f.Last[j] = iflat[(m+j)*m : (m+j)*m+m]
		for i := range f.Last[j] {
			f.Last[j][i] = -1
		}
		f.Table[j][j] = FetchMissing
	}
	n := r.cfg.OTTs
	buf := newOTTBuffers(m, r.cfg.BufferSlots, r.videos)
	var hs []int32
	for t := max(r.tailStart, from-r.cfg.BufferSlots); t < to; t++ {
		reqs := r.tail[(t-r.tailStart)*n+gr.lo : (t-r.tailStart)*n+gr.hi]
		if t >= from {
			for i, v := range reqs {
				if v < 0 || buf.holds(v, i) {
					continue
				}
				hs = buf.holders(hs[:0], v, i)
				for _, j := range hs {
					if uniform() < d[j] {
						f.Items[j][i]++
						f.Table[j][i] = 1
						f.Last[j][i] = t
					}
				}
			}
		}
		for i, v := range reqs {
			buf.push(i, t, v)
		}
	}
	return f, nil
}
