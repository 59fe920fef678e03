package em

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Default values of the zero Settings fields.
const (
	DefaultTol         = 1e-8
	DefaultTolLogLik   = 1e-10
	DefaultMaxIter     = 1000
	DefaultClamp       = 1e-12
	DefaultCollapseTol = 1e-4
)

// monotoneSlack is the relative slack of the log-likelihood monotonicity check.
const monotoneSlack = 1e-10

// vanishTol is the weight (or posterior mass) below which a component is
// listed in Mixture.Vanished.
const vanishTol = 1e-10

// Settings configures FitBinomialMixture. A nil *Settings or a zero field means
// the documented default.
type Settings struct {
	// FixedWeights selects variant A (mixing weights held at Weights0, or
	// uniform). The default, false, is variant B: weights are learned.
	FixedWeights bool
	// Tol is the ∞-norm bound on the θ step (and, in variant B, the π step)
	// of the stopping test; 0 means DefaultTol.
	Tol float64
	// MaxIter caps the M-steps of each run; 0 means DefaultMaxIter (or
	// MinIter when that is larger).
	MaxIter int
	// NInit is the number of runs; run 0 starts at theta0 when it is non-nil,
	// every other run at a random θ drawn from Src. 0 means 1.
	NInit int
	// Src drives the random starts. Nil means math/rand/v2's top-level
	// functions, which are not reproducible.
	Src rand.Source

	// K is the number of components when theta0 is nil. When theta0 is
	// non-nil, K must be 0 or len(theta0).
	K int
	// Weights0 are the initial (variant B) or fixed (variant A) weights; each
	// > 0, summing to 1 ± 1e-9. Nil means uniform 1/K.
	Weights0 []float64
	// TolLogLik bounds the relative change |ℓ'−ℓ|/(|ℓ'|+0.1) of the stopping
	// test (flexmix's form); 0 means DefaultTolLogLik.
	TolLogLik float64
	// MinIter is the minimum number of M-steps before the stopping test is
	// applied (used by benchmarks to fix the work).
	MinIter int
	// Clamp is δ: θ is kept in [δ, 1−δ]. 0 means DefaultClamp; it must lie in
	// (0, 0.01].
	Clamp float64
	// CollapseTol is the θ gap below which adjacent components are listed in
	// Mixture.Collapsed; 0 means DefaultCollapseTol.
	CollapseTol float64
	// NoAggregate runs EM over rows instead of distinct (s, m) groups. The
	// result agrees to rounding; it exists for tests and as a benchmark
	// reference.
	NoAggregate bool
	// Progress, if non-nil, is called after every iteration of every run. A
	// non-nil error stops the fit, which returns the best result so far with
	// that error.
	Progress func(Progress) error
}

// Progress is passed to Settings.Progress after each EM iteration.
type Progress struct {
	Run, Iteration int
	LogLik         float64
	// Theta and Weights are views in the run's own component order (not
	// sorted), valid only during the call.
	Theta, Weights []float64
}

// Mixture is a fitted finite mixture of binomials. Components are sorted by
// Theta ascending (ties: weight descending, then starting index). A *Mixture
// is immutable after FitBinomialMixture returns and is safe for concurrent
// reads.
type Mixture struct {
	// Theta holds the success probabilities θ_l, ascending, in [δ, 1−δ].
	Theta []float64
	// Weights holds the mixing weights π_l in the order of Theta.
	Weights []float64
	// Posterior[i][l] is the responsibility of component l for row i (input
	// order), from the final E-step. All rows share one backing array.
	Posterior [][]float64
	// LogLik is the observed-data log-likelihood at (Theta, Weights),
	// including the binomial coefficients.
	LogLik float64
	// LogLikHistory holds ℓ of the chosen run before the first M-step and
	// after each M-step; len = Iterations+1 and the last entry is LogLik.
	LogLikHistory []float64
	// Iterations counts the M-steps of the chosen run.
	Iterations int
	// Converged reports whether the chosen run met the stopping test.
	Converged bool

	// Run is the index of the chosen run.
	Run int
	// RunLogLik holds the final ℓ of every run; −Inf for a run that never
	// started (cancellation).
	RunLogLik []float64
	// Collapsed lists adjacent sorted components whose θ differ by less than
	// CollapseTol.
	Collapsed [][2]int
	// Vanished lists components whose weight (variant B) or posterior mass
	// (variant A) is below 1e-10.
	Vanished []int
}

// K returns the number of components.
func (m *Mixture) K() int { return len(m.Theta) }

// config is Settings with defaults resolved.
type config struct {
	fixed              bool
	tol, tolLL         float64
	maxIter, minIter   int
	nInit              int
	delta, collapseTol float64
	noAggregate        bool
	progress           func(Progress) error
	src                rand.Source
	weights0           []float64
	k                  int
	theta0             []float64 // clamped copy, or nil
}

func badSetting(field string, v any) error {
	return fmt.Errorf("%w: %s = %v", ErrBadSettings, field, v)
}

func resolve(s *Settings, theta0 []float64) (config, error) {
	var set Settings
	if s != nil {
		set = *s
	}
	c := config{
		fixed: set.FixedWeights, tol: set.Tol, tolLL: set.TolLogLik, maxIter: set.MaxIter,
		minIter: set.MinIter, nInit: set.NInit, delta: set.Clamp, collapseTol: set.CollapseTol,
		noAggregate: set.NoAggregate, progress: set.Progress, src: set.Src, weights0: set.Weights0,
	}
	switch {
	case math.IsNaN(c.tol) || c.tol < 0:
		return c, badSetting("Tol", c.tol)
	case math.IsNaN(c.tolLL) || c.tolLL < 0:
		return c, badSetting("TolLogLik", c.tolLL)
	case c.maxIter < 0:
		return c, badSetting("MaxIter", c.maxIter)
	case c.minIter < 0:
		return c, badSetting("MinIter", c.minIter)
	case c.nInit < 0:
		return c, badSetting("NInit", c.nInit)
	case c.maxIter > 0 && c.minIter > c.maxIter:
		return c, fmt.Errorf("%w: MinIter = %d > MaxIter = %d", ErrBadSettings, c.minIter, c.maxIter)
	case c.delta != 0 && !(c.delta > 0 && c.delta <= 0.01):
		return c, fmt.Errorf("%w: Clamp = %v outside (0, 0.01]", ErrBadSettings, c.delta)
	case math.IsNaN(c.collapseTol) || c.collapseTol < 0:
		return c, badSetting("CollapseTol", c.collapseTol)
	case set.K < 0:
		return c, badSetting("K", set.K)
	case theta0 != nil && set.K != 0 && set.K != len(theta0):
		return c, fmt.Errorf("%w: K = %d but len(theta0) = %d", ErrBadSettings, set.K, len(theta0))
	}
	if c.tol == 0 {
		c.tol = DefaultTol
	}
	if c.tolLL == 0 {
		c.tolLL = DefaultTolLogLik
	}
	if c.maxIter == 0 {
		c.maxIter = max(DefaultMaxIter, c.minIter)
	}
	if c.nInit == 0 {
		c.nInit = 1
	}
	if c.delta == 0 {
		c.delta = DefaultClamp
	}
	if c.collapseTol == 0 {
		c.collapseTol = DefaultCollapseTol
	}
	return c, nil
}

func (c *config) validateInit(theta0 []float64) error {
	k := c.k
	if k < 1 {
		return fmt.Errorf("%w: need at least one component (theta0 empty or K < 1)", ErrBadInit)
	}
	if theta0 != nil {
		t := make([]float64, k)
		for i, v := range theta0 {
			if math.IsNaN(v) || v < 0 || v > 1 {
				return fmt.Errorf("%w: theta0[%d] = %v outside [0, 1]", ErrBadInit, i, v)
			}
			t[i] = clamp(v, c.delta)
		}
		for i := range t {
			for j := i + 1; j < k; j++ {
				if math.Abs(t[i]-t[j]) < 1e-12 {
					return fmt.Errorf("%w: theta0[%d] and theta0[%d] coincide (%v, %v); equal starts stay equal under EM", ErrBadInit, i, j, theta0[i], theta0[j])
				}
			}
		}
		c.theta0 = t
	}
	if c.weights0 != nil {
		sum := 0.0
		for i, v := range c.weights0 {
			if math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
				return fmt.Errorf("%w: Weights0[%d] = %v (want finite and > 0)", ErrBadInit, i, v)
			}
			sum += v
		}
		if math.Abs(sum-1) > 1e-9 {
			return fmt.Errorf("%w: Weights0 sum to %v (want 1 ± 1e-9)", ErrBadInit, sum)
		}
	}
	return nil
}

func clamp(v, delta float64) float64 {
	if v < delta {
		return delta
	}
	if hi := 1 - delta; v > hi {
		return hi
	}
	return v
}

// validateCounts checks the counts and returns max trials and Σ trials.
func validateCounts(successes, trials []int) (maxM, total int, err error) {
	if len(successes) == 0 {
		return 0, 0, ErrNoData
	}
	for i, s := range successes {
		m := trials[i]
		if s < 0 || m < 0 || s > m {
			return 0, 0, &CountError{Index: i, S: s, M: m}
		}
		maxM = max(maxM, m)
		if total <= math.MaxInt-m {
			total += m
		} else {
			total = math.MaxInt
		}
	}
	if total == 0 {
		return 0, 0, fmt.Errorf("%w: every row has zero trials", ErrNoData)
	}
	return maxM, total, nil
}

// groups is the aggregated data: distinct (s, m) pairs with multiplicities.
type groups struct {
	s, m, w  []float64
	rowGroup []int32 // row -> group; nil when groups are the rows themselves
	logC     float64 // Σ_g w_g log C(m_g, s_g)
	n        float64 // number of rows
}

func logChoose(m, s float64) float64 {
	a, _ := math.Lgamma(m + 1)
	b, _ := math.Lgamma(s + 1)
	c, _ := math.Lgamma(m - s + 1)
	return a - b - c
}

func aggregate(successes, trials []int, noAggregate bool) *groups {
	n := len(successes)
	g := &groups{n: float64(n)}
	if noAggregate {
		g.s, g.m, g.w = make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range n {
			g.s[i], g.m[i], g.w[i] = float64(successes[i]), float64(trials[i]), 1
			g.logC += logChoose(g.m[i], g.s[i])
		}
		return g
	}
	type pair struct {
		m, s int
		row  int32
	}
	ps := make([]pair, n)
	for i := range n {
		ps[i] = pair{trials[i], successes[i], int32(i)}
	}
	slices.SortFunc(ps, func(a, b pair) int {
		if c := cmp.Compare(a.m, b.m); c != 0 {
			return c
		}
		return cmp.Compare(a.s, b.s)
	})
	g.rowGroup = make([]int32, n)
	ng := -1
	for i, p := range ps {
		if i == 0 || p.m != ps[i-1].m || p.s != ps[i-1].s {
			ng++
			g.s = append(g.s, float64(p.s))
			g.m = append(g.m, float64(p.m))
			g.w = append(g.w, 0)
		}
		g.w[ng]++
		g.rowGroup[p.row] = int32(ng)
	}
	for i := range g.s {
		g.logC += g.w[i] * logChoose(g.m[i], g.s[i])
	}
	return g
}

// workspace holds the E- and M-step buffers of one fit.
type workspace struct {
	g              *groups
	k              int
	lt, l1t, lp    []float64
	num, den, mass []float64
	q              []float64 // G×K responsibilities
}

func newWorkspace(g *groups, k int) *workspace {
	buf := make([]float64, 6*k)
	return &workspace{
		g: g, k: k,
		lt: buf[0:k], l1t: buf[k : 2*k], lp: buf[2*k : 3*k],
		num: buf[3*k : 4*k], den: buf[4*k : 5*k], mass: buf[5*k : 6*k],
		q: make([]float64, len(g.s)*k),
	}
}

// estep fills w.q with the posterior responsibilities at (theta, pi) and
// returns the observed-data log-likelihood (§2.3, in log space).
func (w *workspace) estep(theta, pi []float64) float64 {
	k := w.k
	negInf := math.Inf(-1)
	for l := range k {
		w.lt[l] = math.Log(theta[l])
		w.l1t[l] = math.Log1p(-theta[l])
		if pi[l] > 0 {
			w.lp[l] = math.Log(pi[l])
		} else {
			w.lp[l] = negInf
		}
	}
	lt, l1t, lp := w.lt[:k], w.l1t[:k], w.lp[:k]
	gs, gm, gw := w.g.s, w.g.m, w.g.w
	var ll float64
	for g := range gs {
		s := gs[g]
		f := gm[g] - s
		row := w.q[g*k : g*k+k]
		amax := negInf
		for l := range row {
			a := negInf
			if lp[l] != negInf {
				a = lp[l] + s*lt[l] + f*l1t[l]
			}
			row[l] = a
			if a > amax {
				amax = a
			}
		}
		z := 0.0
		for l := range row {
			e := math.Exp(row[l] - amax)
			row[l] = e
			z += e
		}
		inv := 1 / z
		for l := range row {
			row[l] *= inv
		}
		ll += gw[g] * (amax + math.Log(z))
	}
	return ll + w.g.logC
}

// mstep computes the eq. (1) update of theta (and of pi in variant B) from
// w.q into thetaN, piN.
func (w *workspace) mstep(theta, pi, thetaN, piN []float64, fixed bool, delta float64) {
	k := w.k
	num, den, mass := w.num[:k], w.den[:k], w.mass[:k]
	clear(num)
	clear(den)
	clear(mass)
	gs, gm, gw := w.g.s, w.g.m, w.g.w
	for g := range gs {
		row := w.q[g*k : g*k+k]
		s, m, wt := gs[g], gm[g], gw[g]
		for l, qv := range row {
			qw := qv * wt
			num[l] += qw * s
			den[l] += qw * m
			mass[l] += qw
		}
	}
	for l := range k {
		if den[l] <= 1e-300 {
			thetaN[l] = theta[l] // vanishing component: 0/0, keep θ
		} else {
			thetaN[l] = clamp(num[l]/den[l], delta)
		}
	}
	if fixed {
		copy(piN, pi)
		return
	}
	sum := 0.0
	for l := range k {
		piN[l] = mass[l] / w.g.n
		sum += piN[l]
	}
	for l := range k {
		piN[l] /= sum
	}
}

// runState is the final state of one EM run.
type runState struct {
	theta, pi []float64
	hist      []float64
	ll        float64
	iters     int
	converged bool
	failed    bool
	failIter  int
	run       int
	valid     bool
}

func (r *runState) store(run int, theta, pi, hist []float64, ll float64, iters int, conv, failed bool, failIter int) {
	r.theta = append(r.theta[:0], theta...)
	r.pi = append(r.pi[:0], pi...)
	r.hist = append(r.hist[:0], hist...)
	r.ll, r.iters, r.converged, r.failed, r.failIter, r.run, r.valid = ll, iters, conv, failed, failIter, run, true
}

func maxAbsDiff(a, b []float64) float64 {
	d := 0.0
	for i := range a {
		d = max(d, math.Abs(a[i]-b[i]))
	}
	return d
}

// randomStart draws θ_l ~ U(0.05, 0.95), sorted, redrawing when two values are
// closer than 1e-3 (at most 100 draws, then θ_l = l/(K+1)).
func randomStart(dst []float64, rng *rand.Rand) {
	k := len(dst)
	for range 100 {
		for l := range dst {
			var u float64
			if rng != nil {
				u = rng.Float64()
			} else {
				u = rand.Float64()
			}
			dst[l] = 0.05 + 0.9*u
		}
		slices.Sort(dst)
		ok := true
		for l := 1; l < k; l++ {
			if dst[l]-dst[l-1] < 1e-3 {
				ok = false
				break
			}
		}
		if ok {
			return
		}
	}
	for l := range dst {
		dst[l] = float64(l+1) / float64(k+1)
	}
}

// FitBinomialMixture fits a K-component mixture of binomials to rows with
// successes[i] successes out of trials[i] trials, by expectation–maximisation.
//
// The model (Reconstruction, exact: the unique standard model whose M-step is
// SmartSharing's eq. (1)): a latent class z_i with P(z_i = l) = π_l, and
// s_i | z_i = l ~ Binomial(m_i, θ_l). The observed-data log-likelihood is
//
//	ℓ(θ, π) = Σ_i log Σ_l π_l C(m_i, s_i) θ_l^{s_i} (1 − θ_l)^{m_i − s_i}.
//
// The E-step works in log space (log-sum-exp per row); the M-step is
//
//	θ_l = Σ_i Q_il s_i / Σ_i Q_il m_i,    π_l = (1/n) Σ_i Q_il  (variant B)
//
// with θ clamped to [δ, 1−δ] after every M-step and at the start (θ0
// entries equal to 0 or 1 are accepted and clamped). Variant A (Settings.FixedWeights) holds π at
// Weights0 or 1/K, as in Do & Batzoglou's two-coin EM. K is len(theta0), or
// Settings.K when theta0 is nil (then every run starts at random). Rows are
// aggregated into distinct (s, m) groups, so an iteration costs O(G·K) for G
// distinct pairs.
//
// Reconstruction (the paper says only "iterate until convergence"): each run
// stops when, after at least MinIter M-steps, the θ step (and π step in
// variant B) is ≤ Tol in ∞-norm and |ℓ'−ℓ| ≤ TolLogLik·(|ℓ'|+0.1). A run in
// which ℓ decreases by more than 1e-10·(1+|ℓ|) is disqualified
// (ErrNotMonotone). Of NInit runs the non-disqualified one with the largest ℓ
// is returned (ties: the lowest run). Components are sorted by θ ascending;
// Posterior and LogLik always come from a final E-step at the returned θ, π.
//
// Inputs are never modified. Validation failures return (nil, err): ErrNoData,
// *CountError, ErrBadInit, ErrBadSettings or *IdentifiabilityError (a mixture
// of K binomials needs max_i m_i ≥ 2K−1, Teicher 1963). Once fitting starts
// the *Mixture is non-nil and the error is nil (converged), ErrNotConverged
// (MaxIter reached), a wrapped ErrNotMonotone (every run disqualified),
// ctx.Err() (cancelled; checked at iteration boundaries) or the Progress
// hook's error. It panics if len(successes) != len(trials) or
// len(Settings.Weights0) != K.
//
// Complexity: O(n log n) aggregation + NInit·Iterations·O(G·K) + O(nK)
// output; memory O(nK + GK). FitBinomialMixture is safe for concurrent use
// with distinct Src values.
//
// References: A. P. Dempster, N. M. Laird, D. B. Rubin, "Maximum likelihood
// from incomplete data via the EM algorithm", J. R. Stat. Soc. B 39:1–38,
// 1977; C. B. Do, S. Batzoglou, "What is the expectation maximization
// algorithm?", Nat. Biotechnol. 26:897–899, 2008; H. Teicher,
// "Identifiability of finite mixtures", Ann. Math. Statist. 34:1265–1269,
// 1963; J. Fan, K. Wu, D. Liu, G. Tang, SmartSharing (J. Fan, M.Sc. thesis,
// University of Victoria, 2018, handle 1828/10125), eq. (1).
func FitBinomialMixture(ctx context.Context, successes, trials []int, theta0 []float64, s *Settings) (*Mixture, error) {
	if len(successes) != len(trials) {
		panic("em: length mismatch")
	}
	k := len(theta0)
	if theta0 == nil && s != nil {
		k = s.K
	}
	if s != nil && s.Weights0 != nil && k >= 1 && len(s.Weights0) != k {
		panic("em: length mismatch")
	}
	maxM, _, err := validateCounts(successes, trials)
	if err != nil {
		return nil, err
	}
	c, err := resolve(s, theta0)
	if err != nil {
		return nil, err
	}
	c.k = k
	if err := c.validateInit(theta0); err != nil {
		return nil, err
	}
	if maxM < 2*k-1 {
		return nil, &IdentifiabilityError{MaxTrials: maxM, K: k}
	}
	return fit(ctx, successes, trials, &c)
}
