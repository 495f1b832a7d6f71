package renderer

import "encoding/binary"

// golang.org/x/image/webp decodes still images only. A browser draws an
// animated WebP's first frame (its current frame when the script has not
// let time pass), so the first ANMF frame is rewrapped as a still WebP,
// decoded as one, and placed on the animation's canvas.

// webpChunks calls fn with each chunk of a RIFF WEBP file (or of an ANMF
// frame's payload) until fn returns false. The chunk lengths are
// untrusted: a chunk running past the end stops the walk.
func webpChunks(b []byte, fn func(fourcc string, payload []byte) bool) {
	for len(b) >= 8 {
		n := binary.LittleEndian.Uint32(b[4:])
		if uint64(n) > uint64(len(b)-8) {
			return
		}
		if !fn(string(b[:4]), b[8:8+n]) {
			return
		}
		adv := 8 + int(n) + int(n&1)
		if adv > len(b) {
			return
		}
		b = b[adv:]
	}
}

// webpFirstFrame returns the first frame of an animated WebP as a still
// WebP file and the frame's offset on the canvas; ok is false for a file
// that is not an animation or has no usable frame.
func webpFirstFrame(data []byte) (still []byte, x, y int, ok bool) {
	if len(data) < 12 {
		return nil, 0, 0, false
	}
	animated := false
	var frame []byte
	webpChunks(data[12:], func(cc string, p []byte) bool {
		switch cc {
		case "VP8X":
			animated = len(p) >= 10 && p[0]&0x02 != 0
		case "ANMF":
			frame = p
			return false
		}
		return true
	})
	if !animated || len(frame) < 16 {
		return nil, 0, 0, false
	}
	u24 := func(b []byte) int { return int(b[0]) | int(b[1])<<8 | int(b[2])<<16 }
	x, y = 2*u24(frame[0:]), 2*u24(frame[3:])
	fw, fh := u24(frame[6:])+1, u24(frame[9:])+1
	var alph, vp8, vp8l []byte
	webpChunks(frame[16:], func(cc string, p []byte) bool {
		switch cc {
		case "ALPH":
			alph = p
		case "VP8 ":
			vp8 = p
			return false
		case "VP8L":
			vp8l = p
			return false
		}
		return true
	})
	chunk := func(out []byte, cc string, p []byte) []byte {
		out = append(out, cc...)
		out = binary.LittleEndian.AppendUint32(out, uint32(len(p)))
		out = append(out, p...)
		if len(p)&1 == 1 {
			out = append(out, 0)
		}
		return out
	}
	var body []byte
	switch {
	case vp8l != nil:
		body = chunk(nil, "VP8L", vp8l)
	case vp8 != nil && alph != nil:
		hdr := []byte{0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0} // alpha
		hdr[4], hdr[5], hdr[6] = byte(fw-1), byte((fw-1)>>8), byte((fw-1)>>16)
		hdr[7], hdr[8], hdr[9] = byte(fh-1), byte((fh-1)>>8), byte((fh-1)>>16)
		body = chunk(chunk(chunk(nil, "VP8X", hdr), "ALPH", alph), "VP8 ", vp8)
	case vp8 != nil:
		body = chunk(nil, "VP8 ", vp8)
	default:
		return nil, 0, 0, false
	}
	still = append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(4+len(body)))...)
	still = append(append(still, "WEBP"...), body...)
	return still, x, y, true
}

// placeFrame returns a w×h bitmap, transparent but for frame at (x, y).
func placeFrame(frame *Bitmap, w, h, x, y int) *Bitmap {
	out := &Bitmap{W: w, H: h, Pix: make([]byte, 4*w*h)}
	for fy := 0; fy < frame.H && y+fy < h; fy++ {
		if x >= w {
			break
		}
		n := min(frame.W, w-x)
		copy(out.Pix[4*((y+fy)*w+x):], frame.Pix[4*fy*frame.W:4*(fy*frame.W+n)])
	}
	return out
}
