package kre

// weekPeriod is the period P of the weekday-aware variant, in days.
const weekPeriod = 7

// weekdayFactors returns the weekday factors f_d, d = position mod 7, of the
// weekday-aware variant (length 7, mean 1).
//
// Reconstruction (NASA-HTTP traffic has a strong weekly cycle that a 7-point
// kernel average cannot model): with W = min(seasonWeeks, ⌊len/7⌋) full
// weeks ending yesterday, each week q with mean μ_q > 0 (THLDM-flagged days
// replaced by that week's mean of its other days) gives ratios
// r_(q,d) = y_(q,d)/μ_q; f_d = max(0.01, mean_q r_(q,d)), renormalised to
// mean 1; f ≡ 1 when no week is usable. Positions are absolute indices in
// history, so no calendar is needed: callers that cut history must cut
// whole weeks to keep the alignment.
func weekdayFactors(history []float64, excluded []int, seasonWeeks int) []float64 {
	f := make([]float64, weekPeriod)
	k := len(history)
	weeks := min(seasonWeeks, k/weekPeriod)
	used := 0
	var sum [weekPeriod]float64
	for q := 0; q < weeks; q++ {
		start := k - weekPeriod*(q+1)
		var vals [weekPeriod]float64
		copy(vals[:], history[start:start+weekPeriod])
		for _, e := range excluded {
			if e < start || e >= start+weekPeriod {
				continue
			}
			var s float64
			for d, v := range vals {
				if start+d != e {
					s += v
				}
			}
			vals[e-start] = s / (weekPeriod - 1)
		}
		var mu float64
		for _, v := range vals {
			mu += v
		}
		mu /= weekPeriod
		if !(mu > 0) {
			continue
		}
		used++
		for d, v := range vals {
			sum[(start+d)%weekPeriod] += v / mu
		}
	}
	if used == 0 {
		for d := range f {
			f[d] = 1
		}
		return f
	}
	var mean float64
	for d := range f {
		f[d] = max(0.01, sum[d]/float64(used))
		mean += f[d]
	}
	mean /= weekPeriod
	for d := range f {
		f[d] /= mean
	}
	return f
}
