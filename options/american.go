package options

import "math"

// coreFunc prices a validated American option that has passed steps 1–5 of
// the common frame: T > 0, σ√T > 0, S > 0, K > 0, r ≥ 0, q ≥ 0, and early
// exercise possible (a call with q > 0 or a put with r > 0).
type coreFunc func(k Kind, p Params) float64

// americanFrame runs the common frame of every American method:
//
//  1. validation (done by the caller);
//  2. T = 0 → intrinsic value (the option may be exercised on its expiry day);
//  3. no early exercise — a call with q ≤ 0 ≤ r or a put with r ≤ 0 ≤ q —
//     → the European price, bit for bit (Merton 1973; QuantLib PRs #2728, #2754);
//  4. deterministic limit σ√T = 0, S = 0 or K = 0 → the exact value
//     max over t ∈ [0, T] of e^{−rt} max(η(S e^{bt} − K), 0);
//  5. r < 0 or q < 0 otherwise (double exercise boundaries are possible,
//     Battauz, De Donno & Sbuelz 2015) → the lattice with DefaultSteps;
//  6. the method;
//  7. v ← max(v, European, intrinsic); a non-finite value or one above
//     U_A (S for a call, K for a put) by more than 1e-12·U_A is replaced by
//     the lattice value of step 5.
func americanFrame(k Kind, p Params, core coreFunc) float64 {
	S, K, T, r, q := p.Spot, p.Strike, p.T, p.Rate, p.Dividend
	if T == 0 {
		return intrinsic(k, S, K)
	}
	if noEarlyExercise(k, r, q) {
		return european(k, p)
	}
	sd := p.Vol * math.Sqrt(T)
	if sd == 0 || S == 0 || K == 0 {
		return deterministic(k, p)
	}
	if r < 0 || q < 0 {
		return latticeFallback(k, p)
	}
	v := core(k, p)
	eu := european(k, p)
	v = math.Max(v, math.Max(eu, intrinsic(k, S, K)))
	ua := S
	if k == Put {
		ua = K
	}
	if math.IsNaN(v) || math.IsInf(v, 0) || v > ua*(1+1e-12) {
		return latticeFallback(k, p)
	}
	return v
}

// noEarlyExercise reports step 3 of the frame: early exercise is never
// optimal for a call with q ≤ 0 ≤ r and for a put with r ≤ 0 ≤ q.
func noEarlyExercise(k Kind, r, q float64) bool {
	if k == Call {
		return q <= 0 && 0 <= r
	}
	return r <= 0 && 0 <= q
}

// latticeFallback is the raw American lattice (DefaultSteps) floored by the
// European and intrinsic values, and capped by U_A when r, q ≥ 0 (where
// U_A is a true bound; the cap only removes round-off).
func latticeFallback(k Kind, p Params) float64 {
	v := binomialTree(k, p, DefaultSteps, true)
	v = math.Max(v, math.Max(european(k, p), intrinsic(k, p.Spot, p.Strike)))
	if p.Rate >= 0 && p.Dividend >= 0 {
		ua := p.Spot
		if k == Put {
			ua = p.Strike
		}
		v = math.Min(v, ua)
	}
	return v
}

// deterministic is the exact American value when the underlying path is
// deterministic (σ√T = 0, S = 0 or K = 0): S_t = S e^{bt}, so
//
//	V = max_{t∈[0,T]} max(η(S e^{−qt} − K e^{−rt}), 0).
//
// The derivative vanishes where q S e^{bt} = r K, so the maximum is at
// t = 0, t = T or t* = ln(rK/(qS))/b when t* ∈ (0, T).
// Reconstruction: the published approximations do not cover this limit.
func deterministic(k Kind, p Params) float64 {
	S, K, T, r, q := p.Spot, p.Strike, p.T, p.Rate, p.Dividend
	val := func(t float64) float64 {
		return fwdIntrinsic(k, S*math.Exp(-q*t), K*math.Exp(-r*t))
	}
	v := math.Max(intrinsic(k, S, K), val(T))
	// t* = (ln(rK) − ln(qS))/(r − q), written so that the put–call
	// transformation (S, K, r, q) → (K, S, q, r) gives the same bits.
	if rk, qs := r*K, q*S; r != q && ((rk > 0 && qs > 0) || (rk < 0 && qs < 0)) && !math.IsInf(rk, 0) && !math.IsInf(qs, 0) {
		ts := (math.Log(math.Abs(rk)) - math.Log(math.Abs(qs))) / (r - q)
		if ts > 0 && ts < T {
			v = math.Max(v, val(ts))
		}
	}
	return v
}
