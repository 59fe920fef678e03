// Command vformation reproduces the shapes of Figs. 11, 15 and 16 of
// R. S. Peterson, B. Wong, E. G. Sirer, "A Content Propagation Metric for
// Efficient Content Distribution", ACM SIGCOMM 2011
// (doi:10.1145/2018436.2018474) with package swarm:
//
//   - Fig. 11: aggregate bandwidth of BTEqualSplit, GlobalRarest, Antfarm,
//     VFormation and the fluid-optimal static allocation on the movie
//     library, with the fluid upper bound F*;
//   - Fig. 15: per-swarm bandwidth of VFormation in the churn scenario and
//     the re-convergence after each membership change;
//   - Fig. 16: mean aggregate bandwidth against a fixed τ, and the adaptive
//     selector's result and choices.
//
// Usage:
//
//	go run ./examples/vformation [-quick] [-fig 11,15,16] [-seeds 3] [-seed 1]
//	    [-peers 800] [-movies 100] [-scale 0.1] [-workers 0] [-plot out.svg]
//	    [-claims FILE]
//
// -claims FILE writes the figures REPRODUCTION.md quotes as a JSON object of
// named numbers (see claims.go; scripts/figures collects it).
//
// Every run uses rand.NewPCG(seed, job); the output is the same for any
// worker count.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/cdnkit/cdnkit/swarm"
)

type config struct {
	figs    map[string]bool
	seeds   int
	seed    uint64
	peers   int
	movies  int
	scale   float64
	workers int
	quick   bool
	plot    string
	// claimsFile, when set, receives claims as JSON (-claims).
	claimsFile string
	claims     claimSet
}

func main() {
	var c config
	figs := flag.String("fig", "11,15,16", "figures to reproduce, comma separated")
	flag.IntVar(&c.seeds, "seeds", 3, "number of library seeds (Fig. 11)")
	seed := flag.Uint64("seed", 1, "first seed")
	flag.IntVar(&c.peers, "peers", 800, "library peers")
	flag.IntVar(&c.movies, "movies", 100, "library movies")
	flag.Float64Var(&c.scale, "scale", 0.1, "peer link scale (LinkScale)")
	flag.IntVar(&c.workers, "workers", 0, "parallel runs (0 = GOMAXPROCS)")
	flag.BoolVar(&c.quick, "quick", false, "small instances (< 30 s on 2 cores)")
	flag.StringVar(&c.plot, "plot", "", "write an SVG with one panel per figure to this file")
	flag.StringVar(&c.claimsFile, "claims", "", "write the quoted figures as JSON to this file")
	flag.Parse()
	c.seed = *seed
	c.figs = map[string]bool{}
	for _, f := range strings.Split(*figs, ",") {
		c.figs[strings.TrimSpace(f)] = true
	}
	if err := run(context.Background(), os.Stdout, c); err != nil {
		fmt.Fprintln(os.Stderr, "vformation:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, c config) error {
	if c.quick {
		c.peers, c.movies, c.seeds = 300, 40, 1
	}
	if c.seeds < 1 || c.peers < 1 || c.movies < 1 || c.workers < 0 {
		return fmt.Errorf("-seeds, -peers and -movies must be positive and -workers non-negative")
	}
	if c.claimsFile != "" {
		c.claims = claimSet{}
	}
	var panels []*plot.Plot
	if c.figs["11"] {
		p, err := fig11(ctx, w, c)
		if err != nil {
			return err
		}
		panels = append(panels, p)
	}
	if c.figs["15"] || c.figs["16"] {
		sc, err := churnScenario(c)
		if err != nil {
			return err
		}
		if c.figs["15"] {
			p, err := fig15(ctx, w, c, sc)
			if err != nil {
				return err
			}
			panels = append(panels, p)
		}
		if c.figs["16"] {
			ps, err := fig16(ctx, w, c, sc)
			if err != nil {
				return err
			}
			panels = append(panels, ps...)
		}
	}
	if c.plot != "" && len(panels) > 0 {
		if err := writeSVG(c.plot, panels); err != nil {
			return err
		}
	}
	if c.claimsFile != "" {
		return writeClaims(c.claimsFile, c.claims)
	}
	return nil
}

var policies = []string{"BTEqualSplit", "GlobalRarest", "Antfarm", "VFormation", "FluidStatic"}

func newPolicy(name string, b *swarm.Bound) func() swarm.Allocator {
	return func() swarm.Allocator {
		switch name {
		case "BTEqualSplit":
			return swarm.BTEqualSplit{}
		case "GlobalRarest":
			return swarm.GlobalRarest{}
		case "Antfarm":
			return &swarm.Antfarm{}
		case "VFormation":
			return &swarm.VFormation{}
		}
		return &swarm.StaticAllocation{X: b.X, Label: "FluidStatic"}
	}
}

func fig11(ctx context.Context, w io.Writer, c config) (*plot.Plot, error) {
	cfg := swarm.LibraryConfig{Movies: c.movies, Peers: c.peers, LinkScale: c.scale}
	if c.quick {
		cfg.Duration = 20 * time.Minute
	}
	var jobs []swarm.Job
	var bounds []*swarm.Bound
	var scs []*swarm.Scenario
	for k := 0; k < c.seeds; k++ {
		seed := c.seed + uint64(k)
		sc, err := swarm.LibraryScenario(cfg, rand.NewPCG(seed, 0))
		if err != nil {
			return nil, err
		}
		b, err := swarm.FluidBound(sc, 0, sc.Duration)
		if err != nil {
			return nil, err
		}
		scs, bounds = append(scs, sc), append(bounds, b)
		for j, name := range policies {
			jobs = append(jobs, swarm.Job{Scenario: sc, NewAllocator: newPolicy(name, b), Settings: &swarm.Settings{Src: rand.NewPCG(seed, uint64(j+1))}})
		}
	}
	res, err := swarm.SimulateMany(ctx, jobs, c.workers)
	if err != nil {
		return nil, err
	}
	np := len(policies)
	mean := make([]float64, np)
	half := make([]float64, np)
	ratio := make([]float64, np)
	conv := make([]float64, np)
	convN := make([]int, np)
	var fstar float64
	for k := 0; k < c.seeds; k++ {
		d := scs[k].Duration
		fstar += bounds[k].Total / float64(c.seeds)
		bt := res[k*np].MeanAggregate(0, d)
		for j := range policies {
			r := res[k*np+j]
			m := r.MeanAggregate(0, d)
			mean[j] += m / float64(c.seeds)
			half[j] += r.MeanAggregate(d/2, d) / float64(c.seeds)
			ratio[j] += m / bt / float64(c.seeds)
			if t, ok := swarm.ConvergenceTime(r.Aggregate, r.Step, 2*time.Minute, 0.1); ok {
				conv[j] += t.Seconds()
				convN[j]++
			}
		}
	}
	fmt.Fprintf(w, "Fig. 11 — library: %d movies, %d peers, %v, %d seed(s) from %d; F* = %.4g KB/s\n",
		c.movies, c.peers, scs[0].Duration, c.seeds, c.seed, fstar/1000)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "policy\tmean KB/s\t2nd half KB/s\t/ BitTorrent\tconvergence s\t")
	for j, name := range policies {
		cv := "—"
		if convN[j] > 0 {
			cv = fmt.Sprintf("%.4g", conv[j]/float64(convN[j]))
		}
		fmt.Fprintf(tw, "%s\t%.4g\t%.4g\t%.3g\t%s\t\n", name, mean[j]/1000, half[j]/1000, ratio[j], cv)
	}
	if err := tw.Flush(); err != nil {
		return nil, err
	}
	fmt.Fprintf(w, "V-Formation / BitTorrent = %.2f  (paper: 1.66)\n", ratio[3])
	c.claims.Put("fig11.seeds", float64(c.seeds))
	c.claims.Put("fig11.peers", float64(c.peers))
	c.claims.Put("fig11.movies", float64(c.movies))
	c.claims.Put("fig11.duration_s", scs[0].Duration.Seconds())
	c.claims.Put("fig11.fstar_kbs", fstar/1000)
	c.claims.Put("fig11.vf_over_bt", ratio[3])
	for j, name := range policies {
		p := "fig11." + strings.ToLower(name) + "."
		c.claims.Put(p+"mean_kbs", mean[j]/1000)
		c.claims.Put(p+"half_kbs", half[j]/1000)
		c.claims.Put(p+"over_bt", ratio[j])
		c.claims.Put(p+"converged_seeds", float64(convN[j]))
		if convN[j] > 0 {
			c.claims.Put(p+"convergence_s", conv[j]/float64(convN[j]))
		}
	}
	if convN[2] > 0 && convN[3] > 0 && conv[3] > 0 {
		fmt.Fprintf(w, "Antfarm / V-Formation convergence time = %.1f  (paper: 4)\n\n", (conv[2]/float64(convN[2]))/(conv[3]/float64(convN[3])))
		c.claims.Put("fig11.antfarm_over_vf_convergence", (conv[2]/float64(convN[2]))/(conv[3]/float64(convN[3])))
	} else {
		fmt.Fprintf(w, "Antfarm / V-Formation convergence time = n/a  (paper: 4)\n\n")
	}

	p := plot.New()
	p.Title.Text = "Fig. 11: aggregate bandwidth (seed " + fmt.Sprint(c.seed) + ")"
	p.X.Label.Text = "time (s)"
	p.Y.Label.Text = "KB/s (60 s moving average)"
	var lines []any
	for j, name := range policies {
		lines = append(lines, name, series(res[j].Aggregate, res[j].Step, 60, 1000))
	}
	f := bounds[0].Total / 1000
	lines = append(lines, "F*", plotter.XYs{{X: 0, Y: f}, {X: scs[0].Duration.Seconds(), Y: f}})
	if err := plotutil.AddLines(p, lines...); err != nil {
		return nil, err
	}
	return p, nil
}

func series(v []float64, step time.Duration, window int, div float64) plotter.XYs {
	ma := swarm.MovingAverage(nil, v, window)
	every := max(1, len(ma)/400)
	var xy plotter.XYs
	for i := 0; i < len(ma); i += every {
		xy = append(xy, plotter.XY{X: float64(i+1) * step.Seconds(), Y: ma[i] / div})
	}
	return xy
}

func churnScenario(c config) (*swarm.Scenario, error) {
	cfg := swarm.ChurnConfig{LinkScale: c.scale}
	if c.quick {
		cfg.SwarmPeers, cfg.JoinAt, cfg.LeaveAt, cfg.Duration = 20, 1000*time.Second, 2000*time.Second, 3000*time.Second
	}
	return swarm.ChurnScenario(cfg, rand.NewPCG(c.seed, 0))
}

// phases returns the churn scenario's three phases.
func phases(sc *swarm.Scenario) [3][2]time.Duration {
	var join, leave time.Duration
	for _, h := range sc.Hosts {
		if h.Join > 0 {
			join = h.Join
		}
		if h.Leave > 0 {
			leave = h.Leave
		}
	}
	return [3][2]time.Duration{{0, join}, {join, leave}, {leave, sc.Duration}}
}

func fig15(ctx context.Context, w io.Writer, c config, sc *swarm.Scenario) (*plot.Plot, error) {
	res, err := swarm.SimulateMany(ctx, []swarm.Job{{Scenario: sc, NewAllocator: func() swarm.Allocator { return &swarm.VFormation{} }, Settings: &swarm.Settings{Src: rand.NewPCG(c.seed, 100)}}}, c.workers)
	if err != nil {
		return nil, err
	}
	r := res[0]
	ph := phases(sc)
	c.claims.Put("fig15.join_s", ph[1][0].Seconds())
	c.claims.Put("fig15.leave_s", ph[2][0].Seconds())
	fmt.Fprintf(w, "Fig. 15 — churn: %d caches, swarms s1 s2 from 0, s3–s5 join at %v, s1 s2 leave at %v\n", len(sc.MultiSwarmHosts()), ph[1][0], ph[2][0])
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "phase\ts1\ts2\ts3\ts4\ts5\tCV\tre-convergence s\t")
	active := [3][]int{{0, 1}, {0, 1, 2, 3, 4}, {2, 3, 4}}
	for i, p := range ph {
		fmt.Fprintf(tw, "%d [%v, %v]\t", i+1, p[0], p[1])
		var ms []float64
		for s := 0; s < 5; s++ {
			in := false
			for _, a := range active[i] {
				in = in || a == s
			}
			if !in {
				fmt.Fprint(tw, "—\t")
				continue
			}
			m := r.SwarmMean(s, p[0], p[1])
			ms = append(ms, m)
			c.claims.Put(fmt.Sprintf("fig15.phase%d.s%d_kbs", i+1, s+1), m/1000)
			fmt.Fprintf(tw, "%.4g\t", m/1000)
		}
		conv := "—"
		if i > 0 {
			lo, hi := int(p[0]/r.Step), int(p[1]/r.Step)
			if t, ok := swarm.ConvergenceTime(r.Aggregate[lo:hi], r.Step, 2*time.Minute, 0.2); ok {
				conv = fmt.Sprintf("%.4g", t.Seconds())
				c.claims.Put(fmt.Sprintf("fig15.phase%d.reconv_s", i+1), t.Seconds())
			}
		}
		c.claims.Put(fmt.Sprintf("fig15.phase%d.cv", i+1), cv(ms))
		fmt.Fprintf(tw, "%.3g\t%s\t\n", cv(ms), conv)
	}
	if err := tw.Flush(); err != nil {
		return nil, err
	}
	fmt.Fprintln(w, "(per-swarm mean KB/s over each phase; CV = coefficient of variation across active swarms)")
	fmt.Fprintln(w)

	p := plot.New()
	p.Title.Text = "Fig. 15: per-swarm bandwidth, VFormation"
	p.X.Label.Text = "time (s)"
	p.Y.Label.Text = "KB/s (60 s moving average)"
	var lines []any
	col := make([]float64, len(r.SwarmBytes))
	for s := 0; s < 5; s++ {
		for k, row := range r.SwarmBytes {
			col[k] = float64(row[s]) / r.Step.Seconds()
		}
		lines = append(lines, sc.Swarms[s].Name, series(col, r.Step, 60, 1000))
	}
	if err := plotutil.AddLines(p, lines...); err != nil {
		return nil, err
	}
	for _, b := range []time.Duration{ph[1][0], ph[2][0]} {
		l, err := plotter.NewLine(plotter.XYs{{X: b.Seconds(), Y: 0}, {X: b.Seconds(), Y: 1}})
		if err != nil {
			return nil, err
		}
		l.Dashes = []vg.Length{vg.Points(3), vg.Points(3)}
		p.Add(l)
	}
	return p, nil
}

func cv(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var m, v float64
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	if m == 0 {
		return 0
	}
	return math.Sqrt(v/float64(len(xs))) / m
}

func fig16(ctx context.Context, w io.Writer, c config, sc *swarm.Scenario) ([]*plot.Plot, error) {
	grid := swarm.DefaultTauGrid()
	if c.quick {
		grid = []time.Duration{30 * time.Second, 2 * time.Minute, 8 * time.Minute}
	}
	pts, err := swarm.TauSweep(ctx, sc, grid, c.workers, &swarm.Settings{Src: rand.NewPCG(c.seed, 200)})
	if err != nil {
		return nil, err
	}
	best := 0.0
	for _, p := range pts {
		if !p.Adaptive {
			best = max(best, p.Mean)
		}
	}
	fmt.Fprintf(w, "Fig. 16 — churn, VFormation mean aggregate by τ over %v\n", sc.Duration)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "τ\tmean KB/s\t/ best fixed τ\t")
	var curve plotter.XYs
	var adaptive swarm.TauPoint
	for _, p := range pts {
		if p.Adaptive {
			adaptive = p
			continue
		}
		curve = append(curve, plotter.XY{X: p.Tau.Seconds(), Y: p.Mean / 1000})
		fmt.Fprintf(tw, "%v\t%.4g\t%.3f\t\n", p.Tau, p.Mean/1000, p.Mean/best)
	}
	fmt.Fprintf(tw, "adaptive\t%.4g\t%.3f\t\n", adaptive.Mean/1000, adaptive.Mean/best)
	fig16Claims(c.claims, pts, best)
	if err := tw.Flush(); err != nil {
		return nil, err
	}
	var choices []string
	trace := plotter.XYs{{X: 0, Y: 120}}
	for _, e := range adaptive.Result.Events {
		if e.Kind == swarm.Tau {
			tau := time.Duration(e.Value) * adaptive.Result.Step
			choices = append(choices, fmt.Sprintf("(%v, %v)", e.T, tau))
			trace = append(trace, plotter.XY{X: e.T.Seconds(), Y: trace[len(trace)-1].Y}, plotter.XY{X: e.T.Seconds(), Y: tau.Seconds()})
		}
	}
	trace = append(trace, plotter.XY{X: sc.Duration.Seconds(), Y: trace[len(trace)-1].Y})
	fmt.Fprintf(w, "adaptive τ choices (time, τ), starting at 2m0s: %s\n\n", strings.Join(choices, " "))

	p1 := plot.New()
	p1.Title.Text = "Fig. 16: mean aggregate vs fixed τ"
	p1.X.Label.Text = "τ (s, log scale)"
	p1.X.Scale = plot.LogScale{}
	p1.X.Tick.Marker = plot.LogTicks{Prec: -1}
	p1.Y.Label.Text = "KB/s"
	if err := plotutil.AddLinePoints(p1, "fixed τ", curve); err != nil {
		return nil, err
	}
	sct, err := plotter.NewScatter(plotter.XYs{{X: curve[len(curve)/2].X, Y: adaptive.Mean / 1000}})
	if err != nil {
		return nil, err
	}
	sct.Shape = draw.CrossGlyph{}
	sct.Radius = vg.Points(5)
	p1.Add(sct)
	p1.Legend.Add("adaptive", sct)
	p2 := plot.New()
	p2.Title.Text = "Fig. 16: adaptive τ over time"
	p2.X.Label.Text = "time (s)"
	p2.Y.Label.Text = "τ (s)"
	if err := plotutil.AddLines(p2, "τ", trace); err != nil {
		return nil, err
	}
	return []*plot.Plot{p1, p2}, nil
}

// fig16Claims records the τ sweep: per fixed τ the mean and its share of the
// best fixed τ, the best τ, whether it lies strictly inside the grid (the
// inverted U), and the adaptive selector's mean and share.
func fig16Claims(c claimSet, pts []swarm.TauPoint, best float64) {
	var fixed []swarm.TauPoint
	for _, p := range pts {
		if p.Adaptive {
			c.Put("fig16.adaptive.mean_kbs", p.Mean/1000)
			c.Put("fig16.adaptive.over_best", p.Mean/best)
			continue
		}
		fixed = append(fixed, p)
		key := fmt.Sprintf("fig16.tau%.0fs.", p.Tau.Seconds())
		c.Put(key+"mean_kbs", p.Mean/1000)
		c.Put(key+"over_best", p.Mean/best)
	}
	c.Put("fig16.grid", float64(len(fixed)))
	for k, p := range fixed {
		if p.Mean == best {
			c.Put("fig16.best_tau_s", p.Tau.Seconds())
			interior := 0.0
			if k > 0 && k < len(fixed)-1 {
				interior = 1
			}
			c.Put("fig16.best_interior", interior)
			c.Put("fig16.first_over_best", fixed[0].Mean/best)
			c.Put("fig16.last_over_best", fixed[len(fixed)-1].Mean/best)
			break
		}
	}
}

func writeSVG(path string, panels []*plot.Plot) error {
	rows := [][]*plot.Plot{}
	for i := 0; i < len(panels); i += 2 {
		row := []*plot.Plot{panels[i], nil}
		if i+1 < len(panels) {
			row[1] = panels[i+1]
		}
		rows = append(rows, row)
	}
	cols := 2
	if len(panels) == 1 {
		cols = 1
		rows[0] = rows[0][:1]
	}
	img := vgsvg.New(vg.Length(cols)*7*vg.Inch, vg.Length(len(rows))*4.5*vg.Inch)
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: len(rows), Cols: cols, PadX: vg.Millimeter * 4, PadY: vg.Millimeter * 4, PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 2}
	canv := plot.Align(rows, tiles, dc)
	for i := range rows {
		for j, p := range rows[i] {
			if p != nil {
				p.Draw(canv[i][j])
			}
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := img.WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
