//go:build peers_timeslot

package main

import (
	"fmt"
	"math/rand/v2"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/timeslot"
	"github.com/cdnkit/cdnkit/timeslot/lp"
)

// timeslotLPs returns the LPs that package timeslot builds (timeslot.Build)
// for the spec's instances: the single-user instance of BenchmarkSolveSingle
// (NewSingleUserScenario on LogNormalTrace(1.5, 0.5, 1, 600, PCG(1, 1)),
// defaults: K = 250, L = 2, B = 40) and NewPaperScenario with fewer users
// (SyntheticPool(20, PCG(1, 2)), CoopFull, seed PCG(1, 2)) in the exact hub
// form — 10 users, and in the full run 25 and the paper's 50 (175 000
// columns) — plus, in the full run, the 10-user flow form. Where Build returns several components,
// the largest is used. The file is built with -tags peers_timeslot (the run
// script adds the tag when package timeslot builds), so that the harness
// compiles without it.
func timeslotLPs(cfg config) ([]namedLP, error) {
	var out []namedLP
	tr, err := device.LogNormalTrace(1.5, 0.5, 1, 600, rand.NewPCG(1, 1))
	if err != nil {
		return nil, err
	}
	sc, err := device.NewSingleUserScenario(tr, 0, device.SingleConfig{})
	if err != nil {
		return nil, err
	}
	p, err := largestModel(sc, timeslot.FormAuto)
	if err != nil {
		return nil, fmt.Errorf("single-user: %w", err)
	}
	out = append(out, namedLP{"ts-single-T500", p})
	type paper struct {
		users int
		form  timeslot.Form
	}
	cases := []paper{{10, timeslot.FormHub}}
	if !cfg.quick {
		cases = append(cases, paper{10, timeslot.FormFlow}, paper{25, timeslot.FormHub}, paper{50, timeslot.FormHub})
	}
	for _, c := range cases {
		sc, err := device.NewPaperScenario(device.PaperConfig{Users: c.users,
			Traces: device.SyntheticPool(20, rand.NewPCG(1, 2))}, rand.NewPCG(1, 2))
		if err != nil {
			return nil, err
		}
		p, err := largestModel(sc, c.form)
		if err != nil {
			return nil, fmt.Errorf("paper %d users: %w", c.users, err)
		}
		out = append(out, namedLP{fmt.Sprintf("ts-paper-u%d-%s", c.users, c.form), p})
	}
	return out, nil
}

func largestModel(sc *device.Scenario, form timeslot.Form) (*lp.Problem, error) {
	models, err := timeslot.Build(sc, &timeslot.Settings{Form: form})
	if err != nil {
		return nil, err
	}
	var best *lp.Problem
	for _, m := range models {
		if best == nil || len(m.Problem.C) > len(best.C) {
			best = m.Problem
		}
	}
	if best == nil {
		return nil, fmt.Errorf("no LP built")
	}
	return best, nil
}
