package device

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// TestOTTGolden pins a seeded run (spec §5 Golden): SimulateOTT(OTTConfig{OTTs: 20, GroupSize: 10,
// Slots: 100}, PCG(1, 2)); Stats of every OTT, the first 12 YShare triplets and
// FetchTable(0, all 1, 88, 100, PCG(3, 4)), floats formatted with %.6g. Regenerate with
// go test ./device -run TestOTTGolden -update (the package's -update flag of golden_test.go).
func TestOTTGolden(t *testing.T) {
	run, err := SimulateOTT(context.Background(), OTTConfig{OTTs: 20, GroupSize: 10, Slots: 100}, rand.NewPCG(1, 2))
	if err != nil {
		t.Fatal(err)
	}
	type triplet struct {
		Row, Col int
		Val      string
	}
	var g struct {
		Stats   []OTTStats
		YShare  []triplet
		Fetch   *OTTFetch
		Records [2]int
	}
	for i := 0; i < run.N(); i++ {
		g.Stats = append(g.Stats, run.Stats(i))
	}
	row, col, val := run.SupplyDemand(YShare)
	for k := 0; k < min(12, len(row)); k++ {
		g.YShare = append(g.YShare, triplet{row[k], col[k], fmt.Sprintf("%.6g", val[k])})
	}
	ones := []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	if g.Fetch, err = run.FetchTable(0, ones, 88, 100, rand.NewPCG(3, 4)); err != nil {
		t.Fatal(err)
	}
	g.Records[0], g.Records[1] = run.Recorded()
	got, err := json.MarshalIndent(g, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "ott", "ott.golden.json")
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
		t.Fatalf("%v (run go test -run TestOTTGolden -update to create it)", err)
	}
	if string(want) != string(got) {
		t.Errorf("ott.golden.json differs:\n--- got\n%s\n--- want\n%s", head(string(got), 60), head(string(want), 60))
	}
}
