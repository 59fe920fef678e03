package device_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/cdnkit/cdnkit/device"
)

// tourOTT simulates SmartSharing groups of 10, 20 and 30 OTTs (Zipf(50, 0.8), 5 s slots, 4-slot
// buffers) and prints how the peer hit ratio and the supply–demand matrix grow with the group.
func tourOTT(w io.Writer) error {
	for _, g := range []int{10, 20, 30} {
		run, err := device.SimulateOTT(context.Background(), device.OTTConfig{OTTs: 60, GroupSize: g}, rand.NewPCG(1, 2))
		if err != nil {
			return err
		}
		var peer, demand, views int
		for i := 0; i < run.N(); i++ {
			s := run.Stats(i)
			peer, demand, views = peer+s.PeerHits, demand+s.Demand, views+s.Views
		}
		row, _, _ := run.SupplyDemand(device.YShare)
		from, to := run.Recorded()
		d := make([]float64, g)
		for j := range d {
			d[j] = 1
		}
		f, err := run.FetchTable(0, d, to-12, to, rand.NewPCG(3, 4))
		if err != nil {
			return err
		}
		served := 0
		for _, r := range f.Items {
			for _, n := range r {
				served += n
			}
		}
		fmt.Fprintf(w, "OTT groups of %2d: peer hit ratio %.4g, self-hits %.4g of views, %d Y entries, %d peer-served items in slots [%d, %d) (recorded from %d)\n",
			g, float64(peer)/float64(demand), 1-float64(demand)/float64(views), len(row), served, to-12, to, from)
	}
	return nil
}

func TestTourOTTStep(t *testing.T) {
	var b bytes.Buffer
	if err := tourOTT(&b); err != nil {
		t.Fatal(err)
	}
	if b.Len() == 0 {
		t.Fatal("tourOTT printed nothing")
	}
	t.Log("\n" + b.String())
}
