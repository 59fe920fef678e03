package lp

import (
	"errors"
	"fmt"
)

// Sentinel errors. ProblemError and MPSError unwrap to ErrBadProblem and ErrBadMPS.
var (
	ErrInfeasible     = errors.New("lp: problem is infeasible")
	ErrUnbounded      = errors.New("lp: problem is unbounded")
	ErrIterationLimit = errors.New("lp: iteration limit reached")
	ErrTimeLimit      = errors.New("lp: time limit reached")
	ErrBadProblem     = errors.New("lp: invalid problem")
	ErrBadMPS         = errors.New("lp: malformed MPS")
)

// ProblemError reports an invalid field of a Problem, CSR or Settings: Field names it ("C", "A.Val",
// "RowLower", "Settings.Tol", …), Index is the offending entry (-1 for scalars).
type ProblemError struct {
	Field  string
	Index  int
	Reason string
}

func (e *ProblemError) Error() string {
	if e.Index >= 0 {
		return fmt.Sprintf("lp: invalid problem: %s[%d]: %s", e.Field, e.Index, e.Reason)
	}
	return fmt.Sprintf("lp: invalid problem: %s: %s", e.Field, e.Reason)
}

// Unwrap returns ErrBadProblem.
func (e *ProblemError) Unwrap() error { return ErrBadProblem }

// MPSError reports a malformed MPS input at 1-based line Line.
type MPSError struct {
	Line   int
	Reason string
}

func (e *MPSError) Error() string {
	return fmt.Sprintf("lp: malformed MPS: line %d: %s", e.Line, e.Reason)
}

// Unwrap returns ErrBadMPS.
func (e *MPSError) Unwrap() error { return ErrBadMPS }
