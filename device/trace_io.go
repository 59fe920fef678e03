package device

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

const (
	maxFileBytes = 64 << 20 // 64 MiB
	maxLineBytes = 4096
)

func traceErr(name string, line int, format string, args ...any) error {
	return &ParseError{Name: name, Line: line, Reason: fmt.Sprintf(format, args...), kind: ErrBadTrace}
}

// parseDecimal parses a finite decimal number: digits, an optional sign, point and exponent.
// It rejects NaN, Inf, hexadecimal floats and underscores.
func parseDecimal[T string | []byte](s T) (float64, bool) {
	if len(s) == 0 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(string(s), 64)
	if err != nil || !finite(v) {
		return 0, false
	}
	return v, true
}

// readAllLimited reads r up to 64 MiB.
func readAllLimited(r io.Reader, name string, kind error) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", kind, name, err)
	}
	if len(b) > maxFileBytes {
		return nil, &ParseError{Name: name, Reason: "file exceeds 64 MiB", kind: kind}
	}
	return b, nil
}

// ParseTrace2Col parses a trace in the 2-column text format of Pensieve's "cooked" traces
// (Norway HSDPA, FCC): one sample "time_s Mbps" per line, separated by spaces or tabs; blank
// lines and lines starting with '#' are ignored; times are non-decreasing. As in Pensieve's
// simulator (hongzimao/pensieve test/fixed_env.py) the value on line k ≥ 1 holds on
// (t_{k−1}, t_k], the first line's value is unused, times are shifted so that t_0 = 0,
// zero-length intervals are dropped, Period = t_{n−1} − t_0 and the trace loops. At least two
// samples are needed. Pensieve's payload factor 0.95 and its 80 ms RTT are not applied
// (see SimSettings.RTT).
//
// Errors are *ParseError values wrapping ErrBadTrace: files over 64 MiB, lines over 4096
// bytes, fields that are not finite decimal numbers, negative capacities, decreasing times,
// fewer than two samples or a zero period. It takes O(lines).
func ParseTrace2Col(r io.Reader, name string) (*Trace, error) {
	data, err := readAllLimited(r, name, ErrBadTrace)
	if err != nil {
		return nil, err
	}
	est := len(data)/12 + 1
	starts := make([]float64, 0, est)
	caps := make([]float64, 0, est)
	var (
		t0, prev float64
		samples  int
	)
	for line := 1; len(data) > 0; line++ {
		var raw []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			raw, data = data[:i], data[i+1:]
		} else {
			raw, data = data, nil
		}
		if len(raw) > maxLineBytes {
			return nil, traceErr(name, line, "line exceeds %d bytes", maxLineBytes)
		}
		f0, rest := nextField(raw)
		if len(f0) == 0 || f0[0] == '#' {
			continue
		}
		f1, rest := nextField(rest)
		if f2, _ := nextField(rest); len(f1) == 0 || len(f2) != 0 {
			return nil, traceErr(name, line, "want 2 fields (time_s Mbps), got %d", len(bytes.Fields(raw)))
		}
		t, ok := parseDecimal(f0)
		if !ok {
			return nil, traceErr(name, line, "time %q is not a finite decimal number", f0)
		}
		c, ok := parseDecimal(f1)
		if !ok {
			return nil, traceErr(name, line, "capacity %q is not a finite decimal number", f1)
		}
		if c < 0 {
			return nil, traceErr(name, line, "negative capacity %g", c)
		}
		if samples == 0 {
			t0, prev = t, t
			samples++
			continue
		}
		if t < prev {
			return nil, traceErr(name, line, "time %g before the previous %g", t, prev)
		}
		samples++
		if t > prev {
			if len(starts) >= maxPieces {
				return nil, traceErr(name, line, "more than %d pieces", maxPieces)
			}
			starts = append(starts, prev-t0)
			caps = append(caps, c)
		}
		prev = t
	}
	if samples < 2 {
		return nil, traceErr(name, 0, "need at least 2 samples, got %d", samples)
	}
	period := prev - t0
	if len(starts) == 0 || !(period > 0) || !finite(period) {
		return nil, traceErr(name, 0, "period %g is not positive and finite", period)
	}
	tr := &Trace{Name: name, Starts: starts, Mbps: caps, Period: period, Loop: true}
	if err := tr.Validate(); err != nil {
		return nil, &ParseError{Name: name, Reason: err.Error(), kind: ErrBadTrace}
	}
	tr.prefix = prefixSums(tr.Starts, tr.Mbps, tr.Period)
	return tr, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' }

// nextField returns the first space-separated field of b and the rest after it.
func nextField(b []byte) (field, rest []byte) {
	i := 0
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	j := i
	for j < len(b) && !isSpace(b[j]) {
		j++
	}
	return b[i:j], b[j:]
}

// WriteTrace2Col writes tr (ignoring Offset and Latency) in the 2-column format read by
// ParseTrace2Col: a first line "0 c_0", then "end_k c_k" for every piece k, numbers in the
// shortest form that parses back to the same float64.
func WriteTrace2Col(w io.Writer, tr *Trace) error {
	var b bytes.Buffer
	wr := func(t, c float64) {
		b.WriteString(strconv.FormatFloat(t, 'g', -1, 64))
		b.WriteByte('\t')
		b.WriteString(strconv.FormatFloat(c, 'g', -1, 64))
		b.WriteByte('\n')
	}
	wr(0, tr.Mbps[0])
	for k, c := range tr.Mbps {
		wr(tr.end(k), c)
	}
	_, err := w.Write(b.Bytes())
	return err
}

type jsonPiece struct {
	Duration  *float64 `json:"duration_ms"`
	Bandwidth *float64 `json:"bandwidth_kbps"`
	Latency   *float64 `json:"latency_ms"`
}

// ParseTraceJSON parses a trace in the JSON format of UMass-LIDS/sabre (Norway 3G, Belgium 4G,
// FCC): an array of objects with duration_ms, bandwidth_kbps and latency_ms; piece k has
// capacity bandwidth_kbps/1000 Mbps for duration_ms/1000 s and Latency[k] = latency_ms/1000 s.
// Unknown keys are ignored, missing keys are errors, zero durations are dropped and the trace
// loops. Errors are *ParseError values wrapping ErrBadTrace.
func ParseTraceJSON(r io.Reader, name string) (*Trace, error) {
	b, err := readAllLimited(r, name, ErrBadTrace)
	if err != nil {
		return nil, err
	}
	var ps []jsonPiece
	if err := json.Unmarshal(b, &ps); err != nil {
		return nil, traceErr(name, 0, "json: %v", err)
	}
	if len(ps) > maxPieces {
		return nil, traceErr(name, 0, "%d pieces exceed %d", len(ps), maxPieces)
	}
	var starts, caps, lat []float64
	t := 0.0
	for k, p := range ps {
		if p.Duration == nil || p.Bandwidth == nil || p.Latency == nil {
			return nil, traceErr(name, 0, "piece %d: missing duration_ms, bandwidth_kbps or latency_ms", k)
		}
		d, bw, l := *p.Duration, *p.Bandwidth, *p.Latency
		if !finite(d) || d < 0 || !finite(bw) || bw < 0 || !finite(l) || l < 0 {
			return nil, traceErr(name, 0, "piece %d: negative or non-finite value (duration %g, bandwidth %g, latency %g)", k, d, bw, l)
		}
		if d == 0 {
			continue
		}
		nt := t + d/1000
		if !(nt > t) {
			continue
		}
		starts = append(starts, t)
		caps = append(caps, bw/1000)
		lat = append(lat, l/1000)
		t = nt
	}
	if len(starts) == 0 {
		return nil, traceErr(name, 0, "no pieces of positive duration")
	}
	tr := &Trace{Name: name, Starts: starts, Mbps: caps, Period: t, Loop: true, Latency: lat}
	if err := tr.Validate(); err != nil {
		return nil, &ParseError{Name: name, Reason: err.Error(), kind: ErrBadTrace}
	}
	tr.prefix = prefixSums(tr.Starts, tr.Mbps, tr.Period)
	return tr, nil
}

// WriteTraceJSON writes tr (ignoring Offset) in the JSON format read by ParseTraceJSON; a nil
// Latency is written as 0.
func WriteTraceJSON(w io.Writer, tr *Trace) error {
	var b bytes.Buffer
	b.WriteByte('[')
	for k, c := range tr.Mbps {
		if k > 0 {
			b.WriteByte(',')
		}
		l := 0.0
		if tr.Latency != nil {
			l = tr.Latency[k]
		}
		fmt.Fprintf(&b, `{"duration_ms":%s,"bandwidth_kbps":%s,"latency_ms":%s}`,
			strconv.FormatFloat((tr.end(k)-tr.Starts[k])*1000, 'g', -1, 64),
			strconv.FormatFloat(c*1000, 'g', -1, 64),
			strconv.FormatFloat(l*1000, 'g', -1, 64))
	}
	b.WriteString("]\n")
	_, err := w.Write(b.Bytes())
	return err
}

// LoadTraceDir loads every regular file under dir of fsys, recursively and sorted by path,
// skipping names that start with '.', README*, LICENSE* and *.md. A file whose first
// non-space byte is '[' is parsed with ParseTraceJSON, any other with ParseTrace2Col. Each
// trace's Name is its path relative to dir. It returns ErrNoTraces when no file is found and
// the first parse error otherwise.
func LoadTraceDir(fsys fs.FS, dir string) ([]*Trace, error) {
	var out []*Trace
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		base := d.Name()
		if p != dir && strings.HasPrefix(base, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		if strings.HasPrefix(base, "README") || strings.HasPrefix(base, "LICENSE") || strings.HasSuffix(base, ".md") {
			return nil
		}
		rel := strings.TrimPrefix(p, dir)
		rel = strings.TrimPrefix(rel, "/")
		if dir == "." {
			rel = p
		}
		rel = path.Clean(rel)
		f, err := fsys.Open(p)
		if err != nil {
			return err
		}
		b, err := readAllLimited(f, rel, ErrBadTrace)
		cerr := f.Close()
		if err != nil {
			return err
		}
		if cerr != nil {
			return cerr
		}
		var tr *Trace
		if t := bytes.TrimLeft(b, " \t\r\n"); len(t) > 0 && t[0] == '[' {
			tr, err = ParseTraceJSON(bytes.NewReader(b), rel)
		} else {
			tr, err = ParseTrace2Col(bytes.NewReader(b), rel)
		}
		if err != nil {
			return err
		}
		out = append(out, tr)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no trace files under %q", ErrNoTraces, dir)
	}
	return out, nil
}
