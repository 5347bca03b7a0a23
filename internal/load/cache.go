package load

import (
	"io/fs"
	"sync"
	"time"

	"github.com/playbook-edu/playbook/internal/diag"
)

// Cache keeps what Load read from each file, so that loading the same
// playbook again reads, parses and converts only the files whose size or
// modification time changed. The dev server keeps one for its whole life;
// an edit to one guide then costs one file, not the whole playbook.
//
// Records taken from the cache are the same pointers as before: later
// stages must not change them. A Cache serves one Load at a time.
type Cache struct {
	mu    sync.Mutex
	base  string // the base path the cached Markdown was rendered with
	files map[string]cached
	// Read counts the files the last Load read and converted, for tests
	// and benchmarks.
	Read int
}

type cached struct {
	size  int64
	mod   time.Time
	value any
	diags []diag.Diagnostic
}

// begin starts a Load with base path base; a change of base path empties
// the cache, since every link was rendered with it.
func (c *Cache) begin(base string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.files == nil || c.base != base {
		c.files = map[string]cached{}
		c.base = base
	}
	c.Read = 0
}

// lookup returns what was loaded from file when it had info's size and
// modification time.
func (c *Cache) lookup(file string, info fs.FileInfo) (any, []diag.Diagnostic, bool) {
	if c == nil || info == nil {
		return nil, nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.files[file]
	if !ok || e.size != info.Size() || !e.mod.Equal(info.ModTime()) {
		return nil, nil, false
	}
	return e.value, e.diags, true
}

// store records what was loaded from file.
func (c *Cache) store(file string, info fs.FileInfo, value any, diags []diag.Diagnostic) {
	if c == nil || info == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files[file] = cached{size: info.Size(), mod: info.ModTime(), value: value, diags: diags}
	c.Read++
}

// forget drops files that no longer exist; keep lists those that do.
func (c *Cache) forget(keep map[string]bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for f := range c.files {
		if !keep[f] {
			delete(c.files, f)
		}
	}
}
