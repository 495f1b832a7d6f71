package text

import (
	"errors"
	"strconv"
	"strings"
	"sync"
)

// Registry is the set of web fonts a document can draw with: the loaded
// FontFaces of document.fonts. Family names in ctx.font are looked up here
// first, in list order, and fall back to the embedded faces. One Registry
// is shared by every context of a document (its Shapers point at it); it
// is safe for concurrent use.
type Registry struct {
	mu sync.RWMutex
	// faces is indexed by FaceID − FirstWebFace. Entries are never reused:
	// a removed face leaves a nil, so that the glyph caches, which key on
	// FaceID, can never confuse two fonts.
	faces []*webFace
	live  int
	// gen counts changes, so that Shapers can cache resolved family lists.
	gen uint64
}

// maxWebFaces bounds the faces one document may ever add (each add uses up
// one FaceID): far beyond any page's need.
const maxWebFaces = 4096

// webFace is one registered FontFace.
type webFace struct {
	family             string // lowercased
	weightLo, weightHi int
	italic             bool // style italic or oblique
	f                  *face
}

// Descriptors are a FontFace's style descriptors as the script gave them.
type Descriptors struct {
	Style, Weight string
}

// parseWeightRange reads a font-weight descriptor: "normal", "bold", a
// number or two numbers (a variable font's range).
func parseWeightRange(s string) (lo, hi int, ok bool) {
	fs := strings.Fields(strings.ToLower(s))
	if len(fs) == 0 || len(fs) > 2 {
		return 0, 0, false
	}
	var w [2]int
	for i, f := range fs {
		switch f {
		case "normal":
			w[i] = 400
		case "bold":
			w[i] = 700
		default:
			v, err := strconv.ParseFloat(f, 64)
			if err != nil || v < 1 || v > 1000 {
				return 0, 0, false
			}
			w[i] = int(v + 0.5)
		}
	}
	if len(fs) == 1 {
		return w[0], w[0], true
	}
	return min(w[0], w[1]), max(w[0], w[1]), true
}

// Add makes font usable under family with the descriptors d and returns
// its FaceID (for Remove).
func (r *Registry) Add(family string, font *WebFont, d Descriptors) (FaceID, error) {
	if font == nil || font.face == nil {
		return 0, errors.New("font not parsed")
	}
	lo, hi, ok := parseWeightRange(d.Weight)
	if !ok {
		lo, hi = 400, 400
	}
	style := strings.ToLower(strings.TrimSpace(d.Style))
	wf := &webFace{
		family:   strings.ToLower(unquoteFamily(family)),
		weightLo: lo, weightHi: hi,
		italic: strings.HasPrefix(style, "italic") || strings.HasPrefix(style, "oblique"),
		f:      font.face,
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.faces) >= maxWebFaces {
		return 0, errors.New("too many font faces")
	}
	r.faces = append(r.faces, wf)
	r.live++
	r.gen++
	return FirstWebFace + FaceID(len(r.faces)-1), nil
}

// Remove withdraws the face id returned by Add.
func (r *Registry) Remove(id FaceID) {
	r.mu.Lock()
	defer r.mu.Unlock()
	i := int(id) - int(FirstWebFace)
	if i >= 0 && i < len(r.faces) && r.faces[i] != nil {
		r.faces[i] = nil
		r.live--
		r.gen++
	}
}

// unquoteFamily strips one pair of quotes from a FontFace family, which
// the FontFace constructor accepts either way.
func unquoteFamily(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		s = s[1 : len(s)-1]
	}
	return s
}

// generation returns the change counter; a nil Registry has none.
func (r *Registry) generation() uint64 {
	if r == nil {
		return 0
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.gen
}

// face returns the parsed web face id, or nil if it was removed.
func (r *Registry) face(id FaceID) *face {
	if r == nil {
		return nil
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	i := int(id) - int(FirstWebFace)
	if i < 0 || i >= len(r.faces) || r.faces[i] == nil {
		return nil
	}
	return r.faces[i].f
}

// match picks the face of family (lowercased) for a weight and style by
// CSS font matching (style first, then weight), and reports whether the
// chosen face needs a synthetic oblique.
func (r *Registry) match(family string, weight int, italic bool) (id FaceID, synthItalic, ok bool) {
	if r == nil {
		return 0, false, false
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.live == 0 {
		return 0, false, false
	}
	best, bestScore := -1, 0
	for i, wf := range r.faces {
		if wf == nil || wf.family != family {
			continue
		}
		// Style outranks weight: a matching style scores above any
		// weight distance.
		score := weightScore(weight, wf.weightLo, wf.weightHi)
		if wf.italic == italic {
			score += 1 << 20
		}
		if best < 0 || score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return 0, false, false
	}
	return FirstWebFace + FaceID(best), italic && !r.faces[best].italic, true
}

// weightScore ranks a face's weight range for a desired weight as CSS
// Fonts 4 §5.2 orders them: a range containing it wins; for 400–500,
// heavier weights up to 500, then lighter ones, then heavier; below 400
// lighter first; above 500 heavier first. Higher is better.
func weightScore(want, lo, hi int) int {
	if want >= lo && want <= hi {
		return 1 << 16
	}
	var near int // the nearest weight of the range
	if want < lo {
		near = lo
	} else {
		near = hi
	}
	d := near - want
	if d < 0 {
		d = -d
	}
	heavier := near > want
	switch {
	case want >= 400 && want <= 500:
		if heavier && near <= 500 {
			return 3<<12 - d
		}
		if !heavier {
			return 2<<12 - d
		}
		return 1<<12 - d
	case want < 400:
		if !heavier {
			return 2<<12 - d
		}
		return 1<<12 - d
	default:
		if heavier {
			return 2<<12 - d
		}
		return 1<<12 - d
	}
}

// Has reports whether family (any case) has a registered face.
func (r *Registry) Has(family string) bool {
	if r == nil {
		return false
	}
	family = strings.ToLower(unquoteFamily(family))
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, wf := range r.faces {
		if wf != nil && wf.family == family {
			return true
		}
	}
	return false
}
