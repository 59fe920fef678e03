package market

import "math"

// PD returns the paper's percentage difference (eq. (1)),
//
//	PD(x, y) = 100·|x − y| / ((x + y)/2),   PD(0, 0) = 0,
//
// for non-negative x and y (0 whenever x + y = 0).
func PD(x, y float64) float64 {
	s := x + y
	if s == 0 {
		return 0
	}
	return 100 * math.Abs(x-y) / (s / 2)
}

// PS returns the share of the EoD deficit covered by stock options, in
// percent (the paper's Table 16): 100·Exercised/(Exercised + Penalty) in
// bytes, 0 when both are 0.
func PS(a Account) float64 {
	s := a.Exercised.Bytes + a.Penalty.Bytes
	if s == 0 {
		return 0
	}
	return 100 * float64(a.Exercised.Bytes) / float64(s)
}
