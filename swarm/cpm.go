package swarm

import (
	"math"
	"time"

	"gonum.org/v1/gonum/stat/distuv"
)

// TreeSize returns N_τ(e), the size of the content propagation tree of token e
// truncated at τ after e:
//
//	N_τ(e) = 1 + |{ f ∈ Desc(e) : T_f ≤ T_e + τ }|
//
// Desc(e) are e's children, their children and so on (same swarm and piece).
// The count is a depth-first walk that prunes a subtree as soon as a token is
// later than T_e + τ (children are strictly later than their parents, which
// the ledger enforces), so it costs O(size of the counted tree).
//
// Reconstruction: the paper's definition is on pages that did not survive; this
// is the simplest quantity with all its stated properties (spec §2.6).
// TreeSize panics if e is out of range.
func TreeSize(l *Ledger, e int, tau time.Duration) int {
	if e < 0 || e >= len(l.toks) {
		panic("swarm: index out of range")
	}
	limit := l.toks[e].T + tau
	n := 1
	var stack []int32
	for c := l.firstChild[e]; c >= 0; c = l.nextSibling[c] {
		stack = append(stack, c)
	}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if l.toks[f].T > limit {
			continue
		}
		n++
		for c := l.firstChild[f]; c >= 0; c = l.nextSibling[c] {
			stack = append(stack, c)
		}
	}
	return n
}

// Estimate summarises a sample: its mean, unbiased variance (0 for one
// observation), size and 95 % Student-t confidence interval [Lo, Hi]
// (Lo = Hi = Mean for N = 1; all zero for N = 0).
type Estimate struct {
	Mean, Var float64
	N         int
	Lo, Hi    float64
}

// CPM returns the Content Propagation Metric of host h in swarm s: the mean of
// N_τ(e) (see TreeSize) over the roots e uploaded by h in s with
// lo ≤ T_e ≤ hi, with its variance and 95 % interval. An empty root set gives
// N = 0; its Mean is 0 and must not be used as a value.
//
// The CPM estimates how many downloads one uploaded piece causes within τ, a
// local estimate of the slope of the swarm's response to h's bandwidth.
// V-Formation evaluates it at epoch T over roots with
// T − R − τ − W ≤ T_e ≤ T − R − τ, so every counted tree had the full τ to grow
// and its tokens have been redeemed.
//
// Reference: R. S. Peterson, B. Wong, E. G. Sirer, "A Content Propagation
// Metric for Efficient Content Distribution", ACM SIGCOMM 2011, pp. 326–337,
// doi:10.1145/2018436.2018474. Reconstruction: the formula (spec §2.6).
// Complexity O(Σ tree sizes). It panics if h or s is out of range.
func CPM(l *Ledger, h, s int, tau time.Duration, lo, hi time.Duration) Estimate {
	if h < 0 || h >= l.hosts || s < 0 || s >= l.swarms {
		panic("swarm: index out of range")
	}
	roots := l.rootsIn(h, s, lo, hi)
	var sum, sum2 float64
	for _, e := range roots {
		v := float64(TreeSize(l, e, tau))
		sum += v
		sum2 += v * v
	}
	return estimate(sum, sum2, len(roots))
}

func estimate(sum, sum2 float64, n int) Estimate {
	if n == 0 {
		return Estimate{}
	}
	m := sum / float64(n)
	if n == 1 {
		return Estimate{Mean: m, N: 1, Lo: m, Hi: m}
	}
	v := (sum2 - float64(n)*m*m) / float64(n-1)
	if v < 0 {
		v = 0
	}
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(0.975)
	hw := t * math.Sqrt(v/float64(n))
	return Estimate{Mean: m, Var: v, N: n, Lo: m - hw, Hi: m + hw}
}
