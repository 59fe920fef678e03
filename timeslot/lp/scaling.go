package lp

import "math"

// scaling returns the diagonal row and column scalings D_r, D_c of a: ruiz rounds of Ruiz equilibration
// (D_r,i ← D_r,i/√‖Ã_i·‖∞, D_c,j ← D_c,j/√‖Ã_·j‖∞, both from the same Ã; empty rows and columns keep 1),
// then, if pc, one Pock–Chambolle round with α = 1 (D_r,i ← D_r,i/√‖Ã_i·‖₁, D_c,j ← D_c,j/√‖Ã_·j‖₁).
// A round that would make a factor or a scaled entry zero or infinite (extreme magnitudes) is undone and
// scaling stops there. O(nnz·(ruiz+1)).
//
// References: D. Ruiz, "A scaling algorithm to equilibrate both rows and columns norms in matrices",
// RAL-TR-2001-034, 2001; T. Pock, A. Chambolle, "Diagonal preconditioning for first order primal-dual
// algorithms in convex optimization", ICCV 2011.
func scaling(a CSR, ruiz int, pc bool) (dr, dc []float64) {
	m, n := a.Rows, a.Cols
	dr = make([]float64, m)
	dc = make([]float64, n)
	for i := range dr {
		dr[i] = 1
	}
	for j := range dc {
		dc[j] = 1
	}
	rowN := make([]float64, m)
	colN := make([]float64, n)
	scaled := func(i, q int) float64 { return math.Abs(dr[i] * a.Val[q] * dc[a.ColIdx[q]]) }
	prevR, prevC := make([]float64, m), make([]float64, n)
	// healthy reports whether every factor and scaled entry is finite and nonzero; a round that breaks this
	// (extreme magnitudes) is undone and scaling stops.
	healthy := func() bool {
		for _, v := range dr {
			if !(v > 0) || math.IsInf(v, 1) {
				return false
			}
		}
		for _, v := range dc {
			if !(v > 0) || math.IsInf(v, 1) {
				return false
			}
		}
		for i := range m {
			for q := a.RowPtr[i]; q < a.RowPtr[i+1]; q++ {
				if v := scaled(i, q); !(v > 0) || math.IsInf(v, 1) {
					return false
				}
			}
		}
		return true
	}
	for range max(ruiz, 0) {
		copy(prevR, dr)
		copy(prevC, dc)
		clear(rowN)
		clear(colN)
		for i := range m {
			for q := a.RowPtr[i]; q < a.RowPtr[i+1]; q++ {
				v := scaled(i, q)
				rowN[i] = max(rowN[i], v)
				j := a.ColIdx[q]
				colN[j] = max(colN[j], v)
			}
		}
		for i, v := range rowN {
			if v > 0 {
				dr[i] /= math.Sqrt(v)
			}
		}
		for j, v := range colN {
			if v > 0 {
				dc[j] /= math.Sqrt(v)
			}
		}
		if !healthy() {
			copy(dr, prevR)
			copy(dc, prevC)
			return dr, dc
		}
	}
	if pc {
		copy(prevR, dr)
		copy(prevC, dc)
		clear(rowN)
		clear(colN)
		for i := range m {
			for q := a.RowPtr[i]; q < a.RowPtr[i+1]; q++ {
				v := scaled(i, q)
				rowN[i] += v
				colN[a.ColIdx[q]] += v
			}
		}
		for i, v := range rowN {
			if v > 0 {
				dr[i] /= math.Sqrt(v)
			}
		}
		for j, v := range colN {
			if v > 0 {
				dc[j] /= math.Sqrt(v)
			}
		}
		if !healthy() {
			copy(dr, prevR)
			copy(dc, prevC)
		}
	}
	return dr, dc
}
