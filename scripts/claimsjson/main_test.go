package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestRowsRender renders every row against no programs (all pending) and
// against every program present with no figures (all n/a): no template or
// verdict may hold a literal digit, and every row must render.
func TestRowsRender(t *testing.T) {
	for _, c := range []*Claims{
		{Examples: map[string]*Example{}},
		{Examples: allExamples("ok"), Tests: map[string]map[string]string{}},
	} {
		var b bytes.Buffer
		if err := render(&b, c); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "| VF-3 |") {
			t.Error("no VF-3 row")
		}
	}
}

func allExamples(status string) map[string]*Example {
	m := map[string]*Example{}
	for _, p := range papers() {
		for _, r := range p.rows {
			if r.ex != "" {
				m[r.ex] = &Example{Status: status, Command: "go run ./examples/" + r.ex}
			}
		}
	}
	return m
}
