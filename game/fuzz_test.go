package game

import (
	"context"
	"encoding/binary"
	"errors"
	"math"
	"testing"
)

// floatFrom maps 8 bytes to a float64; small selector values give special numbers so that the fuzzer
// reaches NaN, ±Inf, 0 and negative values quickly.
func floatFrom(b []byte) float64 {
	if len(b) < 8 {
		return 0.5
	}
	u := binary.LittleEndian.Uint64(b)
	switch u % 16 {
	case 0:
		return math.NaN()
	case 1:
		return math.Inf(1)
	case 2:
		return math.Inf(-1)
	case 3:
		return 0
	case 4:
		return -float64(u>>8) / (1 << 56)
	}
	return float64(u>>8) / (1 << 54) // [0, 4)
}

func FuzzCSRFromTriplets(f *testing.F) {
	f.Add([]byte{3, 0, 1, 5, 0, 0, 0, 0, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{1})
	f.Add([]byte{0, 0, 0})
	f.Add([]byte{4, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 9, 9, 9, 9, 9, 9, 9, 9, 2, 3, 7, 7, 7, 7, 7, 7, 7, 7})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		n := int(data[0]%17) - 1 // −1 … 15
		var row, col []int
		var val []float64
		for p := 1; p+10 <= len(data); p += 10 {
			row = append(row, int(data[p])-2)
			col = append(col, int(data[p+1])-2)
			val = append(val, floatFrom(data[p+2:p+10]))
		}
		y, err := CSRFromTriplets(n, row, col, val)
		if err != nil {
			var me *MatrixError
			if !errors.As(err, &me) {
				t.Fatalf("error %v is not a *MatrixError", err)
			}
			return
		}
		// Valid result: re-validates, and equals the summed off-diagonal triplets.
		if _, err := NewCSR(y.n, y.rowPtr, y.col, y.val); err != nil {
			t.Fatalf("result fails validation: %v", err)
		}
		want := make([][]float64, n)
		for i := range want {
			want[i] = make([]float64, n)
		}
		for p := range row {
			if row[p] != col[p] {
				want[row[p]][col[p]] += val[p]
			}
		}
		got := y.Dense()
		for i := range want {
			for j := range want[i] {
				if math.Abs(got[i][j]-want[i][j]) > 1e-12*want[i][j] {
					t.Fatalf("entry (%d,%d) = %v, want %v", i, j, got[i][j], want[i][j])
				}
			}
		}
	})
}

func FuzzNewModels(f *testing.F) {
	f.Add(1.0, 0.1, 0.2, 0.2, 0.9, 0.9)
	f.Add(math.NaN(), 0.0, 1.0, 1.0, 1.0, 1.0)
	f.Add(1.0, math.Inf(1), 0.0, 1.0, 1.0, 1.0)
	f.Add(1e308, -1e308, 1e-308, 1e308, 1e300, 0.0)
	f.Add(-1.0, 0.5, 1.0, -1.0, 0.0, 2.0)
	f.Fuzz(func(t *testing.T, c, a, k0, k1, y01, y10 float64) {
		y, err := CSRFromDense([][]float64{{0, y01}, {y10, 0}})
		if err != nil {
			if !errors.Is(err, ErrBadMatrix) {
				t.Fatalf("matrix error %v", err)
			}
			return
		}
		k := []float64{k0, k1}
		var games []Game
		if g, err := NewDifferentialService(y, k, c); err == nil {
			games = append(games, g)
		} else if !errors.Is(err, ErrBadParam) {
			t.Fatal(err)
		}
		if g, err := NewPublicGood(y, k, c); err == nil {
			games = append(games, g)
		} else if !errors.Is(err, ErrBadParam) {
			t.Fatal(err)
		}
		if g, err := NewLinearQuadratic(y, k, a, c); err == nil {
			games = append(games, g)
		} else if !errors.Is(err, ErrBadParam) {
			t.Fatal(err)
		}
		for _, g := range games {
			for _, d := range [][]float64{{0, 0}, {1, 1}, {0.5, 0.25}, {1, 0}} {
				for i := range 2 {
					if p := g.Payoff(i, d); math.IsNaN(p) || math.IsInf(p, 0) {
						t.Fatalf("%T payoff(%d, %v) = %v", g, i, d, p)
					}
					if x := g.BestResponse(i, d); !(x >= 0 && x <= 1) {
						t.Fatalf("%T best response %v", g, x)
					}
				}
			}
		}
	})
}

func FuzzBRUA2(f *testing.F) {
	f.Add(uint8(0), 1.0, 0.1, 0.2, 0.2, 0.9, 0.9, 1.0, 0.0, uint8(0))
	f.Add(uint8(1), 1.0, 0.1, 0.5, 0.5, 1.0, 1.0, 0.2, 0.5, uint8(0))
	f.Add(uint8(2), 0.5, 0.1, 1.0, 0.5, 0.4, 0.6, 0.3, 0.9, uint8(1))
	f.Add(uint8(2), 1e10, -3.0, 1e-10, 5.0, 7.0, 0.0, 0.5, 0.5, uint8(2))
	f.Fuzz(func(t *testing.T, model uint8, c, a, k0, k1, y01, y10, s0, s1 float64, mode uint8) {
		y, err := CSRFromDense([][]float64{{0, y01}, {y10, 0}})
		if err != nil {
			return
		}
		k := []float64{k0, k1}
		var g Game
		switch model % 3 {
		case 0:
			g, err = NewDifferentialService(y, k, c)
		case 1:
			g, err = NewPublicGood(y, k, c)
		default:
			g, err = NewLinearQuadratic(y, k, a, c)
		}
		if err != nil {
			return
		}
		s := &Settings{MaxIter: 200, Update: UpdateRule(mode % 2), Damping: []float64{0, 0.5, 0.9}[mode%3]}
		res, err := BRUA(context.Background(), g, []float64{s0, s1}, s)
		if res == nil {
			if !errors.Is(err, ErrBadStart) {
				t.Fatalf("nil result with %v", err)
			}
			return
		}
		for _, v := range res.D {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("D = %v", res.D)
			}
		}
		if !(res.NEGap >= 0) || math.IsInf(res.NEGap, 0) {
			t.Fatalf("NEGap = %v", res.NEGap)
		}
		if es, err := TwoPlayerNash(g); err == nil {
			for _, e := range es {
				if gap, _ := NEGap(g, e.D[:]); !(gap <= 1e-9*(1+math.Abs(g.Payoff(0, e.D[:]))+math.Abs(g.Payoff(1, e.D[:])))) {
					t.Fatalf("TwoPlayerNash point %v has NEGap %g", e.D, gap)
				}
			}
		} else if !errors.Is(err, ErrDegenerate) {
			t.Fatalf("TwoPlayerNash: %v", err)
		}
	})
}

func FuzzMaximizeBounded(f *testing.F) {
	f.Add(-1.0, 0.6, 0.0, 0.0, 0.0, 1.0)
	f.Add(1.0, -1.0, 0.5, 0.1, -2.0, 3.0)
	f.Add(0.0, 0.0, 0.0, 1.0, 0.0, 0.0)
	f.Add(-3.0, 2.0, 1.0, 0.0, -1.0, 1.0)
	f.Fuzz(func(t *testing.T, c2, c1, c3, c0, lo, hi float64) {
		for _, v := range []float64{c0, c1, c2, c3, lo, hi} {
			if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e6 {
				return
			}
		}
		if lo > hi {
			lo, hi = hi, lo
		}
		fn := func(x float64) float64 { return ((c3*x+c2)*x+c1)*x + c0 }
		x, fx := MaximizeBounded(fn, lo, hi, 0)
		if !(x >= lo && x <= hi) {
			t.Fatalf("x = %v outside [%v, %v]", x, lo, hi)
		}
		if fx != fn(x) {
			t.Fatalf("fx = %v, f(x) = %v", fx, fn(x))
		}
		if fx < fn(lo) || fx < fn(hi) {
			t.Fatalf("an endpoint is better: f(x) = %v, f(lo) = %v, f(hi) = %v", fx, fn(lo), fn(hi))
		}
		// Concave quadratic: compare with the exact maximiser.
		if c3 == 0 && c2 < -1e-3 && hi-lo > 1e-6 {
			xs := min(max(-c1/(2*c2), lo), hi)
			if fs := fn(xs); fs-fx > 1e-9*(1+math.Abs(fs)) {
				t.Fatalf("f(x) = %v, maximum %v at %v", fx, fs, xs)
			}
		}
	})
}
