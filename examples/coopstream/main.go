// Command coopstream reproduces the shapes of the cooperative streaming paper's
// Fig. 4 (average bitrate) and Fig. 5 (social welfare) — versus the share of
// video users (20/50/80 %) and the network-condition bucket, under full,
// ISF-like, NWF-like and no cooperation — and of its single-user comparison
// (Fig. 8), running the Lyapunov scheduler of package lyapunov against the
// baselines of package device (BufferBased, ChannelPrediction) and BOLA.
//
// Usage:
//
//	go run ./examples/coopstream [-quick] [-traces DIR] [-users 50] [-shares 0.2,0.5,0.8]
//	    [-coop full,isf,nwf,none] [-runs 10] [-single 1000] [-V 20] [-seed 1] [-workers 0]
//	    [-tune] [-bound 100] [-plot FILE.svg] [-claims FILE]
//
// -traces defaults to ../shared/data/throughput when present, otherwise the
// synthetic pool device.SyntheticPool(200, rand.NewPCG(1, 2)). The baselines use
// the fixed owner rule device.DefaultOwnerRule() unless -tune grid-searches it
// (device.TuneOwnerRule on separate seeds, per share and bucket). -quick runs
// 20 users, 2 runs per cell, shares 0.2 and 0.8 and 100 single-user runs.
//
// Tables on stdout: Table 1 (Fig. 4) mean average bitrate per share × bucket
// row and policy × mode column, with Lyapunov's cooperation gain over no
// cooperation; Table 2 (Fig. 5) the same for social welfare; Table 3 (Fig. 8)
// single-user bitrate, welfare and stall per bucket and policy, and Lyapunov's
// gains over each baseline. -plot FILE writes FILE (Fig. 4), <stem>-welfare.svg
// (Fig. 5) and <stem>-single.svg (Fig. 8). -claims FILE writes the figures
// REPRODUCTION.md quotes (the tables' cells, gains, orderings and wall time) as
// a JSON object of named numbers (see claims.go; scripts/figures collects it).
//
// The online/upper-bound ratio (the paper: 97 % on average) comes from package
// timeslot's certified upper bound, computed for the first -bound single-user
// runs (upperBound in bound.go).
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"strconv"
	"strings"
)

type config struct {
	traces  string
	users   int
	shares  []float64
	modes   []string
	runs    int
	single  int
	V       float64
	seed    uint64
	workers int
	tune    bool
	bound   int
	plot    string
	quick   bool
	// claimsFile, when set, receives the figures as JSON (-claims).
	claimsFile string
}

func main() {
	var c config
	var shares, coop string
	flag.StringVar(&c.traces, "traces", "", "trace directory (default ../shared/data/throughput, else a synthetic pool)")
	flag.IntVar(&c.users, "users", 50, "users per multi-user scenario")
	flag.StringVar(&shares, "shares", "0.2,0.5,0.8", "comma-separated video-user shares")
	flag.StringVar(&coop, "coop", "full,isf,nwf,none", "comma-separated cooperation modes: full, isf, nwf, none")
	flag.IntVar(&c.runs, "runs", 10, "scenarios per share × bucket cell")
	flag.IntVar(&c.single, "single", 1000, "single-user experiments")
	flag.Float64Var(&c.V, "V", 20, "Lyapunov weight V (s² per value unit)")
	flag.Uint64Var(&c.seed, "seed", 1, "random seed")
	flag.IntVar(&c.workers, "workers", 0, "parallel workers (0: GOMAXPROCS)")
	flag.BoolVar(&c.tune, "tune", false, "grid-search the baselines' owner rule (device.TuneOwnerRule) on separate seeds")
	flag.IntVar(&c.bound, "bound", 100, "single-user runs that also get timeslot's certified upper bound")
	flag.StringVar(&c.plot, "plot", "", "write SVG figures: FILE (Fig. 4), <stem>-welfare.svg, <stem>-single.svg")
	flag.BoolVar(&c.quick, "quick", false, "small run: 20 users, 2 runs per cell, shares 0.2,0.8, 100 single-user runs, no tuning")
	flag.StringVar(&c.claimsFile, "claims", "", "write the quoted figures as JSON to this file")
	flag.Parse()
	var err error
	if c.shares, err = parseShares(shares); err != nil {
		log.Fatal(err)
	}
	if c.modes, err = parseModes(coop); err != nil {
		log.Fatal(err)
	}
	if c.quick {
		c.users, c.runs, c.shares, c.single, c.bound, c.tune = 20, 2, []float64{0.2, 0.8}, 100, 10, false
	}
	if err := run(context.Background(), os.Stdout, c); err != nil {
		log.Fatal(err)
	}
}

func parseShares(s string) ([]float64, error) {
	var out []float64
	for _, f := range strings.Split(s, ",") {
		x, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || !(x >= 0 && x <= 1) {
			return nil, fmt.Errorf("bad share %q (want a number in [0, 1])", f)
		}
		out = append(out, x)
	}
	return out, nil
}

func parseModes(s string) ([]string, error) {
	var out []string
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		switch f {
		case "full", "isf", "nwf", "none":
			out = append(out, f)
		default:
			return nil, fmt.Errorf("unknown cooperation %q (want full, isf, nwf or none)", f)
		}
	}
	return out, nil
}
