package device

import (
	"errors"
	"fmt"
)

// Errors of the streaming part. Functions wrap them with details; test with errors.Is.
var (
	ErrInvalidScenario = errors.New("device: invalid scenario")
	ErrBadTrace        = errors.New("device: bad trace")
	ErrBadLadder       = errors.New("device: bad ladder")
	ErrBadMobility     = errors.New("device: bad mobility")
	ErrInvalidDecision = errors.New("device: invalid decision")
	ErrEventLimit      = errors.New("device: event limit exceeded")
	ErrNoTraces        = errors.New("device: no traces")
	ErrBadSettings     = errors.New("device: bad settings")
)

// ScenarioError reports an invalid field of a Scenario. User is the user index, or -1 for a
// field of the scenario itself. It unwraps to ErrInvalidScenario.
type ScenarioError struct {
	User   int
	Field  string
	Reason string
}

func (e *ScenarioError) Error() string {
	if e.User < 0 {
		return fmt.Sprintf("device: invalid scenario: %s: %s", e.Field, e.Reason)
	}
	return fmt.Sprintf("device: invalid scenario: user %d: %s: %s", e.User, e.Field, e.Reason)
}

// Unwrap returns ErrInvalidScenario.
func (e *ScenarioError) Unwrap() error { return ErrInvalidScenario }

// ParseError reports a malformed trace or stays file. Line is 1-based, 0 when the error is not
// tied to one line. It unwraps to ErrBadTrace or ErrBadMobility.
type ParseError struct {
	Name   string
	Line   int
	Reason string
	kind   error
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%v: %s:%d: %s", e.kind, e.Name, e.Line, e.Reason)
	}
	return fmt.Sprintf("%v: %s: %s", e.kind, e.Name, e.Reason)
}

// Unwrap returns ErrBadTrace or ErrBadMobility.
func (e *ParseError) Unwrap() error {
	if e.kind == nil {
		return ErrBadTrace
	}
	return e.kind
}

// DecisionError reports an invalid decision of a policy. It unwraps to ErrInvalidDecision.
type DecisionError struct {
	User     int
	Time     float64
	Decision Decision
	Reason   string
}

func (e *DecisionError) Error() string {
	return fmt.Sprintf("device: invalid decision: user %d at t=%g: %+v: %s", e.User, e.Time, e.Decision, e.Reason)
}

// Unwrap returns ErrInvalidDecision.
func (e *DecisionError) Unwrap() error { return ErrInvalidDecision }

func finite(x float64) bool { return x-x == 0 }
