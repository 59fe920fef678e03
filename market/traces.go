package market

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// KnownGap reports whether date is one of the days of the shared web traces
// (../shared/data/web) that are excluded when segments are cut: 28 July 1995
// (NASA, partial), 29–31 July 1995 (absent), 1–3 August 1995 (Hurricane Erin
// shutdown) and 30 April 1998 (WorldCup98, starts 23:30). Dates are compared
// as civil dates.
func KnownGap(date time.Time) bool {
	y, m, d := date.Date()
	switch {
	case y == 1995 && m == time.July && d >= 28:
		return true
	case y == 1995 && m == time.August && d <= 3:
		return true
	case y == 1998 && m == time.April && d == 30:
		return true
	}
	return false
}

// Segments cuts a daily series into runs of consecutive complete days: a
// run ends at a missing date, at a day for which skip returns true (nil:
// KnownGap) and at a day with value 0. Each Segment records the weekday of its
// first day. dates must be strictly increasing civil dates; it panics if
// len(dates) != len(values). Cost O(len(dates)).
func Segments(dates []time.Time, values []float64, skip func(time.Time) bool) []Segment {
	if len(dates) != len(values) {
		panic("market: length mismatch")
	}
	if skip == nil {
		skip = KnownGap
	}
	var out []Segment
	var cur *Segment
	var last time.Time
	for k, d := range dates {
		if skip(d) || values[k] == 0 {
			cur = nil
			continue
		}
		if cur != nil && !d.Equal(last.AddDate(0, 0, 1)) {
			cur = nil
		}
		if cur == nil {
			out = append(out, Segment{Start: d.Weekday()})
			cur = &out[len(out)-1]
		}
		cur.Values = append(cur.Values, values[k])
		last = d
	}
	return out
}

// PaperDemand builds the six origin servers of PaperServers for a run of
// days days after history days of history (Reconstruction of the paper's
// private traces, market.md §8): for server i, a weekday-aligned bootstrap
// BootstrapWeeks(trace, history + days, time.Monday, normalize,
// rand.NewPCG(seed, i)) of nasa for even i (normalize = false) and of
// worldcup for odd i (normalize = true, which removes the tournament's
// growth), the first history days as History and the rest as Demand, scaled
// so that Demand sums to the server's annual volume × days/364. When both
// traces are nil it uses SyntheticDemand(history + days, nil,
// rand.NewPCG(seed, i)) instead. Errors: those of BootstrapWeeks,
// SyntheticDemand and ScaleTo; history < 0 or days < 1 wrap ErrBadConfig.
func PaperDemand(nasa, worldcup []Segment, history, days int, seed uint64) ([]OriginServer, error) {
	if history < 0 || days < 1 {
		return nil, fmt.Errorf("%w: history = %d, days = %d", ErrBadConfig, history, days)
	}
	names, annual := PaperServers()
	synthetic := nasa == nil && worldcup == nil
	out := make([]OriginServer, len(names))
	for i := range names {
		src := rand.NewPCG(seed, uint64(i))
		var v []float64
		var err error
		switch {
		case synthetic:
			v, err = SyntheticDemand(history+days, nil, src)
		case i%2 == 0:
			v, err = BootstrapWeeks(nasa, history+days, time.Monday, false, src)
		default:
			v, err = BootstrapWeeks(worldcup, history+days, time.Monday, true, src)
		}
		if err != nil {
			return nil, fmt.Errorf("market: demand of server %s: %w", names[i], err)
		}
		v, err = ScaleTo(v, history, history+days, annual[i]*float64(days)/364)
		if err != nil {
			return nil, fmt.Errorf("market: demand of server %s: %w", names[i], err)
		}
		out[i] = OriginServer{Name: names[i], History: v[:history:history], Demand: v[history:]}
	}
	return out, nil
}
