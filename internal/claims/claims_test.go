package claims

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

func TestPutWrite(t *testing.T) {
	var none Set
	none.Put("ignored", 1) // a nil Set ignores puts
	c := Set{}
	c.Put("a.b", 1.5)
	c.Put("nan", math.NaN())
	c.Put("inf", math.Inf(1))
	p := filepath.Join(t.TempDir(), "c.json")
	if err := Write(p, c); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]float64
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got["a.b"] != 1.5 {
		t.Fatalf("written %v, want only a.b = 1.5", got)
	}
	if err := Write(filepath.Join(t.TempDir(), "no", "such", "dir.json"), c); err == nil {
		t.Fatal("Write into a missing directory: want an error")
	}
}
