package device

import (
	"fmt"
	"math"
	"strconv"
)

// QoEKind selects the per-segment quality q(r) of the ABR QoE metric.
type QoEKind int

// QoE metrics of Mao et al. (2017), hongzimao/pensieve test/mpc.py and test/plot_results.py.
const (
	QoELin QoEKind = iota // q(r) = r (Mbps); μ = 4.3, λ = 1
	QoELog                // q(r) = ln(r / r^0); μ = 2.66, λ = 1
	QoEHD                 // q from a reward table per level; μ = 8, λ = 1
)

// String returns "lin", "log" or "hd".
func (k QoEKind) String() string {
	switch k {
	case QoELin:
		return "lin"
	case QoELog:
		return "log"
	case QoEHD:
		return "hd"
	}
	return "QoEKind(" + strconv.Itoa(int(k)) + ")"
}

// QoEMetric is the alternative ABR metric reported in UserResult.QoE: per valued segment k,
//
//	QoE_k = q(r_k) − μ·stall_k − λ·|q(r_k) − q(r_{k−1})|   (no switch term for the first),
//
// stall_k the stall accrued since the previous valued segment (the first carries the start-up
// delay); values are per segment, not normalised by the segment length. Rebuf (μ) and Smooth
// (λ) of 0 take the kind's defaults; a nil Reward takes Pensieve's {1, 2, 3, 12, 15, 20} (for
// PensieveLadder). SkipFirst drops the first segment's term, as Pensieve's trace score does.
// The zero value is QoE_lin.
type QoEMetric struct {
	Kind          QoEKind
	Rebuf, Smooth float64
	Reward        []float64
	SkipFirst     bool
}

type qoeEval struct {
	kind       QoEKind
	mu, lambda float64
	reward     []float64
	skipFirst  bool
}

func (m QoEMetric) resolve() (qoeEval, error) {
	e := qoeEval{kind: m.Kind, mu: m.Rebuf, lambda: m.Smooth, reward: m.Reward, skipFirst: m.SkipFirst}
	switch m.Kind {
	case QoELin:
		e.mu = orDefault(e.mu, 4.3)
	case QoELog:
		e.mu = orDefault(e.mu, 2.66)
	case QoEHD:
		e.mu = orDefault(e.mu, 8)
		if e.reward == nil {
			e.reward = []float64{1, 2, 3, 12, 15, 20}
		}
	default:
		return e, fmt.Errorf("%w: QoE kind %d unknown", ErrBadSettings, int(m.Kind))
	}
	e.lambda = orDefault(e.lambda, 1)
	if !finite(e.mu) || e.mu < 0 || !finite(e.lambda) || e.lambda < 0 {
		return e, fmt.Errorf("%w: QoE Rebuf %g or Smooth %g negative or not finite", ErrBadSettings, m.Rebuf, m.Smooth)
	}
	for _, x := range e.reward {
		if !finite(x) {
			return e, fmt.Errorf("%w: QoE reward %g not finite", ErrBadSettings, x)
		}
	}
	return e, nil
}

func (e *qoeEval) q(l Ladder, level int) float64 {
	switch e.kind {
	case QoELog:
		return math.Log(l[level] / l[0])
	case QoEHD:
		return e.reward[level]
	}
	return l[level]
}
