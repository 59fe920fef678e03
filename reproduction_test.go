package cdnkit_test

import (
	"encoding/json"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// claimsFile is the part of docs/figures/claims.json this test reads.
type claimsFile struct {
	Run      map[string]float64 `json:"run"`
	Examples map[string]struct {
		Status  string             `json:"status"`
		WallS   float64            `json:"wall_s"`
		Figures map[string]float64 `json:"figures"`
	} `json:"examples"`
	Tests map[string]map[string]string `json:"tests"`
}

// lookup returns the figure key of program ex.
func (c *claimsFile) lookup(ex, key string) (float64, bool) {
	if ex == "_run" {
		v, ok := c.Run[key]
		return v, ok
	}
	e, ok := c.Examples[ex]
	if !ok || e.Status != "ok" {
		return 0, false
	}
	if key == "_wall_s" {
		return e.WallS, true
	}
	v, ok := e.Figures[key]
	return v, ok
}

var (
	keyComment  = regexp.MustCompile(`<!-- k ([^:\s]+): ?([^>]*?) -->`)
	testComment = regexp.MustCompile(`<!-- t: ([^>]*?) -->`)
	codeSpan    = regexp.MustCompile("`[^`]*`")
	numberToken = regexp.MustCompile(`n/a|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?`)
)

// matches reports whether the printed token p is x rounded to p's digits.
func matches(p string, x float64) bool {
	v, err := strconv.ParseFloat(p, 64)
	if err != nil {
		return false
	}
	mant, exp := strings.ToLower(p), 0
	if i := strings.IndexByte(mant, 'e'); i >= 0 {
		e, err := strconv.Atoi(mant[i+1:])
		if err != nil {
			return false
		}
		mant, exp = mant[:i], e
	}
	dec := 0
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		dec = len(mant) - i - 1
	}
	tol := 0.5 * math.Pow(10, float64(exp-dec))
	return math.Abs(x-v) <= tol*(1+1e-9)+1e-300
}

// lastPipe returns the index of the last unescaped '|' in s, or -1.
func lastPipe(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '|' && (i == 0 || s[i-1] != '\\') {
			return i
		}
	}
	return -1
}

// TestReproduction checks that REPRODUCTION.md quotes docs/figures/claims.json:
// every number of a cell marked <!-- k program: key … --> is the JSON figure
// of the same key, in order, rounded as printed; "n/a" stands exactly for a
// missing figure; a program that is not "ok" has only "pending" cells; and
// every test result of a cell marked <!-- t: pkg:Test … --> is the JSON's. Both
// files are written by scripts/figures; this test only reads them.
func TestReproduction(t *testing.T) {
	md, err := os.ReadFile("REPRODUCTION.md")
	if err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile("docs/figures/claims.json")
	if err != nil {
		t.Fatal(err)
	}
	var c claimsFile
	if err := json.Unmarshal(js, &c); err != nil {
		t.Fatalf("claims.json: %v", err)
	}
	numbers, pendingCells, tests := 0, 0, 0
	quoted := map[string]bool{}
	for n, line := range strings.Split(string(md), "\n") {
		first := strings.Index(line, "<!--")
		if first < 0 || !strings.HasPrefix(line, "|") {
			continue
		}
		start := lastPipe(line[:first])
		end := strings.Index(line[first:], " |")
		if start < 0 || end < 0 {
			t.Errorf("line %d: comment outside a table cell", n+1)
			continue
		}
		text := codeSpan.ReplaceAllString(line[start+1:first], "")
		comments := line[first : first+end]
		tokens := numberToken.FindAllString(text, -1)
		km := keyComment.FindAllStringSubmatch(comments, -1)
		if len(km) > 1 {
			t.Errorf("line %d: %d key comments in one cell", n+1, len(km))
			continue
		}
		if len(km) == 1 {
			ex, keys := km[0][1], strings.Fields(km[0][2])
			quoted[ex] = true
			e, ok := c.Examples[ex]
			if ex != "_run" && (!ok || e.Status != "ok") {
				pendingCells++
				if !strings.HasPrefix(strings.TrimSpace(text), "pending") || len(tokens) > 0 {
					t.Errorf("line %d: program %s is not ok in claims.json, but the cell is %q", n+1, ex, text)
				}
			} else {
				if len(tokens) != len(keys) {
					t.Errorf("line %d: %d numbers for %d keys in %q", n+1, len(tokens), len(keys), text)
					continue
				}
				for i, k := range keys {
					x, have := c.lookup(ex, k)
					switch {
					case tokens[i] == "n/a" && have:
						t.Errorf("line %d: %s %s is %v in claims.json, the report says n/a", n+1, ex, k, x)
					case tokens[i] != "n/a" && !have:
						t.Errorf("line %d: %s %s is not in claims.json, the report says %s", n+1, ex, k, tokens[i])
					case tokens[i] != "n/a" && !matches(tokens[i], x):
						t.Errorf("line %d: %s %s is %v in claims.json, the report says %s", n+1, ex, k, x, tokens[i])
					default:
						numbers++
					}
				}
			}
		} else if len(tokens) > 0 {
			t.Errorf("line %d: numbers %v in a cell without keys", n+1, tokens)
		}
		for _, tm := range testComment.FindAllStringSubmatch(comments, -1) {
			for _, name := range strings.Fields(tm[1]) {
				pkg, test, ok := strings.Cut(name, ":")
				if !ok {
					t.Errorf("line %d: bad test name %q", n+1, name)
					continue
				}
				want := c.Tests[pkg][test]
				if want == "" {
					want = "not run"
				}
				if !strings.Contains(line[start:first], "`"+test+"` "+want) {
					t.Errorf("line %d: %s is %q in claims.json; the cell says otherwise", n+1, name, want)
				}
				tests++
			}
		}
	}
	for ex, e := range c.Examples {
		if e.Status == "ok" && !quoted[ex] {
			t.Errorf("program %s is in claims.json but REPRODUCTION.md quotes none of its figures", ex)
		}
	}
	if numbers == 0 {
		t.Error("REPRODUCTION.md quotes no number of claims.json")
	}
	t.Logf("%d numbers, %d pending cells and %d test results match claims.json", numbers, pendingCells, tests)
}

// TestReproductionChecker makes sure the rounding rule of TestReproduction
// rejects what it should.
func TestReproductionChecker(t *testing.T) {
	for _, c := range []struct {
		p    string
		x    float64
		want bool
	}{
		{"1.59", 1.5912, true}, {"1.59", 1.596, false}, {"300", 300.4, true}, {"300", 301, false},
		{"-354.9", -354.93, true}, {"-354.9", 354.9, false}, {"2.83e-10", 2.8295e-10, true}, {"2.83e-10", 2.9e-10, false},
	} {
		if got := matches(c.p, c.x); got != c.want {
			t.Errorf("matches(%q, %v) = %v, want %v", c.p, c.x, got, c.want)
		}
	}
}
