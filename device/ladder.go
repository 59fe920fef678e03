package device

import (
	"fmt"
	"sort"
)

// Ladder is a bitrate ladder: a strictly increasing list of positive finite bitrates in Mbps,
// level 0 first (the paper counts levels 1..Q).
type Ladder []float64

// DefaultLadder returns {0.35, 0.7, 1.2, 2.5, 4.0} Mbps.
//
// Reconstruction: the paper uses five BesTV mobile levels whose values are lost; these are
// typical mobile levels.
func DefaultLadder() Ladder { return Ladder{0.35, 0.7, 1.2, 2.5, 4.0} }

// DemoLadder returns {0.5, 1.0, 2.2, 5.0} Mbps, the ladder of the paper's Raspberry Pi demo
// (appendix A.1).
func DemoLadder() Ladder { return Ladder{0.5, 1.0, 2.2, 5.0} }

// PensieveLadder returns {0.3, 0.75, 1.2, 1.85, 2.85, 4.3} Mbps, the ladder of Mao et al. (2017),
// hongzimao/pensieve test/mpc.py.
func PensieveLadder() Ladder { return Ladder{0.3, 0.75, 1.2, 1.85, 2.85, 4.3} }

// Validate returns an error wrapping ErrBadLadder unless l is non-empty, strictly increasing,
// positive and finite.
func (l Ladder) Validate() error {
	if len(l) == 0 {
		return fmt.Errorf("%w: empty", ErrBadLadder)
	}
	for q, r := range l {
		if !finite(r) || r <= 0 {
			return fmt.Errorf("%w: level %d: bitrate %g is not positive and finite", ErrBadLadder, q, r)
		}
		if q > 0 && r <= l[q-1] {
			return fmt.Errorf("%w: level %d: bitrate %g not above level %d (%g)", ErrBadLadder, q, r, q-1, l[q-1])
		}
	}
	return nil
}

// Highest returns the highest level whose bitrate does not exceed r, max{q : l[q] ≤ r}, and 0
// when r is below l[0] (or NaN). It takes O(log Q).
func (l Ladder) Highest(r float64) int {
	// Number of levels with bitrate ≤ r.
	n := sort.Search(len(l), func(q int) bool { return l[q] > r })
	if n == 0 {
		return 0
	}
	return n - 1
}

// Video is a video user's stream: it is watched during the fixed viewing window
// [Start, min(End(), H)) of the scenario horizon H, split into Segments segments of SegLen
// seconds, with a buffer of at most MaxBuffer seconds of content.
type Video struct {
	Start     float64 // S_j, window start (s)
	SegLen    float64 // L_j, segment length (s)
	Segments  int     // K_j, number of segments
	MaxBuffer float64 // B_j, buffer cap (s)
	Ladder    Ladder  // bitrates r_j^q (Mbps)
}

// End returns E_j = Start + Segments·SegLen.
func (v *Video) End() float64 { return v.Start + v.Length() }

// Length returns the content length D_j = Segments·SegLen in seconds.
func (v *Video) Length() float64 { return float64(v.Segments) * v.SegLen }
