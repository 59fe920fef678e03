package game

import (
	"errors"
	"fmt"
)

// Sentinel errors returned by the package. Typed errors (ParamError, MatrixError, BestResponseError) unwrap to
// the matching sentinel so that errors.Is works on them.
var (
	// ErrNotConverged is returned by BRUA when MaxIter updates did not meet the ε test.
	ErrNotConverged = errors.New("game: iteration limit reached before convergence")
	// ErrOscillation is returned by BRUA when the iterates settle on a 2-cycle. Remedy: Damping 0.5 or
	// Update = GaussSeidel.
	ErrOscillation = errors.New("game: best-response iteration oscillates (2-cycle)")
	// ErrNoClosedForm is returned by TwoPlayerNash for games without a closed-form solution.
	ErrNoClosedForm = errors.New("game: no closed-form two-player solution for this game")
	// ErrDegenerate is returned by TwoPlayerNash when the equilibria form a segment.
	ErrDegenerate = errors.New("game: equilibrium set is not finite")
	// ErrBadParam reports an invalid model or generator parameter (see ParamError).
	ErrBadParam = errors.New("game: invalid parameter")
	// ErrBadMatrix reports an invalid supply-demand matrix (see MatrixError).
	ErrBadMatrix = errors.New("game: invalid supply-demand matrix")
	// ErrBadStart reports a start profile with an entry outside [0,1] or NaN.
	ErrBadStart = errors.New("game: invalid start profile")
	// ErrBadSettings reports an invalid Settings field.
	ErrBadSettings = errors.New("game: invalid settings")
	// ErrNoPlayers is returned by BRUA for a game with no players.
	ErrNoPlayers = errors.New("game: game has no players")
)

// ParamError reports an invalid scalar or per-player parameter. Index is the player index for per-player
// parameters such as k, and -1 for scalars such as c. It unwraps to ErrBadParam.
type ParamError struct {
	Param string
	Index int
	Value float64
}

func (e *ParamError) Error() string {
	if e.Index >= 0 {
		return fmt.Sprintf("game: invalid parameter %s[%d] = %v", e.Param, e.Index, e.Value)
	}
	return fmt.Sprintf("game: invalid parameter %s = %v", e.Param, e.Value)
}

// Unwrap returns ErrBadParam.
func (e *ParamError) Unwrap() error { return ErrBadParam }

// MatrixError reports an invalid supply-demand matrix. Row is the row concerned (-1 when none) and Pos the
// position in the input slices (the CSR entry index, the triplet index or the dense column; -1 when none).
// It unwraps to ErrBadMatrix.
type MatrixError struct {
	Row, Pos int
	Reason   string
}

func (e *MatrixError) Error() string {
	return fmt.Sprintf("game: invalid supply-demand matrix: row %d, position %d: %s", e.Row, e.Pos, e.Reason)
}

// Unwrap returns ErrBadMatrix.
func (e *MatrixError) Unwrap() error { return ErrBadMatrix }

// BestResponseError reports that a Game's BestResponse returned a value that is NaN, infinite or outside
// [0,1] for Player during update Iteration (1-based).
type BestResponseError struct {
	Player, Iteration int
	Value             float64
}

func (e *BestResponseError) Error() string {
	return fmt.Sprintf("game: best response of player %d at iteration %d is %v, not in [0,1]", e.Player, e.Iteration, e.Value)
}
