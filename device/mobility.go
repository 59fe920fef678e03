package device

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Stay is a user's stay in hotspot Hotspot ≥ 1 during the half-open interval [Start, End).
// Outside every stay the user is in the non-hotspot area 0.
type Stay struct {
	Hotspot    int
	Start, End float64
}

// Cooperation is a mobility mode.
type Cooperation int

// Mobility modes.
const (
	CoopFull    Cooperation = iota // every pair always encountered (the paper's "full cooperation")
	CoopISFLike                    // stays from the ISFLike hotspot preset
	CoopNWFLike                    // stays from the NWFLike hotspot preset
	CoopNone                       // no pair ever encountered (the paper's "non-cooperative")
	CoopTrace                      // stays given by the caller
)

// String returns "full", "isf", "nwf", "none" or "trace".
func (c Cooperation) String() string {
	switch c {
	case CoopFull:
		return "full"
	case CoopISFLike:
		return "isf"
	case CoopNWFLike:
		return "nwf"
	case CoopNone:
		return "none"
	case CoopTrace:
		return "trace"
	}
	return "Cooperation(" + strconv.Itoa(int(c)) + ")"
}

// Mobility says where users are and who meets whom. Encounter (the paper, §3.1):
//
//	e_ij(t) = 1  iff  loc_i(t) = loc_j(t) ≠ 0,   and e_ii(t) = 1.
//
// A nil *Mobility means no cooperation: every method accepts a nil receiver and answers as
// NoCooperation of any size (Mode CoopNone, Users 0, no stays, location 0, e_ij = [i = j]).
// A Mobility is immutable and safe for concurrent use.
type Mobility struct {
	mode    Cooperation
	n       int
	stays   [][]Stay
	changes [][]float64
}

// FullCooperation returns the mobility of n users that always meet (all in hotspot 1).
func FullCooperation(n int) *Mobility { return &Mobility{mode: CoopFull, n: max(n, 0)} }

// NoCooperation returns the mobility of n users that never meet (all in area 0).
func NoCooperation(n int) *Mobility { return &Mobility{mode: CoopNone, n: max(n, 0)} }

// NewMobility returns the CoopTrace mobility of len(stays) users; stays[i] are user i's stays,
// sorted and disjoint, with hotspot ≥ 1 and finite 0 ≤ Start < End. It copies the slices. The
// error wraps ErrBadMobility.
func NewMobility(stays [][]Stay) (*Mobility, error) {
	m := &Mobility{mode: CoopTrace, n: len(stays), stays: make([][]Stay, len(stays)), changes: make([][]float64, len(stays))}
	for i, ss := range stays {
		for k, s := range ss {
			if s.Hotspot < 1 {
				return nil, fmt.Errorf("%w: user %d stay %d: hotspot %d < 1", ErrBadMobility, i, k, s.Hotspot)
			}
			if !finite(s.Start) || !finite(s.End) || s.Start < 0 || !(s.Start < s.End) {
				return nil, fmt.Errorf("%w: user %d stay %d: interval [%g, %g) needs finite 0 ≤ start < end", ErrBadMobility, i, k, s.Start, s.End)
			}
			if k > 0 && s.Start < ss[k-1].End {
				return nil, fmt.Errorf("%w: user %d stay %d: [%g, %g) overlaps or precedes the previous stay [%g, %g)",
					ErrBadMobility, i, k, s.Start, s.End, ss[k-1].Start, ss[k-1].End)
			}
		}
		m.stays[i] = slices.Clone(ss)
		m.changes[i] = stayChanges(ss)
	}
	return m, nil
}

func stayChanges(ss []Stay) []float64 {
	var ch []float64
	for k, s := range ss {
		if !(k > 0 && ss[k-1].End == s.Start) {
			ch = append(ch, s.Start)
		}
		if k+1 < len(ss) && ss[k+1].Start == s.End {
			if ss[k+1].Hotspot != s.Hotspot {
				ch = append(ch, s.End)
			}
			continue
		}
		ch = append(ch, s.End)
	}
	return ch
}

// Users returns the number of users (0 for nil).
func (m *Mobility) Users() int {
	if m == nil {
		return 0
	}
	return m.n
}

// Mode returns the mobility mode (CoopNone for nil).
func (m *Mobility) Mode() Cooperation {
	if m == nil {
		return CoopNone
	}
	return m.mode
}

// Stays returns user i's stays (nil for nil, CoopFull and CoopNone). The slice must not be
// modified. It panics if i is out of range on a non-nil receiver.
func (m *Mobility) Stays(i int) []Stay {
	if m == nil {
		return nil
	}
	if i < 0 || i >= m.n {
		panic("device: user out of range")
	}
	if m.stays == nil {
		return nil
	}
	return m.stays[i]
}

// Changes returns the sorted times at which user i's location changes (nil without stays).
func (m *Mobility) Changes(i int) []float64 {
	if m == nil || m.changes == nil || i < 0 || i >= m.n {
		return nil
	}
	return m.changes[i]
}

// Location returns user i's hotspot at t, 0 outside every stay, 1 for CoopFull and 0 for
// CoopNone, nil or an out-of-range user. It takes O(log stays).
func (m *Mobility) Location(i int, t float64) int {
	if m == nil || i < 0 || i >= m.n {
		return 0
	}
	switch m.mode {
	case CoopFull:
		return 1
	case CoopNone:
		return 0
	}
	ss := m.stays[i]
	k := sort.Search(len(ss), func(k int) bool { return ss[k].End > t })
	if k < len(ss) && ss[k].Start <= t {
		return ss[k].Hotspot
	}
	return 0
}

// Encountered reports e_ij(t).
func (m *Mobility) Encountered(i, j int, t float64) bool {
	if i == j {
		return true
	}
	if m == nil || i < 0 || j < 0 || i >= m.n || j >= m.n {
		return false
	}
	switch m.mode {
	case CoopFull:
		return true
	case CoopNone:
		return false
	}
	l := m.Location(i, t)
	return l != 0 && l == m.Location(j, t)
}

// EncounteredDuring reports whether e_ij(t) = 1 at some instant of [t0, t1) (false when the
// interval is empty and i ≠ j).
func (m *Mobility) EncounteredDuring(i, j int, t0, t1 float64) bool {
	if i == j {
		return true
	}
	if m == nil || i < 0 || j < 0 || i >= m.n || j >= m.n || !(t1 > t0) {
		return false
	}
	switch m.mode {
	case CoopFull:
		return true
	case CoopNone:
		return false
	}
	for _, a := range m.stays[i] {
		if a.End <= t0 || a.Start >= t1 {
			continue
		}
		for _, b := range m.stays[j] {
			if b.Hotspot != a.Hotspot {
				continue
			}
			lo := math.Max(t0, math.Max(a.Start, b.Start))
			hi := math.Min(t1, math.Min(a.End, b.End))
			if lo < hi {
				return true
			}
		}
	}
	return false
}

// EncounteredThroughout reports whether e_ij(t) = 1 at every instant of [t0, t1) (true when
// the interval is empty).
func (m *Mobility) EncounteredThroughout(i, j int, t0, t1 float64) bool {
	if i == j || !(t1 > t0) {
		return true
	}
	if m == nil || i < 0 || j < 0 || i >= m.n || j >= m.n {
		return false
	}
	switch m.mode {
	case CoopFull:
		return true
	case CoopNone:
		return false
	}
	t := t0
	for t < t1 {
		a, ok := stayAt(m.stays[i], t)
		if !ok {
			return false
		}
		b, ok := stayAt(m.stays[j], t)
		if !ok || a.Hotspot != b.Hotspot {
			return false
		}
		t = math.Min(a.End, b.End)
	}
	return true
}

func stayAt(ss []Stay, t float64) (Stay, bool) {
	k := sort.Search(len(ss), func(k int) bool { return ss[k].End > t })
	if k < len(ss) && ss[k].Start <= t {
		return ss[k], true
	}
	return Stay{}, false
}

// HotspotModel is the synthetic hotspot mobility model (the paper §3.1, after Camp et al.
// 2002): each user alternates exponential stays in one of Hotspots hotspots (mean MeanStay s)
// and exponential transitions in area 0 (mean MeanTransit s).
type HotspotModel struct {
	Hotspots              int
	MeanStay, MeanTransit float64
}

// ISFLike returns HotspotModel{5, 600, 120}: long stays, 83 % of the time in a hotspot, pair
// co-location probability ≈ 0.14.
//
// Reconstruction: the ISF trace needs CRAWDAD registration; the paper says only that ISF has
// longer encounters and the higher encounter probability.
func ISFLike() HotspotModel { return HotspotModel{Hotspots: 5, MeanStay: 600, MeanTransit: 120} }

// NWFLike returns HotspotModel{5, 90, 60}: short, frequent stays, 60 % of the time in a
// hotspot, pair co-location probability ≈ 0.07.
//
// Reconstruction: the NWF trace is private; the paper says only that its users encounter more
// frequently with shorter encounters.
func NWFLike() HotspotModel { return HotspotModel{Hotspots: 5, MeanStay: 90, MeanTransit: 60} }

// Generate draws the CoopTrace mobility of n users on [0, horizon). With r := rand.New(src),
// for users 0..n−1 in order: f = MeanStay/(MeanStay+MeanTransit); in := r.Float64() < f;
// h := 1 + r.IntN(M); t := 0; while t < horizon: if in, d := r.ExpFloat64()·MeanStay and the
// stay [t, min(t+d, horizon)) in h is appended; else d := r.ExpFloat64()·MeanTransit and the
// next hotspot is uniform among the other M−1 (k := r.IntN(M−1), h' = k+1, incremented if
// ≥ h; M = 1 keeps h); t += d; in = !in. A nil src uses math/rand/v2's top-level functions.
// The error wraps ErrBadMobility; it is also returned, before any draw, when
// n·(horizon/MeanStay + horizon/MeanTransit) exceeds 10⁷ (too many stays to hold).
//
// Reconstruction: the paper's mobility traces (ISF, NWF) are not available.
func (h HotspotModel) Generate(n int, horizon float64, src rand.Source) (*Mobility, error) {
	switch {
	case n < 1:
		return nil, fmt.Errorf("%w: hotspot model: users %d < 1", ErrBadMobility, n)
	case h.Hotspots < 1:
		return nil, fmt.Errorf("%w: hotspot model: hotspots %d < 1", ErrBadMobility, h.Hotspots)
	case !finite(h.MeanStay) || h.MeanStay <= 0:
		return nil, fmt.Errorf("%w: hotspot model: mean stay %g is not positive and finite", ErrBadMobility, h.MeanStay)
	case !finite(h.MeanTransit) || h.MeanTransit <= 0:
		return nil, fmt.Errorf("%w: hotspot model: mean transit %g is not positive and finite", ErrBadMobility, h.MeanTransit)
	case !finite(horizon) || horizon < 0:
		return nil, fmt.Errorf("%w: hotspot model: horizon %g is negative or not finite", ErrBadMobility, horizon)
	case float64(n)*(horizon/h.MeanStay+horizon/h.MeanTransit) > maxPieces:
		return nil, fmt.Errorf("%w: hotspot model: %d users over horizon %g would draw more than %d stays", ErrBadMobility, n, horizon, maxPieces)
	}
	r := newRand(src)
	f := h.MeanStay / (h.MeanStay + h.MeanTransit)
	stays := make([][]Stay, n)
	for u := range n {
		in := r.Float64() < f
		hs := 1 + r.IntN(h.Hotspots)
		var ss []Stay
		for t := 0.0; t < horizon; {
			var d float64
			if in {
				d = r.ExpFloat64() * h.MeanStay
				if end := math.Min(t+d, horizon); end > t {
					ss = append(ss, Stay{Hotspot: hs, Start: t, End: end})
				}
			} else {
				d = r.ExpFloat64() * h.MeanTransit
				if h.Hotspots > 1 {
					k := r.IntN(h.Hotspots - 1)
					nh := k + 1
					if nh >= hs {
						nh++
					}
					hs = nh
				}
			}
			t += d
			in = !in
		}
		stays[u] = ss
	}
	return NewMobility(stays)
}

func staysErr(line int, format string, args ...any) error {
	return &ParseError{Name: "stays", Line: line, Reason: fmt.Sprintf(format, args...), kind: ErrBadMobility}
}

// ParseStays parses an access-record CSV with header "user,hotspot,start,end" (seconds,
// start < end), one stay per row. User and hotspot ids are strings mapped to indices in order
// of first appearance (hotspots from 1); users lists the user ids by index. Rows may come in
// any order; overlapping stays of one user are an error. Errors are *ParseError values
// wrapping ErrBadMobility. (ISF wifidog connection logs convert to this format by mapping
// node → hotspot, MAC → user and login/logout → start/end.)
func ParseStays(r io.Reader) (m *Mobility, users []string, err error) {
	b, err := readAllLimited(r, "stays", ErrBadMobility)
	if err != nil {
		return nil, nil, err
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = 4
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, nil, staysErr(1, "header: %v", err)
	}
	want := []string{"user", "hotspot", "start", "end"}
	for k := range want {
		if strings.TrimSpace(head[k]) != want[k] {
			return nil, nil, staysErr(1, "header %q, want user,hotspot,start,end", strings.Join(head, ","))
		}
	}
	uid := map[string]int{}
	hid := map[string]int{}
	var stays [][]Stay
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, staysErr(line, "%v", err)
		}
		u, h := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])
		if u == "" || h == "" {
			return nil, nil, staysErr(line, "empty user or hotspot id")
		}
		s, ok1 := parseDecimal(strings.TrimSpace(rec[2]))
		e, ok2 := parseDecimal(strings.TrimSpace(rec[3]))
		if !ok1 || !ok2 {
			return nil, nil, staysErr(line, "start %q or end %q is not a finite decimal number", rec[2], rec[3])
		}
		if s < 0 || !(s < e) {
			return nil, nil, staysErr(line, "interval [%g, %g) needs 0 ≤ start < end", s, e)
		}
		i, ok := uid[u]
		if !ok {
			i = len(users)
			uid[u] = i
			users = append(users, u)
			stays = append(stays, nil)
		}
		k, ok := hid[h]
		if !ok {
			k = len(hid) + 1
			hid[h] = k
		}
		stays[i] = append(stays[i], Stay{Hotspot: k, Start: s, End: e})
	}
	for i := range stays {
		sort.SliceStable(stays[i], func(a, b int) bool { return stays[i][a].Start < stays[i][b].Start })
	}
	m, err = NewMobility(stays)
	if err != nil {
		return nil, nil, &ParseError{Name: "stays", Reason: err.Error(), kind: ErrBadMobility}
	}
	return m, users, nil
}

// WriteStays writes the stays of m in the CSV format read by ParseStays, naming user i
// users[i] (or its index when users is short) and hotspot h "h<h>".
func WriteStays(w io.Writer, m *Mobility, users []string) error {
	var b bytes.Buffer
	b.WriteString("user,hotspot,start,end\n")
	for i := range m.Users() {
		name := strconv.Itoa(i)
		if i < len(users) {
			name = users[i]
		}
		for _, s := range m.Stays(i) {
			fmt.Fprintf(&b, "%s,h%d,%s,%s\n", csvField(name), s.Hotspot,
				strconv.FormatFloat(s.Start, 'g', -1, 64), strconv.FormatFloat(s.End, 'g', -1, 64))
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

func csvField(s string) string {
	if strings.ContainsAny(s, ",\"\r\n") || strings.TrimSpace(s) != s {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}
