package kre

import "math"

// Independent brute-force implementations of §2.3–2.6: the raw closed forms
// with unshifted weights and an explicit hat matrix. They are accurate only
// where no weight underflows, which the callers ensure.

func rawNW(x, y []float64, h, at float64) float64 {
	var s0, t0 float64
	for i := range x {
		u := (x[i] - at) / h
		k := math.Exp(-u * u / 2)
		s0 += k
		t0 += k * y[i]
	}
	return t0 / s0
}

func rawLL(x, y []float64, h, at float64) float64 {
	var s0, s1, s2, t0, t1 float64
	for i := range x {
		d := (x[i] - at) / h
		k := math.Exp(-d * d / 2)
		s0 += k
		s1 += k * d
		s2 += k * d * d
		t0 += k * y[i]
		t1 += k * d * y[i]
	}
	return (s2*t0 - s1*t1) / (s0*s2 - s1*s1)
}

func dropAt(s []float64, i int) []float64 {
	out := append([]float64(nil), s[:i]...)
	return append(out, s[i+1:]...)
}

func rawCV(x, y []float64, h float64, local bool) float64 {
	var s float64
	for i := range x {
		xs, ys := dropAt(x, i), dropAt(y, i)
		var g float64
		if local {
			g = rawLL(xs, ys, h, x[i])
		} else {
			g = rawNW(xs, ys, h, x[i])
		}
		s += (y[i] - g) * (y[i] - g)
	}
	return s / float64(len(x))
}

func rawAICc(x, y []float64, h float64) float64 {
	n := len(x)
	H := make([][]float64, n)
	var tr, s float64
	for i := range H {
		H[i] = make([]float64, n)
		var den float64
		for k := range x {
			u := (x[i] - x[k]) / h
			H[i][k] = math.Exp(-u * u / 2)
			den += H[i][k]
		}
		var g float64
		for k := range x {
			H[i][k] /= den
			g += H[i][k] * y[k]
		}
		tr += H[i][i]
		s += (y[i] - g) * (y[i] - g)
	}
	fn := float64(n)
	if tr >= fn-2 {
		return math.Inf(1)
	}
	return math.Log(s/fn) + (1+tr/fn)/(1-(tr+2)/fn)
}
