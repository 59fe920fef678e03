package options

import "math"

// JuZhong returns the Ju–Zhong (1999) approximation of an American option
// (N. Ju, R. Zhong, "An approximate formula for pricing American options",
// J. Derivatives 7(2):31–40, 1999, doi:10.3905/jod.1999.319140; QuantLib's
// JuQuadraticApproximationEngine). With φ = ±1, α = 2r/σ², β = 2b/σ²,
// h = 1 − e^{−rT} and the Barone-Adesi–Whaley critical price S* (Ju and
// Zhong prescribe no solver; QuantLib and this package use BAW's):
//
//	λ = [−(β − 1) + φ√((β − 1)² + 4α/h)]/2,   αλ′ = −φ(α/h)²/√((β − 1)² + 4α/h)
//	hA = φ(S* − K) − V_E(S*)
//	αV_E,h = F* n(d1*)/(σ√T) − φF* N(φd1*)·2q/σ² + αφK N(φd2*),  F* = S* e^{bT}
//	b̂ = (1 − h)αλ′/(2(2λ + β − 1))
//	ĉ = −[(1 − h)/(2λ + β − 1)]·[αV_E,h/hA + α/h + αλ′/(2λ + β − 1)]
//	χ(S) = b̂ ln²(S/S*) + ĉ ln(S/S*)
//	V = V_E(S) + hA (S/S*)^λ/(1 − χ(S)) where φ(S* − S) > 0, else φ(S − K)
//
// The products α·∂V_E/∂h and α·λ′ and the ratio α/h (limit 2/(σ²T) as
// rT → 0) are written so that r = 0 has no 0/0 (QuantLib issue #2737, fixed
// by PR #2739 the same way). Reconstruction: where 1 − χ(S) ≤ 0 or hA ≤ 0
// the formula is outside its validity and the BAW value is returned.
//
// JuZhong runs the common American frame (see BaroneAdesiWhaley and
// American). Cost: BAW's critical price plus one European evaluation.
func JuZhong(k Kind, p Params) (float64, error) {
	if err := validate(k, p); err != nil {
		return 0, err
	}
	return checkFinite(americanFrame(k, p, juCore), p)
}

func juCore(k Kind, p Params) float64 {
	K := p.Strike
	x := p.Spot / K
	s := newQuad(k, p)
	xs := s.critical()
	if s.phi*(xs-x) <= 0 {
		return K * s.phi * (x - 1)
	}
	ves, d1s, d2s := s.eu(xs)
	hA := s.phi*(xs-1) - ves
	alpha := s.mm
	alam := -s.phi * s.mk * s.mk / s.root // α·λ′
	F := xs * s.growth
	aveh := F*npdf(d1s)/s.sd - s.phi*F*cnd(s.phi*d1s)*2*s.q/s.sig2 + alpha*s.phi*cnd(s.phi*d2s)
	den := 2*s.lam + s.nn - 1
	bh := s.dr * alam / (2 * den)
	ch := -(s.dr / den) * (aveh/hA + s.mk + alam/den)
	L := math.Log(x / xs)
	chi := bh*L*L + ch*L
	if !(1-chi > 0) || !(hA > 0) {
		return K * s.bawValue(x, xs)
	}
	ve, _, _ := s.eu(x)
	return K * (ve + hA*math.Exp(s.lam*L)/(1-chi))
}
