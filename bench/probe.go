package bench

import (
	"context"
	"errors"
	"seccanvas/jail"
	"time"
)

// probeInProcess reports whether jail.Host.Run works with Unjailed: it
// runs an empty script and gives up after a few seconds (a run stuck in a
// pipe write cannot be cancelled, so a stuck probe's goroutine is
// abandoned rather than hanging the benchmark).
func probeInProcess(host *jail.Host) error {
	done := make(chan error, 1)
	go func() {
		res, err := host.Run(context.Background(), jail.Config{
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
		return errors.New("jail.Host.Run with Unjailed did not finish an empty script within 5 s")
	}
}
