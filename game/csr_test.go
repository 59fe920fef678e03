package game

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

func TestNewCSRValidation(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, tc := range []struct {
		name   string
		n      int
		rowPtr []int
		col    []int32
		val    []float64
		row    int
	}{
		{"n=0", 0, []int{0}, nil, nil, -1},
		{"rowPtr[0]", 2, []int{1, 1, 1}, []int32{1}, []float64{1}, 0},
		{"rowPtr[n]", 2, []int{0, 1, 1}, []int32{1, 0}, []float64{1, 1}, 1},
		{"decreasing", 2, []int{0, 2, 1}, []int32{1}, []float64{1}, 1},
		{"out of range", 2, []int{0, 1, 1}, []int32{2}, []float64{1}, 0},
		{"negative col", 2, []int{0, 1, 1}, []int32{-1}, []float64{1}, 0},
		{"diagonal", 2, []int{0, 1, 1}, []int32{0}, []float64{1}, 0},
		{"unsorted", 3, []int{0, 2, 2, 2}, []int32{2, 1}, []float64{1, 1}, 0},
		{"repeated", 3, []int{0, 2, 2, 2}, []int32{1, 1}, []float64{1, 1}, 0},
		{"NaN", 2, []int{0, 1, 1}, []int32{1}, []float64{nan}, 0},
		{"Inf", 2, []int{0, 1, 1}, []int32{1}, []float64{inf}, 0},
		{"negative", 2, []int{0, 1, 1}, []int32{1}, []float64{-1}, 0},
		{"overflow", 3, []int{0, 2, 2, 2}, []int32{1, 2}, []float64{math.MaxFloat64, math.MaxFloat64}, 0},
	} {
		_, err := NewCSR(tc.n, tc.rowPtr, tc.col, tc.val)
		var me *MatrixError
		if !errors.As(err, &me) || !errors.Is(err, ErrBadMatrix) {
			t.Errorf("%s: err = %v, want *MatrixError", tc.name, err)
			continue
		}
		if me.Row != tc.row {
			t.Errorf("%s: Row = %d, want %d (%v)", tc.name, me.Row, tc.row, err)
		}
	}
	mustPanic(t, "length mismatch", func() { _, _ = NewCSR(2, []int{0, 0}, nil, nil) })
	mustPanic(t, "col/val mismatch", func() { _, _ = NewCSR(1, []int{0, 0}, []int32{0}, nil) })
}

func mustPanic(t *testing.T, name string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s: no panic", name)
		}
	}()
	f()
}

func TestCSRFromTripletsAndDense(t *testing.T) {
	// Duplicates summed, diagonal and zeros dropped, rows sorted.
	y, err := CSRFromTriplets(3, []int{0, 2, 0, 1, 0, 2}, []int{2, 0, 1, 1, 2, 1}, []float64{1, 2, 3, 4, 0.5, 0})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float64{{0, 3, 1.5}, {0, 0, 0}, {2, 0, 0}}
	if d := cmp.Diff(want, y.Dense()); d != "" {
		t.Errorf("Dense (-want +got):\n%s", d)
	}
	if y.NNZ() != 3 || y.N() != 3 || y.At(0, 2) != 1.5 || y.At(1, 0) != 0 || y.RowSum(0) != 4.5 || y.MaxRowSum() != 4.5 {
		t.Errorf("NNZ %d N %d At %v RowSum %v Max %v", y.NNZ(), y.N(), y.At(0, 2), y.RowSum(0), y.MaxRowSum())
	}
	z, err := CSRFromDense(want)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, z.Dense()); d != "" {
		t.Errorf("CSRFromDense round trip (-want +got):\n%s", d)
	}
	if got := y.MulVec(nil, []float64{1, 2, 4}); !cmp.Equal(got, []float64{12, 0, 2}) {
		t.Errorf("MulVec = %v", got)
	}
	for _, bad := range [][][]float64{nil, {{0, 1}}, {{0, 1}, {1}}, {{0, math.NaN()}, {0, 0}}, {{0, -1}, {0, 0}}} {
		if _, err := CSRFromDense(bad); !errors.Is(err, ErrBadMatrix) {
			t.Errorf("CSRFromDense(%v): err = %v", bad, err)
		}
	}
	for _, tc := range []struct {
		n    int
		r, c []int
		v    []float64
	}{
		{0, nil, nil, nil},
		{2, []int{2}, []int{0}, []float64{1}},
		{2, []int{0}, []int{-1}, []float64{1}},
		{2, []int{0}, []int{1}, []float64{math.Inf(1)}},
		{2, []int{0}, []int{1}, []float64{-0.5}},
		{2, []int{0, 0}, []int{1, 1}, []float64{math.MaxFloat64, math.MaxFloat64}},
	} {
		if _, err := CSRFromTriplets(tc.n, tc.r, tc.c, tc.v); !errors.Is(err, ErrBadMatrix) {
			t.Errorf("CSRFromTriplets(%v): err = %v", tc, err)
		}
	}
	mustPanic(t, "triplet lengths", func() { _, _ = CSRFromTriplets(2, []int{0}, nil, nil) })
}

func TestRandomCSR(t *testing.T) {
	for _, tc := range []struct {
		n          int
		dens, rsum float64
	}{{0, 0.1, 1}, {5, -0.1, 1}, {5, 1.1, 1}, {5, math.NaN(), 1}, {5, 0.5, -1}, {5, 0.5, math.Inf(1)}, {5, 0.5, math.NaN()}} {
		if _, err := RandomCSR(tc.n, tc.dens, tc.rsum, rand.NewPCG(1, 1)); !errors.Is(err, ErrBadParam) {
			t.Errorf("RandomCSR(%v): err = %v", tc, err)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 200).Draw(t, "n")
		dens := rapid.Float64Range(0, 1).Draw(t, "density")
		rs := rapid.SampledFrom([]float64{0, 0.5, 1, 3}).Draw(t, "rowSum")
		seed := rapid.Uint64().Draw(t, "seed")
		y, err := RandomCSR(n, dens, rs, rand.NewPCG(seed, 1))
		if err != nil {
			t.Fatal(err)
		}
		r := int(math.Round(dens * float64(n-1)))
		if y.NNZ() != n*r {
			t.Fatalf("NNZ = %d, want %d", y.NNZ(), n*r)
		}
		for i := range n {
			cols, vals := y.Row(i)
			s := 0.0
			for _, v := range vals {
				s += v
			}
			if rs > 0 && r > 0 && math.Abs(s-rs) > 1e-12*rs*float64(r) {
				t.Fatalf("row %d sums to %v, want %v", i, s, rs)
			}
			for _, j := range cols {
				if int(j) == i {
					t.Fatalf("diagonal in row %d", i)
				}
			}
		}
		// Deterministic given the source.
		z, err := RandomCSR(n, dens, rs, rand.NewPCG(seed, 1))
		if err != nil {
			t.Fatal(err)
		}
		if !cmp.Equal(y.rowPtr, z.rowPtr) || !cmp.Equal(y.col, z.col) || !cmp.Equal(y.val, z.val) {
			t.Fatalf("not deterministic")
		}
	})
}

// Full density must select every off-diagonal column, exercising Floyd's "t already chosen" branch.
func TestRandomCSRFullDensity(t *testing.T) {
	y, err := RandomCSR(30, 1, 0, rand.NewPCG(4, 4))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		cols, _ := y.Row(i)
		if len(cols) != 29 {
			t.Fatalf("row %d has %d entries", i, len(cols))
		}
	}
}
