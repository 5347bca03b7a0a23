package i18n

import (
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/playbook-edu/playbook/internal/kind"
	"github.com/playbook-edu/playbook/internal/model"

	"github.com/playbook-edu/playbook/internal/diag"
)

// The default theme, whose tables and templates these tests read.
const themeDir = "../../themes/default"

// defaultTable loads the default theme's table of lang, failing on any
// diagnostic.
func defaultTable(t *testing.T, lang string) *Table {
	t.Helper()
	var diags diag.List
	tbl, err := Load(Source{FS: os.DirFS(themeDir)}, Source{}, lang, nil, diag.Diagnostic{File: "playbook.yaml"}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags.Items() {
		t.Errorf("%s table: %s", lang, d.Message)
	}
	return tbl
}

// readDefault reads the default theme's table NAME.yaml as it is written,
// failing when it is missing or has a mistake.
func readDefault(t *testing.T, name string) map[string]entry {
	t.Helper()
	var diags diag.List
	tbl, err := readTable(Source{FS: os.DirFS(themeDir)}, name, &diags)
	if err != nil {
		t.Fatal(err)
	}
	if tbl == nil {
		t.Fatalf("the default theme has no i18n/%s.yaml", name)
	}
	for _, d := range diags.Items() {
		t.Errorf("%s:%d: %s", d.File, d.Line, d.Message)
	}
	return tbl
}

var placeholder = regexp.MustCompile(`\{[^{}]+\}`)

// placeholders returns the {names} of a text, sorted, each once.
func placeholders(text string) []string {
	out := placeholder.FindAllString(text, -1)
	slices.Sort(out)
	return slices.Compact(out)
}

// formsOf returns the plural forms language lang gives whole numbers.
func formsOf(lang string) []string {
	tag := New(lang, nil).lang
	var out []string
	for n := range 1001 {
		if f := form(tag, n); !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

// TestTablesMatch checks every table of the default theme against the
// English one: the same keys, each text with the same {placeholders} (a
// script or a template fills them by name), and plural forms exactly where
// English has them, each form the language gives whole numbers present.
func TestTablesMatch(t *testing.T) {
	master := readDefault(t, Master)
	files, err := fs.Glob(os.DirFS(themeDir), "i18n/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var langs []string
	for _, f := range files {
		if lang := strings.TrimSuffix(path.Base(f), ".yaml"); lang != Master {
			langs = append(langs, lang)
		}
	}
	if !slices.Contains(langs, "es") {
		t.Fatalf("the default theme has no Spanish table; it has %v", langs)
	}
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			tbl := readDefault(t, lang)
			want := formsOf(lang)
			for key, m := range master {
				tm, ok := tbl[key]
				if !ok {
					t.Errorf("%s has no %q", lang, key)
					continue
				}
				if (m.Forms == nil) != (tm.Forms == nil) {
					t.Errorf("%s:%d: %q has plural forms in one table and not the other", tm.at.File, tm.at.Line, key)
					continue
				}
				if m.Forms == nil {
					if got, want := placeholders(tm.Text), placeholders(m.Text); !slices.Equal(got, want) {
						t.Errorf("%s:%d: %q has the placeholders %v, English %v", tm.at.File, tm.at.Line, key, got, want)
					}
					continue
				}
				english := placeholders(strings.Join(mapValues(m.Forms), " "))
				for _, f := range want {
					text, ok := tm.Forms[f]
					if !ok {
						t.Errorf("%s:%d: %q has no %q form, which %s uses", tm.at.File, tm.at.Line, key, f, lang)
						continue
					}
					if got := placeholders(text); !slices.Equal(got, english) {
						t.Errorf("%s:%d: %q's %s form has the placeholders %v, English %v", tm.at.File, tm.at.Line, key, f, got, english)
					}
				}
				for f := range tm.Forms {
					if !slices.Contains(want, f) {
						t.Errorf("%s:%d: %q has a %q form, which %s does not use", tm.at.File, tm.at.Line, key, f, lang)
					}
				}
			}
			for key, tm := range tbl {
				if _, ok := master[key]; !ok {
					t.Errorf("%s:%d: %q is not a key of %s.yaml", tm.at.File, tm.at.Line, key, Master)
				}
			}
		})
	}
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}

var (
	// A template's T call with a key written out: {{T "nav.roles"}}.
	templateKey = regexp.MustCompile(`\{\{-?\s*T\s+"([^"]+)"`)
	// Any call of T in a template, to find those whose key is not written out.
	templateCall = regexp.MustCompile(`[{(]\s*T\s+[^"\s]`)
	// Go code's call with a key written out whole: w.T("page.print.title", ...),
	// not w.T("nav." + section).
	goKey = regexp.MustCompile(`\.T\("([^"]+)"[,)]`)
	// A script's message: say("saved.exported", ...).
	scriptKey = regexp.MustCompile(`\bsay\("([^"]+)"`)
	// A message in a page's JSON block for the scripts: "key": {{T "key"...,
	// or with its plural forms, "key": {{template "plural-forms.html" "key"}}.
	blockEntry = regexp.MustCompile(`(?m)^"([^"]+)": \{\{(?:T|template "plural-forms\.html") "([^"]+)"`)
)

// TestKeysUsed checks that every key the default theme's templates, the
// program's Go code and the browser scripts use is in the English table,
// and that every message a script says is written into the page for it.
// (Keys the Go code puts together, "nav." and a section, are checked by
// building sites and finding no "[key]": package build's tests.)
func TestKeysUsed(t *testing.T) {
	master := readDefault(t, Master)
	theme := os.DirFS(themeDir)
	inBlocks := map[string]bool{}
	used := 0
	err := fs.WalkDir(theme, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		src := string(data)
		for _, m := range templateKey.FindAllStringSubmatch(src, -1) {
			used++
			if _, ok := master[m[1]]; !ok {
				t.Errorf("%s: T %q is not a key of %s.yaml", p, m[1], Master)
			}
		}
		if m := templateCall.FindString(src); m != "" {
			t.Errorf("%s: %q: a key this test cannot check; write keys out", p, m)
		}
		for _, m := range blockEntry.FindAllStringSubmatch(src, -1) {
			if m[1] != m[2] {
				t.Errorf("%s: the scripts' message %q holds the text of %q", p, m[1], m[2])
			}
			if _, ok := master[m[2]]; !ok {
				t.Errorf("%s: the scripts' message %q is not a key of %s.yaml", p, m[2], Master)
			}
			inBlocks[m[1]] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if used < 100 {
		t.Fatalf("found only %d T calls in the default theme's templates", used)
	}
	for _, script := range []string{"static/assets/playbook.js", "static/assets/search.js"} {
		data, err := fs.ReadFile(theme, script)
		if err != nil {
			t.Fatal(err)
		}
		keys := scriptKey.FindAllStringSubmatch(string(data), -1)
		if len(keys) == 0 {
			t.Errorf("%s says no message of the page's", script)
		}
		for _, m := range keys {
			if _, ok := master[m[1]]; !ok {
				t.Errorf("%s: say(%q) is not a key of %s.yaml", script, m[1], Master)
			}
			if !inBlocks[m[1]] {
				t.Errorf("%s: say(%q) is not a message the templates write for the scripts", script, m[1])
			}
		}
	}
	goCalls := 0
	err = fs.WalkDir(os.DirFS("../.."), "internal", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		data, err := os.ReadFile(path.Join("../..", p))
		if err != nil {
			return err
		}
		for _, m := range goKey.FindAllStringSubmatch(string(data), -1) {
			goCalls++
			if _, ok := master[m[1]]; !ok {
				t.Errorf("%s: T(%q) is not a key of %s.yaml", p, m[1], Master)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if goCalls == 0 {
		t.Error("found no T call with a key written out in the Go code")
	}
	// Keys the Go code puts together: a kind's label in search, a level
	// of a checklist answered in levels.
	var built []string
	for _, k := range kind.Searched() {
		built = append(built, "search.kind."+k.Name)
	}
	for _, a := range model.LevelAnswers {
		built = append(built, "level."+a)
	}
	for _, key := range built {
		if _, ok := master[key]; !ok {
			t.Errorf("%s is not a key of %s.yaml", key, Master)
		}
	}
}
