// Package cdnkit is a library of algorithms for incentive-aware content
// delivery: bandwidth-contribution games, EM pricing, kernel load prediction,
// option pricing, double auctions, a stock-options CDN resource market,
// cooperative mobile streaming, streaming overlays and swarm bandwidth
// allocation. The root package holds only this documentation; each
// algorithm family lives in its own importable package.
//
// # Package map
//
//   - game: bandwidth-contribution games and the Best Response Update
//     Algorithm (BRUA) with Nash-gap certificates [SmartSharing].
//   - em: EM for finite binomial mixtures, SmartSharing's EM pricing [SmartSharing].
//   - kre: Nadaraya–Watson and local-linear kernel regression, bandwidth
//     selection and the Load Prediction Mechanism [Stock options CDN].
//   - options: European and American option pricing (Black–Scholes–Merton,
//     Barone-Adesi–Whaley, Bjerksund–Stensland 1993/2002, Ju–Zhong, lattice)
//     [Stock options CDN].
//   - auction: double auctions (k-DA, McAfee, trade reduction, SBBA), the
//     multi-unit call auction and a limit order book [Stock options CDN].
//   - market: the stock-options CDN resource market: stocks, options,
//     secondary market, penalties [Stock options CDN].
//   - device: the device world: streaming users, traces, mobility, energy,
//     welfare, the simulator and baselines [Cooperative streaming]; OTT groups
//     and the settlement ledger (device/ledger) [SmartSharing].
//   - lyapunov: the online drift-plus-penalty cooperative streaming
//     scheduler [Cooperative streaming].
//   - timeslot: time-slotted LP welfare bounds, with the pure-Go sparse LP
//     solver timeslot/lp [Cooperative streaming].
//   - overlay: the GRADIENT streaming overlay with MST and naive baselines [GRADIENT].
//   - swarm: V-Formation, the Content Propagation Metric and bandwidth
//     allocation among swarms [V-Formation].
//   - examples: runnable programs that reproduce each paper's figures and
//     tables (examples/tour runs a short tour of every package).
//
// # Papers
//
// [SmartSharing] J. Fan, K. Wu, D. Liu, G. Tang, "SmartSharing: a content
// delivery network with local sharing of over-the-top devices" (after
// J. Fan, M.Sc. thesis, University of Victoria, 2018; extended as
// "Intelligent edge CDN with smart contract-aided local IoT sharing",
// High-Confidence Computing, 2024).
//
// [Stock options CDN] E. Vathias, M. F. Doukas, P. Giannopoulos,
// S. Hadjiefthymiades, "Proactivity in Content Delivery Networks Resource
// Management: the Stock Options Case", ITU Journal on Future and Evolving
// Technologies, Dec. 2022, doi:10.52953/GEEW8451.
//
// [GRADIENT] Y. Vigfusson, A. Liu, W. Liu, Y. Zhu, G. S. Sigurbjornsson,
// K. V. Jonsson, Q. Huang, K. Birman, D. A. Freedman, "Live Network Streaming
// with Utilities and Cost" (algorithm in "Brief announcement: Live streaming
// with utilities, quality and cost", ACM PODC 2012).
//
// [V-Formation] R. S. Peterson, B. Wong, E. G. Sirer, "A Content Propagation
// Metric for Efficient Content Distribution", ACM SIGCOMM 2011, pp. 326–337,
// doi:10.1145/2018436.2018474.
//
// [Cooperative streaming] L. Gao, M. Tang, H. Pang, J. Huang, L. Sun,
// "Multi-User Cooperative Mobile Video Streaming: Performance Analysis and
// Online Mechanism Design", IEEE Transactions on Mobile Computing, 2018,
// doi:10.1109/TMC.2018.2834358, arXiv:1805.09249.
//
// # Reconstructions
//
// Where a paper's text leaves a formula or rule out, the implementing
// package documents the choice it made with a paragraph beginning
// "Reconstruction:".
package cdnkit
