package publish

import (
	"bytes"
	"context"
	"errors"
	"os"
	"reflect"
	"testing"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/load"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/synth"
)

// The files and JSON-LD, made by the package's own JSON writer, must be
// byte for byte what the package made with encoding/json before it had
// one (legacy_test.go keeps that code). These tests compare the two over
// the synthetic playbook, over a copy of it full of strings that are hard
// to escape, and with and without the site's address.

// trickyGraph returns a new synthetic playbook of n guides whose titles,
// summaries, texts and HTML hold trickyStrings, and whose guides have
// steps that are hard to read.
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
		gd.Body.HTML += stepsHTML[i%len(stepsHTML)] + tricky(i+2)
		if i%3 == 0 {
			gd.Date = ""
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
		if i%2 == 0 {
			r.Audience = model.AudienceStudents
		}
	}
	// What a practice looks like when it works, its sources, groups and
	// checklists with levels: every field, empty or not.
	for i, gd := range g.Guides {
		if i%2 == 1 {
			continue
		}
		gd.Time, gd.FirstStep = tricky(i+18), tricky(i+19)
		gd.Signs, gd.Questions, gd.TakePart = []string{tricky(i + 20)}, []string{tricky(i + 21), tricky(i + 22)}, []string{tricky(i + 23)}
		gd.Sources = []model.Source{{Title: tricky(i + 24), URL: "https://example.org/?a=1&b=<2>", Publisher: tricky(i + 25), Year: 2000 + i, Note: tricky(i + 26)}, {Title: tricky(i + 27)}}
		if i%4 == 0 {
			gd.Audience = model.AudienceStudents
		}
	}
	for i, gl := range g.Goals {
		gl.Sources = []model.Source{{Title: tricky(i + 28), Year: 1999}}
	}
	for i, cl := range g.Checklists {
		cl.Scale, cl.Evidence, cl.Protocol.HTML = model.ScaleLevels, true, tricky(i+29)
	}
	g.Groups = append(g.Groups, &model.Group{ID: "tricky", Name: tricky(30), Summary: tricky(31)})
	return g
}

// stepsHTML are the ends of guides' HTML whose steps are hard to read.
var stepsHTML = []string{
	"",
	"<h2 id=\"steps-2\">STEPS to take</h2>\n<ol>\n<li><p><strong>First &amp; foremost:</strong> begin.</p>\n<ul><li>not a step</li></ul></li>\n<li>  <strong></strong>empty\u00a0name</li>\n</ol>\n",
	"<h3>Steps</h3><ol start=\"3\"><li>\n<strong>Name  with\ttabs.</strong>and &lt;text&gt; &#8232; done</li><li><strong>Unclosed</li></ol>",
	"<h2>Stepsx</h2><ol><li>not steps</li></ol><h4 class=\"x\">steps</h4><p>none</p><ol><li>late</li></ol>",
	"<h2>\u212aelvin Steps</h2><h2>Ste<em>ps</em></h2><ol><li><strong>Split</strong> heading</li><li>\xff bad \xc3</li></ol>",
	"<h5>Steps </h5><ol><li>no close",
}

// graphs returns the playbooks to compare the two ways of writing on:
// the synthetic one, with and without the site's address, and a tricky one.
func graphs(t *testing.T) map[string]*link.Graph {
	g := syntheticGraph(t)
	noBase := *g
	noBase.Playbook = new(model.Playbook)
	*noBase.Playbook = *g.Playbook
	noBase.Config.BaseURL = ""
	return map[string]*link.Graph{"synthetic": g, "synthetic without address": &noBase, "tricky": trickyGraph(t, 60)}
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

func TestExportMatchesEncodingJSON(t *testing.T) {
	for name, g := range graphs(t) {
		var want, got bytes.Buffer
		if err := legacyEncode(&want, ExportOf(g)); err != nil {
			t.Fatal(err)
		}
		if err := WriteExport(&got, g); err != nil {
			t.Fatal(err)
		}
		compare(t, name+": WriteExport", got.Bytes(), want.Bytes())
		compare(t, name+": ExportJSON", ExportJSON(g), want.Bytes())
	}
}

func TestCASEMatchesLegacy(t *testing.T) {
	for name, g := range graphs(t) {
		var want, got, api bytes.Buffer
		if err := legacyEncode(&want, legacyCASE(g)); err != nil {
			t.Fatal(err)
		}
		if err := WriteCASE(&got, g); err != nil {
			t.Fatal(err)
		}
		compare(t, name+": WriteCASE", got.Bytes(), want.Bytes())
		compare(t, name+": CASEJSON", CASEJSON(g), want.Bytes())
		if err := legacyEncode(&api, CASE(g)); err != nil {
			t.Fatal(err)
		}
		compare(t, name+": CASE", api.Bytes(), want.Bytes())
	}
}

func TestGuideLDMatchesLegacy(t *testing.T) {
	for name, g := range graphs(t) {
		for _, gd := range g.Guides {
			if got, want := GuideSteps(gd.Body.HTML), legacyGuideSteps(gd.Body.HTML); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: guide %s: steps\n got %q\nwant %q", name, gd.ID, got, want)
			}
			compare(t, name+": GuideLD of "+gd.ID, GuideLD(g, gd), legacyGuideLD(g, gd))
		}
	}
}

// FuzzGuideLD holds GuideSteps and GuideLD to the regular expressions and
// encoding/json they replaced, for any guide HTML and title.
func FuzzGuideLD(f *testing.F) {
	for i, h := range stepsHTML {
		f.Add(h, trickyStrings[i])
	}
	f.Add("<h2>Steps</h2><ol><li><p><strong>A.</strong> b</p></li></ol>", "Title")
	f.Add("<h2 id=\"s\">Steps</h2>\n<ol>\n<li><strong>\u2028x:</strong>\u3000y\u0085</li>\n</ol>", "<T&>")
	g := &link.Graph{Playbook: &model.Playbook{Config: model.Config{BaseURL: "https://example.org/a/", District: "D <&>", Language: "en"}}}
	f.Fuzz(func(t *testing.T, body, title string) {
		if got, want := GuideSteps(body), legacyGuideSteps(body); !reflect.DeepEqual(got, want) {
			t.Fatalf("steps of %q\n got %q\nwant %q", body, got, want)
		}
		gd := &model.Guide{ID: "g", Title: title, Summary: title + "!", Body: model.Markdown{HTML: body}}
		if got, want := GuideLD(g, gd), legacyGuideLD(g, gd); !bytes.Equal(got, want) {
			t.Fatalf("GuideLD of %q\n got %s\nwant %s", body, got, want)
		}
	})
}

// TestTextOf compares textOf with the code it replaced on the HTML of
// every list item and heading of the tricky playbook.
func TestTextOf(t *testing.T) {
	inputs := append([]string{}, trickyStrings...)
	inputs = append(inputs, stepsHTML...)
	for _, h := range []string{"&nbsp;x&#160;", " &#x85; a \u2000\u205f b\u3000", "<b>a</b><i>b</i>", "a<", "a<b", "&amp;lt;", "&", "x&y;z"} {
		inputs = append(inputs, h)
	}
	for i, s := range inputs {
		if got, want := textOf(s), legacyTextOf(s); got != want {
			t.Errorf("%d: textOf(%q) = %q, want %q", i, s, got, want)
		}
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
	for _, n := range []int{0, 100, flushSize, 3 * flushSize} {
		if err := WriteExport(&failingWriter{n}, g); err != errFull {
			t.Errorf("WriteExport to a writer that fails after %d bytes: %v", n, err)
		}
		if err := WriteCASE(&failingWriter{n}, g); err != errFull {
			t.Errorf("WriteCASE to a writer that fails after %d bytes: %v", n, err)
		}
	}
}
