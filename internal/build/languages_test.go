package build

import (
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/write"
)

// TestLanguages builds the golden playbook in English and Spanish, with a
// translated guide and role beside an untranslated guide, and checks what
// a second language adds: its pages under /es/ with their own search index
// and feed, the files the languages share written once at the root, every
// page linking to itself in each language (hreflang and the switcher), the
// sitemap's alternates, and the notice and the lang attribute on a page
// not yet translated.
func TestLanguages(t *testing.T) {
	src := copyDir(t, goldenSrc)
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(src, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile(filepath.Join(src, "playbook.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	write("playbook.yaml", strings.Replace(string(cfg), "title: Test Playbook\n", "title: {en: Test Playbook, es: Manual de prueba}\nlanguages: [en, es]\n", 1))
	roles, err := os.ReadFile(filepath.Join(src, "data/roles.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	write("data/roles.yaml", strings.Replace(string(roles), "  name: Student\n  summary: Leads by speaking up.\n",
		"  name: {en: Student, es: Estudiante}\n  summary: {en: Leads by speaking up., es: Dirige al expresar sus ideas.}\n", 1))
	write("content/guides/beta.es.md", "---\ntitle: Práctica beta\nsummary: La segunda práctica.\nroles: [teacher, student]\nsystems: [twps]\n"+
		"audience: students\nreviewed: 2025-04-02\n---\n## Pasos {#steps}\n\nVuelva a [Alfa](alpha.md#steps) o lea [acerca de](../pages/about.md).\n")

	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Src: src, Out: out})
	site := readTree(t, out)
	page := func(name string) string {
		t.Helper()
		data, ok := site[name]
		if !ok {
			t.Fatalf("%s was not built", name)
		}
		return string(data)
	}

	t.Run("each language's pages in its folder", func(t *testing.T) {
		for name, want := range map[string]string{
			"index.html":                                 `<html lang="en">`,
			"es/index.html":                              `<html lang="es">`,
			"es/guides/beta/index.html":                  `<h1>Práctica beta</h1>`,
			"es/roles/student/index.html":                `Dirige al expresar sus ideas.`,
			"es/404.html":                                `<html lang="es">`,
			"guides/beta/index.html":                     `<h1>Beta practice</h1>`,
			"es/guides/alpha/index.html":                 `<html lang="es">`,
			"es/print/index.html":                        `Práctica beta`,
			"es/search/index.html":                       `data-search-index="/playbook/es/search/index.json"`,
			"es/checklists/index.html":                   `<html lang="es">`,
			"es/glossary/index.html":                     "",
			"es/about/index.html":                        `<html lang="es">`,
			"es/goals/reading/index.html":                `<html lang="es">`,
			"es/systems/twps/index.html":                 `<html lang="es">`,
			"es/stories/index.html":                      `href="/playbook/es/feed.xml"`,
			"es/reflect/index.html":                      `<html lang="es">`,
			"es/guides/index.html":                       `Práctica beta`,
			"es/roles/teacher/index.html":                `/playbook/es/guides/beta/`,
			"es/checklists/team-review/tally/index.html": `<html lang="es">`,
		} {
			if _, ok := site[name]; !ok && want == "" {
				continue // a page the golden playbook may not have
			}
			if got := page(name); !strings.Contains(got, want) {
				t.Errorf("%s lacks %s", name, want)
			}
		}
	})

	t.Run("shared files once, at the root", func(t *testing.T) {
		for name := range site {
			for _, shared := range []string{"es/assets/", "es/images/", "es/robots.txt", "es/sitemap.xml", "es/playbook.json", "es/case/", "es/schemas/"} {
				if strings.HasPrefix(name, shared) {
					t.Errorf("%s: a file every language shares is written again under es/", name)
				}
			}
		}
		for _, name := range []string{"robots.txt", "sitemap.xml", "playbook.json", "case/playbook.json", "feed.xml", "es/feed.xml", "search/index.json", "es/search/index.json"} {
			page(name)
		}
	})

	t.Run("a search index and a feed per language", func(t *testing.T) {
		var ix struct {
			Lang  string   `json:"lang"`
			Kinds []string `json:"kinds"`
			Docs  [][]any  `json:"docs"`
		}
		if err := json.Unmarshal([]byte(page("es/search/index.json")), &ix); err != nil {
			t.Fatal(err)
		}
		if ix.Lang != "es" || ix.Kinds[0] != "Guía" {
			t.Errorf("es/search/index.json: lang %q, kinds %q", ix.Lang, ix.Kinds)
		}
		titles := map[string]bool{}
		for _, d := range ix.Docs {
			url, _ := d[2].(string)
			if !strings.HasPrefix(url, "/playbook/es/") {
				t.Errorf("es/search/index.json: %v leads out of the Spanish site", d[:3])
			}
			title, _ := d[1].(string)
			titles[title] = true
		}
		if !titles["Práctica beta"] || !titles["Estudiante"] {
			t.Errorf("es/search/index.json lacks the translated guide or role: %v", titles)
		}
		feed := page("es/feed.xml")
		if !strings.Contains(feed, `xml:lang="es"`) || !strings.Contains(feed, "https://example.org/playbook/es/guides/alpha/") ||
			!strings.Contains(feed, "<title>Manual de prueba</title>") || !strings.Contains(feed, `label="Guía de práctica"`) {
			t.Errorf("es/feed.xml is not the Spanish site's feed:\n%s", feed)
		}
		if strings.Contains(page("feed.xml"), "Manual de prueba") {
			t.Error("feed.xml is the Spanish feed")
		}
	})

	t.Run("every page links to itself in each language", func(t *testing.T) {
		alternate := regexp.MustCompile(`<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">`)
		pages := 0
		for name, data := range site {
			if strings.HasSuffix(name, "404.html") {
				// Served at any address that has no page: it is no
				// page in another language.
				if strings.Contains(string(data), `hreflang="`) {
					t.Errorf("%s has alternates", name)
				}
				continue
			}
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			pages++
			p := strings.TrimPrefix(strings.TrimSuffix(name, "index.html"), "es/")
			want := map[string]string{"en": "https://example.org/playbook/" + p, "es": "https://example.org/playbook/es/" + p,
				"x-default": "https://example.org/playbook/" + p}
			got := map[string]string{}
			for _, m := range alternate.FindAllStringSubmatch(string(data), -1) {
				got[m[1]] = m[2]
			}
			if len(got) != 3 || got["en"] != want["en"] || got["es"] != want["es"] || got["x-default"] != want["x-default"] {
				t.Errorf("%s: hreflang links %v, want %v", name, got, want)
			}
			switcher := `<a href="/playbook/es/` + p + `" lang="es" hreflang="es">español</a>`
			if strings.HasPrefix(name, "es/") {
				switcher = `<a href="/playbook/` + p + `" lang="en" hreflang="en">English</a>`
			}
			if !strings.Contains(string(data), switcher) {
				t.Errorf("%s: no link to itself in the other language, %s", name, switcher)
			}
		}
		if pages < 40 {
			t.Fatalf("only %d pages built", pages)
		}
		sitemap := page("sitemap.xml")
		for _, want := range []string{
			`<xhtml:link rel="alternate" hreflang="es" href="https://example.org/playbook/es/guides/beta/"/>`,
			`<loc>https://example.org/playbook/es/guides/beta/</loc>`,
		} {
			if !strings.Contains(sitemap, want) {
				t.Errorf("sitemap.xml lacks %s", want)
			}
		}
	})

	t.Run("an untranslated page says so and marks its language", func(t *testing.T) {
		alpha := page("es/guides/alpha/index.html")
		if !strings.Contains(alpha, `<p class="notice untranslated">`) || !strings.Contains(alpha, "aparece en inglés") {
			t.Error("es/guides/alpha/ has no notice that it shows in English")
		}
		if !strings.Contains(alpha, `<div class="prose" lang="en">`) || !strings.Contains(alpha, `<h1 lang="en">`) {
			t.Error("es/guides/alpha/: its English text is not marked lang=\"en\"")
		}
		beta := page("es/guides/beta/index.html")
		if strings.Contains(beta, "untranslated") || strings.Contains(beta, `lang="en">`) && !strings.Contains(beta, `lang="en" hreflang="en">English</a>`) {
			t.Error("es/guides/beta/, translated, is marked untranslated")
		}
		if strings.Contains(page("guides/alpha/index.html"), "untranslated") {
			t.Error("the English guide is marked untranslated")
		}
	})
}

// TestBuilderLeavesEachLanguagesFilesForLater checks the dev server's
// Builder makes each language's /print/, search index and feed only when
// asked for, under that language's folder, as it does the default's.
func TestBuilderLeavesEachLanguagesFilesForLater(t *testing.T) {
	src := copyDir(t, goldenSrc)
	cfg, err := os.ReadFile(filepath.Join(src, "playbook.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "playbook.yaml"), append(cfg, "languages: [en, es]\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	b := NewBuilder()
	var diags diag.List
	site, err := b.Load(context.Background(), src, "", &diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	out := write.NewMemory()
	if err := b.Render(context.Background(), site, out, &diags); err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	for _, name := range []string{"print/index.html", "es/print/index.html", "search/index.json", "es/search/index.json", "es/feed.xml"} {
		if _, written := out.File(name); written {
			t.Errorf("%s was written before it was asked for", name)
		}
		if data, ok, err := b.Make(name); !ok || err != nil || len(data) == 0 {
			t.Errorf("%s is not made when asked for: %v, %v", name, ok, err)
		}
	}
	if data, ok, _ := b.Make("es/print/index.html"); ok && !strings.Contains(string(data), `<html lang="es">`) {
		t.Error("es/print/index.html is not the Spanish /print/")
	}
	if _, written := out.File("es/guides/alpha/index.html"); !written {
		t.Error("the Spanish pages are not written")
	}

	// Spanish taken out of playbook.yaml: its caches go too.
	if _, ok := b.caches["es/"]; !ok {
		t.Fatalf("no Spanish caches to start with: %v", slices.Collect(maps.Keys(b.caches)))
	}
	if err := os.WriteFile(filepath.Join(src, "playbook.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Load(context.Background(), src, "", &diags); err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	if got := slices.Sorted(maps.Keys(b.caches)); !slices.Equal(got, []string{""}) {
		t.Errorf("caches kept for %q, want the default language's alone", got)
	}
}
