package lp

import (
	"math"
	"slices"
)

// CSR is a sparse Rows×Cols matrix in compressed sparse row form: row i holds the entries
// RowPtr[i] ≤ p < RowPtr[i+1] with column ColIdx[p] and value Val[p]; columns strictly increase within a row.
// A CSR value shares its slices; treat it as immutable once built.
type CSR struct {
	Rows, Cols int
	RowPtr     []int     // len Rows+1, non-decreasing, RowPtr[0] = 0
	ColIdx     []int32   // strictly increasing within a row
	Val        []float64 // finite
}

// Triplet is one entry (Row, Col, Val) of a sparse matrix.
type Triplet struct {
	Row, Col int
	Val      float64
}

const maxDim = math.MaxInt32

// NewCSR builds the rows×cols matrix with the entries t: it sorts them, sums duplicates and drops exact zeros
// (including duplicates that sum to zero). It returns a *ProblemError (ErrBadProblem) for rows or cols
// outside [0, 2³¹−1], an index out of range or a NaN or infinite value (or a sum that overflows).
// O(nnz log nnz).
func NewCSR(rows, cols int, t []Triplet) (CSR, error) {
	if rows < 0 || rows > maxDim {
		return CSR{}, &ProblemError{Field: "rows", Index: -1, Reason: "must be in [0, 2^31-1]"}
	}
	if cols < 0 || cols > maxDim {
		return CSR{}, &ProblemError{Field: "cols", Index: -1, Reason: "must be in [0, 2^31-1]"}
	}
	for p, e := range t {
		switch {
		case e.Row < 0 || e.Row >= rows:
			return CSR{}, &ProblemError{Field: "Triplet.Row", Index: p, Reason: "out of range"}
		case e.Col < 0 || e.Col >= cols:
			return CSR{}, &ProblemError{Field: "Triplet.Col", Index: p, Reason: "out of range"}
		case math.IsNaN(e.Val) || math.IsInf(e.Val, 0):
			return CSR{}, &ProblemError{Field: "Triplet.Val", Index: p, Reason: "not finite"}
		}
	}
	s := slices.Clone(t)
	slices.SortStableFunc(s, func(a, b Triplet) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		return a.Col - b.Col
	})
	a := CSR{Rows: rows, Cols: cols, RowPtr: make([]int, rows+1)}
	for q := 0; q < len(s); {
		r, c, v := s[q].Row, s[q].Col, 0.0
		for ; q < len(s) && s[q].Row == r && s[q].Col == c; q++ {
			v += s[q].Val
		}
		if math.IsInf(v, 0) {
			return CSR{}, &ProblemError{Field: "Triplet.Val", Index: q - 1, Reason: "sum of duplicates overflows"}
		}
		if v == 0 {
			continue
		}
		a.ColIdx = append(a.ColIdx, int32(c))
		a.Val = append(a.Val, v)
		a.RowPtr[r+1]++
	}
	for i := range rows {
		a.RowPtr[i+1] += a.RowPtr[i]
	}
	return a, nil
}

// check panics with "lp: malformed CSR" unless a is structurally valid.
func (a CSR) check() {
	ok := a.Rows >= 0 && a.Cols >= 0 && a.Rows <= maxDim && a.Cols <= maxDim &&
		len(a.RowPtr) == a.Rows+1 && a.RowPtr[0] == 0 && len(a.ColIdx) == len(a.Val) && a.RowPtr[a.Rows] == len(a.Val)
	if ok {
	rows:
		for i := range a.Rows {
			lo, hi := a.RowPtr[i], a.RowPtr[i+1]
			if lo > hi || hi > len(a.ColIdx) {
				ok = false
				break
			}
			prev := int32(-1)
			for _, j := range a.ColIdx[lo:hi] {
				if j <= prev || int(j) >= a.Cols {
					ok = false
					break rows
				}
				prev = j
			}
		}
	}
	if !ok {
		panic("lp: malformed CSR")
	}
}

// NNZ returns the number of stored entries.
func (a CSR) NNZ() int { return len(a.Val) }

// MulVec sets dst = A x and returns dst (allocated when nil). It panics on length mismatch. O(nnz + Rows).
func (a CSR) MulVec(dst, x []float64) []float64 {
	if len(x) != a.Cols {
		panic("lp: len(x) != A.Cols")
	}
	if dst == nil {
		dst = make([]float64, a.Rows)
	}
	if len(dst) != a.Rows {
		panic("lp: len(dst) != A.Rows")
	}
	a.mulRows(dst, x, 0, a.Rows)
	return dst
}

func (a CSR) mulRows(dst, x []float64, lo, hi int) {
	for i := lo; i < hi; i++ {
		p0, p1 := a.RowPtr[i], a.RowPtr[i+1]
		cols := a.ColIdx[p0:p1]
		vals := a.Val[p0:p1]
		vals = vals[:len(cols)]
		s := 0.0
		for q, j := range cols {
			s += vals[q] * x[j]
		}
		dst[i] = s
	}
}

// MulTransVec sets dst = Aᵀ y and returns dst (allocated when nil), summing each entry in row order. It
// panics on length mismatch. O(nnz + Cols).
func (a CSR) MulTransVec(dst, y []float64) []float64 {
	if len(y) != a.Rows {
		panic("lp: len(y) != A.Rows")
	}
	if dst == nil {
		dst = make([]float64, a.Cols)
	}
	if len(dst) != a.Cols {
		panic("lp: len(dst) != A.Cols")
	}
	clear(dst)
	for i := range a.Rows {
		yi := y[i]
		for p := a.RowPtr[i]; p < a.RowPtr[i+1]; p++ {
			dst[a.ColIdx[p]] += a.Val[p] * yi
		}
	}
	return dst
}

// T returns the transpose of a, built by counting sort in O(nnz + Rows + Cols).
func (a CSR) T() CSR {
	t := CSR{Rows: a.Cols, Cols: a.Rows, RowPtr: make([]int, a.Cols+1), ColIdx: make([]int32, len(a.Val)), Val: make([]float64, len(a.Val))}
	for _, j := range a.ColIdx {
		t.RowPtr[j+1]++
	}
	for j := range a.Cols {
		t.RowPtr[j+1] += t.RowPtr[j]
	}
	next := slices.Clone(t.RowPtr[:a.Cols])
	for i := range a.Rows {
		for p := a.RowPtr[i]; p < a.RowPtr[i+1]; p++ {
			j := a.ColIdx[p]
			q := next[j]
			t.ColIdx[q] = int32(i)
			t.Val[q] = a.Val[p]
			next[j]++
		}
	}
	return t
}

// Dense returns a as a dense matrix (tests and small problems).
func (a CSR) Dense() [][]float64 {
	out := make([][]float64, a.Rows)
	for i := range out {
		out[i] = make([]float64, a.Cols)
		for q := a.RowPtr[i]; q < a.RowPtr[i+1]; q++ {
			out[i][a.ColIdx[q]] = a.Val[q]
		}
	}
	return out
}
