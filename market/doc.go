// Package market simulates the stock-options CDN resource market: origin
// servers reserve volume from kernel forecasts, insure it with stock options,
// trade surpluses in an end-of-day secondary market and pay penalty prices
// last, as in Vathias et al.'s Predictive Reservation Scheme.
//
// # Overview
//
// Origin servers (OSs) reserve CDN traffic volume a day ahead ("stocks",
// bought at the standard price of their service class) from forecasts of
// their own load (package kre), and buy stock options (SOs) on a fraction b
// of the forecast as insurance, priced by Black–Scholes (package options).
// At the end of each day (EoD) an OS whose stocks did not cover its demand
// buys surplus stocks of others in a call auction (package auction),
// exercises its own SOs nearest expiry first, in pricing plan 7a also buys
// exercisable volume through the SOs of others in a second call auction, and
// buys whatever is still missing from the CDN at the penalty price, 1.2 × the
// standard price. Unused stocks carry over; SOs expire after M days.
//
// A user builds a Config (origin servers with daily demand in GB, optional
// history and forecasts), calls New once — which fixes the forecasts, since
// they do not depend on the scenario — and runs one or all of the paper's
// 12 Scenario presets (PaperScenarios). A Result holds every metric of the
// paper's Tables 5–17 per OS and per day, in exact bytes and in $, and
// Result.Verify checks the accounting identities: SM bought = sold and cost
// = revenue, BoD + SM net + exercised + penalty = demand, options bought =
// exercised + expired + still held, Σ cost = CDN revenue, and no OS pays more
// than its penalty price for a GB bought at the EoD.
//
// The helpers PaperServers, ScaleTo, SyntheticDemand, BootstrapWeeks,
// Segments and PaperDemand build demand series shaped like the paper's
// (whose Apache logs are private) from public web traces or a synthetic
// generator; examples/stockoptions reproduces the shapes of the paper's
// Tables 5–17 and Figs. 7–8 with them.
//
// # Units
//
// Volumes are int64 bytes internally (the paper's Q ∈ ℕ bytes, 1-byte
// minimum) and reported also in GB = 10⁹ bytes (Reconstruction: the paper
// does not say decimal or binary; CDN billing is decimal). GB inputs are
// converted once, round-half-up (forecasts: up). Prices are $/GB and money
// is float64 $, cost = price·bytes/10⁹, one multiplication per booking.
//
// # Reconstructions
//
// Where the paper does not give a rule the package chooses one and says so
// in the documentation of the identifier: the class of a day (by the day's
// forecast, ClassByForecast), the SO premium's spot and strike per class
// (PaperPremium, fitted to Table 3), the expiry day convention (a lot bought
// on day d with maturity M is exercisable up to the EoD of d + M − 1),
// average-cost accounting of the stock pool, the order of the EoD steps
// (stock SM, own exercise, SO SM, penalty), the clearing rule (a uniform-price
// call auction) and the SO auction in delivered-volume prices (asks K + V(τ),
// bids the penalty price), so that one price compares lots of different
// strikes and no buyer pays more than its penalty price.
//
// Because the stock market runs before any SO action and exercised volume is
// consumed at once, BoD purchases, pools and stock trades are the same in all
// scenarios on the same Config (the paper's statement for Tables 6–7, here a
// theorem and a test), and so is each OS's Exercised + Penalty volume.
//
// # Safety
//
// A Simulation is immutable after New; Run and RunAll are safe for concurrent
// use. Bad data (NaN, ±Inf, negative, empty, zero maturity) returns an error;
// the only panics are programmer errors (nil Config, out-of-range indices).
// Randomness is only through an injected math/rand/v2 Source.
//
// # References
//
//   - E. Vathias, M. F. Doukas, P. Giannopoulos, S. Hadjiefthymiades,
//     "Proactivity in content delivery networks resource management: the
//     stock options case", ITU Journal on Future and Evolving Technologies,
//     2022, doi:10.52953/GEEW8451 (the Paper: §3.2 workflow, Fig. 5, Tables
//     1–17, Appendix A1).
//   - E. Vathias, S. Hadjiefthymiades, "A stock options metaphor for content
//     delivery networks", Netnomics 22:195–230, 2022,
//     doi:10.1007/s11066-022-09153-7.
//   - E. Vathias, E. Katsarou, S. Hadjiefthymiades, "A secondary market
//     metaphor for content delivery networks", Netnomics 18, 2017,
//     doi:10.1007/s11066-017-9120-z.
//   - F. Black, M. Scholes, "The pricing of options and corporate
//     liabilities", J. Political Economy 81(3):637–654, 1973.
//   - M. Arlitt, C. Williamson, "Web server workload characterization: the
//     search for invariants", ACM SIGMETRICS 1996 (NASA-HTTP trace,
//     https://ita.ee.lbl.gov/html/contrib/NASA-HTTP.html).
//   - M. Arlitt, T. Jin, "A workload characterization study of the 1998
//     World Cup Web site", IEEE Network 14(3):30–37, 2000
//     (https://ita.ee.lbl.gov/html/contrib/WorldCup.html).
package market
