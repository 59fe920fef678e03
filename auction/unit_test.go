package auction

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Vectors V1–V7 and G1–G8 of the package spec (auction.md §5.1), derived by hand and
// checked by an independent implementation; prices are exact in float64.
var (
	v1b, v1a = []float64{12, 10, 7, 3}, []float64{2, 5, 6, 11}
	v2b, v2a = []float64{2, 20, 15}, []float64{18, 13, 4}
	v3b, v3a = []float64{9, 7, 6, 1}, []float64{3, 5, 6.5, 8}
	v4b, v4a = []float64{5, 5, 5}, []float64{5, 5}
	v5b, v5a = []float64{math.NaN(), 8, -1, math.Inf(1)}, []float64{3}
)

type pair struct{ b, s int }

func tradePairs(o Outcome) []pair {
	var p []pair
	for _, t := range o.Trades {
		p = append(p, pair{t.Buyer, t.Seller})
	}
	return p
}

// checkOutcome compares trades, prices, surplus and GFT of o exactly.
func checkOutcome(t *testing.T, name string, o Outcome, want []pair, bp, sp, surplus, gft float64) {
	t.Helper()
	if d := cmp.Diff(want, tradePairs(o), cmp.AllowUnexported(pair{})); d != "" {
		t.Errorf("%s: trades (-want +got):\n%s", name, d)
	}
	if len(want) > 0 && (o.BuyerPrice != bp || o.SellerPrice != sp) {
		t.Errorf("%s: prices %v/%v, want %v/%v", name, o.BuyerPrice, o.SellerPrice, bp, sp)
	}
	for _, tr := range o.Trades {
		if tr.BuyerPays != bp || tr.SellerGets != sp {
			t.Errorf("%s: trade %+v, want prices %v/%v", name, tr, bp, sp)
		}
	}
	if o.Surplus != surplus || o.GainsFromTrade != gft {
		t.Errorf("%s: surplus %v GFT %v, want %v %v", name, o.Surplus, o.GainsFromTrade, surplus, gft)
	}
	if o.Reduced != (len(o.Trades) < o.K) {
		t.Errorf("%s: Reduced %v with %d trades, K %d", name, o.Reduced, len(o.Trades), o.K)
	}
}

func checkW(t *testing.T, name string, o Outcome, k int, lo, hi float64) {
	t.Helper()
	if o.K != k || o.Lower != lo || o.Upper != hi {
		t.Errorf("%s: K %d W [%v, %v], want %d [%v, %v]", name, o.K, o.Lower, o.Upper, k, lo, hi)
	}
}

func TestV1(t *testing.T) {
	b, a := v1b, v1a
	all := []pair{{0, 0}, {1, 1}, {2, 2}}
	o := KDouble(b, a, 0.5)
	checkW(t, "V1 KDouble", o, 3, 6, 7)
	checkOutcome(t, "V1 KDouble ½", o, all, 6.5, 6.5, 0, 16)
	checkOutcome(t, "V1 KDouble 0", KDouble(b, a, 0), all, 6, 6, 0, 16)
	checkOutcome(t, "V1 KDouble 1", KDouble(b, a, 1), all, 7, 7, 0, 16)
	checkOutcome(t, "V1 McAfee", McAfee(b, a), all, 7, 7, 0, 16)
	checkOutcome(t, "V1 TR", TradeReduction(b, a), []pair{{0, 0}, {1, 1}}, 7, 6, 2, 15)
	bf := SBBA(b, a, true, rand.NewPCG(1, 2))
	if bf.BuyerPrice != 7 || len(bf.Trades) != 2 || bf.Trades[0].Buyer != 0 || bf.Trades[1].Buyer != 1 {
		t.Errorf("V1 SBBA buyer-first: %+v", bf)
	}
	sf := SBBA(b, a, false, rand.NewPCG(1, 2))
	if sf.SellerPrice != 6 || len(sf.Trades) != 2 || sf.Trades[0].Seller != 0 || sf.Trades[1].Seller != 1 {
		t.Errorf("V1 SBBA seller-first: %+v", sf)
	}
	k, lo, hi := Walrasian(b, a)
	if k != 3 || lo != 6 || hi != 7 {
		t.Errorf("V1 Walrasian = %d [%v, %v]", k, lo, hi)
	}
}

func TestV2(t *testing.T) {
	b, a := v2b, v2a
	o := KDouble(b, a, 0.5)
	checkW(t, "V2", o, 2, 13, 15)
	checkOutcome(t, "V2 KDouble", o, []pair{{1, 2}, {2, 1}}, 14, 14, 0, 18)
	checkOutcome(t, "V2 McAfee", McAfee(b, a), []pair{{1, 2}}, 15, 13, 2, 16)
	checkOutcome(t, "V2 TR", TradeReduction(b, a), []pair{{1, 2}}, 15, 13, 2, 16)
	bf := SBBA(b, a, true, rand.NewPCG(1, 2))
	if bf.BuyerPrice != 15 || len(bf.Trades) != 1 || bf.Trades[0].Buyer != 1 {
		t.Errorf("V2 SBBA buyer-first: %+v", bf)
	}
	sf := SBBA(b, a, false, rand.NewPCG(1, 2))
	if sf.SellerPrice != 13 || len(sf.Trades) != 1 || sf.Trades[0].Seller != 2 {
		t.Errorf("V2 SBBA seller-first: %+v", sf)
	}
}

func TestV3(t *testing.T) {
	b, a := v3b, v3a
	two := []pair{{0, 0}, {1, 1}}
	o := McAfee(b, a)
	checkW(t, "V3", o, 2, 6, 6.5)
	checkOutcome(t, "V3 McAfee", o, two, 6.25, 6.25, 0, 8)
	checkOutcome(t, "V3 KDouble", KDouble(b, a, 0.5), two, 6.25, 6.25, 0, 8)
	checkOutcome(t, "V3 SBBA bf", SBBA(b, a, true, nil), two, 6.5, 6.5, 0, 8)
	checkOutcome(t, "V3 SBBA sf", SBBA(b, a, false, nil), two, 6, 6, 0, 8)
	checkOutcome(t, "V3 TR", TradeReduction(b, a), []pair{{0, 0}}, 7, 5, 2, 6)
}

func TestV4Ties(t *testing.T) {
	b, a := v4b, v4a
	two := []pair{{0, 0}, {1, 1}}
	o := KDouble(b, a, 0.5)
	checkW(t, "V4", o, 2, 5, 5)
	checkOutcome(t, "V4 KDouble", o, two, 5, 5, 0, 0)
	checkOutcome(t, "V4 McAfee", McAfee(b, a), []pair{{0, 0}}, 5, 5, 0, 0)
	checkOutcome(t, "V4 SBBA sf", SBBA(b, a, false, nil), two, 5, 5, 0, 0)
	bf := SBBA(b, a, true, nil)
	if len(bf.Trades) != 1 || bf.Trades[0].Buyer != 0 || bf.BuyerPrice != 5 || bf.GainsFromTrade != 0 {
		t.Errorf("V4 SBBA buyer-first: %+v", bf)
	}
}

func TestV5Invalid(t *testing.T) {
	b, a := v5b, v5a
	o := KDouble(b, a, 0.5)
	checkW(t, "V5", o, 1, 3, 8)
	checkOutcome(t, "V5 KDouble", o, []pair{{1, 0}}, 5.5, 5.5, 0, 5)
	if o.IgnoredBids != 3 || o.IgnoredAsks != 0 {
		t.Errorf("V5 ignored %d/%d", o.IgnoredBids, o.IgnoredAsks)
	}
	for name, o := range map[string]Outcome{
		"McAfee": McAfee(b, a), "TR": TradeReduction(b, a),
		"SBBA bf": SBBA(b, a, true, nil), "SBBA sf": SBBA(b, a, false, nil),
	} {
		if o.Trades != nil || !o.Reduced || o.K != 1 || o.IgnoredBids != 3 || o.BuyerPrice != 0 || o.Surplus != 0 {
			t.Errorf("V5 %s: %+v", name, o)
		}
	}
	err := Validate(b, a)
	var pe *PriceError
	if !errors.As(err, &pe) || pe.Side != Buy || pe.Index != 0 || !math.IsNaN(pe.Value) || !errors.Is(err, ErrBadPrice) {
		t.Errorf("V5 Validate = %v", err)
	}
	err = Validate([]float64{1}, []float64{2, -1})
	if !errors.As(err, &pe) || pe.Side != Sell || pe.Index != 1 || pe.Value != -1 {
		t.Errorf("Validate asks = %v", err)
	}
	if err := Validate(v1b, v1a); err != nil {
		t.Errorf("Validate(V1) = %v", err)
	}
}

func TestV6Empty(t *testing.T) {
	for _, c := range [][2][]float64{{{3, 2}, {4, 5}}, {nil, {1}}, {{1}, nil}, {nil, nil}, {{}, {}}} {
		b, a := c[0], c[1]
		for name, o := range map[string]Outcome{
			"KDouble": KDouble(b, a, 0.5), "McAfee": McAfee(b, a), "TR": TradeReduction(b, a),
			"SBBA bf": SBBA(b, a, true, nil), "SBBA sf": SBBA(b, a, false, nil),
		} {
			if d := cmp.Diff(Outcome{}, o); d != "" {
				t.Errorf("V6 %v/%v %s: not the zero Outcome:\n%s", b, a, name, d)
			}
		}
	}
	// All-invalid sides: K = 0, nothing trades, only the counts are set.
	o := McAfee([]float64{math.NaN()}, []float64{-1, math.Inf(-1)})
	if d := cmp.Diff(Outcome{IgnoredBids: 1, IgnoredAsks: 2}, o); d != "" {
		t.Errorf("all invalid:\n%s", d)
	}
}

func TestV7KDoubleNotTruthful(t *testing.T) {
	o := KDouble([]float64{10}, []float64{4}, 0.5)
	if len(o.Trades) != 1 || o.BuyerPrice != 7 || 10-o.BuyerPrice != 3 {
		t.Fatalf("V7 truthful: %+v", o)
	}
	m := KDouble([]float64{6}, []float64{4}, 0.5)
	if m.Lower != 4 || m.Upper != 6 || m.BuyerPrice != 5 || 10-m.BuyerPrice <= 10-o.BuyerPrice {
		t.Errorf("V7 misreport 6: %+v (want price 5, utility 5 > 3)", m)
	}
	if mc := McAfee([]float64{10}, []float64{4}); mc.Trades != nil {
		t.Errorf("V7 McAfee traded: %+v", mc)
	}
}

// TestGoldenDraws checks G1–G8 and the draws of rand.NewPCG they rely on.
func TestGoldenDraws(t *testing.T) {
	draws := []struct {
		a, b uint64
		k, j int
	}{{1, 2, 2, 0}, {1, 2, 3, 2}, {5, 6, 3, 0}, {6, 7, 2, 1}}
	for _, d := range draws {
		if got := rand.New(rand.NewPCG(d.a, d.b)).IntN(d.k); got != d.j {
			t.Errorf("PCG(%d,%d).IntN(%d) = %d, want %d", d.a, d.b, d.k, got, d.j)
		}
	}
	tests := []struct {
		name       string
		b, a       []float64
		buyerFirst bool
		seed       [2]uint64
		want       []pair
		p, gft     float64
	}{
		{"G1", v1b, v1a, true, [2]uint64{1, 2}, []pair{{0, 0}, {1, 1}}, 7, 15},
		{"G2", v1b, v1a, true, [2]uint64{5, 6}, []pair{{0, 1}, {1, 2}}, 7, 11},
		{"G3", v1b, v1a, false, [2]uint64{5, 6}, []pair{{1, 0}, {2, 1}}, 6, 10},
		{"G4", v2b, v2a, true, [2]uint64{1, 2}, []pair{{1, 2}}, 15, 16},
		{"G5", v2b, v2a, true, [2]uint64{6, 7}, []pair{{1, 1}}, 15, 7},
		{"G6", v2b, v2a, false, [2]uint64{1, 2}, []pair{{2, 2}}, 13, 11},
		{"G7", v2b, v2a, false, [2]uint64{6, 7}, []pair{{1, 2}}, 13, 16},
		{"G8", v4b, v4a, true, [2]uint64{1, 2}, []pair{{0, 1}}, 5, 0},
	}
	for _, tt := range tests {
		o := SBBA(tt.b, tt.a, tt.buyerFirst, rand.NewPCG(tt.seed[0], tt.seed[1]))
		checkOutcome(t, tt.name, o, tt.want, tt.p, tt.p, 0, tt.gft)
	}
}

// TestErelsglVectors checks the doctests of erelsgl/auctions (mcafee_protocol.py and
// trade_reduction_protocol.py; sellers are negative values there), as listed in the spec
// §5.1.
func TestErelsglVectors(t *testing.T) {
	for _, c := range [][2][]float64{{{9}, {4}}, {{9, 8}, {4}}, {{9}, {3, 4}}} {
		if o := McAfee(c[0], c[1]); o.Trades != nil {
			t.Errorf("McAfee %v/%v traded: %+v", c[0], c[1], o)
		}
	}
	checkOutcome(t, "McAfee [9 8]/[3 4]", McAfee([]float64{9, 8}, []float64{3, 4}), []pair{{0, 0}}, 8, 4, 4, 6)
	checkOutcome(t, "McAfee [9 4]/[3 8]", McAfee([]float64{9, 4}, []float64{3, 8}), []pair{{0, 0}}, 6, 6, 0, 6)
	checkOutcome(t, "SBBA bf [9]/[3 4]", SBBA([]float64{9}, []float64{3, 4}, true, nil), []pair{{0, 0}}, 4, 4, 0, 6)
	checkOutcome(t, "SBBA sf [9 8]/[4]", SBBA([]float64{9, 8}, []float64{4}, false, nil), []pair{{0, 0}}, 8, 8, 0, 5)
	o := SBBA([]float64{9, 8}, []float64{3, 4}, true, rand.NewPCG(1, 2))
	if len(o.Trades) != 1 || o.Trades[0].Buyer != 0 || o.BuyerPrice != 8 || o.SellerPrice != 8 {
		t.Errorf("SBBA bf [9 8]/[3 4]: %+v", o)
	}
}

func TestKDoubleKappaPanics(t *testing.T) {
	for _, k := range []float64{math.NaN(), -0.1, 1.1, math.Inf(1)} {
		func() {
			defer func() {
				if r := recover(); r != "auction: kappa outside [0, 1]" {
					t.Errorf("kappa %v: recover = %v", k, r)
				}
			}()
			KDouble(v1b, v1a, k)
		}()
	}
}

// TestHugeValues checks that prices never overflow for finite reports.
func TestHugeValues(t *testing.T) {
	m := math.MaxFloat64
	b, a := []float64{m, m, m}, []float64{0, 0, m}
	for name, o := range map[string]Outcome{
		"KDouble": KDouble(b, a, 0.5), "McAfee": McAfee(b, a), "TR": TradeReduction(b, a),
		"SBBA bf": SBBA(b, a, true, nil), "SBBA sf": SBBA(b, a, false, nil),
	} {
		for _, v := range []float64{o.BuyerPrice, o.SellerPrice, o.Lower, o.Upper, o.Surplus, o.GainsFromTrade} {
			if math.IsNaN(v) {
				t.Errorf("%s: NaN in %+v", name, o)
			}
		}
		if math.IsInf(o.BuyerPrice, 0) || math.IsInf(o.Upper, 0) {
			t.Errorf("%s: infinite price in %+v", name, o)
		}
	}
}

// TestRadixMatchesComparisonSort checks that both sort paths give the same ranking.
func TestRadixMatchesComparisonSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{radixCutoff, radixCutoff + 17, 3 * radixCutoff} {
		e := make([]rankEntry, n)
		for i := range e {
			v := float64(rng.IntN(50)) / 4 // many ties
			if i%7 == 0 {
				v = rng.Float64() * 1e300
			}
			if i%11 == 0 {
				v = math.Copysign(0, -1)
			}
			e[i] = rankEntry{descKey(v), int32(i)}
		}
		want := append([]rankEntry(nil), e...)
		slices.SortFunc(want, cmpEntry)
		var st sorter
		got := st.sort(append([]rankEntry(nil), e...))
		if d := cmp.Diff(want, got, cmp.AllowUnexported(rankEntry{})); d != "" {
			t.Fatalf("n=%d: radix differs:\n%.2000s", n, d)
		}
	}
}

// TestInputsUnmodifiedAndConcurrent checks that the plain functions leave their inputs
// alone and can run concurrently (run with -race).
func TestInputsUnmodifiedAndConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	bids, asks := make([]float64, 5000), make([]float64, 4500)
	for i := range bids {
		bids[i] = float64(rng.IntN(100))
	}
	for i := range asks {
		asks[i] = float64(rng.IntN(100))
	}
	bids[3], asks[7] = math.NaN(), math.Copysign(0, -1)
	wb, wa := append([]float64(nil), bids...), append([]float64(nil), asks...)
	want := McAfee(bids, asks)
	done := make(chan Outcome, 8)
	for g := range 8 {
		go func() {
			KDouble(bids, asks, 0.5)
			TradeReduction(bids, asks)
			SBBA(bids, asks, g%2 == 0, rand.NewPCG(uint64(g), 1))
			Walrasian(bids, asks)
			done <- McAfee(bids, asks)
		}()
	}
	for range 8 {
		if got := <-done; !cmp.Equal(want, got) {
			t.Fatal("concurrent McAfee differs")
		}
	}
	for i := range bids {
		if math.Float64bits(bids[i]) != math.Float64bits(wb[i]) {
			t.Fatalf("bids[%d] modified", i)
		}
	}
	for i := range asks {
		if math.Float64bits(asks[i]) != math.Float64bits(wa[i]) {
			t.Fatalf("asks[%d] modified", i)
		}
	}
}
