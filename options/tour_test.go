package options_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/cdnkit/cdnkit/options"
)

// tourOptions prices one bandwidth stock option (an at-the-money put on
// 0.035 $/GB, 28 days, σ = 1 %, r = 5 %) with every method.
func tourOptions(w io.Writer) error {
	p := options.Params{Spot: 0.035, Strike: 0.035, T: 28.0 / 365, Rate: 0.05, Vol: 0.01}
	fmt.Fprintf(w, "options: put S = K = %.4g $/GB, %.0f days, r = %.4g, σ = %.4g\n", p.Spot, p.T*365, p.Rate, p.Vol)
	for _, m := range []options.Method{options.MethodEuropean, options.MethodBAW, options.MethodBjS1993,
		options.MethodBjS2002, options.MethodJuZhong, options.MethodBinomial} {
		v, err := options.American(m, options.Put, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  %-8s %.4g $/GB\n", m, v)
	}
	call, err := options.BjerksundStensland2002(options.Call, p)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  American call = European call (no dividend, never exercised early): %.4g $/GB\n", call)
	return nil
}

func TestTourStep(t *testing.T) {
	var buf bytes.Buffer
	if err := tourOptions(&buf); err != nil {
		t.Fatal(err)
	}
	if buf.Len() == 0 {
		t.Fatal("tour step printed nothing")
	}
	t.Log("\n" + buf.String())
}
