package kre

// irdm reports whether the modelled load is leaving a local maximum (an
// inertia region) on the kept window points (xs, ys) at bandwidth h.
//
// Reconstruction (the Paper: IRDM "modifies the KRE output whenever the
// modeled load leaves local maxima"; a kernel average keeps the weight of a
// recent peak after the load has turned down and over-forecasts): let
// m_i = ĝ(x_i) be the modelled load at the kept points, same estimator and
// h, and p the first point where m is maximal. An inertia region holds iff
// p is interior (neither the first nor the last kept point), m is
// non-increasing from p to the last point, and m_p − m_last ≥ η·m_p
// (η = Drop). Forecast then caps every forecast at the last kept
// observation (in deseasonalised units with the weekday variant).
func irdm(xs, ys []float64, h float64, est func(x, y []float64, h, at float64, skip int) float64, drop float64) bool {
	n := len(xs)
	if n < 3 {
		return false
	}
	var st [stackN]float64
	var m []float64
	if n <= stackN {
		m = st[:n]
	} else {
		m = make([]float64, n)
	}
	p := 0
	for i := range m {
		m[i] = est(xs, ys, h, xs[i], -1)
		if m[i] > m[p] {
			p = i
		}
	}
	if p == 0 || p == n-1 {
		return false
	}
	for i := p + 1; i < n; i++ {
		if m[i] > m[i-1] {
			return false
		}
	}
	return m[p]-m[n-1] >= drop*m[p]
}
