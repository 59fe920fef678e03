package kre

import (
	"math"
	"math/bits"
)

// NadarayaWatson returns the Nadaraya–Watson (local constant) kernel
// regression estimate at the point at, with the Gaussian kernel of standard
// deviation h (the statsmodels KernelReg bw / R KernSmooth bandwidth
// convention), in the units of x:
//
//	ĝ_NW(at) = Σ_i w_i y_i / Σ_i w_i,   w_i = exp(−(u_i² − m)/2),
//	u_i = (x_i − at)/h,   m = min_i u_i²
//
// The shift m leaves every ratio unchanged and keeps the largest weight at 1,
// so the estimate is finite however far at lies from the data: far away it
// is the y of the nearest x (the mean of the ties). Weights with
// u_i² − m > 1300 (below 5e-283) are dropped. The result always lies in
// [min y, max y]. x may be in any order and may repeat; inputs are not
// modified.
//
// Errors: n = 0 gives ErrNoData; h ≤ 0, NaN or +Inf gives ErrBadBandwidth;
// a NaN or infinite x_i, y_i or at gives a *ValueError. It panics if
// len(x) != len(y).
//
// Cost O(n), one exp per point, no allocations.
//
// References: E. A. Nadaraya, "On estimating regression", Theory Probab.
// Appl. 9(1):141–142, 1964, doi:10.1137/1109020; G. S. Watson, "Smooth
// regression analysis", Sankhyā A 26(4):359–372, 1964.
func NadarayaWatson(x, y []float64, h, at float64) (float64, error) {
	if err := checkFast(x, y, h); err != nil {
		return 0, err
	}
	if err := checkAt(at, 0); err != nil {
		return 0, err
	}
	return nwEval(x, y, h, at, -1), nil
}

// NadarayaWatsonMany fills dst[j] with NadarayaWatson(x, y, h, at[j]) and
// returns dst; a nil dst is allocated. It is exact, O(n·m). It panics if
// len(x) != len(y) or dst is non-nil with len(dst) != len(at); a bad at[j]
// gives a *ValueError with Index j. For large n and m see BinnedNW.
func NadarayaWatsonMany(dst, x, y []float64, h float64, at []float64) ([]float64, error) {
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
		dst[j] = nwEval(x, y, h, a, -1)
	}
	return dst, nil
}

// nwEval evaluates the NW estimate on validated input, leaving out point
// skip (skip < 0: none). At least one point must remain.
func nwEval(x, y []float64, h, at float64, skip int) float64 {
	g, ok := nwEvalScaled(x, y, h, at, skip, 1)
	if ok {
		return g
	}
	// Σ w (y − y_k) overflowed (|y| near the float64 limit): scale y by a
	// power of two, which is exact, and scale back.
	sc := math.Ldexp(1, -(bits.Len(uint(len(x))) + 2))
	g, _ = nwEvalScaled(x, y, h, at, skip, sc)
	return g / sc
}

func nwEvalScaled(x, y []float64, h, at float64, skip int, sc float64) (float64, bool) {
	n := len(x)
	var buf [stackN]float64
	m, k, onStack := minScaledSq(x, h, at, skip, &buf)
	inv := 1 / h
	if k < 0 {
		// Every u² is +Inf ((x_i − at)/h overflows): documented limit.
		return meanY(y, skip) * sc, true
	}
	yk := y[k] * sc
	lo, hi := yk, yk
	var s0, t0 float64
	for i := 0; i < n; i++ {
		if i == skip {
			continue
		}
		var u2 float64
		if onStack {
			u2 = buf[i]
		} else {
			d := scaledDiff(x[i], at, h, inv)
			u2 = d * d
		}
		e := u2 - m
		if e > cutoff {
			continue
		}
		w := 1.0
		if i != k {
			w = math.Exp(-0.5 * e)
		}
		yi := y[i] * sc
		lo = min(lo, yi)
		hi = max(hi, yi)
		s0 += w
		t0 += w * (yi - yk)
	}
	g := yk + t0/s0
	if !isFinite(g) {
		return 0, false
	}
	// The exact value is a convex combination of the kept y; keep rounding
	// from pushing it outside.
	return min(max(g, lo), hi), true
}
