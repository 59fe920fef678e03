package auction

import (
	"errors"
	"fmt"
	"strconv"
)

// Side is a market side.
type Side uint8

// The two market sides.
const (
	Buy Side = iota
	Sell
)

// String returns "buy" or "sell" (or "Side(n)" for an invalid value).
func (s Side) String() string {
	switch s {
	case Buy:
		return "buy"
	case Sell:
		return "sell"
	}
	return "Side(" + strconv.Itoa(int(s)) + ")"
}

// Errors returned by the package. Typed errors unwrap to them.
var (
	ErrBadPrice    = errors.New("auction: invalid price")
	ErrBadOrder    = errors.New("auction: invalid order")
	ErrBadSettings = errors.New("auction: invalid settings")
	ErrDuplicateID = errors.New("auction: duplicate order id")
)

// PriceError reports the first invalid (NaN, ±Inf or negative) report found by [Validate].
// It unwraps to [ErrBadPrice].
type PriceError struct {
	Side  Side // Buy for bids, Sell for asks
	Index int  // index into bids or asks
	Value float64
}

func (e *PriceError) Error() string {
	name := "bids"
	if e.Side == Sell {
		name = "asks"
	}
	return fmt.Sprintf("auction: invalid price: %s[%d] = %v (want finite and >= 0)", name, e.Index, e.Value)
}

// Unwrap returns [ErrBadPrice].
func (e *PriceError) Unwrap() error { return ErrBadPrice }

// OrderError reports an invalid order given to [CallAuction] or [Book.Submit]. Index is the
// position in the buys or sells slice ([CallAuction]) or −1 ([Book], and the overflow of a
// side's total quantity in CallAuction). Field is "Price", "Quantity" or "Side". It unwraps
// to [ErrBadOrder].
type OrderError struct {
	Side      Side
	Index, ID int
	Field     string
	Value     float64
}

func (e *OrderError) Error() string {
	if e.Index < 0 && e.Field == "Quantity" && e.ID == -1 {
		return fmt.Sprintf("auction: invalid order: total %s quantity overflows to %v", e.Side, e.Value)
	}
	if e.Index < 0 {
		return fmt.Sprintf("auction: invalid order: %s order ID %d: %s = %v", e.Side, e.ID, e.Field, e.Value)
	}
	return fmt.Sprintf("auction: invalid order: %s order %d (ID %d): %s = %v", e.Side, e.Index, e.ID, e.Field, e.Value)
}

// Unwrap returns [ErrBadOrder].
func (e *OrderError) Unwrap() error { return ErrBadOrder }
