package options

import "math"

// BjerksundStensland1993 returns the Bjerksund–Stensland (1993) flat-trigger
// approximation of an American option (P. Bjerksund, G. Stensland,
// "Closed-form approximation of American options", Scand. J. Management
// 9:S87–S99, 1993; Haug 1998, p. 26). The call with trigger I is
//
//	β = (½ − b/σ²) + √((b/σ² − ½)² + 2r/σ²),  B∞ = β/(β − 1)·K,  B0 = max(K, rK/(r − b))
//	h(T) = −(bT + 2σ√T)·B0/(B∞ − B0),  I = B0 + (B∞ − B0)(1 − e^{h(T)})
//	V = αS^β − αφ(S,T,β,I,I) + φ(S,T,1,I,I) − φ(S,T,1,K,I) − Kφ(S,T,0,I,I) + Kφ(S,T,0,K,I)
//	φ(S,T,γ,H,I) = e^λ S^γ [N(d) − (I/S)^κ N(d − 2 ln(I/S)/(σ√T))],  α = (I − K)I^{−β}
//	λ = [−r + γb + ½γ(γ−1)σ²]T,  d = −[ln(S/H) + (b + (γ − ½)σ²)T]/(σ√T),  κ = 2b/σ² + 2γ − 1
//
// and V = S − K for S ≥ I. A put is priced by the put–call transformation
// of McDonald & Schroder (1998): P(S, K, T, r, q, σ) = C(K, S, T, q, r, σ),
// applied to the whole computation, so the symmetry holds bit for bit.
//
// Reconstruction (required for the low-volatility regime of CDN bandwidth,
// where β ≈ 1 + 2r/σ² ≈ 1001 and κ reaches ±1000): every term is evaluated
// as exp(log-prefactor)·N(·), with exp(prefactor + ln N(·)) when the
// prefactor exceeds 700, and β and B∞ = (2r + βσ²)/(2q) are computed
// without cancellation (β − 1 cancels when q ≪ r). When
// h(T) ≥ 0 (bT + 2σ√T ≤ 0, strongly negative carry at low σ) the trigger
// formula is meaningless; because the value with any flat trigger I > K is
// that of a feasible exercise policy (a lower bound), the best flat trigger
// is used instead: V(I) maximised over ln I ∈ [ln max(K, S), ln B∞] by
// golden-section search to 1e-10 (≤ 100 evaluations).
//
// BjerksundStensland1993 runs the common American frame (see American).
// Cost O(1): about 12 erfc and 12 exp, or ≤ 100 times that with the best
// flat trigger; no allocation.
func BjerksundStensland1993(k Kind, p Params) (float64, error) {
	if err := validate(k, p); err != nil {
		return 0, err
	}
	return checkFinite(bjsFrame(k, p, bjs93Core), p)
}

// bjsFrame prices a put as the call at (K, S, T, q, r, σ) through the whole
// frame, so BjS put–call symmetry is exact.
func bjsFrame(k Kind, p Params, core coreFunc) float64 {
	if k == Put {
		p = Params{Spot: p.Strike, Strike: p.Spot, T: p.T, Rate: p.Dividend, Dividend: p.Rate, Vol: p.Vol}
	}
	return americanFrame(Call, p, core)
}

func bjs93Core(_ Kind, p Params) float64 {
	c := newBjs(p)
	return p.Strike * c.price93()
}

// bjs is the normalised (K = 1) Bjerksund–Stensland call.
type bjs struct {
	s, lns, T, r, b, sig, sig2, sd float64
	beta, binf, b0                 float64
}

func newBjs(p Params) bjs {
	c := bjs{s: p.Spot / p.Strike, T: p.T, r: p.Rate, b: p.Rate - p.Dividend, sig: p.Vol}
	c.lns = math.Log(c.s)
	c.sig2 = c.sig * c.sig
	c.sd = c.sig * math.Sqrt(c.T)
	B := c.b/c.sig2 - 0.5
	R := c.r / c.sig2
	D := math.Hypot(B, math.Sqrt(2*R))
	if B > 0 {
		c.beta = 2 * R / (D + B)
	} else {
		c.beta = D - B
	}
	// B∞ = β/(β − 1) = (2r + βσ²)/(2q), from (D + B)·β = 2R and
	// D² − (B + 1)² = 2q/σ²: no cancellation in β − 1, which made B∞
	// round-off noise for a tiny q > 0 (the core runs only with q > 0).
	c.binf = (2*c.r + c.beta*c.sig2) / (2 * p.Dividend)
	c.b0 = 1
	if q := p.Dividend; q > 0 {
		c.b0 = math.Max(1, c.r/q)
	}
	return c
}

// phi is e^{lp}·φ(S, t, γ, H, I) with lp the log of the coefficient times
// S^γ, evaluated in log space. sdt = σ√t.
func (c *bjs) phi(lp, t, sdt, gamma, lnH, lnI float64) float64 {
	lam := (-c.r + gamma*c.b + 0.5*gamma*(gamma-1)*c.sig2) * t
	d := -(c.lns - lnH + (c.b+(gamma-0.5)*c.sig2)*t) / sdt
	kappa := 2*c.b/c.sig2 + 2*gamma - 1
	lis := lnI - c.lns
	return expN(lp+lam, d) - expN(lp+lam+kappa*lis, d-2*lis/sdt)
}

// value93 is the flat-trigger value with trigger I (normalised).
func (c *bjs) value93(I float64) float64 {
	if c.s >= I {
		return c.s - 1
	}
	lnI := math.Log(I)
	lpA := math.Log(I-1) + c.beta*(c.lns-lnI) // ln(α S^β)
	T, sd := c.T, c.sd
	return math.Exp(lpA) - c.phi(lpA, T, sd, c.beta, lnI, lnI) +
		c.phi(c.lns, T, sd, 1, lnI, lnI) - c.phi(c.lns, T, sd, 1, 0, lnI) -
		c.phi(0, T, sd, 0, lnI, lnI) + c.phi(0, T, sd, 0, 0, lnI)
}

// price93 is the 1993 value with the published trigger, or with the best
// flat trigger when h(T) ≥ 0.
func (c *bjs) price93() float64 {
	g := c.b*c.T + 2*c.sd
	if !(g > 0) {
		return c.bestFlat()
	}
	h := -g * c.b0 / (c.binf - c.b0)
	I := c.b0 - (c.binf-c.b0)*math.Expm1(h)
	return c.value93(I)
}

// bestFlat maximises value93 over ln I ∈ [ln max(1, s), ln B∞] by
// golden-section search to 1e-10 in ln I (at most 100 evaluations).
func (c *bjs) bestFlat() float64 {
	if c.s >= c.binf {
		return c.s - 1
	}
	lo := math.Log(math.Max(1, c.s))
	hi := math.Log(c.binf)
	if !(hi > lo) {
		return c.value93(math.Exp(hi))
	}
	f := func(x float64) float64 { return c.value93(math.Exp(x)) }
	const gr = 0.61803398874989484820458683436563811772
	x1 := hi - gr*(hi-lo)
	x2 := lo + gr*(hi-lo)
	f1, f2 := f(x1), f(x2)
	best := math.Max(f(lo), f(hi))
	for it := 0; it < 96 && hi-lo > 1e-10; it++ {
		if f1 < f2 {
			lo, x1, f1 = x1, x2, f2
			x2 = lo + gr*(hi-lo)
			f2 = f(x2)
		} else {
			hi, x2, f2 = x2, x1, f1
			x1 = hi - gr*(hi-lo)
			f1 = f(x1)
		}
	}
	return math.Max(best, math.Max(f1, f2))
}
