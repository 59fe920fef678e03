package main

import (
	"bytes"
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
