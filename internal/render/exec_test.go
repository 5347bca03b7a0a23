package render

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"os"
	"testing"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/load"
	"github.com/playbook-edu/playbook/internal/route"
	"github.com/playbook-edu/playbook/internal/synth"
)

// TestFastExecMatches renders every page of three playbooks with fastExec
// and with html/template, and requires the same bytes, written whole or
// streamed; it also requires fastExec to have rendered every page of the
// default theme itself, so that a change that makes it give up does not
// go unnoticed.
func TestFastExecMatches(t *testing.T) {
	synthetic := t.TempDir()
	if err := synth.Write(synthetic, 150); err != nil {
		t.Fatal(err)
	}
	for name, dir := range map[string]string{
		"golden":    "../../testdata/golden/src",
		"repo":      "../..",
		"synthetic": synthetic,
	} {
		t.Run(name, func(t *testing.T) {
			var diags diag.List
			fsys := os.DirFS(dir)
			pb, err := load.Load(context.Background(), fsys, load.Options{}, &diags)
			if err != nil {
				t.Fatal(err)
			}
			g := link.Link(pb, &diags)
			theme := NewTheme(fsys, pb.Config.Theme, pb.Config.Where["theme"], &diags)
			tmpls, err := theme.parse(&diags)
			if err != nil || tmpls == nil {
				t.Fatal(err, diags.Items())
			}
			site, _, err := newSite(g, theme, true, &diags)
			if err != nil {
				t.Fatal(err)
			}
			v := &views{g: g, base: route.BasePath(g.Config.BaseURL)}
			pages := v.pages(site)
			fast := 0
			for _, p := range pages {
				view := *p.Page
				view.Data = p.data()
				if p.ld != nil {
					view.JSONLD = jsonLD(p.ld())
				}
				var want, got bytes.Buffer
				if err := tmpls.byKind[p.Kind].ExecuteTemplate(&want, "layout.html", &view); err != nil {
					t.Fatalf("%s: %v", p.path, err)
				}
				x := tmpls.fast[p.Kind]
				if x == nil {
					t.Errorf("%s: fastExec does not handle the %s template", p.path, p.Kind)
					continue
				}
				if err := x.execute(&got, "layout.html", &view); err != nil {
					t.Errorf("%s: fastExec gave up: %v", p.path, err)
					continue
				}
				var streamed, through bytes.Buffer
				if err := x.executeTo(&streamed, &through, "layout.html", &view); err != nil || !bytes.Equal(streamed.Bytes(), got.Bytes()) {
					t.Errorf("%s: streamed, fastExec gives %d bytes (%v), not the %d it gives whole", p.path, streamed.Len(), err, got.Len())
				}
				fast++
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					i := 0
					for i < min(got.Len(), want.Len()) && got.Bytes()[i] == want.Bytes()[i] {
						i++
					}
					t.Errorf("%s: fastExec differs at byte %d:\n got %q\nwant %q", p.path, i,
						got.Bytes()[max(0, i-80):min(got.Len(), i+80)], want.Bytes()[max(0, i-80):min(want.Len(), i+80)])
				}
			}
			t.Logf("%d of %d pages by fastExec", fast, len(pages))
		})
	}
}

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

// TestFastExecSemantics runs templates using each construct fastExec
// knows, and some it does not, on values that test its corners: where it
// renders, it must print what html/template prints, and where
// html/template fails it must give up.
func TestFastExecSemantics(t *testing.T) {
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
		fuseEscapers(fast)
		x := newFastExec(fast, "t", newPartials())
		if x != nil {
			taken++
		}
		for _, d := range datas {
			var want, got bytes.Buffer
			werr := plain.Execute(&want, d)
			if x == nil {
				continue // fastExec does not take this template; html/template renders it
			}
			gerr := x.execute(&got, "t", d)
			switch {
			case gerr != nil && gerr != errFallBack:
				t.Errorf("%s with %#v: fastExec failed with %v, not errFallBack", src, d, gerr)
			case gerr == nil && werr != nil:
				t.Errorf("%s with %#v: fastExec rendered %q where html/template fails: %v", src, d, got.String(), werr)
			case gerr == nil && got.String() != want.String():
				t.Errorf("%s with %#v:\n got %q\nwant %q", src, d, got.String(), want.String())
			}
			if gerr == nil {
				rendered++
			}
		}
	}
	// Most templates here are ones fastExec takes, and most of their runs
	// it renders itself; the rest check that it gives up.
	if taken < 12 || rendered < 45 {
		t.Errorf("fastExec took %d of %d templates and rendered %d runs: the test no longer tests it", taken, len(sources), rendered)
	}
	t.Logf("fastExec took %d of %d templates and rendered %d runs", taken, len(sources), rendered)
}
