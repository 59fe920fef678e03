package app

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// smartsharingKeys are the figures REPRODUCTION.md quotes from this program
// (go run ./scripts/claimsjson keys, line "smartsharing:").
var smartsharingKeys = []string{
	"fig3a.converged", "fig3a.max_iterations", "fig3a.n10.final", "fig3a.n20.final", "fig3a.n30.final", "fig3a.runs", "fig3a.start_mean",
	"fig3b.curves", "fig3b.curves_nonincreasing_k", "fig3b.k_ordered_in_c", "fig3b.k_points",
	"fig4a.max_start_diff", "fig4a.start1.theta1", "fig4a.start1.theta2", "fig4a.start2.theta1", "fig4a.start2.theta2",
	"fig4b.collapsed", "fig4b.converged", "fig4b.theta1", "fig4b.theta2", "fig4b.theta3",
	"fig5a.curves", "fig5a.decreasing_curves", "fig5a.k2.first", "fig5a.k2.last", "fig5a.k3.first", "fig5a.k3.last", "fig5a.k5.first", "fig5a.k5.last", "fig5a.max_spread",
	"ledger.fee_per_tx_ether", "ledger.fee_per_tx_usd", "ledger.fee_share_pct", "ledger.trades",
}

func readClaims(t *testing.T, path string) map[string]float64 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]float64
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%s does not parse: %v", path, err)
	}
	return got
}

func TestClaimsQuick(t *testing.T) {
	path := filepath.Join(t.TempDir(), "claims.json")
	var out bytes.Buffer
	if err := Main(context.Background(), []string{"-quick", "-claims", path}, &out, map[string]Backend{"ledger": LedgerBackend}); err != nil {
		t.Fatal(err)
	}
	got := readClaims(t, path)
	for _, k := range smartsharingKeys {
		v, ok := got[k]
		if !ok {
			t.Errorf("key %s missing", k)
			continue
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Errorf("%s = %v", k, v)
		}
	}
	// Consistency of the counts and of the fee model (the default fee model
	// charges 50 000 gwei per record, the paper's 0.00005 ether).
	if got["fig3a.converged"] > got["fig3a.runs"] || got["fig3b.k_ordered_in_c"] > got["fig3b.k_points"] ||
		got["fig3b.curves_nonincreasing_k"] > got["fig3b.curves"] || got["fig5a.decreasing_curves"] > got["fig5a.curves"] {
		t.Errorf("a count exceeds its total: %v", got)
	}
	if r := got["fig3a.runs"]; r != 9 {
		t.Errorf("fig3a.runs = %v, want 3 device counts × 3 seeds", r)
	}
	if f := got["ledger.fee_per_tx_ether"]; math.Abs(f-5e-5) > 1e-12 {
		t.Errorf("ledger.fee_per_tx_ether = %v, want 5e-5", f)
	}
	if u := got["ledger.fee_per_tx_usd"]; math.Abs(u-0.03) > 1e-9 {
		t.Errorf("ledger.fee_per_tx_usd = %v, want 0.03", u)
	}

	// Figures not run leave their keys out; a bad path is an error.
	path2 := filepath.Join(t.TempDir(), "c.json")
	if err := Main(context.Background(), []string{"-quick", "-fig", "4a", "-ledger=false", "-claims", path2}, &out, nil); err != nil {
		t.Fatal(err)
	}
	got = readClaims(t, path2)
	if _, ok := got["fig3a.runs"]; ok {
		t.Error("fig3a.runs written without -fig 3a")
	}
	if _, ok := got["ledger.trades"]; ok {
		t.Error("ledger.trades written with -ledger=false")
	}
	if _, ok := got["fig4a.max_start_diff"]; !ok {
		t.Error("fig4a.max_start_diff missing with -fig 4a")
	}
	bad := filepath.Join(t.TempDir(), "no", "such", "dir.json")
	if err := Main(context.Background(), []string{"-quick", "-fig", "4a", "-ledger=false", "-claims", bad}, &out, nil); err == nil {
		t.Error("-claims into a missing directory: want an error")
	}
}
