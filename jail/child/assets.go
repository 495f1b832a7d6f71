package child

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"seccanvas/jail/wire"
	"seccanvas/script"
	"seccanvas/script/console"
)

// assetClient is the child's side of granted assets (the protocol is in
// jail/wire/assets.go): script.Options.Fetch sends AssetRequests, and the
// event loop hands the host's AssetData to data, which assembles each file
// and delivers it between tasks (the runtime then queues the completion as
// a task). It keeps the protocol's promises itself: at most Job.AssetRate
// requests a second (beyond that it refuses, as the host would) and at
// most Job.AssetConcurrency unanswered (beyond that it queues, as a
// browser queues requests to one server). It runs on the event-loop
// goroutine only.
type assetClient struct {
	send func(wire.Message)
	log  func(level uint8, text string)

	granted bool
	rate    uint32
	conc    int
	bucket  *wire.TokenBucket
	nextID  uint32
	queue   []*assetCall
	open    map[uint32]*assetCall
	logged  int // console lines about failed requests so far
}

// assetCall is one Fetch: waiting in the queue, or sent and being
// answered.
type assetCall struct {
	path    string
	deliver func([]byte, error)
	buf     []byte
	started bool
}

// maxAssetLogs bounds the console lines about failed asset requests, so
// that a script looping over missing files does not fill the console
// with them.
const maxAssetLogs = 50

func newAssetClient(job *wire.Job, send func(wire.Message), log func(uint8, string)) *assetClient {
	c := &assetClient{send: send, log: log, open: map[uint32]*assetCall{}}
	if job.AssetRate > 0 && job.AssetConcurrency > 0 {
		c.granted, c.rate, c.conc = true, job.AssetRate, int(job.AssetConcurrency)
		c.bucket = wire.NewTokenBucket(float64(job.AssetRate), float64(job.AssetRate), time.Now())
	}
	return c
}

// fetch implements script.Options.Fetch: path is relative to the granted
// directory (script.AssetPath).
func (c *assetClient) fetch(path string, deliver func([]byte, error)) {
	call := &assetCall{path: path, deliver: deliver}
	if !c.granted {
		c.fail(call, wire.AssetRefused, "no directory was granted to this run")
		return
	}
	c.queue = append(c.queue, call)
	c.pump()
}

// pump sends queued requests while fewer than the bound are unanswered.
func (c *assetClient) pump() {
	for len(c.open) < c.conc && len(c.queue) > 0 {
		call := c.queue[0]
		c.queue[0] = nil
		c.queue = c.queue[1:]
		if !c.bucket.Take(time.Now()) {
			c.fail(call, wire.AssetRate, fmt.Sprintf("more than %d requests per second", c.rate))
			continue
		}
		c.nextID++
		c.open[c.nextID] = call
		c.send(&wire.AssetRequest{ID: c.nextID, Path: call.path})
	}
}

// data takes one AssetData frame from the host.
func (c *assetClient) data(m *wire.AssetData) {
	// Acknowledge at once: the host sends more only when it may.
	c.send(&wire.AssetAck{ID: m.ID})
	call := c.open[m.ID]
	if call == nil {
		return // the host answers only what was asked: nothing to do
	}
	switch {
	case m.Status != wire.AssetOK:
		delete(c.open, m.ID)
		c.fail(call, m.Status, m.Detail)
	case call.started && uint32(cap(call.buf)) != m.Total,
		uint64(len(call.buf))+uint64(len(m.Data)) > uint64(m.Total):
		delete(c.open, m.ID)
		c.fail(call, wire.AssetFailed, "the host's answer did not add up")
	default:
		if !call.started {
			call.started = true
			call.buf = make([]byte, 0, m.Total)
		}
		call.buf = append(call.buf, m.Data...)
		if len(call.buf) < int(m.Total) {
			return
		}
		delete(c.open, m.ID)
		call.deliver(call.buf, nil)
	}
	c.pump()
}

// fail answers a request with an error and says why on the console, as
// a browser's console shows a failed load.
func (c *assetClient) fail(call *assetCall, status uint8, detail string) {
	var err error
	var line string
	name := printable(call.path)
	if status == wire.AssetNotFound {
		err = fmt.Errorf("%s: %w", call.path, script.ErrNotFound)
		line = fmt.Sprintf("seccanvas: asset %s not found in the granted directory", name)
	} else {
		if detail == "" {
			detail = "refused by the host"
		}
		err = errors.New("asset " + call.path + " refused: " + detail)
		line = fmt.Sprintf("seccanvas: asset %s refused: %s", name, detail)
	}
	switch {
	case c.logged < maxAssetLogs:
		c.log(console.Error, line)
	case c.logged == maxAssetLogs:
		c.log(console.Error, fmt.Sprintf("seccanvas: more failed asset requests; only the first %d are shown", maxAssetLogs))
	}
	c.logged++
	call.deliver(nil, err)
}

// printable quotes a path that would not read as itself on a console.
func printable(p string) string {
	for _, r := range p {
		if !strconv.IsPrint(r) || r == ' ' {
			return strconv.Quote(p)
		}
	}
	return p
}
