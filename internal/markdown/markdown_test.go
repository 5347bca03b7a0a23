package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/playbook-edu/playbook/internal/readability"
)

func TestConvertRewritesLinks(t *testing.T) {
	tests := []struct {
		file, text, want string
		targets          []string
	}{
		{"content/guides/a.md", "[B](b.md)", `<a href="/pb/guides/b/">B</a>`, []string{"content/guides/b.md"}},
		{"content/guides/a.md", "[B](b.md#steps)", `<a href="/pb/guides/b/#steps">B</a>`, []string{"content/guides/b.md"}},
		{"content/guides/a.md", "[About](../pages/about.md)", `<a href="/pb/about/">About</a>`, []string{"content/pages/about.md"}},
		{"content/pages/about.md", "[B](../guides/b.md \"t\")", `<a href="/pb/guides/b/" title="t">B</a>`, []string{"content/guides/b.md"}},
		{"data/stories.yaml", "[B](../content/guides/b.md)", `<a href="/pb/guides/b/">B</a>`, []string{"content/guides/b.md"}},
		{"playbook.yaml", "[B](content/guides/b.md)", `<a href="/pb/guides/b/">B</a>`, []string{"content/guides/b.md"}},
		{"content/guides/a.md", "[r][x]\n\n[x]: c.md", `<a href="/pb/guides/c/">r</a>`, []string{"content/guides/c.md"}},
		{"content/guides/a.md", "[W](https://example.org/x.md)", `<a href="https://example.org/x.md">W</a>`, nil},
		{"content/guides/a.md", "[M](mailto:a@example.org)", `<a href="mailto:a@example.org">M</a>`, nil},
		{"content/guides/a.md", "[S](/guides/b/)", `<a href="/pb/guides/b/">S</a>`, []string{"site:/guides/b/"}},
		{"content/guides/a.md", "[S](/stories/x/#y)", `<a href="/pb/stories/x/#y">S</a>`, []string{"site:/stories/x/"}},
		{"content/guides/a.md", "[P](//example.org/x)", `<a href="//example.org/x">P</a>`, nil},
		{"content/guides/a.md", "[R](action-research)", `<a href="action-research">R</a>`, []string{"content/guides/action-research"}},
		{"content/guides/a.md", "[I](../images/map.png)", `<a href="/pb/images/map.png">I</a>`, []string{"content/images/map.png"}},
		{"content/guides/a.md", "[F](#steps)", `<a href="#steps">F</a>`, []string{"content/guides/a.md"}},
		{"data/roles.yaml", "[F](#steps)", `<a href="#steps">F</a>`, nil},
		{"content/guides/a.md", "[X](../../README.md)", `<a href="../../README.md">X</a>`, []string{"README.md"}},
		{"content/guides/a.md", "[J](javascript:alert(1))", `<a href="">J</a>`, nil},
		{"content/guides/a.md", "<script>alert(1)</script>", `<!-- raw HTML omitted -->`, nil},
	}
	c := New("/pb/")
	for _, tt := range tests {
		src := []byte(tt.text)
		doc, err := c.Convert(Source{Text: src, File: tt.file, Position: LinePositions(tt.file, src, 1)})
		if err != nil {
			t.Fatal(err)
		}
		html, links := doc.HTML, doc.Links
		if !strings.Contains(string(html), tt.want) {
			t.Errorf("%s: %q rendered as %s; want it to contain %s", tt.file, tt.text, html, tt.want)
		}
		var targets []string
		for _, l := range links {
			if l.Site != "" {
				targets = append(targets, "site:"+l.Site)
				continue
			}
			targets = append(targets, l.Target)
		}
		if strings.Join(targets, ",") != strings.Join(tt.targets, ",") {
			t.Errorf("%s: %q recorded links to %v, want %v", tt.file, tt.text, targets, tt.targets)
		}
	}
}

func TestLinkPositions(t *testing.T) {
	src := []byte("# Title\n\nIntro. See [Peer mentoring](peer-mentoring.md).\n\n| a | b |\n|---|---|\n| [é](x.md) | y |\n")
	doc, err := New("/").Convert(Source{Text: src, File: "content/guides/a.md", Position: LinePositions("content/guides/a.md", src, 10)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range doc.Links {
		got = append(got, fmt.Sprintf("%s@%d:%d", l.Dest, l.Pos.Line, l.Pos.Col))
	}
	// Columns count characters: "é" is one.
	want := "peer-mentoring.md@12:29 x.md@16:7"
	if strings.Join(got, " ") != want {
		t.Errorf("links at %v, want %s", got, want)
	}
}

func TestAlignedTableCellsUseClasses(t *testing.T) {
	src := []byte("| a | b |\n|:-:|--:|\n| 1 | 2 |\n")
	doc, _ := New("/").Convert(Source{Text: src, File: "x.md", Position: LinePositions("x.md", src, 1)})
	if strings.Contains(string(doc.HTML), "style=") || !strings.Contains(string(doc.HTML), `<td class="align-center">1</td>`) {
		t.Errorf("table rendered as %s", doc.HTML)
	}
}

func TestHeadings(t *testing.T) {
	src := []byte("# Peer *mentoring*\n\nIntro.\n\n## Steps\n\n### One\n\nDo it.\n\n  ## Steps\n\n## `Code` \"quoted\"\n\nSetext\n------\n")
	doc, err := New("/").Convert(Source{Text: src, File: "content/guides/a.md", Position: LinePositions("content/guides/a.md", src, 5)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range doc.Headings {
		got = append(got, fmt.Sprintf("%d:%d h%d %s %q empty=%v", h.Pos.Line, h.Pos.Col, h.Level, h.ID, h.Text, h.Empty))
	}
	want := []string{
		`5:1 h1 peer-mentoring "Peer mentoring" empty=false`,
		`9:1 h2 steps "Steps" empty=false`,
		`11:1 h3 one "One" empty=false`,
		`15:3 h2 steps-1 "Steps" empty=true`,
		`17:1 h2 code-quoted "Code “quoted”" empty=true`,
		`19:1 h2 setext "Setext" empty=true`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("headings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, h := range doc.Headings {
		if !strings.Contains(string(doc.HTML), `id="`+h.ID+`"`) {
			t.Errorf("heading id %q is not in the HTML:\n%s", h.ID, doc.HTML)
		}
	}
}

func TestImages(t *testing.T) {
	tests := []struct {
		file, text, html, target, alt string
	}{
		{"content/guides/a.md", "![A team](../images/team.jpg)", `<img src="/pb/images/team.jpg" alt="A team">`, "content/images/team.jpg", "A team"},
		{"data/stories.yaml", "![*Two* people](../content/images/sub/p.png \"t\")", `<img src="/pb/images/sub/p.png" alt="Two people" title="t">`, "content/images/sub/p.png", "Two people"},
		{"content/guides/a.md", "![](elsewhere.png)", `<img src="elsewhere.png" alt="">`, "content/guides/elsewhere.png", ""},
		{"content/guides/a.md", "![x](https://example.org/x.png)", `<img src="https://example.org/x.png" alt="x">`, "", "x"},
	}
	c := New("/pb/")
	for _, tt := range tests {
		src := []byte(tt.text)
		doc, err := c.Convert(Source{Text: src, File: tt.file, Position: LinePositions(tt.file, src, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(doc.HTML), tt.html) {
			t.Errorf("%q rendered as %s; want %s", tt.text, doc.HTML, tt.html)
		}
		if len(doc.Images) != 1 || doc.Images[0].Target != tt.target || doc.Images[0].Alt != tt.alt || doc.Images[0].Pos.Col < 2 {
			t.Errorf("%q recorded images %+v; want target %q, alt %q", tt.text, doc.Images, tt.target, tt.alt)
		}
	}
}

func TestTaskListItemsAreGlyphs(t *testing.T) {
	c := New("/")
	src := []byte("- [ ] To do\n- [x] Done\n")
	doc, err := c.Convert(Source{Text: src, File: "content/guides/a.md", Position: LinePositions("a.md", src, 1)})
	if err != nil {
		t.Fatal(err)
	}
	got := string(doc.HTML)
	for _, want := range []string{
		`<span class="task-box" aria-hidden="true">☐</span> To do`,
		`<span class="task-box" aria-hidden="true">☑</span> <span class="visually-hidden">Done: </span>Done`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("task list rendered as\n%s\nwant it to contain %s", got, want)
		}
	}
	if strings.Contains(got, "<input") {
		t.Errorf("task list still renders a form control:\n%s", got)
	}
}

// TestText checks what Convert gives package readability: the words a
// reader sees, each block ending a sentence, at their offsets in the source.
func TestText(t *testing.T) {
	src := []byte("# Why it *matters*\n\nIt's \"simple\" -- see [the guide](a.md) or https://example.org/x.\n" +
		"A second line.\n\n- One `code` item\n- ![A photo](../images/p.jpg) Two <b>bold</b>\n\n" +
		"```\nnot prose\n```\n\n| Role | Does |\n|---|---|\n| Teacher | Leads |\n")
	var text []readability.Piece
	read := func(pieces []readability.Piece) { text = slices.Clone(pieces) }
	_, err := New("/").Convert(Source{Text: src, File: "content/guides/x.md", Position: LinePositions("content/guides/x.md", src, 1), Read: read})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, p := range text {
		b.Write(p.Text)
		if p.Block {
			b.WriteString(" |")
		}
	}
	want := "Why it matters |It’s “simple” – see the guide or . A second line. |One  item | Two bold |Role |Does |Teacher |Leads |"
	if b.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", b.String(), want)
	}
	for _, p := range text {
		if s := string(p.Text); s == "the guide" || s == "A second line." || s == "Leads" {
			if at := bytes.Index(src, p.Text); p.At != at {
				t.Errorf("%q is at %d, want %d", s, p.At, at)
			}
		}
	}
}
