package check

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/playbook-edu/playbook/internal/diag"
)

func TestCheck(t *testing.T) {
	fsys := fstest.MapFS{
		"playbook.yaml":          {Data: []byte("title: T\ndistrict: D\n")},
		"content/guides/a.md":    {Data: []byte("---\ntitle: A\nsummary: S.\n---\n## Empty\n")},
		"content/pages/about.md": {Data: []byte("---\ntitle: About\n---\nText.\n")},
	}
	ds, err := Check(context.Background(), fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if e, w := Count(ds); e != 0 || w != 2 {
		t.Fatalf("%d errors and %d warnings, want 0 and 2: %v", e, w, ds)
	}
	ds, err = Check(context.Background(), fsys, Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if e, w := Count(ds); e != 2 || w != 0 {
		t.Fatalf("strict: %d errors and %d warnings, want 2 and 0: %v", e, w, ds)
	}
}

func TestCheckReportsTemplates(t *testing.T) {
	fsys := fstest.MapFS{
		"playbook.yaml":                       {Data: []byte("title: T\ndistrict: D\ntheme: mine\n")},
		"themes/mine/layouts/partials/x.html": {Data: []byte("{{define \"x\"}}{{end}}")},
		"themes/mine/layouts/roles.html":      {Data: []byte("{{define \"main\"}}{{.Nope}}{{end}}")},
		"content/pages/about.md":              {Data: []byte("---\ntitle: About\n---\nText.\n")},
	}
	ds, err := Check(context.Background(), fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].File != "themes/mine/layouts/roles.html" || ds[0].Severity != diag.Error {
		t.Fatalf("diagnostics %v; want one error in themes/mine/layouts/roles.html", ds)
	}
}
