package app

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func quickOptions(t *testing.T, extra ...string) *Options {
	t.Helper()
	o, err := parse(append([]string{"-quick"}, extra...))
	if err != nil {
		t.Fatal(err)
	}
	o.backends = map[string]Backend{"ledger": LedgerBackend}
	return o
}

// TestFig3aShape checks the Fig. 3a shape of spec §8: every run converges with NEGap ≤ 1e-9,
// the start mean is near 0.432, curves settle within 200 iterations and the final level rises
// with n.
func TestFig3aShape(t *testing.T) {
	o := quickOptions(t)
	r, err := fig3a(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	for k, n := range r.ns {
		if r.conv[k] != o.Seeds || r.gap[k] > 1e-9 || slices.Max(r.iters[k]) > 200 {
			t.Errorf("n=%d: converged %d/%d, max NEGap %g, max iterations %d", n, r.conv[k], o.Seeds, r.gap[k], slices.Max(r.iters[k]))
		}
		if math.Abs(r.start[k]-0.432) > 0.05 {
			t.Errorf("n=%d: start mean %.4g, want 0.432 ± 0.05", n, r.start[k])
		}
		if k > 0 && r.traj[k][len(r.traj[k])-1] <= r.traj[k-1][len(r.traj[k-1])-1] {
			t.Errorf("final contribution does not rise from n=%d to n=%d", r.ns[k-1], n)
		}
	}
}

// TestFig3bShape checks that each curve is non-increasing in k and non-decreasing in c, falling
// from 1 to 0 under R1.
func TestFig3bShape(t *testing.T) {
	o := quickOptions(t)
	r, err := fig3b(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	for ci := range r.cs {
		for ki := range r.ks {
			if ki > 0 && r.d[ci][ki] > r.d[ci][ki-1]+1e-9 {
				t.Errorf("c=%g: rises at k=%g", r.cs[ci], r.ks[ki])
			}
			if ci > 0 && r.d[ci][ki] < r.d[ci-1][ki]-1e-9 {
				t.Errorf("k=%g: falls from c=%g to c=%g", r.ks[ki], r.cs[ci-1], r.cs[ci])
			}
		}
	}
	if r.d[0][0] < 0.99 || r.d[0][len(r.ks)-1] > 0.01 {
		t.Errorf("c=%g curve runs from %g to %g, want 1 → 0", r.cs[0], r.d[0][0], r.d[0][len(r.ks)-1])
	}
}

// TestFig4Shape checks that both EM starts reach the same, well separated θ.
func TestFig4Shape(t *testing.T) {
	o := quickOptions(t, "-slots", "724")
	g, err := newGroup4(context.Background(), o, 0)
	if err != nil {
		t.Fatal(err)
	}
	r, err := fig4(context.Background(), o, g, [][]float64{{0.2, 0.5}, {0.3, 0.8}})
	if err != nil {
		t.Fatal(err)
	}
	a, b := r.runs[0].mix, r.runs[1].mix
	for l := range a.Theta {
		if math.Abs(a.Theta[l]-b.Theta[l]) > 1e-4 {
			t.Errorf("starts disagree: %v vs %v", a.Theta, b.Theta)
		}
	}
	if !a.Converged || !b.Converged || a.Theta[1]-a.Theta[0] < 0.2 {
		t.Errorf("theta %v (converged %v %v), want well separated", a.Theta, a.Converged, b.Converged)
	}
	if len(r.runs[0].traj) != a.Iterations+1 {
		t.Errorf("trajectory has %d points for %d iterations", len(r.runs[0].traj), a.Iterations)
	}
}

// TestFig5aShape checks three decreasing price curves: the first bin ≥ 0.7, the last ≤ 0.45,
// and prices non-increasing in s within every table.
func TestFig5aShape(t *testing.T) {
	o := quickOptions(t)
	r, err := fig5a(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if r.violations != 0 || r.fitErrors != 0 {
		t.Errorf("%d MLR violations, %d fit errors", r.violations, r.fitErrors)
	}
	for oi := range optionSets {
		c := r.curve(oi)
		if c[0] < 0.7 || c[bins5-1] > 0.45 {
			t.Errorf("option set %d: first bin %.4g, last %.4g", oi, c[0], c[bins5-1])
		}
	}
}

// TestMainQuick runs the whole program in quick mode with -plot and checks its output.
func TestMainQuick(t *testing.T) {
	svg := filepath.Join(t.TempDir(), "fig.svg")
	var out bytes.Buffer
	if err := Main(context.Background(), []string{"-quick", "-plot", svg}, &out, map[string]Backend{"ledger": LedgerBackend}); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"# Fig. 3a", "# Fig. 3b", "# Fig. 4a", "# Fig. 4b", "# Fig. 5a", "# Ledger", "verified, head", "tamper check", "does not match the hash chain"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	b, err := os.ReadFile(svg)
	if err != nil || !bytes.Contains(b, []byte("<svg")) || !bytes.Contains(b, []byte("Fig. 5a")) {
		t.Errorf("SVG: %d bytes, err %v", len(b), err)
	}
	// Determinism: the same flags print the same tables.
	var again bytes.Buffer
	if err := Main(context.Background(), []string{"-quick", "-fig", "4a", "-ledger=false"}, &again, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(s, again.String()[strings.Index(again.String(), "# Fig. 4a"):]) {
		t.Errorf("-fig 4a alone differs from the full run")
	}
}

// TestMainErrors checks flag validation and the missing-backend message.
func TestMainErrors(t *testing.T) {
	b := map[string]Backend{"ledger": LedgerBackend}
	cases := map[string][]string{
		"settlement backend evm: run ethsettle/cmd/smartsharing-evm": {"-quick", "-settle", "evm"},
		"unknown figure": {"-fig", "6"},
		"-model":         {"-model", "r9"},
		"-rule":          {"-rule", "x"},
		"-seeds":         {"-seeds", "0"},
		"-slots":         {"-slots", "10"},
		"-cs":            {"-cs", "1,x"},
		"-c ":            {"-c", "-1"},
		"unexpected":     {"extra"},
		"flag provided":  {"-nosuch"},
		"no such file":   {"-twitch", "/nonexistent/twitch.csv"},
	}
	for want, args := range cases {
		err := Main(context.Background(), args, &bytes.Buffer{}, b)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: %v, want an error containing %q", args, err, want)
		}
	}
}

// TestMainTwitch reads popularity from a generated viewer-count CSV.
func TestMainTwitch(t *testing.T) {
	path := filepath.Join(t.TempDir(), "twitch.csv")
	var b strings.Builder
	b.WriteString("accessed_at_utc,session_id,viewers\n")
	for s := 0; s < 3; s++ {
		for id := 0; id < 60; id++ {
			b.WriteString(strings.Join([]string{strconv.Itoa(1388966400 + 300*s), "sess" + strconv.Itoa(id), strconv.Itoa((id*7919+s*104729)%5000 + 1)}, ",") + "\n")
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := Main(context.Background(), []string{"-quick", "-fig", "3a", "-twitch", path}, &out, map[string]Backend{"ledger": LedgerBackend}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "top 50 sessions") {
		t.Errorf("output:\n%s", out.String())
	}
}
