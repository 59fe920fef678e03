package auction

import (
	"cmp"
	"math"
	"slices"
)

// rankEntry is one ranked report: an order-preserving key and the input index.
type rankEntry struct {
	key uint64
	idx int32
}

// radixCutoff is the length from which rankSort uses the radix sort.
const radixCutoff = 4096

// maxEntries is the largest number of entries a side may have (indices are int32).
const maxEntries = math.MaxInt32

// ascKey returns the ascending sort key of a valid (finite, ≥ 0) value; −0 maps to 0.
func ascKey(v float64) uint64 { return math.Float64bits(v + 0) }

// descKey returns the descending sort key of a valid value.
func descKey(v float64) uint64 { return ^math.Float64bits(v + 0) }

// ascVal and descVal invert ascKey and descKey.
func ascVal(k uint64) float64  { return math.Float64frombits(k) }
func descVal(k uint64) float64 { return math.Float64frombits(^k) }

func cmpEntry(a, b rankEntry) int {
	if c := cmp.Compare(a.key, b.key); c != 0 {
		return c
	}
	return cmp.Compare(a.idx, b.idx)
}

// sorter holds the scratch memory of rankSort so that two sides can share it.
type sorter struct {
	buf   []rankEntry
	count []int32 // 4 × 65536 digit histograms
}

// sort sorts e ascending by (key, idx) and returns the sorted slice, which is e or the
// former scratch buffer (then e becomes the scratch, so a second call never overwrites the
// first result). The entries of e must be in increasing idx order on entry: the LSD radix
// sort is stable, so equal keys keep index order, the same order as the comparison sort
// used below radixCutoff entries.
func (s *sorter) sort(e []rankEntry) []rankEntry {
	n := len(e)
	if n < radixCutoff {
		slices.SortFunc(e, cmpEntry)
		return e
	}
	if len(s.buf) < n {
		s.buf = make([]rankEntry, n)
	}
	if s.count == nil {
		s.count = make([]int32, 4<<16)
	} else {
		clear(s.count)
	}
	c := s.count
	for _, x := range e {
		k := x.key
		c[k&0xffff]++
		c[1<<16+(k>>16)&0xffff]++
		c[2<<16+(k>>32)&0xffff]++
		c[3<<16+(k>>48)]++
	}
	src, dst := e, s.buf[:n]
	for pass := range 4 {
		h := c[pass<<16 : (pass+1)<<16]
		shift := uint(16 * pass)
		if h[(src[0].key>>shift)&0xffff] == int32(n) {
			continue // constant digit
		}
		var sum int32
		for d := range h {
			t := h[d]
			h[d] = sum
			sum += t
		}
		for _, x := range src {
			d := (x.key >> shift) & 0xffff
			dst[h[d]] = x
			h[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &e[0] {
		// The result lies in the scratch buffer: e's memory becomes the scratch.
		s.buf = e[:cap(e)]
	}
	return src
}

// sortBoth sorts two sides with one shared scratch buffer of the longer side's length:
// the longer side is sorted first, so that whichever array becomes the scratch is long
// enough for the shorter one.
func sortBoth(x, y []rankEntry) (sx, sy []rankEntry) {
	var st sorter
	if n := max(len(x), len(y)); n >= radixCutoff {
		st.buf = make([]rankEntry, n)
	}
	if len(x) >= len(y) {
		sx = st.sort(x)
		sy = st.sort(y)
	} else {
		sy = st.sort(y)
		sx = st.sort(x)
	}
	return sx, sy
}
