package conformance

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"
	"sort"
	"strings"
)

// limits are the numbers of the strict and blur metrics.
type limits struct {
	meanErr  float64 // largest mean absolute difference
	off      int     // a channel difference above this makes a pixel off
	badPct   float64 // largest percentage of bad pixels
	checkBad bool
}

func limitsFor(t Tolerance) limits {
	switch t {
	case Blur:
		return limits{meanErr: 4.0, off: 24, badPct: 0.5, checkBad: true}
	case Text:
		return limits{meanErr: 12}
	}
	return limits{meanErr: 3.0, off: 16, badPct: 0.4, checkBad: true}
}

// The text metric's numbers.
const (
	textInk        = 48   // a channel difference from the background above this is ink
	textMinShift   = 4    // px, least allowed displacement of the ink box
	textXFrac      = 0.25 // of the reference box width
	textYFrac      = 0.15 // of the reference box height
	textAmountLo   = 0.6  // ink amount ratio range
	textAmountHi   = 1.6
	textColorTol   = 12
	textAlphaTol   = 24
	textStrongFrac = 0.10 // the most strongly inked share of the ink pixels
	textStrongMin  = 5
)

// TextResult holds the text metric's criteria, each with the measured values.
type TextResult struct {
	Background       [4]uint8        // premultiplied RGBA, most common reference pixel
	RefInk, GotInk   int             // number of ink pixels
	RefBox, GotBox   image.Rectangle // ink bounding boxes (empty without ink)
	Presence         bool            // both have ink or neither has
	Horizontal       bool            // left and right edges close enough
	Vertical         bool            // top and bottom edges close enough
	AmountRatio      float64         // got ink amount / reference ink amount
	Amount           bool            // AmountRatio within [0.6, 1.6]
	RefColor         [3]float64      // ink colour (RGB)
	GotColor         [3]float64
	Color            bool // each channel within 12
	RefAlpha         float64
	GotAlpha         float64 // median alpha of the strongest ink pixels
	Alpha            bool    // within 24
	MeanErrorPassing bool    // mean error at most 12
}

// Result is the score of one drawing case.
type Result struct {
	Pass      bool
	Tolerance Tolerance
	// Reason says why the case failed, or is empty.
	Reason string
	// MeanError is the mean absolute difference of premultiplied channel
	// values over all pixels and channels.
	MeanError float64
	// Off and Bad count off pixels and off pixels not excused (strict and
	// blur); BadPercent is Bad as a percentage of all pixels.
	Off, Bad   int
	BadPercent float64
	// Text holds the text criteria for the text tolerance, else nil.
	Text *TextResult
}

// String summarises r on one line.
func (r Result) String() string {
	var b strings.Builder
	if r.Pass {
		b.WriteString("pass")
	} else {
		b.WriteString("FAIL")
	}
	fmt.Fprintf(&b, " [%v] mean=%.2f", r.Tolerance, r.MeanError)
	if r.Tolerance != Text {
		fmt.Fprintf(&b, " off=%d bad=%d (%.3f%%)", r.Off, r.Bad, r.BadPercent)
	}
	if t := r.Text; t != nil {
		fmt.Fprintf(&b, " ink=%d/%d box=%v/%v amount=%.2f colour=%.0f/%.0f alpha=%.0f/%.0f",
			t.GotInk, t.RefInk, t.GotBox, t.RefBox, t.AmountRatio, t.GotColor, t.RefColor, t.GotAlpha, t.RefAlpha)
	}
	if r.Reason != "" {
		b.WriteString(": ")
		b.WriteString(r.Reason)
	}
	return b.String()
}

// premulImage is an image as the metric sees it: straight RGBA decoded, then
// premultiplied per pixel with rounding, alpha unchanged.
type premulImage struct {
	w, h     int
	pm       []uint8 // premultiplied RGBA, 4 bytes per pixel
	straight []uint8 // straight RGBA as decoded
}

func toPremul(img image.Image) premulImage {
	b := img.Bounds()
	p := premulImage{w: b.Dx(), h: b.Dy()}
	n := p.w * p.h * 4
	p.pm = make([]uint8, n)
	p.straight = make([]uint8, n)
	if nr, ok := img.(*image.NRGBA); ok {
		for y := 0; y < p.h; y++ {
			row := nr.Pix[y*nr.Stride : y*nr.Stride+p.w*4]
			copy(p.straight[y*p.w*4:], row)
		}
	} else {
		i := 0
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
				p.straight[i], p.straight[i+1], p.straight[i+2], p.straight[i+3] = c.R, c.G, c.B, c.A
				i += 4
			}
		}
	}
	for i := 0; i < n; i += 4 {
		a := uint32(p.straight[i+3])
		for k := 0; k < 3; k++ {
			// round(c*a/255) with integers
			p.pm[i+k] = uint8((uint32(p.straight[i+k])*a*2 + 255) / 510)
		}
		p.pm[i+3] = uint8(a)
	}
	return p
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// CompareImages scores got against the reference ref under the tolerance
// class, exactly as the README's pass metric says.
func CompareImages(ref, got image.Image, class Tolerance) Result {
	res := Result{Tolerance: class}
	rb, gb := ref.Bounds(), got.Bounds()
	if rb.Dx() != gb.Dx() || rb.Dy() != gb.Dy() {
		res.Reason = fmt.Sprintf("size %dx%d, want %dx%d", gb.Dx(), gb.Dy(), rb.Dx(), rb.Dy())
		res.MeanError = math.Inf(1)
		return res
	}
	r, g := toPremul(ref), toPremul(got)
	total := 0
	for i := range r.pm {
		total += absDiff(r.pm[i], g.pm[i])
	}
	npix := r.w * r.h
	if npix > 0 {
		res.MeanError = float64(total) / float64(npix*4)
	}
	lim := limitsFor(class)
	if class == Text {
		res.Text = compareText(r, g)
		t := res.Text
		t.MeanErrorPassing = res.MeanError <= lim.meanErr
		var why []string
		for _, c := range []struct {
			ok   bool
			name string
		}{
			{t.Presence, "presence"}, {t.Horizontal, "horizontal position"}, {t.Vertical, "vertical position"},
			{t.Amount, "ink amount"}, {t.Color, "ink colour"}, {t.Alpha, "ink alpha"}, {t.MeanErrorPassing, "mean error"},
		} {
			if !c.ok {
				why = append(why, c.name)
			}
		}
		res.Pass = len(why) == 0
		res.Reason = strings.Join(why, ", ")
		return res
	}
	res.Off, res.Bad = badPixels(r, g, lim.off)
	if npix > 0 {
		res.BadPercent = 100 * float64(res.Bad) / float64(npix)
	}
	var why []string
	if res.MeanError > lim.meanErr {
		why = append(why, fmt.Sprintf("mean error %.2f > %.1f", res.MeanError, lim.meanErr))
	}
	if res.BadPercent > lim.badPct {
		why = append(why, fmt.Sprintf("bad pixels %.3f%% > %.1f%%", res.BadPercent, lim.badPct))
	}
	res.Pass = len(why) == 0
	res.Reason = strings.Join(why, ", ")
	return res
}

// pixelClass is what the strict metric says about one pixel.
type pixelClass uint8

const (
	pixelGood pixelClass = iota
	pixelExcused
	pixelBad
)

// classify returns the class of pixel (x, y) with off threshold t.
func classify(r, g premulImage, x, y, t int) pixelClass {
	i := (y*r.w + x) * 4
	off := false
	for k := 0; k < 4; k++ {
		if absDiff(r.pm[i+k], g.pm[i+k]) > t {
			off = true
			break
		}
	}
	if !off {
		return pixelGood
	}
	if within3x3(g.pm[i:i+4], r, x, y, t) && within3x3(r.pm[i:i+4], g, x, y, t) {
		return pixelExcused
	}
	return pixelBad
}

// badPixels counts off and bad pixels.
func badPixels(r, g premulImage, t int) (off, bad int) {
	for y := 0; y < r.h; y++ {
		for x := 0; x < r.w; x++ {
			switch classify(r, g, x, y, t) {
			case pixelExcused:
				off++
			case pixelBad:
				off++
				bad++
			}
		}
	}
	return off, bad
}

// within3x3 reports whether every channel of px lies within [min−t, max+t]
// of that channel over the 3×3 block of img around (x, y), clipped to the
// image.
func within3x3(px []uint8, img premulImage, x, y, t int) bool {
	var lo, hi [4]int
	for k := range lo {
		lo[k], hi[k] = 255, 0
	}
	for yy := max(y-1, 0); yy <= min(y+1, img.h-1); yy++ {
		for xx := max(x-1, 0); xx <= min(x+1, img.w-1); xx++ {
			j := (yy*img.w + xx) * 4
			for k := 0; k < 4; k++ {
				v := int(img.pm[j+k])
				lo[k] = min(lo[k], v)
				hi[k] = max(hi[k], v)
			}
		}
	}
	for k := 0; k < 4; k++ {
		v := int(px[k])
		if v < lo[k]-t || v > hi[k]+t {
			return false
		}
	}
	return true
}

// inkStats is what the text metric measures in one image.
type inkStats struct {
	count    int
	box      image.Rectangle
	amount   float64
	color    [3]float64
	alpha    float64
	strength []int // per pixel: largest channel difference, -1 if not ink
}

func measureInk(img premulImage, bg [4]uint8) inkStats {
	s := inkStats{strength: make([]int, img.w*img.h)}
	type strong struct{ s, i int }
	var inks []strong
	var wsum float64
	var csum [3]float64
	for p := range s.strength {
		i := p * 4
		d := 0
		for k := 0; k < 4; k++ {
			d = max(d, absDiff(img.pm[i+k], bg[k]))
		}
		if d <= textInk {
			s.strength[p] = -1
			continue
		}
		s.strength[p] = d
		s.count++
		x, y := p%img.w, p/img.w
		s.box = s.box.Union(image.Rect(x, y, x+1, y+1))
		s.amount += float64(d) / 255
		inks = append(inks, strong{d, i})
		a := float64(img.straight[i+3])
		wsum += a
		for k := 0; k < 3; k++ {
			csum[k] += float64(img.straight[i+k]) * a
		}
	}
	if s.count == 0 {
		return s
	}
	// The 10 % most strongly inked pixels, at least 5 (or all there are).
	sort.SliceStable(inks, func(a, b int) bool { return inks[a].s > inks[b].s })
	n := int(math.Ceil(textStrongFrac * float64(len(inks))))
	n = min(max(n, textStrongMin), len(inks))
	top := inks[:n]
	vals := make([]float64, n)
	channelMedian := func(k int) float64 {
		for j, t := range top {
			vals[j] = float64(img.pm[t.i+k])
		}
		return median(vals)
	}
	s.alpha = channelMedian(3)
	if bg[3] == 0 {
		// Transparent background: alpha-weighted mean of the straight colour.
		if wsum > 0 {
			for k := 0; k < 3; k++ {
				s.color[k] = csum[k] / wsum
			}
		}
	} else {
		for k := 0; k < 3; k++ {
			s.color[k] = channelMedian(k)
		}
	}
	return s
}

func median(v []float64) float64 {
	sort.Float64s(v)
	n := len(v)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

// background returns the most common premultiplied pixel value of img (ties
// go to the value seen first).
func background(img premulImage) [4]uint8 {
	counts := make(map[[4]uint8]int)
	var best [4]uint8
	bestN := 0
	for i := 0; i+4 <= len(img.pm); i += 4 {
		k := [4]uint8(img.pm[i : i+4])
		counts[k]++
		if n := counts[k]; n > bestN {
			best, bestN = k, n
		}
	}
	return best
}

func compareText(r, g premulImage) *TextResult {
	t := &TextResult{Background: background(r)}
	ri, gi := measureInk(r, t.Background), measureInk(g, t.Background)
	t.RefInk, t.GotInk = ri.count, gi.count
	t.RefBox, t.GotBox = ri.box, gi.box
	t.RefColor, t.GotColor = ri.color, gi.color
	t.RefAlpha, t.GotAlpha = ri.alpha, gi.alpha
	t.Presence = (ri.count > 0) == (gi.count > 0)
	if ri.count == 0 || gi.count == 0 {
		// With no ink on either side there is nothing to place; with ink on
		// one side only, presence already fails.
		ok := t.Presence
		t.Horizontal, t.Vertical, t.Amount, t.Color, t.Alpha = ok, ok, ok, ok, ok
		if ok {
			t.AmountRatio = 1
		}
		return t
	}
	near := func(a, b int, tol float64) bool { return math.Abs(float64(a-b)) <= tol }
	xt := math.Max(textMinShift, textXFrac*float64(ri.box.Dx()))
	yt := math.Max(textMinShift, textYFrac*float64(ri.box.Dy()))
	t.Horizontal = near(gi.box.Min.X, ri.box.Min.X, xt) && near(gi.box.Max.X, ri.box.Max.X, xt)
	t.Vertical = near(gi.box.Min.Y, ri.box.Min.Y, yt) && near(gi.box.Max.Y, ri.box.Max.Y, yt)
	t.AmountRatio = gi.amount / ri.amount
	t.Amount = t.AmountRatio >= textAmountLo && t.AmountRatio <= textAmountHi
	t.Color = true
	for k := 0; k < 3; k++ {
		if math.Abs(gi.color[k]-ri.color[k]) > textColorTol {
			t.Color = false
		}
	}
	t.Alpha = math.Abs(gi.alpha-ri.alpha) <= textAlphaTol
	return t
}

// normalizeLog applies the behavior comparison's normalisation: CRLF to LF,
// trailing spaces and tabs removed from each line, trailing empty lines
// dropped.
func normalizeLog(b []byte) []string {
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// CompareLogs compares a behavior case's stdout with the reference log after
// normalisation. When they differ, the string describes the first difference.
func CompareLogs(ref, got []byte) (bool, string) {
	if bytes.Equal(ref, got) {
		return true, ""
	}
	r, g := normalizeLog(ref), normalizeLog(got)
	for i := 0; i < max(len(r), len(g)); i++ {
		switch {
		case i >= len(g):
			return false, fmt.Sprintf("line %d missing, want %q", i+1, r[i])
		case i >= len(r):
			return false, fmt.Sprintf("extra line %d: %q", i+1, g[i])
		case r[i] != g[i]:
			return false, fmt.Sprintf("line %d: got %q, want %q", i+1, g[i], r[i])
		}
	}
	return true, ""
}
