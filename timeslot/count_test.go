package timeslot

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cdnkit/cdnkit/device"
)

func paperConstant(t testing.TB, coop device.Cooperation) *device.Scenario {
	t.Helper()
	pool := []*device.Trace{device.ConstantTrace(1.5, 600), device.ConstantTrace(3, 600)}
	sc, err := device.NewPaperScenario(device.PaperConfig{Traces: pool, Coop: coop}, rand.NewPCG(1, 2))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// Vector 3 of spec timeslot.md §5: sizes of the paper-scale LP (N = 50, V = 25, Q = 5, T = 500).
func TestCountPaperScale(t *testing.T) {
	full := paperConstant(t, device.CoopFull)
	for _, tc := range []struct {
		name          string
		sc            *device.Scenario
		form          Form
		cols, rows, n int
	}{
		{"flow", full, FormFlow, 3_150_000, 37_525, 9_412_475},
		{"hub", full, FormHub, 175_000, 38_025, 462_475},
		{"auto", full, FormAuto, 175_000, 38_025, 462_475},
		{"none", paperConstant(t, device.CoopNone), FormAuto, 25 * 3_500, 25 * 1_001, 25 * 8_999},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if testing.Short() && tc.form == FormFlow {
				t.Skip("3.15 M-column count: skipped with -short")
			}
			c, r, n, err := Count(tc.sc, &Settings{Form: tc.form})
			if err != nil {
				t.Fatal(err)
			}
			if c != tc.cols || r != tc.rows || n != tc.n {
				t.Fatalf("Count = %d / %d / %d, want %d / %d / %d", c, r, n, tc.cols, tc.rows, tc.n)
			}
		})
	}
}

func TestCountNoneComponents(t *testing.T) {
	sc := paperConstant(t, device.CoopNone)
	sd, _, err := prepare(sc, nil)
	if err != nil {
		t.Fatal(err)
	}
	comps := sd.components()
	if len(comps) != 25 {
		t.Fatalf("%d components, want 25", len(comps))
	}
	for _, c := range comps {
		if len(c) != 1 || sc.Users[c[0]].Video == nil {
			t.Fatalf("component %v is not one video user", c)
		}
		b := &builder{sd: sd, users: c, count: true}
		b.run()
		if b.cols != 3500 || b.rows != 1001 || b.nnz != 8999 {
			t.Fatalf("component %v: %d/%d/%d, want 3500/1001/8999", c, b.cols, b.rows, b.nnz)
		}
	}
}

// Vector 4 of spec timeslot.md §5: ContentCost(i, j, q, ĉ) = r_j^q (π_it + λ_E β_j^rx) for i ≠ j, with the
// sender price π of the hub form, on DemoScenario (and with β^rx > 0 and a WiFi rate, to exercise every term).
func TestContentCostSplit(t *testing.T) {
	base := device.DemoScenario()
	alt := *base
	alt.Users = append([]device.User(nil), base.Users...)
	alt.WiFiRate = 20
	for k := range alt.Users {
		alt.Users[k].Energy.WiFiRxVolume = 0.3 * float64(k+1)
		alt.Users[k].Energy.WiFiTime = 0.1
	}
	for _, sc := range []*device.Scenario{base, &alt} {
		sd, _, err := prepare(sc, &Settings{Form: FormHub})
		if err != nil {
			t.Fatal(err)
		}
		for i := range sc.Users {
			for j := range sc.Users {
				if i == j {
					continue
				}
				for tt := 0; tt < sd.T; tt += 7 {
					if sd.cmax[i][tt] == 0 {
						continue
					}
					for q, r := range sc.Users[j].Video.Ladder {
						got := sc.ContentCost(i, j, q, sd.cmax[i][tt])
						want := r * (sd.pi[i][tt] + sc.LambdaE*sc.Users[j].Energy.WiFiRxVolume)
						if math.Abs(got-want) > 1e-15*math.Abs(want) {
							t.Fatalf("ContentCost(%d,%d,%d) = %.17g, split %.17g", i, j, q, got, want)
						}
					}
				}
			}
		}
	}
}
