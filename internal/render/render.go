// Package render is the third stage of the build: every page of the site is
// a view of the linked graph, executed through the theme's html/template
// files and handed to an Output.
//
// # Pages
//
// Each page has a kind, and the kind names its template: layouts/guide.html
// renders every /guides/ID/ page. Templates receive a Page whose Data is
// the kind's view (GuideData, RoleData, ...), with every list, link and
// count already computed; the templates only lay them out. See views.go for
// every field a template can use.
//
// # Assets
//
// The theme's static files are copied into the site. Those under
// static/assets/ get a hash of their content in their names, so a host may
// cache them for a year and a change still reaches readers at once; pages
// find their names in Site.Assets. When playbook.yaml sets brand colors,
// they are appended to playbook.css as custom properties.
//
// # Also written
//
// sitemap.xml (every page, when the base URL is known), robots.txt,
// 404.html, the images of content/images/ at /images/, the JSON Schemas of
// the playbook's files at /schemas/, /print/ (the whole playbook as one
// printable document, print.go), the search index (package search), and
// feed.xml, playbook.json with its JSON Schema and the CASE export
// (package publish).
//
// Pages render in parallel. Each page's bytes depend only on the graph, so
// the site is byte-identical from run to run whatever the scheduling.
package render

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/playbook-edu/playbook/internal/brand"
	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/publish"
	"github.com/playbook-edu/playbook/internal/route"
	"github.com/playbook-edu/playbook/internal/search"
	"github.com/playbook-edu/playbook/internal/work"
	"github.com/playbook-edu/playbook/schemas"
)

// ContentSecurityPolicy is the policy the site is built to run under: no
// inline script or style, nothing loaded from another site. Hosts should
// send it with every page (netlify.toml does); the dev server sends it too.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"

// Output receives the site's files. Paths are slash-separated and relative
// to the site root. WriteFile may be called from many goroutines at once.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Streamer is an Output that can also write a file as it is produced, so
// that a large page (/print/ holds every guide) is never held in memory
// whole. A build's output folder is one.
type Streamer interface {
	Create(name string) (io.WriteCloser, error)
}

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

// Remover is an Output that can also delete a file: the dev server's
// in-memory site, from which a deleted guide's page must go.
type Remover interface {
	Remove(name string) error
}

// Render renders every page of g with theme into out. Problems in the
// theme's templates go to diags; the error is for a failure to write.
func Render(ctx context.Context, g *link.Graph, theme *Theme, out Output, diags *diag.List) error {
	return (&Renderer{Fingerprint: true, once: true}).Render(ctx, g, theme, out, diags)
}

// Renderer renders a site again and again into the same Output. After the
// first Render it writes only the files whose content would change: a
// page is rendered again when its view (everything it shows) or its
// template changed, so editing one guide re-renders that guide and the
// pages that show it (pathways, backlinks, indexes) and nothing else.
// The zero Renderer is ready to use.
type Renderer struct {
	// Fingerprint puts a hash of each asset's content in its name, for
	// long caching. The dev server leaves it off, so that a stylesheet
	// edit changes the stylesheet alone and not every page linking to it.
	Fingerprint bool

	once   bool              // rendering just once: nothing to compare with, so no hashing
	last   map[string]uint64 // output file → hash of what was written there
	assets map[string]bool   // the theme's files, schemas and images the last Render wrote

	// Later names files that Render leaves out, to be made only when asked
	// for with Make: the dev server's /print/ and data files, which every
	// edit changes but few previews look at. Nil makes every file at once.
	Later func(name string) bool

	// Rendered is the number of pages the last Render executed a template for.
	Rendered int
	// Changed lists the files the last Render wrote or removed, sorted.
	Changed []string

	search search.Cache // each guide's words, kept between renders
	lds    ldCache      // each guide's JSON-LD, kept between renders

	laterMu sync.Mutex
	later   map[string]*laterFile // the last good Render's files left for Make
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
func (r *Renderer) Make(name string) ([]byte, bool, error) {
	r.laterMu.Lock()
	f := r.later[name]
	r.laterMu.Unlock()
	if f == nil {
		return nil, false, nil
	}
	f.once.Do(func() { f.data, f.err = f.make() })
	return f.data, true, f.err
}

// Render renders g into out, writing only what changed since the last call.
func (r *Renderer) Render(ctx context.Context, g *link.Graph, theme *Theme, out Output, diags *diag.List) error {
	tmpls, err := theme.parse(diags)
	if err != nil || tmpls == nil {
		return err
	}
	site, assets, err := newSite(g, theme, r.Fingerprint, diags)
	if err != nil {
		return err
	}
	v := &views{g: g, base: route.BasePath(g.Config.BaseURL)}
	if !r.once {
		r.lds.begin(&g.Config)
		v.lds = &r.lds
	}
	pages := v.pages(site)
	var siteHash uint64
	if !r.once {
		siteHash = hashValue(*site)
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
		old, ok := r.last[name]
		return ok && old == h
	}
	write := func(name string, data []byte) error {
		if err := out.WriteFile(name, data); err != nil {
			return err
		}
		mu.Lock()
		changed = append(changed, name)
		mu.Unlock()
		return nil
	}
	writeFile := func(name string, data []byte) error {
		if unchanged(name, maphash.Bytes(hashSeed, data)) {
			return nil
		}
		return write(name, data)
	}
	assetNames := make(map[string]bool, len(assets))
	for _, a := range assets {
		assetNames[a.name] = true
		if err := writeFile(a.name, a.data); err != nil {
			return err
		}
	}

	rendered, failed := 0, false
	later := map[string]*laterFile{}
	eg, ctx := errgroup.WithContext(ctx)
	// Pages and files are rendered by one worker per core, in the order
	// queued (package work).
	var tasks []func() error
	queue := func(task func() error) { tasks = append(tasks, task) }
	// The data files, beside the pages. A one-off build writes each straight
	// to its file, since some are large (playbook.json holds every guide);
	// the dev server makes them in memory, to compare them with what it
	// serves.
	files := r.dataFiles(g)
	startData := func() {
		if st, ok := out.(Streamer); ok && r.once {
			for _, name := range slices.Sorted(maps.Keys(files)) {
				queue(func() error {
					w, err := st.Create(name)
					if err != nil {
						return err
					}
					if err := files[name](w); err != nil {
						w.Close()
						return err
					}
					if err := w.Close(); err != nil {
						return err
					}
					mu.Lock()
					changed = append(changed, name)
					mu.Unlock()
					return nil
				})
			}
		} else {
			for name, build := range files {
				make := func() ([]byte, error) {
					var b bytes.Buffer
					err := build(&b)
					return b.Bytes(), err
				}
				if r.Later != nil && r.Later(name) {
					mu.Lock()
					later[name] = &laterFile{make: make}
					mu.Unlock()
					continue
				}
				queue(func() error {
					b, err := make()
					if err != nil {
						return err
					}
					return writeFile(name, b)
				})
			}
		}
	}
	// /print/ holds every guide and takes longest: it starts first, then the
	// data files, so that the many small pages fill the other cores around
	// them instead of leaving them to finish alone.
	ordered := slices.Clone(pages)
	slices.SortStableFunc(ordered, func(a, b page) int { return longFirst(a) - longFirst(b) })
	for i, p := range ordered {
		if i == 1 {
			startData()
		}
		if tmpls.byKind[p.Kind] == nil {
			continue // its template failed to parse, already reported
		}
		queue(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			name := route.File(p.path)
			view := *p.Page
			build := func() {
				view.Data = p.data()
				if p.ld != nil {
					view.JSONLD = jsonLD(p.ld())
				}
			}
			if r.Later != nil && r.Later(name) {
				mu.Lock()
				later[name] = &laterFile{make: func() ([]byte, error) {
					build()
					var b bytes.Buffer
					err := tmpls.execute(&b, p.Kind, &view)
					return b.Bytes(), err
				}}
				mu.Unlock()
				return nil
			}
			build()
			var h uint64
			if !r.once {
				h = hashPage(tmpls.hash[p.Kind], siteHash, &view)
			}
			if unchanged(name, h) {
				return nil
			}
			fail := func(err error) {
				_, where, _ := theme.ReadFile("layouts/" + p.Kind + ".html")
				theme.templateError(diags, where, err)
				mu.Lock()
				failed = true
				mu.Unlock()
			}
			buf := buffers.Get().(*bytes.Buffer)
			defer buffers.Put(buf)
			buf.Reset()
			if st, ok := out.(Streamer); ok && r.once {
				// Nothing to compare with: write the page as it renders.
				f := &restartable{st: st, name: name}
				if err := f.Rewind(); err != nil {
					return err
				}
				if err := tmpls.execute(f, p.Kind, &view); err != nil {
					f.Close()
					fail(err)
					return nil
				}
				if err := f.Close(); err != nil {
					return err
				}
				mu.Lock()
				rendered++
				changed = append(changed, name)
				mu.Unlock()
				return nil
			}
			if err := tmpls.execute(buf, p.Kind, &view); err != nil {
				fail(err)
				return nil
			}
			mu.Lock()
			rendered++
			mu.Unlock()
			return write(name, buf.Bytes())
		})
	}
	if len(ordered) < 2 {
		startData()
	}
	work.Start(eg, tasks)
	if err := eg.Wait(); err != nil {
		return err
	}
	seo := map[string][]byte{"robots.txt": robots(g.Config.BaseURL)}
	if g.Config.BaseURL != "" {
		seo["sitemap.xml"] = sitemap(g.Config.BaseURL, pages)
	}
	for name, data := range seo {
		if err := writeFile(name, data); err != nil {
			return err
		}
	}
	if rm, ok := out.(Remover); ok {
		for name := range r.last {
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
	r.last, r.assets, r.Rendered, r.Changed = hashes, assetNames, rendered, changed
	r.laterMu.Lock()
	r.later = later
	r.laterMu.Unlock()
	return nil
}

// RenderAssets writes the theme's static files that changed since the last
// Render, leaving the pages alone. It writes nothing and reports false when
// that would not be enough: assets are fingerprinted (their names are in
// every page), a file appeared or went, or there was no Render before.
func (r *Renderer) RenderAssets(g *link.Graph, theme *Theme, out Output, diags *diag.List) (bool, error) {
	if r.Fingerprint || r.last == nil {
		return false, nil
	}
	site, assets, err := newSite(g, theme, false, diags)
	if err != nil || site == nil {
		return false, err
	}
	if len(assets) != len(r.assets) {
		return false, nil
	}
	hashes := map[string]uint64{}
	for _, a := range assets {
		if !r.assets[a.name] {
			return false, nil
		}
		hashes[a.name] = maphash.Bytes(hashSeed, a.data)
	}
	var changed []string
	for _, a := range assets {
		if hashes[a.name] == r.last[a.name] {
			continue
		}
		if err := out.WriteFile(a.name, a.data); err != nil {
			return false, err
		}
		changed = append(changed, a.name)
	}
	for name, h := range hashes {
		r.last[name] = h
	}
	r.Rendered, r.Changed = 0, changed
	return true, nil
}

// longFirst orders pages for rendering: /print/ first.
func longFirst(p page) int {
	if p.Kind == "print" {
		return 0
	}
	return 1
}

// buffers holds the buffers pages render into, reused from page to page.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// page is a Page with the site path it is written to and the function
// that builds its view.
type page struct {
	*Page
	path string
	data func() any
	ld   func() []byte // the page's JSON-LD, or nil
}

// asset is a file copied from the theme into the site.
type asset struct {
	name string
	data []byte
}

// newSite returns the view every page shares and the theme's static files.
func newSite(g *link.Graph, theme *Theme, fingerprinted bool, diags *diag.List) (*Site, []asset, error) {
	c := g.Config
	base := route.BasePath(c.BaseURL)
	s := &Site{
		Title: c.Title, District: c.District, Tagline: c.Tagline, Description: c.Description,
		Language: c.Language, Home: base, Footer: c.Footer, Contact: c.Contact,
		Print: base + route.Print()[1:], Assets: map[string]string{}, Feed: base + publish.FeedFile,
	}
	switch {
	case strings.Contains(c.Contact, "@") && !strings.Contains(c.Contact, "/"):
		s.ContactURL = "mailto:" + c.Contact
	case strings.HasPrefix(c.Contact, "https://") || strings.HasPrefix(c.Contact, "http://"):
		s.ContactURL = c.Contact
	}
	for _, n := range []struct{ title, section string }{
		{"Roles", "roles"}, {"Guides", "guides"}, {"Systems", "systems"}, {"Goals", "goals"},
		{"Stories", "stories"}, {"Checklists", "checklists"}, {"Reflect", "reflect"}, {"Search", "search"},
	} {
		s.Nav = append(s.Nav, NavItem{Title: n.title, URL: base + n.section + "/", Section: n.section})
	}
	for _, r := range g.Roles {
		s.Roles = append(s.Roles, RoleChoice{ID: r.ID, Name: r.Name, URL: base + route.Role(r.ID)[1:]})
	}
	menu := slices.Clone(g.Pages)
	slices.SortStableFunc(menu, func(a, b *model.Page) int {
		if a.Weight != b.Weight {
			return a.Weight - b.Weight
		}
		return strings.Compare(a.Title, b.Title)
	})
	for _, p := range menu {
		if p.Menu {
			s.Menu = append(s.Menu, NavItem{Title: p.Title, URL: base + route.Page(p.ID)[1:]})
		}
	}

	files, err := theme.Files("static")
	if err != nil {
		return nil, nil, err
	}
	var assets []asset
	for _, f := range files {
		data, _, err := theme.ReadFile(f)
		if err != nil {
			return nil, nil, fmt.Errorf("theme %s: %w", f, err)
		}
		name := strings.TrimPrefix(f, "static/")
		if strings.HasPrefix(name, "assets/") {
			if name == "assets/playbook.css" {
				data = withBrand(data, c.Colors)
			}
			key := strings.TrimPrefix(name, "assets/")
			if fingerprinted {
				name = fingerprint(name, data)
			}
			s.Assets[key] = base + name
		}
		assets = append(assets, asset{name, data})
	}
	schemaFiles, err := fs.Glob(schemas.Files(), "*.json")
	if err != nil {
		return nil, nil, err
	}
	for _, name := range schemaFiles {
		data, err := fs.ReadFile(schemas.Files(), name)
		if err != nil {
			return nil, nil, err
		}
		assets = append(assets, asset{"schemas/" + name, data})
	}
	for _, name := range slices.Sorted(maps.Keys(g.Images)) {
		if url, ok := route.Image(name); ok {
			assets = append(assets, asset{strings.TrimPrefix(url, "/"), g.Images[name]})
		}
	}
	if c.Logo != "" {
		if _, _, err := theme.ReadFile(path.Join("static", c.Logo)); err != nil {
			at := c.Where["logo"]
			diags.Add(diag.Diagnostic{File: "playbook.yaml", Line: at.Line, Col: at.Col, Severity: diag.Error,
				Message: fmt.Sprintf("logo %q is not in the theme's static folder", c.Logo),
				Hint:    "put the image in themes/<your theme>/static/ and name it relative to that folder"})
		} else {
			s.Logo = base + strings.TrimPrefix(path.Clean(c.Logo), "/")
			if a, ok := s.Assets[strings.TrimPrefix(path.Clean(c.Logo), "assets/")]; ok {
				s.Logo = a
			}
		}
	}
	assets, err = brandImages(s, c, assets, fingerprinted)
	if err != nil {
		return nil, nil, err
	}
	return s, assets, nil
}

// brandImages adds the images drawn from the brand's colours (package
// brand) to the site's assets, each unless the theme has a file of its
// name in static/assets/, and fills in s.Head.
func brandImages(s *Site, c model.Config, assets []asset, fingerprinted bool) ([]asset, error) {
	colors := brand.Colors{Primary: brandColor(c.Colors.Primary), Accent: brandColor(c.Colors.Accent)}
	for _, img := range []struct {
		key  string
		draw func() ([]byte, error)
	}{
		{IconFile, func() ([]byte, error) { return brand.Icon(colors, 32) }},
		{TouchIconFile, func() ([]byte, error) { return brand.Icon(colors, 180) }},
		{CardFile, func() ([]byte, error) { return brand.Card(colors) }},
	} {
		if _, ok := s.Assets[img.key]; ok {
			continue
		}
		data, err := img.draw()
		if err != nil {
			return nil, err
		}
		name := "assets/" + img.key
		if fingerprinted {
			name = fingerprint(name, data)
		}
		s.Assets[img.key] = s.Home + name
		assets = append(assets, asset{name, data})
	}
	// Link previews are fetched by other sites: their picture needs a full
	// address, when there is one.
	full := func(url string) string { return route.Absolute(c.BaseURL, "/"+strings.TrimPrefix(url, s.Home)) }
	h := Head{ThemeColor: colors.Primary, Icon: s.Assets[IconFile], TouchIcon: s.Assets[TouchIconFile],
		Image: full(s.Assets[CardFile]), ImageType: "image/png", ImageWidth: brand.CardWidth, ImageHeight: brand.CardHeight}
	if h.ThemeColor == "" {
		h.ThemeColor = brand.DefaultPrimary
	}
	if t := rasterType(c.Logo); t != "" && s.Logo != "" {
		h.Image, h.ImageType, h.ImageWidth, h.ImageHeight = full(s.Logo), t, 0, 0
	}
	s.Head = h
	return assets, nil
}

// Files of the brand's images under assets/, before fingerprinting; a
// theme replaces one by putting a file of that name in static/assets/.
const (
	IconFile      = "icon-32.png"
	TouchIconFile = "apple-touch-icon.png"
	CardFile      = "card.png"
)

// brandColor returns a brand colour in lowercase when it is written as
// #rrggbb, and "" otherwise (the loader has reported it).
func brandColor(c string) string {
	if len(c) != 7 || c[0] != '#' || strings.Trim(strings.ToLower(c[1:]), "0123456789abcdef") != "" {
		return ""
	}
	return strings.ToLower(c)
}

// rasterType returns the media type of a logo that link previews can
// show, by its extension, or "" for other images (SVG, which they do not
// show).
func rasterType(logo string) string {
	switch strings.ToLower(path.Ext(logo)) {
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	}
	return ""
}

// withBrand appends the brand colors, already checked to be #rrggbb, to
// the stylesheet as the custom properties it uses.
func withBrand(css []byte, c model.Colors) []byte {
	if c.Primary == "" && c.Accent == "" {
		return css
	}
	var b bytes.Buffer
	b.Write(css)
	b.WriteString("\n:root {\n")
	if c.Primary != "" {
		fmt.Fprintf(&b, "  --brand: %s;\n", c.Primary)
	}
	if c.Accent != "" {
		fmt.Fprintf(&b, "  --accent: %s;\n", c.Accent)
	}
	b.WriteString("}\n")
	return b.Bytes()
}

// sitemap lists every page but 404.html, sorted, at its full address on
// the site published at baseURL. A sitemap's addresses must be full, so
// with no base URL there is no sitemap: Render writes none.
func sitemap(baseURL string, pages []page) []byte {
	var locs []string
	for _, p := range pages {
		if p.Kind != "404" {
			locs = append(locs, route.Absolute(baseURL, p.path))
		}
	}
	slices.Sort(locs)
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, l := range locs {
		b.WriteString("  <url><loc>")
		xml.EscapeText(&b, []byte(l))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

func robots(baseURL string) []byte {
	s := "User-agent: *\nAllow: /\n"
	if baseURL != "" {
		s += "\nSitemap: " + baseURL + "sitemap.xml\n"
	}
	return []byte(s)
}
