package device

import (
	"bytes"
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update regenerates the golden files of package device under testdata/golden.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, head(got, 60), head(string(want), 60))
	}
}

func head(s string, n int) string {
	l := strings.SplitAfter(s, "\n")
	return strings.Join(l[:min(n, len(l))], "")
}

func TestGoldenPaperScenarios(t *testing.T) {
	pool := SyntheticPool(20, rand.NewPCG(1, 2))
	var b strings.Builder
	for _, coop := range []Cooperation{CoopFull, CoopISFLike, CoopNWFLike, CoopNone} {
		sc, err := NewPaperScenario(PaperConfig{Users: 10, Traces: pool, Coop: coop}, rand.NewPCG(1, 2))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%v video=%v\n", coop, sc.VideoUsers())
		for i, u := range sc.Users {
			stays := 0
			if sc.Mobility.Users() > 0 {
				stays = len(sc.Mobility.Stays(i))
			}
			fmt.Fprintf(&b, "  %d %s off=%.6g theta=%.6g stays=%d\n", i, u.Trace.Name, u.Trace.Offset, u.Theta, stays)
		}
	}
	golden(t, "paper_scenarios.txt", b.String())
}

func TestGoldenSyntheticPool(t *testing.T) {
	var b strings.Builder
	for _, tr := range SyntheticPool(5, rand.NewPCG(1, 2)) {
		fmt.Fprintf(&b, "%s mean=%.6g:", tr.Name, tr.Mean())
		for k := range 10 {
			fmt.Fprintf(&b, " %.6g@%.6g", tr.Mbps[k], tr.Starts[k])
		}
		b.WriteByte('\n')
	}
	golden(t, "synthetic_pool.txt", b.String())
}

func TestGoldenSimulateMany(t *testing.T) {
	pool := SyntheticPool(20, rand.NewPCG(1, 2))
	var jobs []Job
	var names []string
	for seed := uint64(1); seed <= 3; seed++ {
		sc, err := NewPaperScenario(PaperConfig{Users: 10, Segments: 60, Traces: pool, Coop: CoopISFLike}, rand.NewPCG(seed, 2))
		if err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs,
			Job{Scenario: sc, NewPolicy: func() Policy { return &BufferBased{Owner: DefaultOwnerRule()} }},
			Job{Scenario: sc, NewPolicy: func() Policy { return &ChannelPrediction{Owner: DefaultOwnerRule()} }})
		names = append(names, fmt.Sprintf("seed%d bba", seed), fmt.Sprintf("seed%d harmonic", seed))
	}
	res, err := SimulateMany(context.Background(), jobs, 2)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for k, r := range res {
		fmt.Fprintf(&b, "%s welfare=%.6g bitrate=%.6g stall=%.6g\n", names[k], r.Welfare, r.AvgBitrate, r.Stall)
	}
	golden(t, "simulate_many.txt", b.String())
}

func eventLog(res *SimResult) string {
	var b bytes.Buffer
	for _, r := range res.Downloads {
		fmt.Fprintf(&b, "%d %d %d %d %.6g %.6g %.6g %t\n", r.Downloader, r.Owner, r.Segment, r.Level, r.Start, r.End, r.Delivered, r.Aborted)
	}
	return b.String()
}

// TestGoldenEventLog checks that the same seed gives the same event log: two runs, SimulateMany
// with 1, 2 and 7 workers, and the golden hash.
func TestGoldenEventLog(t *testing.T) {
	pool := SyntheticPool(20, rand.NewPCG(1, 2))
	for _, coop := range []Cooperation{CoopFull, CoopISFLike} {
		sc, err := NewPaperScenario(PaperConfig{Users: 8, Segments: 40, Traces: pool, Coop: coop}, rand.NewPCG(1, 2))
		if err != nil {
			t.Fatal(err)
		}
		set := &SimSettings{Record: true}
		mk := func() Policy { return &BufferBased{Owner: DefaultOwnerRule()} }
		res, err := Simulate(context.Background(), sc, mk(), set)
		if err != nil {
			t.Fatal(err)
		}
		checkRun(t, sc, res)
		log := eventLog(res)
		again, err := Simulate(context.Background(), sc, mk(), set)
		if err != nil {
			t.Fatal(err)
		}
		if eventLog(again) != log {
			t.Errorf("%v: two runs give different event logs", coop)
		}
		for _, w := range []int{1, 2, 7} {
			rs, err := SimulateMany(context.Background(), []Job{{sc, mk, set}, {sc, mk, set}, {sc, mk, set}}, w)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rs {
				if eventLog(r) != log {
					t.Errorf("%v: SimulateMany with %d workers gives a different event log", coop, w)
				}
			}
		}
		sum := sha256.Sum256([]byte(log))
		golden(t, fmt.Sprintf("eventlog_%v.txt", coop), fmt.Sprintf("sha256 %x\n%s", sum, head(log, 50)))
	}
}
