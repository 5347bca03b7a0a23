// Package render is the third stage of the build: it turns the linked
// graph into the files of a site. Every page is a view of the graph,
// executed through the theme's html/template files; render decides what
// each page shows and nothing else. Which files are written, when, in what
// order, where to and whether they changed since the last build is the
// build's business (package build).
//
// # Pages
//
// Each page has a kind, and the kind names its template: layouts/guide.html
// renders every /guides/ID/ page. Templates receive a Page whose Data is
// the kind's view (GuideData, RoleData, ...), with every list, link and
// count already computed; the templates only lay them out. Package view
// holds every field a template can use, and package theme reads and
// parses the templates. A kind of record (package kind) whose entry has a
// page and no view of its own here gets RecordData: the record itself and
// the records that refer to it.
//
// # Assets
//
// The theme's static files are copied into the site. Those under
// static/assets/ get a hash of their content in their names, so a host may
// cache them for a year and a change still reaches readers at once; pages
// find their names in Site.Assets. When playbook.yaml sets brand colors,
// they are appended to playbook.css as custom properties.
//
// # Also made
//
// sitemap.xml (every page, when the base URL is known), robots.txt,
// 404.html, the images of content/images/ at /images/, the JSON Schemas of
// the playbook's files at /schemas/, the brand's icons and link-preview
// card (package brand), and /print/ (the whole playbook as one printable
// document, print.go).
//
// Each page's bytes depend only on the graph, so the site is byte-identical
// from run to run whatever order its pages are made in.
package render

import (
	"bytes"
	"encoding/xml"
	"io"
	"slices"
	"strings"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/i18n"
	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/publish"
	"github.com/playbook-edu/playbook/internal/route"
	"github.com/playbook-edu/playbook/internal/theme"
	"github.com/playbook-edu/playbook/internal/view"
)

// ContentSecurityPolicy is the policy the site is built to run under: no
// inline script or style, nothing loaded from another site. Hosts should
// send it with every page (netlify.toml does); the dev server sends it too.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"

// Options says how a site's files are made.
type Options struct {
	// Fingerprint puts a hash of each asset's content in its name, for
	// long caching. The dev server leaves it off, so that a stylesheet
	// edit changes the stylesheet alone and not every page linking to it.
	Fingerprint bool
	// JSONLD returns a guide's JSON-LD (package publish); nil works it out
	// for every page. The dev server keeps it from one build to the next.
	JSONLD func(g *link.Graph, gd *model.Guide) []byte
	// Words are the site's words in its language (Theme.Words); nil reads
	// them from the theme for the playbook's language.
	Words *i18n.Table
}

// Site is a site ready to render: its files, the view every page shares,
// and the templates its pages are executed with.
type Site struct {
	Files []File
	// View is what every page shows of the site as a whole.
	View *view.SiteView
	// Words are the site's words in its language.
	Words *i18n.Table

	tmpls    *theme.Templates
	diags    *diag.List
	viewHash uint64 // of View, hashed once for every page
}

// File is one file of a site.
type File struct {
	Name string // the path in the site, slash-separated
	// Kind is a page's kind, whose template renders it; "" for another
	// file.
	Kind string
	// Data is the content of a file known in advance: an asset, the
	// sitemap, robots.txt. A page's is nil: Execute makes it.
	Data []byte
	// Asset marks a file copied from the theme, an image or a schema.
	Asset bool
	// Template is a hash of a page's template and every file it includes:
	// two pages with the same Template and the same view are the same
	// bytes.
	Template uint64

	view func() *view.Page
}

// View builds the view of the page f: everything it shows.
func (f *File) View() *view.Page { return f.view() }

// New makes the site of g with theme: the list of its files, each page's
// view built only when asked for. Problems of the theme go to diags; the
// error is for a failure that is not the content's fault.
func New(g *link.Graph, th *theme.Theme, opts Options, diags *diag.List) (*Site, error) {
	w := opts.Words
	if w == nil {
		var err error
		if w, err = th.Words(&g.Config, g.Config.Language, diags); err != nil {
			return nil, err
		}
	}
	tmpls, err := th.Parse(w, diags)
	if err != nil || tmpls == nil {
		return nil, err
	}
	site, assets, err := newSiteView(g, th, w, opts.Fingerprint, diags)
	if err != nil {
		return nil, err
	}
	ld := opts.JSONLD
	if ld == nil {
		ld = publish.GuideLD
	}
	v := &views{g: g, w: w, base: route.BasePath(g.Config.BaseURL) + g.Config.Prefix, ld: ld}
	pages := v.pages(site)
	s := &Site{View: site, Words: w, tmpls: tmpls, diags: diags, viewHash: view.Hash(*site)}
	for _, a := range assets {
		s.Files = append(s.Files, File{Name: a.name, Data: a.data, Asset: true})
	}
	prefix := g.Config.Prefix
	for _, p := range pages {
		if !tmpls.Has(p.Kind) {
			continue // its template failed to parse, which is reported
		}
		s.Files = append(s.Files, File{Name: prefix + route.File(p.path), Kind: p.Kind, Template: tmpls.Hash(p.Kind), view: p.build})
	}
	if prefix != "" {
		// The default language's site writes the files the languages
		// share, and its sitemap lists every language's pages.
		return s, nil
	}
	s.Files = append(s.Files, File{Name: "robots.txt", Data: robots(g.Config.BaseURL)})
	if g.Config.BaseURL != "" {
		s.Files = append(s.Files, File{Name: "sitemap.xml", Data: sitemap(g.Config, pages)})
	}
	return s, nil
}

// Execute renders into w the page f whose view is pg (from f.View). When
// the template fails, the problem is reported at the theme file's line and
// the error is theme.ErrTemplate. w may be a fasttemplate.Rewinder, which
// the page is started again in when the faster executor gives up.
func (s *Site) Execute(w io.Writer, f *File, pg *view.Page) error {
	return s.tmpls.Execute(w, f.Kind, pg, s.diags)
}

// Hash returns a hash of everything the page f shows with pg (from
// f.View): its template, the site's view and its own. Two pages with the
// same hash are the same bytes, so a rebuild can leave a page alone whose
// hash has not changed. Hashes are compared within one process only.
func (s *Site) Hash(f *File, pg *view.Page) uint64 {
	return view.HashPage(f.Template, s.viewHash, pg)
}

// Assets returns the files of the site copied as they are (the theme's
// static files, the images, the schemas), for a rebuild in which only
// they changed.
func Assets(g *link.Graph, th *theme.Theme, opts Options, diags *diag.List) ([]File, error) {
	w := opts.Words
	if w == nil {
		var err error
		if w, err = th.Words(&g.Config, g.Config.Language, diags); err != nil {
			return nil, err
		}
	}
	_, assets, err := newSiteView(g, th, w, opts.Fingerprint, diags)
	if err != nil {
		return nil, err
	}
	files := make([]File, len(assets))
	for i, a := range assets {
		files[i] = File{Name: a.name, Data: a.data, Asset: true}
	}
	return files, nil
}

// page is a Page with the site path it is written to and the functions
// that build its view.
type page struct {
	*view.Page
	path string
	data func() any
	ld   func() []byte // the page's JSON-LD, or nil
}

// build returns the page's view, with its data and JSON-LD.
func (p page) build() *view.Page {
	pg := *p.Page
	pg.Data = p.data()
	if p.ld != nil {
		pg.JSONLD = jsonLD(p.ld())
	}
	return &pg
}

// asset is a file copied from the theme into the site.
type asset struct {
	name string
	data []byte
}

// sitemap lists every page but 404.html, sorted, at its full address on
// the site published at c.BaseURL; with several languages, each page once
// per language, with links to the others (hreflang alternates). A
// sitemap's addresses must be full, so with no base URL there is no
// sitemap: New makes none.
func sitemap(c model.Config, pages []page) []byte {
	type entry struct {
		loc  string
		alts []alternate
	}
	var entries []entry
	for _, p := range pages {
		if p.Kind == "404" {
			continue
		}
		alts := alternates(c, p.path)
		for _, a := range alts {
			e := entry{loc: a.URL}
			if len(alts) > 1 {
				e.alts = alts
			}
			entries = append(entries, e)
		}
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.loc, b.loc) })
	var b bytes.Buffer
	b.WriteString(xml.Header)
	if len(c.Languages) > 1 {
		b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	} else {
		b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	}
	for _, e := range entries {
		b.WriteString("  <url><loc>")
		xml.EscapeText(&b, []byte(e.loc))
		b.WriteString("</loc>")
		for _, a := range e.alts {
			b.WriteString(`<xhtml:link rel="alternate" hreflang="`)
			xml.EscapeText(&b, []byte(a.Lang))
			b.WriteString(`" href="`)
			xml.EscapeText(&b, []byte(a.URL))
			b.WriteString(`"/>`)
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// alternate is a page in one of the site's languages.
type alternate struct {
	Lang, URL string
	Path      string // the path, base path included
}

// alternates returns the page at site path p in each of the site's
// languages, at its full address when the base URL is known and its path
// otherwise.
func alternates(c model.Config, p string) []alternate {
	out := make([]alternate, len(c.Languages))
	for i, lang := range c.Languages {
		prefix := ""
		if i > 0 {
			prefix = lang + "/"
		}
		path := route.BasePath(c.BaseURL) + route.In(prefix, p)[1:]
		out[i] = alternate{Lang: lang, URL: route.Absolute(c.BaseURL, route.In(prefix, p)), Path: path}
		if c.BaseURL == "" {
			out[i].URL = path
		}
	}
	return out
}

func robots(baseURL string) []byte {
	s := "User-agent: *\nAllow: /\n"
	if baseURL != "" {
		s += "\nSitemap: " + baseURL + "sitemap.xml\n"
	}
	return []byte(s)
}
