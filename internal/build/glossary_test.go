package build

import (
	"context"

	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/playbook-edu/playbook/internal/diag"
)

// TestGlossary builds the golden playbook with a glossary: the kind added
// by one entry in package kind's table, one record type and its template.
func TestGlossary(t *testing.T) {
	src := copyDir(t, goldenSrc)
	glossary := `- id: footnote
  term: footnote
  definition: A note at the foot of the page.
  seeAlso: [task]
- id: task
  term: task
  definition: A thing to do.
`
	if err := os.WriteFile(filepath.Join(src, "data/glossary.yaml"), []byte(glossary), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Src: src, Out: out})
	site := readTree(t, out)
	page := string(site["glossary/index.html"])
	for _, want := range []string{
		`<div class="term" id="footnote">`,
		`<dt>footnote</dt>`,
		`A note at the foot of the page.`,
		`See also: <a href="/playbook/glossary/#task">task</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the glossary page lacks %s:\n%s", want, page)
		}
	}
	if !strings.Contains(string(site["index.html"]), `href="/playbook/glossary/"`) {
		t.Error("the footer's menu does not lead to the glossary")
	}
	if !strings.Contains(string(site["sitemap.xml"]), "/playbook/glossary/</loc>") {
		t.Error("the sitemap does not list the glossary")
	}
	guide := string(site["guides/alpha/index.html"])
	if n := strings.Count(guide, `<a href="/playbook/glossary/#task" class="term">`); n != 1 {
		t.Errorf("the alpha guide links the term task %d times, want its first use only:\n%s", n, guide)
	}
	// Without a glossary, no page and no link: the golden site as it is.
	golden := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Src: goldenSrc, Out: golden})
	if _, err := os.Stat(filepath.Join(golden, "glossary")); !os.IsNotExist(err) {
		t.Error("a playbook without a glossary has a glossary page")
	}
}

// TestGlossaryEditRereadsGuides checks the dev server's loads: a guide
// whose file did not change is converted again when the glossary's terms
// did, since its links to them may change.
func TestGlossaryEditRereadsGuides(t *testing.T) {
	src := copyDir(t, goldenSrc)
	write := func(terms string) {
		if err := os.WriteFile(filepath.Join(src, "data/glossary.yaml"), []byte(terms), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := NewBuilder()
	load := func() *Linked {
		var diags diag.List
		lk, err := b.Load(context.Background(), src, "", &diags)
		if err != nil || diags.HasErrors() {
			t.Fatal(err, diags.Items())
		}
		return lk
	}
	write("- {id: footnote, term: footnote, definition: A note at the foot.}\n")
	first := load()
	again := load()
	if first.Graph.Guide("alpha") != again.Graph.Guide("alpha") {
		t.Fatal("an unchanged guide was read again")
	}
	write("- {id: task, term: task, definition: A thing to do.}\n")
	third := load()
	if third.Graph.Guide("alpha") == again.Graph.Guide("alpha") {
		t.Error("the glossary's terms changed but the guide was not converted again")
	}
	if !strings.Contains(third.Graph.Guide("alpha").Body.HTML, `class="term">task`) {
		t.Errorf("the guide does not link the new term: %s", third.Graph.Guide("alpha").Body.HTML)
	}
}
