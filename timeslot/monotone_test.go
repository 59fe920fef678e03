package timeslot

import (
	"context"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/timeslot/lp"
)

var tight = &lp.Settings{Tol: 1e-7}

func ubOf(rt interface{ Fatalf(string, ...any) }, sc *device.Scenario, s *Settings) float64 {
	if s.LP == nil {
		s.LP = tight
	}
	b, err := UpperBound(context.Background(), sc, s)
	if err != nil {
		rt.Fatalf("UpperBound: %v", err)
	}
	return b.Welfare
}

// TestMonotoneBounds checks the consequences of the relaxation map (spec timeslot.md §2.4–2.5): refining the
// slots never increases UB, more capacity and more buffer slack never decrease it, and the hub form equals the
// flow form for full and no cooperation (and is not below it for any mobility).
func TestMonotoneBounds(t *testing.T) {
	setChecks(t, map[bool]int{true: 2, false: 12}[testing.Short()])
	rapid.Check(t, func(rt *rapid.T) {
		sc, slot := genScenario(rt)
		base := ubOf(rt, sc, &Settings{Slot: slot})
		tol := 1e-5 * (1 + math.Abs(base))
		if fine := ubOf(rt, sc, &Settings{Slot: slot / 2}); fine > base+tol {
			rt.Fatalf("UB(Δ/2) = %.10g > UB(Δ) = %.10g", fine, base)
		}
		if sl := ubOf(rt, sc, &Settings{Slot: slot, BufferSlack: 4}); sl < base-tol {
			rt.Fatalf("UB(slack 4) = %.10g < UB = %.10g", sl, base)
		}
		cp := *sc
		cp.Users = append([]device.User(nil), sc.Users...)
		for k := range cp.Users {
			cp.Users[k].Trace = cp.Users[k].Trace.Scaled(2)
		}
		if sc2 := ubOf(rt, &cp, &Settings{Slot: slot}); sc2 < base-tol {
			rt.Fatalf("UB(Scaled(2)) = %.10g < UB = %.10g", sc2, base)
		}
		flow := ubOf(rt, sc, &Settings{Slot: slot, Form: FormFlow})
		hub := ubOf(rt, sc, &Settings{Slot: slot, Form: FormHub})
		switch {
		case hubExact(sc, slot, len(sc.Users)): // CoopFull, CoopNone, or every change on a slot boundary
			if math.Abs(hub-flow) > 1e-5*(1+math.Abs(flow)) {
				rt.Fatalf("hub %.10g ≠ flow %.10g", hub, flow)
			}
		default:
			if hub < flow-1e-5*(1+math.Abs(flow)) {
				rt.Fatalf("hub %.10g < flow %.10g", hub, flow)
			}
		}
	})
}

// TestCooperationOrder: on identical users, UB(CoopFull) ≥ UB(ISF-like) ≥ UB(CoopNone), and the CoopNone UB
// is the sum of the single-user UBs of NewSingleUserScenario built from each video user.
func TestCooperationOrder(t *testing.T) {
	setChecks(t, map[bool]int{true: 3, false: 8}[testing.Short()])
	rapid.Check(t, func(rt *rapid.T) {
		sc, slot := genScenario(rt)
		isf, err := device.NewPaperScenario(device.PaperConfig{Users: len(sc.Users), Coop: device.CoopISFLike,
			Traces: device.SyntheticPool(2, nil)}, nil)
		if err != nil {
			rt.Fatal(err)
		}
		full := ubOf(rt, sc.WithMobility(device.FullCooperation(len(sc.Users))), &Settings{Slot: slot})
		mid := ubOf(rt, sc.WithMobility(isf.Mobility), &Settings{Slot: slot})
		none := ubOf(rt, sc.WithMobility(nil), &Settings{Slot: slot})
		tol := 1e-5 * (1 + math.Abs(full))
		if full < mid-tol || mid < none-tol {
			rt.Fatalf("UB full %.10g, isf %.10g, none %.10g: not ordered", full, mid, none)
		}
		sum := 0.0
		for _, j := range sc.VideoUsers() {
			u := sc.Users[j]
			v := u.Video
			one := &device.Scenario{Users: []device.User{u}, Horizon: sc.Horizon, LambdaE: sc.LambdaE,
				Value: sc.Value, WiFiRate: sc.WiFiRate}
			if sc.Horizon == 0 {
				one.Horizon = sc.HorizonOrDefault()
			}
			_ = v
			sum += ubOf(rt, one, &Settings{Slot: slot})
		}
		if math.Abs(sum-none) > 1e-5*(1+math.Abs(none)) {
			rt.Fatalf("CoopNone UB %.10g ≠ Σ single-user UBs %.10g", none, sum)
		}
	})
}

// TestRepairFeasible: Repair of the solver's primal satisfies every row and box to 1e-9·(1 + |bound|), its
// welfare is at most the certified bound, and Certify agrees with lp's own Problem.DualBound (an independent
// implementation of the same formula) to rounding.
func TestRepairFeasible(t *testing.T) {
	setChecks(t, map[bool]int{true: 8, false: 30}[testing.Short()])
	rapid.Check(t, func(rt *rapid.T) {
		sc, slot := genScenario(rt)
		ms, err := Build(sc, &Settings{Slot: slot})
		if err != nil {
			rt.Fatal(err)
		}
		for _, m := range ms {
			sol, err := lp.Solve(context.Background(), m.Problem, &lp.Settings{MaxIter: rapid.IntRange(64, 3000).Draw(rt, "iters")})
			if sol == nil {
				rt.Fatalf("solve: %v", err)
			}
			x, w := m.Repair(sol.X)
			p := m.Problem
			for j, v := range x {
				if v < p.Lower[j]-1e-9*(1+math.Abs(p.Lower[j])) || v > p.Upper[j]+1e-9*(1+math.Abs(p.Upper[j])) {
					rt.Fatalf("column %d (%+v) = %v outside [%v, %v]", j, m.Columns[j], v, p.Lower[j], p.Upper[j])
				}
			}
			ax := p.A.MulVec(nil, x)
			for i, v := range ax {
				if v < p.RowLower[i]-1e-9*(1+math.Abs(p.RowLower[i])) || v > p.RowUpper[i]+1e-9*(1+math.Abs(p.RowUpper[i])) {
					rt.Fatalf("row %d (%+v) = %v outside [%v, %v]", i, m.Rows[i], v, p.RowLower[i], p.RowUpper[i])
				}
			}
			ub := m.Certify(sol.Y)
			if w > ub+1e-9*(1+math.Abs(ub)) {
				rt.Fatalf("repaired welfare %.12g > certified %.12g", w, ub)
			}
			ref := -p.DualBound(sol.Y)
			if diff := cmp.Diff(ref, ub, cmpopts.EquateApprox(1e-9, 1e-9)); diff != "" {
				rt.Fatalf("Certify vs lp DualBound (-want +got):\n%s", diff)
			}
		}
	})
}
