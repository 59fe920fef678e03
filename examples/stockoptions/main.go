// Command stockoptions reproduces, in shape, the tables (5–17) and figures
// (7–8) of Vathias et al.'s stock-options CDN market on public web traces:
// six origin servers over 364 days, the paper's 12 scenarios, the secondary
// market for stocks and (plan 7a) stock options.
//
//	go run ./examples/stockoptions [-quick] [-synthetic] [-seed 1] [-days 364]
//	                               [-scenarios 1-12] [-price mid|low|high]
//	                               [-forecaster lpm|bare] [-data DIR]
//	                               [-plot FILE.svg] [-csv DIR] [-claims FILE]
//
// Demand is derived from the public NASA-HTTP 1995 and WorldCup98 daily
// totals in ../shared/data/web (a weekday-aligned block bootstrap scaled to
// the paper's annual volumes, market.PaperDemand), not from the paper's
// private Apache logs, so the shapes and orderings — not the numbers — are
// what is compared. Without the data (or with -synthetic) it uses
// market.SyntheticDemand and says so on the first line. -quick simulates 91
// days (all 12 scenarios) and finishes in well under a second. -claims FILE
// writes the figures the reproduction report quotes as a JSON object of named
// numbers (see claims.go; scripts/figures collects it).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/cdnkit/cdnkit/auction"
	"github.com/cdnkit/cdnkit/internal/claims"
	"github.com/cdnkit/cdnkit/internal/testdata"
	"github.com/cdnkit/cdnkit/kre"
	"github.com/cdnkit/cdnkit/market"
)

// options are the command's settings.
type options struct {
	data       string
	synthetic  bool
	seed       uint64
	days       int
	scenarios  string
	price      string
	forecaster string
	plot       string
	csv        string
	claims     string
}

func main() {
	var o options
	flag.StringVar(&o.data, "data", "", "directory of the web traces (default ../shared/data/web, or $CDNKIT_DATA/web)")
	flag.BoolVar(&o.synthetic, "synthetic", false, "use synthetic demand instead of the web traces")
	flag.Uint64Var(&o.seed, "seed", 1, "seed of the demand bootstrap")
	flag.IntVar(&o.days, "days", 364, "simulated days")
	flag.StringVar(&o.scenarios, "scenarios", "1-12", "scenario IDs: a list and/or ranges, e.g. 1-4,9")
	flag.StringVar(&o.price, "price", "mid", "secondary-market price in the clearing interval: mid, low or high")
	flag.StringVar(&o.forecaster, "forecaster", "lpm", "forecaster: lpm (kre's LPM, weekday-aware) or bare (bare KRE, h = 2)")
	flag.StringVar(&o.plot, "plot", "", "write the Fig. 7/8 analogues and predicted-vs-actual panels to this SVG (or .png) file")
	flag.StringVar(&o.csv, "csv", "", "write one CSV file per table into this directory")
	flag.StringVar(&o.claims, "claims", "", "write the figures the reproduction report quotes as JSON to this file")
	quick := flag.Bool("quick", false, "simulate 91 days (all 12 scenarios)")
	flag.Parse()
	if *quick {
		o.days = 91
	}
	if err := run(os.Stdout, o); err != nil {
		fmt.Fprintln(os.Stderr, "stockoptions:", err)
		os.Exit(1)
	}
}

// parseScenarios reads "1-4,9,11-12" into scenario IDs in ascending order.
func parseScenarios(s string) ([]int, error) {
	var set [13]bool
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		if err != nil {
			return nil, fmt.Errorf("bad scenario %q", part)
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(hi); err != nil {
				return nil, fmt.Errorf("bad scenario range %q", part)
			}
		}
		if a < 1 || b > 12 || a > b {
			return nil, fmt.Errorf("scenario range %q outside 1..12", part)
		}
		for k := a; k <= b; k++ {
			set[k] = true
		}
	}
	var ids []int
	for k := 1; k <= 12; k++ {
		if set[k] {
			ids = append(ids, k)
		}
	}
	if len(ids) == 0 {
		return nil, errors.New("no scenarios selected")
	}
	return ids, nil
}

// loadTraces reads the NASA and WorldCup98 daily totals (bytes where the file
// has them, otherwise requests) and cuts them into segments.
func loadTraces(dir string) (nasa, wc []market.Segment, err error) {
	read := func(name string) ([]market.Segment, error) {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		ds, err := kre.ReadDailyCSV(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		v := ds.Float64s()
		for k, b := range ds.Bytes {
			v[k] = float64(b)
		}
		return market.Segments(ds.Dates, v, nil), nil
	}
	if nasa, err = read("nasa_daily.csv"); err != nil {
		return nil, nil, err
	}
	if wc, err = read("worldcup98_daily.csv"); err != nil {
		return nil, nil, err
	}
	return nasa, wc, nil
}

func forecaster(name string) (market.Forecaster, error) {
	var s kre.PredictorSettings
	switch name {
	case "lpm":
		s.Weekday = true
	case "bare":
		s = kre.PredictorSettings{Bandwidth: 2, THLDM: kre.THLDMSettings{Off: true}, IRDM: kre.IRDMSettings{Off: true},
			DEDM: kre.DEDMSettings{Off: true}, IRRMM: kre.IRRMMSettings{Off: true}}
	default:
		return nil, fmt.Errorf("unknown forecaster %q (lpm or bare)", name)
	}
	return kre.NewPredictor(&s)
}

func priceRule(name string) (auction.PriceRule, error) {
	switch name {
	case "mid":
		return auction.PriceMid, nil
	case "low":
		return auction.PriceLow, nil
	case "high":
		return auction.PriceHigh, nil
	}
	return 0, fmt.Errorf("unknown price rule %q (mid, low or high)", name)
}

// run is the whole program: data, simulation, tables, shape check, plot.
func run(w io.Writer, o options) error {
	if o.days < 7 {
		return fmt.Errorf("-days %d: need at least 7", o.days)
	}
	ids, err := parseScenarios(o.scenarios)
	if err != nil {
		return err
	}
	rule, err := priceRule(o.price)
	if err != nil {
		return err
	}
	fc, err := forecaster(o.forecaster)
	if err != nil {
		return err
	}
	const history = 28
	var nasa, wc []market.Segment
	source := ""
	if !o.synthetic {
		dir := o.data
		if dir == "" {
			dir, err = testdata.Path("web")
		}
		if err == nil {
			nasa, wc, err = loadTraces(dir)
		}
		if err != nil {
			source = fmt.Sprintf("web traces not available (%v): ", err)
			nasa, wc = nil, nil
		}
	}
	if nasa == nil {
		fmt.Fprintf(w, "%sdemand is SYNTHETIC (market.SyntheticDemand, seed %d), not a real trace.\n", source, o.seed)
	}
	fmt.Fprintln(w, "Demand is derived from public web traces (NASA-HTTP 1995, WorldCup98), not the paper's private Apache logs; compare shapes and orderings, not numbers.")
	srv, err := market.PaperDemand(nasa, wc, history, o.days, o.seed)
	if err != nil {
		return err
	}
	scs := make([]market.Scenario, len(ids))
	for k, id := range ids {
		if scs[k], err = market.PaperScenario(id); err != nil {
			return err
		}
	}
	start := time.Now()
	sim, err := market.New(&market.Config{Servers: srv, Forecaster: fc, Price: rule})
	if err != nil {
		return err
	}
	rs, err := sim.RunAll(context.Background(), scs, 0)
	if err != nil {
		return err
	}
	wall := time.Since(start)
	for _, r := range rs {
		if err := r.Verify(); err != nil {
			return fmt.Errorf("scenario %d: %w", r.Scenario.ID, err)
		}
	}
	fmt.Fprintf(w, "%d scenarios × %d OSs × %d days (forecaster %s, SM price %s, seed %d): %.3f s wall, accounting identities verified on every day; the paper reports approximately 36 minutes for one 52-week run.\n\n",
		len(rs), len(srv), o.days, o.forecaster, o.price, o.seed, wall.Seconds())
	tabs := buildTables(sim, srv, rs)
	for _, t := range tabs {
		t.print(w)
	}
	if o.csv != "" {
		if err := os.MkdirAll(o.csv, 0o755); err != nil {
			return err
		}
		for _, t := range tabs {
			if err := t.writeCSV(o.csv); err != nil {
				return err
			}
		}
		fmt.Fprintf(w, "wrote %d CSV files to %s\n", len(tabs), o.csv)
	}
	shapeCheck(w, rs)
	if o.plot != "" {
		if err := writePlot(o.plot, sim, srv, rs); err != nil {
			return err
		}
		fmt.Fprintf(w, "wrote %s\n", o.plot)
	}
	if o.claims != "" {
		if err := claims.Write(o.claims, runClaims(o.days, wall.Seconds(), rs)); err != nil {
			return err
		}
	}
	return nil
}
