package canvasjs

import (
	"seccanvas/renderer"
	"seccanvas/renderer/css"
)

// maxCachedColors bounds a colorCache. Sketches reuse a few dozen colour
// strings (a palette, or rgb() strings built from a few values); a script
// that cycles through more distinct strings than this only pays for
// parsing them again.
const maxCachedColors = 1024

// colorCache remembers parsed colour strings: fillStyle = 'rgb(…)' in a
// loop is the commonest call of many sketches, and both the parse and the
// boxing of the colour into a renderer.Style (an allocation) would
// otherwise be paid on every assignment. Invalid strings are cached too,
// as invalid. It belongs to one binding (one VM), so it needs no lock.
type colorCache struct {
	m map[string]cachedColor
}

type cachedColor struct {
	col   css.Color
	style renderer.Style // col, boxed once
	ok    bool
}

// parse returns the colour s names, as a css.Color and as a Style, and
// whether s is a valid colour. When the cache is full it is emptied rather
// than evicted entry by entry: refilling costs one parse per string, and an
// eviction order would cost bookkeeping on every hit.
func (cc *colorCache) parse(s string) (css.Color, renderer.Style, bool) {
	if e, ok := cc.m[s]; ok {
		return e.col, e.style, e.ok
	}
	if cc.m == nil || len(cc.m) >= maxCachedColors {
		cc.m = make(map[string]cachedColor, 64)
	}
	col, ok := css.ParseColor(s)
	e := cachedColor{col: col, style: col, ok: ok}
	// Long strings are not kept: they are rarely repeated and would let
	// a script pin a lot of memory in the cache.
	if len(s) <= 64 {
		cc.m[s] = e
	}
	return e.col, e.style, e.ok
}
