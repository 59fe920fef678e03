package lp

import (
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func cmpApprox(abs float64) cmp.Option { return cmpopts.EquateApprox(0, abs) }

// cmpEmpty treats nil and empty slices as equal.
func cmpEmpty() cmp.Option { return cmpopts.EquateEmpty() }
