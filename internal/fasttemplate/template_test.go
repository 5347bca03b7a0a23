package fasttemplate

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

// TestExecuteStartsAgain runs a page whose first 40 KB the executor has
// already written when it meets what it leaves to html/template (an index
// into a nil map): Execute must start the page again, in each kind of
// writer, and give html/template's bytes, and the page must count as
// html/template's.
func TestExecuteStartsAgain(t *testing.T) {
	const src = `<p>{{.Big}}</p>{{index .M "k"}}<p title="{{.Big}}">end</p>`
	type data struct {
		Big string
		M   map[string]string
	}
	d := data{Big: strings.Repeat("a<b ", 10<<10)}
	var want bytes.Buffer
	if err := template.Must(template.New("t").Parse(src)).Execute(&want, d); err != nil {
		t.Fatal(err)
	}
	tmpl := Prepare(template.Must(template.New("t").Parse(src)), nil, "t")
	if !tmpl.entries["t"] {
		t.Fatal("the executor does not take the template")
	}
	buf := bytes.NewBufferString("kept:")
	var rw countingRewinder
	var whole strings.Builder
	for name, w := range map[string]interface {
		Write([]byte) (int, error)
		String() string
	}{"buffer": buf, "rewinder": &rw, "writer": &whole} {
		if err := tmpl.Execute(w, "t", d); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := strings.TrimPrefix(w.String(), "kept:")
		if got != want.String() {
			t.Errorf("%s: %d bytes, html/template gives %d", name, len(got), want.Len())
		}
	}
	if !strings.HasPrefix(buf.String(), "kept:") {
		t.Error("the buffer lost what it held before the page")
	}
	if rw.rewinds != 1 || rw.written <= want.Len() {
		t.Errorf("the rewinder was rewound %d times after %d bytes: the executor did not stream into it", rw.rewinds, rw.written)
	}
	if s := tmpl.Stats(); s.Fast != 0 || s.HTMLTemplate != 3 {
		t.Errorf("stats %+v, want 3 pages by html/template", s)
	}

	// With the map, the executor renders the page itself, streaming it.
	d.M = map[string]string{"k": "<v>"}
	want.Reset()
	template.Must(template.New("t").Parse(src)).Execute(&want, d)
	rw = countingRewinder{}
	if err := tmpl.Execute(&rw, "t", d); err != nil || rw.String() != want.String() || rw.rewinds != 0 {
		t.Errorf("rendered %d bytes (%v) with %d rewinds; html/template gives %d", rw.Len(), err, rw.rewinds, want.Len())
	}
	if s := tmpl.Stats(); s.Fast != 1 {
		t.Errorf("stats %+v, want 1 page by the executor", s)
	}
}

// countingRewinder is a Rewinder that counts what it is given.
type countingRewinder struct {
	bytes.Buffer
	written, rewinds int
}

func (r *countingRewinder) Write(p []byte) (int, error) {
	r.written += len(p)
	return r.Buffer.Write(p)
}

func (r *countingRewinder) Rewind() error {
	r.rewinds++
	r.Reset()
	return nil
}

// TestExecuteFunctions checks that the executor calls functions of the
// partialCached kind itself, with the arguments text/template would pass,
// and leaves a template calling any other function to html/template, even
// one that replaces a builtin.
func TestExecuteFunctions(t *testing.T) {
	var calls []string
	partial := func(name string, data any, keys ...any) (template.HTML, error) {
		calls = append(calls, name)
		return template.HTML("<b>" + name + "</b>"), nil
	}
	tests := []struct {
		name, src string
		funcs     template.FuncMap
		taken     bool
	}{
		{"partial", `{{partial "head.html" . .S 3}}|{{.S | partial "tail.html" .}}`, template.FuncMap{"partial": partial}, true},
		{"other function", `{{upper .S}}`, template.FuncMap{"upper": strings.ToUpper}, false},
		{"builtin replaced", `{{len .S}}`, template.FuncMap{"len": func(string) int { return 99 }}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := struct{ S string }{"<s>"}
			var want bytes.Buffer
			if err := template.Must(template.New("t").Funcs(tt.funcs).Parse(tt.src)).Execute(&want, data); err != nil {
				t.Fatal(err)
			}
			tmpl := Prepare(template.Must(template.New("t").Funcs(tt.funcs).Parse(tt.src)), tt.funcs, "t")
			calls = nil // Prepare may run the template up to its first output
			if tmpl.entries["t"] != tt.taken {
				t.Fatalf("the executor takes the template: %v, want %v", tmpl.entries["t"], tt.taken)
			}
			var got bytes.Buffer
			if err := tmpl.Execute(&got, "t", data); err != nil || got.String() != want.String() {
				t.Errorf("got %q (%v), html/template gives %q", got.String(), err, want.String())
			}
			if tt.taken && (tmpl.Stats().Fast != 1 || strings.Join(calls, " ") != "head.html tail.html") {
				t.Errorf("stats %+v, calls %v", tmpl.Stats(), calls)
			}
		})
	}
}

// TestPlain checks that a Plain template is html/template alone: nothing
// fused, nothing run by the executor.
func TestPlain(t *testing.T) {
	tmpl := template.Must(template.New("t").Parse(`<a href="{{.}}">{{.}}</a>`))
	p := Plain(tmpl)
	var b bytes.Buffer
	if err := p.Execute(&b, "t", "a&b"); err != nil || b.String() != `<a href="a&amp;b">a&amp;b</a>` {
		t.Fatalf("%q %v", b.String(), err)
	}
	if strings.Contains(tmpl.Tree.Root.String(), "pb_escape_") || p.Stats().HTMLTemplate != 1 {
		t.Errorf("a Plain template was changed: %s, %+v", tmpl.Tree.Root, p.Stats())
	}
}
