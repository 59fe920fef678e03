package kre

import (
	"errors"
	"strconv"
)

// Sentinel errors. Errors that carry data wrap one of these, so callers can
// test with errors.Is.
var (
	ErrNoData           = errors.New("kre: no data")
	ErrBadValue         = errors.New("kre: invalid value") // NaN, ±Inf; negative load in Forecast
	ErrBadBandwidth     = errors.New("kre: bandwidth must be positive and finite")
	ErrBadRange         = errors.New("kre: invalid bandwidth range")
	ErrTooFewPoints     = errors.New("kre: too few points")
	ErrNoValidBandwidth = errors.New("kre: no bandwidth in range satisfies the criterion's domain")
	ErrBadHorizon       = errors.New("kre: horizon must be at least 1")
	ErrShortHistory     = errors.New("kre: history shorter than the window")
	ErrNoHistory        = errors.New("kre: no history and no initial reservation")
	ErrBadSettings      = errors.New("kre: invalid settings")
	ErrSpanTooLarge     = errors.New("kre: log spans too many buckets")
	ErrBadCSV           = errors.New("kre: malformed daily CSV")
	// ErrOverflow is returned by LocalLinear when the fitted line, evaluated
	// at the requested point, exceeds the float64 range (extrapolation of
	// data near ±1.8e308). Nadaraya–Watson never overflows: its value lies
	// within [min y, max y].
	ErrOverflow = errors.New("kre: estimate overflows float64")
)

// ValueError reports an invalid number in an input slice or argument: Arg
// names the argument ("x", "y", "at", "history"), Index the position in it
// (0 for a scalar). It unwraps to ErrBadValue.
type ValueError struct {
	Arg   string
	Index int
	Value float64
}

func (e *ValueError) Error() string {
	return "kre: invalid value " + strconv.FormatFloat(e.Value, 'g', -1, 64) +
		" in " + e.Arg + "[" + strconv.Itoa(e.Index) + "]"
}

// Unwrap returns ErrBadValue.
func (e *ValueError) Unwrap() error { return ErrBadValue }

// CSVError reports a malformed daily CSV file: Line is the 1-based line
// number, Reason says what is wrong. It unwraps to ErrBadCSV.
type CSVError struct {
	Line   int
	Reason string
}

func (e *CSVError) Error() string {
	return "kre: malformed daily CSV: line " + strconv.Itoa(e.Line) + ": " + e.Reason
}

// Unwrap returns ErrBadCSV.
func (e *CSVError) Unwrap() error { return ErrBadCSV }
