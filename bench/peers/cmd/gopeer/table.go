package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// result is one parsed .out file.
type result struct {
	nsPerOp float64
	tolRel  float64 // cdnkit files only; 0 means informational
	vals    []float64
	floor   []float64 // cdnkit files only; nil or one per value
}

func readResult(path string) (*result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := &result{nsPerOp: math.NaN()}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" {
			continue
		}
		if k, v, ok := strings.Cut(s, " "); ok && (k == "ns_per_op" || k == "tol_rel") {
			x, err := parseFloat(strings.TrimSpace(v))
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, line, err)
			}
			switch k {
			case "ns_per_op":
				r.nsPerOp = x
			case "tol_rel":
				r.tolRel = x
			default:
				return nil, fmt.Errorf("%s:%d: unknown key %q", path, line, k)
			}
			continue
		}
		v, fl, hasFloor := strings.Cut(s, " ")
		x, err := parseFloat(v)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		r.vals = append(r.vals, x)
		if hasFloor {
			y, err := parseFloat(strings.TrimSpace(fl))
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, line, err)
			}
			r.floor = append(r.floor, y)
		}
	}
	if r.floor != nil && len(r.floor) != len(r.vals) {
		return nil, fmt.Errorf("%s: floors on some values only", path)
	}
	return r, sc.Err()
}

// parseFloat accepts Go, Python, R and C++ spellings of NaN and infinities.
func parseFloat(s string) (float64, error) {
	switch strings.ToLower(s) {
	case "nan", "na", "-nan", "nan(ind)", "-nan(ind)":
		return math.NaN(), nil
	}
	return strconv.ParseFloat(s, 64)
}

// row is one line of the table.
type row struct {
	work, peer             string
	n, skipped, belowFloor int
	peerNs, goNs           float64
	maxAbs, maxRel, tolRel float64
	lengthMismatch         bool
}

func compare(work, peer string, p, c *result) row {
	r := row{work: work, peer: peer, peerNs: p.nsPerOp, goNs: c.nsPerOp, tolRel: c.tolRel}
	if len(p.vals) != len(c.vals) {
		r.lengthMismatch = true
	}
	n := min(len(p.vals), len(c.vals))
	for i := 0; i < n; i++ {
		a, b := p.vals[i], c.vals[i]
		if math.IsNaN(a) || math.IsNaN(b) || math.IsInf(a, 0) || math.IsInf(b, 0) {
			r.skipped++
			continue
		}
		r.n++
		d := math.Abs(a - b)
		r.maxAbs = math.Max(r.maxAbs, d)
		s := math.Max(math.Abs(a), math.Abs(b))
		if c.floor != nil && s < c.floor[i] {
			r.belowFloor++
			continue
		}
		if s > 0 {
			r.maxRel = math.Max(r.maxRel, d/s)
		}
	}
	return r
}

// printTable prints every (work, peer) pair found under resDir, works in the
// order of resDir/works.txt, peers by name.
func printTable(w io.Writer, resDir string) error {
	order, err := os.ReadFile(filepath.Join(resDir, "works.txt"))
	if err != nil {
		return err
	}
	var rows []row
	seen := map[string]bool{}
	for _, work := range strings.Fields(string(order)) {
		if seen[work] {
			continue
		}
		seen[work] = true
		wd := filepath.Join(resDir, filepath.FromSlash(work))
		c, err := readResult(filepath.Join(wd, "cdnkit.out"))
		if err != nil {
			return err
		}
		files, err := filepath.Glob(filepath.Join(wd, "*.out"))
		if err != nil {
			return err
		}
		var peers []string
		for _, f := range files {
			if peer := strings.TrimSuffix(filepath.Base(f), ".out"); peer != "cdnkit" {
				peers = append(peers, peer)
			}
		}
		sort.Strings(peers)
		for _, peer := range peers {
			p, err := readResult(filepath.Join(wd, peer+".out"))
			if err != nil {
				return err
			}
			rows = append(rows, compare(work, peer, p, c))
		}
	}
	fmt.Fprintln(w, "| work | peer | n | peer ns/op | cdnkit ns/op | ratio (peer/cdnkit) | max abs diff | max rel diff | tol (rel) | agree |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
	for _, r := range rows {
		n := strconv.Itoa(r.n)
		if r.belowFloor > 0 {
			n += fmt.Sprintf(" (%d below floor)", r.belowFloor)
		}
		if r.skipped > 0 {
			n += fmt.Sprintf(" (+%d n/a)", r.skipped)
		}
		agree := "info"
		tol := "—"
		if r.tolRel > 0 {
			tol = fmt.Sprintf("%.0e", r.tolRel)
			agree = "yes"
			if r.maxRel > r.tolRel {
				agree = "NO"
			}
		}
		if r.lengthMismatch {
			agree = "LENGTH MISMATCH"
		}
		if r.n == 0 {
			agree = "no data"
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %.3g | %.3g | %s | %s |\n",
			r.work, r.peer, n, fmtNs(r.peerNs), fmtNs(r.goNs), fmtRatio(r.peerNs/r.goNs),
			r.maxAbs, r.maxRel, tol, agree)
	}
	return nil
}

func fmtNs(v float64) string {
	switch {
	case math.IsNaN(v):
		return "—"
	case v >= 1e9:
		return fmt.Sprintf("%.3g s", v/1e9)
	case v >= 1e6:
		return fmt.Sprintf("%.3g ms", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.3g µs", v/1e3)
	}
	return fmt.Sprintf("%.3g ns", v)
}

func fmtRatio(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	return fmt.Sprintf("%.3g×", v)
}
