package renderer

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/bmp"
	"golang.org/x/image/webp"
)

// DecodeLimits bound the images DecodeImage accepts. The bytes come from
// the script or the host and are untrusted: the header's claimed size is
// checked before any pixel memory is allocated, so that a small file
// claiming a huge image (a decompression bomb) fails cleanly.
type DecodeLimits struct {
	// MaxBytes bounds width×height×4 of the decoded image; 0 means
	// DefaultMaxImageBytes.
	MaxBytes int64
	// MaxSide bounds the width and the height; 0 means 32767 (Chromium's
	// limit for canvases and decoded images).
	MaxSide int
}

// DefaultMaxImageBytes is the decoded-size bound when DecodeLimits.MaxBytes
// is 0: 256 MiB, an 8192×8192 image.
const DefaultMaxImageBytes = 256 << 20

// ErrImageTooLarge is returned for an image whose claimed size is beyond
// the limits.
var ErrImageTooLarge = errors.New("image dimensions exceed the decoding limit")

// Bitmap is a decoded image: premultiplied BGRA, stride 4×W. It is a
// paint.Image (drawImage, createPattern) and never changes after decoding.
type Bitmap struct {
	W, H int
	Pix  []byte
}

// Size returns the bitmap's size.
func (b *Bitmap) Size() (w, h int) { return b.W, b.H }

// PremulBGRA returns the bitmap's pixels.
func (b *Bitmap) PremulBGRA() ([]byte, int) { return b.Pix, 4 * b.W }

// sniff names the format of data from its signature, as browsers decide
// by content and not by the URL or the MIME type.
func sniff(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return "jpeg"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "gif"
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "webp"
	case bytes.HasPrefix(data, []byte("BM")):
		return "bmp"
	}
	return ""
}

// DecodeImage decodes a PNG, JPEG (upright as its EXIF orientation says),
// GIF (its first frame), WebP (an animation's first frame) or BMP image
// into premultiplied BGRA. It returns the format's name; an unknown format,
// a corrupt file or a size beyond lim is an error, never a panic.
func DecodeImage(data []byte, lim DecodeLimits) (out *Bitmap, format string, err error) {
	format = sniff(data)
	var (
		configOf func([]byte) (image.Config, error)
		decode   func([]byte) (image.Image, error)
	)
	rd := func(f func(r *bytes.Reader) (image.Config, error)) func([]byte) (image.Config, error) {
		return func(b []byte) (image.Config, error) { return f(bytes.NewReader(b)) }
	}
	switch format {
	case "png":
		configOf = rd(func(r *bytes.Reader) (image.Config, error) { return png.DecodeConfig(r) })
		decode = func(b []byte) (image.Image, error) { return png.Decode(bytes.NewReader(b)) }
	case "jpeg":
		configOf = rd(func(r *bytes.Reader) (image.Config, error) { return jpeg.DecodeConfig(r) })
		decode = func(b []byte) (image.Image, error) { return jpeg.Decode(bytes.NewReader(b)) }
	case "gif":
		configOf = rd(func(r *bytes.Reader) (image.Config, error) { return gif.DecodeConfig(r) })
		decode = func(b []byte) (image.Image, error) { return gif.Decode(bytes.NewReader(b)) }
	case "webp":
		configOf = rd(func(r *bytes.Reader) (image.Config, error) { return webp.DecodeConfig(r) })
		decode = func(b []byte) (image.Image, error) { return webp.Decode(bytes.NewReader(b)) }
	case "bmp":
		configOf = rd(func(r *bytes.Reader) (image.Config, error) { return bmp.DecodeConfig(r) })
		decode = func(b []byte) (image.Image, error) { return bmp.Decode(bytes.NewReader(b)) }
	default:
		return nil, "", errors.New("unknown image format")
	}
	cfg, err := configOf(data)
	if err != nil {
		return nil, format, fmt.Errorf("%s header: %w", format, err)
	}
	if err := lim.check(cfg.Width, cfg.Height); err != nil {
		return nil, format, err
	}
	if format == "webp" {
		if still, fx, fy, ok := webpFirstFrame(data); ok {
			frame, _, err := DecodeImage(still, lim)
			if err != nil {
				return nil, format, fmt.Errorf("webp animation: %w", err)
			}
			return placeFrame(frame, cfg.Width, cfg.Height, fx, fy), format, nil
		}
	}
	// A decoder bug must fail this image, not the run.
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("%s: decoder failed: %v", format, p)
		}
	}()
	img, err := decode(data)
	if err != nil {
		return nil, format, fmt.Errorf("%s: %w", format, err)
	}
	if format == "png" {
		if exp, ok := pngGamma(data); ok {
			img = gammaToSRGB(img, exp)
		}
	}
	// The logical size is the header's (a GIF's first frame may cover
	// only part of its screen).
	bmp := yuvBitmap(format, img, cfg.Width, cfg.Height)
	if bmp == nil {
		bmp = toBitmap(img, cfg.Width, cfg.Height)
	}
	if format == "jpeg" {
		bmp = orient(bmp, jpegOrientation(data))
	}
	return bmp, format, nil
}

func (lim DecodeLimits) check(w, h int) error {
	maxBytes, maxSide := lim.MaxBytes, lim.MaxSide
	if maxBytes <= 0 {
		maxBytes = DefaultMaxImageBytes
	}
	if maxSide <= 0 {
		maxSide = 32767
	}
	if w <= 0 || h <= 0 {
		return errors.New("image has no pixels")
	}
	if w > maxSide || h > maxSide || int64(w)*int64(h)*4 > maxBytes {
		return fmt.Errorf("%w: %d×%d", ErrImageTooLarge, w, h)
	}
	return nil
}

// toBitmap converts img, placed at its bounds inside a w×h canvas, to
// premultiplied BGRA.
func toBitmap(img image.Image, w, h int) *Bitmap {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	b := img.Bounds()
	if nrgba, ok := img.(*image.NRGBA); ok && b == dst.Rect {
		// The common PNG case, premultiplied as putImageData does.
		premultiplyRGBA(dst.Pix, nrgba.Pix)
		return &Bitmap{W: w, H: h, Pix: dst.Pix}
	}
	draw.Draw(dst, b, img, b.Min, draw.Src)
	for i := 0; i+3 < len(dst.Pix); i += 4 {
		dst.Pix[i], dst.Pix[i+2] = dst.Pix[i+2], dst.Pix[i]
	}
	return &Bitmap{W: w, H: h, Pix: dst.Pix}
}
