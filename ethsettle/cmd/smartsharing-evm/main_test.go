package main

import (
	"bytes"
	"context"
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
