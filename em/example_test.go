package em_test

import (
	"context"
	"fmt"

	"github.com/cdnkit/cdnkit/em"
)

// ExampleFitBinomialMixture fits the spec's vector E1: four rows of three
// trials with 0, 1, 2 and 3 successes, from θ0 = (1/3, 2/3). The limit is
// θ = 1/2 ∓ √3/6, π = (1/2, 1/2), ℓ = −8 ln 2.
func ExampleFitBinomialMixture() {
	m, err := em.FitBinomialMixture(context.Background(),
		[]int{0, 1, 2, 3}, []int{3, 3, 3, 3}, []float64{1.0 / 3, 2.0 / 3}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("theta = (%.4g, %.4g)\n", m.Theta[0], m.Theta[1])
	fmt.Printf("weights = (%.4g, %.4g)\n", m.Weights[0], m.Weights[1])
	fmt.Printf("loglik = %.4g, converged = %v, iterations < 60: %v\n", m.LogLik, m.Converged, m.Iterations < 60)
	// Output:
	// theta = (0.2113, 0.7887)
	// weights = (0.5, 0.5)
	// loglik = -5.545, converged = true, iterations < 60: true
}

// ExamplePrice prices the rows of E1 with the options {0.3, 0.8}: the row
// that shares least gets the price nearest 0.8.
func ExamplePrice() {
	x := [][]int8{{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {1, 1, 1}}
	s, trials, err := em.CountRows(x)
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := em.FitBinomialMixture(context.Background(), s, trials, []float64{1.0 / 3, 2.0 / 3}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, rule := range []em.PriceRule{em.ExpectedPrice, em.MAPPrice} {
		p := em.Price(m, []float64{0.3, 0.8}, rule)
		fmt.Printf("%-8s %.4g %.4g %.4g %.4g\n", rule, p[0], p[1], p[2], p[3])
	}
	// Output:
	// expected 0.7906 0.6943 0.4057 0.3094
	// map      0.8 0.8 0.3 0.3
}
