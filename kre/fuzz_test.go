package kre

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

// floatsFrom decodes b as little-endian float64s (at most max of them).
func floatsFrom(b []byte, max int) []float64 {
	var out []float64
	for len(b) >= 8 && len(out) < max {
		out = append(out, math.Float64frombits(binary.LittleEndian.Uint64(b)))
		b = b[8:]
	}
	return out
}

func floatBytes(v ...float64) []byte {
	var b []byte
	for _, x := range v {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	return b
}

func FuzzReadCLF(f *testing.F) {
	f.Add([]byte(okLine + "\n"))
	f.Add([]byte(okLine + "\r\n\n" + okLine))
	f.Add([]byte("x\n\n" + strings.Replace(okLine, "01/Aug", "31/Apr", 1)))
	f.Add([]byte(strings.Replace(okLine, "-0400", "+1400", 1) + "\n" + strings.Replace(okLine, "1995", "0001", 1)))
	f.Add([]byte{})
	f.Add([]byte("\n\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, s := range []*LogSettings{nil, {Granularity: Hourly, UTC: true, MaxLine: 64, MaxBuckets: 1 << 12, Filter: func(s int) bool { return s < 400 }}} {
			c, err := ReadCLF(bytes.NewReader(data), s)
			if err != nil && !errors.Is(err, ErrSpanTooLarge) {
				t.Fatal(err)
			}
			if c.Parsed+c.Malformed+c.Blank != c.Lines {
				t.Fatalf("accounting: %+v", c)
			}
			if err == nil {
				var sum int64
				for _, r := range c.Requests {
					sum += r
				}
				if sum != c.Parsed-c.Filtered {
					t.Fatalf("Σ requests %d != %d − %d", sum, c.Parsed, c.Filtered)
				}
				if len(c.Requests) != len(c.Bytes) {
					t.Fatal("lengths")
				}
			}
		}
	})
}

func FuzzParseLine(f *testing.F) {
	f.Add(okLine)
	f.Add(okLine + ` "ref" "agent"`)
	f.Add(`h - - [01/Aug/1995:00:00:01 -0400] "GET /a" 200 x" HTTP/1.0" 404 -`)
	f.Add(`h - - [29/Feb/1996:23:59:60 +1459] "" 599 9223372036854775807`)
	f.Add(`h - - [31/Apr/1995:00:00:01 -0400] "GET /" 200 1`)
	f.Add("h - - [01/Aug/1995:00:00:01 -0400] \"GET /\xff\" 200 -")
	f.Fuzz(func(t *testing.T, line string) {
		if strings.ContainsAny(line, "\n") {
			return
		}
		var rec clfRecord
		l := strings.TrimSuffix(line, "\r")
		got := len(l) <= DefaultMaxLine && parseCLF([]byte(l), &rec)
		if want := oracleValid(line); got != want {
			t.Fatalf("parser %v, regexp oracle %v: %q", got, want, line)
		}
	})
}

func checkEstimate(t *testing.T, x, y []float64, g float64, err error, nw bool) {
	if err != nil {
		if errors.Is(err, ErrNoData) || errors.Is(err, ErrBadValue) || errors.Is(err, ErrBadBandwidth) || errors.Is(err, ErrOverflow) {
			return
		}
		t.Fatalf("unexpected error %v", err)
	}
	if !isFinite(g) {
		t.Fatalf("non-finite result %v", g)
	}
	if nw && (g < slices.Min(y) || g > slices.Max(y)) {
		t.Fatalf("NW %v outside [%v, %v]", g, slices.Min(y), slices.Max(y))
	}
}

func fuzzXY(data []byte) (x, y []float64) {
	v := floatsFrom(data, 64)
	n := len(v) / 2
	return v[:n], v[n : 2*n]
}

func estimatorSeeds(f *testing.F) {
	f.Add(floatBytes(1, 2, 3, 4, 5, 6), 1.0, 2.0)
	f.Add(floatBytes(append(slices.Clone(k1x), k1y...)...), 0.8, 1000.0)
	f.Add(floatBytes(math.NaN(), 1), 1.0, 0.0)
	f.Add(floatBytes(math.Inf(1), 1), 1.0, 0.0)
	f.Add(floatBytes(5e-324, 1e-310, 3, math.MaxFloat64), 5e-324, 1e-300)
	f.Add(floatBytes(-math.MaxFloat64, math.MaxFloat64, math.MaxFloat64, -math.MaxFloat64), 1e-300, 0.0)
	f.Add([]byte{}, 1.0, 0.0)
	f.Add(floatBytes(1, 2), -1.0, 0.0)
}

func FuzzNadarayaWatson(f *testing.F) {
	estimatorSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, h, at float64) {
		x, y := fuzzXY(data)
		g, err := NadarayaWatson(x, y, h, at)
		checkEstimate(t, x, y, g, err, true)
	})
}

func FuzzLocalLinear(f *testing.F) {
	estimatorSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, h, at float64) {
		x, y := fuzzXY(data)
		g, err := LocalLinear(x, y, h, at)
		checkEstimate(t, x, y, g, err, false)
	})
}

func FuzzSelectors(f *testing.F) {
	estimatorSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, lo, hi float64) {
		x, y := fuzzXY(data)
		if len(x) > 16 {
			x, y = x[:16], y[:16]
		}
		for _, local := range []bool{false, true} {
			h, err := CVBandwidth(x, y, lo, hi, local)
			if err == nil && !(h >= lo && h <= hi) {
				t.Fatalf("CV h = %v outside [%v, %v]", h, lo, hi)
			}
		}
		h, err := AICcBandwidth(x, y, lo, hi)
		if err == nil {
			if !(h >= lo && h <= hi) {
				t.Fatalf("AICc h = %v outside [%v, %v]", h, lo, hi)
			}
			if tr, _ := HatTrace(x, h); !(tr < float64(len(x))-2) {
				t.Fatalf("AICc h = %v has tr H = %v", h, tr)
			}
		} else if !errors.Is(err, ErrNoData) && !errors.Is(err, ErrBadValue) && !errors.Is(err, ErrBadRange) && !errors.Is(err, ErrNoValidBandwidth) {
			t.Fatalf("AICc error %v", err)
		}
	})
}

func FuzzForecast(f *testing.F) {
	f.Add(floatBytes(july1to21...), 7, uint16(0), 0.0, 0.0)
	f.Add(floatBytes(july1to21[:3]...), 3, uint16(0xffff), 2.0, 500.0)
	f.Add(floatBytes(0, 0, 0, 0, 0, 0, 0, 0), 2, uint16(0x0f), 0.0, 0.0)
	f.Add(floatBytes(1e300, 1e300, 0, 1e300, 5, 1e300, 1e300, 7), 30, uint16(0x31), 0.0, 1.0)
	f.Add(floatBytes(1, math.NaN()), 7, uint16(0), 0.0, 0.0)
	f.Add([]byte{}, 1, uint16(0), 0.0, 100.0)
	f.Fuzz(func(t *testing.T, data []byte, horizon int, flags uint16, bw, initial float64) {
		history := floatsFrom(data, 40)
		horizon = horizon % 40
		s := PredictorSettings{
			Method:    Method(flags & 1),
			Criterion: Criterion(flags >> 1 & 1),
			Weekday:   flags&4 != 0,
			NoCeil:    flags&8 != 0,
			Bandwidth: bw,
			THLDM:     THLDMSettings{Off: flags&16 != 0},
			IRDM:      IRDMSettings{Off: flags&32 != 0},
			DEDM:      DEDMSettings{Off: flags&64 != 0},
			IRRMM:     IRRMMSettings{Off: flags&128 != 0, Initial: initial},
		}
		if flags&256 != 0 {
			s.Window = 3
		}
		p, err := NewPredictor(&s)
		if err != nil {
			if !errors.Is(err, ErrBadSettings) {
				t.Fatal(err)
			}
			return
		}
		q, err := p.Forecast(history, horizon)
		if err != nil {
			for _, e := range []error{ErrBadHorizon, ErrBadValue, ErrShortHistory, ErrNoHistory, ErrOverflow} {
				if errors.Is(err, e) {
					return
				}
			}
			t.Fatalf("unexpected error %v", err)
		}
		if len(q) != horizon {
			t.Fatalf("len %d", len(q))
		}
		for _, v := range q {
			if !(v >= 0) || !isFinite(v) || (!s.NoCeil && v != math.Trunc(v)) {
				t.Fatalf("bad forecast %v", q)
			}
		}
	})
}

func FuzzReadDailyCSV(f *testing.F) {
	f.Add("date,requests,bytes\n2020-01-01,5,\n2020-01-02,6,\n")
	f.Add("date,requests,bytes\r\n2020-01-01,5,7\r\n")
	f.Add("date,requests,bytes\n2020-01-02,5,\n2020-01-01,5,\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, in string) {
		d, err := ReadDailyCSV(strings.NewReader(in))
		if err != nil {
			var ce *CSVError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is not a *CSVError", err)
			}
			return
		}
		for i := 1; i < len(d.Dates); i++ {
			if !d.Dates[i].After(d.Dates[i-1]) {
				t.Fatal("dates not increasing")
			}
		}
		for _, v := range d.Requests {
			if v < 0 {
				t.Fatal("negative")
			}
		}
		if d.Bytes != nil && len(d.Bytes) != len(d.Requests) {
			t.Fatal("bytes length")
		}
	})
}

func FuzzBinnedNW(f *testing.F) {
	f.Add(floatBytes(1, 2, 3, 4, 5, 6), 1.0, 2.5, 16.0)
	f.Add(floatBytes(append(slices.Clone(k1x), k1y...)...), 0.05, 100.0, 4.0)
	f.Add(floatBytes(0, 0, 1, 2), 1e-3, -7.0, 1.0)
	f.Add(floatBytes(-1e6, 1e6, 3, -3), 0.5, 0.0, 16.0)
	f.Fuzz(func(t *testing.T, data []byte, h, at, over float64) {
		x, y := fuzzXY(data)
		for _, v := range append(slices.Clone(x), y...) {
			if !(math.Abs(v) <= 1e12) {
				return // the bound is checked on data of moderate range
			}
		}
		if !(h >= 1e-6 && h <= 1e9) || !(math.Abs(at) <= 1e13) {
			return
		}
		b, err := NewBinnedNW(x, y, h, &BinSettings{OverSample: over, MaxGrid: 1 << 14})
		if err != nil {
			if errors.Is(err, ErrNoData) || errors.Is(err, ErrBadSettings) {
				return
			}
			t.Fatal(err)
		}
		v, bd := b.At(at)
		ex, err := NadarayaWatson(x, y, h, at)
		if err != nil {
			t.Fatal(err)
		}
		if !(math.Abs(v-ex) <= bd) {
			t.Fatalf("binned %v exact %v bound %v", v, ex, bd)
		}
	})
}
