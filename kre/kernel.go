package kre

import "math"

// cutoff is the largest shifted exponent u² − m for which a weight is kept:
// exp(−1300/2) ≈ 5e-283, below which subnormal arithmetic loses precision.
const cutoff = 1300

// stackN is the largest n for which the estimators keep u² on the stack.
const stackN = 16

// isFinite reports whether v is neither NaN nor ±Inf.
func isFinite(v float64) bool { return v-v == 0 }

// checkXY validates the common inputs of the estimators: it panics on a
// length mismatch and returns ErrNoData, ErrBadBandwidth or a *ValueError.
func checkXY(x, y []float64, h float64) error {
	if len(x) != len(y) {
		panic("kre: len(x) != len(y)")
	}
	if len(x) == 0 {
		return ErrNoData
	}
	if err := checkH(h); err != nil {
		return err
	}
	for i, v := range x {
		if !isFinite(v) {
			return &ValueError{Arg: "x", Index: i, Value: v}
		}
	}
	for i, v := range y {
		if !isFinite(v) {
			return &ValueError{Arg: "y", Index: i, Value: v}
		}
	}
	return nil
}

// checkFast is checkXY with a branch-free scan for the common all-finite
// case; it falls back to checkXY for the precise error.
func checkFast(x, y []float64, h float64) error {
	if len(x) != len(y) {
		panic("kre: len(x) != len(y)")
	}
	var bad float64
	for i, v := range x {
		bad += v*0 + y[i]*0 // NaN iff some x_i or y_i is NaN or ±Inf
	}
	if bad == 0 && len(x) > 0 && h > 0 && h <= math.MaxFloat64 {
		return nil
	}
	return checkXY(x, y, h)
}

// scaledDiff returns (xi − at)/h, computed as (xi − at)·inv when inv = 1/h
// is finite.
func scaledDiff(xi, at, h, inv float64) float64 {
	if inv <= math.MaxFloat64 {
		return (xi - at) * inv
	}
	return (xi - at) / h
}

// checkXYNoH is checkXY without a bandwidth.
func checkXYNoH(x, y []float64) error {
	return checkXY(x, y, 1)
}

func checkH(h float64) error {
	if !(h > 0) || math.IsInf(h, 1) {
		return ErrBadBandwidth
	}
	return nil
}

func checkAt(at float64, i int) error {
	if !isFinite(at) {
		return &ValueError{Arg: "at", Index: i, Value: at}
	}
	return nil
}

// meanY returns the mean of y without element skip (skip < 0: none),
// computed so that it cannot overflow.
func meanY(y []float64, skip int) float64 {
	n := len(y)
	if skip >= 0 {
		n--
	}
	if n <= 0 {
		return 0
	}
	inv := 1 / float64(n)
	var s float64
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, v := range y {
		if i == skip {
			continue
		}
		s += v * inv
		lo = min(lo, v)
		hi = max(hi, v)
	}
	return math.Min(math.Max(s, lo), hi)
}

// minScaledSq is the first pass of both estimators: it stores u_i² =
// ((x_i − at)/h)² in buf when n ≤ stackN (stored reports whether it did) and
// returns the smallest u² and its index k, skipping index skip; k < 0 when
// every u² is +Inf ((x_i − at)/h overflows).
func minScaledSq(x []float64, h, at float64, skip int, buf *[stackN]float64) (m float64, k int, stored bool) {
	stored = len(x) <= stackN
	inv := 1 / h
	m, k = math.Inf(1), -1
	for i := range x {
		if i == skip {
			continue
		}
		d := scaledDiff(x[i], at, h, inv)
		u2 := d * d
		if stored {
			buf[i] = u2
		}
		if u2 < m {
			m, k = u2, i
		}
	}
	return m, k, stored
}
