package em

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// goldenFit is the stored summary of the seeded golden fit, formatted %.6g.
type goldenFit struct {
	Run       int      `json:"run"`
	RunLogLik []string `json:"run_loglik"`
	Theta     []string `json:"theta"`
	Weights   []string `json:"weights"`
}

func fmt6(v []float64) []string {
	out := make([]string, len(v))
	for i, x := range v {
		out[i] = fmt.Sprintf("%.6g", x)
	}
	return out
}

// TestGoldenFit fits a data set generated with rand.NewPCG(3, 4) (n = 200,
// m = 12; true θ = (0.2, 0.5, 0.8), π uniform, drawn by genData) from random
// starts: K = 3, NInit = 4, Src = rand.NewPCG(1, 2). Regenerate with -update.
func TestGoldenFit(t *testing.T) {
	s, m := genData(rand.New(rand.NewPCG(3, 4)), 200, 12, []float64{0.2, 0.5, 0.8}, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3})
	fit, err := FitBinomialMixture(ctx, s, m, nil, &Settings{K: 3, NInit: 4, Src: rand.NewPCG(1, 2)})
	if err != nil {
		t.Fatal(err)
	}
	got := goldenFit{Run: fit.Run, RunLogLik: fmt6(fit.RunLogLik), Theta: fmt6(fit.Theta), Weights: fmt6(fit.Weights)}
	path := filepath.Join("testdata", "fit.golden.json")
	if *update {
		b, err := json.MarshalIndent(got, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	var want goldenFit
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("golden fit mismatch (-want +got):\n%s", d)
	}
}
