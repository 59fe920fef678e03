package em

import (
	"errors"
	"fmt"
)

// Sentinel errors returned by the package. Typed errors unwrap to one of them.
var (
	ErrNoData          = errors.New("em: no data")
	ErrBadCounts       = errors.New("em: invalid counts")
	ErrBadInit         = errors.New("em: invalid initial parameters")
	ErrBadSettings     = errors.New("em: invalid settings")
	ErrNotIdentifiable = errors.New("em: mixture not identifiable")
	ErrNotConverged    = errors.New("em: iteration limit reached before convergence")
	ErrNotMonotone     = errors.New("em: log-likelihood decreased")
	// ErrBadPrice reports a price list that is empty or holds a NaN, ±Inf or
	// negative price (see ValidatePrices).
	ErrBadPrice = errors.New("em: invalid price")
)

// CountError reports an invalid (successes, trials) pair: a negative count or
// more successes than trials. Index is the row (or -1 for a single pair).
type CountError struct {
	Index, S, M int
}

func (e *CountError) Error() string {
	return fmt.Sprintf("em: invalid counts at row %d: successes %d, trials %d (need 0 <= successes <= trials)", e.Index, e.S, e.M)
}

// Unwrap returns ErrBadCounts.
func (e *CountError) Unwrap() error { return ErrBadCounts }

// TableError reports a fetch-table entry that is not 0, 1 or Missing.
type TableError struct {
	Row, Col int
	Value    int8
}

func (e *TableError) Error() string {
	return fmt.Sprintf("em: table entry [%d][%d] = %d (want 0, 1 or Missing)", e.Row, e.Col, e.Value)
}

// Unwrap returns ErrBadCounts.
func (e *TableError) Unwrap() error { return ErrBadCounts }

// IdentifiabilityError reports that no row has enough trials for a K-component
// binomial mixture to be identifiable (max trials >= 2K-1 is required).
type IdentifiabilityError struct {
	MaxTrials, K int
}

func (e *IdentifiabilityError) Error() string {
	return fmt.Sprintf("em: mixture not identifiable: max trials %d < 2K-1 = %d for K = %d", e.MaxTrials, 2*e.K-1, e.K)
}

// Unwrap returns ErrNotIdentifiable.
func (e *IdentifiabilityError) Unwrap() error { return ErrNotIdentifiable }
