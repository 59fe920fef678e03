package game

import (
	"math"
	"math/rand/v2"
	"slices"
)

// CSR is a square non-negative supply-demand matrix Y in compressed sparse row storage. Entry Y_ij ≥ 0 is the
// amount of player i's demand that player j can supply. Diagonal entries are never stored, and columns are
// strictly increasing inside each row. Memory is 12 bytes per stored entry plus 16 bytes per row.
//
// A CSR is immutable after construction and safe for concurrent use.
type CSR struct {
	n      int
	rowPtr []int
	col    []int32
	val    []float64
	rowSum []float64
	maxSum float64
}

// maxN is the largest supported dimension (column indices are int32).
const maxN = math.MaxInt32

// NewCSR returns the n×n matrix with row pointers rowPtr (length n+1), column indices col and values val.
// It retains the slices without copying; the caller must not modify them afterwards.
//
// It panics if len(rowPtr) ≠ n+1 (for n ≥ 0) or len(col) ≠ len(val). It returns a *MatrixError if n < 1,
// rowPtr does not start at 0, decreases or does not end at len(col), a column is out of range, unsorted,
// repeated or on the diagonal, a value is NaN, infinite or negative, or a row sum overflows. O(nnz).
func NewCSR(n int, rowPtr []int, col []int32, val []float64) (*CSR, error) {
	if len(col) != len(val) || (n >= 0 && len(rowPtr) != n+1) {
		panic("game: CSR length mismatch")
	}
	if n < 1 || n > maxN {
		return nil, &MatrixError{Row: -1, Pos: -1, Reason: "dimension n must be in [1, 2^31-1]"}
	}
	if rowPtr[0] != 0 {
		return nil, &MatrixError{Row: 0, Pos: -1, Reason: "rowPtr[0] != 0"}
	}
	if rowPtr[n] != len(col) {
		return nil, &MatrixError{Row: n - 1, Pos: -1, Reason: "rowPtr[n] != len(col)"}
	}
	for i := range n {
		if rowPtr[i+1] < rowPtr[i] {
			return nil, &MatrixError{Row: i, Pos: -1, Reason: "rowPtr decreases"}
		}
	}
	y := &CSR{n: n, rowPtr: rowPtr, col: col, val: val, rowSum: make([]float64, n)}
	for i := range n {
		prev := -1
		s := 0.0
		for p := rowPtr[i]; p < rowPtr[i+1]; p++ {
			j := int(col[p])
			switch {
			case j < 0 || j >= n:
				return nil, &MatrixError{Row: i, Pos: p, Reason: "column index out of range"}
			case j == i:
				return nil, &MatrixError{Row: i, Pos: p, Reason: "diagonal entry"}
			case j <= prev:
				return nil, &MatrixError{Row: i, Pos: p, Reason: "columns not strictly increasing"}
			}
			prev = j
			v := val[p]
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				return nil, &MatrixError{Row: i, Pos: p, Reason: "value is NaN, infinite or negative"}
			}
			s += v
		}
		if math.IsInf(s, 0) {
			return nil, &MatrixError{Row: i, Pos: -1, Reason: "row sum overflows"}
		}
		y.rowSum[i] = s
		y.maxSum = max(y.maxSum, s)
	}
	return y, nil
}

// CSRFromTriplets returns the n×n matrix with entries Y[row[p]][col[p]] += val[p]. Duplicates are summed;
// diagonal entries and zeros are dropped. It panics if the slice lengths differ and returns a *MatrixError
// (Pos = triplet index) for n < 1, an index out of range or a NaN, infinite or negative value.
// O(nnz log nnz) time, O(n + nnz) memory.
func CSRFromTriplets(n int, row, col []int, val []float64) (*CSR, error) {
	if len(row) != len(col) || len(row) != len(val) {
		panic("game: triplet length mismatch")
	}
	if n < 1 || n > maxN {
		return nil, &MatrixError{Row: -1, Pos: -1, Reason: "dimension n must be in [1, 2^31-1]"}
	}
	count := make([]int, n+1)
	for p := range row {
		i, j, v := row[p], col[p], val[p]
		if i < 0 || i >= n || j < 0 || j >= n {
			return nil, &MatrixError{Row: i, Pos: p, Reason: "index out of range"}
		}
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return nil, &MatrixError{Row: i, Pos: p, Reason: "value is NaN, infinite or negative"}
		}
		if i != j && v != 0 {
			count[i+1]++
		}
	}
	for i := range n {
		count[i+1] += count[i]
	}
	m := count[n]
	cols := make([]int32, m)
	vals := make([]float64, m)
	next := slices.Clone(count[:n])
	for p := range row {
		i, j, v := row[p], col[p], val[p]
		if i == j || v == 0 {
			continue
		}
		cols[next[i]] = int32(j)
		vals[next[i]] = v
		next[i]++
	}
	// Sort each row by column (stable on input order so duplicate sums are deterministic), then merge.
	rowPtr := make([]int, n+1)
	out := 0
	type entry struct {
		c int32
		v float64
	}
	var buf []entry
	for i := range n {
		lo, hi := count[i], count[i+1]
		buf = buf[:0]
		for p := lo; p < hi; p++ {
			buf = append(buf, entry{cols[p], vals[p]})
		}
		slices.SortStableFunc(buf, func(a, b entry) int { return int(a.c) - int(b.c) })
		for q := 0; q < len(buf); {
			c, s := buf[q].c, 0.0
			for ; q < len(buf) && buf[q].c == c; q++ {
				s += buf[q].v
			}
			if math.IsInf(s, 0) {
				return nil, &MatrixError{Row: i, Pos: -1, Reason: "sum of duplicates overflows"}
			}
			cols[out], vals[out] = c, s
			out++
		}
		rowPtr[i+1] = out
	}
	return NewCSR(n, rowPtr, cols[:out:out], vals[:out:out])
}

// CSRFromDense returns the CSR form of the square matrix y, dropping the diagonal and zeros. It returns a
// *MatrixError (Pos = column) for an empty, ragged or non-square y or a NaN, infinite or negative value.
// O(n²).
func CSRFromDense(y [][]float64) (*CSR, error) {
	n := len(y)
	if n < 1 {
		return nil, &MatrixError{Row: -1, Pos: -1, Reason: "empty matrix"}
	}
	rowPtr := make([]int, n+1)
	var cols []int32
	var vals []float64
	for i, r := range y {
		if len(r) != n {
			return nil, &MatrixError{Row: i, Pos: -1, Reason: "row length differs from the number of rows"}
		}
		for j, v := range r {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				return nil, &MatrixError{Row: i, Pos: j, Reason: "value is NaN, infinite or negative"}
			}
			if i != j && v != 0 {
				cols = append(cols, int32(j))
				vals = append(vals, v)
			}
		}
		rowPtr[i+1] = len(cols)
	}
	return NewCSR(n, rowPtr, cols, vals)
}

// RandomCSR returns a random n×n matrix with r = round(density·(n−1)) off-diagonal entries per row. It is
// deterministic given src and uses rand.New(src): for each row i in order it draws r distinct columns from
// {0,…,n−1}∖{i} by Floyd's sampling over the n−1 admissible indices (for j = n−1−r … n−2 draw t = IntN(j+1);
// take t, or j if t is already taken; an index ≥ i maps to index+1), sorts them, then draws one Float64 per
// entry in column order; if rowSum > 0 each row is scaled to sum rowSum (rowSum = 0 keeps the U(0,1) values).
// A nil src uses math/rand/v2's top-level functions (not reproducible).
//
// It returns a *ParamError (ErrBadParam) for n < 1, density ∉ [0,1] or rowSum negative or not finite.
// O(nnz log(nnz/n)) time, O(n + nnz) memory. Floyd's algorithm: J. Bentley, R. Floyd, "A sample of
// brilliance", CACM 30(9):754–757, 1987.
func RandomCSR(n int, density, rowSum float64, src rand.Source) (*CSR, error) {
	switch {
	case n < 1 || n > maxN:
		return nil, &ParamError{Param: "n", Index: -1, Value: float64(n)}
	case !(density >= 0 && density <= 1):
		return nil, &ParamError{Param: "density", Index: -1, Value: density}
	case !(rowSum >= 0) || math.IsInf(rowSum, 1):
		return nil, &ParamError{Param: "rowSum", Index: -1, Value: rowSum}
	}
	rng := newRand(src)
	r := int(math.Round(density * float64(n-1)))
	r = min(r, n-1)
	nnz := n * r
	rowPtr := make([]int, n+1)
	cols := make([]int32, nnz)
	vals := make([]float64, nnz)
	mark := make([]int32, n) // mark[t] == i+1 ⇔ index t chosen for row i
	for i := range n {
		rc := cols[i*r : (i+1)*r]
		k := 0
		for j := n - 1 - r; j <= n-2; j++ {
			t := rng.IntN(j + 1)
			if mark[t] == int32(i+1) {
				t = j
			}
			mark[t] = int32(i + 1)
			rc[k] = int32(t)
			k++
		}
		for q, t := range rc {
			if int(t) >= i {
				rc[q] = t + 1
			}
		}
		slices.Sort(rc)
		rv := vals[i*r : (i+1)*r]
		s := 0.0
		for q := range rv {
			rv[q] = rng.Float64()
			s += rv[q]
		}
		if rowSum > 0 && s > 0 {
			f := rowSum / s
			for q := range rv {
				rv[q] *= f
			}
		}
		rowPtr[i+1] = (i + 1) * r
	}
	return NewCSR(n, rowPtr, cols, vals)
}

// N returns the number of rows (players).
func (y *CSR) N() int { return y.n }

// NNZ returns the number of stored entries.
func (y *CSR) NNZ() int { return len(y.col) }

// Row returns read-only views of row i's column indices and values. The caller must not modify them.
func (y *CSR) Row(i int) (cols []int32, vals []float64) {
	lo, hi := y.rowPtr[i], y.rowPtr[i+1]
	return y.col[lo:hi:hi], y.val[lo:hi:hi]
}

// At returns Y_ij (0 when not stored). O(log nnz_i).
func (y *CSR) At(i, j int) float64 {
	if i < 0 || i >= y.n || j < 0 || j >= y.n {
		panic("game: index out of range")
	}
	cols, vals := y.Row(i)
	if p, ok := slices.BinarySearch(cols, int32(j)); ok {
		return vals[p]
	}
	return 0
}

// RowSum returns Σ_j Y_ij.
func (y *CSR) RowSum(i int) float64 { return y.rowSum[i] }

// MaxRowSum returns max_i Σ_j Y_ij, the ∞-norm of Y.
func (y *CSR) MaxRowSum() float64 { return y.maxSum }

// dot returns Σ_{j≠i} Y_ij d_j, summed in column order.
func (y *CSR) dot(i int, d []float64) float64 {
	lo, hi := y.rowPtr[i], y.rowPtr[i+1]
	cols := y.col[lo:hi]
	vals := y.val[lo:hi]
	vals = vals[:len(cols)]
	s := 0.0
	for p, j := range cols {
		s += vals[p] * d[j]
	}
	return s
}

// MulVec sets dst_i = Σ_{j≠i} Y_ij d_j and returns dst; a nil dst is allocated. It panics if len(d) ≠ N()
// or a non-nil dst has the wrong length. O(nnz + n).
func (y *CSR) MulVec(dst, d []float64) []float64 {
	if len(d) != y.n {
		panic("game: len(d) != Y.N()")
	}
	if dst == nil {
		dst = make([]float64, y.n)
	}
	if len(dst) != y.n {
		panic("game: len(dst) != Y.N()")
	}
	for i := range dst {
		dst[i] = y.dot(i, d)
	}
	return dst
}

// Dense returns Y as an n×n dense matrix (zero diagonal). Meant for tests and small n; O(n²) memory.
func (y *CSR) Dense() [][]float64 {
	out := make([][]float64, y.n)
	for i := range out {
		out[i] = make([]float64, y.n)
		cols, vals := y.Row(i)
		for p, j := range cols {
			out[i][j] = vals[p]
		}
	}
	return out
}
