package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRunQuick(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the -quick protocol")
	}
	svg := filepath.Join(t.TempDir(), "fig1.svg")
	var out bytes.Buffer
	if err := run([]string{"-quick", "-plot", svg}, &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"Gradient mean ± sd", "  300  ", "in 20/20 trials"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	b, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<svg", "Naive Broadcast", "System Size"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("SVG lacks %q", want)
		}
	}
}

func TestRunSmall(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"-sizes", "20,30", "-trials", "2", "-K", "2", "-workers", "1"}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "/4 trials") || strings.Count(out.String(), "/2\n") != 2 {
		t.Errorf("output:\n%s", out.String())
	}
}

func TestParseSizes(t *testing.T) {
	got, err := parseSizes("25:100:25")
	if err != nil || !cmp.Equal(got, []int{25, 50, 75, 100}) {
		t.Errorf("range: %v %v", got, err)
	}
	got, err = parseSizes("25, 100")
	if err != nil || !cmp.Equal(got, []int{25, 100}) {
		t.Errorf("list: %v %v", got, err)
	}
	for _, bad := range []string{"", "1:2", "a,b", "0:10:1", "-5"} {
		if _, err := parseSizes(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if err := run([]string{"-asrel", "x", "-edgelist", "y"}, &bytes.Buffer{}); err == nil {
		t.Error("both -asrel and -edgelist accepted")
	}
	if err := run([]string{"-edgelist", filepath.Join(t.TempDir(), "missing")}, &bytes.Buffer{}); err == nil {
		t.Error("missing file accepted")
	}
}

func TestRunEdgeList(t *testing.T) {
	var b strings.Builder
	// A 6×6 grid as a SNAP-style edge list.
	b.WriteString("# grid\n")
	for i := 0; i < 36; i++ {
		if i%6 < 5 {
			b.WriteString(strings.Join([]string{strconv.Itoa(i), strconv.Itoa(i + 1)}, "\t") + "\n")
		}
		if i < 30 {
			b.WriteString(strconv.Itoa(i) + " " + strconv.Itoa(i+6) + "\n")
		}
	}
	p := filepath.Join(t.TempDir(), "grid.txt")
	if err := os.WriteFile(p, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run([]string{"-edgelist", p, "-sizes", "10,36", "-trials", "2", "-K", "4"}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), p) {
		t.Errorf("output does not name the base graph:\n%s", out.String())
	}
}

func TestClaims(t *testing.T) {
	file := filepath.Join(t.TempDir(), "claims.json")
	if err := run([]string{"-sizes", "20,30", "-trials", "2", "-K", "2", "-claims", file}, &bytes.Buffer{}); err != nil {
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
	if got["trials_total"] != 4 || got["sizes"] != 2 || got["n_max"] != 30 || got["violations"] != 0 {
		t.Errorf("claims: %v", got)
	}
	if g, m := got["n30.gradient_mean"], got["n30.mst_mean"]; !(g <= m) {
		t.Errorf("n30: Gradient %v above MST %v", g, m)
	}
}
