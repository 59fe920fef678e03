package overlay

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
)

// Fig1Experiment describes a run of the paper's Fig. 1 protocol (total cost
// versus system size for Gradient, MST and naive broadcast). Zero fields
// mean the defaults of spec §8.
type Fig1Experiment struct {
	Base     Graph   // graph to sample from; N = 0 ⇒ ASLike(10000, 2, PCG(Seed, 1))
	Sizes    []int   // nil ⇒ 25, 50, …, 300
	Trials   int     // 0 ⇒ 25
	Seed     uint64  // seeds PCG(Seed, 1000·N + t) for trial t at size N
	K        int     // Gradient offsets; 0 ⇒ 16
	AlphaMax float64 // Fig1Config.AlphaMax; 0 ⇒ 3
	Workers  int     // trials in parallel; 0 ⇒ GOMAXPROCS; the result does not depend on it
}

// Fig1Row summarises the trials at one size N: means and sample standard
// deviations of the paper-form Cost, the mean a-posteriori Ratio of
// Gradient, the number of trials with Gradient < MST < Naive (OK) and the
// number breaking Gradient ≤ MST or Gradient ≤ Naive (Violations; 0 by
// construction).
type Fig1Row struct {
	N, Trials                        int
	GradientMean, MSTMean, NaiveMean float64
	GradientSD, MSTSD, NaiveSD       float64
	RatioMean                        float64
	OK, Violations                   int
}

type fig1Trial struct{ g, m, nb, ratio float64 }

// RunFig1 runs the Fig. 1 protocol (Reconstruction: the paper's AS
// sub-graphs, prices and utilities are unpublished): for each size N and
// trial t, a snowball sample SampleSubgraph(Base, N, PCG(Seed, 1000·N + t)),
// Fig1Instance from the same source, then Gradient, MSTBaseline and
// NaiveBroadcast. It returns one row per size, in Sizes order. ctx is
// honoured between trials.
func RunFig1(ctx context.Context, e *Fig1Experiment) ([]Fig1Row, error) {
	x := Fig1Experiment{Trials: 25, K: 16, AlphaMax: 3}
	if e != nil {
		x.Base, x.Sizes, x.Seed, x.Workers = e.Base, e.Sizes, e.Seed, e.Workers
		if e.Trials != 0 {
			x.Trials = e.Trials
		}
		if e.K != 0 {
			x.K = e.K
		}
		if e.AlphaMax != 0 {
			x.AlphaMax = e.AlphaMax
		}
	}
	if x.Trials < 1 || x.K < 1 || x.K > 1024 || !finiteNonNeg(x.AlphaMax) {
		return nil, fmt.Errorf("%w: Fig1Experiment Trials %d K %d AlphaMax %v", ErrBadSettings, x.Trials, x.K, x.AlphaMax)
	}
	if x.Sizes == nil {
		for n := 25; n <= 300; n += 25 {
			x.Sizes = append(x.Sizes, n)
		}
	}
	if x.Base.N == 0 {
		g, err := ASLike(10000, 2, rand.NewPCG(x.Seed, 1))
		if err != nil {
			return nil, err
		}
		x.Base = g
	}
	if x.Workers <= 0 {
		x.Workers = runtime.GOMAXPROCS(0)
	}
	type job struct{ si, t int }
	res := make([][]fig1Trial, len(x.Sizes))
	for i := range res {
		res[i] = make([]fig1Trial, x.Trials)
	}
	jobs := make(chan job)
	errs := make([]error, x.Workers)
	var wg sync.WaitGroup
	for w := range x.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if errs[w] != nil {
					continue
				}
				r, err := fig1Run(ctx, x, x.Sizes[j.si], j.t)
				if err != nil {
					errs[w] = err
					continue
				}
				res[j.si][j.t] = r
			}
		}()
	}
feed:
	for si := range x.Sizes {
		for t := range x.Trials {
			select {
			case jobs <- job{si, t}:
			case <-ctx.Done():
				break feed
			}
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	rows := make([]Fig1Row, len(x.Sizes))
	for si, n := range x.Sizes {
		r := &rows[si]
		r.N, r.Trials = n, x.Trials
		var gs, ms, ns, rs []float64
		for _, tr := range res[si] {
			gs, ms, ns, rs = append(gs, tr.g), append(ms, tr.m), append(ns, tr.nb), append(rs, tr.ratio)
			tol := 1e-9 * (1 + math.Abs(tr.m) + math.Abs(tr.nb))
			if tr.g > tr.m+tol || tr.g > tr.nb+tol {
				r.Violations++
			}
			if tr.g < tr.m && tr.m < tr.nb {
				r.OK++
			}
		}
		r.GradientMean, r.GradientSD = meanSD(gs)
		r.MSTMean, r.MSTSD = meanSD(ms)
		r.NaiveMean, r.NaiveSD = meanSD(ns)
		r.RatioMean, _ = meanSD(rs)
	}
	return rows, nil
}

func fig1Run(ctx context.Context, x Fig1Experiment, n, t int) (fig1Trial, error) {
	src := rand.NewPCG(x.Seed, uint64(1000*n+t))
	sub, _, err := SampleSubgraph(x.Base, n, src)
	if err != nil {
		return fig1Trial{}, err
	}
	inst, err := Fig1Instance(sub, &Fig1Config{AlphaMax: x.AlphaMax}, src)
	if err != nil {
		return fig1Trial{}, err
	}
	g, err := Gradient(ctx, inst, &Settings{K: x.K})
	if err != nil {
		return fig1Trial{}, err
	}
	m, err := MSTBaseline(inst)
	if err != nil {
		return fig1Trial{}, err
	}
	nb, err := NaiveBroadcast(inst)
	if err != nil {
		return fig1Trial{}, err
	}
	return fig1Trial{g.Cost, m.Cost, nb.Cost, g.Ratio}, nil
}

// meanSD returns the mean and the sample standard deviation (0 for one value).
func meanSD(x []float64) (mean, sd float64) {
	if len(x) == 0 {
		return 0, 0
	}
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	if len(x) < 2 {
		return mean, 0
	}
	var ss float64
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	return mean, math.Sqrt(ss / float64(len(x)-1))
}
