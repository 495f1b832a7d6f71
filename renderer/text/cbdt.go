package text

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/draw"
	"image/png"
)

// Colour bitmap glyphs (the CBDT and CBLC tables), which is how Noto Color
// Emoji stores its glyphs: one strike of PNG images at 109 pixels per em.
// sfnt reads the font's cmap and metrics but refuses these glyphs
// (ErrColoredGlyph); this file finds and decodes the PNG of a glyph. Skia
// draws such a glyph as its bitmap scaled from the strike's size to the
// text size with bilinear filtering, ignoring the fill style, and the
// renderer does the same with drawImage.

// strike is the bitmap strike of a colour font: its size and where each
// glyph's image lies in the CBDT table.
type strike struct {
	cbdt, cblc []byte
	ppem       float64
	// index is the strike's IndexSubTableArray (in cblc) and n its length.
	index, n int
}

// Bitmap is a colour glyph image in premultiplied BGRA and the box it
// covers in font units (y down, relative to the glyph origin). It
// implements paint.Image.
type Bitmap struct {
	W, H int
	Pix  []byte
	Box  struct{ X0, Y0, X1, Y1 float64 }
	// Advance is the strike's advance in font units: Skia takes a bitmap
	// glyph's advance from the strike (136 px at 109 ppem in Noto Color
	// Emoji, so 24.954px at 20px), not from hmtx (2550/2048 em).
	Advance float64
}

// Size returns the image's size in pixels.
func (b *Bitmap) Size() (w, h int) { return b.W, b.H }

// PremulBGRA returns the pixels, stride 4·W.
func (b *Bitmap) PremulBGRA() ([]byte, int) { return b.Pix, 4 * b.W }

// findTable returns the bytes of the table tag of an sfnt font, or nil.
func findTable(ttf []byte, tag string) []byte {
	if len(ttf) < 12 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return nil
		}
		if string(ttf[rec:rec+4]) != tag {
			continue
		}
		off := uint64(binary.BigEndian.Uint32(ttf[rec+8:]))
		size := uint64(binary.BigEndian.Uint32(ttf[rec+12:]))
		if off+size > uint64(len(ttf)) {
			return nil
		}
		return ttf[off : off+size]
	}
	return nil
}

// hideTable sets the length of table tag to zero in the table directory
// of ttf, so that sfnt skips it.
func hideTable(ttf []byte, tag string) {
	if len(ttf) < 12 {
		return
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return
		}
		if string(ttf[rec:rec+4]) == tag {
			binary.BigEndian.PutUint32(ttf[rec+12:], 0)
		}
	}
}

// parseStrike returns the largest bitmap strike of a font with CBDT and
// CBLC tables, or nil.
func parseStrike(ttf []byte) *strike {
	cbdt, cblc := findTable(ttf, "CBDT"), findTable(ttf, "CBLC")
	if len(cbdt) < 4 || len(cblc) < 8 {
		return nil
	}
	numSizes := int(binary.BigEndian.Uint32(cblc[4:]))
	var best *strike
	for i := 0; i < numSizes; i++ {
		rec := 8 + 48*i
		if rec+48 > len(cblc) {
			break
		}
		off := int(binary.BigEndian.Uint32(cblc[rec:]))
		n := int(binary.BigEndian.Uint32(cblc[rec+8:]))
		ppem := float64(cblc[rec+45])
		if off < 0 || n < 0 || off+8*n > len(cblc) || ppem == 0 {
			continue
		}
		if best == nil || ppem > best.ppem {
			best = &strike{cbdt: cbdt, cblc: cblc, ppem: ppem, index: off, n: n}
		}
	}
	return best
}

// u16 and u32 are be16 and be32 (otlayout.go) reading 0 past the end.
func u16(b []byte, off int) int {
	v, _ := be16(b, off)
	return v
}

func u32(b []byte, off int) int {
	v, _ := be32(b, off)
	return v
}

// maxBitmapSide bounds a colour glyph's image: Noto Color Emoji's are
// 136×128; a larger one is not worth decoding.
const maxBitmapSide = 512

// glyph decodes the bitmap of glyph gid, in a font of upem units per em,
// or returns nil when the strike has none (or it does not decode).
func (s *strike) glyph(gid uint16, upem float64) *Bitmap {
	for i := 0; i < s.n; i++ {
		rec := s.index + 8*i
		first, last := u16(s.cblc, rec), u16(s.cblc, rec+2)
		if int(gid) < first || int(gid) > last {
			continue
		}
		sub := s.index + u32(s.cblc, rec+4)
		indexFormat, imageFormat := u16(s.cblc, sub), u16(s.cblc, sub+2)
		imageOff := u32(s.cblc, sub+4)
		k := int(gid) - first
		var start, end int
		var big []byte // metrics kept in the index (formats 2 and 5)
		switch indexFormat {
		case 1:
			start, end = u32(s.cblc, sub+8+4*k), u32(s.cblc, sub+12+4*k)
		case 3:
			start, end = u16(s.cblc, sub+8+2*k), u16(s.cblc, sub+10+2*k)
		case 2:
			size := u32(s.cblc, sub+8)
			start, end = k*size, (k+1)*size
			if sub+20 <= len(s.cblc) {
				big = s.cblc[sub+12 : sub+20]
			}
		case 4:
			num := u32(s.cblc, sub+8)
			for j := 0; j < num && j < 1<<16; j++ {
				if u16(s.cblc, sub+12+4*j) == int(gid) {
					start, end = u16(s.cblc, sub+14+4*j), u16(s.cblc, sub+18+4*j)
					break
				}
			}
		case 5:
			size := u32(s.cblc, sub+8)
			if sub+20 <= len(s.cblc) {
				big = s.cblc[sub+12 : sub+20]
			}
			num := u32(s.cblc, sub+20)
			for j := 0; j < num && j < 1<<16; j++ {
				if u16(s.cblc, sub+24+2*j) == int(gid) {
					start, end = j*size, (j+1)*size
					break
				}
			}
		default:
			return nil
		}
		if end <= start {
			return nil
		}
		return s.decode(imageFormat, imageOff+start, imageOff+end, big, upem)
	}
	return nil
}

// decode reads one CBDT glyph record of format 17, 18 or 19 in
// cbdt[start:end].
func (s *strike) decode(format, start, end int, big []byte, upem float64) *Bitmap {
	if start < 0 || end > len(s.cbdt) || start >= end {
		return nil
	}
	rec := s.cbdt[start:end]
	var w, h, bx, by, adv int
	var data []byte
	switch format {
	case 17: // small metrics, length, PNG
		if len(rec) < 9 {
			return nil
		}
		h, w, bx, by, adv = int(rec[0]), int(rec[1]), int(int8(rec[2])), int(int8(rec[3])), int(rec[4])
		data = rec[9:]
		if n := u32(rec, 5); n <= len(data) {
			data = data[:n]
		}
	case 18: // big metrics, length, PNG
		if len(rec) < 12 {
			return nil
		}
		h, w, bx, by, adv = int(rec[0]), int(rec[1]), int(int8(rec[2])), int(int8(rec[3])), int(rec[4])
		data = rec[12:]
		if n := u32(rec, 8); n <= len(data) {
			data = data[:n]
		}
	case 19: // length, PNG; metrics in the index
		if len(rec) < 4 || len(big) < 8 {
			return nil
		}
		h, w, bx, by, adv = int(big[0]), int(big[1]), int(int8(big[2])), int(int8(big[3])), int(big[4])
		data = rec[4:]
		if n := u32(rec, 0); n <= len(data) {
			data = data[:n]
		}
	default:
		return nil
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > maxBitmapSide || cfg.Height > maxBitmapSide {
		return nil
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	// image.RGBA is premultiplied; draw converts any PNG model to it.
	rgba := image.NewRGBA(image.Rect(0, 0, cfg.Width, cfg.Height))
	draw.Draw(rgba, rgba.Rect, img, img.Bounds().Min, draw.Src)
	pix := rgba.Pix
	for i := 0; i+3 < len(pix); i += 4 {
		pix[i], pix[i+2] = pix[i+2], pix[i]
	}
	if w == 0 || h == 0 {
		w, h = cfg.Width, cfg.Height
	}
	k := upem / s.ppem
	b := &Bitmap{W: cfg.Width, H: cfg.Height, Pix: pix, Advance: float64(adv) * k}
	b.Box.X0, b.Box.Y0 = float64(bx)*k, float64(-by)*k
	b.Box.X1, b.Box.Y1 = float64(bx+w)*k, float64(-by+h)*k
	return b
}
