package main

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/cdnkit/cdnkit/options"
)

// optionParams is one parameter set of in/options/params.txt.
type optionParams struct {
	kind options.Kind
	days int
	p    options.Params
}

// genOptions writes in/options/params.txt, one "kind S K days r q σ" line per
// set (kind 0 = call, 1 = put, alternating; T = days/365), and
// in/options/meta.txt ("n nbinomial stride": the lattice and the
// high-precision reference use every stride-th set, stride odd). Even sets i < n/2 span the textbook range (S 80–120, K 100, 30–365
// days, r 1–10 %, q 0–10 %, σ 10–50 %); the rest are the bandwidth regime
// (S within ±2 % of K = 0.01 $/GB, 7–28 days, r 5 %, q 0, σ 1 %).
func genOptions(cfg config) error {
	const n = 100000
	nbin := 2000
	if cfg.quick {
		nbin = 200
	}
	rng := rand.New(rand.NewPCG(1, 17))
	f, w, err := createFile(cfg, "options", "params.txt")
	if err != nil {
		return err
	}
	for i := range n {
		var s, k, r, q, vol float64
		var days int
		if i < n/2 {
			s, k = 80+40*rng.Float64(), 100
			days = 30 + rng.IntN(336)
			r, q, vol = 0.01+0.09*rng.Float64(), 0.1*rng.Float64(), 0.1+0.4*rng.Float64()
		} else {
			k = 0.01
			s = k * (0.98 + 0.04*rng.Float64())
			days = 7 + rng.IntN(22)
			r, q, vol = 0.05, 0, 0.01
		}
		fmt.Fprintf(w, "%d %s %s %d %s %s %s\n", i%2, fmtG(s), fmtG(k), days, fmtG(r), fmtG(q), fmtG(vol))
	}
	if err := closeFile(f, w); err != nil {
		return err
	}
	f, w, err = createFile(cfg, "options", "meta.txt")
	if err != nil {
		return err
	}
	stride := n / nbin
	if stride%2 == 0 {
		stride-- // odd: the subset alternates calls and puts
	}
	fmt.Fprintf(w, "%d %d %d\n", n, nbin, stride)
	return closeFile(f, w)
}

func readOptions(cfg config) ([]optionParams, int, error) {
	v, err := readFloats(cfg, "options", "params.txt")
	if err != nil {
		return nil, 0, err
	}
	meta, err := readFloats(cfg, "options", "meta.txt")
	if err != nil {
		return nil, 0, err
	}
	ps := make([]optionParams, len(v)/7)
	for i := range ps {
		r := v[7*i:]
		kind := options.Call
		if r[0] == 1 {
			kind = options.Put
		}
		ps[i] = optionParams{kind: kind, days: int(r[3]), p: options.Params{
			Spot: r[1], Strike: r[2], T: r[3] / 365, Rate: r[4], Dividend: r[5], Vol: r[6]}}
	}
	return ps, int(meta[2]), nil
}

// runOptions prices every set with each method (the lattice on every
// stride-th set, 1000 steps, American) and records the prices.
func runOptions(cfg config) error {
	ps, stride, err := readOptions(cfg)
	if err != nil {
		return err
	}
	type method struct {
		work   string
		tol    float64
		stride int
		price  func(options.Kind, options.Params) (float64, error)
	}
	methods := []method{
		{"options/european", 1e-12, 1, options.European},
		{"options/baw", 1e-6, 1, options.BaroneAdesiWhaley},
		{"options/bjs1993", 1e-10, 1, options.BjerksundStensland1993},
		{"options/juzhong", 1e-6, 1, options.JuZhong},
		{"options/european-subset", 1e-12, stride, options.European},
		{"options/binomial1000", 1e-4, stride, func(k options.Kind, p options.Params) (float64, error) {
			return options.Binomial(k, p, 1000, true)
		}},
	}
	for _, m := range methods {
		cnt := 0
		var floor []float64
		for i := 0; i < len(ps); i += m.stride {
			cnt++
			// Relative differences are taken only for prices ≥ 1e-6·K
			// (1e-8 $/GB in the bandwidth regime): below, QuantLib's
			// closed forms return rounding noise (even negative values).
			floor = append(floor, 1e-6*ps[i].p.Strike)
		}
		vals := make([]float64, 0, cnt)
		ns, err := timeIt(minTime(cfg), cnt, m.stride == 1, func() error {
			vals = vals[:0]
			for i := 0; i < len(ps); i += m.stride {
				v, err := m.price(ps[i].kind, ps[i].p)
				if err != nil {
					return fmt.Errorf("%s: set %d: %w", m.work, i, err)
				}
				vals = append(vals, v)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for i, v := range vals {
			if math.IsNaN(v) || v < 0 {
				return fmt.Errorf("%s: value %d is %g", m.work, i, v)
			}
		}
		if err := writeResultFloor(cfg, m.work, ns, m.tol, vals, floor); err != nil {
			return err
		}
	}
	return nil
}
