// Package overlay builds utility-aware multicast trees for live streaming with
// in-network downgrade (GRADIENT), with a certified primal-dual approximation,
// its baselines, a rooted prize-collecting Steiner tree solver and topology
// loaders.
//
// # Model
//
// An Instance is an undirected multigraph of CDN nodes whose edges cost c_e
// dollars per Mbps, a source node, a rate ladder 0 < r_1 < … < r_L (Mbps) and
// clients at nodes with utilities u_j(ℓ) ≥ 0 for receiving level ℓ. Any node
// may downgrade the stream before forwarding it, so an edge carries the
// highest level demanded below it and a budget of ℓ is worth the envelope
// U_j(ℓ) = max_{ℓ'≤ℓ} u_j(ℓ') to client j. A Solution is a tree containing
// the source with a delivered level per client; its paper-form value is
//
//	Cost    = Σ_{e∈T} c_e·r_{ℓ(e)} − Σ_j u_j(ℓ_j)     ($; Fig. 1's y-axis, may be negative)
//	Penalty = Cost + Σ_j U_j(L) ≥ 0                     (the form approximation ratios refer to)
//
// L = 1 is the rooted prize-collecting Steiner tree problem, so the problem
// is NP-hard.
//
// # Algorithms
//
//   - Gradient: R-GRADIENT, a reconstruction of the paper's primal-dual
//     algorithm. Rate classes with K offsets, one Goemans–Williamson PCST per
//     class, a top-down merge and an exact tree DP, best-of with the MST and
//     shortest-path-tree candidates. Proven ratio 2e(1 + 1/K) (≤ 5.986, the
//     paper's constant, for K ≥ 10), with per-run certificates and a dual
//     lower bound in the result.
//   - MSTBaseline and NaiveBroadcast: the paper's Fig. 1 comparators.
//   - PCST: rooted prize-collecting Steiner tree, GW moat growing with an
//     event-driven simulation and strong pruning; Objective ≤ 2·Dual.
//   - TreeDP, Evaluate and BruteForce: exact levels on a fixed tree, the
//     evaluation of given levels, and exhaustive search for small instances.
//   - ReadGraphML (Internet Topology Zoo), ReadSTP (SteinLib), ReadASRel
//     (CAIDA AS relationships) and ReadEdgeList (SNAP) load topologies;
//     ASLike, SampleSubgraph, Fig1Instance and RandomInstance generate them;
//     RunFig1 runs the Fig. 1 protocol behind examples/gradient.
//
// Reconstruction: the paper states the 5.986 ratio but the algorithm (a PODC
// 2012 brief announcement) is not available; everything marked
// "Reconstruction" in this package is our choice where the text is silent.
//
// All functions are safe for concurrent use on distinct or shared read-only
// inputs; results are plain values. Randomness comes only from an injected
// math/rand/v2 Source.
//
// # References
//
//   - Y. Vigfusson, A. Liu, W. Liu, Y. Zhu, G. S. Sigurbjornsson,
//     K. V. Jonsson, Q. Huang, K. Birman, D. A. Freedman, "Live Network
//     Streaming with Utilities and Cost", Reykjavik University / Peking
//     University / Cornell University (GRADIENT; Fig. 1).
//   - M. Charikar, J. Naor, B. Schieber, "Resource optimization in QoS
//     multicast routing of real-time multimedia", IEEE/ACM Trans. Netw.
//     12(2):340–348, 2004, doi:10.1109/TNET.2004.826288.
//   - M. X. Goemans, D. P. Williamson, "A general approximation technique for
//     constrained forest problems", SIAM J. Comput. 24(2):296–317, 1995,
//     doi:10.1137/S0097539793242618.
//   - D. S. Johnson, M. Minkoff, S. Phillips, "The prize collecting Steiner
//     tree problem: theory and practice", SODA 2000, pp. 760–769.
//   - C. Hegde, P. Indyk, L. Schmidt, "A fast, adaptive variant of the
//     Goemans–Williamson scheme for the prize-collecting Steiner tree
//     problem", 11th DIMACS Implementation Challenge workshop, 2014.
//   - D. P. Williamson, D. B. Shmoys, The Design of Approximation Algorithms,
//     Cambridge University Press, 2011, §14.1.
//   - S. Knight, H. X. Nguyen, N. Falkner, R. Bowden, M. Roughan, "The
//     Internet Topology Zoo", IEEE JSAC 29(9):1765–1775, 2011,
//     doi:10.1109/JSAC.2011.111002.
//   - T. Koch, A. Martin, S. Voß, "SteinLib: An Updated Library on Steiner
//     Tree Problems in Graphs", in Steiner Trees in Industry, Kluwer, 2001,
//     pp. 285–325 (ZIB-Report 00-37); J. E. Beasley, "An SST-based algorithm
//     for the Steiner problem in graphs", Networks 19:1–16, 1989.
//   - A.-L. Barabási, R. Albert, "Emergence of scaling in random networks",
//     Science 286:509–512, 1999, doi:10.1126/science.286.5439.509.
//   - The CAIDA AS Relationships Dataset,
//     https://publicdata.caida.org/datasets/as-relationships/.
package overlay
