package market

import (
	"fmt"
	"math"

	"github.com/cdnkit/cdnkit/options"
)

// Class is a CDN service class (the paper's Table 3), P1 (smallest daily
// volume, dearest) to P6 (largest, cheapest).
type Class int

// The six service classes of the paper's Table 3.
const (
	P1 Class = iota
	P2
	P3
	P4
	P5
	P6
)

// NumClasses is the number of service classes.
const NumClasses = 6

// String returns "P1" … "P6", or "Class(n)" for an invalid value.
func (c Class) String() string {
	if c < P1 || c > P6 {
		return fmt.Sprintf("Class(%d)", int(c))
	}
	return fmt.Sprintf("P%d", int(c)+1)
}

func (c Class) valid() bool { return c >= P1 && c <= P6 }

// Schedule is a tariff: the tier bounds that map a daily volume to a class,
// the standard price of each class and the penalty factor.
//
// Tier bounds are upper-inclusive and compared in whole bytes after
// math.Round(UpperGB·1e9), so 0.357 GB is 357,000,000 bytes.
type Schedule struct {
	UpperGB       [5]float64 // inclusive upper tier bounds of P1..P5, GB/day
	Standard      [6]float64 // $/GB
	PenaltyFactor float64
}

// PaperSchedule returns the paper's Table 3: tier bounds 0.357, 3.57, 35.71,
// 357.14 and 3,571.42 GB/day, standard prices 0.035 … 0.010 $/GB and
// penalty factor 1.2 (Table 1: "penalty type high, 120 % of normal price").
//
// The bounds are 10 GB, 100 GB, 1 TB, 10 TB and 100 TB per 28-day month
// divided by 28 (the last truncated). Reconstruction: the paper prints "−" as
// P6's penalty; the 1.2 rule fills it (0.012 $/GB).
func PaperSchedule() Schedule {
	return Schedule{
		UpperGB:       [5]float64{0.357, 3.57, 35.71, 357.14, 3571.42},
		Standard:      [6]float64{0.035, 0.030, 0.025, 0.020, 0.015, 0.010},
		PenaltyFactor: 1.2,
	}
}

// Validate returns nil if s is usable and otherwise an error wrapping
// ErrBadSchedule naming the field: bounds must be finite, positive and
// strictly increasing, prices finite and > 0, the penalty factor finite
// and ≥ 1, and every penalty price PenaltyFactor·Standard[c] finite.
func (s *Schedule) Validate() error {
	prev := 0.0
	for i, u := range s.UpperGB {
		if !finite(u) || u <= 0 || u <= prev {
			return fmt.Errorf("%w: UpperGB[%d] = %v (bounds must be positive, finite and increasing)", ErrBadSchedule, i, u)
		}
		if u*1e9 > maxBytes {
			return fmt.Errorf("%w: UpperGB[%d] = %v exceeds 2^53 bytes", ErrBadSchedule, i, u)
		}
		prev = u
	}
	for i := 1; i < len(s.UpperGB); i++ {
		if math.Round(s.UpperGB[i]*1e9) <= math.Round(s.UpperGB[i-1]*1e9) {
			return fmt.Errorf("%w: UpperGB[%d] = %v is not above UpperGB[%d] in whole bytes", ErrBadSchedule, i, s.UpperGB[i], i-1)
		}
	}
	for i, p := range s.Standard {
		if !finite(p) || p <= 0 {
			return fmt.Errorf("%w: Standard[%d] = %v (prices must be positive and finite)", ErrBadSchedule, i, p)
		}
	}
	if !finite(s.PenaltyFactor) || s.PenaltyFactor < 1 {
		return fmt.Errorf("%w: PenaltyFactor = %v (must be finite and ≥ 1)", ErrBadSchedule, s.PenaltyFactor)
	}
	for i, p := range s.Standard {
		if !finite(s.PenaltyFactor * p) {
			return fmt.Errorf("%w: PenaltyFactor = %v times Standard[%d] = %v overflows", ErrBadSchedule, s.PenaltyFactor, i, p)
		}
	}
	return nil
}

// ClassOf returns the class whose tier contains a daily volume of
// bytesPerDay bytes: the first class whose bound math.Round(UpperGB·1e9) is ≥
// bytesPerDay, and P6 above every bound. It runs in O(1).
func (s *Schedule) ClassOf(bytesPerDay int64) Class {
	for c, u := range s.UpperGB {
		if float64(bytesPerDay) <= math.Round(u*1e9) {
			return Class(c)
		}
	}
	return P6
}

// Penalty returns the penalty price of class c, PenaltyFactor·Standard[c],
// in $/GB. It panics if c is not P1..P6.
func (s *Schedule) Penalty(c Class) float64 {
	if !c.valid() {
		panic("market: invalid class")
	}
	return s.PenaltyFactor * s.Standard[c]
}

// PremiumConvention fixes how stock-option premiums are priced: a
// Black–Scholes call (options.European) with the spot and strike of the
// class, T = days/DayCount years, and Rate, Dividend and Vol.
//
// Spot maps a class and its standard price to the spot S ($/GB); nil means
// S = standard. Strike maps a class and its spot to the strike K; nil means
// K = (1 − StrikeDiscount)·S. A PremiumConvention is a value; its functions
// must be pure.
type PremiumConvention struct {
	Rate, Vol, Dividend float64 // 0.05, 0.01, 0 in the paper (Table 2)
	DayCount            float64 // days per year: 365
	StrikeDiscount      float64 // used when Strike is nil
	Spot                func(c Class, standard float64) float64
	Strike              func(c Class, spot float64) float64
}

// paperSpot and paperStrike are the (S, K) pairs per class that reproduce
// every SO price of the paper's Table 3 to 5e-10 with T = days/365, r = 5 %,
// σ = 1 %, q = 0.
var (
	paperSpot   = [NumClasses]float64{0.035, 0.030, 0.025, 0.020, 0.015, 0.012}
	paperStrike = [NumClasses]float64{0.033, 0.028, 0.023, 0.019, 0.014, 0.011}
)

// PaperPremium returns the paper's premium convention: r = 5 %, σ = 1 %,
// q = 0, DayCount 365, and per class the spot and strike
//
//	class   P1     P2     P3     P4     P5     P6
//	S      0.035  0.030  0.025  0.020  0.015  0.012
//	K      0.033  0.028  0.023  0.019  0.014  0.011
//
// Reconstruction, fitted to the paper's Table 3: these pairs reproduce every
// SO price printed there to 5e-10, so they are the paper's own inputs (the
// paper's formula list says only "K = the price that CDN sells"). P6's spot
// 0.012 differs from its standard price 0.010, as the paper printed it; the
// stock price of P6 stays 0.010.
func PaperPremium() PremiumConvention {
	return PremiumConvention{
		Rate: 0.05, Vol: 0.01, DayCount: 365,
		Spot: func(c Class, standard float64) float64 {
			if !c.valid() {
				return math.NaN()
			}
			return paperSpot[c]
		},
		Strike: func(c Class, spot float64) float64 {
			if !c.valid() {
				return math.NaN()
			}
			return paperStrike[c]
		},
	}
}

// DiscountPremium returns the convention for other tariffs: r = 5 %,
// σ = 1 %, q = 0, DayCount 365, S = the class's standard price and
// K = (1 − d)·S (for example d = 0.10).
func DiscountPremium(d float64) PremiumConvention {
	return PremiumConvention{Rate: 0.05, Vol: 0.01, DayCount: 365, StrikeDiscount: d}
}

// validate checks the numeric fields (ErrBadConfig naming the field).
func (p *PremiumConvention) validate() error {
	switch {
	case !finite(p.Rate):
		return fmt.Errorf("%w: Premium.Rate = %v", ErrBadConfig, p.Rate)
	case !finite(p.Vol) || p.Vol < 0:
		return fmt.Errorf("%w: Premium.Vol = %v", ErrBadConfig, p.Vol)
	case !finite(p.Dividend):
		return fmt.Errorf("%w: Premium.Dividend = %v", ErrBadConfig, p.Dividend)
	case !finite(p.DayCount) || p.DayCount <= 0:
		return fmt.Errorf("%w: Premium.DayCount = %v", ErrBadConfig, p.DayCount)
	case p.Strike == nil && (math.IsNaN(p.StrikeDiscount) || p.StrikeDiscount < 0 || p.StrikeDiscount >= 1):
		return fmt.Errorf("%w: Premium.StrikeDiscount = %v (must lie in [0, 1))", ErrBadConfig, p.StrikeDiscount)
	}
	return nil
}

// SpotStrike returns the spot and strike of class c with standard price
// standard, in $/GB, under the convention.
func (p *PremiumConvention) SpotStrike(c Class, standard float64) (spot, strike float64) {
	spot = standard
	if p.Spot != nil {
		spot = p.Spot(c, standard)
	}
	if p.Strike != nil {
		strike = p.Strike(c, spot)
	} else {
		strike = (1 - p.StrikeDiscount) * spot
	}
	return spot, strike
}

// Premium returns the premium per GB ($/GB) of a stock option of class c
// (standard price standard) with days days to expiry:
//
//	premium = options.European(options.Call, options.Params{Spot: S, Strike: K,
//	          T: days/DayCount, Rate: Rate, Dividend: Dividend, Vol: Vol})
//
// with S and K from SpotStrike (Paper: Black–Scholes call, Appendix A1).
// At days = 0 it is the intrinsic value max(S − K, 0). Errors: those of
// options.European, and an error wrapping ErrBadConfig for a non-finite
// result or a spot or strike that is ≤ 0 or not finite.
func (p *PremiumConvention) Premium(c Class, standard float64, days float64) (float64, error) {
	s, k := p.SpotStrike(c, standard)
	if !finite(s) || s <= 0 {
		return 0, fmt.Errorf("%w: Premium.Spot(%v) = %v", ErrBadConfig, c, s)
	}
	if !finite(k) || k <= 0 {
		return 0, fmt.Errorf("%w: Premium.Strike(%v) = %v", ErrBadConfig, c, k)
	}
	v, err := options.European(options.Call, options.Params{
		Spot: s, Strike: k, T: days / p.DayCount,
		Rate: p.Rate, Dividend: p.Dividend, Vol: p.Vol,
	})
	if err != nil {
		return 0, fmt.Errorf("market: premium of class %v at %v days: %w", c, days, err)
	}
	if !finite(v) || v < 0 {
		return 0, fmt.Errorf("%w: premium of class %v at %v days = %v", ErrBadConfig, c, days, v)
	}
	return v, nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// maxBytes is 2^53, the largest volume in bytes that every float64 step keeps exact.
const maxBytes = 1 << 53
