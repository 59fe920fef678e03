package main

import (
	"fmt"
	"image/color"
	"io"
	"os"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/cdnkit/cdnkit/market"
)

var palette = []color.Color{
	color.RGBA{0xd6, 0x27, 0x28, 0xff}, color.RGBA{0xff, 0x98, 0x96, 0xff},
	color.RGBA{0x1f, 0x77, 0xb4, 0xff}, color.RGBA{0xae, 0xc7, 0xe8, 0xff},
}

// pairBars is the Fig. 7 (GB) or Fig. 8 ($) analogue: per scenario pair,
// grouped bars of penalty and via-SO volume (or money), SO exchange off and
// on.
func pairBars(title, unit string, ps [][2]*market.Result, pen, via func(a *market.Account) float64) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.Y.Label.Text = unit
	series := []struct {
		name string
		k    int
		f    func(a *market.Account) float64
	}{
		{"penalty, SM off (6a)", 0, pen}, {"penalty, SM on (7a)", 1, pen},
		{"via SOs, SM off (6a)", 0, via}, {"via SOs, SM on (7a)", 1, via},
	}
	w := vg.Points(9)
	var names []string
	for _, pr := range ps {
		names = append(names, fmt.Sprintf("(%d,%d)", pr[0].Scenario.ID, pr[1].Scenario.ID))
	}
	for j, s := range series {
		v := make(plotter.Values, len(ps))
		for k, pr := range ps {
			v[k] = s.f(&pr[s.k].Total)
		}
		b, err := plotter.NewBarChart(v, w)
		if err != nil {
			return nil, err
		}
		b.Color = palette[j]
		b.LineStyle.Width = 0
		b.Offset = w * vg.Length(float64(j)-1.5)
		p.Add(b)
		p.Legend.Add(s.name, b)
	}
	p.NominalX(names...)
	p.Legend.Top = true
	p.Y.Min = 0
	p.Y.Max *= 1.45 // room for the legend above the bars
	return p, nil
}

// forecastPanel plots predicted and actual daily GB of one OS.
func forecastPanel(name string, q []int64, r *market.Result, i int) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = "OS " + name + ": predicted vs actual"
	p.X.Label.Text = "day"
	p.Y.Label.Text = "GB/day"
	var act, pred plotter.XYs
	for d := range r.Days {
		act = append(act, plotter.XY{X: float64(d), Y: gb(r.Day(d, i).Demand)})
		pred = append(pred, plotter.XY{X: float64(d), Y: gb(q[d])})
	}
	for k, s := range []struct {
		name string
		xy   plotter.XYs
	}{{"actual", act}, {"predicted (LPM)", pred}} {
		l, err := plotter.NewLine(s.xy)
		if err != nil {
			return nil, err
		}
		l.Color = palette[2*k]
		if k == 1 {
			l.Dashes = []vg.Length{vg.Points(3), vg.Points(2)}
		}
		p.Add(l)
		p.Legend.Add(s.name, l)
	}
	p.Legend.Top = true
	return p, nil
}

func writePlot(file string, sim *market.Simulation, srv []market.OriginServer, rs []*market.Result) error {
	ps := pairs(rs)
	fig7, err := pairBars("Fig. 7 analogue: EoD deficit by pair (GB)", "GB", ps,
		func(a *market.Account) float64 { return a.Penalty.GB() }, func(a *market.Account) float64 { return a.Exercised.GB() })
	if err != nil {
		return err
	}
	fig8, err := pairBars("Fig. 8 analogue: EoD deficit by pair ($)", "$", ps,
		func(a *market.Account) float64 { return a.Penalty.USD },
		func(a *market.Account) float64 { return a.Exercised.USD + a.OptionBought.USD })
	if err != nil {
		return err
	}
	q := sim.Forecasts()
	plots := [][]*plot.Plot{{fig7, fig8, nil}, make([]*plot.Plot, 3), make([]*plot.Plot, 3)}
	for i, s := range srv {
		if i >= 6 {
			break
		}
		if plots[1+i/3][i%3], err = forecastPanel(s.Name, q[i], rs[0], i); err != nil {
			return err
		}
	}
	const w, h = 42 * vg.Centimeter, 30 * vg.Centimeter
	var c interface {
		vg.CanvasSizer
		io.WriterTo
	}
	if strings.HasSuffix(strings.ToLower(file), ".png") {
		c = vgimg.PngCanvas{Canvas: vgimg.New(w, h)}
	} else {
		c = vgsvg.New(w, h)
	}
	dc := draw.New(c)
	tiles := draw.Tiles{Rows: 3, Cols: 3, PadX: vg.Millimeter * 5, PadY: vg.Millimeter * 5,
		PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 2}
	canvases := plot.Align(plots, tiles, dc)
	for r := range plots {
		for k, pl := range plots[r] {
			if pl != nil {
				pl.Draw(canvases[r][k])
			}
		}
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if _, err := c.WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
