package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/playbook-edu/playbook/internal/brand"
	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/i18n"
	"github.com/playbook-edu/playbook/internal/kind"
	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/publish"
	"github.com/playbook-edu/playbook/internal/route"
	"github.com/playbook-edu/playbook/internal/theme"
	"github.com/playbook-edu/playbook/internal/view"
	"github.com/playbook-edu/playbook/schemas"
)

// newSiteView returns the view every page shares and the files copied
// into the site as they are.
func newSiteView(g *link.Graph, th *theme.Theme, w *i18n.Table, fingerprinted bool, diags *diag.List) (*view.SiteView, []asset, error) {
	c := g.Config
	// Pages are under the language's folder, with the language's feed;
	// the files every language shares (assets, images) at the root.
	root := route.BasePath(c.BaseURL)
	base := root + c.Prefix
	s := &view.SiteView{
		Title: c.Title, District: c.District, Tagline: c.Tagline, Description: c.Description,
		Language: c.Language, Home: base, Footer: c.Footer, Contact: c.Contact, Forge: c.Forge(),
		Print: base + route.Print()[1:], Assets: map[string]string{}, Feed: base + publish.FeedFile,
	}
	if len(c.Languages) > 1 {
		s.DefaultLanguage = display.Languages(language.Make(c.Language)).Name(language.Make(c.Languages[0]))
		if s.DefaultLanguage == "" {
			s.DefaultLanguage = c.Languages[0]
		}
	}
	switch {
	case strings.Contains(c.Contact, "@") && !strings.Contains(c.Contact, "/"):
		s.ContactURL = "mailto:" + c.Contact
	case strings.HasPrefix(c.Contact, "https://") || strings.HasPrefix(c.Contact, "http://"):
		s.ContactURL = c.Contact
	}
	for _, k := range kind.All {
		if k.Nav {
			s.Nav = append(s.Nav, view.NavItem{Title: w.T("nav." + k.Section), URL: base + k.Section + "/", Section: k.Section})
		}
	}
	s.Nav = append(s.Nav, view.NavItem{Title: w.T("nav.search"), URL: base + "search/", Section: "search"})
	for _, r := range g.Roles {
		s.Roles = append(s.Roles, view.RoleChoice{ID: r.ID, Name: r.Name, URL: base + route.Role(r.ID)[1:]})
	}
	menu := slices.Clone(g.Pages)
	slices.SortStableFunc(menu, func(a, b *model.FreePage) int {
		if a.Weight != b.Weight {
			return a.Weight - b.Weight
		}
		return strings.Compare(a.Title, b.Title)
	})
	for _, p := range menu {
		if p.Menu {
			s.Menu = append(s.Menu, view.NavItem{Title: p.Title, URL: base + route.Page(p.ID)[1:]})
		}
	}
	// A kind with an index but no place in the navigation (the glossary)
	// is in the footer's menu, when it has records.
	for _, k := range kind.All {
		if _, own := kindPages[k.Name]; !own && k.Index != "" && !k.Nav && len(k.Records(g.Playbook)) > 0 {
			s.Menu = append(s.Menu, view.NavItem{Title: w.T("nav." + k.Section), URL: base + route.Section(k.Section)[1:], Section: k.Section})
		}
	}

	files, err := th.Files("static")
	if err != nil {
		return nil, nil, err
	}
	var assets []asset
	for _, f := range files {
		data, _, err := th.ReadFile(f)
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
			s.Assets[key] = root + name
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
		if _, _, err := th.ReadFile(path.Join("static", c.Logo)); err != nil {
			at := c.Where["logo"]
			diags.Add(diag.Diagnostic{File: "playbook.yaml", Line: at.Line, Col: at.Col, Severity: diag.Error,
				Message: fmt.Sprintf("logo %q is not in the theme's static folder", c.Logo),
				Hint:    "put the image in themes/<your theme>/static/ and name it relative to that folder"})
		} else {
			s.Logo = root + strings.TrimPrefix(path.Clean(c.Logo), "/")
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
// name in static/assets/, and fills in s.Head. A logo in SVG is the
// favicon, unless the theme has a favicon.svg of its own.
func brandImages(s *view.SiteView, c model.Config, assets []asset, fingerprinted bool) ([]asset, error) {
	colors := brand.Colors{Primary: brandColor(c.Colors.Primary), Accent: brandColor(c.Colors.Accent)}
	if _, ok := s.Assets[FaviconFile]; !ok && s.Logo != "" && strings.EqualFold(path.Ext(c.Logo), ".svg") {
		s.Assets[FaviconFile] = s.Logo
	}
	for _, img := range []struct {
		key  string
		draw func() ([]byte, error)
	}{
		{FaviconFile, func() ([]byte, error) { return brand.Favicon(colors) }},
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
		s.Assets[img.key] = route.BasePath(c.BaseURL) + name
		assets = append(assets, asset{name, data})
	}
	// Link previews are fetched by other sites: their picture needs a full
	// address, when there is one.
	root := route.BasePath(c.BaseURL)
	full := func(url string) string { return route.Absolute(c.BaseURL, "/"+strings.TrimPrefix(url, root)) }
	h := view.Head{ThemeColor: colors.Primary, Icon: s.Assets[IconFile], TouchIcon: s.Assets[TouchIconFile],
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
	FaviconFile   = "favicon.svg"
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

// fingerprint returns name with a hash of data before its extension:
// "assets/playbook.css" becomes "assets/playbook.1a2b3c4d5e.css".
func fingerprint(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
}
