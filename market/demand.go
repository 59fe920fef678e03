package market

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// PaperServers returns the six origin servers of the paper's Table 5 and
// their traffic over the 364 simulated days, in GB: A 114,712.53,
// C 18,405.69, E 4,223.55, J 88.70, L 15,190.37, P 478.10 (Σ 153,098.94).
// Table 5 is the predicted traffic; the paper gives no per-OS demand and its
// total demand (153,174.10 GB) differs by 0.05 %, so these serve as demand
// targets (Reconstruction). Fresh slices.
func PaperServers() (names []string, annualGB []float64) {
	return []string{"A", "C", "E", "J", "L", "P"},
		[]float64{114712.53, 18405.69, 4223.55, 88.70, 15190.37, 478.10}
}

// ScaleTo returns a copy of series multiplied by totalGB / Σ series[from:to],
// so that the days from..to−1 sum to totalGB (history days before from are
// scaled too). Errors wrap ErrBadDemand: a NaN, ±Inf or negative value,
// Σ series[from:to] = 0, totalGB negative or not finite, or a scaled value
// that overflows float64. It panics with
// "market: range out of bounds" unless 0 ≤ from ≤ to ≤ len(series).
func ScaleTo(series []float64, from, to int, totalGB float64) ([]float64, error) {
	if from < 0 || from > to || to > len(series) {
		panic("market: range out of bounds")
	}
	if !finite(totalGB) || totalGB < 0 {
		return nil, fmt.Errorf("%w: totalGB = %v", ErrBadDemand, totalGB)
	}
	sum := 0.0
	for k, v := range series {
		if !finite(v) || v < 0 {
			return nil, fmt.Errorf("%w: series[%d] = %v", ErrBadDemand, k, v)
		}
		if k >= from && k < to {
			sum += v
		}
	}
	if sum == 0 || math.IsInf(sum, 0) {
		return nil, fmt.Errorf("%w: series[%d:%d] sums to %v", ErrBadDemand, from, to, sum)
	}
	f := totalGB / sum
	out := make([]float64, len(series))
	for k, v := range series {
		x := v * f
		if !finite(f) {
			x = v / sum * totalGB // sum subnormal: scale in two steps
		}
		if !finite(x) {
			return nil, fmt.Errorf("%w: series[%d] = %v scaled by %v/%v overflows", ErrBadDemand, k, v, totalGB, sum)
		}
		out[k] = x
	}
	return out, nil
}

// SyntheticParams configures SyntheticDemand.
type SyntheticParams struct {
	Phi       float64    // AR(1) coefficient of the log level, in (−1, 1)
	CV        float64    // coefficient of variation of the level, ≥ 0
	SpikeProb float64    // daily probability of a spike, in [0, 1]
	SpikeAmp  float64    // a spike multiplies the day by 1 + SpikeAmp·U(0, 1)
	Weekly    [7]float64 // weekly factors, > 0
}

// DefaultSynthetic returns φ = 0.7, CV = 0.25, spike probability 0.02,
// spike amplitude 2 and weekly factors (1.0, 1.05, 1.05, 1.0, 0.95, 0.6,
// 0.55).
func DefaultSynthetic() SyntheticParams {
	return SyntheticParams{Phi: 0.7, CV: 0.25, SpikeProb: 0.02, SpikeAmp: 2,
		Weekly: [7]float64{1.0, 1.05, 1.05, 1.0, 0.95, 0.6, 0.55}}
}

// globalSource draws from math/rand/v2's top-level generator.
type globalSource struct{}

func (globalSource) Uint64() uint64 { return rand.Uint64() }

func newRand(src rand.Source) *rand.Rand {
	if src == nil {
		return rand.New(globalSource{})
	}
	return rand.New(src)
}

// SyntheticDemand returns n days of synthetic daily demand with mean about 1
// (Reconstruction: a stand-in for the paper's private logs): a weekly cycle
// times a log-normal AR(1) level with rare spikes. With r = rand.New(src),
// off = r.IntN(7), x = 0 and σ² = ln(1 + CV²), for k = 0..n−1:
//
//	x ← φx + √(1−φ²)·σ·r.NormFloat64()
//	v_k = Weekly[(k+off) mod 7]·exp(x − σ²/2)
//	if r.Float64() < SpikeProb: v_k ← v_k·(1 + SpikeAmp·r.Float64())
//
// p nil means DefaultSynthetic(); a nil src uses math/rand/v2's top-level
// functions (not reproducible). Errors wrap ErrBadConfig: n < 0, Phi ∉
// (−1, 1), CV < 0, SpikeProb ∉ [0, 1], SpikeAmp < 0 or a weekly factor ≤ 0,
// each also when NaN or infinite, and parameters so large that a day
// overflows (for example CV > 1e154). Cost O(n).
func SyntheticDemand(n int, p *SyntheticParams, src rand.Source) ([]float64, error) {
	par := DefaultSynthetic()
	if p != nil {
		par = *p
	}
	switch {
	case n < 0:
		return nil, fmt.Errorf("%w: n = %d", ErrBadConfig, n)
	case !(par.Phi > -1 && par.Phi < 1):
		return nil, fmt.Errorf("%w: Phi = %v (must lie in (-1, 1))", ErrBadConfig, par.Phi)
	case !finite(par.CV) || par.CV < 0:
		return nil, fmt.Errorf("%w: CV = %v", ErrBadConfig, par.CV)
	case !(par.SpikeProb >= 0 && par.SpikeProb <= 1):
		return nil, fmt.Errorf("%w: SpikeProb = %v", ErrBadConfig, par.SpikeProb)
	case !finite(par.SpikeAmp) || par.SpikeAmp < 0:
		return nil, fmt.Errorf("%w: SpikeAmp = %v", ErrBadConfig, par.SpikeAmp)
	}
	for k, w := range par.Weekly {
		if !finite(w) || w <= 0 {
			return nil, fmt.Errorf("%w: Weekly[%d] = %v", ErrBadConfig, k, w)
		}
	}
	r := newRand(src)
	s2 := math.Log1p(par.CV * par.CV)
	sd := math.Sqrt(s2)
	innov := math.Sqrt(1-par.Phi*par.Phi) * sd
	off := r.IntN(7)
	out := make([]float64, n)
	x := 0.0
	for k := range out {
		x = par.Phi*x + innov*r.NormFloat64()
		v := par.Weekly[(k+off)%7] * math.Exp(x-s2/2)
		if r.Float64() < par.SpikeProb {
			v *= 1 + par.SpikeAmp*r.Float64()
		}
		if !finite(v) {
			return nil, fmt.Errorf("%w: CV = %v, SpikeAmp = %v or Weekly[%d] = %v overflow on day %d", ErrBadConfig, par.CV, par.SpikeAmp, (k+off)%7, par.Weekly[(k+off)%7], k)
		}
		out[k] = v
	}
	return out, nil
}

// Segment is a run of consecutive complete days of a trace, with the weekday
// of its first day.
type Segment struct {
	Start  time.Weekday
	Values []float64
}

// BootstrapWeeks returns n days drawn by a weekday-aligned block bootstrap
// of real daily totals (Reconstruction: the paper's traces are private).
// The candidate blocks are every 7 consecutive days of every segment,
// ordered by (segment, offset). Output day 0 has weekday start; for each
// output position k = 0, 7, 14, … one candidate whose first weekday is
// start is drawn with r.IntN, r = rand.New(src), and its 7 values appended —
// divided by the block's mean when normalize is set (which keeps the weekly
// shape and in-week spikes but removes a trend; blocks with mean 0 are then
// no candidates); the result is truncated to n. A nil src uses
// math/rand/v2's top-level functions.
//
// Errors: no segments, n < 0, an invalid start or a NaN, ±Inf or negative
// value wrap ErrBadDemand; no candidate block for start wraps ErrShortTrace.
// Cost O(n + Σ len(segments)).
func BootstrapWeeks(segments []Segment, n int, start time.Weekday, normalize bool, src rand.Source) ([]float64, error) {
	if len(segments) == 0 {
		return nil, fmt.Errorf("%w: no segments", ErrBadDemand)
	}
	if n < 0 {
		return nil, fmt.Errorf("%w: n = %d", ErrBadDemand, n)
	}
	if start < time.Sunday || start > time.Saturday {
		return nil, fmt.Errorf("%w: start weekday %d", ErrBadDemand, int(start))
	}
	type block struct {
		seg, off int
		mean     float64
	}
	var cands []block
	for si, sg := range segments {
		if sg.Start < time.Sunday || sg.Start > time.Saturday {
			return nil, fmt.Errorf("%w: segment %d starts on weekday %d", ErrBadDemand, si, int(sg.Start))
		}
		for k, v := range sg.Values {
			if !finite(v) || v < 0 {
				return nil, fmt.Errorf("%w: segment %d value %d = %v", ErrBadDemand, si, k, v)
			}
		}
		for off := 0; off+7 <= len(sg.Values); off++ {
			if (int(sg.Start)+off)%7 != int(start) {
				continue
			}
			sum := 0.0
			for _, v := range sg.Values[off : off+7] {
				sum += v
			}
			mean := sum / 7
			if normalize && mean == 0 {
				continue
			}
			cands = append(cands, block{si, off, mean})
		}
	}
	if len(cands) == 0 {
		return nil, fmt.Errorf("%w: no 7-day block starting on %v", ErrShortTrace, start)
	}
	r := newRand(src)
	out := make([]float64, 0, n+7)
	for len(out) < n {
		b := cands[r.IntN(len(cands))]
		for _, v := range segments[b.seg].Values[b.off : b.off+7] {
			if normalize {
				v /= b.mean
			}
			out = append(out, v)
		}
	}
	return out[:n], nil
}
