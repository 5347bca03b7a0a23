package build

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// missingKey is what the translation table's T gives for a key it does not
// have: the key in brackets.
var missingKey = regexp.MustCompile(`\[[a-z][a-z0-9-]*(\.[a-z0-9-]+)+\]`)

// TestNoMissingWords builds the golden playbook and this repository's and
// finds no "[key]" in any page or feed: every key a template, the Go code or a
// script's message uses is in the default theme's English table, the keys
// the Go code puts together ("nav." and a section) too.
func TestNoMissingWords(t *testing.T) {
	for _, src := range []string{goldenSrc, "../.."} {
		out := filepath.Join(t.TempDir(), "public")
		mustBuild(t, Options{Src: src, Out: out})
		for name, data := range readTree(t, out) {
			if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".xml") {
				continue // scripts and schemas have brackets of their own
			}
			if m := missingKey.Find(data); m != nil {
				t.Errorf("%s: %s: %s is not a key of the translation table", src, name, m)
			}
		}
	}
}

// englishPhrases returns the phrases of the default theme's English table
// longer than three words: each text's words between its {placeholders}.
func englishPhrases(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("../../themes/default/i18n/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var table map[string]any
	if err := yaml.Unmarshal(data, &table); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, v := range table {
		switch v := v.(type) {
		case string:
			texts = append(texts, v)
		case map[string]any:
			for _, f := range v {
				texts = append(texts, f.(string))
			}
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, text := range texts {
		for _, part := range regexp.MustCompile(`\{[^{}]*\}`).Split(text, -1) {
			part = strings.Trim(part, " .,:;()“”\"")
			if len(strings.Fields(part)) > 3 && !seen[part] {
				seen[part] = true
				out = append(out, part)
			}
		}
	}
	if len(out) < 50 {
		t.Fatalf("found only %d phrases of more than three words in en.yaml", len(out))
	}
	return out
}

// jsComment matches a comment of a script.
var jsComment = regexp.MustCompile(`(?s)/\*.*?\*/|//[^\n]*`)

// jsonEscape matches the \uXXXX escapes html/template writes into the
// scripts' JSON messages.
var jsonEscape = regexp.MustCompile(`\\u[0-9a-fA-F]{4}`)

// readable returns a file as a reader or a script meets its words: HTML
// entities and JSON escapes decoded, runs of spaces made one.
func readable(data []byte) string {
	s := jsonEscape.ReplaceAllStringFunc(string(data), func(e string) string {
		r, _ := strconv.ParseUint(e[2:], 16, 32)
		return string(rune(r))
	})
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

// TestSpanishSite builds the golden playbook in Spanish, alone (language:
// es) and beside English (languages: [en, es], the Spanish pages under
// es/), and finds no phrase of the English table longer than three words
// in any Spanish page, in the messages the pages write for the scripts, or
// in the scripts themselves; every Spanish page says it is in Spanish, and
// dates are Spanish.
func TestSpanishSite(t *testing.T) {
	for _, tc := range []struct {
		name, config, prefix string
	}{
		{"Spanish", "language: es\n", ""},
		{"bilingual", "languages: [en, es]\n", "es/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := copyDir(t, goldenSrc)
			cfg := filepath.Join(src, "playbook.yaml")
			data, err := os.ReadFile(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(cfg, append(data, tc.config...), 0o644); err != nil {
				t.Fatal(err)
			}
			// A glossary, so that every page kind of the theme is built.
			glossary := "- id: rubric\n  term: rubric\n  definition: A scale to judge work by.\n  seeAlso: [task]\n- id: task\n  term: task\n  definition: A thing to do.\n"
			if err := os.WriteFile(filepath.Join(src, "data/glossary.yaml"), []byte(glossary), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "public")
			mustBuild(t, Options{Src: src, Out: out}) // a table that lacks keys is a warning, which fails it
			site := readTree(t, out)
			phrases := englishPhrases(t)
			pages := 0
			for name, data := range site {
				isPage := strings.HasPrefix(name, tc.prefix) && strings.HasSuffix(name, ".html")
				isScript := strings.HasPrefix(name, "assets/") && strings.HasSuffix(name, ".js")
				if !isPage && !isScript {
					continue
				}
				if isPage {
					pages++
					if !strings.Contains(string(data), `<html lang="es">`) {
						t.Errorf("%s: no <html lang=\"es\">", name)
					}
				}
				if m := missingKey.Find(data); isPage && m != nil {
					t.Errorf("%s: %s is not a key of the translation table", name, m)
				}
				if isScript {
					data = jsComment.ReplaceAll(data, nil) // a reader never sees them
				}
				text := readable(data)
				for _, p := range phrases {
					if strings.Contains(text, p) {
						t.Errorf("%s: English left in a Spanish page: %q", name, p)
					}
				}
			}
			if pages < 20 || site[tc.prefix+"glossary/index.html"] == nil || site[tc.prefix+"search/index.html"] == nil {
				t.Fatalf("the Spanish site has %d pages, or lacks its glossary or search page", pages)
			}
			for name, want := range map[string]string{
				"guides/beta/index.html":             "Última revisión: 2 de abril de 2025",
				"search/index.html":                  `"search.count": {"one": "{count} resultado.", "other": "{count} resultados."}`,
				"checklists/teacher-list/index.html": `data-says="{ticked} de`,
				"index.html":                         `"saved.steps": {"one": "{count} paso de una ruta", "other": "{count} pasos de rutas"}`,
			} {
				if page := readable(site[tc.prefix+name]); !strings.Contains(page, want) {
					t.Errorf("%s lacks %s", tc.prefix+name, want)
				}
			}
		})
	}
}
