package kre_test

import (
	"fmt"
	"strings"

	"github.com/cdnkit/cdnkit/kre"
)

// NASA-HTTP requests per day, 8–14 July 1995 (shared/data/web/nasa_daily.csv).
var k1 = []float64{38867, 35272, 72860, 80407, 92536, 134203, 84103}

func ExampleNadarayaWatson() {
	x := []float64{1, 2, 3, 4, 5, 6, 7}
	g, err := kre.NadarayaWatson(x, k1, 2, 8) // forecast for 15 July, h = 2 days
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("NW(8) = %.4g\n", g)
	// Output: NW(8) = 9.98e+04
}

func ExampleCVBandwidth() {
	x := []float64{1, 2, 3, 4, 5, 6, 7}
	h, err := kre.CVBandwidth(x, k1, 0.5, 5.1, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	cv, err := kre.CV(x, k1, h, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("h = %.4g days, CV = %.4g\n", h, cv)
	// Output: h = 1.413 days, CV = 6.312e+08
}

func ExamplePredictor_Forecast() {
	// NASA-HTTP requests per day, 1–14 July 1995; 13 July (index 12) is the
	// STS-70 launch.
	history := []float64{
		64714, 60265, 89584, 70452, 94575, 100960, 87233,
		38867, 35272, 72860, 80407, 92536, 134203, 84103,
	}
	var p kre.Predictor // the zero value is the default LPM
	ex, err := p.Explain(history, 7)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("Q:", ex.Forecast)
	fmt.Println("excluded:", ex.Excluded)
	// Output:
	// Q: [62959 62948 62947 62947 62947 62947 62947]
	// excluded: [12]
}

func ExampleReadCLF() {
	log := `in24.inetnebr.com - - [01/Aug/1995:00:00:01 -0400] "GET /shuttle/missions/sts-68/news/sts-68-mcc-05.txt HTTP/1.0" 200 1839
uplherc.upl.com - - [01/Aug/1995:00:00:07 -0400] "GET / HTTP/1.0" 304 0
this line is not a log line
`
	c, err := kre.ReadCLF(strings.NewReader(log), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Start.Format("2006-01-02"), c.Requests, c.Bytes)
	fmt.Println("parsed", c.Parsed, "malformed", c.Malformed, "at line", c.MalformedLines)
	// Output:
	// 1995-08-01 [2] [1839]
	// parsed 2 malformed 1 at line [3]
}

func ExampleNewBinnedNW() {
	x := make([]float64, 1000)
	y := make([]float64, 1000)
	for i := range x {
		x[i] = float64(i) / 10
		y[i] = 2 * x[i]
	}
	b, err := kre.NewBinnedNW(x, y, 1, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	v, bound := b.At(50.05)
	fmt.Printf("%.4g (error bound %.1e)\n", v, bound)
	// Output: 100.1 (error bound 1.2e-03)
}
