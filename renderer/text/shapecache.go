package text

import (
	"strings"
	"unsafe"

	"seccanvas/renderer/css"
)

// Shaping a string gives the same glyphs every time it is shaped in the
// same font with the same attributes, and scripts draw the same strings
// frame after frame (labels, a score, a sketch's lines). A Shaper keeps the
// shaped glyphs of its most recently used short strings, bounded in
// entries and bytes; a longer string is shaped every time (and in bounded
// memory, see shapeEach).
const (
	maxShapedText    = 256     // bytes of the longest string kept
	maxShapedEntries = 512     // strings kept
	maxShapedBytes   = 1 << 20 // their glyphs and text
)

// shapeKey is everything shapeEach's result depends on: the fields of the
// font chainFor resolves (with the registry's generation), the capitals,
// the spacing and kerning, and the text.
type shapeKey struct {
	family, weight, style, stretch string
	gen                            uint64
	caps                           capsMode
	kern                           bool
	scK, ls, ws                    float64
	str                            string
}

// shaped is one kept result, on a list from most to least recently used.
type shaped struct {
	key        shapeKey
	glyphs     []placed
	pen        float64
	bytes      int
	prev, next *shaped
}

type shapeCache struct {
	m     map[shapeKey]*shaped
	head  shaped // sentinel: head.next is the most recently used
	bytes int
}

func (sc *shapeCache) reset() {
	clear(sc.m)
	sc.head.next, sc.head.prev = &sc.head, &sc.head
	sc.bytes = 0
}

func (sc *shapeCache) unlink(e *shaped) {
	e.prev.next, e.next.prev = e.next, e.prev
}

func (sc *shapeCache) pushFront(e *shaped) {
	e.prev, e.next = &sc.head, sc.head.next
	sc.head.next.prev = e
	sc.head.next = e
}

func (sc *shapeCache) get(k *shapeKey) *shaped {
	e := sc.m[*k]
	if e != nil && sc.head.next != e {
		sc.unlink(e)
		sc.pushFront(e)
	}
	return e
}

func (sc *shapeCache) put(k *shapeKey, glyphs []placed, pen float64) {
	if sc.m == nil {
		sc.m = make(map[shapeKey]*shaped)
		sc.reset()
	}
	e := &shaped{key: *k, pen: pen}
	e.key.family = strings.Clone(k.family)
	e.key.weight = strings.Clone(k.weight)
	e.key.style = strings.Clone(k.style)
	e.key.stretch = strings.Clone(k.stretch)
	e.key.str = strings.Clone(k.str)
	if len(glyphs) > 0 {
		e.glyphs = append([]placed(nil), glyphs...)
	}
	e.bytes = int(unsafe.Sizeof(shaped{})) + len(k.family) + len(k.weight) + len(k.style) + len(k.stretch) + len(k.str) +
		len(glyphs)*int(unsafe.Sizeof(placed{}))
	for len(sc.m) >= maxShapedEntries || sc.bytes+e.bytes > maxShapedBytes {
		old := sc.head.prev
		if old == &sc.head {
			break
		}
		sc.unlink(old)
		delete(sc.m, old.key)
		sc.bytes -= old.bytes
	}
	sc.m[e.key] = e
	sc.pushFront(e)
	sc.bytes += e.bytes
}

// setKey fills in r's cache key for font f (with the stretch in effect);
// r.cache is left false when the result must not be kept. Call with s.mu
// held.
func (s *Shaper) setKey(r *run, f css.Font) {
	// A NaN would never find its entry again (nor let it be deleted).
	if r.scK != r.scK || r.ls != r.ls || r.ws != r.ws {
		return
	}
	r.key = shapeKey{family: f.Family, weight: f.Weight, style: f.Style, stretch: f.Stretch, gen: s.reg.generation(),
		caps: r.caps, kern: r.kern, scK: r.scK, ls: r.ls, ws: r.ws}
	r.cache = true
}

// shapeCached is shapeEach through the Shaper's cache of short strings.
// emit gets the kept glyphs in one slice, which it must not modify. Call
// with s.mu held.
func (s *Shaper) shapeCached(str string, r *run, emit func([]placed)) float64 {
	if !r.cache || len(str) > maxShapedText {
		return s.shapeEach(str, r.c, r.caps, r.scK, r.ls, r.ws, r.kern, emit)
	}
	r.key.str = str
	if e := s.shapedRuns.get(&r.key); e != nil {
		if len(e.glyphs) > 0 {
			emit(e.glyphs)
		}
		return e.pen
	}
	buf := s.shapeBuf[:0]
	pen := s.shapeEach(str, r.c, r.caps, r.scK, r.ls, r.ws, r.kern, func(p []placed) {
		buf = append(buf, p...)
		emit(p)
	})
	s.shapedRuns.put(&r.key, buf, pen)
	clear(buf)
	s.shapeBuf = buf[:0]
	return pen
}
