package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdnkit/cdnkit/device"
)

func TestRunSmall(t *testing.T) {
	dir := t.TempDir()
	for _, tr := range device.SyntheticPool(16, rand.NewPCG(1, 2)) {
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
	claims := filepath.Join(t.TempDir(), "claims.json")
	c := config{traces: dir, users: 6, shares: []float64{0.5}, modes: []string{"full", "isf", "nwf", "none"},
		runs: 2, single: 12, V: 20, seed: 1, bound: 2, plot: svg, claimsFile: claims}
	if err := run(context.Background(), &out, c); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"16 traces", "Table 1", "Table 2", "Table 3", "lyapunov/full", "gain full %",
		"runs bounded by timeslot", "lyapunov gains", "figures written", "wall time"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	b, err := os.ReadFile(claims)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]float64
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got["single.runs"] != 12 || got["users"] != 6 || !(got["multi.cells"] >= 1) {
		t.Errorf("claims: single.runs %v users %v cells %v", got["single.runs"], got["users"], got["multi.cells"])
	}
	for k, v := range got {
		if strings.HasPrefix(k, "multi.s50.") && strings.HasSuffix(k, ".gain_full_bitrate") {
			n, ok := got[strings.TrimSuffix(k, "gain_full_bitrate")+"lyapunov.none.bitrate"]
			f := got[strings.TrimSuffix(k, "gain_full_bitrate")+"lyapunov.full.bitrate"]
			if !ok || math.Abs(v-gain(f, n)) > 1e-9 {
				t.Errorf("%s = %v, want gain(%v, %v)", k, v, f, n)
			}
		}
	}
	for _, f := range []string{svg, strings.TrimSuffix(svg, ".svg") + "-welfare.svg", strings.TrimSuffix(svg, ".svg") + "-single.svg"} {
		if fi, err := os.Stat(f); err != nil || fi.Size() == 0 {
			t.Errorf("figure %s: %v", f, err)
		}
	}
}

func TestParse(t *testing.T) {
	if _, err := parseShares("0.2,x"); err == nil {
		t.Error("parseShares accepted x")
	}
	if _, err := parseShares("1.5"); err == nil {
		t.Error("parseShares accepted 1.5")
	}
	if got, err := parseShares("0.2, 0.8"); err != nil || len(got) != 2 || got[1] != 0.8 {
		t.Errorf("parseShares = %v, %v", got, err)
	}
	if _, err := parseModes("full,bogus"); err == nil {
		t.Error("parseModes accepted bogus")
	}
}

func TestBadV(t *testing.T) {
	if err := run(context.Background(), &bytes.Buffer{}, config{V: -1}); err == nil {
		t.Error("run accepted V = -1")
	}
}
