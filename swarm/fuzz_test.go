package swarm

import (
	"context"
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// byteReader turns fuzz input into bounded integers (0 when exhausted).
type byteReader struct{ b []byte }

func (r *byteReader) u8() int {
	if len(r.b) == 0 {
		return 0
	}
	v := int(r.b[0])
	r.b = r.b[1:]
	return v
}

func (r *byteReader) f64() float64 {
	if len(r.b) < 8 {
		return float64(r.u8()) / 16
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(r.b))
	r.b = r.b[8:]
	return v
}

// scenarioFromBytes builds a small scenario with arbitrary (possibly
// invalid) integers and durations.
func scenarioFromBytes(data []byte) *Scenario {
	r := &byteReader{data}
	ns := r.u8()%4 + 1
	sc := &Scenario{
		Duration: time.Duration(r.u8()%120-2) * time.Second,
		Step:     time.Duration(r.u8()%3) * 500 * time.Millisecond,
		Slots:    r.u8()%70 - 2,
		Epoch:    time.Duration(r.u8()%40) * time.Second,
		Redeem:   time.Duration(r.u8()%20) * time.Second,
		Choke:    ChokeRule(r.u8() % 3),
	}
	for s := 0; s < ns; s++ {
		sc.Swarms = append(sc.Swarms, Swarm{Pieces: r.u8()%40 - 1, PieceSize: int64(r.u8()%64-1) * 512})
	}
	nh := r.u8()%10 + 1
	for h := 0; h < nh; h++ {
		host := Host{
			Up:    int64(r.u8()%200-5) * 100,
			Down:  int64(r.u8()%200-5) * 100,
			Swarm: r.u8()%(ns+2) - 1,
			Join:  time.Duration(r.u8()%30-1) * time.Second,
			Leave: time.Duration(r.u8()%60) * time.Second,
		}
		for k, n := 0, r.u8()%4; k < n; k++ {
			host.Cached = append(host.Cached, r.u8()%(ns+1))
		}
		sc.Hosts = append(sc.Hosts, host)
	}
	return sc
}

func FuzzScenarioValidate(f *testing.F) {
	f.Add([]byte{0, 10, 2, 1, 5, 2, 3, 4, 2, 10, 20, 1, 0, 0})
	f.Add([]byte{1, 60, 2, 3, 10, 5, 20, 8, 30, 9, 3, 50, 80, 1, 0, 0, 1, 1, 60, 60, 2, 0, 0, 0})
	f.Add([]byte{3, 100, 2, 4, 30, 10, 5, 5, 6, 6, 7, 7, 8, 8, 5, 100, 150, 0, 1, 0, 2, 1, 2, 90, 90, 1, 1, 5, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		sc := scenarioFromBytes(data)
		if err := sc.Validate(); err != nil {
			var se *ScenarioError
			if !errors.As(err, &se) || !errors.Is(err, ErrInvalidScenario) {
				t.Fatalf("Validate error %v is not a *ScenarioError", err)
			}
			return
		}
		for _, a := range []Allocator{BTEqualSplit{}, GlobalRarest{}, &VFormation{}} {
			r, err := Simulate(context.Background(), sc, a, &Settings{Src: rand.NewPCG(1, 1), RecordPieces: true})
			if err != nil {
				if errors.Is(err, ErrBadSettings) {
					continue // e.g. the default τ grid is not a multiple of an odd step
				}
				t.Fatalf("%s: %v", a.Name(), err)
			}
			checkConservation(t, r)
		}
	})
}

func checkConservation(t *testing.T, r *Result) {
	t.Helper()
	var sb, pieceBytes int64
	for _, row := range r.SwarmBytes {
		for _, b := range row {
			sb += b
		}
	}
	for _, e := range r.Events {
		if e.Kind == Piece {
			pieceBytes += e.Value
		}
	}
	for _, a := range r.Aggregate {
		if math.IsNaN(a) || a < 0 {
			t.Fatalf("aggregate %v", a)
		}
	}
	if r.Uploaded != r.Downloaded || sb != r.Downloaded || r.Downloaded != pieceBytes+r.Wasted+r.InFlight {
		t.Fatalf("conservation: up %d down %d swarm %d pieces %d wasted %d in flight %d", r.Uploaded, r.Downloaded, sb, pieceBytes, r.Wasted, r.InFlight)
	}
}

func FuzzLedgerRedeem(f *testing.F) {
	f.Add([]byte{0, 1, 0, 1, 5, 1, 1, 2, 0, 2, 5, 2, 2, 1, 1, 3})
	f.Add([]byte{0, 1, 0, 1, 5, 0, 1, 0, 1, 5})
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
	f.Fuzz(func(t *testing.T, data []byte) {
		l := NewLedger(2, 4, []int{3, 5})
		r := &byteReader{data}
		for len(r.b) > 0 {
			tok := Token{
				Swarm: r.u8()%3 - 0, Piece: r.u8() % 6, Uploader: r.u8()%5 - 0, Downloader: r.u8() % 5,
				Serial: uint64(r.u8() % 8), T: time.Duration(r.u8()%10) * time.Second,
			}
			by := tok.Uploader
			if r.u8()%4 == 0 {
				by = r.u8() % 4
			}
			before := l.Len()
			err := l.RedeemBy(by, tok)
			if err != nil {
				if l.Len() != before {
					t.Fatal("a rejected token changed the ledger")
				}
				if !errors.Is(err, ErrBadToken) && !errors.Is(err, ErrDoubleRedeem) && !errors.Is(err, ErrForeignToken) {
					t.Fatalf("unexpected error %v", err)
				}
				continue
			}
			if l.Len() != before+1 {
				t.Fatal("accepted token not appended")
			}
		}
		// Parent links are acyclic and point to earlier, strictly older tokens.
		for i := 0; i < l.Len(); i++ {
			tok, p := l.At(i)
			if p >= i {
				t.Fatalf("token %d has parent %d", i, p)
			}
			if p >= 0 {
				pt, _ := l.At(p)
				if pt.T >= tok.T || pt.Downloader != tok.Uploader || pt.Piece != tok.Piece || pt.Swarm != tok.Swarm {
					t.Fatalf("bad parent link %+v → %+v", tok, pt)
				}
			}
			if n := TreeSize(l, i, time.Hour); n < 1 || n > l.Len() {
				t.Fatalf("tree size %d", n)
			}
		}
	})
}

func FuzzFluidBound(f *testing.F) {
	f.Add([]byte{2, 100, 10, 50, 100, 2, 25, 250})
	f.Add([]byte{1, 10, 1, 10, 100, 1, 1, 1})
	f.Add([]byte{3, 255, 0, 1, 1, 7, 200, 3, 9, 9, 9})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &byteReader{data}
		ns := r.u8()%3 + 1
		sc := &Scenario{Duration: time.Minute}
		for s := 0; s < ns; s++ {
			sc.Swarms = append(sc.Swarms, Swarm{Pieces: 4, PieceSize: 1000})
		}
		cache := Host{Kind: Cache, Up: int64(r.u8()+1) * 10, Swarm: -1}
		for s := 0; s < ns; s++ {
			cache.Cached = append(cache.Cached, s)
		}
		if ns == 1 {
			cache.Cached = []int{0}
		}
		sc.Hosts = append(sc.Hosts, cache)
		for s := 0; s < ns; s++ {
			for i, n := 0, r.u8()%12; i < n; i++ {
				sc.Hosts = append(sc.Hosts, Host{Up: int64(r.u8()+1) * 5, Down: int64(r.u8()+1) * 20, Swarm: s})
			}
		}
		b, err := FluidBound(sc, 0, sc.Duration)
		if err != nil {
			if !errors.Is(err, ErrNoBound) && !errors.Is(err, ErrInvalidScenario) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if math.IsNaN(b.Total) || b.Total < -1e-9 {
			t.Fatalf("F* = %v", b.Total)
		}
		// Hand-built feasible allocations: all of the cache on one swarm, and
		// an equal split; their LP value must not exceed F*.
		cands := [][]float64{}
		for s := 0; s < ns; s++ {
			x := make([]float64, ns)
			x[s] = float64(cache.Up)
			cands = append(cands, x)
		}
		eq := make([]float64, ns)
		for s := range eq {
			eq[s] = float64(cache.Up) / float64(ns)
		}
		cands = append(cands, eq)
		for _, x := range cands {
			if v := lpValue(sc, x); v > b.Total*(1+1e-9)+1e-6 {
				t.Fatalf("feasible allocation %v has value %v > F* %v", x, v, b.Total)
			}
		}
		// Certificate: the optimum satisfies every constraint.
		var tot float64
		for s := 0; s < ns; s++ {
			tot += b.Y[s]
		}
		if !cmpApprox(tot, b.Total, 1e-6) {
			t.Fatalf("Σ y = %v, F* = %v", tot, b.Total)
		}
		xs := make([]float64, ns)
		var used float64
		for s := 0; s < ns; s++ {
			xs[s] = b.X[0][s]
			used += xs[s]
		}
		if used > float64(cache.Up)*(1+1e-6)+1e-6 {
			t.Fatalf("x uses %v > U %v", used, cache.Up)
		}
		for s := 0; s < ns; s++ {
			if capS := segValue(sc, s, xs[s]); b.Y[s] > capS*(1+1e-6)+1e-6 {
				t.Fatalf("y_%d = %v exceeds its constraints %v", s, b.Y[s], capS)
			}
		}
		if len(sc.MultiSwarmHosts()) == 1 && len(sc.Hosts[0].Cached) == ns {
			if g := greedyOneHost(sc); !cmpApprox(g, b.Total, 1e-9) {
				t.Fatalf("greedy %v != LP %v", g, b.Total)
			}
		}
	})
}

// segValue returns min(n x, R + x, D) for swarm s with cache rate x (no
// single-swarm cacher present; with one, x already counts it).
func segValue(sc *Scenario, s int, x float64) float64 {
	var n, R, D, C float64
	for _, h := range sc.Hosts {
		if h.Swarm == s {
			n++
			R += float64(h.Up)
			D += float64(h.Down)
		}
		if h.Swarm < 0 && len(h.Cached) == 1 && h.Cached[0] == s {
			C += float64(h.Up)
		}
	}
	if n == 0 {
		return 0
	}
	if C > 0 {
		x = C
	}
	return min(n*x, R+x, D)
}

func lpValue(sc *Scenario, x []float64) float64 {
	var v float64
	for s := range x {
		v += segValue(sc, s, x[s])
	}
	return v
}

// badAllocator returns arbitrary floats and slot counts.
type badAllocator struct{ r *byteReader }

func (badAllocator) Name() string { return "bad" }
func (b badAllocator) Allocate(v *View, a *Allocation) error {
	for i := range a.Share {
		for j := range a.Share[i] {
			a.Share[i][j] = b.r.f64()
			a.Slots[i][j] = b.r.u8()%8 - 1
		}
		a.Discipline[i] = Discipline(b.r.u8() % 3)
	}
	return nil
}

func FuzzAllocation(f *testing.F) {
	one := binary.LittleEndian.AppendUint64(nil, math.Float64bits(1))
	nan := binary.LittleEndian.AppendUint64(nil, math.Float64bits(math.NaN()))
	f.Add(append(append(append([]byte{}, one...), 2, 0), one...))
	f.Add(append(append([]byte{}, nan...), 1, 1))
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17})
	f.Fuzz(func(t *testing.T, data []byte) {
		sc := t4Scenario()
		sc.Duration = 40 * time.Second
		sc.Epoch = 10 * time.Second
		r, err := Simulate(context.Background(), sc, badAllocator{&byteReader{data}}, &Settings{Src: rand.NewPCG(1, 1), RecordPieces: true})
		if err != nil {
			var ae *AllocationError
			if !errors.As(err, &ae) || !errors.Is(err, ErrBadAllocation) {
				t.Fatalf("error %v is not an *AllocationError", err)
			}
			if r == nil || r.Completed {
				t.Fatal("partial result missing or marked complete")
			}
		}
		checkConservation(t, r)
	})
}
