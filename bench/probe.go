package bench

import (
	"context"
	"errors"
	"fmt"
	"seccanvas/jail"
	"time"
)

// probeInProcess reports whether jail.Host.Run works in-process: it
// runs an empty script and gives up after a few seconds (a run stuck in a
// pipe write cannot be cancelled, so a stuck probe's goroutine is
// abandoned rather than hanging the benchmark).
func probeInProcess(host *jail.Host) error {
	done := make(chan error, 1)
	go func() {
		res, err := host.Run(context.Background(), jail.Config{
			Name: "probe.js", Source: []byte(";"), Isolation: jail.InProcess, ExitWhenIdle: true, Timeout: 5 * time.Second,
		})
		if err == nil && res.Outcome != jail.Finished {
			err = fmt.Errorf("%s: %s", res.Outcome, res.Detail)
		}
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		return errors.New("jail.Host.Run  not finish an empty script in-process within 5 s")
	}
}
