// Command smartsharing reproduces the shapes of the SmartSharing paper's Figs. 3a, 3b, 4a, 4b and
// 5a (J. Fan, K. Wu, D. Liu, G. Tang; J. Fan, M.Sc. thesis, University of Victoria, 2018): OTT
// group simulation (package device), the bandwidth game (game.BRUA), EM pricing (em) and the
// settlement of one group's trades on a hash-chained ledger (device/ledger). It prints one table
// per figure and, with -plot FILE, writes them as one SVG; -claims FILE writes the figures the
// reproduction report quotes as a JSON object of named numbers (scripts/figures collects it).
//
// Usage:
//
//	go run ./examples/smartsharing [-quick] [-fig 3a,3b,4a,4b,5a] [-model r1|r2|r3] [-seed 1]
//	    [-seeds 10] [-reps 20] [-slots 724] [-c 1.25] [-cs 0.5,1,2] [-cprice 3]
//	    [-rule expected|map] [-twitch FILE] [-ledger=true] [-settle ledger] [-plot FILE]
//	    [-claims FILE]
//
// All randomness derives from -seed: every generator is rand.NewPCG(seed, purpose<<32 | replicate)
// with the fixed purposes 1 (SimulateOTT requests), 2 (cost constants k_i ~ U(0, 0.4]), 3 (BRUA
// start d0_i ~ U(0, 0.864)) and 4 (FetchTable delivery draws; Fig. 5a's window w uses replicate
// r·64 + w). The pipeline lives in package github.com/cdnkit/cdnkit/examples/smartsharing/app,
// which the EVM program ethsettle/cmd/smartsharing-evm reuses with its "evm" backend
// (-settle evm; this binary reports where to find it).
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/cdnkit/cdnkit/examples/smartsharing/app"
)

func main() {
	if err := app.Main(context.Background(), os.Args[1:], os.Stdout, map[string]app.Backend{"ledger": app.LedgerBackend}); err != nil {
		fmt.Fprintln(os.Stderr, "smartsharing:", err)
		os.Exit(1)
	}
}
