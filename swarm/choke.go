package swarm

import "time"

// Tit-for-tat constants of mainline BitTorrent 4.x (Cohen, 2003; PeerSim).
const (
	tftRechoke    = 10 * time.Second
	tftOptimistic = 30 * time.Second
	tftSnub       = 60 * time.Second
)

// tftState is a leecher's choking state under ChokeTitForTat. Members are
// addressed by their position in the swarm's member list.
type tftState struct {
	cur, prev []int64 // bytes received per member in the current and previous 10 s
	last      []int   // step of the last byte received per member, -1 never
	regular   []int
	optimist  int
}

func (t *tftState) init(n int) {
	t.cur = make([]int64, n)
	t.prev = make([]int64, n)
	t.last = make([]int, n)
	for i := range t.last {
		t.last[i] = -1
	}
	t.optimist = -1
}

func (t *tftState) received(pos int32, k int, b int64) {
	if pos < 0 || b == 0 {
		return // cachers are not ranked
	}
	t.cur[pos] += b
	t.last[pos] = k
}

func (t *tftState) allows(q int) bool {
	for _, u := range t.regular {
		if u == q {
			return true
		}
	}
	return q == t.optimist
}

// everySteps converts a period to steps, at least 1.
func (s *sim) everySteps(d time.Duration) int {
	n := int((d + s.stepDur/2) / s.stepDur)
	if n < 1 {
		n = 1
	}
	return n
}

// rechoke applies the tit-for-tat rules at step k: every 10 s each active
// leecher keeps the Slots−1 interested members that sent it the most in the
// last 20 s (ties ascending index; members silent for 60 s after having sent
// are snubbed), and every 30 s it redraws one optimistic unchoke uniformly
// among the other interested members. A choke takes effect when the piece in
// flight ends (links are never aborted by choking).
func (s *sim) rechoke(k int) {
	re := s.everySteps(tftRechoke)
	opt := s.everySteps(tftOptimistic)
	snub := s.everySteps(tftSnub)
	if k%re != 0 && k%opt != 0 {
		return
	}
	for h := range s.hosts {
		st := &s.hosts[h]
		if st.tft == nil || !st.active || st.mem.complete {
			continue
		}
		t := st.tft
		st.selfVer++ // the unchoked set may change
		sw := s.sc.Hosts[h].Swarm
		ms := s.swarms[sw].members
		if k%re == 0 {
			t.regular = t.regular[:0]
			keep := s.sc.slots() - 1
			// Selection of the top keep by bytes, ties ascending index.
			for len(t.regular) < keep {
				best, bb := -1, int64(-1)
				for pos, q := range ms {
					if q == h || !s.hosts[q].active || contains(t.regular, q) {
						continue
					}
					if t.last[pos] >= 0 && k-t.last[pos] > snub {
						continue
					}
					if !s.interested(h, sw, q) {
						continue
					}
					if b := t.cur[pos] + t.prev[pos]; b > bb {
						best, bb = q, b
					}
				}
				if best < 0 {
					break
				}
				t.regular = append(t.regular, best)
			}
			copy(t.prev, t.cur)
			clear(t.cur)
		}
		if k%opt == 0 {
			n := 0
			for _, q := range ms {
				if q != h && s.hosts[q].active && !contains(t.regular, q) && s.interested(h, sw, q) {
					n++
				}
			}
			t.optimist = -1
			if n > 0 {
				r := s.intN(n)
				for _, q := range ms {
					if q != h && s.hosts[q].active && !contains(t.regular, q) && s.interested(h, sw, q) {
						if r == 0 {
							t.optimist = q
							break
						}
						r--
					}
				}
			}
		}
	}
}

func contains(xs []int, v int) bool {
	for _, x := range xs {
		if x == v {
			return true
		}
	}
	return false
}
