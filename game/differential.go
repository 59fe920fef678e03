package game

import "math"

// DifferentialService is model R1, the default bandwidth game:
//
//	r_i(d) = c · p(d_i) · B_i(d) − k_i · d_i,    p(x) = x/(1+x),    B_i(d) = Σ_{j≠i} Y_ij d_j
//
// with best response
//
//	T_i = Π(√(c B_i / k_i) − 1)  if c B_i > k_i,   0 otherwise,   Π(x) = min(max(x,0),1).
//
// Reconstruction: the SmartSharing paper does not state its payoff. This is the differential-service P2P
// incentive game of C. Buragohain, D. Agrawal, S. Suri, "A Game Theoretic Framework for Incentives in P2P
// Systems", IEEE P2P 2003, pp. 48–56, doi:10.1109/PTP.2003.1231503, arXiv:cs/0310039, with their exponent
// α fixed to 1 so that the best response has a closed form; Y_ij plays their b_ij, k_i their per-unit cost.
//
// The game is supermodular (∂²r_i/∂d_i∂d_j = c p′(d_i) Y_ij ≥ 0): its NE form a complete lattice, d = 0 is
// always an NE, and Jacobi BRUA from InitOne decreases monotonically to the greatest NE (Topkis 1979;
// Milgrom & Roberts 1990; Vives 1990). T is not Lipschitz where B_i → 0, so Lipschitz reports ok = false.
// From an unordered start Jacobi BRUA can 2-cycle.
//
// A DifferentialService is immutable and safe for concurrent use. BestResponse costs O(nnz_i).
type DifferentialService struct{ network }

// NewDifferentialService returns model R1 on Y with cost constants k (copied) and price c. It panics if y is
// nil or len(k) ≠ y.N(), and returns a *ParamError for k_i ≤ 0 or not finite, c ≤ 0 or not finite, or
// when the payoff bound c·MaxRowSum + max k overflows.
func NewDifferentialService(y *CSR, k []float64, c float64) (*DifferentialService, error) {
	nw, err := newNetwork(y, k, c, true)
	if err != nil {
		return nil, err
	}
	if math.IsInf(c*y.maxSum+nw.kMax(), 0) {
		return nil, &ParamError{Param: "c", Index: -1, Value: c}
	}
	return &DifferentialService{nw}, nil
}

func (m *DifferentialService) payoff(i int, di, b float64) float64 {
	return m.c*(di/(1+di))*b - m.k[i]*di
}

func (m *DifferentialService) br(i int, b float64) float64 {
	cb := m.c * b
	if !(cb > m.k[i]) {
		return 0
	}
	return clamp01(math.Sqrt(cb/m.k[i]) - 1)
}

// Payoff returns r_i(d).
func (m *DifferentialService) Payoff(i int, d []float64) float64 {
	return m.payoff(i, d[i], m.y.dot(i, d))
}

// BestResponse returns T_i(d_−i); d[i] is ignored.
func (m *DifferentialService) BestResponse(i int, d []float64) float64 {
	return m.br(i, m.y.dot(i, d))
}

// BestResponses sets dst[i] = BestResponse(i, d) for all i (bit-for-bit) and returns dst; a nil dst is
// allocated. O(nnz + n).
func (m *DifferentialService) BestResponses(dst, d []float64) []float64 {
	dst = m.checkBatch(dst, d)
	for i := range dst {
		dst[i] = m.br(i, m.y.dot(i, d))
	}
	return dst
}

// Lipschitz reports that no Lipschitz constant is known (R1's best response is not Lipschitz at B_i = 0).
func (m *DifferentialService) Lipschitz() (L float64, ok bool) { return math.Inf(1), false }
