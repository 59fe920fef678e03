package lyapunov

import (
	"encoding/binary"
	"math"
	"testing"

	"github.com/cdnkit/cdnkit/device"
)

// fuzzReader hands out fuzz bytes as numbers (zeros when exhausted).
type fuzzReader struct{ b []byte }

func (r *fuzzReader) u8() uint8 {
	if len(r.b) == 0 {
		return 0
	}
	x := r.b[0]
	r.b = r.b[1:]
	return x
}

func (r *fuzzReader) f64() float64 {
	if len(r.b) < 8 {
		return float64(r.u8())
	}
	x := math.Float64frombits(binary.LittleEndian.Uint64(r.b))
	r.b = r.b[8:]
	return x
}

// fuzzView builds a small valid scenario (1–4 users) and an arbitrary View of it.
func fuzzView(data []byte) *device.View {
	r := &fuzzReader{data}
	n := 1 + int(r.u8()%4)
	users := make([]device.User, n)
	for k := range users {
		users[k] = vecUser(0.5+float64(r.u8()%4)/2, k == 0 || r.u8()%4 != 0)
	}
	sc := vecScenario(users...)
	v := &device.View{Scenario: sc, Now: r.f64(), Capacity: r.f64(), Self: 0}
	for range r.u8() % 6 {
		v.History = append(v.History, r.f64())
	}
	for k := range users {
		m := device.Member{ID: k, User: &users[k], Buffer: r.f64(), Committed: r.f64(),
			LastLevel: int(int8(r.u8())), Remaining: int(int8(r.u8())), Video: r.u8()%2 == 0, Admissible: r.u8()%2 == 0}
		v.Members = append(v.Members, m)
	}
	return v
}

func checkDecision(t *testing.T, v *device.View, d device.Decision) {
	t.Helper()
	if d.Owner < 0 {
		if !(d.Wait > 0) {
			t.Fatalf("wait %g, want > 0", d.Wait)
		}
		return
	}
	m := v.Member(d.Owner)
	if m == nil || !m.Admissible {
		t.Fatalf("owner %d not an admissible member", d.Owner)
	}
	if d.Level < 0 || d.Level >= len(v.Scenario.Users[d.Owner].Video.Ladder) {
		t.Fatalf("level %d out of range", d.Level)
	}
}

func f64s(xs ...float64) []byte {
	var b []byte
	for _, x := range xs {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	return b
}

func seedViews(f *testing.F) {
	// V1-like, V2-like, V8 (capacity 0, late), and a group like V5.
	for _, s := range []struct {
		head       []byte
		now, c     float64
		b, k       float64
		last, memb byte
	}{
		{[]byte{0, 0}, 0, 2, 20, 0, 2, 1}, {[]byte{0, 0}, 0, 2, 0, 0, 255, 1},
		{[]byte{0, 0}, 0, 0, 20, 0, 2, 1}, {[]byte{0, 0}, 499.9, 0.5, 10, 0, 2, 1},
		{[]byte{0, 0}, 0, 2, 39, 0, 2, 1},
	} {
		d := append([]byte{}, s.head...)
		d = append(d, f64s(s.now, s.c)...)
		d = append(d, 0)
		d = append(d, f64s(s.b, s.k)...)
		d = append(d, s.last, 100, 0, 0)
		for mode := range uint8(16) {
			f.Add(d, mode)
		}
	}
	g := []byte{2, 1, 1, 1}
	g = append(g, f64s(0, 3)...)
	g = append(g, 0)
	for _, m := range [][2]float64{{0, 0}, {6, 0}, {30, 0}} {
		g = append(g, f64s(m[0], m[1])...)
		g = append(g, 1, 100, 0, 0)
	}
	for mode := range uint8(16) {
		f.Add(g, mode)
	}
	f.Add(f64s(math.NaN(), math.Inf(1), -1, 1e-309, math.MaxFloat64), uint8(3))
}

func FuzzDecide(f *testing.F) {
	seedViews(f)
	f.Fuzz(func(t *testing.T, data []byte, mode uint8) {
		v := fuzzView(data)
		s := Settings{Drift: Drift(mode % 2), Attribution: Attribution(mode / 2 % 2),
			Forecast: Forecast(mode / 4 % 2), SelfOnly: mode/8%2 == 1}
		p, err := New(&s)
		if err != nil {
			t.Fatal(err)
		}
		checkDecision(t, v, p.Decide(v))
		// With a finite Now ≥ 0 the late-segment rule bounds τ, so every cost is
		// finite; no cost is ever NaN.
		finiteNow := v.Now >= 0 && v.Now <= math.MaxFloat64
		for _, c := range p.Candidates(nil, v) {
			if math.IsNaN(c.Cost) || (finiteNow && math.IsInf(c.Cost, 0)) {
				t.Fatalf("Now %g: candidate %+v: non-finite cost", v.Now, c)
			}
		}
	})
}

func FuzzBOLADecide(f *testing.F) {
	seedViews(f)
	f.Fuzz(func(t *testing.T, data []byte, mode uint8) {
		v := fuzzView(data)
		p := &BOLA{GammaP: float64(mode % 8), Target: float64(mode/8) * 4}
		if mode%3 == 0 {
			o := device.DefaultOwnerRule()
			p.Owner = &o
		}
		checkDecision(t, v, p.Decide(v))
	})
}

func FuzzNew(f *testing.F) {
	f.Add(0.0, 0, 0, 0, 0, 0.0)
	f.Add(20.0, 1, 1, 1, 5, 0.5)
	f.Add(math.NaN(), -1, 2, 3, -4, math.Inf(1))
	f.Fuzz(func(t *testing.T, V float64, drift, attr, fc, window int, minWait float64) {
		p, err := New(&Settings{V: V, Drift: Drift(drift), Attribution: Attribution(attr), Forecast: Forecast(fc), Window: window, MinWait: minWait})
		if err != nil {
			return
		}
		s := p.Settings()
		if !(s.V > 0) || math.IsInf(s.V, 0) || s.Window < 1 || !(s.MinWait > 0) || math.IsInf(s.MinWait, 0) {
			t.Fatalf("accepted settings %+v", s)
		}
		checkDecision(t, singleView(10, 1, 2), p.Decide(singleView(10, 1, 2)))
	})
}
