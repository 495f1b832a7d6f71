package wire

import (
	"fmt"
	"time"
)

// Granted assets (images, fonts, data a script loads by relative URL):
//
//	child → host  AssetRequest{ID, Path}
//	host → child  AssetData{ID, Status, Total, Detail, Data} × n
//	child → host  AssetAck{ID}, one per AssetData read
//
// The child names a file by its path relative to the granted directory;
// the host checks it, reads the file and answers with one or more
// AssetData frames for that ID: a refusal (any Status but AssetOK) is one
// frame without data; a file is a run of AssetOK frames whose Data add up
// to Total (one empty frame when Total is 0). A non-OK frame may also end
// an AssetOK run early (the file could not be read to its end): the child
// drops what it received. Frames of different IDs never interleave: the
// host answers one request at a time, in the order they came.
//
// Flow control: the child acknowledges every AssetData frame as it reads
// it, and the host keeps the bytes it sent and that are not yet
// acknowledged within a window smaller than the pipe's buffer. So asset
// data never fills the pipe while the child is busy running a script, and
// the host's writes, done under its session lock, never wait for the
// child however large the file.
//
// IDs are chosen by the child and strictly increase. The child keeps at
// most Job.AssetConcurrency requests unanswered and starts at most
// Job.AssetRate per second; beyond that it queues or refuses them itself,
// so that only a child that no longer follows the protocol exceeds what
// the host enforces.

// Status of an AssetData answer.
const (
	// AssetOK: Data is (part of) the file.
	AssetOK uint8 = iota
	// AssetNotFound: no such file in the granted directory (fetch sees a
	// 404 response; an image fires error).
	AssetNotFound
	// AssetRefused: the path is not one the host serves (outside the
	// granted directory, not a regular file, nothing granted).
	AssetRefused
	// AssetTooLarge: the file is over the per-file cap, or over what is
	// left of the run's total.
	AssetTooLarge
	// AssetRate: the request came faster than the rate allows.
	AssetRate
	// AssetFailed: the file could not be read (an I/O error, or it changed
	// while it was read).
	AssetFailed
)

// Bounds of the asset messages.
const (
	// MaxAssetPath bounds a requested path.
	MaxAssetPath = 1024
	// MaxAssetChunk bounds the Data of one AssetData frame.
	MaxAssetChunk = 64 << 10
	// MaxAssetSize bounds AssetData.Total: no single asset is larger.
	MaxAssetSize = 1 << 30
	// MaxAssetDetail bounds AssetData.Detail.
	MaxAssetDetail = 256
)

// AssetRequest asks the host for a granted file (child → host).
type AssetRequest struct {
	ID uint32
	// Path is relative to the granted directory, '/'-separated, as the
	// script's URL resolved it (percent-decoded). The host trusts nothing
	// about it beyond its length.
	Path string
}

// Type implements Message.
func (*AssetRequest) Type() Type { return TAssetRequest }

func (m *AssetRequest) encode(e *encoder) { e.u32(m.ID); e.str(m.Path) }
func (m *AssetRequest) decode(d *decoder) { m.ID = d.u32(); m.Path = d.str(MaxAssetPath) }

// AssetAck says the child read one AssetData frame of request ID (child →
// host): the host may send that many more bytes.
type AssetAck struct{ ID uint32 }

// Type implements Message.
func (*AssetAck) Type() Type { return TAssetAck }

func (m *AssetAck) encode(e *encoder) { e.u32(m.ID) }
func (m *AssetAck) decode(d *decoder) { m.ID = d.u32() }

// AssetData answers an AssetRequest, whole or in part (host → child).
type AssetData struct {
	ID     uint32
	Status uint8
	// Total is the file's size (AssetOK), the same in every frame of the
	// answer; 0 otherwise.
	Total uint32
	// Detail says why a request was refused, for the console ("outside
	// the granted directory"); empty for AssetOK.
	Detail string
	// Data is the next part of the file (AssetOK only).
	Data []byte
}

// Type implements Message.
func (*AssetData) Type() Type { return TAssetData }

func (m *AssetData) encode(e *encoder) {
	e.u32(m.ID)
	e.u8(m.Status)
	e.u32(m.Total)
	e.str(m.Detail)
	e.bytes(m.Data)
}

func (m *AssetData) decode(d *decoder) {
	m.ID = d.u32()
	m.Status = d.u8()
	m.Total = d.u32()
	m.Detail = d.str(MaxAssetDetail)
	m.Data = d.bytes(MaxAssetChunk)
}

func (m *AssetData) validate() error {
	switch {
	case m.Status > AssetFailed:
		return fmt.Errorf("unknown asset status %d", m.Status)
	case m.Total > MaxAssetSize:
		return fmt.Errorf("asset of %d bytes exceeds %d", m.Total, MaxAssetSize)
	case m.Status != AssetOK && (m.Total != 0 || len(m.Data) != 0):
		return fmt.Errorf("asset refusal (status %d) with data", m.Status)
	case m.Status == AssetOK && m.Total > 0 && len(m.Data) == 0:
		return fmt.Errorf("empty part of a %d-byte asset", m.Total)
	case uint64(len(m.Data)) > uint64(m.Total) && m.Status == AssetOK:
		return fmt.Errorf("part of %d bytes exceeds the asset's %d", len(m.Data), m.Total)
	}
	return nil
}

// Script is one script of a Job, run in order like a page's <script>
// tags.
type Script struct {
	Name   string
	Source string
}

// MaxScripts bounds the scripts of one Job.
const MaxScripts = 64

// JobFrameLimit is the largest Job frame for scripts of at most maxScript
// bytes in all (0: DefaultMaxScript): the sources, MaxScripts names and
// the fixed fields. The child reads the host's frames with this bound.
func JobFrameLimit(maxScript uint32) int {
	return int(max(maxScript, DefaultMaxScript)) + MaxScripts*(MaxName+8) + 256
}

func encodeScripts(e *encoder, scripts []Script) {
	e.u8(uint8(len(scripts)))
	for _, s := range scripts {
		e.str(s.Name)
		e.str(s.Source)
	}
}

func decodeScripts(d *decoder) []Script {
	n := int(d.u8())
	if n > MaxScripts {
		d.fail("%d scripts exceed %d", n, MaxScripts)
		return nil
	}
	var out []Script
	for i := 0; i < n && d.err == nil; i++ {
		// The frame bound (JobFrameLimit) bounds the sources in all.
		out = append(out, Script{Name: d.str(MaxName), Source: d.str(len(d.buf))})
	}
	return out
}

// TokenBucket is the rate rule both sides apply to asset requests: a
// request takes a token; tokens come back at Rate a second up to Burst.
// The child takes one before it sends a request (and refuses the request
// itself when there is none), the host when it receives one, so an honest
// child stays within what the host allows. It is not safe for concurrent
// use.
type TokenBucket struct {
	rate, burst, tokens float64
	last                time.Time
}

// NewTokenBucket returns a full bucket.
func NewTokenBucket(rate, burst float64, now time.Time) *TokenBucket {
	return &TokenBucket{rate: rate, burst: burst, tokens: burst, last: now}
}

// Take takes a token at time now, reporting whether there was one.
func (b *TokenBucket) Take(now time.Time) bool {
	if dt := now.Sub(b.last); dt > 0 {
		b.tokens = min(b.burst, b.tokens+dt.Seconds()*b.rate)
		b.last = now
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
