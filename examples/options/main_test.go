package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunTables(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf, "edge", 101, ""); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, "american_edge_cases.csv") {
		t.Fatalf("no edge table in output:\n%s", out)
	}
	buf.Reset()
	if err := run(&buf, "bandwidth", 101, ""); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "bandwidth regime") {
		t.Fatal("no bandwidth table")
	}
	if err := run(&buf, "nosuch", 101, ""); err == nil {
		t.Fatal("unknown table accepted")
	}
}

func TestPlot(t *testing.T) {
	if testing.Short() {
		t.Skip("plot skipped in -short mode")
	}
	file := filepath.Join(t.TempDir(), "options.svg")
	if err := writePlot(file, 101); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(file); err != nil || fi.Size() == 0 {
		t.Fatalf("plot not written: %v", err)
	}
}

func TestClaims(t *testing.T) {
	cl := claimSet{}
	if err := runClaims(&bytes.Buffer{}, "bandwidth", 101, "", cl); err != nil {
		t.Fatal(err)
	}
	if cl["bandwidth.rows"] != 36 || cl["steps"] != 101 {
		t.Errorf("claims: %v", cl)
	}
	for _, m := range []string{"baw", "bjs1993", "bjs2002", "ju"} {
		if d, ok := cl["bandwidth.max_abs_dev."+m]; !ok || !(d >= 0) {
			t.Errorf("max_abs_dev.%s = %v, %v", m, d, ok)
		}
	}
	file := filepath.Join(t.TempDir(), "claims.json")
	if err := writeClaims(file, cl); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]float64
	if err := json.Unmarshal(b, &got); err != nil || got["bandwidth.rows"] != 36 {
		t.Errorf("round trip: %v, %v", got, err)
	}
}
