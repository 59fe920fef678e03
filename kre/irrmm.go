package kre

// irrmm produces the forecast of the initial service period
// (len(history) < w) into ex, unrounded.
//
// Reconstruction (the Paper: IRRMM handles "the initial service period
// where no previous data exists"): with k = len(history), k = 0 gives
// Q_t = Initial, the origin server's declared daily volume (Initial ≤ 0:
// ErrNoHistory); 1 ≤ k < w gives NW on the k days (x = 1..k,
// h = MaxBandwidth) at x = k + t times the safety margin
// 1 + Margin·(w − k)/w, and at least Initial when Initial > 0.
func irrmm(s *PredictorSettings, history []float64, horizon int, ex *Explanation) error {
	ex.Initial = true
	g := make([]float64, horizon)
	k, w := len(history), s.Window
	if k == 0 {
		if !(s.IRRMM.Initial > 0) {
			return ErrNoHistory
		}
		for t := range g {
			g[t] = s.IRRMM.Initial
		}
		ex.KRE = append([]float64(nil), g...)
		ex.Forecast = g
		return nil
	}
	xs := make([]float64, k)
	for i := range xs {
		xs[i] = float64(i + 1)
	}
	h := s.MaxBandwidth
	ex.Bandwidth = h
	margin := 1 + s.IRRMM.Margin*float64(w-k)/float64(w)
	for t := range g {
		g[t] = nwEval(xs, history, h, float64(k+t+1), -1)
	}
	ex.KRE = append([]float64(nil), g...)
	for t := range g {
		g[t] *= margin
		if s.IRRMM.Initial > 0 {
			g[t] = max(g[t], s.IRRMM.Initial)
		}
		if !isFinite(g[t]) {
			return ErrOverflow
		}
	}
	ex.Forecast = g
	return nil
}
