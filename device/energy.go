package device

import (
	"math"
	"strconv"
)

// Energy holds a device's energy factors: cellular download E^C = CellTime·(te−ts) +
// CellVolume·m (the paper's (9), the time + volume model of Balasubramanian et al. 2009), WiFi
// forwarding E^W = WiFiTime·τ^W + WiFiVolume·m (the paper's (10)) and WiFi reception
// E^Rx = WiFiRxVolume·m, for m Mbit.
type Energy struct {
	CellTime     float64 // α^t, J/s
	CellVolume   float64 // α^v, J/Mbit
	WiFiTime     float64 // β^t, J/s
	WiFiVolume   float64 // β^v, J/Mbit
	WiFiRxVolume float64 // β^rx, J/Mbit
}

// DefaultEnergy returns α^t = 0.62 J/s, α^v = 3.125 J/Mbit, β^t = 0, β^v = 0.875 J/Mbit,
// β^rx = 0, from Balasubramanian et al. (ACM IMC 2009): 3G R(x) = 0.025·x + 3.5 J with a tail
// of 0.62 W, WiFi R(x) = 0.007·x + 5.9 J, x in KB (1 KB = 1000 bytes, so 0.025 J/KB = 3.125
// J/Mbit and 0.007 J/KB = 0.875 J/Mbit).
//
// Reconstruction: the paper's model has only time and volume terms and its factors (from
// Perrucci et al., VTC-Spring 2011) are lost; the per-transfer constants and the tail are
// folded into the time term.
func DefaultEnergy() Energy {
	return Energy{CellTime: 0.62, CellVolume: 0.025 * 125, WiFiVolume: 0.007 * 125}
}

// DefaultLambdaE is the default value of one joule, λ_E (value units per J).
//
// Reconstruction: the paper's value is lost; 0.02 puts energy at 7–17 % of the value of a
// content second on the default ladder.
const DefaultLambdaE = 0.02

// ValueKind selects the value function v(r) of a segment of bitrate r.
type ValueKind int

// Value functions.
const (
	// ValueLog1p is v = θ·ln(1 + r). Reconstruction: the paper's simulation value function is
	// lost; it is concave in bitrate as the paper requires.
	ValueLog1p ValueKind = iota
	// ValueLinear is v = θ·r.
	ValueLinear
	// ValueLogRatio is v = θ·ln(r / r^0) (Spiteri et al. 2016; Mao et al. 2017).
	ValueLogRatio
)

// String returns "log1p", "linear" or "logratio".
func (k ValueKind) String() string {
	switch k {
	case ValueLog1p:
		return "log1p"
	case ValueLinear:
		return "linear"
	case ValueLogRatio:
		return "logratio"
	}
	return "ValueKind(" + strconv.Itoa(int(k)) + ")"
}

// Eval returns v(r) per content second for value factor theta, bitrate r and lowest bitrate
// r0 of the ladder (Mbps); 0 for an unknown kind.
func (k ValueKind) Eval(theta, r, r0 float64) float64 {
	switch k {
	case ValueLog1p:
		return theta * math.Log1p(r)
	case ValueLinear:
		return theta * r
	case ValueLogRatio:
		return theta * math.Log(r/math.Max(r0, 1e-12))
	}
	return 0
}
