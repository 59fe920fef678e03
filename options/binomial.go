package options

import (
	"math"
	"sync"
)

const (
	// DefaultSteps is the lattice size used by American(MethodBinomial, …),
	// PriceBatch and the out-of-domain fallback of the American frame.
	DefaultSteps = 1001
	// MaxSteps is the largest step count Binomial accepts (time O(steps²),
	// memory O(steps)).
	MaxSteps = 100000
)

// Binomial returns the price from a Leisen–Reimer binomial tree with
// Richardson extrapolation: the converged reference lattice of the package
// (D. Leisen, M. Reimer, "Binomial models for option valuation — examining
// and improving convergence", Appl. Math. Finance 3:319–346, 1996,
// Peizer–Pratt inversion method 2; extrapolation as in M. Broadie,
// J. Detemple, "American option valuation: new bounds, approximations, and a
// comparison of existing methods", RFS 9:1211–1250, 1996).
//
//	n = steps if odd else steps + 1;  m = ⌊n/2⌋, m + 1 if even;  V = (n·V_n − m·V_m)/(n − m)
//	tree with N steps: Δt = T/N, d1, d2 of European at (S, K, T),
//	h(z) = ½ + sign(z)·½·√(1 − exp(−(z/(N + 1/3 + 0.1/(N+1)))²·(N + 1/6)))
//	p = h(d2), p* = h(d1), u = e^{bΔt}p*/p, d = (e^{bΔt} − pu)/(1 − p)
//
// with backward induction v ← e^{−rΔt}(p v_up + (1 − p) v_down), floored by
// the intrinsic value when american is true. The LR tree is centred on the
// strike (odd N), so the European value converges as O(1/N²) and the
// American one smoothly as O(1/N), which the extrapolation removes. Accuracy
// requires steps ≫ (b√T/σ)²: the node spacing must resolve the distance of
// the exercise boundary from the strike (~σ²K/|b|).
//
// Reconstruction: when p or p* ∉ (1e-12, 1 − 1e-12), u ≤ e^{bΔt} ≤ d is
// violated or a parameter is not finite (|d2| ≳ 6√N: the option is nearly
// deterministic), the same n, m and extrapolation run on a Jarrow–Rudd tree
// (p = ½, u, d = exp((b − σ²/2)Δt ± σ√Δt)), valid for every σ > 0.
//
// With american = true Binomial runs the common American frame (see
// American); with american = false it is a European pricer: the limits of
// European (T = 0, σ√T = 0, S = 0, K = 0) and otherwise the tree's own
// value. steps < 1 or > MaxSteps gives ErrBadSteps. Cost O(steps²) time,
// one pooled slice of steps + 2 float64.
func Binomial(k Kind, p Params, steps int, american bool) (float64, error) {
	if err := validate(k, p); err != nil {
		return 0, err
	}
	if steps < 1 || steps > MaxSteps {
		return 0, ErrBadSteps
	}
	return checkFinite(binomial(k, p, steps, american), p)
}

func binomial(k Kind, p Params, steps int, american bool) float64 {
	if american {
		return americanFrame(k, p, func(k Kind, p Params) float64 {
			return binomialTree(k, p, steps, true)
		})
	}
	if p.T == 0 || p.Spot == 0 || p.Strike == 0 || p.Vol*math.Sqrt(p.T) == 0 {
		return european(k, p)
	}
	return binomialTree(k, p, steps, false)
}

var treePool = sync.Pool{New: func() any { return new([]float64) }}

// binomialTree is the extrapolated LR (or JR) tree for validated inputs with
// T > 0, σ√T > 0, S > 0, K > 0.
func binomialTree(k Kind, p Params, steps int, american bool) float64 {
	n := steps
	if n%2 == 0 {
		n++
	}
	m := n / 2
	if m%2 == 0 {
		m++
	}
	bp := treePool.Get().(*[]float64)
	if cap(*bp) < n+1 {
		*bp = make([]float64, n+1)
	}
	buf := (*bp)[:n+1]
	vn := tree(k, p, n, american, buf)
	var v float64
	if m >= n {
		v = vn
	} else {
		vm := tree(k, p, m, american, buf)
		v = (float64(n)*vn - float64(m)*vm) / float64(n-m)
	}
	treePool.Put(bp)
	if v < 0 {
		v = 0
	}
	return p.Strike * v
}

// ppInv is the Peizer–Pratt inversion (method 2) h(z) for an N-step tree.
func ppInv(z float64, N int) float64 {
	n := float64(N)
	x := z / (n + 1.0/3 + 0.1/(n+1))
	r := 0.5 * math.Sqrt(-math.Expm1(-x*x*(n+1.0/6)))
	if z < 0 {
		return 0.5 - r
	}
	return 0.5 + r
}

// tree prices on one N-step tree in units of K (strike 1).
func tree(k Kind, p Params, N int, american bool, v []float64) float64 {
	T, r, q, sig := p.T, p.Rate, p.Dividend, p.Vol
	s := p.Spot / p.Strike
	b := r - q
	dt := T / float64(N)
	sd := sig * math.Sqrt(T)
	mm := (math.Log(s) + b*T) / sd
	d1 := mm + 0.5*sd
	d2 := mm - 0.5*sd
	growth := math.Exp(b * dt)
	pu := ppInv(d2, N)
	ps := ppInv(d1, N)
	u := growth * ps / pu
	d := (growth - pu*u) / (1 - pu)
	const eps = 1e-12
	if !(pu > eps && pu < 1-eps && ps > eps && ps < 1-eps && d < growth && growth < u && d > 0) ||
		math.IsInf(u, 0) || math.IsNaN(d1) || math.IsNaN(d2) {
		// Jarrow–Rudd.
		pu = 0.5
		drift := (b - 0.5*sig*sig) * dt
		sdt := sig * math.Sqrt(dt)
		u = math.Exp(drift + sdt)
		d = math.Exp(drift - sdt)
	}
	disc := math.Exp(-r * dt)
	qu := disc * pu
	qd := disc * (1 - pu)
	lnu, lnd := math.Log(u), math.Log(d)
	lnRatio := lnu - lnd
	ratio := u / d
	eta := k.eta()
	lns := math.Log(s)
	// start returns the index of the lowest node of level i whose price is
	// not below e^{−700}, and that price (nodes under it are priced as 0, so
	// a node price never underflows to 0 and stays there).
	start := func(i int) (j0 int, x float64) {
		lx := lns + float64(i)*lnd
		if lx >= -700 {
			return 0, math.Exp(lx)
		}
		j := math.Ceil((-700 - lx) / lnRatio)
		if !(j <= float64(i)) {
			return i + 1, 0
		}
		j0 = int(j)
		return j0, math.Exp(lx + float64(j0)*lnRatio)
	}
	j0, x := start(N)
	for j := 0; j < j0; j++ {
		v[j] = math.Max(-eta, 0)
	}
	for j := j0; j <= N; j++ {
		v[j] = math.Max(eta*(x-1), 0)
		x *= ratio
	}
	for i := N - 1; i >= 0; i-- {
		vi := v[: i+2 : i+2]
		if !american {
			a := vi[0]
			for j := 0; j < len(vi)-1; j++ {
				b := vi[j+1]
				vi[j] = qd*a + qu*b
				a = b
			}
			continue
		}
		j0, x := start(i)
		for j := 0; j < j0 && j < len(vi)-1; j++ {
			vi[j] = math.Max(qd*vi[j]+qu*vi[j+1], -eta)
		}
		if j0 >= len(vi)-1 {
			continue
		}
		a := vi[j0]
		if eta < 0 {
			// Put: exercise can bind only below the strike (x < 1).
			j := j0
			for ; j < len(vi)-1 && x < 1; j++ {
				b := vi[j+1]
				c := qd*a + qu*b
				if e := 1 - x; e > c {
					c = e
				}
				vi[j] = c
				a = b
				x *= ratio
			}
			for ; j < len(vi)-1; j++ {
				b := vi[j+1]
				vi[j] = qd*a + qu*b
				a = b
			}
			continue
		}
		// Call: exercise can bind only above the strike; nodes below it
		// need no check.
		j := j0
		for ; j < len(vi)-1 && x <= 1; j++ {
			b := vi[j+1]
			vi[j] = qd*a + qu*b
			a = b
			x *= ratio
		}
		for ; j < len(vi)-1; j++ {
			b := vi[j+1]
			c := qd*a + qu*b
			if e := x - 1; e > c {
				c = e
			}
			vi[j] = c
			a = b
			x *= ratio
		}
	}
	return v[0]
}
