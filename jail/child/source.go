package child

import (
	"errors"
	"io"
	"os"
	"time"

	"seccanvas/jail/wire"
)

// source delivers the host's messages to the event loop, waiting at most
// until a deadline so that timers can run on time.
type source interface {
	// next returns the next message, or (nil, nil) when the deadline
	// (zero: none) passed first, or an error when the host is gone or
	// sent something malformed.
	next(deadline time.Time) (wire.Message, error)
}

// pollSource reads from a non-blocking pipe registered with the runtime's
// netpoller, on the event loop's own goroutine: no hand-off to another
// thread per message (a reader goroutine and a channel cost ~65 µs per
// round trip here, the netpoller ~5 µs).
type pollSource struct {
	f        *os.File
	r        *wire.Reader
	deadline time.Time // the deadline set on f
}

// minWait gives the pipe a chance to deliver when a timer is already due,
// so that a busy chain of timers cannot starve frame ticks.
const minWait = 50 * time.Microsecond

func (p *pollSource) next(deadline time.Time) (wire.Message, error) {
	if !deadline.IsZero() {
		deadline = later(deadline, time.Now().Add(minWait))
	}
	if !deadline.Equal(p.deadline) {
		if err := p.f.SetReadDeadline(deadline); err != nil {
			return nil, err
		}
		p.deadline = deadline
	}
	m, err := p.r.Read(wire.FromHost)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return nil, nil
	}
	return m, err
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// chanSource reads with a goroutine: for streams without deadlines (the
// in-process engine's io.Pipe).
type chanSource struct {
	msgs  chan wire.Message
	err   error
	timer *time.Timer
}

func newChanSource(r *wire.Reader) *chanSource {
	c := &chanSource{msgs: make(chan wire.Message, 64), timer: time.NewTimer(time.Hour)}
	go func() {
		defer close(c.msgs)
		for {
			m, err := r.Read(wire.FromHost)
			if err != nil {
				c.err = err
				return
			}
			c.msgs <- m
		}
	}()
	return c
}

func (c *chanSource) next(deadline time.Time) (wire.Message, error) {
	var timeout <-chan time.Time
	if !deadline.IsZero() {
		c.timer.Reset(max(time.Until(deadline), 0))
		timeout = c.timer.C
		defer func() {
			if !c.timer.Stop() {
				select {
				case <-c.timer.C:
				default:
				}
			}
		}()
	}
	select {
	case m, ok := <-c.msgs:
		if !ok {
			if c.err == nil {
				c.err = io.EOF
			}
			return nil, c.err
		}
		return m, nil
	case <-timeout:
		return nil, nil
	}
}
