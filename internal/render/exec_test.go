package render

import (
	"bytes"
	"context"
	"html/template"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/fasttemplate"
	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/load"
	"github.com/playbook-edu/playbook/internal/publish"
	"github.com/playbook-edu/playbook/internal/route"
	"github.com/playbook-edu/playbook/internal/synth"
	"github.com/playbook-edu/playbook/internal/theme"
)

// TestFastExecMatches renders every page of three playbooks with the
// theme's templates made ready by package fasttemplate and with plain,
// unmodified html/template, and requires the same bytes, whether the page
// is written into a buffer, streamed into a file or written whole. It also
// requires the faster executor to have rendered every page of the default
// theme itself, so that a change that makes it give up does not go
// unnoticed.
func TestFastExecMatches(t *testing.T) {
	synthetic := t.TempDir()
	if err := synth.Write(synthetic, 150); err != nil {
		t.Fatal(err)
	}
	plain := func(t *template.Template, _ template.FuncMap, _ ...string) *fasttemplate.Template {
		return fasttemplate.Plain(t)
	}
	for _, tc := range []struct{ name, dir, lang string }{
		{"golden", "../../testdata/golden/src", ""},
		{"repo", "../..", ""},
		{"repo in Spanish", "../..", "es"},
		{"synthetic", synthetic, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.List
			fsys := os.DirFS(tc.dir)
			pb, err := load.Load(context.Background(), fsys, load.Options{Language: tc.lang}, &diags)
			if err != nil {
				t.Fatal(err)
			}
			g := link.Link(pb, &diags)
			th := theme.New(fsys, pb.Config.Theme, pb.Config.Where["theme"], &diags)
			words, err := th.Words(&pb.Config, pb.Config.Language, &diags)
			if err != nil {
				t.Fatal(err)
			}
			fast, err := th.Parse(words, &diags)
			if err != nil || fast == nil {
				t.Fatal(err, diags.Items())
			}
			reference, err := th.ParseWith(plain, words, &diags)
			if err != nil || reference == nil {
				t.Fatal(err, diags.Items())
			}
			site, _, err := newSiteView(g, th, words, true, &diags)
			if err != nil {
				t.Fatal(err)
			}
			if pb.Config.Language != tc.lang && tc.lang != "" {
				t.Fatalf("loaded in %q, not %q", pb.Config.Language, tc.lang)
			}
			v := &views{g: g, w: words, base: route.BasePath(g.Config.BaseURL) + g.Config.Prefix, ld: publish.GuideLD}
			pages := v.pages(site)
			for _, p := range pages {
				view := p.build()
				var want, got bytes.Buffer
				if err := reference.Execute(&want, p.Kind, view, &diags); err != nil {
					t.Fatalf("%s: %v", p.path, err)
				}
				if err := fast.Execute(&got, p.Kind, view, &diags); err != nil {
					t.Fatalf("%s: %v", p.path, err)
				}
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					i := 0
					for i < min(got.Len(), want.Len()) && got.Bytes()[i] == want.Bytes()[i] {
						i++
					}
					t.Errorf("%s: differs from html/template at byte %d:\n got %q\nwant %q", p.path, i,
						got.Bytes()[max(0, i-80):min(got.Len(), i+80)], want.Bytes()[max(0, i-80):min(want.Len(), i+80)])
				}
				var streamed rewinder
				if err := fast.Execute(&streamed, p.Kind, view, &diags); err != nil || !bytes.Equal(streamed.Bytes(), want.Bytes()) {
					t.Errorf("%s: streamed, %d bytes (%v), not the %d of html/template", p.path, streamed.Len(), err, want.Len())
				}
				var whole strings.Builder
				if err := fast.Execute(&whole, p.Kind, view, &diags); err != nil || whole.String() != want.String() {
					t.Errorf("%s: written whole, %d bytes (%v), not the %d of html/template", p.path, whole.Len(), err, want.Len())
				}
			}
			for _, kind := range theme.Kinds {
				if s := fast.Stats(kind); s.HTMLTemplate > 0 {
					t.Errorf("html/template rendered %d %s pages, not the faster executor", s.HTMLTemplate, kind)
				}
			}
		})
	}
}

// rewinder is a buffer a page can be started again in
// (fasttemplate.Rewinder), as a streamed file of a build is.
type rewinder struct{ bytes.Buffer }

// Rewind empties the buffer.
func (r *rewinder) Rewind() error { r.Reset(); return nil }

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }
