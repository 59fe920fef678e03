package device

import (
	"math"
	"strconv"
)

// Popularity is a periodic table of video weights, one row per snapshot. Slot t of a run with
// StartSlot s uses row k(t) = ⌊(t+s)/SnapshotSlots⌋ mod R (Reconstruction: the table repeats,
// so a day-long run may outrun a short trace). Viewers draw a video with probability
// proportional to its weight; a row summing to 0 means nothing is live and every OTT is idle.
// A Popularity is read, never modified, by the simulator and may be shared by concurrent runs.
type Popularity struct {
	Names         []string    // len V; video ids ("0".."V−1" for Zipf); nil is allowed
	SnapshotSlots int         // slots per row; ≥ 1
	Weights       [][]float64 // R rows × V; finite, ≥ 0; at least one row with positive sum
}

// ZipfPopularity returns the one-row Zipf popularity w_v = (v+1)^(−s), v = 0..videos−1, with
// names "0".."videos−1". Reconstruction: the paper takes popularity from its trace; Zipf with
// s = DefaultZipfExponent = 0.8 over DefaultOTTVideos = 50 videos is the default. videos outside
// [1, 2²⁰] or s negative, NaN or Inf give an error wrapping ErrBadOTTConfig. O(V).
func ZipfPopularity(videos int, s float64) (*Popularity, error) {
	if videos < 1 || videos > ottMaxVideos {
		return nil, ottErr("videos", -1, "%d outside [1, 2^20]", videos)
	}
	if !(s >= 0) || math.IsInf(s, 0) {
		return nil, ottErr("s", -1, "Zipf exponent %v is not a finite number ≥ 0", s)
	}
	names := make([]string, videos)
	w := make([]float64, videos)
	for v := range w {
		names[v] = strconv.Itoa(v)
		w[v] = math.Pow(float64(v+1), -s)
	}
	return &Popularity{Names: names, SnapshotSlots: 1, Weights: [][]float64{w}}, nil
}

// Validate checks p: V = len(row) in [1, 2²⁰] (and len(Names) = V when Names is set), rows of
// equal length, entries finite and ≥ 0, every row sum finite, at least one row with a positive
// sum, SnapshotSlots ≥ 1. Errors are *OTTConfigError with Field "Popularity" (Index: the row,
// or −1).
func (p *Popularity) Validate() error {
	if p == nil {
		return ottErr("Popularity", -1, "nil")
	}
	if p.SnapshotSlots < 1 {
		return ottErr("Popularity", -1, "SnapshotSlots %d < 1", p.SnapshotSlots)
	}
	if len(p.Weights) == 0 {
		return ottErr("Popularity", -1, "no rows")
	}
	v := len(p.Weights[0])
	if v < 1 || v > ottMaxVideos {
		return ottErr("Popularity", 0, "%d videos outside [1, 2^20]", v)
	}
	if p.Names != nil && len(p.Names) != v {
		return ottErr("Popularity", -1, "%d names for %d videos", len(p.Names), v)
	}
	positive := false
	for k, row := range p.Weights {
		if len(row) != v {
			return ottErr("Popularity", k, "ragged: %d weights, want %d", len(row), v)
		}
		sum := 0.0
		for j, w := range row {
			if !(w >= 0) || math.IsInf(w, 0) {
				return ottErr("Popularity", k, "weight %d is %v, want finite ≥ 0", j, w)
			}
			sum += w
		}
		if math.IsInf(sum, 0) {
			return ottErr("Popularity", k, "weights sum to +Inf")
		}
		if sum > 0 {
			positive = true
		}
	}
	if !positive {
		return ottErr("Popularity", -1, "every row sums to 0")
	}
	return nil
}

// Row returns the weights of row k(slot) with StartSlot 0, a read-only view. slot < 0 wraps
// periodically.
func (p *Popularity) Row(slot int) []float64 {
	r := len(p.Weights)
	k := slot / p.SnapshotSlots
	if slot < 0 && slot%p.SnapshotSlots != 0 {
		k--
	}
	k %= r
	if k < 0 {
		k += r
	}
	return p.Weights[k]
}
