// Package options prices European and American options under the
// generalised Black–Scholes–Merton model — closed form, greeks and implied
// volatility, the Barone-Adesi–Whaley, Bjerksund–Stensland (1993, 2002) and
// Ju–Zhong approximations, and a converged binomial lattice — robustly down
// to the low-volatility, short-maturity, sub-cent regime of CDN bandwidth
// options.
//
// # Overview
//
// The stock-options CDN market (Vathias et al.) sells origin servers the
// right to take bandwidth later at a strike fixed today, and prices that
// right with the Black–Scholes call; because a stock option "can be
// exercised at any time, including its expiration date", the American
// approximations are offered as well. Package market calls European for
// every premium.
//
// A caller fills a Params (spot S, strike K, maturity T in years, rate r and
// yield q continuously compounded, volatility σ per √year; the cost of carry
// is b = r − q) and calls European, one of BaroneAdesiWhaley,
// BjerksundStensland1993, BjerksundStensland2002 and JuZhong, the converged
// lattice Binomial, or the dispatcher American; EuropeanGreeks gives the
// greeks, ImpliedVol inverts European prices, and PriceBatch prices many
// options concurrently into a caller's slice.
//
// Conventions. Prices are in the unit of S and K (e.g. $/GB) and are
// homogeneous of degree one: V(λS, λK) = λV(S, K); no absolute tolerance
// appears in any algorithm. N(x) is evaluated as ½ erfc(−x/√2), accurate in
// both tails, and ln N(x) by its asymptotic series below −30. At T = 0 every
// method returns the intrinsic value (the option may be exercised on its
// expiry day; QuantLib returns 0 there).
//
// The bandwidth regime (σ = 1 %, r = 5 %, 7–28 days, prices 1e-6…1e-2 $/GB)
// is where naive implementations fail: the Bjerksund–Stensland exponents are
// near 1000, the BAW Newton seed collapses onto K, and the flat-trigger
// formula becomes invalid once T ≥ 4σ²/r². Every method here returns a
// finite price there, never below max(European, intrinsic): all American
// methods share one frame (see American) with exact limits, the
// no-early-exercise shortcut, a lattice fallback outside the single-boundary
// domain and a final no-arbitrage guard.
//
// Errors. Invalid numbers (NaN, ±Inf, negative spot, strike, maturity or
// volatility, |rT| > 700) give a *ParamError naming the field; no function
// panics on any float input, and no result is NaN, ±Inf or negative. Every
// function is pure and safe for concurrent use.
//
// # References
//
//   - E. Vathias, M. F. Doukas, P. Giannopoulos, S. Hadjiefthymiades,
//     "Proactivity in content delivery networks resource management: the
//     stock options case", ITU J-FET, 2022, doi:10.52953/GEEW8451; model in
//     E. Vathias, S. Hadjiefthymiades, "A stock options metaphor for content
//     delivery networks", Netnomics 22(2):195–230, 2022,
//     doi:10.1007/s11066-022-09153-7.
//   - F. Black, M. Scholes, "The pricing of options and corporate
//     liabilities", J. Political Economy 81(3):637–654, 1973; R. C. Merton,
//     "Theory of rational option pricing", Bell J. Econ. 4(1):141–183, 1973.
//   - E. G. Haug, The Complete Guide to Option Pricing Formulas, McGraw-Hill,
//     1998 (2nd ed. 2007).
//   - G. Barone-Adesi, R. E. Whaley, "Efficient analytic approximation of
//     American option values", J. Finance 42(2):301–320, 1987,
//     doi:10.1111/j.1540-6261.1987.tb02569.x.
//   - P. Bjerksund, G. Stensland, "Closed-form approximation of American
//     options", Scand. J. Management 9:S87–S99, 1993; "Closed form valuation
//     of American options", NHH discussion paper, 2002,
//     https://core.ac.uk/download/pdf/30824897.pdf.
//   - N. Ju, R. Zhong, "An approximate formula for pricing American
//     options", J. Derivatives 7(2):31–40, 1999, doi:10.3905/jod.1999.319140.
//   - D. Leisen, M. Reimer, "Binomial models for option valuation —
//     examining and improving convergence", Appl. Math. Finance 3:319–346,
//     1996; M. Broadie, J. Detemple, "American option valuation: new bounds,
//     approximations, and a comparison of existing methods", Rev. Financial
//     Studies 9(4):1211–1250, 1996.
//   - R. L. McDonald, M. D. Schroder, "A parity result for American options",
//     J. Computational Finance 1(3):5–13, 1998.
//   - A. Battauz, M. De Donno, A. Sbuelz, "Real options and American
//     derivatives: the double continuation region", Management Science
//     61(5):1094–1107, 2015.
//   - A. Genz, "Numerical computation of rectangular bivariate and trivariate
//     normal and t probabilities", Statistics and Computing 14:251–260, 2004;
//     Z. Drezner, G. O. Wesolowsky, "On the computation of the bivariate
//     normal integral", J. Statist. Comput. Simul. 35:101–107, 1990.
//   - M. Manaster, G. Koehler, "The calculation of implied variances from the
//     Black–Scholes model: a note", J. Finance 37(1):227–230, 1982.
//   - P. Jäckel, "Let's be rational", Wilmott 2015(75):40–53, 2015.
//   - QuantLib (lballabio/QuantLib) test suite and engines, issues #1291,
//     #2737, #2749 and pull requests #2728, #2739, #2754.
package options
