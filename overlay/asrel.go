package overlay

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ASGraph is an AS-level graph read by ReadASRel or ReadEdgeList.
type ASGraph struct {
	Graph Graph    // unit costs, nodes in order of first appearance
	ASN   []uint32 // AS number (or edge-list id) of node i
	Rel   []int8   // per edge: −1 provider→customer (Edges[k].U is the provider), 0 peer
	// Duplicates and SelfLoops count dropped lines.
	Duplicates, SelfLoops int
}

type asBuilder struct {
	g     ASGraph
	index map[uint32]int
	seen  map[[2]int]bool
}

func newASBuilder() *asBuilder {
	return &asBuilder{index: map[uint32]int{}, seen: map[[2]int]bool{}}
}

func (b *asBuilder) node(a uint32) int {
	if i, ok := b.index[a]; ok {
		return i
	}
	i := len(b.g.ASN)
	b.index[a] = i
	b.g.ASN = append(b.g.ASN, a)
	return i
}

func (b *asBuilder) add(a1, a2 uint32, rel int8) {
	if a1 == a2 {
		b.g.SelfLoops++
		return
	}
	u, v := b.node(a1), b.node(a2)
	key := [2]int{min(u, v), max(u, v)}
	if b.seen[key] {
		b.g.Duplicates++
		return
	}
	b.seen[key] = true
	b.g.Graph.Edges = append(b.g.Graph.Edges, Edge{u, v, 1})
	b.g.Rel = append(b.g.Rel, rel)
}

func (b *asBuilder) finish(format string, line int) (*ASGraph, error) {
	b.g.Graph.N = len(b.g.ASN)
	if b.g.Graph.N == 0 {
		return nil, &ParseError{Format: format, Line: line, Msg: "no edges"}
	}
	return &b.g, nil
}

func parseASN(s string) (uint32, bool) {
	x, err := strconv.ParseUint(s, 10, 32)
	return uint32(x), err == nil
}

func scanLines(r io.Reader, format string, fn func(line int, text string) error) (int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if err := fn(line, t); err != nil {
			return line, err
		}
	}
	if err := sc.Err(); err != nil {
		return line, &ParseError{Format: format, Line: line + 1, Msg: err.Error()}
	}
	return line, nil
}

// ReadASRel reads a CAIDA AS-relationships file (serial-1 "AS1|AS2|rel" or
// serial-2 "AS1|AS2|rel|source"; Reconstruction of the loader rules, spec
// §2.9): '#' lines are comments; rel −1 means AS1 is the provider of AS2 and
// 0 peers, anything else is a *ParseError; AS numbers are decimal uint32.
// The same unordered pair twice keeps the first; self pairs are dropped
// (both counted). Costs are 1. It panics on a nil reader. O(size).
//
// Data: The CAIDA AS Relationships Dataset,
// https://publicdata.caida.org/datasets/as-relationships/ (CAIDA Acceptable
// Use Agreement; not redistributed with this module).
func ReadASRel(r io.Reader) (*ASGraph, error) {
	if r == nil {
		panic("overlay: nil reader")
	}
	b := newASBuilder()
	line, err := scanLines(r, "as-rel", func(line int, t string) error {
		f := strings.Split(t, "|")
		if len(f) != 3 && len(f) != 4 {
			return &ParseError{Format: "as-rel", Line: line, Msg: fmt.Sprintf("want 3 or 4 '|' fields, got %d", len(f))}
		}
		a1, ok1 := parseASN(f[0])
		a2, ok2 := parseASN(f[1])
		if !ok1 || !ok2 {
			return &ParseError{Format: "as-rel", Line: line, Msg: fmt.Sprintf("bad AS number in %q", t)}
		}
		var rel int8
		switch f[2] {
		case "-1":
			rel = -1
		case "0":
		default:
			return &ParseError{Format: "as-rel", Line: line, Msg: fmt.Sprintf("relationship %q not -1 or 0", f[2])}
		}
		b.add(a1, a2, rel)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return b.finish("as-rel", line)
}

// ReadEdgeList reads a whitespace-separated edge list of decimal ids (SNAP
// style, e.g. as-733), '#' lines being comments; duplicates and self-loops
// are dropped and counted; Rel is all 0 and costs are 1. Errors are
// *ParseError with the line. It panics on a nil reader. O(size).
func ReadEdgeList(r io.Reader) (*ASGraph, error) {
	if r == nil {
		panic("overlay: nil reader")
	}
	b := newASBuilder()
	line, err := scanLines(r, "edgelist", func(line int, t string) error {
		f := strings.Fields(t)
		if len(f) != 2 {
			return &ParseError{Format: "edgelist", Line: line, Msg: fmt.Sprintf("want 2 fields, got %d", len(f))}
		}
		a1, ok1 := parseASN(f[0])
		a2, ok2 := parseASN(f[1])
		if !ok1 || !ok2 {
			return &ParseError{Format: "edgelist", Line: line, Msg: fmt.Sprintf("bad id in %q", t)}
		}
		b.add(a1, a2, 0)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return b.finish("edgelist", line)
}
