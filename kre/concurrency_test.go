package kre

import (
	"slices"
	"sync"
	"testing"
)

// TestConcurrentUse exercises the documented goroutine safety of Predictor
// and BinnedNW (run under -race).
func TestConcurrentUse(t *testing.T) {
	p := mustPredictor(t, &PredictorSettings{Weekday: true})
	want, err := p.Forecast(july1to21, 7)
	if err != nil {
		t.Fatal(err)
	}
	x, y, at := benchData(500, 50)
	b, err := NewBinnedNW(x, y, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantV, _ := b.Predict(nil, nil, at)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 5; k++ {
				got, err := p.Forecast(july1to21, 7)
				if err != nil || !slices.Equal(got, want) {
					errs <- "Forecast differs"
					return
				}
				v, _ := b.Predict(nil, nil, at)
				if !slices.Equal(v, wantV) {
					errs <- "Predict differs"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
