// Package game computes Nash equilibria of continuous-strategy games on a supply–demand network with the Best
// Response Update Algorithm of SmartSharing, and certifies them by their maximum regret.
//
// # Overview
//
// In SmartSharing, end users' over-the-top (OTT) devices serve each other inside a neighbourhood group. Each
// device i chooses a contribution d_i ∈ [0,1] (the share of its upload and buffer capacity offered to the
// group); its payoff r_i(d) couples the players through a sparse supply–demand matrix Y (type CSR), where
// Y_ij ≥ 0 is the amount of i's demand that j can supply. The supply available to i from the others is
//
//	B_i(d) = Σ_{j≠i} Y_ij d_j.
//
// A Game exposes NumPlayers, Payoff and BestResponse. The package ships three payoff models, all
// Reconstructions (the paper does not state its payoff), each with a closed-form best response:
//
//	R1 DifferentialService (default)  r_i = c·d_i/(1+d_i)·B_i − k_i d_i           supermodular
//	R2 PublicGood                     r_i = c·ln(1 + d_i + B_i) − k_i d_i          submodular, L = max_i Σ_j Y_ij
//	R3 LinearQuadratic                r_i = d_i(a + c B_i) − (k_i/2) d_i²          supermodular, L = max_i cΣ_j Y_ij/k_i
//
// FuncGame adapts any payoff function, with a bounded Brent maximiser (MaximizeBounded) as best response.
//
// BRUA runs the paper's Best Response Update Algorithm (simultaneous Jacobi update, stop when
// max_i |Δd_i| ≤ ε), with Gauss–Seidel and damping as options, and returns the profile together with its
// ε-Nash certificate NEGap (the maximum regret), Converged and Oscillating flags, the 2-cycle it detected, and
// an a-posteriori error bound when the best-response map is a known contraction. TwoPlayerNash returns every
// pure equilibrium of a two-player instance of the shipped models in closed form.
//
// Per BRUA update the shipped models cost O(nnz(Y) + n) and allocate nothing; no dense n×n buffer is used
// anywhere, so n = 100,000 at 1 % density (10^8 entries, about 1.2 GB) works.
//
// # References
//
//   - J. Fan, SmartSharing: a content delivery network with local sharing of over-the-top devices, M.Sc.
//     thesis, University of Victoria, 2018, UVicSpace handle 1828/10125; J. Fan, K. Wu, D. Liu, G. Tang,
//     "Intelligent edge CDN with smart contract-aided local IoT sharing", High-Confidence Computing, 2024
//     (BRUA, Algorithm 1; the two-player analytic NE).
//   - C. Buragohain, D. Agrawal, S. Suri, "A Game Theoretic Framework for Incentives in P2P Systems", IEEE P2P
//     2003, pp. 48–56, doi:10.1109/PTP.2003.1231503, arXiv:cs/0310039 (model R1).
//   - Y. Bramoullé, R. Kranton, M. D'Amours, "Strategic interaction and networks", American Economic Review
//     104(3):898–930, 2014 (model R2, uniqueness).
//   - C. Ballester, A. Calvó-Armengol, Y. Zenou, "Who's who in networks. Wanted: the key player",
//     Econometrica 74(5):1403–1417, 2006 (model R3).
//   - D. Monderer, L. S. Shapley, "Potential games", Games and Economic Behavior 14:124–143, 1996.
//   - D. M. Topkis, "Equilibrium points in nonzero-sum n-person submodular games", SIAM J. Control Optim.
//     17:773–787, 1979; P. Milgrom, J. Roberts, "Rationalizability, learning, and equilibrium in games with
//     strategic complementarities", Econometrica 58:1255–1277, 1990; X. Vives, "Nash equilibrium with
//     strategic complementarities", J. Math. Econ. 19:305–321, 1990 (supermodular games).
//   - D. P. Bertsekas, J. N. Tsitsiklis, Parallel and Distributed Computation: Numerical Methods,
//     Prentice-Hall, 1989, §3.1 (contraction bounds for Jacobi and Gauss–Seidel).
//   - R. P. Brent, Algorithms for Minimization without Derivatives, Prentice-Hall, 1973, ch. 5.
//   - J. Bentley, R. Floyd, "A sample of brilliance", Communications of the ACM 30(9):754–757, 1987.
package game
