package jail

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"seccanvas/jail/wire"
)

// Granted assets, the host's side (the protocol is described in
// jail/wire/assets.go). A run with Config.Assets set may read the regular
// files under that one directory, and nothing else:
//
//   - the child names a file by a relative path; the host refuses empty
//     and absolute paths, NUL bytes and ".." that climbs out, and then
//     opens it through an os.Root of the directory, which resolves every
//     component, symlinks included, beneath the directory and refuses a
//     symlink that leads out of it (or is absolute) — so a link planted
//     in the directory grants nothing outside it, and swapping a path
//     component for a link while it is opened does not help either;
//   - the file must be a regular file (no FIFO that would block, no
//     device) within the per-file cap and what is left of the run's total;
//   - requests are bounded in rate and in number unanswered.
//
// A refusal is an answer: the child shows it on the console ("seccanvas:
// asset img/../../etc/passwd refused: outside the granted directory"), the
// script sees an error event or a rejected fetch, and Result.Assets counts
// it. Exceeding a cap ends nothing. Only what an honest child never does
// ends the run as a protocol violation: requests at more than
// assetFloodFactor times the rate, more unanswered requests than the
// bound, IDs that do not increase, acknowledgements that match nothing,
// or any request when nothing was granted.
//
// Files are opened and read on a goroutine of the run's own, never under
// the session lock, one request at a time in arrival order; the bytes go
// to the child unparsed (decoders run in the jail only), in chunks within
// a flow-control window (see assetService.sendData).

// Defaults and bounds of the asset settings.
const (
	DefaultMaxAssetFile     = 32 << 20
	DefaultMaxAssetBytes    = 256 << 20
	DefaultMaxAssetRate     = 100
	DefaultMaxAssetRequests = 16

	maxAssetRate     = 100000
	maxAssetRequests = 1024
	// assetFloodFactor: requests at more than this many times the rate
	// are no longer a script asking too often (the child refuses those
	// itself) but a child that ignores the protocol.
	assetFloodFactor = 10
)

// AssetStats counts a run's asset requests.
type AssetStats struct {
	// Requests is every request the child made; Served those answered
	// with the file, Refused those answered with a refusal (not found,
	// outside the directory, over a cap, over the rate).
	Requests, Served, Refused int
	// Bytes is the size of the files served.
	Bytes int64
}

func (c *Config) setAssetDefaults() {
	if c.MaxAssetFile == 0 {
		c.MaxAssetFile = DefaultMaxAssetFile
	}
	if c.MaxAssetBytes == 0 {
		c.MaxAssetBytes = DefaultMaxAssetBytes
	}
	if c.MaxAssetRate == 0 {
		c.MaxAssetRate = DefaultMaxAssetRate
	}
	if c.MaxAssetRequests == 0 {
		c.MaxAssetRequests = DefaultMaxAssetRequests
	}
}

func (c *Config) validateAssets() error {
	switch {
	case c.MaxAssetFile < 1 || c.MaxAssetFile > wire.MaxAssetSize:
		return fmt.Errorf("asset file limit %d bytes: must be 1..%d", c.MaxAssetFile, wire.MaxAssetSize)
	case c.MaxAssetBytes < 1:
		return fmt.Errorf("asset total limit %d bytes: must be at least 1", c.MaxAssetBytes)
	case c.MaxAssetRate < 1 || c.MaxAssetRate > maxAssetRate:
		return fmt.Errorf("asset request rate %d: must be 1..%d per second", c.MaxAssetRate, maxAssetRate)
	case c.MaxAssetRequests < 1 || c.MaxAssetRequests > maxAssetRequests:
		return fmt.Errorf("unanswered asset requests %d: must be 1..%d", c.MaxAssetRequests, maxAssetRequests)
	}
	if c.Assets == "" {
		return nil
	}
	fi, err := os.Stat(c.Assets)
	if err != nil {
		return fmt.Errorf("assets directory: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("assets directory %s is not a directory", c.Assets)
	}
	return nil
}

// assetReq is one request on its way to the asset goroutine. A request
// refused on arrival (over the rate) carries its answer.
type assetReq struct {
	id     uint32
	path   string
	status uint8
	detail string
}

// sentFrame is an AssetData frame the child has not acknowledged yet.
type sentFrame struct {
	id   uint32
	size int
}

// assetService serves one run's asset requests. The fields after the
// marker are guarded by the session's lock.
type assetService struct {
	s        *session
	dir      string
	maxFile  int64
	maxTotal int64
	rateMax  int
	maxOpen  int
	chunk    int // bytes of file data per frame
	window   int // bytes sent and not acknowledged, at most
	reqs     chan assetReq
	wake     chan struct{} // an acknowledgement opened the window

	// guarded by s.mu
	outstanding   int // requests received and not fully answered
	lastID        uint32
	anyID         bool
	reserved      int64 // bytes of the total promised to files
	rate, flood   *wire.TokenBucket
	inflight      []sentFrame
	inflightBytes int
}

// assetWindow is the flow-control window when the pipe's size cannot be
// learned (the in-process engine's pipe has no buffer of its own).
const assetWindow = 64 << 10

// startAssets starts the run's asset service when cfg grants a directory;
// s.mu is held. The goroutine ends with the run.
func (s *session) startAssets(cfg *Config) {
	if cfg.Assets == "" {
		return
	}
	now := time.Now()
	a := &assetService{
		s: s, dir: cfg.Assets, maxFile: cfg.MaxAssetFile, maxTotal: cfg.MaxAssetBytes,
		rateMax: cfg.MaxAssetRate, maxOpen: cfg.MaxAssetRequests,
		reqs:  make(chan assetReq, cfg.MaxAssetRequests),
		wake:  make(chan struct{}, 1),
		rate:  wire.NewTokenBucket(float64(cfg.MaxAssetRate), float64(cfg.MaxAssetRate), now),
		flood: wire.NewTokenBucket(assetFloodFactor*float64(cfg.MaxAssetRate), assetFloodFactor*float64(cfg.MaxAssetRate), now),
	}
	a.window = assetWindow
	if f, ok := s.toChild.(*os.File); ok {
		a.window = pipeWindow(f)
	}
	a.chunk = min(wire.MaxAssetChunk, a.window/2)
	s.assets = a
	go a.serve()
}

// assetPipeSize is the buffer the pipe to the child is raised to when
// assets are granted: four times the default, for throughput. Not more:
// pipe buffers count against the user's pipe-user-pages-soft (64 MiB by
// default), past which every new pipe of the user gets one page, and a
// service runs many children at once.
const assetPipeSize = 256 << 10

// pipeWindow sizes the flow-control window for the pipe to the child:
// half its buffer, so that frame ticks, input and releases always find
// room however much asset data waits in it. The buffer is first raised to
// assetPipeSize; a kernel that refuses keeps what it had (64 KiB, or one
// page for a user over its pipe limit: slower, still correct).
func pipeWindow(f *os.File) int {
	size := 0
	if rc, err := f.SyscallConn(); err == nil {
		_ = rc.Control(func(fd uintptr) {
			_, _ = unix.FcntlInt(fd, unix.F_SETPIPE_SZ, assetPipeSize)
			size, _ = unix.FcntlInt(fd, unix.F_GETPIPE_SZ, 0)
		})
	}
	if size <= 0 {
		return assetWindow / 2 // the smallest default buffer, 64 KiB, halved
	}
	return max(size/2, 1024)
}

// assetRequest takes a request from the child; s.mu is held. It never
// blocks: the goroutine's queue holds as many requests as may be
// unanswered.
func (s *session) assetRequest(m *wire.AssetRequest) {
	a := s.assets
	now := time.Now()
	switch {
	case a == nil:
		s.end(reason{outcome: ProtocolViolation, detail: "the child asked for an asset, and none were granted"})
		return
	case a.anyID && m.ID <= a.lastID:
		s.end(reason{outcome: ProtocolViolation, detail: fmt.Sprintf("asset request %d after %d: request ids must increase", m.ID, a.lastID)})
		return
	case a.outstanding >= a.maxOpen:
		s.end(reason{outcome: ProtocolViolation, detail: fmt.Sprintf("more than %d asset requests unanswered", a.maxOpen)})
		return
	case !a.flood.Take(now):
		s.end(reason{outcome: ProtocolViolation, detail: fmt.Sprintf("asset requests at more than %d times the rate of %d per second", assetFloodFactor, a.rateMax)})
		return
	}
	a.lastID, a.anyID = m.ID, true
	a.outstanding++
	s.result.Assets.Requests++
	r := assetReq{id: m.ID, path: m.Path}
	if !a.rate.Take(now) {
		r.status, r.detail = wire.AssetRate, fmt.Sprintf("more than %d requests per second", a.rateMax)
	}
	a.reqs <- r
}

// assetAck takes the child's acknowledgement of the oldest frame it has
// not acknowledged; s.mu is held.
func (s *session) assetAck(m *wire.AssetAck) {
	a := s.assets
	if a == nil || len(a.inflight) == 0 || a.inflight[0].id != m.ID {
		s.end(reason{outcome: ProtocolViolation, detail: fmt.Sprintf("acknowledgement of asset %d, which is not the next frame sent", m.ID)})
		return
	}
	a.inflightBytes -= a.inflight[0].size
	a.inflight = a.inflight[1:]
	select {
	case a.wake <- struct{}{}:
	default:
	}
}

// serve answers requests in order until the run ends.
func (a *assetService) serve() {
	root, err := os.OpenRoot(a.dir)
	var escapes error
	if err == nil {
		defer root.Close()
		escapes = escapeError(root)
	}
	buf := make([]byte, a.chunk)
	for {
		select {
		case <-a.s.endCh:
			return
		case r := <-a.reqs:
			if err != nil && r.status == wire.AssetOK {
				// The directory was there when the run was checked.
				r.status, r.detail = wire.AssetFailed, "the granted directory cannot be opened"
			}
			a.answer(root, escapes, r, buf)
			a.s.mu.Lock()
			a.outstanding--
			a.s.mu.Unlock()
		}
	}
}

// escapeError learns the error os.Root gives for a path that leads out of
// it (the os package does not export it): a symlink pointing outside
// reports it, and is refused as outside the directory.
func escapeError(root *os.Root) error {
	_, err := root.Stat("..")
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return nil
}

// answer reads one file and sends it, or sends the refusal.
func (a *assetService) answer(root *os.Root, escapes error, r assetReq, buf []byte) {
	if r.status != wire.AssetOK {
		a.refuse(r.id, r.status, r.detail)
		return
	}
	f, size, status, detail := openAsset(root, escapes, r.path, a.maxFile)
	if status != wire.AssetOK {
		a.refuse(r.id, status, detail)
		return
	}
	defer f.Close()
	if detail, ok := a.reserve(size); !ok {
		a.refuse(r.id, wire.AssetTooLarge, detail)
		return
	}
	// The file is read to the size it had when it was opened: one that
	// grows meanwhile is cut there, one that shrinks fails.
	src := io.LimitReader(f, size)
	for sent := int64(0); ; {
		n := int(min(int64(len(buf)), size-sent))
		if _, err := io.ReadFull(src, buf[:n]); err != nil {
			a.refuse(r.id, wire.AssetFailed, readFailure(err))
			return
		}
		var served func(*AssetStats)
		if sent+int64(n) == size {
			served = func(st *AssetStats) { st.Served++; st.Bytes += size }
		}
		if !a.sendData(&wire.AssetData{ID: r.id, Status: wire.AssetOK, Total: uint32(size), Data: buf[:n]}, served) {
			return
		}
		sent += int64(n)
		if sent == size {
			break
		}
	}
}

func readFailure(err error) string {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "the file shrank while it was read"
	}
	return "the file could not be read"
}

// reserve takes size bytes of the run's total for a file.
func (a *assetService) reserve(size int64) (string, bool) {
	a.s.mu.Lock()
	defer a.s.mu.Unlock()
	if left := a.maxTotal - a.reserved; size > left {
		return fmt.Sprintf("%d bytes, over what is left of the run's %s for assets (%d bytes)", size, sizeText(a.maxTotal), left), false
	}
	a.reserved += size
	return "", true
}

// refuse answers a request with a refusal and counts it.
func (a *assetService) refuse(id uint32, status uint8, detail string) {
	if len(detail) > wire.MaxAssetDetail {
		detail = detail[:wire.MaxAssetDetail]
	}
	a.sendData(&wire.AssetData{ID: id, Status: status, Detail: detail}, func(st *AssetStats) { st.Refused++ })
}

// sendData writes one AssetData frame once the flow-control window has
// room for it: the frames the child has not acknowledged stay below half
// the pipe's buffer, so these writes, made under the session lock like
// every write to the child, never wait for a child that is busy running
// a script (it reads, and acknowledges, between tasks). It reports false
// when the run ended first. count, when not nil, updates the run's asset
// statistics under the same lock as the write: a child that finishes as
// soon as it reads the frame ends the run only after the frame is counted.
func (a *assetService) sendData(m *wire.AssetData, count func(*AssetStats)) bool {
	s := a.s
	size := len(m.Data) + len(m.Detail) + 24 // the frame's bytes, near enough
	s.mu.Lock()
	defer s.mu.Unlock()
	for !s.ended && a.inflightBytes > 0 && a.inflightBytes+size > a.window {
		s.mu.Unlock()
		select {
		case <-a.wake:
		case <-s.endCh:
		}
		s.mu.Lock()
	}
	if s.ended {
		return false
	}
	a.inflight = append(a.inflight, sentFrame{id: m.ID, size: size})
	a.inflightBytes += size
	s.send(m, writeTimeout)
	if s.ended {
		return false
	}
	if count != nil {
		count(&s.result.Assets)
	}
	return true
}

// openAsset checks a requested path and opens it beneath root. It returns
// the open file and its size, or the refusal.
func openAsset(root *os.Root, escapes error, p string, maxFile int64) (*os.File, int64, uint8, string) {
	if why := badAssetPath(p); why != "" {
		return nil, 0, wire.AssetRefused, why
	}
	name := path.Clean(p)
	refusal := func(err error) (*os.File, int64, uint8, string) {
		switch {
		case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
			return nil, 0, wire.AssetNotFound, "not found in the granted directory"
		case escapes != nil && errors.Is(err, escapes):
			return nil, 0, wire.AssetRefused, "outside the granted directory (a symbolic link leads out of it)"
		case errors.Is(err, fs.ErrPermission):
			return nil, 0, wire.AssetRefused, "not readable"
		case errors.Is(err, syscall.ELOOP):
			return nil, 0, wire.AssetRefused, "too many symbolic links"
		}
		return nil, 0, wire.AssetFailed, "cannot be opened"
	}
	// Stat first, so that nothing but a regular file is ever opened
	// (opening a device can have effects of its own); the open file is
	// checked again below, as the path may change in between.
	fi, err := root.Stat(name)
	if err != nil {
		return refusal(err)
	}
	if why := badAssetFile(fi, maxFile); why != "" {
		return nil, 0, statusOf(fi), why
	}
	f, err := root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
	if err != nil {
		return refusal(err)
	}
	fi2, err := f.Stat()
	switch {
	case err != nil:
		f.Close()
		return nil, 0, wire.AssetFailed, "cannot be opened"
	case !os.SameFile(fi, fi2):
		f.Close()
		return nil, 0, wire.AssetRefused, "changed while it was opened"
	}
	if why := badAssetFile(fi2, maxFile); why != "" {
		f.Close()
		return nil, 0, statusOf(fi2), why
	}
	return f, fi2.Size(), wire.AssetOK, ""
}

// badAssetPath says why p is not a path the host serves, or "".
func badAssetPath(p string) string {
	switch {
	case p == "" || path.Clean(p) == ".":
		return "names the granted directory itself, not a file"
	case strings.IndexByte(p, 0) >= 0:
		return "the path contains a NUL byte"
	case strings.HasPrefix(p, "/"):
		return "an absolute path (asset paths are relative to the granted directory)"
	case !filepath.IsLocal(p):
		return "outside the granted directory"
	}
	return ""
}

// badAssetFile says why a file is not served, or "".
func badAssetFile(fi fs.FileInfo, maxFile int64) string {
	switch {
	case fi.IsDir():
		return "a directory, not a file"
	case !fi.Mode().IsRegular():
		return "not a regular file"
	case fi.Size() > maxFile:
		return fmt.Sprintf("%d bytes, over the %s per-file limit", fi.Size(), sizeText(maxFile))
	}
	return ""
}

func statusOf(fi fs.FileInfo) uint8 {
	if fi.Mode().IsRegular() {
		return wire.AssetTooLarge
	}
	return wire.AssetRefused
}

// sizeText writes a byte count for a person ("32 MiB").
func sizeText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
