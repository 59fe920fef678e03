package overlay

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var approx = cmpopts.EquateApprox(1e-12, 1e-12)

func instE1() *Instance {
	return &Instance{Graph: Graph{N: 2, Edges: []Edge{{0, 1, 1}}}, Rates: []float64{1, 2},
		Clients: []Client{{1, []float64{3, 3.5}}}}
}

func instE2() *Instance {
	return &Instance{Graph: Graph{N: 4, Edges: []Edge{{0, 1, 1}, {1, 2, 1}, {1, 3, 1}}}, Rates: []float64{1, 2},
		Clients: []Client{{2, []float64{1, 10}}, {3, []float64{2, 2.2}}}}
}

func instE3() *Instance {
	return &Instance{Graph: Graph{N: 4, Edges: []Edge{{0, 1, 1}, {0, 2, 1}, {1, 2, 0.2}, {2, 3, 1}, {0, 3, 1.8}}},
		Rates: []float64{0.5, 1, 4},
		Clients: []Client{{1, []float64{1, 2, 6}}, {2, []float64{0.3, 3, 3}}, {3, []float64{2, 2, 2}},
			{3, []float64{0, 0.5, 9}}}}
}

func instE4() *Instance {
	return &Instance{Graph: Graph{N: 3, Edges: []Edge{{0, 1, 5}, {1, 2, 5}}}, Rates: []float64{1},
		Clients: []Client{{0, []float64{2}}, {2, []float64{9}}}}
}

func instE5() *Instance {
	return &Instance{Graph: Graph{N: 2, Edges: []Edge{{0, 1, 1}}}, Rates: []float64{1, 2, 3},
		Clients: []Client{{1, []float64{4, 1, 4.5}}}}
}

type summary struct {
	Levels           []int
	Cost, Penalty    float64
	Traffic, Utility float64
}

func sum(s *Solution) summary {
	return summary{s.Levels, s.Cost, s.Penalty, s.Traffic, s.Utility}
}

// TestWorkedExamples checks the hand-computed examples E1–E5 of the spec
// (overlay.md §5), each also confirmed against BruteForce.
func TestWorkedExamples(t *testing.T) {
	cases := []struct {
		name       string
		inst       *Instance
		want       summary
		mst, naive float64
	}{
		{"E1", instE1(), summary{[]int{1}, -2, 1.5, 1, 3}, -1.5, -1.5},
		{"E2", instE2(), summary{[]int{2, 1}, -7, 5.2, 5, 12}, -6.2, -4.2},
		{"E3", instE3(), summary{[]int{3, 2, 1, 3}, -11.2, 8.8, 8.8, 20}, -11.2, 2.4},
		{"E4", instE4(), summary{[]int{1, 0}, -2, 9, 0, 2}, math.NaN(), math.NaN()},
		{"E5", instE5(), summary{[]int{1}, -3, 1.5, 1, 4}, math.NaN(), math.NaN()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Gradient(context.Background(), c.inst, nil)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(c.want, sum(got), approx); d != "" {
				t.Errorf("Gradient (-want +got):\n%s", d)
			}
			opt, err := BruteForce(c.inst)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(c.want.Penalty, opt.Penalty, approx); d != "" {
				t.Errorf("BruteForce penalty (-want +got):\n%s", d)
			}
			if got.LowerBound > opt.Penalty*(1+1e-12) {
				t.Errorf("LowerBound %v > OPT %v", got.LowerBound, opt.Penalty)
			}
			checkCerts(t, got)
			if !math.IsNaN(c.mst) {
				m, err := MSTBaseline(c.inst)
				if err != nil {
					t.Fatal(err)
				}
				nb, err := NaiveBroadcast(c.inst)
				if err != nil {
					t.Fatal(err)
				}
				if d := cmp.Diff([]float64{c.mst, c.naive}, []float64{m.Cost, nb.Cost}, approx); d != "" {
					t.Errorf("MST, Naive cost (-want +got):\n%s", d)
				}
			}
		})
	}
}

func TestE2Details(t *testing.T) {
	got, err := Gradient(context.Background(), instE2(), nil)
	if err != nil {
		t.Fatal(err)
	}
	levels := map[[2]int]int{}
	for k, e := range got.Edges {
		levels[e] = got.EdgeLevels[k]
	}
	want := map[[2]int]int{{0, 1}: 2, {1, 2}: 2, {1, 3}: 1}
	if d := cmp.Diff(want, levels); d != "" {
		t.Errorf("edge levels (-want +got):\n%s", d)
	}
	c := got.Certificates[0]
	w := 1 - 1/math.E
	// Dual by hand (spec §5): 3(1−1/e) + 2(e−1) + 0.2.
	wantDual := 3*w + 2*(math.E-1) + 0.2
	if d := cmp.Diff([]float64{wantDual, 8.636564, 5.2, 5.2}, []float64{c.Dual, c.Charged, c.Analysed, c.DP},
		cmpopts.EquateApprox(1e-6, 0)); d != "" {
		t.Errorf("offset 0 certificate (-want +got):\n%s", d)
	}
}

func checkCerts(t *testing.T, s *Solution) {
	t.Helper()
	for k, c := range s.Certificates {
		tol := 1e-9 * math.Max(1, c.Charged)
		if !c.PCSTOK || !c.StageOK {
			t.Errorf("offset %d: PCSTOK %v StageOK %v", k, c.PCSTOK, c.StageOK)
		}
		if c.DP > c.Analysed+tol || c.Analysed > c.Charged+tol {
			t.Errorf("offset %d: C1 chain broken: DP %v Analysed %v Charged %v", k, c.DP, c.Analysed, c.Charged)
		}
		if a := math.E; c.Charged > 2*a/(a-1)*c.Dual+tol {
			t.Errorf("offset %d: Charged %v > 2a/(a-1)·Dual %v", k, c.Charged, 2*a/(a-1)*c.Dual)
		}
	}
}

func errorsIs(err, target error) bool {
	if target == nil {
		return err == nil
	}
	return errors.Is(err, target)
}
