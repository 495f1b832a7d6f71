// Relayed draw operations (--present relay): the child records the canvas
// calls that X core requests can express into batches, carried in Relay
// messages, and the host decodes and checks every operation before it
// performs it.
//
// A batch is a sequence of operations, each an opcode byte and its fields,
// little-endian. Coordinates are int32 and must lie within ±MaxCoord;
// counts are uint16 and bounded by MaxOpCount and by the bytes that follow.
package wire

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Opcodes.
const (
	// OpColor sets the foreground: u32 0x00RRGGBB.
	OpColor byte = 1 + iota
	// OpLineWidth sets the line width: u16 pixels (0: thin lines).
	OpLineWidth
	// OpFillRects fills rectangles: u16 n, n × (x, y, w, h int32).
	OpFillRects
	// OpClearRects clears rectangles to transparent black (same layout).
	OpClearRects
	// OpStrokeRects outlines rectangles (same layout).
	OpStrokeRects
	// OpPolyLine draws a connected line: u16 n, n × (x, y int32).
	OpPolyLine
	// OpSegments draws separate lines: u16 n, n × (x1, y1, x2, y2 int32).
	OpSegments
	// OpArcs outlines arcs: u16 n, n × (x, y, w, h, angle1, angle2 int32),
	// angles in 1/64 degree counter-clockwise from three o'clock.
	OpArcs
	// OpFillArcs fills pie slices (same layout).
	OpFillArcs
	// OpFillPoly fills a polygon (nonzero winding): u16 n, n × (x, y int32).
	OpFillPoly
	// OpPutImage puts pixels: x, y int32, w, h u16, then w×h×4 bytes of
	// premultiplied B, G, R, A.
	OpPutImage
	// OpDegraded says a call could not be relayed: u8 feature.
	OpDegraded
)

// Features for OpDegraded: what the relay mode cannot express.
const (
	FeatureAntialias byte = 1 + iota
	FeatureGradient
	FeatureText
	FeatureCompositing
	FeatureImage
	FeatureShadow
	FeatureOther
	FeatureClip
	maxFeature = FeatureClip
)

// FeatureName describes a feature for the degradation warning.
func FeatureName(f byte) string {
	switch f {
	case FeatureAntialias:
		return "anti-aliasing (X core lines, arcs and polygons are aliased)"
	case FeatureGradient:
		return "gradients and patterns (skipped)"
	case FeatureText:
		return "text (skipped)"
	case FeatureCompositing:
		return "transparency and compositing (drawn opaque)"
	case FeatureImage:
		return "drawImage (skipped)"
	case FeatureShadow:
		return "shadows (skipped)"
	case FeatureClip:
		return "clipping (drawn unclipped)"
	}
	return "other unsupported calls (skipped)"
}

// Limits every batch is checked against.
const (
	// MaxCoord bounds every coordinate and size: X coordinates are 16
	// bits, and x+w must not overflow.
	MaxCoord = 16383
	// MaxOpCount bounds the elements of one operation.
	MaxOpCount = 8192
	// MaxLineWidth bounds OpLineWidth.
	MaxLineWidth = 1024
	// MaxOpBatch is the largest batch the child sends (it flushes before).
	MaxOpBatch = 1 << 20
)

// Op is one decoded, checked operation. Only the fields of its opcode are
// set; Ints holds the flattened int32 fields of its elements.
type Op struct {
	Code  byte
	Color uint32
	Width uint16
	Ints  []int32
	// Image: position, size and pixels of OpPutImage.
	X, Y int32
	W, H uint16
	Pix  []byte
	// Feature of OpDegraded.
	Feature byte
}

// elementInts is the number of int32 fields per element of an opcode.
func elementInts(code byte) int {
	switch code {
	case OpFillRects, OpClearRects, OpStrokeRects, OpSegments:
		return 4
	case OpPolyLine, OpFillPoly:
		return 2
	case OpArcs, OpFillArcs:
		return 6
	}
	return 0
}

// ErrTruncatedOp is wrapped when a batch ends inside an operation.
var ErrTruncatedOp = errors.New("truncated operation")

// DecodeOps checks a whole batch and calls fn for each operation, in order.
// It returns the first violation without calling fn for anything after it;
// callers that must not perform a partly bad batch decode twice (or
// collect first). Ints and Pix alias b.
func DecodeOps(b []byte, fn func(*Op) error) error {
	if len(b) > MaxOpBatch {
		return fmt.Errorf("batch of %d bytes exceeds %d", len(b), MaxOpBatch)
	}
	var op Op
	for off := 0; off < len(b); {
		start := off
		op = Op{Code: b[off]}
		off++
		need := func(n int) error {
			if len(b)-off < n {
				return fmt.Errorf("op %d at byte %d: %w (needs %d bytes, %d left)", op.Code, start, ErrTruncatedOp, n, len(b)-off)
			}
			return nil
		}
		switch op.Code {
		case OpColor:
			if err := need(4); err != nil {
				return err
			}
			op.Color = binary.LittleEndian.Uint32(b[off:])
			off += 4
			if op.Color > 0xffffff {
				return fmt.Errorf("op color at byte %d: %#x is not 0xRRGGBB", start, op.Color)
			}
		case OpLineWidth:
			if err := need(2); err != nil {
				return err
			}
			op.Width = binary.LittleEndian.Uint16(b[off:])
			off += 2
			if op.Width > MaxLineWidth {
				return fmt.Errorf("line width %d exceeds %d", op.Width, MaxLineWidth)
			}
		case OpFillRects, OpClearRects, OpStrokeRects, OpPolyLine, OpSegments, OpArcs, OpFillArcs, OpFillPoly:
			if err := need(2); err != nil {
				return err
			}
			n := int(binary.LittleEndian.Uint16(b[off:]))
			off += 2
			if n == 0 || n > MaxOpCount {
				return fmt.Errorf("op %d at byte %d: count %d outside 1..%d", op.Code, start, n, MaxOpCount)
			}
			k := elementInts(op.Code)
			if err := need(n * k * 4); err != nil {
				return err
			}
			op.Ints = make([]int32, n*k)
			for i := range op.Ints {
				v := int32(binary.LittleEndian.Uint32(b[off:]))
				off += 4
				if v < -MaxCoord || v > MaxCoord {
					return fmt.Errorf("op %d at byte %d: coordinate %d outside ±%d", op.Code, start, v, MaxCoord)
				}
				op.Ints[i] = v
			}
			if err := checkSizes(&op, k); err != nil {
				return fmt.Errorf("op %d at byte %d: %w", op.Code, start, err)
			}
		case OpPutImage:
			if err := need(12); err != nil {
				return err
			}
			op.X = int32(binary.LittleEndian.Uint32(b[off:]))
			op.Y = int32(binary.LittleEndian.Uint32(b[off+4:]))
			op.W = binary.LittleEndian.Uint16(b[off+8:])
			op.H = binary.LittleEndian.Uint16(b[off+10:])
			off += 12
			if op.X < -MaxCoord || op.X > MaxCoord || op.Y < -MaxCoord || op.Y > MaxCoord ||
				op.W == 0 || op.H == 0 || op.W > MaxCoord || op.H > MaxCoord {
				return fmt.Errorf("put image at byte %d: %dx%d at %d,%d out of range", start, op.W, op.H, op.X, op.Y)
			}
			n := int(op.W) * int(op.H) * 4
			if err := need(n); err != nil {
				return err
			}
			op.Pix = b[off : off+n : off+n]
			off += n
		case OpDegraded:
			if err := need(1); err != nil {
				return err
			}
			op.Feature = b[off]
			off++
			if op.Feature == 0 || op.Feature > maxFeature {
				return fmt.Errorf("unknown degraded feature %d", op.Feature)
			}
		default:
			return fmt.Errorf("unknown opcode %d at byte %d", op.Code, start)
		}
		if fn != nil {
			if err := fn(&op); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkSizes rejects negative widths, heights and (for polygons) too few
// points.
func checkSizes(op *Op, k int) error {
	switch op.Code {
	case OpFillRects, OpClearRects, OpStrokeRects, OpArcs, OpFillArcs:
		for i := 0; i < len(op.Ints); i += k {
			if op.Ints[i+2] < 0 || op.Ints[i+3] < 0 {
				return fmt.Errorf("negative size %dx%d", op.Ints[i+2], op.Ints[i+3])
			}
		}
	case OpFillPoly, OpPolyLine:
		if len(op.Ints) < 4 {
			return errors.New("fewer than 2 points")
		}
	}
	return nil
}

// OpBatch records operations (the child's side).
type OpBatch struct {
	buf      []byte
	color    int64 // the current colour, -1 unknown
	width    int   // the current line width, -1 unknown
	reported [maxFeature + 1]bool
}

// NewOpBatch returns an empty batch.
func NewOpBatch() *OpBatch { return &OpBatch{color: -1, width: -1} }

// Len is the encoded size so far.
func (b *OpBatch) Len() int { return len(b.buf) }

// Take returns the encoded batch and starts a new one (the colour and line
// width carry over: the host keeps them across batches).
func (b *OpBatch) Take() []byte {
	out := b.buf
	b.buf = nil
	return out
}

func (b *OpBatch) u16(v uint16) { b.buf = binary.LittleEndian.AppendUint16(b.buf, v) }
func (b *OpBatch) u32(v uint32) { b.buf = binary.LittleEndian.AppendUint32(b.buf, v) }

// Color sets the foreground to 0xRRGGBB.
func (b *OpBatch) Color(rgb uint32) {
	if int64(rgb) == b.color {
		return
	}
	b.color = int64(rgb)
	b.buf = append(b.buf, OpColor)
	b.u32(rgb)
}

// LineWidth sets the line width.
func (b *OpBatch) LineWidth(w int) {
	w = max(0, min(w, MaxLineWidth))
	if w == b.width {
		return
	}
	b.width = w
	b.buf = append(b.buf, OpLineWidth)
	b.u16(uint16(w))
}

func clampCoord(v int) int32 { return int32(max(-MaxCoord, min(v, MaxCoord))) }

// Elements appends one multi-element operation; ints holds n×k values,
// clamped into range (an honest child's far-away geometry is clamped, not
// rejected).
func (b *OpBatch) Elements(code byte, ints []int) {
	k := elementInts(code)
	if k == 0 || len(ints) < k {
		return
	}
	for len(ints) > 0 {
		n := min(len(ints)/k, MaxOpCount)
		b.buf = append(b.buf, code)
		b.u16(uint16(n))
		for _, v := range ints[:n*k] {
			b.u32(uint32(clampCoord(v)))
		}
		if code == OpPolyLine && len(ints) > n*k {
			ints = ints[n*k-k:] // continue from the last point
		} else {
			ints = ints[n*k:]
		}
	}
}

// PutImage appends pixels (premultiplied BGRA, w×h×4 bytes).
func (b *OpBatch) PutImage(x, y, w, h int, pix []byte) {
	b.buf = append(b.buf, OpPutImage)
	b.u32(uint32(clampCoord(x)))
	b.u32(uint32(clampCoord(y)))
	b.u16(uint16(w))
	b.u16(uint16(h))
	b.buf = append(b.buf, pix[:w*h*4]...)
}

// Degraded reports a feature once per batch stream.
func (b *OpBatch) Degraded(f byte) {
	if f == 0 || f > maxFeature || b.reported[f] {
		return
	}
	b.reported[f] = true
	b.buf = append(b.buf, OpDegraded, f)
}
