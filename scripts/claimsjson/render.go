package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// row is one claim of REPRODUCTION.md. The figure cell is fig with every
// placeholder {key} or {key|fmt} replaced by the number ex wrote under key
// (fmt: "d" for an integer, ".Nf" for N decimals, empty for four significant
// digits) or by "n/a" when ex did not write it; then, for each test named in
// tests ("pkg:TestName"), its result. fig's own text holds no digit, so every
// digit in the column comes from claims.json.
type row struct {
	id, claim string
	ex        string   // program whose figures fill fig; "" for none
	fig       string   // template
	tests     []string // "pkg:TestName" the claim also rests on
	needs     []string // figure keys the verdict reads beyond fig's
	// missingOK lets verdict judge missing figures; otherwise a row whose
	// program ran but did not write some key is pending on that key.
	missingOK bool
	cmd       string // command override (default: the program's command)
	// verdict returns the verdict from the figures; nil uses static.
	verdict func(v vals) string
	static  string
}

// paper is one section of the report.
type paper struct {
	title, ref, intro string
	programs          []string // whose SVGs the section shows
	rows              []row
}

// vals looks up one program's figures.
type vals struct {
	e     *Example
	tests map[string]map[string]string
}

func (v vals) get(k string) (float64, bool) {
	if v.e == nil || v.e.Figures == nil {
		return 0, false
	}
	x, ok := v.e.Figures[k]
	return x, ok
}

// f returns the figure k, NaN when absent (every comparison with it is false).
func (v vals) f(k string) float64 {
	x, ok := v.get(k)
	if !ok {
		return math.NaN()
	}
	return x
}

func (v vals) has(keys ...string) bool {
	for _, k := range keys {
		if _, ok := v.get(k); !ok {
			return false
		}
	}
	return true
}

// testsResult reports whether some test of tests has result res.
func (v vals) testsResult(tests []string, res string) bool {
	for _, t := range tests {
		pkg, name, _ := strings.Cut(t, ":")
		if v.tests[pkg][name] == res {
			return true
		}
	}
	return false
}

func (v vals) testsPass(tests []string) bool {
	for _, t := range tests {
		pkg, name, _ := strings.Cut(t, ":")
		if v.tests[pkg][name] != "pass" {
			return false
		}
	}
	return len(tests) > 0
}

var placeholder = regexp.MustCompile(`\{([^{}|]+)(?:\|([^{}]*))?\}`)

// formatNumber prints x with the format of a placeholder: "d" an integer,
// ".Nf" N decimals, "" four significant digits (trailing zeros trimmed; an
// exponent below 1e-3). ASCII minus, no thousands separators.
func formatNumber(x float64, f string) string {
	switch {
	case f == "d":
		return strconv.FormatFloat(math.Round(x), 'f', 0, 64)
	case strings.HasPrefix(f, ".") && strings.HasSuffix(f, "f"):
		n, err := strconv.Atoi(f[1 : len(f)-1])
		if err == nil && n >= 0 && n <= 12 {
			return strconv.FormatFloat(x, 'f', n, 64)
		}
	}
	a := math.Abs(x)
	switch {
	case a == 0:
		return "0"
	case a >= 1e4:
		return strconv.FormatFloat(x, 'f', 0, 64)
	case a < 1e-3:
		return strconv.FormatFloat(x, 'e', 2, 64)
	}
	d := 3 - int(math.Floor(math.Log10(a)))
	s := strconv.FormatFloat(x, 'f', max(d, 0), 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

var errDigit = errors.New("literal text holds a digit")

// fill renders a template; it returns the cell text and the keys in order.
func fill(tmpl string, v vals) (string, []string, error) {
	var keys []string
	var b strings.Builder
	last := 0
	for _, m := range placeholder.FindAllStringSubmatchIndex(tmpl, -1) {
		b.WriteString(tmpl[last:m[0]])
		key := tmpl[m[2]:m[3]]
		f := ""
		if m[4] >= 0 {
			f = tmpl[m[4]:m[5]]
		}
		keys = append(keys, key)
		if x, ok := v.get(key); ok {
			b.WriteString(formatNumber(x, f))
		} else {
			b.WriteString("n/a")
		}
		last = m[1]
	}
	b.WriteString(tmpl[last:])
	lit := placeholder.ReplaceAllString(tmpl, "")
	if strings.ContainsAny(stripCode(lit), "0123456789") {
		return "", nil, fmt.Errorf("template %q: %w", tmpl, errDigit)
	}
	return b.String(), keys, nil
}

var codeSpan = regexp.MustCompile("`[^`]*`")

func stripCode(s string) string { return codeSpan.ReplaceAllString(s, "") }

func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// render writes REPRODUCTION.md.
func render(w io.Writer, c *Claims) error {
	fmt.Fprint(w, header)
	if err := renderRun(w, c); err != nil {
		return err
	}
	for _, p := range papers() {
		fmt.Fprintf(w, "\n## %s\n\n%s\n\n", p.title, p.ref)
		if p.intro != "" {
			fmt.Fprintf(w, "%s\n\n", p.intro)
		}
		figs := 0
		for _, name := range p.programs {
			e := c.Examples[name]
			if e == nil || e.Status != "ok" {
				continue
			}
			svgs := append([]string(nil), e.SVG...)
			sort.SliceStable(svgs, func(i, j int) bool { return len(svgs[i]) < len(svgs[j]) })
			for _, f := range svgs {
				if strings.HasSuffix(f, ".svg") {
					fmt.Fprintf(w, "![%s: %s](%s)\n", name, strings.TrimPrefix(f, "docs/figures/"), f)
					figs++
				}
			}
		}
		if figs > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, "| id | claim (paper) | cdnkit | command | verdict |")
		fmt.Fprintln(w, "|---|---|---|---|---|")
		for _, r := range p.rows {
			line, err := renderRow(r, c)
			if err != nil {
				return fmt.Errorf("%s: %w", r.id, err)
			}
			fmt.Fprintln(w, line)
		}
	}
	fmt.Fprint(w, footer)
	return nil
}

func renderRun(w io.Writer, c *Claims) error {
	fmt.Fprint(w, "\n## The run\n\n")
	fmt.Fprintf(w, "Generated by `scripts/figures` with %s on %s (%s).\n\n", c.Go, c.Platform, c.Machine)
	v := vals{e: &Example{Status: "ok", Figures: c.Run}}
	txt, keys, err := fill("whole script: {wall_s|.0f} s on {cpus|d} CPUs", v)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "| program | status | wall time | command | figures |\n|---|---|---|---|---|\n")
	fmt.Fprintf(w, "| all | | %s <!-- k _run: %s --> | `scripts/figures` | |\n", txt, strings.Join(keys, " "))
	for _, name := range sortedKeys(c.Examples) {
		e := c.Examples[name]
		wall := "—"
		comment := ""
		if e.Status == "ok" {
			ev := vals{e: &Example{Status: "ok", Figures: map[string]float64{"_wall_s": e.WallS}}}
			t, keys, err := fill("{_wall_s|.1f} s", ev)
			if err != nil {
				return err
			}
			wall = t
			comment = fmt.Sprintf(" <!-- k %s: %s -->", name, strings.Join(keys, " "))
		}
		status := e.Status
		if e.Note != "" {
			status += " (" + e.Note + ")"
		}
		var svgs []string
		for _, s := range e.SVG {
			rel := strings.TrimPrefix(s, "docs/figures/")
			svgs = append(svgs, fmt.Sprintf("[%s](docs/figures/%s)", rel, rel))
		}
		cmd := "—"
		if e.Command != "" {
			cmd = "`" + e.Command + "`"
		}
		fmt.Fprintf(w, "| %s | %s | %s%s | %s | %s |\n", name, cell(status), wall, comment, cell(cmd), strings.Join(svgs, " "))
	}
	return nil
}

// renderRow renders one claim's table row.
func renderRow(r row, c *Claims) (string, error) {
	e := c.Examples[r.ex]
	v := vals{e: e, tests: c.Tests}
	var fig []string
	var comments []string
	verdict := r.static
	cmd := r.cmd
	switch {
	case r.ex == "":
	case e == nil || e.Status != "ok":
		_, keys, err := fill(r.fig, vals{})
		if err != nil {
			return "", err
		}
		why := "program not run"
		if e != nil {
			why = e.Note
		}
		if strings.ContainsAny(stripCode(why), "0123456789") {
			why = "see the run table" // the cell may hold no digit
		}
		fig = append(fig, "pending ("+why+")")
		comments = append(comments, fmt.Sprintf("<!-- k %s: %s -->", r.ex, strings.Join(keys, " ")))
		verdict = "pending"
		if cmd == "" && e != nil && e.Command != "" {
			cmd = "`" + e.Command + " -claims FILE`"
		}
		if cmd == "" {
			cmd = "`" + pendingCommand(r.ex) + "`"
		}
	default:
		txt, keys, err := fill(r.fig, v)
		if err != nil {
			return "", err
		}
		fig = append(fig, txt)
		comments = append(comments, fmt.Sprintf("<!-- k %s: %s -->", r.ex, strings.Join(keys, " ")))
		if cmd == "" {
			cmd = "`" + e.Command + "`"
		}
		var missing []string
		for _, k := range append(keys, r.needs...) {
			if !v.has(k) {
				missing = append(missing, "`"+k+"`")
			}
		}
		switch {
		case len(missing) > 0 && !r.missingOK:
			verdict = pending + ": the program does not write " + strings.Join(missing, ", ")
		case r.verdict != nil:
			verdict = r.verdict(v)
		}
	}
	if len(r.tests) > 0 {
		var ts []string
		var names []string
		pkgs := map[string][]string{}
		var order []string
		for _, t := range r.tests {
			pkg, name, ok := strings.Cut(t, ":")
			if !ok {
				return "", fmt.Errorf("test %q: want pkg:TestName", t)
			}
			res := c.Tests[pkg][name]
			if res == "" {
				res = "not run"
			}
			ts = append(ts, fmt.Sprintf("`%s` %s", name, res))
			names = append(names, t)
			if pkgs[pkg] == nil {
				order = append(order, pkg)
			}
			pkgs[pkg] = append(pkgs[pkg], name)
		}
		fig = append(fig, "tests: "+strings.Join(ts, ", "))
		comments = append(comments, fmt.Sprintf("<!-- t: %s -->", strings.Join(names, " ")))
		var cmds []string
		for _, pkg := range order {
			cmds = append(cmds, fmt.Sprintf("`go test -run '^(%s)$' ./%s`", strings.Join(pkgs[pkg], "|"), pkg))
		}
		if cmd != "" {
			cmd += "; "
		}
		cmd += strings.Join(cmds, "; ")
		if r.ex == "" && r.verdict != nil {
			verdict = r.verdict(v)
		}
		switch {
		case verdict == pending:
		case v.testsResult(r.tests, "fail"):
			verdict = differs("a cited test fails in this run")
		case !v.testsPass(r.tests):
			verdict += "; a cited test did not run to completion here (skipped: its shared data is absent, or it did not run)"
		}
	}
	if len(fig) == 0 {
		fig = append(fig, "—")
	}
	if cmd == "" {
		cmd = "—"
	}
	if strings.ContainsAny(stripCode(verdict), "0123456789") {
		return "", fmt.Errorf("verdict %q: %w", verdict, errDigit)
	}
	return fmt.Sprintf("| %s | %s | %s %s | %s | %s |", r.id, cell(r.claim), cell(strings.Join(fig, "; ")),
		strings.Join(comments, " "), cell(cmd), cell(verdict)), nil
}

// pendingCommand is the command scripts/figures runs once the program exists.
func pendingCommand(ex string) string {
	if name, ok := strings.CutPrefix(ex, "ethsettle/"); ok {
		return fmt.Sprintf("(cd ethsettle && go run ./cmd/%s -quick -claims FILE)", name)
	}
	return fmt.Sprintf("go run ./examples/%s -plot docs/figures/%s.svg -claims FILE", ex, ex)
}

// testList returns, per package, the tests the report cites (for
// scripts/figures: "pkg<TAB>regexp" lines).
func testList(w io.Writer) {
	seen := map[string]map[string]bool{}
	var order []string
	for _, p := range papers() {
		for _, r := range p.rows {
			for _, t := range r.tests {
				pkg, name, _ := strings.Cut(t, ":")
				if seen[pkg] == nil {
					seen[pkg] = map[string]bool{}
					order = append(order, pkg)
				}
				seen[pkg][name] = true
			}
		}
	}
	for _, pkg := range order {
		fmt.Fprintf(w, "%s\t^(%s)$\n", pkg, strings.Join(sortedKeys(seen[pkg]), "|"))
	}
}

// keyList prints, per program, the figure keys the report's templates quote
// (what its -claims file should hold).
func keyList(w io.Writer) error {
	keys := map[string]map[string]bool{}
	for _, p := range papers() {
		for _, r := range p.rows {
			if r.ex == "" {
				continue
			}
			_, ks, err := fill(r.fig, vals{})
			if err != nil {
				return fmt.Errorf("%s: %w", r.id, err)
			}
			if keys[r.ex] == nil {
				keys[r.ex] = map[string]bool{}
			}
			for _, k := range append(ks, r.needs...) {
				keys[r.ex][k] = true
			}
		}
	}
	for _, ex := range sortedKeys(keys) {
		fmt.Fprintf(w, "%s: %s\n", ex, strings.Join(sortedKeys(keys[ex]), " "))
	}
	return nil
}
