package serve

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"seccanvas/jail"
	"seccanvas/queue"
)

// Output formats.
const (
	formatPNG = "png"
	formatGIF = "gif"
)

// renderRequest is a render job as the request asked for it, before
// defaults.
type renderRequest struct {
	Script  string          `json:"script"`
	Width   int             `json:"width"`
	Height  int             `json:"height"`
	Frames  int             `json:"frames"`
	FPS     int             `json:"fps"`
	Format  string          `json:"format"`
	Seed    *int64          `json:"seed"`
	Timeout json.RawMessage `json:"timeout"` // seconds (a number) or a duration ("5s")

	// makeScript, when set, makes the script (charts: the library and
	// the chart's configuration).
	makeScript func() []byte
}

// job is a validated render job: what runs, and its content hash.
type job struct {
	kind          string // "render" or "chart": the metric label
	name          string // the script's name in stacks
	source        []byte
	width, height int
	frames, fps   int
	format        string
	seed          int64
	timeout       time.Duration
	// hash is the job's content hash: queue.JobID of qjob, which is the
	// job's id on the queue, the cache's key and the ETag.
	hash   [32]byte
	qjob   queue.Job
	client string
	// seedUnknown: the job was named by its id alone (GET /v1/jobs/{id}).
	seedUnknown bool
}

// id is the job's queue id (queue.JobID).
func (j *job) id() string { return hex.EncodeToString(j.hash[:]) }

// etag is the job's entity tag: its content hash.
func (j *job) etag() string { return `"` + hex.EncodeToString(j.hash[:16]) + `"` }

// badRequest is a request the service refuses before running anything.
type badRequest struct {
	status  int
	outcome string
	msg     string
}

func (e *badRequest) Error() string { return e.msg }

func errBad(format string, args ...any) error {
	return &badRequest{status: http.StatusBadRequest, outcome: "bad_request", msg: fmt.Sprintf(format, args...)}
}

func errTooLarge(limit int64) error {
	return &badRequest{status: http.StatusRequestEntityTooLarge, outcome: "too_large", msg: fmt.Sprintf("the request is over the %d-byte limit", limit)}
}

// parseTimeout reads a timeout given as seconds or as a Go duration.
func parseTimeout(s string) (time.Duration, error) {
	s = strings.Trim(strings.TrimSpace(s), `"`)
	if s == "" || s == "null" {
		return 0, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f < 0 || f > 86400 {
			return 0, errBad("timeout %v: must be 0..86400 seconds", f)
		}
		return time.Duration(f * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, errBad("timeout %q: give seconds (5) or a duration (5s)", s)
	}
	return d, nil
}

// fromQuery fills the parameters of r from URL query values.
func (r *renderRequest) fromQuery(q url.Values) error {
	ints := []struct {
		name string
		dst  *int
	}{{"width", &r.Width}, {"height", &r.Height}, {"frames", &r.Frames}, {"fps", &r.FPS}}
	for _, p := range ints {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				return errBad("%s %q is not a whole number", p.name, v)
			}
			*p.dst = n
		}
	}
	if v := q.Get("format"); v != "" {
		r.Format = v
	}
	if v := q.Get("seed"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return errBad("seed %q is not a 64-bit integer", v)
		}
		r.Seed = &n
	}
	if v := q.Get("timeout"); v != "" {
		r.Timeout = json.RawMessage(strconv.Quote(v))
	}
	return nil
}

// readBody reads a request body up to the server's limit.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if r.ContentLength > s.cfg.MaxBody {
		return nil, errTooLarge(s.cfg.MaxBody)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, errTooLarge(s.cfg.MaxBody)
		}
		return nil, errBad("read the request body: %v", err)
	}
	return body, nil
}

// parsePost reads POST /v1/render: a JSON body, or the script itself as
// JavaScript with the parameters in the query.
func (s *Server) parsePost(w http.ResponseWriter, r *http.Request) (*renderRequest, error) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	body, err := s.readBody(w, r)
	if err != nil {
		return nil, err
	}
	req := &renderRequest{}
	switch ct {
	case "application/json":
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(req); err != nil {
			return nil, errBad("JSON body: %v", err)
		}
	case "application/javascript", "text/javascript", "application/x-javascript", "text/plain":
		req.Script = string(body)
		if err := req.fromQuery(r.URL.Query()); err != nil {
			return nil, err
		}
	default:
		return nil, &badRequest{status: http.StatusUnsupportedMediaType, outcome: "bad_request",
			msg: fmt.Sprintf("Content-Type %q: send application/json or application/javascript", ct)}
	}
	return req, nil
}

// decodeScript decodes a script from a GET path: deflate (zlib or raw)
// then base64url, the Kroki convention; at most limit bytes once inflated.
func decodeScript(enc string, limit int64) ([]byte, error) {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(enc, "="))
	if err != nil {
		return nil, errBad("the script is not base64url: %v", err)
	}
	var r io.ReadCloser
	if zr, zerr := zlib.NewReader(bytes.NewReader(raw)); zerr == nil {
		r = zr
	} else {
		r = flate.NewReader(bytes.NewReader(raw))
	}
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, errBad("the script is not deflate-compressed: %v", err)
	}
	if int64(len(out)) > limit {
		return nil, errTooLarge(limit)
	}
	return out, nil
}

// EncodeScript encodes a script for GET /v1/render/{format}/{script}:
// zlib-deflated at the best compression, then base64url without padding
// (the Kroki convention, so that Kroki's encoders work too).
func EncodeScript(script []byte) string {
	var b bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	_, _ = zw.Write(script)
	_ = zw.Close()
	return base64.RawURLEncoding.EncodeToString(b.Bytes())
}

// newJob applies defaults and the server's maxima to a request and
// computes its content hash. A limit (the timeout) above the maximum is
// capped; parameters that change the picture beyond a maximum are refused.
func (s *Server) newJob(req *renderRequest, kind, name, client string) (*job, error) {
	c := &s.cfg
	j := &job{kind: kind, name: name, source: []byte(req.Script), width: req.Width, height: req.Height,
		frames: req.Frames, fps: req.FPS, format: strings.ToLower(req.Format), client: client}
	if req.makeScript != nil {
		j.source = req.makeScript()
	}
	if len(j.source) == 0 {
		return nil, errBad("the script is empty")
	}
	if j.format == "" {
		j.format = formatPNG
	}
	if j.format != formatPNG && j.format != formatGIF {
		return nil, errBad("format %q: use png or gif", req.Format)
	}
	if j.width == 0 {
		j.width = 640
	}
	if j.height == 0 {
		j.height = 480
	}
	if j.width < 1 || j.height < 1 || j.width > c.Pool.MaxWidth || j.height > c.Pool.MaxHeight {
		return nil, errBad("canvas %dx%d: each side must be 1..%d×%d on this server", j.width, j.height, c.Pool.MaxWidth, c.Pool.MaxHeight)
	}
	if j.frames == 0 {
		j.frames = 1
		if j.format == formatGIF {
			j.frames = 60
		}
	}
	if j.fps == 0 {
		j.fps = min(60, c.MaxFPS)
		if j.format == formatGIF {
			j.fps = min(30, c.MaxFPS)
		}
	}
	if j.frames < 1 || j.frames > c.MaxFrames {
		return nil, errBad("frames %d: must be 1..%d on this server", j.frames, c.MaxFrames)
	}
	if j.fps < 1 || j.fps > c.MaxFPS {
		return nil, errBad("fps %d: must be 1..%d on this server", j.fps, c.MaxFPS)
	}
	if j.format == formatGIF && int64(j.width)*int64(j.height)*int64(j.frames) > c.MaxGIFPixels {
		return nil, errBad("a GIF of %d frames of %dx%d is over this server's %d-pixel limit", j.frames, j.width, j.height, c.MaxGIFPixels)
	}
	t, err := parseTimeout(string(req.Timeout))
	if err != nil {
		return nil, err
	}
	if t == 0 {
		t = c.DefaultTimeout
	}
	j.timeout = min(t, c.MaxTimeout)

	// The job's id is its content hash (queue.JobID): the version, the
	// script, its name, the parameters and the seed. A request without a
	// seed gets one derived from the id of the same job with seed 0, so
	// that the same request always has the same seed and the same bytes.
	j.qjob = queue.Job{Script: j.source, Width: j.width, Height: j.height, Frames: j.frames,
		Format: j.format, Timeout: j.timeout, VirtualTime: true, FPS: j.fps, Name: name}
	if req.Seed != nil {
		j.qjob.Seed = *req.Seed
	} else {
		h, _ := hex.DecodeString(queue.JobID(j.qjob, c.Version))
		j.qjob.Seed = int64(binary.BigEndian.Uint64(h[:8]))
	}
	j.seed = j.qjob.Seed
	hex.Decode(j.hash[:], []byte(queue.JobID(j.qjob, c.Version)))
	return j, nil
}

func (s *Server) handleRenderPost(w http.ResponseWriter, r *http.Request) {
	if j, ok := s.postedJob(w, r); ok {
		s.serveJob(w, r, j)
	}
}

// postedJob is the job of a POST /v1/render or /v1/jobs body; when the
// body is refused it writes the error and reports false.
func (s *Server) postedJob(w http.ResponseWriter, r *http.Request) (*job, bool) {
	req, err := s.parsePost(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return nil, false
	}
	j, err := s.newJob(req, "render", "script.js", clientOf(r))
	if err != nil {
		s.writeError(w, r, err)
		return nil, false
	}
	return j, true
}

func (s *Server) handleRenderGet(w http.ResponseWriter, r *http.Request) {
	format := r.PathValue("format")
	src, err := decodeScript(r.PathValue("script"), s.cfg.MaxBody)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	req := &renderRequest{Script: string(src), Format: format}
	if err := req.fromQuery(r.URL.Query()); err != nil {
		s.writeError(w, r, err)
		return
	}
	req.Format = format // the path decides
	j, err := s.newJob(req, "render", "script.js", clientOf(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.serveJob(w, r, j)
}

// serveJob answers a job: 304 when the client has it, from the cache when
// it is there, by joining an identical job in flight, or by running it.
func (s *Server) serveJob(w http.ResponseWriter, r *http.Request, j *job) {
	etag := j.etag()
	if match := r.Header.Get("If-None-Match"); match != "" && etagMatch(match, etag) {
		// Deterministic: the same hash is the same bytes, rendered or not.
		w.Header().Set("ETag", etag)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if res, ok := s.cache.get(j.hash); ok {
		s.met.cacheHits.Inc()
		s.writeResult(w, r, j, res, "hit")
		return
	}
	s.met.cacheMisses.Inc()
	res, how, err := s.runShared(r.Context(), j)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeResult(w, r, j, res, how)
}

func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

// result is a finished job's answer: the picture, or the error JSON of a
// script that failed. Deterministic results are cached.
type result struct {
	status      int
	contentType string
	body        []byte
	outcome     string // the X-Seccanvas-Outcome header
	frames      int
	presents    int
	elapsed     time.Duration
	cacheable   bool
}

func (r *result) size() int64 { return int64(len(r.body)) + 256 }

func (s *Server) writeResult(w http.ResponseWriter, r *http.Request, j *job, res *result, cacheState string) {
	h := w.Header()
	h.Set("Content-Type", res.contentType)
	h.Set("Content-Length", strconv.Itoa(len(res.body)))
	h.Set("X-Seccanvas-Outcome", res.outcome)
	h.Set("X-Seccanvas-Frames", strconv.Itoa(res.frames))
	h.Set("X-Seccanvas-Presents", strconv.Itoa(res.presents))
	h.Set("X-Seccanvas-Elapsed", res.elapsed.Round(time.Microsecond).String())
	h.Set("X-Seccanvas-Cache", cacheState)
	if !j.seedUnknown {
		h.Set("X-Seccanvas-Seed", strconv.FormatInt(j.seed, 10))
	}
	if res.cacheable {
		h.Set("ETag", j.etag())
		h.Set("Cache-Control", "public, max-age=86400")
	} else {
		h.Set("Cache-Control", "no-store")
	}
	setOutcome(r, res.outcome)
	w.WriteHeader(res.status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(res.body)
	}
}

// flight is a job in progress that identical requests share.
type flight struct {
	done    chan struct{}
	res     *result
	err     error
	waiters int // guarded by Server.flightMu
	cancel  context.CancelFunc
}

// runShared runs j, or waits for the identical job already in flight. The
// job is canceled when every request waiting for it has gone.
func (s *Server) runShared(ctx context.Context, j *job) (*result, string, error) {
	s.flightMu.Lock()
	f, joined := s.flights[j.hash]
	if !joined {
		// A new job: the client's own bounds first.
		release, err := s.clients.acquire(j.client)
		if err != nil {
			s.flightMu.Unlock()
			s.met.rejected.WithLabelValues(rejectReason(err)).Inc()
			return nil, "", err
		}
		fctx, cancel := context.WithCancel(s.jobs)
		f = &flight{done: make(chan struct{}), cancel: cancel}
		s.flights[j.hash] = f
		go func() {
			defer release()
			res, err := s.runJob(fctx, j)
			cancel()
			s.flightMu.Lock()
			if s.flights[j.hash] == f {
				delete(s.flights, j.hash)
			}
			f.res, f.err = res, err
			s.flightMu.Unlock()
			if err == nil && res.cacheable {
				s.cache.put(j.hash, res)
			}
			close(f.done)
		}()
	}
	f.waiters++
	s.flightMu.Unlock()
	how := "miss"
	if joined {
		how = "shared"
	}
	select {
	case <-f.done:
		return f.res, how, f.err
	case <-ctx.Done():
		s.flightMu.Lock()
		f.waiters--
		if f.waiters == 0 {
			f.cancel()
			if s.flights[j.hash] == f {
				delete(s.flights, j.hash)
			}
		}
		s.flightMu.Unlock()
		return nil, how, &badRequest{status: 499, outcome: "canceled", msg: "the client went away"}
	}
}

// recordViolation logs a violation or a limit kill, and appends it to
// the violation log when the server has one.
func (s *Server) recordViolation(j *job, res jail.Result) {
	entry, keep := jail.ViolationEntry(res, j.name, j.source, j.client, s.cfg.Version)
	if !keep {
		return
	}
	if res.Outcome == jail.SeccompViolation || res.Outcome == jail.ProtocolViolation {
		s.log.Warn("jail violation", "client", j.client, "outcome", res.Outcome.String(), "syscall", res.Syscall,
			"detail", res.Detail, "script_sha256", entry.ScriptSHA256)
	}
	if s.cfg.ViolationLog == "" {
		return
	}
	if err := appendViolation(s.cfg.ViolationLog, entry); err != nil {
		s.log.Error("could not record the violation", "err", err)
	}
}
