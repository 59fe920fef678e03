// Command tour runs a short tour of every cdnkit package, on embedded
// defaults, printing a few lines for each. It needs no data files and
// finishes in a few seconds.
//
//	go run ./examples/tour            # every step
//	go run ./examples/tour -only kre  # one step
//
// Each step lives in its own file, tour_<package>.go, and registers itself
// with step; main runs them in the package order of the README.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"time"
)

// order is the README's package order; steps run in it.
var order = []string{
	"options", "kre", "auction", "market",
	"em", "game", "ott", "ledger", "device",
	"lyapunov", "lp", "timeslot",
	"overlay", "swarm", "repro",
}

var steps = map[string]func(io.Writer) error{}

// step registers a tour step under name; called from the files' init.
func step(name string, f func(io.Writer) error) {
	if !slices.Contains(order, name) {
		panic("tour: step " + name + " missing from order")
	}
	steps[name] = f
}

func main() {
	only := flag.String("only", "", "run only the named step")
	quick := flag.Bool("quick", false, "accepted for uniformity with the other examples; the tour is always quick")
	flag.Parse()
	_ = *quick
	if err := run(os.Stdout, *only); err != nil {
		fmt.Fprintln(os.Stderr, "tour:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, only string) error {
	start := time.Now()
	ran := 0
	for _, name := range order {
		f, ok := steps[name]
		if !ok || (only != "" && only != name) {
			continue
		}
		fmt.Fprintf(w, "== %s\n", name)
		if err := f(w); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		ran++
	}
	if only != "" && ran == 0 {
		return fmt.Errorf("no step named %q", only)
	}
	fmt.Fprintf(w, "\ntour: %d steps in %.2g s\n", ran, time.Since(start).Seconds())
	return nil
}
