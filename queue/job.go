package queue

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
)

// Job is one render request, already validated and capped by the front
// (the queue checks only what it needs to name and carry the job).
type Job struct {
	// Script is the JavaScript source.
	Script []byte
	// Width and Height are the canvas size; Frames ends the run after
	// that many rendering opportunities (1 is the top-level script).
	Width, Height, Frames int
	// Format is "png" (the last frame) or "gif" (the animation).
	Format string
	// Seed seeds Math.random.
	Seed int64
	// Timeout is the run's wall-clock budget.
	Timeout time.Duration
	// VirtualTime asks for the virtual clock (timers and frames advance
	// by frame, not by wall time).
	VirtualTime bool
	// FPS is the frame rate (0: the renderer's default); with
	// VirtualTime it sets how far the clock advances per frame, and it
	// sets a GIF's frame delay.
	FPS int
	// Name is the script's name in stacks and error positions (""):
	// the renderer's default).
	Name string
}

// Validate checks what the queue itself relies on: a script, a known
// format and non-negative numbers. The front applies its own caps before.
func (j Job) Validate() error {
	switch {
	case len(j.Script) == 0:
		return errors.New("queue: job has no script")
	case j.Format != "png" && j.Format != "gif":
		return fmt.Errorf("queue: job format %q: want png or gif", j.Format)
	case j.Width < 1 || j.Height < 1:
		return fmt.Errorf("queue: job canvas %d×%d: each side must be at least 1", j.Width, j.Height)
	case j.Frames < 0 || j.Timeout < 0 || j.FPS < 0:
		return errors.New("queue: job frames, fps and timeout must not be negative")
	}
	return nil
}

// JobID is the job's content hash: the hex SHA-256 of the script, every
// parameter and the seccanvas version that renders it. Two requests with
// the same id give the same bytes, which is what lets the stream drop a
// duplicate submission and a redelivered job overwrite its result safely.
// The encoding is length-prefixed, so no two distinct jobs share an input.
func JobID(j Job, version string) string {
	h := sha256.New()
	var n [8]byte
	field := func(b []byte) {
		binary.BigEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	num := func(v int64) {
		binary.BigEndian.PutUint64(n[:], uint64(v))
		h.Write(n[:])
	}
	field([]byte("seccanvas job v2"))
	field([]byte(version))
	field(j.Script)
	num(int64(j.Width))
	num(int64(j.Height))
	num(int64(j.Frames))
	field([]byte(j.Format))
	num(j.Seed)
	num(int64(j.Timeout))
	if j.VirtualTime {
		num(1)
	} else {
		num(0)
	}
	num(int64(j.FPS))
	field([]byte(j.Name))
	return hex.EncodeToString(h.Sum(nil))
}

// validID reports whether id looks like a JobID (64 lower-case hex digits):
// ids become subject tokens and object names, so nothing else may pass.
func validID(id string) bool {
	if len(id) != 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// Result is what a worker stores for a job: the picture, or the
// deterministic outcome that stopped it (script error, limit, violation).
type Result struct {
	// Outcome is jail.Outcome.String() ("finished", "script error", …).
	Outcome string
	// ContentType is the picture's media type ("image/png", "image/gif")
	// when there is a picture.
	ContentType string
	Image       []byte
	// Message says what went wrong; File, Line, Column and Stack locate a
	// script error; Limit names the limit a run exceeded.
	Message      string
	File         string
	Line, Column int
	Stack        string
	Limit        string
	// Console is the start of the script's console output (renderers
	// that keep it).
	Console string
	// Frames and Presents count the run's rendering opportunities and
	// the frames it drew; Elapsed is how long the run took.
	Frames, Presents int
	Elapsed          time.Duration
}

// Job message headers. The body is the script itself; the parameters ride
// in headers so that a worker reads no script bytes to route a job.
const (
	hdrWidth   = "Seccanvas-Width"
	hdrHeight  = "Seccanvas-Height"
	hdrFrames  = "Seccanvas-Frames"
	hdrFormat  = "Seccanvas-Format"
	hdrSeed    = "Seccanvas-Seed"
	hdrTimeout = "Seccanvas-Timeout"
	hdrVirtual = "Seccanvas-Virtual-Time"
	hdrVersion = "Seccanvas-Version"
	hdrFPS     = "Seccanvas-FPS"
	hdrName    = "Seccanvas-Name"
)

// encodeJob builds the job's message on subject.
func encodeJob(subject string, j Job, version string) *nats.Msg {
	m := nats.NewMsg(subject)
	m.Data = j.Script
	m.Header.Set(hdrWidth, strconv.Itoa(j.Width))
	m.Header.Set(hdrHeight, strconv.Itoa(j.Height))
	m.Header.Set(hdrFrames, strconv.Itoa(j.Frames))
	m.Header.Set(hdrFormat, j.Format)
	m.Header.Set(hdrSeed, strconv.FormatInt(j.Seed, 10))
	m.Header.Set(hdrTimeout, strconv.FormatInt(int64(j.Timeout), 10))
	m.Header.Set(hdrVirtual, strconv.FormatBool(j.VirtualTime))
	m.Header.Set(hdrVersion, version)
	m.Header.Set(hdrFPS, strconv.Itoa(j.FPS))
	if j.Name != "" {
		m.Header.Set(hdrName, j.Name)
	}
	return m
}

// decodeJob reads a job message back and checks it names itself: the id
// recomputed from the body and headers must be the id in the subject.
func decodeJob(id string, h nats.Header, body []byte) (Job, error) {
	j := Job{Script: body, Format: h.Get(hdrFormat), Name: h.Get(hdrName)}
	var err error
	atoi := func(k string) int {
		v, e := strconv.Atoi(h.Get(k))
		if e != nil && err == nil {
			err = fmt.Errorf("header %s: %w", k, e)
		}
		return v
	}
	j.Width, j.Height, j.Frames = atoi(hdrWidth), atoi(hdrHeight), atoi(hdrFrames)
	if h.Get(hdrFPS) != "" {
		j.FPS = atoi(hdrFPS)
	}
	seed, e1 := strconv.ParseInt(h.Get(hdrSeed), 10, 64)
	timeout, e2 := strconv.ParseInt(h.Get(hdrTimeout), 10, 64)
	virtual, e3 := strconv.ParseBool(h.Get(hdrVirtual))
	if err == nil {
		err = errors.Join(e1, e2, e3)
	}
	if err != nil {
		return Job{}, fmt.Errorf("queue: malformed job %s: %w", id, err)
	}
	j.Seed, j.Timeout, j.VirtualTime = seed, time.Duration(timeout), virtual
	if err := j.Validate(); err != nil {
		return Job{}, err
	}
	if got := JobID(j, h.Get(hdrVersion)); got != id {
		return Job{}, fmt.Errorf("queue: job %s does not match its content (hash %s)", id, got)
	}
	return j, nil
}

// Result metadata keys in the object store (the object's data is the
// picture).
const (
	metaOutcome  = "outcome"
	metaType     = "content-type"
	metaMessage  = "message"
	metaFile     = "file"
	metaLine     = "line"
	metaColumn   = "column"
	metaStack    = "stack"
	metaLimit    = "limit"
	metaConsole  = "console"
	metaFrames   = "frames"
	metaPresents = "presents"
	metaElapsed  = "elapsed-ns"
)

// maxMetaText bounds each text field stored with a result, so that a
// script cannot make its result's metadata message arbitrarily large.
const maxMetaText = 16 << 10

func clip(s string) string {
	if len(s) > maxMetaText {
		return s[:maxMetaText] + "…"
	}
	return s
}

func resultMeta(r Result) map[string]string {
	m := map[string]string{metaOutcome: r.Outcome}
	set := func(k, v string) {
		if v != "" {
			m[k] = clip(v)
		}
	}
	set(metaType, r.ContentType)
	set(metaMessage, r.Message)
	set(metaFile, r.File)
	set(metaStack, r.Stack)
	set(metaLimit, r.Limit)
	set(metaConsole, r.Console)
	for k, v := range map[string]int64{metaLine: int64(r.Line), metaColumn: int64(r.Column),
		metaFrames: int64(r.Frames), metaPresents: int64(r.Presents), metaElapsed: int64(r.Elapsed)} {
		if v != 0 {
			m[k] = strconv.FormatInt(v, 10)
		}
	}
	return m
}

func resultFromMeta(m map[string]string, image []byte) Result {
	num := func(k string) int64 { v, _ := strconv.ParseInt(m[k], 10, 64); return v }
	return Result{
		Outcome: m[metaOutcome], ContentType: m[metaType], Image: image,
		Message: m[metaMessage], File: m[metaFile], Line: int(num(metaLine)), Column: int(num(metaColumn)),
		Stack: m[metaStack], Limit: m[metaLimit], Console: m[metaConsole],
		Frames: int(num(metaFrames)), Presents: int(num(metaPresents)), Elapsed: time.Duration(num(metaElapsed)),
	}
}
