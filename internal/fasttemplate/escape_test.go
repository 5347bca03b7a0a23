package fasttemplate

import (
	"fmt"
	"html/template"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestFusedEscapersMatch checks that every fused escaper passes the
// start-up check under this Go release (else the fast path has silently
// lost it: see what html/template now does, and mend escape.go), then
// compares each with html/template itself on more values than the check
// uses: the same value printed in the same context must give the same
// text.
func TestFusedEscapersMatch(t *testing.T) {
	set := checkedEscapers()
	if len(set.dropped) > 0 || len(set.byRun) != len(fused) {
		t.Fatalf("the start-up check dropped %v: html/template no longer escapes as escape.go does", set.dropped)
	}
	values := append(checkSamples(), hostileValues(hostileStrings(500))...)
	for _, f := range fused {
		fn := set.funcs[f.name].(func(any) string)
		want := contextPrinter(t, f)
		for _, v := range values {
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
	for _, v := range checkSamples() {
		if s, ok := v.(string); ok {
			f.Add(s)
		}
	}
	set := checkedEscapers()
	f.Fuzz(func(t *testing.T, s string) {
		for _, fe := range fused {
			fn := set.funcs[fe.name].(func(any) string)
			for _, v := range []any{s, template.HTML(s), template.HTMLAttr(s), template.JS(s), template.URL(s), len(s)} {
				if got, want := fn(v), contextPrinter(t, fe)(v); got != want {
					t.Errorf("%s(%#v) = %q, html/template gives %q", fe.name, v, got, want)
				}
			}
		}
	})
}

// TestWrongEscaperDropped injects fused escapers that are wrong in ways a
// careless change (or a new Go release) could make them: the start-up
// check must drop each, and a template using its context must then print
// html/template's bytes. Without the check, each would print other bytes,
// which shows the injected escaper really is wrong.
func TestWrongEscaperDropped(t *testing.T) {
	byName := map[string]*fusedEscaper{}
	for _, f := range fused {
		byName[f.name] = f
	}
	wrong := func(name string, fast func(any) (string, bool)) *fusedEscaper {
		f := *byName[name]
		f.fast = func(v reflect.Value) (string, bool) { return fast(valueOf(v)) }
		return &f
	}
	tests := []struct {
		name    string
		escaper *fusedEscaper
		src     string // a template printing .V in the escaper's context
		value   any
		runOnly bool // the check of its run drops it, whatever it prints
	}{
		{"an attribute value lets HTMLAttr through unescaped",
			wrong("pb_escape_attr", func(v any) (string, bool) {
				if a, ok := v.(template.HTMLAttr); ok {
					return string(a), true
				}
				return fastText(reflect.ValueOf(v))
			}),
			`<p title="{{.V}}">`, template.HTMLAttr(`" onclick="alert(1)`), false},
		{"text lets JS through unescaped",
			wrong("pb_escape_html", func(v any) (string, bool) {
				if js, ok := v.(template.JS); ok {
					return string(js), true
				}
				return fastHTML(reflect.ValueOf(v))
			}),
			`<p>{{.V}}</p>`, template.JS(`<script>alert(1)</script>`), false},
		{"text forgets the plus sign",
			wrong("pb_escape_html", func(v any) (string, bool) {
				s, ok := fastHTML(reflect.ValueOf(v))
				if _, isString := v.(string); isString {
					s = strings.ReplaceAll(s, "&#43;", "+")
				}
				return s, ok
			}),
			`<p>{{.V}}</p>`, "1+1", false},
		{"a URL skips the scheme filter",
			wrong("pb_escape_url_attr", func(v any) (string, bool) {
				s, ok := v.(string)
				if !ok {
					return "", false
				}
				return escapeURL(s, true), true
			}),
			`<a href="{{.V}}">x</a>`, "javascript:alert(1)", false},
		{"a URL lets template.URL through unnormalised",
			wrong("pb_escape_url_attr", func(v any) (string, bool) {
				if u, ok := v.(template.URL); ok {
					return string(u), true
				}
				return fastURLAttr(reflect.ValueOf(v))
			}),
			`<a href="{{.V}}">x</a>`, template.URL(`/a b"c`), false},
		{"JavaScript lets a string through raw",
			wrong("pb_escape_jsval", func(v any) (string, bool) {
				if s, ok := v.(string); ok {
					return s, true
				}
				return fastJSVal(reflect.ValueOf(v))
			}),
			`<script>var x = {{.V}};</script>`, `1; alert(1)`, false},
		{"an escaper whose context html/template escapes with another run",
			&fusedEscaper{run: []string{"htmlescaper"}, name: "pb_escape_html", context: `<p title="{{.}}">`,
				prefix: `<p title="`, suffix: `">`, fast: fastHTML},
			`<p>{{.V}}</p>`, template.HTML(`<b>"x"</b>`), true},
	}
	type data struct{ V any }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checked := checkEscapers([]*fusedEscaper{tt.escaper}, checkSamples())
			if !slices.Contains(checked.dropped, tt.escaper.name) {
				t.Fatalf("the start-up check kept %s", tt.escaper.name)
			}
			var want strings.Builder
			if err := template.Must(template.New("t").Parse(tt.src)).Execute(&want, data{tt.value}); err != nil {
				t.Fatal(err)
			}
			got := run(t, prepare(template.Must(template.New("t").Parse(tt.src)), nil, checked, "t"), data{tt.value})
			if got != want.String() {
				t.Errorf("with the escaper dropped: %q, html/template gives %q", got, want.String())
			}
			if tt.runOnly {
				return
			}
			unchecked := checkEscapers([]*fusedEscaper{tt.escaper}, nil)
			if bad := run(t, prepare(template.Must(template.New("t").Parse(tt.src)), nil, unchecked, "t"), data{tt.value}); bad == want.String() {
				t.Errorf("unchecked, the injected escaper prints html/template's bytes %q: it is not wrong", bad)
			}
		})
	}
}

// run executes a prepared template's "t" and returns the page.
func run(t *testing.T, tmpl *Template, data any) string {
	t.Helper()
	var b strings.Builder
	if err := tmpl.Execute(&b, "t", data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestFusedTemplatesRender checks that fusing leaves what a template
// prints unchanged, run by html/template with the escapers it chose for
// each context, including runs that are not fused.
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
	for _, v := range checkSamples() {
		s := fmt.Sprint(v)
		samples = append(samples, data{S: s, N: len(s), H: template.HTML(s), J: template.JS(s),
			L: []any{v, s, 3}, M: map[string]string{"k": s}})
	}
	plain := template.Must(template.New("t").Parse(src))
	fast := template.Must(template.New("t").Parse(src))
	escape(fast, "t")
	fuseEscapers(fast, checkedEscapers())
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
