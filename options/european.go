package options

import "math"

// European returns the price of a European option under the generalised
// Black–Scholes–Merton model (Black & Scholes 1973; Merton 1973; Haug 1998,
// pp. 1–8):
//
//	d1 = [ln(S/K) + (b + σ²/2)T]/(σ√T),  d2 = d1 − σ√T,  b = r − q
//	call = S e^{−qT} N(d1) − K e^{−rT} N(d2)
//	put  = K e^{−rT} N(−d2) − S e^{−qT} N(−d1)
//
// N is evaluated through erfc, so tiny out-of-the-money values keep their
// relative accuracy, and put and call are computed directly (never through
// parity). Limits are exact: at T = 0 the price is the intrinsic value
// max(η(S − K), 0) (the option may be exercised on its expiry day); when
// σ√T = 0, S = 0 or K = 0 it is the discounted forward intrinsic value
// max(η(S e^{−qT} − K e^{−rT}), 0), η = +1 for a call and −1 for a put.
//
// The price is homogeneous of degree one in (S, K). Cost O(1): 1 log,
// 1 sqrt, 2 exp, 2 erfc, no allocation. Invalid inputs give a *ParamError.
func European(k Kind, p Params) (float64, error) {
	if err := validate(k, p); err != nil {
		return 0, err
	}
	return checkFinite(european(k, p), p)
}

// european prices a validated European option.
func european(k Kind, p Params) float64 {
	S, K, T := p.Spot, p.Strike, p.T
	if T == 0 {
		return intrinsic(k, S, K)
	}
	sd := p.Vol * math.Sqrt(T)
	dq := math.Exp(-p.Dividend * T)
	dr := math.Exp(-p.Rate * T)
	if sd == 0 || S == 0 || K == 0 {
		return fwdIntrinsic(k, S*dq, K*dr)
	}
	if math.IsInf(sd, 1) {
		if k == Call {
			return S * dq
		}
		return K * dr
	}
	// The put is evaluated as the call with spot K, strike S, rate q and
	// yield r (d1' = −d2, d2' = −d1), so that put–call symmetry
	// P(S, K, r, q) = C(K, S, q, r) holds bit for bit.
	var v float64
	if k == Call {
		m := (math.Log(S/K) + (p.Rate-p.Dividend)*T) / sd
		v = S*dq*cnd(m+0.5*sd) - K*dr*cnd(m-0.5*sd)
	} else {
		m := (math.Log(K/S) + (p.Dividend-p.Rate)*T) / sd
		v = K*dr*cnd(m+0.5*sd) - S*dq*cnd(m-0.5*sd)
	}
	if !(v > 0) { // rounding below zero, or NaN from S/K out of range
		if v != v {
			return fwdIntrinsic(k, S*dq, K*dr)
		}
		return 0
	}
	return v
}

// intrinsic is the exercise value max(η(S − K), 0).
func intrinsic(k Kind, S, K float64) float64 {
	if k == Call {
		return math.Max(S-K, 0)
	}
	return math.Max(K-S, 0)
}

// fwdIntrinsic is max(η(F − P), 0) for the discounted forward F = S e^{−qT}
// and the discounted strike P = K e^{−rT}.
func fwdIntrinsic(k Kind, F, P float64) float64 {
	if k == Call {
		return math.Max(F-P, 0)
	}
	return math.Max(P-F, 0)
}

// Greeks are the price and sensitivities of a European option.
//
// Conventions (Haug 1998, pp. 11–16; QuantLib): Vega and Rho per 1.00 of
// volatility and rate, Theta = −∂V/∂T per year, ThetaPerDay = Theta/365,
// Rho = ∂V/∂r with q fixed, DividendRho = ∂V/∂q, Elasticity = Delta·S/Price
// (0 when Price = 0).
type Greeks struct {
	Price, Delta, Gamma, Vega, Theta, Rho, DividendRho float64
	ThetaPerDay, Elasticity                            float64
}

// EuropeanGreeks returns the price and greeks of a European option
// (formulas of Haug 1998, pp. 11–16), with D_q = e^{−qT}, D_r = e^{−rT}:
//
//	Delta = η D_q N(ηd1),  Gamma = D_q n(d1)/(S σ√T),  Vega = S D_q n(d1) √T
//	Theta = −S D_q n(d1) σ/(2√T) + η q S D_q N(ηd1) − η r K D_r N(ηd2)
//	Rho = η T K D_r N(ηd2),  DividendRho = −η T S D_q N(ηd1)
//
// Degenerate inputs (T = 0, σ√T = 0, S = 0 or K = 0) use the price of
// European and its one-sided derivatives: Gamma = Vega = 0, Delta the
// right-derivative in S, Theta and Rho from the discounted forward
// intrinsic value. No field is ever NaN or ±Inf: if Gamma would overflow
// (σ√T below about 1e-300 at the money) a *ParamError naming Vol is returned.
func EuropeanGreeks(k Kind, p Params) (Greeks, error) {
	if err := validate(k, p); err != nil {
		return Greeks{}, err
	}
	g := europeanGreeks(k, p)
	for _, v := range [...]float64{g.Price, g.Delta, g.Gamma, g.Vega, g.Theta, g.Rho, g.DividendRho, g.ThetaPerDay, g.Elasticity} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			if math.IsInf(g.Price, 0) || math.IsNaN(g.Price) {
				_, err := checkFinite(g.Price, p)
				return Greeks{}, err
			}
			return Greeks{}, &ParamError{Field: "Vol", Value: p.Vol, Reason: "σ√T too small: the greeks overflow float64"}
		}
	}
	return g, nil
}

func europeanGreeks(k Kind, p Params) Greeks {
	S, K, T, r, q := p.Spot, p.Strike, p.T, p.Rate, p.Dividend
	eta := k.eta()
	dq := math.Exp(-q * T)
	dr := math.Exp(-r * T)
	sd := p.Vol * math.Sqrt(T)
	var g Greeks
	if T == 0 || sd == 0 || S == 0 || K == 0 || math.IsInf(sd, 1) {
		g.Price = european(k, p)
		if math.IsInf(sd, 1) && T > 0 && S > 0 && K > 0 {
			// σ√T = ∞: call = S D_q, put = K D_r.
			if k == Call {
				g.Delta = dq
				g.Theta = q * S * dq
				g.DividendRho = -T * S * dq
			} else {
				g.Theta = r * K * dr
				g.Rho = -T * K * dr
			}
		} else {
			// V = max(η(S D_q − K D_r), 0); in the money when positive, or at the
			// kink for a call (right-derivative in S).
			f := eta * (S*dq - K*dr)
			if f > 0 || (f == 0 && k == Call) {
				g.Delta = eta * dq
				g.Theta = eta * (q*S*dq - r*K*dr)
				g.Rho = eta * T * K * dr
				g.DividendRho = -eta * T * S * dq
			}
		}
	} else {
		m := (math.Log(S/K) + (r-q)*T) / sd
		d1 := m + 0.5*sd
		d2 := m - 0.5*sd
		nd1 := npdf(d1)
		Nd1 := cnd(eta * d1)
		Nd2 := cnd(eta * d2)
		if k == Call {
			g.Price = S*dq*Nd1 - K*dr*Nd2
		} else {
			g.Price = K*dr*Nd2 - S*dq*Nd1
		}
		if !(g.Price > 0) {
			g.Price = 0
		}
		g.Delta = eta * dq * Nd1
		g.Gamma = dq * nd1 / (S * sd)
		g.Vega = S * dq * nd1 * math.Sqrt(T)
		g.Theta = -S*dq*nd1*p.Vol/(2*math.Sqrt(T)) + eta*q*S*dq*Nd1 - eta*r*K*dr*Nd2
		g.Rho = eta * T * K * dr * Nd2
		g.DividendRho = -eta * T * S * dq * Nd1
	}
	g.ThetaPerDay = g.Theta / 365
	if g.Price != 0 {
		g.Elasticity = g.Delta * S / g.Price
	}
	return g
}
