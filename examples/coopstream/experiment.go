package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"text/tabwriter"
	"time"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/internal/testdata"
	"github.com/cdnkit/cdnkit/lyapunov"
)

// policy is a named policy factory; owner is the baselines' owner rule.
type policy struct {
	name string
	mk   func() device.Policy
}

func multiPolicies(V float64, bba, cp device.OwnerRule) []policy {
	return []policy{
		{"lyapunov", func() device.Policy { return mustScheduler(&lyapunov.Settings{V: V}) }},
		{"bba", func() device.Policy { return &device.BufferBased{Owner: bba} }},
		{"cp", func() device.Policy { return &device.ChannelPrediction{Owner: cp} }},
	}
}

func singlePolicies(V float64) []policy {
	self := device.OwnerRule{SelfOnly: true}
	return []policy{
		{"lyapunov", func() device.Policy { return mustScheduler(&lyapunov.Settings{V: V, SelfOnly: true}) }},
		{"bba", func() device.Policy { return &device.BufferBased{Owner: self} }},
		{"cp", func() device.Policy { return &device.ChannelPrediction{Owner: self} }},
		{"bola", func() device.Policy { return &lyapunov.BOLA{} }},
	}
}

// mustScheduler builds a Scheduler from settings validated in run.
func mustScheduler(s *lyapunov.Settings) *lyapunov.Scheduler {
	p, err := lyapunov.New(s)
	if err != nil {
		panic("coopstream: " + err.Error())
	}
	return p
}

// stat accumulates means of bitrate, welfare and stall.
type stat struct {
	n                       int
	bitrate, welfare, stall float64
}

func (s *stat) add(r *device.SimResult) {
	s.n++
	s.bitrate += r.AvgBitrate
	s.welfare += r.Welfare
	s.stall += r.Stall
}

func (s stat) mean() (bitrate, welfare, stall float64) {
	if s.n == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	n := float64(s.n)
	return s.bitrate / n, s.welfare / n, s.stall / n
}

// multiResult holds cell[share][bucket][policy][mode].
type multiResult struct {
	shares  []float64
	buckets []device.Bucket
	empty   []bool // bucket has no trace
	modes   []string
	pols    []string
	cell    [][][][]stat
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

// withMode derives mode m of base (CoopFull) with the same users and traces.
func withMode(base *device.Scenario, m string, seed uint64, r int) (*device.Scenario, error) {
	n := len(base.Users)
	switch m {
	case "full":
		return base, nil
	case "none":
		return base.WithMobility(device.NoCooperation(n)), nil
	}
	h := device.ISFLike()
	if m == "nwf" {
		h = device.NWFLike()
	}
	mob, err := h.Generate(n, base.HorizonOrDefault(), rand.NewPCG(seed, uint64(r)+1000))
	if err != nil {
		return nil, err
	}
	return base.WithMobility(mob), nil
}

func paperScenario(c config, share float64, traces []*device.Trace, seed uint64, r int) (*device.Scenario, error) {
	return device.NewPaperScenario(device.PaperConfig{Users: c.users, VideoShare: share, Traces: traces, Coop: device.CoopFull},
		rand.NewPCG(seed, uint64(r)))
}

// tuneRules grid-searches the baselines' owner rule on two scenarios with
// separate seeds (seed + 10⁶).
func tuneRules(ctx context.Context, c config, share float64, traces []*device.Trace) (bba, cp device.OwnerRule, err error) {
	var scs []*device.Scenario
	for r := range 2 {
		sc, err := paperScenario(c, share, traces, c.seed+1_000_000, r)
		if err != nil {
			return bba, cp, err
		}
		scs = append(scs, sc)
	}
	bba, _, err = device.TuneOwnerRule(ctx, scs, func(o device.OwnerRule) device.Policy { return &device.BufferBased{Owner: o} }, device.DefaultGrid(), nil, c.workers)
	if err != nil {
		return bba, cp, err
	}
	cp, _, err = device.TuneOwnerRule(ctx, scs, func(o device.OwnerRule) device.Policy { return &device.ChannelPrediction{Owner: o} }, device.DefaultGrid(), nil, c.workers)
	return bba, cp, err
}

func runMulti(ctx context.Context, c config, pool []*device.Trace, log io.Writer) (*multiResult, error) {
	mr := &multiResult{shares: c.shares, buckets: device.DefaultBuckets(), modes: c.modes}
	for _, p := range multiPolicies(c.V, device.DefaultOwnerRule(), device.DefaultOwnerRule()) {
		mr.pols = append(mr.pols, p.name)
	}
	mr.empty = make([]bool, len(mr.buckets))
	mr.cell = make([][][][]stat, len(c.shares))
	for si, share := range c.shares {
		mr.cell[si] = make([][][]stat, len(mr.buckets))
		for bi, b := range mr.buckets {
			mr.cell[si][bi] = make([][]stat, len(mr.pols))
			for pi := range mr.pols {
				mr.cell[si][bi][pi] = make([]stat, len(c.modes))
			}
			traces := device.InBucket(pool, b)
			if len(traces) == 0 {
				mr.empty[bi] = true
				continue
			}
			bba, cp := device.DefaultOwnerRule(), device.DefaultOwnerRule()
			if c.tune {
				var err error
				if bba, cp, err = tuneRules(ctx, c, share, traces); err != nil {
					return nil, err
				}
				fmt.Fprintf(log, "tuned owner rule share %.2g bucket %v: bba η %.2g δ_gap %.3g, cp η %.2g δ_gap %.3g\n",
					share, b, bba.Eta, bba.Gap, cp.Eta, cp.Gap)
			}
			pols := multiPolicies(c.V, bba, cp)
			var jobs []device.Job
			type key struct{ pi, mi int }
			var keys []key
			for r := range c.runs {
				base, err := paperScenario(c, share, traces, c.seed, r)
				if err != nil {
					return nil, err
				}
				for mi, m := range c.modes {
					sc, err := withMode(base, m, c.seed, r)
					if err != nil {
						return nil, err
					}
					for pi, p := range pols {
						jobs = append(jobs, device.Job{Scenario: sc, NewPolicy: p.mk})
						keys = append(keys, key{pi, mi})
					}
				}
			}
			res, err := device.SimulateMany(ctx, jobs, c.workers)
			if err != nil {
				return nil, err
			}
			for k, r := range res {
				mr.cell[si][bi][keys[k].pi][keys[k].mi].add(r)
			}
		}
	}
	return mr, nil
}

// singleResult holds per-run outcomes of the single-user experiments.
type singleResult struct {
	pols    []string
	buckets []device.Bucket
	mean    []float64             // trace mean capacity per run
	bucket  []int                 // bucket index per run
	res     [][]*device.SimResult // [run][policy]
	cell    [][]stat              // [bucket (+1: all)][policy]
	bounds  []bound               // of the first -bound runs
}

func runSingle(ctx context.Context, c config, pool []*device.Trace) (*singleResult, error) {
	pols := singlePolicies(c.V)
	sr := &singleResult{buckets: device.DefaultBuckets()}
	for _, p := range pols {
		sr.pols = append(sr.pols, p.name)
	}
	r := rand.New(rand.NewPCG(c.seed, 7))
	var jobs []device.Job
	var scs []*device.Scenario
	for range c.single {
		tr := pool[r.IntN(len(pool))]
		sc, err := device.NewSingleUserScenario(tr, r.Float64()*tr.Period, device.SingleConfig{})
		if err != nil {
			return nil, err
		}
		scs = append(scs, sc)
		m := tr.Mean()
		sr.mean = append(sr.mean, m)
		bi := -1
		for k, b := range sr.buckets {
			if b.Contains(m) {
				bi = k
			}
		}
		sr.bucket = append(sr.bucket, bi)
		for _, p := range pols {
			jobs = append(jobs, device.Job{Scenario: sc, NewPolicy: p.mk})
		}
	}
	res, err := device.SimulateMany(ctx, jobs, c.workers)
	if err != nil {
		return nil, err
	}
	sr.cell = make([][]stat, len(sr.buckets)+1)
	for k := range sr.cell {
		sr.cell[k] = make([]stat, len(pols))
	}
	for k := range scs {
		row := res[k*len(pols) : (k+1)*len(pols)]
		sr.res = append(sr.res, row)
		for pi, x := range row {
			if bi := sr.bucket[k]; bi >= 0 {
				sr.cell[bi][pi].add(x)
			}
			sr.cell[len(sr.buckets)][pi].add(x)
		}
	}
	for k := 0; k < c.bound && k < len(scs); k++ {
		b, err := upperBound(ctx, scs[k])
		if err != nil {
			return nil, err
		}
		sr.bounds = append(sr.bounds, b)
	}
	return sr, nil
}

func gain(x, base float64) float64 { return 100 * (x - base) / math.Max(math.Abs(base), 1e-12) }

func run(ctx context.Context, w io.Writer, c config) error {
	start := time.Now()
	if _, err := lyapunov.New(&lyapunov.Settings{V: c.V}); err != nil {
		return err
	}
	pool, desc, err := loadTraces(c.traces)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "traces: %s\n", desc)
	fmt.Fprintf(w, "multi-user: %d users, shares %v, %d runs per cell, modes %v, V = %g, owner rule %s\n",
		c.users, c.shares, c.runs, c.modes, c.V, map[bool]string{false: "fixed (η 0.3, δ_gap 4 s)", true: "tuned"}[c.tune])
	mr, err := runMulti(ctx, c, pool, w)
	if err != nil {
		return err
	}
	for bi, e := range mr.empty {
		if e {
			fmt.Fprintf(w, "bucket %v: no traces, skipped\n", mr.buckets[bi])
		}
	}
	if err := printMulti(w, mr, "Table 1 (Fig. 4): mean average bitrate (Mbps)", 0, "%.3f"); err != nil {
		return err
	}
	if err := printMulti(w, mr, "Table 2 (Fig. 5): mean social welfare", 1, "%.1f"); err != nil {
		return err
	}
	fmt.Fprintln(w, "upper bound (multi-user): not computed here (timeslot.Bounds takes about a minute per 50-user cell); see Table 3 for online/UB")
	sr, err := runSingle(ctx, c, pool)
	if err != nil {
		return err
	}
	if err := printSingle(w, sr, c.single); err != nil {
		return err
	}
	if c.plot != "" {
		files, err := writePlots(c.plot, mr, sr)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "figures written to %v\n", files)
	}
	wall := time.Since(start).Seconds()
	fmt.Fprintf(w, "wall time %.1f s\n", wall)
	if c.claimsFile != "" {
		return writeClaims(c.claimsFile, coopClaims(c, mr, sr, wall))
	}
	return nil
}

// coopClaims returns the figures of -claims. Multi-user, per share (s20 for
// 0.2) and non-empty bucket (b0 for the first of device.DefaultBuckets()):
// every policy × mode mean bitrate and welfare and Lyapunov's gains over no
// cooperation; then counts of the cells whose Lyapunov means rise none ≤ nwf ≤
// isf ≤ full, and per mode the mean over cells of Lyapunov's gain over each
// baseline. Single user: per policy (and per bucket) the means and Lyapunov's
// gains over each baseline.
func coopClaims(c config, mr *multiResult, sr *singleResult, wall float64) claimSet {
	cl := claimSet{}
	cl.Put("wall_s", wall)
	cl.Put("users", float64(c.users))
	cl.Put("runs", float64(c.runs))
	cl.Put("V", c.V)
	none := modeIndex(mr.modes, "none")
	order := []int{none, modeIndex(mr.modes, "nwf"), modeIndex(mr.modes, "isf"), modeIndex(mr.modes, "full")}
	cells := 0
	ordered := [2]int{}
	var sums [2][][2]float64 // [field][mode][baseline bba, cp] gain sums
	for f := range sums {
		sums[f] = make([][2]float64, len(mr.modes))
	}
	geCP, cellModes := 0, 0
	for si, share := range mr.shares {
		for bi := range mr.buckets {
			if mr.empty[bi] {
				continue
			}
			cells++
			p := fmt.Sprintf("multi.s%.0f.b%d.", 100*share, bi)
			cell := mr.cell[si][bi]
			for pi, pol := range mr.pols {
				for mi, m := range mr.modes {
					cl.Put(p+pol+"."+m+".bitrate", pick(cell[pi][mi], 0))
					cl.Put(p+pol+"."+m+".welfare", pick(cell[pi][mi], 1))
				}
			}
			for field, name := range []string{"bitrate", "welfare"} {
				if none >= 0 {
					for mi, m := range mr.modes {
						if m != "none" {
							cl.Put(p+"gain_"+m+"_"+name, gain(pick(cell[0][mi], field), pick(cell[0][none], field)))
						}
					}
				}
				ok := true
				for k := 1; k < len(order); k++ {
					if order[k] < 0 || order[k-1] < 0 || pick(cell[0][order[k-1]], field) > pick(cell[0][order[k]], field) {
						ok = false
					}
				}
				if ok {
					ordered[field]++
				}
				for mi := range mr.modes {
					for b := 0; b < 2 && b+1 < len(mr.pols); b++ {
						sums[field][mi][b] += gain(pick(cell[0][mi], field), pick(cell[b+1][mi], field))
					}
				}
			}
			for mi := range mr.modes {
				cellModes++
				if len(mr.pols) > 2 && pick(cell[0][mi], 0) >= pick(cell[2][mi], 0) {
					geCP++
				}
			}
		}
	}
	cl.Put("multi.cells", float64(cells))
	cl.Put("multi.order_bitrate_cells", float64(ordered[0]))
	cl.Put("multi.order_welfare_cells", float64(ordered[1]))
	cl.Put("multi.cell_modes", float64(cellModes))
	cl.Put("multi.lyapunov_ge_cp_bitrate", float64(geCP))
	if cells > 0 {
		for field, name := range []string{"bitrate", "welfare"} {
			for mi, m := range mr.modes {
				for b := 0; b < 2 && b+1 < len(mr.pols); b++ {
					cl.Put(fmt.Sprintf("multi.%s.gain_%s_vs_%s", m, name, mr.pols[b+1]), sums[field][mi][b]/float64(cells))
				}
			}
		}
	}
	all := len(sr.buckets)
	cl.Put("single.runs", float64(sr.cell[all][0].n))
	// Online / upper bound per policy, over the bounded runs with a positive
	// UB welfare (none until upperBound is wired to package timeslot).
	certified := 0
	for _, b := range sr.bounds {
		if b.Certified {
			certified++
		}
	}
	if len(sr.bounds) > 0 {
		cl.Put("single.bounds", float64(len(sr.bounds)))
		cl.Put("single.bounds_certified", float64(certified))
	}
	for pi, pol := range sr.pols {
		sum, n := 0.0, 0
		for k, b := range sr.bounds {
			if b.Welfare > 0 && k < len(sr.res) {
				sum += sr.res[k][pi].Welfare / b.Welfare
				n++
			}
		}
		if n > 0 {
			cl.Put("single."+pol+".over_ub", sum/float64(n))
		}
	}
	for bi := range sr.cell {
		p := "single."
		if bi < all {
			p = fmt.Sprintf("single.b%d.", bi)
			cl.Put(p+"runs", float64(sr.cell[bi][0].n))
		}
		lb, lw, _ := sr.cell[bi][0].mean()
		for pi, pol := range sr.pols {
			b, wf, st := sr.cell[bi][pi].mean()
			cl.Put(p+pol+".bitrate", b)
			cl.Put(p+pol+".welfare", wf)
			cl.Put(p+pol+".stall", st)
			if pi > 0 && sr.cell[bi][pi].n > 0 {
				cl.Put(p+"gain_bitrate_vs_"+pol, gain(lb, b))
				cl.Put(p+"gain_welfare_vs_"+pol, gain(lw, wf))
			}
		}
	}
	return cl
}

func printMulti(w io.Writer, mr *multiResult, title string, field int, f string) error {
	fmt.Fprintf(w, "\n%s\n", title)
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "share\tbucket\t")
	for _, p := range mr.pols {
		for _, m := range mr.modes {
			fmt.Fprintf(tw, "%s/%s\t", p, m)
		}
	}
	none := modeIndex(mr.modes, "none")
	if none >= 0 {
		for _, m := range mr.modes {
			if m != "none" {
				fmt.Fprintf(tw, "gain %s %%\t", m)
			}
		}
	}
	fmt.Fprintln(tw)
	for si, share := range mr.shares {
		for bi, b := range mr.buckets {
			if mr.empty[bi] {
				continue
			}
			fmt.Fprintf(tw, "%.2g\t%v\t", share, b)
			for pi := range mr.pols {
				for mi := range mr.modes {
					fmt.Fprintf(tw, f+"\t", pick(mr.cell[si][bi][pi][mi], field))
				}
			}
			if none >= 0 {
				base := pick(mr.cell[si][bi][0][none], field)
				for mi, m := range mr.modes {
					if m != "none" {
						fmt.Fprintf(tw, "%+.1f\t", gain(pick(mr.cell[si][bi][0][mi], field), base))
					}
				}
			}
			fmt.Fprintln(tw)
		}
	}
	return tw.Flush()
}

func modeIndex(modes []string, m string) int {
	for k, x := range modes {
		if x == m {
			return k
		}
	}
	return -1
}

func pick(s stat, field int) float64 {
	b, wf, st := s.mean()
	switch field {
	case 0:
		return b
	case 1:
		return wf
	}
	return st
}

// overUB returns the mean ratio realised/UB welfare of policy pi over the
// bounded runs of bucket bi (len(buckets) = all) whose UB welfare is
// positive, formatted %.3f, or "n/a" when there is none.
func (sr *singleResult) overUB(bi, pi int) string {
	sum, n := 0.0, 0
	for k, b := range sr.bounds {
		if b.Welfare <= 0 || k >= len(sr.res) || (bi < len(sr.buckets) && sr.bucket[k] != bi) {
			continue
		}
		sum += sr.res[k][pi].Welfare / b.Welfare
		n++
	}
	if n == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.3f", sum/float64(n))
}

func printSingle(w io.Writer, sr *singleResult, n int) error {
	fmt.Fprintf(w, "\nTable 3 (Fig. 8): single user, %d runs (random trace and offset)\n", n)
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "bucket\truns\t")
	for _, p := range sr.pols {
		fmt.Fprintf(tw, "%s Mbps\t%s W\t%s stall\t%s /UB\t", p, p, p, p)
	}
	fmt.Fprintln(tw)
	for bi := range sr.cell {
		name := "all"
		if bi < len(sr.buckets) {
			name = sr.buckets[bi].String()
		}
		fmt.Fprintf(tw, "%s\t%d\t", name, sr.cell[bi][0].n)
		for pi := range sr.pols {
			b, wf, st := sr.cell[bi][pi].mean()
			fmt.Fprintf(tw, "%.3f\t%.1f\t%.2f\t%s\t", b, wf, st, sr.overUB(bi, pi))
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(sr.bounds) == 0 {
		fmt.Fprintln(w, "upper bound (single user): not computed (-bound 0)")
	} else {
		certified := 0
		for _, b := range sr.bounds {
			if b.Certified {
				certified++
			}
		}
		fmt.Fprintf(w, "upper bound (single user): %d runs bounded by timeslot (%d certified); online/UB of lyapunov %s (paper: 97 %% on average)\n",
			len(sr.bounds), certified, sr.overUB(len(sr.buckets), 0))
	}
	all := sr.cell[len(sr.buckets)]
	lb, lw, _ := all[0].mean()
	fmt.Fprint(w, "lyapunov gains:")
	for pi := 1; pi < len(sr.pols); pi++ {
		b, wf, _ := all[pi].mean()
		fmt.Fprintf(w, " vs %s bitrate %+.1f %% welfare %+.1f %%;", sr.pols[pi], gain(lb, b), gain(lw, wf))
	}
	fmt.Fprintln(w)
	return nil
}
