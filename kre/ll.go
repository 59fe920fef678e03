package kre

import "math"

// LocalLinear returns the local linear kernel regression estimate at the
// point at: the value at at of the weighted least-squares line through the
// data with the Gaussian weights of NadarayaWatson (kernel standard
// deviation h, in the units of x). With d_i = (x_i − at)/h,
// S_j = Σ w_i d_i^j and T_j = Σ w_i d_i^j y_i it equals
//
//	ĝ_LL(at) = (S₂T₀ − S₁T₁) / (S₀S₂ − S₁²)
//
// and is computed in the algebraically identical centred two-pass form,
// with offsets from the point of largest weight x_k (e_i = x_i − x_k):
//
//	ē = Σ w_i e_i / S₀,  ȳ = T₀/S₀,  V = Σ w_i (e_i − ē)²,  C = Σ w_i (e_i − ē)(y_i − ȳ)
//	ĝ_LL(at) = ȳ + (C/V)·(at − x_k − ē)
//
// which keeps V accurate when one weight dominates the rest. LL is exact on
// linear data and may leave [min y, max y] when extrapolating.
//
// Reconstruction: if V = 0 (fewer than two distinct x keep a non-zero
// weight: all x equal, n = 1, or every other weight cut off) the line is
// not identified and LocalLinear returns the Nadaraya–Watson estimate, the
// usual guard.
//
// Errors are those of NadarayaWatson, plus ErrOverflow when the line
// evaluated at at exceeds the float64 range. It panics if len(x) != len(y).
// Cost O(n), no allocations.
//
// Reference: J. Fan, I. Gijbels, Local Polynomial Modelling and Its
// Applications, Chapman & Hall, 1996, doi:10.1201/9780203748725.
func LocalLinear(x, y []float64, h, at float64) (float64, error) {
	if err := checkFast(x, y, h); err != nil {
		return 0, err
	}
	if err := checkAt(at, 0); err != nil {
		return 0, err
	}
	g := llEval(x, y, h, at, -1)
	if !isFinite(g) {
		return 0, ErrOverflow
	}
	return g, nil
}

// LocalLinearMany fills dst[j] with LocalLinear(x, y, h, at[j]) and returns
// dst; a nil dst is allocated. Exact, O(n·m). Panics as NadarayaWatsonMany.
func LocalLinearMany(dst, x, y []float64, h float64, at []float64) ([]float64, error) {
	if dst != nil && len(dst) != len(at) {
		panic("kre: len(dst) != len(at)")
	}
	if err := checkXY(x, y, h); err != nil {
		return dst, err
	}
	for j, a := range at {
		if err := checkAt(a, j); err != nil {
			return dst, err
		}
	}
	if dst == nil {
		dst = make([]float64, len(at))
	}
	for j, a := range at {
		g := llEval(x, y, h, a, -1)
		if !isFinite(g) {
			return dst, ErrOverflow
		}
		dst[j] = g
	}
	return dst, nil
}

// llEval evaluates the LL estimate on validated input, leaving out point
// skip (skip < 0: none). It returns ±Inf (never NaN) when the result
// overflows.
func llEval(x, y []float64, h, at float64, skip int) float64 {
	// y enters normalised by an exact power of two (max |y| in [0.5, 1)), so
	// that products of tiny weights and small y differences stay normal
	// numbers whatever the scale of y.
	g, sy := llEvalAuto(x, y, h, at, skip, 1)
	g /= sy
	if isFinite(g) {
		return g
	}
	// Intermediate overflow (x spans near the float64 limit): redo the sums
	// with the x offsets scaled by an exact power of two as well.
	g, sy = llEvalAuto(x, y, h, at, skip, 0x1p-600)
	g /= sy
	if math.IsNaN(g) {
		return math.Inf(1)
	}
	return g
}

// llEvalAuto is llEvalScaled with sy chosen by normScale; it returns the
// scaled estimate and sy.
func llEvalAuto(x, y []float64, h, at float64, skip int, sx float64) (float64, float64) {
	sy := normScale(y)
	return llEvalScaled(x, y, h, at, skip, sx, sy), sy
}

// normScale returns the power of two 2^−e with max |y| = f·2^e, f ∈ [0.5, 1)
// (1 when every y is 0).
func normScale(y []float64) float64 {
	var m float64
	for _, v := range y {
		m = max(m, math.Abs(v))
	}
	if m == 0 || !isFinite(m) {
		return 1
	}
	_, e := math.Frexp(m)
	return math.Ldexp(1, -e)
}

func llEvalScaled(x, y []float64, h, at float64, skip int, sx, sy float64) float64 {
	n := len(x)
	var buf [stackN]float64
	m, k, stored := minScaledSq(x, h, at, skip, &buf)
	inv := 1 / h
	if k < 0 {
		return meanY(y, skip) * sy
	}
	if stored {
		buf[k] = 1
		for i := 0; i < n; i++ {
			if i != skip && i != k {
				buf[i] = shiftedWeight(buf[i], m)
			}
		}
	}
	xk, yk := x[k]*sx, y[k]*sy
	lo, hi := yk, yk
	var s0, se, t0 float64
	for i := 0; i < n; i++ {
		if i == skip {
			continue
		}
		var wi float64
		if stored {
			wi = buf[i]
		} else {
			wi = weightAt(x[i], at, h, inv, m)
		}
		if wi == 0 {
			continue
		}
		yi := y[i] * sy
		lo = min(lo, yi)
		hi = max(hi, yi)
		s0 += wi
		se += wi * (x[i]*sx - xk)
		t0 += wi * (yi - yk)
	}
	eb := se / s0
	yb := min(max(yk+t0/s0, lo), hi)
	var v, c float64
	for i := 0; i < n; i++ {
		if i == skip {
			continue
		}
		var wi float64
		if stored {
			wi = buf[i]
		} else {
			wi = weightAt(x[i], at, h, inv, m)
		}
		if wi == 0 {
			continue
		}
		de := x[i]*sx - xk - eb
		v += wi * de * de
		c += wi * de * (y[i]*sy - yb)
	}
	if v == 0 {
		return yb
	}
	return yb + (c/v)*(at*sx-xk-eb)
}

// shiftedWeight returns exp(−(u2 − m)/2), or 0 beyond the cutoff.
func shiftedWeight(u2, m float64) float64 {
	e := u2 - m
	if e > cutoff {
		return 0
	}
	return math.Exp(-0.5 * e)
}

// weightAt returns the shifted Gaussian weight of xi at at.
func weightAt(xi, at, h, inv, m float64) float64 {
	d := scaledDiff(xi, at, h, inv)
	return shiftedWeight(d*d, m)
}
