package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdnkit/cdnkit/internal/testdata"
)

func quickOptions() options {
	return options{seed: 1, days: 91, scenarios: "1-12", price: "mid", forecaster: "lpm"}
}

func TestRunSynthetic(t *testing.T) {
	o := quickOptions()
	o.synthetic = true
	o.csv = t.TempDir()
	var buf bytes.Buffer
	if err := run(&buf, o); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"SYNTHETIC", "not the paper's private Apache logs", "Table 5", "Table 17", "Shape check", "identities verified"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if !strings.HasPrefix(out, "demand is SYNTHETIC") {
		t.Errorf("first line does not say the demand is synthetic: %q", strings.SplitN(out, "\n", 2)[0])
	}
	files, err := filepath.Glob(filepath.Join(o.csv, "*.csv"))
	if err != nil || len(files) != 14 {
		t.Errorf("%d CSV files (%v)", len(files), err)
	}
}

func TestRunWebTraces(t *testing.T) {
	dir := testdata.Require(t, "web")
	o := quickOptions()
	o.data = dir
	o.scenarios = "1,5,9-10"
	o.forecaster = "bare"
	o.price = "low"
	if !testing.Short() {
		o.plot = filepath.Join(t.TempDir(), "so.svg")
	}
	var buf bytes.Buffer
	if err := run(&buf, o); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, "SYNTHETIC") || !strings.HasPrefix(out, "Demand is derived from public web traces") {
		t.Errorf("web run reports synthetic demand:\n%s", out[:200])
	}
	if !strings.Contains(out, "(9,10)") || strings.Contains(out, "(2,6)") {
		t.Error("pair tables do not follow -scenarios")
	}
	if o.plot != "" {
		if fi, err := os.Stat(o.plot); err != nil || fi.Size() < 1000 {
			t.Errorf("plot: %v", err)
		}
	}
}

func TestBadFlags(t *testing.T) {
	for _, mod := range []func(*options){
		func(o *options) { o.scenarios = "0-3" },
		func(o *options) { o.scenarios = "x" },
		func(o *options) { o.scenarios = "" },
		func(o *options) { o.price = "avg" },
		func(o *options) { o.forecaster = "arima" },
		func(o *options) { o.days = 3 },
	} {
		o := quickOptions()
		o.synthetic = true
		mod(&o)
		var buf bytes.Buffer
		if err := run(&buf, o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}

func TestParseScenarios(t *testing.T) {
	ids, err := parseScenarios("9-10, 1,5,1")
	if err != nil || len(ids) != 4 || ids[0] != 1 || ids[3] != 10 {
		t.Errorf("%v %v", ids, err)
	}
}
