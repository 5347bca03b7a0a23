package load

import (
	"io/fs"
	"strings"
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
	mu   sync.Mutex
	fsys fs.FS  // the playbook being loaded, to check dependencies in
	base string // the base path the cached Markdown was rendered with
	// docKey is what guides and pages were converted with beside their own
	// files: the glossary's terms.
	docKey string
	files  map[string]cached
	// Read counts the files the last Load read and converted, for tests
	// and benchmarks.
	Read int
}

type cached struct {
	size  int64
	mod   time.Time
	value any
	diags []diag.Diagnostic
	deps  []dep // other files the value was read from
}

// dep is a file a cached value was also read from, as it was then.
type dep struct {
	file   string
	exists bool
	size   int64
	mod    time.Time
}

func newDep(file string, info fs.FileInfo) dep {
	if info == nil {
		return dep{file: file}
	}
	return dep{file: file, exists: true, size: info.Size(), mod: info.ModTime()}
}

// unchanged reports whether the file is as it was, or still missing.
func (d dep) unchanged(fsys fs.FS) bool {
	info, err := fs.Stat(fsys, d.file)
	if err != nil {
		return !d.exists
	}
	return d.exists && info.Size() == d.size && info.ModTime().Equal(d.mod)
}

// begin starts a Load of fsys with base path base; a change of base path
// empties the cache, since every link was rendered with it.
func (c *Cache) begin(base string, fsys fs.FS) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.fsys = fsys
	if c.files == nil || c.base != base {
		c.files = map[string]cached{}
		c.base = base
	}
	c.Read = 0
}

// documentsDependOn drops the guides and pages the cache holds when key,
// what they were converted with beside their own files (the glossary's
// terms), is not what it was.
func (c *Cache) documentsDependOn(key string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if key == c.docKey {
		return
	}
	for file := range c.files {
		if strings.HasPrefix(file, "content/") {
			delete(c.files, file)
		}
	}
	c.docKey = key
}

// lookup returns what was loaded from file when it had info's size and
// modification time, and the other files it was read from are unchanged.
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
	for _, d := range e.deps {
		if !d.unchanged(c.fsys) {
			return nil, nil, false
		}
	}
	return e.value, e.diags, true
}

// store records what was loaded from file, and from deps.
func (c *Cache) store(file string, info fs.FileInfo, value any, diags []diag.Diagnostic, deps ...dep) {
	if c == nil || info == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files[file] = cached{size: info.Size(), mod: info.ModTime(), value: value, diags: diags, deps: deps}
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
