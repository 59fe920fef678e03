// Command streamsim runs the single-user and multi-user baselines of package device on
// throughput traces and prints the network-condition composition that the cooperative
// streaming paper's figures are bucketed by: one table per bucket of DefaultBuckets (traces,
// mean capacity; per policy average bitrate, stall, welfare and QoE_lin of single-user runs),
// then one multi-user row per policy, with and without cooperation.
//
// Usage:
//
//	go run ./examples/streamsim [-quick] [-traces DIR] [-runs 200] [-users 50] [-share 0.5]
//	    [-coop full|isf|nwf|none] [-policy bba,harmonic,panda] [-seed 1] [-workers 0] [-plot FILE.svg]
//	    [-claims FILE]
//
// -traces defaults to ../shared/data/throughput when present, otherwise the synthetic pool
// device.SyntheticPool(200, rand.NewPCG(1, 2)). Both baselines use device.DefaultOwnerRule().
// -claims FILE writes the figures REPRODUCTION.md quotes as a JSON object of named numbers
// (see claims.go; scripts/figures collects it).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"image/color"
	"io"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"text/tabwriter"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/internal/testdata"
)

type config struct {
	traces  string
	runs    int
	users   int
	share   float64
	coop    string
	policy  string
	seed    uint64
	workers int
	plot    string
	quick   bool
	// claimsFile, when set, receives the figures as JSON (-claims).
	claimsFile string
}

func main() {
	var c config
	flag.StringVar(&c.traces, "traces", "", "trace directory (default ../shared/data/throughput, else a synthetic pool)")
	flag.IntVar(&c.runs, "runs", 200, "single-user runs per bucket")
	flag.IntVar(&c.users, "users", 50, "users of the multi-user run")
	flag.Float64Var(&c.share, "share", 0.5, "share of video users in the multi-user run")
	flag.StringVar(&c.coop, "coop", "full", "cooperation of the multi-user run: full, isf, nwf or none")
	flag.StringVar(&c.policy, "policy", "bba,harmonic", "comma-separated policies: bba, harmonic, panda")
	flag.Uint64Var(&c.seed, "seed", 1, "random seed")
	flag.IntVar(&c.workers, "workers", 0, "parallel workers (0: GOMAXPROCS)")
	flag.StringVar(&c.plot, "plot", "", "write an SVG figure to this file")
	flag.BoolVar(&c.quick, "quick", false, "small run (-runs 20 -users 20)")
	flag.StringVar(&c.claimsFile, "claims", "", "write the quoted figures as JSON to this file")
	flag.Parse()
	if c.quick {
		c.runs, c.users = 20, 20
	}
	if err := run(context.Background(), os.Stdout, c); err != nil {
		log.Fatal(err)
	}
}

type policy struct {
	name string
	mk   func() device.Policy
}

func parsePolicies(s string) ([]policy, error) {
	var out []policy
	for _, n := range strings.Split(s, ",") {
		switch strings.TrimSpace(n) {
		case "bba":
			out = append(out, policy{"bba", func() device.Policy { return &device.BufferBased{Owner: device.DefaultOwnerRule()} }})
		case "harmonic":
			out = append(out, policy{"harmonic", func() device.Policy { return &device.ChannelPrediction{Owner: device.DefaultOwnerRule()} }})
		case "panda":
			out = append(out, policy{"panda", func() device.Policy {
				return &device.ChannelPrediction{Predictor: device.PredictPANDA, Owner: device.DefaultOwnerRule()}
			}})
		default:
			return nil, fmt.Errorf("unknown policy %q (want bba, harmonic or panda)", n)
		}
	}
	return out, nil
}

func parseCoop(s string) (device.Cooperation, error) {
	for _, c := range []device.Cooperation{device.CoopFull, device.CoopISFLike, device.CoopNWFLike, device.CoopNone} {
		if c.String() == s {
			return c, nil
		}
	}
	return 0, fmt.Errorf("unknown cooperation %q (want full, isf, nwf or none)", s)
}

func loadTraces(dir string) ([]*device.Trace, string, error) {
	if dir == "" {
		p, err := testdata.Path("throughput")
		if err != nil {
			return device.SyntheticPool(200, rand.NewPCG(1, 2)), "synthetic pool (200 traces; shared data not available)", nil
		}
		dir = p
	}
	trs, err := device.LoadTraceDir(os.DirFS(dir), ".")
	if err != nil {
		return nil, "", err
	}
	return trs, fmt.Sprintf("%s (%d traces)", dir, len(trs)), nil
}

type cell struct{ bitrate, stall, welfare, qoe float64 }

func run(ctx context.Context, w io.Writer, c config) error {
	if c.runs < 1 || c.users < 1 || !(c.share >= 0 && c.share <= 1) {
		return errors.New("streamsim: -runs and -users must be ≥ 1 and -share in [0, 1]")
	}
	pols, err := parsePolicies(c.policy)
	if err != nil {
		return err
	}
	coop, err := parseCoop(c.coop)
	if err != nil {
		return err
	}
	traces, src, err := loadTraces(c.traces)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "traces: %s\n\n", src)
	var cl claimSet
	if c.claimsFile != "" {
		cl = claimSet{}
	}
	cl.Put("traces", float64(len(traces)))
	cl.Put("runs", float64(c.runs))
	cl.Put("users", float64(c.users))
	buckets := device.DefaultBuckets()
	res := make([][]cell, len(buckets)) // [bucket][policy]
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	for bi, b := range buckets {
		pool := device.InBucket(traces, b)
		mean := 0.0
		for _, tr := range pool {
			mean += tr.Mean() / float64(len(pool))
		}
		fmt.Fprintf(w, "bucket %s Mbps: %d traces, mean capacity %.4g Mbps\n", b, len(pool), mean)
		bk := fmt.Sprintf("b%d.", bi)
		cl.Put(bk+"traces", float64(len(pool)))
		if len(pool) > 0 {
			cl.Put(bk+"mean_mbps", mean)
		}
		res[bi] = make([]cell, len(pols))
		if len(pool) == 0 {
			fmt.Fprintln(w)
			continue
		}
		fmt.Fprintf(tw, "policy\tbitrate (Mbps)\tstall (s)\twelfare\tQoE_lin\t\n")
		for pi, p := range pols {
			var jobs []device.Job
			for r := range c.runs {
				rr := rand.New(rand.NewPCG(c.seed, uint64(r)))
				tr := pool[rr.IntN(len(pool))]
				sc, err := device.NewSingleUserScenario(tr, rr.Float64()*tr.Period, device.SingleConfig{})
				if err != nil {
					return err
				}
				jobs = append(jobs, device.Job{Scenario: sc, NewPolicy: p.mk})
			}
			out, err := device.SimulateMany(ctx, jobs, c.workers)
			if err != nil {
				return err
			}
			var m cell
			n := float64(len(out))
			for _, o := range out {
				m.bitrate += o.AvgBitrate / n
				m.stall += o.Stall / n
				m.welfare += o.Welfare / n
				m.qoe += o.Users[0].QoE / n
			}
			res[bi][pi] = m
			cl.Put(bk+p.name+".bitrate", m.bitrate)
			cl.Put(bk+p.name+".stall", m.stall)
			cl.Put(bk+p.name+".welfare", m.welfare)
			cl.Put(bk+p.name+".qoe", m.qoe)
			fmt.Fprintf(tw, "%s\t%.4g\t%.4g\t%.4g\t%.4g\t\n", p.name, m.bitrate, m.stall, m.welfare, m.qoe)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}
	sc, err := device.NewPaperScenario(device.PaperConfig{Users: c.users, VideoShare: c.share, Traces: traces, Coop: coop}, rand.NewPCG(c.seed, 2))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "multi-user: %d users, video share %.4g, cooperation %v vs none\n", c.users, c.share, coop)
	fmt.Fprintf(tw, "policy\twelfare\tbitrate (Mbps)\tstall (s)\tenergy (J)\twelfare alone\tbitrate alone\tstall alone\t\n")
	for _, p := range pols {
		out, err := device.SimulateMany(ctx, []device.Job{
			{Scenario: sc, NewPolicy: p.mk},
			{Scenario: sc.WithMobility(device.NoCooperation(c.users)), NewPolicy: p.mk},
		}, c.workers)
		if err != nil {
			return err
		}
		a, b := out[0], out[1]
		fmt.Fprintf(tw, "%s\t%.4g\t%.4g\t%.4g\t%.4g\t%.4g\t%.4g\t%.4g\t\n", p.name, a.Welfare, a.AvgBitrate, a.Stall, a.Energy, b.Welfare, b.AvgBitrate, b.Stall)
		mk := "multi." + p.name + "."
		cl.Put(mk+"welfare", a.Welfare)
		cl.Put(mk+"bitrate", a.AvgBitrate)
		cl.Put(mk+"stall", a.Stall)
		cl.Put(mk+"welfare_alone", b.Welfare)
		cl.Put(mk+"bitrate_alone", b.AvgBitrate)
		cl.Put(mk+"stall_alone", b.Stall)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if c.plot != "" {
		if err := writePlot(c.plot, traces, buckets, pols, res); err != nil {
			return err
		}
		fmt.Fprintf(w, "\nfigure written to %s\n", c.plot)
	}
	if c.claimsFile != "" {
		return writeClaims(c.claimsFile, cl)
	}
	return nil
}

func writePlot(path string, traces []*device.Trace, buckets []device.Bucket, pols []policy, res [][]cell) error {
	means := make(plotter.Values, len(traces))
	hi := 0.0
	for k, tr := range traces {
		means[k] = tr.Mean()
		hi = math.Max(hi, means[k])
	}
	p1 := plot.New()
	p1.Title.Text = "Trace mean capacity"
	p1.X.Label.Text = "mean capacity (Mbps)"
	p1.Y.Label.Text = "traces"
	h, err := plotter.NewHist(means, 40)
	if err != nil {
		return err
	}
	p1.Add(h)
	for _, b := range buckets[1:] {
		l, err := plotter.NewLine(plotter.XYs{{X: b.Lo, Y: 0}, {X: b.Lo, Y: float64(len(traces)) / 4}})
		if err != nil {
			return err
		}
		l.Color = color.RGBA{R: 200, A: 255}
		l.Dashes = []vg.Length{vg.Points(4), vg.Points(2)}
		p1.Add(l)
	}
	p2 := plot.New()
	p2.Title.Text = "Single-user welfare per bucket"
	p2.Y.Label.Text = "mean welfare"
	names := make([]string, len(buckets))
	for k, b := range buckets {
		names[k] = b.String()
	}
	p2.NominalX(names...)
	w := vg.Points(12)
	colors := []color.Color{color.RGBA{B: 200, A: 255}, color.RGBA{G: 160, A: 255}, color.RGBA{R: 200, G: 120, A: 255}}
	for pi, p := range pols {
		vals := make(plotter.Values, len(buckets))
		for bi := range buckets {
			vals[bi] = res[bi][pi].welfare
		}
		bc, err := plotter.NewBarChart(vals, w)
		if err != nil {
			return err
		}
		bc.Color = colors[pi%len(colors)]
		bc.Offset = w * vg.Length(float64(pi)-float64(len(pols)-1)/2)
		p2.Add(bc)
		p2.Legend.Add(p.name, bc)
	}
	p2.Legend.Top = true
	c := vgsvg.New(9*vg.Inch, 4*vg.Inch)
	tiles := draw.Tiles{Rows: 1, Cols: 2, PadX: vg.Millimeter * 4, PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 2}
	canvases := plot.Align([][]*plot.Plot{{p1, p2}}, tiles, draw.New(c))
	p1.Draw(canvases[0][0])
	p2.Draw(canvases[0][1])
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := c.WriteTo(f); err != nil {
		_ = f.Close() // the write error is the one to report
		return err
	}
	return f.Close()
}
