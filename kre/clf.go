package kre

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"time"
)

// Granularity is the bucket width of ReadCLF.
type Granularity int

const (
	// Daily buckets are civil (or UTC) days.
	Daily Granularity = iota
	// Hourly buckets are civil (or UTC) hours.
	Hourly
)

// String returns "daily" or "hourly".
func (g Granularity) String() string {
	switch g {
	case Daily:
		return "daily"
	case Hourly:
		return "hourly"
	}
	return fmt.Sprintf("Granularity(%d)", int(g))
}

// Defaults of ReadCLF.
const (
	DefaultMaxLine    = 64 << 10
	DefaultMaxBuckets = 1 << 20
	maxMalformedLines = 16
)

// LogSettings configures ReadCLF. The zero value buckets by civil day, keeps
// every status, and allows lines of up to 64 KiB and 2²⁰ buckets.
type LogSettings struct {
	Granularity Granularity
	UTC         bool                  // bucket by UTC (subtract the offset) instead of the civil time written
	MaxLine     int                   // 0 ⇒ 65536; longer lines are malformed
	MaxBuckets  int                   // 0 ⇒ 1<<20
	Filter      func(status int) bool // nil ⇒ all; false ⇒ the line is Filtered
}

// Counts holds request and byte counts per bucket and line statistics.
// Buckets are dense from the first to the last bucket seen (gaps hold 0).
type Counts struct {
	Start                                     time.Time     // first bucket (civil time in time.FixedZone of the first parsed line's offset, or UTC)
	Step                                      time.Duration // 24h or 1h
	Requests                                  []int64
	Bytes                                     []int64 // saturating at math.MaxInt64
	Lines, Parsed, Malformed, Blank, Filtered int64
	MalformedLines                            []int64 // first 16 line numbers (1-based)
}

// ReadCLF reads an access log in the NCSA Common Log Format (the Internet
// Traffic Archive's NASA-HTTP, ClarkNet, Saskatchewan and Calgary traces)
// and counts requests and bytes per day or hour:
//
//	host ident authuser [dd/Mon/yyyy:HH:MM:SS ±hhmm] "request" status bytes[ extra fields]
//
// Reconstruction of a robust streaming parser: byte by byte, no regexp and
// no allocation per line. The three leading fields are non-empty runs of
// non-space bytes separated by single spaces; the timestamp must be exact
// (month names case-sensitive, day valid for the month, HH ≤ 23, MM ≤ 59,
// SS ≤ 60, offset hh ≤ 14, mm ≤ 59); the request runs up to the first `" `
// that is followed by a 3-digit status and a space (so requests may hold
// spaces and stray quotes, and HTTP/0.9 requests have two tokens); the
// status is 100–599; bytes is decimal (≤ 2⁶³ − 1) or `-` (0 bytes); the
// line ends there or continues after a space (combined-format referer and
// user agent are ignored). A trailing `\r` is stripped. Any other line is
// Malformed: counted (the first 16 line numbers kept) and skipped; empty
// lines are counted as Blank. Lines longer than MaxLine are malformed and
// skipped to the next newline without being buffered, so memory is
// O(MaxLine + buckets) whatever the input size.
//
// Lines are bucketed by the civil time written in them (the server's clock,
// as the ITA per-day statistics are) or, with UTC, by UTC. A span of more
// than MaxBuckets buckets returns the counts so far and ErrSpanTooLarge.
// Statuses are not filtered unless Filter is set; Parsed counts filtered
// lines too, so Parsed + Malformed + Blank = Lines and
// Σ Requests = Parsed − Filtered.
//
// Settings with MaxLine < 64 or MaxBuckets < 1 (when set) give
// ErrBadSettings. ReadCLF reads until EOF; an I/O error returns the counts
// so far and the error. Cost O(bytes).
func ReadCLF(r io.Reader, s *LogSettings) (*Counts, error) {
	var set LogSettings
	if s != nil {
		set = *s
	}
	if set.MaxLine == 0 {
		set.MaxLine = DefaultMaxLine
	}
	if set.MaxBuckets == 0 {
		set.MaxBuckets = DefaultMaxBuckets
	}
	switch {
	case set.MaxLine < 64:
		return nil, fmt.Errorf("%w: MaxLine = %d, need ≥ 64", ErrBadSettings, set.MaxLine)
	case set.MaxBuckets < 1:
		return nil, fmt.Errorf("%w: MaxBuckets = %d, need ≥ 1", ErrBadSettings, set.MaxBuckets)
	case set.Granularity != Daily && set.Granularity != Hourly:
		return nil, fmt.Errorf("%w: unknown Granularity %d", ErrBadSettings, int(set.Granularity))
	}
	br := bufio.NewReaderSize(r, max(set.MaxLine+2, 64<<10))
	var (
		c       Counts
		ser     series
		rec     clfRecord
		haveOff bool
		zoneOff int
		rerr    error
	)
	ser.max = set.MaxBuckets
	c.Step = 24 * time.Hour
	if set.Granularity == Hourly {
		c.Step = time.Hour
	}
	malformed := func() {
		c.Malformed++
		if len(c.MalformedLines) < maxMalformedLines {
			c.MalformedLines = append(c.MalformedLines, c.Lines)
		}
	}
	for {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// Over-long line: count it and skip to the next newline.
			c.Lines++
			malformed()
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			if err != nil {
				if err != io.EOF {
					rerr = err
				}
				break
			}
			continue
		}
		if len(line) > 0 {
			c.Lines++
			line = bytes.TrimSuffix(line, []byte{'\n'})
			line = bytes.TrimSuffix(line, []byte{'\r'})
			switch {
			case len(line) == 0:
				c.Blank++
			case len(line) > set.MaxLine || !parseCLF(line, &rec):
				malformed()
			default:
				c.Parsed++
				if !haveOff {
					haveOff, zoneOff = true, rec.off
				}
				if set.Filter != nil && !set.Filter(rec.status) {
					c.Filtered++
					break
				}
				minutes := rec.day*1440 + int64(rec.hour*60+rec.min)
				if set.UTC {
					minutes -= int64(rec.off)
				}
				width := int64(1440)
				if set.Granularity == Hourly {
					width = 60
				}
				b := floorDiv(minutes, width)
				i, ok := ser.index(b)
				if !ok {
					c.fill(&ser, set, zoneOff)
					return &c, ErrSpanTooLarge
				}
				ser.req[i]++
				if ser.byt[i] > math.MaxInt64-rec.bytes {
					ser.byt[i] = math.MaxInt64
				} else {
					ser.byt[i] += rec.bytes
				}
			}
		}
		if err != nil {
			if err != io.EOF {
				rerr = err
			}
			break
		}
	}
	c.fill(&ser, set, zoneOff)
	return &c, rerr
}

// fill copies the series into c and sets Start.
func (c *Counts) fill(s *series, set LogSettings, zoneOff int) {
	c.Requests = append([]int64(nil), s.req[s.off:s.off+s.n]...)
	c.Bytes = append([]int64(nil), s.byt[s.off:s.off+s.n]...)
	if s.n == 0 {
		return
	}
	loc := time.UTC
	if !set.UTC {
		loc = zoneFor(zoneOff)
	}
	if set.Granularity == Hourly {
		d := floorDiv(s.base, 24)
		c.Start = time.Date(1970, 1, 1+int(d), int(s.base-24*d), 0, 0, 0, loc)
	} else {
		c.Start = time.Date(1970, 1, 1+int(s.base), 0, 0, 0, 0, loc)
	}
}

func zoneFor(offMinutes int) *time.Location {
	sign := byte('+')
	o := offMinutes
	if o < 0 {
		sign, o = '-', -o
	}
	name := fmt.Sprintf("%c%02d%02d", sign, o/60, o%60)
	return time.FixedZone(name, offMinutes*60)
}

// Daily returns the counts aggregated to days: an hourly series is summed
// by the day of its buckets (Start truncated to the day in its location);
// a daily series is copied. Line statistics are copied.
func (c *Counts) Daily() *Counts {
	d := *c
	d.MalformedLines = append([]int64(nil), c.MalformedLines...)
	if c.Step != time.Hour {
		d.Requests = append([]int64(nil), c.Requests...)
		d.Bytes = append([]int64(nil), c.Bytes...)
		return &d
	}
	d.Step = 24 * time.Hour
	d.Requests, d.Bytes = nil, nil
	if len(c.Requests) == 0 {
		return &d
	}
	y, m, dd := c.Start.Date()
	d.Start = time.Date(y, m, dd, 0, 0, 0, 0, c.Start.Location())
	h0 := c.Start.Hour()
	for i := range c.Requests {
		k := (h0 + i) / 24
		if k == len(d.Requests) {
			d.Requests = append(d.Requests, 0)
			d.Bytes = append(d.Bytes, 0)
		}
		d.Requests[k] += c.Requests[i]
		if d.Bytes[k] > math.MaxInt64-c.Bytes[i] {
			d.Bytes[k] = math.MaxInt64
		} else {
			d.Bytes[k] += c.Bytes[i]
		}
	}
	return &d
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// series is a dense bucket array that grows at both ends with amortised
// O(1) cost per bucket.
type series struct {
	base     int64 // bucket number of req[off]
	off, n   int
	req, byt []int64
	max      int
}

// index returns the slot of bucket b, growing the series; false when the
// span would exceed max.
func (s *series) index(b int64) (int, bool) {
	if s.n == 0 {
		s.req = make([]int64, 64)
		s.byt = make([]int64, 64)
		s.off, s.n, s.base = 32, 1, b
		return s.off, true
	}
	if b < s.base {
		need := s.base - b
		if need > int64(s.max-s.n) {
			return 0, false
		}
		if int(need) > s.off {
			s.grow(int(need)+s.n, 0)
		}
		s.off -= int(need)
		s.n += int(need)
		s.base = b
		return s.off, true
	}
	if b >= s.base+int64(s.n) {
		need := b - (s.base + int64(s.n)) + 1
		if need > int64(s.max-s.n) {
			return 0, false
		}
		if s.off+s.n+int(need) > len(s.req) {
			s.grow(0, int(need)+s.n)
		}
		s.n += int(need)
	}
	return s.off + int(b-s.base), true
}

// grow reallocates with at least front free slots before and back after
// the used region.
func (s *series) grow(front, back int) {
	front = max(front, s.off)
	back = max(back, len(s.req)-s.off-s.n)
	req := make([]int64, front+s.n+back)
	byt := make([]int64, front+s.n+back)
	copy(req[front:], s.req[s.off:s.off+s.n])
	copy(byt[front:], s.byt[s.off:s.off+s.n])
	s.req, s.byt, s.off = req, byt, front
}

// clfRecord is one parsed log line.
type clfRecord struct {
	day          int64 // civil days since 1970-01-01
	hour, min    int
	off          int // UTC offset in minutes
	status       int
	bytes        int64
	reqLo, reqHi int // request bytes line[reqLo:reqHi]
}

var monthNames = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// parseCLF parses one line (no newline, \r already stripped) by the rule of
// ReadCLF.
func parseCLF(b []byte, rec *clfRecord) bool {
	i := 0
	for f := 0; f < 3; f++ {
		j := i
		for j < len(b) && b[j] != ' ' {
			j++
		}
		if j == i || j >= len(b) {
			return false
		}
		i = j + 1
	}
	// [dd/Mon/yyyy:HH:MM:SS ±hhmm] "
	if len(b) < i+30 || b[i] != '[' || b[i+27] != ']' || b[i+28] != ' ' || b[i+29] != '"' {
		return false
	}
	t := b[i+1 : i+27]
	if t[2] != '/' || t[6] != '/' || t[11] != ':' || t[14] != ':' || t[17] != ':' || t[20] != ' ' {
		return false
	}
	day, ok1 := digits(t[0:2])
	year, ok2 := digits(t[7:11])
	hh, ok3 := digits(t[12:14])
	mm, ok4 := digits(t[15:17])
	ss, ok5 := digits(t[18:20])
	oh, ok6 := digits(t[22:24])
	om, ok7 := digits(t[24:26])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) {
		return false
	}
	mon := -1
	for k, name := range monthNames {
		if t[3] == name[0] && t[4] == name[1] && t[5] == name[2] {
			mon = k + 1
			break
		}
	}
	if mon < 0 || day < 1 || day > daysIn(year, mon) || hh > 23 || mm > 59 || ss > 60 || oh > 14 || om > 59 {
		return false
	}
	off := oh*60 + om
	switch t[21] {
	case '+':
	case '-':
		off = -off
	default:
		return false
	}
	// Request: up to the first `" ` followed by DDD and a space.
	reqLo := i + 30
	q := reqLo
	for {
		p := bytes.IndexByte(b[q:], '"')
		if p < 0 {
			return false
		}
		p += q
		if p+5 < len(b) && b[p+1] == ' ' && isDigit(b[p+2]) && isDigit(b[p+3]) && isDigit(b[p+4]) && b[p+5] == ' ' {
			q = p
			break
		}
		q = p + 1
	}
	status := int(b[q+2]-'0')*100 + int(b[q+3]-'0')*10 + int(b[q+4]-'0')
	if status < 100 || status > 599 {
		return false
	}
	k := q + 6
	var nb int64
	switch {
	case k < len(b) && b[k] == '-':
		k++
	case k < len(b) && isDigit(b[k]):
		for k < len(b) && isDigit(b[k]) {
			d := int64(b[k] - '0')
			if nb > (math.MaxInt64-d)/10 {
				return false
			}
			nb = nb*10 + d
			k++
		}
	default:
		return false
	}
	if k < len(b) && b[k] != ' ' {
		return false
	}
	rec.day = daysFromCivil(int64(year), mon, day)
	rec.hour, rec.min, rec.off = hh, mm, off
	rec.status, rec.bytes = status, nb
	rec.reqLo, rec.reqHi = reqLo, q
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func digits(b []byte) (int, bool) {
	v := 0
	for _, c := range b {
		if !isDigit(c) {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

func daysIn(year, mon int) int {
	switch mon {
	case 2:
		if (year%4 == 0 && year%100 != 0) || year%400 == 0 {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the days since 1970-01-01 of a proleptic Gregorian
// date (H. Hinnant's algorithm).
func daysFromCivil(y int64, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := int64((m + 9) % 12)
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
