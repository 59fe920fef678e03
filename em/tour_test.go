package em_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/cdnkit/cdnkit/em"
)

// tourEM is the em step of examples/tour: the fetch table of vector E1 →
// CountRows → FitBinomialMixture from θ0 = (1/3, 2/3) → Price with the
// options {0.8, 0.3} (ExpectedPrice).
func tourEM(w io.Writer) error {
	table := [][]int8{{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {1, 1, 1}}
	s, trials, err := em.CountRows(table)
	if err != nil {
		return err
	}
	m, err := em.FitBinomialMixture(context.Background(), s, trials, []float64{1.0 / 3, 2.0 / 3}, nil)
	if err != nil {
		return err
	}
	p := em.Price(m, []float64{0.8, 0.3}, em.ExpectedPrice)
	fmt.Fprintf(w, "em: theta = (%.4g, %.4g) after %d iterations\n", m.Theta[0], m.Theta[1], m.Iterations)
	fmt.Fprintf(w, "em: weights = (%.4g, %.4g)\n", m.Weights[0], m.Weights[1])
	fmt.Fprintf(w, "em: prices = (%.4g, %.4g, %.4g, %.4g)\n", p[0], p[1], p[2], p[3])
	return nil
}

func TestTourStep(t *testing.T) {
	var b bytes.Buffer
	if err := tourEM(&b); err != nil {
		t.Fatal(err)
	}
	if b.Len() == 0 {
		t.Fatal("tour step printed nothing")
	}
	want := "em: prices = (0.7906, 0.6943, 0.4057, 0.3094)\n"
	if !bytes.Contains(b.Bytes(), []byte(want)) {
		t.Errorf("tour output %q lacks %q", b.String(), want)
	}
	t.Log("\n" + b.String())
}
