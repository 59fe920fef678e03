package auction

import (
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// byteReader hands out fuzz input; it returns zeros when the input is exhausted.
type byteReader struct{ b []byte }

func (r *byteReader) byte() byte {
	if len(r.b) == 0 {
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *byteReader) u64() uint64 {
	var buf [8]byte
	n := copy(buf[:], r.b)
	r.b = r.b[n:]
	return binary.LittleEndian.Uint64(buf[:])
}

func (r *byteReader) f64() float64 { return math.Float64frombits(r.u64()) }

func appendF64(b []byte, v ...float64) []byte {
	for _, x := range v {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	return b
}

// encodeUnit encodes a unit market for FuzzUnitAuctions.
func encodeUnit(bids, asks []float64, kappa byte, buyerFirst bool, seed uint64) []byte {
	var bf byte
	if buyerFirst {
		bf = 1
	}
	b := []byte{byte(len(bids)), byte(len(asks)), kappa, bf}
	b = binary.LittleEndian.AppendUint64(b, seed)
	b = appendF64(b, bids...)
	return appendF64(b, asks...)
}

func FuzzUnitAuctions(f *testing.F) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, m := range [][2][]float64{
		{v1b, v1a}, {v2b, v2a}, {v3b, v3a}, {v4b, v4a}, {v5b, v5a}, {{3, 2}, {4, 5}}, {nil, {1}}, {{1}, nil},
		{{10}, {4}}, {{nan, nan}, {nan}}, {{inf, -inf, math.Copysign(0, -1)}, {0, math.SmallestNonzeroFloat64}},
		{{math.MaxFloat64, math.MaxFloat64}, {0, 0, math.MaxFloat64}},
	} {
		f.Add(encodeUnit(m[0], m[1], 128, true, 1))
		f.Add(encodeUnit(m[0], m[1], 0, false, 2))
		f.Add(encodeUnit(m[0], m[1], 255, true, 3))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &byteReader{data}
		nb, na := int(r.byte()%17), int(r.byte()%17)
		kappa := float64(r.byte()) / 255
		buyerFirst := r.byte()&1 == 1
		seed := r.u64()
		bids, asks := make([]float64, nb), make([]float64, na)
		for i := range bids {
			bids[i] = r.f64()
		}
		for i := range asks {
			asks[i] = r.f64()
		}
		bad := 0
		for _, v := range append(append([]float64(nil), bids...), asks...) {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				bad++
			}
		}
		if err := Validate(bids, asks); (err == nil) != (bad == 0) || err != nil && !errors.Is(err, ErrBadPrice) {
			t.Fatalf("Validate = %v with %d bad entries", err, bad)
		}
		name := "SBBA-seller"
		if buyerFirst {
			name = "SBBA-buyer"
		}
		for _, m := range []mech{
			{"KDouble", func(b, a []float64) Outcome { return KDouble(b, a, kappa) }},
			{"McAfee", McAfee},
			{"TradeReduction", TradeReduction},
			{name, func(b, a []float64) Outcome { return SBBA(b, a, buyerFirst, rand.NewPCG(seed, 1)) }},
		} {
			o := m.run(bids, asks)
			checkInvariants(t, m.name, bids, asks, o, kappa)
			if o.IgnoredBids+o.IgnoredAsks != bad {
				t.Fatalf("%s: ignored %d+%d, want %d", m.name, o.IgnoredBids, o.IgnoredAsks, bad)
			}
		}
		if k, lo, hi := Walrasian(bids, asks); k != brute(bids, asks).k || lo > hi {
			t.Fatalf("Walrasian %d [%v, %v]", k, lo, hi)
		}
	})
}

// encodeCall encodes a call auction for FuzzCallAuction: flags, settings, then orders.
func encodeCall(buys, sells []Order, s CallSettings) []byte {
	b := []byte{byte(len(buys)), byte(len(sells)), byte(s.Price), byte(s.Ration)}
	b = appendF64(b, s.Kappa, s.MinQuantity, s.MinPrice, s.MaxPrice)
	for _, o := range append(append([]Order(nil), buys...), sells...) {
		b = append(b, byte(o.ID))
		b = appendF64(b, o.Price, o.Quantity)
	}
	return b
}

func FuzzCallAuction(f *testing.F) {
	nan, inf := math.NaN(), math.Inf(1)
	var c6b, c6s []Order
	for i, v := range v1b {
		c6b = append(c6b, Order{ID: i, Price: v, Quantity: 1})
	}
	for i, v := range v1a {
		c6s = append(c6s, Order{ID: i, Price: v, Quantity: 1})
	}
	for _, c := range []struct {
		b, s []Order
		st   CallSettings
	}{
		{c1Buys, c1Sells, CallSettings{}},
		{c2Buys, c2Sells, CallSettings{}},
		{c2Buys, c2Sells, CallSettings{Ration: TimePriority}},
		{c3Buys, c3Sells, CallSettings{Price: PriceLow}},
		{c3Buys, c3Sells, CallSettings{Price: PriceHigh}},
		{c3Buys, c3Sells, CallSettings{MaxPrice: 5}},
		{c3Buys, c3Sells, CallSettings{MinPrice: 9}},
		{c1Buys, c1Sells, CallSettings{MinQuantity: 30}},
		{c6b, c6s, CallSettings{Ration: TimePriority}},
		{nil, nil, CallSettings{}},
		{[]Order{{1, nan, 1}}, c1Sells, CallSettings{}},
		{c1Buys, []Order{{1, 1, inf}}, CallSettings{}},
		{c1Buys, c1Sells, CallSettings{Price: PriceKappa, Kappa: nan}},
		{c1Buys, c1Sells, CallSettings{MinPrice: 0.03, MaxPrice: 0.02}},
		{[]Order{{1, math.MaxFloat64, math.MaxFloat64}}, []Order{{2, 0, math.MaxFloat64}}, CallSettings{}},
	} {
		f.Add(encodeCall(c.b, c.s, c.st))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &byteReader{data}
		nb, ns := int(r.byte()%9), int(r.byte()%9)
		s := CallSettings{Price: PriceRule(r.byte() % 5), Ration: RationRule(r.byte() % 3)}
		s.Kappa, s.MinQuantity, s.MinPrice, s.MaxPrice = r.f64(), r.f64(), r.f64(), r.f64()
		read := func(n int) []Order {
			o := make([]Order, n)
			for i := range o {
				o[i] = Order{ID: int(r.byte()), Price: r.f64(), Quantity: r.f64()}
			}
			return o
		}
		buys, sells := read(nb), read(ns)
		c, err := CallAuction(buys, sells, &s)
		wantSettingsErr := s.validate() != nil
		var oe *OrderError
		switch {
		case wantSettingsErr:
			if !errors.Is(err, ErrBadSettings) {
				t.Fatalf("settings %+v: err %v", s, err)
			}
		case validateOrders(Buy, buys) != nil || validateOrders(Sell, sells) != nil:
			if !errors.As(err, &oe) || !errors.Is(err, ErrBadOrder) {
				t.Fatalf("orders: err %v", err)
			}
		case err != nil:
			t.Fatalf("unexpected error %v", err)
		}
		if err != nil {
			if c.BuyFilled != nil || c.SellFilled != nil || c.Matches != nil || c.Volume != 0 {
				t.Fatalf("error with a non-zero Clearing: %+v", c)
			}
			return
		}
		// The brute force needs exact sums (integral quantities below 2^40); the other
		// invariants hold for any input.
		tame := true
		for _, o := range append(append([]Order(nil), buys...), sells...) {
			if o.Quantity != math.Trunc(o.Quantity) || o.Quantity > 1<<40 {
				tame = false
			}
		}
		checkClearing(t, buys, sells, s, c, false, tame)
	})
}

// FuzzBook runs an operation script on a small book and compares it with the model.
func FuzzBook(f *testing.F) {
	f.Add([]byte{0, 5, 3, 1, 4, 2, 0, 6, 1, 2, 0, 0, 3, 0, 0})
	f.Add([]byte{1, 5, 8, 1, 5, 8, 0, 5, 8, 0, 5, 8, 0, 9, 8})
	f.Add([]byte{0, 1, 1, 0, 2, 2, 0, 3, 3, 1, 1, 7, 2, 1, 0, 4, 0, 0, 2, 9, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		bm := &bookMachine{b: NewBook()}
		r := &byteReader{data}
		tol := 0.0
		for len(r.b) > 0 {
			op, a, q := r.byte()%6, r.byte(), r.byte()
			switch op {
			case 0, 1:
				bm.submit(t, Side(op), float64(1+a%10), float64(1+q%8))
			case 2:
				if len(bm.m.rest) > 0 {
					bm.cancel(t, bm.m.rest[int(a)%len(bm.m.rest)].id)
				}
			case 3:
				bm.cancel(t, bm.nextID+1+int(a))
			case 4:
				if len(bm.m.rest) > 0 {
					bm.duplicate(t, bm.m.rest[int(a)%len(bm.m.rest)].id, Side(q&1), float64(1+q%10), 1)
				}
			case 5:
				if a%4 == 0 {
					bm.b.Reset()
					bm.m = bookModel{}
				} else {
					// A non-integral order: level sums hold up to rounding.
					bm.submit(t, Side(q&1), float64(1+a%10), 1+float64(q)/7)
					tol = 1e-9
				}
			}
			checkBook(t, bm.b, &bm.m, tol)
		}
	})
}
