package renderer

import "image"

// YCbCr images (JPEG, lossy WebP) are converted to RGB the way the C
// decoders Chromium links do it, not with image/draw: Go's conversion
// takes the nearest chroma sample, where libjpeg-turbo and libwebp
// interpolate subsampled chroma ("fancy upsampling"), so a Go-converted
// 4:2:0 image differs from Chromium's by up to the full colour step along
// every chroma edge. WebP also uses BT.601's limited range, not JFIF's full
// range that image/color assumes. The integer arithmetic below is theirs,
// so the results match wherever the decoded planes do (the VP8 planes are
// bit-exact; JPEG's IDCT still rounds differently from libjpeg-turbo's
// JDCT_ISLOW by about one level).

// yuvBitmap converts a decoded JPEG or lossy WebP image, or returns nil
// for anything it does not handle (the caller then uses image/draw).
func yuvBitmap(format string, img image.Image, w, h int) *Bitmap {
	var (
		m     *image.YCbCr
		alpha []byte // NYCbCrA (lossy WebP with alpha)
		astr  int
	)
	switch t := img.(type) {
	case *image.YCbCr:
		m = t
	case *image.NYCbCrA:
		m, alpha, astr = &t.YCbCr, t.A, t.AStride
	default:
		return nil
	}
	if m.Rect != image.Rect(0, 0, w, h) {
		return nil
	}
	var cb, cr []byte
	switch format {
	case "jpeg":
		if alpha != nil {
			return nil
		}
		cb, cr = jpegUpsample(m, m.Cb, w, h), jpegUpsample(m, m.Cr, w, h)
		if cb == nil {
			return nil
		}
		return convert(m, cb, cr, w, h, nil, 0, jpegRGB)
	case "webp":
		if m.SubsampleRatio != image.YCbCrSubsampleRatio420 {
			return nil
		}
		cb, cr = webpUpsample(m, m.Cb, w, h), webpUpsample(m, m.Cr, w, h)
		return convert(m, cb, cr, w, h, alpha, astr, webpRGB)
	}
	return nil
}

// convert makes premultiplied BGRA of full-resolution planes.
func convert(m *image.YCbCr, cb, cr []byte, w, h int, alpha []byte, astr int, rgb func(y, cb, cr int) (r, g, b uint32)) *Bitmap {
	pix := make([]byte, 4*w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := y*w + x
			r, g, b := rgb(int(m.Y[y*m.YStride+x]), int(cb[i]), int(cr[i]))
			px := b | g<<8 | r<<16 | 0xff000000
			if alpha != nil {
				switch a := uint32(alpha[y*astr+x]); a {
				case 255:
				case 0:
					px = 0
				default:
					px = mulLanes(px&0x00ffffff, a) | a<<24
				}
			}
			pix[4*i], pix[4*i+1], pix[4*i+2], pix[4*i+3] = byte(px), byte(px>>8), byte(px>>16), byte(px>>24)
		}
	}
	return &Bitmap{W: w, H: h, Pix: pix}
}

// jpegUpsample returns a chroma plane at full resolution as
// libjpeg-turbo's default upsampling makes it (jdsample.c): a triangle
// filter for 2:1 horizontal (h2v1) and 2:1 both ways (h2v2), the nearest
// rows and columns of the image's own chroma extent repeated beyond it. It
// returns nil for other ratios.
func jpegUpsample(m *image.YCbCr, p []byte, w, h int) []byte {
	out := make([]byte, w*h)
	cw, ch := (w+1)/2, (h+1)/2
	row := make([]byte, 2*cw)
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio444:
		for y := 0; y < h; y++ {
			copy(out[y*w:(y+1)*w], p[y*m.CStride:])
		}
		return out
	case image.YCbCrSubsampleRatio422:
		for y := 0; y < h; y++ {
			in := p[y*m.CStride:]
			if cw == 1 {
				row[0], row[1] = in[0], in[0]
			} else {
				row[0] = in[0]
				row[1] = byte((int(in[0])*3 + int(in[1]) + 2) >> 2)
				for c := 1; c < cw-1; c++ {
					v := int(in[c]) * 3
					row[2*c] = byte((v + int(in[c-1]) + 1) >> 2)
					row[2*c+1] = byte((v + int(in[c+1]) + 2) >> 2)
				}
				row[2*cw-2] = byte((int(in[cw-1])*3 + int(in[cw-2]) + 1) >> 2)
				row[2*cw-1] = in[cw-1]
			}
			copy(out[y*w:(y+1)*w], row)
		}
		return out
	case image.YCbCrSubsampleRatio420:
		sums := make([]int, cw)
		for y := 0; y < h; y++ {
			near := y / 2
			far := near - 1 // the even row of a pair leans on the row above
			if y%2 == 1 {
				far = near + 1
			}
			far = min(max(far, 0), ch-1)
			in0, in1 := p[near*m.CStride:], p[far*m.CStride:]
			for c := range sums {
				sums[c] = int(in0[c])*3 + int(in1[c])
			}
			if cw == 1 {
				row[0] = byte((sums[0]*4 + 8) >> 4)
				row[1] = byte((sums[0]*4 + 7) >> 4)
			} else {
				row[0] = byte((sums[0]*4 + 8) >> 4)
				row[1] = byte((sums[0]*3 + sums[1] + 7) >> 4)
				for c := 1; c < cw-1; c++ {
					row[2*c] = byte((sums[c]*3 + sums[c-1] + 8) >> 4)
					row[2*c+1] = byte((sums[c]*3 + sums[c+1] + 7) >> 4)
				}
				row[2*cw-2] = byte((sums[cw-1]*3 + sums[cw-2] + 8) >> 4)
				row[2*cw-1] = byte((sums[cw-1]*4 + 7) >> 4)
			}
			copy(out[y*w:(y+1)*w], row)
		}
		return out
	}
	return nil
}

// jpegRGB is jdcolor.c's YCbCr→RGB: JFIF full range, 16-bit fixed point,
// the Cr→R and Cb→B terms rounded in the table, the G terms summed before
// rounding.
func jpegRGB(y, cb, cr int) (r, g, b uint32) {
	const half = 1 << 15
	cb, cr = cb-128, cr-128
	rr := y + (91881*cr+half)>>16
	gg := y + (-22554*cb-46802*cr+half)>>16
	bb := y + (116130*cb+half)>>16
	return clamp8(rr), clamp8(gg), clamp8(bb)
}

func clamp8(v int) uint32 {
	return uint32(min(max(v, 0), 255))
}

// webpUpsample returns a 4:2:0 chroma plane at full resolution as libwebp's
// fancy upsampler makes it (upsampling.c, io_dec.c's EmitFancyRGB): each
// pixel mixes the four nearest chroma samples 9:3:3:1; the first row, the
// last row of an even height, the first column and the last column of an
// even width use the nearest two.
func webpUpsample(m *image.YCbCr, p []byte, w, h int) []byte {
	out := make([]byte, w*h)
	cw, ch := (w+1)/2, (h+1)/2
	at := func(cx, cy int) int {
		return int(p[min(cy, ch-1)*m.CStride+min(cx, cw-1)])
	}
	// line fills output row y from chroma rows top (weight 3 for the
	// upper output row of a pair) and cur.
	line := func(y, top, cur int, upper bool) {
		o := out[y*w : (y+1)*w]
		near, far := cur, top
		if upper {
			near, far = top, cur
		}
		o[0] = byte((3*at(0, near) + at(0, far) + 2) >> 2)
		last := (w - 1) >> 1
		for x := 1; x <= last; x++ {
			tl, t, l, c := at(x-1, top), at(x, top), at(x-1, cur), at(x, cur)
			avg := tl + t + l + c + 8
			d12 := (avg + 2*(t+l)) >> 3
			d03 := (avg + 2*(tl+c)) >> 3
			if upper {
				o[2*x-1] = byte((d12 + tl) >> 1)
				o[2*x] = byte((d03 + t) >> 1)
			} else {
				o[2*x-1] = byte((d03 + l) >> 1)
				o[2*x] = byte((d12 + c) >> 1)
			}
		}
		if w&1 == 0 {
			o[w-1] = byte((3*at(last, near) + at(last, far) + 2) >> 2)
		}
	}
	// Row 0 and, for an even height, row h-1 (its lower neighbour clamped
	// to the last chroma row) use only their own chroma row.
	line(0, 0, 0, true)
	for y := 1; y < h; y += 2 {
		k := (y + 1) / 2
		line(y, k-1, k, true)
		if y+1 < h {
			line(y+1, k-1, k, false)
		}
	}
	return out
}

// webpRGB is libwebp's BT.601 limited-range conversion (yuv.h): 14-bit
// products (mulhi of 8.8 fixed point), descaled by 6 bits with clipping.
func webpRGB(y, u, v int) (r, g, b uint32) {
	mulHi := func(a, k int) int { return a * k >> 8 }
	clip := func(x int) uint32 {
		if x&^(256<<6-1) == 0 {
			return uint32(x >> 6)
		}
		if x < 0 {
			return 0
		}
		return 255
	}
	r = clip(mulHi(y, 19077) + mulHi(v, 26149) - 14234)
	g = clip(mulHi(y, 19077) - mulHi(u, 6419) - mulHi(v, 13320) + 8708)
	b = clip(mulHi(y, 19077) + mulHi(u, 33050) - 17685)
	return r, g, b
}
