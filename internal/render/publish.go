package render

import (
	"github.com/playbook-edu/playbook/internal/model"
	"html/template"
	"io"
	"reflect"
	"sync"

	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/publish"
	"github.com/playbook-edu/playbook/internal/search"
)

// dataFiles returns, by file name, the functions that build the search
// index, the feed and the playbook as data (see packages search and
// publish). Render runs them beside the pages.
func (r *Renderer) dataFiles(g *link.Graph) map[string]func(io.Writer) error {
	cache := &r.search
	if r.once {
		cache = nil // nothing to keep for
	}
	bytesOf := func(f func() []byte) func(io.Writer) error {
		return func(w io.Writer) error {
			_, err := w.Write(f())
			return err
		}
	}
	return map[string]func(io.Writer) error{
		search.IndexFile:   bytesOf(func() []byte { return search.Build(g, cache).JSON() }),
		publish.FeedFile:   bytesOf(func() []byte { return publish.Feed(g) }),
		publish.ExportFile: func(w io.Writer) error { return publish.WriteExport(w, g) },
		publish.SchemaFile: bytesOf(publish.Schema),
		publish.CASEFile:   func(w io.Writer) error { return publish.WriteCASE(w, g) },
	}
}

// jsonLD marks JSON-LD from package publish, whose <, > and & are escaped,
// as safe to write inside <script type="application/ld+json">.
func jsonLD(b []byte) template.JS { return template.JS(b) }

// ldCache keeps each guide's JSON-LD between renders: it depends only on
// the guide's record (the same pointer while its file is unchanged, see
// load.Cache) and on playbook.yaml. Working it out again for every guide on
// every edit would cost the dev server a quarter of a rebuild.
type ldCache struct {
	mu     sync.Mutex
	config model.Config
	byID   map[*model.Guide][]byte
	used   map[*model.Guide]bool
}

// guideLD returns gd's JSON-LD, from the cache when it has it.
func (v *views) guideLD(gd *model.Guide) []byte {
	c := v.lds
	if c == nil {
		return publish.GuideLD(v.g, gd)
	}
	c.mu.Lock()
	b, ok := c.byID[gd]
	c.used[gd] = true
	c.mu.Unlock()
	if ok {
		return b
	}
	b = publish.GuideLD(v.g, gd)
	c.mu.Lock()
	c.byID[gd] = b
	c.mu.Unlock()
	return b
}

// begin starts a render with config: a changed config empties the cache,
// and guides the last render did not use are dropped.
func (c *ldCache) begin(config *model.Config) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byID == nil || !reflect.DeepEqual(c.config, *config) {
		c.byID = map[*model.Guide][]byte{}
	} else {
		for gd := range c.byID {
			if !c.used[gd] {
				delete(c.byID, gd)
			}
		}
	}
	c.config = *config
	c.used = map[*model.Guide]bool{}
}
