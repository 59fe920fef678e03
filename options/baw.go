package options

import "math"

// BaroneAdesiWhaley returns the Barone-Adesi–Whaley (1987) quadratic
// approximation of an American option (Barone-Adesi & Whaley, "Efficient
// analytic approximation of American option values", J. Finance
// 42(2):301–320, 1987, doi:10.1111/j.1540-6261.1987.tb02569.x; Haug 1998,
// p. 22). With M = 2r/σ², N = 2b/σ², M/K(T) = 2r/(σ²(1 − e^{−rT})) (limit
// 2/(σ²T) as rT → 0) and
//
//	q2 = [−(N−1) + √((N−1)² + 4M/K)]/2,  q1 = [−(N−1) − √((N−1)² + 4M/K)]/2
//
// the call is c(S) + A2 (S/S*)^{q2} below the critical price S*, where
// S* − K = c(S*) + [1 − e^{−qT}N(d1(S*))] S*/q2 and
// A2 = (S*/q2)[1 − e^{−qT}N(d1(S*))], and S − K above it; the put is
// p(S) + A1 (S/S**)^{q1} above S**, with A1 = −(S**/q1)[1 − e^{−qT}N(−d1(S**))],
// and K − S below it. Puts are solved directly, as published.
//
// Reconstruction (QuantLib's loop has no iteration cap and throws at low σ,
// issues #2749 and #1291): the critical price is found by Newton's method in
// Haug's form from Haug's seed, stopped at |LHS − RHS| ≤ 1e-9·K after at
// most 100 iterations; an iterate that leaves the admissible interval or is
// not finite, or the cap, switches to bisection (call on [K, hi] with hi
// doubled from 2K, put on ln S ∈ [ln K − 50, ln K]) to 1e-15 relative, so
// the method always returns. q1 and q2 are computed without cancellation.
//
// BaroneAdesiWhaley runs the common American frame (see American): T = 0
// gives the intrinsic value, a call with q ≤ 0 ≤ r or a put with r ≤ 0 ≤ q
// the European price bit for bit, σ√T = 0, S = 0 or K = 0 the exact
// deterministic value, r < 0 or q < 0 otherwise the lattice, and the result
// is never below max(European, intrinsic) nor above S (call) or K (put).
// Cost: typically 3–6 European evaluations; no allocation.
func BaroneAdesiWhaley(k Kind, p Params) (float64, error) {
	if err := validate(k, p); err != nil {
		return 0, err
	}
	return checkFinite(americanFrame(k, p, bawCore), p)
}

func bawCore(k Kind, p Params) float64 {
	K := p.Strike
	qs := newQuad(k, p)
	xs := qs.critical()
	return K * qs.bawValue(p.Spot/K, xs)
}

// quad is the normalised (K = 1) set-up shared by Barone-Adesi–Whaley and
// Ju–Zhong.
type quad struct {
	phi                      float64 // +1 call, −1 put
	T, r, q, b, sig2, sd, dq float64
	dr, growth               float64 // e^{−rT}, e^{bT}
	nn, mm, mk, root, lam    float64 // N, M, M/K(T), √((N−1)²+4M/K), q2 or q1
	critX, critN             float64 // last converged critical price and N(φ d1) there
}

func newQuad(k Kind, p Params) quad {
	T, r, q, sig := p.T, p.Rate, p.Dividend, p.Vol
	b := r - q
	s := quad{phi: k.eta(), T: T, r: r, q: q, b: b}
	s.sig2 = sig * sig
	s.sd = sig * math.Sqrt(T)
	s.dq = math.Exp(-q * T)
	s.dr = math.Exp(-r * T)
	s.growth = math.Exp(b * T)
	s.nn = 2 * b / s.sig2
	s.mm = 2 * r / s.sig2
	if rT := r * T; math.Abs(rT) < 1e-12 {
		s.mk = 2 / (s.sig2 * T)
	} else {
		s.mk = 2 * r / (s.sig2 * -math.Expm1(-rT))
	}
	s.lam, s.root = quadRoot(s.phi, s.nn-1, s.mk)
	return s
}

// quadRoot returns the root λ = [−a + φ√(a² + 4c)]/2 of λ² + aλ − c = 0
// (c > 0) without cancellation, and √(a² + 4c).
func quadRoot(phi, a, c float64) (lam, root float64) {
	root = math.Hypot(a, 2*math.Sqrt(c))
	if phi > 0 {
		if a > 0 {
			return 2 * c / (a + root), root
		}
		return (-a + root) / 2, root
	}
	if a < 0 {
		return -2 * c / (-a + root), root
	}
	return (-a - root) / 2, root
}

// eu returns the normalised European price at spot x (strike 1), d1 and d2.
func (s *quad) eu(x float64) (v, d1, d2 float64) {
	v, d1, d2, _ = s.euN(x)
	return v, d1, d2
}

// euN is eu that also returns N(φ d1).
func (s *quad) euN(x float64) (v, d1, d2, nd1 float64) {
	m := (math.Log(x) + s.b*s.T) / s.sd
	d1 = m + 0.5*s.sd
	d2 = m - 0.5*s.sd
	if s.phi > 0 {
		nd1 = cnd(d1)
		v = x*s.dq*nd1 - s.dr*cnd(d2)
	} else {
		nd1 = cnd(-d1)
		v = s.dr*cnd(-d2) - x*s.dq*nd1
	}
	return v, d1, d2, nd1
}

// gap returns LHS − RHS of the critical-price equation at x:
// φ(x − 1) − V_E(x) − φ[1 − D_q N(φ d1(x))] x/λ.
func (s *quad) gap(x float64) float64 {
	v, _, _, nd1 := s.euN(x)
	return s.phi*(x-1) - v - s.phi*(1-s.dq*nd1)*x/s.lam
}

func (s *quad) admissible(x float64) bool {
	if s.phi > 0 {
		return x > 1 && !math.IsInf(x, 1)
	}
	return x > 0 && x < 1
}

// critical returns the normalised critical price S*/K (call) or S**/K (put).
func (s *quad) critical() float64 {
	x := s.seed()
	for it := 0; it < 100; it++ {
		v, d1, _, Nd := s.euN(x)
		nd := npdf(d1)
		var next float64
		if s.phi > 0 {
			rhs := v + (1-s.dq*Nd)*x/s.lam
			if math.Abs(x-1-rhs) <= 1e-9 {
				s.critX, s.critN = x, Nd
				return x
			}
			bi := s.dq*Nd*(1-1/s.lam) + (1-s.dq*nd/s.sd)/s.lam
			next = (1 + rhs - bi*x) / (1 - bi)
		} else {
			rhs := v - (1-s.dq*Nd)*x/s.lam
			if math.Abs(1-x-rhs) <= 1e-9 {
				s.critX, s.critN = x, Nd
				return x
			}
			bi := -s.dq*Nd*(1-1/s.lam) - (1+s.dq*nd/s.sd)/s.lam
			next = (1 - rhs + bi*x) / (1 + bi)
		}
		if !s.admissible(next) {
			break
		}
		x = next
	}
	return s.bisect()
}

// seed is Haug's starting value, replaced by 1.0001 (call) or 0.5 (put)
// when it is not admissible.
func (s *quad) seed() float64 {
	lamInf, _ := quadRoot(s.phi, s.nn-1, s.mm)
	sInf := 1 / (1 - 1/lamInf)
	var x float64
	if s.phi > 0 {
		h2 := -(s.b*s.T + 2*s.sd) / (sInf - 1)
		x = 1 + (sInf-1)*(-math.Expm1(h2))
		if !s.admissible(x) {
			x = 1.0001
		}
	} else {
		h1 := (s.b*s.T - 2*s.sd) / (1 - sInf)
		x = sInf + (1-sInf)*math.Exp(h1)
		if !s.admissible(x) {
			x = 0.5
		}
	}
	return x
}

// bisect solves gap(x) = 0 by bisection: g(1) < 0 for both kinds, g > 0
// far above 1 for a call and as x → 0 for a put.
func (s *quad) bisect() float64 {
	if s.phi > 0 {
		lo, hi := 1.0, 2.0
		for i := 0; s.gap(hi) <= 0; i++ {
			if i == 1000 {
				return hi
			}
			lo = hi
			hi *= 2
		}
		for i := 0; i < 2000 && hi-lo > 1e-15*hi; i++ {
			mid := 0.5 * (lo + hi)
			if mid <= lo || mid >= hi {
				break
			}
			if s.gap(mid) > 0 {
				hi = mid
			} else {
				lo = mid
			}
		}
		return 0.5 * (lo + hi)
	}
	lo, hi := -50.0, 0.0
	for i := 0; i < 200 && hi-lo > 1e-15; i++ {
		mid := 0.5 * (lo + hi)
		if mid <= lo || mid >= hi {
			break
		}
		if s.gap(math.Exp(mid)) > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return math.Exp(0.5 * (lo + hi))
}

// bawValue is the normalised BAW price at spot x given the critical price xs.
func (s *quad) bawValue(x, xs float64) float64 {
	if s.phi*(xs-x) <= 0 {
		return s.phi * (x - 1)
	}
	v, _, _ := s.eu(x)
	nd1s := s.critN
	if xs != s.critX || xs == 0 {
		_, _, _, nd1s = s.euN(xs)
	}
	A := s.phi * (xs / s.lam) * (1 - s.dq*nd1s)
	return v + A*math.Exp(s.lam*math.Log(x/xs))
}
