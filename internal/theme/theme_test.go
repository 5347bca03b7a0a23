package theme

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/view"
)

// TestDefaultThemeParses parses the default theme in English and expects
// a template for every page kind, each with a hash of its own.
func TestDefaultThemeParses(t *testing.T) {
	var diags diag.List
	ts := parse(t, nil, "", &diags)
	seen := map[uint64]string{}
	for _, k := range Kinds {
		if !ts.Has(k) {
			t.Errorf("no template for %s", k)
		}
		if other, ok := seen[ts.Hash(k)]; ok {
			t.Errorf("%s and %s hash alike", k, other)
		}
		seen[ts.Hash(k)] = k
	}
}

// TestTemplateMistakeAtItsLine runs a district's template that names a
// field the page does not have, and expects the mistake at the line and
// column of the district's file, naming the view as THEMES.md does, with
// the field it likely meant.
func TestTemplateMistakeAtItsLine(t *testing.T) {
	src := fstest.MapFS{
		"themes/mine/layouts/home.html": {Data: []byte("{{define \"main\"}}\n<h1>{{.Titl}}</h1>\n{{end}}\n")},
	}
	var diags diag.List
	ts := parse(t, src, "mine", &diags)
	site := &view.SiteView{Title: "T", Assets: map[string]string{}}
	err := ts.Execute(&bytes.Buffer{}, "home", &view.Page{Site: site, Kind: "home", Title: "Home", Data: view.HomeData{}}, &diags)
	if !errors.Is(err, ErrTemplate) {
		t.Fatalf("Execute: %v, want ErrTemplate", err)
	}
	got := diags.Items()
	if len(got) != 1 {
		t.Fatalf("diagnostics: %v", got)
	}
	d := got[0]
	if d.File != "themes/mine/layouts/home.html" || d.Line != 2 || !strings.Contains(d.Message, `can't evaluate field Titl in type Page (did you mean "Title"?)`) {
		t.Errorf("got %s:%d:%d %s", d.File, d.Line, d.Col, d.Message)
	}
	if !strings.Contains(d.Hint, "Page has ") || !strings.Contains(d.Hint, "Title") {
		t.Errorf("hint %q does not list the page's fields", d.Hint)
	}
}

// parse parses the theme called name in src (the default theme when name
// is "") in English, and fails the test when it does not parse.
func parse(t *testing.T, src fstest.MapFS, name string, diags *diag.List) *Templates {
	t.Helper()
	th := New(src, name, model.Pos{Line: 3, Col: 8}, diags)
	w, err := th.Words(&model.Config{Language: "en"}, "en", diags)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := th.Parse(w, diags)
	if err != nil || ts == nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	return ts
}
