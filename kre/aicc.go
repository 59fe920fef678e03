package kre

import "math"

// sigmaFloor is the floor of σ̂² in AICc (keeps the logarithm finite on
// data fitted exactly).
const sigmaFloor = 1e-300

// HatTrace returns the trace of the Nadaraya–Watson hat matrix at bandwidth
// h, H_ij = w_ij / Σ_k w_ik with row i evaluated at x_i:
//
//	tr H = Σ_i 1 / Σ_k exp(−(x_i − x_k)²/(2h²))
//
// It decreases strictly in h for distinct x, from n (h → 0) to 1 (h → ∞);
// for all x equal it is 1. Errors: ErrNoData, ErrBadBandwidth, *ValueError
// for a bad x_i. Cost n(n−1)/2 exps; allocates a scratch slice for n > 16.
func HatTrace(x []float64, h float64) (float64, error) {
	if len(x) == 0 {
		return 0, ErrNoData
	}
	if err := checkH(h); err != nil {
		return 0, err
	}
	for i, v := range x {
		if !isFinite(v) {
			return 0, &ValueError{Arg: "x", Index: i, Value: v}
		}
	}
	n := len(x)
	var st [stackN]float64
	var den []float64
	if n <= stackN {
		den = st[:n]
	} else {
		den = make([]float64, n)
	}
	hatRows(x, nil, h, 1, den, nil)
	var tr float64
	for _, d := range den {
		tr += 1 / d
	}
	return tr, nil
}

// hatRows fills den[i] = Σ_k w_ik and, when num is non-nil,
// num[i] = Σ_k w_ik (y_k − y_i)·sy, with unshifted weights (row i's own
// weight is 1, so no shift is needed).
func hatRows(x, y []float64, h, sy float64, den, num []float64) {
	n := len(x)
	for i := range den {
		den[i] = 1
	}
	for i := range num {
		num[i] = 0
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			d := (x[i] - x[j]) / h
			u2 := d * d
			if u2 > 2*cutoff {
				continue
			}
			w := math.Exp(-0.5 * u2)
			den[i] += w
			den[j] += w
			if num != nil {
				dy := w * (y[j] - y[i]) * sy
				num[i] += dy
				num[j] -= dy
			}
		}
	}
}

// AICc returns the corrected Akaike criterion of Hurvich, Simonoff and Tsai
// for the Nadaraya–Watson smoother at bandwidth h (the statsmodels
// aic_hurvich form, which uses the NW hat matrix also for local linear):
//
//	σ̂² = (1/n) Σ_i (y_i − ĝ_NW(x_i))²   (floored at 1e-300)
//	AICc(h) = ln σ̂² + (1 + tr H/n) / (1 − (tr H + 2)/n)
//
// Reconstruction of the validity domain, forced by the formula: the
// criterion is defined only where tr H < n − 2 (tested as
// tr H < n − 2 − 1e-9·n); elsewhere AICc returns +Inf and a nil error,
// because past the pole at tr H = n − 2 the value is spuriously very
// negative. n ≤ 3 has no valid h and returns ErrNoValidBandwidth. Other
// errors are those of NadarayaWatson; it panics if len(x) != len(y).
// Cost n(n−1)/2 exps.
//
// Reference: C. M. Hurvich, J. S. Simonoff, C.-L. Tsai, "Smoothing
// parameter selection in nonparametric regression using an improved Akaike
// information criterion", J. R. Stat. Soc. B 60(2):271–293, 1998,
// doi:10.1111/1467-9868.00125.
func AICc(x, y []float64, h float64) (float64, error) {
	if err := checkXY(x, y, h); err != nil {
		return 0, err
	}
	if len(x) <= 3 {
		return 0, ErrNoValidBandwidth
	}
	c := newCriterion(x, y, critAICc)
	v := c.eval(h)
	if math.IsInf(v, 1) {
		return v, nil
	}
	return v - 2*math.Log(c.sy), nil
}

// aiccEval computes AICc with y scaled by sy; buf has length ≥ 2n.
func aiccEval(x, y []float64, h, sy float64, buf []float64) float64 {
	n := len(x)
	den := buf[:n]
	num := buf[n : 2*n]
	hatRows(x, y, h, sy, den, num)
	var tr, s float64
	for i := 0; i < n; i++ {
		tr += 1 / den[i]
		r := num[i] / den[i]
		s += r * r
	}
	fn := float64(n)
	if !(tr < fn-2-1e-9*fn) {
		return math.Inf(1)
	}
	s2 := max(s/fn, sigmaFloor)
	return math.Log(s2) + (1+tr/fn)/(1-(tr+2)/fn)
}
