package kre

// thldm returns the index in window of the transient-high day, or −1.
//
// Reconstruction (the Paper: THLDM "detects transient high load and
// excludes the corresponding load from the next season's forecasting"):
// window day i < w − 1 is transient-high iff y_i > 0 and
//
//	y_i ≥ (1 + θ) · max_{j ≠ i} y_j
//
// Transience is only recognised after the fact, so the last day (no
// successor yet) is never flagged and a sustained rise is never excluded;
// comparing with every other day of the window, rather than with the
// neighbours or a median/MAD fence, keeps Mondays after a weekend and the
// day after an outage from being flagged. With θ > 0 at most one day can
// qualify. On the NASA-HTTP daily series of July and August 1995 the only
// day flagged with θ = 0.3 is 13 July 1995 (STS-70 launch, ratio ≥ 1.45);
// any θ in [0.13, 0.45] gives the same result.
func thldm(window []float64, theta float64) int {
	n := len(window)
	if n < 2 {
		return -1
	}
	// The largest and second largest values decide the rule for every i.
	top, second := -1, -1
	for i, v := range window {
		switch {
		case top < 0 || v > window[top]:
			second, top = top, i
		case second < 0 || v > window[second]:
			second = i
		}
	}
	if top == n-1 {
		return -1
	}
	y := window[top]
	if y > 0 && y >= (1+theta)*window[second] {
		return top
	}
	return -1
}
