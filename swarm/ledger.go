package swarm

import (
	"sort"
	"time"
)

// Token is a receipt for one piece: downloader Downloader received piece Piece
// of swarm Swarm from Uploader, completing it at time T. Serials are
// consecutive from 1 in issue order.
type Token struct {
	Serial                             uint64
	Swarm, Piece, Uploader, Downloader int
	T                                  time.Duration
}

// Ledger is the coordinator's log of redeemed receipt tokens, with the parent
// links that form content propagation trees.
//
// Reconstruction of the paper's token protocol (the paper states only that
// V-Formation extends Antfarm's lightweight tokens): no cryptography; the
// coordinator is the ledger. The parent of a token e is the redeemed token f
// with f.Downloader = e.Uploader, f.Swarm = e.Swarm and f.Piece = e.Piece, or
// -1 when none exists (a cacher never downloads what it caches).
//
// A Ledger is not safe for concurrent mutation; concurrent reads are safe.
type Ledger struct {
	swarms, hosts int
	pieces        []int

	toks        []Token
	parent      []int32
	firstChild  []int32
	nextSibling []int32

	serials  map[uint64]struct{}
	acquired map[acqKey]int32 // (swarm, piece, downloader) → token index
	roots    [][]int          // [h*swarms+s] token indices in time order
	rejected []int
}

type acqKey struct{ s, p, q int32 }

// NewLedger returns an empty ledger for the given numbers of swarms and hosts;
// pieces[s] is the piece count of swarm s. It panics if len(pieces) != swarms
// or a count is negative.
func NewLedger(swarms, hosts int, pieces []int) *Ledger {
	if swarms < 0 || hosts < 0 || len(pieces) != swarms {
		panic("swarm: NewLedger size mismatch")
	}
	return &Ledger{
		swarms:   swarms,
		hosts:    hosts,
		pieces:   append([]int(nil), pieces...),
		serials:  make(map[uint64]struct{}),
		acquired: make(map[acqKey]int32),
		roots:    make([][]int, swarms*hosts),
		rejected: make([]int, hosts),
	}
}

// Redeem appends t to the ledger on behalf of its uploader; it is
// RedeemBy(t.Uploader, t).
func (l *Ledger) Redeem(t Token) error { return l.RedeemBy(t.Uploader, t) }

// RedeemBy appends t to the ledger on behalf of host by. It returns
// ErrBadToken when a host, swarm or piece is out of range, the serial is 0, the
// downloader equals the uploader, the downloader already redeemed a token for
// the same piece, or the token is not later than its parent; ErrForeignToken
// when by is not t.Uploader; and ErrDoubleRedeem for a serial already
// redeemed. A rejected token leaves the ledger unchanged except for the
// per-redeemer rejection count (Rejected), the hook for blacklisting.
func (l *Ledger) RedeemBy(by int, t Token) error {
	err := l.check(by, t)
	if err != nil {
		if by >= 0 && by < l.hosts {
			l.rejected[by]++
		}
		return err
	}
	idx := int32(len(l.toks))
	par := int32(-1)
	if f, ok := l.acquired[acqKey{int32(t.Swarm), int32(t.Piece), int32(t.Uploader)}]; ok {
		par = f
	}
	l.toks = append(l.toks, t)
	l.parent = append(l.parent, par)
	l.firstChild = append(l.firstChild, -1)
	l.nextSibling = append(l.nextSibling, -1)
	if par >= 0 {
		l.nextSibling[idx] = l.firstChild[par]
		l.firstChild[par] = idx
	}
	l.serials[t.Serial] = struct{}{}
	l.acquired[acqKey{int32(t.Swarm), int32(t.Piece), int32(t.Downloader)}] = idx
	r := &l.roots[t.Uploader*l.swarms+t.Swarm]
	*r = append(*r, int(idx))
	// Keep time order; tokens normally arrive in time order, so this is O(1).
	for i := len(*r) - 1; i > 0 && l.toks[(*r)[i-1]].T > t.T; i-- {
		(*r)[i-1], (*r)[i] = (*r)[i], (*r)[i-1]
	}
	return nil
}

func (l *Ledger) check(by int, t Token) error {
	if t.Serial == 0 || t.Swarm < 0 || t.Swarm >= l.swarms || t.Uploader < 0 || t.Uploader >= l.hosts ||
		t.Downloader < 0 || t.Downloader >= l.hosts || t.Uploader == t.Downloader ||
		t.Piece < 0 || t.Piece >= l.pieces[t.Swarm] || t.T < 0 {
		return ErrBadToken
	}
	if by != t.Uploader {
		return ErrForeignToken
	}
	if _, dup := l.serials[t.Serial]; dup {
		return ErrDoubleRedeem
	}
	if _, dup := l.acquired[acqKey{int32(t.Swarm), int32(t.Piece), int32(t.Downloader)}]; dup {
		return ErrBadToken
	}
	if f, ok := l.acquired[acqKey{int32(t.Swarm), int32(t.Piece), int32(t.Uploader)}]; ok && l.toks[f].T >= t.T {
		return ErrBadToken
	}
	return nil
}

// Len returns the number of redeemed tokens.
func (l *Ledger) Len() int { return len(l.toks) }

// At returns the i-th redeemed token and the index of its parent (-1 for a
// root). It panics if i is out of range.
func (l *Ledger) At(i int) (t Token, parent int) {
	if i < 0 || i >= len(l.toks) {
		panic("swarm: index out of range")
	}
	return l.toks[i], int(l.parent[i])
}

// Roots returns the indices of the tokens uploaded by h in swarm s, in time
// order. The slice is a read-only view. It panics if h or s is out of range.
func (l *Ledger) Roots(h, s int) []int {
	if h < 0 || h >= l.hosts || s < 0 || s >= l.swarms {
		panic("swarm: index out of range")
	}
	return l.roots[h*l.swarms+s]
}

// Rejected returns the number of tokens rejected for redeemer h. It panics if
// h is out of range.
func (l *Ledger) Rejected(h int) int {
	if h < 0 || h >= l.hosts {
		panic("swarm: index out of range")
	}
	return l.rejected[h]
}

// rootsIn returns the roots of (h, s) with lo ≤ T ≤ hi.
func (l *Ledger) rootsIn(h, s int, lo, hi time.Duration) []int {
	r := l.roots[h*l.swarms+s]
	i := sort.Search(len(r), func(i int) bool { return l.toks[r[i]].T >= lo })
	j := sort.Search(len(r), func(j int) bool { return l.toks[r[j]].T > hi })
	if j < i {
		return nil
	}
	return r[i:j]
}

// countIn calls fn for every token with lo < T ≤ hi, assuming tokens were
// redeemed in time order (true of the simulator's ledger).
func (l *Ledger) countIn(lo, hi time.Duration, fn func(e int)) {
	i := sort.Search(len(l.toks), func(i int) bool { return l.toks[i].T > lo })
	for ; i < len(l.toks); i++ {
		if l.toks[i].T > hi {
			// Tokens are in redemption order, which is time order for the
			// simulator; stop at the first later token.
			break
		}
		fn(i)
	}
}
