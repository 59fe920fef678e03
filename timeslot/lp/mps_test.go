package lp

import (
	"bytes"
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// small1 is the netlib-style LP of spec timeslot.md §5 (optimum 25.5 at (5, 3, 0.5) by vertex enumeration).
const small1 = `NAME          SMALL1
OBJSENSE
    MAX
ROWS
 N  PROFIT
 L  CAP1
 G  CAP2
 E  BAL
 L  RNG1
 N  NOTE
COLUMNS
    X1  PROFIT  3   CAP1  1
    X1  CAP2    1   RNG1  1
    X2  PROFIT  2   CAP1  1
    X2  BAL     1   NOTE  7
    X3  PROFIT  -1  CAP2  1
    X3  BAL     -1  RNG1  2
RHS
    RHS  CAP1  8   CAP2  2
    RHS  BAL   1   RNG1  10
    RHS  PROFIT  -5
RANGES
    RNG  BAL   2   RNG1  4
BOUNDS
 UP BND  X1  5
 MI BND  X3
 UP BND  X3  4
ENDATA
`

func TestReadMPSSmall1(t *testing.T) {
	p, err := ReadMPS(strings.NewReader(small1))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]float64{-3, -2, 1}, p.C); d != "" {
		t.Errorf("C (-want +got):\n%s", d)
	}
	if p.Offset != -5 {
		t.Errorf("Offset = %v, want -5", p.Offset)
	}
	if d := cmp.Diff([]float64{-inf, 2, 1, 6, -inf}, p.RowLower); d != "" {
		t.Errorf("RowLower (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]float64{8, inf, 3, 10, inf}, p.RowUpper); d != "" {
		t.Errorf("RowUpper (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]float64{0, 0, -inf}, p.Lower); d != "" {
		t.Errorf("Lower (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]float64{5, inf, 4}, p.Upper); d != "" {
		t.Errorf("Upper (-want +got):\n%s", d)
	}
	if p.A.NNZ() != 9 {
		t.Errorf("nnz = %d, want 9", p.A.NNZ())
	}
	sol, err := Solve(context.Background(), p, &Settings{Tol: 1e-8})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(sol.Objective+25.5) > 1e-6 {
		t.Errorf("Objective = %v, want -25.5", sol.Objective)
	}
	if d := cmp.Diff([]float64{5, 3, 0.5}, sol.X, cmpApprox(1e-6)); d != "" {
		t.Errorf("X (-want +got):\n%s", d)
	}
	// Round trips: identical Problem, byte-identical second text.
	var w1, w2 bytes.Buffer
	if err := WriteMPS(&w1, p); err != nil {
		t.Fatal(err)
	}
	q, err := ReadMPS(bytes.NewReader(w1.Bytes()))
	if err != nil {
		t.Fatalf("reread: %v\n%s", err, w1.String())
	}
	if d := cmp.Diff(p, q); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
	if err := WriteMPS(&w2, q); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w1.Bytes(), w2.Bytes()) {
		t.Errorf("second round trip differs:\n%s\n---\n%s", w1.String(), w2.String())
	}
}

func TestReadMPSErrors(t *testing.T) {
	lines := strings.Split(small1, "\n")
	edit := func(lineNo int, repl string) string { // replace 1-based line lineNo
		l := append([]string(nil), lines...)
		l[lineNo-1] = repl
		return strings.Join(l, "\n")
	}
	insert := func(lineNo int, s string) string { // insert before 1-based line lineNo
		l := append([]string(nil), lines[:lineNo-1]...)
		l = append(l, s)
		l = append(l, lines[lineNo-1:]...)
		return strings.Join(l, "\n")
	}
	for _, tc := range []struct {
		name, text string
		line       int
	}{
		{"marker", insert(13, "    MARKER  'MARKER'  'INTORG'"), 13},
		{"BV", edit(27, " BV BND  X1"), 27},
		{"unknown RHS row", edit(20, "    RHS  NOPE  8   CAP2  2"), 20},
		{"RANGES on PROFIT", edit(23, "    RNG  PROFIT   2   RNG1  4"), 23},
		{"NaN", edit(12, "    X1  PROFIT  NaN   CAP1  1"), 12},
		{"repeated entry", edit(13, "    X1  CAP2    1   CAP1  1"), 13},
		{"non-contiguous", insert(16, "    X1  NOTE  1"), 16},
		{"missing ENDATA", strings.TrimSuffix(strings.Replace(small1, "ENDATA\n", "", 1), "\n"), 28},
		{"Inf", edit(12, "    X1  PROFIT  Inf   CAP1  1"), 12},
		{"hex", edit(12, "    X1  PROFIT  0x1p3   CAP1  1"), 12},
		{"second RHS set", edit(21, "    RHS2  BAL   1   RNG1  10"), 21},
		{"unknown section", edit(19, "RHSX"), 19},
		{"out of order", insert(4, "COLUMNS"), 4},
		{"bad row type", edit(6, " X  CAP1"), 6},
		{"unknown column", edit(27, " UP BND  X9  5"), 27},
		{"bad bound type", edit(27, " XX BND  X1  5"), 27},
		{"bound fields", edit(27, " UP BND  X1"), 27},
	} {
		_, err := ReadMPS(strings.NewReader(tc.text))
		var me *MPSError
		if !errors.As(err, &me) || !errors.Is(err, ErrBadMPS) {
			t.Errorf("%s: err = %v, want *MPSError", tc.name, err)
			continue
		}
		if me.Line != tc.line {
			t.Errorf("%s: line %d, want %d (%v)", tc.name, me.Line, tc.line, err)
		}
	}
	long := "NAME X\nROWS\n N OBJ\n" + " L " + strings.Repeat("R", maxMPSLine) + "\nENDATA\n"
	if _, err := ReadMPS(strings.NewReader(long)); err == nil || err.(*MPSError).Line != 4 {
		t.Errorf("long line: %v", err)
	}
}

// drawProblem draws a random Problem for round-trip tests: values from a dyadic grid or random bits, every
// row type (free, equality, one-sided, ranged with exact u − l) and bound type, Offset ≠ 0.
func drawProblem(t *rapid.T) *Problem {
	m := rapid.IntRange(0, 8).Draw(t, "m")
	n := rapid.IntRange(0, 8).Draw(t, "n")
	val := func(label string) float64 {
		if rapid.Bool().Draw(t, label+"kind") {
			return float64(rapid.IntRange(-64, 64).Draw(t, label)) / 8
		}
		v := math.Float64frombits(rapid.Uint64().Draw(t, label))
		if !finite(v) {
			return 1.5
		}
		return v
	}
	var tr []Triplet
	for i := range m {
		for j := range n {
			if rapid.IntRange(0, 2).Draw(t, "nz") == 0 {
				tr = append(tr, Triplet{i, j, val("a")})
			}
		}
	}
	a, err := NewCSR(m, n, tr)
	if err != nil {
		t.Fatal(err)
	}
	p := &Problem{A: a, C: make([]float64, n), RowLower: make([]float64, m), RowUpper: make([]float64, m), Offset: val("off")}
	for j := range n {
		p.C[j] = val("c")
	}
	for i := range m {
		b := float64(rapid.IntRange(-40, 40).Draw(t, "b")) / 4
		switch rapid.IntRange(0, 4).Draw(t, "rowtype") {
		case 0:
			p.RowLower[i], p.RowUpper[i] = -inf, inf
		case 1:
			p.RowLower[i], p.RowUpper[i] = b, b
		case 2:
			p.RowLower[i], p.RowUpper[i] = -inf, b
		case 3:
			p.RowLower[i], p.RowUpper[i] = b, inf
		default:
			p.RowLower[i], p.RowUpper[i] = b, b+float64(rapid.IntRange(1, 40).Draw(t, "range"))/4
		}
	}
	if rapid.Bool().Draw(t, "boxes") {
		p.Lower, p.Upper = make([]float64, n), make([]float64, n)
		for j := range n {
			b := float64(rapid.IntRange(-40, 40).Draw(t, "l")) / 4
			switch rapid.IntRange(0, 5).Draw(t, "boundtype") {
			case 0:
				p.Lower[j], p.Upper[j] = 0, inf
			case 1:
				p.Lower[j], p.Upper[j] = -inf, inf
			case 2:
				p.Lower[j], p.Upper[j] = b, b
			case 3:
				p.Lower[j], p.Upper[j] = -inf, b
			case 4:
				p.Lower[j], p.Upper[j] = b, inf
			default:
				p.Lower[j], p.Upper[j] = b, b+float64(rapid.IntRange(0, 40).Draw(t, "w"))/4
			}
		}
	}
	return p
}

// normalised returns p with nil boxes made explicit, as ReadMPS returns them.
func normalised(p *Problem) *Problem {
	q := *p
	n := p.A.Cols
	q.Lower, q.Upper = make([]float64, n), make([]float64, n)
	for j := range n {
		q.Lower[j], q.Upper[j] = p.lower(j), p.upper(j)
	}
	if q.C == nil {
		q.C = []float64{}
	}
	return &q
}

func TestPropMPSRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := drawProblem(t)
		var w bytes.Buffer
		if err := WriteMPS(&w, p); err != nil {
			t.Fatal(err)
		}
		q, err := ReadMPS(bytes.NewReader(w.Bytes()))
		if err != nil {
			t.Fatalf("%v\n%s", err, w.String())
		}
		if d := cmp.Diff(normalised(p), q, cmpEmpty()); d != "" {
			t.Fatalf("round trip (-want +got):\n%s\n%s", d, w.String())
		}
	})
}

// Random ranged rows round-trip within one rounding of RowUpper.
func TestMPSRangedRounding(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for range 200 {
		l := rng.NormFloat64() * math.Pow(10, float64(rng.IntN(10)-5))
		u := l + rng.Float64()*math.Pow(10, float64(rng.IntN(10)-5))
		if !(u > l) {
			continue
		}
		a, _ := NewCSR(1, 1, []Triplet{{0, 0, 1}})
		p := &Problem{A: a, C: []float64{1}, RowLower: []float64{l}, RowUpper: []float64{u}}
		var w bytes.Buffer
		if err := WriteMPS(&w, p); err != nil {
			t.Fatal(err)
		}
		q, err := ReadMPS(&w)
		if err != nil {
			t.Fatal(err)
		}
		if q.RowLower[0] != l || math.Abs(q.RowUpper[0]-u) > math.Abs(u)*0x1p-52 {
			t.Fatalf("[%v, %v] reread as [%v, %v]", l, u, q.RowLower[0], q.RowUpper[0])
		}
	}
}

func TestWriteMPSErrors(t *testing.T) {
	a, _ := NewCSR(1, 1, []Triplet{{0, 0, 1}})
	p := &Problem{A: a, C: []float64{1}, RowLower: []float64{2}, RowUpper: []float64{1}}
	var w bytes.Buffer
	var pe *ProblemError
	if err := WriteMPS(&w, p); !errors.As(err, &pe) || pe.Field != "RowLower" || w.Len() != 0 {
		t.Errorf("crossed row: %v, wrote %d bytes", err, w.Len())
	}
	p = &Problem{A: a, C: []float64{math.NaN()}, RowLower: []float64{0}, RowUpper: []float64{1}}
	if err := WriteMPS(&w, p); !errors.Is(err, ErrBadProblem) || w.Len() != 0 {
		t.Errorf("NaN C: %v", err)
	}
}
