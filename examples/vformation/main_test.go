package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunFig11Small(t *testing.T) {
	var buf bytes.Buffer
	svg := filepath.Join(t.TempDir(), "fig.svg")
	claims := filepath.Join(t.TempDir(), "claims.json")
	c := config{figs: map[string]bool{"11": true}, seeds: 1, seed: 1, peers: 60, movies: 8, scale: 0.1, plot: svg, claimsFile: claims}
	if err := run(context.Background(), &buf, c); err != nil {
		t.Fatal(err)
	}
	checkClaims(t, claims)
	out := buf.String()
	for _, want := range []string{"Fig. 11", "BTEqualSplit", "VFormation", "V-Formation / BitTorrent = ", "(paper: 1.66)", "(paper: 4)"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	b, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("<svg")) {
		t.Error("plot is not an SVG")
	}
}

func TestRunQuickChurn(t *testing.T) {
	if testing.Short() {
		t.Skip("quick churn figures take a few seconds")
	}
	var buf bytes.Buffer
	c := config{figs: map[string]bool{"15": true, "16": true}, seeds: 1, seed: 1, peers: 1, movies: 1, scale: 0.1, quick: true}
	if err := run(context.Background(), &buf, c); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Fig. 15", "Fig. 16", "adaptive"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

// checkClaims checks the -claims file of the Fig. 11 run of TestRunFig11Small.
func checkClaims(t *testing.T, file string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]float64
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got["fig11.btequalsplit.over_bt"] != 1 || got["fig11.peers"] != 60 {
		t.Errorf("claims: %v", got)
	}
	if r, m := got["fig11.vf_over_bt"], got["fig11.vformation.over_bt"]; r != m || !(r > 0) {
		t.Errorf("vf_over_bt %v, vformation.over_bt %v", r, m)
	}
}
