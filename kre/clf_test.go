package kre

import (
	"bytes"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cdnkit/cdnkit/internal/testdata"
	"github.com/google/go-cmp/cmp"
)

// clfOracle is an independent regexp form of the parsing rule of ReadCLF
// (spec kre.md §2.14); numeric ranges are checked after the match.
var (
	clfRE   = regexp.MustCompile(`^[^ ]+ [^ ]+ [^ ]+ \[(\d{2})/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/(\d{4}):(\d{2}):(\d{2}):(\d{2}) [+-](\d{2})(\d{2})\] "(.*?)" (\d{3}) (\d+|-)( .*)?$`)
	delimRE = regexp.MustCompile(`" \d{3} `)
)

func oracleValid(line string) bool {
	line = strings.TrimSuffix(line, "\r")
	if len(line) > DefaultMaxLine {
		return false
	}
	m := clfRE.FindStringSubmatch(line)
	if m == nil || delimRE.MatchString(m[9]) {
		return false
	}
	atoi := func(s string) int { v, _ := strconv.Atoi(s); return v }
	day, year := atoi(m[1]), atoi(m[3])
	mon := strings.Index("JanFebMarAprMayJunJulAugSepOctNovDec", m[2])/3 + 1
	if day < 1 || time.Date(year, time.Month(mon), day, 0, 0, 0, 0, time.UTC).Day() != day {
		return false
	}
	if atoi(m[4]) > 23 || atoi(m[5]) > 59 || atoi(m[6]) > 60 || atoi(m[7]) > 14 || atoi(m[8]) > 59 {
		return false
	}
	if st := atoi(m[10]); st < 100 || st > 599 {
		return false
	}
	if m[11] != "-" {
		if _, err := strconv.ParseInt(m[11], 10, 64); err != nil {
			return false
		}
	}
	return true
}

// oracleCounts counts lines as ReadCLF does, with the regexp oracle.
func oracleCounts(data []byte) (lines, parsed, malformed, blank int64) {
	s := string(data)
	s = strings.TrimSuffix(s, "\n")
	if len(data) == 0 {
		return
	}
	for _, l := range strings.Split(s, "\n") {
		lines++
		switch {
		case strings.TrimSuffix(l, "\r") == "":
			blank++
		case oracleValid(l):
			parsed++
		default:
			malformed++
		}
	}
	return
}

func readHead(t testing.TB) []byte {
	p := testdata.Require(t, "web", "nasa_access_log_Aug95_head.log")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadCLFNASAHead(t *testing.T) {
	data := readHead(t)
	c, err := ReadCLF(bytes.NewReader(data), &LogSettings{Granularity: Hourly})
	if err != nil {
		t.Fatal(err)
	}
	// spec kre.md §5; hour 00 equals nasa_hourly.csv for 1995-08-01T00.
	if c.Lines != 1880 || c.Parsed != 1880 || c.Malformed != 0 || c.Blank != 0 {
		t.Errorf("lines %d parsed %d malformed %d blank %d", c.Lines, c.Parsed, c.Malformed, c.Blank)
	}
	if !slices.Equal(c.Requests, []int64{1642, 238}) {
		t.Errorf("hourly requests %v, want [1642 238]", c.Requests)
	}
	if c.Bytes[0] != 27574759 || c.Bytes[0]+c.Bytes[1] != 31599985 {
		t.Errorf("bytes %v, want hour 00 = 27574759, total 31599985", c.Bytes)
	}
	want := time.Date(1995, 8, 1, 0, 0, 0, 0, time.FixedZone("-0400", -4*3600))
	if !c.Start.Equal(want) || c.Step != time.Hour {
		t.Errorf("Start %v Step %v", c.Start, c.Step)
	}
	if _, off := c.Start.Zone(); off != -4*3600 {
		t.Errorf("zone offset %d", off)
	}
	// 7 lines have bytes "-", 7 requests have no protocol (HTTP/0.9 style).
	var dash, noProto int
	var rec clfRecord
	for _, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if !parseCLF([]byte(l), &rec) {
			t.Fatalf("not parsed: %q", l)
		}
		if strings.HasSuffix(l, " -") {
			dash++
		}
		if len(strings.Fields(l[rec.reqLo:rec.reqHi])) == 2 {
			noProto++
		}
	}
	if dash != 7 || noProto != 7 {
		t.Errorf("dash %d noProto %d, want 7 and 7", dash, noProto)
	}
	// Daily and UTC readings.
	d, err := ReadCLF(bytes.NewReader(data), nil)
	if err != nil || !slices.Equal(d.Requests, []int64{1880}) || d.Bytes[0] != 31599985 {
		t.Errorf("daily %v %v %v", d.Requests, d.Bytes, err)
	}
	u, err := ReadCLF(bytes.NewReader(data), &LogSettings{Granularity: Hourly, UTC: true})
	if err != nil || !u.Start.Equal(want) || u.Start.Location() != time.UTC || !slices.Equal(u.Requests, []int64{1642, 238}) {
		t.Errorf("UTC %v %v %v", u.Start, u.Requests, err)
	}
	if diff := cmp.Diff(d, c.Daily()); diff != "" {
		t.Errorf("hourly.Daily() != daily (-daily +hourly):\n%s", diff)
	}
}

// corrupt inserts a newline after every 4,096 bytes, the defect of the copy
// the sample was restored from.
func corrupt(data []byte) []byte {
	var out []byte
	for i := 0; i < len(data); i += 4096 {
		end := min(i+4096, len(data))
		out = append(out, data[i:end]...)
		if end-i == 4096 && end < len(data) {
			out = append(out, '\n')
		}
	}
	return out
}

func TestReadCLFCorrupted(t *testing.T) {
	data := corrupt(readHead(t))
	c, err := ReadCLF(bytes.NewReader(data), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Lines != 1929 || c.Parsed != 1841 || c.Malformed != 88 {
		t.Errorf("lines %d parsed %d malformed %d; want 1929 1841 88", c.Lines, c.Parsed, c.Malformed)
	}
	l, p, m, b := oracleCounts(data)
	if l != c.Lines || p != c.Parsed || m != c.Malformed || b != c.Blank {
		t.Errorf("oracle %d %d %d %d vs %d %d %d %d", l, p, m, b, c.Lines, c.Parsed, c.Malformed, c.Blank)
	}
	if len(c.MalformedLines) != 16 || c.MalformedLines[0] < 1 {
		t.Errorf("MalformedLines %v", c.MalformedLines)
	}
	var sum int64
	for _, r := range c.Requests {
		sum += r
	}
	if sum != c.Parsed-c.Filtered {
		t.Errorf("Σ requests %d != parsed %d", sum, c.Parsed)
	}
}

func TestReadCLFByteFlips(t *testing.T) {
	clean := readHead(t)
	r := rand.New(rand.NewPCG(7, 7))
	n := 300
	if testing.Short() {
		n = 50
	}
	for k := 0; k < n; k++ {
		data := append([]byte(nil), clean...)
		i := r.IntN(len(data))
		data[i] = byte(r.IntN(256))
		c, err := ReadCLF(bytes.NewReader(data), nil)
		if err != nil {
			t.Fatal(err)
		}
		if c.Parsed > 1880 {
			t.Fatalf("flip at %d increased Parsed to %d", i, c.Parsed)
		}
		if c.Parsed+c.Malformed+c.Blank != c.Lines {
			t.Fatalf("line accounting %+v", c)
		}
	}
}

const okLine = `host - - [01/Aug/1995:00:00:01 -0400] "GET / HTTP/1.0" 200 1839`

func TestReadCLFSynthetic(t *testing.T) {
	long := `host - - [01/Aug/1995:00:00:01 -0400] "GET /` + strings.Repeat("a", 70<<10) + `" 200 5`
	cases := []struct {
		name  string
		line  string
		valid bool
		bytes int64
	}{
		{"plain", okLine, true, 1839},
		{"combined", okLine + ` "http://ref/" "Mozilla/4.0 (compatible)"`, true, 1839},
		{"crlf", okLine + "\r", true, 1839},
		{"http09", `h - - [01/Aug/1995:00:00:01 -0400] "GET /" 200 7`, true, 7},
		{"quotes and spaces", `h - - [01/Aug/1995:00:00:01 -0400] "GET /a b" c"d "e HTTP/1.0" 404 -`, true, 0},
		{"first delimiter wins", `h - - [01/Aug/1995:00:00:01 -0400] "GET /a" 200 x" HTTP/1.0" 404 -`, false, 0},
		{"ss60", `h - - [30/Jun/1997:23:59:60 +0000] "GET /" 200 1`, true, 1},
		{"leap day", `h - - [29/Feb/1996:10:00:00 +0000] "GET /" 200 1`, true, 1},
		{"empty request", `h - - [01/Aug/1995:00:00:01 -0400] "" 400 -`, true, 0},
		{"31 Apr", `h - - [31/Apr/1995:00:00:01 -0400] "GET /" 200 1`, false, 0},
		{"29 Feb 1995", `h - - [29/Feb/1995:00:00:01 -0400] "GET /" 200 1`, false, 0},
		{"hour 24", `h - - [01/Aug/1995:24:00:01 -0400] "GET /" 200 1`, false, 0},
		{"ss61", `h - - [01/Aug/1995:00:00:61 -0400] "GET /" 200 1`, false, 0},
		{"offset 15", `h - - [01/Aug/1995:00:00:01 -1500] "GET /" 200 1`, false, 0},
		{"lower month", `h - - [01/aug/1995:00:00:01 -0400] "GET /" 200 1`, false, 0},
		{"status 600", `h - - [01/Aug/1995:00:00:01 -0400] "GET /" 600 1`, false, 0},
		{"status 099", `h - - [01/Aug/1995:00:00:01 -0400] "GET /" 099 1`, false, 0},
		{"no bytes", `h - - [01/Aug/1995:00:00:01 -0400] "GET /" 200`, false, 0},
		{"bytes overflow", `h - - [01/Aug/1995:00:00:01 -0400] "GET /" 200 9223372036854775808`, false, 0},
		{"bytes max", `h - - [01/Aug/1995:00:00:01 -0400] "GET /" 200 9223372036854775807`, true, math.MaxInt64},
		{"bytes junk", `h - - [01/Aug/1995:00:00:01 -0400] "GET /" 200 12x`, false, 0},
		{"double space", `h  - - [01/Aug/1995:00:00:01 -0400] "GET /" 200 1`, false, 0},
		{"two fields", `h - [01/Aug/1995:00:00:01 -0400] "GET /" 200 1`, false, 0},
		{"truncated", `h - - [01/Aug/1995:00:00`, false, 0},
		{"70 KiB", long, false, 0},
	}
	for _, c := range cases {
		var rec clfRecord
		line := strings.TrimSuffix(c.line, "\r")
		got := len(line) <= DefaultMaxLine && parseCLF([]byte(line), &rec)
		if got != c.valid {
			t.Errorf("%s: valid = %v, want %v", c.name, got, c.valid)
		}
		if got && rec.bytes != c.bytes {
			t.Errorf("%s: bytes %d, want %d", c.name, rec.bytes, c.bytes)
		}
		if o := oracleValid(c.line); o != c.valid {
			t.Errorf("%s: oracle %v", c.name, o)
		}
		cnt, err := ReadCLF(strings.NewReader(c.line+"\n"), nil)
		if err != nil || (cnt.Parsed == 1) != c.valid || cnt.Lines != 1 {
			t.Errorf("%s: ReadCLF %+v %v", c.name, cnt, err)
		}
	}
	// Out of order, a DST change, blank lines and a missing final newline.
	in := strings.Join([]string{
		`a - - [03/Aug/1995:10:00:00 -0400] "GET /" 200 10`,
		``,
		`a - - [01/Aug/1995:23:30:00 -0400] "GET /" 200 1`,
		`a - - [29/Oct/1995:01:30:00 -0500] "GET /" 304 0`,
		"\r",
		`a - - [01/Aug/1995:00:30:00 -0400] "GET /" 404 5`,
	}, "\n")
	c, err := ReadCLF(strings.NewReader(in), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Lines != 6 || c.Parsed != 4 || c.Blank != 2 || c.Malformed != 0 {
		t.Errorf("counts %+v", c)
	}
	// 1 Aug … 29 Oct civil days, dense.
	if len(c.Requests) != 90 || c.Requests[0] != 2 || c.Requests[2] != 1 || c.Requests[89] != 1 || c.Bytes[0] != 6 {
		t.Errorf("daily %v…", c.Requests[:3])
	}
	if _, off := c.Start.Zone(); off != -4*3600 || c.Start.Day() != 1 {
		t.Errorf("Start %v", c.Start)
	}
	// UTC: 1 Aug 23:30 −0400 is 2 Aug 03:30 UTC.
	u, err := ReadCLF(strings.NewReader(in), &LogSettings{UTC: true})
	if err != nil || u.Requests[0] != 1 || u.Requests[1] != 1 || u.Start.Location() != time.UTC {
		t.Errorf("UTC %v %v", u.Requests[:3], err)
	}
	// Filter: only 2xx.
	f, err := ReadCLF(strings.NewReader(in), &LogSettings{Filter: func(s int) bool { return s/100 == 2 }})
	if err != nil || f.Filtered != 2 || f.Parsed != 4 || f.Requests[0] != 1 {
		t.Errorf("filter %+v %v", f, err)
	}
	// Hourly Daily() equals daily on the same input.
	hr, err := ReadCLF(strings.NewReader(in), &LogSettings{Granularity: Hourly})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(c, hr.Daily()); d != "" {
		t.Errorf("Daily() (-daily +hourly):\n%s", d)
	}
	if d := cmp.Diff(c, c.Daily()); d != "" {
		t.Errorf("daily copy:\n%s", d)
	}
}

func TestReadCLFLimits(t *testing.T) {
	in := okLine + "\n" + strings.Replace(okLine, "01/Aug", "11/Aug", 1) + "\n"
	_, err := ReadCLF(strings.NewReader(in), &LogSettings{MaxBuckets: 5})
	if !errors.Is(err, ErrSpanTooLarge) {
		t.Errorf("span: %v", err)
	}
	in2 := okLine + "\n" + strings.Replace(okLine, "01/Aug", "11/Jul", 1) + "\n"
	if _, err := ReadCLF(strings.NewReader(in2), &LogSettings{MaxBuckets: 5}); !errors.Is(err, ErrSpanTooLarge) {
		t.Errorf("span backwards: %v", err)
	}
	for _, s := range []LogSettings{{MaxLine: 10}, {MaxBuckets: -1}, {Granularity: 3}} {
		if _, err := ReadCLF(strings.NewReader(in), &s); !errors.Is(err, ErrBadSettings) {
			t.Errorf("%+v: %v", s, err)
		}
	}
	// A line over MaxLine is malformed; the next one is read.
	c, err := ReadCLF(strings.NewReader(strings.Repeat("x", 300)+"\n"+okLine), &LogSettings{MaxLine: 100})
	if err != nil || c.Malformed != 1 || c.Parsed != 1 || c.Lines != 2 || !slices.Equal(c.MalformedLines, []int64{1}) {
		t.Errorf("long line: %+v %v", c, err)
	}
	// Many buckets, backwards: amortised growth.
	var sb strings.Builder
	for d := 0; d < 400; d++ {
		tm := time.Date(1995, 8, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -d)
		sb.WriteString("h - - [" + tm.Format("02/Jan/2006:15:04:05") + ` +0000] "GET /" 200 1` + "\n")
	}
	c, err = ReadCLF(strings.NewReader(sb.String()), nil)
	if err != nil || len(c.Requests) != 400 || slices.Min(c.Requests) != 1 {
		t.Errorf("backwards: %d buckets %v", len(c.Requests), err)
	}
	// An I/O error returns the counts so far.
	r := io.MultiReader(strings.NewReader(okLine+"\n"), errReader{})
	c, err = ReadCLF(r, nil)
	if !errors.Is(err, errBoom) || c == nil || c.Parsed != 1 {
		t.Errorf("I/O error: %+v %v", c, err)
	}
	// Empty input.
	c, err = ReadCLF(strings.NewReader(""), nil)
	if err != nil || c.Lines != 0 || len(c.Requests) != 0 {
		t.Errorf("empty: %+v %v", c, err)
	}
	if Daily.String() != "daily" || Hourly.String() != "hourly" || Granularity(5).String() == "" {
		t.Error("Granularity.String")
	}
}

var errBoom = errors.New("boom")

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errBoom }

// repeatReader yields n copies of b without holding them in memory.
type repeatReader struct {
	b   []byte
	n   int
	off int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	k := copy(p, r.b[r.off:])
	r.off += k
	if r.off == len(r.b) {
		r.off = 0
		r.n--
	}
	return k, nil
}

func TestReadCLFBoundedMemory(t *testing.T) {
	// A 16 MiB line followed by a valid one: the long line is skipped
	// without being buffered.
	var m0, m1 runtime.MemStats
	long := io.MultiReader(&repeatReader{b: bytes.Repeat([]byte("x"), 1<<16), n: 256}, strings.NewReader("\n"+okLine+"\n"))
	runtime.GC()
	runtime.ReadMemStats(&m0)
	c, err := ReadCLF(long, nil)
	runtime.ReadMemStats(&m1)
	if err != nil || c.Malformed != 1 || c.Parsed != 1 || c.Lines != 2 {
		t.Fatalf("%+v %v", c, err)
	}
	if alloc := m1.TotalAlloc - m0.TotalAlloc; alloc > 1<<20 {
		t.Errorf("allocated %d bytes for a 16 MiB line", alloc)
	}
	// Many valid lines: allocation does not grow with the input.
	lines := &repeatReader{b: []byte(okLine + "\n"), n: 200000}
	runtime.GC()
	runtime.ReadMemStats(&m0)
	c, err = ReadCLF(lines, nil)
	runtime.ReadMemStats(&m1)
	if err != nil || c.Parsed != 200000 {
		t.Fatalf("%+v %v", c, err)
	}
	if alloc := m1.TotalAlloc - m0.TotalAlloc; alloc > 1<<20 {
		t.Errorf("allocated %d bytes for %d lines", alloc, c.Parsed)
	}
}
