package build

import (
	"bytes"
	"context"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/i18n"
	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/load"
	"github.com/playbook-edu/playbook/internal/markdown"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/publish"
	"github.com/playbook-edu/playbook/internal/render"
	"github.com/playbook-edu/playbook/internal/search"
	"github.com/playbook-edu/playbook/internal/source"
	"github.com/playbook-edu/playbook/internal/theme"
	"github.com/playbook-edu/playbook/internal/work"
)

// ContentSecurityPolicy is the policy a built site runs under (see
// render.ContentSecurityPolicy); the dev server sends it with every file.
const ContentSecurityPolicy = render.ContentSecurityPolicy

// Output receives the site's files. Paths are slash-separated and relative
// to the site root. WriteFile may be called from many goroutines at once.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Streamer is an Output that can also write a file as it is produced, so
// that a large file (/print/ holds every guide, playbook.json too) is
// never held in memory whole. A build's output folder is one.
type Streamer interface {
	Create(name string) (io.WriteCloser, error)
}

// Remover is an Output that can also delete a file: the dev server's
// in-memory site, from which a deleted guide's page must go.
type Remover interface {
	Remove(name string) error
}

// Builder builds a playbook again and again into the same Output, as the
// dev server does after every edit: it keeps what it read, what it
// rendered and the hash of every file it wrote, and writes only the files
// whose content changed. A page is rendered again when its view (all it
// shows) or its template changed, so editing one guide re-renders that
// guide and the pages that show it (pathways, backlinks, indexes) and
// nothing else. /print/ and the data files, which every edit changes but
// a preview seldom looks at, are made only when asked for, with Make.
// Asset names carry no hash, so that a stylesheet edit changes the
// stylesheet alone (RenderAssets).
//
// The one-off build (Build, Render) uses a Builder once: it streams every
// file straight to its place and compares nothing.
type Builder struct {
	once bool // build once: stream, fingerprint assets, compare nothing

	// Each language's caches, by its prefix ("" the default language's).
	caches map[string]*caches

	last    map[string]uint64 // output file → hash of what was written there
	assets  map[string]bool   // the asset files the last Render wrote
	linked  *Linked           // the last playbook rendered without error
	pending *Linked           // the last playbook loaded

	laterMu sync.Mutex
	later   map[string]*laterFile // the last good Render's files left for Make

	// Rendered is the number of pages the last Render executed a template for.
	Rendered int
	// Changed lists the files the last Render wrote or removed, sorted.
	Changed []string
}

// caches are what a Builder keeps of one language between builds.
type caches struct {
	load   load.Cache   // files read
	search search.Cache // each guide's words
	lds    ldCache      // each guide's JSON-LD
}

// NewBuilder returns a Builder for the dev server.
func NewBuilder() *Builder { return &Builder{} }

// in returns the caches of the language published under prefix.
func (b *Builder) in(prefix string) *caches {
	if b.caches == nil {
		b.caches = map[string]*caches{}
	}
	c := b.caches[prefix]
	if c == nil {
		c = &caches{}
		b.caches[prefix] = c
	}
	return c
}

// Read returns the number of source files the loads so far have read, in
// every language.
func (b *Builder) Read() int {
	n := 0
	for _, c := range b.caches {
		n += c.load.Read
	}
	return n
}

// Load loads and links the playbook in the folder src, reading only the
// files that changed since the last Load.
func (b *Builder) Load(ctx context.Context, src, baseURL string, diags *diag.List) (*Linked, error) {
	fsys, err := source.Open(src)
	if err != nil {
		return nil, err
	}
	cache := func(lang string) *load.Cache {
		if lang == "" {
			return &b.in("").load
		}
		return &b.in(lang + "/").load
	}
	lk, err := loadWith(ctx, fsys, load.Options{BaseURL: baseURL}, cache, diags)
	if err != nil {
		fsys.Close()
		return nil, err
	}
	// A language no longer in playbook.yaml leaves its caches behind.
	kept := map[string]bool{}
	for _, l := range lk.Languages() {
		kept[l.Graph.Config.Prefix] = true
	}
	for prefix := range b.caches {
		if !kept[prefix] {
			delete(b.caches, prefix)
		}
	}
	// The theme reads its templates when the site renders: the folder
	// stays open until the next playbook rendered takes this one's place.
	lk.closer = fsys
	if b.pending != nil && b.pending != b.linked {
		b.pending.Close() // loaded, never rendered without error
	}
	b.pending = lk
	return lk, nil
}

// makesLater reports whether the dev server makes the file name of a
// language's site (its name under the language's folder) only when it is
// asked for (see Builder).
func (b *Builder) makesLater(name string) bool {
	if b.once {
		return false
	}
	_, data := dataFiles[name]
	return data || name == "print/index.html"
}

// dataFile is a file a site holds beside its pages, made by a function of
// the graph into a writer.
type dataFile struct {
	make func(b *Builder, site *render.Site, g *link.Graph, w io.Writer) error
	// translated is set for a file each language has, in its folder: the
	// others are the default language's alone.
	translated bool
}

// dataFiles are the files a site holds beside its pages: the search index
// (package search) and the playbook as data (package publish).
var dataFiles = map[string]dataFile{
	search.IndexFile: {translated: true, make: func(b *Builder, site *render.Site, g *link.Graph, w io.Writer) error {
		var cache *search.Cache
		if !b.once { // nothing to keep for when building once
			cache = &b.in(g.Config.Prefix).search
		}
		ix := search.Build(g, cache)
		for _, k := range search.Kinds {
			ix.Labels = append(ix.Labels, site.Words.T("search.kind."+k))
		}
		_, err := w.Write(ix.JSON())
		return err
	}},
	publish.FeedFile: {translated: true, make: func(_ *Builder, site *render.Site, g *link.Graph, w io.Writer) error {
		_, err := w.Write(publish.Feed(g, site.Words))
		return err
	}},
	publish.ExportFile: {make: func(_ *Builder, _ *render.Site, g *link.Graph, w io.Writer) error { return publish.WriteExport(w, g) }},
	publish.SchemaFile: {make: func(_ *Builder, _ *render.Site, _ *link.Graph, w io.Writer) error {
		_, err := w.Write(publish.Schema())
		return err
	}},
	publish.CASEFile: {make: func(_ *Builder, site *render.Site, g *link.Graph, w io.Writer) error {
		return publish.WriteCASE(w, g, site.Words)
	}},
}

// laterFile is a file left for Make, made at most once.
type laterFile struct {
	once sync.Once
	make func() ([]byte, error)
	data []byte
	err  error
}

// Make returns a file the last successful Render left for later, making
// it the first time it is asked for, and whether there is such a file. It
// is safe to call while another Render runs.
func (b *Builder) Make(name string) ([]byte, bool, error) {
	b.laterMu.Lock()
	f := b.later[name]
	b.laterMu.Unlock()
	if f == nil {
		return nil, false, nil
	}
	f.once.Do(func() { f.data, f.err = f.make() })
	return f.data, true, f.err
}

// Render renders lk into out, writing only what changed since the last
// call. Problems of the theme's templates go to diags; the error is for a
// failure to write.
func (b *Builder) Render(ctx context.Context, lk *Linked, out Output, diags *diag.List) error {
	// Each language's site: the default language's holds the assets and
	// the files the languages share, each other's its pages under its
	// folder, its search index and its feed.
	var sites []*render.Site
	var graphs []*link.Graph
	for _, l := range lk.Languages() {
		g := l.Graph
		opts := render.Options{Fingerprint: b.once, Words: l.words}
		if !b.once {
			lds := &b.in(g.Config.Prefix).lds
			lds.begin(&g.Config)
			opts.JSONLD = lds.guideLD
		}
		site, err := render.New(g, l.Theme, opts, diags)
		if err != nil || site == nil {
			return err
		}
		sites, graphs = append(sites, site), append(graphs, g)
	}
	hashes := map[string]uint64{}
	var changed []string
	var mu sync.Mutex
	// unchanged records that name will hold content hashing to h, and
	// reports whether it already does.
	unchanged := func(name string, h uint64) bool {
		mu.Lock()
		defer mu.Unlock()
		hashes[name] = h
		old, ok := b.last[name]
		return ok && old == h
	}
	wrote := func(name string) {
		mu.Lock()
		changed = append(changed, name)
		mu.Unlock()
	}
	writeFile := func(name string, data []byte) error {
		if !b.once && unchanged(name, maphash.Bytes(hashSeed, data)) {
			return nil
		}
		if err := out.WriteFile(name, data); err != nil {
			return err
		}
		wrote(name)
		return nil
	}
	stream, streams := out.(Streamer)
	streams = streams && b.once
	later := map[string]*laterFile{}
	leaveForLater := func(name string, make func() ([]byte, error)) {
		mu.Lock()
		later[name] = &laterFile{make: make}
		mu.Unlock()
	}

	// Files are made by one worker per core, in the order queued (package
	// work): /print/, which holds every guide and takes longest, first;
	// then the data files; then the many small pages and the assets, which
	// fill the other cores around them.
	var tasks []func() error
	assetNames := map[string]bool{}
	rendered, failed := 0, false
	type page struct {
		site   *render.Site
		f      render.File
		prefix string // the folder of the site's language, "" for the default's
	}
	var pages []page
	var others []render.File
	for i, site := range sites {
		for _, f := range site.Files {
			switch {
			case f.Asset && i > 0:
				// The same files as the default language's.
			case f.Asset:
				assetNames[f.Name] = true
				others = append(others, f)
			case f.Kind == "print":
				pages = slices.Insert(pages, 0, page{site, f, graphs[i].Config.Prefix})
			case f.Kind != "":
				pages = append(pages, page{site, f, graphs[i].Config.Prefix})
			default:
				others = append(others, f)
			}
		}
	}
	renderPage := func(p page) func() error {
		site, f := p.site, p.f
		return func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if b.makesLater(strings.TrimPrefix(f.Name, p.prefix)) {
				leaveForLater(f.Name, func() ([]byte, error) {
					var buf bytes.Buffer
					err := site.Execute(&buf, &f, f.View())
					return buf.Bytes(), err
				})
				return nil
			}
			view := f.View()
			if !b.once && unchanged(f.Name, site.Hash(&f, view)) {
				return nil
			}
			fail := func() {
				mu.Lock()
				failed = true
				mu.Unlock()
			}
			if streams {
				// Nothing to compare with: write the page as it renders.
				w := &restartable{st: stream, name: f.Name}
				if err := w.Rewind(); err != nil {
					return err
				}
				if err := site.Execute(w, &f, view); err != nil {
					w.Close()
					fail()
					return nil
				}
				if err := w.Close(); err != nil {
					return err
				}
			} else {
				buf := buffers.Get().(*bytes.Buffer)
				defer buffers.Put(buf)
				buf.Reset()
				if err := site.Execute(buf, &f, view); err != nil {
					fail()
					return nil
				}
				if err := out.WriteFile(f.Name, buf.Bytes()); err != nil {
					return err
				}
			}
			mu.Lock()
			rendered++
			changed = append(changed, f.Name)
			mu.Unlock()
			return nil
		}
	}
	data := func(name string, make func(io.Writer) error) func() error {
		return func() error {
			if streams {
				w, err := stream.Create(name)
				if err != nil {
					return err
				}
				if err := make(w); err != nil {
					w.Close()
					return err
				}
				if err := w.Close(); err != nil {
					return err
				}
				wrote(name)
				return nil
			}
			var buf bytes.Buffer
			if err := make(&buf); err != nil {
				return err
			}
			return writeFile(name, buf.Bytes())
		}
	}
	// Every language's /print/ goes first.
	for len(pages) > 0 && pages[0].f.Kind == "print" {
		tasks = append(tasks, renderPage(pages[0]))
		pages = pages[1:]
	}
	for i, g := range graphs {
		for _, name := range slices.Sorted(maps.Keys(dataFiles)) {
			file := dataFiles[name]
			if i > 0 && !file.translated {
				continue
			}
			make := func(w io.Writer) error { return file.make(b, sites[i], g, w) }
			if b.makesLater(name) {
				leaveForLater(g.Config.Prefix+name, func() ([]byte, error) {
					var buf bytes.Buffer
					err := make(&buf)
					return buf.Bytes(), err
				})
				continue
			}
			tasks = append(tasks, data(g.Config.Prefix+name, make))
		}
	}
	for _, p := range pages {
		tasks = append(tasks, renderPage(p))
	}
	for _, f := range others {
		tasks = append(tasks, func() error { return writeFile(f.Name, f.Data) })
	}
	var eg errgroup.Group
	work.Start(&eg, tasks)
	if err := eg.Wait(); err != nil {
		return err
	}
	if rm, ok := out.(Remover); ok && !b.once {
		for name := range b.last {
			if _, ok := hashes[name]; !ok {
				if err := rm.Remove(name); err != nil {
					return err
				}
				changed = append(changed, name)
			}
		}
	}
	if failed {
		// The caller throws this output away; what was written before stays
		// the base to compare with.
		return nil
	}
	slices.Sort(changed)
	b.keep(lk)
	b.last, b.assets, b.Rendered, b.Changed = hashes, assetNames, rendered, changed
	b.laterMu.Lock()
	b.later = later
	b.laterMu.Unlock()
	return nil
}

// RenderAssets writes the assets (the theme's static files) that changed
// since the last Render, with the theme of the folder src and the last
// playbook rendered, leaving the pages alone. It writes nothing and
// reports false when that would not be enough: a file appeared or went,
// the theme has a problem, or there was no Render before.
func (b *Builder) RenderAssets(src string, out Output, diags *diag.List) (bool, error) {
	if b.once || b.last == nil || b.linked == nil {
		return false, nil
	}
	fsys, err := source.Open(src)
	if err != nil {
		return false, nil
	}
	g := b.linked.Graph
	th := theme.New(fsys, g.Config.Theme, g.Config.Where["theme"], diags)
	lk := &Linked{Graph: g, Theme: th, closer: fsys}
	assets, err := render.Assets(g, th, render.Options{}, diags)
	if err != nil || diags.HasErrors() {
		lk.Close()
		return false, err
	}
	hashes := map[string]uint64{}
	for _, a := range assets {
		hashes[a.Name] = maphash.Bytes(hashSeed, a.Data)
	}
	if len(assets) != len(b.assets) || slices.ContainsFunc(assets, func(a render.File) bool { return !b.assets[a.Name] }) {
		lk.Close()
		return false, nil
	}
	var changed []string
	for _, a := range assets {
		if hashes[a.Name] == b.last[a.Name] {
			continue
		}
		if err := out.WriteFile(a.Name, a.Data); err != nil {
			return false, err
		}
		changed = append(changed, a.Name)
	}
	for name, h := range hashes {
		b.last[name] = h
	}
	b.keep(lk)
	b.Rendered, b.Changed = 0, changed
	return true, nil
}

// keep makes lk the last playbook rendered, closing the folder of the one
// before.
func (b *Builder) keep(lk *Linked) {
	if b.linked != nil && b.linked != lk {
		b.linked.Close()
	}
	b.linked = lk
}

// hashSeed is the seed of the hashes of files the Builder compares, within
// one process.
var hashSeed = maphash.MakeSeed()

// buffers holds the buffers pages render into, reused from page to page.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// restartable is a file of a Streamer that a page can start again
// (fasttemplate.Rewinder): the faster executor streams a page into it, and
// html/template starts the page again when the executor gives up.
type restartable struct {
	st   Streamer
	name string
	w    io.WriteCloser // nil before the file is created and once closed
}

// Rewind creates the file, anew when it was already written to.
func (f *restartable) Rewind() error {
	if err := f.Close(); err != nil {
		return err
	}
	w, err := f.st.Create(f.name)
	f.w = w
	return err
}

func (f *restartable) Write(p []byte) (int, error) {
	if f.w == nil {
		return 0, fmt.Errorf("write %s: file closed", f.name)
	}
	return f.w.Write(p)
}

// Close closes the file, once.
func (f *restartable) Close() error {
	if f.w == nil {
		return nil
	}
	w := f.w
	f.w = nil
	return w.Close()
}

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
func (c *ldCache) guideLD(g *link.Graph, gd *model.Guide) []byte {
	c.mu.Lock()
	b, ok := c.byID[gd]
	c.used[gd] = true
	c.mu.Unlock()
	if ok {
		return b
	}
	b = publish.GuideLD(g, gd)
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

// loadWith loads and links the playbook in fsys with the load stage's
// options, in each of its languages. cache, when not nil, gives the cache
// of each language ("" the default's): a load's cache holds files as read
// in one language.
func loadWith(ctx context.Context, fsys fs.FS, opts load.Options, cache func(lang string) *load.Cache, diags *diag.List) (*Linked, error) {
	in := func(lang string) (*Linked, error) {
		o := opts
		o.Language = lang
		if cache != nil {
			o.Cache = cache(lang)
		}
		// The theme and its words are known once playbook.yaml is read:
		// Markdown is read and written with the language's words.
		var th *theme.Theme
		var words *i18n.Table
		o.Words = func(c *model.Config) markdown.Words {
			th = theme.New(fsys, c.Theme, c.Where["theme"], diags)
			w, err := th.Words(c, c.Language, diags)
			if err != nil {
				return markdown.Words{}
			}
			words = w
			return markdown.Words{Steps: w.T("markdown.steps"), Done: w.T("markdown.task-done"), Related: w.T("guide.related")}
		}
		pb, err := load.Load(ctx, fsys, o, diags)
		if err != nil {
			return nil, err
		}
		g := link.Link(pb, diags)
		if th == nil {
			th = theme.New(fsys, pb.Config.Theme, pb.Config.Where["theme"], diags)
		}
		return &Linked{Graph: g, Theme: th, words: words}, nil
	}
	lk, err := in("")
	if err != nil {
		return nil, err
	}
	// A mistake in a text every language shows is found by each load and
	// reported once (diag.List.Items).
	for _, lang := range lk.Graph.Config.Languages[min(1, len(lk.Graph.Config.Languages)):] {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		t, err := in(lang)
		if err != nil {
			return nil, err
		}
		lk.Translations = append(lk.Translations, t)
	}
	return lk, nil
}
