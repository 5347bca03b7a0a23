package fasttemplate

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"testing"
)

type execItem struct {
	Name  string
	N     int
	Tags  []string
	Next  *execItem
	Any   any
	M     map[string]string
	HTML  template.HTML
	hid   string
	Flag  bool
	Items []execItem
}

func (execItem) Method() string { return "method <m>" }

func (i *execItem) PtrMethod() string { return "ptr " + i.Name }

func (execItem) Fails() (string, error) { return "", errors.New("fails") }

func (execItem) Panics() string { panic("panics") }

// TestExecutorSemantics runs templates using each construct the executor
// knows, and some it does not, on values that test its corners: where it
// renders, it must print what html/template prints, and where
// html/template fails it must give up.
func TestExecutorSemantics(t *testing.T) {
	sources := []string{
		`{{.Name}} {{.N}} {{.HTML}} <a href="{{.Name}}" title="{{.N}}">x</a><title>{{.Name}}</title>`,
		`{{with .Next}}[{{.Name}}]{{else}}none{{end}}{{with .Tags}}{{len .}}{{end}}`,
		`{{with .Any}}any {{.}}{{else with .Tags}}tags{{else}}neither{{end}}`,
		`{{range $i, $t := .Tags}}{{if $i}}, {{end}}{{$i}}={{$t}}{{else}}empty{{end}}`,
		`{{range .Items}}<li>{{.Name}} {{$.Name}}</li>{{end}}{{range $x := .Items}}{{$x.N}}{{end}}`,
		`{{$a := .Name}}{{$b := .N}}{{if and .Flag .Tags}}both{{end}}{{if or .Flag .N}}{{$a}}{{$b}}{{end}}{{if not .Flag}}not{{end}}`,
		`{{if eq .Name "x" "y"}}xy{{end}}{{if ne .N 3}}ne3{{end}}{{if eq .N 2}}two{{end}}{{if eq .Flag true}}t{{end}}`,
		`{{index .M "k"}}|{{index .M "missing"}}|{{.Next.Next.Name}}|{{.Any.Name}}`,
		`{{define "sub"}}({{.}}){{end}}{{template "sub" .Name}}{{template "sub"}}{{template "sub" .N}}`,
		`{{.Method}}{{.M.k}}{{range .M}}{{.}}{{end}}{{.Name | printf "%s!"}}`,
		`{{(.Name)}}{{or .Name "default"}}{{and .Name .N}}{{if eq .N 1.0}}float{{end}}{{len .Name}}`,
		`{{range .N}}{{.}}{{end}}{{.hid}}`,
		`{{with $n := .Name}}{{$n}}{{end}}{{range .Tags}}{{break}}{{end}}`,
		`{{.Method}}|{{with .Next}}{{.Method}} {{.PtrMethod}}{{end}}|{{range .Items}}{{.PtrMethod}}{{end}}`,
		`{{.Fails}}`,
		`{{if .Name}}{{.Panics}}{{end}}`,
		`<script>var x = {{.Name}};</script><a href="/q?x={{.Name}}&y={{.N}}">q</a><p style="color: {{.Name}}">s</p>`,
	}
	nested := &execItem{Name: "inner", N: 1}
	rendered, taken := 0, 0
	datas := []any{
		execItem{},
		&execItem{Name: `<b>"x"</b> & y`, N: 2, Tags: []string{"a", "<b>"}, Next: nested, Any: nested,
			M: map[string]string{"k": "v<"}, HTML: "<i>ok</i>", Flag: true,
			Items: []execItem{{Name: "one", N: 1}, {Name: "two"}}},
		&execItem{Name: "x", N: 3, Any: "a string", Next: &execItem{}},
		&execItem{Any: 0, Tags: []string{}},
		nil,
		(*execItem)(nil),
	}
	for _, src := range sources {
		plain := template.Must(template.New("t").Parse(src))
		fast := template.Must(template.New("t").Parse(src))
		escape(fast, "t")
		fuseEscapers(fast, checkedEscapers())
		x := newExecutor(fast, nil, checkedEscapers())
		if !x.handles("t") {
			x = nil
		} else {
			taken++
		}
		for _, d := range datas {
			var want, got bytes.Buffer
			werr := plain.Execute(&want, d)
			if x == nil {
				continue // the executor does not take this template; html/template renders it
			}
			gerr := x.execute(&got, nil, "t", d)
			switch {
			case gerr != nil && gerr != errFallBack:
				t.Errorf("%s with %#v: the executor failed with %v, not errFallBack", src, d, gerr)
			case gerr == nil && werr != nil:
				t.Errorf("%s with %#v: the executor rendered %q where html/template fails: %v", src, d, got.String(), werr)
			case gerr == nil && got.String() != want.String():
				t.Errorf("%s with %#v:\n got %q\nwant %q", src, d, got.String(), want.String())
			}
			if gerr == nil {
				rendered++
			}
		}
	}
	// Most templates here are ones the executor takes, and most of their runs
	// it renders itself; the rest check that it gives up.
	if taken < 12 || rendered < 45 {
		t.Errorf("the executor took %d of %d templates and rendered %d runs: the test no longer tests it", taken, len(sources), rendered)
	}
	t.Logf("the executor took %d of %d templates and rendered %d runs", taken, len(sources), rendered)
}

// TestTextFunc runs templates that call a TextFunc (a translation table's
// T) in every context, with hostile texts and arguments, through the
// executor and through html/template: the bytes must be the same, and the
// executor must run them itself.
func TestTextFunc(t *testing.T) {
	texts := map[string]string{
		"plain":   "Roles",
		"hostile": `<script>alert("x")</script> & 'quotes' javascript:alert(1)`,
		"args":    "Step {n} of {of}: {name}",
	}
	T := TextFunc(func(key string, args ...any) string {
		s := texts[key]
		for i := 0; i+1 < len(args); i += 2 {
			s = strings.ReplaceAll(s, "{"+args[i].(string)+"}", fmt.Sprint(args[i+1]))
		}
		return s
	})
	sources := []string{
		`<p>{{T "plain"}} {{T "hostile"}}</p>`,
		`<a href="{{T "hostile"}}" title="{{T "args" "n" .N "of" 9 "name" .Name}}">{{T "args" "n" 1 "of" .N "name" .Name}}</a>`,
		`<script>var s = {{T "hostile"}};</script><style>p { content: "{{T "plain"}}" }</style>`,
		`<textarea>{{T "hostile"}}</textarea><!-- {{T "plain"}} --><img alt={{T "hostile"}}>`,
		`{{with .Next}}{{T "args" "n" .N "of" $.N "name" .Name}}{{end}}{{range .Tags}}{{T "args" "name" .}}{{end}}`,
		`{{if eq (T "plain") "Roles"}}same{{end}}{{T "missing"}}`,
	}
	data := &execItem{Name: `<b>"x"</b> & y`, N: 2, Tags: []string{"a", "<b>"}, Next: &execItem{Name: "inner", N: 1}}
	for _, src := range sources {
		want := template.Must(template.New("t").Funcs(template.FuncMap{"T": T}).Parse(src))
		var wb bytes.Buffer
		if err := want.Execute(&wb, data); err != nil {
			t.Fatalf("%s: html/template: %v", src, err)
		}
		tmpl := template.Must(template.New("t").Funcs(template.FuncMap{"T": T}).Parse(src))
		prepared := Prepare(tmpl, template.FuncMap{"T": T}, "t")
		var gb bytes.Buffer
		if err := prepared.Execute(&gb, "t", data); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if gb.String() != wb.String() {
			t.Errorf("%s:\n got %s\nwant %s", src, gb.String(), wb.String())
		}
		// Script, style, RCDATA and unquoted attributes have escapers the
		// executor leaves to html/template, T or not.
		if s := prepared.Stats(); s.HTMLTemplate > 0 && !strings.ContainsAny(src, "=<") || s.HTMLTemplate > 0 && !strings.Contains(src, "<script>") && !strings.Contains(src, "<textarea>") {
			t.Errorf("%s: html/template rendered it, not the executor", src)
		}
	}
}
