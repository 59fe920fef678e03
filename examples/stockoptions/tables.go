package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cdnkit/cdnkit/market"
)

// table is one printed table: a title, a header and rows of cells.
type table struct {
	file, title string
	header      []string
	rows        [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) print(w io.Writer) {
	width := make([]int, len(t.header))
	for _, r := range append([][]string{t.header}, t.rows...) {
		for k, c := range r {
			width[k] = max(width[k], len([]rune(c)))
		}
	}
	fmt.Fprintln(w, t.title)
	line := func(r []string) {
		var b strings.Builder
		for k, c := range r {
			pad := width[k] - len([]rune(c))
			if k == 0 {
				b.WriteString(c + strings.Repeat(" ", pad))
			} else {
				b.WriteString("  " + strings.Repeat(" ", pad) + c)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	line(t.header)
	for _, r := range t.rows {
		line(r)
	}
	fmt.Fprintln(w)
}

func (t *table) writeCSV(dir string) error {
	f, err := os.Create(filepath.Join(dir, t.file+".csv"))
	if err != nil {
		return err
	}
	cw := csv.NewWriter(f)
	if err := cw.Write(t.header); err != nil {
		f.Close()
		return err
	}
	if err := cw.WriteAll(t.rows); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func f2(x float64) string { return fmt.Sprintf("%.2f", x) }
func gb(b int64) float64  { return float64(b) / 1e9 }

// perOS returns the cells of f over the servers and their total.
func perOS(r *market.Result, f func(a *market.Account) float64) []string {
	var out []string
	for i := range r.Servers {
		out = append(out, f2(f(&r.Servers[i])))
	}
	return append(out, f2(f(&r.Total)))
}

// byID indexes results by scenario ID.
func byID(rs []*market.Result) map[int]*market.Result {
	m := make(map[int]*market.Result, len(rs))
	for _, r := range rs {
		m[r.Scenario.ID] = r
	}
	return m
}

// pairs returns the paper's pairs whose both scenarios ran.
func pairs(rs []*market.Result) [][2]*market.Result {
	m := byID(rs)
	var out [][2]*market.Result
	for _, p := range market.PaperPairs() {
		if a, b := m[p[0]], m[p[1]]; a != nil && b != nil {
			out = append(out, [2]*market.Result{a, b})
		}
	}
	return out
}

// notExercised is Table 14's "not exercised": expired plus still held.
func notExercised(a *market.Account) int64 { return a.OptionsExpired.Bytes + a.OptionsHeld }

// buildTables builds the analogues of the paper's Tables 5–17.
func buildTables(sim *market.Simulation, srv []market.OriginServer, rs []*market.Result) []*table {
	hdr := []string{""}
	for _, s := range srv {
		hdr = append(hdr, "OS "+s.Name)
	}
	hdr = append(hdr, "Total")
	scHdr := append([]string{"scenario"}, hdr[1:]...)
	r0 := rs[0] // BoD and SM stock flows are the same in every scenario
	var tabs []*table

	t5 := &table{file: "table05_predicted", title: "Table 5 — predicted traffic (GB), the same in every scenario", header: hdr}
	t5.add(append([]string{"predicted"}, perOS(r0, func(a *market.Account) float64 { return gb(a.Predicted) })...)...)
	t5.add(append([]string{"actual demand"}, perOS(r0, func(a *market.Account) float64 { return gb(a.Demand) })...)...)
	tabs = append(tabs, t5)

	t6 := &table{file: "table06_bod", title: "Table 6 — stocks bought at the BoD, every scenario", header: hdr}
	t6.add(append([]string{"GB"}, perOS(r0, func(a *market.Account) float64 { return a.StockBoD.GB() })...)...)
	t6.add(append([]string{"$"}, perOS(r0, func(a *market.Account) float64 { return a.StockBoD.USD })...)...)
	t6.add(append([]string{"avg $/GB ×1000"}, perOS(r0, func(a *market.Account) float64 {
		if a.StockBoD.Bytes == 0 {
			return 0
		}
		return 1000 * a.StockBoD.USD / a.StockBoD.GB()
	})...)...)
	tabs = append(tabs, t6)

	t7 := &table{file: "table07_sm_stocks", title: "Table 7 — stocks traded in the SM, every scenario (bought = sold, cost = revenue)", header: hdr}
	t7.add(append([]string{"bought GB"}, perOS(r0, func(a *market.Account) float64 { return a.StockBought.GB() })...)...)
	t7.add(append([]string{"sold GB"}, perOS(r0, func(a *market.Account) float64 { return a.StockSold.GB() })...)...)
	t7.add(append([]string{"cost $"}, perOS(r0, func(a *market.Account) float64 { return a.StockBought.USD })...)...)
	t7.add(append([]string{"revenue $"}, perOS(r0, func(a *market.Account) float64 { return a.StockSold.USD })...)...)
	tabs = append(tabs, t7)

	perScenario := func(file, title string, f func(a *market.Account) float64) *table {
		t := &table{file: file, title: title, header: scHdr}
		for _, r := range rs {
			t.add(append([]string{fmt.Sprintf("%2d %s", r.Scenario.ID, r.Scenario.Name)}, perOS(r, f)...)...)
		}
		return t
	}
	tabs = append(tabs,
		perScenario("table08_exercised_gb", "Table 8 — SOs exercised (GB)", func(a *market.Account) float64 { return a.Exercised.GB() }),
		perScenario("table09_exercised_usd", "Table 9 — SOs exercised, strikes paid ($)", func(a *market.Account) float64 { return a.Exercised.USD }),
		perScenario("table10_penalty_gb", "Table 10 — bought at the penalty price (GB)", func(a *market.Account) float64 { return a.Penalty.GB() }),
		perScenario("table11_penalty_usd", "Table 11 — bought at the penalty price ($)", func(a *market.Account) float64 { return a.Penalty.USD }),
	)

	ps := pairs(rs)
	pairTable := func(file, title string, pen, via func(a *market.Account) float64) *table {
		t := &table{file: file, title: title, header: []string{"pair", "scenario", "penalty", "via SOs", "sum"}}
		for _, p := range ps {
			for k, r := range p {
				label := ""
				if k == 0 {
					label = fmt.Sprintf("(%d,%d)", p[0].Scenario.ID, p[1].Scenario.ID)
				}
				a := &r.Total
				t.add(label, r.Scenario.Name, f2(pen(a)), f2(via(a)), f2(pen(a)+via(a)))
			}
		}
		return t
	}
	tabs = append(tabs,
		pairTable("table12_pairs_gb", "Table 12 — EoD deficit by pair, SO exchange off / on (GB)",
			func(a *market.Account) float64 { return a.Penalty.GB() }, func(a *market.Account) float64 { return a.Exercised.GB() }),
		pairTable("table13_pairs_usd", "Table 13 — EoD deficit by pair, SO exchange off / on ($; via SOs = strikes + SO price paid in the SM)",
			func(a *market.Account) float64 { return a.Penalty.USD },
			func(a *market.Account) float64 { return a.Exercised.USD + a.OptionBought.USD }),
	)

	t14 := &table{file: "table14_options", title: "Table 14 — stock options (GB): bought from the CDN = exercised + not exercised (expired + still held)",
		header: []string{"scenario", "bought", "exercised", "not exercised", "of which held", "exchanged"}}
	for _, r := range rs {
		a := &r.Total
		t14.add(fmt.Sprintf("%2d %s", r.Scenario.ID, r.Scenario.Name), f2(a.OptionsBought.GB()),
			f2(gb(a.OptionsBought.Bytes-notExercised(a))), f2(gb(notExercised(a))), f2(gb(a.OptionsHeld)), f2(a.OptionBought.GB()))
	}
	tabs = append(tabs, t14)

	t15 := &table{file: "table15_sources", title: "Table 15 — traffic by source (GB): BoD net of the SM + exercised + EoD penalty = demand + stocks left",
		header: []string{"scenario", "BoD (net)", "exercised", "EoD penalty", "total", "demand", "stocks left"}}
	for _, r := range rs {
		a := &r.Total
		t15.add(fmt.Sprintf("%2d %s", r.Scenario.ID, r.Scenario.Name), f2(gb(a.NetStocks())), f2(a.Exercised.GB()), f2(a.Penalty.GB()),
			f2(gb(a.NetStocks()+a.Exercised.Bytes+a.Penalty.Bytes)), f2(gb(a.Demand)), f2(gb(a.StocksHeld)))
	}
	tabs = append(tabs, t15)

	t16 := &table{file: "table16_ps_pd", title: "Table 16 — PS = exercised/(exercised + penalty) %, off / on, and PD % per pair",
		header: []string{"pair", "PS off", "PS on", "PD exercised", "PD penalty", "PD cost"}}
	for _, p := range ps {
		a, b := &p[0].Total, &p[1].Total
		t16.add(fmt.Sprintf("(%d,%d)", p[0].Scenario.ID, p[1].Scenario.ID), f2(market.PS(*a)), f2(market.PS(*b)),
			f2(market.PD(a.Exercised.GB(), b.Exercised.GB())), f2(market.PD(a.Penalty.GB(), b.Penalty.GB())), f2(market.PD(a.Cost, b.Cost)))
	}
	tabs = append(tabs, t16)

	t17 := &table{file: "table17_costs", title: "Table 17 — cost of all OSs per scenario ($; SM trades net out)",
		header: []string{"scenario", "BoD", "exercise", "EoD", "premium", "total", "rank"}}
	order := costOrder(rs)
	for _, r := range rs {
		a := &r.Total
		rank := slices.Index(order, r.Scenario.ID) + 1
		t17.add(fmt.Sprintf("%2d %s", r.Scenario.ID, r.Scenario.Name), f2(a.StockBoD.USD), f2(a.Exercised.USD), f2(a.Penalty.USD),
			f2(a.OptionsBought.USD), f2(a.StockBoD.USD+a.Exercised.USD+a.Penalty.USD+a.OptionsBought.USD), fmt.Sprint(rank))
	}
	tabs = append(tabs, t17)

	tf := &table{file: "forecast_accuracy", title: "LPM accuracy per OS (predicted vs actual daily GB)", header: []string{"OS", "MAPE %", "bias %", "days under-forecast"}}
	q := sim.Forecasts()
	for i, s := range srv {
		var ape, bias float64
		var under, cnt int
		for d := range r0.Days {
			act := float64(r0.Day(d, i).Demand)
			if act == 0 {
				continue
			}
			e := (float64(q[i][d]) - act) / act
			ape += abs(e)
			bias += e
			cnt++
			if q[i][d] < r0.Day(d, i).Demand {
				under++
			}
		}
		if cnt > 0 {
			tf.add(s.Name, f2(100*ape/float64(cnt)), f2(100*bias/float64(cnt)), fmt.Sprint(under))
		}
	}
	tabs = append(tabs, tf)
	return tabs
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// paperOrder is the paper's cost ordering of the 12 scenarios (Table 17),
// cheapest first.
var paperOrder = []int{10, 9, 6, 7, 8, 5, 4, 3, 2, 1, 12, 11}

// costOrder returns the scenario IDs by total cost, cheapest first.
func costOrder(rs []*market.Result) []int {
	sorted := slices.Clone(rs)
	slices.SortStableFunc(sorted, func(a, b *market.Result) int {
		switch {
		case a.Total.Cost < b.Total.Cost:
			return -1
		case a.Total.Cost > b.Total.Cost:
			return 1
		}
		return 0
	})
	ids := make([]int, len(sorted))
	for k, r := range sorted {
		ids[k] = r.Scenario.ID
	}
	return ids
}

// shapeCheck prints, for each qualitative claim of the paper, whether it
// holds on this data.
func shapeCheck(w io.Writer, rs []*market.Result) {
	fmt.Fprintln(w, "Shape check (the paper's qualitative claims):")
	for _, c := range shapeClaims(rs) {
		v := "does not hold"
		if c.ok {
			v = "holds"
		}
		fmt.Fprintf(w, "  %s: %s\n", c.text, v)
	}
	fmt.Fprintf(w, "  cost ordering here:  %s\n", joinIDs(costOrder(rs)))
	fmt.Fprintf(w, "  the paper (Table 17): %s\n", joinIDs(paperOrder))
}

func joinIDs(ids []int) string {
	s := make([]string, len(ids))
	for k, id := range ids {
		s[k] = fmt.Sprint(id)
	}
	return strings.Join(s, " < ")
}
