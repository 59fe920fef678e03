package options_test

import (
	"context"
	"fmt"

	"github.com/cdnkit/cdnkit/options"
)

func ExampleEuropean() {
	// Haug (1998) p. 2: call S = 60, K = 65, T = 0.25, r = 8 %, σ = 30 %.
	p := options.Params{Spot: 60, Strike: 65, T: 0.25, Rate: 0.08, Vol: 0.30}
	v, err := options.European(options.Call, p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.4g\n", v)
	// Output:
	// 2.133
}

func ExampleAmerican() {
	// Haug (1998) p. 24: put S = 90, K = 100, T = 0.5, r = q = 10 %, σ = 25 %.
	p := options.Params{Spot: 90, Strike: 100, T: 0.5, Rate: 0.10, Dividend: 0.10, Vol: 0.25}
	for _, m := range []options.Method{options.MethodEuropean, options.MethodBAW, options.MethodBjS1993,
		options.MethodBjS2002, options.MethodJuZhong, options.MethodBinomial} {
		v, err := options.American(m, options.Put, p)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-8s %.4g\n", m, v)
	}
	// Output:
	// european 12.21
	// baw      12.44
	// bjs1993  12.4
	// bjs2002  12.4
	// ju       12.41
	// binomial 12.43
}

func ExampleImpliedVol() {
	p := options.Params{Spot: 100, Strike: 105, T: 0.5, Rate: 0.05, Dividend: 0.02}
	p.Vol = 0.3
	price, err := options.European(options.Call, p)
	if err != nil {
		fmt.Println(err)
		return
	}
	sig, err := options.ImpliedVol(options.Call, p, price)
	fmt.Printf("price %.4g  implied σ %.4g  err %v\n", price, sig, err)

	// A bandwidth stock option deep in the money: σ does not matter.
	so := options.Params{Spot: 0.035, Strike: 0.02, T: 14.0 / 365, Rate: 0.05, Vol: 0.01}
	price, _ = options.European(options.Call, so)
	_, err = options.ImpliedVol(options.Call, so, price)
	fmt.Println(err)
	// Output:
	// price 6.913  implied σ 0.3  err <nil>
	// options: implied volatility not identifiable
}

func ExamplePriceBatch() {
	// Stock options on bandwidth: K = 0.035 $/GB, 7–28 days, σ = 1 %, r = 5 %.
	var opts []options.Option
	for _, days := range []float64{7, 14, 21, 28} {
		opts = append(opts, options.Option{Kind: options.Put,
			Params: options.Params{Spot: 0.035, Strike: 0.035, T: days / 365, Rate: 0.05, Vol: 0.01}})
	}
	dst, err := options.PriceBatch(context.Background(), nil, options.MethodBjS2002, opts, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, v := range dst {
		fmt.Printf("%.0f days: %.4g $/GB\n", opts[i].Params.T*365, v)
	}
	// Output:
	// 7 days: 1.011e-05 $/GB
	// 14 days: 1.149e-05 $/GB
	// 21 days: 1.204e-05 $/GB
	// 28 days: 1.225e-05 $/GB
}
