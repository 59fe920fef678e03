package game

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
)

// Game is a game in which player i chooses d[i] ∈ [0,1].
//
// Payoff and BestResponse must not retain d. BestResponse may overwrite d[i] temporarily but must restore it
// before returning. This package never calls them concurrently.
type Game interface {
	NumPlayers() int
	Payoff(i int, d []float64) float64       // r_i(d)
	BestResponse(i int, d []float64) float64 // argmax over d[i] ∈ [0,1], other entries fixed; d[i] is ignored
}

// BatchGame is an optional fast path: BestResponses sets dst[i] = BestResponse(i, d) for all i, bit-for-bit
// identical, and returns dst (a nil dst is allocated).
type BatchGame interface {
	Game
	BestResponses(dst, d []float64) []float64
}

// Lipschitzer reports an ∞-norm Lipschitz constant of the best-response map when one is known.
type Lipschitzer interface {
	Lipschitz() (L float64, ok bool)
}

// UpdateRule selects how BRUA updates the profile.
type UpdateRule int

const (
	// Jacobi updates all players simultaneously from the previous profile (the paper's rule).
	Jacobi UpdateRule = iota
	// GaussSeidel updates players in index order, each seeing the already updated entries.
	GaussSeidel
)

// InitRule selects BRUA's start profile when d0 is nil.
type InitRule int

const (
	// InitUniform draws d_i ~ U(0,1) from Settings.Src.
	InitUniform InitRule = iota
	// InitZero starts at d = 0 (the least NE of a supermodular game with T(0) = 0).
	InitZero
	// InitOne starts at d = 1 (for supermodular games: monotone convergence to the greatest NE).
	InitOne
)

// Status is the termination status of BRUA.
type Status int

const (
	NotTerminated  Status = iota // no update performed yet
	Converged                    // max_i |Δd_i|/λ ≤ Eps
	IterationLimit               // MaxIter updates without convergence
	Oscillation                  // a 2-cycle was detected
	Cancelled                    // the context was done
	Stopped                      // the Progress hook returned an error, or a best response was invalid
)

var statusNames = [...]string{"NotTerminated", "Converged", "IterationLimit", "Oscillation", "Cancelled", "Stopped"}

// String returns the status name.
func (s Status) String() string {
	if s >= 0 && int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Settings configures BRUA. A nil or zero Settings means the defaults: Eps 1e-9, MaxIter 10000, Jacobi,
// Damping 1, InitUniform with the top-level math/rand/v2 functions.
type Settings struct {
	Eps          float64     // ∞-norm step threshold ε; 0 ⇒ 1e-9
	MaxIter      int         // 0 ⇒ 10000
	Update       UpdateRule  // Jacobi (default, the paper's) or GaussSeidel
	Damping      float64     // λ ∈ (0,1]; 0 ⇒ 1
	Init         InitRule    // only when d0 == nil
	Src          rand.Source // InitUniform; nil ⇒ math/rand/v2 top-level functions
	IgnoreCycles bool        // keep iterating after a detected 2-cycle
	// Progress, if non-nil, is called after every update; a non-nil error stops BRUA (Status Stopped).
	Progress func(Progress) error
}

// Progress is passed to Settings.Progress after update Iteration; Step is Step_t and Avg = mean(d^t).
type Progress struct {
	Iteration int
	Step, Avg float64
}

// Result is the outcome of BRUA.
type Result struct {
	D             []float64 // last iterate d^t
	Iterations    int       // number of updates performed
	Converged     bool      // Status == Converged
	Oscillating   bool      // the 2-cycle signature held at the last two updates
	NEGap         float64   // maximum regret at D (ε-Nash certificate), in payoff units
	AvgTrajectory []float64 // mean(d^t) for t = 0 … Iterations

	Status      Status
	Step        float64   // last Step_t = ‖d^t − d^{t−1}‖∞/λ; +Inf when no update was performed
	GapPlayer   int       // the player attaining NEGap
	Lipschitz   float64   // L_λ = (1−λ) + λL, +Inf when unknown
	Contraction bool      // L_λ < 1
	ErrorBound  float64   // a-posteriori bound on ‖D − d*‖∞; +Inf when no contraction is known
	Cycle       []float64 // other point of the detected 2-cycle, nil otherwise
}

// BRUA runs the Best Response Update Algorithm of SmartSharing on g from d0 (or, when d0 is nil, from the
// start rule s.Init) and returns the final profile with its certificate.
//
// The paper's Algorithm 1 (Jacobi, λ = 1) updates all players simultaneously, d_i^t = T_i(d_−i^{t−1}), and
// stops when max_i |d_i^t − d_i^{t−1}| ≤ ε. With Damping λ < 1 the update is d^t = (1−λ)d^{t−1} + λT(d^{t−1})
// and the test uses Step_t = ‖d^t − d^{t−1}‖∞/λ, the undamped residual. Gauss–Seidel updates players in
// index order, each against the current profile.
//
// Reconstruction: Gauss–Seidel, damping, the start rules, 2-cycle detection, NEGap and the contraction bound
// are not in the paper. A 2-cycle is reported (ErrOscillation, Status Oscillation, Cycle = d^{t−1}) when
// ‖d^t − d^{t−2}‖∞ ≤ ε held at both of the last two updates while Step_t > ε; remedy: Damping 0.5 or
// GaussSeidel. The test is skipped when the iteration map is a known contraction (L_λ < 1 below), which has
// no 2-cycle: there an alternating approach to d* (e.g. strategic substitutes with L near 1) would otherwise
// satisfy the signature for a few updates just before the ε test. When g is a Lipschitzer with constant L, L_λ = (1−λ) + λL and, if L_λ < 1, the NE d* is
// unique and ‖D − d*‖∞ ≤ ErrorBound = L_λ/(1−L_λ)·‖d^t − d^{t−1}‖∞ (Bertsekas & Tsitsiklis, Parallel and
// Distributed Computation: Numerical Methods, 1989, §3.1; the Gauss–Seidel map of a max-norm contraction is
// a contraction with the same modulus).
//
// Return contract: validation failures (ErrNoPlayers, ErrBadStart, ErrBadSettings) return a nil Result.
// Otherwise the Result is non-nil and holds the last iterate with its NEGap, and the error is nil only for
// Converged; IterationLimit gives ErrNotConverged, Oscillation ErrOscillation, Cancelled ctx.Err(), a
// Progress error that error, and an invalid best response a *BestResponseError (D is the last valid
// iterate). d0 is never modified. BRUA panics if g is nil or len(d0) ≠ g.NumPlayers().
//
// Cost: O(Iterations·(nnz(Y) + n)) for the shipped models, O(Iterations·n·cost(BestResponse)) in general,
// plus one NEGap evaluation. Memory: three n-vectors and the trajectory; no allocation per update (the
// trajectory is preallocated for min(MaxIter, 65536)+1 entries).
func BRUA(ctx context.Context, g Game, d0 []float64, s *Settings) (*Result, error) {
	if g == nil {
		panic("game: nil Game")
	}
	if ctx == nil {
		ctx = context.Background()
	}
	n := g.NumPlayers()
	if d0 != nil && len(d0) != n {
		panic("game: len(d0) != NumPlayers()")
	}
	if n <= 0 {
		return nil, ErrNoPlayers
	}
	var set Settings
	if s != nil {
		set = *s
	}
	switch {
	case math.IsNaN(set.Eps) || set.Eps < 0:
		return nil, fmt.Errorf("%w: Eps = %v", ErrBadSettings, set.Eps)
	case set.MaxIter < 0:
		return nil, fmt.Errorf("%w: MaxIter = %d", ErrBadSettings, set.MaxIter)
	case math.IsNaN(set.Damping) || set.Damping < 0 || set.Damping > 1:
		return nil, fmt.Errorf("%w: Damping = %v", ErrBadSettings, set.Damping)
	case set.Update != Jacobi && set.Update != GaussSeidel:
		return nil, fmt.Errorf("%w: Update = %d", ErrBadSettings, set.Update)
	case set.Init < InitUniform || set.Init > InitOne:
		return nil, fmt.Errorf("%w: Init = %d", ErrBadSettings, set.Init)
	}
	for i, v := range d0 {
		if !(v >= 0 && v <= 1) {
			return nil, fmt.Errorf("%w: d0[%d] = %v", ErrBadStart, i, v)
		}
	}
	if set.Eps == 0 {
		set.Eps = 1e-9
	}
	if set.MaxIter == 0 {
		set.MaxIter = 10000
	}
	lambda := set.Damping
	if lambda == 0 {
		lambda = 1
	}

	cur := make([]float64, n)   // d^t
	prev := make([]float64, n)  // d^{t−1}
	prev2 := make([]float64, n) // d^{t−2}
	switch {
	case d0 != nil:
		copy(cur, d0)
	case set.Init == InitOne:
		for i := range cur {
			cur[i] = 1
		}
	case set.Init == InitUniform:
		rng := newRand(set.Src)
		for i := range cur {
			cur[i] = rng.Float64()
		}
	}
	traj := make([]float64, 1, min(set.MaxIter, 65536)+1)
	traj[0] = mean(cur)
	res := &Result{Status: NotTerminated, Step: math.Inf(1), GapPlayer: -1}
	batch, _ := g.(BatchGame)
	lipLambda, contraction := math.Inf(1), false
	if lg, ok := g.(Lipschitzer); ok {
		if L, ok := lg.Lipschitz(); ok && L >= 0 && !math.IsInf(L, 0) {
			lipLambda = (1 - lambda) + lambda*L
			contraction = lipLambda < 1
		}
	}

	var runErr error
	hitPrev := false
	t := 0
	for t < set.MaxIter {
		if err := ctx.Err(); err != nil {
			res.Status, runErr = Cancelled, err
			break
		}
		// Rotate buffers: prev2 ← prev, prev ← cur, cur ← new.
		prev2, prev, cur = prev, cur, prev2
		it := t + 1
		bad, badVal := -1, 0.0
		switch {
		case set.Update == GaussSeidel:
			copy(cur, prev)
			for i := range cur {
				x := g.BestResponse(i, cur)
				if !(x >= 0 && x <= 1) {
					bad, badVal = i, x
					break
				}
				if lambda == 1 {
					cur[i] = x
				} else {
					cur[i] = (1-lambda)*cur[i] + lambda*x
				}
			}
		default:
			if batch != nil {
				batch.BestResponses(cur, prev)
			} else {
				for i := range cur {
					cur[i] = g.BestResponse(i, prev)
				}
			}
			for i, x := range cur {
				if !(x >= 0 && x <= 1) {
					bad, badVal = i, x
					break
				}
				if lambda != 1 {
					cur[i] = (1-lambda)*prev[i] + lambda*x
				}
			}
		}
		if bad >= 0 {
			// Restore the last valid iterate into cur.
			copy(cur, prev)
			prev, prev2 = prev2, prev
			res.Status = Stopped
			runErr = &BestResponseError{Player: bad, Iteration: it, Value: badVal}
			break
		}
		t = it
		step := 0.0
		for i, v := range cur {
			step = max(step, math.Abs(v-prev[i]))
		}
		step /= lambda
		res.Step = step
		avg := mean(cur)
		traj = append(traj, avg)
		if set.Progress != nil {
			if err := set.Progress(Progress{Iteration: t, Step: step, Avg: avg}); err != nil {
				res.Status, runErr = Stopped, err
				break
			}
		}
		if step <= set.Eps {
			res.Status = Converged
			res.Oscillating = false
			break
		}
		hit := false
		if t >= 2 && !contraction {
			back := 0.0
			for i, v := range cur {
				back = max(back, math.Abs(v-prev2[i]))
			}
			hit = back <= set.Eps
		}
		res.Oscillating = hit && hitPrev
		hitPrev = hit
		if res.Oscillating && !set.IgnoreCycles {
			res.Status = Oscillation
			res.Cycle = append([]float64(nil), prev...)
			runErr = ErrOscillation
			break
		}
	}
	if res.Status == NotTerminated && t >= set.MaxIter {
		res.Status = IterationLimit
		runErr = ErrNotConverged
	}
	res.D = cur
	res.Iterations = t
	res.Converged = res.Status == Converged
	res.AvgTrajectory = traj
	res.NEGap, res.GapPlayer = NEGap(g, cur)
	res.Lipschitz, res.Contraction, res.ErrorBound = lipLambda, contraction, math.Inf(1)
	if contraction && t > 0 {
		res.ErrorBound = lipLambda / (1 - lipLambda) * (lambda * res.Step)
	}
	return res, runErr
}

// mean returns the left-to-right mean of d.
func mean(d []float64) float64 {
	s := 0.0
	for _, v := range d {
		s += v
	}
	return s / float64(len(d))
}

// NEGap returns the maximum regret of profile d,
//
//	NEGap(d) = max_i [ r_i(T_i(d_−i), d_−i) − r_i(d) ] ≥ 0,
//
// and the player attaining it (the first one on ties; -1 for a game without players). NEGap is 0 exactly at
// a Nash equilibrium and every player can gain at most NEGap by deviating; negative regrets from round-off
// count as 0 and a NaN regret as +Inf. For FuncGame it is exact up to the maximiser tolerance. d is copied
// once and not modified. O(n·cost(Payoff + BestResponse)). It panics if len(d) ≠ g.NumPlayers().
func NEGap(g Game, d []float64) (gap float64, player int) {
	n := g.NumPlayers()
	if len(d) != n {
		panic("game: len(d) != NumPlayers()")
	}
	if n <= 0 {
		return 0, -1
	}
	buf := make([]float64, n)
	copy(buf, d)
	player = 0
	for i := range n {
		x := g.BestResponse(i, buf)
		buf[i] = d[i]
		r0 := g.Payoff(i, buf)
		buf[i] = x
		r1 := g.Payoff(i, buf)
		buf[i] = d[i]
		reg := r1 - r0
		if math.IsNaN(reg) {
			reg = math.Inf(1)
		}
		if reg > gap {
			gap, player = reg, i
		}
	}
	return gap, player
}
