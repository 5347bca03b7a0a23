package load

import (
	"bytes"
	"context"
	"testing"
	"testing/fstest"

	"github.com/playbook-edu/playbook/internal/diag"
)

// FuzzLoad feeds arbitrary bytes to the loader as a guide (front matter and
// Markdown) and as a data file. The loader must never panic, and every
// diagnostic must point inside the file it names.
func FuzzLoad(f *testing.F) {
	f.Add([]byte("---\ntitle: T\nsummary: S\nroles: [teacher]\n---\n# Body\n\n[x](other.md)\n"),
		[]byte("- id: teacher\n  name: Teacher\n  summary: S\n  pathway:\n    - guide: g\n      why: W\n"))
	f.Add([]byte("---\ntitle: [unclosed\n---\n"), []byte("- id: a\n  nmae: b\n"))
	f.Add([]byte("\n\n---\n---\n"), []byte("a: &a [*a]\n"))
	f.Add([]byte("---\ntitle: T\n"), []byte("- &x {id: a, name: *x}\n"))
	f.Add([]byte("no front matter"), []byte("\t- bad"))
	f.Fuzz(func(t *testing.T, guide, roles []byte) {
		fsys := fstest.MapFS{
			"playbook.yaml":         {Data: []byte("title: T\ndistrict: D\n")},
			"data/roles.yaml":       {Data: roles},
			"content/guides/g.md":   {Data: guide},
			"content/pages/p.md":    {Data: guide},
			"data/reflections.yaml": {Data: roles},
		}
		var diags diag.List
		if _, err := Load(context.Background(), fsys, Options{}, &diags); err != nil {
			t.Fatal(err)
		}
		count := func(b []byte) int { return bytes.Count(lineBreaks(b), []byte("\n")) + 1 }
		lines := map[string]int{
			"content/guides/g.md":   count(guide),
			"content/pages/p.md":    count(guide),
			"data/roles.yaml":       count(roles),
			"data/reflections.yaml": count(roles),
		}
		for _, d := range diags.Items() {
			n, ok := lines[d.File]
			if !ok {
				t.Errorf("diagnostic names an unknown file: %s", d)
			}
			if d.Line < 0 || d.Line > n+1 || d.Col < 0 {
				t.Errorf("diagnostic outside its file of %d lines: %s", n, d)
			}
			if d.Message == "" {
				t.Errorf("diagnostic without a message: %s", d)
			}
		}
	})
}
