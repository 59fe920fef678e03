package timeslot

import (
	"math"
	"sort"
)

// Repair returns an exactly feasible point of the model built from any x (typically the solver's primal) and
// its welfare (the max-form objective), which is therefore a lower bound on the component's LP optimum.
//
// Reconstruction (spec timeslot.md §2.6): clip x to the boxes (non-finite entries to the lower bound); scale
// down the columns of each violated Cap row by C/Σ, then the draws of each violated Hub row; then per video
// user forward in t: cut the slot's inflow y_t (scaling its columns) so that Σ y ≤ D_j, set
// b̂ = b_{t−1} + y_t, played p = min(w_t, b̂), stall s = w_t − p, b_t = b̂ − p, and if b_t > B̄_j cut y_t by the
// excess. It panics with "timeslot: length mismatch" when len(x) ≠ len(m.Columns). O(nonzeros).
func (m *Model) Repair(x []float64) (feasible []float64, welfare float64) {
	p := m.Problem
	if len(x) != len(m.Columns) {
		panic("timeslot: length mismatch")
	}
	z := make([]float64, len(x))
	for j, v := range x {
		lo, up := p.Lower[j], p.Upper[j]
		switch {
		case math.IsNaN(v) || v < lo:
			v = lo
		case v > up:
			v = up
		}
		z[j] = v
	}
	a := p.A
	scaleRow := func(i int, pos bool, f float64) {
		for q := a.RowPtr[i]; q < a.RowPtr[i+1]; q++ {
			if (a.Val[q] > 0) == pos {
				z[a.ColIdx[q]] *= f
			}
		}
	}
	for pass := RowCapacity; pass <= RowHub; pass++ {
		for i, row := range m.Rows {
			if row.Kind != pass {
				continue
			}
			var in, out float64 // positive and negative parts of the row activity
			for q := a.RowPtr[i]; q < a.RowPtr[i+1]; q++ {
				v := a.Val[q] * z[a.ColIdx[q]]
				if v > 0 {
					in += v
				} else {
					out -= v
				}
			}
			budget := p.RowUpper[i] + out
			if in > budget {
				f := 0.0
				if in > 0 && budget > 0 {
					f = budget / in
				}
				scaleRow(i, true, f)
			}
		}
	}
	isIn := func(col int) bool { k := m.Columns[col].Kind; return k == ColFlow || k == ColDraw }
	inflow := func(i int) float64 {
		s := 0.0
		for q := a.RowPtr[i]; q < a.RowPtr[i+1]; q++ {
			if c := int(a.ColIdx[q]); isIn(c) {
				s += z[c]
			}
		}
		return s
	}
	scaleIn := func(i int, f float64) {
		for q := a.RowPtr[i]; q < a.RowPtr[i+1]; q++ {
			if c := int(a.ColIdx[q]); isIn(c) {
				z[c] *= f
			}
		}
	}
	for _, v := range m.videos {
		cum, bprev := 0.0, 0.0
		for k, i := range v.buf {
			y := inflow(i)
			if cum+y > v.d {
				f := 0.0
				if y > 0 && v.d > cum {
					f = (v.d - cum) / y
				}
				scaleIn(i, f)
				y = inflow(i)
			}
			w := v.w[k]
			bh := bprev + y
			pl := math.Min(w, bh)
			if bt := bh - pl; bt > v.bbar {
				f := 0.0
				if y > 0 {
					f = math.Max(0, (y-(bt-v.bbar))/y)
				}
				scaleIn(i, f)
				y = inflow(i)
				bh = bprev + y
				pl = math.Min(w, bh)
			}
			cum += y
			bt := math.Min(math.Max(bh-pl, 0), v.bbar)
			z[v.bcol[k]] = bt
			z[v.scol[k]] = w - pl
			bprev = bt
		}
	}
	for j, c := range p.C {
		welfare -= c * z[j]
	}
	return z, welfare
}

// PlanFlow is the planned content (s) that Downloader fetches for Owner in slot Slot, with its
// content-weighted mean bitrate Rate (Mbps).
type PlanFlow struct {
	Downloader, Owner, Slot int
	Content, Rate           float64
}

// Plan is the repaired LP schedule: flows sorted by (Downloader, Owner, Slot), for slots of Slot seconds.
type Plan struct {
	Slot  float64
	Flows []PlanFlow
}

// addPlan accumulates the flows of a repaired point z of m into acc, splitting hub flows by the north-west
// corner rule over senders (ascending) and receivers (by owner, then level).
func (m *Model) addPlan(acc map[[3]int]*[2]float64, z []float64) {
	add := func(i, j, t int, content, data float64) {
		if content <= 0 {
			return
		}
		key := [3]int{i, j, t}
		e := acc[key]
		if e == nil {
			e = new([2]float64)
			acc[key] = e
		}
		e[0] += content
		e[1] += data
	}
	type piece struct {
		user, level int
		rate, data  float64
	}
	var sends, draws []piece
	flush := func(t int) {
		si := 0
		for _, d := range draws {
			need := d.data
			for need > 0 && si < len(sends) {
				take := math.Min(need, sends[si].data)
				add(sends[si].user, d.user, t, take/d.rate, take)
				need -= take
				sends[si].data -= take
				if sends[si].data <= 0 {
					si++
				}
			}
		}
		sends, draws = sends[:0], draws[:0]
	}
	curT, curH := -1, -1
	for k, c := range m.Columns {
		if c.Kind == ColSend || c.Kind == ColDraw {
			if c.Slot != curT || c.Hotspot != curH {
				flush(curT)
				curT, curH = c.Slot, c.Hotspot
			}
		}
		switch c.Kind {
		case ColFlow:
			rate := m.rate(c)
			add(c.Downloader, c.Owner, c.Slot, z[k], z[k]*rate)
		case ColSend:
			if z[k] > 0 {
				sends = append(sends, piece{user: c.Downloader, data: z[k]})
			}
		case ColDraw:
			if z[k] > 0 {
				rate := m.rate(c)
				draws = append(draws, piece{user: c.Owner, level: c.Level, rate: rate, data: z[k] * rate})
			}
		}
	}
	flush(curT)
}

func planFrom(slot float64, acc map[[3]int]*[2]float64) *Plan {
	pl := &Plan{Slot: slot, Flows: make([]PlanFlow, 0, len(acc))}
	for k, e := range acc {
		pl.Flows = append(pl.Flows, PlanFlow{Downloader: k[0], Owner: k[1], Slot: k[2], Content: e[0], Rate: e[1] / e[0]})
	}
	sort.Slice(pl.Flows, func(a, b int) bool {
		x, y := pl.Flows[a], pl.Flows[b]
		if x.Downloader != y.Downloader {
			return x.Downloader < y.Downloader
		}
		if x.Owner != y.Owner {
			return x.Owner < y.Owner
		}
		return x.Slot < y.Slot
	})
	return pl
}

// rate returns the bitrate (Mbps) of a flow or draw column.
func (m *Model) rate(c Column) float64 { return m.ladders[c.Owner][c.Level] }
