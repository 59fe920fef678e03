// Package app is the pipeline behind examples/smartsharing: it reproduces the shapes of the
// SmartSharing paper's Figs. 3a, 3b, 4a, 4b and 5a and settles one group's trades through a
// ledger.Settler. It is a program package, imported only by examples/smartsharing and by the
// EVM program ethsettle/cmd/smartsharing-evm, which adds an "evm" Backend.
//
// Pipeline (spec smartsharing.md §2.7): device.SimulateOTT → OTTRun.SupplyDemand(YShare) →
// game.CSRFromTriplets → game model (R1 DifferentialService by default) → game.BRUA (Jacobi,
// ε = 1e-9) → OTTRun.FetchTable → em.CountRows → em.FitBinomialMixture (variant B) → em.Price →
// Settler (Register, Deposit, Open, Confirm) → ledger.Read verification.
//
// Randomness: every generator is rand.NewPCG(seed, purpose<<32 | replicate), with seed from
// -seed and one fixed purpose number per use:
//
//	1  SimulateOTT (the group's requests)
//	2  cost constants k_i ~ U(0, 0.4]
//	3  BRUA start d0_i ~ U(0, 0.864)
//	4  FetchTable delivery draws
//
// Figures 3a and 3b use replicates 0..seeds−1, Figs. 4 and 5a replicates 0..reps−1 (Fig. 4 and
// the ledger section use replicate 0); Fig. 5a's window w uses replicate r·64 + w for its
// fetch-table stream.
package app
