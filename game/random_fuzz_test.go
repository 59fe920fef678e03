package game

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// FuzzRandomCSR: arbitrary (n, density, rowSum) give ErrBadParam or
// ErrBadMatrix, or a valid matrix with no diagonal entry, the documented
// entry count and finite row sums equal to rowSum when rowSum > 0.
func FuzzRandomCSR(f *testing.F) {
	f.Add(5, 0.5, 1.0)
	f.Add(1, 1.0, 0.0)
	f.Add(0, 0.5, 1.0)
	f.Add(-3, 0.5, 1.0)
	f.Add(10, math.NaN(), 1.0)
	f.Add(10, 1.0, math.Inf(1))
	f.Add(10, 1.0, 1e308)
	f.Add(10, 1.0, 5e-324)
	f.Add(10, 2.0, 1.0)
	f.Fuzz(func(t *testing.T, n int, density, rowSum float64) {
		if n > 300 {
			n %= 300
		}
		y, err := RandomCSR(n, density, rowSum, rand.NewPCG(3, 4))
		if err != nil {
			if (!errors.Is(err, ErrBadParam) && !errors.Is(err, ErrBadMatrix)) || y != nil {
				t.Fatalf("(%d, %v, %v): %v", n, density, rowSum, err)
			}
			return
		}
		r := int(math.Round(density * float64(n-1)))
		if y.N() != n || y.NNZ() != n*r {
			t.Fatalf("(%d, %v, %v): N = %d, NNZ = %d, want %d", n, density, rowSum, y.N(), y.NNZ(), n*r)
		}
		for i := range n {
			cols, vals := y.Row(i)
			for q, j := range cols {
				if int(j) == i || (q > 0 && cols[q-1] >= j) {
					t.Fatalf("row %d: columns %v", i, cols)
				}
				if !(vals[q] >= 0) || math.IsInf(vals[q], 0) {
					t.Fatalf("row %d: value %v", i, vals[q])
				}
			}
			s := y.RowSum(i)
			if math.IsNaN(s) || math.IsInf(s, 0) {
				t.Fatalf("row %d: sum %v", i, s)
			}
			if rowSum > 0 && r > 0 && rowSum > 1e-300 && math.Abs(s-rowSum) > 1e-9*rowSum {
				t.Fatalf("row %d: sum %v, want %v", i, s, rowSum)
			}
		}
	})
}
