package serve

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color/palette"
	"image/draw"
	"image/gif"
	"image/png"
	"sync"

	"seccanvas/jail"
	"seccanvas/present/headless"
)

// imagePresenter keeps what a render job presents in memory: the last
// frame for a PNG, every frame (with its tick, for the timing) for a GIF.
// It copies each frame out of the shared buffer and releases it at once.
type imagePresenter struct {
	format string
	fps    int
	width  int
	height int

	last    []byte // the last frame's premultiplied BGRA pixels
	frames  []*image.Paletted
	ticks   []int
	nothing bool // Attach never came
	buffers *pngPool
}

func newImagePresenter(format string, fps int, buffers *pngPool) *imagePresenter {
	return &imagePresenter{format: format, fps: fps, nothing: true, buffers: buffers}
}

// Attach implements jail.Presenter.
func (p *imagePresenter) Attach(fb *jail.Framebuffer) error {
	p.width, p.height, p.nothing = fb.Width, fb.Height, false
	return nil
}

// Present implements jail.Presenter.
func (p *imagePresenter) Present(f jail.Frame, release func()) error {
	n := f.Width * f.Height * 4
	if p.format == formatPNG {
		p.last = append(p.last[:0], f.Pix[:n]...)
		release()
		return nil
	}
	img := headless.Unpremultiply(f.Pix, f.Width, f.Height)
	release()
	pal := image.NewPaletted(img.Bounds(), palette.Plan9)
	draw.FloydSteinberg.Draw(pal, img.Bounds(), img, image.Point{})
	p.frames = append(p.frames, pal)
	p.ticks = append(p.ticks, f.Tick)
	return nil
}

// Close implements jail.Presenter; encode makes the picture.
func (p *imagePresenter) Close() error { return nil }

// encode returns the picture and its media type. A run that presented
// nothing is a transparent picture of the canvas size, as a browser shows
// an untouched canvas.
func (p *imagePresenter) encode() ([]byte, string, error) {
	if p.nothing {
		return nil, "", errors.New("the run had no canvas")
	}
	var b bytes.Buffer
	switch p.format {
	case formatPNG:
		img := image.NewNRGBA(image.Rect(0, 0, p.width, p.height))
		if p.last != nil {
			img = headless.Unpremultiply(p.last, p.width, p.height)
		}
		enc := png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: p.buffers}
		if err := enc.Encode(&b, img); err != nil {
			return nil, "", fmt.Errorf("encode PNG: %w", err)
		}
		return b.Bytes(), "image/png", nil
	case formatGIF:
		frames, ticks := p.frames, p.ticks
		if len(frames) == 0 {
			frames = []*image.Paletted{image.NewPaletted(image.Rect(0, 0, p.width, p.height), palette.Plan9)}
			ticks = []int{0}
		}
		if err := gif.EncodeAll(&b, &gif.GIF{Image: frames, Delay: gifDelays(ticks, p.fps)}); err != nil {
			return nil, "", fmt.Errorf("encode GIF: %w", err)
		}
		return b.Bytes(), "image/gif", nil
	}
	return nil, "", fmt.Errorf("unknown format %q", p.format)
}

// gifDelays turns the ticks frames were drawn in into GIF delays
// (hundredths of a second), carrying the rounding so that the animation
// keeps the virtual clock's pace; a frame shows until the next one was
// drawn, the last for one frame interval. GIF viewers show delays under 2
// as 10, so 2 is the least.
func gifDelays(ticks []int, fps int) []int {
	delays := make([]int, len(ticks))
	shown := 0 // hundredths of a second given out so far
	for i := range ticks {
		next := ticks[i] + 1
		if i+1 < len(ticks) {
			next = ticks[i+1]
		}
		until := next * 100 / fps
		d := max(until-shown, 2)
		delays[i] = d
		shown += d
	}
	return delays
}

// pngPool reuses the PNG encoder's buffers across jobs.
type pngPool struct{ p sync.Pool }

func (p *pngPool) Get() *png.EncoderBuffer {
	b, _ := p.p.Get().(*png.EncoderBuffer)
	return b
}

func (p *pngPool) Put(b *png.EncoderBuffer) { p.p.Put(b) }
