package swarm

import (
	"fmt"
	"math"
	"slices"
	"time"

	"gonum.org/v1/gonum/stat/distuv"
)

// TauRule selects how a TauSelector chooses τ.
type TauRule int

const (
	// TauDistinguish chooses the smallest τ of the grid at which more than half
	// of the eligible multi-swarm hosts can tell their two best swarms apart
	// with a one-sided Welch test.
	TauDistinguish TauRule = iota
	// TauHillClimb moves one grid step at a time in the direction that
	// increased the ledger's aggregate bandwidth over the last interval,
	// reversing when it did not.
	TauHillClimb
)

// TauSelector chooses the CPM measurement interval τ from redeemed tokens.
// Zero fields take the defaults: Grid {15, 30, 60, 120, 240, 480} s, Every
// 300 s, Confidence 0.975, MinRoots 3.
//
// Paper: the coordinator chooses τ from the measurements; a τ too small or too
// large is suboptimal and V-Formation chooses τ to maximise aggregate
// bandwidth (Fig. 16). Reconstruction (spec §2.8): for τ in the grid,
// ascending, a host is eligible when at least two swarms of S_h have at least
// MinRoots roots in their τ window, and it distinguishes when its two swarms
// with the largest CPM means m₁ ≥ m₂ satisfy
//
//	t = (m₁ − m₂)/√(v₁/n₁ + v₂/n₂) > t_{Confidence, ν}
//
// with ν the Welch–Satterthwaite degrees of freedom (if v₁/n₁ + v₂/n₂ = 0 it
// distinguishes iff m₁ > m₂). TauHillClimb keeps state between calls; a
// TauSelector is therefore not safe for concurrent use (VFormation copies its
// Selector at Reset).
type TauSelector struct {
	Rule       TauRule
	Grid       []time.Duration
	Every      time.Duration
	Confidence float64
	MinRoots   int

	// hill-climb state
	hcIdx     int
	hcDir     int
	hcPrev    float64
	hcStarted bool
}

// DefaultTauGrid returns the default τ grid {15, 30, 60, 120, 240, 480} s.
func DefaultTauGrid() []time.Duration {
	return []time.Duration{15 * time.Second, 30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute}
}

func (ts *TauSelector) withDefaults() TauSelector {
	c := TauSelector{Rule: ts.Rule, Grid: slices.Clone(ts.Grid), Every: ts.Every, Confidence: ts.Confidence, MinRoots: ts.MinRoots}
	if len(c.Grid) == 0 {
		c.Grid = DefaultTauGrid()
	}
	if c.Every == 0 {
		c.Every = 5 * time.Minute
	}
	if c.Confidence == 0 {
		c.Confidence = 0.975
	}
	if c.MinRoots == 0 {
		c.MinRoots = 3
	}
	return c
}

func (ts *TauSelector) validate(step time.Duration) error {
	if ts.Rule != TauDistinguish && ts.Rule != TauHillClimb {
		return fmt.Errorf("%w: TauSelector.Rule %d unknown", ErrBadSettings, ts.Rule)
	}
	for i, g := range ts.Grid {
		if g <= 0 || g%step != 0 {
			return fmt.Errorf("%w: TauSelector.Grid[%d] = %v is not a positive multiple of Step", ErrBadSettings, i, g)
		}
		if i > 0 && g <= ts.Grid[i-1] {
			return fmt.Errorf("%w: TauSelector.Grid is not strictly ascending", ErrBadSettings)
		}
	}
	if ts.Every <= 0 || ts.Every%step != 0 {
		return fmt.Errorf("%w: TauSelector.Every %v is not a positive multiple of Step", ErrBadSettings, ts.Every)
	}
	if !(ts.Confidence > 0.5 && ts.Confidence < 1) {
		return fmt.Errorf("%w: TauSelector.Confidence %v not in (0.5, 1)", ErrBadSettings, ts.Confidence)
	}
	if ts.MinRoots < 1 {
		return fmt.Errorf("%w: TauSelector.MinRoots %d < 1", ErrBadSettings, ts.MinRoots)
	}
	return nil
}

// Select evaluates the rule on the view's ledger with averaging window
// `window` (W) and returns the chosen τ and true, or (current, false) when no
// τ of the grid qualifies. Zero fields of ts take the defaults; the grid must
// be strictly ascending (an invalid selector returns (current, false)).
// Cost: |Grid| CPM evaluations per eligible (host, swarm).
func (ts *TauSelector) Select(v *View, current time.Duration, window time.Duration) (time.Duration, bool) {
	c := ts.withDefaults()
	if c.validate(v.Scenario.step()) != nil {
		return current, false
	}
	if c.Rule == TauHillClimb {
		return ts.hillClimb(&c, v, current)
	}
	R := v.Scenario.redeem()
	for _, tau := range c.Grid {
		hi := v.Now - R - tau
		lo := hi - window
		if hi < 0 {
			continue
		}
		eligible, dist := 0, 0
		for i, h := range v.Hosts {
			var e1, e2 Estimate
			have := 0
			for _, s := range v.Serve[i] {
				roots := v.Ledger.rootsIn(h, s, lo, hi)
				if len(roots) < c.MinRoots {
					continue
				}
				have++
				e := CPM(v.Ledger, h, s, tau, lo, hi)
				if have == 1 || e.Mean > e1.Mean {
					e1, e2 = e, e1
				} else if have == 2 || e.Mean > e2.Mean {
					e2 = e
				}
			}
			if have < 2 {
				continue
			}
			eligible++
			if welch(e1, e2, c.Confidence) {
				dist++
			}
		}
		if eligible > 0 && 2*dist > eligible {
			return tau, true
		}
	}
	return current, false
}

// welch reports whether e1's mean exceeds e2's by a one-sided Welch test.
func welch(e1, e2 Estimate, conf float64) bool {
	a := e1.Var / float64(e1.N)
	b := e2.Var / float64(e2.N)
	if a+b == 0 {
		return e1.Mean > e2.Mean
	}
	t := (e1.Mean - e2.Mean) / math.Sqrt(a+b)
	den := 0.0
	if e1.N > 1 {
		den += a * a / float64(e1.N-1)
	}
	if e2.N > 1 {
		den += b * b / float64(e2.N-1)
	}
	nu := 1.0
	if den > 0 {
		nu = (a + b) * (a + b) / den
	}
	if nu < 1 {
		nu = 1
	}
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: nu}.Quantile(conf)
	return t > q
}

func (ts *TauSelector) hillClimb(c *TauSelector, v *View, current time.Duration) (time.Duration, bool) {
	R := v.Scenario.redeem()
	hi := v.Now - R
	lo := hi - c.Every
	var bytes float64
	v.Ledger.countIn(lo, hi, func(e int) {
		t := v.Ledger.toks[e]
		bytes += float64(v.Scenario.Swarms[t.Swarm].PieceSize)
	})
	agg := bytes / c.Every.Seconds()
	if !ts.hcStarted {
		ts.hcStarted = true
		ts.hcDir = 1
		ts.hcIdx = nearest(c.Grid, current)
		ts.hcPrev = agg
		return c.Grid[ts.hcIdx], true
	}
	if agg < ts.hcPrev {
		ts.hcDir = -ts.hcDir
	}
	ts.hcPrev = agg
	n := ts.hcIdx + ts.hcDir
	if n < 0 || n >= len(c.Grid) {
		ts.hcDir = -ts.hcDir
		n = ts.hcIdx + ts.hcDir
		if n < 0 || n >= len(c.Grid) {
			n = ts.hcIdx
		}
	}
	ts.hcIdx = n
	return c.Grid[n], true
}

func nearest(grid []time.Duration, t time.Duration) int {
	best := 0
	for i, g := range grid {
		if absDur(g-t) < absDur(grid[best]-t) {
			best = i
		}
	}
	return best
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
