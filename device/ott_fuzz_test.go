package device

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// FuzzParseViewerCSV checks that arbitrary bytes never panic the loader, lenient or strict, and
// that an accepted log is well formed.
func FuzzParseViewerCSV(f *testing.F) {
	o5, _ := viewerO5(true)
	raw, _ := viewerO5(false)
	f.Add([]byte(o5), false)
	f.Add([]byte(o5), true)
	f.Add([]byte(raw), false)
	f.Add([]byte(viewerGenerate(30, 4, 2)), false)
	f.Add([]byte("accessed_at_utc,session_id,viewers\n0,a,3\n250,b,4\n130,a,5\n"), false)
	f.Add([]byte("viewers\n\"unterminated\n"), false)
	f.Add([]byte("a,b,\"c\"d\n"), true)
	f.Add([]byte("x,2014-01-06T00:00:00Z,1,2,3,5.000\nx,1099511627776,1,2,3,0\n"), false)
	defer func(c int64) { viewerMaxCells = c }(viewerMaxCells)
	viewerMaxCells = 1 << 14 // keep each input cheap; the limit itself is tested in TestParseViewerCSVErrors
	f.Fuzz(func(t *testing.T, data []byte, strict bool) {
		log, err := ParseViewerCSV(bytes.NewReader(data), &ViewerCSVOptions{Strict: strict})
		if err != nil {
			if !errors.Is(err, ErrBadViewerCSV) {
				t.Fatalf("error %v does not wrap ErrBadViewerCSV", err)
			}
			return
		}
		// Count data rows independently: records, minus a header.
		cr := csv.NewReader(bytes.NewReader(data))
		cr.FieldsPerRecord = -1
		n, first := 0, true
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("accepted a file with a CSV error: %v", err)
			}
			if first {
				first = false
				if isViewerHeader(rec) {
					continue
				}
			}
			n++
		}
		if log.Rows+log.Skipped != n || log.Rows < 1 || strict && log.Skipped != 0 {
			t.Fatalf("Rows %d + Skipped %d != %d data rows", log.Rows, log.Skipped, n)
		}
		if len(log.Errors) != min(log.Skipped, 10) {
			t.Fatalf("%d Errors for %d skipped", len(log.Errors), log.Skipped)
		}
		prev := math.Inf(1)
		for k, id := range log.IDs {
			total := 0.0
			for _, v := range log.Viewers[k] {
				if v < 0 || v != math.Trunc(v) || v > 1e9 {
					t.Fatalf("count %v", v)
				}
				total += v
			}
			if total > prev || total == prev && strings.Compare(log.IDs[k-1], id) >= 0 {
				t.Fatalf("ids not ranked at %d", k)
			}
			prev = total
			if len(log.Viewers[k]) != len(log.Viewers[0]) {
				t.Fatalf("ragged viewers")
			}
		}
		if log.Start%log.Step != 0 {
			t.Fatalf("Start %d not on the grid", log.Start)
		}
		p, err := log.Popularity(50, 5)
		if err == nil {
			if err := p.Validate(); err != nil {
				t.Fatalf("Popularity invalid: %v", err)
			}
		} else if !errors.Is(err, ErrBadViewerCSV) {
			t.Fatalf("Popularity error %v", err)
		}
	})
}

// FuzzNewOTTRun builds small request matrices from bytes and checks the run's invariants against
// the naive reference.
func FuzzNewOTTRun(f *testing.F) {
	f.Add([]byte{3, 3, 2, 0, 0, 3, 3, 1, 0, 4, 2, 1, 0}, uint8(3), uint8(2))
	f.Add([]byte{1, 4, 4, 5, 5, 5, 7}, uint8(1), uint8(4))
	f.Add([]byte{5, 8, 1, 255, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 255, 255, 1, 1, 1, 1}, uint8(2), uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, g, b uint8) {
		if len(data) < 2 {
			return
		}
		n := int(data[0])%12 + 1
		slots := int(data[1])%40 + 1
		body := data[2:]
		req := make([][]int, slots)
		for s := range req {
			req[s] = make([]int, n)
			for i := range req[s] {
				k := s*n + i
				v := -1
				if k < len(body) {
					v = int(body[k]%9) - 1
				}
				req[s][i] = v
			}
		}
		cfg := OTTConfig{GroupSize: int(g)%n + 1, BufferSlots: int(b)%6 + 1, Warmup: -1}
		run, err := NewOTTRun(req, cfg)
		if err != nil {
			t.Fatalf("NewOTTRun: %v", err)
		}
		ottCheckInvariants(t, run, req)
		ones := make([]float64, 0, n)
		for g := 0; g < run.Groups(); g++ {
			lo, hi := run.Group(g)
			ones = ones[:0]
			for range hi - lo {
				ones = append(ones, 1)
			}
			if _, err := run.FetchTable(g, ones, 0, slots, rand.NewPCG(1, 2)); err != nil {
				t.Fatalf("FetchTable: %v", err)
			}
		}
	})
}
