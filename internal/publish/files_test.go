package publish

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/i18n"
	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/load"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/synth"
	"github.com/playbook-edu/playbook/themes"
)

// trickyStrings are strings whose escaping is easy to get wrong.
var trickyStrings = []string{
	"", "a", "plain text of more than eight bytes", `"`, `\`, `\"`, "</script>", "<!-- -->", "a & b", "x<y>z",
	"\x00", "\x01\x02\x1f", "\x7f", "\b\f\n\r\t", "line\nbreak\r\n", "tab\there",
	"\u2028", "\u2029", "a\u2028b\u2029c", "\u2027\u202a", "é", "naïve café", "日本語のテキスト", "emoji 🎉 and 👩‍🏫",
	"\ufffd", "\xff", "\xfe\xff", "\xc3", "\xc3(", "\xe2\x80", "\xe2\x80\xa8", "\xed\xa0\x80", "\xc0\x80",
	"\xf4\x90\x80\x80", "\U0010ffff", "abc\xffdefghijklmnop", strings.Repeat("<p class=\"x\">text &amp; more</p>\n", 40),
}

// trickyGraph returns a new synthetic playbook of n guides whose titles,
// summaries, texts, steps and HTML hold trickyStrings.
func trickyGraph(t *testing.T, n int) *link.Graph {
	t.Helper()
	dir := t.TempDir()
	if err := synth.Write(dir, n); err != nil {
		t.Fatal("no synthetic playbook:", err)
	}
	var diags diag.List
	pb, err := load.Load(context.Background(), os.DirFS(dir), load.Options{}, &diags)
	if err != nil || diags.HasErrors() {
		t.Fatal("the synthetic playbook does not load:", err, diagText(&diags))
	}
	g := link.Link(pb, &diags)
	if diags.HasErrors() {
		t.Fatal("the synthetic playbook does not link:", diagText(&diags))
	}
	tricky := func(i int) string { return trickyStrings[i%len(trickyStrings)] }
	g.Config.Title += tricky(4)
	g.Config.District = tricky(5) + g.Config.District
	g.Config.Description = tricky(6)
	for i, gd := range g.Guides {
		gd.Title += " " + tricky(i)
		gd.Summary = tricky(i+1) + gd.Summary
		gd.Body.HTML += tricky(i + 2)
		if len(gd.Body.Steps) == 0 {
			t.Fatalf("synthetic guide %s has no steps", gd.ID)
		}
		gd.Body.Steps[0].Name += tricky(i + 3)
		gd.Body.Steps[len(gd.Body.Steps)-1].Text = tricky(i + 4)
		if i%3 == 0 {
			gd.Date = ""
		}
		if i%5 == 0 {
			gd.Body.Steps = nil
		}
	}
	for i, sy := range g.Systems {
		sy.Name += tricky(i + 7)
		sy.Summary = tricky(i + 8)
	}
	for i, st := range g.Stories {
		st.Title = tricky(i + 9)
		st.Body.HTML = tricky(i + 10)
		st.Evidence = append(st.Evidence, tricky(i+11))
	}
	for _, cl := range g.Checklists {
		for i := range cl.Sections {
			cl.Sections[i].Title += tricky(i + 12)
			for k := range cl.Sections[i].Items {
				cl.Sections[i].Items[k].Text += tricky(k + 13)
			}
		}
	}
	for _, rf := range g.Reflections {
		for i := range rf.Prompts {
			rf.Prompts[i].Text += tricky(i + 14)
			rf.Prompts[i].Help = tricky(i + 15)
		}
	}
	for i, r := range g.Roles {
		r.Name += tricky(i + 16)
		r.Description.HTML += tricky(i + 17)
	}
	for _, gl := range g.Goals {
		gl.Questions.Vision, gl.Questions.Actions = tricky(18), tricky(19)
	}
	return g
}

// graphs returns the playbooks to test the files on: the synthetic one,
// with and without the site's address, and a tricky one.
func graphs(t *testing.T) map[string]*link.Graph {
	g := syntheticGraph(t)
	noBase := *g
	noBase.Playbook = new(model.Playbook)
	*noBase.Playbook = *g.Playbook
	noBase.Config.BaseURL = ""
	return map[string]*link.Graph{"synthetic": g, "synthetic without address": &noBase, "tricky": trickyGraph(t, 60)}
}

// collect returns the records seq yields, never nil.
func collect[T any](seq iter.Seq[T]) []T {
	out := []T{}
	for v := range seq {
		out = append(out, v)
	}
	return out
}

// each returns the record of each of l, never nil.
func each[S, T any](l []S, record func(S) T) []T {
	out := []T{}
	for _, v := range l {
		out = append(out, record(v))
	}
	return out
}

// marshalWhole returns v as encoding/json writes it whole, without HTML
// escaping, as the files are written.
func marshalWhole(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// compare fails t when got and want differ, showing where.
func compare(t *testing.T, name string, got, want []byte) {
	t.Helper()
	if bytes.Equal(got, want) {
		return
	}
	i := 0
	for i < min(len(got), len(want)) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	t.Errorf("%s differs at byte %d of %d (want %d):\n got …%s…\nwant …%s…", name, i, len(got), len(want),
		got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
}

// TestFilesAreTheirTypes holds playbook.json and the CASE package, written
// record by record, to their types marshalled whole by encoding/json: the
// same bytes, but for the newline the files' layout puts after each key,
// value and element of the top-level object (a JSON string never holds a
// newline byte: encoding/json writes \n). So the files hold exactly the
// fields of Export and CFPackage, in their order, and every record.
func TestFilesAreTheirTypes(t *testing.T) {
	for name, g := range graphs(t) {
		t.Run(name, func(t *testing.T) {
			x := newExporter(g)
			c := g.Config
			export := &Export{Schema: x.url("/" + SchemaFile), Version: ExportVersion, Title: c.Title, District: c.District,
				Description: c.Description, Language: c.Language, URL: x.url("/"),
				Roles: each(g.Roles, x.role), Systems: each(g.Systems, x.system), Goals: each(g.Goals, x.goal),
				Stories: each(g.Stories, x.story), Guides: each(g.Guides, x.guide), Checklists: each(g.Checklists, x.checklist),
				Reflections: each(g.Reflections, x.reflection), Groups: each(g.Groups, x.group)}
			cs := newCASE(g, english)
			pkg := &CFPackage{CFDocument: cs.document(), CFItems: collect(cs.items), CFAssociations: collect(cs.associations),
				CFDefinitions: cs.definitions(), CFRubrics: collect(cs.rubrics)}
			for _, f := range []struct {
				file  string
				write func(*bytes.Buffer) error
				whole any
			}{
				{ExportFile, func(b *bytes.Buffer) error { return WriteExport(b, g) }, export},
				{CASEFile, func(b *bytes.Buffer) error { return WriteCASE(b, g, english) }, pkg},
			} {
				var got bytes.Buffer
				if err := f.write(&got); err != nil {
					t.Fatal(err)
				}
				if !bytes.HasPrefix(got.Bytes(), []byte("{\"")) || !bytes.HasSuffix(got.Bytes(), []byte("]}\n")) ||
					!bytes.Contains(got.Bytes(), []byte("\"\n:[{")) || !bytes.Contains(got.Bytes(), []byte("}\n,{")) {
					t.Errorf("%s: not in the files' layout: %.200s", f.file, got.Bytes())
				}
				compare(t, f.file, bytes.ReplaceAll(got.Bytes(), []byte("\n"), nil), marshalWhole(t, f.whole))
			}
		})
	}
}

// failingWriter fails once it has been given more than n bytes.
type failingWriter struct{ n int }

var errFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, errFull
	}
	return len(p), nil
}

// TestWriteErrors checks the writers return the first error of their
// destination, whether it comes early or at the end.
func TestWriteErrors(t *testing.T) {
	g := syntheticGraph(t)
	for _, n := range []int{0, 100, 64 << 10, 3 << 16} {
		if err := WriteExport(&failingWriter{n}, g); err != errFull {
			t.Errorf("WriteExport to a writer that fails after %d bytes: %v", n, err)
		}
		if err := WriteCASE(&failingWriter{n}, g, english); err != errFull {
			t.Errorf("WriteCASE to a writer that fails after %d bytes: %v", n, err)
		}
	}
}

// TestGuideLD checks a guide's JSON-LD: a HowTo with its steps, or an
// Article without them, escaped to be written inside a <script> element.
func TestGuideLD(t *testing.T) {
	g := &link.Graph{Playbook: &model.Playbook{Config: model.Config{BaseURL: "https://example.org/a/", District: "D <&>", Language: "en"}}}
	for _, tc := range []struct {
		name  string
		guide model.Guide
		want  string
	}{
		{"steps", model.Guide{ID: "g", Title: "T </script>", Summary: "S", Date: "2025-01-02",
			Body: model.Markdown{Steps: []model.Instruction{{Name: "Begin", Text: "Begin. Now & \u2028 then"}, {Text: "Go on."}}, StepsID: "steps"}},
			`{"@context":"https://schema.org","@type":"HowTo","name":"T \u003c/script\u003e","description":"S","url":"https://example.org/a/guides/g/",` +
				`"inLanguage":"en","datePublished":"2025-01-02","publisher":{"@type":"Organization","name":"D \u003c\u0026\u003e"},` +
				`"step":[{"@type":"HowToStep","position":1,"name":"Begin","text":"Begin. Now \u0026 \u2028 then","url":"https://example.org/a/guides/g/#steps"},` +
				`{"@type":"HowToStep","position":2,"text":"Go on.","url":"https://example.org/a/guides/g/#steps"}]}`},
		{"no steps", model.Guide{ID: "h", Title: "T", Summary: "S"},
			`{"@context":"https://schema.org","@type":"Article","name":"T","headline":"T","description":"S","url":"https://example.org/a/guides/h/",` +
				`"inLanguage":"en","publisher":{"@type":"Organization","name":"D \u003c\u0026\u003e"}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := GuideLD(g, &tc.guide); string(got) != tc.want {
				t.Errorf("GuideLD\n got %s\nwant %s", got, tc.want)
			}
		})
	}
	// Every guide of a tricky playbook, steps or not.
	tricky := trickyGraph(t, 20)
	for _, gd := range tricky.Guides {
		var v map[string]any
		ld := GuideLD(tricky, gd)
		if err := json.Unmarshal(ld, &v); err != nil || bytes.ContainsAny(ld, "<>&") {
			t.Fatalf("%s: JSON-LD %s: %v", gd.ID, ld, err)
		}
		steps, _ := v["step"].([]any)
		if len(steps) != len(gd.Body.Steps) || (len(steps) == 0) != (v["@type"] == "Article") {
			t.Errorf("%s: %d steps written of %d, type %v", gd.ID, len(steps), len(gd.Body.Steps), v["@type"])
		}
	}
}

// TestExportFieldsFollowTheTypes checks WriteExport and WriteCASE name
// their files' fields as Export and CFPackage do, in their order.
func TestExportFieldsFollowTheTypes(t *testing.T) {
	g := syntheticGraph(t)
	for _, f := range []struct {
		typ   reflect.Type
		write func(*bytes.Buffer) error
	}{
		{reflect.TypeFor[Export](), func(b *bytes.Buffer) error { return WriteExport(b, g) }},
		{reflect.TypeFor[CFPackage](), func(b *bytes.Buffer) error { return WriteCASE(b, g, english) }},
	} {
		var b bytes.Buffer
		if err := f.write(&b); err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(&b)
		var keys []string
		dec.Token() // {
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				t.Fatal(err)
			}
			keys = append(keys, k.(string))
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				t.Fatal(err)
			}
		}
		var want []string
		for i := range f.typ.NumField() {
			name, _, _ := strings.Cut(f.typ.Field(i).Tag.Get("json"), ",")
			want = append(want, name)
		}
		if !reflect.DeepEqual(keys, want) {
			t.Errorf("%s's file has the fields %q, its type %q", f.typ.Name(), keys, want)
		}
	}
}

// english is the default theme's words in English.
var english = func() Words {
	var diags diag.List
	t, err := i18n.Load(i18n.Source{FS: themes.Default()}, i18n.Source{}, "en", nil, diag.Diagnostic{}, &diags)
	if err != nil || diags.Len() > 0 {
		panic(fmt.Sprint(err, diags.Items()))
	}
	return t
}()
