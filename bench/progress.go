package bench

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress draws a one-line progress bar with an estimate of the time
// left; a nil writer draws nothing.
type progress struct {
	w      io.Writer
	total  int
	n      int
	start  time.Time
	width  int
	active bool
}

func newProgress(w io.Writer, total int) *progress {
	return &progress{w: w, total: total, start: time.Now(), width: 30}
}

// step announces the next run, labelled.
func (p *progress) step(label string) {
	if p.w == nil {
		return
	}
	filled := p.width * p.n / max(p.total, 1)
	left := "?"
	if p.n > 0 {
		per := time.Since(p.start) / time.Duration(p.n)
		left = (per * time.Duration(p.total-p.n)).Round(time.Second).String()
	}
	fmt.Fprintf(p.w, "\r\033[K[%s%s] %d/%d  %s left  %s", strings.Repeat("=", filled), strings.Repeat(" ", p.width-filled), p.n, p.total, left, label)
	p.n++
	p.active = true
}

// done ends the bar's line.
func (p *progress) done() {
	if p.w == nil || !p.active {
		return
	}
	fmt.Fprintf(p.w, "\r\033[K[%s] %d/%d  %v\n", strings.Repeat("=", p.width), p.total, p.total, time.Since(p.start).Round(100*time.Millisecond))
	p.active = false
}
