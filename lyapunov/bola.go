package lyapunov

import (
	"fmt"
	"math"

	"github.com/cdnkit/cdnkit/device"
)

// BOLA is BOLA-BASIC, the Lyapunov buffer-based bitrate adaptation of Spiteri,
// Urgaonkar and Sitaraman, as a device.Policy: an extra single-user baseline.
// For owner o (the deciding user unless Owner is set) with ladder
// r_0 < … < r_{Q−1}, segment length L_o, buffer cap B_o and effective buffer
// b̃_o = b_o + κ_o (s):
//
//	υ_q     = ln(r_q / r_0)                            (utility, υ_0 = 0)
//	B_t     = Target if 0 < Target ≤ B_o, else B_o     (buffer target, s)
//	V_D     = max(0, (B_t − L_o) / (υ_{Q−1} + γp))     (s)
//	score_q = (V_D·(υ_q + γp) − b̃_o) / r_q
//
// q* = argmax score_q (ties to the lower level). When every score is negative
// (b̃_o > V_D·(υ_{Q−1} + γp)) it waits max(b̃_o − V_D·(υ_{Q−1} + γp), 0.01) s.
// No owner, or an owner that is not admissible, waits device.DefaultWait.
// The level q* is non-decreasing in b̃_o. Decide takes O(Q) and does not
// allocate.
//
// Not implemented: BOLA-O's oscillation guard, the placeholder buffer,
// abandonment and the insufficient-buffer rule (dash.js BolaRule.js, sabre's
// BolaEnh), and BOLA-FINITE's dynamic V_D near the start and end of the video.
//
// The zero value is usable (γp = 5, sabre's default; Target = the owner's
// buffer cap; MinWait 0.5 s; Self only). BOLA keeps no per-run state; it caches
// the utilities of the last ladder it saw, so it is not safe for concurrent
// use (device.SimulateMany needs a factory).
//
// Reference: K. Spiteri, R. Urgaonkar, R. K. Sitaraman, "BOLA: Near-Optimal
// Bitrate Adaptation for Online Videos", IEEE INFOCOM 2016,
// doi:10.1109/INFOCOM.2016.7524428, arXiv:1601.06748; BOLA-BASIC as in
// UMass-LIDS/sabre (src/sabre.py, class Bola), with the buffer in seconds.
type BOLA struct {
	GammaP  float64           // γp; 0: 5
	Target  float64           // buffer target B_t (s); 0: the owner's MaxBuffer
	MinWait float64           // s; 0: 0.5
	Owner   *device.OwnerRule // nil: Self only

	lad, ups []float64 // utilities υ_q of the last ladder seen
}

// Validate returns an error wrapping ErrBadSettings when a field is NaN,
// infinite or negative.
func (p *BOLA) Validate() error {
	for _, f := range []struct {
		name string
		x    float64
	}{{"GammaP", p.GammaP}, {"Target", p.Target}, {"MinWait", p.MinWait}} {
		if math.IsNaN(f.x) || math.IsInf(f.x, 0) || f.x < 0 {
			return fmt.Errorf("%w: BOLA.%s = %v, want finite and ≥ 0", ErrBadSettings, f.name, f.x)
		}
	}
	return nil
}

func badBOLA(x float64) bool { return !(x >= 0 && x <= math.MaxFloat64) }

// VD returns BOLA's V_D (s) for ladder l, segment length segLen and buffer cap
// maxBuffer (s).
func (p *BOLA) VD(l device.Ladder, segLen, maxBuffer float64) float64 {
	gp := p.GammaP
	if gp == 0 {
		gp = 5
	}
	bt := maxBuffer
	if p.Target > 0 && p.Target <= maxBuffer {
		bt = p.Target
	}
	return math.Max(0, (bt-segLen)/(math.Log(l[len(l)-1]/l[0])+gp))
}

// Decide implements device.Policy. It panics with "lyapunov: invalid BOLA
// parameters" when Validate fails, and on a nil View or View.Scenario.
func (p *BOLA) Decide(v *device.View) device.Decision {
	if badBOLA(p.GammaP) || badBOLA(p.Target) || badBOLA(p.MinWait) {
		panic("lyapunov: invalid BOLA parameters")
	}
	if v == nil {
		panic("lyapunov: nil view")
	}
	if v.Scenario == nil {
		panic("lyapunov: nil scenario")
	}
	minWait := p.MinWait
	if minWait == 0 {
		minWait = defaultMinWait
	}
	var m *device.Member
	if p.Owner == nil {
		if len(v.Members) > 0 {
			m = &v.Members[0]
		}
	} else if o, ok := p.Owner.Choose(v); ok {
		m = v.Member(o)
	}
	if m == nil || !m.Admissible || m.ID < 0 || m.ID >= len(v.Scenario.Users) ||
		v.Scenario.Users[m.ID].Video == nil || len(v.Scenario.Users[m.ID].Video.Ladder) == 0 {
		return device.Wait(safeDefaultWait(v, minWait))
	}
	vid := v.Scenario.Users[m.ID].Video
	l := vid.Ladder
	gp := p.GammaP
	if gp == 0 {
		gp = 5
	}
	b := m.Buffer + m.Committed
	if !(b >= 0) || math.IsInf(b, 0) {
		return device.Wait(minWait)
	}
	// υ_q, cached for the last ladder seen.
	if !sameLadder(l, p.lad) {
		p.lad = l
		p.ups = p.ups[:0]
		for _, r := range l {
			p.ups = append(p.ups, math.Log(r/l[0]))
		}
	}
	ups := p.ups
	bt := vid.MaxBuffer
	if p.Target > 0 && p.Target <= bt {
		bt = p.Target
	}
	top := ups[len(l)-1] + gp
	vd := math.Max(0, (bt-vid.SegLen)/top)
	bestQ, best := 0, math.Inf(-1)
	for q, r := range l {
		s := (vd*(ups[q]+gp) - b) / r
		if s > best {
			bestQ, best = q, s
		}
	}
	if best < 0 {
		return device.Wait(math.Max(b-vd*top, 0.01))
	}
	return device.Download(m.ID, bestQ)
}
