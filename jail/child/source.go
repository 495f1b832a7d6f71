package child

import (
	"errors"
	"io"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

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
// round trip here, the netpoller ~5 µs). r reads from pipe.
type pollSource struct {
	pipe     *pollPipe
	r        *wire.Reader
	deadline time.Time // the deadline set on pipe.f
	// chained: the last call had a timer due and brought no message.
	chained bool
}

// minWait gives the pipe a chance to deliver when a timer is already due,
// so that a busy chain of timers cannot starve frame ticks. The netpoller
// sleeps in epoll_pwait, whose timeout is whole milliseconds, so such a
// wait costs a millisecond when the host has nothing to say. A due timer
// that follows anything else (a script's load event after its main run,
// the first timer after a frame) gets one read that does not wait
// instead: that wait cost every run 1.2 ms. A chain of due timers keeps
// the waits, and so its pace (a millisecond a link, where browsers clamp
// nested timers to 4 ms).
const minWait = 50 * time.Microsecond

func (p *pollSource) next(deadline time.Time) (wire.Message, error) {
	due := !deadline.IsZero() && deadline.Before(time.Now().Add(minWait))
	m, err := p.read(deadline, due)
	// A chain is due timers run back to back with nothing from the host
	// in between.
	p.chained = due && m == nil && err == nil
	return m, err
}

func (p *pollSource) read(deadline time.Time, due bool) (wire.Message, error) {
	if due && !p.chained {
		if !p.deadline.IsZero() && !p.deadline.After(time.Now()) {
			// A deadline that has passed would fail the read before it
			// is tried.
			if err := p.pipe.f.SetReadDeadline(time.Time{}); err != nil {
				return nil, err
			}
			p.deadline = time.Time{}
		}
		p.pipe.once = true
		m, err := p.r.Read(wire.FromHost)
		p.pipe.once = false
		if errors.Is(err, errNothingYet) {
			return nil, nil
		}
		return m, err
	}
	if due {
		deadline = later(deadline, time.Now().Add(minWait))
	}
	if !deadline.Equal(p.deadline) {
		if err := p.pipe.f.SetReadDeadline(deadline); err != nil {
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

// pollPipe is the host pipe as pollSource reads it: through the netpoller
// until the file's deadline, or, with once set, one read(2) that does not
// wait (errNothingYet when the pipe is empty).
type pollPipe struct {
	f    *os.File
	rc   syscall.RawConn
	once bool
}

// errNothingYet: the pipe had nothing to read at once.
var errNothingYet = errors.New("nothing to read yet")

// newPollPipe wraps the host pipe f (non-blocking, in the netpoller).
func newPollPipe(f *os.File) (*pollPipe, error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return nil, err
	}
	return &pollPipe{f: f, rc: rc}, nil
}

func (p *pollPipe) Read(b []byte) (int, error) {
	if !p.once {
		return p.f.Read(b)
	}
	n, errno := 0, error(nil)
	if err := p.rc.Read(func(fd uintptr) bool {
		n, errno = unix.Read(int(fd), b)
		return true // never wait
	}); err != nil {
		return 0, err
	}
	switch {
	case errno == unix.EAGAIN:
		return 0, errNothingYet
	case errno != nil:
		return 0, &os.PathError{Op: "read", Path: p.f.Name(), Err: errno}
	case n == 0 && len(b) > 0:
		return 0, io.EOF
	}
	return n, nil
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
