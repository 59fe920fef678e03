package market

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/cdnkit/cdnkit/auction"
)

func validConfig() *Config {
	return &Config{Servers: []OriginServer{
		{Demand: []float64{1, 2, 3}, Forecast: []float64{1, 1, 1}},
		{Demand: []float64{1, 2, 3}, History: []float64{1, 2, 3, 4, 5, 6, 7}},
	}}
}

func TestNewErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		name  string
		mod   func(*Config)
		want  error
		field string
	}{
		{"no servers", func(c *Config) { c.Servers = nil }, ErrNoServers, ""},
		{"negative days", func(c *Config) { c.Days = -1 }, ErrBadDemand, "Demand"},
		{"days too long", func(c *Config) { c.Days = 4 }, ErrBadDemand, "Demand"},
		{"empty series", func(c *Config) { c.Servers[0].Demand = nil }, ErrBadDemand, "Demand"},
		{"negative demand", func(c *Config) { c.Servers[1].Demand[1] = -1 }, ErrBadDemand, "Demand"},
		{"NaN demand", func(c *Config) { c.Servers[0].Demand[2] = nan }, ErrBadDemand, "Demand"},
		{"Inf demand", func(c *Config) { c.Servers[0].Demand[0] = inf }, ErrBadDemand, "Demand"},
		{"huge demand", func(c *Config) { c.Servers[0].Demand[0] = 1e8 }, ErrBadDemand, "Demand"},
		{"NaN history", func(c *Config) { c.Servers[1].History[3] = nan }, ErrBadDemand, "History"},
		{"negative forecast", func(c *Config) { c.Servers[0].Forecast[1] = -0.5 }, ErrBadDemand, "Forecast"},
		{"short forecast", func(c *Config) { c.Servers[0].Forecast = []float64{1} }, ErrBadDemand, "Forecast"},
		{"NaN initial", func(c *Config) { c.Servers[0].Initial = nan }, ErrBadDemand, "Initial"},
		{"ForecastEvery", func(c *Config) { c.ForecastEvery = -1 }, ErrBadConfig, "ForecastEvery"},
		{"HistoryDays", func(c *Config) { c.HistoryDays = -7 }, ErrBadConfig, "HistoryDays"},
		{"OfferFraction", func(c *Config) { c.OfferFraction = 1.5 }, ErrBadConfig, "OfferFraction"},
		{"OfferFraction NaN", func(c *Config) { c.OfferFraction = nan }, ErrBadConfig, "OfferFraction"},
		{"ClassRule", func(c *Config) { c.ClassRule = 7 }, ErrBadConfig, "ClassRule"},
		{"Price", func(c *Config) { c.Price = 9 }, ErrBadConfig, "Price"},
		{"Kappa", func(c *Config) { c.Price = auction.PriceKappa; c.Kappa = 2 }, ErrBadConfig, "Kappa"},
		{"fixed class", func(c *Config) { c.ClassRule = ClassFixed; c.Servers[0].Class = 6 }, ErrBadConfig, "Class"},
		{"schedule", func(c *Config) { s := PaperSchedule(); s.PenaltyFactor = 0.5; c.Schedule = &s }, ErrBadSchedule, "PenaltyFactor"},
		{"vol", func(c *Config) { p := PaperPremium(); p.Vol = -1; c.Premium = &p }, ErrBadConfig, "Vol"},
		{"rate", func(c *Config) { p := PaperPremium(); p.Rate = nan; c.Premium = &p }, ErrBadConfig, "Rate"},
		{"daycount", func(c *Config) { p := PaperPremium(); p.DayCount = 0; c.Premium = &p }, ErrBadConfig, "DayCount"},
		{"discount", func(c *Config) { p := DiscountPremium(1); c.Premium = &p }, ErrBadConfig, "StrikeDiscount"},
		{"zero spot", func(c *Config) {
			p := DiscountPremium(0.1)
			p.Spot = func(Class, float64) float64 { return 0 }
			c.Premium = &p
		}, ErrBadConfig, "Spot"},
		{"NaN strike", func(c *Config) {
			p := DiscountPremium(0.1)
			p.Strike = func(cl Class, s float64) float64 {
				if cl == P4 {
					return nan
				}
				return s / 2
			}
			c.Premium = &p
		}, ErrBadConfig, "Strike(P4)"},
	}
	for _, c := range cases {
		cfg := validConfig()
		c.mod(cfg)
		_, err := New(cfg)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
			continue
		}
		if c.field != "" && !strings.Contains(err.Error(), c.field) {
			t.Errorf("%s: %q does not name %s", c.name, err, c.field)
		}
		var ie *InputError
		if errors.Is(c.want, ErrBadDemand) && !errors.As(err, &ie) {
			t.Errorf("%s: %T is not an *InputError", c.name, err)
		}
	}
}

type badForecaster struct{ v float64 }

func (b badForecaster) Forecast(h []float64, n int) ([]float64, error) {
	if b.v < -1 {
		return nil, errors.New("boom")
	}
	out := make([]float64, n)
	for k := range out {
		out[k] = b.v
	}
	return out, nil
}

func TestForecastErrors(t *testing.T) {
	for _, v := range []float64{math.NaN(), math.Inf(1), -1, 1e17, -2} {
		cfg := validConfig()
		cfg.Forecaster = badForecaster{v}
		_, err := New(cfg)
		var fe *ForecastError
		if !errors.As(err, &fe) || fe.Server != 1 || fe.Day != 0 {
			t.Errorf("forecast %v: %v", v, err)
		}
	}
	cfg := validConfig()
	cfg.Forecaster = badForecaster{2e9}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if q := s.Forecasts(); q[1][0] != 2e9 || q[0][2] != 1e9 {
		t.Errorf("forecasts %v", q)
	}
}

func TestRunErrors(t *testing.T) {
	s, err := New(validConfig())
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range []Scenario{
		{Maturity: 0, OptionFraction: 0.1},
		{Maturity: -3, OptionFraction: 0.1},
		{Maturity: 7, OptionFraction: math.NaN()},
		{Maturity: 7, OptionFraction: 1.1},
		{Maturity: 7, OptionFraction: 0.1, Plan: 2},
	} {
		r, err := s.Run(context.Background(), sc)
		if !errors.Is(err, ErrBadScenario) || r != nil {
			t.Errorf("%+v: %v %v", sc, r, err)
		}
	}
	rs, err := s.RunAll(context.Background(), nil, 0)
	if err != nil || len(rs) != 0 {
		t.Errorf("RunAll(nil) = %v, %v", rs, err)
	}
}

func TestRunStops(t *testing.T) {
	cfg := validConfig()
	stop := errors.New("stop")
	calls := 0
	cfg.Progress = func(p Progress) error {
		calls++
		if p.Day == 1 {
			return stop
		}
		return nil
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	sc := PaperScenarios()[4]
	r, err := s.Run(context.Background(), sc)
	if !errors.Is(err, stop) || r == nil || !r.Stopped || r.Days != 2 || calls != 2 {
		t.Fatalf("hook stop: %v %+v calls %d", err, r, calls)
	}
	if err := r.Verify(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, err = s.Run(ctx, sc)
	if !errors.Is(err, context.Canceled) || r == nil || !r.Stopped || r.Days != 0 {
		t.Fatalf("cancelled: %v %+v", err, r)
	}
	if err := r.Verify(); err != nil {
		t.Fatal(err)
	}
}

func TestNilConfigPanics(t *testing.T) {
	defer func() {
		if r := recover(); r != "market: nil config" {
			t.Errorf("recovered %v", r)
		}
	}()
	_, _ = New(nil)
}

func TestVerifyDetects(t *testing.T) {
	r, err := Simulate(context.Background(), w1Config(), w1Scenario(Plan7a))
	if err != nil {
		t.Fatal(err)
	}
	mods := []func(*Result){
		func(r *Result) { r.Daily[1].Penalty.Bytes++ },
		func(r *Result) { r.Daily[2].StockSold.USD += 1e-6 },
		func(r *Result) { r.Daily[0].StocksHeld-- },
		func(r *Result) { r.Servers[1].Cost += 1e-6 },
		func(r *Result) { r.CDNRevenue *= 1.001 },
		func(r *Result) { r.Daily[5].Branch = CoveredByStocks },
		func(r *Result) { r.Daily[3].OptionsExpired.Bytes-- },
		func(r *Result) { r.Daily[1].StockBought.USD += 0.01 },
		func(r *Result) { r.Market[2].OptionVolume++ },
	}
	for k, m := range mods {
		c := *r
		c.Daily = append([]DayRecord(nil), r.Daily...)
		c.Servers = append([]Account(nil), r.Servers...)
		c.Market = append([]MarketDay(nil), r.Market...)
		m(&c)
		if err := c.Verify(); !errors.Is(err, ErrIdentity) {
			t.Errorf("mutation %d not detected: %v", k, err)
		}
	}
}

// TestRunAllProgressSerialised counts hook calls with a plain int: the race
// detector flags concurrent calls; the count is days × scenarios.
func TestRunAllProgressSerialised(t *testing.T) {
	cfg := validConfig()
	calls := 0
	cfg.Progress = func(p Progress) error {
		calls++
		if p.Days != 3 || p.Day < 0 || p.Day >= 3 {
			t.Errorf("progress %+v", p)
		}
		return nil
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := s.RunAll(context.Background(), PaperScenarios(), 4)
	if err != nil {
		t.Fatal(err)
	}
	if calls != 3*12 || len(rs) != 12 {
		t.Errorf("%d calls, %d results", calls, len(rs))
	}
	for k, r := range rs {
		if r.Scenario.ID != k+1 {
			t.Errorf("result %d is scenario %d", k, r.Scenario.ID)
		}
	}
}
