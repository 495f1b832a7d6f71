// Package console names the levels of the script's console methods. The
// engine that produces console lines and the protocol that carries them
// to the host share these values; it has no other dependency so that
// both can.
package console

// Level is a console method's level, in the order of severity.
type Level = uint8

// The levels.
const (
	Debug Level = iota // console.debug, console.trace
	Log                // console.log
	Info               // console.info
	Warn               // console.warn
	Error              // console.error, uncaught errors
)

// ToStderr reports whether a line of level l goes to stderr, as a
// browser's console separates warnings and errors from the rest.
func ToStderr(l Level) bool { return l >= Warn }
