package timeslot

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cdnkit/cdnkit/device"
)

// TestWorkersDeterministic: the bound does not depend on Settings.Workers, equals the sum of its components, and
// its Plan is sorted, positive and within each owner's content length and each downloader's capacity.
func TestWorkersDeterministic(t *testing.T) {
	sc, err := device.NewPaperScenario(device.PaperConfig{Users: 6, Segments: 15, Coop: device.CoopNWFLike,
		Traces: device.SyntheticPool(6, rand.NewPCG(3, 4))}, rand.NewPCG(3, 4))
	if err != nil {
		t.Fatal(err)
	}
	var ref *Bound
	for _, w := range []int{1, 2, 5} {
		ub, err := UpperBound(context.Background(), sc, &Settings{Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		sum := 0.0
		for _, c := range ub.Components {
			sum += c.UB
		}
		if sum != ub.Welfare {
			t.Fatalf("UB %v ≠ Σ components %v", ub.Welfare, sum)
		}
		if ref == nil {
			ref = ub
			continue
		}
		opt := cmpopts.IgnoreFields(Bound{}, "Elapsed")
		if d := cmp.Diff(ref, ub, opt, cmpopts.IgnoreFields(Component{}, "Elapsed")); d != "" {
			t.Fatalf("workers %d differ (-1 worker +%d):\n%s", w, w, d)
		}
	}
	content := map[int]float64{}
	for k, f := range ref.Plan.Flows {
		if !(f.Content > 0) || !(f.Rate > 0) || math.IsInf(f.Rate, 0) {
			t.Fatalf("flow %+v", f)
		}
		if k > 0 {
			p := ref.Plan.Flows[k-1]
			if [3]int{p.Downloader, p.Owner, p.Slot} == [3]int{f.Downloader, f.Owner, f.Slot} ||
				p.Downloader > f.Downloader || p.Downloader == f.Downloader && (p.Owner > f.Owner ||
				p.Owner == f.Owner && p.Slot > f.Slot) {
				t.Fatalf("plan not sorted at %d: %+v then %+v", k, p, f)
			}
		}
		content[f.Owner] += f.Content
	}
	for j, c := range content {
		if d := sc.Users[j].Video.Length(); c > d*(1+1e-9) {
			t.Fatalf("owner %d: planned content %v > length %v", j, c, d)
		}
	}
}
