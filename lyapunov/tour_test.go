package lyapunov_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/lyapunov"
)

// tourLyapunov runs the paper's three-user demo with the Lyapunov scheduler,
// the buffer-based baseline and BOLA, and prints welfare, average bitrate and
// stall per policy.
func tourLyapunov(w io.Writer) error {
	sched, err := lyapunov.New(nil)
	if err != nil {
		return err
	}
	for _, pc := range []struct {
		name string
		p    device.Policy
	}{
		{"lyapunov", sched},
		{"buffer-based", &device.BufferBased{Owner: device.DefaultOwnerRule()}},
		{"bola", &lyapunov.BOLA{}},
	} {
		res, err := device.Simulate(context.Background(), device.DemoScenario(), pc.p, nil)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "lyapunov: demo %-12s welfare %.4g, bitrate %.4g Mbps, stall %.4g s\n",
			pc.name, res.Welfare, res.AvgBitrate, res.Stall)
	}
	return nil
}

func TestTourStep(t *testing.T) {
	var b bytes.Buffer
	if err := tourLyapunov(&b); err != nil {
		t.Fatal(err)
	}
	if b.Len() == 0 {
		t.Fatal("tour step printed nothing")
	}
	t.Log("\n" + b.String())
}
