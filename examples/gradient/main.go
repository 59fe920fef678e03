// Command gradient reproduces the shape of Fig. 1 of "Live Network Streaming
// with Utilities and Cost" (GRADIENT): total cost versus system size for
// Gradient, a minimum-spanning-tree protocol and naive broadcast, mean ± 1 SD
// over trials on snowball samples of an AS-like graph.
//
// The paper's AS sub-graphs, prices and utilities are unpublished, so only
// the ordering (Gradient < MST < Naive) and the trends are comparable, not the
// dollar values. The pipeline is overlay.RunFig1; this program parses flags,
// prints the table and draws the figure.
//
// Usage:
//
//	go run ./examples/gradient [-quick] [-plot fig1.svg] [-sizes 25:300:25] [-trials 25]
//	    [-seed 1] [-K 16] [-amax 3] [-asrel FILE | -edgelist FILE] [-workers 0]
//	    [-claims FILE]
//
// -claims FILE writes the figures REPRODUCTION.md quotes as a JSON object of
// named numbers (see claims.go; scripts/figures collects it).
//
// Exit status 1 if any trial breaks Gradient ≤ MST or Gradient ≤ Naive
// (impossible by construction).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/cdnkit/cdnkit/overlay"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gradient:", err)
		os.Exit(1)
	}
}

var errViolation = errors.New("a trial broke Gradient ≤ MST or Gradient ≤ Naive")

func parseSizes(s string) ([]int, error) {
	if strings.Contains(s, ":") {
		f := strings.Split(s, ":")
		if len(f) != 3 {
			return nil, fmt.Errorf("-sizes %q: want lo:hi:step", s)
		}
		var v [3]int
		for i, x := range f {
			n, err := strconv.Atoi(x)
			if err != nil || n < 1 {
				return nil, fmt.Errorf("-sizes %q: bad number %q", s, x)
			}
			v[i] = n
		}
		var out []int
		for n := v[0]; n <= v[1]; n += v[2] {
			out = append(out, n)
		}
		return out, nil
	}
	var out []int
	for _, x := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(x))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-sizes %q: bad number %q", s, x)
		}
		out = append(out, n)
	}
	return out, nil
}

func loadBase(asrel, edgelist string) (overlay.Graph, string, error) {
	var path string
	var read func(io.Reader) (*overlay.ASGraph, error)
	switch {
	case asrel != "" && edgelist != "":
		return overlay.Graph{}, "", errors.New("give at most one of -asrel and -edgelist")
	case asrel != "":
		path, read = asrel, overlay.ReadASRel
	case edgelist != "":
		path, read = edgelist, overlay.ReadEdgeList
	default:
		return overlay.Graph{}, "ASLike(10000, 2)", nil
	}
	f, err := os.Open(path)
	if err != nil {
		return overlay.Graph{}, "", err
	}
	defer f.Close()
	g, err := read(f)
	if err != nil {
		return overlay.Graph{}, "", err
	}
	return g.Graph, path, nil
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("gradient", flag.ContinueOnError)
	sizes := fs.String("sizes", "25:300:25", "system sizes, lo:hi:step or a comma list")
	trials := fs.Int("trials", 25, "trials per size")
	seed := fs.Uint64("seed", 1, "random seed")
	k := fs.Int("K", 16, "Gradient offsets")
	amax := fs.Float64("amax", 3, "maximum utility scale α")
	asrel := fs.String("asrel", "", "CAIDA as-rel file for the base graph")
	edgelist := fs.String("edgelist", "", "SNAP edge list for the base graph")
	workers := fs.Int("workers", 0, "parallel trials (0 = GOMAXPROCS)")
	plotFile := fs.String("plot", "", "write the figure as SVG to this file")
	quick := fs.Bool("quick", false, "sizes 25,100,200,300, 5 trials, K = 10")
	claimsFile := fs.String("claims", "", "write the quoted figures as JSON to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *quick {
		*sizes, *trials, *k = "25,100,200,300", 5, 10
	}
	sz, err := parseSizes(*sizes)
	if err != nil {
		return err
	}
	base, baseName, err := loadBase(*asrel, *edgelist)
	if err != nil {
		return err
	}
	start := time.Now()
	rows, err := overlay.RunFig1(context.Background(), &overlay.Fig1Experiment{
		Base: base, Sizes: sz, Trials: *trials, Seed: *seed, K: *k, AlphaMax: *amax, Workers: *workers,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Fig. 1 shape: base %s, %d trials, K = %d, seed %d\n", baseName, *trials, *k, *seed)
	fmt.Fprintf(stdout, "%5s  %20s  %20s  %20s  %13s  %s\n", "N", "Gradient mean ± sd", "MST mean ± sd",
		"Naive mean ± sd", "ratio(Pen/LB)", "ok")
	ok, total, viol := 0, 0, 0
	for _, r := range rows {
		fmt.Fprintf(stdout, "%5d  %9.1f ± %8.1f  %9.1f ± %8.1f  %9.1f ± %8.1f  %13.3f  %d/%d\n", r.N,
			r.GradientMean, r.GradientSD, r.MSTMean, r.MSTSD, r.NaiveMean, r.NaiveSD, r.RatioMean, r.OK, r.Trials)
		ok += r.OK
		total += r.Trials
		viol += r.Violations
	}
	fmt.Fprintf(stdout, "Gradient < MST < Naive in %d/%d trials; %.2f s\n", ok, total, time.Since(start).Seconds())
	if *plotFile != "" {
		if err := drawFig1(rows, *plotFile); err != nil {
			return err
		}
	}
	if *claimsFile != "" {
		if err := writeClaims(*claimsFile, fig1Claims(rows, *trials, *k, time.Since(start).Seconds())); err != nil {
			return err
		}
	}
	if viol > 0 {
		return fmt.Errorf("%w (%d trials)", errViolation, viol)
	}
	return nil
}

// fig1Claims returns the figures of -claims: per size the three means, SDs
// and the mean Penalty/LowerBound ratio; the trial counts with Gradient < MST
// < Naive; the sizes whose means are so ordered; the largest mean ratio and
// the number of sizes with a negative Gradient mean (utility above traffic
// cost).
func fig1Claims(rows []overlay.Fig1Row, trials, k int, wall float64) claimSet {
	c := claimSet{}
	c.Put("trials", float64(trials))
	c.Put("K", float64(k))
	c.Put("sizes", float64(len(rows)))
	c.Put("wall_s", wall)
	var ok, total, viol, ordered, negative int
	ratioMax, nMax := 0.0, 0
	for _, r := range rows {
		p := fmt.Sprintf("n%d.", r.N)
		c.Put(p+"gradient_mean", r.GradientMean)
		c.Put(p+"gradient_sd", r.GradientSD)
		c.Put(p+"mst_mean", r.MSTMean)
		c.Put(p+"mst_sd", r.MSTSD)
		c.Put(p+"naive_mean", r.NaiveMean)
		c.Put(p+"naive_sd", r.NaiveSD)
		c.Put(p+"ratio_mean", r.RatioMean)
		c.Put(p+"ok", float64(r.OK))
		ok += r.OK
		total += r.Trials
		viol += r.Violations
		if r.GradientMean < r.MSTMean && r.MSTMean < r.NaiveMean {
			ordered++
		}
		if r.GradientMean < 0 {
			negative++
		}
		ratioMax = max(ratioMax, r.RatioMean)
		nMax = max(nMax, r.N)
	}
	c.Put("trials_ok", float64(ok))
	c.Put("trials_total", float64(total))
	c.Put("violations", float64(viol))
	c.Put("sizes_ordered", float64(ordered))
	c.Put("sizes_negative", float64(negative))
	c.Put("ratio_mean_max", ratioMax)
	c.Put("n_max", float64(nMax))
	return c
}

// meanSD adapts a column of Fig1Row to plotter.XYer and plotter.YErrorer.
type meanSD struct {
	x, y, sd []float64
}

func (m meanSD) Len() int                        { return len(m.x) }
func (m meanSD) XY(i int) (float64, float64)     { return m.x[i], m.y[i] }
func (m meanSD) YError(i int) (float64, float64) { return m.sd[i], m.sd[i] }

func drawFig1(rows []overlay.Fig1Row, file string) error {
	p := plot.New()
	p.Title.Text = "Total cost vs system size (shape of GRADIENT Fig. 1)"
	p.X.Label.Text = "System Size [# of Nodes]"
	p.Y.Label.Text = "Total Cost [$]"
	cols := []struct {
		name string
		get  func(overlay.Fig1Row) (float64, float64)
	}{
		{"Gradient", func(r overlay.Fig1Row) (float64, float64) { return r.GradientMean, r.GradientSD }},
		{"MST", func(r overlay.Fig1Row) (float64, float64) { return r.MSTMean, r.MSTSD }},
		{"Naive Broadcast", func(r overlay.Fig1Row) (float64, float64) { return r.NaiveMean, r.NaiveSD }},
	}
	for i, c := range cols {
		var d meanSD
		for _, r := range rows {
			m, s := c.get(r)
			d.x, d.y, d.sd = append(d.x, float64(r.N)), append(d.y, m), append(d.sd, s)
		}
		line, pts, err := plotter.NewLinePoints(d)
		if err != nil {
			return err
		}
		col := plotColors[i]
		line.Color, pts.Color = col, col
		bars, err := plotter.NewYErrorBars(d)
		if err != nil {
			return err
		}
		bars.Color = col
		p.Add(line, pts, bars)
		p.Legend.Add(c.name, line, pts)
	}
	p.Legend.Top = true
	p.Legend.Left = true
	return p.Save(6*vg.Inch, 4*vg.Inch, file)
}
