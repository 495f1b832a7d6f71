package bench

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"path/filepath"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// surface is what the chart draws on: an SVG document or an image.
type surface interface {
	rect(x, y, w, h float64, c color.RGBA)
	circle(x, y, r float64, c color.RGBA)
	// text draws s with its baseline at y; anchor is "start", "middle" or
	// "end".
	text(x, y float64, s, anchor string, c color.RGBA)
}

var (
	colBackground = color.RGBA{255, 255, 255, 255}
	colAxis       = color.RGBA{120, 120, 120, 255}
	colGrid       = color.RGBA{225, 225, 225, 255}
	colText       = color.RGBA{30, 30, 30, 255}
	colOne        = color.RGBA{200, 60, 60, 255}
)

// seriesColour gives each ratio's numerator its colour.
func seriesColour(of string) color.RGBA {
	switch {
	case strings.HasPrefix(of, string(Plain)+"/"):
		return color.RGBA{90, 150, 220, 255}
	case strings.HasPrefix(of, string(Seccomp)+"/"):
		return color.RGBA{240, 160, 40, 255}
	case of == string(Jail)+"/none":
		return color.RGBA{40, 160, 80, 255}
	case strings.HasSuffix(of, "/png"):
		return color.RGBA{150, 90, 200, 255}
	}
	return color.RGBA{100, 100, 100, 255}
}

const (
	chartWidth = 900
	rowHeight  = 16
	labelWidth = 260
	chartTop   = 50
	chartRight = 40
)

// drawChart draws the report's ratios on a log scale: a dot at each
// median and a bar from the minimum to the maximum.
func (rep *Report) drawChart(s surface, height float64) {
	rows := rep.Ratios
	lo, hi := 1.0, 1.0
	for _, r := range rows {
		lo, hi = math.Min(lo, r.Min), math.Max(hi, r.Max)
	}
	lo, hi = lo/1.05, hi*1.05
	x0, x1 := float64(labelWidth), float64(chartWidth-chartRight)
	xOf := func(v float64) float64 {
		return x0 + (math.Log(v)-math.Log(lo))/(math.Log(hi)-math.Log(lo))*(x1-x0)
	}
	s.rect(0, 0, chartWidth, height, colBackground)
	title := fmt.Sprintf("seccanvas bench: ratios, pair by pair (median • and min–max), %d×%d, %d reps", rep.Width, rep.Height, rep.Reps)
	s.text(chartWidth/2, 20, title, "middle", colText)
	bottom := float64(chartTop + rowHeight*len(rows))
	for _, t := range []float64{0.5, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 2, 3, 5, 10, 20, 50, 100} {
		if t < lo || t > hi {
			continue
		}
		x := xOf(t)
		s.rect(x, chartTop-4, 1, bottom-chartTop+4, colGrid)
		s.text(x, bottom+14, fmt.Sprintf("×%g", t), "middle", colAxis)
	}
	s.rect(xOf(1), chartTop-4, 1.5, bottom-chartTop+4, colOne)
	for i, r := range rows {
		y := float64(chartTop + rowHeight*i)
		if i%2 == 0 {
			s.rect(0, y, chartWidth, rowHeight, color.RGBA{246, 246, 250, 255})
		}
		label := fmt.Sprintf("%s  %s ÷ %s", r.Workload, r.Of, r.Over)
		s.text(labelWidth-8, y+12, label, "end", colText)
		c := seriesColour(r.Of)
		s.rect(xOf(r.Min), y+7, math.Max(xOf(r.Max)-xOf(r.Min), 1), 2, c)
		s.circle(xOf(r.Median), y+8, 4, c)
		s.text(x1+4, y+12, fmt.Sprintf("%.2f", r.Median), "start", colAxis)
	}
}

func (rep *Report) chartHeight() float64 {
	return float64(chartTop + rowHeight*len(rep.Ratios) + 30)
}

// WriteChart writes the ratio chart as SVG or PNG, by path's extension.
func (rep *Report) WriteChart(w io.Writer, path string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".svg":
		return rep.WriteSVG(w)
	case ".png":
		return rep.WritePNG(w)
	}
	return fmt.Errorf("chart %q: use a .svg or .png file", path)
}

// WriteSVG writes the ratio chart as SVG.
func (rep *Report) WriteSVG(w io.Writer) error {
	h := rep.chartHeight()
	s := &svgSurface{}
	fmt.Fprintf(&s.b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%.0f" viewBox="0 0 %d %.0f" font-family="sans-serif" font-size="11">`+"\n", chartWidth, h, chartWidth, h)
	rep.drawChart(s, h)
	s.b.WriteString("</svg>\n")
	_, err := io.WriteString(w, s.b.String())
	if err != nil {
		return fmt.Errorf("write SVG chart: %w", err)
	}
	return nil
}

// WritePNG writes the ratio chart as PNG.
func (rep *Report) WritePNG(w io.Writer) error {
	h := rep.chartHeight()
	s := &imageSurface{img: image.NewRGBA(image.Rect(0, 0, chartWidth, int(h)))}
	rep.drawChart(s, h)
	if err := png.Encode(w, s.img); err != nil {
		return fmt.Errorf("write PNG chart: %w", err)
	}
	return nil
}

type svgSurface struct{ b strings.Builder }

func hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

func (s *svgSurface) rect(x, y, w, h float64, c color.RGBA) {
	fmt.Fprintf(&s.b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`+"\n", x, y, w, h, hex(c))
}

func (s *svgSurface) circle(x, y, r float64, c color.RGBA) {
	fmt.Fprintf(&s.b, `<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s"/>`+"\n", x, y, r, hex(c))
}

func (s *svgSurface) text(x, y float64, t, anchor string, c color.RGBA) {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	fmt.Fprintf(&s.b, `<text x="%.1f" y="%.1f" text-anchor="%s" fill="%s">%s</text>`+"\n", x, y, anchor, hex(c), r.Replace(t))
}

// imageSurface draws with axis-aligned rectangles, discs and the 7×13
// bitmap font (characters outside ASCII are drawn as basicfont draws them).
type imageSurface struct{ img *image.RGBA }

func (s *imageSurface) rect(x, y, w, h float64, c color.RGBA) {
	r := image.Rect(int(math.Round(x)), int(math.Round(y)), int(math.Round(x+math.Max(w, 1))), int(math.Round(y+math.Max(h, 1))))
	r = r.Intersect(s.img.Bounds())
	for py := r.Min.Y; py < r.Max.Y; py++ {
		for px := r.Min.X; px < r.Max.X; px++ {
			s.img.SetRGBA(px, py, c)
		}
	}
}

func (s *imageSurface) circle(cx, cy, rad float64, c color.RGBA) {
	for py := int(cy - rad); py <= int(cy+rad); py++ {
		for px := int(cx - rad); px <= int(cx+rad); px++ {
			dx, dy := float64(px)+0.5-cx, float64(py)+0.5-cy
			if dx*dx+dy*dy <= rad*rad && image.Pt(px, py).In(s.img.Bounds()) {
				s.img.SetRGBA(px, py, c)
			}
		}
	}
}

func (s *imageSurface) text(x, y float64, t, anchor string, c color.RGBA) {
	d := &font.Drawer{Dst: s.img, Src: image.NewUniform(c), Face: basicfont.Face7x13}
	w := d.MeasureString(t).Round()
	switch anchor {
	case "middle":
		x -= float64(w) / 2
	case "end":
		x -= float64(w)
	}
	d.Dot = fixed.P(int(x), int(y))
	d.DrawString(t)
}
