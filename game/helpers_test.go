package game

import (
	"math"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"
)

// csr2 returns the 2×2 matrix with off-diagonal entries y01 and y10.
func csr2(t testing.TB, y01, y10 float64) *CSR {
	t.Helper()
	y, err := CSRFromDense([][]float64{{0, y01}, {y10, 0}})
	if err != nil {
		t.Fatal(err)
	}
	return y
}

func mustR1(t testing.TB, y *CSR, k []float64, c float64) *DifferentialService {
	t.Helper()
	g, err := NewDifferentialService(y, k, c)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func mustR2(t testing.TB, y *CSR, k []float64, c float64) *PublicGood {
	t.Helper()
	g, err := NewPublicGood(y, k, c)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func mustR3(t testing.TB, y *CSR, k []float64, a, c float64) *LinearQuadratic {
	t.Helper()
	g, err := NewLinearQuadratic(y, k, a, c)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// maxAbsDiff returns ‖a − b‖∞.
func maxAbsDiff(a, b []float64) float64 {
	if len(a) != len(b) {
		panic("length mismatch")
	}
	m := 0.0
	for i := range a {
		m = max(m, math.Abs(a[i]-b[i]))
	}
	return m
}

// genInstance is a random game for property tests.
type genInstance struct {
	model int // 1, 2, 3
	y     *CSR
	k     []float64
	a, c  float64
	g     Game
}

// drawCSR draws a random sparse n×n matrix whose rows are scaled to sum rowSum (0: raw U(0,1) values).
func drawCSR(t *rapid.T, n int, rowSum float64) *CSR {
	density := rapid.Float64Range(0.05, 1).Draw(t, "density")
	seed := rapid.Uint64().Draw(t, "seed")
	y, err := RandomCSR(n, density, rowSum, rand.NewPCG(seed, 7))
	if err != nil {
		t.Fatal(err)
	}
	return y
}

func drawK(t *rapid.T, n int, lo, hi float64) []float64 {
	return rapid.SliceOfN(rapid.Float64Range(lo, hi), n, n).Draw(t, "k")
}

// drawGame draws one of the three models with random n ∈ [2, 60], Y, k ∈ [0.01, 1], c ∈ [0.01, 5].
func drawGame(t *rapid.T) genInstance {
	n := rapid.IntRange(2, 60).Draw(t, "n")
	model := rapid.IntRange(1, 3).Draw(t, "model")
	y := drawCSR(t, n, rapid.Float64Range(0, 3).Draw(t, "rowSum"))
	k := drawK(t, n, 0.01, 1)
	c := rapid.Float64Range(0.01, 5).Draw(t, "c")
	in := genInstance{model: model, y: y, k: k, c: c}
	var err error
	switch model {
	case 1:
		in.g, err = NewDifferentialService(y, k, c)
	case 2:
		in.g, err = NewPublicGood(y, k, c)
	default:
		in.a = rapid.Float64Range(-1, 1).Draw(t, "a")
		in.g, err = NewLinearQuadratic(y, k, in.a, c)
	}
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// drawContraction draws R2 with MaxRowSum < 1 or R3 with L < 1 (L ≤ 0.95).
func drawContraction(t *rapid.T) genInstance {
	n := rapid.IntRange(2, 60).Draw(t, "n")
	model := rapid.IntRange(2, 3).Draw(t, "model")
	c := rapid.Float64Range(0.01, 5).Draw(t, "c")
	in := genInstance{model: model, c: c}
	var err error
	if model == 2 {
		in.y = drawCSR(t, n, rapid.Float64Range(0.01, 0.95).Draw(t, "rowSum"))
		in.k = drawK(t, n, 0.01, 1)
		in.g, err = NewPublicGood(in.y, in.k, c)
	} else {
		in.k = drawK(t, n, 0.01, 1)
		kmin := math.Inf(1)
		for _, v := range in.k {
			kmin = min(kmin, v)
		}
		// c·rowSum/k_i ≤ L ⇒ rowSum = L·kmin/c.
		L := rapid.Float64Range(0.01, 0.95).Draw(t, "L")
		in.y = drawCSR(t, n, L*kmin/c)
		in.a = rapid.Float64Range(-1, 1).Draw(t, "a")
		in.g, err = NewLinearQuadratic(in.y, in.k, in.a, c)
	}
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// slopeBound returns G = max_i sup |∂r_i/∂d_i| over [0,1]^n for the instance (R2: c + k, R3: |a| + c·rowSum + k).
func (in genInstance) slopeBound() float64 {
	g := 0.0
	for i, ki := range in.k {
		switch in.model {
		case 2:
			g = max(g, in.c+ki)
		case 3:
			g = max(g, math.Abs(in.a)+in.c*in.y.RowSum(i)+ki)
		default:
			g = max(g, in.c*in.y.RowSum(i)+ki)
		}
	}
	return g
}
