package market_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cdnkit/cdnkit/kre"
	"github.com/cdnkit/cdnkit/market"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// NASA-HTTP requests per day (Internet Traffic Archive, NASA-HTTP trace,
// https://ita.ee.lbl.gov/html/contrib/NASA-HTTP.html; the daily totals of
// ../shared/data/web/nasa_daily.csv): 1–27 July 1995 (starts Saturday) and
// 4–31 August 1995 (starts Friday).
var (
	nasaJuly = []float64{64714, 60265, 89584, 70452, 94575, 100960, 87233, 38867, 35272, 72860, 80407, 92536,
		134203, 84103, 45532, 47854, 74981, 64282, 72738, 66593, 64629, 35267, 39199, 64259, 62699, 58849, 61680}
	nasaAugust = []float64{59557, 31893, 32420, 57362, 60157, 60458, 61248, 61246, 38071, 36480, 59878, 58847,
		56653, 58988, 56246, 32094, 32963, 55540, 57762, 58097, 52552, 57321, 31608, 32823, 55496, 67988, 80641, 90124}
)

func nasaSegments() []market.Segment {
	return []market.Segment{{Start: time.Saturday, Values: nasaJuly}, {Start: time.Friday, Values: nasaAugust}}
}

// golden compares got, formatted with %.6g, with testdata/name.golden.json
// (rewritten with -update).
func golden(t *testing.T, name string, got any) {
	t.Helper()
	norm := normalize(got)
	path := filepath.Join("testdata", name+".golden.json")
	if *update {
		b, err := json.MarshalIndent(norm, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	var want any
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, norm); d != "" {
		t.Errorf("%s mismatch (-golden +got):\n%s", name, d)
	}
}

// normalize turns float64s into %.6g strings, recursively, via JSON.
func normalize(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	var x any
	if err := json.Unmarshal(b, &x); err != nil {
		panic(err)
	}
	var walk func(any) any
	walk = func(x any) any {
		switch y := x.(type) {
		case float64:
			return fmt.Sprintf("%.6g", y)
		case []any:
			for k := range y {
				y[k] = walk(y[k])
			}
		case map[string]any:
			for k := range y {
				y[k] = walk(y[k])
			}
		}
		return x
	}
	return walk(x)
}

func TestGoldenSynthetic(t *testing.T) {
	v, err := market.SyntheticDemand(20, nil, rand.NewPCG(1, 2))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "synthetic", v)
}

func TestGoldenBootstrap(t *testing.T) {
	raw, err := market.BootstrapWeeks(nasaSegments(), 30, time.Monday, false, rand.NewPCG(3, 4))
	if err != nil {
		t.Fatal(err)
	}
	norm, err := market.BootstrapWeeks(nasaSegments(), 30, time.Monday, true, rand.NewPCG(3, 4))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "bootstrap", map[string][]float64{"raw": raw, "normalized": norm})
}

type scenarioTotals struct {
	ID                                      int
	Name                                    string
	StockBoDGB, ExercisedGB, PenaltyGB      float64
	OptionsBoughtGB, ExpiredGB, ExchangedGB float64
	StockBoDUSD, ExercisedUSD, PenaltyUSD   float64
	PremiumUSD, CostUSD                     float64
}

func TestGoldenScenarios(t *testing.T) {
	names, annual := market.PaperServers()
	srv := make([]market.OriginServer, len(names))
	for i := range srv {
		v, err := market.SyntheticDemand(392, nil, rand.NewPCG(7, uint64(i)))
		if err != nil {
			t.Fatal(err)
		}
		v, err = market.ScaleTo(v, 28, 392, annual[i])
		if err != nil {
			t.Fatal(err)
		}
		srv[i] = market.OriginServer{Name: names[i], History: v[:28], Demand: v[28:]}
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
	var out []scenarioTotals
	for _, r := range rs {
		if err := r.Verify(); err != nil {
			t.Fatal(err)
		}
		a := r.Total
		out = append(out, scenarioTotals{
			ID: r.Scenario.ID, Name: r.Scenario.Name,
			StockBoDGB: a.StockBoD.GB(), ExercisedGB: a.Exercised.GB(), PenaltyGB: a.Penalty.GB(),
			OptionsBoughtGB: a.OptionsBought.GB(), ExpiredGB: a.OptionsExpired.GB(), ExchangedGB: a.OptionBought.GB(),
			StockBoDUSD: a.StockBoD.USD, ExercisedUSD: a.Exercised.USD, PenaltyUSD: a.Penalty.USD,
			PremiumUSD: a.OptionsBought.USD, CostUSD: a.Cost,
		})
	}
	golden(t, "scenarios", out)
}
