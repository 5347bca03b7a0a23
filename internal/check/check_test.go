package check

import (
	"context"
	"strings"
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
	if e, w := Count(ds); e != 0 || w != 3 {
		t.Fatalf("%d errors and %d warnings, want 0 and 3: %v", e, w, ds)
	}
	ds, err = Check(context.Background(), fsys, Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if e, w := Count(ds); e != 3 || w != 0 {
		t.Fatalf("strict: %d errors and %d warnings, want 3 and 0: %v", e, w, ds)
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

// TestPractice checks check warns about each guide that does not yet show
// what its practice looks like when it works, and that a build does not.
func TestPractice(t *testing.T) {
	const whole = "time: An hour.\nfirstStep: Ask one colleague.\nsigns: [Pairs meet.]\nquestions: [\"How many met?\"]\n"
	tests := []struct {
		name   string
		files  map[string]string
		want   []string
		strict bool
	}{
		{
			name:  "every key given",
			files: map[string]string{"content/guides/a.md": "---\ntitle: A\nsummary: S.\nroles: [r]\ngroup: g\n" + whole + "---\nText.\n"},
		},
		{
			name:  "some keys missing, and the group when the playbook has groups",
			files: map[string]string{"content/guides/a.md": "---\ntitle: A\nsummary: S.\nroles: [r]\ntime: An hour.\nsigns: []\n---\nText.\n"},
			want:  []string{`content/guides/a.md:2:1: warning: the guide "a" has no firstStep, signs, questions or group yet`},
		},
		{
			name:   "strict makes it an error",
			files:  map[string]string{"content/guides/a.md": "---\ntitle: A\nsummary: S.\nroles: [r]\ngroup: g\n" + whole + "---\nText.\n", "content/guides/b.md": "\n---\ntitle: B\nsummary: S.\nroles: [r]\ngroup: g\n---\nText.\n"},
			want:   []string{`content/guides/b.md:3:1: error: the guide "b" has no time, firstStep, signs or questions yet`},
			strict: true,
		},
		{
			name:  "a guide whose front matter does not parse is told that alone",
			files: map[string]string{"content/guides/a.md": "---\ntitle: A\nsummary: [S.\n---\nText.\n"},
			want: []string{
				`content/guides/a.md:3:10: error: the value of "summary" opens [ and never closes it`,
			},
		},
		{
			name:  "no group is asked for when the playbook has no groups",
			files: map[string]string{"data/groups.yaml": "", "content/guides/a.md": "---\ntitle: A\nsummary: S.\nroles: [r]\n---\nText.\n"},
			want:  []string{`content/guides/a.md:2:1: warning: the guide "a" has no time, firstStep, signs or questions yet`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"playbook.yaml":    {Data: []byte("title: T\ndistrict: D\n")},
				"data/roles.yaml":  {Data: []byte("- {id: r, name: R, summary: S., pathway: [{guide: a, why: W.}]}\n")},
				"data/groups.yaml": {Data: []byte("- {id: g, name: G, summary: S.}\n")},
			}
			for name, text := range tt.files {
				if text == "" {
					delete(fsys, name)
					continue
				}
				fsys[name] = &fstest.MapFile{Data: []byte(text)}
			}
			ds, err := Check(context.Background(), fsys, Options{Strict: tt.strict})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range ds {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestUntranslated checks check lists, per language, each record a
// language's pages show in the default language, at the record's place,
// as a warning that -strict makes an error; and nothing once everything
// is translated.
func TestUntranslated(t *testing.T) {
	const practice = "time: An hour.\nfirstStep: Ask one colleague.\nsigns: [Pairs meet.]\nquestions: [\"How many met?\"]\n"
	fsys := fstest.MapFS{
		"playbook.yaml": {Data: []byte("title: {en: Playbook, es: Manual}\ndistrict: D\nlanguages: [en, es]\n")},
		"data/roles.yaml": {Data: []byte("- id: teacher\n  name: {en: Teacher, es: Docente}\n  summary: {en: Teaches., es: Enseña.}\n" +
			"- id: coach\n  name: {en: Coach, es: Asesor}\n  summary: Coaches.\n")},
		"content/guides/a.md":    {Data: []byte("---\ntitle: A\nsummary: S.\nroles: [teacher, coach]\n" + practice + "---\nText.\n")},
		"content/guides/a.es.md": {Data: []byte("---\ntitle: A en español\nsummary: R.\nroles: [teacher, coach]\n" + practice + "---\nTexto.\n")},
		"content/guides/b.md":    {Data: []byte("---\ntitle: B\nsummary: S.\nroles: [teacher]\n" + practice + "---\nText.\n")},
	}
	ds, err := Check(context.Background(), fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range ds {
		if strings.Contains(d.Message, "Spanish") {
			got = append(got, d.String()+" ("+d.Hint+")")
		}
	}
	want := []string{
		`content/guides/b.md:2:1: warning: the guide "b" has no Spanish version yet: its Spanish pages show it in English (write its Spanish version in content/guides/b.es.md, beside b.md)`,
		`data/roles.yaml:4:3: warning: the role "coach" has no Spanish version yet: its Spanish pages show it in English (write each of its texts in every language, for example name: {en: …, es: …})`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s\nall: %v", strings.Join(got, "\n"), strings.Join(want, "\n"), ds)
	}
	ds, err = Check(context.Background(), fsys, Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if strings.Contains(d.Message, "Spanish") && d.Severity != diag.Error {
			t.Errorf("strict: %v is not an error", d)
		}
	}

	fsys["content/guides/b.es.md"] = &fstest.MapFile{Data: []byte("---\ntitle: B en español\nsummary: R.\nroles: [teacher]\n" + practice + "---\nTexto.\n")}
	fsys["data/roles.yaml"] = &fstest.MapFile{Data: []byte("- id: teacher\n  name: {en: Teacher, es: Docente}\n  summary: {en: Teaches., es: Enseña.}\n" +
		"- id: coach\n  name: {en: Coach, es: Asesor}\n  summary: {en: Coaches., es: Asesora.}\n")}
	if ds, err = Check(context.Background(), fsys, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if strings.Contains(d.Message, "Spanish") {
			t.Errorf("all translated: %v", d)
		}
	}
}
