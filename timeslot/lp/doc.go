// Package lp solves sparse linear programs min cᵀx s.t. l_c ≤ Ax ≤ u_c, l ≤ x ≤ u with restarted primal-dual
// hybrid gradient (PDLP), reporting residuals, duality gap and a rigorous dual bound.
//
// # Overview
//
// A Problem holds c, a CSR matrix A, row bounds [RowLower, RowUpper], column boxes [Lower, Upper] (nil means
// [0, +Inf)) and a constant Offset; infinite bounds are allowed. Solve runs a pure-Go restarted PDHG in the
// style of PDLP and cuPDLP: trivial presolve, Ruiz and Pock–Chambolle diagonal scaling, a constant step from a
// power-iteration estimate of ‖Ã‖₂, primal-weight updates, KKT-based adaptive restarts, relative termination
// on primal and dual residuals and the duality gap, and detection of primal infeasibility (a Farkas ray) and
// unboundedness (an improving recession ray) from iterate differences. Row and column passes run on Threads
// goroutines over nonzero-balanced blocks, with reductions in fixed chunks, so results are bit-identical for
// any number of threads. Solve honours its context, a time limit, an iteration limit and a Progress hook, and
// on every stop returns the last candidate with the best certified DualBound: a lower bound on the optimum
// valid for any dual vector, made rigorous in floating point by an explicit error margin.
//
// ReadMPS and WriteMPS exchange Problems in free-format MPS with other solvers (HiGHS, Clp, GLPK);
// WriteMPS output rereads to the identical Problem.
//
// # References
//
//   - D. Applegate, M. Díaz, O. Hinder, H. Lu, M. Lubin, B. O'Donoghue, W. Schudy, "Practical Large-Scale Linear
//     Programming using Primal-Dual Hybrid Gradient", NeurIPS 2021, arXiv:2106.04756.
//   - H. Lu, J. Yang, "cuPDLP.jl: A GPU Implementation of Restarted Primal-Dual Hybrid Gradient for Linear
//     Programming in Julia", arXiv:2311.12180, 2023.
//   - A. Chambolle, T. Pock, "A first-order primal-dual algorithm for convex problems with applications to
//     imaging", J. Math. Imaging Vision 40:120–145, 2011.
//   - T. Pock, A. Chambolle, "Diagonal preconditioning for first order primal-dual algorithms in convex
//     optimization", ICCV 2011.
//   - D. Ruiz, "A scaling algorithm to equilibrate both rows and columns norms in matrices", RAL-TR-2001-034,
//     Rutherford Appleton Laboratory, 2001.
//   - D. Applegate, O. Hinder, H. Lu, M. Lubin, "Infeasibility detection with primal-dual hybrid gradient for
//     large-scale linear programming", SIAM J. Optim. 34(1), 2024.
//   - The MPS format as documented by IBM CPLEX and lp_solve (free form).
package lp
