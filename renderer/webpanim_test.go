package renderer

import (
	"bytes"
	"encoding/binary"
	"os"
	"testing"
)

// TestWebPAnimationFirstFrame: an animated WebP decodes to its first frame,
// as libwebp (Pillow) decodes it, and a frame at an offset lands there on
// the animation's canvas.
func TestWebPAnimationFirstFrame(t *testing.T) {
	data, err := os.ReadFile("testdata/anim_lossy_alpha.webp")
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := DecodeImage(data, DecodeLimits{})
	if err != nil {
		t.Fatal(err)
	}
	want := decodePNGFile(t, "testdata/anim_lossy_alpha.webp.png", got.W, got.H)
	if !bytes.Equal(got.Pix, want.Pix) {
		t.Error("first frame differs from libwebp's")
	}

	// The lossless still's VP8L chunk as the first frame of a 20×16
	// animation, at (4, 2).
	still, err := os.ReadFile("testdata/still_lossless.webp")
	if err != nil {
		t.Fatal(err)
	}
	frame, _, err := DecodeImage(still, DecodeLimits{})
	if err != nil {
		t.Fatal(err)
	}
	chunk := func(cc string, p []byte) []byte {
		out := binary.LittleEndian.AppendUint32([]byte(cc), uint32(len(p)))
		out = append(out, p...)
		if len(p)&1 == 1 {
			out = append(out, 0)
		}
		return out
	}
	u24 := func(v int) []byte { return []byte{byte(v), byte(v >> 8), byte(v >> 16)} }
	vp8x := append(append([]byte{0x12, 0, 0, 0}, u24(19)...), u24(15)...) // animation, alpha
	anmf := append(append(append(append(u24(2), u24(1)...), u24(frame.W-1)...), u24(frame.H-1)...), 100, 0, 0, 0)
	anmf = append(anmf, still[12:]...) // the VP8L chunk
	body := append(append(chunk("VP8X", vp8x), chunk("ANIM", make([]byte, 6))...), chunk("ANMF", anmf)...)
	file := append(append(binary.LittleEndian.AppendUint32([]byte("RIFF"), uint32(4+len(body))), "WEBP"...), body...)
	anim, _, err := DecodeImage(file, DecodeLimits{})
	if err != nil {
		t.Fatal(err)
	}
	if anim.W != 20 || anim.H != 16 {
		t.Fatalf("canvas %d×%d", anim.W, anim.H)
	}
	for y := range anim.H {
		for x := range anim.W {
			var want []byte
			if fx, fy := x-4, y-2; fx >= 0 && fy >= 0 && fx < frame.W && fy < frame.H {
				want = frame.Pix[4*(fy*frame.W+fx):][:4]
			} else {
				want = make([]byte, 4)
			}
			if got := anim.Pix[4*(y*anim.W+x):][:4]; !bytes.Equal(got, want) {
				t.Fatalf("pixel (%d, %d) = %v, want %v", x, y, got, want)
			}
		}
	}
}
