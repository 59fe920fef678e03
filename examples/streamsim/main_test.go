package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdnkit/cdnkit/device"
)

func TestRunSmall(t *testing.T) {
	dir := t.TempDir()
	for _, tr := range device.SyntheticPool(12, rand.NewPCG(1, 2)) {
		var b bytes.Buffer
		if err := device.WriteTrace2Col(&b, tr); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, tr.Name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	svg := filepath.Join(t.TempDir(), "fig.svg")
	var out bytes.Buffer
	err := run(context.Background(), &out, config{traces: dir, runs: 3, users: 6, share: 0.5, coop: "isf", policy: "bba,panda", seed: 1, plot: svg})
	if err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"12 traces", "bucket <0.7", "multi-user: 6 users", "bba", "panda", "figure written"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if fi, err := os.Stat(svg); err != nil || fi.Size() == 0 {
		t.Errorf("figure: %v", err)
	}
	if err := run(context.Background(), &out, config{runs: 1, users: 1, share: 0.5, coop: "bogus", policy: "bba"}); err == nil {
		t.Error("bad -coop accepted")
	}
}

func TestClaims(t *testing.T) {
	dir := t.TempDir()
	for _, tr := range device.SyntheticPool(8, rand.NewPCG(1, 2)) {
		var b bytes.Buffer
		if err := device.WriteTrace2Col(&b, tr); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, tr.Name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(t.TempDir(), "claims.json")
	err := run(context.Background(), &bytes.Buffer{}, config{traces: dir, runs: 2, users: 4, share: 0.5, coop: "full", policy: "bba", seed: 1, claimsFile: file})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]float64
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	n := 0.0
	for k := range 4 {
		n += got[fmt.Sprintf("b%d.traces", k)]
	}
	if got["traces"] != 8 || n != 8 {
		t.Errorf("traces %v, bucket sum %v", got["traces"], n)
	}
	if _, ok := got["multi.bba.welfare"]; !ok {
		t.Errorf("no multi-user welfare: %v", got)
	}
}
