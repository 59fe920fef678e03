// Command gopeer is the Go side of the bench/peers harness: it writes the
// generated inputs that cdnkit and every peer read, times cdnkit on them and
// prints the comparison table. It is run by bench/peers/run and is not part of
// `go test ./...`.
//
// Usage:
//
//	gopeer gen   -dir D [-quick]     write the inputs under D
//	gopeer run   -dir D [-quick] W   time cdnkit on work group W (options, kre, em, overlay, lp)
//	gopeer table -dir D              print the table from D/results
//
// Every result file D/results/<work>/<peer>.out has a first line
// "ns_per_op X" followed by the result values, one per line ("nan" where the
// peer failed on an input). The table pairs every peer file with the cdnkit.out
// of the same work.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	cmd := os.Args[1]
	fs := flag.NewFlagSet(cmd, flag.ExitOnError)
	dir := fs.String("dir", "", "work folder (inputs and results)")
	quick := fs.Bool("quick", false, "smaller instances (the -quick run)")
	data := fs.String("data", "", "shared data folder (default: internal/testdata lookup)")
	if err := fs.Parse(os.Args[2:]); err != nil {
		fatal(err)
	}
	if *dir == "" {
		usage()
	}
	cfg := config{dir: *dir, quick: *quick, data: *data}
	var err error
	switch cmd {
	case "gen":
		err = generate(cfg)
	case "run":
		if fs.NArg() != 1 {
			usage()
		}
		err = runWork(cfg, fs.Arg(0))
	case "table":
		err = printTable(os.Stdout, filepath.Join(cfg.dir, "results"))
	default:
		usage()
	}
	if err != nil {
		fatal(err)
	}
}

type config struct {
	dir   string
	quick bool
	data  string
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: gopeer gen|run|table -dir D [-quick] [work]")
	os.Exit(2)
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "gopeer:", err)
	os.Exit(1)
}

func generate(cfg config) error {
	for _, g := range []func(config) error{genOptions, genKRE, genEM, genOverlay, genLP} {
		if err := g(cfg); err != nil {
			return err
		}
	}
	return nil
}

func runWork(cfg config, work string) error {
	switch work {
	case "options":
		return runOptions(cfg)
	case "kre":
		return runKRE(cfg)
	case "em":
		return runEM(cfg)
	case "overlay":
		return runOverlay(cfg)
	case "lp":
		return runLP(cfg)
	}
	return fmt.Errorf("unknown work group %q", work)
}

// minTime is the least total time spent on one timed batch.
func minTime(cfg config) time.Duration {
	if cfg.quick {
		return 200 * time.Millisecond
	}
	return time.Second
}

// timeIt runs f once untimed (warm-up) when warm is set, then in rounds of
// at least d/5 each, until d has passed (at most 5 rounds, at least 1), and
// returns the best round's mean time per call divided by ops. The best round
// is the figure least disturbed by other jobs on a shared machine; every
// driver of the harness uses the same rule.
func timeIt(d time.Duration, ops int, warm bool, f func() error) (float64, error) {
	if warm {
		if err := f(); err != nil {
			return 0, err
		}
	}
	best := math.Inf(1)
	start := time.Now()
	for round := 0; round < 5; round++ {
		reps := 0
		t0 := time.Now()
		for {
			if err := f(); err != nil {
				return 0, err
			}
			reps++
			if time.Since(t0) >= d/5 {
				break
			}
		}
		best = math.Min(best, float64(time.Since(t0).Nanoseconds())/float64(reps))
		if time.Since(start) >= d {
			break
		}
	}
	return best / float64(ops), nil
}

// writeResult writes dir/results/<work>/cdnkit.out with the agreement
// tolerance tolRel (0: informational, the peer solves a different problem or
// to a different accuracy) and appends work to dir/results/works.txt.
func writeResult(cfg config, work string, nsPerOp, tolRel float64, vals []float64) error {
	return writeResultFloor(cfg, work, nsPerOp, tolRel, vals, nil)
}

// writeResultFloor is writeResult with a per-value floor: a pair of values
// both smaller in magnitude than floor[i] enters only the absolute difference
// (a peer's rounding noise, such as QuantLib's negative far out-of-the-money
// prices, has no meaningful relative error).
func writeResultFloor(cfg config, work string, nsPerOp, tolRel float64, vals, floor []float64) error {
	p := filepath.Join(cfg.dir, "results", filepath.FromSlash(work), "cdnkit.out")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "ns_per_op %.6g\n", nsPerOp)
	if tolRel > 0 {
		fmt.Fprintf(w, "tol_rel %g\n", tolRel)
	}
	for i, v := range vals {
		w.WriteString(fmtG(v))
		if floor != nil {
			w.WriteByte(' ')
			w.WriteString(fmtG(floor[i]))
		}
		w.WriteByte('\n')
	}
	if err := closeFile(f, w); err != nil {
		return err
	}
	lst, err := os.OpenFile(filepath.Join(cfg.dir, "results", "works.txt"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintln(lst, work); err != nil {
		lst.Close()
		return err
	}
	return lst.Close()
}

// createFile creates dir/elem..., making its folder.
func createFile(cfg config, elem ...string) (*os.File, *bufio.Writer, error) {
	p := filepath.Join(append([]string{cfg.dir, "in"}, elem...)...)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, nil, err
	}
	f, err := os.Create(p)
	if err != nil {
		return nil, nil, err
	}
	return f, bufio.NewWriter(f), nil
}

func closeFile(f *os.File, w *bufio.Writer) error {
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// readFloats reads every whitespace-separated number of the file
// dir/in/elem..., in order.
func readFloats(cfg config, elem ...string) ([]float64, error) {
	b, err := os.ReadFile(filepath.Join(append([]string{cfg.dir, "in"}, elem...)...))
	if err != nil {
		return nil, err
	}
	fields := strings.Fields(string(b))
	out := make([]float64, len(fields))
	for i, s := range fields {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: field %d: %w", filepath.Join(elem...), i, err)
		}
		out[i] = v
	}
	return out, nil
}

func fmtG(v float64) string {
	if math.IsNaN(v) {
		return "nan"
	}
	return strconv.FormatFloat(v, 'g', 17, 64)
}
