package market

import (
	"fmt"
	"math"

	"github.com/cdnkit/cdnkit/auction"
	"github.com/cdnkit/cdnkit/kre"
)

// ClassRule selects which class prices an origin server on a day.
type ClassRule int

// Class rules.
const (
	// ClassByForecast (the default) prices each day at the class whose tier
	// contains the server's forecast for that day. Reconstruction: Table 3 is
	// indexed by "TrV (GB per day)" and the paper does not say which volume.
	ClassByForecast ClassRule = iota
	// ClassFixed prices every day at OriginServer.Class (contract classes).
	ClassFixed
)

// Forecaster forecasts an origin server's daily load. history holds daily
// loads in bytes, oldest first, its last element yesterday; Forecast returns
// horizon values in bytes. It must not retain or modify history. A
// *kre.Predictor satisfies Forecaster.
type Forecaster interface {
	Forecast(history []float64, horizon int) ([]float64, error)
}

// OriginServer is one content provider of a simulation.
type OriginServer struct {
	Name     string
	Demand   []float64 // GB per simulated day, len ≥ Config.Days
	History  []float64 // GB per day before day 0, oldest first; may be nil
	Forecast []float64 // optional GB/day forecasts for days 0..Days−1 (replaces the Forecaster)
	Initial  float64   // GB/day reserved while no history exists
	Class    Class     // used with ClassFixed only
}

// Config describes a market simulation. Zero fields mean the documented
// defaults.
type Config struct {
	Servers       []OriginServer
	Days          int                // 0: min over servers of len(Demand)
	Schedule      *Schedule          // nil: PaperSchedule()
	Premium       *PremiumConvention // nil: PaperPremium(); non-nil fields are used as given
	Forecaster    Forecaster         // nil: kre.NewPredictor(nil)
	ForecastEvery int                // 0: 7
	HistoryDays   int                // 0: all available history
	ClassRule     ClassRule
	OfferFraction float64           // α ∈ (0, 1]; 0: 1
	Price         auction.PriceRule // SM price in the clearing interval; zero value PriceMid
	Kappa         float64           // κ ∈ [0, 1] with auction.PriceKappa
	// Progress, if non-nil, is called after every simulated day; a non-nil
	// error stops the run. RunAll serialises the calls.
	Progress func(Progress) error
}

// Progress reports a completed day of a run.
type Progress struct{ Scenario, Day, Days int }

// Simulation holds a validated copy of a Config with demand and forecasts in
// bytes. It is immutable after New; Run and RunAll are safe for concurrent
// use (the Progress hook is called from the goroutines that run).
type Simulation struct {
	n, days  int
	names    []string
	demand   [][]int64 // [server][day] bytes
	forecast [][]int64 // [server][day] bytes
	fixed    []Class
	rule     ClassRule
	sched    Schedule
	bounds   [5]float64 // tier bounds in bytes
	prem     PremiumConvention
	spot     [NumClasses]float64
	strike   [NumClasses]float64
	alpha    float64
	price    auction.PriceRule
	kappa    float64
	progress func(Progress) error
	// onClear, set only by tests, sees every clearing.
	onClear func(day int, good string, buys, sells []auction.Order, c auction.Clearing)
}

// toBytes converts GB to whole bytes with round-half-up; ok is false for a
// NaN, ±Inf, negative or > 2^53-byte value.
func toBytes(gb float64) (int64, bool) {
	if !(gb >= 0) || math.IsInf(gb, 0) {
		return 0, false
	}
	b := math.Floor(gb*1e9 + 0.5)
	if b > maxBytes {
		return 0, false
	}
	return int64(b), true
}

// ceilBytes converts GB to whole bytes rounding up (forecasts).
func ceilBytes(gb float64) (int64, bool) {
	if !(gb >= 0) || math.IsInf(gb, 0) {
		return 0, false
	}
	b := math.Ceil(gb * 1e9)
	if b > maxBytes {
		return 0, false
	}
	return int64(b), true
}

// New validates cfg, converts demand to bytes and computes the forecasts,
// which do not depend on the scenario (the paper's Table 5 is "unaltered by
// each scenario's different parameters").
//
// Forecasts: on every day d with d mod E = 0 (E = ForecastEvery) the
// forecaster is called with the server's history in bytes per day, oldest
// first — History followed by Demand[0..d−1], the last HistoryDays of them
// when HistoryDays > 0 — and horizon E; its first min(E, Days − d) values are
// rounded up to whole bytes and used for days d, d+1, …. With no history at
// all (empty History, d = 0) the forecaster is not called and the forecast is
// ⌈Initial·1e9⌉ bytes (Reconstruction of the initial period at the market
// level). OriginServer.Forecast replaces the forecaster for its server.
// Demand, History, Initial and explicit forecasts in GB are converted to
// bytes once, round-half-up (forecasts: up).
//
// Errors: ErrNoServers; *InputError for empty, short, NaN, ±Inf, negative or
// over-2^53-byte input; ErrBadConfig for a bad field (wrapped, naming it);
// ErrBadSchedule; *ForecastError for a forecaster error or an unusable
// forecast value. It panics if cfg is nil. Cost O(n·D) plus n·⌈D/E⌉
// forecaster calls.
func New(cfg *Config) (*Simulation, error) {
	if cfg == nil {
		panic("market: nil config")
	}
	n := len(cfg.Servers)
	if n == 0 {
		return nil, ErrNoServers
	}
	days := cfg.Days
	if days < 0 {
		return nil, &InputError{Server: -1, Day: -1, Field: "Demand", Value: float64(days)}
	}
	if days == 0 {
		days = math.MaxInt
		for _, s := range cfg.Servers {
			days = min(days, len(s.Demand))
		}
	}
	if days == 0 {
		return nil, &InputError{Server: -1, Day: 0, Field: "Demand", Value: 0}
	}
	s := &Simulation{n: n, days: days, rule: cfg.ClassRule, price: cfg.Price, kappa: cfg.Kappa, progress: cfg.Progress}
	switch {
	case cfg.ForecastEvery < 0:
		return nil, fmt.Errorf("%w: ForecastEvery = %d", ErrBadConfig, cfg.ForecastEvery)
	case cfg.HistoryDays < 0:
		return nil, fmt.Errorf("%w: HistoryDays = %d", ErrBadConfig, cfg.HistoryDays)
	case !(cfg.OfferFraction >= 0 && cfg.OfferFraction <= 1):
		return nil, fmt.Errorf("%w: OfferFraction = %v (must lie in [0, 1])", ErrBadConfig, cfg.OfferFraction)
	case cfg.ClassRule != ClassByForecast && cfg.ClassRule != ClassFixed:
		return nil, fmt.Errorf("%w: ClassRule = %d", ErrBadConfig, int(cfg.ClassRule))
	case cfg.Price < auction.PriceMid || cfg.Price > auction.PriceKappa:
		return nil, fmt.Errorf("%w: Price = %d", ErrBadConfig, int(cfg.Price))
	case cfg.Price == auction.PriceKappa && !(cfg.Kappa >= 0 && cfg.Kappa <= 1):
		return nil, fmt.Errorf("%w: Kappa = %v (must lie in [0, 1])", ErrBadConfig, cfg.Kappa)
	}
	s.alpha = cfg.OfferFraction
	if s.alpha == 0 {
		s.alpha = 1
	}
	s.sched = PaperSchedule()
	if cfg.Schedule != nil {
		s.sched = *cfg.Schedule
	}
	if err := s.sched.Validate(); err != nil {
		return nil, err
	}
	for i, u := range s.sched.UpperGB {
		s.bounds[i] = math.Round(u * 1e9)
	}
	s.prem = PaperPremium()
	if cfg.Premium != nil {
		s.prem = *cfg.Premium
	}
	if err := s.prem.validate(); err != nil {
		return nil, err
	}
	for c := P1; c <= P6; c++ {
		sp, k := s.prem.SpotStrike(c, s.sched.Standard[c])
		if !finite(sp) || sp <= 0 {
			return nil, fmt.Errorf("%w: Premium.Spot(%v) = %v (must be positive and finite)", ErrBadConfig, c, sp)
		}
		if !finite(k) || k <= 0 {
			return nil, fmt.Errorf("%w: Premium.Strike(%v) = %v (must be positive and finite)", ErrBadConfig, c, k)
		}
		s.spot[c], s.strike[c] = sp, k
	}
	every := cfg.ForecastEvery
	if every == 0 {
		every = 7
	}
	fc := cfg.Forecaster
	s.names = make([]string, n)
	s.demand = make([][]int64, n)
	s.forecast = make([][]int64, n)
	s.fixed = make([]Class, n)
	for i := range cfg.Servers {
		srv := &cfg.Servers[i]
		s.names[i] = srv.Name
		if len(srv.Demand) < days {
			return nil, &InputError{Server: i, Day: len(srv.Demand), Field: "Demand", Value: float64(len(srv.Demand))}
		}
		if cfg.ClassRule == ClassFixed && !srv.Class.valid() {
			return nil, fmt.Errorf("%w: Servers[%d].Class = %d", ErrBadConfig, i, int(srv.Class))
		}
		s.fixed[i] = srv.Class
		initial, ok := ceilBytes(srv.Initial)
		if !ok {
			return nil, &InputError{Server: i, Day: -1, Field: "Initial", Value: srv.Initial}
		}
		// hist holds History then Demand in bytes: the forecaster's view.
		hist := make([]float64, len(srv.History)+days)
		for d, v := range srv.History {
			b, ok := toBytes(v)
			if !ok {
				return nil, &InputError{Server: i, Day: d, Field: "History", Value: v}
			}
			hist[d] = float64(b)
		}
		dem := make([]int64, days)
		for d := range days {
			b, ok := toBytes(srv.Demand[d])
			if !ok {
				return nil, &InputError{Server: i, Day: d, Field: "Demand", Value: srv.Demand[d]}
			}
			dem[d] = b
			hist[len(srv.History)+d] = float64(b)
		}
		s.demand[i] = dem
		q := make([]int64, days)
		s.forecast[i] = q
		if srv.Forecast != nil {
			if len(srv.Forecast) < days {
				return nil, &InputError{Server: i, Day: len(srv.Forecast), Field: "Forecast", Value: float64(len(srv.Forecast))}
			}
			for d := range days {
				b, ok := ceilBytes(srv.Forecast[d])
				if !ok {
					return nil, &InputError{Server: i, Day: d, Field: "Forecast", Value: srv.Forecast[d]}
				}
				q[d] = b
			}
			continue
		}
		if fc == nil {
			p, err := kre.NewPredictor(nil)
			if err != nil {
				return nil, fmt.Errorf("market: default forecaster: %w", err)
			}
			fc = p
		}
		nh := len(srv.History)
		for d := 0; d < days; d += every {
			lo := 0
			if cfg.HistoryDays > 0 {
				lo = max(0, nh+d-cfg.HistoryDays)
			}
			h := hist[lo : nh+d : nh+d]
			if len(h) == 0 {
				for t := d; t < min(d+every, days); t++ {
					q[t] = initial
				}
				continue
			}
			out, err := fc.Forecast(h, every)
			if err != nil {
				return nil, &ForecastError{Server: i, Day: d, Value: math.NaN(), Err: err}
			}
			for t := d; t < min(d+every, days); t++ {
				if t-d >= len(out) {
					return nil, &ForecastError{Server: i, Day: t, Value: math.NaN(), Err: fmt.Errorf("%w: forecaster returned %d values for horizon %d", ErrBadDemand, len(out), every)}
				}
				v := out[t-d]
				if !(v >= 0) || v > maxBytes {
					return nil, &ForecastError{Server: i, Day: t, Value: v}
				}
				q[t] = int64(math.Ceil(v))
			}
		}
	}
	return s, nil
}

// Days returns the number of simulated days.
func (s *Simulation) Days() int { return s.days }

// Forecasts returns a copy of the forecasts, [server][day] in bytes.
func (s *Simulation) Forecasts() [][]int64 {
	out := make([][]int64, s.n)
	for i, q := range s.forecast {
		out[i] = append([]int64(nil), q...)
	}
	return out
}

// classOf is Schedule.ClassOf on the precomputed bounds.
func (s *Simulation) classOf(b int64) Class {
	for c, u := range s.bounds {
		if float64(b) <= u {
			return Class(c)
		}
	}
	return P6
}
