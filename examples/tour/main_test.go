package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestTour runs every registered step and checks each prints its header.
func TestTour(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf, ""); err != nil {
		t.Fatal(err)
	}
	for name := range steps {
		if !strings.Contains(buf.String(), "== "+name+"\n") {
			t.Errorf("step %s printed no header", name)
		}
	}
}

func TestTourUnknownStep(t *testing.T) {
	if err := run(new(bytes.Buffer), "no-such-step"); err == nil {
		t.Fatal("run with an unknown step: want an error")
	}
}
