//go:build !peers_timeslot

package main

// timeslotLPs returns no LPs: without the peers_timeslot build tag the
// harness does not import package timeslot (see lp_timeslot.go).
func timeslotLPs(config) ([]namedLP, error) { return nil, nil }
