// Package swarm simulates competing BitTorrent-like swarms served by caches,
// origins and peers, measures the Content Propagation Metric from receipt
// tokens, and allocates upload bandwidth across swarms with V-Formation,
// Antfarm and BitTorrent baselines.
//
// # Overview
//
// Cache servers, origin servers and peers that can serve several competing
// swarms (one swarm per file) must divide their upload bandwidth among them.
// V-Formation measures, for each host and swarm, how far the pieces the host
// uploads propagate within an interval τ — the Content Propagation Metric
// (CPM) — and moves bandwidth to the swarms where it propagates furthest, to
// maximise the system-wide aggregate download bandwidth.
//
// A user builds a Scenario (by hand or with LibraryScenario, ChurnScenario or
// CompetitionScenario), runs Simulate with an Allocator (BTEqualSplit,
// GlobalRarest, Antfarm, VFormation, VFormationShift or StaticAllocation) and
// reads the per-step aggregate bandwidth per swarm, the event log, the
// allocation trace and, with ConvergenceTime, the convergence time.
// FluidBound gives an LP upper bound on any policy's mean aggregate bandwidth;
// CPM, TreeSize and TauSelector work on the Ledger of redeemed receipt tokens.
// SimulateMany and TauSweep run batches deterministically in parallel.
// examples/vformation reproduces the shapes of the paper's Figs. 11, 15 and 16.
//
// # Model
//
// Time advances in steps of Scenario.Step (default 1 s); a host with rate r
// B/s gets the exact integer budget ⌊(k+1)·r·m/1000⌋ − ⌊k·r·m/1000⌋ bytes in
// step k (Δt = m ms). Inside a swarm the mechanics are BitTorrent's on a full
// mesh: upload slots (default 4 per swarm), round-robin or tit-for-tat
// choking, local-rarest-first piece selection, equal split of an uploader's
// budget over its links and max-min fair download caps. When a member
// completes a piece it issues a receipt token; uploaders redeem tokens every
// Scenario.Redeem (default 10 s) into the coordinator's Ledger, which links
// every token to the token by which its uploader obtained the piece. These
// links form content propagation trees; the CPM of (h, s) is the mean size
// of the trees rooted at h's uploads in s, truncated at τ. Allocators see
// only redeemed data, every Scenario.Epoch (default 30 s).
//
// # Determinism
//
// One *rand.Rand built from Settings.Src drives every random choice; hosts,
// swarms, members and links are visited in ascending index order (links in
// creation order) and no decision iterates a Go map. Equal scenario,
// allocator and seed give a bit-identical Result and event log
// (Result.EventLogHash). A nil Src uses math/rand/v2's top-level functions
// and is not reproducible.
//
// # What is from the paper and what is reconstructed
//
// The surviving text of the paper covers its pp. 334–337 (end of the
// evaluation, related work, conclusions). Statements taken from it are marked
// "Paper:" in the documentation; every mechanism the text does not state —
// the simulator's rules, the CPM formula, the token protocol, the τ selector,
// the policies' exact rules, the fluid LP and the scenario parameters — is
// marked "Reconstruction:" with its reason.
//
// # References
//
//   - R. S. Peterson, B. Wong, E. G. Sirer, "A Content Propagation Metric for
//     Efficient Content Distribution", ACM SIGCOMM 2011, pp. 326–337,
//     doi:10.1145/2018436.2018474.
//   - R. S. Peterson, E. G. Sirer, "Antfarm: Efficient Content Distribution
//     with Managed Swarms", USENIX NSDI 2009.
//   - B. Cohen, "Incentives Build Robustness in BitTorrent", Workshop on
//     Economics of Peer-to-Peer Systems, 2003.
//   - A. R. Bharambe, C. Herley, V. N. Padmanabhan, "Analyzing and Improving a
//     BitTorrent Network's Performance Mechanisms", IEEE INFOCOM 2006.
//
// # Concurrency
//
// Simulate, FluidBound, CPM and TreeSize are safe for concurrent use on
// distinct inputs (a Ledger may be read concurrently). Allocators other than
// BTEqualSplit, GlobalRarest and StaticAllocation are stateful and must not be
// shared between concurrent runs; SimulateMany takes a constructor per job.
package swarm
