package game

import "math"

// LinearQuadratic is model R3, the linear-quadratic network game:
//
//	r_i(d) = d_i · (a + c · B_i(d)) − (k_i/2) · d_i²,      T_i = Π((a + c B_i)/k_i).
//
// Reconstruction: the paper does not state its payoff; the form is that of C. Ballester, A. Calvó-Armengol,
// Y. Zenou, "Who's who in networks. Wanted: the key player", Econometrica 74(5):1403–1417, 2006. It is
// supermodular for c ≥ 0, L = max_i c Σ_{j≠i} Y_ij / k_i, and for symmetric Y an exact potential game
// (Monderer & Shapley, GEB 14:124–143, 1996) with Φ(d) = a Σ d_i + (c/2) Σ_i Σ_{j≠i} Y_ij d_i d_j − Σ (k_i/2) d_i².
// With k_i ∈ (0, 0.4) contributions saturate at 1 unless a and c are small.
//
// A LinearQuadratic is immutable and safe for concurrent use.
type LinearQuadratic struct {
	network
	a, lip float64
}

// NewLinearQuadratic returns model R3 on Y with cost constants k (copied), intercept a and coupling c. It
// panics if y is nil or len(k) ≠ y.N() and returns a *ParamError for k_i ≤ 0 or not finite, c < 0 or not
// finite, a not finite, or a payoff bound |a| + c·MaxRowSum + max k/2 that overflows.
func NewLinearQuadratic(y *CSR, k []float64, a, c float64) (*LinearQuadratic, error) {
	nw, err := newNetwork(y, k, c, false)
	if err != nil {
		return nil, err
	}
	if math.IsNaN(a) || math.IsInf(a, 0) {
		return nil, &ParamError{Param: "a", Index: -1, Value: a}
	}
	if math.IsInf(math.Abs(a)+c*y.maxSum+nw.kMax()/2, 0) {
		return nil, &ParamError{Param: "c", Index: -1, Value: c}
	}
	lip := 0.0
	for i, ki := range nw.k {
		lip = max(lip, c*y.rowSum[i]/ki)
	}
	return &LinearQuadratic{network: nw, a: a, lip: lip}, nil
}

// A returns the intercept a.
func (m *LinearQuadratic) A() float64 { return m.a }

func (m *LinearQuadratic) payoff(i int, di, b float64) float64 {
	return di*(m.a+m.c*b) - m.k[i]/2*di*di
}

func (m *LinearQuadratic) br(i int, b float64) float64 { return clamp01((m.a + m.c*b) / m.k[i]) }

// Payoff returns r_i(d).
func (m *LinearQuadratic) Payoff(i int, d []float64) float64 { return m.payoff(i, d[i], m.y.dot(i, d)) }

// BestResponse returns T_i(d_−i); d[i] is ignored.
func (m *LinearQuadratic) BestResponse(i int, d []float64) float64 { return m.br(i, m.y.dot(i, d)) }

// BestResponses sets dst[i] = BestResponse(i, d) for all i (bit-for-bit) and returns dst; a nil dst is
// allocated. O(nnz + n).
func (m *LinearQuadratic) BestResponses(dst, d []float64) []float64 {
	dst = m.checkBatch(dst, d)
	for i := range dst {
		dst[i] = m.br(i, m.y.dot(i, d))
	}
	return dst
}

// Lipschitz returns L = max_i c·RowSum_i/k_i and ok = true.
func (m *LinearQuadratic) Lipschitz() (L float64, ok bool) { return m.lip, true }
