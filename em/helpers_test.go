package em

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// genData draws n rows of m trials each from a binomial mixture (test-only).
func genData(r *rand.Rand, n, m int, theta, pi []float64) (s, trials []int) {
	s, trials = make([]int, n), make([]int, n)
	for i := range n {
		u, l := r.Float64(), 0
		for l < len(pi)-1 && u >= pi[l] {
			u -= pi[l]
			l++
		}
		for range m {
			if r.Float64() < theta[l] {
				s[i]++
			}
		}
		trials[i] = m
	}
	return s, trials
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// checkMixture asserts the structural invariants of a fitted mixture.
func checkMixture(t testingT, m *Mixture, n int, fixed bool, weights0 []float64) {
	t.Helper()
	k := len(m.Theta)
	if len(m.Weights) != k || len(m.Posterior) != n || len(m.LogLikHistory) != m.Iterations+1 {
		t.Fatalf("shape: K %d weights %d rows %d (want %d) history %d iterations %d", k, len(m.Weights), len(m.Posterior), n, len(m.LogLikHistory), m.Iterations)
	}
	if !finite(m.LogLik) || m.LogLik != m.LogLikHistory[m.Iterations] {
		t.Fatalf("LogLik %v, last history %v", m.LogLik, m.LogLikHistory[m.Iterations])
	}
	if !slices.IsSorted(m.Theta) {
		t.Fatalf("Theta not sorted: %v", m.Theta)
	}
	for _, th := range m.Theta {
		if !(th >= DefaultClamp && th <= 1-DefaultClamp) {
			t.Fatalf("θ %v outside [δ, 1-δ]", th)
		}
	}
	sum := 0.0
	for _, w := range m.Weights {
		if !(w >= 0 && w <= 1) {
			t.Fatalf("weight %v", w)
		}
		sum += w
	}
	if fixed {
		want := weights0
		if want == nil {
			want = make([]float64, k)
			for l := range want {
				want[l] = 1 / float64(k)
			}
		}
		ws := slices.Clone(m.Weights)
		wt := slices.Clone(want)
		slices.Sort(ws)
		slices.Sort(wt)
		if !slices.Equal(ws, wt) {
			t.Fatalf("variant A weights %v, want exactly %v (as a multiset)", m.Weights, want)
		}
	} else if math.Abs(sum-1) > 1e-12 {
		t.Fatalf("weights sum to %v", sum)
	}
	for i, q := range m.Posterior {
		s := 0.0
		for _, v := range q {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("posterior[%d] = %v", i, q)
			}
			s += v
		}
		if math.Abs(s-1) > 1e-12 {
			t.Fatalf("posterior[%d] sums to %v", i, s)
		}
	}
	for _, h := range m.LogLikHistory {
		if !finite(h) {
			t.Fatalf("history %v", m.LogLikHistory)
		}
	}
}

// testingT is the part of testing.TB and *rapid.T that the helpers use.
type testingT interface {
	Helper()
	Fatalf(format string, args ...any)
}

func deepEqualBits(a, b *Mixture) bool {
	eq := func(x, y []float64) bool {
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
				return false
			}
		}
		return true
	}
	if !eq(a.Theta, b.Theta) || !eq(a.Weights, b.Weights) || !eq(a.LogLikHistory, b.LogLikHistory) || !eq(a.RunLogLik, b.RunLogLik) {
		return false
	}
	if a.Run != b.Run || a.Iterations != b.Iterations || a.Converged != b.Converged || len(a.Posterior) != len(b.Posterior) {
		return false
	}
	for i := range a.Posterior {
		if !eq(a.Posterior[i], b.Posterior[i]) {
			return false
		}
	}
	return true
}

var _ testingT = (*testing.T)(nil)
