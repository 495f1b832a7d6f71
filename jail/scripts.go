package jail

import (
	"errors"
	"fmt"
	"math"

	"seccanvas/jail/wire"
)

// Script is one of several scripts of a run (Config.Scripts). They run in
// order in one JavaScript realm, each to its end with its microtasks
// before the next starts, as a page's <script> tags do: a library's
// globals are there for the scripts after it. An uncaught exception in one
// is reported and the next still runs; a syntax error ends the run.
type Script struct {
	// Name is the script's name in stacks and messages.
	Name string
	// Source is its text.
	Source []byte
}

// MaxScripts bounds Config.Scripts; MaxPixelRatio Config.PixelRatio.
const (
	MaxScripts    = wire.MaxScripts
	MaxPixelRatio = wire.MaxPixelRatio
)

// scripts returns the run's scripts: Scripts, or the single Name and
// Source.
func (c *Config) scripts() []Script {
	if len(c.Scripts) > 0 {
		return c.Scripts
	}
	return []Script{{Name: c.Name, Source: c.Source}}
}

// scriptBytes is the size of all the run's sources together.
func (c *Config) scriptBytes() int {
	n := 0
	for _, s := range c.scripts() {
		n += len(s.Source)
	}
	return n
}

// jobScripts is the run's scripts as the Job carries them.
func (c *Config) jobScripts() []wire.Script {
	scripts := c.scripts()
	out := make([]wire.Script, len(scripts))
	for i, s := range scripts {
		out[i] = wire.Script{Name: s.Name, Source: string(s.Source)}
	}
	return out
}

// validateScripts checks the scripts and the settings that go with them
// (pixel ratio).
func (c *Config) validateScripts() error {
	if len(c.Scripts) > 0 && (c.Name != "" || len(c.Source) > 0) {
		return errors.New("both Scripts and Name/Source are set: use one or the other")
	}
	if len(c.Scripts) > MaxScripts {
		return fmt.Errorf("%d scripts: at most %d", len(c.Scripts), MaxScripts)
	}
	for i, s := range c.scripts() {
		if len(s.Name) > wire.MaxName {
			return fmt.Errorf("script %d: name of %d bytes, over %d", i+1, len(s.Name), wire.MaxName)
		}
	}
	if n := c.scriptBytes(); n > c.MaxScript {
		if len(c.Scripts) > 1 {
			return fmt.Errorf("the scripts are %d bytes together, over the %d byte limit", n, c.MaxScript)
		}
		return fmt.Errorf("script is %d bytes, over the %d byte limit", n, c.MaxScript)
	}
	if math.IsNaN(c.PixelRatio) || c.PixelRatio <= 0 || c.PixelRatio > MaxPixelRatio {
		return fmt.Errorf("pixel ratio %g: must be above 0 and at most %d", c.PixelRatio, MaxPixelRatio)
	}
	return nil
}
