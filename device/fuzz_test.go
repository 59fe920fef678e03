package device

import (
	"bytes"
	"context"
	"encoding/binary"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func FuzzParseTrace2Col(f *testing.F) {
	for _, s := range []string{"0 1\n1 2\n3 4\n", "# c\n0\t1\n0.5 0\n2 3.25e1\n", "0 1\n", "1 1\n1 2\n", "0 NaN\n1 2\n", "0 1\n-1 2\n", "x y\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		tr, err := ParseTrace2Col(bytes.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		if err := tr.Validate(); err != nil {
			t.Fatalf("accepted an invalid trace: %v", err)
		}
		var b bytes.Buffer
		if err := WriteTrace2Col(&b, tr); err != nil {
			t.Fatal(err)
		}
		back, err := ParseTrace2Col(&b, "fuzz")
		if err != nil {
			t.Fatalf("round trip: %v\n%s", err, b.String())
		}
		if d := cmp.Diff(tr, back, cmpopts.IgnoreUnexported(Trace{})); d != "" {
			t.Fatalf("round trip differs: %s", d)
		}
		if m := tr.Mean(); !finite(m) || m < 0 {
			t.Fatalf("mean %g", m)
		}
	})
}

func FuzzParseTraceJSON(f *testing.F) {
	for _, s := range []string{
		`[{"duration_ms":1000,"bandwidth_kbps":1500,"latency_ms":20},{"duration_ms":500,"bandwidth_kbps":0,"latency_ms":20}]`,
		`[{"duration_ms":1,"bandwidth_kbps":1e3,"latency_ms":0,"extra":[1,2]}]`, `[]`, `[{}]`, `{"a":1}`, `[{"duration_ms":-1,"bandwidth_kbps":1,"latency_ms":1}]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		tr, err := ParseTraceJSON(bytes.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		if err := tr.Validate(); err != nil {
			t.Fatalf("accepted an invalid trace: %v", err)
		}
		var b bytes.Buffer
		if err := WriteTraceJSON(&b, tr); err != nil {
			t.Fatal(err)
		}
		back, err := ParseTraceJSON(&b, "fuzz")
		if err != nil {
			t.Fatalf("round trip: %v\n%s", err, b.String())
		}
		if d := cmp.Diff(tr, back, cmpopts.IgnoreUnexported(Trace{}), cmpopts.EquateApprox(1e-9, 1e-12)); d != "" {
			t.Fatalf("round trip differs: %s", d)
		}
	})
}

func FuzzParseStays(f *testing.F) {
	for _, s := range []string{
		"user,hotspot,start,end\na,h1,0,100\nb,h1,50,150\na,h2,100,200\n",
		"user,hotspot,start,end\na,h1,0,10\na,h1,5,20\n", "user,hotspot,start,end\n", "u,h,s,e\n", "user,hotspot,start,end\n,h,0,1\n",
		"user,hotspot,start,end\n\"x,y\",h,0,NaN\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		m, users, err := ParseStays(bytes.NewReader(in))
		if err != nil {
			return
		}
		if m.Users() != len(users) || m.Mode() != CoopTrace {
			t.Fatalf("%d users, %d ids, mode %v", m.Users(), len(users), m.Mode())
		}
		var b bytes.Buffer
		if err := WriteStays(&b, m, users); err != nil {
			t.Fatal(err)
		}
		back, ids, err := ParseStays(&b)
		if err != nil {
			t.Fatalf("round trip: %v\n%s", err, b.String())
		}
		// Users with no stays cannot be written; the others keep their ids and stays, with
		// hotspots relabelled consistently.
		relabel := map[int]int{}
		k := 0
		for i := range m.Users() {
			ss := m.Stays(i)
			if len(ss) == 0 {
				continue
			}
			if k >= len(ids) || ids[k] != strings.TrimSpace(users[i]) {
				t.Fatalf("user %d: id %q lost", i, users[i])
			}
			bs := back.Stays(k)
			if len(bs) != len(ss) {
				t.Fatalf("user %d: %d stays, round trip %d", i, len(ss), len(bs))
			}
			for s := range ss {
				if ss[s].Start != bs[s].Start || ss[s].End != bs[s].End {
					t.Fatalf("user %d stay %d: %+v vs %+v", i, s, ss[s], bs[s])
				}
				if h, ok := relabel[ss[s].Hotspot]; ok && h != bs[s].Hotspot {
					t.Fatalf("hotspot relabelling inconsistent")
				}
				relabel[ss[s].Hotspot] = bs[s].Hotspot
			}
			k++
		}
	})
}

// fuzzScenario decodes bytes into a tiny scenario with arbitrary floats.
func fuzzScenario(in []byte) (*Scenario, int) {
	pos := 0
	f64 := func() float64 {
		if pos+8 > len(in) {
			pos = len(in)
			return 1
		}
		v := math.Float64frombits(binary.LittleEndian.Uint64(in[pos:]))
		pos += 8
		return v
	}
	b8 := func() int {
		if pos >= len(in) {
			return 0
		}
		pos++
		return int(in[pos-1])
	}
	n := 1 + b8()%3
	sc := &Scenario{LambdaE: f64(), WiFiRate: f64(), Horizon: f64()}
	for range n {
		tr := &Trace{Starts: []float64{0, f64()}, Mbps: []float64{f64(), f64()}, Period: f64(), Loop: b8()%2 == 0}
		u := User{Trace: tr, Energy: DefaultEnergy(), Theta: f64(), Delta: f64(), Rho: f64()}
		if b8()%4 != 0 {
			u.Video = &Video{Start: f64(), SegLen: f64(), Segments: b8() % 12, MaxBuffer: f64(), Ladder: Ladder{f64(), f64()}}
		}
		sc.Users = append(sc.Users, u)
	}
	switch b8() % 3 {
	case 0:
		sc.Mobility = FullCooperation(n)
	case 1:
		if m, err := NewMobility([][]Stay{{{1, f64(), f64()}}, {{1, f64(), f64()}}, nil}); err == nil {
			sc.Mobility = m
		}
	}
	return sc, b8()
}

func fuzzSeed(vals ...float64) []byte {
	var b []byte
	b = append(b, 1)
	for _, v := range vals {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	return b
}

func FuzzSimulate(f *testing.F) {
	f.Add(fuzzSeed(0.02, 0, 0, 10, 2, 3, 20, 1, 1, 4.3))
	f.Add(fuzzSeed(0.02, 5, 30, 5, 0, 1, 8, 0.5, 1, 4))
	f.Add(fuzzSeed(math.NaN(), -1, math.Inf(1)))
	f.Add([]byte{})
	f.Add(append(fuzzSeed(0.01, 2, 0, 3, 1, 2, 5, 1, 1, 1, 0, 2, 5, 20, 1, 2), 7, 3, 9, 1, 0, 2))
	f.Fuzz(func(t *testing.T, in []byte) {
		sc, pk := fuzzScenario(in)
		var p Policy
		switch pk % 3 {
		case 0:
			p = &BufferBased{Owner: DefaultOwnerRule()}
		case 1:
			p = &ChannelPrediction{Owner: DefaultOwnerRule()}
		default:
			p = &ChannelPrediction{Predictor: PredictPANDA}
		}
		if sc.Validate() != nil {
			if _, err := Simulate(context.Background(), sc, p, nil); err == nil {
				t.Fatal("Simulate accepted an invalid scenario")
			}
			return
		}
		if sc.HorizonOrDefault() > 1e5 {
			return // keep fuzz runs short
		}
		res, err := Simulate(context.Background(), sc, p, &SimSettings{Record: true, MaxEvents: 200000})
		if err != nil {
			return // event limit on pathological inputs
		}
		checkRun(t, sc, res)
	})
}
