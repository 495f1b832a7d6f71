package renderer

import "bytes"

// rowCache keeps the horizontally filtered rows (filteredRow16's, legacy
// weights) of a small source image across drawImage calls. A sprite drawn
// many times at fractional positions maps its columns to only a few
// distinct tap sets (with a scale of 1.5, about three phases times sixteen
// weights), so most draws find every source row already filtered for their
// taps and pay only for the vertical blend.
//
// Safety does not rest on knowing who writes the source: the cache keeps a
// copy of the source bytes it filtered (the region the taps can read) and
// every draw compares the source with it first, forgetting every entry on
// any difference. The filtered rows are a function of those bytes and the
// taps only, so a hit gives the same words filteredRow16 would.
type rowCache struct {
	// The source region the entries were filtered from: rows [y0, y1),
	// bytes [xlo, xhi+4) of each, copied row after row into src.
	y0, y1   int
	xlo, xhi uint32
	src      []byte
	slots    [rowCacheSlots]rowCacheEntry
}

// rowCacheSlots is the number of tap sets kept (direct-mapped by a hash of
// the taps); rowCacheMaxWords bounds one entry's filtered rows, so the
// whole cache stays under rowCacheSlots × 8 × rowCacheMaxWords bytes
// (2 MiB; it grows only as tap sets come), and rowCacheMaxSrc the source region compared on every draw.
const (
	rowCacheSlotBits = 7
	rowCacheSlots    = 1 << rowCacheSlotBits
	rowCacheMaxWords = 2048
	rowCacheMaxSrc   = 16 << 10
)

// rowCacheEntry holds the source rows filtered through one tap set: row
// y of the region at rows[(y−y0)·n:], valid when done[y−y0].
type rowCacheEntry struct {
	taps []bilinearTap // the key, when ok
	ok   bool
	used bool // the last used of its pair
	rows []uint64
	done []bool
	// live[k] is the range [lo, hi) of the words of row k outside which
	// all are zero (transparent texels), set with done[k] (liveRange).
	live [][2]uint32
}

// usable reports whether the cache may serve a draw reading source rows
// [y0, y1), bytes [xlo, xhi+4) of each row, through n taps: small
// enough to compare the source on every draw and to keep its rows.
func rowCacheUsable(y0, y1, n int, xlo, xhi uint32) bool {
	rows := y1 - y0
	return rows > 0 && n > 0 && rows*n <= rowCacheMaxWords && rows*int(xhi-xlo+4) <= rowCacheMaxSrc
}

// sync compares the source region (rows [y0, y1) of pix, stride bytes
// apart, bytes [xlo, xhi+4) of each) with the copy the entries were
// filtered from and, on any difference, forgets them all and copies the
// region. The caller has checked rowCacheUsable.
func (c *rowCache) sync(pix []byte, stride, y0, y1 int, xlo, xhi uint32) {
	w := int(xhi - xlo + 4)
	if c.y0 == y0 && c.y1 == y1 && c.xlo == xlo && c.xhi == xhi && len(c.src) == (y1-y0)*w && c.sameSource(pix, stride, w) {
		return
	}
	for i := range c.slots {
		c.slots[i].ok = false
	}
	c.y0, c.y1, c.xlo, c.xhi = y0, y1, xlo, xhi
	c.src = growBytes(c.src, (y1-y0)*w)
	for y := y0; y < y1; y++ {
		o := y*stride + int(xlo)
		copy(c.src[(y-y0)*w:(y-y0+1)*w], pix[o:o+w])
	}
}

// sameSource reports whether the region of pix equals the copy in c.src
// (rows w bytes wide).
func (c *rowCache) sameSource(pix []byte, stride, w int) bool {
	o := c.y0*stride + int(c.xlo)
	if stride == w { // contiguous rows: one comparison
		return bytes.Equal(c.src, pix[o:o+len(c.src)])
	}
	for k := 0; k < c.y1-c.y0; k, o = k+1, o+stride {
		if !bytes.Equal(c.src[k*w:(k+1)*w], pix[o:o+w]) {
			return false
		}
	}
	return true
}

// entry returns the entry for taps (hashed to h), or claims one of the
// two slots the hash selects (two-way: a pair of tap sets sharing a slot
// does not evict each other) with no row done.
func (c *rowCache) entry(taps []bilinearTap, h uint64) *rowCacheEntry {
	i := h >> (64 - rowCacheSlotBits) &^ 1
	pair := c.slots[i : i+2 : i+2]
	for k := range pair {
		if e := &pair[k]; e.ok && len(e.taps) == len(taps) && equalTaps(e.taps, taps) {
			e.used = true
			pair[1-k].used = false
			return e
		}
	}
	e := &pair[0]
	if e.ok && (!pair[1].ok || e.used) {
		e = &pair[1]
	}
	pair[0].used, pair[1].used = false, false
	e.taps, e.ok, e.used = append(e.taps[:0], taps...), true, true
	rows := c.y1 - c.y0
	if cap(e.rows) < rows*len(taps) {
		e.rows = make([]uint64, rows*len(taps))
	}
	e.rows = e.rows[:rows*len(taps)]
	if cap(e.done) < rows {
		e.done = make([]bool, rows)
	}
	e.done = e.done[:rows]
	clear(e.done)
	if cap(e.live) < rows {
		e.live = make([][2]uint32, rows)
	}
	e.live = e.live[:rows]
	return e
}

func equalTaps(a, b []bilinearTap) bool {
	b = b[:len(a)]
	for i, t := range a {
		if t != b[i] {
			return false
		}
	}
	return true
}

// hashTaps hashes a tap set in filteredRow16's form (FNV-1a over words).
// The slot is taken from the top bits (entry), which depend on every word;
// the low bits of a product depend only on the low bits.
func hashTaps(taps []bilinearTap) uint64 {
	h := uint64(tapsHashSeed)
	for _, t := range taps {
		h = hashTap(h, t)
	}
	return h
}

const tapsHashSeed = 14695981039346656037

// hashTap is one step of hashTaps.
func hashTap(h uint64, t bilinearTap) uint64 {
	return (h ^ (uint64(t.x0) | uint64(t.x1)<<24 | uint64(t.wx)<<48)) * 1099511628211
}

// liveRange returns the range [lo, hi) of the words of row from the first
// to the last that is not zero; lo = len(row), hi = 0 when all are zero
// (so that the union with another row's range is that range).
func liveRange(row []uint64) [2]uint32 {
	lo, hi := 0, len(row)
	for lo < hi && row[lo] == 0 {
		lo++
	}
	for hi > lo && row[hi-1] == 0 {
		hi--
	}
	if lo == hi {
		return [2]uint32{uint32(len(row)), 0}
	}
	return [2]uint32{uint32(lo), uint32(hi)}
}
