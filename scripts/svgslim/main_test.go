package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestSlim(t *testing.T) {
	var in strings.Builder
	in.WriteString(`<?xml version="1.0"?>` + "\n" + `<svg width="10pt" height="10pt">` + "\n")
	for i := 0; i < minUses; i++ {
		in.WriteString(`<path d="M92.945,329.6A1.5,1.5 0 1 1 89.94512,-0.0301Z" style="fill:none;stroke:#1F77B4" />` + "\n")
	}
	in.WriteString(`<text x="1.234" style="font-size:10px">2.5</text>` + "\n</svg>\n")
	out, err := slim([]byte(in.String()))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{`<style>.z0{fill:none;stroke:#1F77B4}</style>`, `d="M92.9,329.6A1.5,1.5 0 1 1 89.9,0.0Z" class="z0"`,
		`<text x="1.234" style="font-size:10px">2.5</text>`} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if len(out) >= in.Len() {
		t.Errorf("not smaller: %d → %d", in.Len(), len(out))
	}
	again, err := slim(out)
	if err != nil || !bytes.Equal(again, out) {
		t.Errorf("not idempotent: %v", err)
	}
	if _, err := slim([]byte("<html></html>")); err == nil {
		t.Error("non-SVG accepted")
	}
}
