package doctor

import (
	"context"
	"fmt"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/shm"
)

// x11Timeout bounds the MIT-SHM probe; xgb's connect has no deadline.
const x11Timeout = 3 * time.Second

// x11Check asks the X server on display whether it speaks MIT-SHM, the
// extension the host uses to present the child's framebuffer without
// copying it through a pipe.
func x11Check(ctx context.Context, display string) Check {
	c := Check{Name: "x11.mit_shm"}
	if display == "" {
		c.Verdict, c.Why = OK, "no display"
		return c
	}
	type result struct {
		reply *shm.QueryVersionReply
		err   error
	}
	done := make(chan result, 1) // buffered: a late answer must not block the goroutine
	go func() {
		conn, err := xgb.NewConnDisplay(display)
		if err != nil {
			done <- result{err: fmt.Errorf("connect: %w", err)}
			return
		}
		defer conn.Close()
		if err := shm.Init(conn); err != nil {
			done <- result{err: fmt.Errorf("MIT-SHM: %w", err)}
			return
		}
		r, err := shm.QueryVersion(conn).Reply()
		if err != nil {
			err = fmt.Errorf("MIT-SHM QueryVersion: %w", err)
		}
		done <- result{reply: r, err: err}
	}()
	ctx, cancel := context.WithTimeout(ctx, x11Timeout)
	defer cancel()
	select {
	case <-ctx.Done():
		c.Verdict, c.Why = Warn, fmt.Sprintf("display %q did not answer within %v", display, x11Timeout)
	case r := <-done:
		if r.err != nil {
			c.Verdict, c.Why = Warn, fmt.Sprintf("display %q: %v; frames fall back to core PutImage", display, r.err)
			break
		}
		c.Verdict = OK
		c.Why = fmt.Sprintf("display %q has MIT-SHM %d.%d (shared pixmaps %v)", display, r.reply.MajorVersion, r.reply.MinorVersion, r.reply.SharedPixmaps)
	}
	return c
}
