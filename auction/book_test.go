package auction

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"
)

// bookModel is the reference order book: a plain slice of resting orders, matched by a
// linear scan for the best price, then the lowest sequence number.
type bookModel struct {
	rest  []modelOrder
	seq   int
	stats BookStats
}

type modelOrder struct {
	side       Side
	id         int
	price, qty float64
	seq        int
}

func (m *bookModel) find(id int) int {
	return slices.IndexFunc(m.rest, func(o modelOrder) bool { return o.id == id })
}

func (m *bookModel) submit(side Side, o Order) (fills []Fill, rested float64, err error) {
	if m.find(o.ID) >= 0 {
		return nil, 0, ErrDuplicateID
	}
	left := o.Quantity
	m.stats.Submitted += left
	m.stats.Ops++
	for left > 0 {
		best := -1
		for i, r := range m.rest {
			if r.side == side {
				continue
			}
			if side == Buy && r.price > o.Price || side == Sell && r.price < o.Price {
				continue
			}
			if best < 0 || better(r.side, r.price, m.rest[best].price) ||
				r.price == m.rest[best].price && r.seq < m.rest[best].seq {
				best = i
			}
		}
		if best < 0 {
			break
		}
		mk := &m.rest[best]
		q := min(left, mk.qty)
		fills = append(fills, Fill{Taker: o.ID, Maker: mk.id, TakerSide: side, Price: mk.price, Quantity: q})
		left -= q
		mk.qty -= q
		m.stats.Filled += q
		m.stats.Resting -= q
		m.stats.Fills++
		if mk.qty == 0 {
			m.rest = slices.Delete(m.rest, best, best+1)
		}
	}
	if left > 0 {
		m.seq++
		m.rest = append(m.rest, modelOrder{side, o.ID, o.Price, left, m.seq})
		m.stats.Resting += left
	}
	return fills, left, nil
}

func (m *bookModel) cancel(id int) (float64, bool) {
	i := m.find(id)
	if i < 0 {
		return 0, false
	}
	q := m.rest[i].qty
	m.rest = slices.Delete(m.rest, i, i+1)
	m.stats.Cancelled += q
	m.stats.Resting -= q
	m.stats.Ops++
	return q, true
}

// levels returns the model's price levels of side, best first.
func (m *bookModel) levels(side Side) []Level {
	var lv []Level
	for _, r := range m.rest {
		if r.side != side {
			continue
		}
		i := slices.IndexFunc(lv, func(l Level) bool { return l.Price == r.price })
		if i < 0 {
			lv = append(lv, Level{Price: r.price})
			i = len(lv) - 1
		}
		lv[i].Quantity += r.qty
		lv[i].Orders++
	}
	slices.SortFunc(lv, func(x, y Level) int {
		if better(side, x.Price, y.Price) {
			return -1
		}
		return 1
	})
	return lv
}

type fataler interface {
	Helper()
	Fatalf(string, ...any)
}

// checkBook checks invariants I1–I6 and all queries of b against the model: exactly for
// integer-valued quantities (tol 0), level sums and conservation up to tol otherwise.
func checkBook(t fataler, b *Book, m *bookModel, tol float64) {
	t.Helper()
	eq := cmpopts.EquateApprox(tol, tol)
	if b.Len() != len(m.rest) {
		t.Fatalf("Len %d, model %d", b.Len(), len(m.rest))
	}
	for _, side := range []Side{Buy, Sell} {
		want := m.levels(side)
		got := b.Depth(nil, side, 0)
		if !cmp.Equal(want, got, cmpopts.EquateEmpty(), eq) {
			t.Fatalf("%s depth: %s", side, cmp.Diff(want, got, cmpopts.EquateEmpty(), eq))
		}
		if len(want) > 2 {
			if top := b.Depth([]Level{{}}, side, 2); !cmp.Equal(append([]Level{{}}, want[:2]...), top, eq) {
				t.Fatalf("%s depth 2 appended: %v", side, top)
			}
		}
		p, q, ok := b.best(side)
		if ok != (len(want) > 0) || ok && (p != want[0].Price || !cmp.Equal(q, want[0].Quantity, eq)) {
			t.Fatalf("%s best %v %v %v, want %v", side, p, q, ok, want)
		}
	}
	// I1: never crossed.
	bp, _, okb := b.BestBid()
	ap, _, oka := b.BestAsk()
	if okb && oka && bp >= ap {
		t.Fatalf("crossed book: bid %v ask %v", bp, ap)
	}
	// I5 and Resting.
	for _, r := range m.rest {
		side, o, ok := b.Resting(r.id)
		if !ok || side != r.side || o != (Order{r.id, r.price, r.qty}) {
			t.Fatalf("Resting(%d) = %v %+v %v, model %+v", r.id, side, o, ok, r)
		}
	}
	st := b.Stats()
	if st != m.stats {
		t.Fatalf("stats %+v, model %+v", st, m.stats)
	}
	// I3: conservation.
	if !cmp.Equal(st.Submitted, 2*st.Filled+st.Resting+st.Cancelled, eq) {
		t.Fatalf("conservation: %+v", st)
	}
}

// checkFills checks I4 and I6 for the fills of one Submit and compares them with the model.
func checkFills(t fataler, side Side, o Order, got, want []Fill) {
	t.Helper()
	if !cmp.Equal(want, got, cmpopts.EquateEmpty()) {
		t.Fatalf("submit %s %+v fills: %s", side, o, cmp.Diff(want, got, cmpopts.EquateEmpty()))
	}
	for _, f := range got {
		if f.TakerSide != side || f.Taker != o.ID || f.Quantity <= 0 ||
			side == Buy && f.Price > o.Price || side == Sell && f.Price < o.Price {
			t.Fatalf("bad fill %+v for %s %+v", f, side, o)
		}
	}
}

type bookMachine struct {
	b      *Book
	m      bookModel
	nextID int
	dst    []Fill
}

func (bm *bookMachine) submit(t fataler, side Side, price, qty float64) {
	bm.nextID++
	o := Order{ID: bm.nextID, Price: price, Quantity: qty}
	fills, rested, err := bm.b.Submit(bm.dst[:0], side, o)
	bm.dst = fills
	wf, wr, _ := bm.m.submit(side, o)
	if err != nil || rested != wr {
		t.Fatalf("submit %s %+v: rested %v err %v, model %v", side, o, rested, err, wr)
	}
	checkFills(t, side, o, fills, wf)
}

func (bm *bookMachine) cancel(t fataler, id int) {
	q, ok := bm.b.Cancel(id)
	wq, wok := bm.m.cancel(id)
	if q != wq || ok != wok {
		t.Fatalf("cancel %d: %v %v, model %v %v", id, q, ok, wq, wok)
	}
}

func (bm *bookMachine) duplicate(t fataler, id int, side Side, price, qty float64) {
	before := bm.b.Stats()
	fills, rested, err := bm.b.Submit(nil, side, Order{ID: id, Price: price, Quantity: qty})
	if !errors.Is(err, ErrDuplicateID) || fills != nil || rested != 0 || bm.b.Stats() != before {
		t.Fatalf("duplicate %d: %v %v %v", id, fills, rested, err)
	}
}

func TestPropBookStateMachine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		bm := &bookMachine{b: NewBook()}
		sideGen := rapid.SampledFrom([]Side{Buy, Sell})
		t.Repeat(map[string]func(*rapid.T){
			"submit": func(t *rapid.T) {
				bm.submit(t, sideGen.Draw(t, "side"), float64(rapid.IntRange(1, 10).Draw(t, "price")),
					float64(rapid.IntRange(1, 8).Draw(t, "qty")))
			},
			"cancel": func(t *rapid.T) {
				if len(bm.m.rest) == 0 {
					t.Skip("nothing rests")
				}
				bm.cancel(t, rapid.SampledFrom(bm.m.rest).Draw(t, "order").id)
			},
			"cancelUnknown": func(t *rapid.T) {
				bm.cancel(t, bm.nextID+1+rapid.IntRange(0, 5).Draw(t, "off"))
			},
			"duplicate": func(t *rapid.T) {
				if len(bm.m.rest) == 0 {
					t.Skip("nothing rests")
				}
				bm.duplicate(t, rapid.SampledFrom(bm.m.rest).Draw(t, "order").id, sideGen.Draw(t, "side"),
					float64(rapid.IntRange(1, 10).Draw(t, "price")), 1)
			},
			"invalid": func(t *rapid.T) {
				before := bm.b.Stats()
				o := Order{ID: bm.nextID + 100, Price: 5, Quantity: 1}
				side := Buy
				switch rapid.IntRange(0, 4).Draw(t, "which") {
				case 0:
					o.Price = math.NaN()
				case 1:
					o.Price = -1
				case 2:
					o.Quantity = 0
				case 3:
					o.Quantity = math.Inf(1)
				case 4:
					side = 7
				}
				_, _, err := bm.b.Submit(nil, side, o)
				var oe *OrderError
				if !errors.As(err, &oe) || oe.Index != -1 || bm.b.Stats() != before {
					t.Fatalf("invalid %s %+v: %v", side, o, err)
				}
			},
			"reset": func(t *rapid.T) {
				bm.b.Reset()
				bm.m = bookModel{}
			},
			"": func(t *rapid.T) { checkBook(t, bm.b, &bm.m, 0) },
		})
	})
}

func TestBookBasics(t *testing.T) {
	b := NewBook()
	if _, _, ok := b.BestBid(); ok {
		t.Fatal("empty book has a bid")
	}
	mustSubmit := func(side Side, o Order) ([]Fill, float64) {
		t.Helper()
		f, r, err := b.Submit(nil, side, o)
		if err != nil {
			t.Fatal(err)
		}
		return f, r
	}
	mustSubmit(Sell, Order{1, 10, 5})
	mustSubmit(Sell, Order{2, 10, 3})
	mustSubmit(Sell, Order{3, 9, 2})
	// A buy through two levels: price improvement at 9, then FIFO at 10.
	f, r := mustSubmit(Buy, Order{4, 11, 8})
	want := []Fill{{4, 3, Buy, 9, 2}, {4, 1, Buy, 10, 5}, {4, 2, Buy, 10, 1}}
	if d := cmp.Diff(want, f); d != "" || r != 0 {
		t.Fatalf("fills (-want +got):\n%s rested %v", d, r)
	}
	if _, o, ok := b.Resting(2); !ok || o.Quantity != 2 {
		t.Fatalf("partial fill: %+v %v", o, ok)
	}
	if q, ok := b.Cancel(2); !ok || q != 2 {
		t.Fatalf("cancel: %v %v", q, ok)
	}
	if _, ok := b.Cancel(2); ok {
		t.Fatal("double cancel")
	}
	if b.Len() != 0 {
		t.Fatalf("Len %d", b.Len())
	}
	// ID reuse after the order left the book is allowed.
	if _, r := mustSubmit(Buy, Order{1, 8, 4}); r != 4 {
		t.Fatalf("rested %v", r)
	}
	if p, q, ok := b.BestBid(); !ok || p != 8 || q != 4 {
		t.Fatalf("best bid %v %v %v", p, q, ok)
	}
	st := b.Stats()
	if st.Submitted != 22 || st.Filled != 8 || st.Resting != 4 || st.Cancelled != 2 || st.Fills != 3 || st.Ops != 6 {
		t.Fatalf("stats %+v", st)
	}
	b.Reset()
	if b.Len() != 0 || b.Stats() != (BookStats{}) {
		t.Fatal("reset")
	}
	if _, r := mustSubmit(Sell, Order{1, 8, 4}); r != 4 {
		t.Fatalf("after reset rested %v", r)
	}
	if got := b.Depth(nil, Side(9), 0); got != nil {
		t.Fatalf("bad side depth %v", got)
	}
}
