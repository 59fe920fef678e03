package kre

import (
	"math"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// Generators of spec kre.md §5: n ∈ [1, 40], x, y ∈ [−1e6, 1e6],
// h ∈ [1e-3, 1e3] (log-uniform).

func drawData(t *rapid.T, minN int) (x, y []float64) {
	n := rapid.IntRange(minN, 40).Draw(t, "n")
	x = rapid.SliceOfN(rapid.Float64Range(-1e6, 1e6), n, n).Draw(t, "x")
	y = rapid.SliceOfN(rapid.Float64Range(-1e6, 1e6), n, n).Draw(t, "y")
	return x, y
}

func drawH(t *rapid.T) float64 {
	return math.Exp(rapid.Float64Range(math.Log(1e-3), math.Log(1e3)).Draw(t, "lnh"))
}

func maxAbs(v []float64) float64 {
	var m float64
	for _, x := range v {
		m = max(m, math.Abs(x))
	}
	return m
}

func TestPropNWBoundsAndAffine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x, y := drawData(t, 1)
		h := drawH(t)
		at := rapid.Float64Range(-2e6, 2e6).Draw(t, "at")
		g, err := NadarayaWatson(x, y, h, at)
		if err != nil {
			t.Fatal(err)
		}
		if !isFinite(g) || g < slices.Min(y) || g > slices.Max(y) {
			t.Fatalf("NW = %v outside [%v, %v]", g, slices.Min(y), slices.Max(y))
		}
		a := rapid.Float64Range(-1e6, 1e6).Draw(t, "a")
		b := rapid.Float64Range(-10, 10).Draw(t, "b")
		ya := make([]float64, len(y))
		for i, v := range y {
			ya[i] = a + b*v
		}
		ga, err := NadarayaWatson(x, ya, h, at)
		if err != nil {
			t.Fatal(err)
		}
		if tol := 1e-9 * (math.Abs(a) + math.Abs(b)*maxAbs(y)); math.Abs(ga-(a+b*g)) > tol {
			t.Fatalf("affine: %v vs %v", ga, a+b*g)
		}
	})
}

func TestPropLLAffine(t *testing.T) {
	// Dyadic y, a and b make a + b·y exact, so only the estimator's own
	// rounding remains (the fitted line amplifies any rounding of the data
	// by the extrapolation lever).
	rapid.Check(t, func(t *rapid.T) {
		x, _ := drawData(t, 1)
		y := make([]float64, len(x))
		for i := range y {
			y[i] = float64(rapid.IntRange(-1<<26, 1<<26).Draw(t, "yi")) / 64
		}
		h := drawH(t)
		at := rapid.Float64Range(-2e6, 2e6).Draw(t, "at")
		a := float64(rapid.IntRange(-1e6, 1e6).Draw(t, "a"))
		b := float64(rapid.IntRange(-160, 160).Draw(t, "b16")) / 16
		ya := make([]float64, len(y))
		for i, v := range y {
			ya[i] = a + b*v
		}
		l, err := LocalLinear(x, y, h, at)
		if err != nil {
			t.Fatal(err)
		}
		la, err := LocalLinear(x, ya, h, at)
		if err != nil {
			t.Fatal(err)
		}
		if tol := 1e-9 * (math.Abs(a) + math.Abs(b)*(maxAbs(y)+math.Abs(l))); math.Abs(la-(a+b*l)) > tol {
			t.Fatalf("LL affine: %v vs %v", la, a+b*l)
		}
	})
}

func TestPropNWLocationScale(t *testing.T) {
	// Dyadic data, integer c and power-of-two s keep c + s·x exact, so the
	// equivariance must hold to rounding of the estimator alone.
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 40).Draw(t, "n")
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(rapid.IntRange(-1<<20, 1<<20).Draw(t, "xi")) / 64
		}
		y := rapid.SliceOfN(rapid.Float64Range(-1e6, 1e6), n, n).Draw(t, "y")
		h := drawH(t)
		at := float64(rapid.IntRange(-1<<21, 1<<21).Draw(t, "at")) / 64
		c := float64(rapid.IntRange(-1e6, 1e6).Draw(t, "c"))
		s := math.Ldexp(1, rapid.IntRange(-4, 4).Draw(t, "log2s"))
		xs := make([]float64, n)
		for i, v := range x {
			xs[i] = c + s*v
		}
		g1, err1 := NadarayaWatson(x, y, h, at)
		g2, err2 := NadarayaWatson(xs, y, s*h, c+s*at)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if math.Abs(g1-g2) > 1e-9*maxAbs(y) {
			t.Fatalf("location-scale: %v vs %v", g1, g2)
		}
	})
}

func TestPropPermutation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x, y := drawData(t, 4)
		h := drawH(t)
		at := rapid.Float64Range(-2e6, 2e6).Draw(t, "at")
		perm := rapid.Permutation(seq(len(x))).Draw(t, "perm")
		xp, yp := make([]float64, len(x)), make([]float64, len(x))
		for i, j := range perm {
			xp[i], yp[i] = x[j], y[j]
		}
		ys := maxAbs(y)
		close := func(name string, a, b, scale float64) {
			if math.Abs(a-b) > 1e-12*(math.Abs(a)+scale) {
				t.Fatalf("%s not permutation invariant: %v vs %v", name, a, b)
			}
		}
		a1, _ := NadarayaWatson(x, y, h, at)
		a2, _ := NadarayaWatson(xp, yp, h, at)
		close("NW", a1, a2, ys)
		l1, e1 := LocalLinear(x, y, h, at)
		l2, e2 := LocalLinear(xp, yp, h, at)
		if e1 == nil && e2 == nil {
			close("LL", l1, l2, ys)
		}
		c1, _ := CV(x, y, h, false)
		c2, _ := CV(xp, yp, h, false)
		close("CV", c1, c2, 1e-4*ys*ys)
		v1, _ := AICc(x, y, h)
		v2, _ := AICc(xp, yp, h)
		if !(math.IsInf(v1, 1) && math.IsInf(v2, 1)) {
			// Near the pole tr H = n − 2 the penalty P amplifies the
			// rounding of tr H (≈ nε) by dP/dtr ≈ P²/n.
			if math.Abs(v1-v2) > 1e-12*(math.Abs(v1)+1)+16*float64(len(x))*epsilon*v1*v1 {
				t.Fatalf("AICc not permutation invariant: %v vs %v", v1, v2)
			}
		}
	})
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

func TestPropLLExactOnLines(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		// Dyadic x, a and b make y = a + b·x exact, so any error is the
		// estimator's own.
		n := rapid.IntRange(2, 40).Draw(t, "n")
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(rapid.IntRange(-1<<26, 1<<26).Draw(t, "xi")) / 64
		}
		a := float64(rapid.IntRange(-1e6, 1e6).Draw(t, "a"))
		b := float64(rapid.IntRange(-1600, 1600).Draw(t, "b16")) / 16
		h := drawH(t)
		at := rapid.Float64Range(-2e6, 2e6).Draw(t, "at")
		y := make([]float64, n)
		for i, v := range x {
			y[i] = a + b*v
		}
		// Two distinct x must keep a non-zero weight.
		m := math.Inf(1)
		for _, v := range x {
			d := (v - at) / h
			m = min(m, d*d)
		}
		var kept []float64
		for _, v := range x {
			d := (v - at) / h
			if d*d-m <= cutoff && !slices.Contains(kept, v) {
				kept = append(kept, v)
			}
		}
		if len(kept) < 2 {
			return
		}
		g, err := LocalLinear(x, y, h, at)
		if err != nil {
			t.Fatal(err)
		}
		want := a + b*at
		scale := math.Abs(a) + math.Abs(b)*(maxAbs(x)+math.Abs(at))
		// The data themselves carry rounding (ε|y_i|), which the line
		// through them amplifies by the lever |at − x|/spread.
		spread := slices.Max(kept) - slices.Min(kept)
		lever := 1 + (math.Abs(at)+maxAbs(x))/spread
		if math.Abs(g-want) > 1e-8*scale+8*epsilon*maxAbs(y)*lever {
			t.Fatalf("LL = %v, want %v (scale %v)", g, want, scale)
		}
	})
}

func TestPropEqualXAndLargeH(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 40).Draw(t, "n")
		x0 := rapid.Float64Range(-1e6, 1e6).Draw(t, "x0")
		x := slices.Repeat([]float64{x0}, n)
		y := rapid.SliceOfN(rapid.Float64Range(-1e6, 1e6), n, n).Draw(t, "y")
		h := drawH(t)
		at := rapid.Float64Range(-2e6, 2e6).Draw(t, "at")
		nw, _ := NadarayaWatson(x, y, h, at)
		ll, _ := LocalLinear(x, y, h, at)
		if nw != ll {
			t.Fatalf("equal x: LL %v != NW %v", ll, nw)
		}
		xr, _ := drawData(t, n)
		xr = xr[:n]
		g, _ := NadarayaWatson(xr, y, 1e9, at)
		// Weights differ from 1 by at most u²/2 with u ≤ (|x| + |at|)/1e9.
		u := (maxAbs(xr) + math.Abs(at)) / 1e9
		rng := slices.Max(y) - slices.Min(y)
		if math.Abs(g-mean(y)) > 1e-9*maxAbs(y)+u*u*rng {
			t.Fatalf("h=1e9: %v, mean %v", g, mean(y))
		}
	})
}

func TestPropSelectors(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x, y := drawData(t, 3)
		lo := math.Exp(rapid.Float64Range(math.Log(1e-3), math.Log(1e3)).Draw(t, "lnlo"))
		hi := lo * math.Exp(rapid.Float64Range(0, 5).Draw(t, "span"))
		local := rapid.Bool().Draw(t, "local")
		aic := rapid.Bool().Draw(t, "aicc")
		s := &BandwidthSettings{Local: local, Lo: lo, Hi: hi, Grid: rapid.SampledFrom([]int{3, 7, DefaultGrid}).Draw(t, "grid")}
		if aic {
			s.Criterion = AICcCriterion
		}
		r, err := SelectBandwidth(x, y, s)
		if err != nil {
			if aic && (len(x) <= 3 || err == ErrNoValidBandwidth) {
				return
			}
			t.Fatal(err)
		}
		if !(r.H >= lo && r.H <= hi) {
			t.Fatalf("h = %v outside [%v, %v]", r.H, lo, hi)
		}
		for k, v := range r.GridValue {
			if v < r.Value && !allEqual(y) {
				t.Fatalf("grid %d value %v below result %v", k, v, r.Value)
			}
		}
		if aic {
			tr, _ := HatTrace(x, r.H)
			if !(tr < float64(len(x))-2) {
				t.Fatalf("AICc result h=%v has tr H = %v ≥ n − 2", r.H, tr)
			}
			h2, err := AICcBandwidth(x, y, lo, hi)
			if err != nil || (s.Grid == DefaultGrid && h2 != r.H) {
				t.Fatalf("AICcBandwidth %v (%v) != SelectBandwidth %v", h2, err, r.H)
			}
		} else {
			h2, err := CVBandwidth(x, y, lo, hi, local)
			if err != nil || (s.Grid == DefaultGrid && h2 != r.H) || h2 < lo || h2 > hi {
				t.Fatalf("CVBandwidth %v (%v)", h2, err)
			}
		}
	})
}
