package game

import (
	"cmp"
	"math"
	"slices"
)

// Equilibrium2 is a pure Nash equilibrium of a two-player game. Stable reports local convergence of Jacobi
// BRUA: |D_1·D_2| < 1 where D_i is the slope of player i's best response at the point (the unprojected slope
// φ_i′ in the interior, 0 where the projection strictly clips, and that slope at a kink).
type Equilibrium2 struct {
	D      [2]float64
	Stable bool
}

// eqTol is the tolerance of regime conditions and deduplication in TwoPlayerNash.
const eqTol = 1e-12

// twoPlayer is the closed-form description of a two-player shipped model: player i's best response to the
// other's contribution x is Π(φ_i(x)).
type twoPlayer struct {
	t     [2]func(x float64) float64 // exact best response (the model's own formula)
	phi   [2]func(x float64) float64 // unprojected φ_i
	slope [2]func(x float64) float64 // φ_i′
}

// TwoPlayerNash returns every pure Nash equilibrium of a two-player DifferentialService, PublicGood or
// LinearQuadratic game in closed form, sorted lexicographically by D.
//
// Each player's best response is Π(φ_i(d_j)). The nine regime pairs (low: d_i = 0, φ_i ≤ 0; mid: d_i = φ_i
// ∈ (0,1); high: d_i = 1, φ_i ≥ 1) are solved in closed form, kept when their conditions hold within 1e-12
// and deduplicated within 1e-12.
//
//   - PublicGood, LinearQuadratic: φ_i(x) = α_i + β_i x (R2: α_i = c/k_i − 1, β_i = −Y_ij; R3: α_i = a/k_i,
//     β_i = c Y_ij/k_i); the interior point is d_1 = (α_1 + β_1α_2)/(1 − β_1β_2), d_2 = (α_2 + β_2α_1)/(1 − β_1β_2).
//     If 1 − β_1β_2 = 0 and the interior line is a segment of equilibria inside the box, ErrDegenerate.
//   - DifferentialService: φ_i(x) = √(ρ_i x) − 1 with ρ_1 = cY_01/k_0, ρ_2 = cY_10/k_1. (0,0) is always an NE;
//     interior equilibria are d_1 = u², d_2 = √ρ_2·u − 1 for the roots u ∈ (0,1) of the strictly convex
//     q(u) = u⁴ + 2u² − ρ_1√ρ_2·u + (1 + ρ_1), found by bisection on both sides of q's minimiser (a numerically
//     safe alternative to Ferrari's formula; at most two roots).
//
// Reconstruction: the paper states only that the two-player NE "can be derived analytically"; the regime
// enumeration and stability flag are ours. It returns ErrNoClosedForm for any other game or player count.
// O(1) (about 200 bisection steps for R1).
func TwoPlayerNash(g Game) ([]Equilibrium2, error) {
	if g == nil || g.NumPlayers() != 2 {
		return nil, ErrNoClosedForm
	}
	var tp twoPlayer
	var cands [][2]float64
	add := func(d1, d2 float64) { cands = append(cands, [2]float64{d1, d2}) }
	switch m := g.(type) {
	case *DifferentialService:
		y01, y10 := m.y.At(0, 1), m.y.At(1, 0)
		rho1, rho2 := m.c*y01/m.k[0], m.c*y10/m.k[1]
		tp.t = [2]func(float64) float64{
			func(x float64) float64 { return m.br(0, y01*x) },
			func(x float64) float64 { return m.br(1, y10*x) },
		}
		tp.phi = [2]func(float64) float64{
			func(x float64) float64 { return math.Sqrt(rho1*x) - 1 },
			func(x float64) float64 { return math.Sqrt(rho2*x) - 1 },
		}
		tp.slope = [2]func(float64) float64{
			func(x float64) float64 { return math.Sqrt(rho1) / (2 * math.Sqrt(x)) },
			func(x float64) float64 { return math.Sqrt(rho2) / (2 * math.Sqrt(x)) },
		}
		for _, u := range quarticRoots(rho1, rho2) {
			add(u*u, math.Sqrt(rho2)*u-1)
		}
	case *PublicGood:
		y01, y10 := m.y.At(0, 1), m.y.At(1, 0)
		a := [2]float64{m.c/m.k[0] - 1, m.c/m.k[1] - 1}
		b := [2]float64{-y01, -y10}
		tp.t = [2]func(float64) float64{
			func(x float64) float64 { return m.br(0, y01*x) },
			func(x float64) float64 { return m.br(1, y10*x) },
		}
		tp.setLinear(a, b)
		if err := linearInterior(a, b, add); err != nil {
			return nil, err
		}
	case *LinearQuadratic:
		y01, y10 := m.y.At(0, 1), m.y.At(1, 0)
		a := [2]float64{m.a / m.k[0], m.a / m.k[1]}
		b := [2]float64{m.c * y01 / m.k[0], m.c * y10 / m.k[1]}
		tp.t = [2]func(float64) float64{
			func(x float64) float64 { return m.br(0, y01*x) },
			func(x float64) float64 { return m.br(1, y10*x) },
		}
		tp.setLinear(a, b)
		if err := linearInterior(a, b, add); err != nil {
			return nil, err
		}
	default:
		return nil, ErrNoClosedForm
	}
	// Boundary regimes: one player at 0 or 1, the other at its best response.
	for _, e := range [2]float64{0, 1} {
		add(e, tp.t[1](e))
		add(tp.t[0](e), e)
	}
	var out []Equilibrium2
	for _, c := range cands {
		d1, d2 := c[0], c[1]
		if !(d1 >= 0 && d1 <= 1 && d2 >= 0 && d2 <= 1) {
			continue
		}
		if math.Abs(tp.t[0](d2)-d1) > eqTol || math.Abs(tp.t[1](d1)-d2) > eqTol {
			continue
		}
		dup := false
		for _, o := range out {
			if math.Abs(o.D[0]-d1) <= eqTol && math.Abs(o.D[1]-d2) <= eqTol {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		s1 := tp.regimeSlope(0, d2)
		s2 := tp.regimeSlope(1, d1)
		out = append(out, Equilibrium2{D: [2]float64{d1, d2}, Stable: s1*s2 < 1})
	}
	slices.SortFunc(out, func(a, b Equilibrium2) int {
		if c := cmp.Compare(a.D[0], b.D[0]); c != 0 {
			return c
		}
		return cmp.Compare(a.D[1], b.D[1])
	})
	return out, nil
}

func (tp *twoPlayer) setLinear(a, b [2]float64) {
	tp.phi = [2]func(float64) float64{
		func(x float64) float64 { return a[0] + b[0]*x },
		func(x float64) float64 { return a[1] + b[1]*x },
	}
	tp.slope = [2]func(float64) float64{
		func(float64) float64 { return b[0] },
		func(float64) float64 { return b[1] },
	}
}

// regimeSlope returns |D_i|: 0 where the projection strictly clips φ_i(x), |φ_i′(x)| otherwise (interior or
// kink, where the larger one-sided slope is |φ_i′|).
func (tp *twoPlayer) regimeSlope(i int, x float64) float64 {
	p := tp.phi[i](x)
	if p < -eqTol || p > 1+eqTol {
		return 0
	}
	return math.Abs(tp.slope[i](x))
}

// linearInterior adds the mid–mid solution of d_1 = α_1 + β_1 d_2, d_2 = α_2 + β_2 d_1, or returns
// ErrDegenerate when the system is singular with a segment of solutions in the open box.
func linearInterior(a, b [2]float64, add func(d1, d2 float64)) error {
	det := 1 - b[0]*b[1]
	if det != 0 {
		add((a[0]+b[0]*a[1])/det, (a[1]+b[1]*a[0])/det)
		return nil
	}
	if a[0]+b[0]*a[1] != 0 {
		return nil // parallel lines: no interior solution
	}
	// det = 0 ⇒ β_1 ≠ 0. The solutions are d_1 = α_1 + β_1 d_2; find d_2 ∈ (0,1) with d_1 ∈ (0,1).
	lo, hi := 0.0, 1.0
	e0, e1 := (0-a[0])/b[0], (1-a[0])/b[0]
	lo = max(lo, min(e0, e1))
	hi = min(hi, max(e0, e1))
	if lo < hi {
		return ErrDegenerate
	}
	return nil
}

// quarticRoots returns the roots u ∈ (0,1) of q(u) = u⁴ + 2u² − ρ_1√ρ_2·u + (1+ρ_1).
func quarticRoots(rho1, rho2 float64) []float64 {
	s := rho1 * math.Sqrt(rho2)
	q := func(u float64) float64 { return ((u*u+2)*u-s)*u + 1 + rho1 }
	dq := func(u float64) float64 { return 4*u*u*u + 4*u - s }
	// Minimiser of q on [0,1]: q′ is increasing.
	um := 1.0
	if dq(1) > 0 {
		um = bisect(dq, 0, 1)
	}
	qm := q(um)
	if qm > 0 {
		return nil
	}
	if qm == 0 {
		return []float64{um}
	}
	var roots []float64
	roots = append(roots, bisect(q, 0, um)) // q(0) = 1 + ρ_1 > 0 > q(u_m)
	if q(1) > 0 {
		roots = append(roots, bisect(q, um, 1))
	}
	return roots
}

// bisect returns a root of f on [a, b] where f(a) and f(b) have opposite signs (or one is 0), to full
// floating-point resolution.
func bisect(f func(float64) float64, a, b float64) float64 {
	fa := f(a)
	if fa == 0 {
		return a
	}
	for range 200 {
		m := a + (b-a)/2
		if m <= a || m >= b {
			break
		}
		fm := f(m)
		if fm == 0 {
			return m
		}
		if (fm > 0) == (fa > 0) {
			a, fa = m, fm
		} else {
			b = m
		}
	}
	return a + (b-a)/2
}
