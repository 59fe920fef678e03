package timeslot

import "math"

const unitRoundoff = 0x1p-53

// gamma returns γ(k) = k·u/(1 − k·u), u = 2⁻⁵³ (Higham 2002, §3.1).
func gamma(k int) float64 {
	ku := float64(k) * unitRoundoff
	return ku / (1 - ku)
}

// Certify returns a certified upper bound on the component's welfare optimum (max form) from any dual vector
// y ∈ ℝ^m (Lagrangian weak duality with the bound-slack repair of PDLP, Applegate et al. 2021), for the min
// form min cᵀx, l_c ≤ Ax ≤ u_c, l ≤ x ≤ u of m.Problem:
//
//	ȳ_i = y_i, set to 0 where the bound its sign uses is infinite (y_i > 0 uses l_c,i, y_i < 0 uses u_c,i)
//	r   = c − Aᵀȳ
//	D(y) = Σ_i (l_c,i ȳ_i⁺ − u_c,i ȳ_i⁻) + Σ_j (l_j r_j⁺ − u_j r_j⁻)   ≤ cᵀx for every feasible x
//
// made rigorous in floating point: with γ(k) = ku/(1 − ku), u = 2⁻⁵³, e_j = γ(k_j + 2)(|c_j| + Σ_i |A_ij ȳ_i|)
// for the k_j terms of r̂_j, T the row and column terms and E = Σ_j e_j max(|l_j|, |u_j|),
//
//	DualBound(y) = fl(Σ T) − γ(m + n + 2)·(Σ|T| + E) − E,   Certify(y) = −DualBound(y).
//
// Every box of a Model is finite, so no dual feasibility is needed: a wrong-sign reduced cost is paid by its
// box. Non-finite entries of y count as 0, so the result is never NaN (it is +Inf only on overflow). It is
// computed here on the model's own matrix, independently of the solver. It panics with "timeslot: length
// mismatch" when len(y) ≠ len(m.Rows). O(nonzeros + rows + columns).
func (m *Model) Certify(y []float64) float64 {
	p := m.Problem
	rows, cols := p.A.Rows, p.A.Cols
	if len(y) != rows {
		panic("timeslot: length mismatch")
	}
	r := make([]float64, cols)
	absr := make([]float64, cols)
	k := make([]int, cols)
	copy(r, p.C)
	var sum, sumAbs float64
	for i := range rows {
		yi := y[i]
		switch {
		case math.IsNaN(yi) || math.IsInf(yi, 0):
			yi = 0
		case yi > 0 && math.IsInf(p.RowLower[i], -1):
			yi = 0
		case yi < 0 && math.IsInf(p.RowUpper[i], 1):
			yi = 0
		}
		if yi == 0 {
			continue
		}
		var t float64
		if yi > 0 {
			t = p.RowLower[i] * yi
		} else {
			t = p.RowUpper[i] * yi
		}
		sum += t
		sumAbs += math.Abs(t)
		for q := p.A.RowPtr[i]; q < p.A.RowPtr[i+1]; q++ {
			j := p.A.ColIdx[q]
			v := p.A.Val[q] * yi
			r[j] -= v
			absr[j] += math.Abs(v)
			k[j]++
		}
	}
	var e float64
	for j := range cols {
		lo, up := p.Lower[j], p.Upper[j]
		var t float64
		switch {
		case r[j] > 0:
			t = lo * r[j]
		case r[j] < 0:
			t = up * r[j]
		}
		if math.IsInf(t, 0) || math.IsNaN(t) {
			return math.Inf(1)
		}
		sum += t
		sumAbs += math.Abs(t)
		ej := gamma(k[j]+2) * (math.Abs(p.C[j]) + absr[j])
		e += ej * math.Max(math.Abs(lo), math.Abs(up))
	}
	d := sum - gamma(rows+cols+2)*(sumAbs+e) - e
	if math.IsNaN(d) {
		return math.Inf(1)
	}
	return -d
}
