package options

import "math"

// BjerksundStensland2002 returns the Bjerksund–Stensland (2002) two-trigger
// approximation of an American option (P. Bjerksund, G. Stensland, "Closed
// form valuation of American options", NHH discussion paper, 2002,
// https://core.ac.uk/download/pdf/30824897.pdf; Haug 2007, §3.3). The call
// uses trigger I2 on [0, t1] and I1 on [t1, T], t1 = ½(√5 − 1)T:
//
//	h(τ) = −(bτ + 2σ√τ)·K²/((B∞ − B0)B0),  I(τ) = B0 + (B∞ − B0)(1 − e^{h(τ)})
//	I2 = I(T),  I1 = I(T − t1)
//	V = α2S^β − α2φ(S,t1,β,I2,I2) + φ(S,t1,1,I2,I2) − φ(S,t1,1,I1,I2)
//	    − Kφ(S,t1,0,I2,I2) + Kφ(S,t1,0,I1,I2) + α1φ(S,t1,β,I1,I2)
//	    − α1ψ(S,T,β,I1,I2,I1,t1) + ψ(S,T,1,I1,I2,I1,t1) − ψ(S,T,1,K,I2,I1,t1)
//	    − Kψ(S,T,0,I1,I2,I1,t1) + Kψ(S,T,0,K,I2,I1,t1),   α_i = (I_i − K)I_i^{−β}
//
// with β, B∞, B0 and φ as in BjerksundStensland1993, ψ the bivariate-normal
// term of the paper (correlation ρ = √(t1/T)), and V = S − K for S ≥ I2.
// This is the paper's variant: I1 is the trigger for the remaining life
// T − t1. Haug's book code (and code copied from it) evaluates I1 = I(t1)
// instead, which differs by up to 4.6e-3 on the tf-quant-finance table and
// 0.021 on a put with S = 90, K = 100; only the paper variant reproduces the
// paper's own table, and google/tf-quant-finance agrees with it.
// Puts use the put–call transformation, exactly as BjerksundStensland1993.
//
// The bivariate normal uses Genz's (2004) 20-point Gauss–Legendre rule for
// |ρ| < 0.925 with the sines for ±ρ precomputed, so each costs 20 exp.
// Guards: log-space prefactors as in 1993; if h(T) ≥ 0 or h(T − t1) ≥ 0
// the 1993 best-flat-trigger value is returned. Reconstruction (precision
// guard): if any φ or ψ log-prefactor exceeds ln(1e6·max(S, K)), the
// absolute error of M (≈1e-16) times the prefactor no longer bounds the
// price error, and the 1993 value is returned instead.
//
// BjerksundStensland2002 runs the common American frame (see American).
// Cost O(1): 20 bivariate normals; no allocation.
func BjerksundStensland2002(k Kind, p Params) (float64, error) {
	if err := validate(k, p); err != nil {
		return 0, err
	}
	return checkFinite(bjsFrame(k, p, bjs02Core), p)
}

func bjs02Core(_ Kind, p Params) float64 {
	c := newBjs(p)
	return p.Strike * c.price02()
}

// term kinds of the 2002 sum.
const (
	termN    = iota // e^{lp} N(a)
	termMpos        // e^{lp} M(a, b; ρ)
	termMneg        // e^{lp} M(a, b; −ρ)
)

type bjsTerm struct {
	sign, lp, a, b float64
	kind           int
}

// terms accumulates the 2002 sum; the precision guard needs every
// log-prefactor before any term is evaluated.
type bjsTerms struct {
	t     [36]bjsTerm
	n     int
	maxLp float64
}

func (ts *bjsTerms) add(sign, lp, a, b float64, kind int) {
	ts.t[ts.n] = bjsTerm{sign, lp, a, b, kind}
	ts.n++
	if lp > ts.maxLp {
		ts.maxLp = lp
	}
}

func (c *bjs) price02() float64 {
	T := c.T
	t1 := 0.5 * (math.Sqrt(5) - 1) * T
	scale := 1 / ((c.binf - c.b0) * c.b0)
	g2 := c.b*T + 2*c.sd
	g1 := c.b*(T-t1) + 2*c.sig*math.Sqrt(T-t1)
	if !(g2 > 0) || !(g1 > 0) {
		return c.price93()
	}
	I2 := c.b0 - (c.binf-c.b0)*math.Expm1(-g2*scale)
	I1 := c.b0 - (c.binf-c.b0)*math.Expm1(-g1*scale)
	if c.s >= I2 {
		return c.s - 1
	}
	lnI1, lnI2, lns := math.Log(I1), math.Log(I2), c.lns
	beta := c.beta
	la1 := math.Log(I1-1) + beta*(lns-lnI1) // ln(α1 S^β)
	la2 := math.Log(I2-1) + beta*(lns-lnI2) // ln(α2 S^β)

	ts := bjsTerms{maxLp: math.Inf(-1)}
	st1 := c.sig * math.Sqrt(t1)
	phi := func(sign, lp, gamma, lnH, lnI float64) {
		lam := (-c.r + gamma*c.b + 0.5*gamma*(gamma-1)*c.sig2) * t1
		d := -(lns - lnH + (c.b+(gamma-0.5)*c.sig2)*t1) / st1
		kappa := 2*c.b/c.sig2 + 2*gamma - 1
		lis := lnI - lns
		ts.add(sign, lp+lam, d, 0, termN)
		ts.add(-sign, lp+lam+kappa*lis, d-2*lis/st1, 0, termN)
	}
	sT := c.sd
	psi := func(sign, lp, gamma, lnH float64) {
		lam := (-c.r + gamma*c.b + 0.5*gamma*(gamma-1)*c.sig2) * T
		kappa := 2*c.b/c.sig2 + 2*gamma - 1
		mu := c.b + (gamma-0.5)*c.sig2
		e1 := (lns - lnI1 + mu*t1) / st1
		e2 := (2*lnI2 - lns - lnI1 + mu*t1) / st1
		e3 := (lns - lnI1 - mu*t1) / st1
		e4 := (2*lnI2 - lns - lnI1 - mu*t1) / st1
		f1 := (lns - lnH + mu*T) / sT
		f2 := (2*lnI2 - lns - lnH + mu*T) / sT
		f3 := (2*lnI1 - lns - lnH + mu*T) / sT
		f4 := (lns + 2*lnI1 - lnH - 2*lnI2 + mu*T) / sT
		l0 := lp + lam
		ts.add(sign, l0, -e1, -f1, termMpos)
		ts.add(-sign, l0+kappa*(lnI2-lns), -e2, -f2, termMpos)
		ts.add(-sign, l0+kappa*(lnI1-lns), -e3, -f3, termMneg)
		ts.add(sign, l0+kappa*(lnI1-lnI2), -e4, -f4, termMneg)
	}
	phi(-1, la2, beta, lnI2, lnI2)
	phi(1, lns, 1, lnI2, lnI2)
	phi(-1, lns, 1, lnI1, lnI2)
	phi(-1, 0, 0, lnI2, lnI2)
	phi(1, 0, 0, lnI1, lnI2)
	phi(1, la1, beta, lnI1, lnI2)
	psi(-1, la1, beta, lnI1)
	psi(1, lns, 1, lnI1)
	psi(-1, lns, 1, 0)
	psi(-1, 0, 0, lnI1)
	psi(1, 0, 0, 0)
	if ts.maxLp > math.Log(1e6*math.Max(c.s, 1)) || math.IsNaN(ts.maxLp) {
		return c.price93()
	}
	v := math.Exp(la2)
	for i := 0; i < ts.n; i++ {
		t := &ts.t[i]
		var x float64
		switch t.kind {
		case termN:
			x = expN(t.lp, t.a)
		default:
			m := math.Min(t.a, t.b)
			if t.lp < -730 || m < -5 {
				if t.lp+lnCnd(m) < -745 {
					continue
				}
			}
			x = math.Exp(t.lp) * bvn(t.a, t.b, t.kind == termMneg)
		}
		v += t.sign * x
	}
	return v
}
