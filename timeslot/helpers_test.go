package timeslot

import (
	"flag"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"pgregory.net/rapid"

	"github.com/cdnkit/cdnkit/device"
)

// oneUser returns the closed-form scenario of spec timeslot.md §5: one user, constant capacity c (Mbps), a
// one-level ladder {r}, θ = 1, ρ = 4.3, DefaultEnergy, λ_E = 0.02, L = 2, K = 5, B = 40, window [0, 10).
func oneUser(t testing.TB, c, r float64) *device.Scenario {
	t.Helper()
	sc, err := device.NewSingleUserScenario(device.ConstantTrace(c, 100), 0, device.SingleConfig{
		Ladder: device.Ladder{r}, Segments: 5, SegLen: 2, MaxBuffer: 40, Theta: 1, LambdaE: 0.02})
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// setChecks sets rapid's check count to n for the calling test (unless it was set on the command line).
func setChecks(t *testing.T, n int) {
	t.Helper()
	f := flag.Lookup("rapid.checks")
	if f == nil {
		return
	}
	old := f.Value.String()
	if old != f.DefValue {
		return
	}
	if testing.Short() {
		n *= 5 // rapid divides the check count by 5 under -short
	}
	if err := f.Value.Set(strconv.Itoa(n)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := f.Value.Set(old); err != nil {
			t.Error(err)
		}
	})
}

// genScenario draws a small scenario as in spec timeslot.md §5 (Properties): NewPaperScenario with N ≤ 6,
// Segments ≤ 30, SyntheticPool traces, the four PaperConfig modes plus CoopTrace through WithMobility with
// random stays, random StartSpread, and a WiFi rate of 0 or 20 Mbps. It also returns a slot Δ ∈ {0.5, 1, 2}.
func genScenario(rt *rapid.T) (*device.Scenario, float64) {
	n := rapid.IntRange(1, 6).Draw(rt, "users")
	segs := rapid.IntRange(2, 30).Draw(rt, "segments")
	mode := rapid.IntRange(0, 4).Draw(rt, "coop")
	seed := rapid.Uint64().Draw(rt, "seed")
	share := rapid.Float64Range(0.2, 1).Draw(rt, "share")
	spread := rapid.Float64Range(0, 20).Draw(rt, "spread")
	slot := rapid.SampledFrom([]float64{0.5, 1, 2}).Draw(rt, "slot")
	coop := device.Cooperation(mode)
	if coop == device.CoopTrace {
		coop = device.CoopNone
	}
	sc, err := device.NewPaperScenario(device.PaperConfig{Users: n, Segments: segs, VideoShare: share,
		Traces: device.SyntheticPool(8, rand.NewPCG(seed, 7)), Coop: coop, StartSpread: spread},
		rand.NewPCG(seed, 8))
	if err != nil {
		rt.Fatal(err)
	}
	if device.Cooperation(mode) == device.CoopTrace {
		h := math.Max(sc.HorizonOrDefault(), 10)
		stays := make([][]device.Stay, n)
		for i := range stays {
			t := 0.0
			for k := rapid.IntRange(0, 4).Draw(rt, "stays"); k > 0; k-- {
				a := t + rapid.Float64Range(0, h/3).Draw(rt, "gap")
				b := a + rapid.Float64Range(0.5, h/2).Draw(rt, "len")
				if rapid.Bool().Draw(rt, "aligned") {
					a, b = math.Floor(a), math.Ceil(b)
				}
				if a < t || b <= a {
					break
				}
				stays[i] = append(stays[i], device.Stay{Hotspot: rapid.IntRange(1, 2).Draw(rt, "hotspot"), Start: a, End: b})
				t = b
			}
		}
		m, err := device.NewMobility(stays)
		if err != nil {
			rt.Fatal(err)
		}
		sc = sc.WithMobility(m)
	}
	if rapid.Bool().Draw(rt, "wifi") {
		cp := *sc
		cp.WiFiRate = 20
		sc = &cp
	}
	return sc, slot
}
