package timeslot

import (
	"context"
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/timeslot/lp"
)

// fuzzFloats decodes data into n float64 values (arbitrary bits; missing bytes read as 0).
func fuzzFloats(data []byte, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		var b [8]byte
		if len(data) > 0 {
			copy(b[:], data)
			data = data[min(8, len(data)):]
		}
		out[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[:]))
	}
	return out
}

func fbits(vs ...float64) []byte {
	var b []byte
	for _, v := range vs {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	return b
}

// FuzzUpperBound decodes bytes into a tiny two-user scenario and settings with arbitrary floats: UpperBound
// either rejects them (an invalid scenario or ErrBadSettings) or returns a certified, finite bound that is at
// least the realised welfare of BufferBased.
func FuzzUpperBound(f *testing.F) {
	f.Add(byte(0), fbits(2, 3, 1, 2, 1, 0.02, 4.3, 0))
	f.Add(byte(1), fbits(1, 0.5, 2, 1, 0.5, 0.02, 4.3, 0.5))
	f.Add(byte(3), fbits(math.NaN(), 1, 1, 2, 1, 0.02, 4.3, 1))
	f.Add(byte(2), fbits(2, 2, -1, 2, 1, 0.02, 4.3, 1))
	f.Add(byte(0), fbits(2, 2, 1, 2, 1, 0.02, 4.3, math.Inf(1)))
	f.Add(byte(5), fbits(0, 0, 1, 1, 1, 0, 0, 2))
	f.Fuzz(func(t *testing.T, mode byte, data []byte) {
		v := fuzzFloats(data, 8)
		c0, c1, r, segLen, theta, lambda, rho, slot := v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]
		// Keep the instance tiny: reject what would make a large LP before calling the library.
		if segLen > 4 || slot != 0 && slot < 0.25 && slot > 0 {
			return
		}
		video := &device.Video{SegLen: segLen, Segments: 3, MaxBuffer: 3 * math.Abs(segLen), Ladder: device.Ladder{r, 2 * r}}
		users := []device.User{
			{Trace: device.ConstantTrace(c0, 10), Video: video, Energy: device.DefaultEnergy(), Theta: theta, Delta: theta, Rho: rho},
			{Trace: device.ConstantTrace(c1, 10), Energy: device.DefaultEnergy(), Theta: 1},
		}
		if mode&1 == 1 {
			users[1].Video = video
		}
		sc := &device.Scenario{Users: users, LambdaE: lambda}
		if mode&2 == 2 {
			sc.Mobility = device.FullCooperation(2)
		}
		s := &Settings{Slot: slot, Form: Form(mode>>2) % 4, LP: &lp.Settings{MaxIter: 20000}}
		ub, err := UpperBound(context.Background(), sc, s)
		if errors.Is(err, lp.ErrIterationLimit) || errors.Is(err, lp.ErrInfeasible) || errors.Is(err, lp.ErrUnbounded) {
			// Extreme numbers: the solver stopped early or misjudged a feasible, bounded model (every Model is
			// feasible at z = 0, b = 0, s = w, with finite boxes); the certified bound must still be valid.
			if ub == nil && !errors.Is(err, ErrNumeric) {
				t.Fatalf("no bound with %v", err)
			}
			if ub != nil {
				err = nil
			}
		}
		if err != nil {
			if !errors.Is(err, device.ErrInvalidScenario) && !errors.Is(err, ErrBadSettings) && !errors.Is(err, ErrNumeric) {
				t.Fatalf("unexpected error %v", err)
			}
			if ub != nil {
				t.Fatalf("bound %v returned with validation error %v", ub, err)
			}
			return
		}
		if !ub.Certified || math.IsNaN(ub.Welfare) || math.IsInf(ub.Welfare, 0) || math.IsNaN(ub.Gap) {
			t.Fatalf("bound %+v", ub)
		}
		res, err := device.Simulate(context.Background(), sc, &device.BufferBased{Owner: device.DefaultOwnerRule()}, nil)
		if err != nil {
			t.Fatalf("simulate: %v", err)
		}
		if res.Welfare > ub.Welfare+1e-9*(1+math.Abs(ub.Welfare)) {
			t.Fatalf("BufferBased %.12g > UB %.12g", res.Welfare, ub.Welfare)
		}
	})
}

// TestSettingsValidation: every invalid field gives ErrBadSettings naming it, before any work.
func TestSettingsValidation(t *testing.T) {
	sc := device.DemoScenario()
	for name, s := range map[string]*Settings{
		"Slot":         {Slot: -1},
		"Slot ":        {Slot: math.NaN()},
		"Slot  ":       {Slot: math.Inf(1)},
		"Slot   ":      {Slot: 1e-6}, // 1e8 slots
		"BufferSlack":  {BufferSlack: -1},
		"BufferSlack ": {BufferSlack: math.NaN()},
		"Round":        {Round: 1.5},
		"Round ":       {Round: -0.1},
		"Lookahead":    {Lookahead: math.NaN()},
		"Lookahead ":   {Lookahead: -2},
		"Workers":      {Workers: -1},
		"MaxColumns":   {MaxColumns: -3},
		"Form":         {Form: 9},
	} {
		_, err := UpperBound(context.Background(), sc, s)
		if !errors.Is(err, ErrBadSettings) {
			t.Fatalf("%s: err %v, want ErrBadSettings", name, err)
		}
		if want := name[:len(trim(name))]; !contains(err.Error(), want) {
			t.Fatalf("%s: error %q does not name the field", name, err)
		}
		if _, _, _, err := Count(sc, s); !errors.Is(err, ErrBadSettings) {
			t.Fatalf("Count %s: err %v", name, err)
		}
		if _, err := LowerBound(context.Background(), sc, s); !errors.Is(err, ErrBadSettings) {
			t.Fatalf("LowerBound %s: err %v", name, err)
		}
	}
	if _, err := Build(sc, &Settings{MaxColumns: 10}); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("MaxColumns 10: err %v, want ErrTooLarge", err)
	}
	bad := *sc
	bad.LambdaE = -1
	if _, err := UpperBound(context.Background(), &bad, nil); !errors.Is(err, device.ErrInvalidScenario) {
		t.Fatalf("invalid scenario: err %v", err)
	}
	if _, _, err := Ratio(context.Background(), sc, math.NaN(), nil); !errors.Is(err, ErrBadSettings) {
		t.Fatalf("Ratio(NaN): err %v", err)
	}
}

func trim(s string) string {
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	return s
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// TestNoVideo: a scenario without video users has UB 0, certified, no components.
func TestNoVideo(t *testing.T) {
	sc := &device.Scenario{Users: []device.User{{Trace: device.ConstantTrace(1, 10), Energy: device.DefaultEnergy()}},
		Horizon: 10}
	ub, err := UpperBound(context.Background(), sc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ub.Welfare != 0 || !ub.Certified || len(ub.Components) != 0 {
		t.Fatalf("bound %+v", ub)
	}
}

// TestEarlyStopStillValid: an iteration limit, a cancelled context and a failing progress hook still return a
// certified bound at least the optimum, with the error.
func TestEarlyStopStillValid(t *testing.T) {
	sc := device.DemoScenario()
	ref, err := UpperBound(context.Background(), sc, nil)
	if err != nil {
		t.Fatal(err)
	}
	opt := ref.LPFeasible // ≤ the LP optimum
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	stop := errors.New("stop")
	for name, tc := range map[string]struct {
		ctx  context.Context
		s    *Settings
		want error
	}{
		"iterations": {context.Background(), &Settings{LP: &lp.Settings{MaxIter: 100}}, lp.ErrIterationLimit},
		"canceled":   {ctx, nil, context.Canceled},
		"hook":       {context.Background(), &Settings{Progress: func(Progress) error { return stop }}, stop},
	} {
		ub, err := UpperBound(tc.ctx, sc, tc.s)
		if !errors.Is(err, tc.want) {
			t.Fatalf("%s: err %v, want %v", name, err, tc.want)
		}
		if ub == nil || !ub.Certified || ub.Welfare < opt {
			t.Fatalf("%s: bound %+v below the feasible %v", name, ub, opt)
		}
	}
}

// TestUncertifiedSolver: a Solver without a dual point gives an uncertified bound equal to its primal value.
func TestUncertifiedSolver(t *testing.T) {
	sc := oneUser(t, 2, 1)
	solver := func(ctx context.Context, p *lp.Problem, s *lp.Settings) (*lp.Solution, error) {
		sol, err := lp.Solve(ctx, p, s)
		if sol != nil {
			sol.Y, sol.BoundDual = nil, nil
		}
		return sol, err
	}
	ub, err := UpperBound(context.Background(), sc, &Settings{Solver: solver})
	if err != nil {
		t.Fatal(err)
	}
	if ub.Certified || math.Abs(ub.Welfare-6.244471805599453) > 1e-4 {
		t.Fatalf("bound %+v", ub)
	}
}

// TestBadLPSettings: invalid solver settings are a validation error without a bound.
func TestBadLPSettings(t *testing.T) {
	ub, err := UpperBound(context.Background(), oneUser(t, 2, 1), &Settings{LP: &lp.Settings{Tol: -1}})
	var pe *lp.ProblemError
	if ub != nil || !errors.As(err, &pe) || pe.Field != "Settings.Tol" {
		t.Fatalf("bound %v, err %v", ub, err)
	}
}

// TestProgressAndLowerPolicies: the progress hook sees every component, and a better LowerPolicies candidate
// wins the lower bound, whose schedule then replays to the same welfare.
func TestProgressAndLowerPolicies(t *testing.T) {
	sc, err := device.NewPaperScenario(device.PaperConfig{Users: 4, Segments: 10, Coop: device.CoopNone,
		Traces: device.SyntheticPool(4, rand.NewPCG(5, 6))}, rand.NewPCG(5, 6))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	comps := 0
	bba := func() device.Policy { return &device.BufferBased{Owner: device.DefaultOwnerRule()} }
	worst := func() device.Policy { return waitForever{} }
	lo, ub, err := Bounds(context.Background(), sc, &Settings{
		Progress: func(p Progress) error {
			seen[p.Component] = true
			comps = p.Components
			if len(p.Users) == 0 || p.LP.Iteration <= 0 {
				t.Errorf("progress %+v", p)
			}
			return nil
		},
		LowerPolicies: []func() device.Policy{worst, bba},
	})
	if err != nil {
		t.Fatal(err)
	}
	if comps != len(ub.Components) || len(seen) != comps {
		t.Fatalf("progress saw %v of %d components (bound has %d)", seen, comps, len(ub.Components))
	}
	res, err := device.Simulate(context.Background(), sc, bba(), nil)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := device.Simulate(context.Background(), sc, NewTracker(ub.Plan, DefaultRound, DefaultSlot), nil)
	if err != nil {
		t.Fatal(err)
	}
	best, policy := tr.Welfare, -1
	if res.Welfare > best {
		best, policy = res.Welfare, 1
	}
	if lo.Welfare != best || lo.Policy != policy {
		t.Fatalf("LB %v from policy %d, want %v from %d", lo.Welfare, lo.Policy, best, policy)
	}
	rep, err := device.Simulate(context.Background(), sc, Replay(lo.Schedule), nil)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(rep.Welfare-lo.Welfare) > 1e-9*(1+math.Abs(lo.Welfare)) {
		t.Fatalf("replay %v, LB %v", rep.Welfare, lo.Welfare)
	}
}

type waitForever struct{}

func (waitForever) Decide(*device.View) device.Decision { return device.Wait(math.Inf(1)) }
