package game_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/cdnkit/cdnkit/game"
)

// tourGame shows the SmartSharing bandwidth game: 200 OTT devices on a random 5 % supply-demand network
// (DifferentialService, k_i ~ U(0, 0.4)), the paper's Jacobi BRUA from an average contribution near 0.432,
// and the two-player closed form.
func tourGame(w io.Writer) error {
	src := rand.NewPCG(1, 1)
	y, err := game.RandomCSR(200, 0.05, 1, src)
	if err != nil {
		return err
	}
	r := rand.New(src)
	k := make([]float64, 200)
	d0 := make([]float64, 200)
	for i := range k {
		k[i] = 0.01 + 0.39*r.Float64()
		d0[i] = 0.864 * r.Float64()
	}
	g, err := game.NewDifferentialService(y, k, 1)
	if err != nil {
		return err
	}
	res, err := game.BRUA(context.Background(), g, d0, nil)
	if err != nil {
		return err
	}
	last := len(res.AvgTrajectory) - 1
	fmt.Fprintf(w, "BRUA, 200 devices: average contribution %.4g -> %.4g in %d iterations (converged %v, NEGap %.4g)\n",
		res.AvgTrajectory[0], res.AvgTrajectory[last], res.Iterations, res.Converged, res.NEGap)
	y2, err := game.CSRFromDense([][]float64{{0, 0.9}, {0.9, 0}})
	if err != nil {
		return err
	}
	g2, err := game.NewDifferentialService(y2, []float64{0.2, 0.2}, 1)
	if err != nil {
		return err
	}
	es, err := game.TwoPlayerNash(g2)
	if err != nil {
		return err
	}
	for _, e := range es {
		fmt.Fprintf(w, "two-player NE (%.4g, %.4g), stable %v\n", e.D[0], e.D[1], e.Stable)
	}
	return nil
}

func TestTourStep(t *testing.T) {
	var buf bytes.Buffer
	if err := tourGame(&buf); err != nil {
		t.Fatal(err)
	}
	if buf.Len() == 0 {
		t.Fatal("tour printed nothing")
	}
	t.Log("\n" + buf.String())
}
