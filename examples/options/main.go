// Command options checks package options against the reference tables of
// ../shared/data/options, prints the bandwidth-regime table of the
// stock-options CDN market and, with -plot, draws American put values and
// the early-exercise boundary.
//
//	go run ./examples/options [-table all|european|greeks|baw|bjs1993|bjs2002|ju|edge|formula|bandwidth]
//	                          [-steps 2001] [-plot FILE] [-quick] [-claims FILE]
//
// Each reference row prints its inputs, the expected value (QuantLib's, the
// paper's or the spec's), the package's value, the difference and PASS/FAIL
// against the row's tolerance; each table ends with a summary. -quick uses
// 501 lattice steps and finishes in a few seconds. -claims FILE writes the
// figures REPRODUCTION.md quotes (PASS/FAIL counts and largest differences per
// reference table, the bandwidth table's largest deviations) as a JSON object
// of named numbers (see claims.go; scripts/figures collects it).
package main

import (
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/cdnkit/cdnkit/internal/testdata"
	"github.com/cdnkit/cdnkit/options"
)

func main() {
	table := flag.String("table", "all", "table to print: all, european, greeks, baw, bjs1993, bjs2002, ju, edge, formula or bandwidth")
	steps := flag.Int("steps", 2001, "lattice steps for the bandwidth table and the plot")
	plotFile := flag.String("plot", "", "write an SVG (or, for a .png name, a PNG) with three panels to this file")
	quick := flag.Bool("quick", false, "use 501 lattice steps")
	claimsFile := flag.String("claims", "", "write the quoted figures as JSON to this file")
	flag.Parse()
	if *quick {
		*steps = 501
	}
	var cl claimSet
	if *claimsFile != "" {
		cl = claimSet{}
	}
	err := runClaims(os.Stdout, *table, *steps, *plotFile, cl)
	if err == nil && cl != nil {
		err = writeClaims(*claimsFile, cl)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "options:", err)
		os.Exit(1)
	}
}

type pricer func(options.Kind, options.Params) (float64, error)

func lattice(steps int) pricer {
	return func(k options.Kind, p options.Params) (float64, error) { return options.Binomial(k, p, steps, true) }
}

// refTable is one reference CSV and how to price its rows.
type refTable struct {
	name, file string
	methods    []string // empty: the row's method or greek column decides
}

var refTables = []refTable{
	{"european", "european_values.csv", []string{"european"}},
	{"greeks", "european_greeks.csv", nil},
	{"baw", "baw_haug.csv", []string{"baw"}},
	{"baw", "baw1987_paper.csv", []string{"baw"}},
	{"bjs1993", "bjs1993_values.csv", []string{"bjs1993"}},
	{"ju", "juzhong_values.csv", []string{"ju"}},
	{"edge", "american_edge_cases.csv", []string{"baw", "bjs1993", "bjs2002", "ju", "binomial"}},
	{"bjs2002", "bjs2002_tf.csv", []string{"bjs2002"}},
	{"formula", "formula_values.csv", nil},
}

func run(w io.Writer, table string, steps int, plotFile string) error {
	return runClaims(w, table, steps, plotFile, nil)
}

// runClaims is run that also records the figures of -claims in cl (nil: none).
func runClaims(w io.Writer, table string, steps int, plotFile string, cl claimSet) error {
	known := table == "all" || table == "bandwidth"
	for _, t := range refTables {
		if t.name == table {
			known = true
		}
	}
	if !known {
		return fmt.Errorf("unknown table %q", table)
	}
	if steps < 1 || steps > options.MaxSteps {
		return fmt.Errorf("-steps %d outside [1, %d]", steps, options.MaxSteps)
	}
	failed, tables := 0, 0
	cl.Put("steps", float64(steps))
	for _, t := range refTables {
		if table != "all" && table != t.name {
			continue
		}
		n, err := printRefTable(w, t, cl)
		if errors.Is(err, errNoData) {
			fmt.Fprintf(w, "%s: shared data not available (../shared/data/options or $%s); skipped\n\n", t.file, testdata.EnvVar)
			continue
		}
		if err != nil {
			return err
		}
		failed += n
		tables++
	}
	cl.Put("ref.tables", float64(tables))
	if table == "all" || table == "bandwidth" {
		if err := printBandwidth(w, steps, cl); err != nil {
			return err
		}
	}
	if plotFile != "" {
		if err := writePlot(plotFile, steps); err != nil {
			return err
		}
		fmt.Fprintf(w, "wrote %s\n", plotFile)
	}
	if failed > 0 {
		return fmt.Errorf("%d reference rows failed", failed)
	}
	return nil
}

var errNoData = errors.New("no shared data")

func methodPricer(name string) (pricer, error) {
	switch name {
	case "binomial_1001":
		return lattice(1001), nil
	case "binomial_8001":
		return lattice(8001), nil
	case "juzhong":
		name = "ju"
	case "binomial":
		return lattice(1001), nil
	}
	m, err := options.ParseMethod(name)
	if err != nil {
		return nil, err
	}
	return func(k options.Kind, p options.Params) (float64, error) { return options.American(m, k, p) }, nil
}

func greek(g options.Greeks, name string) (float64, error) {
	switch name {
	case "delta":
		return g.Delta, nil
	case "gamma":
		return g.Gamma, nil
	case "vega":
		return g.Vega, nil
	case "theta":
		return g.Theta, nil
	case "thetaPerDay":
		return g.ThetaPerDay, nil
	case "rho":
		return g.Rho, nil
	case "dividendRho":
		return g.DividendRho, nil
	case "elasticity":
		return g.Elasticity, nil
	}
	return 0, fmt.Errorf("unknown greek %q", name)
}

// printRefTable prints one reference table and returns the number of
// failed checks.
func printRefTable(w io.Writer, t refTable, cl claimSet) (int, error) {
	path, err := testdata.Path("options", t.file)
	if err != nil {
		return 0, errNoData
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return 0, fmt.Errorf("%s: %w", t.file, err)
	}
	if len(recs) < 2 {
		return 0, fmt.Errorf("%s: no rows", t.file)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, c := range []string{"kind", "spot", "strike", "t", "r", "q", "vol", "expected", "tol"} {
		if _, ok := col[c]; !ok {
			return 0, fmt.Errorf("%s: missing column %q", t.file, c)
		}
	}
	fmt.Fprintf(w, "== %s (%d rows)\n", t.file, len(recs)-1)
	fmt.Fprintf(w, "%-8s %-4s %10s %10s %8s %7s %7s %7s %16s %16s %9s %8s\n",
		"method", "kind", "spot", "strike", "t", "r", "q", "vol", "expected", "value", "diff", "")
	var pass, fail int
	maxDiff := 0.0
	for _, rec := range recs[1:] {
		var x [8]float64
		for i, c := range []string{"spot", "strike", "t", "r", "q", "vol", "expected", "tol"} {
			v, err := strconv.ParseFloat(rec[col[c]], 64)
			if err != nil {
				return 0, fmt.Errorf("%s: column %s: %w", t.file, c, err)
			}
			x[i] = v
		}
		k := options.Call
		if rec[col["kind"]] == "put" {
			k = options.Put
		}
		p := options.Params{Spot: x[0], Strike: x[1], T: x[2], Rate: x[3], Dividend: x[4], Vol: x[5]}
		want, tol := x[6], x[7]
		methods := t.methods
		if methods == nil {
			if i, ok := col["method"]; ok {
				methods = []string{rec[i]}
			} else {
				methods = []string{"greek:" + rec[col["greek"]]}
			}
		}
		for _, m := range methods {
			var got float64
			if g, ok := strings.CutPrefix(m, "greek:"); ok {
				gs, err := options.EuropeanGreeks(k, p)
				if err != nil {
					return 0, err
				}
				if got, err = greek(gs, g); err != nil {
					return 0, err
				}
				m = g
			} else {
				f, err := methodPricer(m)
				if err != nil {
					return 0, err
				}
				if got, err = f(k, p); err != nil {
					return 0, err
				}
			}
			d := got - want
			status := "PASS"
			if !(math.Abs(d) <= tol) {
				status = "FAIL"
				fail++
			} else {
				pass++
			}
			maxDiff = math.Max(maxDiff, math.Abs(d))
			fmt.Fprintf(w, "%-8.8s %-4s %10.4g %10.4g %8.4g %7.4g %7.4g %7.4g %16.10g %16.10g %9.2e %s\n",
				m, k, p.Spot, p.Strike, p.T, p.Rate, p.Dividend, p.Vol, want, got, d, status)
		}
	}
	fmt.Fprintf(w, "-- %s: %d PASS, %d FAIL, max |diff| %.3g\n\n", t.file, pass, fail, maxDiff)
	key := "ref." + strings.TrimSuffix(t.file, ".csv") + "."
	cl.Put(key+"pass", float64(pass))
	cl.Put(key+"fail", float64(fail))
	cl.Put(key+"max_abs_diff", maxDiff)
	if cl != nil {
		cl["ref.pass"] += float64(pass)
		cl["ref.fail"] += float64(fail)
	}
	return fail, nil
}

// printBandwidth prints the bandwidth-regime table of spec §8.
func printBandwidth(w io.Writer, steps int, cl claimSet) error {
	fmt.Fprintf(w, "== bandwidth regime: σ = 1 %%, r = 5 %%, q = 0; American puts vs Binomial(%d); dev = (V − V_lat)/(V_lat + 1e-6·K)\n", steps)
	fmt.Fprintf(w, "%6s %6s %4s %10s %10s %10s %8s %10s %8s %10s %8s %10s %8s %10s %10s\n",
		"K", "S/K", "days", "Eu call", "Eu put", "BAW", "dev", "BjS93", "dev", "BjS02", "dev", "Ju", "dev", "lattice", "premium")
	methods := []pricer{options.BaroneAdesiWhaley, options.BjerksundStensland1993, options.BjerksundStensland2002, options.JuZhong}
	names := []string{"baw", "bjs1993", "bjs2002", "ju"}
	maxDev := make([]float64, len(methods))
	rows, maxPremium := 0, 0.0
	for _, K := range []float64{0.010, 0.020, 0.035} {
		for _, x := range []float64{0.97, 1, 1.03} {
			for _, days := range []float64{7, 14, 21, 28} {
				p := options.Params{Spot: x * K, Strike: K, T: days / 365, Rate: 0.05, Vol: 0.01}
				c, err := options.European(options.Call, p)
				if err != nil {
					return err
				}
				pe, err := options.European(options.Put, p)
				if err != nil {
					return err
				}
				lat, err := options.Binomial(options.Put, p, steps, true)
				if err != nil {
					return err
				}
				fmt.Fprintf(w, "%6.3g %6.3g %4.0f %10.4g %10.4g", K, x, days, c, pe)
				for mi, f := range methods {
					v, err := f(options.Put, p)
					if err != nil {
						return err
					}
					dev := (v - lat) / (lat + 1e-6*K)
					fmt.Fprintf(w, " %10.4g %+8.2e", v, dev)
					maxDev[mi] = math.Max(maxDev[mi], math.Abs(dev))
				}
				fmt.Fprintf(w, " %10.4g %10.4g\n", lat, lat-pe)
				rows++
				maxPremium = math.Max(maxPremium, (lat-pe)/K)
			}
		}
	}
	fmt.Fprintln(w)
	cl.Put("bandwidth.rows", float64(rows))
	cl.Put("bandwidth.max_premium_over_k", maxPremium)
	for mi, n := range names {
		cl.Put("bandwidth.max_abs_dev."+n, maxDev[mi])
	}
	return nil
}

// boundary returns the largest spot in (0, K) at which the put's value under
// f equals its exercise value K − S (to 1e-12·K), by bisection in ln S.
func boundary(f pricer, p options.Params) (float64, error) {
	exercised := func(S float64) (bool, error) {
		q := p
		q.Spot = S
		v, err := f(options.Put, q)
		if err != nil {
			return false, err
		}
		return v-(q.Strike-S) <= 1e-12*q.Strike, nil
	}
	lo, hi := math.Log(p.Strike)-10, math.Log(p.Strike)
	ok, err := exercised(math.Exp(lo))
	if err != nil || !ok {
		return math.NaN(), err
	}
	for i := 0; i < 50; i++ {
		mid := 0.5 * (lo + hi)
		ok, err := exercised(math.Exp(mid))
		if err != nil {
			return 0, err
		}
		if ok {
			lo = mid
		} else {
			hi = mid
		}
	}
	return math.Exp(lo), nil
}

func line(p *plot.Plot, name string, xys plotter.XYs, c color.Color, dashed bool) error {
	l, err := plotter.NewLine(xys)
	if err != nil {
		return err
	}
	l.Color = c
	if dashed {
		l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	}
	p.Add(l)
	p.Legend.Add(name, l)
	return nil
}

var palette = []color.Color{
	color.RGBA{0x1f, 0x77, 0xb4, 0xff}, color.RGBA{0xff, 0x7f, 0x0e, 0xff}, color.RGBA{0x2c, 0xa0, 0x2c, 0xff},
	color.RGBA{0xd6, 0x27, 0x28, 0xff}, color.RGBA{0x94, 0x67, 0xbd, 0xff}, color.RGBA{0x8c, 0x56, 0x4b, 0xff},
	color.RGBA{0x7f, 0x7f, 0x7f, 0xff},
}

// valuePanel plots the American put value against S/K for every method.
func valuePanel(title string, base options.Params, lo, hi float64, steps int) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "S/K"
	p.Y.Label.Text = "put value (units of K)"
	names := []string{"European", "BAW", "BjS 1993", "BjS 2002", "Ju–Zhong", fmt.Sprintf("lattice %d", steps), "intrinsic"}
	fs := []pricer{options.European, options.BaroneAdesiWhaley, options.BjerksundStensland1993,
		options.BjerksundStensland2002, options.JuZhong, lattice(steps), nil}
	for i, f := range fs {
		var xys plotter.XYs
		for j := 0; j <= 40; j++ {
			x := lo + (hi-lo)*float64(j)/40
			q := base
			q.Spot = x * base.Strike
			v := math.Max(base.Strike-q.Spot, 0)
			if f != nil {
				var err error
				if v, err = f(options.Put, q); err != nil {
					return nil, err
				}
			}
			xys = append(xys, plotter.XY{X: x, Y: v / base.Strike})
		}
		if err := line(p, names[i], xys, palette[i], f == nil); err != nil {
			return nil, err
		}
	}
	p.Legend.Top = true
	return p, nil
}

// boundaryPanel plots the early-exercise boundary against time to expiry:
// the lattice's, BAW's S** and BjS's flat triggers (each the largest spot
// at which the method's value is the exercise value), and the perpetual limit.
func boundaryPanel(base options.Params, steps int) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = "put exercise boundary (σ 25 %, r 5 %, q 2 %)"
	p.X.Label.Text = "time to expiry τ (years)"
	p.Y.Label.Text = "S*(τ)/K"
	names := []string{fmt.Sprintf("lattice %d", steps), "BAW S**", "BjS 1993 trigger", "BjS 2002 triggers"}
	fs := []pricer{lattice(steps), options.BaroneAdesiWhaley, options.BjerksundStensland1993, options.BjerksundStensland2002}
	for i, f := range fs {
		var xys plotter.XYs
		for j := 1; j <= 20; j++ {
			q := base
			q.T = base.T * float64(j) / 20
			s, err := boundary(f, q)
			if err != nil {
				return nil, err
			}
			if !math.IsNaN(s) {
				xys = append(xys, plotter.XY{X: q.T, Y: s / base.Strike})
			}
		}
		if len(xys) > 1 {
			if err := line(p, names[i], xys, palette[i+1], false); err != nil {
				return nil, err
			}
		}
	}
	// Perpetual put: S∞ = K q1/(q1 − 1), q1 = [−(N−1) − √((N−1)² + 4M)]/2.
	s2 := base.Vol * base.Vol
	n1 := 2*(base.Rate-base.Dividend)/s2 - 1
	q1 := (-n1 - math.Sqrt(n1*n1+8*base.Rate/s2)) / 2
	perp := q1 / (q1 - 1)
	if err := line(p, "perpetual", plotter.XYs{{X: 0, Y: perp}, {X: base.T, Y: perp}}, palette[6], true); err != nil {
		return nil, err
	}
	p.Legend.Top = true
	return p, nil
}

func writePlot(file string, steps int) error {
	panel1, err := valuePanel("American put, σ 25 %, r 5 %, q 2 %, T 0.5",
		options.Params{Strike: 100, T: 0.5, Rate: 0.05, Dividend: 0.02, Vol: 0.25}, 0.8, 1.2, steps)
	if err != nil {
		return err
	}
	// The bandwidth panel zooms on S/K ∈ [0.98, 1.02]: the premium lives
	// within a few σ√T ≈ 0.3 % of the strike.
	panel2, err := valuePanel("bandwidth put, K 0.035 $/GB, 28 days, σ 1 %",
		options.Params{Strike: 0.035, T: 28.0 / 365, Rate: 0.05, Vol: 0.01}, 0.98, 1.02, steps)
	if err != nil {
		return err
	}
	bsteps := steps
	if bsteps > 801 {
		bsteps = 801 // the boundary needs ~1000 lattice runs
	}
	panel3, err := boundaryPanel(options.Params{Strike: 100, T: 1, Rate: 0.05, Dividend: 0.02, Vol: 0.25}, bsteps)
	if err != nil {
		return err
	}
	const w, h = 36 * vg.Centimeter, 11 * vg.Centimeter
	var c interface {
		vg.CanvasSizer
		io.WriterTo
	}
	if strings.HasSuffix(strings.ToLower(file), ".png") {
		c = vgimg.PngCanvas{Canvas: vgimg.New(w, h)}
	} else {
		c = vgsvg.New(w, h)
	}
	dc := draw.New(c)
	tiles := draw.Tiles{Rows: 1, Cols: 3, PadX: vg.Millimeter * 4, PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2,
		PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 2}
	plots := [][]*plot.Plot{{panel1, panel2, panel3}}
	canvases := plot.Align(plots, tiles, dc)
	for j, pl := range plots[0] {
		pl.Draw(canvases[0][j])
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if _, err := c.WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
