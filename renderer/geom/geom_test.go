package geom

import (
	"fmt"
	"strings"
	"testing"
)

func TestSegments(t *testing.T) {
	p0, p1, p2, p3 := Point{0, 0}, Point{1, 0}, Point{1, 1}, Point{0, 1}
	tests := []struct {
		name string
		path Path
		want string
	}{
		{"empty", Path{}, ""},
		{"all verbs", Path{
			Verbs:  []Verb{MoveTo, LineTo, QuadTo, CubicTo, Close},
			Points: []Point{p0, p1, p2, p3, p0, p1, p2},
		}, "M[{0 0}] L[{1 0}] Q[{1 1} {0 1}] C[{0 0} {1 0} {1 1}] Z[]"},
		{"points missing", Path{
			Verbs:  []Verb{MoveTo, CubicTo, LineTo},
			Points: []Point{p0, p1, p2},
		}, "M[{0 0}]"},
		{"close without points", Path{Verbs: []Verb{Close, Close}}, "Z[] Z[]"},
	}
	for _, tt := range tests {
		var got []string
		for v, pts := range tt.path.Segments() {
			got = append(got, fmt.Sprintf("%c%v", "MLQCZ"[v], pts))
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, g, tt.want)
		}
	}
	// Breaking out of the loop stops the iteration.
	n := 0
	p := Path{Verbs: []Verb{MoveTo, LineTo, LineTo}, Points: []Point{p0, p1, p2}}
	for range p.Segments() {
		n++
		break
	}
	if n != 1 {
		t.Errorf("break: %d iterations", n)
	}
}
