package em

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var ctx = context.Background()

// tight settings drive a fit to its limit for the spec's limit vectors.
var tight = &Settings{Tol: 1e-13, TolLogLik: 1e-15, MaxIter: 100000}

func approx(rel, abs float64) cmp.Option { return cmpopts.EquateApprox(rel, abs) }

func diff(t *testing.T, name string, want, got any, tol float64) {
	t.Helper()
	if d := cmp.Diff(want, got, approx(0, tol)); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, d)
	}
}

// checkMonotone asserts that a log-likelihood history never decreases beyond
// the package's relative slack.
func checkMonotone(t *testing.T, h []float64) {
	t.Helper()
	for i := 1; i < len(h); i++ {
		if h[i] < h[i-1]-monotoneSlack*(1+math.Abs(h[i-1])) {
			t.Fatalf("log-likelihood decreased at iteration %d: %v -> %v", i, h[i-1], h[i])
		}
	}
}

// E1 data (spec em.md §5, derived in exact arithmetic).
var e1s, e1m = []int{0, 1, 2, 3}, []int{3, 3, 3, 3}

func TestE1(t *testing.T) {
	for _, fixed := range []bool{false, true} {
		// t = 0: MaxIter 1 gives the initial E-step in LogLikHistory[0].
		one, err := FitBinomialMixture(ctx, e1s, e1m, []float64{1.0 / 3, 2.0 / 3}, &Settings{MaxIter: 1, FixedWeights: fixed})
		if !errors.Is(err, ErrNotConverged) {
			t.Fatalf("fixed=%v: one step: err = %v, want ErrNotConverged", fixed, err)
		}
		diff(t, "ℓ⁰", -2*math.Log(18), one.LogLikHistory[0], 1e-12)
		diff(t, "θ¹", []float64{5.0 / 18, 13.0 / 18}, one.Theta, 1e-12)
		diff(t, "π¹", []float64{0.5, 0.5}, one.Weights, 1e-12)
		if len(one.LogLikHistory) != 2 || one.Iterations != 1 {
			t.Errorf("history %v iterations %d", one.LogLikHistory, one.Iterations)
		}
		// Q at t = 0 through PosteriorOf of the starting mixture.
		m0 := &Mixture{Theta: []float64{1.0 / 3, 2.0 / 3}, Weights: []float64{0.5, 0.5}}
		wantQ := [][]float64{{8.0 / 9, 1.0 / 9}, {2.0 / 3, 1.0 / 3}, {1.0 / 3, 2.0 / 3}, {1.0 / 9, 8.0 / 9}}
		for i := range e1s {
			q, err := m0.PosteriorOf(nil, e1s[i], e1m[i])
			if err != nil {
				t.Fatal(err)
			}
			diff(t, "Q⁰", wantQ[i], q, 1e-12)
		}

		m, err := FitBinomialMixture(ctx, e1s, e1m, []float64{1.0 / 3, 2.0 / 3}, &Settings{Tol: 1e-12, FixedWeights: fixed})
		if err != nil {
			t.Fatalf("fixed=%v: %v", fixed, err)
		}
		r3 := math.Sqrt(3) / 6
		diff(t, "θ*", []float64{0.5 - r3, 0.5 + r3}, m.Theta, 1e-10)
		diff(t, "π*", []float64{0.5, 0.5}, m.Weights, 1e-10)
		diff(t, "ℓ*", -8*math.Log(2), m.LogLik, 1e-12)
		if !m.Converged || m.Iterations > 60 {
			t.Errorf("fixed=%v: converged %v in %d iterations, want within 60", fixed, m.Converged, m.Iterations)
		}
		checkMonotone(t, m.LogLikHistory)
		// Price vector (spec §5 E1, 1e-9).
		diff(t, "ExpectedPrice", []float64{0.7905626121623441, 0.6943375672974063, 0.40566243270259345, 0.3094373878376559},
			Price(m, []float64{0.3, 0.8}, ExpectedPrice), 1e-9)
		diff(t, "MAPPrice", []float64{0.8, 0.8, 0.3, 0.3}, Price(m, []float64{0.3, 0.8}, MAPPrice), 0)
	}
}

// E2 data: rows of different length.
var e2s, e2m = []int{0, 2, 5, 1, 4}, []int{2, 4, 5, 3, 6}

func TestE2(t *testing.T) {
	th0 := []float64{0.25, 0.75}
	m0 := &Mixture{Theta: th0, Weights: []float64{0.5, 0.5}}
	wantQ := [][]float64{{9.0 / 10, 1.0 / 10}, {0.5, 0.5}, {1.0 / 244, 243.0 / 244}, {0.75, 0.25}, {0.1, 0.9}}
	for i := range e2s {
		q, err := m0.PosteriorOf(nil, e2s[i], e2m[i])
		if err != nil {
			t.Fatal(err)
		}
		diff(t, "Q⁰", wantQ[i], q, 1e-12)
	}
	for _, fixed := range []bool{false, true} {
		one, err := FitBinomialMixture(ctx, e2s, e2m, th0, &Settings{MaxIter: 1, FixedWeights: fixed})
		if !errors.Is(err, ErrNotConverged) {
			t.Fatal(err)
		}
		diff(t, "ℓ⁰", -7.918359769897483, one.LogLikHistory[0], 1e-12)
		diff(t, "θ¹", []float64{1324.0 / 4069, 5996.0 / 8131}, one.Theta, 1e-12)
		if !fixed {
			diff(t, "π¹", []float64{55.0 / 122, 67.0 / 122}, one.Weights, 1e-12)
		}
	}
	// Variant A limit (independent implementation, 1e-9).
	a, err := FitBinomialMixture(ctx, e2s, e2m, th0, &Settings{FixedWeights: true, Tol: 1e-13, TolLogLik: 1e-15, MaxIter: 100000})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "θ A", []float64{0.41286304621626746, 0.7412019357486392}, a.Theta, 1e-9)
	diff(t, "ℓ A", -7.697279937971743, a.LogLik, 1e-9)
	checkE2B(t, th0)
	checkMonotone(t, a.LogLikHistory)
	if len(a.Vanished)+len(a.Collapsed) != 0 {
		t.Errorf("variant A: Vanished %v Collapsed %v, want none", a.Vanished, a.Collapsed)
	}
}

// checkE2B checks the E2 variant-B limit (independent implementation, 1e-8).
func checkE2B(t *testing.T, th0 []float64) *Mixture {
	t.Helper()
	b, err := FitBinomialMixture(ctx, e2s, e2m, th0, tight)
	if err != nil {
		t.Fatal(err)
	}
	if b.Theta[1] != 1-DefaultClamp {
		t.Errorf("θ_2 = %v, want exactly 1-δ", b.Theta[1])
	}
	diff(t, "θ_1 B", 0.4857200115, b.Theta[0], 1e-8)
	diff(t, "π B", []float64{0.8222291498, 0.1777708502}, b.Weights, 1e-8)
	diff(t, "ℓ B", -7.1687205612, b.LogLik, 1e-8)
	diff(t, "fixed point π_2", 0.2-b.Weights[0]*math.Pow(b.Theta[0], 5), b.Weights[1], 1e-10)
	checkMonotone(t, b.LogLikHistory)
	if len(b.Vanished)+len(b.Collapsed) != 0 {
		t.Errorf("variant B: Vanished %v Collapsed %v, want none", b.Vanished, b.Collapsed)
	}
	return b
}

func TestE3SingleComponent(t *testing.T) {
	m, err := FitBinomialMixture(ctx, e2s, e2m, []float64{0.3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "θ", []float64{0.6}, m.Theta, 1e-12)
	diff(t, "ℓ", -7.86181138118675, m.LogLik, 1e-12)
	if !m.Converged || m.Iterations > 2 {
		t.Errorf("converged %v after %d iterations", m.Converged, m.Iterations)
	}
	one, _ := FitBinomialMixture(ctx, e2s, e2m, []float64{0.3}, &Settings{MaxIter: 1})
	diff(t, "θ after one M-step", []float64{0.6}, one.Theta, 1e-15)
}

func TestE4Identifiability(t *testing.T) {
	_, err := FitBinomialMixture(ctx, []int{1, 2, 0}, []int{2, 2, 2}, nil, &Settings{K: 2})
	var ie *IdentifiabilityError
	if !errors.As(err, &ie) || *ie != (IdentifiabilityError{MaxTrials: 2, K: 2}) || !errors.Is(err, ErrNotIdentifiable) {
		t.Fatalf("err = %v, want IdentifiabilityError{2, 2}", err)
	}
	m, err := FitBinomialMixture(ctx, []int{1, 2, 0}, []int{2, 3, 2}, []float64{0.3, 0.6}, tight)
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "collapsed θ", []float64{3.0 / 7, 3.0 / 7}, m.Theta, 1e-8)
	if d := cmp.Diff([][2]int{{0, 1}}, m.Collapsed); d != "" {
		t.Errorf("Collapsed: %s", d)
	}
	t.Logf("E4 collapse took %d iterations", m.Iterations)
}

func TestE5LabelOrder(t *testing.T) {
	a, errA := FitBinomialMixture(ctx, e2s, e2m, []float64{0.25, 0.75}, nil)
	b, errB := FitBinomialMixture(ctx, e2s, e2m, []float64{0.75, 0.25}, nil)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if d := cmp.Diff(a, b, approx(0, 1e-12)); d != "" {
		t.Errorf("label order changed the mixture:\n%s", d)
	}
}

func TestE6Guards(t *testing.T) {
	checkE2B(t, []float64{0, 1})
	if _, err := FitBinomialMixture(ctx, e2s, e2m, []float64{0.5, 0.5}, nil); !errors.Is(err, ErrBadInit) {
		t.Errorf("duplicate start: err = %v, want ErrBadInit", err)
	}
	for _, c := range []struct {
		s    int
		want float64
	}{{0, DefaultClamp}, {5, 1 - DefaultClamp}} {
		s := []int{c.s, c.s, c.s, c.s}
		m5 := []int{5, 5, 5, 5}
		one, err := FitBinomialMixture(ctx, s, m5, []float64{0.3, 0.6}, &Settings{MaxIter: 1})
		if !errors.Is(err, ErrNotConverged) {
			t.Fatal(err)
		}
		if one.Theta[0] != c.want || one.Theta[1] != c.want {
			t.Errorf("s=%d: θ after one M-step = %v, want both exactly %v", c.s, one.Theta, c.want)
		}
		m, err := FitBinomialMixture(ctx, s, m5, []float64{0.3, 0.6}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if math.IsInf(m.LogLik, 0) || math.IsNaN(m.LogLik) {
			t.Errorf("ℓ = %v", m.LogLik)
		}
		if d := cmp.Diff([][2]int{{0, 1}}, m.Collapsed); d != "" {
			t.Errorf("s=%d Collapsed: %s", c.s, d)
		}
	}
}

func TestCountRows(t *testing.T) {
	s, m, err := CountRows([][]int8{{1, 0, -1}, {1, 1}})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]int{1, 2}, s); d != "" {
		t.Error(d)
	}
	if d := cmp.Diff([]int{2, 2}, m); d != "" {
		t.Error(d)
	}
	_, _, err = CountRows([][]int8{{2}})
	var te *TableError
	if !errors.As(err, &te) || *te != (TableError{0, 0, 2}) || !errors.Is(err, ErrBadCounts) {
		t.Errorf("err = %v, want TableError{0,0,2}", err)
	}
	if _, _, err := CountRows(nil); !errors.Is(err, ErrNoData) {
		t.Errorf("empty table: %v", err)
	}
}
