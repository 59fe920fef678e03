package device

import (
	"fmt"
	"math"
)

// maxPieces bounds the number of pieces of a trace.
const maxPieces = 10_000_000

// Trace is a piecewise-constant link capacity in Mbps. Piece k has capacity Mbps[k] on
// [Starts[k], Starts[k+1]), with Starts[0] = 0 and the last piece ending at Period. A user
// reads the trace at u = t + Offset; with Loop the trace repeats with Period (as Pensieve's
// simulator loops its traces), without it the capacity is 0 for u ≥ Period.
//
// Build traces with NewTrace, the parsers or the generators; they precompute prefix sums so
// that At, Integral and TimeToDownload take O(log n). A Trace built as a literal works too,
// but each of those calls then costs O(n) (Simulate prepares its own copy). A Trace is
// immutable once built and safe for concurrent use.
type Trace struct {
	Name    string
	Starts  []float64 // piece starts (s), Starts[0] = 0, strictly increasing, < Period
	Mbps    []float64 // piece capacities (Mbps), ≥ 0 and finite
	Period  float64   // end of the last piece (s)
	Loop    bool      // repeat with Period
	Offset  float64   // read at t + Offset, in [0, Period)
	Latency []float64 // per-piece latency (s) of JSON traces; nil if unknown; unused by default

	prefix []float64 // prefix[k] = ∫ over pieces 0..k-1 (Mbit); len(Mbps)+1
}

// NewTrace returns a validated trace with the given pieces; it copies the slices. The error
// wraps ErrBadTrace.
func NewTrace(name string, starts, mbps []float64, period float64, loop bool) (*Trace, error) {
	tr := &Trace{
		Name:   name,
		Starts: append([]float64(nil), starts...),
		Mbps:   append([]float64(nil), mbps...),
		Period: period,
		Loop:   loop,
	}
	if err := tr.Validate(); err != nil {
		return nil, err
	}
	tr.prefix = prefixSums(tr.Starts, tr.Mbps, tr.Period)
	return tr, nil
}

// Validate returns an error wrapping ErrBadTrace unless the trace is well formed: at least
// one piece, len(Starts) = len(Mbps) ≤ 10⁷, Starts[0] = 0 and strictly increasing below
// Period, Period positive and finite, capacities non-negative and finite, a finite integral
// over one period (no overflow), Offset finite, and Latency nil or of the same length.
func (tr *Trace) Validate() error {
	if tr == nil {
		return fmt.Errorf("%w: nil trace", ErrBadTrace)
	}
	n := len(tr.Mbps)
	switch {
	case n == 0:
		return fmt.Errorf("%w: %q: no pieces", ErrBadTrace, tr.Name)
	case n > maxPieces:
		return fmt.Errorf("%w: %q: %d pieces exceed %d", ErrBadTrace, tr.Name, n, maxPieces)
	case len(tr.Starts) != n:
		return fmt.Errorf("%w: %q: %d starts for %d capacities", ErrBadTrace, tr.Name, len(tr.Starts), n)
	case tr.Latency != nil && len(tr.Latency) != n:
		return fmt.Errorf("%w: %q: %d latencies for %d pieces", ErrBadTrace, tr.Name, len(tr.Latency), n)
	case !finite(tr.Period) || tr.Period <= 0:
		return fmt.Errorf("%w: %q: period %g is not positive and finite", ErrBadTrace, tr.Name, tr.Period)
	case !finite(tr.Offset):
		return fmt.Errorf("%w: %q: offset %g is not finite", ErrBadTrace, tr.Name, tr.Offset)
	case tr.Starts[0] != 0:
		return fmt.Errorf("%w: %q: first start %g is not 0", ErrBadTrace, tr.Name, tr.Starts[0])
	}
	for k := range n {
		if c := tr.Mbps[k]; !finite(c) || c < 0 {
			return fmt.Errorf("%w: %q: piece %d: capacity %g is negative or not finite", ErrBadTrace, tr.Name, k, c)
		}
		if k > 0 && !(tr.Starts[k] > tr.Starts[k-1]) {
			return fmt.Errorf("%w: %q: piece %d: start %g not after %g", ErrBadTrace, tr.Name, k, tr.Starts[k], tr.Starts[k-1])
		}
	}
	if !(tr.Starts[n-1] < tr.Period) {
		return fmt.Errorf("%w: %q: last start %g not below period %g", ErrBadTrace, tr.Name, tr.Starts[n-1], tr.Period)
	}
	var area float64
	for k, c := range tr.Mbps {
		area += c * (tr.end(k) - tr.Starts[k])
	}
	if !finite(area) {
		return fmt.Errorf("%w: %q: capacity × time over one period overflows", ErrBadTrace, tr.Name)
	}
	return nil
}

func prefixSums(starts, mbps []float64, period float64) []float64 {
	p := make([]float64, len(mbps)+1)
	for k, c := range mbps {
		end := period
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		p[k+1] = p[k] + c*(end-starts[k])
	}
	return p
}

// prepared returns a copy of tr with prefix sums when tr lacks them.
func (tr *Trace) prepared() *Trace {
	if len(tr.prefix) == len(tr.Mbps)+1 {
		return tr
	}
	c := *tr
	c.prefix = prefixSums(c.Starts, c.Mbps, c.Period)
	return &c
}

func (tr *Trace) sums() []float64 {
	if len(tr.prefix) == len(tr.Mbps)+1 {
		return tr.prefix
	}
	return prefixSums(tr.Starts, tr.Mbps, tr.Period)
}

func (tr *Trace) end(k int) float64 {
	if k+1 < len(tr.Starts) {
		return tr.Starts[k+1]
	}
	return tr.Period
}

// piece returns the index k of the piece containing x ∈ [0, Period).
func (tr *Trace) piece(x float64) int {
	// Largest k with Starts[k] ≤ x (Starts[0] = 0 ≤ x).
	st := tr.Starts
	lo, hi := 0, len(st)
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if st[mid] <= x {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// reduce maps u = t + Offset to (whole periods n, position x ∈ [0, Period)) for a looping
// trace.
func (tr *Trace) reduce(u float64) (float64, float64) {
	n := math.Floor(u / tr.Period)
	x := u - n*tr.Period
	if x >= tr.Period {
		n++
		x = 0
	}
	if x < 0 {
		x = 0
	}
	return n, x
}

// At returns the capacity c(t) in Mbps. It takes O(log n).
func (tr *Trace) At(t float64) float64 {
	u := t + tr.Offset
	if tr.Loop {
		_, u = tr.reduce(u)
	} else if u < 0 || u >= tr.Period {
		return 0
	}
	return tr.Mbps[tr.piece(u)]
}

// gAt returns ∫_0^x c for x ∈ [0, Period].
func (tr *Trace) gAt(p []float64, x float64) float64 {
	if x <= 0 {
		return 0
	}
	if x >= tr.Period {
		return p[len(p)-1]
	}
	k := tr.piece(x)
	return p[k] + tr.Mbps[k]*(x-tr.Starts[k])
}

// Integral returns the data ∫_{t0}^{t1} c in Mbit, 0 when t1 ≤ t0. Whole periods of a looping
// trace are counted arithmetically, so it takes O(log n) and stays accurate for t up to 10⁹ s.
func (tr *Trace) Integral(t0, t1 float64) float64 {
	if !(t1 > t0) {
		return 0
	}
	p := tr.sums()
	u0, u1 := t0+tr.Offset, t1+tr.Offset
	if !tr.Loop {
		return tr.gAt(p, clamp(u1, 0, tr.Period)) - tr.gAt(p, clamp(u0, 0, tr.Period))
	}
	n0, x0 := tr.reduce(u0)
	n1, x1 := tr.reduce(u1)
	total := p[len(p)-1]
	v := (n1-n0)*total + tr.gAt(p, x1) - tr.gAt(p, x0)
	if v < 0 {
		v = 0
	}
	return v
}

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

// find returns the smallest x ∈ [0, Period] with ∫_0^x c = g, for 0 < g ≤ total, searching
// from piece hint (the answer lies in a piece ≥ hint): it gallops from hint, so a target a few
// pieces ahead costs O(1) and any target O(log n).
func (tr *Trace) find(p []float64, g float64, hint int) float64 {
	n := len(tr.Mbps)
	// Smallest k ≥ hint with p[k+1] ≥ g.
	lo := max(0, min(hint, n))
	hi := lo
	for step := 1; hi < n && p[hi+1] < g; step *= 2 {
		lo = hi + 1
		hi = min(n, hi+step)
	}
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if p[mid+1] >= g {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	k := lo
	if k >= n {
		return tr.Period
	}
	c := tr.Mbps[k]
	if c <= 0 {
		return tr.Starts[k]
	}
	x := tr.Starts[k] + (g-p[k])/c
	return math.Min(math.Max(x, tr.Starts[k]), tr.end(k))
}

// TimeToDownload returns the smallest t1 ≥ t0 with Integral(t0, t1) = mbit, or +Inf when the
// capacity is 0 on the rest of a non-looping trace or on the whole period of a looping one.
// Whole periods are skipped arithmetically; it takes O(log n).
func (tr *Trace) TimeToDownload(t0, mbit float64) float64 {
	if !(mbit > 0) {
		return t0
	}
	if math.IsInf(mbit, 1) {
		return math.Inf(1)
	}
	p := tr.sums()
	total := p[len(p)-1]
	u0 := t0 + tr.Offset
	var x0 float64
	lead := 0.0 // time before the trace starts (non-looping, u0 < 0)
	if tr.Loop {
		_, x0 = tr.reduce(u0)
	} else {
		if u0 >= tr.Period {
			return math.Inf(1)
		}
		if u0 < 0 {
			lead = -u0
		} else {
			x0 = u0
		}
	}
	k0 := tr.piece(x0)
	g0 := p[k0] + tr.Mbps[k0]*(x0-tr.Starts[k0])
	if x0 <= 0 {
		g0 = 0
	}
	rem := total - g0
	if mbit <= rem {
		x := tr.find(p, g0+mbit, k0)
		return t0 + lead + math.Max(0, x-x0)
	}
	if !tr.Loop || total <= 0 {
		return math.Inf(1)
	}
	m := mbit - rem
	k := math.Ceil(m/total) - 1
	g := m - k*total
	if g <= 0 { // rounding
		k--
		g += total
	}
	if g > total {
		k++
		g -= total
	}
	x := tr.find(p, g, 0)
	return t0 + (tr.Period - x0) + k*tr.Period + x
}

// MaxOn returns the maximum capacity on [t0, t1) (0 when t1 ≤ t0). It takes O(pieces in the
// range), at most O(n).
func (tr *Trace) MaxOn(t0, t1 float64) float64 {
	if !(t1 > t0) {
		return 0
	}
	u0, u1 := t0+tr.Offset, t1+tr.Offset
	if !(u1 > u0) {
		return tr.At(t0)
	}
	if tr.Loop {
		if u1-u0 >= tr.Period {
			return maxOf(tr.Mbps)
		}
		n0, x0 := tr.reduce(u0)
		x1 := u1 - n0*tr.Period
		if x1 > tr.Period {
			return math.Max(tr.maxIn(x0, tr.Period), tr.maxIn(0, x1-tr.Period))
		}
		return math.Max(tr.maxIn(x0, x1), tr.Mbps[tr.piece(x0)])
	}
	return tr.maxIn(clamp(u0, 0, tr.Period), clamp(u1, 0, tr.Period))
}

// maxIn returns the maximum capacity over pieces meeting [x0, x1) within one period.
func (tr *Trace) maxIn(x0, x1 float64) float64 {
	if !(x1 > x0) {
		return 0
	}
	m := 0.0
	for k := tr.piece(x0); k < len(tr.Mbps) && tr.Starts[k] < x1; k++ {
		if tr.end(k) > x0 {
			m = math.Max(m, tr.Mbps[k])
		}
	}
	return m
}

func maxOf(xs []float64) float64 {
	m := 0.0
	for _, x := range xs {
		m = math.Max(m, x)
	}
	return m
}

// NextChange returns the next piece boundary strictly after t, or +Inf when there is none (a
// non-looping trace after its Period). It takes O(log n).
func (tr *Trace) NextChange(t float64) float64 {
	u := t + tr.Offset
	if !tr.Loop {
		if u >= tr.Period {
			return math.Inf(1)
		}
		if u < 0 {
			return t - u
		}
	} else {
		_, u = tr.reduce(u)
	}
	k := tr.piece(u)
	nt := t + (tr.end(k) - u)
	if !(nt > t) { // rounding at huge t
		nt = math.Nextafter(t, math.Inf(1))
	}
	return nt
}

// Mean returns the time-weighted mean capacity over one period, Integral over one period
// divided by Period (not the mean of the samples).
func (tr *Trace) Mean() float64 {
	p := tr.sums()
	return p[len(p)-1] / tr.Period
}

// Shifted returns a copy of tr read offset seconds later: its Offset is tr.Offset + offset
// reduced modulo Period. The copy shares the piece slices.
func (tr *Trace) Shifted(offset float64) *Trace {
	c := *tr
	o := math.Mod(tr.Offset+offset, tr.Period)
	if o < 0 {
		o += tr.Period
	}
	if o >= tr.Period {
		o = 0
	}
	c.Offset = o
	c.prefix = tr.sums()
	return &c
}

// Scaled returns a copy of tr with every capacity multiplied by factor. A negative or
// non-finite factor gives a trace that fails Validate (and so Scenario.Validate).
func (tr *Trace) Scaled(factor float64) *Trace {
	c := *tr
	c.Mbps = make([]float64, len(tr.Mbps))
	for k, v := range tr.Mbps {
		c.Mbps[k] = v * factor
	}
	c.prefix = prefixSums(c.Starts, c.Mbps, c.Period)
	return &c
}
