package device

import (
	"fmt"
	"math"
)

// User is a device: its cellular capacity trace, its video (nil for a user that only relays),
// its energy factors and its utility parameters θ (value factor), δ (loss per Mbps of bitrate
// decrease) and ρ (loss per second of stall).
type User struct {
	Trace  *Trace
	Video  *Video // nil: relays only
	Energy Energy
	Theta  float64
	Delta  float64
	Rho    float64
}

// Scenario is everything a run needs: the users, their mobility (nil: no cooperation), the
// horizon H (0: the latest video end), the value of energy λ_E, the value function, whether
// degradation counts increases too (SymmetricSwitch, the paper's footnote 6), the WiFi rate
// (Mbps; 0: instantaneous WiFi, as the paper assumes) and a name. It is the single input of
// Simulate and of the lyapunov and timeslot packages. Zero fields mean zero; the generators
// NewPaperScenario, NewSingleUserScenario and DemoScenario fill the defaults. A Scenario is
// data: it is not modified by any function of the package and is safe for concurrent use.
type Scenario struct {
	Users           []User
	Mobility        *Mobility // nil: no cooperation
	Horizon         float64   // 0: max End over videos
	LambdaE         float64
	Value           ValueKind
	SymmetricSwitch bool
	WiFiRate        float64 // Mbps; 0: instantaneous WiFi
	Name            string
}

func scErr(user int, field, format string, args ...any) error {
	return &ScenarioError{User: user, Field: field, Reason: fmt.Sprintf(format, args...)}
}

func nonNeg(user int, field string, x float64) error {
	if !finite(x) || x < 0 {
		return scErr(user, field, "%g is negative or not finite", x)
	}
	return nil
}

// Validate returns a *ScenarioError (wrapping ErrInvalidScenario) naming the user and field of
// the first problem: no users; a nil or invalid trace; an invalid ladder; SegLen ≤ 0 or not
// finite; Segments < 1 or a content length over 10⁷ s; MaxBuffer < SegLen; Start < 0 or not
// finite; a negative or non-finite Theta, Delta, Rho, energy factor, LambdaE, WiFiRate or
// Horizon; an unknown Value kind; or a non-nil Mobility with fewer users than the scenario.
func (sc *Scenario) Validate() error {
	if sc == nil {
		return scErr(-1, "Scenario", "nil")
	}
	if len(sc.Users) == 0 {
		return scErr(-1, "Users", "no users")
	}
	for i := range sc.Users {
		u := &sc.Users[i]
		if u.Trace == nil {
			return scErr(i, "Trace", "nil")
		}
		if err := u.Trace.Validate(); err != nil {
			return scErr(i, "Trace", "%v", err)
		}
		if v := u.Video; v != nil {
			if err := v.Ladder.Validate(); err != nil {
				return scErr(i, "Video.Ladder", "%v", err)
			}
			switch {
			case !finite(v.SegLen) || v.SegLen <= 0:
				return scErr(i, "Video.SegLen", "%g is not positive and finite", v.SegLen)
			case v.Segments < 1:
				return scErr(i, "Video.Segments", "%d < 1", v.Segments)
			case float64(v.Segments)*v.SegLen > 1e7:
				return scErr(i, "Video.Segments", "content length %g s exceeds 1e7 s", float64(v.Segments)*v.SegLen)
			case !finite(v.MaxBuffer) || v.MaxBuffer < v.SegLen:
				return scErr(i, "Video.MaxBuffer", "%g is below SegLen %g or not finite", v.MaxBuffer, v.SegLen)
			case !finite(v.Start) || v.Start < 0:
				return scErr(i, "Video.Start", "%g is negative or not finite", v.Start)
			}
		}
		for _, f := range []struct {
			name string
			x    float64
		}{
			{"Theta", u.Theta}, {"Delta", u.Delta}, {"Rho", u.Rho},
			{"Energy.CellTime", u.Energy.CellTime}, {"Energy.CellVolume", u.Energy.CellVolume},
			{"Energy.WiFiTime", u.Energy.WiFiTime}, {"Energy.WiFiVolume", u.Energy.WiFiVolume},
			{"Energy.WiFiRxVolume", u.Energy.WiFiRxVolume},
		} {
			if err := nonNeg(i, f.name, f.x); err != nil {
				return err
			}
		}
	}
	if err := nonNeg(-1, "LambdaE", sc.LambdaE); err != nil {
		return err
	}
	if err := nonNeg(-1, "WiFiRate", sc.WiFiRate); err != nil {
		return err
	}
	if err := nonNeg(-1, "Horizon", sc.Horizon); err != nil {
		return err
	}
	if sc.Value < ValueLog1p || sc.Value > ValueLogRatio {
		return scErr(-1, "Value", "unknown value kind %d", int(sc.Value))
	}
	if sc.Mobility != nil && sc.Mobility.Users() < len(sc.Users) {
		return scErr(-1, "Mobility", "%d users for a scenario of %d", sc.Mobility.Users(), len(sc.Users))
	}
	return nil
}

// HorizonOrDefault returns H: Horizon when positive, otherwise the latest video end max_j E_j
// (0 without videos).
func (sc *Scenario) HorizonOrDefault() float64 {
	if sc.Horizon > 0 {
		return sc.Horizon
	}
	h := 0.0
	for i := range sc.Users {
		if v := sc.Users[i].Video; v != nil {
			h = math.Max(h, v.End())
		}
	}
	return h
}

// VideoUsers returns the indices of the users with a video, ascending.
func (sc *Scenario) VideoUsers() []int {
	var out []int
	for i := range sc.Users {
		if sc.Users[i].Video != nil {
			out = append(out, i)
		}
	}
	return out
}

// WithMobility returns a shallow copy of sc with mobility m (same users, traces and offsets),
// used to compare cooperation modes.
func (sc *Scenario) WithMobility(m *Mobility) *Scenario {
	c := *sc
	c.Mobility = m
	return &c
}

// Window returns user j's viewing window W_j = [S_j, min(E_j, H)); (0, 0) for a user without
// a video.
//
// Reconstruction: the fixed viewing window (instead of "stall until the video completes")
// keeps the bound LP of timeslot convex.
func (sc *Scenario) Window(j int) (start, end float64) {
	v := sc.Users[j].Video
	if v == nil {
		return 0, 0
	}
	end = math.Min(v.End(), sc.HorizonOrDefault())
	return v.Start, math.Max(end, v.Start)
}

// SegmentValue returns v_j(r^q)·L_j, the value of one segment of user j's video at level q
// (0 for a user without a video).
func (sc *Scenario) SegmentValue(j, q int) float64 {
	u := &sc.Users[j]
	if u.Video == nil {
		return 0
	}
	l := u.Video.Ladder
	return sc.Value.Eval(u.Theta, l[q], l[0]) * u.Video.SegLen
}

// FlowEnergy returns the energy of user i downloading mbit Mbit of user j's video over its
// cellular link in seconds s (§2.6 of the spec):
//
//	cell = α_i^t·s + α_i^v·m,
//	wifi = 1{i≠j}·(β_i^t·τ^W + β_i^v·m),  τ^W = m/WiFiRate (0 when WiFiRate = 0),
//	rx   = 1{i≠j}·β_j^rx·m (charged to j).
//
// Reconstruction: the receiver term is implied by the paper's (26); β^rx = 0 by default.
func (sc *Scenario) FlowEnergy(i, j int, mbit, seconds float64) (cell, wifi, rx float64) {
	ei := sc.Users[i].Energy
	cell = ei.CellTime*seconds + ei.CellVolume*mbit
	if i != j {
		tw := 0.0
		if sc.WiFiRate > 0 {
			tw = mbit / sc.WiFiRate
		}
		wifi = ei.WiFiTime*tw + ei.WiFiVolume*mbit
		rx = sc.Users[j].Energy.WiFiRxVolume * mbit
	}
	return cell, wifi, rx
}

// ContentCost returns the energy cost, in value units per content second, of user i
// downloading user j's video at level q with cellular capacity cmax (Mbps):
//
//	λ_E·[α_i^t·r/cmax + α_i^v·r + 1{i≠j}·(β_i^t·r/WiFiRate·[WiFiRate>0] + β_i^v·r + β_j^rx·r)],
//
// r = r_j^q; cmax is guarded by max(cmax, 10⁻¹²). It is 0 for a user j without a video.
func (sc *Scenario) ContentCost(i, j, q int, cmax float64) float64 {
	v := sc.Users[j].Video
	if v == nil {
		return 0
	}
	r := v.Ladder[q]
	ei := sc.Users[i].Energy
	c := ei.CellTime*r/math.Max(cmax, 1e-12) + ei.CellVolume*r
	if i != j {
		if sc.WiFiRate > 0 {
			c += ei.WiFiTime * r / sc.WiFiRate
		}
		c += ei.WiFiVolume*r + sc.Users[j].Energy.WiFiRxVolume*r
	}
	return sc.LambdaE * c
}
