package renderer

import (
	"encoding/binary"
	"image"
	"image/color"
	"math"
)

// Chromium colour-manages a PNG that states its gamma (a gAMA chunk) and
// no sRGB or ICC profile: the samples are decoded with the stated gamma
// and re-encoded as sRGB. A gamma whose product with 2.2 lies within 5 %
// of 1 (libpng's "insignificant" gamma, which takes in the usual 1/2.2) is
// left alone, as Chromium does. Primaries (cHRM) and ICC profiles are not
// applied: the samples are taken as sRGB's.

// pngGamma returns the exponent that decodes the samples of a PNG to
// linear light, or ok false when the PNG is to be drawn as it is. It
// reads the chunks before the first IDAT, bounds-checked.
func pngGamma(data []byte) (exp float64, ok bool) {
	var gama uint32
	for i := 8; i+12 <= len(data); {
		n := binary.BigEndian.Uint32(data[i:])
		typ := string(data[i+4 : i+8])
		if uint64(n) > uint64(len(data)-i-12) {
			break
		}
		switch typ {
		case "IDAT", "IEND":
			i = len(data)
			continue
		case "sRGB", "iCCP":
			return 0, false
		case "gAMA":
			if n == 4 {
				gama = binary.BigEndian.Uint32(data[i+8:])
			}
		}
		i += 12 + int(n)
	}
	if gama == 0 {
		return 0, false
	}
	if p := float64(gama) / 100000 * 2.2; p >= 0.95 && p <= 1.05 {
		return 0, false
	}
	return 100000 / float64(gama), true
}

// srgbEncode is sRGB's transfer function from linear light.
func srgbEncode(l float64) float64 {
	if l <= 0.0031308 {
		return 12.92 * l
	}
	return 1.055*math.Pow(l, 1/2.4) - 0.055
}

// gammaToSRGB re-encodes img's colour samples (not alpha) from the
// decoding exponent exp to sRGB, in straight alpha.
func gammaToSRGB(img image.Image, exp float64) image.Image {
	lut := make([]int16, 1<<16)
	for i := range lut {
		lut[i] = -1
	}
	conv := func(v uint16) uint8 {
		if lut[v] < 0 {
			s := srgbEncode(math.Pow(float64(v)/65535, exp))
			lut[v] = int16(math.Min(math.Max(math.Floor(s*255+0.5), 0), 255))
		}
		return uint8(lut[v])
	}
	nrgba := func(c color.Color) color.NRGBA {
		n := color.NRGBA64Model.Convert(c).(color.NRGBA64)
		return color.NRGBA{R: conv(n.R), G: conv(n.G), B: conv(n.B), A: uint8(n.A >> 8)}
	}
	if p, ok := img.(*image.Paletted); ok {
		q := *p
		q.Palette = make(color.Palette, len(p.Palette))
		for i, c := range p.Palette {
			q.Palette[i] = nrgba(c)
		}
		return &q
	}
	b := img.Bounds()
	out := image.NewNRGBA(b)
	// 8-bit RGBA and opaque RGB, the common cases: straight from the
	// pixels (an opaque RGBA is straight too).
	var pix []byte
	switch m := img.(type) {
	case *image.NRGBA:
		pix = m.Pix
		if m.Stride != 4*b.Dx() {
			pix = nil
		}
	case *image.RGBA:
		if m.Opaque() && m.Stride == 4*b.Dx() {
			pix = m.Pix
		}
	}
	if pix != nil {
		for i := 0; i+3 < len(out.Pix); i += 4 {
			out.Pix[i] = conv(uint16(pix[i]) * 257)
			out.Pix[i+1] = conv(uint16(pix[i+1]) * 257)
			out.Pix[i+2] = conv(uint16(pix[i+2]) * 257)
			out.Pix[i+3] = pix[i+3]
		}
		return out
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := nrgba(img.At(x, y))
			i := out.PixOffset(x, y)
			out.Pix[i], out.Pix[i+1], out.Pix[i+2], out.Pix[i+3] = c.R, c.G, c.B, c.A
		}
	}
	return out
}
