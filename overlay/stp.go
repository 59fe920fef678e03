package overlay

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// STP is a SteinLib instance.
type STP struct {
	Name      string
	Graph     Graph     // 0-based
	Terminals []int     // 0-based, file order
	Prizes    []float64 // from "TP v p" lines, indexed by node; nil if none
	Root      int       // "Root v" in the Terminals section, 0-based; −1 if none
}

const (
	stpMaxLine  = 64 << 10
	stpMaxNodes = 10_000_000
)

// ReadSTP reads a SteinLib STP file (format: http://steinlib.zib.de/format.php;
// Reconstruction where the format is silent, spec §2.9). Keywords are
// case-insensitive; the first non-blank line must start with the magic
// 33D32945. Sections Comment (Name kept), Graph (Nodes, Edges, E u v w) and
// Terminals (Terminals, T v, TP v p, Root v) are read; other sections are
// skipped and unknown keywords inside known sections ignored. Arcs ("A")
// are rejected (directed instances unsupported). Node ids are 1-based in
// [1, n]; weights and prizes must be finite and ≥ 0; the counts must match;
// a missing EOF is accepted at end of input; lines are at most 64 KiB and
// n ≤ 10⁷. Errors are *ParseError with the line number. It panics on a nil
// reader. O(size).
//
// Reference: T. Koch, A. Martin, S. Voß, "SteinLib: An Updated Library on
// Steiner Tree Problems in Graphs", ZIB-Report 00-37, 2000.
func ReadSTP(r io.Reader) (*STP, error) {
	if r == nil {
		panic("overlay: nil reader")
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), stpMaxLine)
	st := &STP{Root: -1}
	line := 0
	perr := func(msg string, args ...any) error {
		return &ParseError{Format: "stp", Line: line, Msg: fmt.Sprintf(msg, args...)}
	}
	magic := false
	section := ""
	nodes, edges, terms := -1, -1, -1
	nT := 0
	node := func(s string) (int, error) {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 || nodes < 0 || v > nodes {
			return 0, perr("node id %q not in [1, %d]", s, nodes)
		}
		return v - 1, nil
	}
	num := func(s, what string) (float64, error) {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
			return 0, perr("%s %q is not a finite number ≥ 0", what, s)
		}
		return x, nil
	}
	count := func(f []string, what string) (int, error) {
		if len(f) < 2 {
			return 0, perr("%s without a count", what)
		}
		v, err := strconv.Atoi(f[1])
		if err != nil || v < 0 || v > stpMaxNodes*10 {
			return 0, perr("bad %s count %q", what, f[1])
		}
		return v, nil
	}
	sawEOF := false
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		kw := strings.ToLower(f[0])
		if !magic {
			if !strings.HasPrefix(kw, "33d32945") {
				return nil, perr("missing magic 33D32945")
			}
			magic = true
			continue
		}
		if kw == "eof" {
			sawEOF = true
			break
		}
		if section == "" {
			if kw != "section" || len(f) < 2 {
				return nil, perr("expected SECTION, got %q", f[0])
			}
			section = strings.ToLower(f[1])
			continue
		}
		if kw == "end" {
			section = ""
			continue
		}
		switch section {
		case "comment":
			if kw == "name" {
				st.Name = strings.Trim(strings.TrimSpace(strings.Join(f[1:], " ")), `"`)
			}
		case "graph":
			switch kw {
			case "nodes":
				v, err := count(f, "Nodes")
				if err != nil {
					return nil, err
				}
				if v > stpMaxNodes || v < 1 {
					return nil, perr("Nodes %d not in [1, %d]", v, stpMaxNodes)
				}
				nodes = v
				st.Graph.N = v
			case "edges":
				v, err := count(f, "Edges")
				if err != nil {
					return nil, err
				}
				edges = v
			case "e":
				if len(f) < 4 {
					return nil, perr("E line needs u v w")
				}
				u, err := node(f[1])
				if err != nil {
					return nil, err
				}
				v, err := node(f[2])
				if err != nil {
					return nil, err
				}
				w, err := num(f[3], "weight")
				if err != nil {
					return nil, err
				}
				st.Graph.Edges = append(st.Graph.Edges, Edge{u, v, w})
			case "a", "arcs":
				return nil, perr("directed instances unsupported")
			}
		case "terminals":
			switch kw {
			case "terminals":
				v, err := count(f, "Terminals")
				if err != nil {
					return nil, err
				}
				terms = v
			case "t", "tp":
				if len(f) < 2 || (kw == "tp" && len(f) < 3) {
					return nil, perr("%s line too short", f[0])
				}
				v, err := node(f[1])
				if err != nil {
					return nil, err
				}
				st.Terminals = append(st.Terminals, v)
				nT++
				if kw == "tp" {
					p, err := num(f[2], "prize")
					if err != nil {
						return nil, err
					}
					if st.Prizes == nil {
						st.Prizes = make([]float64, nodes)
					}
					st.Prizes[v] = p
				}
			case "root":
				if len(f) < 2 {
					return nil, perr("Root without a node")
				}
				v, err := node(f[1])
				if err != nil {
					return nil, err
				}
				st.Root = v
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, &ParseError{Format: "stp", Line: line + 1, Msg: err.Error()}
	}
	if !magic {
		return nil, perr("empty input")
	}
	_ = sawEOF // a missing EOF is accepted at end of input
	if nodes < 0 {
		return nil, perr("no Nodes line")
	}
	if edges >= 0 && edges != len(st.Graph.Edges) {
		return nil, perr("Edges %d but %d E lines", edges, len(st.Graph.Edges))
	}
	if terms >= 0 && terms != nT {
		return nil, perr("Terminals %d but %d terminal lines", terms, nT)
	}
	return st, nil
}
