// Package wire defines the messages exchanged between the trusted host and
// the jailed child, and their framing. Both sides use it; the child-to-host
// decoder is the main trust boundary of seccanvas and is fuzzed.
//
// A frame is a little-endian uint32 length n, then n bytes: one type byte and
// the payload. Lengths are bounded before anything is allocated. Payload
// fields are fixed-width little-endian integers and length-prefixed strings;
// a payload must be consumed exactly, or the frame is rejected.
package wire

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sync/atomic"
)

// Version is the protocol version carried in Hello and Ready. A child that
// receives another version refuses to start.
const Version = 2

// Bounds of the protocol. The host enforces MaxChildFrame on everything the
// child sends.
const (
	// MaxChildFrame bounds a child→host frame (type byte and payload).
	MaxChildFrame = 1 << 20
	// DefaultMaxScript is the default bound of a script's source.
	DefaultMaxScript = 4 << 20
	// MaxDamageRects bounds the rectangles of one Present.
	MaxDamageRects = 64
	// MaxText bounds log text, error messages and stacks.
	MaxText = 64 << 10
	// MaxName bounds script names and other short strings.
	MaxName = 4096
	// MaxBuffers bounds the framebuffer count.
	MaxBuffers = 4
	// MaxSteps bounds the hardening steps of a Ready.
	MaxSteps = 32
	// MaxSide is the largest canvas side.
	MaxSide = 8192
)

// Type identifies a message.
type Type uint8

// Host → child message types.
const (
	THello Type = 1 + iota
	TJob
	TInput
	TTick
	TRelease
	TStop
	TAssetData
)

// Child → host message types.
const (
	TReady Type = 64 + iota
	TLog
	TError
	TPresent
	TExit
	TRelay
	TFrameDone
	TAssetRequest
	TAssetAck
)

var typeNames = map[Type]string{
	THello: "hello", TJob: "job", TInput: "input", TTick: "tick", TRelease: "release", TStop: "stop",
	TReady: "ready", TLog: "log", TError: "error", TPresent: "present", TExit: "exit", TRelay: "relay",
	TFrameDone: "frame-done", TAssetData: "asset-data", TAssetRequest: "asset-request", TAssetAck: "asset-ack",
}

func (t Type) String() string {
	if s, ok := typeNames[t]; ok {
		return s
	}
	return fmt.Sprintf("type(%d)", uint8(t))
}

// Message is one protocol message.
type Message interface {
	// Type is the frame type of the message.
	Type() Type
	encode(e *encoder)
	decode(d *decoder)
}

// ErrFrameTooLarge is returned when a frame's length exceeds the bound.
var ErrFrameTooLarge = errors.New("frame too large")

// Encode appends the framed message to dst.
func Encode(dst []byte, m Message) []byte {
	start := len(dst)
	dst = append(dst, 0, 0, 0, 0, byte(m.Type()))
	e := encoder{buf: dst}
	m.encode(&e)
	dst = e.buf
	binary.LittleEndian.PutUint32(dst[start:], uint32(len(dst)-start-4))
	return dst
}

// Write encodes m and writes it to w in one call.
func Write(w io.Writer, m Message) error {
	_, err := w.Write(Encode(nil, m))
	if err != nil {
		return fmt.Errorf("write %s: %w", m.Type(), err)
	}
	return nil
}

// Reader reads frames from a stream, reusing one buffer. A read error such
// as a deadline leaves the partial frame in place: the next call resumes
// it, so a caller can wait for a frame with a timeout.
type Reader struct {
	r        io.Reader
	max      int
	hdr      [4]byte
	hdrGot   int
	body     []byte // the frame being read, once its length is known
	bodyGot  int
	buf      []byte
	midFrame atomic.Bool
}

// MidFrame reports whether the reader has read part of a frame but not
// all of it: a peer that stops there sent a truncated frame. It is safe to
// call from another goroutine.
func (r *Reader) MidFrame() bool { return r.midFrame.Load() }

// NewReader returns a Reader that rejects frames longer than max bytes. It
// reads ahead through a buffer (one read syscall usually brings a whole
// frame, or several): the stream must not be read by anyone else while
// the Reader is in use. The protocol makes hand-overs safe: after Hello
// the host sends nothing until the child's Ready.
func NewReader(r io.Reader, max int) *Reader {
	return &Reader{r: bufio.NewReaderSize(r, 64<<10), max: max}
}

// ReadFrame reads one frame and returns its type and payload. The payload is
// valid until the next call.
func (r *Reader) ReadFrame() (Type, []byte, error) {
	for r.body == nil {
		n, err := r.r.Read(r.hdr[r.hdrGot:])
		r.hdrGot += n
		if r.hdrGot > 0 {
			r.midFrame.Store(true)
		}
		if r.hdrGot < len(r.hdr) {
			if err == nil {
				continue
			}
			if err == io.EOF && r.hdrGot > 0 {
				err = io.ErrUnexpectedEOF
			}
			return 0, nil, err
		}
		size := binary.LittleEndian.Uint32(r.hdr[:])
		if size == 0 {
			return 0, nil, errors.New("empty frame")
		}
		if uint64(size) > uint64(r.max) {
			return 0, nil, fmt.Errorf("%w: %d bytes, limit %d", ErrFrameTooLarge, size, r.max)
		}
		if cap(r.buf) < int(size) {
			r.buf = make([]byte, size)
		}
		r.body, r.bodyGot = r.buf[:size], 0
	}
	for r.bodyGot < len(r.body) {
		n, err := r.r.Read(r.body[r.bodyGot:])
		r.bodyGot += n
		if r.bodyGot == len(r.body) {
			break
		}
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return 0, nil, fmt.Errorf("read frame body: %w", err)
		}
	}
	b := r.body
	r.body, r.hdrGot = nil, 0
	r.midFrame.Store(false)
	return Type(b[0]), b[1:], nil
}

// Read reads and decodes one message. Only types accepted by allow are
// decoded; others are an error.
func (r *Reader) Read(allow func(Type) bool) (Message, error) {
	t, p, err := r.ReadFrame()
	if err != nil {
		return nil, err
	}
	if !allow(t) {
		return nil, fmt.Errorf("unexpected message %s", t)
	}
	return Decode(t, p)
}

// FromChild reports whether t is a child → host type.
func FromChild(t Type) bool { return t >= TReady && t <= TAssetAck }

// FromHost reports whether t is a host → child type.
func FromHost(t Type) bool { return t >= THello && t <= TAssetData }

// Decode decodes a payload of type t. It never panics and copies strings out
// of p, so p may be reused afterwards.
func Decode(t Type, p []byte) (Message, error) {
	m := newMessage(t)
	if m == nil {
		return nil, fmt.Errorf("unknown message type %d", uint8(t))
	}
	d := decoder{buf: p}
	m.decode(&d)
	if d.err == nil && len(d.buf) != 0 {
		d.err = fmt.Errorf("%d trailing bytes", len(d.buf))
	}
	if d.err != nil {
		return nil, fmt.Errorf("decode %s: %w", t, d.err)
	}
	if v, ok := m.(validator); ok {
		if err := v.validate(); err != nil {
			return nil, fmt.Errorf("decode %s: %w", t, err)
		}
	}
	return m, nil
}

type validator interface{ validate() error }

func newMessage(t Type) Message {
	switch t {
	case THello:
		return new(Hello)
	case TJob:
		return new(Job)
	case TInput:
		return new(Input)
	case TTick:
		return new(Tick)
	case TRelease:
		return new(Release)
	case TStop:
		return new(Stop)
	case TReady:
		return new(Ready)
	case TLog:
		return new(Log)
	case TError:
		return new(Error)
	case TPresent:
		return new(Present)
	case TExit:
		return new(Exit)
	case TRelay:
		return new(Relay)
	case TFrameDone:
		return new(FrameDone)
	case TAssetData:
		return new(AssetData)
	case TAssetRequest:
		return new(AssetRequest)
	case TAssetAck:
		return new(AssetAck)
	}
	return nil
}

type encoder struct{ buf []byte }

func (e *encoder) u8(v uint8)   { e.buf = append(e.buf, v) }
func (e *encoder) u16(v uint16) { e.buf = binary.LittleEndian.AppendUint16(e.buf, v) }
func (e *encoder) u32(v uint32) { e.buf = binary.LittleEndian.AppendUint32(e.buf, v) }
func (e *encoder) u64(v uint64) { e.buf = binary.LittleEndian.AppendUint64(e.buf, v) }
func (e *encoder) i32(v int32)  { e.u32(uint32(v)) }
func (e *encoder) i64(v int64)  { e.u64(uint64(v)) }
func (e *encoder) f64(v float64) {
	e.u64(math.Float64bits(v))
}
func (e *encoder) bool(v bool) {
	if v {
		e.u8(1)
	} else {
		e.u8(0)
	}
}
func (e *encoder) str(s string) { e.u32(uint32(len(s))); e.buf = append(e.buf, s...) }
func (e *encoder) bytes(b []byte) {
	e.u32(uint32(len(b)))
	e.buf = append(e.buf, b...)
}

type decoder struct {
	buf []byte
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf(format, args...)
	}
}

func (d *decoder) take(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n < 0 || n > len(d.buf) {
		d.fail("truncated: need %d bytes, have %d", n, len(d.buf))
		return nil
	}
	b := d.buf[:n]
	d.buf = d.buf[n:]
	return b
}

func (d *decoder) u8() uint8 {
	if b := d.take(1); b != nil {
		return b[0]
	}
	return 0
}
func (d *decoder) u16() uint16 {
	if b := d.take(2); b != nil {
		return binary.LittleEndian.Uint16(b)
	}
	return 0
}
func (d *decoder) u32() uint32 {
	if b := d.take(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}
func (d *decoder) u64() uint64 {
	if b := d.take(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}
func (d *decoder) i32() int32 { return int32(d.u32()) }
func (d *decoder) i64() int64 { return int64(d.u64()) }
func (d *decoder) f64() float64 {
	v := math.Float64frombits(d.u64())
	if math.IsNaN(v) || math.IsInf(v, 0) {
		d.fail("non-finite number")
		return 0
	}
	return v
}
func (d *decoder) bool() bool {
	switch d.u8() {
	case 0:
		return false
	case 1:
		return true
	}
	d.fail("bad boolean")
	return false
}

// str reads a length-prefixed string of at most max bytes.
func (d *decoder) str(max int) string {
	n := d.u32()
	if d.err != nil {
		return ""
	}
	if uint64(n) > uint64(max) {
		d.fail("string of %d bytes exceeds %d", n, max)
		return ""
	}
	return string(d.take(int(n)))
}

func (d *decoder) bytes(max int) []byte {
	n := d.u32()
	if d.err != nil {
		return nil
	}
	if uint64(n) > uint64(max) {
		d.fail("field of %d bytes exceeds %d", n, max)
		return nil
	}
	b := d.take(int(n))
	if b == nil {
		return nil
	}
	return append([]byte(nil), b...)
}
