package overlay

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/cdnkit/cdnkit/internal/testdata"
	"github.com/google/go-cmp/cmp"
)

// byteSource decodes fuzz bytes into small integers and arbitrary floats.
type byteSource struct{ b []byte }

func (s *byteSource) byte() byte {
	if len(s.b) == 0 {
		return 0
	}
	x := s.b[0]
	s.b = s.b[1:]
	return x
}

// float returns a non-negative small number most of the time, and an
// arbitrary IEEE value (NaN, ±Inf, huge, negative, subnormal) when the
// selector byte is 0 and 8 bytes are left.
func (s *byteSource) float() float64 {
	k := s.byte()
	if k == 0 && len(s.b) >= 8 {
		x := math.Float64frombits(binary.LittleEndian.Uint64(s.b))
		s.b = s.b[8:]
		return x
	}
	return float64(k) / 16
}

func addFileSeed(f *testing.F, elem ...string) {
	if p, err := testdata.Path(elem...); err == nil {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

func checkAcceptedGraph(t *testing.T, g Graph) {
	if err := g.Validate(); err != nil {
		t.Fatalf("accepted input gives an invalid graph: %v", err)
	}
}

func FuzzReadGraphML(f *testing.F) {
	f.Add([]byte(gmlSmall))
	f.Add([]byte("<graphml><graph><node id='a'/><edge source='a' target='z'/></graph></graphml>"))
	f.Add([]byte("<graphml><graph><node id='0'/><node id='1'/><edge source='0' target='1'/></graph></graphml>"))
	addFileSeed(f, "topology", "Abilene.graphml")
	f.Fuzz(func(t *testing.T, b []byte) {
		top, err := ReadGraphML(bytes.NewReader(b), nil)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error is not a *ParseError: %v", err)
			}
			return
		}
		checkAcceptedGraph(t, top.Graph)
		if len(top.IDs) != top.Graph.N || len(top.Lat) != top.Graph.N || len(top.Labels) != top.Graph.N {
			t.Fatalf("attribute lengths differ from N = %d", top.Graph.N)
		}
	})
}

func FuzzReadSTP(f *testing.F) {
	f.Add([]byte(stpSmall))
	f.Add([]byte("33d32945 STP File\nSECTION Graph\nNodes 3\nEdges 2\nE 1 2 1\nE 2 3 2.5\nEND\nSECTION Terminals\nTerminals 2\nRoot 1\nTP 2 4\nTP 3 0.5\nEND\n"))
	f.Add([]byte("33D32945\nSECTION Graph\nNodes 2\nArcs 1\nA 1 2 1\nEND\n"))
	addFileSeed(f, "steinlib", "B", "b01.stp")
	f.Fuzz(func(t *testing.T, b []byte) {
		st, err := ReadSTP(bytes.NewReader(b))
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("error does not wrap ErrFormat: %v", err)
			}
			return
		}
		checkAcceptedGraph(t, st.Graph)
		back, err := ReadSTP(bytes.NewReader(writeSTP(st)))
		if err != nil {
			t.Fatalf("re-encoded STP rejected: %v", err)
		}
		if d := cmp.Diff(st.Graph, back.Graph); d != "" {
			t.Fatalf("round trip changed the graph:\n%s", d)
		}
	})
}

func FuzzReadASRel(f *testing.F) {
	f.Add([]byte("# source: test\n1|2|-1\n2|3|0|bgp\n3|2|-1\n4|4|0\n"))
	f.Add([]byte("1|2|1\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		g, err := ReadASRel(bytes.NewReader(b))
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("error does not wrap ErrFormat: %v", err)
			}
			return
		}
		checkAcceptedGraph(t, g.Graph)
		if len(g.Rel) != len(g.Graph.Edges) || len(g.ASN) != g.Graph.N {
			t.Fatal("length mismatch")
		}
	})
}

func FuzzReadEdgeList(f *testing.F) {
	f.Add([]byte("# FromNodeId ToNodeId\n10\t20\n20 10\n30 30\n"))
	f.Add([]byte("1 2 3\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		g, err := ReadEdgeList(bytes.NewReader(b))
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("error does not wrap ErrFormat: %v", err)
			}
			return
		}
		checkAcceptedGraph(t, g.Graph)
	})
}

func nanInf() []byte {
	var b []byte
	for _, x := range []float64{math.NaN(), math.Inf(1), -1, 1e300, math.MaxFloat64, 5e-324} {
		b = append(b, 0)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	return b
}

// decodePCST builds a small graph, prizes and root from fuzz bytes.
func decodePCST(b []byte) (Graph, []float64, int) {
	s := &byteSource{b}
	n := 1 + int(s.byte()%8)
	m := int(s.byte() % 16)
	g := Graph{N: n}
	for range m {
		g.Edges = append(g.Edges, Edge{int(s.byte()) % n, int(s.byte()) % n, s.float()})
	}
	prizes := make([]float64, n)
	for v := range prizes {
		prizes[v] = s.float()
	}
	return g, prizes, int(s.byte()) % (n + 1)
}

func FuzzPCST(f *testing.F) {
	f.Add([]byte{3, 2, 0, 1, 48, 1, 2, 64, 0, 80, 96, 0})
	f.Add([]byte{4, 4, 0, 1, 32, 0, 2, 32, 0, 3, 32, 1, 2, 16, 0, 16, 48, 80, 0})
	f.Add(append([]byte{2, 1, 0, 1}, nanInf()...))
	f.Add(append([]byte{5, 3, 0, 1, 7, 1, 2, 9, 2, 3, 0}, nanInf()...))
	f.Fuzz(func(t *testing.T, b []byte) {
		g, prizes, root := decodePCST(b)
		res, err := PCST(g, prizes, root, nil)
		if err != nil {
			if !errors.Is(err, ErrBadGraph) && !errors.Is(err, ErrBadInstance) && !errors.Is(err, ErrBadRoot) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		checkPCSTTree(t, g, prizes, root, res)
		scale := 0.0
		for _, e := range g.Edges {
			scale += e.Cost
		}
		for _, p := range prizes {
			scale += p
		}
		if math.IsNaN(res.Dual) || res.Objective > 2*res.Dual+1e-9*scale {
			t.Fatalf("Objective %v > 2·Dual %v", res.Objective, res.Dual)
		}
	})
}

// decodeInstance builds a tiny instance with arbitrary floats.
func decodeInstance(b []byte) *Instance {
	s := &byteSource{b}
	n := 1 + int(s.byte()%6)
	in := &Instance{Graph: Graph{N: n}}
	for range int(s.byte() % 10) {
		in.Graph.Edges = append(in.Graph.Edges, Edge{int(s.byte()) % n, int(s.byte()) % n, s.float()})
	}
	L := 1 + int(s.byte()%4)
	r := 0.0
	for range L {
		r += s.float()
		in.Rates = append(in.Rates, r)
	}
	in.Source = int(s.byte()) % n
	for range int(s.byte() % 6) {
		c := Client{Node: int(s.byte()) % n}
		for range L {
			c.Utility = append(c.Utility, s.float())
		}
		in.Clients = append(in.Clients, c)
	}
	return in
}

func FuzzGradient(f *testing.F) {
	f.Add([]byte{4, 3, 0, 1, 16, 1, 2, 16, 1, 3, 16, 2, 16, 16, 0, 2, 2, 16, 160, 3, 32, 35})
	f.Add([]byte{2, 1, 0, 1, 16, 1, 16, 16, 0, 1, 1, 48, 56})
	f.Add(append([]byte{3, 2, 0, 1, 16, 1, 2, 0}, nanInf()...))
	f.Add(append([]byte{3, 2, 0, 1, 16, 1, 2, 16, 1, 16, 0, 2, 1, 0}, nanInf()...))
	f.Fuzz(func(t *testing.T, b []byte) {
		inst := decodeInstance(b)
		sol, err := Gradient(context.Background(), inst, nil)
		if err != nil {
			if !errors.Is(err, ErrBadInstance) && !errors.Is(err, ErrBadGraph) && !errors.Is(err, ErrUnreachable) &&
				!errors.Is(err, ErrBadSettings) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		checkCerts(t, sol)
		for _, x := range []float64{sol.Cost, sol.Penalty, sol.LowerBound, sol.Traffic, sol.Utility} {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Fatalf("non-finite field: %+v", sol)
			}
		}
		scale := inst.FullUtility()
		for _, e := range inst.Graph.Edges {
			scale += e.Cost * inst.Rates[len(inst.Rates)-1]
		}
		if sol.Penalty < 0 || math.IsNaN(sol.Ratio) || sol.LowerBound > sol.Penalty+1e-9*scale {
			t.Fatalf("Penalty %v LowerBound %v Ratio %v", sol.Penalty, sol.LowerBound, sol.Ratio)
		}
	})
}

// TestFuzzSeedsCover makes sure the hand-made seeds reach both outcomes.
func TestFuzzSeedsCover(t *testing.T) {
	if _, err := Gradient(context.Background(), decodeInstance([]byte{2, 1, 0, 1, 16, 1, 16, 16, 0, 1, 1, 48, 56}), nil); err != nil {
		t.Errorf("valid seed rejected: %v", err)
	}
	if _, err := ReadGraphML(strings.NewReader(gmlSmall), nil); err != nil {
		t.Error(err)
	}
}
