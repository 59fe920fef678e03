package lyapunov

import (
	"context"
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/cdnkit/cdnkit/device"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var update = flag.Bool("update", false, "rewrite testdata/golden")

type goldenRun struct {
	Mode                       string
	Seed                       int
	Welfare, AvgBitrate, Stall float64
	Events                     int
}

// TestGolden pins SimulateMany summaries of the default Scheduler on the
// paper's setting (spec §5 "Golden"): 50 users, share 0.5, SyntheticPool(200,
// PCG(1, 2)), seeds PCG(s, 1), s = 1..3, under CoopFull, CoopISFLike and
// CoopNone. Regenerate with -update after an intended change.
func TestGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("golden paper-scale runs skipped in -short mode")
	}
	pool := device.SyntheticPool(200, rand.NewPCG(1, 2))
	var jobs []device.Job
	var got []goldenRun
	for _, mode := range []device.Cooperation{device.CoopFull, device.CoopISFLike, device.CoopNone} {
		for s := 1; s <= 3; s++ {
			sc, err := device.NewPaperScenario(device.PaperConfig{Users: 50, VideoShare: 0.5, Traces: pool, Coop: mode}, rand.NewPCG(uint64(s), 1))
			if err != nil {
				t.Fatal(err)
			}
			jobs = append(jobs, device.Job{Scenario: sc, NewPolicy: defaultFactory})
			got = append(got, goldenRun{Mode: mode.String(), Seed: s})
		}
	}
	res, err := device.SimulateMany(context.Background(), jobs, 0)
	if err != nil {
		t.Fatal(err)
	}
	for k, r := range res {
		got[k].Welfare, got[k].AvgBitrate, got[k].Stall, got[k].Events = r.Welfare, r.AvgBitrate, r.Stall, r.Events
	}
	path := filepath.Join("testdata", "golden", "paper50.json")
	if *update {
		b, err := json.MarshalIndent(got, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	var want []goldenRun
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(1e-9, 1e-9)); diff != "" {
		t.Errorf("golden summaries differ (-want +got):\n%s", diff)
	}
}
