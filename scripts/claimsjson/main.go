// Command claimsjson builds docs/figures/claims.json from the figures the
// example programs write with -claims, and renders REPRODUCTION.md from it, so
// that no number of the reproduction report is typed by hand.
//
// Usage (scripts/figures runs both):
//
//	go run ./scripts/claimsjson merge -manifest FILE [-tests FILE] [-wall SECONDS] -o docs/figures/claims.json
//	go run ./scripts/claimsjson render -claims docs/figures/claims.json -o REPRODUCTION.md
//	go run ./scripts/claimsjson tests
//	go run ./scripts/claimsjson keys
//
// The manifest is a tab-separated file with one line per program:
//
//	name  status  wall_s  command  claims_file  svgs  note
//
// where status is ok, pending or failed, svgs a comma-separated list of the
// SVG files the program wrote and note the reason for a status other than ok.
// -tests is the output of go test -json for the package tests that some
// claims cite. render fills each claim's row from the JSON: a number where the
// program measured it, "n/a" where it did not, "pending" where the program or
// its -claims flag does not exist yet. tests prints, one line per package, the
// package and a -run pattern of the tests the report cites; keys prints, per
// program, the figure keys the report quotes. reproduction_test.go at the repository
// root checks that every number in the report equals the JSON.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "claimsjson:", err)
		os.Exit(1)
	}
}

// Claims is the content of docs/figures/claims.json.
type Claims struct {
	GeneratedBy string              `json:"generated_by"`
	Go          string              `json:"go"`
	Platform    string              `json:"platform"`
	Machine     string              `json:"machine"`
	Run         map[string]float64  `json:"run"`
	Examples    map[string]*Example `json:"examples"`
	// Tests maps a package path relative to the module (e.g. "game") to
	// test name to "pass", "fail" or "skip".
	Tests map[string]map[string]string `json:"tests"`
}

// Example is one program's entry in claims.json.
type Example struct {
	Status  string             `json:"status"` // ok, pending or failed
	Command string             `json:"command,omitempty"`
	Note    string             `json:"note,omitempty"`
	WallS   float64            `json:"wall_s,omitempty"`
	SVG     []string           `json:"svg,omitempty"`
	Figures map[string]float64 `json:"figures,omitempty"`
}

var errUsage = errors.New("usage: claimsjson merge|render|tests|keys [flags]")

func run(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errUsage
	}
	switch args[0] {
	case "merge":
		fs := flag.NewFlagSet("merge", flag.ContinueOnError)
		manifest := fs.String("manifest", "", "tab-separated manifest written by scripts/figures")
		tests := fs.String("tests", "", "go test -json output of the cited package tests")
		wall := fs.Float64("wall", 0, "wall time of the whole script run, seconds")
		out := fs.String("o", "docs/figures/claims.json", "output file")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if *manifest == "" {
			return errors.New("merge: -manifest is required")
		}
		c, err := merge(*manifest, *tests, *wall)
		if err != nil {
			return err
		}
		b, err := json.MarshalIndent(c, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(*out, append(b, '\n'), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s (%d programs)\n", *out, len(c.Examples))
		return nil
	case "tests":
		testList(stdout)
		return nil
	case "keys":
		return keyList(stdout)
	case "render":
		fs := flag.NewFlagSet("render", flag.ContinueOnError)
		in := fs.String("claims", "docs/figures/claims.json", "claims.json to render")
		out := fs.String("o", "REPRODUCTION.md", "output file")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		b, err := os.ReadFile(*in)
		if err != nil {
			return err
		}
		var c Claims
		if err := json.Unmarshal(b, &c); err != nil {
			return fmt.Errorf("%s: %w", *in, err)
		}
		var buf bytes.Buffer
		if err := render(&buf, &c); err != nil {
			return err
		}
		if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\n", *out)
		return nil
	}
	return errUsage
}

// merge reads the manifest, each ok program's -claims file and the test
// results into one Claims.
func merge(manifest, tests string, wall float64) (*Claims, error) {
	f, err := os.Open(manifest)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	c := &Claims{
		GeneratedBy: "scripts/figures",
		Go:          runtime.Version(),
		Platform:    runtime.GOOS + "/" + runtime.GOARCH,
		Machine:     "2-core shared dev box, contended",
		Run:         map[string]float64{"wall_s": wall, "cpus": float64(runtime.NumCPU())},
		Examples:    map[string]*Example{},
		Tests:       map[string]map[string]string{},
	}
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 7 {
			return nil, fmt.Errorf("%s:%d: %d fields, want 7", manifest, line, len(fields))
		}
		name, status := fields[0], fields[1]
		e := &Example{Status: status, Command: fields[3], Note: fields[6]}
		if fields[5] != "" {
			e.SVG = strings.Split(fields[5], ",")
		}
		switch status {
		case "ok":
			w, err := strconv.ParseFloat(fields[2], 64)
			if err != nil || w < 0 || math.IsInf(w, 0) {
				return nil, fmt.Errorf("%s:%d: bad wall time %q", manifest, line, fields[2])
			}
			e.WallS = w
			b, err := os.ReadFile(fields[4])
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", manifest, line, err)
			}
			if err := json.Unmarshal(b, &e.Figures); err != nil {
				return nil, fmt.Errorf("%s: %w", fields[4], err)
			}
		case "pending", "failed":
			if e.Note == "" {
				return nil, fmt.Errorf("%s:%d: status %s needs a note", manifest, line, status)
			}
		default:
			return nil, fmt.Errorf("%s:%d: unknown status %q", manifest, line, status)
		}
		if _, dup := c.Examples[name]; dup {
			return nil, fmt.Errorf("%s:%d: program %s listed twice", manifest, line, name)
		}
		c.Examples[name] = e
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if tests != "" {
		if err := readTests(tests, c.Tests); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// testEvent is one line of go test -json.
type testEvent struct {
	Action  string
	Package string
	Test    string
}

const module = "github.com/cdnkit/cdnkit/"

// readTests records the final action (pass, fail, skip) of every top-level
// test in the go test -json output at path.
func readTests(path string, into map[string]map[string]string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	for k, l := range bytes.Split(b, []byte("\n")) {
		l = bytes.TrimSpace(l)
		if len(l) == 0 || l[0] != '{' {
			continue
		}
		var ev testEvent
		if err := json.Unmarshal(l, &ev); err != nil {
			return fmt.Errorf("%s:%d: %w", path, k+1, err)
		}
		if ev.Test == "" || strings.Contains(ev.Test, "/") {
			continue
		}
		switch ev.Action {
		case "pass", "fail", "skip":
		default:
			continue
		}
		pkg := strings.TrimPrefix(ev.Package, module)
		if into[pkg] == nil {
			into[pkg] = map[string]string{}
		}
		into[pkg][ev.Test] = ev.Action
	}
	return nil
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
