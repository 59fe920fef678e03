package lp

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func FuzzReadMPS(f *testing.F) {
	f.Add([]byte(small1))
	f.Add([]byte("NAME\nROWS\n N OBJ\n E R0\nCOLUMNS\n X R0 1 OBJ 2\nRHS\n R0 3\nBOUNDS\n FR BND X\nENDATA\n"))
	f.Add([]byte("ROWS\n N OBJ\n G R0\n L R1\nCOLUMNS\n C0 OBJ 1\n C0 R0 1 R1 1\nRHS\n RHS R0 -1 R1 1\nRANGES\n RNG R1 0.5\nENDATA"))
	f.Add([]byte("ROWS\nENDATA\n"))
	f.Add([]byte("NAME\n*comment\nOBJSENSE MAXIMIZE\nROWS\n N OBJ\nCOLUMNS\n X OBJ 1\nBOUNDS\n UP BND X -1\nENDATA\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ReadMPS(bytes.NewReader(data))
		if err != nil {
			var me *MPSError
			if !errors.As(err, &me) || me.Line < 1 {
				t.Fatalf("error %v is not an *MPSError with Line ≥ 1", err)
			}
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("accepted input fails Validate: %v", err)
		}
		var w bytes.Buffer
		if err := WriteMPS(&w, p); err != nil {
			if errors.Is(err, ErrBadProblem) {
				return // crossed row bounds (l > u) cannot be written
			}
			t.Fatal(err)
		}
		q, err := ReadMPS(&w)
		if err != nil {
			t.Fatalf("reread: %v", err)
		}
		// Equal up to the ranged-row rounding of RowUpper.
		ranged := cmp.Comparer(func(a, b float64) bool {
			return a == b || (math.IsNaN(a) && math.IsNaN(b)) || math.Abs(a-b) <= 4*0x1p-52*math.Max(math.Abs(a), math.Abs(b))
		})
		if d := cmp.Diff(p, q, ranged, cmpEmpty()); d != "" {
			t.Fatalf("round trip (-want +got):\n%s", d)
		}
	})
}

// bytesFloats decodes data into float64s (8 bytes each, arbitrary bits).
func bytesFloats(data []byte) []float64 {
	var out []float64
	for len(data) >= 8 {
		out = append(out, math.Float64frombits(binary.LittleEndian.Uint64(data)))
		data = data[8:]
	}
	return out
}

func FuzzSolve(f *testing.F) {
	seed := func(vals ...float64) []byte {
		var b []byte
		for _, v := range vals {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
		return b
	}
	f.Add(uint8(2), uint8(2), uint16(2000), seed(1, 2, 3, 1, -1, -1, -inf, -inf, 4, 6, 0, 0, inf, inf))
	f.Add(uint8(1), uint8(3), uint16(500), seed(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 2, 2, 2))
	f.Add(uint8(3), uint8(1), uint16(100), seed(math.NaN(), 1, 2))
	f.Add(uint8(2), uint8(2), uint16(10000), seed(1e300, -1e300, 1e-300, 5, 1e308, -1e308, 0, 0, 1, 1, -1, -1, 1, 1))
	f.Fuzz(func(t *testing.T, mb, nb uint8, iters uint16, data []byte) {
		m, n := int(mb%7), int(nb%7)
		vals := bytesFloats(data)
		next := func() float64 {
			if len(vals) == 0 {
				return 0
			}
			v := vals[0]
			vals = vals[1:]
			return v
		}
		var tr []Triplet
		for i := range m {
			for j := range n {
				if v := next(); v != 0 {
					tr = append(tr, Triplet{i, j, v})
				}
			}
		}
		a, err := NewCSR(m, n, tr)
		if err != nil {
			if !errors.Is(err, ErrBadProblem) {
				t.Fatal(err)
			}
			return
		}
		p := &Problem{A: a, C: make([]float64, n), RowLower: make([]float64, m), RowUpper: make([]float64, m),
			Lower: make([]float64, n), Upper: make([]float64, n)}
		for j := range n {
			p.C[j] = next()
		}
		for i := range m {
			p.RowLower[i], p.RowUpper[i] = next(), next()
		}
		for j := range n {
			p.Lower[j], p.Upper[j] = next(), next()
		}
		sol, err := Solve(context.Background(), p, &Settings{MaxIter: int(iters%10000) + 1, Polish: iters%2 == 1})
		if sol == nil {
			var pe *ProblemError
			if !errors.As(err, &pe) {
				t.Fatalf("nil solution with %v", err)
			}
			return
		}
		if sol.X == nil {
			if sol.Status != Infeasible && sol.Status != Unbounded {
				t.Fatalf("no X with status %v", sol.Status)
			}
			return
		}
		for j, v := range sol.X {
			if !finite(v) || v < p.Lower[j] || v > p.Upper[j] {
				t.Fatalf("X[%d] = %v outside [%v, %v] (%v)", j, v, p.Lower[j], p.Upper[j], sol.Status)
			}
		}
		if math.IsNaN(sol.DualBound) || math.IsNaN(sol.Objective) {
			t.Fatalf("NaN in solution: %+v", sol)
		}
	})
}

func FuzzNewCSR(f *testing.F) {
	f.Add(uint8(3), uint8(3), []byte{0, 0, 1, 2, 2, 3, 0, 0, 4})
	f.Add(uint8(0), uint8(5), []byte{})
	f.Add(uint8(2), uint8(2), []byte{1, 1, 200, 1, 1, 56})
	f.Fuzz(func(t *testing.T, rb, cb uint8, data []byte) {
		rows, cols := int(rb%10)-1, int(cb%10)-1
		var tr []Triplet
		for p := 0; p+2 < len(data); p += 3 {
			tr = append(tr, Triplet{int(data[p]%12) - 1, int(data[p+1]%12) - 1, float64(int8(data[p+2])) / 4})
		}
		a, err := NewCSR(rows, cols, tr)
		if err != nil {
			if !errors.Is(err, ErrBadProblem) {
				t.Fatal(err)
			}
			return
		}
		a.check()
		want := make([][]float64, rows)
		for i := range want {
			want[i] = make([]float64, cols)
		}
		for _, e := range tr {
			want[e.Row][e.Col] += e.Val
		}
		if d := cmp.Diff(want, a.Dense(), cmpEmpty()); d != "" {
			t.Fatalf("dense (-want +got):\n%s", d)
		}
		for _, v := range a.Val {
			if v == 0 {
				t.Fatal("explicit zero kept")
			}
		}
		if d := cmp.Diff(a.Dense(), a.T().T().Dense(), cmpEmpty()); d != "" {
			t.Fatalf("T().T() differs:\n%s", d)
		}
	})
}

// FuzzDualBound: for any y the bound is never NaN and never exceeds the brute-force optimum of a tiny LP with
// finite boxes (min cᵀx over the vertices of the box intersected with the rows, enumerated on a fine grid is
// not exact, so the optimum is taken from Solve at a tight tolerance and cross-checked by feasibility).
func FuzzDualBound(f *testing.F) {
	f.Add(1.0, -2.0, 0.5, 3.0, 1.0, -1.0)
	f.Add(math.NaN(), math.Inf(1), 0.0, -1e300, 1e300, 5.0)
	f.Fuzz(func(t *testing.T, y0, y1, c0, c1, a01, a10 float64) {
		for _, v := range []float64{c0, c1, a01, a10} {
			if !finite(v) || math.Abs(v) > 1e6 {
				return
			}
		}
		tr := []Triplet{{0, 0, 1}, {0, 1, a01}, {1, 0, a10}, {1, 1, 1}}
		a, err := NewCSR(2, 2, tr)
		if err != nil {
			t.Fatal(err)
		}
		// Rows: x0 + a01 x1 ≤ 3, a10 x0 + x1 ≥ −2; box [0, 2]². x = 0 is feasible, so the LP has an optimum.
		p := &Problem{A: a, C: []float64{c0, c1}, RowLower: []float64{-inf, -2}, RowUpper: []float64{3, inf},
			Lower: []float64{0, 0}, Upper: []float64{2, 2}}
		opt := bruteForce2(p)
		b := p.DualBound([]float64{y0, y1})
		if math.IsNaN(b) || b > opt+1e-9*(1+math.Abs(opt)) {
			t.Fatalf("DualBound(%v, %v) = %v > optimum %v", y0, y1, b, opt)
		}
	})
}

// bruteForce2 returns the optimum of a 2-variable LP with a finite box by enumerating every intersection of
// two constraint lines (rows and box sides) and keeping the feasible ones.
func bruteForce2(p *Problem) float64 {
	type line struct{ a, b, r float64 } // a x + b y = r
	var ls []line
	d := p.A.Dense()
	for i := range 2 {
		for _, r := range []float64{p.RowLower[i], p.RowUpper[i]} {
			if finite(r) {
				ls = append(ls, line{d[i][0], d[i][1], r})
			}
		}
	}
	for j := range 2 {
		for _, r := range []float64{p.Lower[j], p.Upper[j]} {
			if j == 0 {
				ls = append(ls, line{1, 0, r})
			} else {
				ls = append(ls, line{0, 1, r})
			}
		}
	}
	best := math.Inf(1)
	for q := range ls {
		for s := q + 1; s < len(ls); s++ {
			det := ls[q].a*ls[s].b - ls[q].b*ls[s].a
			if det == 0 {
				continue
			}
			x := (ls[q].r*ls[s].b - ls[q].b*ls[s].r) / det
			y := (ls[q].a*ls[s].r - ls[q].r*ls[s].a) / det
			const e = 1e-9
			ok := x >= p.Lower[0]-e && x <= p.Upper[0]+e && y >= p.Lower[1]-e && y <= p.Upper[1]+e
			for i := range 2 {
				v := d[i][0]*x + d[i][1]*y
				ok = ok && v >= p.RowLower[i]-e*(1+math.Abs(v)) && v <= p.RowUpper[i]+e*(1+math.Abs(v))
			}
			if ok {
				best = min(best, p.C[0]*x+p.C[1]*y)
			}
		}
	}
	return best
}

func TestMPSNoPanicOnGarbage(t *testing.T) {
	for _, s := range []string{"", "\n\n", "*only comment", " data before section", "ROWS\n N\n", "NAME a b c\n", "ENDATA"} {
		if _, err := ReadMPS(strings.NewReader(s)); err == nil && s != "ENDATA" {
			t.Errorf("%q accepted", s)
		}
	}
}
