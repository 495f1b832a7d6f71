// Package capture collects output written from several goroutines (a
// jailed child's console writer, a process's two pipes) to be read after.
package capture

import (
	"bytes"
	"sync"
)

// Buffer is a bytes.Buffer safe for concurrent writers.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

// String returns everything written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// Bounded keeps the first Limit bytes written to it and drops the rest,
// reporting every write as complete. Safe for concurrent writers.
type Bounded struct {
	Limit int
	// Marker is appended by String when bytes were dropped.
	Marker string

	mu  sync.Mutex
	b   []byte
	cut bool
}

func (b *Bounded) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := len(p)
	if room := b.Limit - len(b.b); room < len(p) {
		b.cut = true
		p = p[:max(room, 0)]
	}
	b.b = append(b.b, p...)
	return n, nil
}

// String returns the bytes kept, and the Marker if any were dropped.
func (b *Bounded) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cut {
		return string(b.b) + b.Marker
	}
	return string(b.b)
}
