package overlay_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/cdnkit/cdnkit/overlay"
)

// tourOverlay builds worked example E2 (a hub with two clients, rates 1 and 2
// Mbps), runs GRADIENT and the two baselines and prints the result.
func tourOverlay(w io.Writer) error {
	inst := &overlay.Instance{
		Graph:  overlay.Graph{N: 4, Edges: []overlay.Edge{{U: 0, V: 1, Cost: 1}, {U: 1, V: 2, Cost: 1}, {U: 1, V: 3, Cost: 1}}},
		Source: 0,
		Rates:  []float64{1, 2},
		Clients: []overlay.Client{
			{Node: 2, Utility: []float64{1, 10}},
			{Node: 3, Utility: []float64{2, 2.2}},
		},
	}
	sol, err := overlay.Gradient(context.Background(), inst, nil)
	if err != nil {
		return err
	}
	mst, err := overlay.MSTBaseline(inst)
	if err != nil {
		return err
	}
	naive, err := overlay.NaiveBroadcast(inst)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "GRADIENT levels %v: cost %.4g $, penalty %.4g, lower bound %.4g, ratio <= %.4g (proven %.4g)\n",
		sol.Levels, sol.Cost, sol.Penalty, sol.LowerBound, sol.Ratio, sol.Bound)
	fmt.Fprintf(w, "MST cost %.4g $, naive broadcast cost %.4g $\n", mst.Cost, naive.Cost)
	return nil
}

func TestTourStep(t *testing.T) {
	var b bytes.Buffer
	if err := tourOverlay(&b); err != nil {
		t.Fatal(err)
	}
	if b.Len() == 0 {
		t.Fatal("tour step printed nothing")
	}
	t.Log(b.String())
}
