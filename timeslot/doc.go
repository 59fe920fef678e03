// Package timeslot computes certified upper and replayable lower bounds on the social welfare of cooperative
// mobile video streaming scenarios (package device), using the virtual time-slotted system of Gao et al. (2018).
//
// # Overview
//
// Given a *device.Scenario, UpperBound returns an upper bound on the social welfare that any policy can realise
// in device.Simulate on that scenario: the optimum of a fluid linear program (the paper's slotted system with
// segment length L → 0), certified by a dual point through Lagrangian weak duality with a rigorous floating-point
// margin, never by an approximate primal value. LowerBound returns the realised welfare of a feasible
// whole-segment schedule obtained by rounding the LP plan (Tracker), which Replay re-executes exactly. An online
// scheduler (package lyapunov, the device baselines) is measured by the ratio realised/upper bound; Bounds and
// Ratio are the conveniences for that.
//
// The LP (Build, Count) has, for slots t of length Δ (Settings.Slot), per-slot data C_it (Mbit that user i can
// download in slot t), ĉ_it (its peak capacity), w_jt (viewing time of video user j in slot t) and the welfare
// per content second
//
//	a_ijqt = SegmentValue(j, q)/L_j − ContentCost(i, j, q, ĉ_it)
//
// and, in its flow form, columns z_ijqt (content seconds of level q downloaded by i for j in slot t), b_jt
// (buffer at the end of the slot) and s_jt (stall in the slot), rows
//
//	Cap_it:  Σ_{j,q} r_j^q z_ijqt ≤ C_it
//	Buf_jt:  b_jt − b_{j,t−1} − Σ_{i,q} z_ijqt − s_jt = −w_jt
//	Len_j:   Σ_{i,q,t} z_ijqt ≤ K_j L_j
//
// and objective max Σ a z − Σ ρ s. The hub form aggregates the cross flows of a group through one hub per
// (hotspot, slot) exactly (the content cost is separable into a sender price and a receiver term). The LP is
// decomposed by connected component of the encounter graph and each component is solved by the pure-Go PDHG
// solver of package timeslot/lp (or any Settings.Solver).
//
// Reconstruction: the paper's typeset formulas (15)–(25) were lost; the LP is rebuilt from the prose in content
// units with the fixed viewing window of package device, the degradation term dropped (a non-negative loss) and
// rebuffering as stall time. It is a relaxation of the simulator with its exact accounting, so the realised
// welfare of every policy is at most the certified bound (spec timeslot.md §2.4).
//
// Goroutine safety: Bound, Plan, Schedule and Model values are immutable after return and may be shared. A
// Tracker or a Replay policy keeps per-run state and is not safe for concurrent use (use a factory).
//
// # References
//
//   - L. Gao, M. Tang, H. Pang, J. Huang, L. Sun, "Multi-User Cooperative Mobile Video Streaming: Performance
//     Analysis and Online Mechanism Design", IEEE Transactions on Mobile Computing, 2018,
//     doi:10.1109/TMC.2018.2834358, arXiv:1805.09249 (§5, the virtual time-slotted system, Theorem 1).
//   - D. Applegate, M. Díaz, O. Hinder, H. Lu, M. Lubin, B. O'Donoghue, W. Schudy, "Practical Large-Scale
//     Linear Programming using Primal-Dual Hybrid Gradient", NeurIPS 2021, arXiv:2106.04756 (the bound-slack
//     repair of dual points used by Certify).
//   - N. J. Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed., SIAM, 2002, §3.1 (the γ(k)
//     rounding-error constants of the certificate margin).
package timeslot
