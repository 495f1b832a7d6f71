// Package testhook carries test-only instructions to the jail through a
// context: the name of a forbidden action the child performs after its
// lock (the escape suite), or a malicious protocol behaviour. It is under
// internal/ so that no program outside this module can set one; the jail
// reads it with Escape and passes it to the child in its Hello.
package testhook

import "context"

type escapeKey struct{}

// WithEscape returns a context that makes a jailed run's child perform
// the named test action (see seccanvas/internal/escape and the child's
// hostile protocol actions).
func WithEscape(ctx context.Context, action string) context.Context {
	return context.WithValue(ctx, escapeKey{}, action)
}

// Escape returns the test action set by WithEscape, or "".
func Escape(ctx context.Context) string {
	s, _ := ctx.Value(escapeKey{}).(string)
	return s
}
