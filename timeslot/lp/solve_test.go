package lp

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	glp "gonum.org/v1/gonum/optimize/convex/lp"
	"pgregory.net/rapid"
)

var inf = math.Inf(1)

// constructed returns a standard-form instance with a known status (spec timeslot.md §5):
// kind 0 feasible/bounded with b = Ax⁰, c = Aᵀy⁰ + s⁰ (x⁰, s⁰ ≥ 0 complementary, so x⁰ is optimal with value cᵀx⁰);
// kind 1 infeasible (last row = −Σ other rows, rhs = −Σ b + 1; Farkas y = 1);
// kind 2 unbounded (an extra column −A d′ with d′ ≥ 0 and negative cost along d).
func constructed(rng *rand.Rand, kind int) (p *Problem, opt float64) {
	m := 2 + rng.IntN(6)
	n := m + 1 + rng.IntN(8)
	a := make([]float64, m*n)
	for i := range a {
		if rng.Float64() < 0.7 {
			a[i] = rng.NormFloat64()
		}
	}
	x0 := make([]float64, n)
	s0 := make([]float64, n)
	for j := range n {
		if rng.IntN(2) == 0 {
			x0[j] = rng.Float64() * 3
		} else {
			s0[j] = rng.Float64() * 3
		}
	}
	y0 := make([]float64, m)
	for i := range y0 {
		y0[i] = rng.NormFloat64()
	}
	b := make([]float64, m)
	c := make([]float64, n)
	for i := range m {
		for j := range n {
			b[i] += a[i*n+j] * x0[j]
			c[j] += a[i*n+j] * y0[i]
		}
	}
	for j := range n {
		c[j] += s0[j]
		opt += c[j] * x0[j]
	}
	switch kind {
	case 1:
		// Keep every column non-empty after the change (an empty improving column is reported Unbounded by
		// presolve, as in gonum).
		for j := range n {
			if a[j] == 0 {
				a[j] = 1 + rng.Float64()
			}
		}
		for j := range n {
			s := 0.0
			for i := range m - 1 {
				s += a[i*n+j]
			}
			a[(m-1)*n+j] = -s
		}
		sb := 0.0
		for i := range m - 1 {
			sb += b[i]
		}
		b[m-1] = -sb + 1
	case 2:
		// Column −A d′ for d′ ≥ 0 with d′ = x0-like: then x0 + t(d′, 1) stays feasible; cost makes it improving.
		d := make([]float64, n)
		for j := range d {
			d[j] = rng.Float64()
		}
		na := make([]float64, m*(n+1))
		for i := range m {
			s := 0.0
			for j := range n {
				na[i*(n+1)+j] = a[i*n+j]
				s += a[i*n+j] * d[j]
			}
			na[i*(n+1)+n] = -s
		}
		cd := 0.0
		for j := range n {
			cd += c[j] * d[j]
		}
		a = na
		c = append(c, -cd-1-rng.Float64()) // cᵀ(d, 1) < 0
		n++
	}
	return denseProblem(m, n, a, b, b, c), opt
}

func TestConstructedInstances(t *testing.T) {
	for seed := range 60 {
		rng := rand.New(rand.NewPCG(uint64(seed), 9))
		kind := seed % 3
		p, opt := constructed(rng, kind)
		sol, err := Solve(context.Background(), p, &Settings{Tol: 1e-8, MaxIter: 300000})
		switch kind {
		case 0:
			if err != nil {
				t.Errorf("seed %d feasible: %v", seed, err)
				continue
			}
			if math.Abs(sol.Objective-opt) > 1e-5*(1+math.Abs(opt)) {
				t.Errorf("seed %d: objective %v, want %v", seed, sol.Objective, opt)
			}
		case 1:
			if !errors.Is(err, ErrInfeasible) || sol.Status != Infeasible {
				t.Errorf("seed %d infeasible: %v", seed, err)
				continue
			}
			checkFarkas(t, p, sol.Ray)
		case 2:
			if !errors.Is(err, ErrUnbounded) || sol.Status != Unbounded {
				t.Errorf("seed %d unbounded: %v (%v)", seed, err, sol.Status)
				continue
			}
			checkRecession(t, p, sol.Ray)
		}
	}
}

// checkFarkas verifies φ > 0 for the y-ray, and that the r⁻ parts the box x ≥ 0 cannot absorb are ≤ 1e-4·φ
// (the tolerance Solve uses when the problem is also dual infeasible).
func checkFarkas(t *testing.T, p *Problem, ray []float64) {
	t.Helper()
	if len(ray) != p.A.Rows {
		t.Fatalf("ray length %d", len(ray))
	}
	aty := p.A.MulTransVec(nil, ray)
	phi, nu := 0.0, 0.0
	for i, v := range ray {
		if v > 0 {
			phi += p.RowLower[i] * v
		} else {
			phi += p.RowUpper[i] * v
		}
	}
	for j := range aty {
		r := -aty[j]
		if r > 0 {
			phi += p.lower(j) * r
		} else if r < 0 {
			if math.IsInf(p.upper(j), 1) {
				nu += r * r
			} else {
				phi += p.upper(j) * r
			}
		}
	}
	if !(phi > 0) || math.Sqrt(nu) > 1e-4*phi {
		t.Errorf("Farkas ray does not verify: φ = %g, ν = %g", phi, math.Sqrt(nu))
	}
}

func checkRecession(t *testing.T, p *Problem, d []float64) {
	t.Helper()
	if len(d) != p.A.Cols {
		t.Fatalf("ray length %d", len(d))
	}
	cd := 0.0
	for j, v := range d {
		cd += p.C[j] * v
	}
	ad := p.A.MulVec(nil, d)
	viol := 0.0
	for _, v := range ad { // equality rows
		viol += v * v
	}
	for _, v := range d {
		if v < 0 {
			viol += v * v
		}
	}
	if !(cd < 0) || math.Sqrt(viol) > 1e-6*math.Abs(cd) {
		t.Errorf("recession ray does not verify: cᵀd = %g, violation %g", cd, math.Sqrt(viol))
	}
}

// boxedLP draws a feasible LP with rows l_c ≤ Ax ≤ u_c of mixed types and boxes [0, u], and its gonum optimum
// through the standard form with slacks.
func boxedLP(t *rapid.T) (*Problem, float64, bool) {
	m := rapid.IntRange(1, 5).Draw(t, "m")
	n := rapid.IntRange(1, 6).Draw(t, "n")
	seed := rapid.Uint64().Draw(t, "seed")
	rng := rand.New(rand.NewPCG(seed, 5))
	a := make([]float64, m*n)
	for i := range a {
		if rng.Float64() < 0.8 {
			a[i] = math.Round(rng.NormFloat64()*8) / 4
		}
	}
	x0 := make([]float64, n)
	up := make([]float64, n)
	c := make([]float64, n)
	for j := range n {
		up[j] = 1 + float64(rng.IntN(4))
		x0[j] = rng.Float64() * up[j]
		c[j] = math.Round(rng.NormFloat64()*8) / 4
	}
	rl := make([]float64, m)
	ru := make([]float64, m)
	for i := range m {
		ax := 0.0
		for j := range n {
			ax += a[i*n+j] * x0[j]
		}
		switch rng.IntN(3) {
		case 0:
			rl[i], ru[i] = -inf, math.Ceil(ax)
		case 1:
			rl[i], ru[i] = math.Floor(ax), inf
		default:
			rl[i], ru[i] = math.Floor(ax), math.Ceil(ax)+1
		}
	}
	p := denseProblem(m, n, a, rl, ru, c)
	p.Upper = up
	// Standard form: variables x (n), row slacks s_i ≥ 0 for each finite side, box slacks w_j.
	// Rows: for each finite upper: a_i x + s = u; for each finite lower: a_i x − s' = l; for each j: x_j + w_j = u_j.
	var rows [][]float64
	var rhs []float64
	nv := n
	type side struct {
		i    int
		sign float64
		v    float64
	}
	var sides []side
	for i := range m {
		if !math.IsInf(ru[i], 1) {
			sides = append(sides, side{i, 1, ru[i]})
		}
		if !math.IsInf(rl[i], -1) {
			sides = append(sides, side{i, -1, rl[i]})
		}
	}
	total := n + len(sides) + n
	for q, s := range sides {
		row := make([]float64, total)
		for j := range n {
			row[j] = a[s.i*n+j]
		}
		row[nv+q] = s.sign
		rows = append(rows, row)
		rhs = append(rhs, s.v)
	}
	for j := range n {
		row := make([]float64, total)
		row[j] = 1
		row[n+len(sides)+j] = 1
		rows = append(rows, row)
		rhs = append(rhs, up[j])
	}
	flat := make([]float64, 0, len(rows)*total)
	for _, r := range rows {
		flat = append(flat, r...)
	}
	cs := make([]float64, total)
	copy(cs, c)
	opt, _, err := glp.Simplex(cs, mat.NewDense(len(rows), total, flat), rhs, 1e-10, nil)
	return p, opt, err == nil
}

func TestPropBoxedAgainstGonum(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, opt, ok := boxedLP(t)
		if !ok {
			t.Skip("gonum could not solve the slack form")
		}
		sol, err := Solve(context.Background(), p, &Settings{Tol: 1e-9, MaxIter: 500000})
		if err != nil {
			t.Fatalf("Solve: %v (%v)", err, sol.Status)
		}
		tol := 1e-5 * (1 + math.Abs(opt))
		if math.Abs(sol.Objective-opt) > tol || math.Abs(sol.DualObjective-opt) > tol {
			t.Fatalf("objective %v, dual %v, gonum %v", sol.Objective, sol.DualObjective, opt)
		}
		if math.IsInf(sol.DualBound, -1) || sol.DualBound > opt+1e-9*(1+math.Abs(opt)) || sol.DualBound < opt-tol {
			t.Fatalf("DualBound %v vs optimum %v", sol.DualBound, opt)
		}
		// Weak duality for arbitrary y.
		rng := rand.New(rand.NewPCG(uint64(len(p.C)), 1))
		for range 20 {
			y := make([]float64, p.A.Rows)
			for i := range y {
				y[i] = 10 * rng.NormFloat64()
			}
			if b := p.DualBound(y); b > opt+1e-9*(1+math.Abs(opt)) || math.IsNaN(b) {
				t.Fatalf("DualBound(random y) = %v > optimum %v", b, opt)
			}
		}
		for j, v := range sol.X {
			if v < p.lower(j) || v > p.upper(j) {
				t.Fatalf("X[%d] = %v outside box", j, v)
			}
		}
		// Y is sign-consistent with infinite row sides (Y_i > 0 uses the lower bound).
		for i, v := range sol.Y {
			if (v > 0 && math.IsInf(p.RowLower[i], -1)) || (v < 0 && math.IsInf(p.RowUpper[i], 1)) {
				t.Fatalf("Y[%d] = %v with row bounds [%v, %v]", i, v, p.RowLower[i], p.RowUpper[i])
			}
		}
		// Invariance: a positive row scaling and a column permutation leave the optimum unchanged.
		q := scaledPermuted(p, rng)
		sol2, err := Solve(context.Background(), q, &Settings{Tol: 1e-9, MaxIter: 500000})
		if err != nil || math.Abs(sol2.Objective-sol.Objective) > 1e-6*(1+math.Abs(opt)) {
			t.Fatalf("transformed: %v, objective %v vs %v", err, sol2.Objective, sol.Objective)
		}
	})
}

// scaledPermuted returns p with row i scaled by a random positive factor and the columns permuted.
func scaledPermuted(p *Problem, rng *rand.Rand) *Problem {
	m, n := p.A.Rows, p.A.Cols
	perm := rng.Perm(n) // new column q is old column perm[q]
	inv := make([]int, n)
	for q, j := range perm {
		inv[j] = q
	}
	f := make([]float64, m)
	var tr []Triplet
	for i := range m {
		f[i] = math.Ldexp(1, rng.IntN(7)-3) * (1 + float64(rng.IntN(3)))
		for q := p.A.RowPtr[i]; q < p.A.RowPtr[i+1]; q++ {
			tr = append(tr, Triplet{i, inv[p.A.ColIdx[q]], p.A.Val[q] * f[i]})
		}
	}
	a, err := NewCSR(m, n, tr)
	if err != nil {
		panic(err)
	}
	q := &Problem{A: a, C: make([]float64, n), RowLower: make([]float64, m), RowUpper: make([]float64, m),
		Lower: make([]float64, n), Upper: make([]float64, n), Offset: p.Offset}
	for i := range m {
		q.RowLower[i], q.RowUpper[i] = p.RowLower[i]*f[i], p.RowUpper[i]*f[i]
	}
	for nq, j := range perm {
		q.C[nq], q.Lower[nq], q.Upper[nq] = p.C[j], p.lower(j), p.upper(j)
	}
	return q
}

// Free columns and mixed row types with a known optimum: rows l ≤ Ax ≤ u built around x⁰ with y⁰ signs
// matching the active sides, c = Aᵀy⁰ + s⁰ with s⁰ = 0 on free columns (complementary slackness).
func TestFreeColumnsKnownOptimum(t *testing.T) {
	for seed := range 40 {
		rng := rand.New(rand.NewPCG(uint64(seed), 21))
		m := 2 + rng.IntN(6)
		n := m + rng.IntN(6)
		a := make([]float64, m*n)
		for i := range a {
			if rng.Float64() < 0.7 {
				a[i] = rng.NormFloat64()
			}
		}
		x0 := make([]float64, n)
		lower := make([]float64, n)
		upper := make([]float64, n)
		s0 := make([]float64, n)
		for j := range n {
			upper[j] = inf
			switch rng.IntN(3) {
			case 0: // free
				lower[j] = math.Inf(-1)
				x0[j] = rng.NormFloat64()
			case 1: // at lower bound 0 with positive reduced cost
				s0[j] = rng.Float64() + 0.1
			default: // basic-like, inside (0, 3)
				upper[j] = 3
				x0[j] = 0.5 + 2*rng.Float64()
			}
		}
		rl := make([]float64, m)
		ru := make([]float64, m)
		y0 := make([]float64, m)
		c := make([]float64, n)
		for i := range m {
			ax := 0.0
			for j := range n {
				ax += a[i*n+j] * x0[j]
			}
			switch rng.IntN(3) {
			case 0: // active lower side, y > 0
				rl[i], ru[i] = ax, inf
				y0[i] = rng.Float64() + 0.1
			case 1: // active upper side, y < 0
				rl[i], ru[i] = math.Inf(-1), ax
				y0[i] = -rng.Float64() - 0.1
			default: // ranged, inactive, y = 0
				rl[i], ru[i] = ax-1, ax+1
			}
		}
		opt := 0.0
		for j := range n {
			for i := range m {
				c[j] += a[i*n+j] * y0[i]
			}
			c[j] += s0[j]
			opt += c[j] * x0[j]
		}
		p := denseProblem(m, n, a, rl, ru, c)
		p.Lower, p.Upper = lower, upper
		sol, err := Solve(context.Background(), p, &Settings{Tol: 1e-9, MaxIter: 400000})
		if err != nil {
			t.Errorf("seed %d: %v (%v after %d)", seed, err, sol.Status, sol.Iterations)
			continue
		}
		if math.Abs(sol.Objective-opt) > 1e-6*(1+math.Abs(opt)) || math.Abs(sol.DualObjective-opt) > 1e-6*(1+math.Abs(opt)) {
			t.Errorf("seed %d: objective %v dual %v, want %v", seed, sol.Objective, sol.DualObjective, opt)
		}
	}
}
