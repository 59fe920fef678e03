package em

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func TestValidation(t *testing.T) {
	nan := math.NaN()
	s3, m3 := []int{0, 1, 2}, []int{3, 3, 3}
	cases := []struct {
		name   string
		s, m   []int
		theta0 []float64
		set    *Settings
		want   error
	}{
		{"empty", []int{}, []int{}, []float64{0.3, 0.6}, nil, ErrNoData},
		{"all zero trials", []int{0, 0}, []int{0, 0}, []float64{0.3}, nil, ErrNoData},
		{"negative s", []int{-1}, []int{3}, []float64{0.3}, nil, ErrBadCounts},
		{"negative m", []int{0}, []int{-3}, []float64{0.3}, nil, ErrBadCounts},
		{"s > m", []int{4}, []int{3}, []float64{0.3}, nil, ErrBadCounts},
		{"no K", s3, m3, nil, nil, ErrBadInit},
		{"empty theta0", s3, m3, []float64{}, nil, ErrBadInit},
		{"theta NaN", s3, m3, []float64{nan, 0.5}, nil, ErrBadInit},
		{"theta > 1", s3, m3, []float64{0.2, 1.5}, nil, ErrBadInit},
		{"theta < 0", s3, m3, []float64{-0.1, 0.5}, nil, ErrBadInit},
		{"duplicate", s3, m3, []float64{0.4, 0.4}, nil, ErrBadInit},
		{"duplicate after clamp", s3, m3, []float64{0, 0.005}, &Settings{Clamp: 0.01}, ErrBadInit},
		{"weight zero", s3, m3, []float64{0.2, 0.6}, &Settings{Weights0: []float64{0, 1}}, ErrBadInit},
		{"weight NaN", s3, m3, []float64{0.2, 0.6}, &Settings{Weights0: []float64{nan, 1}}, ErrBadInit},
		{"weights sum", s3, m3, []float64{0.2, 0.6}, &Settings{Weights0: []float64{0.5, 0.6}}, ErrBadInit},
		{"not identifiable", s3, m3, []float64{0.2, 0.5, 0.8}, nil, ErrNotIdentifiable},
		{"Tol NaN", s3, m3, []float64{0.3}, &Settings{Tol: nan}, ErrBadSettings},
		{"Tol negative", s3, m3, []float64{0.3}, &Settings{Tol: -1}, ErrBadSettings},
		{"TolLogLik negative", s3, m3, []float64{0.3}, &Settings{TolLogLik: -1}, ErrBadSettings},
		{"MaxIter negative", s3, m3, []float64{0.3}, &Settings{MaxIter: -1}, ErrBadSettings},
		{"MinIter negative", s3, m3, []float64{0.3}, &Settings{MinIter: -1}, ErrBadSettings},
		{"NInit negative", s3, m3, []float64{0.3}, &Settings{NInit: -1}, ErrBadSettings},
		{"MinIter > MaxIter", s3, m3, []float64{0.3}, &Settings{MinIter: 5, MaxIter: 4}, ErrBadSettings},
		{"Clamp too big", s3, m3, []float64{0.3}, &Settings{Clamp: 0.5}, ErrBadSettings},
		{"Clamp negative", s3, m3, []float64{0.3}, &Settings{Clamp: -1e-3}, ErrBadSettings},
		{"Clamp NaN", s3, m3, []float64{0.3}, &Settings{Clamp: nan}, ErrBadSettings},
		{"CollapseTol negative", s3, m3, []float64{0.3}, &Settings{CollapseTol: -1}, ErrBadSettings},
		{"K conflicts", s3, m3, []float64{0.3}, &Settings{K: 2}, ErrBadSettings},
		{"K negative", s3, m3, nil, &Settings{K: -1}, ErrBadSettings},
	}
	for _, c := range cases {
		m, err := FitBinomialMixture(ctx, c.s, c.m, c.theta0, c.set)
		if !errors.Is(err, c.want) || m != nil {
			t.Errorf("%s: (%v, %v), want (nil, %v)", c.name, m, err, c.want)
		}
	}
	var ce *CountError
	if _, err := FitBinomialMixture(ctx, []int{1, 4}, []int{2, 3}, []float64{0.5}, nil); !errors.As(err, &ce) || *ce != (CountError{1, 4, 3}) {
		t.Errorf("CountError = %v", err)
	}
}

func mustPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		if r := recover(); r != want {
			t.Errorf("panic = %v, want %q", r, want)
		}
	}()
	f()
}

func TestPanics(t *testing.T) {
	mustPanic(t, "em: length mismatch", func() { _, _ = FitBinomialMixture(ctx, []int{1}, []int{1, 2}, []float64{0.5}, nil) })
	mustPanic(t, "em: length mismatch", func() {
		_, _ = FitBinomialMixture(ctx, []int{1}, []int{3}, []float64{0.3, 0.5}, &Settings{Weights0: []float64{1}})
	})
	m, err := FitBinomialMixture(ctx, e1s, e1m, []float64{0.3, 0.6}, nil)
	if err != nil {
		t.Fatal(err)
	}
	mustPanic(t, "em: len(prices) != K", func() { Price(m, []float64{1}, ExpectedPrice) })
	mustPanic(t, "em: invalid price", func() { Price(m, []float64{1, math.NaN()}, ExpectedPrice) })
	mustPanic(t, "em: invalid price", func() { Price(m, []float64{1, -1}, ExpectedPrice) })
	mustPanic(t, "em: invalid price", func() { Price(m, []float64{1, math.Inf(1)}, MAPPrice) })
	mustPanic(t, "em: nil mixture", func() { Price(nil, []float64{1, 2}, MAPPrice) })
	mustPanic(t, "em: unknown price rule", func() { Price(m, []float64{1, 2}, PriceRule(7)) })
	mustPanic(t, "em: length mismatch", func() { _, _ = m.Score([]int{1}, nil) })
}

func TestPriceOfErrors(t *testing.T) {
	m, err := FitBinomialMixture(ctx, e1s, e1m, []float64{0.3, 0.6}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := PriceOf(m, []float64{0.3, math.NaN()}, ExpectedPrice, 1, 3); !errors.Is(err, ErrBadPrice) {
		t.Errorf("NaN price: %v", err)
	}
	if _, err := PriceOf(m, []float64{0.3, 0.8}, ExpectedPrice, 4, 3); !errors.Is(err, ErrBadCounts) {
		t.Errorf("s > trials: %v", err)
	}
	if _, err := m.PosteriorOf(nil, -1, 3); !errors.Is(err, ErrBadCounts) {
		t.Errorf("negative s: %v", err)
	}
	if _, err := m.Score(nil, nil); !errors.Is(err, ErrNoData) {
		t.Errorf("empty Score: %v", err)
	}
	if _, err := m.Score([]int{1, 3}, []int{2, 2}); !errors.Is(err, ErrBadCounts) {
		t.Errorf("bad Score counts: %v", err)
	}
	if err := ValidatePrices(nil); !errors.Is(err, ErrBadPrice) {
		t.Errorf("empty prices: %v", err)
	}
	// PriceOf on a fitted row equals Price's entry.
	p := Price(m, []float64{0.3, 0.8}, ExpectedPrice)
	for i := range e1s {
		q, err := PriceOf(m, []float64{0.8, 0.3}, ExpectedPrice, e1s[i], e1m[i])
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(q-p[i]) > 1e-14 {
			t.Errorf("row %d: PriceOf %v, Price %v", i, q, p[i])
		}
	}
}

func TestScore(t *testing.T) {
	m, err := FitBinomialMixture(ctx, e2s, e2m, []float64{0.25, 0.75}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := m.Score(e2s, e2m)
	if err != nil {
		t.Fatal(err)
	}
	if want := m.LogLik / float64(len(e2s)); math.Abs(sc-want) > 1e-12 {
		t.Errorf("Score on the training data = %v, want LogLik/n = %v", sc, want)
	}
}

func TestCancelAndHook(t *testing.T) {
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	m, err := FitBinomialMixture(cctx, e2s, e2m, []float64{0.25, 0.75}, &Settings{NInit: 3, Src: rand.NewPCG(1, 2)})
	if !errors.Is(err, context.Canceled) || m == nil {
		t.Fatalf("cancelled: (%v, %v)", m, err)
	}
	if m.Iterations != 0 || len(m.LogLikHistory) != 1 || !math.IsInf(m.RunLogLik[1], -1) || !math.IsInf(m.RunLogLik[2], -1) {
		t.Errorf("cancelled fit: iterations %d history %v runs %v", m.Iterations, m.LogLikHistory, m.RunLogLik)
	}
	stop := errors.New("stop")
	calls := 0
	m, err = FitBinomialMixture(ctx, e2s, e2m, []float64{0.25, 0.75}, &Settings{Progress: func(p Progress) error {
		calls++
		if p.Run != 0 || p.Iteration != calls || len(p.Theta) != 2 || len(p.Weights) != 2 {
			t.Errorf("progress %+v at call %d", p, calls)
		}
		if calls == 3 {
			return stop
		}
		return nil
	}})
	if !errors.Is(err, stop) || m == nil || m.Iterations != 3 || calls != 3 {
		t.Errorf("hook stop: err %v, iterations %v, calls %d", err, m, calls)
	}
}

func TestRestartsAndRandomStarts(t *testing.T) {
	s, m := genData(rand.New(rand.NewPCG(7, 8)), 300, 12, []float64{0.15, 0.5, 0.85}, []float64{0.3, 0.3, 0.4})
	a, errA := FitBinomialMixture(ctx, s, m, nil, &Settings{K: 3, NInit: 4, Src: rand.NewPCG(1, 2)})
	b, errB := FitBinomialMixture(ctx, s, m, nil, &Settings{K: 3, NInit: 4, Src: rand.NewPCG(1, 2)})
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if !deepEqualBits(a, b) {
		t.Error("same seed gave different mixtures")
	}
	best := math.Inf(-1)
	for _, v := range a.RunLogLik {
		best = max(best, v)
	}
	if a.LogLik != best || a.RunLogLik[a.Run] != a.LogLik {
		t.Errorf("chosen run %d ℓ %v, runs %v", a.Run, a.LogLik, a.RunLogLik)
	}
	// Nil source: not reproducible, but valid.
	c, err := FitBinomialMixture(ctx, s, m, nil, &Settings{K: 3})
	if err != nil {
		t.Fatal(err)
	}
	checkMixture(t, c, len(s), false, nil)
}

func TestAllocsIndependentOfMaxIter(t *testing.T) {
	s, m := genData(rand.New(rand.NewPCG(1, 1)), 500, 20, []float64{0.2, 0.5, 0.8}, []float64{0.3, 0.3, 0.4})
	allocs := func(iters int) float64 {
		set := &Settings{MinIter: iters, MaxIter: iters}
		return testing.AllocsPerRun(5, func() {
			if _, err := FitBinomialMixture(ctx, s, m, []float64{0.3, 0.6, 0.8}, set); err != nil && !errors.Is(err, ErrNotConverged) {
				t.Fatal(err)
			}
		})
	}
	if a, b := allocs(10), allocs(200); a != b {
		t.Errorf("allocations depend on MaxIter: %v at 10 iterations, %v at 200", a, b)
	}
}
