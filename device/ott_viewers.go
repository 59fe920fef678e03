package device

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ViewerCSVOptions configures ParseViewerCSV; nil means the defaults.
type ViewerCSVOptions struct {
	IDColumn        string // "session_id" (default) | "channel_id" | "channel_login"
	RawTime         bool   // headerless files: use accessed_at_utc (col 0) instead of col 1
	SnapshotSeconds int64  // 0 ⇒ 300
	Strict          bool   // first malformed row is an error
	MaxRows         int    // 0 ⇒ unlimited
}

// ViewerLog is a Twitch viewer-count log on a regular snapshot grid: Viewers[k][s] is the
// viewer count of session IDs[k] at time Start + s·Step (0 when the session is offline). IDs
// are ranked by total viewers over all snapshots, descending, ties by id in ascending byte
// order.
type ViewerLog struct {
	Start      int64             // first snapped snapshot, Unix seconds
	Step       int64             // SnapshotSeconds
	IDs        []string          // sessions, ranked
	Viewers    [][]float64       // len(IDs) × snapshots (integral counts)
	Rows       int               // data rows accepted
	Skipped    int               // malformed data rows skipped (lenient mode)
	Duplicates int               // repeated (snapshot, id) pairs (the maximum count is kept)
	Errors     []*ViewerRowError // first 10 skipped rows
}

// ViewerRowError reports a malformed row of a viewer-count CSV: its 1-based line, the column
// concerned ("" for a CSV syntax error) and why. It unwraps to ErrBadViewerCSV.
type ViewerRowError struct {
	Line   int
	Column string
	Reason string
}

func (e *ViewerRowError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("device: malformed viewer-count CSV: line %d: %s", e.Line, e.Reason)
	}
	return fmt.Sprintf("device: malformed viewer-count CSV: line %d: column %s: %s", e.Line, e.Column, e.Reason)
}

// Unwrap returns ErrBadViewerCSV.
func (e *ViewerRowError) Unwrap() error { return ErrBadViewerCSV }

const (
	viewerMaxErrors = 10
	viewerMaxCount  = 1e9
	viewerMaxUnix   = 1 << 40
)

// viewerMaxCells bounds len(IDs) × snapshots of a log (Reconstruction: a guard so that a file
// with far-apart times cannot allocate an unbounded grid; 2²⁴ cells = 128 MiB). A variable only
// so that the fuzz target can lower it.
var viewerMaxCells int64 = 1 << 24

func viewerErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadViewerCSV, fmt.Sprintf(format, args...))
}

// ParseViewerCSV reads a viewer-count CSV of the MMSys'15 live-sessions dataset (Pires & Simon,
// "YouTube Live and Twitch: A Tour of User-Generated Live Streaming Systems", ACM MMSys 2015,
// http://dash.ipv6.enstb.fr/dataset/live-sessions/; one row per (snapshot, live session)).
//
// Rules (spec §2.3): encoding/csv with quotes honoured; a CSV syntax error is fatal
// (*ViewerRowError with its line). A first record with a field "viewers" (trimmed, any case) is
// a header and columns are found by name (time: accessed_at_utc_std, else accessed_at_utc; id:
// opt.IDColumn, default session_id; count: viewers); a header without them is ErrBadViewerCSV.
// Without a header the raw layout applies: time = column 1 (0 with opt.RawTime), session_id 2,
// channel_id 3, channel_login 4, viewers 5. A data row is malformed if it is too short, its id is
// empty or "None", its time is not "2006-01-02 15:04:05[.frac]" (UTC), RFC 3339 or decimal Unix
// seconds in [0, 2⁴⁰], or its count is not a non-negative integral decimal ≤ 10⁹ ("48254" and
// "48254.0" are accepted). Malformed rows are skipped and counted (the first 10 kept in Errors),
// or with opt.Strict the first is returned. A file without a valid data row is ErrBadViewerCSV.
// Times snap down to the SnapshotSeconds grid (Unix seconds), the log spans every grid point from
// the first to the last, and a repeated (snapshot, id) keeps the maximum (Reconstruction: the
// crawler can revisit a session within a snapshot). Reading more than opt.MaxRows data rows is
// ErrBadViewerCSV, and so is a grid of more than 2²⁴ cells (Reconstruction: split long files by
// day). Memory O(distinct (snapshot, id) pairs + cells); time O(rows + pairs·log pairs).
func ParseViewerCSV(r io.Reader, opt *ViewerCSVOptions) (*ViewerLog, error) {
	var o ViewerCSVOptions
	if opt != nil {
		o = *opt
	}
	if o.IDColumn == "" {
		o.IDColumn = "session_id"
	}
	rawID := map[string]int{"session_id": 2, "channel_id": 3, "channel_login": 4}
	if _, ok := rawID[o.IDColumn]; !ok {
		return nil, viewerErr("IDColumn %q is not session_id, channel_id or channel_login", o.IDColumn)
	}
	if o.SnapshotSeconds < 0 {
		return nil, viewerErr("SnapshotSeconds %d < 0", o.SnapshotSeconds)
	}
	if o.SnapshotSeconds == 0 {
		o.SnapshotSeconds = DefaultSnapshotSeconds
	}
	if o.MaxRows < 0 {
		return nil, viewerErr("MaxRows %d < 0", o.MaxRows)
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	cr.LazyQuotes = false

	type pair struct {
		ts int64
		id int32
	}
	var (
		log      = &ViewerLog{Step: o.SnapshotSeconds}
		ids      = map[string]int32{}
		names    []string
		counts   = map[pair]float64{}
		timeCol  = 1
		idCol    = rawID[o.IDColumn]
		viewCol  = 5
		colNames = [3]string{"accessed_at_utc_std", o.IDColumn, "viewers"}
		first    = true
		dataRows = 0
	)
	if o.RawTime {
		timeCol = 0
		colNames[0] = "accessed_at_utc"
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &ViewerRowError{Line: pe.StartLine, Reason: fmt.Sprintf("CSV syntax error (record starting here, error at line %d): %v", pe.Line, pe.Err)}
			}
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		if first {
			first = false
			if isViewerHeader(rec) {
				cols := map[string]int{}
				for k, f := range rec {
					name := strings.ToLower(strings.TrimSpace(f))
					if _, dup := cols[name]; !dup {
						cols[name] = k
					}
				}
				var ok bool
				if timeCol, ok = cols["accessed_at_utc_std"]; ok {
					colNames[0] = "accessed_at_utc_std"
				} else if timeCol, ok = cols["accessed_at_utc"]; ok {
					colNames[0] = "accessed_at_utc"
				} else {
					return nil, viewerErr("line %d: header has no accessed_at_utc_std or accessed_at_utc column", line)
				}
				if idCol, ok = cols[o.IDColumn]; !ok {
					return nil, viewerErr("line %d: header has no %s column", line, o.IDColumn)
				}
				viewCol = cols["viewers"]
				continue
			}
		}
		dataRows++
		if o.MaxRows > 0 && dataRows > o.MaxRows {
			return nil, viewerErr("more than MaxRows = %d data rows", o.MaxRows)
		}
		ts, id, n, rowErr := parseViewerRow(rec, timeCol, idCol, viewCol, colNames, o.SnapshotSeconds)
		if rowErr != nil {
			rowErr.Line = line
			if o.Strict {
				return nil, rowErr
			}
			log.Skipped++
			if len(log.Errors) < viewerMaxErrors {
				log.Errors = append(log.Errors, rowErr)
			}
			continue
		}
		log.Rows++
		k, ok := ids[id]
		if !ok {
			if len(names) >= math.MaxInt32 {
				return nil, viewerErr("too many sessions")
			}
			k = int32(len(names))
			ids[id] = k
			names = append(names, id)
		}
		p := pair{ts, k}
		if old, dup := counts[p]; dup {
			log.Duplicates++
			counts[p] = max(old, n)
		} else {
			counts[p] = n
		}
	}
	if log.Rows == 0 {
		if dataRows == 0 {
			return nil, viewerErr("no data rows")
		}
		return nil, viewerErr("all %d data rows are malformed", dataRows)
	}
	lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
	for p := range counts {
		lo, hi = min(lo, p.ts), max(hi, p.ts)
	}
	span := (hi-lo)/o.SnapshotSeconds + 1
	if span > viewerMaxCells || span*int64(len(names)) > viewerMaxCells {
		return nil, viewerErr("%d sessions × %d snapshots exceed %d cells: split the file by day", len(names), span, viewerMaxCells)
	}
	log.Start = lo
	grid := make([][]float64, len(names))
	flat := make([]float64, int(span)*len(names))
	total := make([]float64, len(names))
	for k := range grid {
		grid[k] = flat[k*int(span) : (k+1)*int(span)]
	}
	for p, n := range counts {
		grid[p.id][(p.ts-lo)/o.SnapshotSeconds] = n
		total[p.id] += n
	}
	order := make([]int, len(names))
	for k := range order {
		order[k] = k
	}
	sort.Slice(order, func(a, b int) bool {
		x, y := order[a], order[b]
		if total[x] != total[y] {
			return total[x] > total[y]
		}
		return names[x] < names[y]
	})
	log.IDs = make([]string, len(names))
	log.Viewers = make([][]float64, len(names))
	for rank, k := range order {
		log.IDs[rank] = names[k]
		log.Viewers[rank] = grid[k]
	}
	return log, nil
}

func isViewerHeader(rec []string) bool {
	for _, f := range rec {
		if strings.ToLower(strings.TrimSpace(f)) == "viewers" {
			return true
		}
	}
	return false
}

// parseViewerRow parses one data row; the returned error has no line yet.
func parseViewerRow(rec []string, timeCol, idCol, viewCol int, names [3]string, step int64) (ts int64, id string, n float64, e *ViewerRowError) {
	if need := max(timeCol, idCol, viewCol) + 1; len(rec) < need {
		return 0, "", 0, &ViewerRowError{Column: "fields", Reason: fmt.Sprintf("%d fields, want at least %d", len(rec), need)}
	}
	id = strings.TrimSpace(rec[idCol])
	if id == "" || id == "None" {
		return 0, "", 0, &ViewerRowError{Column: names[1], Reason: fmt.Sprintf("missing id %q", id)}
	}
	t, ok := parseViewerTime(strings.TrimSpace(rec[timeCol]))
	if !ok {
		return 0, "", 0, &ViewerRowError{Column: names[0], Reason: fmt.Sprintf("bad time %q", truncate(rec[timeCol], 40))}
	}
	n, ok = parseViewerCount(strings.TrimSpace(rec[viewCol]))
	if !ok {
		return 0, "", 0, &ViewerRowError{Column: names[2], Reason: fmt.Sprintf("bad viewer count %q", truncate(rec[viewCol], 40))}
	}
	m := t % step
	if m < 0 {
		m += step
	}
	return t - m, strings.Clone(id), n, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseViewerTime parses a snapshot time to Unix seconds.
func parseViewerTime(s string) (int64, bool) {
	if allDigits(s) {
		if len(s) > 15 {
			return 0, false
		}
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil || v > viewerMaxUnix {
			return 0, false
		}
		return v, true
	}
	if t, err := time.Parse("2006-01-02 15:04:05", s); err == nil {
		return t.Unix(), true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.Unix(), true
	}
	return 0, false
}

// parseViewerCount parses a non-negative integral decimal ≤ 10⁹ ("48254" or "48254.0").
func parseViewerCount(s string) (float64, bool) {
	intPart, frac, hasDot := strings.Cut(s, ".")
	if !allDigits(intPart) {
		return 0, false
	}
	if hasDot {
		if frac == "" {
			return 0, false
		}
		for i := 0; i < len(frac); i++ {
			if frac[i] != '0' {
				return 0, false
			}
		}
	}
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > 10 {
		return 0, false
	}
	if intPart == "" {
		return 0, true
	}
	v, err := strconv.ParseInt(intPart, 10, 64)
	if err != nil || v > viewerMaxCount {
		return 0, false
	}
	return float64(v), true
}

// Top returns a copy of l restricted to its first n ranked sessions (all of them if n exceeds
// their number, none if n ≤ 0); the row counts are kept.
func (l *ViewerLog) Top(n int) *ViewerLog {
	n = max(0, min(n, len(l.IDs)))
	out := *l
	out.IDs = append([]string(nil), l.IDs[:n]...)
	out.Viewers = make([][]float64, n)
	for k := range out.Viewers {
		out.Viewers[k] = append([]float64(nil), l.Viewers[k]...)
	}
	out.Errors = append([]*ViewerRowError(nil), l.Errors...)
	return &out
}

// Popularity returns the popularity of the first top ranked sessions: row s holds their viewer
// counts at snapshot s, Names are their ids, and SnapshotSlots = Step/slotSeconds (300/5 = 60 by
// default), which must be an integer ≥ 1. top < 1, slotSeconds not positive and finite, a
// non-integral ratio, or counts that are all 0 give an error wrapping ErrBadViewerCSV.
func (l *ViewerLog) Popularity(top int, slotSeconds float64) (*Popularity, error) {
	if top < 1 {
		return nil, viewerErr("top %d < 1", top)
	}
	if !(slotSeconds > 0) || math.IsInf(slotSeconds, 0) {
		return nil, viewerErr("slotSeconds %v is not positive and finite", slotSeconds)
	}
	ratio := float64(l.Step) / slotSeconds
	if !(ratio >= 1) || ratio != math.Trunc(ratio) || ratio > math.MaxInt32 {
		return nil, viewerErr("SnapshotSeconds/slotSeconds = %d/%v is not an integer ≥ 1", l.Step, slotSeconds)
	}
	n := min(top, len(l.IDs))
	if n == 0 {
		return nil, viewerErr("no sessions")
	}
	snaps := len(l.Viewers[0])
	p := &Popularity{Names: append([]string(nil), l.IDs[:n]...), SnapshotSlots: int(ratio), Weights: make([][]float64, snaps)}
	flat := make([]float64, snaps*n)
	for s := range p.Weights {
		row := flat[s*n : s*n+n]
		for v := range row {
			row[v] = l.Viewers[v][s]
		}
		p.Weights[s] = row
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadViewerCSV, err)
	}
	return p, nil
}
