package kre

import "math"

// dedm applies the efficiency monitor to the new forecasts g in place.
//
// Reconstruction (the Paper: DEDM "monitors the efficiency of the LPM
// regarding the actual load and adjusts the resources reserved for the
// next time frame"): with frame F and len(history) ≥ w + F, P is the
// forecast the LPM would have made F days ago, Forecast(history[:len−F], F)
// with DEDM off and unrounded, and A = history[len−F:] the actual load,
// both without THLDM-flagged days of A. The efficiency e = ΣA/ΣP (1 when
// ΣP = 0); if |e − 1| > Tol the forecasts are multiplied by
// clamp(e, 1 − MaxAdjust, 1 + MaxAdjust). Explanation.Efficiency reports e
// before clamping.
func dedm(s *PredictorSettings, history []float64, ex *Explanation, g []float64) error {
	k, F := len(history), s.DEDM.Frame
	inner := *s
	inner.DEDM.Off = true
	inner.NoCeil = true
	var iex Explanation
	pf, err := core(&inner, history[:k-F], F, &iex)
	if err != nil {
		return err
	}
	var sa, sp float64
	for t, a := range history[k-F:] {
		if contains(ex.Excluded, k-F+t) {
			continue
		}
		sa += a
		sp += max(pf[t], 0)
	}
	e := 1.0
	if sp > 0 {
		e = sa / sp
	}
	if !isFinite(e) {
		e = math.MaxFloat64
	}
	ex.Efficiency = e
	if math.Abs(e-1) > s.DEDM.Tol {
		ex.Adjusted = true
		c := min(max(e, 1-s.DEDM.MaxAdjust), 1+s.DEDM.MaxAdjust)
		for t := range g {
			g[t] *= c
		}
	}
	return nil
}

func contains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
