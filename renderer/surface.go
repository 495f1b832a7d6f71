package renderer

// Surface is a premultiplied BGRA pixel buffer: 4 bytes per pixel in the
// order B, G, R, A, rows Stride bytes apart. Pix may be a slice of shared
// memory; the renderer never reallocates it.
type Surface struct {
	Pix           []byte
	Width, Height int
	Stride        int
}

// NewSurface returns a transparent black w×h surface with stride w*4.
// Non-positive sizes give an empty surface.
func NewSurface(w, h int) *Surface {
	if w < 0 {
		w = 0
	}
	if h < 0 {
		h = 0
	}
	return &Surface{Pix: make([]byte, w*h*4), Width: w, Height: h, Stride: w * 4}
}

// Size returns the surface's width and height in pixels. With PremulBGRA it
// makes a *Surface usable as a drawImage or pattern source (paint.Image).
func (s *Surface) Size() (w, h int) { return s.Width, s.Height }

// PremulBGRA returns the surface's pixels and stride.
func (s *Surface) PremulBGRA() (pix []byte, stride int) { return s.Pix, s.Stride }
