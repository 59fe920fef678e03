package timeslot

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/internal/testdata"
)

// TestNorwayTraces (spec timeslot.md §7): for the first 20 files of norway_test/ by name (Norway HSDPA 3G,
// Riiser et al., ACM MMSys 2013, in Pensieve's 2-column format), single-user scenarios at offset 0 with
// DefaultLadder, K = 250, L = 2, B = 40: the UB is certified and the realised welfare of both baselines and of
// the Tracker is at most the UB; the ratios are logged. With -short only the first file is used.
func TestNorwayTraces(t *testing.T) {
	dir := testdata.Require(t, "throughput", "norway_test")
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		if e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	n := 20
	if testing.Short() {
		n = 1
	}
	names = names[:min(n, len(names))]
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			norwayOne(t, filepath.Join(dir, name), name)
		})
	}
}

func norwayOne(t *testing.T, path, name string) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := device.ParseTrace2Col(f, name)
	f.Close()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	sc, err := device.NewSingleUserScenario(tr, 0, device.SingleConfig{Segments: 250, SegLen: 2, MaxBuffer: 40})
	if err != nil {
		t.Fatal(err)
	}
	lo, ub, err := Bounds(context.Background(), sc, nil)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !ub.Certified {
		t.Fatalf("%s: UB not certified", name)
	}
	tol := 1e-9 * (1 + abs(ub.Welfare))
	line := []any{name, ub.Welfare, lo.Welfare / ub.Welfare}
	for _, p := range []device.Policy{
		&device.BufferBased{Owner: device.DefaultOwnerRule()},
		&device.ChannelPrediction{Owner: device.DefaultOwnerRule()},
	} {
		res, err := device.Simulate(context.Background(), sc, p, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Welfare > ub.Welfare+tol {
			t.Fatalf("%s: %T realised %.10g > UB %.10g", name, p, res.Welfare, ub.Welfare)
		}
		line = append(line, res.Welfare/ub.Welfare)
	}
	if lo.Welfare > ub.Welfare+tol {
		t.Fatalf("%s: tracker %.10g > UB %.10g", name, lo.Welfare, ub.Welfare)
	}
	t.Logf("%-16s UB %8.2f  tracker/UB %.3f  bba/UB %.3f  harmonic/UB %.3f", line...)
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
