package kre

import "math"

// noShiftU2 is the largest nearest-neighbour u² for which the leave-one-out
// NW sums may use unshifted weights exp(−u²/2) (≥ 7e-218, a normal number).
const noShiftU2 = 1000

// CV returns the leave-one-out least-squares cross-validation criterion of
// the Nadaraya–Watson estimator (local = false) or the local linear
// estimator (local = true) at bandwidth h:
//
//	CV(h) = (1/n) Σ_i (y_i − ĝ₋ᵢ(x_i))²
//
// where ĝ₋ᵢ is fitted without point i, with its own weight shift. It needs
// n ≥ 3 (ErrTooFewPoints); other errors are those of NadarayaWatson, and it
// panics if len(x) != len(y). The value is +Inf, never NaN, only when the
// true criterion exceeds the float64 range (internally it is accumulated as
// a logarithm with the largest residual factored out).
//
// Cost O(n²) exps: the NW form uses the symmetry u_ij² = u_ji² (n(n−1)/2
// exps) whenever every point's nearest other point lies within about 31 h,
// the per-row shifted form otherwise. No allocations for n ≤ 16.
//
// References: statsmodels KernelReg cv_ls; R np npregbw(bwmethod =
// "cv.ls") (T. Hayfield, J. S. Racine, "Nonparametric econometrics: the np
// package", J. Stat. Softw. 27(5), 2008, doi:10.18637/jss.v027.i05).
func CV(x, y []float64, h float64, local bool) (float64, error) {
	if err := checkXY(x, y, h); err != nil {
		return 0, err
	}
	if len(x) < 3 {
		return 0, ErrTooFewPoints
	}
	kind := critCVNW
	if local {
		kind = critCVLL
	}
	c := newCriterion(x, y, kind)
	return c.unscale(c.eval(h)), nil
}

type critKind int

const (
	critCVNW critKind = iota
	critCVLL
	critAICc
)

// criterion evaluates CV or AICc on validated data. y enters scaled by the
// exact power of two sy that brings max |y| into [0.5, 1). CV is evaluated as
// ln(sy²·CV), accumulated with the largest residual factored out, so it is
// finite whenever the residuals are (even when CV itself exceeds the float64
// range); AICc as AICc + 2 ln sy. Both transforms are monotone and leave
// every argmin unchanged; unscale maps back.
type criterion struct {
	x, y    []float64
	kind    critKind
	sy      float64
	scratch []float64 // nil for n ≤ stackN (stack arrays are used)
	evals   int
}

func newCriterion(x, y []float64, kind critKind) criterion {
	c := criterion{x: x, y: y, kind: kind, sy: normScale(y)}
	if len(x) > stackN {
		c.scratch = make([]float64, 3*len(x))
	}
	return c
}

// eval returns the (scaled) criterion at h; +Inf marks an invalid h.
func (c *criterion) eval(h float64) float64 {
	c.evals++
	n := len(c.x)
	var st [3 * stackN]float64
	buf := c.scratch
	if buf == nil {
		buf = st[:3*n]
	}
	switch c.kind {
	case critCVNW:
		return cvNW(c.x, c.y, h, c.sy, buf)
	case critCVLL:
		return cvLL(c.x, c.y, h, c.sy, buf)
	default:
		return aiccEval(c.x, c.y, h, c.sy, buf)
	}
}

// cvNW computes the scaled NW leave-one-out criterion; buf has length ≥ 3n.
func cvNW(x, y []float64, h, sy float64, buf []float64) float64 {
	n := len(x)
	rowMin := buf[:n]
	num := buf[n : 2*n]
	den := buf[2*n : 3*n]
	for i := range rowMin {
		rowMin[i] = math.Inf(1)
		num[i], den[i] = 0, 0
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			d := (x[i] - x[j]) / h
			u2 := d * d
			rowMin[i] = min(rowMin[i], u2)
			rowMin[j] = min(rowMin[j], u2)
		}
	}
	symmetric := true
	for _, m := range rowMin {
		if !(m <= noShiftU2) {
			symmetric = false
			break
		}
	}
	res := rowMin // reused for the residuals
	if symmetric {
		for i := 0; i < n; i++ {
			yi := y[i] * sy
			for j := i + 1; j < n; j++ {
				d := (x[i] - x[j]) / h
				w := math.Exp(-0.5 * d * d)
				dy := w * (y[j]*sy - yi)
				num[i] += dy
				num[j] -= dy
				den[i] += w
				den[j] += w
			}
		}
		for i := 0; i < n; i++ {
			res[i] = num[i] / den[i]
		}
	} else {
		for i := 0; i < n; i++ {
			g, _ := nwEvalScaled(x, y, h, x[i], i, sy)
			res[i] = y[i]*sy - g
		}
	}
	return lnMeanSquare(res)
}

// lnMeanSquare returns ln((1/n) Σ r_i²) without overflow or underflow of
// the squares: +Inf if some r_i is ±Inf or NaN, −Inf if every r_i is 0.
func lnMeanSquare(r []float64) float64 {
	var m float64
	for _, v := range r {
		a := math.Abs(v)
		if !(a <= math.MaxFloat64) {
			return math.Inf(1)
		}
		m = max(m, a)
	}
	if m == 0 {
		return math.Inf(-1)
	}
	var s float64
	for _, v := range r {
		q := v / m
		s += q * q
	}
	return 2*math.Log(m) + math.Log(s/float64(len(r)))
}

// cvLL computes the scaled LL leave-one-out criterion; buf has length ≥ n.
func cvLL(x, y []float64, h, sy float64, buf []float64) float64 {
	n := len(x)
	res := buf[:n]
	for i := 0; i < n; i++ {
		res[i] = y[i]*sy - llEvalScaled(x, y, h, x[i], i, 1, sy)
	}
	return lnMeanSquare(res)
}
