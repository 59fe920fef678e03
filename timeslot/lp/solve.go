package lp

import (
	"context"
	"errors"
	"math"
	"sync"
	"time"
)

// lpData is a problem in the solver's internal form (full boxes, transpose at hand).
type lpData struct {
	a, at           CSR
	c, rl, ru, l, u []float64
}

// metrics are the KKT quantities of a point (x, y) of an lpData.
type metrics struct {
	rP, rD, pObj, dObj float64
}

func (m metrics) gap() float64 { return math.Abs(m.pObj - m.dObj) }

// kkt returns KKT_ω = √(ω²‖r_P‖² + ‖r_D‖²/ω² + gap²).
func (m metrics) kkt(w float64) float64 {
	g := m.gap()
	return math.Sqrt(w*w*m.rP*m.rP + m.rD*m.rD/(w*w) + g*g)
}

func clampTo(v, lo, hi float64) float64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// evaluate returns the metrics of (x, y) given ax = A x and aty = Aᵀ y. The dual objective ignores the
// parts that infinite bounds cannot absorb; those parts form r_D.
func (d *lpData) evaluate(x, ax, y, aty []float64) metrics {
	var mt metrics
	mt.rP = math.Sqrt(chunkSum(len(ax), func(i int) float64 {
		r := ax[i] - clampTo(ax[i], d.rl[i], d.ru[i])
		return r * r
	}))
	mt.pObj = chunkSum(len(x), func(j int) float64 { return d.c[j] * x[j] })
	rowTerm := chunkSum(len(y), func(i int) float64 {
		v := y[i]
		if v > 0 && !math.IsInf(d.rl[i], 0) {
			return d.rl[i] * v
		}
		if v < 0 && !math.IsInf(d.ru[i], 0) {
			return d.ru[i] * v
		}
		return 0
	})
	colTerm := chunkSum(len(x), func(j int) float64 {
		r := d.c[j] - aty[j]
		if r > 0 && !math.IsInf(d.l[j], 0) {
			return d.l[j] * r
		}
		if r < 0 && !math.IsInf(d.u[j], 0) {
			return d.u[j] * r
		}
		return 0
	})
	mt.dObj = rowTerm + colTerm
	mt.rD = math.Sqrt(chunkSum(len(x), func(j int) float64 {
		r := d.c[j] - aty[j]
		if r > 0 && math.IsInf(d.l[j], -1) {
			return r * r
		}
		if r < 0 && math.IsInf(d.u[j], 1) {
			return r * r
		}
		return 0
	}))
	return mt
}

func norm2(v []float64) float64 {
	return math.Sqrt(chunkSum(len(v), func(i int) float64 { return v[i] * v[i] }))
}

func dist2(a, b []float64) float64 {
	return math.Sqrt(chunkSum(len(a), func(i int) float64 { d := a[i] - b[i]; return d * d }))
}

func allFinite(v []float64) bool {
	for _, x := range v {
		if !finite(x) {
			return false
		}
	}
	return true
}

// Solve solves p by restarted primal-dual hybrid gradient in the PDLP style:
//
//  1. validation (Validate, Settings) and trivial presolve: crossed bounds → ErrInfeasible; empty rows are
//     dropped (dual 0) or infeasible; empty columns are fixed at the box end minimising c_j x_j, or
//     ErrUnbounded (Ray = ±e_j, without a feasibility check of the rest, as gonum's Simplex) when that end
//     is infinite;
//  2. diagonal scaling: RuizIters rounds of Ruiz ∞-norm equilibration, then one Pock–Chambolle round (α = 1);
//  3. constant step η = StepFactor/‖Ã‖₂ (power iteration from a perturbed all-ones vector), τ = η/ω,
//     σ = ηω with primal weight ω;
//  4. PDHG iterations x⁺ = Π_box(x − τ(c̃ − Ãᵀy)), x̄ = 2x⁺ − x, v = y − σÃx̄, y⁺ = v + σΠ_[l_c,u_c](−v/σ),
//     with uniform averages since the last restart;
//  5. every EvalEvery iterations: candidate (average or current, by KKT_ω), relative termination test on the
//     unscaled problem, certified DualBound, infeasibility/unboundedness detection from iterate differences,
//     KKT-based adaptive restarts with primal-weight updates, Progress hook, ctx and TimeLimit.
//
// Passes over rows and columns run on Threads goroutines on contiguous blocks balanced by nonzeros, and every
// reduction sums fixed 4096-element chunks in order, so the Solution is bit-identical for any Threads.
//
// Reconstruction: the constant step of cuPDLPx replaces PDLP's adaptive step; a non-finite iterate (overflow
// on extreme data) stops the solve with ErrIterationLimit and the last finite candidate. An improving
// recession ray (dual infeasibility) found at iteration k is reported as Unbounded only if no Farkas
// certificate appears by iteration 4k + 8·EvalEvery (in that window without restarts, and with the looser
// tolerance √InfeasibleTol), so that a problem that is both primal and dual infeasible is reported Infeasible (the
// simplex convention).
//
// Polish (off by default; Literature: Applegate et al., "PDLP: A Practical First-Order Method for
// Large-Scale Linear Programming", arXiv:2501.07018, 2025): once the relative gap meets Tol but a residual
// does not, the primal is polished by a PDHG solve of the feasibility problem (c = 0) warm-started at X, and
// the dual by one of the problem with every finite row and box bound set to 0 warm-started at Y, each for at
// most max(100, k/8) iterations; a polished point is kept if it meets its tolerance and changes its
// objective by at most Tol(1 + |objective|). Attempts are spaced so that k at least doubles between them.
//
// Return contract: validation failures return (nil, error). Otherwise the Solution is non-nil; the error is
// nil iff Status is Optimal; ErrInfeasible/ErrUnbounded come with Ray; ErrIterationLimit, ErrTimeLimit,
// ctx.Err() or the hook's error come with the last candidate and the best DualBound. p is never modified.
// It panics on a nil problem, length mismatches, a malformed CSR or X0/Y0 of the wrong length.
//
// References: D. Applegate, M. Díaz, O. Hinder, H. Lu, M. Lubin, B. O'Donoghue, W. Schudy, "Practical
// Large-Scale Linear Programming using Primal-Dual Hybrid Gradient", NeurIPS 2021, arXiv:2106.04756; H. Lu,
// J. Yang, "cuPDLP.jl", arXiv:2311.12180, 2023; A. Chambolle, T. Pock, JMIV 40, 2011; T. Pock, A. Chambolle,
// ICCV 2011; D. Ruiz, RAL-TR-2001-034; D. Applegate, O. Hinder, H. Lu, M. Lubin, "Infeasibility detection
// with primal-dual hybrid gradient for large-scale linear programming", SIAM J. Optim. 2024.
//
// Cost: O(iterations·nnz/Threads) plus O(nnz·RuizIters) setup; memory O(nnz + m + n).
func Solve(ctx context.Context, p *Problem, s *Settings) (*Solution, error) {
	p.checkShape()
	if err := p.Validate(); err != nil {
		return nil, err
	}
	set, err := resolve(s)
	if err != nil {
		return nil, err
	}
	m, n := p.A.Rows, p.A.Cols
	if set.x0 != nil && len(set.x0) != n {
		panic("lp: len(X0) != A.Cols")
	}
	if set.y0 != nil && len(set.y0) != m {
		panic("lp: len(Y0) != A.Rows")
	}
	if ctx == nil {
		ctx = context.Background()
	}
	start := time.Now()
	full := &lpData{a: p.A, at: p.A.T(), c: p.C, rl: p.RowLower, ru: p.RowUpper, l: make([]float64, n), u: make([]float64, n)}
	for j := range n {
		full.l[j], full.u[j] = p.lower(j), p.upper(j)
	}
	sol := &Solution{DualBound: math.Inf(-1)}
	finish := func(st Status, err error) (*Solution, error) {
		sol.Status = st
		sol.Elapsed = time.Since(start)
		return sol, err
	}

	// 1. Presolve.
	for j := range n {
		if full.l[j] > full.u[j] {
			return finish(Infeasible, ErrInfeasible)
		}
	}
	for i := range m {
		if p.RowLower[i] > p.RowUpper[i] {
			sol.Ray = make([]float64, m)
			sol.Ray[i] = 1
			return finish(Infeasible, ErrInfeasible)
		}
	}
	colNNZ := make([]int, n)
	for _, j := range p.A.ColIdx {
		colNNZ[j]++
	}
	rowMap := make([]int, 0, m) // reduced row → original
	for i := range m {
		if p.A.RowPtr[i+1] > p.A.RowPtr[i] {
			rowMap = append(rowMap, i)
			continue
		}
		if p.RowLower[i] > 0 || p.RowUpper[i] < 0 {
			sol.Ray = make([]float64, m)
			sol.Ray[i] = math.Copysign(1, p.RowLower[i])
			return finish(Infeasible, ErrInfeasible)
		}
	}
	xFixed := make([]float64, n)
	colMap := make([]int, 0, n)
	colInv := make([]int32, n)
	for j := range n {
		if colNNZ[j] > 0 {
			colInv[j] = int32(len(colMap))
			colMap = append(colMap, j)
			continue
		}
		colInv[j] = -1
		c, l, u := p.C[j], full.l[j], full.u[j]
		switch {
		case c > 0 && math.IsInf(l, -1), c < 0 && math.IsInf(u, 1):
			// Improving ray ±e_j: reported as unbounded without a feasibility check of the rest (the
			// convention of gonum's Simplex and of the spec's presolve).
			sol.Ray = make([]float64, n)
			sol.Ray[j] = math.Copysign(1, -c)
			return finish(Unbounded, ErrUnbounded)
		case c > 0:
			xFixed[j] = l
		case c < 0:
			xFixed[j] = u
		default: // c_j = 0: the warm start's value if any, else the point of the box closest to 0
			v := 0.0
			if set.x0 != nil && finite(set.x0[j]) {
				v = set.x0[j]
			}
			xFixed[j] = clampTo(v, l, u)
		}
	}
	mr, nr := len(rowMap), len(colMap)
	red := &lpData{c: make([]float64, nr), rl: make([]float64, mr), ru: make([]float64, mr), l: make([]float64, nr), u: make([]float64, nr)}
	red.a = CSR{Rows: mr, Cols: nr, RowPtr: make([]int, mr+1), ColIdx: make([]int32, 0, p.A.NNZ()), Val: make([]float64, 0, p.A.NNZ())}
	for r, i := range rowMap {
		for q := p.A.RowPtr[i]; q < p.A.RowPtr[i+1]; q++ {
			red.a.ColIdx = append(red.a.ColIdx, colInv[p.A.ColIdx[q]])
			red.a.Val = append(red.a.Val, p.A.Val[q])
		}
		red.a.RowPtr[r+1] = len(red.a.Val)
		red.rl[r], red.ru[r] = p.RowLower[i], p.RowUpper[i]
	}
	for c, j := range colMap {
		red.c[c], red.l[c], red.u[c] = p.C[j], full.l[j], full.u[j]
	}

	// Scratch for unscaled evaluation of full-length points.
	X := make([]float64, n)
	Y := make([]float64, m)
	AX := make([]float64, m)
	ATY := make([]float64, n)
	ybar := make([]float64, m)
	qNorm := math.Sqrt(chunkSum(m, func(i int) float64 { q := maxFiniteAbs(p.RowLower[i], p.RowUpper[i]); return q * q }))
	cNorm := norm2(p.C)

	// expand writes the unscaled full-length X, Y of the scaled reduced point (x, y).
	var dr, dc []float64
	expand := func(x, y []float64) {
		copy(X, xFixed)
		for c, j := range colMap {
			v := dc[c] * x[c]
			if math.IsNaN(v) {
				v = 0
			}
			X[j] = clampTo(v, full.l[j], full.u[j])
		}
		clear(Y)
		for r, i := range rowMap {
			if v := dr[r] * y[r]; finite(v) {
				Y[i] = v
			}
		}
	}
	// report fills sol from the current X, Y and returns the relative metrics.
	report := func() (relP, relD, relG float64) {
		full.a.MulVec(AX, X)
		full.at.MulVec(ATY, Y)
		mt := full.evaluate(X, AX, Y, ATY)
		relP = mt.rP / (1 + qNorm)
		relD = mt.rD / (1 + cNorm)
		relG = mt.gap() / (1 + math.Abs(mt.pObj) + math.Abs(mt.dObj))
		sol.X = append(make([]float64, 0, n), X...)
		sol.Y = append(make([]float64, 0, m), Y...)
		sol.ReducedCost = sol.ReducedCost[:0]
		for j := range n {
			sol.ReducedCost = append(sol.ReducedCost, p.C[j]-ATY[j])
		}
		sol.Objective = mt.pObj + p.Offset
		sol.DualObjective = mt.dObj + p.Offset
		sol.PrimalResidual, sol.DualResidual, sol.Gap = relP, relD, relG
		sol.AbsPrimalResidual, sol.AbsDualResidual = mt.rP, mt.rD
		if b := dualBound(p, full.at, Y, ybar); b > sol.DualBound {
			sol.DualBound = b
			sol.BoundDual = append(sol.BoundDual[:0], Y...)
		}
		return relP, relD, relG
	}

	if nr == 0 { // nothing left: every column fixed, every row empty and satisfied
		dr, dc = nil, nil
		expand(nil, nil)
		report()
		return finish(Optimal, nil)
	}

	// 2. Scaling.
	dr, dc = scaling(red.a, set.ruiz, set.pockChambo)
	sc := &lpData{c: make([]float64, nr), rl: make([]float64, mr), ru: make([]float64, mr), l: make([]float64, nr), u: make([]float64, nr)}
	sc.a = CSR{Rows: mr, Cols: nr, RowPtr: red.a.RowPtr, ColIdx: red.a.ColIdx, Val: make([]float64, len(red.a.Val))}
	for r := range mr {
		for q := red.a.RowPtr[r]; q < red.a.RowPtr[r+1]; q++ {
			sc.a.Val[q] = dr[r] * red.a.Val[q] * dc[red.a.ColIdx[q]]
		}
		sc.rl[r], sc.ru[r] = dr[r]*red.rl[r], dr[r]*red.ru[r]
	}
	for c := range nr {
		sc.c[c] = dc[c] * red.c[c]
		sc.l[c], sc.u[c] = red.l[c]/dc[c], red.u[c]/dc[c]
	}
	sc.at = sc.a.T()

	workers := newPool(set.threads)
	defer workers.close()
	rowBlocks := balancedBlocks(sc.a, set.threads)
	colBlocks := balancedBlocks(sc.at, set.threads)
	var wg sync.WaitGroup
	matVec := func(dst, x []float64) {
		workers.run(rowBlocks, &wg, func(lo, hi int) { sc.a.mulRows(dst, x, lo, hi) })
	}
	matTVec := func(dst, y []float64) {
		workers.run(colBlocks, &wg, func(lo, hi int) { sc.at.mulRows(dst, y, lo, hi) })
	}

	// 3. Step size by power iteration on ÃᵀÃ.
	sigmaHat := opNorm(nr, mr, matVec, matTVec)
	eta := set.stepFactor / sigmaHat

	// 4. Primal weight.
	omega := set.primalWeight
	if omega == 0 {
		omega = 1
		qs := math.Sqrt(chunkSum(mr, func(i int) float64 { q := maxFiniteAbs(sc.rl[i], sc.ru[i]); return q * q }))
		if cs := norm2(sc.c); cs > 1e-10 && qs > 1e-10 {
			omega = cs / qs
		}
	}
	tau, sigma := eta/omega, eta*omega

	// 5. Iterations.
	x := make([]float64, nr)
	y := make([]float64, mr)
	for c := range nr {
		v := 0.0
		if set.x0 != nil && finite(set.x0[colMap[c]]) {
			v = set.x0[colMap[c]] / dc[c]
		}
		x[c] = clampTo(v, sc.l[c], sc.u[c])
	}
	if set.y0 != nil {
		for r, i := range rowMap {
			v := set.y0[i] / dr[r]
			if !finite(v) || (v > 0 && math.IsInf(sc.rl[r], -1)) || (v < 0 && math.IsInf(sc.ru[r], 1)) {
				v = 0
			}
			y[r] = v
		}
	}
	g := make([]float64, nr)
	xbar := make([]float64, nr)
	axbar := make([]float64, mr)
	sumX := make([]float64, nr)
	sumY := make([]float64, mr)
	xa := make([]float64, nr)
	ya := make([]float64, mr)
	ax := make([]float64, mr)
	axa := make([]float64, mr)
	atya := make([]float64, nr)
	xR := append([]float64(nil), x...)
	yR := append([]float64(nil), y...)
	xPrev := append([]float64(nil), x...)
	yPrev := append([]float64(nil), y...)
	dx := make([]float64, nr)
	matTVec(g, y)
	cnt := 0

	primalPass := func(lo, hi int) {
		for c := lo; c < hi; c++ {
			xn := clampTo(x[c]-tau*(sc.c[c]-g[c]), sc.l[c], sc.u[c])
			xbar[c] = 2*xn - x[c]
			x[c] = xn
			sumX[c] += xn
		}
	}
	dualPass := func(lo, hi int) {
		sc.a.mulRows(axbar, xbar, lo, hi)
		for r := lo; r < hi; r++ {
			// y⁺ = v + σΠ(−v/σ), evaluated by cases so that y⁺ is exactly 0 when −v/σ lies inside the row
			// range and has the sign of the active side otherwise (sign consistency with infinite sides).
			v := y[r] - sigma*axbar[r]
			w := -v / sigma
			yn := 0.0
			if w < sc.rl[r] {
				yn = max(0, v+sigma*sc.rl[r])
			} else if w > sc.ru[r] {
				yn = min(0, v+sigma*sc.ru[r])
			}
			y[r] = yn
			sumY[r] += yn
		}
	}
	gradPass := func(lo, hi int) { sc.at.mulRows(g, y, lo, hi) }

	matVec(ax, x)
	kR := sc.evaluate(x, ax, y, g).kkt(omega)
	kPrev := math.Inf(1)
	k, kRestart, restarts := 0, 0, 0
	// Last finite candidate (start point).
	expand(x, y)
	report()
	var status Status
	var runErr error
	var unbRay []float64
	unbSince := -1
	polishedAt := 0
	for {
		if k >= set.maxIter {
			status, runErr = IterationLimit, ErrIterationLimit
			break
		}
		workers.run(colBlocks, &wg, primalPass)
		workers.run(rowBlocks, &wg, dualPass)
		workers.run(colBlocks, &wg, gradPass)
		k++
		cnt++
		if k%set.evalEvery != 0 && k < set.maxIter {
			continue
		}
		// Evaluation.
		if !allFinite(x) || !allFinite(y) {
			status, runErr = IterationLimit, ErrIterationLimit // sol holds the last finite candidate
			break
		}
		inv := 1 / float64(cnt)
		for c := range nr {
			xa[c] = sumX[c] * inv
		}
		for r := range mr {
			ya[r] = sumY[r] * inv
		}
		matVec(ax, x)
		matVec(axa, xa)
		matTVec(atya, ya)
		mCur := sc.evaluate(x, ax, y, g)
		mAvg := sc.evaluate(xa, axa, ya, atya)
		useAvg := mAvg.kkt(omega) < mCur.kkt(omega)
		xc, yc, mc := x, y, mCur
		if useAvg {
			xc, yc, mc = xa, ya, mAvg
		}
		expand(xc, yc)
		relP, relD, relG := report()
		sol.Iterations, sol.Restarts, sol.PrimalWeight = k, restarts, omega
		if set.polish && relG <= set.tol && (relP > set.tol || relD > set.tol) && k >= 2*polishedAt {
			polishedAt = k
			if px, py, ok := polish(ctx, p, set, sol, k, relP > set.tol, relD > set.tol); ok {
				copy(X, px)
				copy(Y, py)
				relP, relD, relG = report()
			}
		}
		if relP <= set.tol && relD <= set.tol && relG <= set.tol {
			status = Optimal
			break
		}
		// Infeasibility detection from iterate differences (unscaled).
		// Two differences are tested: over the last evaluation period and since the last restart (longer,
		// so less noisy once restarts become rare).
		// Once dual infeasibility is proven (unbRay), the problem has no optimum either way and only the label
		// is at stake: there the Farkas test uses the looser tolerance √InfeasibleTol.
		ftol := set.infTol
		if unbRay != nil {
			ftol = max(ftol, math.Sqrt(set.infTol))
		}
		ray := farkasRay(p, full, rowMap, dr, y, yPrev, ftol, ybar, ATY)
		if ray == nil && kRestart < k-set.evalEvery {
			ray = farkasRay(p, full, rowMap, dr, y, yR, ftol, ybar, ATY)
		}
		if ray != nil {
			sol.Ray = ray
			status, runErr = Infeasible, ErrInfeasible
			break
		}
		for c := range nr {
			dx[c] = x[c] - xPrev[c]
		}
		if ray := recessionRay(p, full, colMap, dc, dx, set.infTol, X, AX); ray != nil {
			// An improving ray proves dual infeasibility; the primal may still be infeasible too, so keep
			// looking for a Farkas certificate for as many iterations again before declaring Unbounded.
			unbRay = ray
			if unbSince < 0 {
				unbSince = k
			}
		}
		if unbRay != nil && k >= 4*unbSince+8*set.evalEvery {
			sol.Ray = unbRay
			status, runErr = Unbounded, ErrUnbounded
			break
		}
		// Restart.
		kc := mc.kkt(omega)
		// No restarts once dual infeasibility is proven: there is no optimum to approach, and restarting to
		// averages perturbs the iterate differences that carry the Farkas certificate.
		if unbRay == nil && (kc <= 0.2*kR || (kc <= 0.8*kR && kc > kPrev) || float64(k-kRestart) >= 0.36*float64(k)) {
			if useAvg {
				copy(x, xa)
				copy(y, ya)
				copy(g, atya)
			}
			ddx, ddy := dist2(x, xR), dist2(y, yR)
			if set.primalWeight == 0 && ddx > 1e-10 && ddy > 1e-10 {
				th := set.smoothing
				omega = math.Exp(th*math.Log(ddy/ddx) + (1-th)*math.Log(omega))
				tau, sigma = eta/omega, eta*omega
			}
			copy(xR, x)
			copy(yR, y)
			clear(sumX)
			clear(sumY)
			cnt = 0
			kR = mc.kkt(omega)
			kRestart = k
			restarts++
			kc = kR
			sol.Restarts, sol.PrimalWeight = restarts, omega
		}
		kPrev = kc
		copy(xPrev, x)
		copy(yPrev, y)
		if set.progress != nil {
			if err := set.progress(Progress{Iteration: k, Restarts: restarts, PrimalObjective: sol.Objective,
				DualObjective: sol.DualObjective, DualBound: sol.DualBound, PrimalResidual: relP,
				DualResidual: relD, Gap: relG, PrimalWeight: omega, Elapsed: time.Since(start)}); err != nil {
				status, runErr = Stopped, err
				break
			}
		}
		if err := ctx.Err(); err != nil {
			status, runErr = Canceled, err
			break
		}
		if set.timeLimit > 0 && time.Since(start) >= set.timeLimit {
			status, runErr = TimeLimit, ErrTimeLimit
			break
		}
	}
	sol.Iterations = k
	return finish(status, runErr)
}

func maxFiniteAbs(a, b float64) float64 {
	q := 0.0
	if finite(a) {
		q = math.Abs(a)
	}
	if finite(b) {
		q = max(q, math.Abs(b))
	}
	return q
}

// opNorm estimates ‖Ã‖₂ by power iteration on ÃᵀÃ from a perturbed all-ones vector until the estimate
// changes by less than 1e-4 relative (at most 1000 iterations); a zero matrix gives 1.
//
// Reconstruction: the test must hold for 3 consecutive iterations and at least 30 iterations are run. A
// start nearly orthogonal to the top singular vector otherwise stops on a plateau at a smaller singular value,
// and a step computed from an underestimate of ‖Ã‖₂ makes PDHG stall or diverge.
func opNorm(n, m int, matVec, matTVec func(dst, x []float64)) float64 {
	v := make([]float64, n)
	w := make([]float64, m)
	u := make([]float64, n)
	// Reconstruction: the start is the all-ones vector plus a fixed low-discrepancy perturbation of ±25 %.
	// The plain all-ones vector is an eigenvector of ÃᵀÃ for symmetric patterns such as [[a, −b], [b, −a]],
	// where it returns the smallest singular value and a step size that makes PDHG diverge.
	for i := range v {
		_, f := math.Modf(float64(i+1) * 0.6180339887498949)
		v[i] = 1 + 0.5*(f-0.5)
	}
	nv := norm2(v)
	for i := range v {
		v[i] /= nv
	}
	est := 0.0
	calm := 0
	for it := range 1000 {
		matVec(w, v)
		matTVec(u, w)
		nu := norm2(u)
		if nu == 0 || !finite(nu) {
			break
		}
		next := math.Sqrt(nu)
		for i := range u {
			v[i] = u[i] / nu
		}
		if est > 0 && math.Abs(next-est) < 1e-4*next {
			calm++
		} else {
			calm = 0
		}
		est = next
		if calm >= 3 && it >= 30 {
			break
		}
	}
	if !(est > 0) || !finite(est) {
		return 1
	}
	return est
}

// polish returns polished copies of sol.X and sol.Y (spec timeslot.md §2.8 item 7) and whether either was
// kept; see Solve.
func polish(ctx context.Context, p *Problem, set settings, sol *Solution, k int, primal, dual bool) (px, py []float64, ok bool) {
	px = append([]float64(nil), sol.X...)
	py = append([]float64(nil), sol.Y...)
	budget := max(100, k/8)
	sub := &Settings{Tol: set.tol, InfeasibleTol: set.infTol, MaxIter: budget, Threads: set.threads,
		EvalEvery: set.evalEvery, RuizIters: set.ruiz, NoPockChambolle: !set.pockChambo, StepFactor: set.stepFactor}
	objP := sol.Objective - p.Offset
	objD := sol.DualObjective - p.Offset
	if primal {
		q := *p
		q.C = make([]float64, len(p.C))
		q.Offset = 0
		sub.X0, sub.Y0 = sol.X, nil
		if r, err := Solve(ctx, &q, sub); err == nil || errors.Is(err, ErrIterationLimit) {
			newObj := 0.0
			for j, v := range r.X {
				newObj += p.C[j] * v
			}
			if r.PrimalResidual <= set.tol && math.Abs(newObj-objP) <= set.tol*(1+math.Abs(objP)) {
				copy(px, r.X)
				ok = true
			}
		}
	}
	if dual {
		q := *p
		zero := func(v []float64) []float64 {
			out := make([]float64, len(v))
			for i, b := range v {
				if math.IsInf(b, 0) {
					out[i] = b
				}
			}
			return out
		}
		q.RowLower, q.RowUpper = zero(p.RowLower), zero(p.RowUpper)
		n := p.A.Cols
		q.Lower, q.Upper = make([]float64, n), make([]float64, n)
		for j := range n {
			if math.IsInf(p.lower(j), -1) {
				q.Lower[j] = math.Inf(-1)
			}
			if math.IsInf(p.upper(j), 1) {
				q.Upper[j] = math.Inf(1)
			}
		}
		q.Offset = 0
		sub.X0, sub.Y0 = nil, sol.Y
		if r, err := Solve(ctx, &q, sub); err == nil || errors.Is(err, ErrIterationLimit) {
			// The dual objective of the original problem at the polished y.
			full := &lpData{a: p.A, at: p.A.T(), c: p.C, rl: p.RowLower, ru: p.RowUpper, l: make([]float64, n), u: make([]float64, n)}
			for j := range n {
				full.l[j], full.u[j] = p.lower(j), p.upper(j)
			}
			ax := p.A.MulVec(nil, sol.X)
			aty := full.at.MulVec(nil, r.Y)
			mt := full.evaluate(sol.X, ax, r.Y, aty)
			if mt.rD/(1+norm2(p.C)) <= set.tol && math.Abs(mt.dObj-objD) <= set.tol*(1+math.Abs(objD)) {
				copy(py, r.Y)
				ok = true
			}
		}
	}
	return px, py, ok
}
