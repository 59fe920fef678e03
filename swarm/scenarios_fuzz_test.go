package swarm

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// FuzzLibraryScenario: arbitrary small library configurations give an
// error wrapping ErrInvalidScenario, or a scenario that validates, with the
// requested peer count and every peer in a movie's swarm.
func FuzzLibraryScenario(f *testing.F) {
	f.Add(10, 40, 1.0, int64(50_000), 0.5, int64(time.Hour), 0.1, 64)
	f.Add(0, 0, 0.0, int64(0), 0.0, int64(0), 0.0, 0)
	f.Add(-1, 5, 1.0, int64(1), 0.5, int64(time.Minute), 0.1, 8)
	f.Add(3, 5, math.NaN(), int64(1), 0.5, int64(time.Minute), 0.1, 8)
	f.Add(3, 5, 1e308, int64(1), 1e-300, int64(time.Minute), 1e308, 8)
	f.Add(3, 5, 2.0, int64(-7), 1.0, int64(-time.Minute), math.Inf(1), -8)
	f.Add(1, 1, 1.0, int64(math.MaxInt64), 1.0, int64(math.MaxInt64), 5e-324, math.MaxInt32)
	f.Fuzz(func(t *testing.T, movies, peers int, alpha float64, rate int64, share float64, dur int64, scale float64, pieces int) {
		cfg := LibraryConfig{
			Movies: movies % 200, Peers: peers % 400, Alpha: alpha, CacheRate: rate,
			CacheBShare: share, Duration: time.Duration(dur), LinkScale: scale,
			Pieces: pieces % 100_000, PieceSize: 1 << 10,
		}
		sc, err := LibraryScenario(cfg, rand.NewPCG(5, 6))
		if err != nil {
			if !errors.Is(err, ErrInvalidScenario) || sc != nil {
				t.Fatalf("%+v: %v", cfg, err)
			}
			return
		}
		if err := sc.Validate(); err != nil {
			t.Fatalf("%+v: returned scenario does not validate: %v", cfg, err)
		}
		np := 0
		for _, h := range sc.Hosts {
			if h.Kind == Peer {
				np++
				if h.Swarm < 0 || h.Swarm >= len(sc.Swarms) || h.Up < 1 || h.Down < 1 {
					t.Fatalf("%+v: bad peer %+v", cfg, h)
				}
			}
		}
		want := cfg.Peers
		if want == 0 {
			want = 800
		}
		if np != want {
			t.Fatalf("%+v: %d peers, want %d", cfg, np, want)
		}
	})
}

// FuzzChurnScenario: arbitrary small churn configurations give an error
// wrapping ErrInvalidScenario, or a scenario that validates.
func FuzzChurnScenario(f *testing.F) {
	f.Add(3, int64(20_000), 10, int64(3000*time.Second), int64(6000*time.Second), int64(9000*time.Second), 0.1)
	f.Add(0, int64(0), 0, int64(0), int64(0), int64(0), 0.0)
	f.Add(-2, int64(5), 3, int64(time.Second), int64(2*time.Second), int64(3*time.Second), 0.1)
	f.Add(1, int64(5), 3, int64(-time.Second), int64(2*time.Second), int64(3*time.Second), 0.1)
	f.Add(1, int64(5), 3, int64(5*time.Second), int64(2*time.Second), int64(3*time.Second), math.NaN())
	f.Add(1, int64(math.MaxInt64), 3, int64(time.Second), int64(time.Second), int64(math.MaxInt64), 1e308)
	f.Fuzz(func(t *testing.T, caches int, rate int64, peers int, join, leave, dur int64, scale float64) {
		cfg := ChurnConfig{
			Caches: caches % 50, CacheRate: rate, SwarmPeers: peers % 100,
			JoinAt: time.Duration(join), LeaveAt: time.Duration(leave), Duration: time.Duration(dur),
			LinkScale: scale,
		}
		sc, err := ChurnScenario(cfg, rand.NewPCG(7, 8))
		if err != nil {
			if !errors.Is(err, ErrInvalidScenario) || sc != nil {
				t.Fatalf("%+v: %v", cfg, err)
			}
			return
		}
		if err := sc.Validate(); err != nil {
			t.Fatalf("%+v: returned scenario does not validate: %v", cfg, err)
		}
	})
}

// FuzzConvergenceTime: arbitrary series and windows give (0, false) or a
// time on the step grid inside the series.
func FuzzConvergenceTime(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 5, 5, 5, 5, 5}, int64(time.Second), int64(3*time.Second), 0.1)
	f.Add([]byte{}, int64(time.Second), int64(time.Second), 0.1)
	f.Add([]byte{0, 0, 0}, int64(0), int64(time.Second), 0.1)
	f.Add([]byte{9, 0, 9}, int64(time.Second), int64(time.Second), math.NaN())
	f.Add([]byte{255, 1}, int64(math.MaxInt64), int64(math.MaxInt64), 1e308)
	f.Fuzz(func(t *testing.T, raw []byte, step, window int64, tol float64) {
		series := make([]float64, len(raw))
		for i, b := range raw {
			series[i] = float64(b) * 1e306 // large enough that sums overflow
			if b == 7 {
				series[i] = math.Inf(1)
			}
		}
		d, ok := ConvergenceTime(series, time.Duration(step), time.Duration(window), tol)
		if !ok {
			if d != 0 {
				t.Fatalf("not converged but d = %v", d)
			}
			return
		}
		if d < 0 || d%time.Duration(step) != 0 || int64(d/time.Duration(step)) >= int64(len(series)) {
			t.Fatalf("d = %v for %d steps of %v", d, len(series), time.Duration(step))
		}
	})
}
