package geom

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseSize parses a canvas size written WxH ("640x480", "640X480", with
// spaces around the numbers allowed). Both sides must be positive; callers
// apply their own upper bounds.
func ParseSize(s string) (w, h int, err error) {
	ws, hs, ok := strings.Cut(strings.ToLower(strings.TrimSpace(s)), "x")
	w, err1 := strconv.Atoi(strings.TrimSpace(ws))
	h, err2 := strconv.Atoi(strings.TrimSpace(hs))
	if !ok || err1 != nil || err2 != nil || w < 1 || h < 1 {
		return 0, 0, fmt.Errorf("size %q: want WxH, for example 640x480", s)
	}
	return w, h, nil
}
