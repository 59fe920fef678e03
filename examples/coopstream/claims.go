package main

import "github.com/cdnkit/cdnkit/internal/claims"

// claimSet collects the figures that -claims writes (see internal/claims).
type claimSet = claims.Set

// writeClaims writes c to path for scripts/figures.
func writeClaims(path string, c claimSet) error { return claims.Write(path, c) }
