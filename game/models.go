package game

import (
	"math"
	"math/rand/v2"
)

// globalSource is a rand.Source drawing from math/rand/v2's top-level functions.
type globalSource struct{}

func (globalSource) Uint64() uint64 { return rand.Uint64() }

// newRand returns rand.New(src), or a generator over the top-level functions when src is nil.
func newRand(src rand.Source) *rand.Rand {
	if src == nil {
		src = globalSource{}
	}
	return rand.New(src)
}

// clamp01 is the projection Π(x) = min(max(x, 0), 1); NaN maps to 0 (it cannot arise for valid models).
func clamp01(x float64) float64 {
	if !(x > 0) {
		return 0
	}
	if x > 1 {
		return 1
	}
	return x
}

// network holds what the three shipped models share: Y, a copy of k and c.
type network struct {
	y *CSR
	k []float64
	c float64
}

func newNetwork(y *CSR, k []float64, c float64, cPositive bool) (network, error) {
	if y == nil {
		panic("game: nil supply-demand matrix")
	}
	if len(k) != y.N() {
		panic("game: len(k) != Y.N()")
	}
	for i, v := range k {
		if !(v > 0) || math.IsInf(v, 1) {
			return network{}, &ParamError{Param: "k", Index: i, Value: v}
		}
	}
	if math.IsNaN(c) || math.IsInf(c, 0) || c < 0 || (cPositive && c == 0) {
		return network{}, &ParamError{Param: "c", Index: -1, Value: c}
	}
	kc := make([]float64, len(k))
	copy(kc, k)
	return network{y: y, k: kc, c: c}, nil
}

func (m *network) kMax() float64 {
	km := 0.0
	for _, v := range m.k {
		km = max(km, v)
	}
	return km
}

// NumPlayers returns Y.N().
func (m *network) NumPlayers() int { return m.y.n }

// Benefit returns B_i(d) = Σ_{j≠i} Y_ij d_j, the supply available to player i from the others. O(nnz_i).
func (m *network) Benefit(i int, d []float64) float64 { return m.y.dot(i, d) }

// Y returns the supply-demand matrix (shared, immutable).
func (m *network) Y() *CSR { return m.y }

// K returns a copy of the cost constants k.
func (m *network) K() []float64 {
	out := make([]float64, len(m.k))
	copy(out, m.k)
	return out
}

// C returns the price parameter c.
func (m *network) C() float64 { return m.c }

func (m *network) checkBatch(dst, d []float64) []float64 {
	if len(d) != m.y.n {
		panic("game: len(d) != NumPlayers()")
	}
	if dst == nil {
		dst = make([]float64, m.y.n)
	}
	if len(dst) != m.y.n {
		panic("game: len(dst) != NumPlayers()")
	}
	return dst
}
