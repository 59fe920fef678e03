package timeslot

import (
	"fmt"
	"math"
	"sort"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/timeslot/lp"
)

// ColKind is the kind of an LP column.
type ColKind int

// Column kinds.
const (
	ColFlow   ColKind = iota // z_ijqt: content seconds of level q downloaded by i for j in slot t
	ColSend                  // x_iht: Mbit that i sends into hub (h, t)
	ColDraw                  // h_jqht: content seconds of level q that j draws from hub (h, t)
	ColBuffer                // b_jt: buffer of j at the end of slot t (s)
	ColStall                 // s_jt: stall of j in slot t (s)
)

// RowKind is the kind of an LP row.
type RowKind int

// Row kinds.
const (
	RowCapacity RowKind = iota // Cap_it: data of i in slot t ≤ C_it
	RowHub                     // Hub_ht: data drawn ≤ data sent
	RowBuffer                  // Buf_jt: buffer balance of j in slot t
	RowLength                  // Len_j: content of j ≤ K_j L_j
)

// Column describes an LP column; fields that do not apply are −1.
type Column struct {
	Kind                                    ColKind
	Downloader, Owner, Level, Slot, Hotspot int
}

// Row describes an LP row; fields that do not apply are −1.
type Row struct {
	Kind                RowKind
	User, Slot, Hotspot int
}

// Model is the LP of one connected component of the encounter graph, in the min form handed to the solver:
// Problem.C is the negated welfare per unit of each column, so the component's welfare optimum is
// −(min cᵀx). Columns and Rows describe the entries of Problem in canonical order (spec timeslot.md §2.3): per
// component, columns b_jt, s_jt for video users j ascending and t ascending (interleaved), then flows by
// (downloader, slot, owner, level); in the hub form then, per slot and hotspot ascending, the sends by sender
// and the draws by (owner, level). Rows: Cap (i, t), then Hub (t, h), then Buf (j, t), then Len j.
//
// A Model is immutable after Build returns it and safe for concurrent use.
type Model struct {
	Problem *lp.Problem // min form of spec §2.6
	Columns []Column
	Rows    []Row
	Users   []int
	Form    Form
	Slot    float64

	videos  []videoRows
	ladders map[int][]float64 // owner → ladder (Mbps)
}

// videoRows indexes one video user's rows and columns for Repair.
type videoRows struct {
	first      int       // first slot
	buf        []int     // Buf row of slot first+k
	bcol, scol []int     // b and s columns of slot first+k
	w          []float64 // viewing time in slot first+k
	lenRow     int
	d, bbar    float64
}

// slotData holds the per-slot quantities of spec §2.1 for a scenario.
type slotData struct {
	sc       *device.Scenario
	n, T     int
	slot, h  float64
	t0, t1   []float64
	c, cmax  [][]float64 // [i][t]: Mbit, Mbps
	w        [][]float64 // [j][t]: s, nil for users without video
	tf, tl   []int       // first and last slot of j's window (tl < tf: none)
	d, bbar  []float64
	form     Form
	mode     device.Cooperation
	enc      [][][]bool // flow form, trace mobility: enc[j][i][t] = E_ijt (nil: use mode)
	hubs     [][]hub    // hub form: hubs of slot t
	lambdaE  float64
	pi       [][]float64 // hub form: sender price per Mbit
	exactHub bool
}

type hub struct {
	h       int
	members []int
}

// prepare validates the scenario and settings and computes the slot data.
func prepare(sc *device.Scenario, s *Settings) (*slotData, *resolved, error) {
	if sc == nil {
		panic("timeslot: nil scenario")
	}
	if err := sc.Validate(); err != nil {
		return nil, nil, fmt.Errorf("timeslot: %w", err)
	}
	h := sc.HorizonOrDefault()
	r, err := resolve(s, h)
	if err != nil {
		return nil, nil, err
	}
	n := len(sc.Users)
	sd := &slotData{sc: sc, n: n, slot: r.slot, h: h, lambdaE: sc.LambdaE, mode: sc.Mobility.Mode()}
	nv := len(sc.VideoUsers())
	if h > 0 && nv > 0 {
		sd.T = int(math.Ceil((h - 1e-9*h) / r.slot))
		if sd.T < 1 {
			sd.T = 1
		}
		// Conservative pre-check before the per-slot arrays are allocated: the model has 2·V·T buffer and
		// stall columns, and the N·T slot data should not dwarf the column budget either.
		if 2*nv*sd.T > r.maxCols || n*sd.T > 4*r.maxCols {
			return nil, nil, fmt.Errorf("%w: %d users × %d slots (%d video users) exceed %d columns", ErrTooLarge,
				n, sd.T, nv, r.maxCols)
		}
	}
	T := sd.T
	sd.t0 = make([]float64, T)
	sd.t1 = make([]float64, T)
	for t := range T {
		sd.t0[t] = float64(t) * r.slot
		sd.t1[t] = math.Min(float64(t+1)*r.slot, h)
	}
	if T > 0 {
		// The ceiling's tolerance may leave a sliver (< 1e-9·H) after the last boundary: the last slot
		// absorbs it, so every instant of [0, H) lies in a slot and the relaxation stays valid.
		sd.t1[T-1] = h
	}
	sd.c = make([][]float64, n)
	sd.cmax = make([][]float64, n)
	sd.w = make([][]float64, n)
	sd.tf = make([]int, n)
	sd.tl = make([]int, n)
	sd.d = make([]float64, n)
	sd.bbar = make([]float64, n)
	for i := range n {
		u := &sc.Users[i]
		ci := make([]float64, T)
		mi := make([]float64, T)
		for t := range T {
			if sd.t1[t] <= sd.t0[t] {
				continue
			}
			m := u.Trace.MaxOn(sd.t0[t], sd.t1[t])
			if m > 0 {
				c := u.Trace.Integral(sd.t0[t], sd.t1[t])
				if c > 0 {
					ci[t], mi[t] = c, m
				}
			}
		}
		sd.c[i], sd.cmax[i] = ci, mi
		sd.tf[i], sd.tl[i] = 0, -1
		if u.Video == nil {
			continue
		}
		sd.d[i] = u.Video.Length()
		sd.bbar[i] = u.Video.MaxBuffer + r.slack
		s0, e0 := sc.Window(i)
		wi := make([]float64, T)
		first, last := -1, -1
		for t := range T {
			v := math.Min(sd.t1[t], e0) - math.Max(sd.t0[t], s0)
			if v > 0 {
				wi[t] = v
				if first < 0 {
					first = t
				}
				last = t
			}
		}
		if first >= 0 {
			sd.w[i] = wi
			sd.tf[i], sd.tl[i] = first, last
		}
	}
	sd.exactHub = hubExact(sc, r.slot, n)
	sd.form = r.form
	if sd.form == FormAuto {
		if sd.exactHub {
			sd.form = FormHub
		} else {
			sd.form = FormFlow
		}
	}
	if sd.form == FormFlow {
		sd.prepareEncounters()
	} else {
		sd.prepareHubs()
	}
	return sd, r, nil
}

// hubExact reports whether every location change lies within 1e-9 of a slot boundary.
func hubExact(sc *device.Scenario, slot float64, n int) bool {
	m := sc.Mobility
	switch m.Mode() {
	case device.CoopFull, device.CoopNone:
		return true
	}
	for i := range n {
		for _, t := range m.Changes(i) {
			k := math.Round(t / slot)
			if math.Abs(t-k*slot) > 1e-9 {
				return false
			}
		}
	}
	return true
}

func (sd *slotData) active(j, t int) bool { return sd.w[j] != nil && t >= sd.tf[j] && t <= sd.tl[j] }

// encountered reports E_ijt for the flow form.
func (sd *slotData) encountered(i, j, t int) bool {
	if i == j {
		return true
	}
	switch {
	case sd.enc != nil:
		return sd.enc[j][i][t]
	case sd.mode == device.CoopFull:
		return true
	}
	return false
}

func (sd *slotData) prepareEncounters() {
	switch sd.mode {
	case device.CoopFull, device.CoopNone:
		return
	}
	m := sd.sc.Mobility
	sd.enc = make([][][]bool, sd.n)
	for j := range sd.n {
		if sd.w[j] == nil {
			continue
		}
		sd.enc[j] = make([][]bool, sd.n)
		for i := range sd.n {
			if i == j {
				continue
			}
			e := make([]bool, sd.T)
			for t := sd.tf[j]; t <= sd.tl[j]; t++ {
				if sd.c[i][t] > 0 {
					e[t] = m.EncounteredDuring(i, j, sd.t0[t], sd.t1[t])
				}
			}
			sd.enc[j][i] = e
		}
	}
}

// prepareHubs computes the groups G_ht and the sender prices of the hub form.
func (sd *slotData) prepareHubs() {
	sd.hubs = make([][]hub, sd.T)
	sd.pi = make([][]float64, sd.n)
	for i := range sd.n {
		p := make([]float64, sd.T)
		other := 0
		if i == 0 && sd.n > 1 {
			other = 1
		}
		for t := range sd.T {
			if sd.cmax[i][t] > 0 && sd.n > 1 {
				cell, wifi, _ := sd.sc.FlowEnergy(i, other, 1, 1/sd.cmax[i][t])
				p[t] = sd.lambdaE * (cell + wifi)
			}
		}
		sd.pi[i] = p
	}
	if sd.mode == device.CoopNone || sd.n < 2 {
		return
	}
	groups := make([]map[int][]int, sd.T)
	add := func(t, h, i int) {
		if groups[t] == nil {
			groups[t] = map[int][]int{}
		}
		g := groups[t][h]
		if len(g) == 0 || g[len(g)-1] != i {
			groups[t][h] = append(g, i)
		}
	}
	if sd.mode == device.CoopFull {
		for t := range sd.T {
			for i := range sd.n {
				add(t, 1, i)
			}
		}
	} else {
		m := sd.sc.Mobility
		for i := range sd.n {
			for _, st := range m.Stays(i) {
				a, b := math.Max(st.Start, 0), math.Min(st.End, sd.h)
				if b <= a {
					continue
				}
				t0 := int(math.Floor(a / sd.slot))
				for t := max(t0, 0); t < sd.T && sd.t0[t] < b; t++ {
					if sd.t1[t] > a {
						add(t, st.Hotspot, i)
					}
				}
			}
		}
	}
	for t := range sd.T {
		hs := make([]int, 0, len(groups[t]))
		for h := range groups[t] {
			hs = append(hs, h)
		}
		sort.Ints(hs)
		for _, h := range hs {
			mem := groups[t][h]
			sort.Ints(mem)
			if len(mem) < 2 {
				continue
			}
			send, draw := false, false
			for _, i := range mem {
				send = send || sd.c[i][t] > 0
				draw = draw || sd.active(i, t)
			}
			if send && draw {
				sd.hubs[t] = append(sd.hubs[t], hub{h: h, members: mem})
			}
		}
	}
}

// components returns the connected components (sorted user lists, ordered by smallest member) that contain a
// video user.
func (sd *slotData) components() [][]int {
	parent := make([]int, sd.n)
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	union := func(a, b int) {
		ra, rb := find(a), find(b)
		if ra < rb {
			parent[rb] = ra
		} else if rb < ra {
			parent[ra] = rb
		}
	}
	if sd.form == FormFlow {
		for j := range sd.n {
			if sd.w[j] == nil {
				continue
			}
			for i := range sd.n {
				if i == j || find(i) == find(j) {
					continue
				}
				for t := sd.tf[j]; t <= sd.tl[j]; t++ {
					if sd.c[i][t] > 0 && sd.encountered(i, j, t) {
						union(i, j)
						break
					}
				}
			}
		}
	} else {
		for t := range sd.T {
			for _, hb := range sd.hubs[t] {
				first := -1
				for _, i := range hb.members {
					if sd.c[i][t] > 0 || sd.active(i, t) {
						if first < 0 {
							first = i
						} else {
							union(first, i)
						}
					}
				}
			}
		}
	}
	byRoot := map[int][]int{}
	var roots []int
	for i := range sd.n {
		r := find(i)
		if _, ok := byRoot[r]; !ok {
			roots = append(roots, r)
		}
		byRoot[r] = append(byRoot[r], i)
	}
	var out [][]int
	for _, r := range roots {
		mem := byRoot[r]
		hasVideo := false
		for _, i := range mem {
			hasVideo = hasVideo || sd.w[i] != nil
		}
		if hasVideo {
			out = append(out, mem)
		}
	}
	return out
}

// builder enumerates one component's LP in canonical order; with count set it only counts.
type builder struct {
	sd    *slotData
	users []int
	count bool

	cols, rows, nnz int
	err             error // first non-finite number met

	capRow map[[2]int]int // (i, t) → row
	hubRow map[[2]int]int // (t, hub index) → row
	bufRow map[[2]int]int // (j, t) → row
	lenRow map[int]int

	// outputs
	c, lo, up []float64
	colPtr    []int
	rowIdx    []int32
	val       []float64
	colMeta   []Column
	rowMeta   []Row
	rl, ru    []float64
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func (b *builder) numErr(what string, v float64, meta any) {
	if b.err == nil {
		b.err = fmt.Errorf("%w: %s = %v at %+v", ErrNumeric, what, v, meta)
	}
}

func (b *builder) addRow(meta Row, l, u float64) int {
	if !finite(u) || (!finite(l) && !math.IsInf(l, -1)) {
		b.numErr("row bound", u, meta)
	}
	k := b.rows
	b.rows++
	if !b.count {
		b.rowMeta = append(b.rowMeta, meta)
		b.rl = append(b.rl, l)
		b.ru = append(b.ru, u)
	}
	return k
}

func (b *builder) addCol(meta Column, cost, lo, up float64, rows []int32, vals []float64) {
	b.cols++
	b.nnz += len(rows)
	if !finite(cost) {
		b.numErr("objective", -cost, meta)
	}
	if !finite(up) || !(up >= lo) {
		b.numErr("column bound", up, meta)
	}
	for _, v := range vals {
		if !finite(v) {
			b.numErr("coefficient", v, meta)
		}
	}
	if b.count {
		return
	}
	b.colMeta = append(b.colMeta, meta)
	b.c = append(b.c, cost)
	b.lo = append(b.lo, lo)
	b.up = append(b.up, up)
	b.rowIdx = append(b.rowIdx, rows...)
	b.val = append(b.val, vals...)
	b.colPtr = append(b.colPtr, len(b.rowIdx))
}

// flowOK reports whether the flow (i, j, t) exists in the current form.
func (b *builder) flowOK(i, j, t int) bool {
	sd := b.sd
	if sd.c[i][t] <= 0 || !sd.active(j, t) {
		return false
	}
	if sd.form == FormHub {
		return i == j
	}
	return sd.encountered(i, j, t)
}

func (b *builder) run() {
	sd, sc := b.sd, b.sd.sc
	b.capRow = map[[2]int]int{}
	b.hubRow = map[[2]int]int{}
	b.bufRow = map[[2]int]int{}
	b.lenRow = map[int]int{}
	var videos []int
	for _, j := range b.users {
		if sd.w[j] != nil {
			videos = append(videos, j)
		}
	}
	// Rows: Cap (i, t).
	sendsIn := map[[2]int]bool{}
	if sd.form == FormHub {
		for t := range sd.T {
			for _, hb := range sd.hubs[t] {
				for _, i := range hb.members {
					if sd.c[i][t] > 0 && b.hubInComp(t, hb) {
						sendsIn[[2]int{i, t}] = true
					}
				}
			}
		}
	}
	for _, i := range b.users {
		for t := range sd.T {
			if sd.c[i][t] <= 0 {
				continue
			}
			used := sendsIn[[2]int{i, t}]
			for _, j := range videos {
				if used {
					break
				}
				used = b.flowOK(i, j, t)
			}
			if used {
				b.capRow[[2]int{i, t}] = b.addRow(Row{RowCapacity, i, t, -1}, math.Inf(-1), sd.c[i][t])
			}
		}
	}
	// Rows: Hub (t, h).
	if sd.form == FormHub {
		for t := range sd.T {
			for k, hb := range sd.hubs[t] {
				if b.hubInComp(t, hb) {
					b.hubRow[[2]int{t, k}] = b.addRow(Row{RowHub, -1, t, hb.h}, math.Inf(-1), 0)
				}
			}
		}
	}
	for _, j := range videos {
		for t := sd.tf[j]; t <= sd.tl[j]; t++ {
			w := sd.w[j][t]
			b.bufRow[[2]int{j, t}] = b.addRow(Row{RowBuffer, j, t, -1}, -w, -w)
		}
	}
	for _, j := range videos {
		b.lenRow[j] = b.addRow(Row{RowLength, j, -1, -1}, math.Inf(-1), sd.d[j])
	}
	// Columns: b_jt, s_jt.
	var rows [3]int32
	var vals [3]float64
	for _, j := range videos {
		rho := sc.Users[j].Rho
		for t := sd.tf[j]; t <= sd.tl[j]; t++ {
			br := b.bufRow[[2]int{j, t}]
			rows[0], vals[0] = int32(br), 1
			k := 1
			if t < sd.tl[j] {
				rows[1], vals[1] = int32(b.bufRow[[2]int{j, t + 1}]), -1
				k = 2
			}
			b.addCol(Column{ColBuffer, -1, j, -1, t, -1}, 0, 0, sd.bbar[j], rows[:k], vals[:k])
			rows[0], vals[0] = int32(br), -1
			b.addCol(Column{ColStall, -1, j, -1, t, -1}, rho, 0, sd.w[j][t], rows[:1], vals[:1])
		}
	}
	// Columns: flows (i, t, j, q).
	for _, i := range b.users {
		for t := range sd.T {
			for _, j := range videos {
				if !b.flowOK(i, j, t) {
					continue
				}
				v := sc.Users[j].Video
				lj := v.SegLen
				cr := int32(b.capRow[[2]int{i, t}])
				br := int32(b.bufRow[[2]int{j, t}])
				lr := int32(b.lenRow[j])
				for q, r := range v.Ladder {
					a := sc.SegmentValue(j, q)/lj - sc.ContentCost(i, j, q, sd.cmax[i][t])
					ub := math.Min(math.Min(sd.c[i][t]/r, sd.d[j]), sd.bbar[j]+sd.w[j][t])
					rows = [3]int32{cr, br, lr}
					vals = [3]float64{r, -1, 1}
					b.addCol(Column{ColFlow, i, j, q, t, -1}, -a, 0, ub, rows[:], vals[:])
				}
			}
		}
	}
	// Columns: sends and draws per hub.
	if sd.form == FormHub {
		for t := range sd.T {
			for k, hb := range sd.hubs[t] {
				hr, ok := b.hubRow[[2]int{t, k}]
				if !ok {
					continue
				}
				total := 0.0
				for _, i := range hb.members {
					if sd.c[i][t] > 0 {
						total += sd.c[i][t]
						rows[0], vals[0] = int32(b.capRow[[2]int{i, t}]), 1
						rows[1], vals[1] = int32(hr), -1
						b.addCol(Column{ColSend, i, -1, -1, t, hb.h}, sd.pi[i][t], 0, sd.c[i][t], rows[:2], vals[:2])
					}
				}
				for _, j := range hb.members {
					if !sd.active(j, t) {
						continue
					}
					v := sc.Users[j].Video
					rx := sc.LambdaE * sc.Users[j].Energy.WiFiRxVolume
					br := int32(b.bufRow[[2]int{j, t}])
					lr := int32(b.lenRow[j])
					for q, r := range v.Ladder {
						obj := sc.SegmentValue(j, q)/v.SegLen - rx*r
						ub := math.Min(math.Min(total/r, sd.d[j]), sd.bbar[j]+sd.w[j][t])
						rows = [3]int32{int32(hr), br, lr}
						vals = [3]float64{r, -1, 1}
						b.addCol(Column{ColDraw, -1, j, q, t, hb.h}, -obj, 0, ub, rows[:], vals[:])
					}
				}
			}
		}
	}
}

func (b *builder) inComp(i int) bool {
	k := sort.SearchInts(b.users, i)
	return k < len(b.users) && b.users[k] == i
}

// hubInComp reports whether hub hb of slot t belongs to the component: its members with columns (senders
// and active video users) were all joined into one component.
func (b *builder) hubInComp(t int, hb hub) bool {
	for _, i := range hb.members {
		if b.sd.c[i][t] > 0 || b.sd.active(i, t) {
			return b.inComp(i)
		}
	}
	return false
}

// model assembles the Model from a finished (non-counting) builder.
func (b *builder) model() (*Model, error) {
	n, m := b.cols, b.rows
	at := lp.CSR{Rows: n, Cols: m, RowPtr: make([]int, n+1), ColIdx: b.rowIdx, Val: b.val}
	copy(at.RowPtr[1:], b.colPtr)
	a := at.T()
	p := &lp.Problem{C: b.c, A: a, RowLower: b.rl, RowUpper: b.ru, Lower: b.lo, Upper: b.up}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("timeslot: internal model error: %w", err)
	}
	md := &Model{Problem: p, Columns: b.colMeta, Rows: b.rowMeta, Users: b.users, Form: b.sd.form, Slot: b.sd.slot}
	sd := b.sd
	md.ladders = map[int][]float64{}
	colOf := map[[3]int]int{} // (kind, j, t) → column for b and s
	for k, c := range b.colMeta {
		if c.Kind == ColBuffer || c.Kind == ColStall {
			colOf[[3]int{int(c.Kind), c.Owner, c.Slot}] = k
		}
	}
	for _, j := range b.users {
		if sd.w[j] == nil {
			continue
		}
		vr := videoRows{first: sd.tf[j], lenRow: b.lenRow[j], d: sd.d[j], bbar: sd.bbar[j]}
		for t := sd.tf[j]; t <= sd.tl[j]; t++ {
			vr.buf = append(vr.buf, b.bufRow[[2]int{j, t}])
			vr.bcol = append(vr.bcol, colOf[[3]int{int(ColBuffer), j, t}])
			vr.scol = append(vr.scol, colOf[[3]int{int(ColStall), j, t}])
			vr.w = append(vr.w, sd.w[j][t])
		}
		md.videos = append(md.videos, vr)
		md.ladders[j] = sd.sc.Users[j].Video.Ladder
	}
	return md, nil
}

// Build returns the LP of every connected component of sc's encounter graph that contains a video user, in
// component order (by smallest member id). It returns the scenario's validation error wrapped
// (errors.Is(err, device.ErrInvalidScenario)), ErrBadSettings for invalid settings and ErrTooLarge when the
// total column count exceeds Settings.MaxColumns (checked before the matrices are allocated). It panics on a
// nil scenario. Time O(columns + T·N·log(pieces)); memory O(nonzeros).
//
// Slots: T = ⌈H/Δ⌉ with a 1e-9·H tolerance before the ceiling, slot t = [tΔ, min((t+1)Δ, H)). Reconstruction
// (soundness guards): the last slot ends at H, absorbing a sliver that the tolerance leaves, and every slot with
// positive viewing time w_jt is kept (a cut at w < 1e-12 s would drop valued content on tiny horizons and
// break the bound), so every instant of every viewing window lies in a slot. FormAuto picks FormHub when every
// location change lies within 1e-9 of a slot boundary (always for CoopFull and CoopNone), FormFlow otherwise.
// Entries that overflow (valid but extreme scenario numbers) give ErrNumeric.
func Build(sc *device.Scenario, s *Settings) ([]*Model, error) {
	sd, r, err := prepare(sc, s)
	if err != nil {
		return nil, err
	}
	return sd.build(r)
}

func (sd *slotData) build(r *resolved) ([]*Model, error) {
	comps := sd.components()
	total := 0
	for _, u := range comps {
		b := &builder{sd: sd, users: u, count: true}
		b.run()
		if b.err != nil {
			return nil, b.err
		}
		total += b.cols
	}
	if total > r.maxCols {
		return nil, fmt.Errorf("%w: %d columns > %d", ErrTooLarge, total, r.maxCols)
	}
	out := make([]*Model, 0, len(comps))
	for _, u := range comps {
		b := &builder{sd: sd, users: u}
		b.run()
		md, err := b.model()
		if err != nil {
			return nil, err
		}
		out = append(out, md)
	}
	return out, nil
}

// Count returns the total numbers of columns, rows and nonzeros of the models Build would return, without
// allocating the matrices. Errors as Build, except that MaxColumns only guards the per-slot arrays
// (ErrTooLarge when 2·V·T > MaxColumns or N·T > 4·MaxColumns), not the column total.
func Count(sc *device.Scenario, s *Settings) (columns, rows, nonzeros int, err error) {
	sd, _, err := prepare(sc, s)
	if err != nil {
		return 0, 0, 0, err
	}
	for _, u := range sd.components() {
		b := &builder{sd: sd, users: u, count: true}
		b.run()
		columns += b.cols
		rows += b.rows
		nonzeros += b.nnz
	}
	return columns, rows, nonzeros, nil
}
