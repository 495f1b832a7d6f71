package bench

import (
	"context"
	"errors"
	"time"

	"seccanvas/jailhost"
)

// probeInProcess reports whether jailhost.Host.Run works with Unjailed: it
// runs an empty script and gives up after a few seconds (a run stuck in a
// pipe write cannot be cancelled, so a stuck probe's goroutine is
// abandoned rather than hanging the benchmark).
func probeInProcess(host *jailhost.Host) error {
	done := make(chan error, 1)
	go func() {
		res, err := host.Run(context.Background(), jailhost.Config{
			Name: "probe.js", Source: []byte(";"), Unjailed: true, ExitWhenIdle: true, Timeout: 5 * time.Second,
		})
		if err == nil {
			err = res.Err()
		}
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		return errors.New("jailhost.Host.Run with Unjailed did not finish an empty script within 5 s")
	}
}
