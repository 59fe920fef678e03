// The figures -claims writes (see internal/claims and scripts/claimsjson).

package app

import (
	"math"
	"slices"
	"strconv"

	"github.com/cdnkit/cdnkit/device/ledger"
	"github.com/cdnkit/cdnkit/internal/claims"
)

// claimTol is the slack of the monotonicity counts of -claims: BRUA stops at
// ε = 1e-9 and the curves are seed means, so differences below it are ties.
const claimTol = 1e-9

// figureClaims returns the figures of -claims, each computed from this run's
// results; a figure that was not run (or a ledger section that was off)
// leaves its keys out. The keys and what they answer:
//
//   - fig3a.*: runs and converged count BRUA runs over the three device
//     counts; max_iterations is the largest iteration count; n10/n20/n30.final
//     the seed-averaged final mean contribution; start_mean the mean initial
//     contribution over all runs (the caption's 0.432).
//   - fig3b.*: curves is the number of c values; curves_nonincreasing_k counts
//     the curves that never rise in k; k_points the k values and
//     k_ordered_in_c those at which the contribution is non-decreasing in c.
//   - fig4a.startS.thetaL, fig4a.max_start_diff, fig4b.thetaL: the EM
//     estimates; fig4b.converged 1 or 0, fig4b.collapsed the merged pairs.
//   - fig5a.*: curves counts the option sets with a priced bin; kN.first and
//     kN.last are the first and last non-empty bins of the N-option curve;
//     decreasing_curves counts the curves whose last bin is below the first;
//     max_spread is the largest gap between the curves at a bin where all
//     have data (price / c).
//   - ledger.*: trades settled; fee_per_tx_ether the fees over the
//     fee-paying transactions (the off-chain ledger's records: deposits,
//     opens and confirms);
//     fee_per_tx_usd at ledger.PaperUSDPerEther; fee_share_pct the fees as a
//     percentage of the traded volume.
func figureClaims(f *figures, led *ledgerStats) claims.Set {
	c := claims.Set{}
	if r := f.f3a; r != nil {
		runs, conv, maxIt := 0, 0, 0
		start := 0.0
		for k, n := range r.ns {
			runs += len(r.iters[k])
			conv += r.conv[k]
			maxIt = max(maxIt, slices.Max(r.iters[k]))
			start += r.start[k] * float64(len(r.iters[k]))
			switch n {
			case 10, 20, 30:
				c.Put("fig3a.n"+strconv.Itoa(n)+".final", r.traj[k][len(r.traj[k])-1])
			}
		}
		c.Put("fig3a.runs", float64(runs))
		c.Put("fig3a.converged", float64(conv))
		c.Put("fig3a.max_iterations", float64(maxIt))
		if runs > 0 {
			c.Put("fig3a.start_mean", start/float64(runs))
		}
	}
	if r := f.f3b; r != nil {
		nonInc := 0
		for ci := range r.cs {
			ok := true
			for ki := 1; ki < len(r.ks); ki++ {
				if r.d[ci][ki] > r.d[ci][ki-1]+claimTol {
					ok = false
				}
			}
			if ok {
				nonInc++
			}
		}
		// Order the curves by c, whatever order -cs gave.
		idx := make([]int, len(r.cs))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int {
			switch {
			case r.cs[a] < r.cs[b]:
				return -1
			case r.cs[a] > r.cs[b]:
				return 1
			}
			return 0
		})
		ordered := 0
		for ki := range r.ks {
			ok := true
			for j := 1; j < len(idx); j++ {
				if r.d[idx[j]][ki] < r.d[idx[j-1]][ki]-claimTol {
					ok = false
				}
			}
			if ok {
				ordered++
			}
		}
		c.Put("fig3b.curves", float64(len(r.cs)))
		c.Put("fig3b.curves_nonincreasing_k", float64(nonInc))
		c.Put("fig3b.k_points", float64(len(r.ks)))
		c.Put("fig3b.k_ordered_in_c", float64(ordered))
	}
	if r := f.f4a; r != nil {
		for si, er := range r.runs {
			for l, th := range er.mix.Theta {
				c.Put("fig4a.start"+strconv.Itoa(si+1)+".theta"+strconv.Itoa(l+1), th)
			}
		}
		if len(r.runs) == 2 {
			d := 0.0
			for l := range r.runs[0].mix.Theta {
				d = math.Max(d, math.Abs(r.runs[0].mix.Theta[l]-r.runs[1].mix.Theta[l]))
			}
			c.Put("fig4a.max_start_diff", d)
		}
	}
	if r := f.f4b; r != nil && len(r.runs) > 0 {
		m := r.runs[0].mix
		for l, th := range m.Theta {
			c.Put("fig4b.theta"+strconv.Itoa(l+1), th)
		}
		c.Put("fig4b.converged", b2f(m.Converged && r.runs[0].err == nil))
		c.Put("fig4b.collapsed", float64(len(m.Collapsed)))
	}
	if r := f.f5a; r != nil {
		curves, decreasing := 0, 0
		all := make([][]float64, len(optionSets))
		for oi, opts := range optionSets {
			cv := r.curve(oi)
			all[oi] = cv
			first, last := math.NaN(), math.NaN()
			for _, x := range cv {
				if math.IsNaN(x) {
					continue
				}
				if math.IsNaN(first) {
					first = x
				}
				last = x
			}
			if math.IsNaN(first) {
				continue
			}
			curves++
			if last < first {
				decreasing++
			}
			p := "fig5a.k" + strconv.Itoa(len(opts))
			c.Put(p+".first", first)
			c.Put(p+".last", last)
		}
		spread, found := 0.0, false
		for b := 0; b < bins5; b++ {
			lo, hi, ok := math.Inf(1), math.Inf(-1), true
			for _, cv := range all {
				if math.IsNaN(cv[b]) {
					ok = false
					break
				}
				lo, hi = math.Min(lo, cv[b]), math.Max(hi, cv[b])
			}
			if ok {
				spread, found = math.Max(spread, hi-lo), true
			}
		}
		c.Put("fig5a.curves", float64(curves))
		c.Put("fig5a.decreasing_curves", float64(decreasing))
		if found {
			c.Put("fig5a.max_spread", spread)
		}
	}
	if led != nil {
		c.Put("ledger.trades", float64(led.trades))
		if led.txs > 0 {
			ether := float64(led.fees) / float64(led.txs) / ledger.GweiPerEther
			c.Put("ledger.fee_per_tx_ether", ether)
			c.Put("ledger.fee_per_tx_usd", ether*ledger.PaperUSDPerEther)
		}
		if led.volume > 0 {
			c.Put("ledger.fee_share_pct", 100*float64(led.fees)/float64(led.volume))
		}
	}
	return c
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
