package timeslot

import (
	"context"
	"math"
	"testing"

	"pgregory.net/rapid"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/lyapunov"
)

// randomPolicy is a rapid-driven feasible policy: it downloads a random admissible member's segment at a random
// level, or waits a random time.
type randomPolicy struct{ rt *rapid.T }

func (p *randomPolicy) Decide(v *device.View) device.Decision {
	var adm []int
	for k := range v.Members {
		if v.Members[k].Admissible {
			adm = append(adm, k)
		}
	}
	if len(adm) == 0 || rapid.IntRange(0, 5).Draw(p.rt, "wait?") == 0 {
		return device.Wait(rapid.Float64Range(0.05, 4).Draw(p.rt, "wait"))
	}
	m := v.Members[adm[rapid.IntRange(0, len(adm)-1).Draw(p.rt, "owner")]]
	return device.Download(m.ID, rapid.IntRange(0, len(m.User.Video.Ladder)-1).Draw(p.rt, "level"))
}

func policies(t interface{ Fatal(...any) }) map[string]func() device.Policy {
	ps := map[string]func() device.Policy{
		"bba": func() device.Policy { return &device.BufferBased{Owner: device.DefaultOwnerRule()} },
	}
	for _, pr := range []device.Predictor{device.PredictHarmonic, device.PredictPANDA, device.PredictCurrent} {
		ps["cp"+string(rune('0'+int(pr)))] = func() device.Policy {
			return &device.ChannelPrediction{Predictor: pr, Owner: device.DefaultOwnerRule()}
		}
	}
	for name, st := range map[string]lyapunov.Settings{
		"lyap-exact-20":  {V: 20, Drift: lyapunov.DriftExact},
		"lyap-linear-5":  {V: 5, Drift: lyapunov.DriftLinear},
		"lyap-exact-100": {V: 100, Drift: lyapunov.DriftExact},
		"lyap-self":      {SelfOnly: true},
	} {
		if _, err := lyapunov.New(&st); err != nil {
			t.Fatal(err)
		}
		ps[name] = func() device.Policy {
			s, err := lyapunov.New(&st)
			if err != nil {
				panic(err)
			}
			return s
		}
	}
	ps["bola"] = func() device.Policy { return &lyapunov.BOLA{} }
	ps["bola-owner"] = func() device.Policy { r := device.DefaultOwnerRule(); return &lyapunov.BOLA{Owner: &r} }
	return ps
}

// TestRealisedBelowUB: for every policy of device and lyapunov, a random feasible policy and the Tracker, the
// realised welfare of device.Simulate is at most the certified UB (spec timeslot.md §2.4); LB ≤ UB; Replay
// reproduces the lower-bound run; Gap ≥ −1e-12.
func TestRealisedBelowUB(t *testing.T) {
	setChecks(t, map[bool]int{true: 6, false: 50}[testing.Short()])
	ps := policies(t)
	rapid.Check(t, func(rt *rapid.T) {
		sc, slot := genScenario(rt)
		st := &device.SimSettings{}
		if rapid.Bool().Draw(rt, "rtt") {
			st.RTT = 0.08
		}
		lo, ub, err := Bounds(context.Background(), sc, &Settings{Slot: slot, Sim: st})
		if err != nil {
			rt.Fatal(err)
		}
		if !ub.Certified || math.IsNaN(ub.Welfare) || math.IsInf(ub.Welfare, 0) {
			rt.Fatalf("UB %v certified %v", ub.Welfare, ub.Certified)
		}
		tol := 1e-9 * (1 + math.Abs(ub.Welfare))
		if ub.Gap < -1e-12 || ub.LPFeasible > ub.Welfare+tol {
			rt.Fatalf("gap %v, LPFeasible %v > UB %v", ub.Gap, ub.LPFeasible, ub.Welfare)
		}
		if lo.Welfare > ub.Welfare+tol {
			rt.Fatalf("LB %.12g > UB %.12g", lo.Welfare, ub.Welfare)
		}
		check := func(name string, p device.Policy) {
			res, err := device.Simulate(context.Background(), sc, p, st)
			if err != nil {
				rt.Fatalf("%s: %v", name, err)
			}
			if res.Welfare > ub.Welfare+tol {
				rt.Fatalf("%s: realised %.12g > UB %.12g", name, res.Welfare, ub.Welfare)
			}
		}
		for name, mk := range ps {
			check(name, mk())
		}
		check("random", &randomPolicy{rt})
		rst := *st
		rst.Record = true
		rep, err := device.Simulate(context.Background(), sc, Replay(lo.Schedule), &rst)
		if err != nil {
			rt.Fatalf("replay: %v", err)
		}
		if math.Abs(rep.Welfare-lo.Welfare) > 1e-9*(1+math.Abs(lo.Welfare)) || len(rep.Downloads) != len(lo.Run.Downloads) {
			rt.Fatalf("replay welfare %.15g (%d downloads), run %.15g (%d)", rep.Welfare, len(rep.Downloads),
				lo.Welfare, len(lo.Run.Downloads))
		}
	})
}
