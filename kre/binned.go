package kre

import (
	"fmt"
	"math"
	"slices"
	"sort"
)

// Binned Nadaraya–Watson constants.
const (
	binTau            = 8.5 // window half-width in kernel sds: dropped weights < e^{−36} ≈ 2.3e-16
	DefaultOverSample = 16
	DefaultMaxGrid    = 1 << 22
	epsilon           = 0x1p-52
	minSub            = 0x1p-1074 // absolute rounding granularity of subnormals
)

// BinSettings configures NewBinnedNW. Zero fields mean OverSample 16 (grid
// nodes per kernel standard deviation), MaxGrid 2²², Tol 0 (report the
// bound only).
type BinSettings struct {
	OverSample float64
	MaxGrid    int
	Tol        float64 // > 0: fall back to the exact sum wherever the bound exceeds Tol
}

// BinnedNW is the fast path of NadarayaWatson for large n: linear binning
// on a grid of spacing δ = h/S and a truncated kernel sum over the grid,
// with a rigorous per-prediction error bound. It is immutable and safe for
// concurrent use.
//
// Build, O(n + G): grid g_k = min x + kδ, k = 0..G−1,
// G = ⌈(max x − min x)/δ⌉ + 1 (capped at MaxGrid, then δ = span/(G − 1));
// each point's unit weight and its y − ȳ are split linearly between the two
// nodes around it (c_k, d_k), and each cell keeps its count and the range
// of y − ȳ.
//
// Evaluation at x₀, O(τS): with j the nearest node, u_k = (x₀ − g_k)/h,
// m = u_j² and K_k = exp(−(u_k² − m)/2) over the nodes within L = ⌈τS⌉ + 1
// of j (τ = 8.5),
//
//	ĝ_b(x₀) = ȳ + Σ K_k d_k / Σ K_k c_k
//
// which is exact NW with each weight replaced by its linear interpolant
// between nodes. From Σ w̃_i (y_i − ĝ_b) = 0, the error is
// |ĝ − ĝ_b| ≤ Σ|w̃_i − w_i||y_i − ĝ_b| / Σ w_i; the interpolation error of
// φ(u) = exp(−(u² − m)/2) over a cell of width s = δ/h is at most
// (s²/8)·max|φ”|, |φ”| = |u² − 1|φ (maximal at the cell ends or at 0,
// ±√3), and a point outside the window has weight below e_τ, φ at the
// distance to the window's edge. Hence
//
//	B(x₀) = [Σ_win n_k E_k max(|lo_k − r|, |hi_k − r|) + n_out e_τ max(|lo − r|, |hi − r|)]
//	        / [Σ K_k c_k − Σ_win n_k E_k − n_out e_τ]
//
// plus a float rounding allowance of about 4(n + 2L)(ε·max|y − ȳ| + 2⁻¹⁰⁷⁴/Σ K_k c_k)
// + 4(m + τ²)ε·(max y − min y) (B = +Inf when
// the denominator is ≤ 0). Where B = +Inf (far outside the data, where the
// exponential is poorly interpolated), or B > Tol when Tol > 0, At falls
// back to the exact NW sum over the points with (x_i − x₀)² ≤ d²_min + (τh)²
// (binary search in a sorted copy), whose bound is
// n_out·e^{−τ²/2}·(max y − min y)/Σ w plus rounding.
//
// References: J. Fan, J. S. Marron, "Fast implementations of nonparametric
// curve estimators", J. Comput. Graph. Stat. 3(1):35–56, 1994,
// doi:10.1080/10618600.1994.10474629; M. P. Wand, "Fast computation of
// multivariate kernel estimators", J. Comput. Graph. Stat. 3(4):433–445,
// 1994, doi:10.1080/10618600.1994.10474656 (the R KernSmooth
// locpoly(binned = TRUE) approach). The error bound is derived for this
// package.
type BinnedNW struct {
	n          int
	h, g0, del float64
	s          float64 // δ/h
	G, L       int
	ybar       float64
	c, d       []float64 // node sums
	cnt        []int32   // points per cell
	clo, chi   []float64 // range of y − ȳ per cell
	lo, hi     float64   // global range of y − ȳ
	tol        float64
	xs, ys     []float64 // sorted copy for the exact fallback
}

// NewBinnedNW builds the binned estimator of NadarayaWatson(x, y, h, ·).
// Errors: those of NadarayaWatson, and ErrBadSettings for OverSample < 0 or
// non-finite, MaxGrid < 2 (when set) or Tol < 0 or NaN. It panics if
// len(x) != len(y). Cost O(n log n + G) (the sort of the fallback copy).
func NewBinnedNW(x, y []float64, h float64, s *BinSettings) (*BinnedNW, error) {
	var set BinSettings
	if s != nil {
		set = *s
	}
	switch {
	case set.OverSample < 0 || !isFinite(set.OverSample):
		return nil, fmt.Errorf("%w: OverSample = %v, need finite > 0", ErrBadSettings, set.OverSample)
	case set.MaxGrid < 0 || set.MaxGrid == 1:
		return nil, fmt.Errorf("%w: MaxGrid = %d, need ≥ 2", ErrBadSettings, set.MaxGrid)
	case set.Tol < 0 || math.IsNaN(set.Tol):
		return nil, fmt.Errorf("%w: Tol = %v, need ≥ 0", ErrBadSettings, set.Tol)
	}
	if set.OverSample == 0 {
		set.OverSample = DefaultOverSample
	}
	if set.MaxGrid == 0 {
		set.MaxGrid = DefaultMaxGrid
	}
	if err := checkXY(x, y, h); err != nil {
		return nil, err
	}
	n := len(x)
	b := &BinnedNW{n: n, h: h, tol: set.Tol}
	xmin, xmax := slices.Min(x), slices.Max(x)
	b.g0 = xmin
	b.del = h / set.OverSample
	span := xmax - xmin
	switch {
	case span == 0:
		b.G = 1
	default:
		nf := math.Ceil(span/b.del) + 1
		if !(nf <= float64(set.MaxGrid)) || b.del == 0 {
			b.G = set.MaxGrid
			b.del = span / float64(b.G-1)
		} else {
			b.G = int(nf)
		}
	}
	if !isFinite(span) || !isFinite(b.del) || b.del == 0 {
		// x spans beyond the float64 range (or δ underflows): no usable
		// grid; every evaluation takes the exact path.
		b.G = 0
	}
	b.s = b.del / h
	b.ybar = meanY(y, -1)
	b.lo, b.hi = math.Inf(1), math.Inf(-1)
	for _, v := range y {
		r := v - b.ybar
		b.lo, b.hi = min(b.lo, r), max(b.hi, r)
	}
	if b.G > 0 {
		lf := math.Ceil(binTau/b.s) + 1
		b.L = b.G
		if lf < float64(b.G) {
			b.L = int(lf)
		}
		b.c = make([]float64, b.G)
		b.d = make([]float64, b.G)
		b.cnt = make([]int32, b.G)
		b.clo = make([]float64, b.G)
		b.chi = make([]float64, b.G)
		for i, xi := range x {
			p := (xi - b.g0) / b.del
			k := int(math.Floor(p))
			t := p - float64(k)
			if k >= b.G-1 {
				k, t = b.G-1, 0
			}
			if k < 0 {
				k, t = 0, 0
			}
			r := y[i] - b.ybar
			b.c[k] += 1 - t
			b.d[k] += (1 - t) * r
			if t > 0 {
				b.c[k+1] += t
				b.d[k+1] += t * r
			}
			if b.cnt[k] == 0 {
				b.clo[k], b.chi[k] = r, r
			} else {
				b.clo[k], b.chi[k] = min(b.clo[k], r), max(b.chi[k], r)
			}
			b.cnt[k]++
		}
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, c int) bool { return x[idx[a]] < x[idx[c]] })
	b.xs = make([]float64, n)
	b.ys = make([]float64, n)
	for i, j := range idx {
		b.xs[i], b.ys[i] = x[j], y[j]
	}
	return b, nil
}

// spread returns max|y − ȳ|.
func (b *BinnedNW) spread() float64 { return max(math.Abs(b.lo), math.Abs(b.hi)) }

// At returns the binned estimate at x0 and a bound on its distance from
// NadarayaWatson(x, y, h, x0). For a non-finite x0 it returns the mean of
// y and +Inf. Cost O(τS) for the binned sum, O(log n + points within
// about τh) for the exact fallback; no allocations for S ≤ 64.
func (b *BinnedNW) At(x0 float64) (value, bound float64) {
	if !isFinite(x0) {
		return b.ybar, math.Inf(1)
	}
	if b.G > 0 {
		v, bd, ok := b.binned(x0)
		if ok && !math.IsInf(bd, 1) && (b.tol == 0 || bd <= b.tol) {
			return v, bd
		}
	}
	return b.exact(x0)
}

func (b *BinnedNW) binned(x0 float64) (value, bound float64, ok bool) {
	p := (x0 - b.g0) / b.del
	var j int
	switch {
	case !(p > 0):
		j = 0
	case p >= float64(b.G-1):
		j = b.G - 1
	default:
		j = int(math.Floor(p + 0.5))
		j = min(j, b.G-1)
	}
	uAt := func(k int) float64 { return (x0 - (b.g0 + float64(k)*b.del)) / b.h }
	uj := uAt(j)
	m := uj * uj
	kLo, kHi := max(j-b.L, 0), min(j+b.L, b.G-1)
	var kbuf [2*(64*9+1) + 1]float64
	var K []float64
	if w := kHi - kLo + 1; w <= len(kbuf) {
		K = kbuf[:w]
	} else {
		K = make([]float64, w)
	}
	var sc, sd float64
	for k := kLo; k <= kHi; k++ {
		u := uAt(k)
		kk := shiftedWeight(u*u, m)
		K[k-kLo] = kk
		sc += kk * b.c[k]
		sd += kk * b.d[k]
	}
	if !(sc > 0) {
		return 0, 0, false
	}
	r := sd / sc
	s2 := b.s * b.s / 8
	var num, errW float64
	inCount := 0
	for k := kLo; k <= kHi; k++ {
		nk := b.cnt[k]
		if nk == 0 {
			continue
		}
		if k == b.G-1 { // single-node cell: exact weights
			inCount += int(nk)
			continue
		}
		if k == kHi {
			continue // its right node lies outside the window
		}
		ua, ub := uAt(k+1), uAt(k) // ua < ub
		Mk := math.Abs(ua*ua-1) * K[k+1-kLo]
		Mk = max(Mk, math.Abs(ub*ub-1)*K[k-kLo])
		if ua < 0 && ub > 0 {
			Mk = max(Mk, math.Exp(0.5*m))
		}
		const sqrt3 = 1.7320508075688772
		if (ua < sqrt3 && ub > sqrt3) || (ua < -sqrt3 && ub > -sqrt3) {
			Mk = max(Mk, 2*math.Exp(-0.5*(3-m)))
		}
		Ek := float64(nk) * s2 * Mk
		errW += Ek
		num += Ek * max(math.Abs(b.clo[k]-r), math.Abs(b.chi[k]-r))
		inCount += int(nk)
	}
	nOut := b.n - inCount
	if nOut > 0 {
		d := math.Inf(1)
		if kLo > 0 {
			d = min(d, max(uAt(kLo), 0))
		}
		if kHi < b.G-1 {
			d = min(d, max(-uAt(kHi), 0))
		}
		if kLo > 0 || kHi < b.G-1 {
			eTau := math.Exp(-0.5 * (d*d - m))
			if d*d-m > 2*cutoff {
				eTau = 0
			}
			errW += float64(nOut) * eTau
			num += float64(nOut) * eTau * max(math.Abs(b.lo-r), math.Abs(b.hi-r))
		}
	}
	den := sc - errW
	value = b.ybar + r
	if !(den > 0) || !isFinite(num) {
		return value, math.Inf(1), true
	}
	bound = num/den + 4*float64(b.n+2*b.L+4)*(epsilon*(b.spread()+math.Abs(value))+minSub/min(sc, 1)) +
		expRounding(m, b.hi-b.lo)
	return value, bound, true
}

// exact evaluates the truncated exact NW sum and its bound.
func (b *BinnedNW) exact(x0 float64) (value, bound float64) {
	xs, ys := b.xs, b.ys
	n := len(xs)
	i := sort.SearchFloat64s(xs, x0)
	// nearest point: xs[i−1] or xs[i]
	near := i
	if i == n || (i > 0 && x0-xs[i-1] <= xs[i]-x0) {
		near = i - 1
	}
	dmin := (xs[near] - x0) / b.h
	m := dmin * dmin
	if math.IsInf(m, 1) {
		return b.ybar, math.Inf(1)
	}
	lim := m + binTau*binTau
	lo, hi := near, near
	for lo > 0 {
		d := (xs[lo-1] - x0) / b.h
		if d*d > lim {
			break
		}
		lo--
	}
	for hi < n-1 {
		d := (xs[hi+1] - x0) / b.h
		if d*d > lim {
			break
		}
		hi++
	}
	yk := ys[near]
	var s0, t0 float64
	ymin, ymax := yk, yk
	for k := lo; k <= hi; k++ {
		d := (xs[k] - x0) / b.h
		w := math.Exp(-0.5 * (d*d - m))
		s0 += w
		t0 += w * (ys[k] - yk)
		ymin, ymax = min(ymin, ys[k]), max(ymax, ys[k])
	}
	value = min(max(yk+t0/s0, ymin), ymax)
	nOut := n - (hi - lo + 1)
	bound = float64(nOut)*math.Exp(-0.5*binTau*binTau)*(b.hi-b.lo)/s0 + expRounding(m, b.hi-b.lo) +
		4*float64(hi-lo+4)*(epsilon*(b.spread()+math.Abs(value))+minSub) + 4*float64(n)*(epsilon*b.spread()+minSub)
	if !isFinite(value) {
		return b.ybar, math.Inf(1)
	}
	return value, bound
}

// expRounding bounds the effect of rounding in the exponents: u² carries an
// absolute error of about u²·ε, so a weight's relative error is about
// (m + τ²)·ε where m is the shift, moving the ratio by at most that times
// the response range.
func expRounding(m, yRange float64) float64 {
	return 4 * (m + binTau*binTau + 1) * epsilon * yRange
}

// Predict fills values[j], bounds[j] with At(at[j]) and returns them; nil
// dst or bound slices are allocated. It panics if a non-nil dst or bound
// has a length other than len(at).
func (b *BinnedNW) Predict(dst, bound, at []float64) (values, bounds []float64) {
	if dst != nil && len(dst) != len(at) {
		panic("kre: len(dst) != len(at)")
	}
	if bound != nil && len(bound) != len(at) {
		panic("kre: len(bound) != len(at)")
	}
	if dst == nil {
		dst = make([]float64, len(at))
	}
	if bound == nil {
		bound = make([]float64, len(at))
	}
	for j, a := range at {
		dst[j], bound[j] = b.At(a)
	}
	return dst, bound
}
