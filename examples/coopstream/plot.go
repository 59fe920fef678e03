package main

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

var palette = []color.Color{
	color.RGBA{R: 31, G: 119, B: 180, A: 255},
	color.RGBA{R: 255, G: 127, B: 14, A: 255},
	color.RGBA{R: 44, G: 160, B: 44, A: 255},
	color.RGBA{R: 214, G: 39, B: 40, A: 255},
}

var glyphs = map[string]draw.GlyphDrawer{
	"full": draw.CircleGlyph{}, "isf": draw.TriangleGlyph{}, "nwf": draw.SquareGlyph{}, "none": draw.CrossGlyph{},
}

// writePlots writes Fig. 4 to path, Fig. 5 to <stem>-welfare.svg and Fig. 8 to
// <stem>-single.svg, and returns the file names.
func writePlots(path string, mr *multiResult, sr *singleResult) ([]string, error) {
	ext := filepath.Ext(path)
	if ext == "" {
		ext = ".svg"
	}
	stem := strings.TrimSuffix(path, filepath.Ext(path))
	files := []string{path, stem + "-welfare" + ext, stem + "-single" + ext}
	for k, f := range []string{"average bitrate (Mbps)", "social welfare"} {
		ps, err := multiPanels(mr, k, f)
		if err != nil {
			return nil, err
		}
		if err := save(files[k], ps, 2); err != nil {
			return nil, err
		}
	}
	ps, err := singlePanels(sr)
	if err != nil {
		return nil, err
	}
	if err := save(files[2], ps, 2); err != nil {
		return nil, err
	}
	return files, nil
}

// buckets returns the indices and names of the non-empty buckets.
func (mr *multiResult) used() ([]int, []string) {
	var idx []int
	var names []string
	for bi, b := range mr.buckets {
		if !mr.empty[bi] {
			idx = append(idx, bi)
			names = append(names, b.String())
		}
	}
	return idx, names
}

// multiPanels builds one grouped-bar panel per share (Lyapunov: filled bar no
// cooperation, hollow bar full cooperation, markers ISF-/NWF-like) and a last
// panel with Lyapunov's gain over no cooperation vs bucket, one line per share.
func multiPanels(mr *multiResult, field int, label string) ([]*plot.Plot, error) {
	idx, names := mr.used()
	none, full := modeIndex(mr.modes, "none"), modeIndex(mr.modes, "full")
	var out []*plot.Plot
	w := vg.Points(14)
	for si, share := range mr.shares {
		p := plot.New()
		p.Title.Text = fmt.Sprintf("(%c) Lyapunov, video share %.0f %%", 'a'+si, 100*share)
		p.Y.Label.Text = label
		p.X.Label.Text = "network condition (mean capacity, Mbps)"
		p.NominalX(names...)
		for k, mi := range []int{none, full} {
			if mi < 0 {
				continue
			}
			vals := make(plotter.Values, len(idx))
			for x, bi := range idx {
				vals[x] = pick(mr.cell[si][bi][0][mi], field)
			}
			bc, err := plotter.NewBarChart(vals, w)
			if err != nil {
				return nil, err
			}
			bc.Offset = w * vg.Length(float64(k)-0.5)
			bc.LineStyle.Color = palette[0]
			if k == 0 {
				bc.Color = palette[0]
				p.Legend.Add("no cooperation", bc)
			} else {
				bc.Color = color.Transparent
				p.Legend.Add("full cooperation", bc)
			}
			p.Add(bc)
		}
		for _, m := range []string{"isf", "nwf"} {
			mi := modeIndex(mr.modes, m)
			if mi < 0 {
				continue
			}
			xys := make(plotter.XYs, len(idx))
			for x, bi := range idx {
				xys[x] = plotter.XY{X: float64(x), Y: pick(mr.cell[si][bi][0][mi], field)}
			}
			s, err := plotter.NewScatter(xys)
			if err != nil {
				return nil, err
			}
			s.GlyphStyle.Shape = glyphs[m]
			s.GlyphStyle.Color = palette[1]
			p.Add(s)
			p.Legend.Add(m+"-like", s)
		}
		p.Legend.Top, p.Legend.Left = true, true
		out = append(out, p)
	}
	g := plot.New()
	g.Title.Text = fmt.Sprintf("(%c) Lyapunov gain over no cooperation", 'a'+len(mr.shares))
	g.Y.Label.Text = "gain (%)"
	g.X.Label.Text = "network condition (mean capacity, Mbps)"
	g.NominalX(names...)
	if none >= 0 {
		for si, share := range mr.shares {
			for _, m := range mr.modes {
				mi := modeIndex(mr.modes, m)
				if m == "none" {
					continue
				}
				xys := make(plotter.XYs, len(idx))
				for x, bi := range idx {
					xys[x] = plotter.XY{X: float64(x), Y: gain(pick(mr.cell[si][bi][0][mi], field), pick(mr.cell[si][bi][0][none], field))}
				}
				l, s, err := plotter.NewLinePoints(xys)
				if err != nil {
					return nil, err
				}
				l.Color = palette[si%len(palette)]
				if m != "full" {
					l.Dashes = []vg.Length{vg.Points(3), vg.Points(2)}
				}
				s.Shape = glyphs[m]
				s.Color = palette[si%len(palette)]
				g.Add(l, s)
				g.Legend.Add(fmt.Sprintf("%.0f %% %s", 100*share, m), l, s)
			}
		}
	}
	g.Legend.Top = true
	return append(out, g), nil
}

// singlePanels builds Fig. 8: per-run bitrate and welfare vs trace mean
// capacity (scatter per policy) and per-bucket means (bars per policy). The
// upper bound is reported in Table 3 (online/UB per bucket), not plotted.
func singlePanels(sr *singleResult) ([]*plot.Plot, error) {
	var out []*plot.Plot
	for k, label := range []string{"average bitrate (Mbps)", "welfare"} {
		p := plot.New()
		p.Title.Text = fmt.Sprintf("(%c) single user: %s vs capacity", 'a'+k, label)
		p.X.Label.Text = "trace mean capacity (Mbps)"
		p.Y.Label.Text = label
		for pi, name := range sr.pols {
			xys := make(plotter.XYs, len(sr.res))
			for r, row := range sr.res {
				y := row[pi].AvgBitrate
				if k == 1 {
					y = row[pi].Welfare
				}
				xys[r] = plotter.XY{X: sr.mean[r], Y: y}
			}
			s, err := plotter.NewScatter(xys)
			if err != nil {
				return nil, err
			}
			s.GlyphStyle.Color = palette[pi%len(palette)]
			s.GlyphStyle.Radius = vg.Points(1.5)
			p.Add(s)
			p.Legend.Add(name, s)
		}
		p.Legend.Top, p.Legend.Left = true, true
		out = append(out, p)
	}
	names := make([]string, len(sr.buckets))
	for bi, b := range sr.buckets {
		names[bi] = b.String()
	}
	w := vg.Points(9)
	for k, label := range []string{"mean average bitrate (Mbps)", "mean welfare"} {
		p := plot.New()
		p.Title.Text = fmt.Sprintf("(%c) single user: %s per bucket", 'c'+k, label)
		p.Y.Label.Text = label
		p.NominalX(names...)
		for pi, name := range sr.pols {
			vals := make(plotter.Values, len(sr.buckets))
			for bi := range sr.buckets {
				vals[bi] = pick(sr.cell[bi][pi], k)
				if math.IsNaN(vals[bi]) {
					vals[bi] = 0
				}
			}
			bc, err := plotter.NewBarChart(vals, w)
			if err != nil {
				return nil, err
			}
			bc.Color = palette[pi%len(palette)]
			bc.Offset = w * vg.Length(float64(pi)-float64(len(sr.pols)-1)/2)
			p.Add(bc)
			p.Legend.Add(name, bc)
		}
		p.Legend.Top, p.Legend.Left = true, true
		out = append(out, p)
	}
	return out, nil
}

// save lays the panels out in a grid of cols columns and writes an SVG (a PNG
// when path ends in .png).
func save(path string, ps []*plot.Plot, cols int) error {
	// NaN values (empty cells) would break the axes; the caller never passes
	// them for used buckets.
	rows := (len(ps) + cols - 1) / cols
	grid := make([][]*plot.Plot, rows)
	for r := range grid {
		grid[r] = make([]*plot.Plot, cols)
		for c := range cols {
			if k := r*cols + c; k < len(ps) {
				grid[r][c] = ps[k]
			}
		}
	}
	wd, ht := vg.Length(cols)*5.5*vg.Inch, vg.Length(rows)*4*vg.Inch
	var cv interface {
		vg.CanvasSizer
		io.WriterTo
	}
	if strings.EqualFold(filepath.Ext(path), ".png") {
		cv = vgimg.PngCanvas{Canvas: vgimg.New(wd, ht)}
	} else {
		cv = vgsvg.New(wd, ht)
	}
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Millimeter * 6, PadY: vg.Millimeter * 6,
		PadTop: vg.Millimeter * 3, PadBottom: vg.Millimeter * 3, PadLeft: vg.Millimeter * 3, PadRight: vg.Millimeter * 3}
	cs := plot.Align(grid, tiles, draw.New(cv))
	for r := range grid {
		for c, p := range grid[r] {
			if p != nil {
				p.Draw(cs[r][c])
			}
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := cv.WriteTo(f); err != nil {
		_ = f.Close() // the write error is the one to report
		return err
	}
	return f.Close()
}
