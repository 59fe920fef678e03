package ethsettle

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"
	"time"
)

// TestMeasureDelay runs a fast Fig. 5(b) sweep (blocks every 50 ms): every
// trade is mined, and the delays are positive, ordered (mean ≤ max, p95 ≤
// max) and below a generous bound; with a block gas limit that holds 13
// trades, a burst of 40 spans at least 3 blocks.
func TestMeasureDelay(t *testing.T) {
	period := 50 * time.Millisecond
	pts, err := MeasureDelay(context.Background(), &DelayConfig{Levels: []int{1, 4}, Rounds: 2, BlockPeriod: period, Src: rand.NewPCG(1, 2)})
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != 2 {
		t.Fatalf("%d points, want 2", len(pts))
	}
	for i, p := range pts {
		if p.Simultaneous != []int{1, 4}[i] || p.Samples != 2*p.Simultaneous {
			t.Errorf("point %d: %+v", i, p)
		}
		if p.Mean <= 0 || p.Mean > p.Max || p.P95 > p.Max || p.Max > 100*period || p.Blocks < 1 {
			t.Errorf("point %d: implausible delays %+v", i, p)
		}
	}
	if testing.Short() {
		return
	}
	pts, err = MeasureDelay(context.Background(), &DelayConfig{Levels: []int{40}, Rounds: 1, BlockPeriod: period, BlockGasLimit: 2_000_000})
	if err != nil {
		t.Fatal(err)
	}
	if pts[0].Blocks < 3 || pts[0].Max < 2*period {
		t.Errorf("congested burst: %+v, want ≥ 3 blocks and a max delay ≥ 2 periods", pts[0])
	}
}

func TestDelayConfigErrors(t *testing.T) {
	for _, cfg := range []DelayConfig{{Levels: []int{0}}, {Rounds: -1}, {BlockPeriod: time.Millisecond}, {BlockGasLimit: 10}} {
		if _, err := MeasureDelay(context.Background(), &cfg); !errors.Is(err, ErrConfig) {
			t.Errorf("%+v: %v, want ErrConfig", cfg, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := MeasureDelay(ctx, &DelayConfig{Levels: []int{1}, Rounds: 1, BlockPeriod: 20 * time.Millisecond}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}
