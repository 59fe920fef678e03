package game

import (
	"context"
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

// goldenRun is the seeded reference of spec §5: RandomCSR(50, 0.1, 1, PCG(1,2)), then k_i = 0.4·U(0,1) from
// the same stream, then R1 (c = 1) BRUA with default Settings and Src = that PCG. Floats are stored with %.4g
// so that FMA differences between architectures do not matter.
type goldenRun struct {
	RowPtr      []int    `json:"rowPtr"`
	Col         []int32  `json:"col"`
	First20     []string `json:"first20"`
	K           []string `json:"k"`
	Status      string   `json:"status"`
	Iterations  int      `json:"iterations"`
	Oscillating bool     `json:"oscillating"`
	D           []string `json:"d"`
	Traj        []string `json:"avgTrajectory"`
}

func fmtAll(x []float64) []string {
	out := make([]string, len(x))
	for i, v := range x {
		out[i] = fmt.Sprintf("%.4g", v)
	}
	return out
}

func computeGolden(t *testing.T) goldenRun {
	src := rand.NewPCG(1, 2)
	y, err := RandomCSR(50, 0.1, 1, src)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(src)
	k := make([]float64, 50)
	for i := range k {
		k[i] = 0.4 * r.Float64()
	}
	g := mustR1(t, y, k, 1)
	res, err := BRUA(context.Background(), g, nil, &Settings{Src: src})
	if res == nil {
		t.Fatal(err)
	}
	return goldenRun{
		RowPtr: y.rowPtr, Col: y.col, First20: fmtAll(y.val[:20]), K: fmtAll(k),
		Status: res.Status.String(), Iterations: res.Iterations, Oscillating: res.Oscillating,
		D: fmtAll(res.D), Traj: fmtAll(res.AvgTrajectory),
	}
}

func TestGoldenBRUA(t *testing.T) {
	got := computeGolden(t)
	path := filepath.Join("testdata", "brua_r1.golden.json")
	if *update {
		b, err := json.Marshal(got)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestGoldenBRUA -update)", err)
	}
	var want goldenRun
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("golden mismatch (-want +got):\n%s", d)
	}
}
