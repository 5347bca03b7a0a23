package render

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/i18n"
	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/load"
	"github.com/playbook-edu/playbook/internal/markdown"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/theme"
	"github.com/playbook-edu/playbook/internal/view"
)

// TestPageBody converts Markdown as the load stage does and expects the
// guide's page to show its unticked task items as labelled checkboxes
// and to leave out a last section of related guides.
func TestPageBody(t *testing.T) {
	box := func(id, label string) string {
		return `<input type="checkbox" class="check-box" id="check-` + id + `" data-check="` + id + `"> <label for="check-` + id + `">` + label + `</label>`
	}
	for _, tc := range []struct {
		name, md, want string
		n              int
	}{
		{"tight list",
			"- [ ] Does every new colleague have a mentor?\n- [ ] Do [mentors](/g/) meet?\n",
			"<ul>\n<li>" + box("does-every-new-colleague-have-a-mentor", "Does every new colleague have a mentor?") + "</li>\n" +
				"<li>" + box("do-mentors-meet", `Do <a href="/g/">mentors</a> meet?`) + "</li>\n</ul>\n", 2},
		{"loose list, and an item with a list inside",
			"- [ ] School's goals\n\n- [ ] Steps\n  - one\n",
			"<ul>\n<li>\n<p>" + box("schools-goals", "School&rsquo;s goals") + "</p>\n</li>\n" +
				"<li>\n<p>" + box("steps", "Steps") + "</p>\n<ul>\n<li>one</li>\n</ul>\n</li>\n</ul>\n", 2},
		{"the same words twice, and a heading's id",
			"## Check yourself\n\n- [ ] Yourself\n- [ ] Yourself\n",
			"<h2 id=\"check-yourself\">Check yourself</h2>\n<ul>\n<li>" + box("yourself-2", "Yourself") + "</li>\n<li>" + box("yourself-3", "Yourself") + "</li>\n</ul>\n", 2},
		{"a ticked item stays as written",
			"- [x] Done\n",
			"<ul>\n<li><span class=\"task-box\" aria-hidden=\"true\">☑</span> <span class=\"visually-hidden\">Done: </span>Done</li>\n</ul>\n", 0},
		{"a last section of links to guides goes, the boxes before it stay",
			"- [ ] Ready?\n\n## Related guides\n\n- [A](a.md)\n- [*B* too](b.md)\n",
			"<ul>\n<li>" + box("ready", "Ready?") + "</li>\n</ul>\n", 1},
		{"a section with a word about why stays",
			"Text.\n\n## Related guides\n\n- [A](a.md), to start with\n",
			"<p>Text.</p>\n<h2 id=\"related-guides\">Related guides</h2>\n<ul>\n<li><a href=\"/guides/a/\">A</a>, to start with</li>\n</ul>\n", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.md)
			doc, err := markdown.New("/").Convert(markdown.Source{Text: src, File: "content/guides/g.md", Position: markdown.LinePositions("content/guides/g.md", src, 1)})
			if err != nil {
				t.Fatal(err)
			}
			m := model.Markdown{HTML: string(doc.HTML), Headings: doc.Headings, Checks: doc.Checks, Related: doc.Related}
			got, n := pageBody(&m)
			if string(got) != tc.want || n != tc.n {
				t.Errorf("pageBody =\n%s (%d)\nwant\n%s (%d)", got, n, tc.want, tc.n)
			}
		})
	}
}

func TestContents(t *testing.T) {
	hs := []model.Heading{{ID: "why", Text: "Why", Level: 2}, {ID: "sub", Text: "Sub", Level: 3}, {ID: "steps", Text: "Steps", Level: 2}, {ID: "related-guides", Text: "Related guides", Level: 2}}
	got := contents(hs, "related-guides")
	if len(got) != 2 || got[0] != (view.Link{Title: "Why", URL: "#why"}) || got[1] != (view.Link{Title: "Steps", URL: "#steps"}) {
		t.Errorf("contents = %v", got)
	}
	if got := contents(hs[:2], ""); got != nil {
		t.Errorf("one heading needs no contents, got %v", got)
	}
}

// TestRelatedGuides builds a small playbook and expects each guide's one
// list of related guides: the guides it links to, in order, then those
// linking to it, then similar ones up to RelatedLimit, each once.
func TestRelatedGuides(t *testing.T) {
	guide := func(front, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: T\nsummary: S.\n" + front + "\n---\n" + body + "\n")}
	}
	fsys := fstest.MapFS{
		"playbook.yaml":       {Data: []byte("title: T\ndistrict: D\n")},
		"data/roles.yaml":     {Data: []byte("- {id: teacher, name: Teacher, summary: S.}\n")},
		"content/guides/a.md": guide("roles: [teacher]", "See [c](c.md), [b](b.md), [c again](c.md#x) and [self](#top).\n\n## Top\n\nText.\n\n## Related guides\n\n- [b](b.md)"),
		"content/guides/b.md": guide("roles: [teacher]", "B."),
		"content/guides/c.md": guide("roles: [teacher]", "C.\n\n## X\n\nText."),
		"content/guides/d.md": guide("roles: [teacher]", "Back to [a](a.md)."),
		"content/guides/e.md": guide("roles: [teacher]", "E."),
	}
	for i := range 10 {
		fsys["content/guides/z"+string(rune('a'+i))+".md"] = guide("roles: [teacher]", "Z.")
	}
	var diags diag.List
	pb, err := load.Load(context.Background(), fsys, load.Options{}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	g := link.Link(pb, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	v := &views{g: g, w: englishWords(t), base: "/"}
	var titles []string
	for _, l := range v.related(g.Guide("a")) {
		titles = append(titles, strings.Trim(strings.TrimPrefix(l.URL, "/guides/"), "/"))
	}
	// c and b linked, in order; d links back; then the similar guides the
	// link stage found (its five best: c, b and d, which link, then e and
	// za, which share the role), each once.
	if got, want := strings.Join(titles, " "), "c b d e za"; got != want {
		t.Errorf("related to a: %q, want %q", got, want)
	}
	// The page leaves out a's own "Related guides" section and keeps its
	// text and its headings' contents.
	d := v.guideData(g.Guide("a"), &view.SiteView{})
	if strings.Contains(string(d.Body), "Related guides") || !strings.Contains(string(d.Body), "c again") {
		t.Errorf("a's body on its page:\n%s", d.Body)
	}
}

func TestSuggest(t *testing.T) {
	gd := &model.Guide{Title: `Peer mentoring & "more"`, Pos: model.Pos{File: "content/guides/peer-mentoring.md"}}
	for _, tc := range []struct {
		name    string
		cfg     model.Config
		contact string
		want    string
	}{
		{"the repository's editor", model.Config{RepoURL: "https://github.com/district/playbook/", EditBranch: "main"}, "mailto:x@example.org",
			"https://github.com/district/playbook/edit/main/content/guides/peer-mentoring.md"},
		{"an email, with the guide in the subject", model.Config{}, "mailto:playbook@example.org",
			"mailto:playbook@example.org?subject=A%20change%20to%20the%20guide%20%22Peer%20mentoring%20%26%20%22more%22%22"},
		{"a web address", model.Config{}, "https://example.org/contact", "https://example.org/contact"},
		{"nothing known", model.Config{}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := suggest(tc.cfg, &view.SiteView{ContactURL: tc.contact}, gd); got != tc.want {
				t.Errorf("suggest = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestReviewed expects a guide's page to show its reviewed: date, else the
// date of its file's last commit, else none.
func TestReviewed(t *testing.T) {
	g := &link.Graph{Playbook: &model.Playbook{Committed: map[string]string{"content/guides/a.md": "2025-02-03", "content/guides/b.md": "2025-02-04"}}}
	v := &views{g: g, w: englishWords(t), base: "/"}
	for _, tc := range []struct {
		gd         *model.Guide
		want, text string
	}{
		{&model.Guide{ID: "a", Reviewed: "2025-06-01", Pos: model.Pos{File: "content/guides/a.md"}}, "2025-06-01", "June 1, 2025"},
		{&model.Guide{ID: "b", Pos: model.Pos{File: "content/guides/b.md"}}, "2025-02-04", "February 4, 2025"},
		{&model.Guide{ID: "c", Pos: model.Pos{File: "content/guides/c.md"}}, "", ""},
	} {
		d := v.guideData(tc.gd, &view.SiteView{})
		if d.Reviewed != tc.want || d.ReviewedText != tc.text {
			t.Errorf("%s: reviewed %q (%q), want %q (%q)", tc.gd.ID, d.Reviewed, d.ReviewedText, tc.want, tc.text)
		}
	}
}

// englishWords returns the default theme's English words.
func englishWords(t *testing.T) *i18n.Table {
	t.Helper()
	var diags diag.List
	w, err := theme.New(nil, "", model.Pos{}, &diags).Words(&model.Config{Language: "en"}, "en", &diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	return w
}
