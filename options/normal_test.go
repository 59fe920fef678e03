package options

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// The 20-point Gauss–Legendre rule integrates polynomials of degree ≤ 39
// exactly: ∫_{-1}^{1} x^{2m} dx = 2/(2m+1).
func TestGaussLegendre20(t *testing.T) {
	x, w := glNodes20()
	for m := 0; m <= 19; m++ {
		var s float64
		for i := range x {
			s += 2 * w[i] * math.Pow(x[i], float64(2*m))
		}
		if want := 2 / float64(2*m+1); math.Abs(s-want) > 1e-15 {
			t.Errorf("∫x^%d = %.17g, want %.17g", 2*m, s, want)
		}
	}
}

// bvnReference integrates Drezner–Wesolowsky's formula
// M = N(a)N(b) + 1/(2π) ∫_0^ρ exp(−(a² − 2rab + b²)/(2(1 − r²)))/√(1 − r²) dr
// with composite Simpson on θ = asin r (4000 panels): an independent oracle.
func bvnReference(a, b, rho float64) float64 {
	const n = 4000
	th := math.Asin(rho)
	f := func(t float64) float64 {
		s := math.Sin(t)
		return math.Exp(-(a*a - 2*s*a*b + b*b) / (2 * (1 - s*s)))
	}
	h := th / n
	sum := f(0) + f(th)
	for i := 1; i < n; i++ {
		c := 2.0
		if i%2 == 1 {
			c = 4
		}
		sum += c * f(float64(i)*h)
	}
	return cnd(a)*cnd(b) + sum*h/3/(2*math.Pi)
}

func TestBivariateNormal(t *testing.T) {
	// M(0, 0; ρ) = 1/4 + asin(ρ)/(2π) exactly.
	for _, neg := range []bool{false, true} {
		rho := bjsRho
		if neg {
			rho = -rho
		}
		if got, want := bvn(0, 0, neg), 0.25+math.Asin(rho)/(2*math.Pi); math.Abs(got-want) > 1e-15 {
			t.Errorf("M(0,0;%g) = %.17g, want %.17g", rho, got, want)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		a, b := rng.NormFloat64()*3, rng.NormFloat64()*3
		neg := i%2 == 1
		rho := bjsRho
		if neg {
			rho = -rho
		}
		got := bvn(a, b, neg)
		if want := bvnReference(a, b, rho); math.Abs(got-want) > 2e-15 {
			t.Errorf("M(%g, %g; %g) = %.17g, reference %.17g", a, b, rho, got, want)
		}
		// M(a, b; ρ) + M(a, −b; −ρ) = N(a).
		if s := got + bvn(a, -b, !neg); math.Abs(s-cnd(a)) > 4e-15 {
			t.Errorf("M(%g,%g;ρ) + M(%g,%g;−ρ) = %.17g, N(a) = %.17g", a, b, a, -b, s, cnd(a))
		}
		// Symmetry in the arguments.
		if d := math.Abs(got - bvn(b, a, neg)); d > 1e-16 {
			t.Errorf("M not symmetric at (%g, %g): %g", a, b, d)
		}
	}
	// Limits.
	if v := bvn(-50, 1, false); v != 0 {
		t.Errorf("M(−50, 1) = %g", v)
	}
	if v := bvn(50, 1, true); math.Abs(v-cnd(1)) > 1e-15 {
		t.Errorf("M(50, 1) = %.17g, want N(1) = %.17g", v, cnd(1))
	}
}

func TestLnCnd(t *testing.T) {
	// Continuity at the switch −30 and agreement with ln(N) where N is normal.
	for _, x := range []float64{-30.0000001, -31, -35, -37} {
		if got, want := lnCnd(x), math.Log(cnd(x)); math.Abs(got-want) > 1e-13*math.Abs(want) {
			t.Errorf("lnCnd(%g) = %.17g, ln N = %.17g", x, got, want)
		}
	}
	// Far tail, where N underflows: ln N(x) ≈ −x²/2 − ln(−x) − ½ln 2π.
	if got := lnCnd(-1e3); math.Abs(got-(-5e5-math.Log(1e3)-lnSqrt2Pi+math.Log1p(-1e-6+3e-12))) > 1e-9 {
		t.Errorf("lnCnd(−1000) = %.17g", got)
	}
	if v := expN(1000, -40); math.IsInf(v, 0) || math.IsNaN(v) || v <= 0 {
		t.Errorf("expN(1000, −40) = %g", v)
	}
}

// bigExp is e^x correctly rounded (to within double rounding): Taylor
// series of e^{x/2^20} at 400 bits, squared 20 times.
func bigExp(x float64) float64 {
	const prec = 400
	y := new(big.Float).SetPrec(prec).SetFloat64(x)
	y.Quo(y, new(big.Float).SetPrec(prec).SetInt64(1<<20))
	sum := new(big.Float).SetPrec(prec).SetInt64(1)
	term := new(big.Float).SetPrec(prec).SetInt64(1)
	for i := 1; i < 40; i++ {
		term.Mul(term, y)
		term.Quo(term, new(big.Float).SetPrec(prec).SetInt64(int64(i)))
		sum.Add(sum, term)
	}
	for i := 0; i < 20; i++ {
		sum.Mul(sum, sum)
	}
	f, _ := sum.Float64()
	return f
}

// fastExp is within 1 ulp of the true e^x (checked against a 400-bit
// reference), and so within 2 ulp of math.Exp (itself within 1 ulp) on 10⁶
// random arguments.
func TestFastExp(t *testing.T) {
	rng0 := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 3000; i++ {
		x := -708 + 1417*rng0.Float64()
		if i%2 == 0 {
			x = -50 * rng0.Float64()
		}
		tr := bigExp(x)
		ulp := math.Nextafter(tr, math.Inf(1)) - tr
		if d := math.Abs(fastExp(x)-tr) / ulp; d > 1 {
			t.Errorf("fastExp(%.17g) is %.3g ulp from e^x", x, d)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	n := 1000000
	if testing.Short() {
		n = 200000
	}
	worst := 0.0
	for i := 0; i < n; i++ {
		var x float64
		switch i % 3 {
		case 0:
			x = -708 + 1417*rng.Float64()
		case 1:
			x = -50 * rng.Float64() // the bivariate normal's range
		default:
			x = rng.NormFloat64()
		}
		got, want := fastExp(x), math.Exp(x)
		ulp := math.Nextafter(want, math.Inf(1)) - want
		if d := math.Abs(got-want) / ulp; d > worst {
			worst = d
		}
	}
	if worst > 2 {
		t.Errorf("fastExp differs from math.Exp by %.3g ulp", worst)
	}
	for _, x := range []float64{0, -708, 709, -745, 710, math.Inf(-1), math.Inf(1)} {
		if got, want := fastExp(x), math.Exp(x); got != want && math.Abs(got-want) > 1e-15*want {
			t.Errorf("fastExp(%g) = %g, want %g", x, got, want)
		}
	}
	if !math.IsNaN(fastExp(math.NaN())) {
		t.Error("fastExp(NaN) not NaN")
	}
	t.Logf("worst difference from math.Exp: %.3g ulp", worst)
}
