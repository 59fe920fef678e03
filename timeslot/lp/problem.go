package lp

import (
	"math"
)

// Problem is the linear program
//
//	minimise cᵀx + Offset  subject to  RowLower ≤ A x ≤ RowUpper,  Lower ≤ x ≤ Upper,
//
// with infinite bounds allowed (−Inf lower, +Inf upper). Nil Lower and Upper mean 0 and +Inf for every
// column. Solve and WriteMPS never modify a Problem.
type Problem struct {
	C                  []float64
	A                  CSR
	RowLower, RowUpper []float64 // −Inf / +Inf allowed
	Lower, Upper       []float64 // nil → 0 and +Inf
	Offset             float64
}

// checkShape panics on programmer errors: nil problem, length mismatches, malformed CSR.
func (p *Problem) checkShape() {
	if p == nil {
		panic("lp: nil problem")
	}
	p.A.check()
	if len(p.C) != p.A.Cols {
		panic("lp: len(C) != A.Cols")
	}
	if len(p.RowLower) != p.A.Rows || len(p.RowUpper) != p.A.Rows {
		panic("lp: len(RowLower/RowUpper) != A.Rows")
	}
	if (len(p.Lower) != 0 && len(p.Lower) != p.A.Cols) || (len(p.Upper) != 0 && len(p.Upper) != p.A.Cols) {
		panic("lp: len(Lower/Upper) not in {0, A.Cols}")
	}
}

func (p *Problem) lower(j int) float64 {
	if len(p.Lower) == 0 {
		return 0
	}
	return p.Lower[j]
}

func (p *Problem) upper(j int) float64 {
	if len(p.Upper) == 0 {
		return math.Inf(1)
	}
	return p.Upper[j]
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// Validate reports the first invalid number of p as a *ProblemError: NaN or ±Inf in C, A.Val or Offset; a
// NaN bound; Lower = +Inf; Upper = −Inf; RowLower = +Inf; RowUpper = −Inf. It does not check l ≤ u (Solve
// reports crossed bounds as ErrInfeasible). It panics on a nil problem, length mismatches or a malformed CSR.
func (p *Problem) Validate() error {
	p.checkShape()
	for j, v := range p.C {
		if !finite(v) {
			return &ProblemError{Field: "C", Index: j, Reason: "not finite"}
		}
	}
	for q, v := range p.A.Val {
		if !finite(v) {
			return &ProblemError{Field: "A.Val", Index: q, Reason: "not finite"}
		}
	}
	if !finite(p.Offset) {
		return &ProblemError{Field: "Offset", Index: -1, Reason: "not finite"}
	}
	for i, v := range p.RowLower {
		if math.IsNaN(v) || math.IsInf(v, 1) {
			return &ProblemError{Field: "RowLower", Index: i, Reason: "NaN or +Inf"}
		}
	}
	for i, v := range p.RowUpper {
		if math.IsNaN(v) || math.IsInf(v, -1) {
			return &ProblemError{Field: "RowUpper", Index: i, Reason: "NaN or -Inf"}
		}
	}
	for j, v := range p.Lower {
		if math.IsNaN(v) || math.IsInf(v, 1) {
			return &ProblemError{Field: "Lower", Index: j, Reason: "NaN or +Inf"}
		}
	}
	for j, v := range p.Upper {
		if math.IsNaN(v) || math.IsInf(v, -1) {
			return &ProblemError{Field: "Upper", Index: j, Reason: "NaN or -Inf"}
		}
	}
	return nil
}

// unitRoundoff is u = 2⁻⁵³.
const unitRoundoff = 0x1p-53

func gamma(k int) float64 {
	ku := float64(k) * unitRoundoff
	return ku / (1 - ku)
}

// DualBound returns a rigorous lower bound on the optimum of p (including Offset) from any y ∈ ℝ^m by
// Lagrangian weak duality:
//
//	ȳ_i = y_i, set to 0 where the bound its sign uses is infinite (y_i > 0 uses RowLower_i, y_i < 0 RowUpper_i)
//	r   = c − Aᵀȳ
//	D(y) = Σ_i (l_c,i ȳ_i⁺ − u_c,i ȳ_i⁻) + Σ_j (l_j r_j⁺ − u_j r_j⁻)
//
// made rigorous in floating point by the margin of spec timeslot.md §2.6: with γ(k) = ku/(1−ku), u = 2⁻⁵³,
// e_j = γ(k_j+2)(|c_j| + Σ_i |A_ij ȳ_i|) for the k_j entries of column j, T the row and column terms and
// E = Σ_j e_j max(|l_j|, |u_j|), DualBound = fl(ΣT) − γ(m+n+2)(Σ|T| + E) − E, plus Offset. Non-finite
// entries of y count as 0. The result is −Inf when a wrong-sign reduced cost meets an infinite box (in
// particular whenever a column with a nonzero e_j has an infinite bound); it is never NaN.
//
// It panics on shape errors (see Validate) or len(y) ≠ A.Rows. O(nnz + m + n); it builds Aᵀ once per call.
func (p *Problem) DualBound(y []float64) float64 {
	p.checkShape()
	if len(y) != p.A.Rows {
		panic("lp: len(y) != A.Rows")
	}
	return dualBound(p, p.A.T(), y, make([]float64, p.A.Rows))
}

// projectDual writes ȳ into ybar: y with non-finite entries and entries whose bound is infinite set to 0.
func projectDual(p *Problem, y, ybar []float64) {
	for i, v := range y {
		switch {
		case !finite(v):
			v = 0
		case v > 0 && math.IsInf(p.RowLower[i], -1):
			v = 0
		case v < 0 && math.IsInf(p.RowUpper[i], 1):
			v = 0
		}
		ybar[i] = v
	}
}

// dualBound evaluates DualBound with a prebuilt transpose at (Cols×Rows) and scratch ybar (len Rows).
func dualBound(p *Problem, at CSR, y, ybar []float64) float64 {
	projectDual(p, y, ybar)
	m, n := p.A.Rows, p.A.Cols
	var sumT, sumAbsT, e float64
	for i, v := range ybar {
		var t float64
		if v > 0 {
			t = p.RowLower[i] * v
		} else if v < 0 {
			t = p.RowUpper[i] * v // −u·ȳ⁻ = u·ȳ for ȳ < 0
		}
		sumT += t
		sumAbsT += math.Abs(t)
	}
	for j := range n {
		r := p.C[j]
		mag := math.Abs(p.C[j])
		k := 0
		for q := at.RowPtr[j]; q < at.RowPtr[j+1]; q++ {
			av := at.Val[q] * ybar[at.ColIdx[q]]
			r -= av
			mag += math.Abs(av)
			k++
		}
		ej := gamma(k+2) * mag
		lj, uj := p.lower(j), p.upper(j)
		var t float64
		if r > 0 {
			t = lj * r
		} else if r < 0 {
			t = uj * r
		}
		sumT += t
		sumAbsT += math.Abs(t)
		if ej > 0 {
			e += ej * max(math.Abs(lj), math.Abs(uj))
		}
	}
	b := sumT - gamma(m+n+2)*(sumAbsT+e) - e + p.Offset
	if math.IsNaN(b) || math.IsInf(b, 1) {
		return math.Inf(-1)
	}
	return b
}
