// Package headless presents frames without a display: the last frame as a
// PNG, the animation as a GIF, every frame as numbered PNGs, or nothing.
package headless

import (
	"fmt"
	"image"
	"image/color/palette"
	"image/draw"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"time"

	"seccanvas/jail"
	"seccanvas/renderer"
)

// Format is what a Writer produces.
type Format int

// The output formats.
const (
	// Null presents nothing: frames are released at once.
	Null Format = iota
	// PNG writes the last presented frame.
	PNG
	// GIF writes the animation of every presented frame with its timing.
	GIF
	// Dir writes every presented frame as DIR/frame-NNNNN.png.
	Dir
)

// FormatFor picks the format from an output path: "" is Null, a path
// ending in "/" or naming a directory is Dir, then by extension.
func FormatFor(path string) (Format, error) {
	switch {
	case path == "":
		return Null, nil
	case strings.HasSuffix(path, "/"):
		return Dir, nil
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return Dir, nil
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".png":
		return PNG, nil
	case ".gif":
		return GIF, nil
	}
	return Null, fmt.Errorf("output %q: use a .png or .gif file, or a directory ending in /", path)
}

// MaxGIFFrames bounds the frames a GIF keeps in memory.
const MaxGIFFrames = 3000

// Writer is a jail.Presenter that writes files. For PNG output it is also
// a jail.Keeper: it needs only the last frame, so with two buffers it keeps
// the newest presented buffer instead of copying it, lets the previous one
// go when a newer frame arrives, and copies the one it holds when the run
// ends (Reclaim). A frame then costs the host nothing, and the child draws
// into the other buffer meanwhile. With one buffer, holding it would stall
// the child, so the frame is copied and released at once.
type Writer struct {
	format Format
	path   string
	fb     *jail.Framebuffer

	// PNG: the frame kept in the framebuffer (heldPix, nil when none) and
	// its release; lastRaw is the copy Reclaim makes (a reused buffer),
	// converted only at Close.
	heldPix      []byte
	heldRelease  func()
	lastRaw      []byte
	lastW, lastH int
	frames       []*image.Paletted
	delays       []int
	lastTime     time.Time
	count        int
	dropped      int
}

// NewWriter returns a presenter writing format to path.
func NewWriter(format Format, path string) *Writer {
	return &Writer{format: format, path: path}
}

// Attach implements jail.Presenter.
func (w *Writer) Attach(fb *jail.Framebuffer) error {
	w.fb = fb
	if w.format == Dir {
		if err := os.MkdirAll(w.path, 0o755); err != nil {
			return fmt.Errorf("create output directory: %w", err)
		}
	}
	return nil
}

// Present implements jail.Presenter: it copies the frame out of the
// shared buffer and releases it before encoding anything.
func (w *Writer) Present(f jail.Frame, release func()) error {
	if w.format == Null {
		release()
		return nil
	}
	pix, width, height := f.Pix, f.Width, f.Height
	w.count++
	switch w.format {
	case PNG:
		w.lastW, w.lastH = width, height
		if len(w.fb.Buffers) < 2 {
			w.lastRaw = append(w.lastRaw[:0], pix[:width*height*4]...)
			release()
			return nil
		}
		// The previous frame is superseded: it goes back to the child
		// uncopied. This one stays held until a newer one or Reclaim.
		if w.heldRelease != nil {
			w.heldRelease()
		}
		w.heldPix, w.heldRelease = pix[:width*height*4], release
	case Dir:
		img := Unpremultiply(pix, width, height)
		release()
		name := filepath.Join(w.path, fmt.Sprintf("frame-%05d.png", w.count))
		if err := writePNG(name, img); err != nil {
			return err
		}
	case GIF:
		now := time.Now()
		if len(w.frames) > 0 {
			w.delays[len(w.delays)-1] = max(2, int(now.Sub(w.lastTime)/(10*time.Millisecond)))
		}
		w.lastTime = now
		if len(w.frames) >= MaxGIFFrames {
			release()
			w.dropped++
			return nil
		}
		img := Unpremultiply(pix, width, height)
		release()
		pal := image.NewPaletted(img.Bounds(), palette.Plan9)
		draw.FloydSteinberg.Draw(pal, img.Bounds(), img, image.Point{})
		w.frames = append(w.frames, pal)
		w.delays = append(w.delays, 2)
	}
	return nil
}

// Reclaim implements jail.Keeper: it copies the frame it holds out of the
// framebuffer and releases it. The host calls it when the run has ended,
// before it unmaps the framebuffer.
func (w *Writer) Reclaim() {
	if w.heldRelease == nil {
		return
	}
	w.lastRaw = append(w.lastRaw[:0], w.heldPix...)
	w.heldRelease()
	w.heldPix, w.heldRelease = nil, nil
}

// Close implements jail.Presenter: it writes the PNG or GIF. A run that
// presented nothing gets a transparent PNG of the canvas size, which is
// what a browser shows for an untouched canvas.
func (w *Writer) Close() error {
	if w.fb == nil {
		return nil // the run ended before it had a canvas: nothing to write
	}
	// A frame still held (a caller other than the jail, which reclaims
	// before it unmaps) is copied now.
	w.Reclaim()
	switch w.format {
	case PNG:
		img := image.NewNRGBA(image.Rect(0, 0, w.fb.Width, w.fb.Height))
		if w.lastRaw != nil {
			img = Unpremultiply(w.lastRaw, w.lastW, w.lastH)
		}
		return writePNG(w.path, img)
	case GIF:
		if len(w.frames) == 0 {
			pal := image.NewPaletted(image.Rect(0, 0, w.fb.Width, w.fb.Height), palette.Plan9)
			w.frames, w.delays = append(w.frames, pal), append(w.delays, 2)
		}
		f, err := os.Create(w.path)
		if err != nil {
			return fmt.Errorf("write GIF: %w", err)
		}
		err = gif.EncodeAll(f, &gif.GIF{Image: w.frames, Delay: w.delays})
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("write GIF %s: %w", w.path, err)
		}
		if w.dropped > 0 {
			return fmt.Errorf("GIF %s keeps the first %d frames; %d later frames were dropped", w.path, MaxGIFFrames, w.dropped)
		}
	}
	return nil
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write PNG: %w", err)
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	err = enc.Encode(f, img)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write PNG %s: %w", path, err)
	}
	return nil
}

// Unpremultiply converts w×h premultiplied BGRA pixels (stride w*4) into
// straight-alpha RGBA with the renderer's one un-premultiply
// (renderer.Unpremultiply, Chromium's getImageData rounding).
func Unpremultiply(pix []byte, w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	renderer.Unpremultiply(img.Pix, pix[:w*h*4])
	return img
}
