package game

import "math"

// FuncGame adapts an arbitrary payoff function to Game: player i's payoff is F(i, d) and its best response is
// found numerically on [0,1] by MaximizeBounded with tolerance Tol (0 ⇒ 1e-10). With Grid = G ≥ 2 the best
// response first evaluates the payoff at the G+1 points 0, 1/G, …, 1 and then runs Brent on the bracket
// around the best grid point, which finds the global maximiser of payoffs with several local maxima at
// least G apart. L, when > 0 and finite, is a known ∞-norm Lipschitz constant of the best-response map;
// BRUA then reports a contraction bound.
//
// F must not retain d; it may be called with d[i] temporarily changed. A FuncGame is safe for concurrent
// use only if F is. A BestResponse costs about 10–40 evaluations of F (plus G+1 with a grid).
type FuncGame struct {
	N    int
	F    func(i int, d []float64) float64
	Tol  float64 // maximiser tolerance; 0 ⇒ 1e-10
	Grid int     // 0 ⇒ plain Brent; G ≥ 2 ⇒ grid of G+1 points first
	L    float64 // known Lipschitz constant of T; 0 ⇒ unknown
}

// NumPlayers returns g.N.
func (g FuncGame) NumPlayers() int { return g.N }

// Payoff returns g.F(i, d). It panics if F is nil.
func (g FuncGame) Payoff(i int, d []float64) float64 {
	if g.F == nil {
		panic("game: nil FuncGame.F")
	}
	return g.F(i, d)
}

// BestResponse maximises x ↦ F(i, d with d[i] = x) over [0,1] and restores d[i] before returning.
// It panics if F is nil.
func (g FuncGame) BestResponse(i int, d []float64) float64 {
	if g.F == nil {
		panic("game: nil FuncGame.F")
	}
	old := d[i]
	defer func() { d[i] = old }()
	f := func(x float64) float64 {
		d[i] = x
		return g.F(i, d)
	}
	tol := g.Tol
	if !(tol > 0) {
		tol = 1e-10
	}
	lo, hi := 0.0, 1.0
	gx, gf := 0.0, math.Inf(-1)
	if g.Grid >= 2 {
		best := 0
		for q := 0; q <= g.Grid; q++ {
			v := f(float64(q) / float64(g.Grid))
			if v > gf {
				best, gf = q, v
			}
		}
		gx = float64(best) / float64(g.Grid)
		lo = max(0, float64(best-1)/float64(g.Grid))
		hi = min(1, float64(best+1)/float64(g.Grid))
	}
	x, fx := MaximizeBounded(f, lo, hi, tol)
	if gf > fx {
		x = gx
	}
	return x
}

// Lipschitz returns (g.L, true) when g.L is positive and finite, and (+Inf, false) otherwise.
func (g FuncGame) Lipschitz() (L float64, ok bool) {
	if g.L > 0 && !math.IsInf(g.L, 1) {
		return g.L, true
	}
	return math.Inf(1), false
}
