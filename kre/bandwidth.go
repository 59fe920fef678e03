package kre

import (
	"fmt"
	"math"
)

// Default bandwidth range, in days (Paper, Table 1: "varying from 0.8 to
// 5.1"), and the default number of grid points of the search.
const (
	DefaultMinBandwidth = 0.8
	DefaultMaxBandwidth = 5.1
	DefaultGrid         = 64
)

// goldenTol is the width, in ln h, at which the golden-section search stops.
const goldenTol = 1e-10

// Criterion names a bandwidth selection criterion.
type Criterion int

const (
	// CrossValidation is leave-one-out least-squares cross-validation (CV).
	CrossValidation Criterion = iota
	// AICcCriterion is the AICc of Hurvich, Simonoff and Tsai (AICc).
	AICcCriterion
)

// String returns "cv" or "aicc".
func (c Criterion) String() string {
	switch c {
	case CrossValidation:
		return "cv"
	case AICcCriterion:
		return "aicc"
	}
	return fmt.Sprintf("Criterion(%d)", int(c))
}

// BandwidthSettings configures SelectBandwidth. The zero value selects by
// NW cross-validation over [0.8, 5.1] with a 64-point grid.
type BandwidthSettings struct {
	Criterion Criterion
	Local     bool    // LL instead of NW (CV only; AICc always uses the NW hat matrix)
	Lo, Hi    float64 // 0, 0 ⇒ 0.8, 5.1
	Grid      int     // 0 ⇒ 64; ≥ 3
}

// BandwidthResult is the outcome of SelectBandwidth.
type BandwidthResult struct {
	H, Value    float64   // argmin and its criterion value
	AtBound     bool      // H equals Lo or Hi (within 1e-9 relative)
	Evaluations int       // criterion evaluations
	GridH       []float64 // the geometric grid g_k
	GridValue   []float64 // the criterion on the grid (+Inf where invalid)
}

// CVBandwidth returns the bandwidth in [lo, hi] that minimises CV(x, y, h,
// local), found by the search of SelectBandwidth. It needs n ≥ 3
// (ErrTooFewPoints); lo ≤ 0, hi < lo or a non-finite bound gives
// ErrBadRange; bad data as NadarayaWatson. The result is never ≤ 0 and
// never outside [lo, hi]. When every y is equal every h fits exactly and
// hi, the smoothest, is returned. Cost about 115 criterion evaluations of
// O(n²); no allocations for n ≤ 16.
//
// CV often has local minima (statsmodels issue #3145), which the grid
// handles; CV-LL is often monotone on a short trending window and then runs
// to hi (statsmodels' unbounded search returns 3.9e6 on the 1–7 July 1995
// NASA window).
func CVBandwidth(x, y []float64, lo, hi float64, local bool) (float64, error) {
	if err := checkSelector(x, y, lo, hi); err != nil {
		return 0, err
	}
	if len(x) < 3 {
		return 0, ErrTooFewPoints
	}
	kind := critCVNW
	if local {
		kind = critCVLL
	}
	c := newCriterion(x, y, kind)
	h, _, err := search(&c, lo, hi, DefaultGrid, nil, nil)
	return h, err
}

// AICcBandwidth returns the bandwidth in [lo, hi] that minimises AICc(x, y,
// h) over the valid domain tr H < n − 2, found by the search of
// SelectBandwidth; the result always satisfies HatTrace(x, h) < n − 2, so
// the spurious minimum past the pole of the criterion is never returned.
// n ≤ 3, or no valid h in [lo, hi], gives ErrNoValidBandwidth; range and
// data errors as CVBandwidth.
func AICcBandwidth(x, y []float64, lo, hi float64) (float64, error) {
	if err := checkSelector(x, y, lo, hi); err != nil {
		return 0, err
	}
	if len(x) <= 3 {
		return 0, ErrNoValidBandwidth
	}
	c := newCriterion(x, y, critAICc)
	h, _, err := search(&c, lo, hi, DefaultGrid, nil, nil)
	return h, err
}

// SelectBandwidth minimises the criterion named by s (nil: NW
// cross-validation over [0.8, 5.1]) and reports the grid. The search:
//
//	if lo == hi: lo if the criterion is finite there, else ErrNoValidBandwidth
//	if every y is equal: hi (every h fits exactly; the smoothest is chosen)
//	grid g_k = lo·(hi/lo)^(k/(G−1)), k = 0..G−1; f_k = f(g_k)
//	k* = argmin over finite f_k (ties → larger k); none finite → ErrNoValidBandwidth
//	golden-section search on ln h over [g_(k*−1), g_(k*+1)] to 1e-10 in ln h
//	h⁺ = its midpoint; h⁺ if f(h⁺) ≤ f_k*, else g_k*
//
// Reconstruction: statsmodels minimises with unbounded Nelder–Mead, which
// can return h ≤ 0 (statsmodels issue #599); this bounded grid-plus-bracket
// search always returns h in [lo, hi] with a criterion value no larger than
// any grid value, and finds the global minimum whenever the criterion is
// unimodal on each grid cell.
//
// Errors: as CVBandwidth and AICcBandwidth; Grid ∈ {1, 2} or negative, or an
// unknown Criterion, gives ErrBadSettings.
func SelectBandwidth(x, y []float64, s *BandwidthSettings) (*BandwidthResult, error) {
	var set BandwidthSettings
	if s != nil {
		set = *s
	}
	if set.Lo == 0 && set.Hi == 0 {
		set.Lo, set.Hi = DefaultMinBandwidth, DefaultMaxBandwidth
	}
	if set.Grid == 0 {
		set.Grid = DefaultGrid
	}
	if set.Grid < 3 {
		return nil, fmt.Errorf("%w: Grid = %d, need ≥ 3", ErrBadSettings, set.Grid)
	}
	if set.Criterion != CrossValidation && set.Criterion != AICcCriterion {
		return nil, fmt.Errorf("%w: unknown Criterion %d", ErrBadSettings, int(set.Criterion))
	}
	if err := checkSelector(x, y, set.Lo, set.Hi); err != nil {
		return nil, err
	}
	kind := critCVNW
	switch {
	case set.Criterion == AICcCriterion:
		if len(x) <= 3 {
			return nil, ErrNoValidBandwidth
		}
		kind = critAICc
	case len(x) < 3:
		return nil, ErrTooFewPoints
	case set.Local:
		kind = critCVLL
	}
	c := newCriterion(x, y, kind)
	res := &BandwidthResult{
		GridH:     make([]float64, set.Grid),
		GridValue: make([]float64, set.Grid),
	}
	h, v, err := search(&c, set.Lo, set.Hi, set.Grid, res.GridH, res.GridValue)
	res.Evaluations = c.evals
	for k, gv := range res.GridValue {
		res.GridValue[k] = c.unscale(gv)
	}
	if err != nil {
		return res, err
	}
	res.H, res.Value = h, c.unscale(v)
	res.AtBound = math.Abs(h-set.Lo) <= 1e-9*set.Lo || math.Abs(h-set.Hi) <= 1e-9*set.Hi
	return res, nil
}

// unscale converts a scaled criterion value to the caller's units.
func (c *criterion) unscale(v float64) float64 {
	if c.kind == critAICc {
		if math.IsInf(v, 1) || c.sy == 1 {
			return v
		}
		return v - 2*math.Log(c.sy)
	}
	return math.Exp(v - 2*math.Log(c.sy))
}

func checkSelector(x, y []float64, lo, hi float64) error {
	if err := checkXYNoH(x, y); err != nil {
		return err
	}
	if !(lo > 0) || !(hi >= lo) || math.IsInf(hi, 1) {
		return fmt.Errorf("%w: [%v, %v]", ErrBadRange, lo, hi)
	}
	return nil
}

// search implements the bounded minimisation of SelectBandwidth on the
// validated criterion c. gridH and gridV, when non-nil, receive the grid
// (length G). It returns the argmin and its (scaled) criterion value.
func search(c *criterion, lo, hi float64, G int, gridH, gridV []float64) (float64, float64, error) {
	f := func(h float64) float64 {
		v := c.eval(h)
		if math.IsNaN(v) {
			return math.Inf(1)
		}
		return v
	}
	for k := range gridH {
		gridH[k] = math.Inf(1)
		gridV[k] = math.Inf(1)
	}
	if lo == hi {
		v := f(lo)
		for k := range gridH {
			gridH[k], gridV[k] = lo, v
		}
		if math.IsInf(v, 1) {
			return 0, 0, ErrNoValidBandwidth
		}
		return lo, v, nil
	}
	if allEqual(c.y) {
		if gridH != nil {
			for k := range gridH {
				gridH[k] = lo * math.Pow(hi/lo, float64(k)/float64(G-1))
				gridV[k] = f(gridH[k])
			}
			gridH[0], gridH[G-1] = lo, hi
		}
		v := f(hi)
		if math.IsInf(v, 1) {
			return 0, 0, ErrNoValidBandwidth
		}
		return hi, v, nil
	}
	lnLo, lnHi := math.Log(lo), math.Log(hi)
	gridAt := func(k int) float64 {
		switch k {
		case 0:
			return lo
		case G - 1:
			return hi
		}
		return lo * math.Pow(hi/lo, float64(k)/float64(G-1))
	}
	kStar := -1
	best := math.Inf(1)
	for k := 0; k < G; k++ {
		h := gridAt(k)
		v := f(h)
		if gridH != nil {
			gridH[k], gridV[k] = h, v
		}
		if !math.IsInf(v, 1) && v <= best {
			best, kStar = v, k
		}
	}
	if kStar < 0 {
		return 0, 0, ErrNoValidBandwidth
	}
	a := math.Log(gridAt(max(kStar-1, 0)))
	b := math.Log(gridAt(min(kStar+1, G-1)))
	a, b = max(a, lnLo), min(b, lnHi)
	const invPhi = 0.6180339887498949 // (√5 − 1)/2
	p := b - invPhi*(b-a)
	q := a + invPhi*(b-a)
	fp, fq := f(math.Exp(p)), f(math.Exp(q))
	for b-a > goldenTol {
		if fp < fq {
			b, q, fq = q, p, fp
			p = b - invPhi*(b-a)
			fp = f(math.Exp(p))
		} else { // ties and +Inf on both sides move right (towards validity, larger h)
			a, p, fp = p, q, fq
			q = a + invPhi*(b-a)
			fq = f(math.Exp(q))
		}
	}
	hp := min(max(math.Exp(0.5*(a+b)), lo), hi)
	if vp := f(hp); vp <= best {
		return hp, vp, nil
	}
	return gridAt(kStar), best, nil
}

func allEqual(y []float64) bool {
	for _, v := range y[1:] {
		if v != y[0] {
			return false
		}
	}
	return true
}
