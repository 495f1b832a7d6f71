package serve

import (
	"container/list"
	"sync"
)

// cache is a size-bounded LRU of results keyed by content hash.
type cache struct {
	mu    sync.Mutex
	limit int64
	size  int64
	order *list.List // front: most recently used
	items map[[32]byte]*list.Element
}

type cacheEntry struct {
	key [32]byte
	res *result
}

// newCache returns a cache of at most limit bytes (negative or zero: it
// keeps nothing).
func newCache(limit int64) *cache {
	return &cache{limit: limit, order: list.New(), items: make(map[[32]byte]*list.Element)}
}

func (c *cache) get(key [32]byte) (*result, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cacheEntry).res, true
}

// put stores res; a result larger than an eighth of the cache is not kept,
// so that one picture cannot flush everything else.
func (c *cache) put(key [32]byte, res *result) {
	n := res.size()
	if c.limit <= 0 || n > c.limit/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.order.MoveToFront(e)
		return
	}
	c.items[key] = c.order.PushFront(&cacheEntry{key, res})
	c.size += n
	for c.size > c.limit {
		last := c.order.Back()
		ent := last.Value.(*cacheEntry)
		c.order.Remove(last)
		delete(c.items, ent.key)
		c.size -= ent.res.size()
	}
}

// stats reports the entries and bytes held.
func (c *cache) stats() (entries int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items), c.size
}
