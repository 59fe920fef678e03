// Package kre forecasts load with Gaussian kernel regression (Nadaraya–Watson
// and local linear) and implements the Load Prediction Mechanism of the
// stock-options CDN market, with bandwidth selectors and access-log loaders.
//
// # Overview
//
// In the stock-options CDN market each origin server reserves CDN traffic
// volume a day ahead. The Load Prediction Mechanism (LPM, Predictor) turns
// the last week of daily traffic into the forecast Q(w, t), t = 1..7, in
// whole bytes; Q bounds what the server may reserve (package market
// consumes it). The package provides:
//
//   - the estimators NadarayaWatson and LocalLinear (and their …Many forms)
//     with the Gaussian kernel, h being the kernel's standard deviation (the
//     statsmodels KernelReg bw and R KernSmooth bandwidth convention; Wand &
//     Jones 1995), with underflow-safe shifted weights;
//   - the criteria CV (leave-one-out least squares) and AICc (Hurvich,
//     Simonoff & Tsai) and the bounded selectors CVBandwidth, AICcBandwidth
//     and SelectBandwidth, which never return h ≤ 0 and never the spurious
//     minimum past the pole of AICc;
//   - Predictor: the LPM pipeline with its four complementary stages THLDM
//     (transient high load), IRDM (inertia regions), DEDM (efficiency
//     monitor) and IRRMM (initial period), each switchable and each a
//     documented reconstruction, and a weekday-aware variant;
//   - BinnedNW: a fast path for large n with a rigorous per-prediction
//     error bound;
//   - ReadCLF, a streaming loader for Common Log Format access logs (per-day
//     and per-hour request and byte counts), and ReadDailyCSV for daily-total
//     CSV files.
//
// # Units and conventions
//
// Reconstruction: the Paper states no units for the bandwidth; x is
// measured in days (the window sits at x = 1..w), so h is in days. With
// w = 7, h = 0.8 weights mostly the last one or two days and h = 5.1 (the
// Paper's range is 0.8 to 5.1) is close to a flat weekly mean.
//
// Weights are exp(−(u_i² − m)/2) with u_i = (x_i − x₀)/h and m = min u_i²:
// the shift leaves every ratio unchanged and guarantees Σ w_i ≥ 1, so the
// estimates stay finite far from the data. Weights with u_i² − m > 1300
// (below 5e-283) are dropped, which changes an estimate by less than
// n·5e-283·(max y − min y). The normalising constant 1/√(2π) cancels and is
// never computed. x and h enter only through (x_i − x₀)/h, so huge x (Unix
// seconds) with a proportionate h is safe.
//
// # Errors
//
// Bad data returns an error: ErrNoData for empty input, a *ValueError
// (unwrapping to ErrBadValue) naming the argument and index of a NaN, ±Inf
// or (in Forecast) negative value, ErrBadBandwidth for h ≤ 0, NaN or +Inf,
// and the other sentinels listed below. The only panics are programmer
// errors: len(x) != len(y) and a dst of the wrong length.
//
// # References
//
// Paper: E. Vathias, M. F. Doukas, P. Giannopoulos, S. Hadjiefthymiades,
// "Proactivity in content delivery networks resource management: the stock
// options case", ITU Journal on Future and Evolving Technologies, 2022,
// doi:10.52953/GEEW8451 (Table 1: Gaussian KRE, bandwidth 0.8 to 5.1,
// one-week reference period, 24 h granularity, 1 byte minimum volume;
// Appendix A1: Q(w, t) ∈ ℕ bytes). It builds on E. Vathias, E. Katsarou,
// S. Hadjiefthymiades, "A secondary market metaphor for content delivery
// networks", Netnomics 18(2), 2017, doi:10.1007/s11066-017-9120-z (the LPM,
// §3.1) and E. Vathias, S. Hadjiefthymiades, "A stock options metaphor for
// content delivery networks", Netnomics 22(2):195–230, 2022,
// doi:10.1007/s11066-022-09153-7.
//
// Estimators: E. A. Nadaraya, "On estimating regression", Theory Probab.
// Appl. 9(1):141–142, 1964; G. S. Watson, "Smooth regression analysis",
// Sankhyā A 26(4):359–372, 1964; J. Fan, I. Gijbels, Local Polynomial
// Modelling and Its Applications, Chapman & Hall, 1996; M. P. Wand,
// M. C. Jones, Kernel Smoothing, Chapman & Hall, 1995.
//
// Selectors: C. M. Hurvich, J. S. Simonoff, C.-L. Tsai, "Smoothing
// parameter selection in nonparametric regression using an improved Akaike
// information criterion", J. R. Stat. Soc. B 60(2):271–293, 1998,
// doi:10.1111/1467-9868.00125; T. Hayfield, J. S. Racine, "Nonparametric
// econometrics: the np package", J. Stat. Softw. 27(5), 2008,
// doi:10.18637/jss.v027.i05; statsmodels KernelReg (cv_ls, aic_hurvich).
//
// Binning: J. Fan, J. S. Marron, "Fast implementations of nonparametric
// curve estimators", J. Comput. Graph. Stat. 3(1):35–56, 1994; M. P. Wand,
// "Fast computation of multivariate kernel estimators", J. Comput. Graph.
// Stat. 3(4):433–445, 1994.
//
// Data: M. Arlitt, C. Williamson, "Web server workload characterization:
// the search for invariants", Proc. ACM SIGMETRICS 1996 (NASA-HTTP trace,
// https://ita.ee.lbl.gov/html/contrib/NASA-HTTP.html); M. Arlitt, T. Jin,
// "A workload characterization study of the 1998 World Cup Web site", IEEE
// Network 14(3), 2000.
package kre
