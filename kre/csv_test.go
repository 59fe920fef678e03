package kre

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cdnkit/cdnkit/internal/testdata"
)

func readDaily(t testing.TB, name string) *DailySeries {
	p := testdata.Require(t, "web", name)
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := ReadDailyCSV(f)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestReadDailyCSVShared(t *testing.T) {
	nasa := readDaily(t, "nasa_daily.csv")
	var sum int64
	for _, v := range nasa.Requests {
		sum += v
	}
	// shared/data/web/README.md: 59 rows, requests sum 3,461,610, no bytes.
	if len(nasa.Dates) != 59 || sum != 3461610 || nasa.Bytes != nil {
		t.Errorf("NASA: %d rows, sum %d, bytes %v", len(nasa.Dates), sum, nasa.Bytes != nil)
	}
	wc := readDaily(t, "worldcup98_daily.csv")
	if len(wc.Dates) != 88 || len(wc.Bytes) != 88 || wc.Requests[0] != 324 || wc.Bytes[0] != 2854465 {
		t.Errorf("WorldCup98: %d rows, first %d %v", len(wc.Dates), wc.Requests[0], wc.Bytes[:1])
	}
	w := nasa.Window(time.Date(1995, 7, 8, 0, 0, 0, 0, time.UTC), time.Date(1995, 7, 14, 23, 0, 0, 0, time.Local))
	got := w.Float64s()
	if len(got) != 7 {
		t.Fatalf("window: %v", got)
	}
	for i := range got {
		if got[i] != k1y[i] {
			t.Errorf("K1 window %v, want %v", got, k1y)
			break
		}
	}
	// Shares the backing array.
	if &w.Requests[0] != &nasa.Requests[7] {
		t.Error("Window copies")
	}
	if e := nasa.Window(time.Date(1995, 7, 29, 0, 0, 0, 0, time.UTC), time.Date(1995, 7, 31, 0, 0, 0, 0, time.UTC)); len(e.Dates) != 0 {
		t.Errorf("gap window: %v", e.Dates)
	}
}

func TestReadDailyCSVErrors(t *testing.T) {
	good := "date,requests,bytes\n2020-01-01,5,\n2020-01-02,6,\n"
	d, err := ReadDailyCSV(strings.NewReader(good))
	if err != nil || len(d.Dates) != 2 || d.Bytes != nil {
		t.Fatalf("good: %+v %v", d, err)
	}
	d, err = ReadDailyCSV(strings.NewReader("date,requests,bytes\r\n2020-01-01,5,7\r\n"))
	if err != nil || d.Bytes[0] != 7 {
		t.Fatalf("crlf: %+v %v", d, err)
	}
	d, err = ReadDailyCSV(strings.NewReader("date,requests,bytes\n"))
	if err != nil || len(d.Dates) != 0 {
		t.Errorf("header only: %+v %v", d, err)
	}
	for _, c := range []struct {
		in   string
		line int
	}{
		{"", 1},
		{"date,req,bytes\n", 1},
		{"date,requests,bytes\n2020-01-01,5\n", 2},
		{"date,requests,bytes\n2020-13-01,5,\n", 2},
		{"date,requests,bytes\n2020-01-01,5,\n2020-01-01,5,\n", 3},
		{"date,requests,bytes\n2020-01-02,5,\n2020-01-01,5,\n", 3},
		{"date,requests,bytes\n2020-01-01,-5,\n", 2},
		{"date,requests,bytes\n2020-01-01,1.5,\n", 2},
		{"date,requests,bytes\n2020-01-01,+5,\n", 2},
		{"date,requests,bytes\n2020-01-01,5,1\n2020-01-02,5,\n", 3},
		{"date,requests,bytes\n2020-01-01,5,\n2020-01-02,5,1\n", 3},
		{"date,requests,bytes\n2020-01-01,5,x\n", 2},
		{"date,requests,bytes\n2020-01-01,99999999999999999999,\n", 2},
		{"date,requests,bytes\n\n", 2},
		{"date,requests,bytes\n" + strings.Repeat("9", 70000) + "\n", 2},
	} {
		_, err := ReadDailyCSV(strings.NewReader(c.in))
		var ce *CSVError
		if !errors.As(err, &ce) || !errors.Is(err, ErrBadCSV) || ce.Line != c.line || ce.Error() == "" {
			t.Errorf("%q: %v (want line %d)", c.in[:min(len(c.in), 60)], err, c.line)
		}
	}
}
