package markdown

import (
	"slices"
	"strings"
	"testing"

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
			sec := relatedSection([]byte(tc.body), guides, isRelatedHeading(tc.headings, "Guías relacionadas"))
			got := tc.body
			if sec.ID != "" {
				if !strings.HasPrefix(tc.body[sec.At:], `<h2 id="`+sec.ID+`"`) {
					t.Fatalf("the section found starts with %.30q, not its heading", tc.body[sec.At:])
				}
				got = strings.TrimRight(tc.body[:sec.At], "\n") + "\n"
			}
			if got != want || sec.ID != tc.id {
				t.Errorf("relatedSection leaves\n%q, %q\nwant\n%q, %q", got, sec.ID, want, tc.id)
			}
		})
	}
}

// TestChecks gives checks HTML as goldmark writes it and expects each
// unticked box's words and the id of its checkbox.
func TestChecks(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       []string // each box's id and words
	}{
		{"tight list",
			"<ul>\n<li>" + taskBoxHTML + "Does every new colleague have a mentor?</li>\n<li>" + taskBoxHTML + "Do <a href=\"/g/\">mentors</a> meet?</li>\n</ul>",
			[]string{"check-does-every-new-colleague-have-a-mentor Does every new colleague have a mentor?", `check-do-mentors-meet Do <a href="/g/">mentors</a> meet?`}},
		{"loose list, and an item with a list inside",
			"<li>\n<p>" + taskBoxHTML + "School&rsquo;s goals</p>\n</li>\n<li>" + taskBoxHTML + "Steps\n<ul>\n<li>one</li>\n</ul>\n</li>",
			[]string{"check-schools-goals School&rsquo;s goals", "check-steps Steps"}},
		{"the same words twice, and a heading's id",
			"<li>" + taskBoxHTML + "Yourself</li><li>" + taskBoxHTML + "Yourself</li>",
			[]string{"check-yourself-2 Yourself", "check-yourself-3 Yourself"}},
		{"a ticked item is not one",
			"<li><span class=\"task-box\" aria-hidden=\"true\">☑</span> Done</li>", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var boxes []int
			for i := 0; ; {
				j := strings.Index(tc.body[i:], taskBoxHTML)
				if j < 0 {
					break
				}
				boxes = append(boxes, i+j)
				i += j + 1
			}
			var got []string
			for _, c := range checks([]byte(tc.body), boxes, []model.Heading{{ID: "check-yourself", Level: 2}}) {
				if c.Label != c.At+len(taskBoxHTML) {
					t.Errorf("%s: words at %d, box at %d", c.ID, c.Label, c.At)
				}
				got = append(got, c.ID+" "+tc.body[c.Label:c.End])
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("checks =\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

// TestConvertFindsPageParts expects Convert to report where the boxes it
// wrote are, and a last section of related guides in the text's language
// under the language's address.
func TestConvertFindsPageParts(t *testing.T) {
	src := []byte("- [ ] ¿Listos?\n- [x] Hecho\n\n## Guías relacionadas\n\n- [A](a.md)\n")
	c := New("/sub/").WithPrefix("es/").WithWords(Words{Related: "Guías relacionadas"})
	doc, err := c.Convert(Source{Text: src, File: "content/guides/g.md", Position: LinePositions("content/guides/g.md", src, 1)})
	if err != nil {
		t.Fatal(err)
	}
	html := string(doc.HTML)
	if len(doc.Checks) != 1 || !strings.HasPrefix(html[doc.Checks[0].At:], taskBoxHTML) || html[doc.Checks[0].Label:doc.Checks[0].End] != "¿Listos?" || doc.Checks[0].ID != "check-listos" {
		t.Errorf("checks %+v in\n%s", doc.Checks, html)
	}
	if doc.Related.ID != "guas-relacionadas" || !strings.HasPrefix(html[doc.Related.At:], `<h2 id="guas-relacionadas">`) {
		t.Errorf("related section %+v in\n%s", doc.Related, html)
	}
	// In English, the Spanish heading is not the list of related guides.
	if doc, err := New("/sub/").Convert(Source{Text: src, File: "content/guides/g.md", Position: LinePositions("content/guides/g.md", src, 1)}); err != nil || doc.Related.ID != "" {
		t.Errorf("related section in English: %+v, %v", doc.Related, err)
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
