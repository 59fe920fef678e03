package options

import (
	"errors"
	"fmt"
	"math"
)

// Kind is the payoff type of an option.
type Kind int

const (
	// Call pays max(S − K, 0) on exercise.
	Call Kind = iota
	// Put pays max(K − S, 0) on exercise.
	Put
)

// String returns "call" or "put" (or "Kind(n)" for an invalid value).
func (k Kind) String() string {
	switch k {
	case Call:
		return "call"
	case Put:
		return "put"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// eta returns +1 for a call and −1 for a put.
func (k Kind) eta() float64 {
	if k == Put {
		return -1
	}
	return 1
}

// Params are the inputs of every pricer.
//
// Spot S and Strike K are in the same unit (for example $/GB); prices come
// out in that unit. T is the time to expiry in years (the package never
// assumes a day count: callers convert, e.g. T = days/365). Rate r and
// Dividend q (the continuous yield, or the foreign rate) are continuously
// compounded per year; Vol σ is per √year. The cost of carry is b = r − q.
//
// Zero Spot, Strike, T and Vol are valid and priced by their exact limits.
type Params struct {
	Spot, Strike, T, Rate, Dividend, Vol float64
}

// Carry returns the cost of carry b = Rate − Dividend.
func (p Params) Carry() float64 { return p.Rate - p.Dividend }

// maxExponent bounds |Rate·T| and |Dividend·T| so that e^{±rT} stays finite.
const maxExponent = 700

// Validate checks p: Spot, Strike, T and Vol must be finite and ≥ 0, Rate
// and Dividend finite with |Rate·T| ≤ 700 and |Dividend·T| ≤ 700. It returns
// nil or a *ParamError naming the first offending field.
func (p Params) Validate() error {
	if err := nonNegative("Spot", p.Spot); err != nil {
		return err
	}
	if err := nonNegative("Strike", p.Strike); err != nil {
		return err
	}
	if err := nonNegative("T", p.T); err != nil {
		return err
	}
	if math.IsNaN(p.Rate) || math.IsInf(p.Rate, 0) {
		return &ParamError{Field: "Rate", Value: p.Rate, Reason: "must be finite"}
	}
	if math.IsNaN(p.Dividend) || math.IsInf(p.Dividend, 0) {
		return &ParamError{Field: "Dividend", Value: p.Dividend, Reason: "must be finite"}
	}
	if err := nonNegative("Vol", p.Vol); err != nil {
		return err
	}
	if math.Abs(p.Rate*p.T) > maxExponent {
		return &ParamError{Field: "Rate", Value: p.Rate, Reason: "|Rate·T| must be <= 700"}
	}
	if math.Abs(p.Dividend*p.T) > maxExponent {
		return &ParamError{Field: "Dividend", Value: p.Dividend, Reason: "|Dividend·T| must be <= 700"}
	}
	return nil
}

func nonNegative(field string, v float64) error {
	if !(v >= 0) || math.IsInf(v, 1) {
		return &ParamError{Field: field, Value: v, Reason: "must be finite and >= 0"}
	}
	return nil
}

// validate checks the kind and the parameters.
func validate(k Kind, p Params) error {
	if k != Call && k != Put {
		return &ParamError{Field: "Kind", Value: float64(k), Reason: "must be Call or Put"}
	}
	return p.Validate()
}

// Sentinel errors of the package. Typed errors unwrap to them.
var (
	// ErrInvalidParams is wrapped by every *ParamError.
	ErrInvalidParams = errors.New("options: invalid parameters")
	// ErrPriceOutOfBounds is wrapped by every *BoundError.
	ErrPriceOutOfBounds = errors.New("options: price outside no-arbitrage bounds")
	// ErrNotIdentifiable is returned by ImpliedVol when the price does not
	// determine the volatility in double precision.
	ErrNotIdentifiable = errors.New("options: implied volatility not identifiable")
	// ErrBadMethod is returned for an unknown Method or method name.
	ErrBadMethod = errors.New("options: unknown method")
	// ErrBadSteps is returned for a lattice step count outside [1, MaxSteps].
	ErrBadSteps = errors.New("options: invalid number of lattice steps")
)

// ParamError reports an invalid input. Field is "Spot", "Strike", "T",
// "Rate", "Dividend", "Vol", "Kind", "price" or "Workers". It unwraps to
// ErrInvalidParams.
type ParamError struct {
	Field  string
	Value  float64
	Reason string
}

// Error reads e.g. "options: invalid Params.Vol = -0.2: must be finite and >= 0".
func (e *ParamError) Error() string {
	name := e.Field
	switch e.Field {
	case "Spot", "Strike", "T", "Rate", "Dividend", "Vol":
		name = "Params." + e.Field
	case "Workers", "Steps":
		name = "BatchSettings." + e.Field
	}
	return fmt.Sprintf("options: invalid %s = %g: %s", name, e.Value, e.Reason)
}

// Unwrap returns ErrInvalidParams.
func (e *ParamError) Unwrap() error { return ErrInvalidParams }

// BoundError reports an option price outside the no-arbitrage interval
// [Lower, Upper] of ImpliedVol. It unwraps to ErrPriceOutOfBounds.
type BoundError struct {
	Price, Lower, Upper float64
}

// Error names the violated bound.
func (e *BoundError) Error() string {
	if e.Price < e.Lower {
		return fmt.Sprintf("options: price %g below the lower no-arbitrage bound %g", e.Price, e.Lower)
	}
	return fmt.Sprintf("options: price %g above the upper no-arbitrage bound %g", e.Price, e.Upper)
}

// Unwrap returns ErrPriceOutOfBounds.
func (e *BoundError) Unwrap() error { return ErrPriceOutOfBounds }

// BatchError reports the first element of a batch that failed. It unwraps to
// the element's error.
type BatchError struct {
	Index int
	Err   error
}

// Error names the index and the element's error.
func (e *BatchError) Error() string {
	return fmt.Sprintf("options: batch element %d: %v", e.Index, e.Err)
}

// Unwrap returns the element's error.
func (e *BatchError) Unwrap() error { return e.Err }

// checkFinite turns a non-finite result (possible only when the price itself
// exceeds the float64 range, e.g. Strike 1e300 with e^{−rT} = e^{700}) into
// an error naming the larger of Spot and Strike.
func checkFinite(v float64, p Params) (float64, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		if p.Strike >= p.Spot {
			return 0, &ParamError{Field: "Strike", Value: p.Strike, Reason: "the price overflows float64"}
		}
		return 0, &ParamError{Field: "Spot", Value: p.Spot, Reason: "the price overflows float64"}
	}
	return v, nil
}
