package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func init() { step("repro", tourRepro) }

// tourRepro is the tour step of the reproduction report: it finds
// docs/figures/claims.json above the working directory (the repository root
// for go run ./examples/tour), prints each program's status and three
// headline figures beside the papers' numbers, and points to REPRODUCTION.md.
// Without the file it says how to make it.
func tourRepro(w io.Writer) error {
	dir, err := os.Getwd()
	if err != nil {
		return err
	}
	var b []byte
	for {
		b, err = os.ReadFile(filepath.Join(dir, "docs", "figures", "claims.json"))
		if err == nil || !errors.Is(err, fs.ErrNotExist) || filepath.Dir(dir) == dir {
			break
		}
		dir = filepath.Dir(dir)
	}
	if errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintln(w, "repro: docs/figures/claims.json not found; run scripts/figures, then read REPRODUCTION.md")
		return nil
	}
	if err != nil {
		return err
	}
	var c struct {
		Examples map[string]struct {
			Status  string             `json:"status"`
			Figures map[string]float64 `json:"figures"`
		} `json:"examples"`
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return fmt.Errorf("repro: claims.json: %w", err)
	}
	byStatus := map[string][]string{}
	for name, e := range c.Examples {
		byStatus[e.Status] = append(byStatus[e.Status], name)
	}
	for _, st := range []string{"ok", "pending", "failed"} {
		sort.Strings(byStatus[st])
		fmt.Fprintf(w, "repro: %-7s %s\n", st, strings.Join(byStatus[st], " "))
	}
	fig := func(ex, key string) string {
		if v, ok := c.Examples[ex].Figures[key]; ok {
			return fmt.Sprintf("%.4g", v)
		}
		return "n/a"
	}
	fmt.Fprintf(w, "repro: V-Formation / BitTorrent %s (paper 1.66); Gradient < MST < Naive in %s of %s trials; Lyapunov over channel prediction %s %% bitrate (paper 20-30 %%)\n",
		fig("vformation", "fig11.vf_over_bt"), fig("gradient", "trials_ok"), fig("gradient", "trials_total"), fig("coopstream", "single.gain_bitrate_vs_cp"))
	fmt.Fprintln(w, "repro: every claim beside cdnkit's figure: REPRODUCTION.md")
	return nil
}
