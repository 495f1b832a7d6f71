package renderer

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
)

// DefaultJPEGQuality is toDataURL's quality for JPEG when the script gives
// none or one outside [0, 1] (Chromium's default).
const DefaultJPEGQuality = 0.92

// EncodeImage encodes w×h premultiplied BGRA pixels as toDataURL and toBlob
// do: "image/jpeg" at quality (0–1) over opaque black, anything else as
// PNG with straight alpha (round(c×255/a), as Chromium's encoder). It
// returns the MIME type used.
func EncodeImage(pix []byte, stride, w, h int, mime string, quality float64) ([]byte, string, error) {
	var buf bytes.Buffer
	if mime == "image/jpeg" {
		if !(quality >= 0 && quality <= 1) {
			quality = DefaultJPEGQuality
		}
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			src := pix[y*stride : y*stride+4*w]
			dst := img.Pix[y*img.Stride : y*img.Stride+4*w]
			for i := 0; i+3 < len(src); i += 4 {
				// Premultiplied colour over black is the colour itself.
				dst[i], dst[i+1], dst[i+2], dst[i+3] = src[i+2], src[i+1], src[i], 255
			}
		}
		q := int(quality*100 + 0.5)
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: max(q, 1)}); err != nil {
			return nil, "", err
		}
		return buf.Bytes(), mime, nil
	}
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		src := pix[y*stride : y*stride+4*w]
		dst := img.Pix[y*img.Stride : y*img.Stride+4*w]
		for i := 0; i+3 < len(src); i += 4 {
			a := uint32(src[i+3])
			if a == 0 {
				continue
			}
			dst[i+0] = unpremulRound(src[i+2], a)
			dst[i+1] = unpremulRound(src[i+1], a)
			dst[i+2] = unpremulRound(src[i+0], a)
			dst[i+3] = uint8(a)
		}
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), "image/png", nil
}

// unpremulRound is round(c×255/a), the PNG encoder's un-premultiply (the
// readback in getImageData rounds differently: unpremul).
func unpremulRound(c uint8, a uint32) uint8 {
	return uint8(min((uint32(c)*255+a/2)/a, 255))
}
