package device

import "math"

// OwnerRule is the owner-selection rule of both baselines (the paper's footnote 12): whom an
// idle user i downloads for. With effective buffers b̃_k = b_k + κ_k, A the admissible members
// and m = argmin_{k∈A} b̃_k (ties: i first, then the lowest id), and b̃_i = +Inf when i is not
// an active video user with unrequested segments, the owner is
//
//	m  if m ≠ i, b̃_i ≥ Eta·B_i and b̃_i − b̃_m ≥ Gap (s);
//	i  otherwise, if i ∈ A;
//	m  otherwise (i cannot use its link for itself).
//
// SelfOnly restricts owners to i (single-user behaviour).
//
// Reconstruction: the footnote's symbols were lost; counting in-flight content in b̃ keeps
// several downloaders from piling onto one receiver.
type OwnerRule struct {
	Eta, Gap float64
	SelfOnly bool
}

// DefaultOwnerRule returns OwnerRule{Eta: 0.3, Gap: 4}, a point of DefaultGrid.
//
// Reconstruction: the paper tunes (η, δ_gap) and its values are lost; this fixed rule is used
// wherever the rule is not tuned.
func DefaultOwnerRule() OwnerRule { return OwnerRule{Eta: 0.3, Gap: 4} }

// Choose returns the owner chosen for v.Self, and false when no member is admissible (the
// caller should wait). It takes O(|group|).
func (o OwnerRule) Choose(v *View) (owner int, ok bool) {
	self := &v.Members[0]
	if o.SelfOnly {
		return self.ID, self.Admissible
	}
	m := -1
	bm := math.Inf(1)
	selfIn := false
	for k := range v.Members {
		mk := &v.Members[k]
		if !mk.Admissible {
			continue
		}
		if k == 0 {
			selfIn = true
		}
		if b := mk.Buffer + mk.Committed; m < 0 || b < bm {
			m, bm = k, b
		}
	}
	if m < 0 {
		return -1, false
	}
	bi := math.Inf(1)
	if self.Video && self.Remaining > 0 {
		bi = self.Buffer + self.Committed
	}
	if m != 0 {
		bufCap := 0.0
		if vid := self.User.Video; vid != nil {
			bufCap = vid.MaxBuffer
		}
		if bi >= o.Eta*bufCap && bi-bm >= o.Gap {
			return v.Members[m].ID, true
		}
	}
	if selfIn {
		return self.ID, true
	}
	return v.Members[m].ID, true
}

// Grid is the (η, δ_gap) grid of TuneOwnerRule.
type Grid struct{ Etas, Gaps []float64 }

// DefaultGrid returns η ∈ {0.1, …, 0.9} (built as k/10) and δ_gap ∈ {2, 4, …, 20} s.
//
// Reconstruction: the paper's grid is lost.
func DefaultGrid() Grid {
	var g Grid
	for k := 1; k <= 9; k++ {
		g.Etas = append(g.Etas, float64(k)/10)
	}
	for d := 2; d <= 20; d += 2 {
		g.Gaps = append(g.Gaps, float64(d))
	}
	return g
}

// GridPoint is one evaluated point of the grid: the rule and its mean social welfare.
type GridPoint struct {
	Rule    OwnerRule
	Welfare float64
}
