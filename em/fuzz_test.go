package em

import (
	"errors"
	"math"
	"testing"
)

// FuzzFitBinomialMixture feeds arbitrary counts, starting values and settings.
// With equal lengths it must never panic, and it returns either an error or a
// valid mixture without NaN.
func FuzzFitBinomialMixture(f *testing.F) {
	f.Add([]byte{0, 3, 1, 3, 2, 3, 3, 3}, 1.0/3, 2.0/3, 0.0, 0, false, 1e-8)
	f.Add([]byte{0, 2, 2, 4, 5, 5, 1, 3, 4, 6}, 0.25, 0.75, 0.5, 0, true, 0.0)
	f.Add([]byte{5, 5, 5, 5}, 0.0, 1.0, 0.0, 2, false, 0.0)
	f.Add([]byte{7, 3}, math.NaN(), 0.5, 0.0, 0, false, -1.0)
	f.Add([]byte{}, 0.3, 0.6, 0.0, 0, false, 0.0)
	f.Add([]byte{200, 255, 0, 255, 100, 255}, 0.1, 0.9, 0.5, 3, false, 1e-3)
	f.Fuzz(func(t *testing.T, counts []byte, t1, t2, t3 float64, nInit int, fixed bool, tol float64) {
		if len(counts) > 2000 {
			counts = counts[:2000]
		}
		n := len(counts) / 2
		s, m := make([]int, n), make([]int, n)
		for i := range n {
			s[i], m[i] = int(int8(counts[2*i])), int(counts[2*i+1])
		}
		theta0 := []float64{t1, t2}
		if t3 != 0 {
			theta0 = append(theta0, t3)
		}
		set := &Settings{FixedWeights: fixed, Tol: tol, NInit: nInit % 4, MaxIter: 200, Src: nil}
		if set.NInit > 1 {
			set.Src = fixedSource(uint64(len(counts)))
		}
		mix, err := FitBinomialMixture(ctx, s, m, theta0, set)
		if mix == nil {
			if err == nil {
				t.Fatal("nil mixture without error")
			}
			return
		}
		if err != nil && !errors.Is(err, ErrNotConverged) && !errors.Is(err, ErrNotMonotone) {
			t.Fatalf("fit returned a mixture with error %v", err)
		}
		checkMixture(t, mix, n, fixed, nil)
	})
}

type fixedSource uint64

func (s fixedSource) Uint64() uint64 { return uint64(s)*0x9e3779b97f4a7c15 + 1 }

// FuzzCountRows checks that CountRows never panics and that accepted tables
// give 0 ≤ s ≤ m ≤ row length.
func FuzzCountRows(f *testing.F) {
	f.Add([]byte{1, 0, 255, 9, 1, 1}, 3)
	f.Add([]byte{2}, 1)
	f.Add([]byte{}, 1)
	f.Fuzz(func(t *testing.T, data []byte, width int) {
		if width <= 0 || width > 64 {
			width = 1 + (width&63+64)%64
		}
		var x [][]int8
		for len(data) > 0 {
			w := min(width, len(data))
			row := make([]int8, w)
			for j := range w {
				row[j] = int8(data[j])
			}
			x = append(x, row)
			data = data[w:]
		}
		s, m, err := CountRows(x)
		if err != nil {
			var te *TableError
			if !errors.Is(err, ErrNoData) && !errors.As(err, &te) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		for i := range x {
			if s[i] < 0 || s[i] > m[i] || m[i] > len(x[i]) {
				t.Fatalf("row %d: s %d m %d len %d", i, s[i], m[i], len(x[i]))
			}
		}
	})
}

// FuzzPriceOf checks PriceOf on arbitrary prices and counts against a fixed
// fit: an error, or a price within the range of the prices.
func FuzzPriceOf(f *testing.F) {
	mix, err := FitBinomialMixture(ctx, e1s, e1m, []float64{1.0 / 3, 2.0 / 3}, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(0.3, 0.8, 1, 3, false)
	f.Add(math.NaN(), 0.8, 1, 3, true)
	f.Add(0.3, -1.0, 1, 3, false)
	f.Add(0.3, 0.8, 5, 3, true)
	f.Add(0.3, 0.8, -1, -1, false)
	f.Add(math.Inf(1), 0.8, 1000000, 2000000000, true)
	f.Fuzz(func(t *testing.T, p1, p2 float64, s, trials int, mapRule bool) {
		rule := ExpectedPrice
		if mapRule {
			rule = MAPPrice
		}
		v, err := PriceOf(mix, []float64{p1, p2}, rule, s, trials)
		if err != nil {
			if !errors.Is(err, ErrBadPrice) && !errors.Is(err, ErrBadCounts) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		lo, hi := min(p1, p2), max(p1, p2)
		if math.IsNaN(v) || v < lo-1e-12*hi || v > hi+1e-12*hi {
			t.Fatalf("price %v outside [%v, %v]", v, lo, hi)
		}
	})
}
