package overlay

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cdnkit/cdnkit/internal/testdata"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// steinlibTable is the table of ../shared/data/steinlib/README.md: file,
// n, m, t, opt (proven optimum, SteinLib / sbeyer/steiner-tree-results
// steinlib.csv), root (1-based, first terminal), GW dual of the rooted L = 1
// reduction (tie-order independent).
var steinlibTable = []struct {
	file    string
	n, m, t int
	opt     float64
	root    int
	dual    float64
}{
	{"B/b01.stp", 50, 63, 9, 82, 48, 61.5},
	{"B/b02.stp", 50, 63, 13, 83, 25, 55},
	{"B/b03.stp", 50, 63, 25, 138, 32, 74.5},
	{"B/b04.stp", 50, 100, 9, 59, 35, 40.5},
	{"B/b05.stp", 50, 100, 13, 61, 5, 38},
	{"B/b06.stp", 50, 100, 25, 122, 38, 69},
	{"B/b07.stp", 75, 94, 13, 111, 55, 76.5},
	{"B/b08.stp", 75, 94, 19, 104, 29, 62},
	{"B/b09.stp", 75, 94, 38, 220, 20, 145.5},
	{"B/b10.stp", 75, 150, 13, 86, 9, 58.5},
	{"B/b11.stp", 75, 150, 19, 88, 12, 53},
	{"B/b12.stp", 75, 150, 38, 174, 10, 95},
	{"B/b13.stp", 100, 125, 17, 165, 92, 106.5},
	{"B/b14.stp", 100, 125, 25, 235, 85, 148.5},
	{"B/b15.stp", 100, 125, 50, 318, 30, 185.5},
	{"B/b16.stp", 100, 200, 17, 127, 81, 75.5},
	{"B/b17.stp", 100, 200, 25, 131, 61, 79},
	{"B/b18.stp", 100, 200, 50, 218, 44, 127},
	{"C/c01.stp", 500, 625, 5, 85, 13, 68},
	{"C/c02.stp", 500, 625, 10, 144, 265, 90},
	{"C/c03.stp", 500, 625, 83, 754, 440, 443},
	{"C/c04.stp", 500, 625, 125, 1079, 353, 642.5},
	{"C/c05.stp", 500, 625, 250, 1579, 210, 847.5},
	{"C/c06.stp", 500, 1000, 5, 55, 98, 39.5},
	{"C/c07.stp", 500, 1000, 10, 102, 176, 75.5},
	{"C/c08.stp", 500, 1000, 83, 509, 115, 294.5},
	{"C/c09.stp", 500, 1000, 125, 707, 206, 397},
	{"C/c10.stp", 500, 1000, 250, 1093, 113, 618},
	{"C/c11.stp", 500, 2500, 5, 32, 57, 25.5},
	{"C/c12.stp", 500, 2500, 10, 46, 217, 33},
	{"C/c13.stp", 500, 2500, 83, 258, 443, 151},
	{"C/c14.stp", 500, 2500, 125, 323, 315, 187},
	{"C/c15.stp", 500, 2500, 250, 556, 374, 311.5},
	{"C/c16.stp", 500, 12500, 5, 11, 446, 7.5},
	{"C/c17.stp", 500, 12500, 10, 18, 253, 12},
	{"C/c18.stp", 500, 12500, 83, 113, 475, 66.5},
	{"C/c19.stp", 500, 12500, 125, 146, 488, 83},
	{"C/c20.stp", 500, 12500, 250, 267, 494, 135},
	{"D/d01.stp", 1000, 1250, 5, 106, 659, 81},
	{"D/d02.stp", 1000, 1250, 10, 220, 452, 154},
	{"D/d03.stp", 1000, 1250, 167, 1565, 568, 962.5},
	{"D/d04.stp", 1000, 1250, 250, 1935, 137, 1234.5},
	{"D/d05.stp", 1000, 1250, 500, 3250, 223, 1778.5},
	{"D/d06.stp", 1000, 2000, 5, 67, 611, 55},
	{"D/d07.stp", 1000, 2000, 10, 103, 187, 69},
}

// steinerReduction is the L = 1 reduction: prize Σ_e c_e + 1 on every
// terminal, 0 elsewhere.
func steinerReduction(st *STP) []float64 {
	var total float64
	for _, e := range st.Graph.Edges {
		total += e.Cost
	}
	prizes := make([]float64, st.Graph.N)
	for _, v := range st.Terminals {
		prizes[v] = total + 1
	}
	return prizes
}

func loadSTP(tb testing.TB, file string) *STP {
	tb.Helper()
	p := testdata.Require(tb, "steinlib", file)
	f, err := os.Open(p)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	st, err := ReadSTP(f)
	if err != nil {
		tb.Fatalf("%s: %v", file, err)
	}
	return st
}

// TestSteinLib: every staged instance parses to the README's (n, m, t); the
// rooted PCST on the L = 1 reduction has Penalty 0, opt ≤ Cost ≤ 2·opt and
// Dual equal to the README's GW dual (≤ opt), also with the edge order
// reversed.
func TestSteinLib(t *testing.T) {
	testdata.Require(t, "steinlib")
	for _, row := range steinlibTable {
		if testing.Short() && row.m > 2500 {
			continue
		}
		t.Run(row.file, func(t *testing.T) {
			st := loadSTP(t, row.file)
			if got := [3]int{st.Graph.N, len(st.Graph.Edges), len(st.Terminals)}; got != [3]int{row.n, row.m, row.t} {
				t.Fatalf("(n, m, t) = %v, want %v", got, [3]int{row.n, row.m, row.t})
			}
			if st.Terminals[0] != row.root-1 {
				t.Fatalf("first terminal %d, want %d", st.Terminals[0]+1, row.root)
			}
			prizes := steinerReduction(st)
			res, err := PCST(st.Graph, prizes, st.Terminals[0], nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Penalty != 0 || res.Cost < row.opt-1e-9 || res.Cost > 2*row.opt || res.Dual > row.opt+1e-9 {
				t.Errorf("Penalty %v Cost %v Dual %v opt %v", res.Penalty, res.Cost, res.Dual, row.opt)
			}
			if d := cmp.Diff(row.dual, res.Dual, cmpopts.EquateApprox(1e-9, 1e-9)); d != "" {
				t.Errorf("Dual (-want +got):\n%s", d)
			}
			rev := Graph{N: st.Graph.N, Edges: slices.Clone(st.Graph.Edges)}
			slices.Reverse(rev.Edges)
			r2, err := PCST(rev, prizes, st.Terminals[0], nil)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(row.dual, r2.Dual, cmpopts.EquateApprox(1e-9, 1e-9)); d != "" {
				t.Errorf("Dual with reversed edges (-want +got):\n%s", d)
			}
			t.Logf("Cost/opt %.3f", res.Cost/row.opt)
		})
	}
}

// writeSTP encodes st in STP format (test helper for the round trip).
func writeSTP(st *STP) []byte {
	var b bytes.Buffer
	bw := bufio.NewWriter(&b)
	fmt.Fprintf(bw, "33D32945 STP File, STP Format Version 1.0\nSECTION Comment\nName \"%s\"\nEND\n", st.Name)
	fmt.Fprintf(bw, "SECTION Graph\nNodes %d\nEdges %d\n", st.Graph.N, len(st.Graph.Edges))
	for _, e := range st.Graph.Edges {
		fmt.Fprintf(bw, "E %d %d %s\n", e.U+1, e.V+1, strconv.FormatFloat(e.Cost, 'g', -1, 64))
	}
	fmt.Fprintf(bw, "END\nSECTION Terminals\nTerminals %d\n", len(st.Terminals))
	if st.Root >= 0 {
		fmt.Fprintf(bw, "Root %d\n", st.Root+1)
	}
	for _, t := range st.Terminals {
		if st.Prizes != nil {
			fmt.Fprintf(bw, "TP %d %s\n", t+1, strconv.FormatFloat(st.Prizes[t], 'g', -1, 64))
		} else {
			fmt.Fprintf(bw, "T %d\n", t+1)
		}
	}
	fmt.Fprintf(bw, "END\nEOF\n")
	if err := bw.Flush(); err != nil {
		panic(err)
	}
	return b.Bytes()
}

const stpSmall = `33D32945 STP File, STP Format Version 1.0

SECTION Comment
Name    "tiny"
Creator "cdnkit"
END

section graph
Nodes 4
Edges 4
Optimal 3
E 1 2 1
E 2 3 1
E 3 4 1
E 1 4 5
End

SECTION Terminals
Terminals 2
T 1
T 4
END

SECTION Coordinates
DD 1 0 0
END

EOF
`

func TestReadSTP(t *testing.T) {
	st, err := ReadSTP(strings.NewReader(stpSmall))
	if err != nil {
		t.Fatal(err)
	}
	want := &STP{Name: "tiny", Graph: Graph{N: 4, Edges: []Edge{{0, 1, 1}, {1, 2, 1}, {2, 3, 1}, {0, 3, 5}}},
		Terminals: []int{0, 3}, Root: -1}
	if d := cmp.Diff(want, st); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	pc := "33d32945 STP File\nSECTION Graph\nNodes 3\nEdges 2\nE 1 2 1\nE 2 3 2.5\nEND\nSECTION Terminals\nTerminals 2\nRoot 1\nTP 2 4\nTP 3 0.5\nEND\n"
	st, err = ReadSTP(strings.NewReader(pc))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]float64{0, 4, 0.5}, st.Prizes); d != "" || st.Root != 0 {
		t.Errorf("prizes (-want +got):\n%s root %d", d, st.Root)
	}
	back, err := ReadSTP(bytes.NewReader(writeSTP(st)))
	if err != nil || !cmp.Equal(st, back) {
		t.Errorf("round trip: %v\n%s", err, cmp.Diff(st, back))
	}
	bad := []string{
		"",
		"hello\n",
		"33D32945\nSECTION Graph\nNodes 2\nEdges 1\nE 1 3 1\nEND\n",
		"33D32945\nSECTION Graph\nNodes 2\nEdges 1\nE 1 2 -1\nEND\n",
		"33D32945\nSECTION Graph\nNodes 2\nEdges 1\nE 1 2 NaN\nEND\n",
		"33D32945\nSECTION Graph\nNodes 2\nEdges 2\nE 1 2 1\nEND\n",
		"33D32945\nSECTION Graph\nNodes 2\nArcs 1\nA 1 2 1\nEND\n",
		"33D32945\nSECTION Graph\nNodes 2\nEdges 1\nE 1 2 1\nEND\nSECTION Terminals\nTerminals 2\nT 1\nEND\n",
		"33D32945\nSECTION Graph\nNodes 2\nEdges 1\nE 1 2\nEND\n",
		"33D32945\nNodes 2\n",
		"33D32945\nSECTION Graph\nNodes 0\nEND\n",
		"33D32945\nSECTION Terminals\nT 1\nEND\n",
		"33D32945\nSECTION Graph\nNodes 2\nEdges 1\nE 1 2 1\nEND\nSECTION Terminals\nTP 1 Inf\nEND\n",
	}
	for i, s := range bad {
		_, err := ReadSTP(strings.NewReader(s))
		var pe *ParseError
		if !errors.As(err, &pe) || !errors.Is(err, ErrFormat) {
			t.Errorf("bad input %d: err = %v", i, err)
		}
	}
}

// graphmlTable is spec §5: n, m after merging, edges with a
// missing-coordinate endpoint, Σ cost (km) with MissingCost = mean, mean known
// edge (km).
var graphmlTable = []struct {
	name           string
	n, m, missing  int
	sum, meanKnown float64
}{
	{"Abilene", 11, 14, 0, 14082.366, 1005.8833},
	{"Cogentco", 197, 243, 31, 120384.765, 495.4106},
	{"Colt", 153, 177, 13, 29296.456, 165.5167},
	{"GtsCe", 149, 193, 17, 29100.810, 150.7814},
	{"Interoute", 110, 146, 30, 31081.494, 212.8869},
	{"Kdl", 754, 895, 76, 43845.013, 48.9888},
	{"TataNld", 145, 186, 5, 24757.678, 133.1058},
	{"UsCarrier", 158, 189, 18, 11523.346, 60.9701},
}

func loadGraphML(tb testing.TB, name string, o *GraphMLOptions) *Topology {
	tb.Helper()
	p := testdata.Require(tb, "topology", name+".graphml")
	f, err := os.Open(p)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	top, err := ReadGraphML(f, o)
	if err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return top
}

func TestReadGraphMLZoo(t *testing.T) {
	testdata.Require(t, "topology")
	for _, row := range graphmlTable {
		t.Run(row.name, func(t *testing.T) {
			top := loadGraphML(t, row.name, nil)
			missing := 0
			var sum, known float64
			for _, e := range top.Graph.Edges {
				sum += e.Cost
				if math.IsNaN(top.Lat[e.U]) || math.IsNaN(top.Lat[e.V]) || math.IsNaN(top.Lon[e.U]) || math.IsNaN(top.Lon[e.V]) {
					missing++
				} else {
					known += e.Cost
				}
			}
			got := []float64{float64(top.Graph.N), float64(len(top.Graph.Edges)), float64(missing), sum,
				known / float64(len(top.Graph.Edges)-missing)}
			want := []float64{float64(row.n), float64(row.m), float64(row.missing), row.sum, row.meanKnown}
			if d := cmp.Diff(want, got, cmpopts.EquateApprox(1e-6, 0)); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			if err := top.Graph.Validate(); err != nil {
				t.Error(err)
			}
			if top.Network != strings.TrimSpace(top.Network) || top.Network == "" {
				t.Errorf("Network %q", top.Network)
			}
			// A realistic Gradient run per file: source = highest-degree
			// node, Fig1Instance clients and prices.
			inst, err := Fig1Instance(top.Graph, nil, rand.NewPCG(1, 1))
			if err != nil {
				t.Fatal(err)
			}
			if testing.Short() && inst.Graph.N > 200 {
				return
			}
			checkOrdering(t, inst)
		})
	}
	// Spec §2.9 quirks: Interoute has 2 self-loops and 10 parallel edges.
	top := loadGraphML(t, "Interoute", nil)
	if top.SelfLoops != 2 || top.Parallel != 10 || top.Network != "Interroute" {
		t.Errorf("Interoute: self-loops %d parallel %d network %q", top.SelfLoops, top.Parallel, top.Network)
	}
	hyper := 0
	for _, h := range loadGraphML(t, "Kdl", nil).Hyperedge {
		if h {
			hyper++
		}
	}
	if hyper != 28 {
		t.Errorf("Kdl hyperedge nodes %d, want 28", hyper)
	}
	u := loadGraphML(t, "Abilene", &GraphMLOptions{Cost: CostUnit})
	for _, e := range u.Graph.Edges {
		if e.Cost != 1 {
			t.Fatalf("unit cost %v", e.Cost)
		}
	}
}

const gmlSmall = `<?xml version="1.0" encoding="utf-8"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key attr.name="Network" attr.type="string" for="graph" id="d1" />
  <key attr.name="Latitude" attr.type="double" for="node" id="d7" />
  <key attr.name="Longitude" attr.type="double" for="node" id="d8" />
  <key attr.name="label" attr.type="string" for="node" id="d9" />
  <graph edgedefault="directed">
    <data key="d1">Tiny </data>
    <node id="a"><data key="d9"> A </data><data key="d7">0</data><data key="d8">0</data></node>
    <node id="b"><data key="d9">B</data><data key="d7">0</data><data key="d8">1</data></node>
    <node id="c"><data key="d9">C</data></node>
    <node id="x"><data key="d9">X</data></node>
    <node id="y"><data key="d9">Y</data></node>
    <edge source="a" target="b" />
    <edge source="b" target="a" />
    <edge source="b" target="c" />
    <edge source="c" target="c" />
    <edge source="x" target="y" />
  </graph>
</graphml>`

func TestReadGraphMLQuirks(t *testing.T) {
	top, err := ReadGraphML(strings.NewReader(gmlSmall), nil)
	if err != nil {
		t.Fatal(err)
	}
	deg := haversine(0, 0, 0, 1) // 2πR/360 = 111.19492664455873 km per degree on the equator
	if math.Abs(deg-2*math.Pi*6371/360) > 1e-9 {
		t.Fatalf("haversine %v", deg)
	}
	want := &Topology{Graph: Graph{N: 3, Edges: []Edge{{0, 1, deg}, {1, 2, deg}}}, Network: "Tiny",
		IDs: []string{"a", "b", "c"}, Labels: []string{"A", "B", "C"}, Lat: []float64{0, 0, math.NaN()},
		Lon: []float64{0, 1, math.NaN()}, Internal: []bool{true, true, true}, Hyperedge: []bool{false, false, false},
		SelfLoops: 1, Parallel: 1, DroppedNodes: 2}
	if d := cmp.Diff(want, top, cmpopts.EquateNaNs()); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	all, err := ReadGraphML(strings.NewReader(gmlSmall), &GraphMLOptions{KeepAll: true, MissingCost: 7})
	if err != nil || all.Graph.N != 5 || all.Graph.Edges[1].Cost != 7 {
		t.Errorf("KeepAll: %v %+v", err, all)
	}
	bad := []string{
		"",
		"<graphml><graph><node id='a'/><edge source='a' target='z'/></graph></graphml>",
		"<graphml><graph><hyperedge/></graph></graphml>",
		"<graphml><graph><node id='a'><port name='p'/></node></graph></graphml>",
		"<graphml><graph><node id='a'><graph/></node></graph></graphml>",
		"<graphml><key id='k' attr.name='Latitude'/><graph><node id='a'><data key='k'>91</data></node></graph></graphml>",
		"<graphml><key id='k' attr.name='Longitude'/><graph><node id='a'><data key='k'>abc</data></node></graph></graphml>",
		"<graphml><graph><node id='a'/><node id='a'/></graph></graphml>",
		"<graphml><graph><node id='a'>",
		"<graphml><graph></graph></graphml>",
		"<other/>",
		strings.Repeat("<a>", 70) + strings.Repeat("</a>", 70),
	}
	for i, s := range bad {
		_, err := ReadGraphML(strings.NewReader(s), nil)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("bad input %d: err = %v", i, err)
		}
	}
	if _, err := ReadGraphML(strings.NewReader(gmlSmall), &GraphMLOptions{MissingCost: -1}); !errors.Is(err, ErrBadSettings) {
		t.Errorf("MissingCost -1: %v", err)
	}
}

func TestReadASRel(t *testing.T) {
	in := "# source: test\n1|2|-1\n2|3|0|bgp\n3|2|-1\n4|4|0\n\n5|1|-1|mlp\n"
	g, err := ReadASRel(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := &ASGraph{Graph: Graph{N: 4, Edges: []Edge{{0, 1, 1}, {1, 2, 1}, {3, 0, 1}}}, ASN: []uint32{1, 2, 3, 5},
		Rel: []int8{-1, 0, -1}, Duplicates: 1, SelfLoops: 1}
	if d := cmp.Diff(want, g); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	for i, s := range []string{"", "1|2|1\n", "1|2\n", "a|2|0\n", "1|4294967296|0\n", "1|2|0|x|y\n", "# only\n"} {
		if _, err := ReadASRel(strings.NewReader(s)); !errors.Is(err, ErrFormat) {
			t.Errorf("bad %d: %v", i, err)
		}
	}
	e, err := ReadEdgeList(strings.NewReader("# FromNodeId ToNodeId\n10\t20\n20 10\n30 30\n20  40\n"))
	if err != nil {
		t.Fatal(err)
	}
	wantE := &ASGraph{Graph: Graph{N: 3, Edges: []Edge{{0, 1, 1}, {1, 2, 1}}}, ASN: []uint32{10, 20, 40},
		Rel: []int8{0, 0}, Duplicates: 1, SelfLoops: 1}
	if d := cmp.Diff(wantE, e); d != "" {
		t.Errorf("edge list (-want +got):\n%s", d)
	}
	for i, s := range []string{"", "1\n", "1 2 3\n", "x 2\n", "-1 2\n"} {
		if _, err := ReadEdgeList(strings.NewReader(s)); !errors.Is(err, ErrFormat) {
			t.Errorf("bad edge list %d: %v", i, err)
		}
	}
}

// checkOrdering runs Gradient and both baselines and checks
// Gradient ≤ MST, Gradient ≤ Naive and the certificates.
func checkOrdering(t *testing.T, inst *Instance) {
	t.Helper()
	g, err := Gradient(t.Context(), inst, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := MSTBaseline(inst)
	if err != nil {
		t.Fatal(err)
	}
	nb, err := NaiveBroadcast(inst)
	if err != nil {
		t.Fatal(err)
	}
	tol := 1e-9 * (1 + math.Abs(m.Cost) + math.Abs(nb.Cost))
	if g.Cost > m.Cost+tol || g.Cost > nb.Cost+tol {
		t.Errorf("Gradient %v MST %v Naive %v", g.Cost, m.Cost, nb.Cost)
	}
	if g.LowerBound > g.Penalty*(1+1e-9) {
		t.Errorf("LowerBound %v > Penalty %v", g.LowerBound, g.Penalty)
	}
	checkCerts(t, g)
	checkSolution(t, inst, g)
}

func TestNilReaderPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"ReadSTP":      func() { _, _ = ReadSTP(nil) },
		"ReadGraphML":  func() { _, _ = ReadGraphML(nil, nil) },
		"ReadASRel":    func() { _, _ = ReadASRel(nil) },
		"ReadEdgeList": func() { _, _ = ReadEdgeList(nil) },
	} {
		func() {
			defer func() {
				if r := recover(); r != "overlay: nil reader" {
					t.Errorf("%s: panic %v", name, r)
				}
			}()
			f()
		}()
	}
	var pe *ParseError
	_, err := ReadGraphML(strings.NewReader("<graphml><graph><node id='a'/><edge source='a' target='z'/></graph></graphml>"), nil)
	if !errors.As(err, &pe) || pe.Format != "graphml" || !strings.Contains(err.Error(), "byte offset") {
		t.Errorf("GraphML error %v", err)
	}
	_, err = ReadSTP(strings.NewReader("33D32945\nSECTION Graph\nNodes 2\nEdges 1\nE 1 3 1\nEND\n"))
	if !errors.As(err, &pe) || pe.Line != 5 {
		t.Errorf("STP error %v, want line 5", err)
	}
}
