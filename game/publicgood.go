package game

import "math"

// PublicGood is model R2, a concave joint-benefit game with strategic substitutes:
//
//	r_i(d) = c · ln(1 + d_i + B_i(d)) − k_i · d_i,        T_i = Π(c/k_i − 1 − B_i).
//
// Reconstruction: the paper does not state its payoff; this is the standard local public-good game on a
// network. T is affine before projection with |∂T_i/∂d_j| = Y_ij, so its ∞-norm Lipschitz constant is
// L = max_i Σ_{j≠i} Y_ij; L < 1 gives a unique NE and geometric Jacobi convergence. For symmetric Y the NE is
// unique iff |λ_min(Y)| < 1 (Bramoullé, Kranton, D'Amours, "Strategic interaction and networks", AER
// 104(3):898–930, 2014).
//
// A PublicGood is immutable and safe for concurrent use.
type PublicGood struct{ network }

// NewPublicGood returns model R2 on Y with cost constants k (copied) and price c. It panics if y is nil or
// len(k) ≠ y.N() and returns a *ParamError for k_i ≤ 0 or not finite, c ≤ 0 or not finite, or a payoff
// bound c·ln(2 + MaxRowSum) + max k that overflows.
func NewPublicGood(y *CSR, k []float64, c float64) (*PublicGood, error) {
	nw, err := newNetwork(y, k, c, true)
	if err != nil {
		return nil, err
	}
	if math.IsInf(c*math.Log(2+y.maxSum)+nw.kMax(), 0) {
		return nil, &ParamError{Param: "c", Index: -1, Value: c}
	}
	return &PublicGood{nw}, nil
}

func (m *PublicGood) payoff(i int, di, b float64) float64 {
	return m.c*math.Log1p(di+b) - m.k[i]*di
}

func (m *PublicGood) br(i int, b float64) float64 { return clamp01(m.c/m.k[i] - 1 - b) }

// Payoff returns r_i(d).
func (m *PublicGood) Payoff(i int, d []float64) float64 { return m.payoff(i, d[i], m.y.dot(i, d)) }

// BestResponse returns T_i(d_−i); d[i] is ignored.
func (m *PublicGood) BestResponse(i int, d []float64) float64 { return m.br(i, m.y.dot(i, d)) }

// BestResponses sets dst[i] = BestResponse(i, d) for all i (bit-for-bit) and returns dst; a nil dst is
// allocated. O(nnz + n), no allocation when dst is given.
func (m *PublicGood) BestResponses(dst, d []float64) []float64 {
	dst = m.checkBatch(dst, d)
	for i := range dst {
		dst[i] = m.br(i, m.y.dot(i, d))
	}
	return dst
}

// Lipschitz returns L = MaxRowSum(Y), the ∞-norm Lipschitz constant of T, and ok = true.
func (m *PublicGood) Lipschitz() (L float64, ok bool) { return m.y.maxSum, true }
