package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	mine, rest := split([]string{"-fig", "4a", "-rounds", "3", "-quick", "-plot=x.svg", "-delay=false", "-seed", "7", "-settle", "ledger"})
	if want := []string{"-rounds", "3", "-quick", "-plot=x.svg", "-delay=false", "-seed", "7"}; !slices.Equal(mine, want) {
		t.Errorf("mine %q, want %q", mine, want)
	}
	if want := []string{"-fig", "4a", "-quick", "-plot=x.svg", "-seed", "7", "-settle", "ledger"}; !slices.Equal(rest, want) {
		t.Errorf("rest %q, want %q", rest, want)
	}
}

// TestRun runs the example's ledger section on the EVM backend and a few
// seeded trades, without the (wall-clock) delay sweep.
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the example pipeline")
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-quick", "-fig", "4a", "-trades", "20", "-delay=false"}, &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"evm", "# Gas per operation of the example's trades", "# Gas per operation of the seeded trades", "Confirm"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if err := run(context.Background(), []string{"-otts", "1"}, &out); err == nil {
		t.Error("-otts 1 accepted")
	}
}

// TestClaims runs the program in -quick mode with -claims (a short, fast
// delay sweep) and checks the file holds the figures the report quotes.
func TestClaims(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the example pipeline on the EVM and a delay sweep")
	}
	path := filepath.Join(t.TempDir(), "claims.json")
	var out bytes.Buffer
	args := []string{"-quick", "-fig", "4a", "-trades", "0", "-rounds", "1", "-period", "200ms", "-claims", path}
	if err := run(context.Background(), args, &out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]float64
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("claims do not parse: %v", err)
	}
	// go run ./scripts/claimsjson keys, line "ethsettle/smartsharing-evm:".
	for _, k := range []string{"delay.n1.mean_s", "delay.n64.mean_s", "delay.steps", "delay.steps_nondecreasing", "gas.mean_per_tx", "ledger.fee_per_tx_ether"} {
		v, ok := got[k]
		if !ok {
			t.Errorf("key %s missing", k)
		} else if !(v >= 0) || math.IsInf(v, 0) {
			t.Errorf("%s = %v", k, v)
		}
	}
	if got["delay.steps"] != 6 || got["delay.steps_nondecreasing"] > got["delay.steps"] {
		t.Errorf("delay steps %v, non-decreasing %v; want 6 steps (1 … 64)", got["delay.steps"], got["delay.steps_nondecreasing"])
	}
	// At 1 gwei per gas the fee in ether is the mean gas × 10⁻⁹.
	if g, f := got["gas.mean_per_tx"], got["ledger.fee_per_tx_ether"]; !(g > 21000) || math.Abs(f-g*1e-9) > 1e-15 {
		t.Errorf("mean gas %v, fee %v ether", g, f)
	}
	if _, ok := got["fig4a.max_start_diff"]; ok {
		t.Error("the example's figures leaked into this program's claims")
	}
	// Without the ledger section or the sweep their figures are left out.
	path2 := filepath.Join(t.TempDir(), "c.json")
	if err := run(context.Background(), []string{"-quick", "-fig", "4a", "-ledger=false", "-trades", "0", "-delay=false", "-claims", path2}, &out); err != nil {
		t.Fatal(err)
	}
	if b, err = os.ReadFile(path2); err != nil {
		t.Fatal(err)
	}
	if s := strings.TrimSpace(string(b)); s != "{}" {
		t.Errorf("claims without ledger and sweep = %s, want {}", s)
	}
}
