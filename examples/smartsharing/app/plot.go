package app

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

// addLine adds a line (with points when points is set) to p.
func addLine(p *plot.Plot, name string, xs, ys []float64, k int, dashed, points bool) error {
	var xy plotter.XYs
	for i := range xs {
		if !math.IsNaN(ys[i]) {
			xy = append(xy, plotter.XY{X: xs[i], Y: ys[i]})
		}
	}
	if len(xy) == 0 {
		return nil
	}
	l, err := plotter.NewLine(xy)
	if err != nil {
		return err
	}
	l.Color = palette[k%len(palette)]
	l.Width = vg.Points(1.5)
	if dashed {
		l.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
	}
	p.Add(l)
	p.Legend.Add(name, l)
	if points {
		s, err := plotter.NewScatter(xy)
		if err != nil {
			return err
		}
		s.Color = l.Color
		p.Add(s)
	}
	return nil
}

func seq(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(i)
	}
	return x
}

// panels builds one plot per computed figure.
func (f *figures) panels() ([]*plot.Plot, error) {
	var ps []*plot.Plot
	if r := f.f3a; r != nil {
		p := plot.New()
		p.Title.Text = "Fig. 3a: BRUA convergence"
		p.X.Label.Text, p.Y.Label.Text = "iteration t", "average contribution mean(d^t)"
		for k, n := range r.ns {
			if err := addLine(p, fmt.Sprintf("n = %d", n), seq(len(r.traj[k])), r.traj[k], k, false, false); err != nil {
				return nil, err
			}
		}
		ps = append(ps, p)
	}
	if r := f.f3b; r != nil {
		p := plot.New()
		p.Title.Text = "Fig. 3b: contribution vs cost"
		p.X.Label.Text, p.Y.Label.Text = "common cost k", "average contribution at the NE"
		for ci, c := range r.cs {
			if err := addLine(p, fmt.Sprintf("c = %g", c), r.ks, r.d[ci], ci, false, true); err != nil {
				return nil, err
			}
		}
		ps = append(ps, p)
	}
	for _, fr := range []struct {
		r    *fig4Result
		name string
	}{{f.f4a, "4a"}, {f.f4b, "4b"}} {
		if fr.r == nil {
			continue
		}
		p := plot.New()
		p.Title.Text = fmt.Sprintf("Fig. %s: EM estimates (K = %d)", fr.name, len(fr.r.runs[0].theta0))
		p.X.Label.Text, p.Y.Label.Text = "EM iteration", "theta_l"
		for si, er := range fr.r.runs {
			for l := range er.theta0 {
				ys := make([]float64, len(er.traj))
				for t, th := range er.traj {
					ys[t] = th[l]
				}
				name := fmt.Sprintf("theta_%d", l+1)
				if len(fr.r.runs) > 1 {
					name = fmt.Sprintf("start %d theta_%d", si+1, l+1)
				}
				if err := addLine(p, name, seq(len(ys)), ys, l, si > 0, false); err != nil {
					return nil, err
				}
			}
		}
		ps = append(ps, p)
	}
	if r := f.f5a; r != nil {
		p := plot.New()
		p.Title.Text = "Fig. 5a: price vs content amount"
		p.X.Label.Text, p.Y.Label.Text = "proportion of 1s in the fetch table (s/9)", "mean price / c"
		p.Legend.Top = true
		xs := make([]float64, bins5)
		for b := range xs {
			xs[b] = binX(b)
		}
		for oi, opts := range optionSets {
			if err := addLine(p, fmt.Sprintf("%d options", len(opts)), xs, r.curve(oi), oi, false, true); err != nil {
				return nil, err
			}
		}
		ps = append(ps, p)
	}
	return ps, nil
}

// writePlot writes every computed figure to one SVG (PNG if path ends in .png), panels tiled two
// per row.
func writePlot(path string, f *figures) error {
	ps, err := f.panels()
	if err != nil {
		return err
	}
	if len(ps) == 0 {
		return fmt.Errorf("-plot: no figure to draw")
	}
	const cols = 2
	rows := (len(ps) + cols - 1) / cols
	w, h := 6*vg.Inch*cols, 4.5*vg.Inch*vg.Length(rows)
	var c interface {
		vg.CanvasSizer
		io.WriterTo
	}
	if strings.EqualFold(filepath.Ext(path), ".png") {
		c = vgimg.PngCanvas{Canvas: vgimg.New(w, h)}
	} else {
		c = vgsvg.New(w, h)
	}
	dc := draw.New(c)
	grid := make([][]*plot.Plot, rows)
	for r := range grid {
		grid[r] = make([]*plot.Plot, cols)
		for k := 0; k < cols && r*cols+k < len(ps); k++ {
			grid[r][k] = ps[r*cols+k]
		}
	}
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Millimeter * 4, PadY: vg.Millimeter * 4,
		PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 2}
	canvases := plot.Align(grid, tiles, dc)
	for r := range grid {
		for k, p := range grid[r] {
			if p != nil {
				p.Draw(canvases[r][k])
			}
		}
	}
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := c.WriteTo(out); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
