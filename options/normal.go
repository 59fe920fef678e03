package options

import "math"

const (
	invSqrt2   = 0.70710678118654752440084436210484903928483593768847
	invSqrt2Pi = 0.39894228040143267793994605993438186847585863116493
	lnSqrt2Pi  = 0.91893853320467274178032973640561763986139747363778
)

// cnd is the standard normal distribution function N(x) = ½ erfc(−x/√2),
// accurate in both tails.
func cnd(x float64) float64 { return 0.5 * math.Erfc(-x*invSqrt2) }

// npdf is the standard normal density n(x) = e^{−x²/2}/√(2π).
func npdf(x float64) float64 { return invSqrt2Pi * math.Exp(-0.5*x*x) }

// lnCnd is ln N(x). For x < −30 it uses the asymptotic series
//
//	ln N(x) = −x²/2 − ln(−x) − ½ ln 2π + ln(1 − z + 3z² − 15z³ + 105z⁴ − 945z⁵),  z = 1/x²
//
// (relative error < 1e-13 there), so it stays finite where N(x) underflows.
func lnCnd(x float64) float64 {
	if x < -30 {
		z := 1 / (x * x)
		s := 1 + z*(-1+z*(3+z*(-15+z*(105-945*z))))
		return -0.5*x*x - math.Log(-x) - lnSqrt2Pi + math.Log(s)
	}
	return math.Log(cnd(x))
}

// expN returns e^{lp}·N(x) without overflow: for lp > 700 it evaluates
// exp(lp + ln N(x)).
func expN(lp, x float64) float64 {
	if lp <= 700 {
		return math.Exp(lp) * cnd(x)
	}
	return math.Exp(lp + lnCnd(x))
}

// Bivariate normal for the fixed correlation of Bjerksund–Stensland 2002.

// bjsRho is ρ = √(t1/T) = √((√5 − 1)/2), the correlation of the 2002 formula.
var bjsRho = math.Sqrt((math.Sqrt(5) - 1) / 2)

// glNodes20 returns the positive nodes and weights of the 20-point
// Gauss–Legendre rule on [−1, 1], computed by Newton's method on P20.
func glNodes20() (x, w [10]float64) {
	const n = 20
	for i := 0; i < n/2; i++ {
		z := math.Cos(math.Pi * (float64(i) + 0.75) / (n + 0.5))
		var pp float64
		for it := 0; it < 100; it++ {
			p1, p2 := 1.0, 0.0
			for j := 1; j <= n; j++ {
				p3 := p2
				p2 = p1
				p1 = ((2*float64(j)-1)*z*p2 - (float64(j)-1)*p3) / float64(j)
			}
			pp = n * (z*p1 - p2) / (z*z - 1)
			z1 := z
			z = z1 - p1/pp
			if math.Abs(z-z1) <= 1e-16 {
				break
			}
		}
		// Recompute the derivative at the final root.
		p1, p2 := 1.0, 0.0
		for j := 1; j <= n; j++ {
			p3 := p2
			p2 = p1
			p1 = ((2*float64(j)-1)*z*p2 - (float64(j)-1)*p3) / float64(j)
		}
		pp = n * (z*p1 - p2) / (z*z - 1)
		x[i] = z
		w[i] = 2 / ((1 - z*z) * pp * pp)
	}
	return x, w
}

// bvnTable holds, for correlation +ρ, the 20 sines s = sin(asin ρ (1 ± x_i)/2),
// the factors 1/(1 − s²) and the weights, so that one bivariate normal costs
// 20 exp and no trigonometry. For −ρ the sines change sign.
type bvnTable struct {
	s, inv, w [20]float64
	scale     float64 // asin(ρ)/(4π)
}

var bvnRho = newBvnTable(bjsRho)

func newBvnTable(rho float64) *bvnTable {
	x, w := glNodes20()
	t := &bvnTable{}
	asr := math.Asin(rho)
	t.scale = asr / (4 * math.Pi)
	for i := 0; i < 10; i++ {
		for j, sg := range [2]float64{1, -1} {
			s := math.Sin(asr * (1 + sg*x[i]) / 2)
			t.s[2*i+j] = s
			t.inv[2*i+j] = 1 / (1 - s*s)
			t.w[2*i+j] = w[i]
		}
	}
	return t
}

// bvn returns M(a, b; ±ρ) = P(X ≤ a, Y ≤ b) for standard normals with
// correlation ρ = bjsRho (neg = false) or −ρ (neg = true), by the
// Drezner–Wesolowsky integral in Genz's form
//
//	M(a,b;ρ) = N(a)N(b) + asin(ρ)/(4π) Σ w_i [E(s_i⁺) + E(s_i⁻)],  E(s) = exp((s·hk − hs)/(1 − s²))
//
// with h = −a, k = −b, hk = h·k, hs = (h² + k²)/2 and the 20-point
// Gauss–Legendre rule (absolute error ≈ 1e-15; Genz 2004, |ρ| < 0.925 branch).
// Arguments are clamped to ±40, where N is 0 or 1 in double precision.
func bvn(a, b float64, neg bool) float64 {
	if a != a || b != b {
		return math.NaN()
	}
	a = clamp40(a)
	b = clamp40(b)
	h, k := -a, -b
	hk := h * k
	hs := 0.5 * (h*h + k*k)
	t := bvnRho
	if neg {
		hk = -hk
	}
	var sum float64
	for i := 0; i < 20; i++ {
		// fastExp inlined; the exponent is ≤ 0, and terms below e^{−708}
		// are dropped (they are below the sum's resolution).
		x := (t.s[i]*hk - hs) * t.inv[i]
		if x < -708 {
			continue
		}
		const shift = 0x1.8p52
		kf := (x*expInvL + shift) - shift
		r := (x - kf*expL1) - kf*expL2
		p := r + r*r*(1.0/2+r*(1.0/6+r*(1.0/24+r*(1.0/120+r*(1.0/720)))))
		kk := int64(kf)
		e := &expTab[kk&63]
		y := e.hi + (e.lo + e.hi*p + e.lo*p)
		sum += t.w[i] * math.Float64frombits(math.Float64bits(y)+uint64(kk>>6)<<52)
	}
	if neg {
		sum = -sum
	}
	v := cnd(a)*cnd(b) + t.scale*sum
	if v < 0 {
		return 0
	}
	return v
}

func clamp40(x float64) float64 {
	if x > 40 {
		return 40
	}
	if x < -40 {
		return -40
	}
	return x
}
