package swarm_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/cdnkit/cdnkit/swarm"
)

// tourSwarm compares BitTorrent's equal split with V-Formation on a small
// movie library (400 peers, 50 movies, 10 minutes; two caches at 50 KB/s).
func tourSwarm(w io.Writer) error {
	sc, err := swarm.LibraryScenario(swarm.LibraryConfig{Peers: 400, Movies: 50, Duration: 10 * time.Minute}, rand.NewPCG(1, 1))
	if err != nil {
		return err
	}
	var means [2]float64
	for i, a := range []swarm.Allocator{swarm.BTEqualSplit{}, &swarm.VFormation{}} {
		r, err := swarm.Simulate(context.Background(), sc, a, &swarm.Settings{Src: rand.NewPCG(1, 2)})
		if err != nil {
			return err
		}
		means[i] = r.MeanAggregate(0, sc.Duration)
		fmt.Fprintf(w, "%-12s mean aggregate %.4g KB/s\n", a.Name(), means[i]/1000)
	}
	fmt.Fprintf(w, "V-Formation / BitTorrent = %.4g (paper: 1.66)\n", means[1]/means[0])
	return nil
}

func TestTourStep(t *testing.T) {
	var buf bytes.Buffer
	if err := tourSwarm(&buf); err != nil {
		t.Fatal(err)
	}
	if buf.Len() == 0 {
		t.Fatal("tour step printed nothing")
	}
	t.Log("\n" + buf.String())
}
