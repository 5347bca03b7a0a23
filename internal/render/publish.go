package render

import (
	"html/template"
	"slices"

	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/publish"
	"github.com/playbook-edu/playbook/internal/search"
)

// dataFileNames are the files other than pages and theme assets that
// every build writes: the data the site publishes for tools and readers.
var dataFileNames = []string{"sitemap.xml", "robots.txt", search.IndexFile,
	publish.FeedFile, publish.ExportFile, publish.SchemaFile, publish.CASEFile}

// isDataFile reports whether name is one of dataFileNames.
func isDataFile(name string) bool { return slices.Contains(dataFileNames, name) }

// dataFiles returns, by file name, the functions that build the search
// index, the feed and the playbook as data (see packages search and
// publish). They run one after the other, beside the pages.
func (r *Renderer) dataFiles(g *link.Graph) map[string]func() []byte {
	cache := &r.search
	if r.once {
		cache = nil // nothing to keep for
	}
	return map[string]func() []byte{
		search.IndexFile:   func() []byte { return search.Build(g, cache).JSON() },
		publish.FeedFile:   func() []byte { return publish.Feed(g) },
		publish.ExportFile: func() []byte { return publish.ExportJSON(g) },
		publish.SchemaFile: publish.Schema,
		publish.CASEFile:   func() []byte { return publish.CASEJSON(g) },
	}
}

// jsonLD marks JSON-LD from package publish, whose <, > and & are escaped,
// as safe to write inside <script type="application/ld+json">.
func jsonLD(b []byte) template.JS { return template.JS(b) }
