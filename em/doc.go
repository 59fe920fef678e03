// Package em fits finite mixtures of binomial distributions by
// expectation–maximisation and turns the fitted posteriors into per-device
// prices, as in SmartSharing's EM pricing.
//
// # Overview
//
// In SmartSharing each OTT device keeps a fetch table: one yes/no entry per
// other device ("did that device obtain content from me?"). Row i gives s_i
// successes out of m_i non-missing trials (CountRows). The paper's EM algorithm
// turns these rows into K acceptance probabilities θ_l, one per price option,
// and prices each device from the last E-step. Its M-step, eq. (1),
//
//	θ_l = Σ_i Q_il s_i / Σ_i Q_il m_i,
//
// is exactly the M-step of EM for a finite mixture of binomials, so the
// package is a general binomial-mixture EM (FitBinomialMixture) with a thin
// pricing layer (Price, PriceOf).
//
// Reconstruction (the model, exact): a latent class z_i with P(z_i = l) = π_l,
// and s_i | z_i = l ~ Binomial(m_i, θ_l). Variant B (the default) learns π,
// matching the paper's "proportion of OTT devices that would accept each
// price"; variant A (Settings.FixedWeights) holds π fixed, the two-coin form
// of Do & Batzoglou. Both satisfy eq. (1).
//
// Numerical guards: log-space E-step; θ clamped to [δ, 1−δ] (δ = 1e-12 by
// default); a component with no mass keeps its θ; the observed-data
// log-likelihood is checked never to decrease (a run that decreases is
// disqualified); identifiability needs max_i m_i ≥ 2K − 1; collapsed and
// vanished components are reported, never silently removed, because every
// component is a price. Rows are aggregated into distinct (s, m) pairs, so an
// iteration costs O(G·K) with G distinct pairs, independent of n for bounded
// row lengths.
//
// Reconstruction (pricing): a higher acceptance probability goes with a lower
// price. Components are sorted by θ ascending and prices descending, and
// component l gets the l-th highest price. The paper does not say whether it
// used the posterior-mean price (ExpectedPrice, the default) or the MAP class
// (MAPPrice). By the monotone likelihood ratio of the binomial family, both are
// non-increasing in a row's successes for fixed trials.
//
// Randomness (random starts for NInit > 1 or nil theta0) comes only from
// Settings.Src; the package never prints.
//
// # References
//
//   - J. Fan, K. Wu, D. Liu, G. Tang, "SmartSharing" (origin: J. Fan,
//     "SmartSharing: a content delivery network with local sharing of
//     over-the-top devices", M.Sc. thesis, University of Victoria, 2018,
//     UVicSpace handle 1828/10125): eq. (1), the EM pricing step, Figs. 4–5.
//   - A. P. Dempster, N. M. Laird, D. B. Rubin, "Maximum likelihood from
//     incomplete data via the EM algorithm", Journal of the Royal Statistical
//     Society B 39(1):1–38, 1977.
//   - C. B. Do, S. Batzoglou, "What is the expectation maximization
//     algorithm?", Nature Biotechnology 26:897–899, 2008,
//     doi:10.1038/nbt1406.
//   - H. Teicher, "Identifiability of finite mixtures", Annals of
//     Mathematical Statistics 34(4):1265–1269, 1963,
//     doi:10.1214/aoms/1177703862.
//   - Conventions adopted from scikit-learn GaussianMixture (Tol, MaxIter,
//     NInit, final E-step, Score), R flexmix (relative log-likelihood test),
//     R mixtools (disqualify a run whose log-likelihood decreases) and R
//     cardelino mixBinom (MinIter).
package em
