package em

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// fit runs the validated problem (§2.5 of the spec).
func fit(ctx context.Context, successes, trials []int, c *config) (*Mixture, error) {
	k := c.k
	g := aggregate(successes, trials, c.noAggregate)
	ws := newWorkspace(g, k)
	var rng *rand.Rand
	if c.src != nil {
		rng = rand.New(c.src)
	}
	buf := make([]float64, 4*k)
	theta, pi, thetaN, piN := buf[0:k], buf[k:2*k], buf[2*k:3*k], buf[3*k:4*k]
	hist := make([]float64, 0, min(c.maxIter+1, 1<<16))
	runLL := make([]float64, c.nInit)
	for r := range runLL {
		runLL[r] = math.Inf(-1)
	}
	var bestOK, bestFail runState
	var stopErr error

	for r := 0; r < c.nInit && stopErr == nil; r++ {
		if r > 0 && ctx.Err() != nil {
			stopErr = ctx.Err()
			break
		}
		if r == 0 && c.theta0 != nil {
			copy(theta, c.theta0)
		} else {
			randomStart(theta, rng)
			for l := range theta {
				theta[l] = clamp(theta[l], c.delta)
			}
		}
		if c.weights0 != nil {
			copy(pi, c.weights0)
		} else {
			for l := range pi {
				pi[l] = 1 / float64(k)
			}
		}
		ll := ws.estep(theta, pi)
		hist = append(hist[:0], ll)
		iters, conv, failed, failIter := 0, false, false, 0
		for t := 1; t <= c.maxIter; t++ {
			if err := ctx.Err(); err != nil {
				stopErr = err
				break
			}
			ws.mstep(theta, pi, thetaN, piN, c.fixed, c.delta)
			llN := ws.estep(thetaN, piN)
			hist = append(hist, llN)
			iters = t
			dTheta := maxAbsDiff(thetaN, theta)
			dPi := maxAbsDiff(piN, pi)
			dLL := math.Abs(llN - ll)
			decreased := llN < ll-monotoneSlack*(1+math.Abs(ll))
			theta, thetaN = thetaN, theta
			pi, piN = piN, pi
			ll = llN
			if decreased {
				failed, failIter = true, t
				break
			}
			if c.progress != nil {
				if err := c.progress(Progress{Run: r, Iteration: t, LogLik: ll, Theta: theta, Weights: pi}); err != nil {
					stopErr = err
					break
				}
			}
			if t >= c.minIter && dTheta <= c.tol && (c.fixed || dPi <= c.tol) && dLL <= c.tolLL*(math.Abs(ll)+0.1) {
				conv = true
				break
			}
		}
		runLL[r] = ll
		if failed {
			if !bestFail.valid || ll > bestFail.ll {
				bestFail.store(r, theta, pi, hist, ll, iters, conv, failed, failIter)
			}
		} else if !bestOK.valid || ll > bestOK.ll {
			bestOK.store(r, theta, pi, hist, ll, iters, conv, failed, failIter)
		}
	}

	best := &bestOK
	if !best.valid {
		best = &bestFail
	}
	m := finish(ws, best, c, len(successes))
	m.RunLogLik = runLL
	switch {
	case stopErr != nil:
		return m, stopErr
	case best.failed:
		return m, fmt.Errorf("%w (run %d, iteration %d; every run decreased)", ErrNotMonotone, best.run, best.failIter)
	case !best.converged:
		return m, ErrNotConverged
	}
	return m, nil
}

// finish runs the final E-step of the chosen run, sorts its components and
// expands the group posteriors to rows.
func finish(ws *workspace, best *runState, c *config, n int) *Mixture {
	k := c.k
	ll := ws.estep(best.theta, best.pi)
	perm := make([]int, k)
	for l := range perm {
		perm[l] = l
	}
	slices.SortStableFunc(perm, func(a, b int) int {
		ta, tb := best.theta[a], best.theta[b]
		switch {
		case ta < tb:
			return -1
		case ta > tb:
			return 1
		}
		wa, wb := best.pi[a], best.pi[b]
		switch {
		case wa > wb:
			return -1
		case wa < wb:
			return 1
		}
		return a - b
	})
	m := &Mixture{
		Theta:         make([]float64, k),
		Weights:       make([]float64, k),
		LogLik:        ll,
		LogLikHistory: slices.Clone(best.hist),
		Iterations:    best.iters,
		Converged:     best.converged,
		Run:           best.run,
	}
	for l, p := range perm {
		m.Theta[l] = best.theta[p]
		m.Weights[l] = best.pi[p]
	}
	// The final E-step reproduces the run's last ℓ bit for bit.
	m.LogLikHistory[len(m.LogLikHistory)-1] = ll

	back := make([]float64, n*k)
	m.Posterior = make([][]float64, n)
	q := ws.q
	for i := range n {
		gi := i
		if ws.g.rowGroup != nil {
			gi = int(ws.g.rowGroup[i])
		}
		src := q[gi*k : gi*k+k]
		dst := back[i*k : i*k+k : i*k+k]
		for l, p := range perm {
			dst[l] = src[p]
		}
		m.Posterior[i] = dst
	}
	for l := 0; l+1 < k; l++ {
		if m.Theta[l+1]-m.Theta[l] < c.collapseTol {
			m.Collapsed = append(m.Collapsed, [2]int{l, l + 1})
		}
	}
	for l, p := range perm {
		mass := m.Weights[l]
		if c.fixed {
			mass = 0
			for gi := range ws.g.s {
				mass += ws.g.w[gi] * q[gi*k+p]
			}
			mass /= ws.g.n
		}
		if mass < vanishTol {
			m.Vanished = append(m.Vanished, l)
		}
	}
	return m
}

// PosteriorOf returns the posterior over the sorted components for a row with
// s successes out of trials trials that was not part of the fit. The result
// is written to dst[:K] when cap(dst) ≥ K, else to a new slice. O(K).
func (m *Mixture) PosteriorOf(dst []float64, s, trials int) ([]float64, error) {
	if s < 0 || trials < 0 || s > trials {
		return nil, &CountError{Index: -1, S: s, M: trials}
	}
	k := len(m.Theta)
	if cap(dst) >= k {
		dst = dst[:k]
	} else {
		dst = make([]float64, k)
	}
	m.logJoint(dst, float64(s), float64(trials))
	amax := math.Inf(-1)
	for _, a := range dst {
		amax = max(amax, a)
	}
	z := 0.0
	for l, a := range dst {
		e := math.Exp(a - amax)
		dst[l] = e
		z += e
	}
	for l := range dst {
		dst[l] /= z
	}
	return dst, nil
}

// logJoint writes log π_l + s log θ_l + (m−s) log(1−θ_l) to dst (−Inf where π_l = 0).
func (m *Mixture) logJoint(dst []float64, s, trials float64) {
	for l, th := range m.Theta {
		if m.Weights[l] <= 0 {
			dst[l] = math.Inf(-1)
			continue
		}
		dst[l] = math.Log(m.Weights[l]) + s*math.Log(th) + (trials-s)*math.Log1p(-th)
	}
}

// Score returns the mean observed-data log-likelihood per row of new data
// under m (scikit-learn's score), including the binomial coefficients. It
// returns ErrNoData for empty input and *CountError for invalid counts, and
// panics if len(successes) != len(trials). O(nK).
func (m *Mixture) Score(successes, trials []int) (float64, error) {
	if len(successes) != len(trials) {
		panic("em: length mismatch")
	}
	if len(successes) == 0 {
		return 0, ErrNoData
	}
	a := make([]float64, len(m.Theta))
	total := 0.0
	for i, s := range successes {
		t := trials[i]
		if s < 0 || t < 0 || s > t {
			return 0, &CountError{Index: i, S: s, M: t}
		}
		m.logJoint(a, float64(s), float64(t))
		amax := math.Inf(-1)
		for _, v := range a {
			amax = max(amax, v)
		}
		z := 0.0
		for _, v := range a {
			z += math.Exp(v - amax)
		}
		total += amax + math.Log(z) + logChoose(float64(t), float64(s))
	}
	return total / float64(len(successes)), nil
}
