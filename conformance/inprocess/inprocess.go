// Package inprocess runs conformance cases inside the test process, without
// the jail or the CLI: a fresh script runtime per case with the canvas
// bindings installed, and a simulated event loop for behavior cases. It
// exists so that the renderer can be iterated on quickly; the jailed CLI is
// the real runner.
package inprocess

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"time"

	"github.com/dop251/goja"

	"seccanvas/conformance"
	"seccanvas/renderer"
	"seccanvas/script"
	"seccanvas/script/canvasjs"
	"seccanvas/script/console"
)

// frameInterval is the simulated time between animation frames.
const frameInterval = 1000 * time.Millisecond / 60

// stopGrace is how long after the last frame pending timeouts still fire,
// as in the jailed child (jail/child).
const stopGrace = time.Second

// Run is a conformance.RunFunc: it runs c and writes the canvas to outPNG.
// Uncaught exceptions are returned as the error, after the output has been
// written (a browser keeps what was drawn before a throw).
func Run(c conformance.Case, outPNG string) ([]byte, error) {
	var stdout bytes.Buffer
	var cv *canvasjs.Canvas
	rt, err := script.New(script.Options{
		TaskBudget: conformance.CaseTimeout,
		Log: func(level uint8, text string) {
			if level == console.Log {
				stdout.WriteString(text)
				stdout.WriteByte('\n')
			}
		},
		SetupHost: func(vm *goja.Runtime, h script.Host) error {
			var err error
			cv, err = canvasjs.Install(vm, canvasjs.Options{Width: c.Width, Height: c.Height, Host: h})
			return err
		},
	})
	if err != nil {
		return nil, err
	}
	errs := rt.RunMain(c.Name+".js", string(c.Source))
	if c.Kind == conformance.TXT {
		errs = append(errs, runLoop(rt, c.Frames)...)
	}
	var runErr error
	for _, e := range errs {
		runErr = errors.Join(runErr, e)
	}
	if c.Kind == conformance.PNG {
		f, err := os.Create(outPNG)
		if err != nil {
			return stdout.Bytes(), errors.Join(runErr, err)
		}
		if err := EncodePNG(f, cv.Surface()); err != nil {
			f.Close()
			return stdout.Bytes(), errors.Join(runErr, err)
		}
		if err := f.Close(); err != nil {
			return stdout.Bytes(), errors.Join(runErr, err)
		}
	}
	return stdout.Bytes(), runErr
}

// runLoop drives timers and animation frames in simulated time, as the
// script contract describes a browser going idle: timers due before the next
// frame fire first; at least frames−1 rounds of animation frames run; timers
// of up to 20 ms must have fired before the end.
func runLoop(rt *script.Runtime, frames int) []*script.Error {
	var errs []*script.Error
	fatal := func() bool {
		for _, e := range errs {
			if e.Fatal() {
				return true
			}
		}
		return false
	}
	next := rt.Now() + frameInterval
	rounds := 0
	var stopBy time.Duration // once the frames are done: timeouts due by then still fire
	for steps := 0; steps < 100000 && !fatal(); steps++ {
		due, hasTimer := rt.NextTimer()
		framesLeft := rt.PendingFrames() && rounds < frames
		if !framesLeft && stopBy == 0 {
			stopBy = max(rt.Now(), next) + stopGrace
		}
		switch {
		case hasTimer && (due <= next || !framesLeft) && (framesLeft || rt.PendingTimeoutsBefore(stopBy)):
			_, e := rt.RunDueTimers(due)
			errs = append(errs, e...)
		case framesLeft:
			errs = append(errs, rt.RunFrame(float64(next)/float64(time.Millisecond))...)
			rounds++
			next = max(next+frameInterval, rt.Now())
		default:
			return errs
		}
	}
	return errs
}

// EncodePNG writes s as an 8-bit RGBA PNG with straight alpha, as Chromium's
// toDataURL does, un-premultiplied by renderer.Unpremultiply.
func EncodePNG(w io.Writer, s *renderer.Surface) error {
	img := image.NewNRGBA(image.Rect(0, 0, s.Width, s.Height))
	for y := 0; y < s.Height; y++ {
		renderer.Unpremultiply(img.Pix[y*img.Stride:], s.Pix[y*s.Stride:y*s.Stride+4*s.Width])
	}
	if err := png.Encode(w, img); err != nil {
		return fmt.Errorf("inprocess: encode png: %w", err)
	}
	return nil
}
