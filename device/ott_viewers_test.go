package device

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cdnkit/cdnkit/internal/testdata"
	"github.com/google/go-cmp/cmp"
)

// viewerColumns are the 28 columns of the MMSys'15 Twitch files (Pires & Simon, 2015).
var viewerColumns = []string{"accessed_at_utc", "accessed_at_utc_std", "session_id", "channel_id", "channel_login",
	"viewers", "geo", "category", "video_bitrate", "uptime", "uptime_sec", "language_channel", "language_session",
	"video_height", "video_width", "embed_count", "site_count", "timezone", "session_count", "video_codec",
	"channel_view_count", "broadcaster", "broadcast_part", "featured", "channel_subscription", "audio_codec",
	"producer", "mature"}

// viewerRow returns a 28-column row in the published format.
func viewerRow(accessed, std, session, channel, login, viewers string) string {
	f := []string{accessed, std, session, channel, login, viewers, "US", "gaming", "2500", "01:02:03", "3723",
		"en", "en", "720", "1280", "0", "1", "UTC", "3", "h264", "123456", "None", "0", "False", "True", "aac",
		"", "False"}
	return strings.Join(f, ",")
}

// viewerO5 builds vector O5's file: 3 sessions × 3 snapshots, one duplicate with a larger count,
// and 6 malformed rows. It returns the file text and the malformed rows' line numbers.
func viewerO5(header bool) (string, []int) {
	var b strings.Builder
	line := 0
	emit := func(s string) {
		b.WriteString(s + "\n")
		line++
	}
	if header {
		emit(strings.Join(viewerColumns, ","))
	}
	times := []string{"2014-01-06 00:00:26", "2014-01-06 00:05:03", "2014-01-06 00:10:00"}
	counts := map[string][3]string{"111": {"10", "20", "30"}, "222": {"60", "0", "0"}, "333": {"5", "25.0", "30"}}
	var bad []int
	for k, tm := range times {
		for _, id := range []string{"111", "222", "333"} {
			emit(viewerRow("2014-01-06 00:00:59", tm, id, "c"+id, "login"+id, counts[id][k]))
		}
		if k == 1 {
			emit(viewerRow("x", tm, "111", "c111", "login111", "19")) // duplicate, smaller
			emit(viewerRow("x", tm, "111", "c111", "login111", "21")) // duplicate, larger: 21 replaces 20
			for _, v := range []string{"-3", "12.5", "NaN", ""} {
				emit(viewerRow("x", tm, "444", "c444", "l444", v))
				bad = append(bad, line)
			}
			emit(viewerRow("x", tm, "None", "c555", "l555", "7"))
			bad = append(bad, line)
			emit("2014-01-06 00:05:00,2014-01-06 00:05:00,666,c666")
			bad = append(bad, line)
		}
	}
	b.WriteString("\n")
	return b.String(), bad
}

// TestParseViewerCSVO5 is vector O5.
func TestParseViewerCSVO5(t *testing.T) {
	text, bad := viewerO5(true)
	log, err := ParseViewerCSV(strings.NewReader(text), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Totals: 111: 10+21+30 = 61, 222: 60, 333: 5+25+30 = 60 (tie with 222, broken by id).
	want := &ViewerLog{
		Start: 1388966400, Step: 300, IDs: []string{"111", "222", "333"},
		Viewers: [][]float64{{10, 21, 30}, {60, 0, 0}, {5, 25, 30}},
		Rows:    11, Skipped: 6, Duplicates: 2,
	}
	got := *log
	got.Errors = nil
	if d := cmp.Diff(want, &got); d != "" {
		t.Errorf("log (-want +got):\n%s", d)
	}
	var lines []int
	for _, e := range log.Errors {
		lines = append(lines, e.Line)
	}
	if !slices.Equal(lines, bad) {
		t.Errorf("error lines %v, want %v", lines, bad)
	}
	cols := []string{}
	for _, e := range log.Errors {
		cols = append(cols, e.Column)
	}
	if wantCols := []string{"viewers", "viewers", "viewers", "viewers", "session_id", "fields"}; !slices.Equal(cols, wantCols) {
		t.Errorf("error columns %v, want %v", cols, wantCols)
	}
	_, err = ParseViewerCSV(strings.NewReader(text), &ViewerCSVOptions{Strict: true})
	var re *ViewerRowError
	if !errors.As(err, &re) || re.Line != bad[0] || !errors.Is(err, ErrBadViewerCSV) {
		t.Errorf("strict: %v, want a *ViewerRowError at line %d", err, bad[0])
	}
	// Headerless variant: the same log.
	raw, rawBad := viewerO5(false)
	rlog, err := ParseViewerCSV(strings.NewReader(raw), nil)
	if err != nil {
		t.Fatal(err)
	}
	if rlog.Skipped != 6 || rlog.Errors[0].Line != rawBad[0] {
		t.Errorf("headerless: Skipped %d, first error line %d", rlog.Skipped, rlog.Errors[0].Line)
	}
	rgot := *rlog
	rgot.Errors = nil
	if d := cmp.Diff(want, &rgot); d != "" {
		t.Errorf("headerless log (-want +got):\n%s", d)
	}
	// Channel ids, and RawTime (accessed_at_utc: all rows in snapshot 00:00 or unparsable "x").
	clog, err := ParseViewerCSV(strings.NewReader(text), &ViewerCSVOptions{IDColumn: "channel_login"})
	if err != nil || clog.IDs[0] != "login111" {
		t.Errorf("channel_login: %v %v", clog, err)
	}
	tlog, err := ParseViewerCSV(strings.NewReader(raw), &ViewerCSVOptions{RawTime: true})
	if err != nil || len(tlog.Viewers[0]) != 1 || tlog.Rows != 9 {
		t.Errorf("RawTime: %+v %v", tlog, err)
	}
	// Top(2) and Popularity(2, 5).
	top := log.Top(2)
	if !slices.Equal(top.IDs, []string{"111", "222"}) || len(top.Viewers) != 2 {
		t.Errorf("Top(2) = %v", top.IDs)
	}
	top.Viewers[0][0] = 99
	if log.Viewers[0][0] != 10 {
		t.Errorf("Top shares memory with the log")
	}
	p, err := log.Popularity(2, 5)
	if err != nil {
		t.Fatal(err)
	}
	if p.SnapshotSlots != 60 || len(p.Weights) != 3 || !slices.Equal(p.Names, []string{"111", "222"}) {
		t.Errorf("Popularity = %+v", p)
	}
	if !slices.Equal(p.Row(59), []float64{10, 60}) || !slices.Equal(p.Row(60), []float64{21, 0}) {
		t.Errorf("Row(59) = %v, Row(60) = %v", p.Row(59), p.Row(60))
	}
	for _, c := range []struct {
		top int
		ss  float64
	}{{0, 5}, {2, 0}, {2, -1}, {2, 7}, {2, 600}} {
		if _, err := log.Popularity(c.top, c.ss); !errors.Is(err, ErrBadViewerCSV) {
			t.Errorf("Popularity(%d, %v): %v, want ErrBadViewerCSV", c.top, c.ss, err)
		}
	}
}

// TestParseViewerCSVErrors covers the fatal cases and the value grammar.
func TestParseViewerCSVErrors(t *testing.T) {
	hdr := strings.Join(viewerColumns, ",") + "\n"
	good := viewerRow("x", "2014-01-06 00:00:26", "1", "2", "l", "5") + "\n"
	fatal := []struct {
		name string
		text string
		opt  *ViewerCSVOptions
		line int
	}{
		{"unterminated quote", hdr + good + good + "2014,\"2014-01-06 00:00:00,1,2,l,5\n" + good, nil, 4},
		{"bare quote", hdr + good + "20\"14,x,1,2,l,5\n", nil, 3},
		{"empty", "", nil, 0},
		{"header only", hdr, nil, 0},
		{"all malformed", hdr + viewerRow("x", "bad", "1", "2", "l", "5") + "\n", nil, 0},
		{"header without id", "accessed_at_utc,viewers\nx,5\n", nil, 0},
		{"header without time", "session_id,viewers\n1,5\n", nil, 0},
		{"bad IDColumn", hdr + good, &ViewerCSVOptions{IDColumn: "geo"}, 0},
		{"negative snapshot", hdr + good, &ViewerCSVOptions{SnapshotSeconds: -1}, 0},
		{"MaxRows", hdr + good + good + good, &ViewerCSVOptions{MaxRows: 2}, 0},
		{"span", "accessed_at_utc,session_id,viewers\n0,a,1\n1099511627776,a,1\n", nil, 0},
	}
	for _, c := range fatal {
		_, err := ParseViewerCSV(strings.NewReader(c.text), c.opt)
		if !errors.Is(err, ErrBadViewerCSV) {
			t.Errorf("%s: %v, want ErrBadViewerCSV", c.name, err)
			continue
		}
		var re *ViewerRowError
		if c.line > 0 && (!errors.As(err, &re) || re.Line != c.line) {
			t.Errorf("%s: %v, want line %d", c.name, err, c.line)
		}
	}
	if _, err := ParseViewerCSV(strings.NewReader(hdr+good+good), &ViewerCSVOptions{MaxRows: 2}); err != nil {
		t.Errorf("MaxRows = rows: %v", err)
	}
	times := map[string]int64{
		"2014-01-06 00:00:26": 1388966426, "2014-01-06 00:00:26.75": 1388966426,
		"2014-01-06T00:00:26Z": 1388966426, "2014-01-06T01:00:26+01:00": 1388966426, "1388966426": 1388966426,
		"0": 0, "1099511627776": 1 << 40,
	}
	for s, want := range times {
		if got, ok := parseViewerTime(s); !ok || got != want {
			t.Errorf("parseViewerTime(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "1099511627777", "-5", "+5", "2014-01-06", "2014-13-06 00:00:00", "None", "1e9", "2014-01-06 00:00:26 UTC"} {
		if _, ok := parseViewerTime(s); ok {
			t.Errorf("parseViewerTime(%q) accepted", s)
		}
	}
	counts := map[string]float64{"48254": 48254, "48254.0": 48254, "0": 0, "000": 0, "1000000000": 1e9, "7.000": 7, "0012": 12}
	for s, want := range counts {
		if got, ok := parseViewerCount(s); !ok || got != want {
			t.Errorf("parseViewerCount(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"-1", "1.5", "NaN", "Inf", "", "1000000001", "1e3", "0x10", ".0", "5.", "1_000", " 5", "99999999999999999999"} {
		if _, ok := parseViewerCount(s); ok {
			t.Errorf("parseViewerCount(%q) accepted", s)
		}
	}
	// Errors keeps the first 10 skipped rows; a row of the wrong shape after a header is skipped.
	var b strings.Builder
	b.WriteString(hdr + good)
	for range 15 {
		b.WriteString(viewerRow("x", "2014-01-06 00:00:26", "1", "2", "l", "-1") + "\n")
	}
	log, err := ParseViewerCSV(strings.NewReader(b.String()), nil)
	if err != nil || log.Skipped != 15 || len(log.Errors) != 10 || log.Errors[9].Line != 12 {
		t.Errorf("15 bad rows: %v, err %v", log, err)
	}
	// Times snap to the grid with a custom step; the span fills offline snapshots with 0.
	log, err = ParseViewerCSV(strings.NewReader("accessed_at_utc,session_id,viewers\n0,a,3\n250,b,4\n130,a,5\n"), &ViewerCSVOptions{SnapshotSeconds: 60, RawTime: true})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([][]float64{{3, 0, 5, 0, 0}, {0, 0, 0, 0, 4}}, log.Viewers); d != "" || log.Start != 0 || !slices.Equal(log.IDs, []string{"a", "b"}) {
		t.Errorf("grid (-want +got):\n%s %v", d, log.IDs)
	}
}

// TestParseViewerCSVGenerated writes a generated 28-column file and reads it back.
func TestParseViewerCSVGenerated(t *testing.T) {
	path := filepath.Join(t.TempDir(), "twitch.csv")
	text := viewerGenerate(2000, 40, 1)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	log, err := ParseViewerCSV(f, nil)
	if err != nil {
		t.Fatal(err)
	}
	if log.Rows != 2000 || log.Skipped != 0 || len(log.IDs) != 40 {
		t.Fatalf("Rows %d Skipped %d sessions %d", log.Rows, log.Skipped, len(log.IDs))
	}
	prev := -1.0
	for k := range log.IDs {
		total := 0.0
		for _, v := range log.Viewers[k] {
			total += v
		}
		if prev >= 0 && total > prev {
			t.Fatalf("rank %d total %v above the previous %v", k, total, prev)
		}
		prev = total
	}
	p, err := log.Top(50).Popularity(50, 5)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Validate(); err != nil || len(p.Weights[0]) != 40 {
		t.Fatalf("Popularity: %v", err)
	}
}

// viewerGenerate returns a header and rows data rows over sessions sessions, one snapshot per
// sessions rows, with deterministic counts.
func viewerGenerate(rows, sessions int, seed uint64) string {
	var b strings.Builder
	b.WriteString(strings.Join(viewerColumns, ",") + "\n")
	x := seed*2654435761 + 1
	for r := 0; r < rows; r++ {
		snap := r / sessions
		sec := 1388966400 + snap*300 + r%7
		x = x*6364136223846793005 + 1442695040888963407
		tm := fmt.Sprintf("%d", sec)
		id := fmt.Sprintf("%d", 8118186560+r%sessions)
		fmt.Fprintf(&b, "%s\n", viewerRow(tm, tm, id, "37701508", "phantoml0rd", fmt.Sprintf("%d", (x>>40)%50000)))
	}
	return b.String()
}

// TestParseViewerCSVSharedData parses the shared Twitch files when they are present.
func TestParseViewerCSVSharedData(t *testing.T) {
	dir := testdata.Require(t, "twitch")
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skip("shared data not available: ../shared/data/twitch (no *.csv)")
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		log, err := ParseViewerCSV(f, nil)
		f.Close()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if log.Skipped*100 > log.Rows+log.Skipped {
			t.Errorf("%s: skipped %d of %d rows", name, log.Skipped, log.Rows+log.Skipped)
		}
		if _, err := log.Top(50).Popularity(50, 5); err != nil {
			t.Errorf("%s: Popularity: %v", name, err)
		}
	}
}
