package lp

import "math"

// farkasRay tests the normalised unscaled dual difference Δy = D_r(y − yPrev) for a Farkas certificate of
// primal infeasibility: with ȳ = Δy projected as in DualBound and r = −Aᵀȳ,
//
//	φ = Σ_i (l_c,i ȳ_i⁺ − u_c,i ȳ_i⁻) + Σ_j (l_j r_j⁺ − u_j r_j⁻)   (finite bounds only)
//	ν = ‖(r_j⁺ where l_j = −∞, r_j⁻ where u_j = +∞)‖₂
//
// and returns ȳ when φ > 0 and ν ≤ tol·φ (then no x satisfies the constraints), nil otherwise.
func farkasRay(p *Problem, full *lpData, rowMap []int, dr, y, yPrev []float64, tol float64, ybar, aty []float64) []float64 {
	dy := make([]float64, p.A.Rows)
	for r, i := range rowMap {
		dy[i] = dr[r] * (y[r] - yPrev[r])
	}
	projectDual(p, dy, ybar)
	nrm := norm2(ybar)
	if !(nrm > 0) || !finite(nrm) {
		return nil
	}
	for i := range ybar {
		ybar[i] /= nrm
	}
	full.at.MulVec(aty, ybar)
	phi := 0.0
	for i, v := range ybar {
		if v > 0 {
			phi += p.RowLower[i] * v
		} else if v < 0 {
			phi += p.RowUpper[i] * v
		}
	}
	nu := 0.0
	for j, at := range aty {
		r := -at
		l, u := full.l[j], full.u[j]
		switch {
		case r > 0 && math.IsInf(l, -1):
			nu += r * r
		case r > 0:
			phi += l * r
		case r < 0 && math.IsInf(u, 1):
			nu += r * r
		case r < 0:
			phi += u * r
		}
	}
	if phi > 0 && math.Sqrt(nu) <= tol*phi {
		return append([]float64(nil), ybar...)
	}
	return nil
}

// recessionRay tests the normalised unscaled primal difference d = D_c Δx for an improving recession
// direction: cᵀd < 0 and the distances of Ad from the recession cone of [l_c, u_c] and of d from that of
// [l, u] at most tol·|cᵀd|. It returns d (full length) or nil. dFull and ad are scratch.
func recessionRay(p *Problem, full *lpData, colMap []int, dc, dx []float64, tol float64, dFull, ad []float64) []float64 {
	clear(dFull)
	for c, j := range colMap {
		dFull[j] = dc[c] * dx[c]
	}
	nrm := norm2(dFull)
	if !(nrm > 0) || !finite(nrm) {
		return nil
	}
	for j := range dFull {
		dFull[j] /= nrm
	}
	cd := 0.0
	for j, v := range dFull {
		cd += p.C[j] * v
	}
	if !(cd < 0) {
		return nil
	}
	full.a.MulVec(ad, dFull)
	viol := 0.0
	for i, v := range ad {
		if v < 0 && !math.IsInf(p.RowLower[i], -1) || v > 0 && !math.IsInf(p.RowUpper[i], 1) {
			viol += v * v
		}
	}
	for j, v := range dFull {
		if v < 0 && !math.IsInf(full.l[j], -1) || v > 0 && !math.IsInf(full.u[j], 1) {
			viol += v * v
		}
	}
	if math.Sqrt(viol) <= tol*-cd {
		return append([]float64(nil), dFull...)
	}
	return nil
}
