// Package auction implements double auctions for trading CDN resources between origin
// servers: the k-double, McAfee, trade-reduction and SBBA unit auctions, a multi-unit
// uniform-price call auction, and a continuous limit order book.
//
// # Overview
//
// In the stock-options CDN framework of Vathias et al. origin servers (OSs) trade unused
// bandwidth ("stocks", in GB) and unused stock options among themselves in a secondary
// market (SM) by "automatic electronic double auctions at the end of each day". The paper
// does not say which double auction; its Table 7 is strongly budget balanced (stocks bought
// equal stocks sold, cost equals revenue), so the default clearing used by package market,
// [CallAuction], leaves no money with the auctioneer.
//
// The package offers independent plain functions and one stateful type:
//
//   - four unit-demand sealed-bid double auctions, in which each buyer wants one unit and
//     each seller has one: [KDouble] (efficient, strongly budget balanced, not truthful),
//     [McAfee] and [TradeReduction] (dominant-strategy truthful, weakly budget balanced, at
//     most one efficient trade lost) and [SBBA] (truthful and strongly budget balanced, at
//     most one efficient trade lost);
//   - [CallAuction], a multi-unit uniform-price call auction for divisible quantities, the
//     end-of-day SM clearing (one call per good and day);
//   - [Book], a continuous limit order book with price-time priority, partial fills and
//     cancel, for intraday trading.
//
// # Unit model, ranking and the Walrasian interval
//
// bids[i] is buyer i's reported value for one unit, asks[j] seller j's reported cost. A
// valid report is finite and ≥ 0 (−0 counts as 0); NaN, ±Inf and negative entries are
// ignored and counted in [Outcome.IgnoredBids] and [Outcome.IgnoredAsks] (call [Validate]
// to get an error instead). Valid bids are ranked by value descending, asks ascending;
// Reconstruction (the literature assumes distinct values): equal values are ranked by input
// index ascending. With ranked values b_1 ≥ b_2 ≥ … and s_1 ≤ s_2 ≤ … the efficient trade
// count is
//
//	k = max{ r : b_r ≥ s_r }   (0 if a side is empty or b_1 < s_1; zero-gain pairs count)
//
// and for k ≥ 1 every price in the Walrasian interval
//
//	W = [L, U],   L = max(s_k, b_{k+1}),   U = min(b_k, s_{k+1})
//
// clears the market at k units (a missing rank is ±∞ in the max/min). For k = 0 the package
// reports L = U = 0.
//
// No mechanism is efficient, individually rational, budget balanced and truthful at once
// (Myerson and Satterthwaite, 1983): KDouble gives up truthfulness, the others one trade.
//
// # Units
//
// Money in dollars, quantities in GB and prices in $/GB in the CDN application; the code is
// unit-agnostic. Package market passes byte quantities as integral float64 values below 2^53
// with [TimePriority] rationing, so that every fill is an integer.
//
// # Performance
//
// The unit mechanisms and CallAuction rank with an LSD radix sort on the float64 bit
// patterns (four 16-bit passes, constant digits skipped) from 4,096 entries on, and with
// slices.SortFunc below; both give the same order. They run in O(n) time and memory plus
// the output. Book operations cost O(log L + f) for L price levels and f fills.
//
// # References
//
//   - E. Vathias, M. F. Doukas, P. Giannopoulos, S. Hadjiefthymiades, "Proactivity in
//     content delivery networks resource management: the stock options case", National and
//     Kapodistrian University of Athens (the Paper).
//   - E. Vathias, E. Katsarou, S. Hadjiefthymiades, "A secondary market metaphor for content
//     delivery networks", Netnomics 18(2), 2017, doi:10.1007/s11066-017-9120-z.
//   - K. Chatterjee, W. Samuelson, "Bargaining under incomplete information", Operations
//     Research 31(5):835–851, 1983 (k-double auction, bilateral).
//   - A. Rustichini, M. A. Satterthwaite, S. R. Williams, "Convergence to efficiency in a
//     simple market with incomplete information", Econometrica 62(5):1041–1063, 1994.
//   - R. P. McAfee, "A dominant strategy double auction", Journal of Economic Theory
//     56(2):434–450, 1992.
//   - M. Babaioff, N. Nisan, "Concurrent auctions across the supply chain", Journal of
//     Artificial Intelligence Research 21:595–629, 2004 (the name "trade reduction").
//   - E. Segal-Halevi, A. Hassidim, Y. Aumann, "SBBA: a strongly-budget-balanced
//     double-auction mechanism", SAGT 2016, arXiv:1607.05139.
//   - R. B. Myerson, M. A. Satterthwaite, "Efficient mechanisms for bilateral trading",
//     Journal of Economic Theory 29(2):265–281, 1983.
//   - R. Natarajan, S. Sarswat, A. K. Singh, "Verified double sided auctions for financial
//     markets", ITP 2021 (call-auction properties: matching, IR, uniform, fair,
//     optimal-uniform); extended in ganitsutra/DoubleAuctions.
package auction
