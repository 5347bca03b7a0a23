package render_test

import (
	"bytes"
	"context"
	"image/png"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbook-edu/playbook/internal/build"
	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/write"
)

const golden = "../../testdata/golden/src"

// goldenWith returns the golden playbook with playbook.yaml's lines
// changed by edit, and any other files given.
func goldenWith(t *testing.T, edit func(config string) string, files map[string]string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(golden), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(os.DirFS(golden), p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	m["playbook.yaml"].Data = []byte(edit(string(m["playbook.yaml"].Data)))
	for name, text := range files {
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return m
}

func withoutBaseURL(config string) string {
	return regexp.MustCompile(`(?m)^baseURL: .*\n`).ReplaceAllString(config, "")
}

// built renders fsys into memory, failing on any diagnostic.
func built(t *testing.T, fsys fs.FS) *write.Memory {
	t.Helper()
	var diags diag.List
	s, err := build.Load(context.Background(), fsys, "", &diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	out := write.NewMemory()
	if err := s.Render(context.Background(), out, &diags); err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	return out
}

func page(t *testing.T, out *write.Memory, name string) string {
	t.Helper()
	data, ok := out.File(name)
	if !ok {
		t.Fatalf("%s was not written", name)
	}
	return string(data)
}

// meta returns the content of the first <meta> whose name or property is
// key, and whether there is one.
func meta(html, key string) (string, bool) {
	m := regexp.MustCompile(`<meta (?:name|property)="` + regexp.QuoteMeta(key) + `" content="([^"]*)">`).FindStringSubmatch(html)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// link returns the href of the first <link> with the given rel and type.
func link(html, rel, typ string) string {
	m := regexp.MustCompile(`<link rel="` + rel + `" href="([^"]*)"[^>]*` + regexp.QuoteMeta(typ)).FindStringSubmatch(html)
	if m == nil {
		return ""
	}
	return m[1]
}

// TestHead checks what every page's head says of the site: a link-preview
// picture at a full address when the base URL is known, the theme colour
// from the brand, and PNG icons beside the SVG one, each file present and
// of its size.
func TestHead(t *testing.T) {
	for _, tc := range []struct {
		name        string
		fsys        fs.FS
		image       string // the start of og:image
		imageType   string
		color       string
		imageWidth  string
		drawnPrefix string // where the drawn images are, in the site
	}{
		{"golden", goldenWith(t, func(c string) string { return c }, nil),
			"https://example.org/playbook/assets/card.", "image/png", "#1d4e89", "1200", "/playbook/"},
		{"no base URL, brand colours", goldenWith(t, func(c string) string {
			return withoutBaseURL(c) + "colors:\n  primary: \"#9B1C1C\"\n  accent: \"#6b3fa0\"\n"
		}, nil), "/assets/card.", "image/png", "#9b1c1c", "1200", "/"},
		{"raster logo", goldenWith(t, func(c string) string { return c + "logo: assets/logo.png\ntheme: golden\n" },
			map[string]string{"themes/golden/static/assets/logo.png": "\x89PNG\r\n\x1a\n"}),
			"https://example.org/playbook/assets/logo.", "image/png", "#1d4e89", "", "/playbook/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := built(t, tc.fsys)
			for _, name := range out.Names() {
				if !strings.HasSuffix(name, ".html") {
					continue
				}
				html := page(t, out, name)
				if img, ok := meta(html, "og:image"); !ok || !strings.HasPrefix(img, tc.image) {
					t.Errorf("%s: og:image %q, want %s…", name, img, tc.image)
				}
				if typ, _ := meta(html, "og:image:type"); typ != tc.imageType {
					t.Errorf("%s: og:image:type %q, want %q", name, typ, tc.imageType)
				}
				if w, _ := meta(html, "og:image:width"); w != tc.imageWidth {
					t.Errorf("%s: og:image:width %q, want %q", name, w, tc.imageWidth)
				}
				if c, _ := meta(html, "theme-color"); c != tc.color {
					t.Errorf("%s: theme-color %q, want %q", name, c, tc.color)
				}
				if link(html, "icon", `type="image/svg+xml"`) == "" {
					t.Errorf("%s: the SVG icon is gone", name)
				}
			}
			html := page(t, out, "index.html")
			for _, icon := range []struct {
				rel, typ string
				size     int
			}{{"icon", `type="image/png" sizes="32x32"`, 32}, {"apple-touch-icon", `sizes="180x180"`, 180}} {
				href := link(html, icon.rel, icon.typ)
				if !strings.HasPrefix(href, tc.drawnPrefix+"assets/") {
					t.Errorf("%s icon at %q", icon.rel, href)
					continue
				}
				pngSize(t, out, strings.TrimPrefix(href, tc.drawnPrefix), icon.size, icon.size)
			}
			if img, _ := meta(html, "og:image"); strings.Contains(img, "/card.") {
				name := img[strings.Index(img, "assets/card."):]
				pngSize(t, out, name, 1200, 630)
			}
		})
	}
}

// pngSize checks the site's file name is a PNG of w×h pixels.
func pngSize(t *testing.T, out *write.Memory, name string, w, h int) {
	t.Helper()
	data, ok := out.File(name)
	if !ok {
		t.Errorf("%s is linked but not written", name)
		return
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width != w || cfg.Height != h {
		t.Errorf("%s: %dx%d (%v), want a %d×%d PNG", name, cfg.Width, cfg.Height, err, w, h)
	}
}

// TestNotFoundPage checks 404.html, served at any address without a page,
// names no canonical address and asks search engines not to list it,
// while every other page has its canonical address and no such request.
func TestNotFoundPage(t *testing.T) {
	out := built(t, goldenWith(t, func(c string) string { return c }, nil))
	for _, name := range out.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		html := page(t, out, name)
		robots, noindex := meta(html, "robots")
		canonical := strings.Contains(html, `<link rel="canonical"`)
		ogURL := strings.Contains(html, `property="og:url"`)
		if name == "404.html" {
			if !noindex || robots != "noindex" || canonical || ogURL {
				t.Errorf("404.html: robots %q, canonical %v, og:url %v; want noindex and no address", robots, canonical, ogURL)
			}
		} else if noindex || !canonical {
			t.Errorf("%s: robots %q, canonical %v", name, robots, canonical)
		}
	}
}

// TestSitemap checks the sitemap lists pages at full addresses, and that
// there is none when the base URL is not known, rather than one of site
// paths that search engines cannot use.
func TestSitemap(t *testing.T) {
	out := built(t, goldenWith(t, func(c string) string { return c }, nil))
	sm := page(t, out, "sitemap.xml")
	locs := regexp.MustCompile(`<loc>([^<]*)</loc>`).FindAllStringSubmatch(sm, -1)
	if len(locs) < 10 {
		t.Fatalf("the sitemap lists %d pages", len(locs))
	}
	for _, l := range locs {
		if !strings.HasPrefix(l[1], "https://example.org/playbook/") || strings.Contains(l[1], "404") {
			t.Errorf("sitemap entry %q", l[1])
		}
	}
	if robots := page(t, out, "robots.txt"); !strings.Contains(robots, "Sitemap: https://example.org/playbook/sitemap.xml") {
		t.Errorf("robots.txt does not name the sitemap:\n%s", robots)
	}

	out = built(t, goldenWith(t, withoutBaseURL, nil))
	if sm, ok := out.File("sitemap.xml"); ok {
		t.Errorf("without a base URL, a sitemap is written:\n%s", sm)
	}
	if robots := page(t, out, "robots.txt"); strings.Contains(robots, "Sitemap") {
		t.Errorf("without a base URL, robots.txt names a sitemap:\n%s", robots)
	}
}
