package jail

import (
	"fmt"
	"io"
	"time"

	"seccanvas/jail/wire"
	"seccanvas/script/console"
)

// consoleQueue writes the script's console lines to the caller's writers on a
// goroutine of its own, so that a writer that blocks (a pipe nobody reads)
// never holds up supervision: the host only queues lines, up to a bounded
// backlog, and drops what does not fit with one marker. It also bounds
// the total output, then writes one marker and nothing more.
type consoleQueue struct {
	stdout, stderr io.Writer
	lines          chan consoleLine
	done           chan struct{}

	// Guarded by the session's lock (all calls come from it).
	left      int64
	limit     int64
	truncated bool
	dropped   int
	closed    bool
}

type consoleLine struct {
	toStderr bool
	text     string
}

// consoleBacklog bounds the lines waiting for a slow writer.
const consoleBacklog = 1024

// consoleDrain bounds how long the end of a run waits for a slow writer.
const consoleDrain = time.Second

func newConsole(stdout, stderr io.Writer, limit int64) *consoleQueue {
	c := &consoleQueue{stdout: stdout, stderr: stderr, left: limit, limit: limit,
		lines: make(chan consoleLine, consoleBacklog), done: make(chan struct{})}
	go c.write()
	return c
}

func (c *consoleQueue) write() {
	defer close(c.done)
	for l := range c.lines {
		w := c.stdout
		if l.toStderr {
			w = c.stderr
		}
		_, _ = io.WriteString(w, l.text)
	}
}

func (c *consoleQueue) queue(toStderr bool, text string) {
	if c.closed {
		return
	}
	if c.dropped > 0 {
		// Say how much was lost as soon as there is room again.
		select {
		case c.lines <- consoleLine{true, fmt.Sprintf("[seccanvas: %d console lines dropped: the output was not being read]\n", c.dropped)}:
			c.dropped = 0
		default:
			c.dropped++
			return
		}
	}
	select {
	case c.lines <- consoleLine{toStderr, text}:
	default:
		c.dropped++
	}
}

// log queues one console line of the given level.
func (c *consoleQueue) log(level uint8, text string) {
	c.line(console.ToStderr(level), text)
}

func (c *consoleQueue) line(toStderr bool, text string) {
	if c.truncated {
		return
	}
	n := int64(len(text) + 1)
	if n > c.left {
		c.truncated = true
		c.queue(true, fmt.Sprintf("[seccanvas: console output truncated after %d bytes]\n", c.limit-c.left))
		return
	}
	c.left -= n
	c.queue(toStderr, text+"\n")
}

// scriptError queues a JavaScript error with its stack (stderr).
func (c *consoleQueue) scriptError(e *wire.Error) {
	text := e.Message
	if e.Stack != "" {
		text += "\n" + e.Stack
	}
	c.line(true, text)
}

// stop ends queueing; the caller holds the session's lock.
func (c *consoleQueue) stop() {
	if !c.closed {
		c.closed = true
		close(c.lines)
	}
}

// wait waits, boundedly, for the writer to catch up after stop.
func (c *consoleQueue) wait() {
	select {
	case <-c.done:
	case <-time.After(consoleDrain):
	}
}
