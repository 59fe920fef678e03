package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/em"
	"github.com/cdnkit/cdnkit/game"
)

// r1Threshold is ρ* = 1.432²/0.432 ≈ 4.747: in the symmetric R1 game the unstable equilibrium
// falls below the start mean 0.432 when ρ = c·h/k exceeds it, so k* = c·h̄/4.747 (spec §2.7).
const r1Threshold = 1.432 * 1.432 / 0.432

type figures struct {
	f3a *fig3aResult
	f3b *fig3bResult
	f4a *fig4Result
	f4b *fig4Result
	f5a *fig5aResult
}

// simulate runs one group of n OTTs (replicate rep).
func simulate(ctx context.Context, o *Options, n int, act []float64, rep int) (*device.OTTRun, error) {
	return device.SimulateOTT(ctx, device.OTTConfig{OTTs: n, Slots: o.Slots, Activity: act, Popularity: o.Popular}, o.src(streamSim, uint64(rep)))
}

// supplyDemand returns the run's YShare matrix as a CSR.
func supplyDemand(run *device.OTTRun) (*game.CSR, error) {
	row, col, val := run.SupplyDemand(device.YShare)
	return game.CSRFromTriplets(run.N(), row, col, val)
}

// newGame builds the selected payoff model.
func newGame(o *Options, y *game.CSR, k []float64, c float64) (game.Game, error) {
	switch o.Model {
	case "r2":
		return game.NewPublicGood(y, k, c)
	case "r3":
		return game.NewLinearQuadratic(y, k, 0.1, c)
	default:
		return game.NewDifferentialService(y, k, c)
	}
}

// draws returns k_i ~ U(0, 0.4] and d0_i ~ U(0, 0.864) for replicate rep.
func draws(o *Options, n, rep int) (k, d0 []float64) {
	rk, rd := o.rng(streamK, uint64(rep)), o.rng(streamD0, uint64(rep))
	k, d0 = make([]float64, n), make([]float64, n)
	for i := range k {
		k[i] = 0.4 * (1 - rk.Float64())
		d0[i] = 0.864 * rd.Float64()
	}
	return k, d0
}

// brua runs the paper's Jacobi BRUA with ε = 1e-9. A non-converged result is returned with its
// error, which callers count rather than abort on.
func brua(ctx context.Context, g game.Game, d0 []float64) (*game.Result, error) {
	res, err := game.BRUA(ctx, g, d0, &game.Settings{Eps: 1e-9})
	if res == nil {
		return nil, err
	}
	if err != nil && ctx.Err() != nil {
		return nil, err
	}
	return res, err
}

func meanHit(run *device.OTTRun) float64 {
	s := 0.0
	for i := 0; i < run.N(); i++ {
		s += run.HitRatio(i)
	}
	return s / float64(run.N())
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// ---------------------------------------------------------------------------------------------
// Fig. 3a: BRUA trajectories for groups of 10, 20 and 30.

type fig3aResult struct {
	ns    []int
	traj  [][]float64 // per n: seed-averaged mean(d^t), padded with final values
	iters [][]int
	osc   []int
	conv  []int
	gap   []float64 // max NEGap
	start []float64 // mean of AvgTrajectory[0]
	hbar  []float64
	fails []int
}

func fig3a(ctx context.Context, o *Options) (*fig3aResult, error) {
	r := &fig3aResult{ns: []int{10, 20, 30}}
	for _, n := range r.ns {
		var trajs [][]float64
		var iters []int
		osc, conv, fails := 0, 0, 0
		gap, start, hbar := 0.0, 0.0, 0.0
		for s := 0; s < o.Seeds; s++ {
			run, err := simulate(ctx, o, n, nil, s)
			if err != nil {
				return nil, err
			}
			y, err := supplyDemand(run)
			if err != nil {
				return nil, err
			}
			k, d0 := draws(o, n, s)
			g, err := newGame(o, y, k, o.C)
			if err != nil {
				return nil, err
			}
			res, err := brua(ctx, g, d0)
			if res == nil {
				return nil, err
			}
			if err != nil {
				fails++
			}
			if res.Converged {
				conv++
			}
			if res.Oscillating {
				osc++
			}
			gap = math.Max(gap, res.NEGap)
			start += res.AvgTrajectory[0] / float64(o.Seeds)
			hbar += meanHit(run) / float64(o.Seeds)
			trajs = append(trajs, res.AvgTrajectory)
			iters = append(iters, res.Iterations)
		}
		r.traj = append(r.traj, padMean(trajs))
		r.iters = append(r.iters, iters)
		r.osc, r.conv, r.fails = append(r.osc, osc), append(r.conv, conv), append(r.fails, fails)
		r.gap, r.start, r.hbar = append(r.gap, gap), append(r.start, start), append(r.hbar, hbar)
	}
	return r, nil
}

// padMean averages trajectories of different lengths, each padded with its final value.
func padMean(ts [][]float64) []float64 {
	l := 0
	for _, t := range ts {
		l = max(l, len(t))
	}
	out := make([]float64, l)
	for _, t := range ts {
		for i := range out {
			out[i] += t[min(i, len(t)-1)] / float64(len(ts))
		}
	}
	return out
}

func median(x []int) float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return float64(s[len(s)/2])
	}
	return float64(s[len(s)/2-1]+s[len(s)/2]) / 2
}

func (r *fig3aResult) print(w io.Writer, o *Options) {
	fmt.Fprintf(w, "\n# Fig. 3a: average contribution mean(d^t) vs BRUA iteration t (model %s, c = %g, %d seeds, Jacobi, eps 1e-9)\n", o.Model, o.C, o.Seeds)
	l := 0
	for _, t := range r.traj {
		l = max(l, len(t))
	}
	fmt.Fprintf(w, "%6s", "t")
	for _, n := range r.ns {
		fmt.Fprintf(w, " %8s", fmt.Sprintf("n=%d", n))
	}
	fmt.Fprintln(w)
	for _, t := range iterRows(l) {
		fmt.Fprintf(w, "%6d", t)
		for _, tr := range r.traj {
			fmt.Fprintf(w, " %8.4g", tr[min(t, len(tr)-1)])
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%6s %8s %8s %8s %8s %10s %8s %8s %8s\n", "n", "final", "start", "maxIter", "medIter", "maxNEGap", "conv", "osc", "hbar")
	for k, n := range r.ns {
		fmt.Fprintf(w, "%6d %8.4g %8.4g %8d %8.4g %10.3g %8s %8d %8.4g\n", n, r.traj[k][len(r.traj[k])-1], r.start[k],
			slices.Max(r.iters[k]), median(r.iters[k]), r.gap[k], fmt.Sprintf("%d/%d", r.conv[k], len(r.iters[k])), r.osc[k], r.hbar[k])
	}
}

// iterRows picks at most ~25 iteration indices in [0, l), always including 0 and l−1.
func iterRows(l int) []int {
	step := max(1, (l+23)/24)
	var out []int
	for t := 0; t < l; t += step {
		out = append(out, t)
	}
	if out[len(out)-1] != l-1 {
		out = append(out, l-1)
	}
	return out
}

// ---------------------------------------------------------------------------------------------
// Fig. 3b: contribution at the NE vs a common cost k, one curve per c.

type fig3bResult struct {
	ks    []float64
	cs    []float64
	d     [][]float64 // d[c][k]
	hbar  float64
	fails int
}

func fig3b(ctx context.Context, o *Options) (*fig3bResult, error) {
	const n = 20
	r := &fig3bResult{cs: o.Cs}
	steps := int(math.Round(0.4 / o.KStep))
	for s := 1; s <= steps; s++ {
		r.ks = append(r.ks, float64(s)*o.KStep)
	}
	r.d = make([][]float64, len(r.cs))
	for c := range r.d {
		r.d[c] = make([]float64, len(r.ks))
	}
	for s := 0; s < o.Seeds; s++ {
		run, err := simulate(ctx, o, n, nil, s)
		if err != nil {
			return nil, err
		}
		y, err := supplyDemand(run)
		if err != nil {
			return nil, err
		}
		r.hbar += meanHit(run) / float64(o.Seeds)
		_, d0 := draws(o, n, s)
		k := make([]float64, n)
		for ci, c := range r.cs {
			for ki, kv := range r.ks {
				for i := range k {
					k[i] = kv
				}
				g, err := newGame(o, y, k, c)
				if err != nil {
					return nil, err
				}
				res, err := brua(ctx, g, d0)
				if res == nil {
					return nil, err
				}
				if err != nil {
					r.fails++
				}
				r.d[ci][ki] += mean(res.D) / float64(o.Seeds)
			}
		}
	}
	return r, nil
}

func (r *fig3bResult) print(w io.Writer, o *Options) {
	fmt.Fprintf(w, "\n# Fig. 3b: average contribution at the NE vs common cost k (model %s, n = 20, %d seeds)\n", o.Model, o.Seeds)
	fmt.Fprintf(w, "%6s", "k")
	for _, c := range r.cs {
		fmt.Fprintf(w, " %8s", fmt.Sprintf("c=%g", c))
	}
	fmt.Fprintln(w)
	for ki, k := range r.ks {
		fmt.Fprintf(w, "%6.4g", k)
		for ci := range r.cs {
			fmt.Fprintf(w, " %8.4g", r.d[ci][ki])
		}
		fmt.Fprintln(w)
	}
	var ks []string
	for _, c := range r.cs {
		ks = append(ks, fmt.Sprintf("%.4g", c*r.hbar/r1Threshold))
	}
	fmt.Fprintf(w, "hbar %.4g; R1 step k* = c*hbar/4.747: %s; BRUA runs not converged: %d\n", r.hbar, strings.Join(ks, " / "), r.fails)
}

// ---------------------------------------------------------------------------------------------
// Figs. 4a, 4b: EM trajectories on the fetch table of a mixed-activity group of 10.

// group4 is a Fig. 4 group: 5 OTTs with activity 0.25 and 5 with 1.0, its BRUA equilibrium and
// the fetch table of its last 12 slots.
type group4 struct {
	rep   int
	run   *device.OTTRun
	res   *game.Result
	fetch *device.OTTFetch
	s, m  []int
}

var activity4 = []float64{0.25, 0.25, 0.25, 0.25, 0.25, 1, 1, 1, 1, 1}

func newGroup4(ctx context.Context, o *Options, rep int) (*group4, error) {
	run, err := simulate(ctx, o, len(activity4), activity4, rep)
	if err != nil {
		return nil, err
	}
	y, err := supplyDemand(run)
	if err != nil {
		return nil, err
	}
	k, d0 := draws(o, run.N(), rep)
	g, err := newGame(o, y, k, o.CPrice)
	if err != nil {
		return nil, err
	}
	res, err := brua(ctx, g, d0)
	if res == nil {
		return nil, err
	}
	g4 := &group4{rep: rep, run: run, res: res}
	if g4.fetch, err = g4.window(o, 12); err != nil {
		return nil, err
	}
	if g4.s, g4.m, err = em.CountRows(g4.fetch.Table); err != nil {
		return nil, err
	}
	return g4, nil
}

// window returns the fetch table of the last w slots under the equilibrium contributions.
func (g *group4) window(o *Options, w int) (*device.OTTFetch, error) {
	_, to := g.run.Recorded()
	return g.run.FetchTable(0, g.res.D, to-w, to, o.src(streamFetch, uint64(g.rep*64+w)))
}

type emRun struct {
	theta0 []float64
	traj   [][]float64 // θ after each iteration (the run's own order)
	mix    *em.Mixture
	err    error
}

type fig4Result struct {
	dMean float64
	s, m  []int
	runs  []emRun
}

func fig4(ctx context.Context, o *Options, g *group4, starts [][]float64) (*fig4Result, error) {
	r := &fig4Result{dMean: mean(g.res.D), s: g.s, m: g.m}
	for _, t0 := range starts {
		er := emRun{theta0: t0, traj: [][]float64{slices.Clone(t0)}}
		st := &em.Settings{Tol: 1e-4, Progress: func(p em.Progress) error {
			er.traj = append(er.traj, slices.Clone(p.Theta))
			return nil
		}}
		er.mix, er.err = em.FitBinomialMixture(ctx, g.s, g.m, t0, st)
		if er.mix == nil {
			return nil, er.err
		}
		r.runs = append(r.runs, er)
	}
	return r, nil
}

func (r *fig4Result) print(w io.Writer, name string) {
	k := len(r.runs[0].theta0)
	fmt.Fprintf(w, "\n# Fig. %s: EM estimates theta_l vs iteration (K = %d, variant B, Tol 1e-4; 10 OTTs, activity 5 x 0.25 + 5 x 1; BRUA mean d* = %.4g; successes s = %v of m = %d)\n",
		name, k, r.dMean, r.s, r.m[0])
	l := 0
	for _, er := range r.runs {
		l = max(l, len(er.traj))
	}
	fmt.Fprintf(w, "%5s", "iter")
	for si := range r.runs {
		for t := 0; t < k; t++ {
			fmt.Fprintf(w, " %9s", fmt.Sprintf("s%d.th%d", si+1, t+1))
		}
	}
	fmt.Fprintln(w)
	for _, it := range iterRows(l) {
		fmt.Fprintf(w, "%5d", it)
		for _, er := range r.runs {
			th := er.traj[min(it, len(er.traj)-1)]
			for _, x := range th {
				fmt.Fprintf(w, " %9.4g", x)
			}
		}
		fmt.Fprintln(w)
	}
	for si, er := range r.runs {
		fmt.Fprintf(w, "start %d theta0 %v: theta %.4g pi %.4g iterations %d converged %v collapsed %v",
			si+1, er.theta0, er.mix.Theta, er.mix.Weights, er.mix.Iterations, er.mix.Converged, er.mix.Collapsed)
		if er.err != nil {
			fmt.Fprintf(w, " (%v)", er.err)
		}
		fmt.Fprintln(w)
	}
	if len(r.runs) == 2 {
		d := 0.0
		for l := range r.runs[0].mix.Theta {
			d = math.Max(d, math.Abs(r.runs[0].mix.Theta[l]-r.runs[1].mix.Theta[l]))
		}
		fmt.Fprintf(w, "max |theta(start 1) - theta(start 2)| = %.3g\n", d)
	}
}

// ---------------------------------------------------------------------------------------------
// Fig. 5a: mean price vs proportion of 1s in an OTT's fetch table, one curve per option set.

var optionSets = [][]float64{{0.8, 0.3}, {0.8, 0.6, 0.3}, {0.8, 0.7, 0.6, 0.5, 0.3}}

var windows5 = []int{2, 4, 8, 16, 32}

const bins5 = 10

type fig5aResult struct {
	sum, cnt   [][bins5]float64 // per option set
	skipped    int              // tables with Σs = 0
	tables     int
	violations int // price increasing in s within a table
	fitErrors  int
	rule       string
}

func fig5a(ctx context.Context, o *Options) (*fig5aResult, error) {
	r := &fig5aResult{sum: make([][bins5]float64, len(optionSets)), cnt: make([][bins5]float64, len(optionSets)), rule: o.Rule}
	rule := em.ExpectedPrice
	if o.Rule == "map" {
		rule = em.MAPPrice
	}
	for rep := 0; rep < o.Reps; rep++ {
		g, err := newGroup4(ctx, o, rep)
		if err != nil {
			return nil, err
		}
		for _, w := range windows5 {
			f, err := g.window(o, w)
			if err != nil {
				return nil, err
			}
			s, m, err := em.CountRows(f.Table)
			if err != nil {
				return nil, err
			}
			r.tables++
			total := 0
			for _, x := range s {
				total += x
			}
			if total == 0 {
				r.skipped++
				continue
			}
			for oi, opts := range optionSets {
				theta0 := slices.Clone(opts)
				slices.Sort(theta0)
				mix, err := em.FitBinomialMixture(ctx, s, m, theta0, &em.Settings{Tol: 1e-4})
				if mix == nil {
					if ctx.Err() != nil {
						return nil, err
					}
					r.fitErrors++
					continue
				}
				if err != nil && !errors.Is(err, em.ErrNotConverged) {
					r.fitErrors++
				}
				prices := em.Price(mix, opts, rule)
				for j := range prices {
					b := min(bins5-1, s[j]*bins5/max(m[j], 1))
					r.sum[oi][b] += prices[j]
					r.cnt[oi][b]++
					for i := range prices {
						if m[i] == m[j] && s[i] > s[j] && prices[i] > prices[j]+1e-12 {
							r.violations++
						}
					}
				}
			}
		}
	}
	return r, nil
}

// curve returns the bin means of option set oi (NaN for empty bins).
func (r *fig5aResult) curve(oi int) []float64 {
	out := make([]float64, bins5)
	for b := range out {
		out[b] = math.NaN()
		if r.cnt[oi][b] > 0 {
			out[b] = r.sum[oi][b] / r.cnt[oi][b]
		}
	}
	return out
}

// binX is the proportion of 1s of bin b for the group of 10 (m = 9 trials): s/9.
func binX(b int) float64 { return float64(b) / 9 }

func (r *fig5aResult) print(w io.Writer) {
	fmt.Fprintf(w, "\n# Fig. 5a: mean price / c vs proportion of 1s s/9 in an OTT's fetch table (%s price; windows %v slots; %d tables, %d with no 1s skipped)\n",
		r.rule, windows5, r.tables, r.skipped)
	fmt.Fprintf(w, "%6s", "s/9")
	for _, opts := range optionSets {
		fmt.Fprintf(w, " %9s %5s", fmt.Sprintf("%d opts", len(opts)), "n")
	}
	fmt.Fprintln(w)
	for b := 0; b < bins5; b++ {
		fmt.Fprintf(w, "%6.4g", binX(b))
		for oi := range optionSets {
			c := r.curve(oi)
			fmt.Fprintf(w, " %9.4g %5.0f", c[b], r.cnt[oi][b])
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "price increasing in s within a table: %d; EM fits failed: %d\n", r.violations, r.fitErrors)
}
