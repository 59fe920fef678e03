package auction

import (
	"fmt"
	"math"
	"slices"
)

// Fill is one trade of a [Book]: the incoming (taker) order's ID, the resting (maker)
// order's ID, the taker's side, the trade price (the maker's limit) and the quantity.
type Fill struct {
	Taker, Maker int
	TakerSide    Side
	Price        float64
	Quantity     float64
}

// Level is one price level of a [Book]: its price, total remaining quantity and number of
// resting orders.
type Level struct {
	Price, Quantity float64
	Orders          int
}

// BookStats are the cumulative counters of a [Book] since [NewBook] or the last
// [Book.Reset]. Submitted is the total quantity of accepted orders, Filled the total fill
// quantity (each fill fills a taker and a maker, so Submitted = 2·Filled + Resting +
// Cancelled), Resting the quantity now resting, Cancelled the total returned by Cancel,
// Fills the number of fills and Ops the number of accepted Submit and successful Cancel
// calls.
type BookStats struct {
	Submitted, Filled, Resting, Cancelled float64
	Fills, Ops                            int
}

const nilSlot = -1

type bookOrder struct {
	id         int
	qty        float64
	seq        uint64
	prev, next int32
	level      int32
}

type bookLevel struct {
	price, qty float64
	head, tail int32
	n          int32
	pos        int32 // index in the side's heap
	side       Side
}

type bookSide struct {
	heap    []int32 // level slots; best at 0
	byPrice map[float64]int32
}

// Book is a continuous limit order book with price-time priority, partial fills and
// cancel (good-till-cancel limit orders; IOC = Submit then Cancel of the rest).
//
// Reconstruction of the data structure (for ≥ 10^6 operations/s): per side a binary heap of
// price levels and a map price → level; each level is an intrusive doubly linked FIFO of
// orders kept in a slice pool with a free list; a map ID → pool slot makes Cancel O(1).
// Submit costs O(log L + f) for L levels and f fills, Cancel O(1) plus O(log L) when its
// level empties. Memory is recycled: in steady state operations do not allocate.
//
// The zero Book is not usable; use [NewBook]. A Book is not safe for concurrent use.
type Book struct {
	orders    []bookOrder
	freeOrder int32
	levels    []bookLevel
	freeLevel int32
	sides     [2]bookSide
	ids       map[int]int32
	seq       uint64
	stats     BookStats
}

// NewBook returns an empty Book.
func NewBook() *Book {
	b := &Book{freeOrder: nilSlot, freeLevel: nilSlot, ids: make(map[int]int32)}
	for s := range b.sides {
		b.sides[s].byPrice = make(map[float64]int32)
	}
	return b
}

// Reset empties the book and its statistics, keeping the allocated memory.
func (b *Book) Reset() {
	b.orders = b.orders[:0]
	b.levels = b.levels[:0]
	b.freeOrder, b.freeLevel = nilSlot, nilSlot
	for s := range b.sides {
		b.sides[s].heap = b.sides[s].heap[:0]
		clear(b.sides[s].byPrice)
	}
	clear(b.ids)
	b.seq = 0
	b.stats = BookStats{}
}

// Len returns the number of resting orders.
func (b *Book) Len() int { return len(b.ids) }

// Stats returns the book's cumulative counters.
func (b *Book) Stats() BookStats { return b.stats }

// better reports whether price x is better than y on side s.
func better(s Side, x, y float64) bool {
	if s == Buy {
		return x > y
	}
	return x < y
}

// Submit enters a good-till-cancel limit order o on side and appends its fills to dst.
// While quantity remains and the best opposite level is marketable (best ask ≤ o.Price for
// a buy, best bid ≥ o.Price for a sell) it trades with the oldest order at the best level:
// q = min(remaining, maker's remaining) at the maker's price (price improvement goes to the
// taker); a maker whose remaining reaches 0 is removed. A remainder then rests at o.Price
// with the next sequence number; rested is that quantity (0 if filled completely).
//
// Errors, with the book unchanged: an *[OrderError] (Index −1) for a NaN, ±Inf or negative
// Price, a NaN, ±Inf or non-positive Quantity, or an invalid side; an error wrapping
// [ErrDuplicateID] if o.ID is the ID of a resting order.
func (b *Book) Submit(dst []Fill, side Side, o Order) (fills []Fill, rested float64, err error) {
	switch {
	case side != Buy && side != Sell:
		return dst, 0, &OrderError{Side: side, Index: -1, ID: o.ID, Field: "Side", Value: float64(side)}
	case !finiteNonNeg(o.Price):
		return dst, 0, &OrderError{Side: side, Index: -1, ID: o.ID, Field: "Price", Value: o.Price}
	case !(o.Quantity > 0 && o.Quantity <= math.MaxFloat64):
		return dst, 0, &OrderError{Side: side, Index: -1, ID: o.ID, Field: "Quantity", Value: o.Quantity}
	}
	if _, dup := b.ids[o.ID]; dup {
		return dst, 0, fmt.Errorf("%w: %d", ErrDuplicateID, o.ID)
	}
	price := o.Price + 0
	left := o.Quantity
	b.stats.Submitted += left
	b.stats.Ops++
	opp := &b.sides[1-side]
	for left > 0 && len(opp.heap) > 0 {
		ls := opp.heap[0]
		lv := &b.levels[ls]
		if better(1-side, price, lv.price) {
			break // not marketable
		}
		os := lv.head
		mk := &b.orders[os]
		q := min(left, mk.qty)
		dst = append(dst, Fill{Taker: o.ID, Maker: mk.id, TakerSide: side, Price: lv.price, Quantity: q})
		left -= q
		mk.qty -= q
		lv.qty -= q
		b.stats.Filled += q
		b.stats.Resting -= q
		b.stats.Fills++
		if mk.qty == 0 { // exact: q is one of the two operands
			delete(b.ids, mk.id)
			b.unlink(os)
		}
	}
	if left > 0 {
		b.rest(side, o.ID, price, left)
		b.stats.Resting += left
	}
	return dst, left, nil
}

// rest appends a new order to the level at price on side, creating the level if needed.
func (b *Book) rest(side Side, id int, price, qty float64) {
	sd := &b.sides[side]
	ls, ok := sd.byPrice[price]
	if !ok {
		ls = b.newLevel(side, price)
		sd.byPrice[price] = ls
		b.heapPush(side, ls)
	}
	os := b.freeOrder
	if os == nilSlot {
		b.orders = append(b.orders, bookOrder{})
		os = int32(len(b.orders) - 1)
	} else {
		b.freeOrder = b.orders[os].next
	}
	lv := &b.levels[ls]
	b.seq++
	b.orders[os] = bookOrder{id: id, qty: qty, seq: b.seq, prev: lv.tail, next: nilSlot, level: ls}
	if lv.tail == nilSlot {
		lv.head = os
	} else {
		b.orders[lv.tail].next = os
	}
	lv.tail = os
	lv.n++
	lv.qty += qty
	b.ids[id] = os
}

func (b *Book) newLevel(side Side, price float64) int32 {
	ls := b.freeLevel
	if ls == nilSlot {
		b.levels = append(b.levels, bookLevel{})
		ls = int32(len(b.levels) - 1)
	} else {
		b.freeLevel = b.levels[ls].head
	}
	b.levels[ls] = bookLevel{price: price, head: nilSlot, tail: nilSlot, side: side}
	return ls
}

// unlink removes order slot os from its level (deleting the level when it empties) and
// frees the slot. The caller removes the ID from b.ids.
func (b *Book) unlink(os int32) {
	od := &b.orders[os]
	ls := od.level
	lv := &b.levels[ls]
	if od.prev == nilSlot {
		lv.head = od.next
	} else {
		b.orders[od.prev].next = od.next
	}
	if od.next == nilSlot {
		lv.tail = od.prev
	} else {
		b.orders[od.next].prev = od.prev
	}
	lv.n--
	od.next = b.freeOrder
	b.freeOrder = os
	if lv.n == 0 {
		side := lv.side
		delete(b.sides[side].byPrice, lv.price)
		b.heapRemove(side, lv.pos)
		lv.head = b.freeLevel
		b.freeLevel = ls
	}
}

// Cancel removes the resting order id and returns its remaining quantity; an unknown (or
// already filled or cancelled) id returns ok = false and changes nothing.
func (b *Book) Cancel(id int) (remaining float64, ok bool) {
	os, ok := b.ids[id]
	if !ok {
		return 0, false
	}
	od := &b.orders[os]
	remaining = od.qty
	b.levels[od.level].qty -= remaining
	delete(b.ids, id)
	b.unlink(os)
	b.stats.Cancelled += remaining
	b.stats.Resting -= remaining
	b.stats.Ops++
	return remaining, true
}

func (b *Book) best(side Side) (price, quantity float64, ok bool) {
	h := b.sides[side].heap
	if len(h) == 0 {
		return 0, 0, false
	}
	lv := &b.levels[h[0]]
	return lv.price, lv.qty, true
}

// BestBid returns the highest bid price and the total quantity resting there; ok is false
// when no buy order rests.
func (b *Book) BestBid() (price, quantity float64, ok bool) { return b.best(Buy) }

// BestAsk returns the lowest ask price and the total quantity resting there; ok is false
// when no sell order rests.
func (b *Book) BestAsk() (price, quantity float64, ok bool) { return b.best(Sell) }

// Depth appends the best n price levels of side (all levels if n ≤ 0), best first, to dst
// and returns the extended slice. It runs in O(L log L) for L levels on the side.
func (b *Book) Depth(dst []Level, side Side, n int) []Level {
	if side != Buy && side != Sell {
		return dst
	}
	start := len(dst)
	for _, ls := range b.sides[side].heap {
		lv := &b.levels[ls]
		dst = append(dst, Level{Price: lv.price, Quantity: lv.qty, Orders: int(lv.n)})
	}
	add := dst[start:]
	slices.SortFunc(add, func(x, y Level) int {
		switch {
		case better(side, x.Price, y.Price):
			return -1
		case better(side, y.Price, x.Price):
			return 1
		}
		return 0
	})
	if n > 0 && len(add) > n {
		dst = dst[:start+n]
	}
	return dst
}

// Resting returns the side and the order (with Quantity = remaining) of the resting order
// id; ok is false if no such order rests.
func (b *Book) Resting(id int) (side Side, o Order, ok bool) {
	os, ok := b.ids[id]
	if !ok {
		return 0, Order{}, false
	}
	od := &b.orders[os]
	lv := &b.levels[od.level]
	return lv.side, Order{ID: id, Price: lv.price, Quantity: od.qty}, true
}

// Heap of level slots: best price at the root.

func (b *Book) heapLess(side Side, x, y int32) bool {
	return better(side, b.levels[x].price, b.levels[y].price)
}

func (b *Book) heapSet(side Side, i int, ls int32) {
	b.sides[side].heap[i] = ls
	b.levels[ls].pos = int32(i)
}

func (b *Book) heapPush(side Side, ls int32) {
	sd := &b.sides[side]
	sd.heap = append(sd.heap, ls)
	b.levels[ls].pos = int32(len(sd.heap) - 1)
	b.siftUp(side, len(sd.heap)-1)
}

func (b *Book) siftUp(side Side, i int) {
	h := b.sides[side].heap
	x := h[i]
	for i > 0 {
		p := (i - 1) / 2
		if !b.heapLess(side, x, h[p]) {
			break
		}
		b.heapSet(side, i, h[p])
		i = p
	}
	b.heapSet(side, i, x)
}

func (b *Book) siftDown(side Side, i int) {
	h := b.sides[side].heap
	n := len(h)
	x := h[i]
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && b.heapLess(side, h[c+1], h[c]) {
			c++
		}
		if !b.heapLess(side, h[c], x) {
			break
		}
		b.heapSet(side, i, h[c])
		i = c
	}
	b.heapSet(side, i, x)
}

func (b *Book) heapRemove(side Side, pos int32) {
	sd := &b.sides[side]
	i := int(pos)
	last := len(sd.heap) - 1
	if i != last {
		b.heapSet(side, i, sd.heap[last])
	}
	sd.heap = sd.heap[:last]
	if i < last {
		b.siftDown(side, i)
		b.siftUp(side, i)
	}
}
