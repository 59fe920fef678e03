package market

import "fmt"

// Plan is a pricing plan of the paper's §4.
type Plan int

// The two pricing plans.
const (
	// Plan6a trades stocks in the secondary market; stock options are bought
	// from the CDN and exercised, never traded.
	Plan6a Plan = iota
	// Plan7a is Plan6a plus the end-of-day stock-option call auction.
	Plan7a
)

// String returns "6a" or "7a" (or "Plan(n)").
func (p Plan) String() string {
	switch p {
	case Plan6a:
		return "6a"
	case Plan7a:
		return "7a"
	}
	return fmt.Sprintf("Plan(%d)", int(p))
}

// Scenario is one parameter set of a simulated run: the pricing plan, the
// maturity M of new stock options in days and the option fraction b (the
// options target is ⌈b·Q⌉ bytes of the day's forecast Q).
type Scenario struct {
	ID             int
	Name           string
	Plan           Plan
	Maturity       int     // days, ≥ 1
	OptionFraction float64 // b ∈ [0, 1]
}

// Validate returns nil or an error wrapping ErrBadScenario naming the
// field: Maturity < 1, OptionFraction NaN or outside [0, 1], unknown Plan.
func (sc *Scenario) Validate() error {
	switch {
	case sc.Maturity < 1:
		return fmt.Errorf("%w: Maturity = %d (must be at least 1 day)", ErrBadScenario, sc.Maturity)
	case !(sc.OptionFraction >= 0 && sc.OptionFraction <= 1):
		return fmt.Errorf("%w: OptionFraction = %v (must lie in [0, 1])", ErrBadScenario, sc.OptionFraction)
	case sc.Plan != Plan6a && sc.Plan != Plan7a:
		return fmt.Errorf("%w: Plan = %d", ErrBadScenario, int(sc.Plan))
	}
	return nil
}

// PaperScenarios returns the paper's 12 scenarios (Table 4), in ID order, as
// a fresh slice:
//
//	ID  name         plan  M   b
//	 1  6a/7d/10%    6a    7   0.10
//	 2  6a/14d/10%   6a   14   0.10
//	 3  6a/21d/10%   6a   21   0.10
//	 4  6a/28d/10%   6a   28   0.10
//	 5  7a/7d/10%    7a    7   0.10
//	 6  7a/14d/10%   7a   14   0.10
//	 7  7a/21d/10%   7a   21   0.10
//	 8  7a/28d/10%   7a   28   0.10
//	 9  6a/6d/15%    6a    6   0.15
//	10  7a/6d/15%    7a    6   0.15
//	11  6a/14d/5%    6a   14   0.05
//	12  7a/14d/5%    7a   14   0.05
func PaperScenarios() []Scenario {
	rows := []struct {
		plan Plan
		m    int
		b    float64
	}{
		{Plan6a, 7, 0.10}, {Plan6a, 14, 0.10}, {Plan6a, 21, 0.10}, {Plan6a, 28, 0.10},
		{Plan7a, 7, 0.10}, {Plan7a, 14, 0.10}, {Plan7a, 21, 0.10}, {Plan7a, 28, 0.10},
		{Plan6a, 6, 0.15}, {Plan7a, 6, 0.15},
		{Plan6a, 14, 0.05}, {Plan7a, 14, 0.05},
	}
	out := make([]Scenario, len(rows))
	for i, r := range rows {
		out[i] = Scenario{
			ID:             i + 1,
			Name:           fmt.Sprintf("%v/%dd/%d%%", r.plan, r.m, int(r.b*100+0.5)),
			Plan:           r.plan,
			Maturity:       r.m,
			OptionFraction: r.b,
		}
	}
	return out
}

// PaperScenario returns scenario id (1..12) of PaperScenarios, or an error
// wrapping ErrBadScenario.
func PaperScenario(id int) (Scenario, error) {
	if id < 1 || id > 12 {
		return Scenario{}, fmt.Errorf("%w: ID = %d (the paper's scenarios are 1..12)", ErrBadScenario, id)
	}
	return PaperScenarios()[id-1], nil
}

// PaperPairs returns the scenario pairs the paper compares, SO exchange off
// then on: (1,5) (2,6) (3,7) (4,8) (9,10) (11,12).
func PaperPairs() [6][2]int {
	return [6][2]int{{1, 5}, {2, 6}, {3, 7}, {4, 8}, {9, 10}, {11, 12}}
}
