package timeslot

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/timeslot/lp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update)", err, t.Name())
	}
	if !bytes.Equal(want, got) {
		t.Fatalf("%s differs from the golden file:\n--- got\n%s--- want\n%s", name, got, want)
	}
}

// TestGoldenPaper records Count and the bounds (%.6g) of NewPaperScenario(PaperConfig{Users: 8, Segments: 40,
// Traces: SyntheticPool(20, PCG(1,2))}, PCG(1,2)) in each cooperation mode, and DemoScenario's bounds and
// components (spec timeslot.md §5, Golden). Tol 1e-8 keeps six digits of the certified bound stable.
func TestGoldenPaper(t *testing.T) {
	if testing.Short() {
		t.Skip("golden bounds: skipped with -short")
	}
	var buf bytes.Buffer
	s := &Settings{LP: &lp.Settings{Tol: 1e-8}}
	for _, coop := range []device.Cooperation{device.CoopFull, device.CoopISFLike, device.CoopNWFLike, device.CoopNone} {
		sc, err := device.NewPaperScenario(device.PaperConfig{Users: 8, Segments: 40, Coop: coop,
			Traces: device.SyntheticPool(20, rand.NewPCG(1, 2))}, rand.NewPCG(1, 2))
		if err != nil {
			t.Fatal(err)
		}
		c, r, n, err := Count(sc, nil)
		if err != nil {
			t.Fatal(err)
		}
		lo, ub, err := Bounds(context.Background(), sc, s)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&buf, "%-5v count %d/%d/%d components %d UB %.6g LB %.6g\n", coop, c, r, n, len(ub.Components),
			ub.Welfare, lo.Welfare)
	}
	lo, ub, err := Bounds(context.Background(), device.DemoScenario(), s)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&buf, "demo UB %.6g LB %.6g\n", ub.Welfare, lo.Welfare)
	for _, c := range ub.Components {
		fmt.Fprintf(&buf, "demo component %v %v %d/%d/%d\n", c.Users, c.Form, c.Columns, c.Rows, c.Nonzeros)
	}
	golden(t, "bounds.txt", buf.Bytes())
}
