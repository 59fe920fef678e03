package kre

import (
	"bufio"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
)

// DailySeries is a daily load series read by ReadDailyCSV.
type DailySeries struct {
	Dates    []time.Time // civil dates, UTC location, strictly increasing
	Requests []int64
	Bytes    []int64 // nil when the bytes column is empty in every row
}

// ReadDailyCSV reads a daily-total CSV file with the header
// "date,requests,bytes" (the files of cdnkit's shared web data): one row per
// civil date YYYY-MM-DD, strictly increasing, with non-negative integer
// counts; the bytes column is either empty in every row (Bytes = nil) or
// set in every row. `\r\n` line ends are accepted. Any violation returns a
// *CSVError naming the line; an I/O error is returned as is.
func ReadDailyCSV(r io.Reader) (*DailySeries, error) {
	sc := bufio.NewScanner(r)
	d := &DailySeries{}
	line := 0
	bytesSet := -1 // unknown
	var bytesCol []int64
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if line == 1 {
			if text != "date,requests,bytes" {
				return nil, &CSVError{Line: 1, Reason: "header is not \"date,requests,bytes\""}
			}
			continue
		}
		f := strings.Split(text, ",")
		if len(f) != 3 {
			return nil, &CSVError{Line: line, Reason: "want 3 fields, got " + strconv.Itoa(len(f))}
		}
		dt, err := time.Parse(time.DateOnly, f[0])
		if err != nil {
			return nil, &CSVError{Line: line, Reason: "bad date " + strconv.Quote(f[0])}
		}
		if n := len(d.Dates); n > 0 && !dt.After(d.Dates[n-1]) {
			return nil, &CSVError{Line: line, Reason: "date " + f[0] + " not after the previous row"}
		}
		req, ok := parseCount(f[1])
		if !ok {
			return nil, &CSVError{Line: line, Reason: "bad requests " + strconv.Quote(f[1])}
		}
		has := 0
		if f[2] != "" {
			has = 1
		}
		if bytesSet >= 0 && has != bytesSet {
			return nil, &CSVError{Line: line, Reason: "bytes column empty in some rows only"}
		}
		bytesSet = has
		if has == 1 {
			b, ok := parseCount(f[2])
			if !ok {
				return nil, &CSVError{Line: line, Reason: "bad bytes " + strconv.Quote(f[2])}
			}
			bytesCol = append(bytesCol, b)
		}
		d.Dates = append(d.Dates, dt)
		d.Requests = append(d.Requests, req)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, &CSVError{Line: line + 1, Reason: "line too long"}
		}
		return nil, err
	}
	if line == 0 {
		return nil, &CSVError{Line: 1, Reason: "missing header"}
	}
	if bytesSet == 1 {
		d.Bytes = bytesCol
	}
	return d, nil
}

// parseCount parses a non-negative decimal integer without sign.
func parseCount(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	return v, err == nil
}

// Window returns the rows with from ≤ date ≤ to, comparing civil dates
// (from and to are read in their own locations). The result shares the
// backing arrays of d.
func (d *DailySeries) Window(from, to time.Time) *DailySeries {
	civil := func(t time.Time) time.Time {
		y, m, dd := t.Date()
		return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
	}
	f, t := civil(from), civil(to)
	lo := sort.Search(len(d.Dates), func(i int) bool { return !d.Dates[i].Before(f) })
	hi := sort.Search(len(d.Dates), func(i int) bool { return d.Dates[i].After(t) })
	if hi < lo {
		hi = lo
	}
	w := &DailySeries{Dates: d.Dates[lo:hi:hi], Requests: d.Requests[lo:hi:hi]}
	if d.Bytes != nil {
		w.Bytes = d.Bytes[lo:hi:hi]
	}
	return w
}

// Float64s returns the request counts as float64, the form Predictor
// takes.
func (d *DailySeries) Float64s() []float64 {
	out := make([]float64, len(d.Requests))
	for i, v := range d.Requests {
		out[i] = float64(v)
	}
	return out
}
