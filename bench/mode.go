package bench

import (
	"fmt"
	"seccanvas/jail"
	"strings"
)

// Mode is how the engine is isolated from the host.
type Mode string

// The execution modes, from no isolation to the full jail.
const (
	// InProcess runs the engine in the host process, with no child: the
	// baseline every ratio is computed against.
	InProcess Mode = "inprocess"
	// Plain is a child process without seccomp or namespaces.
	Plain Mode = "plain"
	// Seccomp is a child locked by the seccomp filter, without
	// namespaces.
	Seccomp Mode = "seccomp"
	// Jail is the full jail: seccomp and, where they work, namespaces.
	Jail Mode = "jail"
	// Namespaces is a child in new user, PID, network, mount and UTS
	// namespaces without seccomp.
	Namespaces Mode = "namespaces"
	// Pool is the full jail from a warm pool: children spawned, hardened
	// and locked before the run asks for one.
	Pool Mode = "pool"
)

// Modes lists the execution modes bench measures by default, baseline
// first: the four (Seccomp, the filter without namespaces, can be
// asked for with --modes).
func Modes() []Mode { return []Mode{InProcess, Plain, Namespaces, Jail, Pool} }

// allModes is every mode --modes accepts.
func allModes() []Mode { return []Mode{InProcess, Plain, Namespaces, Seccomp, Jail, Pool} }

// Label is the mode's column title.
func (m Mode) Label() string {
	switch m {
	case InProcess:
		return "in-process"
	case Plain:
		return "plain child"
	case Seccomp:
		return "seccomp, no ns"
	case Namespaces:
		return "namespaces only"
	case Jail:
		return "full jail"
	case Pool:
		return "warm pool"
	}
	return string(m)
}

// Isolation is the jail's isolation level for m.
func (m Mode) Isolation() jail.Isolation {
	switch m {
	case InProcess:
		return jail.InProcess
	case Plain:
		return jail.PlainChild
	case Seccomp:
		return jail.SeccompOnly
	case Namespaces:
		return jail.NamespacesOnly
	}
	return jail.FullJail
}

// Presentation is where presented frames go.
type Presentation string

// The presentations.
const (
	// None releases every frame at once (a null sink).
	None Presentation = "none"
	// PNG unpremultiplies every frame and encodes it as a PNG (discarded),
	// as headless output does.
	PNG Presentation = "png"
	// SHM shows frames with MIT-SHM ShmPutImage from the shared
	// framebuffer.
	SHM Presentation = "shm"
	// Put shows frames with core X11 PutImage (pixels over the socket).
	Put Presentation = "put"
	// Relay ships draw commands for the host to execute.
	Relay Presentation = "relay"
)

// Presentations lists every presentation, the null sink first.
func Presentations() []Presentation { return []Presentation{None, PNG, SHM, Put, Relay} }

// needsDisplay reports whether p shows frames on an X display.
func (p Presentation) needsDisplay() bool { return p == SHM || p == Put || p == Relay }

// ParseModes splits a --modes list into execution modes and
// presentations. An empty list selects every execution mode and every
// presentation; a list naming only one kind keeps the defaults of the
// other. The baseline (in-process, none) is always included.
func ParseModes(list string) ([]Mode, []Presentation, error) {
	var modes []Mode
	var pres []Presentation
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(strings.ToLower(name))
		if name == "" {
			continue
		}
		switch name {
		case "in-process", "unjailed":
			name = string(InProcess)
		case "full", "full-jail":
			name = string(Jail)
		}
		found := false
		for _, m := range allModes() {
			if Mode(name) == m {
				modes, found = appendUnique(modes, m), true
			}
		}
		for _, p := range Presentations() {
			if Presentation(name) == p {
				pres, found = appendUnique(pres, p), true
			}
		}
		if !found {
			return nil, nil, fmt.Errorf("unknown mode %q (modes: inprocess, plain, namespaces, seccomp, jail; presentations: none, png, shm, put, relay)", name)
		}
	}
	if len(modes) == 0 {
		modes = Modes()
	}
	if len(pres) == 0 {
		pres = Presentations()
	}
	modes = ordered(appendUnique(modes, InProcess), allModes())
	pres = ordered(appendUnique(pres, None), Presentations())
	return modes, pres, nil
}

func appendUnique[T comparable](s []T, v T) []T {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// ordered returns the members of s in the order of all.
func ordered[T comparable](s, all []T) []T {
	var out []T
	for _, v := range all {
		for _, x := range s {
			if x == v {
				out = append(out, v)
				break
			}
		}
	}
	return out
}
