package renderer

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
	"testing"
)

func TestOrient(t *testing.T) {
	// a b c
	// d e f
	src := &Bitmap{W: 3, H: 2, Pix: make([]byte, 24)}
	for i := range 6 {
		src.Pix[4*i] = "abcdef"[i]
	}
	for o, want := range map[int]string{
		1: "abc/def", 2: "cba/fed", 3: "fed/cba", 4: "def/abc",
		5: "ad/be/cf", 6: "da/eb/fc", 7: "fc/eb/da", 8: "cf/be/ad",
	} {
		b := orient(src, o)
		var got []byte
		for y := range b.H {
			if y > 0 {
				got = append(got, '/')
			}
			for x := range b.W {
				got = append(got, b.Pix[4*(y*b.W+x)])
			}
		}
		if string(got) != want {
			t.Errorf("orientation %d: %s, want %s", o, got, want)
		}
	}
}

// exifJPEG returns a 4×2 JPEG with an APP1 Exif segment holding
// orientation o in the byte order bo.
func exifJPEG(t *testing.T, o uint16, bo binary.AppendByteOrder) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 2)), nil); err != nil {
		t.Fatal(err)
	}
	tiff := []byte("MM\x00\x2a")
	if bo == binary.AppendByteOrder(binary.LittleEndian) {
		tiff = []byte("II\x2a\x00")
	}
	tiff = bo.AppendUint32(tiff, 8)
	tiff = bo.AppendUint16(tiff, 2) // two entries: an unrelated one first
	tiff = bo.AppendUint16(tiff, 0x010f)
	tiff = bo.AppendUint16(tiff, 2)
	tiff = bo.AppendUint32(tiff, 4)
	tiff = append(tiff, "Go\x00\x00"...)
	tiff = bo.AppendUint16(tiff, 0x0112)
	tiff = bo.AppendUint16(tiff, 3)
	tiff = bo.AppendUint32(tiff, 1)
	tiff = bo.AppendUint16(tiff, o)
	tiff = append(tiff, 0, 0, 0, 0, 0, 0) // padding, next IFD 0
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := binary.BigEndian.AppendUint16([]byte{0xff, 0xe1}, uint16(len(seg)+2))
	app1 = append(app1, seg...)
	data := buf.Bytes()
	return append(append(append([]byte(nil), data[:2]...), app1...), data[2:]...)
}

func TestJPEGOrientation(t *testing.T) {
	for _, bo := range []binary.AppendByteOrder{binary.BigEndian, binary.LittleEndian} {
		for o := uint16(1); o <= 8; o++ {
			data := exifJPEG(t, o, bo)
			if got := jpegOrientation(data); got != int(o) {
				t.Errorf("%v orientation %d: read %d", bo, o, got)
			}
			bmp, _, err := DecodeImage(data, DecodeLimits{})
			if err != nil {
				t.Fatal(err)
			}
			if w := map[bool]int{false: 4, true: 2}[o >= 5]; bmp.W != w || bmp.H != 6-w {
				t.Errorf("orientation %d: decoded %d×%d", o, bmp.W, bmp.H)
			}
		}
	}
	// Out of range, truncated or absent: upright.
	for _, data := range [][]byte{exifJPEG(t, 9, binary.BigEndian), exifJPEG(t, 6, binary.BigEndian)[:40], {0xff, 0xd8}} {
		if got := jpegOrientation(data); got != 1 {
			t.Errorf("%q: orientation %d", data, got)
		}
	}
}
