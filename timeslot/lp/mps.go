package lp

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// maxMPSLine is the longest accepted MPS line in bytes.
const maxMPSLine = 64 << 10

type mpsSection int

const (
	secNone mpsSection = iota
	secName
	secObjsense
	secRows
	secColumns
	secRHS
	secRanges
	secBounds
	secEndata
)

var sectionByName = map[string]mpsSection{
	"NAME": secName, "OBJSENSE": secObjsense, "ROWS": secRows, "COLUMNS": secColumns,
	"RHS": secRHS, "RANGES": secRanges, "BOUNDS": secBounds, "ENDATA": secEndata,
}

type mpsReader struct {
	line       int
	rowIdx     map[string]int // constraint rows (objective excluded) → index
	rowType    []byte
	objName    string
	colIdx     map[string]int
	c          []float64
	trip       []Triplet
	colRows    map[int]bool // rows seen in the current column (objective = −1)
	curCol     int
	rhs, rng   []float64
	hasRHS     []bool
	hasRng     []bool
	offset     float64
	offsetSet  bool
	lower      []float64
	upper      []float64
	lowerSet   []bool
	sets       [3]string // RHS, RANGES, BOUNDS set names
	maximise   bool
	waitSense  bool
	senseGiven bool
}

func (r *mpsReader) errorf(format string, args ...any) error {
	return &MPSError{Line: r.line, Reason: fmt.Sprintf(format, args...)}
}

// number parses a finite decimal number.
func (r *mpsReader) number(s string) (float64, error) {
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if (ch < '0' || ch > '9') && ch != '.' && ch != '+' && ch != '-' && ch != 'e' && ch != 'E' {
			return 0, r.errorf("malformed number %q", s)
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, r.errorf("malformed or non-finite number %q", s)
	}
	return v, nil
}

// ReadMPS reads a linear program in free-format MPS (spec timeslot.md §2.9): sections NAME and OBJSENSE
// (optional), ROWS, COLUMNS, RHS, RANGES, BOUNDS (the last three optional) and ENDATA, in this order; fields
// split on spaces and tabs; blank lines and lines starting with '*' skipped; a line starting in column 1 is a
// section header. The first N row is the objective; later N rows are free rows. An RHS on the objective row
// gives Offset = −value. OBJSENSE MAX returns the equivalent minimisation (C and Offset negated; negate the
// optimum back). Lower and Upper are always returned as slices.
//
// Every error is an *MPSError{Line, Reason} (1-based) wrapping ErrBadMPS: unknown or out-of-order sections,
// missing ENDATA (Line = last line + 1), unknown row or column names, non-contiguous columns, repeated
// entries, bad row or bound types, integer markers or bound types, a second RHS/RANGES/BOUNDS set, RANGES on
// an N row, NaN/Inf/malformed numbers, lines over 64 KiB and more than 2³¹−1 rows or columns. ReadMPS never
// panics. O(size of the input) plus the sort in NewCSR.
func ReadMPS(rd io.Reader) (*Problem, error) {
	r := &mpsReader{rowIdx: map[string]int{}, colIdx: map[string]int{}, curCol: -1}
	br := bufio.NewReaderSize(rd, 1<<16)
	sec := secNone
	done := false
	for !done {
		raw, err := readLine(br)
		if err == io.EOF && raw == nil {
			break
		}
		r.line++
		if errors.Is(err, errLongLine) {
			return nil, r.errorf("line longer than 64 KiB")
		}
		if err != nil && err != io.EOF {
			return nil, &MPSError{Line: r.line, Reason: "read error: " + err.Error()}
		}
		line := string(raw)
		if strings.TrimSpace(line) == "" || line[0] == '*' {
			if err == io.EOF {
				break
			}
			continue
		}
		fields := strings.FieldsFunc(line, func(c rune) bool { return c == ' ' || c == '\t' || c == '\r' })
		if line[0] != ' ' && line[0] != '\t' {
			next, ok := sectionByName[fields[0]]
			if !ok {
				return nil, r.errorf("unknown section %q", fields[0])
			}
			if next <= sec {
				return nil, r.errorf("section %s out of order", fields[0])
			}
			if r.waitSense {
				return nil, r.errorf("OBJSENSE without a sense")
			}
			if next > secRows && sec < secRows {
				return nil, r.errorf("section %s before ROWS", fields[0])
			}
			sec = next
			switch sec {
			case secName:
				if len(fields) > 2 {
					return nil, r.errorf("NAME takes at most one field")
				}
			case secObjsense:
				switch len(fields) {
				case 1:
					r.waitSense = true
				case 2:
					if err := r.sense(fields[1]); err != nil {
						return nil, err
					}
				default:
					return nil, r.errorf("OBJSENSE takes one value")
				}
			case secEndata:
				done = true
			default:
				if len(fields) != 1 {
					return nil, r.errorf("unexpected fields after section %s", fields[0])
				}
			}
			if err == io.EOF {
				break
			}
			continue
		}
		var perr error
		switch sec {
		case secObjsense:
			if !r.waitSense || len(fields) != 1 {
				perr = r.errorf("OBJSENSE takes one value")
			} else {
				r.waitSense = false
				perr = r.sense(fields[0])
			}
		case secRows:
			perr = r.rowLine(fields)
		case secColumns:
			perr = r.columnLine(fields)
		case secRHS:
			perr = r.rhsLine(fields, 0)
		case secRanges:
			perr = r.rhsLine(fields, 1)
		case secBounds:
			perr = r.boundLine(fields)
		default:
			perr = r.errorf("data line outside a section")
		}
		if perr != nil {
			return nil, perr
		}
		if err == io.EOF {
			break
		}
	}
	if !done {
		return nil, &MPSError{Line: r.line + 1, Reason: "missing ENDATA (truncated input)"}
	}
	return r.problem()
}

var errLongLine = errors.New("line too long")

// readLine returns the next line without its newline; errLongLine when it exceeds maxMPSLine.
func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		buf = append(buf, chunk...)
		if len(buf) > maxMPSLine+1 {
			return buf, errLongLine
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && len(buf) == 0 {
			return nil, io.EOF
		}
		buf = bytes.TrimSuffix(buf, []byte{'\n'})
		if len(buf) > maxMPSLine {
			return buf, errLongLine
		}
		return buf, err
	}
}

func (r *mpsReader) sense(s string) error {
	if r.senseGiven {
		return r.errorf("OBJSENSE given twice")
	}
	r.senseGiven = true
	switch s {
	case "MAX", "MAXIMIZE":
		r.maximise = true
	case "MIN", "MINIMIZE":
	default:
		return r.errorf("unknown objective sense %q", s)
	}
	return nil
}

func (r *mpsReader) rowLine(f []string) error {
	if len(f) != 2 {
		return r.errorf("ROWS line needs a type and a name")
	}
	t, name := f[0], f[1]
	if len(t) != 1 || !strings.Contains("NLGE", t) {
		return r.errorf("bad row type %q", t)
	}
	if _, dup := r.rowIdx[name]; dup || name == r.objName {
		return r.errorf("repeated row name %q", name)
	}
	if t == "N" && r.objName == "" {
		r.objName = name
		return nil
	}
	if len(r.rowType) >= maxDim {
		return r.errorf("too many rows")
	}
	r.rowIdx[name] = len(r.rowType)
	r.rowType = append(r.rowType, t[0])
	return nil
}

func (r *mpsReader) columnLine(f []string) error {
	if len(f) >= 2 && (f[1] == "'MARKER'" || f[0] == "'MARKER'") {
		return r.errorf("integer markers are not supported")
	}
	if len(f) != 3 && len(f) != 5 {
		return r.errorf("COLUMNS line needs a column and one or two (row, value) pairs")
	}
	name := f[0]
	j, seen := r.colIdx[name]
	switch {
	case seen && j != r.curCol:
		return r.errorf("column %q is not contiguous", name)
	case !seen:
		if len(r.c) >= maxDim {
			return r.errorf("too many columns")
		}
		j = len(r.c)
		r.colIdx[name] = j
		r.c = append(r.c, 0)
		r.curCol = j
		r.colRows = map[int]bool{}
	}
	for q := 1; q+1 < len(f); q += 2 {
		v, err := r.number(f[q+1])
		if err != nil {
			return err
		}
		row := -1
		if f[q] != r.objName || r.objName == "" {
			i, ok := r.rowIdx[f[q]]
			if !ok {
				return r.errorf("unknown row %q", f[q])
			}
			row = i
		}
		if r.colRows[row] {
			return r.errorf("repeated entry (%s, %s)", name, f[q])
		}
		r.colRows[row] = true
		if row < 0 {
			r.c[j] = v
		} else if v != 0 {
			r.trip = append(r.trip, Triplet{Row: row, Col: j, Val: v})
		}
	}
	return nil
}

// rhsLine handles RHS (kind 0) and RANGES (kind 1) lines.
func (r *mpsReader) rhsLine(f []string, kind int) error {
	if r.rhs == nil {
		m := len(r.rowType)
		r.rhs, r.rng = make([]float64, m), make([]float64, m)
		r.hasRHS, r.hasRng = make([]bool, m), make([]bool, m)
	}
	if len(f) < 2 {
		return r.errorf("line needs (row, value) pairs")
	}
	if len(f)%2 == 1 {
		if err := r.setName(kind, f[0]); err != nil {
			return err
		}
		f = f[1:]
	}
	if len(f) > 4 {
		return r.errorf("at most two (row, value) pairs per line")
	}
	for q := 0; q+1 < len(f); q += 2 {
		v, err := r.number(f[q+1])
		if err != nil {
			return err
		}
		if r.objName != "" && f[q] == r.objName {
			if kind == 1 {
				return r.errorf("RANGES on the objective row")
			}
			if r.offsetSet {
				return r.errorf("repeated RHS on the objective row")
			}
			r.offsetSet = true
			r.offset = -v
			continue
		}
		i, ok := r.rowIdx[f[q]]
		if !ok {
			return r.errorf("unknown row %q", f[q])
		}
		if kind == 0 {
			if r.hasRHS[i] {
				return r.errorf("repeated RHS for row %q", f[q])
			}
			r.hasRHS[i], r.rhs[i] = true, v
			continue
		}
		if r.rowType[i] == 'N' {
			return r.errorf("RANGES on N row %q", f[q])
		}
		if r.hasRng[i] {
			return r.errorf("repeated RANGES for row %q", f[q])
		}
		r.hasRng[i], r.rng[i] = true, v
	}
	return nil
}

func (r *mpsReader) setName(kind int, name string) error {
	if r.sets[kind] == "" {
		r.sets[kind] = name
		return nil
	}
	if r.sets[kind] != name {
		return r.errorf("a second %s set %q is not supported", [3]string{"RHS", "RANGES", "BOUNDS"}[kind], name)
	}
	return nil
}

func (r *mpsReader) boundLine(f []string) error {
	if r.lower == nil {
		n := len(r.c)
		r.lower, r.upper, r.lowerSet = make([]float64, n), make([]float64, n), make([]bool, n)
		for j := range r.upper {
			r.upper[j] = math.Inf(1)
		}
	}
	t := f[0]
	var withValue bool
	switch t {
	case "UP", "LO", "FX":
		withValue = true
	case "FR", "MI", "PL":
	case "BV", "LI", "UI", "SC":
		return r.errorf("integer variables are not supported")
	default:
		return r.errorf("bad bound type %q", t)
	}
	want := 2
	if withValue {
		want = 3
	}
	switch len(f) {
	case want:
	case want + 1:
		if err := r.setName(2, f[1]); err != nil {
			return err
		}
		f = append(f[:1:1], f[2:]...)
	default:
		return r.errorf("bound %s takes %d or %d fields", t, want, want+1)
	}
	j, ok := r.colIdx[f[1]]
	if !ok {
		return r.errorf("unknown column %q", f[1])
	}
	var v float64
	if withValue {
		var err error
		if v, err = r.number(f[2]); err != nil {
			return err
		}
	}
	switch t {
	case "UP":
		r.upper[j] = v
		if v < 0 && !r.lowerSet[j] {
			r.lower[j] = math.Inf(-1)
		}
	case "LO":
		r.lower[j], r.lowerSet[j] = v, true
	case "FX":
		r.lower[j], r.upper[j], r.lowerSet[j] = v, v, true
	case "FR":
		r.lower[j], r.upper[j], r.lowerSet[j] = math.Inf(-1), math.Inf(1), true
	case "MI":
		r.lower[j], r.lowerSet[j] = math.Inf(-1), true
	case "PL":
		r.upper[j] = math.Inf(1)
	}
	return nil
}

func (r *mpsReader) problem() (*Problem, error) {
	m, n := len(r.rowType), len(r.c)
	a, err := NewCSR(m, n, r.trip)
	if err != nil {
		return nil, &MPSError{Line: r.line, Reason: err.Error()}
	}
	p := &Problem{C: r.c, A: a, RowLower: make([]float64, m), RowUpper: make([]float64, m), Offset: r.offset}
	if p.C == nil {
		p.C = []float64{}
	}
	inf := math.Inf(1)
	for i, t := range r.rowType {
		var b, rg float64
		hasRng := false
		if r.rhs != nil {
			b, rg, hasRng = r.rhs[i], r.rng[i], r.hasRng[i]
		}
		lo, up := -inf, inf
		switch t {
		case 'L':
			lo, up = -inf, b
			if hasRng {
				lo = b - math.Abs(rg)
			}
		case 'G':
			lo, up = b, inf
			if hasRng {
				up = b + math.Abs(rg)
			}
		case 'E':
			lo, up = b, b
			if hasRng {
				if rg > 0 {
					up = b + rg
				} else if rg < 0 {
					lo = b + rg
				}
			}
		}
		p.RowLower[i], p.RowUpper[i] = lo, up
	}
	if r.lower != nil {
		p.Lower, p.Upper = r.lower, r.upper
	} else {
		p.Lower, p.Upper = make([]float64, n), make([]float64, n)
		for j := range p.Upper {
			p.Upper[j] = inf
		}
	}
	if r.maximise {
		for j := range p.C {
			p.C[j] = -p.C[j]
		}
		p.Offset = -p.Offset
	}
	if err := p.Validate(); err != nil {
		return nil, &MPSError{Line: r.line, Reason: err.Error()}
	}
	return p, nil
}

// WriteMPS writes p in free-format MPS: NAME CDNKIT, no OBJSENSE (p is a minimisation), objective row OBJ,
// rows R0…R{m−1}, columns C0…C{n−1}, sets RHS, RNG and BND, headers in column 1 and data lines indented by
// one space, numbers with %.17g. Rows: (−Inf, +Inf) → N; l = u → E; only u finite → L; only l finite → G;
// both finite, l < u → G with rhs l and range u − l. Each column's objective entry (possibly 0) precedes its
// matrix entries (rows ascending); Offset ≠ 0 is the RHS −Offset of OBJ. Bounds: (0, +Inf) nothing;
// (−Inf, +Inf) FR; l = u FX; l = −Inf MI then UP if u is finite; otherwise LO when l ≠ 0 or u < 0, then UP
// when u is finite.
//
// ReadMPS(WriteMPS(p)) equals p exactly (with Lower and Upper as slices, explicit zeros of A dropped),
// except that a ranged row's upper bound is reread as l + (u − l), which may differ from u by one rounding.
// It returns p's Validate error, a *ProblemError{Field: "RowLower"} for a row with l > u, or w's error;
// nothing is written on a validation error. O(nnz + m + n).
func WriteMPS(w io.Writer, p *Problem) error {
	if err := p.Validate(); err != nil {
		return err
	}
	m, n := p.A.Rows, p.A.Cols
	for i := range m {
		if p.RowLower[i] > p.RowUpper[i] {
			return &ProblemError{Field: "RowLower", Index: i, Reason: "greater than RowUpper"}
		}
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', 17, 64) }
	var b bytes.Buffer
	b.WriteString("NAME CDNKIT\nROWS\n N OBJ\n")
	kinds := make([]byte, m)
	for i := range m {
		l, u := p.RowLower[i], p.RowUpper[i]
		switch {
		case math.IsInf(l, -1) && math.IsInf(u, 1):
			kinds[i] = 'N'
		case l == u:
			kinds[i] = 'E'
		case math.IsInf(l, -1):
			kinds[i] = 'L'
		default:
			kinds[i] = 'G'
		}
		fmt.Fprintf(&b, " %c R%d\n", kinds[i], i)
	}
	b.WriteString("COLUMNS\n")
	at := p.A.T()
	for j := range n {
		fmt.Fprintf(&b, " C%d OBJ %s\n", j, num(p.C[j]))
		for q := at.RowPtr[j]; q < at.RowPtr[j+1]; q++ {
			fmt.Fprintf(&b, " C%d R%d %s\n", j, at.ColIdx[q], num(at.Val[q]))
		}
	}
	b.WriteString("RHS\n")
	if p.Offset != 0 {
		fmt.Fprintf(&b, " RHS OBJ %s\n", num(-p.Offset))
	}
	var ranged []int
	for i := range m {
		var v float64
		switch kinds[i] {
		case 'N':
			continue
		case 'L':
			v = p.RowUpper[i]
		default:
			v = p.RowLower[i]
			if kinds[i] == 'G' && !math.IsInf(p.RowUpper[i], 1) {
				ranged = append(ranged, i)
			}
		}
		if v != 0 {
			fmt.Fprintf(&b, " RHS R%d %s\n", i, num(v))
		}
	}
	if len(ranged) > 0 {
		b.WriteString("RANGES\n")
		for _, i := range ranged {
			fmt.Fprintf(&b, " RNG R%d %s\n", i, num(p.RowUpper[i]-p.RowLower[i]))
		}
	}
	b.WriteString("BOUNDS\n")
	for j := range n {
		l, u := p.lower(j), p.upper(j)
		switch {
		case l == 0 && math.IsInf(u, 1):
		case math.IsInf(l, -1) && math.IsInf(u, 1):
			fmt.Fprintf(&b, " FR BND C%d\n", j)
		case l == u:
			fmt.Fprintf(&b, " FX BND C%d %s\n", j, num(l))
		case math.IsInf(l, -1):
			fmt.Fprintf(&b, " MI BND C%d\n", j)
			fmt.Fprintf(&b, " UP BND C%d %s\n", j, num(u))
		default:
			if l != 0 || u < 0 {
				fmt.Fprintf(&b, " LO BND C%d %s\n", j, num(l))
			}
			if !math.IsInf(u, 1) {
				fmt.Fprintf(&b, " UP BND C%d %s\n", j, num(u))
			}
		}
	}
	b.WriteString("ENDATA\n")
	_, err := w.Write(b.Bytes())
	return err
}
