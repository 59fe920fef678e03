package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"

	"github.com/cdnkit/cdnkit/em"
)

// emIters is the fixed number of EM iterations (MinIter = MaxIter) both sides run.
const emIters = 100

// genEM writes in/em/rows.txt ("s m" per row: n = 10⁵ rows, m ~ U{1..100},
// class uniform over θ_true = (0.1, 0.3, 0.5, 0.7, 0.9), s ~ Bin(m, θ)) and
// in/em/start.txt (iterations, K, θ0, π0).
func genEM(cfg config) error {
	rng := rand.New(rand.NewPCG(1, 15))
	thetaTrue := []float64{0.1, 0.3, 0.5, 0.7, 0.9}
	const n = 100000
	f, w, err := createFile(cfg, "em", "rows.txt")
	if err != nil {
		return err
	}
	for range n {
		m := 1 + rng.IntN(100)
		th := thetaTrue[rng.IntN(len(thetaTrue))]
		s := 0
		for range m {
			if rng.Float64() < th {
				s++
			}
		}
		fmt.Fprintf(w, "%d %d\n", s, m)
	}
	if err := closeFile(f, w); err != nil {
		return err
	}
	f, w, err = createFile(cfg, "em", "start.txt")
	if err != nil {
		return err
	}
	theta0 := []float64{0.15, 0.35, 0.45, 0.6, 0.8}
	fmt.Fprintf(w, "%d %d\n", emIters, len(theta0))
	for _, t := range theta0 {
		fmt.Fprintf(w, "%s ", fmtG(t))
	}
	fmt.Fprintln(w)
	for range theta0 {
		fmt.Fprintf(w, "%s ", fmtG(1/float64(len(theta0))))
	}
	fmt.Fprintln(w)
	return closeFile(f, w)
}

// runEM fits the mixture with em.FitBinomialMixture, variant B (learned
// weights), exactly emIters iterations from the written start, and records
// ℓ, θ (ascending) and π.
func runEM(cfg config) error {
	rows, err := readFloats(cfg, "em", "rows.txt")
	if err != nil {
		return err
	}
	start, err := readFloats(cfg, "em", "start.txt")
	if err != nil {
		return err
	}
	iters, k := int(start[0]), int(start[1])
	theta0 := start[2 : 2+k]
	w0 := start[2+k : 2+2*k]
	s := make([]int, len(rows)/2)
	m := make([]int, len(rows)/2)
	for i := range s {
		s[i], m[i] = int(rows[2*i]), int(rows[2*i+1])
	}
	var mix *em.Mixture
	for _, variant := range []struct {
		work  string
		noAgg bool
	}{{"em/fit-grouped", false}, {"em/fit-rows", true}} {
		st := &em.Settings{MinIter: iters, MaxIter: iters, Weights0: w0, NoAggregate: variant.noAgg}
		ns, err := timeIt(minTime(cfg), 1, true, func() error {
			var err error
			mix, err = em.FitBinomialMixture(context.Background(), s, m, theta0, st)
			if errors.Is(err, em.ErrNotConverged) {
				err = nil // a fixed iteration count is the point
			}
			return err
		})
		if err != nil {
			return err
		}
		if mix.Iterations != iters {
			return fmt.Errorf("em: %d iterations, want %d", mix.Iterations, iters)
		}
		vals := append([]float64{mix.LogLik}, mix.Theta...)
		vals = append(vals, mix.Weights...)
		if err := writeResult(cfg, variant.work, ns, 1e-9, vals); err != nil {
			return err
		}
	}
	return nil
}
