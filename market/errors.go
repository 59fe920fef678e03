package market

import (
	"errors"
	"fmt"
)

// Sentinel errors of the package. Typed errors unwrap to them.
var (
	ErrNoServers   = errors.New("market: no origin servers")
	ErrBadDemand   = errors.New("market: invalid demand")
	ErrBadConfig   = errors.New("market: invalid configuration")
	ErrBadSchedule = errors.New("market: invalid price schedule")
	ErrBadScenario = errors.New("market: invalid scenario")
	ErrShortTrace  = errors.New("market: trace too short")
	ErrClearing    = errors.New("market: secondary-market clearing violates its contract")
	ErrIdentity    = errors.New("market: accounting identity violated")
)

// InputError reports a bad input value: Server is the index in
// Config.Servers (−1 when not per server), Day the index in the named series
// (−1 when not per day), Field "Demand", "History", "Forecast" or "Initial".
// It unwraps to ErrBadDemand.
type InputError struct {
	Server, Day int
	Field       string
	Value       float64
}

func (e *InputError) Error() string {
	return fmt.Sprintf("market: invalid %s of server %d at day %d: %v", e.Field, e.Server, e.Day, e.Value)
}

// Unwrap returns ErrBadDemand.
func (e *InputError) Unwrap() error { return ErrBadDemand }

// ForecastError reports a forecaster failure or an unusable forecast value
// (NaN, ±Inf, negative or above 2^53 bytes) for server Server on day Day.
// It unwraps to the forecaster's error, or to ErrBadDemand for a bad value.
type ForecastError struct {
	Server, Day int
	Value       float64
	Err         error
}

func (e *ForecastError) Error() string {
	if e.Err != nil && !errors.Is(e.Err, ErrBadDemand) {
		return fmt.Sprintf("market: forecast of server %d for day %d: %v", e.Server, e.Day, e.Err)
	}
	return fmt.Sprintf("market: invalid forecast of server %d for day %d: %v bytes", e.Server, e.Day, e.Value)
}

// Unwrap returns the underlying error.
func (e *ForecastError) Unwrap() error {
	if e.Err == nil {
		return ErrBadDemand
	}
	return e.Err
}

// ClearingError reports a secondary-market clearing that breaks its
// contract (a fill not integral or above its order, unbalanced volume, a
// price outside the clearing interval or not individually rational). It
// signals a bug and unwraps to ErrClearing.
type ClearingError struct {
	Day    int
	Good   string // "stocks" or "options"
	Reason string
}

func (e *ClearingError) Error() string {
	return fmt.Sprintf("market: %s clearing on day %d: %s", e.Good, e.Day, e.Reason)
}

// Unwrap returns ErrClearing.
func (e *ClearingError) Unwrap() error { return ErrClearing }

// IdentityError reports the first accounting identity that Result.Verify
// found violated: Day (−1 for a run total), Server (−1 for a sum over
// servers), the identity's name and both sides.
type IdentityError struct {
	Day, Server int
	Identity    string
	Got, Want   float64
}

func (e *IdentityError) Error() string {
	return fmt.Sprintf("market: identity %q violated (day %d, server %d): got %v, want %v", e.Identity, e.Day, e.Server, e.Got, e.Want)
}

// Unwrap returns ErrIdentity.
func (e *IdentityError) Unwrap() error { return ErrIdentity }
