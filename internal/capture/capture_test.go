package capture

import (
	"strings"
	"sync"
	"testing"
)

func TestBounded(t *testing.T) {
	tests := []struct {
		limit  int
		marker string
		writes []string
		want   string
	}{
		{10, "", []string{"abc", "def"}, "abcdef"},
		{4, "", []string{"abc", "def"}, "abcd"},
		{4, " [cut]", []string{"abc", "def", "ghi"}, "abcd [cut]"},
		{4, " [cut]", []string{"abcd"}, "abcd"},
		{0, "!", []string{"x"}, "!"},
	}
	for _, tt := range tests {
		b := &Bounded{Limit: tt.limit, Marker: tt.marker}
		for _, w := range tt.writes {
			if n, err := b.Write([]byte(w)); n != len(w) || err != nil {
				t.Fatalf("Write(%q) = %d, %v", w, n, err)
			}
		}
		if got := b.String(); got != tt.want {
			t.Errorf("limit %d, writes %q: %q, want %q", tt.limit, tt.writes, got, tt.want)
		}
	}
}

func TestBufferConcurrentWriters(t *testing.T) {
	var b Buffer
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				_, _ = b.Write([]byte("x"))
			}
		}()
	}
	wg.Wait()
	if got := b.String(); got != strings.Repeat("x", 800) {
		t.Errorf("%d bytes, want 800", len(got))
	}
}
