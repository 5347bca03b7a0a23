package render

import (
	"errors"
	"fmt"
	"html/template"
	"strings"
	"testing"
)

// escapeSamples are values a template might print: every content type of
// html/template, the characters each context must escape, URLs with
// schemes good and bad, broken UTF-8, and values of other kinds.
func escapeSamples() []any {
	strs := []string{
		"", "plain words", "Peer mentoring & coaching", `<script>alert("x")</script>`,
		`" onmouseover="alert(1)`, "it's", "a+b=c", "\x00nul", "tab\tnew\nline",
		"café ☕ naïve", "\xff\xfe broken", "\uFDD0\uFFFE\uFFFF", "\u2028\u2029",
		"/guides/peer-mentoring/", "/guides/x/#steps", "https://example.org/a?b=c&d=e+f",
		"HTTPS://EXAMPLE.ORG", "mailto:a@b.org", "javascript:alert(1)", "JavaScript:alert(1)",
		" javascript:alert(1)", "data:text/html,<b>", "vbscript:x", "/a:b", "a/b:c", "foo:bar",
		"%20%zz%2", "%", "%4", "100%", "a%2Fb", "[::1]", "{curly} |pipe| `tick` ^caret\\",
		"q=a b&c=d", "#frag", "?x=1", "../up", "ünïcødé/ü?ü=ü#ü",
	}
	var vs []any
	for _, s := range strs {
		vs = append(vs, s, template.HTML(s), template.HTMLAttr(s), template.JS(s), template.JSStr(s),
			template.URL(s), template.CSS(s), template.Srcset(s), namedString(s), &s)
	}
	n := 7
	vs = append(vs, 0, 42, -7, &n, int64(3), uint8(200), 3.5, true, nil, (*string)(nil),
		[]string{"a", "<b>"}, stringer{}, errors.New("<err>"), struct{ A string }{"<x>"},
		map[string]int{"<k>": 1})
	return vs
}

type namedString string

type stringer struct{}

func (stringer) String() string { return `<stringer "&">` }

// TestFusedEscapersMatch checks every fused escaper against html/template
// itself: the same value printed in the same context must give the same
// text.
func TestFusedEscapersMatch(t *testing.T) {
	funcs, byRun := fusedSetup()
	if len(byRun) != len(fused) {
		t.Fatalf("%d of %d fused escapers set up: html/template no longer escapes some context as expected", len(byRun), len(fused))
	}
	for _, f := range fused {
		fn := funcs[f.name].(func(any) string)
		want := contextPrinter(t, f)
		for _, v := range escapeSamples() {
			if got, w := fn(v), want(v); got != w {
				t.Errorf("%s(%#v) = %q, html/template gives %q", f.name, v, got, w)
			}
		}
	}
}

// contextPrinter returns a function printing a value as html/template does
// in f's context, parsed afresh.
func contextPrinter(t testing.TB, f *fusedEscaper) func(any) string {
	tmpl := template.Must(template.New("t").Parse(f.context))
	return func(v any) string {
		var b strings.Builder
		if err := tmpl.Execute(&b, v); err != nil {
			t.Fatalf("%s: %v", f.context, err)
		}
		s := b.String()
		if !strings.HasPrefix(s, f.prefix) || !strings.HasSuffix(s, f.suffix) {
			t.Fatalf("%s printed %q, not between %q and %q", f.context, s, f.prefix, f.suffix)
		}
		return s[len(f.prefix) : len(s)-len(f.suffix)]
	}
}

func FuzzFusedEscapers(f *testing.F) {
	for _, v := range escapeSamples() {
		if s, ok := v.(string); ok {
			f.Add(s)
		}
	}
	funcs, _ := fusedSetup()
	f.Fuzz(func(t *testing.T, s string) {
		for _, fe := range fused {
			fn := funcs[fe.name].(func(any) string)
			for _, v := range []any{s, template.HTML(s), template.JS(s)} {
				if got, want := fn(v), contextPrinter(t, fe)(v); got != want {
					t.Errorf("%s(%#v) = %q, html/template gives %q", fe.name, v, got, want)
				}
			}
		}
	})
}

// TestFusedTemplatesRender checks that fusing leaves what a template
// prints unchanged, with the escapers html/template chose for each
// context, including a run fuseEscapers does not know.
func TestFusedTemplatesRender(t *testing.T) {
	const src = `<title>{{.S}}</title><a href="{{.S}}" title="{{.S}}">{{.S}} {{.N}} {{.H}}</a>` +
		`<a href="/x?q={{.S}}&r={{.N}}">q</a><script>var v = {{.S}}; {{.J}}</script>` +
		`<style>p { color: {{.S}} }</style><p style="width: {{.S}}"></p><img srcset="{{.S}}">` +
		`{{range .L}}<li data-x="{{.}}">{{.}}</li>{{end}}{{with .M}}{{.k}}{{end}}{{.S | printf "%s!"}}`
	type data struct {
		S string
		N int
		H template.HTML
		J template.JS
		L []any
		M map[string]string
	}
	var samples []data
	for _, v := range escapeSamples() {
		s := fmt.Sprint(v)
		samples = append(samples, data{S: s, N: len(s), H: template.HTML(s), J: template.JS(s),
			L: []any{v, s, 3}, M: map[string]string{"k": s}})
	}
	plain := template.Must(template.New("t").Parse(src))
	fast := template.Must(template.New("t").Parse(src))
	escape(fast, "t")
	fuseEscapers(fast)
	if !strings.Contains(fast.Tree.Root.String(), "pb_escape_") {
		t.Fatalf("nothing fused: %s", fast.Tree.Root)
	}
	for _, d := range samples {
		var want, got strings.Builder
		if err := plain.Execute(&want, d); err != nil {
			t.Fatal(err)
		}
		if err := fast.Execute(&got, d); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("S=%q:\n got %s\nwant %s", d.S, got.String(), want.String())
		}
	}
}
