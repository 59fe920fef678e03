package options_test

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/cdnkit/cdnkit/internal/testdata"
	"github.com/cdnkit/cdnkit/options"
)

// refRow is one row of a reference table (../shared/data/options). Extra is
// the greek, method or case column where the table has one.
type refRow struct {
	Kind, Extra                          string
	Spot, Strike, T, R, Q, Vol, Expected float64
	Tol                                  float64
}

func (r refRow) kind() options.Kind {
	if r.Kind == "put" {
		return options.Put
	}
	return options.Call
}

func (r refRow) params() options.Params {
	return options.Params{Spot: r.Spot, Strike: r.Strike, T: r.T, Rate: r.R, Dividend: r.Q, Vol: r.Vol}
}

func (r refRow) String() string {
	return fmt.Sprintf("%s %s S=%g K=%g T=%g r=%g q=%g σ=%g", r.Extra, r.Kind, r.Spot, r.Strike, r.T, r.R, r.Q, r.Vol)
}

// readTable parses a CSV of ../shared/data/options by its header names.
func readTable(t *testing.T, file string) []refRow {
	t.Helper()
	path, err := testdata.Path("options", file)
	if err != nil {
		t.Skip("shared data not available: ../shared/data/options")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	num := func(rec []string, name string) float64 {
		v, err := strconv.ParseFloat(rec[col[name]], 64)
		if err != nil {
			t.Fatalf("%s: column %s: %v", file, name, err)
		}
		return v
	}
	var rows []refRow
	for _, rec := range recs[1:] {
		r := refRow{Kind: rec[col["kind"]]}
		for _, x := range []string{"greek", "method", "case"} {
			if i, ok := col[x]; ok {
				r.Extra = rec[i]
			}
		}
		r.Spot, r.Strike, r.T = num(rec, "spot"), num(rec, "strike"), num(rec, "t")
		r.R, r.Q, r.Vol = num(rec, "r"), num(rec, "q"), num(rec, "vol")
		r.Expected, r.Tol = num(rec, "expected"), num(rec, "tol")
		rows = append(rows, r)
	}
	return rows
}

// runTable checks the shared CSV (skipped when absent) and the embedded copy.
func runTable(t *testing.T, file string, embedded []refRow, check func(t *testing.T, r refRow)) {
	t.Run("shared", func(t *testing.T) {
		rows := readTable(t, file)
		if len(rows) != len(embedded) {
			t.Errorf("%s has %d rows, embedded copy %d", file, len(rows), len(embedded))
		}
		for _, r := range rows {
			check(t, r)
		}
	})
	t.Run("embedded", func(t *testing.T) {
		for _, r := range embedded {
			check(t, r)
		}
	})
}

type pricer func(options.Kind, options.Params) (float64, error)

func checkPrice(name string, f pricer) func(t *testing.T, r refRow) {
	return func(t *testing.T, r refRow) {
		t.Helper()
		got, err := f(r.kind(), r.params())
		if err != nil {
			t.Errorf("%s(%v): %v", name, r, err)
			return
		}
		if d := math.Abs(got - r.Expected); !(d <= r.Tol) {
			t.Errorf("%s(%v) = %.12g, want %.12g ± %g (off by %.3g)", name, r, got, r.Expected, r.Tol, d)
		}
	}
}

func TestTableEuropean(t *testing.T) { // T1
	runTable(t, "european_values.csv", refEuropean, checkPrice("European", options.European))
}

func TestTableGreeks(t *testing.T) { // T2
	runTable(t, "european_greeks.csv", refGreeks, func(t *testing.T, r refRow) {
		g, err := options.EuropeanGreeks(r.kind(), r.params())
		if err != nil {
			t.Fatalf("%v: %v", r, err)
		}
		var got float64
		switch r.Extra {
		case "delta":
			got = g.Delta
		case "gamma":
			got = g.Gamma
		case "vega":
			got = g.Vega
		case "theta":
			got = g.Theta
		case "thetaPerDay":
			got = g.ThetaPerDay
		case "rho":
			got = g.Rho
		case "dividendRho":
			got = g.DividendRho
		case "elasticity":
			got = g.Elasticity
		default:
			t.Fatalf("unknown greek %q", r.Extra)
		}
		if d := math.Abs(got - r.Expected); !(d <= r.Tol) {
			t.Errorf("%v = %.8g, want %.8g ± %g", r, got, r.Expected, r.Tol)
		}
	})
}

func TestTableBAWHaug(t *testing.T) { // T3
	runTable(t, "baw_haug.csv", refBAWHaug, checkPrice("BaroneAdesiWhaley", options.BaroneAdesiWhaley))
}

func TestTableBjS1993(t *testing.T) { // T4
	runTable(t, "bjs1993_values.csv", refBjS1993, checkPrice("BjerksundStensland1993", options.BjerksundStensland1993))
}

func TestTableJuZhong(t *testing.T) { // T5
	runTable(t, "juzhong_values.csv", refJuZhong, checkPrice("JuZhong", options.JuZhong))
}

func TestTableBAW1987(t *testing.T) { // T6
	runTable(t, "baw1987_paper.csv", refBAW1987, checkPrice("BaroneAdesiWhaley", options.BaroneAdesiWhaley))
}

func lattice(steps int) pricer {
	return func(k options.Kind, p options.Params) (float64, error) { return options.Binomial(k, p, steps, true) }
}

func TestTableEdgeCases(t *testing.T) { // T7
	methods := []struct {
		name string
		f    pricer
	}{
		{"BaroneAdesiWhaley", options.BaroneAdesiWhaley},
		{"BjerksundStensland1993", options.BjerksundStensland1993},
		{"BjerksundStensland2002", options.BjerksundStensland2002},
		{"JuZhong", options.JuZhong},
		{"Binomial1001", lattice(1001)},
	}
	runTable(t, "american_edge_cases.csv", refEdge, func(t *testing.T, r refRow) {
		for _, m := range methods {
			checkPrice(m.name, m.f)(t, r)
		}
	})
}

func TestTableBjS2002(t *testing.T) { // T8
	runTable(t, "bjs2002_tf.csv", refBjS2002, checkPrice("BjerksundStensland2002", options.BjerksundStensland2002))
}

func TestTableFormulaValues(t *testing.T) { // T9
	fs := map[string]pricer{
		"european":      options.European,
		"baw":           options.BaroneAdesiWhaley,
		"bjs1993":       options.BjerksundStensland1993,
		"bjs2002":       options.BjerksundStensland2002,
		"juzhong":       options.JuZhong,
		"binomial_1001": lattice(1001),
		"binomial_8001": lattice(8001),
	}
	// The shared and embedded passes price identical rows; the 8001-step
	// lattice is computed once per row.
	memo := map[refRow]float64{}
	fs["binomial_8001"] = func(k options.Kind, p options.Params) (float64, error) {
		key := refRow{Kind: k.String(), Spot: p.Spot, Strike: p.Strike, T: p.T, R: p.Rate, Q: p.Dividend, Vol: p.Vol}
		if v, ok := memo[key]; ok {
			return v, nil
		}
		v, err := options.Binomial(k, p, 8001, true)
		memo[key] = v
		return v, err
	}
	runTable(t, "formula_values.csv", refFormula, func(t *testing.T, r refRow) {
		f, ok := fs[r.Extra]
		if !ok {
			t.Fatalf("unknown method %q", r.Extra)
		}
		if testing.Short() && r.Extra == "binomial_8001" {
			return
		}
		checkPrice(r.Extra, f)(t, r)
	})
}
