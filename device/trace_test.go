package device

import (
	"bytes"
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cdnkit/cdnkit/internal/testdata"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestParseTrace2ColErrors(t *testing.T) {
	for name, in := range map[string]string{
		"one line":   "0 1\n",
		"empty":      "",
		"nan":        "0 1\n1 NaN\n",
		"inf":        "0 1\n1 Inf\n",
		"hex":        "0 1\n0x1p1 2\n",
		"negative":   "0 1\n1 -2\n",
		"decreasing": "0 1\n2 2\n1 3\n",
		"fields":     "0 1\n1 2 3\n",
		"zero span":  "1 1\n1 2\n",
		"long line":  "0 1\n1 " + strings.Repeat("1", 5000) + "\n",
		"word":       "0 1\n1 abc\n",
	} {
		_, err := ParseTrace2Col(strings.NewReader(in), name)
		var pe *ParseError
		if !errors.Is(err, ErrBadTrace) || !errors.As(err, &pe) {
			t.Errorf("%s: err %v, want a *ParseError wrapping ErrBadTrace", name, err)
		}
	}
	// Comments, blank lines, tabs, zero-length intervals and a non-zero first time.
	tr, err := ParseTrace2Col(strings.NewReader("# c\n\n10\t5\n11 2\n11 9\n13\t4\n"), "ok")
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(&Trace{Name: "ok", Starts: []float64{0, 1}, Mbps: []float64{2, 4}, Period: 3, Loop: true}, tr,
		cmpopts.IgnoreUnexported(Trace{})); d != "" {
		t.Errorf("parsed trace: %s", d)
	}
	var pe *ParseError
	_, err = ParseTrace2Col(strings.NewReader("0 1\n1 2\n2 -1\n"), "neg")
	if !errors.As(err, &pe) || pe.Line != 3 {
		t.Errorf("negative capacity: %v, want line 3", err)
	}
}

func TestParseTraceJSONErrors(t *testing.T) {
	for name, in := range map[string]string{
		"not json": "[{",
		"missing":  `[{"duration_ms":1000,"bandwidth_kbps":1}]`,
		"negative": `[{"duration_ms":1000,"bandwidth_kbps":-1,"latency_ms":1}]`,
		"empty":    `[]`,
		"zero":     `[{"duration_ms":0,"bandwidth_kbps":1,"latency_ms":1}]`,
		"object":   `{}`,
	} {
		if _, err := ParseTraceJSON(strings.NewReader(in), name); !errors.Is(err, ErrBadTrace) {
			t.Errorf("%s: err %v, want ErrBadTrace", name, err)
		}
	}
	tr, err := ParseTraceJSON(strings.NewReader(`[{"duration_ms":500,"bandwidth_kbps":800,"latency_ms":40,"x":1},{"duration_ms":0,"bandwidth_kbps":1,"latency_ms":1}]`), "ok")
	if err != nil {
		t.Fatal(err)
	}
	if tr.Period != 0.5 || tr.Mbps[0] != 0.8 || len(tr.Mbps) != 1 {
		t.Errorf("parsed %+v", tr)
	}
}

func TestLoadTraceDir(t *testing.T) {
	fsys := fstest.MapFS{
		"tr/b/one":      {Data: []byte("0 1\n1 2\n2 3\n")},
		"tr/a.json":     {Data: []byte(`  [{"duration_ms":1000,"bandwidth_kbps":2000,"latency_ms":1}]`)},
		"tr/README.md":  {Data: []byte("# not a trace")},
		"tr/LICENSE":    {Data: []byte("no")},
		"tr/.hidden":    {Data: []byte("no")},
		"tr/.git/x":     {Data: []byte("no")},
		"tr/notes.md":   {Data: []byte("no")},
		"tr/c/two.log":  {Data: []byte("0 1\n5 0\n")},
		"other/ignored": {Data: []byte("0 1\n1 2\n")},
	}
	trs, err := LoadTraceDir(fsys, "tr")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tr := range trs {
		names = append(names, tr.Name)
	}
	if d := cmp.Diff([]string{"a.json", "b/one", "c/two.log"}, names); d != "" {
		t.Errorf("names: %s", d)
	}
	if trs[0].Mean() != 2 || trs[1].Mean() != 2.5 || trs[2].Mean() != 0 {
		t.Errorf("means %g %g %g", trs[0].Mean(), trs[1].Mean(), trs[2].Mean())
	}
	fsys["tr/bad"] = &fstest.MapFile{Data: []byte("0 1\n")}
	if _, err := LoadTraceDir(fsys, "tr"); !errors.Is(err, ErrBadTrace) {
		t.Errorf("bad file: %v", err)
	}
	if _, err := LoadTraceDir(fstest.MapFS{"e/README": {}}, "e"); !errors.Is(err, ErrNoTraces) {
		t.Errorf("empty dir: %v", err)
	}
	// Generated files on disk, loaded through os.DirFS.
	dir := t.TempDir()
	pool := SyntheticPool(3, rand.NewPCG(1, 2))
	for k, tr := range pool {
		var b bytes.Buffer
		var err error
		if k%2 == 0 {
			err = WriteTrace2Col(&b, tr)
		} else {
			err = WriteTraceJSON(&b, tr)
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, tr.Name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := LoadTraceDir(os.DirFS(dir), ".")
	if err != nil {
		t.Fatal(err)
	}
	for k, tr := range got {
		if tr.Name != pool[k].Name || !relClose(tr.Mean(), pool[k].Mean(), 1e-12) || len(tr.Mbps) != len(pool[k].Mbps) {
			t.Errorf("file %d: %s mean %g, want %s mean %g", k, tr.Name, tr.Mean(), pool[k].Name, pool[k].Mean())
		}
	}
}

func TestSyntheticGenerators(t *testing.T) {
	pool := SyntheticPool(50, rand.NewPCG(3, 4))
	for _, tr := range pool {
		if err := tr.Validate(); err != nil {
			t.Fatal(err)
		}
		if m := tr.Mean(); m < 0.3*0.4 || m > 6*2.5 || tr.Period != 600 || len(tr.Mbps) != 600 {
			t.Errorf("%s: mean %g period %g pieces %d", tr.Name, m, tr.Period, len(tr.Mbps))
		}
	}
	// The log-normal process has the requested mean (law of large numbers, loose bound).
	tr, err := LogNormalTrace(2, 0.5, 1, 200000, rand.NewPCG(5, 6))
	if err != nil {
		t.Fatal(err)
	}
	if m := tr.Mean(); math.Abs(m-2) > 0.05 {
		t.Errorf("lognormal mean %g, want ≈ 2", m)
	}
	mk, err := MarkovTrace([]float64{1, 3}, 10, 100000, rand.NewPCG(7, 8))
	if err != nil {
		t.Fatal(err)
	}
	if m := mk.Mean(); math.Abs(m-2) > 0.1 {
		t.Errorf("markov mean %g, want ≈ 2", m)
	}
	for k := 1; k < len(mk.Mbps); k++ {
		if mk.Mbps[k] == mk.Mbps[k-1] {
			t.Fatalf("markov piece %d repeats its level", k)
		}
	}
	ot, err := OutageTrace(3.5, 100, [][2]float64{{50, 100}, {10, 20}})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]float64{0, 10, 20, 50}, ot.Starts); d != "" || ot.Mean() != 3.5*0.4 {
		t.Errorf("outage trace %v mean %g: %s", ot.Starts, ot.Mean(), d)
	}
	b := DefaultBuckets()
	if b[0].String() != "<0.7" || b[1].String() != "0.7-1.4" || b[3].String() != ">2.8" || !b[1].Contains(0.7) || b[0].Contains(0.7) {
		t.Errorf("buckets %v", b)
	}
	total := 0
	for _, bk := range b {
		total += len(InBucket(pool, bk))
	}
	if total != len(pool) {
		t.Errorf("buckets hold %d of %d traces", total, len(pool))
	}
}

func TestIntegralFarOut(t *testing.T) {
	tr := SyntheticPool(1, rand.NewPCG(1, 2))[0]
	per := tr.Integral(0, tr.Period)
	for _, t0 := range []float64{1e6, 1e8, 1e9} {
		got := tr.Integral(t0, t0+tr.Period)
		if !relClose(got, per, 1e-9) {
			t.Errorf("Integral over one period at %g = %g, want %g", t0, got, per)
		}
		if m := 3.7 * per; !relClose(tr.Integral(t0, tr.TimeToDownload(t0, m)), m, 1e-9) {
			t.Errorf("TimeToDownload inverse at %g", t0)
		}
	}
}

// Real data (spec §7): every file parses, Period > 0, 0 ≤ Mean < 1000; the first 20 traces by
// name satisfy the simulator identities under both baselines.
func TestRealTraces(t *testing.T) {
	dir := testdata.Require(t, "throughput")
	trs, err := LoadTraceDir(os.DirFS(dir), ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(trs) < 100 {
		t.Errorf("only %d traces", len(trs))
	}
	counts := make([]int, len(DefaultBuckets()))
	for _, tr := range trs {
		if !(tr.Period > 0) || !(tr.Mean() >= 0 && tr.Mean() < 1000) {
			t.Errorf("%s: period %g mean %g", tr.Name, tr.Period, tr.Mean())
		}
		for k, b := range DefaultBuckets() {
			if b.Contains(tr.Mean()) {
				counts[k]++
			}
		}
	}
	t.Logf("%d traces; bucket counts %v", len(trs), counts)
	for _, tr := range trs[:min(20, len(trs))] {
		sc, err := NewSingleUserScenario(tr, 0, SingleConfig{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []Policy{&BufferBased{Owner: DefaultOwnerRule()}, &ChannelPrediction{Owner: DefaultOwnerRule()}} {
			res, err := Simulate(context.Background(), sc, p, &SimSettings{Record: true})
			if err != nil {
				t.Fatal(err)
			}
			checkRun(t, sc, res)
		}
	}
}
