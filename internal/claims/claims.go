// Package claims collects the machine-readable figures that example programs
// write with their -claims flag; scripts/figures merges them into
// docs/figures/claims.json, from which REPRODUCTION.md is generated.
package claims

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
)

// Set holds named figures; keys are dotted lower-case paths. A nil Set
// ignores every Put, so figure code runs unchanged without -claims.
type Set map[string]float64

// Put records v under key. Non-finite values (an empty cell's NaN mean) are
// left out, so a missing key means "not measured".
func (c Set) Put(key string, v float64) {
	if c == nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return
	}
	c[key] = v
}

// Write writes c to path as one JSON object with sorted keys.
func Write(path string, c Set) error {
	b, err := json.MarshalIndent(map[string]float64(c), "", "  ")
	if err != nil {
		return fmt.Errorf("-claims: %w", err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("-claims: %w", err)
	}
	return nil
}
