package game

import "math"

// golden is (3 − √5)/2, the golden-section fraction.
const golden = 0.3819660112501051

// sqrtEps is √ε_mach for float64.
var sqrtEps = math.Sqrt(0x1p-52)

// MaximizeBounded returns an approximate maximiser x of f on [lo, hi] and fx = f(x), by Brent's method
// (golden-section steps with successive parabolic interpolation) applied to −f, stopping when the bracket
// around x is within 2·(√ε_mach·|x| + tol/3) of x. Afterwards it evaluates f(lo) and f(hi) and returns the
// best of the three points; an endpoint wins only if it is strictly better. NaN values of f count as −Inf.
//
// Reconstruction: between Brent and the endpoint check, one three-point parabolic step with spacing
// h = 1e-5·(hi−lo), centred at x (shifted inside [lo, hi] near an end), refines x; it is accepted only if
// the step stays within 2h and inside [lo, hi], the second difference is negative and f does not decrease by
// more than 1e-3 of the three-point curvature. Brent's own stopping rule leaves an error of order √ε_mach·|x| ≈ 1e-8
// at a smooth maximum, the noise floor of comparisons of f; the three-point step estimates f′ from points h
// apart and brings the error to about 1e-10 on smooth f, for 3 more evaluations.
// A tol ≤ 0 or NaN means the default 1e-10.
//
// The result is exact (to the tolerance) for concave or unimodal f; for other f it is a local maximiser
// (see FuncGame.Grid). A concave quadratic needs about 10 evaluations; at most 500 steps are taken.
//
// It panics if f is nil, a bound is NaN or infinite, or lo > hi.
//
// Reference: R. P. Brent, Algorithms for Minimization without Derivatives, Prentice-Hall, 1973, ch. 5.
func MaximizeBounded(f func(x float64) float64, lo, hi, tol float64) (x, fx float64) {
	if f == nil {
		panic("game: nil function")
	}
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) || lo > hi {
		panic("game: invalid bounds")
	}
	if !(tol > 0) {
		tol = 1e-10
	}
	h := func(x float64) float64 {
		v := f(x)
		if math.IsNaN(v) {
			return math.Inf(1)
		}
		return -v
	}
	if lo == hi {
		return lo, -h(lo)
	}
	a, b := lo, hi
	x = a + golden*(b-a)
	w, v := x, x
	hx := h(x)
	hw, hv := hx, hx
	var d, e float64
	for range 500 {
		m := 0.5 * (a + b)
		tol1 := sqrtEps*math.Abs(x) + tol/3
		tol2 := 2 * tol1
		if math.Abs(x-m) <= tol2-0.5*(b-a) {
			break
		}
		parabolic := false
		if math.Abs(e) > tol1 && !math.IsInf(hx, 0) && !math.IsInf(hw, 0) && !math.IsInf(hv, 0) {
			r := (x - w) * (hx - hv)
			q := (x - v) * (hx - hw)
			p := (x-v)*q - (x-w)*r
			q = 2 * (q - r)
			if q > 0 {
				p = -p
			} else {
				q = -q
			}
			r = e
			e = d
			if math.Abs(p) < math.Abs(0.5*q*r) && p > q*(a-x) && p < q*(b-x) {
				d = p / q
				u := x + d
				if u-a < tol2 || b-u < tol2 {
					d = math.Copysign(tol1, m-x)
				}
				parabolic = true
			}
		}
		if !parabolic {
			if x < m {
				e = b - x
			} else {
				e = a - x
			}
			d = golden * e
		}
		var u float64
		switch {
		case math.Abs(d) >= tol1:
			u = x + d
		case d > 0:
			u = x + tol1
		default:
			u = x - tol1
		}
		hu := h(u)
		if hu <= hx {
			if u < x {
				b = x
			} else {
				a = x
			}
			v, hv = w, hw
			w, hw = x, hx
			x, hx = u, hu
		} else {
			if u < x {
				a = u
			} else {
				b = u
			}
			if hu <= hw || w == x {
				v, hv = w, hw
				w, hw = u, hu
			} else if hu <= hv || v == x || v == w {
				v, hv = u, hu
			}
		}
	}
	x, hx = polish(h, x, hx, lo, hi)
	if hl := h(lo); hl < hx {
		x, hx = lo, hl
	}
	if hh := h(hi); hh < hx {
		x, hx = hi, hh
	}
	return x, -hx
}

// polish applies one three-point parabolic step to the minimiser x of h on [lo, hi]: the stencil
// c−step, c, c+step is centred at x, shifted inside [lo, hi] when x is within step of an end.
func polish(h func(float64) float64, x, hx, lo, hi float64) (float64, float64) {
	step := 1e-5 * (hi - lo)
	if !(step > 0) || math.IsInf(hx, 0) {
		return x, hx
	}
	c, hc := x, hx
	if x-step < lo || x+step > hi {
		c = min(max(x, lo+step), hi-step)
		hc = h(c)
	}
	hm, hp := h(c-step), h(c+step)
	curv := hp - 2*hc + hm
	if !(curv > 0) || math.IsInf(hm, 0) || math.IsInf(hp, 0) || math.IsInf(hc, 0) {
		return x, hx
	}
	delta := -step * (hp - hm) / (2 * curv)
	u := c + delta
	if !(math.Abs(delta) <= 2*step) || u < lo || u > hi {
		return x, hx
	}
	hu := h(u)
	// f is at its noise floor here, so allow a loss of a thousandth of the three-point curvature (at most
	// ~1e-3·|f″|·step², far below any real decrease) or a few ulps.
	if hu <= hx+max(8*0x1p-52*math.Abs(hx), 1e-3*curv) {
		return u, hu
	}
	return x, hx
}
