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
	"github.com/playbook-edu/playbook/internal/model"
)

func TestRelatedSection(t *testing.T) {
	const guides = "/pb/guides/"
	list := "<ul>\n<li><a href=\"/pb/guides/a/\">A</a></li>\n<li><a href=\"/pb/guides/b/\"><em>B</em> too</a></li>\n</ul>\n"
	for _, tc := range []struct {
		name, body, want, id string
		headings             []model.Heading
	}{
		{"a last section of links to guides goes",
			"<p>Text.</p>\n<h2 id=\"related-guides\">Related guides</h2>\n" + list, "<p>Text.</p>\n", "related-guides", nil},
		{"the second heading of that name",
			"<h2 id=\"related-guides\">Related guides</h2>\n<p>x</p>\n<h2 id=\"related-guides-1\">Related guides</h2>\n" + list,
			"<h2 id=\"related-guides\">Related guides</h2>\n<p>x</p>\n", "related-guides-1", nil},
		{"a word about why keeps it",
			"<h2 id=\"related-guides\">Related guides</h2>\n<ul>\n<li><a href=\"/pb/guides/a/\">A</a>, to start with</li>\n</ul>\n", "", "", nil},
		{"a link to something else keeps it",
			"<h2 id=\"related-guides\">Related guides</h2>\n<ul>\n<li><a href=\"/pb/about/\">About</a></li>\n</ul>\n", "", "", nil},
		{"text after the list keeps it",
			"<h2 id=\"related-guides\">Related guides</h2>\n" + list + "<p>More.</p>\n", "", "", nil},
		{"not the last section keeps it",
			"<h2 id=\"related-guides\">Related guides</h2>\n" + list + "<h2 id=\"steps\">Steps</h2>\n", "", "", nil},
		{"another heading of a similar name is not it",
			"<h2 id=\"related-guides-and-more\">Related guides and more</h2>\n" + list, "", "", nil},
		{"no such heading", "<p>Text.</p>\n", "", "", nil},
		{"the heading in the guide's language goes",
			"<p>Texto.</p>\n<h2 id=\"guías-relacionadas\">Guías relacionadas</h2>\n" + list, "<p>Texto.</p>\n", "guías-relacionadas",
			[]model.Heading{{ID: "guías-relacionadas", Text: "Guías relacionadas", Level: 2}}},
		{"a translation's heading with the original's anchor goes",
			"<p>Texto.</p>\n<h2 id=\"related-guides\">Otras guías</h2>\n" + list, "<p>Texto.</p>\n", "related-guides", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.want
			if tc.id == "" {
				want = tc.body
			}
			got, id := relatedSection(tc.body, guides, isRelatedHeading(tc.headings, "Guías relacionadas"))
			if got != want || id != tc.id {
				t.Errorf("relatedSection =\n%q, %q\nwant\n%q, %q", got, id, want, tc.id)
			}
		})
	}
}

func TestCheckYourself(t *testing.T) {
	for _, tc := range []struct {
		name, body, want string
		n                int
	}{
		{"tight list",
			"<ul>\n<li>" + taskBox + "Does every new colleague have a mentor?</li>\n<li>" + taskBox + "Do <a href=\"/g/\">mentors</a> meet?</li>\n</ul>",
			"<ul>\n<li><input type=\"checkbox\" class=\"check-box\" id=\"check-does-every-new-colleague-have-a-mentor\" data-check=\"does-every-new-colleague-have-a-mentor\"> <label for=\"check-does-every-new-colleague-have-a-mentor\">Does every new colleague have a mentor?</label></li>\n" +
				"<li><input type=\"checkbox\" class=\"check-box\" id=\"check-do-mentors-meet\" data-check=\"do-mentors-meet\"> <label for=\"check-do-mentors-meet\">Do <a href=\"/g/\">mentors</a> meet?</label></li>\n</ul>", 2},
		{"loose list, and an item with a list inside",
			"<li>\n<p>" + taskBox + "School&rsquo;s goals</p>\n</li>\n<li>" + taskBox + "Steps\n<ul>\n<li>one</li>\n</ul>\n</li>",
			"<li>\n<p><input type=\"checkbox\" class=\"check-box\" id=\"check-schools-goals\" data-check=\"schools-goals\"> <label for=\"check-schools-goals\">School&rsquo;s goals</label></p>\n</li>\n" +
				"<li><input type=\"checkbox\" class=\"check-box\" id=\"check-steps\" data-check=\"steps\"> <label for=\"check-steps\">Steps</label>\n<ul>\n<li>one</li>\n</ul>\n</li>", 2},
		{"the same words twice, and a heading's id",
			"<li>" + taskBox + "Yourself</li><li>" + taskBox + "Yourself</li>",
			"<li><input type=\"checkbox\" class=\"check-box\" id=\"check-yourself-2\" data-check=\"yourself-2\"> <label for=\"check-yourself-2\">Yourself</label></li>" +
				"<li><input type=\"checkbox\" class=\"check-box\" id=\"check-yourself-3\" data-check=\"yourself-3\"> <label for=\"check-yourself-3\">Yourself</label></li>", 2},
		{"a ticked item stays as written",
			"<li><span class=\"task-box\" aria-hidden=\"true\">☑</span> Done</li>", "<li><span class=\"task-box\" aria-hidden=\"true\">☑</span> Done</li>", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, n := checkYourself(tc.body, []model.Heading{{ID: "check-yourself", Level: 2}})
			if string(got) != tc.want || n != tc.n {
				t.Errorf("checkYourself =\n%s (%d)\nwant\n%s (%d)", got, n, tc.want, tc.n)
			}
		})
	}
}

func TestItemSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Does every new staff member have a mentor?":                             "does-every-new-staff-member-have-a-mentor",
		"Have we asked the pairs how it is going this term, and what they need?": "have-we-asked-the-pairs-how-it-is-going-this",
		"<em>Who</em> &amp; why?":                                                "who-why",
		"¿?":                                                                     "item",
	} {
		if got := itemSlug(in); got != want {
			t.Errorf("itemSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestContents(t *testing.T) {
	hs := []model.Heading{{ID: "why", Text: "Why", Level: 2}, {ID: "sub", Text: "Sub", Level: 3}, {ID: "steps", Text: "Steps", Level: 2}, {ID: "related-guides", Text: "Related guides", Level: 2}}
	got := contents(hs, "related-guides")
	if len(got) != 2 || got[0] != (Link{Title: "Why", URL: "#why"}) || got[1] != (Link{Title: "Steps", URL: "#steps"}) {
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
	d := v.guideData(g.Guide("a"), &SiteView{})
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
			if got := suggest(tc.cfg, &SiteView{ContactURL: tc.contact}, gd); got != tc.want {
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
		d := v.guideData(tc.gd, &SiteView{})
		if d.Reviewed != tc.want || d.ReviewedText != tc.text {
			t.Errorf("%s: reviewed %q (%q), want %q (%q)", tc.gd.ID, d.Reviewed, d.ReviewedText, tc.want, tc.text)
		}
	}
}

// englishWords returns the default theme's English words.
func englishWords(t *testing.T) *i18n.Table {
	t.Helper()
	var diags diag.List
	w, err := NewTheme(nil, "", model.Pos{}, &diags).Words(&model.Config{Language: "en"}, "en", &diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	return w
}
