package main

import (
	"fmt"
	"github.com/cdnkit/cdnkit/kre"
	"io"
)

func init() { step("kre", tourKre) }

// tourKre is the kre step of examples/tour: the default Load Prediction

// Mechanism forecasts the week after 14 July 1995 from the NASA-HTTP daily

// requests of 1–14 July (embedded; shared/data/web/nasa_daily.csv).

func tourKre(w io.Writer) error {
	history := []float64{ // 1–14 July 1995; 13 July is the STS-70 launch
		64714, 60265, 89584, 70452, 94575, 100960, 87233,
		38867, 35272, 72860, 80407, 92536, 134203, 84103,
	}
	actual := []float64{45532, 47854, 74981, 64282, 72738, 66593, 64629} // 15–21 July
	// The zero value is the default LPM: NW, CV bandwidth in [0.8, 5.1], all stages on.
	var p kre.Predictor
	ex, err := p.Explain(history, 7)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "kre: LPM forecast after 14 July 1995, h = %.4g days, THLDM excluded", ex.Bandwidth)
	for _, i := range ex.Excluded {
		fmt.Fprintf(w, " %d July", i+1)
	}
	fmt.Fprintf(w, ", DEDM efficiency %.4g\n", ex.Efficiency)
	for t, q := range ex.Forecast {
		fmt.Fprintf(w, "  %d July: Q = %6.0f  actual %6.0f\n", 15+t, q, actual[t])
	}
	x := []float64{1, 2, 3, 4, 5, 6, 7}
	window := history[7:]
	hcv, err := kre.CVBandwidth(x, window, 0.8, 5.1, false)
	if err != nil {
		return err
	}
	haic, err := kre.AICcBandwidth(x, window, 0.8, 5.1)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  8–14 July window: CV bandwidth %.4g, AICc bandwidth %.4g days\n", hcv, haic)
	return nil
}
