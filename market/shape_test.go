package market_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cdnkit/cdnkit/internal/testdata"
	"github.com/cdnkit/cdnkit/kre"
	"github.com/cdnkit/cdnkit/market"
)

// bareKRE is the bare kernel forecaster: every LPM stage off, h = 2 days,
// ⌈NW over the last 7 days⌉.
func bareKRE(t testing.TB) *kre.Predictor {
	t.Helper()
	p, err := kre.NewPredictor(&kre.PredictorSettings{
		Bandwidth: 2,
		THLDM:     kre.THLDMSettings{Off: true},
		IRDM:      kre.IRDMSettings{Off: true},
		DEDM:      kre.DEDMSettings{Off: true},
		IRRMM:     kre.IRRMMSettings{Off: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// paperOrder is the paper's cost ordering of the 12 scenarios (Table 17),
// cheapest first.
var paperOrder = []int{10, 9, 6, 7, 8, 5, 4, 3, 2, 1, 12, 11}

// costOrder returns the scenario IDs by total cost, cheapest first.
func costOrder(rs []*market.Result) []int {
	ids := make([]int, len(rs))
	for k, r := range rs {
		ids[k] = r.Scenario.ID
	}
	slices.SortStableFunc(ids, func(a, b int) int {
		ca, cb := rs[a-1].Total.Cost, rs[b-1].Total.Cost
		switch {
		case ca < cb:
			return -1
		case ca > cb:
			return 1
		}
		return 0
	})
	return ids
}

// checkShape asserts the paper's qualitative claims (market.md §5 shape
// test) on the 12 results of one data set.
func checkShape(t *testing.T, label string, rs []*market.Result, strict bool) {
	t.Helper()
	for _, r := range rs {
		if err := r.Verify(); err != nil {
			t.Fatalf("%s scenario %d: %v", label, r.Scenario.ID, err)
		}
	}
	for _, p := range market.PaperPairs() {
		off, on := rs[p[0]-1], rs[p[1]-1]
		if on.Total.Penalty.Bytes > off.Total.Penalty.Bytes {
			t.Errorf("%s pair %v: penalty with SO exchange %d > without %d", label, p, on.Total.Penalty.Bytes, off.Total.Penalty.Bytes)
		}
		if strict && !(on.Total.Cost < off.Total.Cost) {
			t.Errorf("%s pair %v: cost with SO exchange %.6g not below %.6g", label, p, on.Total.Cost, off.Total.Cost)
		}
	}
	if !strict {
		return
	}
	order := costOrder(rs)
	if order[len(order)-1] != 11 {
		t.Errorf("%s: most expensive scenario %d, want 11 (order %v)", label, order[len(order)-1], order)
	}
	if order[0] != 10 {
		t.Errorf("%s: cheapest scenario %d, want 10 (order %v)", label, order[0], order)
	}
	for _, ids := range [][]int{{1, 2, 3, 4}, {5, 6, 7, 8}} {
		for k := 1; k < len(ids); k++ {
			a, b := rs[ids[k-1]-1].Total.OptionsExpired.Bytes, rs[ids[k]-1].Total.OptionsExpired.Bytes
			if b > a {
				t.Errorf("%s: SOs expired increase from scenario %d (%d) to %d (%d)", label, ids[k-1], a, ids[k], b)
			}
		}
	}
	t.Logf("%s: cost order %v (paper %v)", label, order, paperOrder)
}

// TestShape runs the paper's 12 scenarios on six synthetic OSs with the bare
// KRE for seeds 1, 2, 3 and checks the paper's qualitative claims: every
// plan-7a scenario costs less and has no more penalty than its 6a pair,
// scenario 11 costs most, 10 least, and expired SOs do not increase from
// maturity 7 to 28.
func TestShape(t *testing.T) {
	if testing.Short() {
		t.Skip("full-year 12-scenario sweep; skipped with -short")
	}
	fc := bareKRE(t)
	for _, seed := range []uint64{1, 2, 3} {
		srv, err := market.PaperDemand(nil, nil, 28, 364, seed)
		if err != nil {
			t.Fatal(err)
		}
		s, err := market.New(&market.Config{Servers: srv, Forecaster: fc})
		if err != nil {
			t.Fatal(err)
		}
		rs, err := s.RunAll(context.Background(), market.PaperScenarios(), 0)
		if err != nil {
			t.Fatal(err)
		}
		checkShape(t, "seed "+itoa(int(seed)), rs, true)
	}
}

// loadWeb reads the two daily traces of ../shared/data/web and cuts them
// into segments (bytes where the file has them, otherwise requests).
func loadWeb(t *testing.T) (nasa, wc []market.Segment) {
	t.Helper()
	dir := testdata.Require(t, "web")
	read := func(name string) []market.Segment {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Skipf("shared data not available: ../shared/data/web (%v)", err)
		}
		defer f.Close()
		ds, err := kre.ReadDailyCSV(f)
		if err != nil {
			t.Fatal(err)
		}
		v := ds.Float64s()
		if ds.Bytes != nil {
			for k, b := range ds.Bytes {
				v[k] = float64(b)
			}
		}
		return market.Segments(ds.Dates, v, nil)
	}
	return read("nasa_daily.csv"), read("worldcup98_daily.csv")
}

// TestWebTraces builds the example's six series from the real traces, runs
// the 12 presets with the default weekday-aware LPM and checks Verify and
// the pairwise penalty property.
func TestWebTraces(t *testing.T) {
	nasa, wc := loadWeb(t)
	if len(nasa) != 2 || len(wc) != 1 || len(nasa[0].Values) != 27 || len(nasa[1].Values) != 28 || len(wc[0].Values) != 87 {
		var lens []int
		for _, s := range append(append([]market.Segment(nil), nasa...), wc...) {
			lens = append(lens, len(s.Values))
		}
		t.Fatalf("segments: %d NASA, %d WorldCup98, lengths %v; want 27, 28 and 87 days", len(nasa), len(wc), lens)
	}
	days := 364
	if testing.Short() {
		days = 91
	}
	srv, err := market.PaperDemand(nasa, wc, 28, days, 1)
	if err != nil {
		t.Fatal(err)
	}
	p, err := kre.NewPredictor(&kre.PredictorSettings{Weekday: true})
	if err != nil {
		t.Fatal(err)
	}
	s, err := market.New(&market.Config{Servers: srv, Forecaster: p})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := s.RunAll(context.Background(), market.PaperScenarios(), 0)
	if err != nil {
		t.Fatal(err)
	}
	checkShape(t, "web", rs, false)
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.Scenario.Name + " ")
	}
	t.Logf("ran %s; cost order %v", b.String(), costOrder(rs))
}
