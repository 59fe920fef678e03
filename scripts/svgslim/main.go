// Command svgslim shrinks the SVG files that gonum.org/v1/plot writes, in
// place, without changing what they draw: path coordinates are rounded to a
// tenth of a point, and every inline style attribute used at least ten times
// becomes a CSS class defined once. scripts/figures runs it on docs/figures so
// that scatter plots with thousands of glyphs stay well under a megabyte.
//
// Usage:
//
//	go run ./scripts/svgslim FILE.svg...
package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: svgslim FILE.svg...")
		os.Exit(2)
	}
	for _, f := range os.Args[1:] {
		before, after, err := slimFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, "svgslim:", err)
			os.Exit(1)
		}
		fmt.Printf("%s: %d → %d bytes\n", f, before, after)
	}
}

func slimFile(path string) (before, after int, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, err
	}
	out, err := slim(b)
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %w", path, err)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		return 0, 0, err
	}
	return len(b), len(out), nil
}

var (
	pathData  = regexp.MustCompile(` d="[^"]*"`)
	decimal   = regexp.MustCompile(`-?\d+\.\d+`)
	styleAttr = regexp.MustCompile(` style="([^"]*)"`)
	svgOpen   = regexp.MustCompile(`<svg[^>]*>`)
)

// minUses is how often a style must occur to become a class.
const minUses = 10

var errNotSVG = errors.New("no <svg> element")

// slim returns the shrunk SVG. It is idempotent.
func slim(b []byte) ([]byte, error) {
	open := svgOpen.FindIndex(b)
	if open == nil {
		return nil, errNotSVG
	}
	b = pathData.ReplaceAllFunc(b, func(d []byte) []byte {
		return decimal.ReplaceAllFunc(d, func(x []byte) []byte {
			v, err := strconv.ParseFloat(string(x), 64)
			if err != nil {
				return x
			}
			s := strconv.FormatFloat(v, 'f', 1, 64)
			if s == "-0.0" {
				s = "0.0"
			}
			return []byte(s)
		})
	})
	count := map[string]int{}
	for _, m := range styleAttr.FindAllSubmatch(b, -1) {
		count[string(m[1])]++
	}
	var styles []string
	for s, n := range count {
		if n >= minUses {
			styles = append(styles, s)
		}
	}
	if len(styles) == 0 {
		return b, nil
	}
	sort.Strings(styles)
	class := map[string]string{}
	var css bytes.Buffer
	css.WriteString("\n<style>")
	for i, s := range styles {
		name := fmt.Sprintf("z%d", i)
		class[s] = name
		fmt.Fprintf(&css, ".%s{%s}", name, s)
	}
	css.WriteString("</style>\n")
	b = styleAttr.ReplaceAllFunc(b, func(m []byte) []byte {
		s := styleAttr.FindSubmatch(m)[1]
		if name, ok := class[string(s)]; ok {
			return []byte(` class="` + name + `"`)
		}
		return m
	})
	open = svgOpen.FindIndex(b)
	var out bytes.Buffer
	out.Write(b[:open[1]])
	out.Write(css.Bytes())
	out.Write(b[open[1]:])
	return out.Bytes(), nil
}
