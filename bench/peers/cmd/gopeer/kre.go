package main

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/cdnkit/cdnkit/kre"
)

// kreSeries returns the series lengths: 7, 100 and 10⁴, and 1000 in the full
// run (the longest series with a CV comparison).
func kreSeries(cfg config) []int {
	if cfg.quick {
		return []int{7, 100, 10000}
	}
	return []int{7, 100, 1000, 10000}
}

// kreLocpolyGrid is KernSmooth's gridsize.
const kreLocpolyGrid = 401

// kreCVMax is the longest series whose LOO-CV bandwidth is compared. At n =
// 10⁴ one criterion evaluation costs ≈ 2 s (NW) and 5 s (LL) in kre.CV and ≈
// 3 s in statsmodels' cv_loo on this machine; with ≈ 115 and 20–50 of them
// per search that is beyond the harness's time.
func kreCVMax(cfg config) int {
	if cfg.quick {
		return 100
	}
	return 1000
}

// genKRE writes, per n, in/kre/n<n>.data ("x y": x = 1..n, y = 10 +
// 2 sin(6πx/n) + N(0, 0.5²), PCG(1, 18)), n<n>.at (the fit points: x itself
// for n ≤ 100, else 1000 (quick: 200) equispaced points on [1, n]) and
// n<n>.meta ("h lo hi cv": fixed bandwidth, CV search range, 1 if the CV
// bandwidth is compared).
func genKRE(cfg config) error {
	rng := rand.New(rand.NewPCG(1, 18))
	for _, n := range kreSeries(cfg) {
		f, w, err := createFile(cfg, "kre", fmt.Sprintf("n%d.data", n))
		if err != nil {
			return err
		}
		for i := 1; i <= n; i++ {
			x := float64(i)
			y := 10 + 2*math.Sin(6*math.Pi*x/float64(n)) + 0.5*rng.NormFloat64()
			fmt.Fprintf(w, "%s %s\n", fmtG(x), fmtG(y))
		}
		if err := closeFile(f, w); err != nil {
			return err
		}
		f, w, err = createFile(cfg, "kre", fmt.Sprintf("n%d.at", n))
		if err != nil {
			return err
		}
		if n <= 100 {
			for i := 1; i <= n; i++ {
				fmt.Fprintf(w, "%d\n", i)
			}
		} else {
			m := 1000
			if cfg.quick {
				m = 200
			}
			for j := range m {
				fmt.Fprintln(w, fmtG(1+float64(n-1)*float64(j)/float64(m-1)))
			}
		}
		if err := closeFile(f, w); err != nil {
			return err
		}
		h := map[int]float64{7: 2, 100: 5, 1000: 20, 10000: 100}[n]
		cv := 0
		if n <= kreCVMax(cfg) {
			cv = 1
		}
		f, w, err = createFile(cfg, "kre", fmt.Sprintf("n%d.meta", n))
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s %s %s %d\n", fmtG(h), fmtG(0.2), fmtG(float64(n)), cv)
		if err := closeFile(f, w); err != nil {
			return err
		}
	}
	return nil
}

// runKRE times, per series: NadarayaWatsonMany and LocalLinearMany at the fit
// points (vs statsmodels KernelReg with bw = [h]); CVBandwidth for both
// estimators (vs KernelReg bw = "cv_ls"), recording h and CV(h); and on
// KernSmooth's 401-point grid LocalLinearMany (exact) and BinnedNW (binned),
// against locpoly degree 1 and 0 (binned).
func runKRE(cfg config) error {
	for _, n := range kreSeries(cfg) {
		xy, err := readFloats(cfg, "kre", fmt.Sprintf("n%d.data", n))
		if err != nil {
			return err
		}
		at, err := readFloats(cfg, "kre", fmt.Sprintf("n%d.at", n))
		if err != nil {
			return err
		}
		meta, err := readFloats(cfg, "kre", fmt.Sprintf("n%d.meta", n))
		if err != nil {
			return err
		}
		h, lo, hi, doCV := meta[0], meta[1], meta[2], meta[3] == 1
		x, y := make([]float64, n), make([]float64, n)
		for i := range x {
			x[i], y[i] = xy[2*i], xy[2*i+1]
		}
		dst := make([]float64, len(at))
		for _, fit := range []struct {
			name string
			f    func(dst, x, y []float64, h float64, at []float64) ([]float64, error)
		}{{"nw", kre.NadarayaWatsonMany}, {"ll", kre.LocalLinearMany}} {
			ns, err := timeIt(minTime(cfg), 1, true, func() error {
				_, err := fit.f(dst, x, y, h, at)
				return err
			})
			if err != nil {
				return fmt.Errorf("kre %s n=%d: %w", fit.name, n, err)
			}
			if err := writeResult(cfg, fmt.Sprintf("kre/%s-n%d", fit.name, n), ns, 1e-10, dst); err != nil {
				return err
			}
		}
		if doCV {
			for _, local := range []bool{false, true} {
				var hcv float64
				ns, err := timeIt(minTime(cfg), 1, n <= 100, func() error {
					var err error
					hcv, err = kre.CVBandwidth(x, y, lo, hi, local)
					return err
				})
				if err != nil {
					return fmt.Errorf("kre CVBandwidth n=%d: %w", n, err)
				}
				cv, err := kre.CV(x, y, hcv, local)
				if err != nil {
					return err
				}
				name := map[bool]string{false: "nw", true: "ll"}[local]
				// Informational: the selectors search differently (bounded grid
				// + golden section vs unbounded Nelder–Mead) and may stop in
				// different local minima.
				if err := writeResult(cfg, fmt.Sprintf("kre/cv-%s-n%d", name, n), ns, 0, []float64{hcv, cv}); err != nil {
					return err
				}
			}
		}
		grid := make([]float64, kreLocpolyGrid)
		for j := range grid {
			grid[j] = x[0] + (x[n-1]-x[0])*float64(j)/float64(kreLocpolyGrid-1)
		}
		gdst := make([]float64, len(grid))
		ns, err := timeIt(minTime(cfg), 1, true, func() error {
			_, err := kre.LocalLinearMany(gdst, x, y, h, grid)
			return err
		})
		if err != nil {
			return err
		}
		if err := writeResult(cfg, fmt.Sprintf("kre/grid-ll-n%d", n), ns, 0, gdst); err != nil {
			return err
		}
		ns, err = timeIt(minTime(cfg), 1, true, func() error {
			b, err := kre.NewBinnedNW(x, y, h, nil)
			if err != nil {
				return err
			}
			for j, g := range grid {
				gdst[j], _ = b.At(g)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := writeResult(cfg, fmt.Sprintf("kre/grid-nw-n%d", n), ns, 0, gdst); err != nil {
			return err
		}
	}
	return nil
}
