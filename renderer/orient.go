package renderer

import "encoding/binary"

// Browsers draw a JPEG the way its EXIF orientation tag says (CSS
// image-orientation: from-image, the default, which canvases follow too):
// the natural size is the oriented one.

// jpegOrientation returns the EXIF orientation (1 to 8) of a JPEG, or 1
// when it has none or the metadata is malformed. It reads the APP1
// segments before the first frame header and the first IFD of their TIFF
// data, bounds-checked: the bytes are untrusted.
func jpegOrientation(data []byte) int {
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xff {
			return 1
		}
		marker := data[i+1]
		if marker == 0xff { // fill byte
			i++
			continue
		}
		if marker == 0xda || marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc {
			return 1 // scan or frame header: no orientation before it
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return 1
		}
		seg := data[i+4 : i+2+n]
		if marker == 0xe1 && len(seg) >= 6 && string(seg[:6]) == "Exif\x00\x00" {
			if o := tiffOrientation(seg[6:]); o != 0 {
				return o
			}
		}
		i += 2 + n
	}
	return 1
}

// tiffOrientation finds tag 0x0112 in the first IFD of TIFF data, or
// returns 0.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 0
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0
	}
	if bo.Uint16(t[2:]) != 42 {
		return 0
	}
	off := int64(bo.Uint32(t[4:]))
	if off < 8 || off+2 > int64(len(t)) {
		return 0
	}
	n := int64(bo.Uint16(t[off:]))
	for k := int64(0); k < n; k++ {
		e := off + 2 + 12*k
		if e+12 > int64(len(t)) {
			return 0
		}
		if bo.Uint16(t[e:]) != 0x0112 {
			continue
		}
		if bo.Uint16(t[e+2:]) != 3 || bo.Uint32(t[e+4:]) != 1 { // one SHORT
			return 0
		}
		if o := int(bo.Uint16(t[e+8:])); o >= 1 && o <= 8 {
			return o
		}
		return 0
	}
	return 0
}

// orient returns b as EXIF orientation o displays it: 2 mirrors, 3
// rotates 180°, 4 flips, 5 transposes, 6 rotates 90° clockwise, 7
// transverses, 8 rotates 90° counter-clockwise.
func orient(b *Bitmap, o int) *Bitmap {
	if o <= 1 || o > 8 {
		return b
	}
	w, h := b.W, b.H
	ow, oh := w, h
	if o >= 5 {
		ow, oh = h, w
	}
	out := &Bitmap{W: ow, H: oh, Pix: make([]byte, len(b.Pix))}
	for y := 0; y < oh; y++ {
		for x := 0; x < ow; x++ {
			var sx, sy int
			switch o {
			case 2:
				sx, sy = w-1-x, y
			case 3:
				sx, sy = w-1-x, h-1-y
			case 4:
				sx, sy = x, h-1-y
			case 5:
				sx, sy = y, x
			case 6:
				sx, sy = y, h-1-x
			case 7:
				sx, sy = w-1-y, h-1-x
			case 8:
				sx, sy = w-1-y, x
			}
			copy(out.Pix[4*(y*ow+x):4*(y*ow+x)+4], b.Pix[4*(sy*w+sx):])
		}
	}
	return out
}
