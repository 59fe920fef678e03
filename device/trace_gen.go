package device

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// globalSource draws from math/rand/v2's top-level functions.
type globalSource struct{}

func (globalSource) Uint64() uint64 { return rand.Uint64() }

// newRand wraps src; a nil src uses math/rand/v2's top-level functions.
func newRand(src rand.Source) *rand.Rand {
	if src == nil {
		return rand.New(globalSource{})
	}
	if r, ok := src.(*rand.Rand); ok {
		return r
	}
	return rand.New(src)
}

// ConstantTrace returns a looping trace of constant capacity mbps over one period. Invalid
// arguments (negative or non-finite mbps, period ≤ 0) give a trace that fails Validate.
func ConstantTrace(mbps, period float64) *Trace {
	tr := &Trace{
		Name:   fmt.Sprintf("constant_%g", mbps),
		Starts: []float64{0},
		Mbps:   []float64{mbps},
		Period: period,
		Loop:   true,
	}
	tr.prefix = prefixSums(tr.Starts, tr.Mbps, tr.Period)
	return tr
}

// OutageTrace returns a looping trace of capacity mbps over one period, except capacity 0 on
// each outage [a, b), 0 ≤ a < b ≤ period. Outages may be given in any order but must not
// overlap. The error wraps ErrBadTrace.
func OutageTrace(mbps, period float64, outages [][2]float64) (*Trace, error) {
	if !finite(mbps) || mbps < 0 {
		return nil, fmt.Errorf("%w: outage trace: capacity %g is negative or not finite", ErrBadTrace, mbps)
	}
	if !finite(period) || period <= 0 {
		return nil, fmt.Errorf("%w: outage trace: period %g is not positive and finite", ErrBadTrace, period)
	}
	os := slices.Clone(outages)
	slices.SortFunc(os, func(a, b [2]float64) int {
		switch {
		case a[0] < b[0]:
			return -1
		case a[0] > b[0]:
			return 1
		}
		return 0
	})
	var starts, caps []float64
	add := func(s, c float64) {
		if n := len(starts); n > 0 && starts[n-1] == s {
			caps[n-1] = c
			return
		}
		starts = append(starts, s)
		caps = append(caps, c)
	}
	add(0, mbps)
	last := 0.0
	for i, o := range os {
		a, b := o[0], o[1]
		if !finite(a) || !finite(b) || a < 0 || b > period || !(a < b) {
			return nil, fmt.Errorf("%w: outage trace: outage [%g, %g) not within [0, %g) with start < end", ErrBadTrace, a, b, period)
		}
		if i > 0 && a < last {
			return nil, fmt.Errorf("%w: outage trace: outage [%g, %g) overlaps the previous one", ErrBadTrace, a, b)
		}
		add(a, 0)
		if b < period {
			add(b, mbps)
		}
		last = b
	}
	tr, err := NewTrace(fmt.Sprintf("outage_%g", mbps), starts, caps, period, true)
	if err != nil {
		return nil, err
	}
	return tr, nil
}

// MarkovTrace returns a looping trace that jumps between levels (Mbps): the initial level is
// uniform, each dwell is exponential with mean meanDwell seconds and the next level is uniform
// among the others, until period is covered. Draws, with r := rand.New(src): r.IntN(len) for
// the initial level, then per piece r.ExpFloat64()·meanDwell and, for the next level,
// r.IntN(len−1) (skipping the current index; no draw with one level). A nil src uses
// math/rand/v2's top-level functions. The error wraps ErrBadTrace.
func MarkovTrace(levels []float64, meanDwell, period float64, src rand.Source) (*Trace, error) {
	if len(levels) == 0 {
		return nil, fmt.Errorf("%w: markov trace: no levels", ErrBadTrace)
	}
	for _, l := range levels {
		if !finite(l) || l < 0 {
			return nil, fmt.Errorf("%w: markov trace: level %g is negative or not finite", ErrBadTrace, l)
		}
	}
	if !finite(meanDwell) || meanDwell <= 0 {
		return nil, fmt.Errorf("%w: markov trace: mean dwell %g is not positive and finite", ErrBadTrace, meanDwell)
	}
	if !finite(period) || period <= 0 {
		return nil, fmt.Errorf("%w: markov trace: period %g is not positive and finite", ErrBadTrace, period)
	}
	r := newRand(src)
	idx := r.IntN(len(levels))
	var starts, caps []float64
	for t := 0.0; t < period; {
		d := r.ExpFloat64() * meanDwell
		if t+d > t {
			starts = append(starts, t)
			caps = append(caps, levels[idx])
			if len(starts) > maxPieces {
				return nil, fmt.Errorf("%w: markov trace: more than %d pieces", ErrBadTrace, maxPieces)
			}
		}
		t += d
		if len(levels) > 1 {
			k := r.IntN(len(levels) - 1)
			if k >= idx {
				k++
			}
			idx = k
		}
	}
	return NewTrace("markov", starts, caps, period, true)
}

// LogNormalTrace returns a looping trace of pieces of step seconds whose capacity is a
// log-normal AR(1) process with the given mean (Mbps) and coefficient of variation cv:
//
//	σ² = ln(1 + cv²), φ = 0.9,
//	x_0 = σ·N_0,  x_{k+1} = φ·x_k + √(1−φ²)·σ·N_{k+1},
//	c_k = mean·exp(x_k − σ²/2) on [k·step, (k+1)·step) ∩ [0, period),
//
// with N_k = r.NormFloat64() drawn in order, r := rand.New(src) (x_{k+1} is drawn only when
// piece k+1 exists). A nil src uses math/rand/v2's top-level functions.
//
// Reconstruction: a stand-in for the paper's BesTV per-segment throughput, which is not public.
func LogNormalTrace(mean, cv, step, period float64, src rand.Source) (*Trace, error) {
	switch {
	case !finite(mean) || mean <= 0:
		return nil, fmt.Errorf("%w: lognormal trace: mean %g is not positive and finite", ErrBadTrace, mean)
	case !finite(cv) || cv < 0:
		return nil, fmt.Errorf("%w: lognormal trace: cv %g is negative or not finite", ErrBadTrace, cv)
	case !finite(step) || step <= 0:
		return nil, fmt.Errorf("%w: lognormal trace: step %g is not positive and finite", ErrBadTrace, step)
	case !finite(period) || period <= 0:
		return nil, fmt.Errorf("%w: lognormal trace: period %g is not positive and finite", ErrBadTrace, period)
	}
	n := math.Ceil(period / step)
	if n > maxPieces {
		return nil, fmt.Errorf("%w: lognormal trace: %g pieces exceed %d", ErrBadTrace, n, maxPieces)
	}
	r := newRand(src)
	s2 := math.Log1p(cv * cv)
	s := math.Sqrt(s2)
	const phi = 0.9
	innov := math.Sqrt(1-phi*phi) * s
	starts := make([]float64, 0, int(n))
	caps := make([]float64, 0, int(n))
	x := s * r.NormFloat64()
	for k := 0; ; k++ {
		t := float64(k) * step
		if t >= period {
			break
		}
		starts = append(starts, t)
		caps = append(caps, mean*math.Exp(x-s2/2))
		if float64(k+1)*step < period {
			x = phi*x + innov*r.NormFloat64()
		}
	}
	return NewTrace(fmt.Sprintf("lognormal_%g", mean), starts, caps, period, true)
}

// SyntheticPool returns n LogNormalTrace traces (step 1 s, period 600 s, cv 0.5) whose means are
// log-uniform on [0.3, 6] Mbps, named synthetic_000, synthetic_001, …. With r := rand.New(src),
// before each trace mean_k = exp(ln 0.3 + r.Float64()·ln 20) is drawn, then the trace's own
// draws from the same r. n ≤ 0 gives an empty pool. A nil src uses math/rand/v2's top-level
// functions.
func SyntheticPool(n int, src rand.Source) []*Trace {
	r := newRand(src)
	pool := make([]*Trace, 0, max(n, 0))
	for k := range max(n, 0) {
		mean := math.Exp(math.Log(0.3) + r.Float64()*math.Log(20))
		tr, err := LogNormalTrace(mean, 0.5, 1, 600, r)
		if err != nil {
			// Unreachable: the arguments are valid by construction.
			panic("device: synthetic pool: " + err.Error())
		}
		tr.Name = fmt.Sprintf("synthetic_%03d", k)
		pool = append(pool, tr)
	}
	return pool
}

// Bucket is a network-condition range of mean capacities [Lo, Hi) in Mbps.
type Bucket struct{ Lo, Hi float64 }

// DefaultBuckets returns [0, 0.7), [0.7, 1.4), [1.4, 2.8) and [2.8, +Inf) Mbps.
//
// Reconstruction: the 0.7 Mbps edge is the paper's (A.2); the other edges are lost and double
// from it.
func DefaultBuckets() []Bucket {
	return []Bucket{{0, 0.7}, {0.7, 1.4}, {1.4, 2.8}, {2.8, math.Inf(1)}}
}

// Contains reports whether Lo ≤ mean < Hi.
func (b Bucket) Contains(mean float64) bool { return b.Lo <= mean && mean < b.Hi }

// IsZero reports whether b is the zero Bucket, which NewPaperScenario reads as "all traces".
func (b Bucket) IsZero() bool { return b == Bucket{} }

// String returns "<Hi" when Lo is 0, ">Lo" when Hi is +Inf and "Lo-Hi" otherwise.
func (b Bucket) String() string {
	switch {
	case b.Lo == 0 && math.IsInf(b.Hi, 1):
		return "all"
	case b.Lo == 0:
		return fmt.Sprintf("<%g", b.Hi)
	case math.IsInf(b.Hi, 1):
		return fmt.Sprintf(">%g", b.Lo)
	}
	return fmt.Sprintf("%g-%g", b.Lo, b.Hi)
}

// InBucket returns the traces whose Mean lies in b, in their order.
func InBucket(traces []*Trace, b Bucket) []*Trace {
	var out []*Trace
	for _, tr := range traces {
		if tr != nil && b.Contains(tr.Mean()) {
			out = append(out, tr)
		}
	}
	return out
}
