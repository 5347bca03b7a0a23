package markdown

import (
	"bytes"
	"path"
	"strings"
	"testing"
)

// FuzzConvert renders arbitrary Markdown from a guide. It must never
// panic, never let raw HTML or a script URL through, and report every
// link into the playbook or the site inside the text at a real position,
// with either a clean relative target or a site address.
func FuzzConvert(f *testing.F) {
	f.Add("See [Peer](peer-mentoring.md#steps) and [About](../pages/about.md).")
	f.Add("<script>alert(1)</script>\n\n[x](javascript:alert(1)) ![i](data:text/html,x)")
	f.Add("[ref]\n\n[ref]: other.md \"title\"\n")
	f.Add("- [ ] task\n- [x] done\n\n| a | b |\n|---|---|\n| [c](c.md) | d |\n")
	f.Add("[](empty.md) [ü](ü.md) [a](a.md?x=1#y) <other.md> [b](<b c.md>)")
	f.Add("footnote[^1]\n\n[^1]: [n](n.md)\n")
	f.Add("# Title\n\n##\n\n## Steps\n\n![alt *x*](../images/a.png) [s](#steps)\n\nSetext\n===\n")
	f.Add("- [ ] Las sesiones\n- [ ] policies, veces\n  - [ ] ón\n\n## Related guides\n\n- [A](a.md)\n- [*B*](b.md)\n")
	c := New("/base/")
	c.SetTerms([]Term{{Word: "sesión", URL: "/glossary/#s"}, {Word: "policy", URL: "/glossary/#p"}, {Word: "vez", URL: "/glossary/#v"},
		{Word: "ón", URL: "/glossary/#o"}, {Word: "y", URL: "/glossary/#y"}, {Word: "learning community", URL: "/glossary/#lc"}})
	f.Fuzz(func(t *testing.T, text string) {
		src := []byte(text)
		doc, err := c.Convert(Source{Text: src, File: "content/guides/g.md", Position: LinePositions("content/guides/g.md", src, 5), Terms: true})
		if err != nil {
			return
		}
		html, links := doc.HTML, doc.Links
		lower := bytes.ToLower(html)
		for _, bad := range []string{"<script", "<iframe", "href=\"javascript:", "src=\"javascript:", "<img src=x onerror"} {
			if bytes.Contains(lower, []byte(bad)) {
				t.Fatalf("output contains %q:\n%s", bad, html)
			}
		}
		lines := strings.Count(text, "\n") + 1
		for _, l := range links {
			if l.Pos.Line < 5 || l.Pos.Line > 5+lines || l.Pos.Col < 1 {
				t.Errorf("link %q at %d:%d, outside a %d-line text starting at line 5", l.Dest, l.Pos.Line, l.Pos.Col, lines)
			}
			switch {
			case (l.Target == "") == (l.Site == ""):
				t.Errorf("link %q recorded with target %q and site address %q; want exactly one", l.Dest, l.Target, l.Site)
			case l.Site != "" && (!strings.HasPrefix(l.Site, "/") || strings.HasPrefix(l.Site, "//")):
				t.Errorf("link %q recorded with site address %q", l.Dest, l.Site)
			case l.Target != "" && (strings.HasPrefix(l.Target, "/") || l.Target != path.Clean(l.Target)):
				t.Errorf("link %q recorded with target %q", l.Dest, l.Target)
			}
		}
		for _, h := range doc.Headings {
			if h.Pos.Line < 5 || h.Pos.Line > 5+lines || h.Pos.Col < 1 {
				t.Errorf("heading %q at %d:%d, outside a %d-line text starting at line 5", h.Text, h.Pos.Line, h.Pos.Col, lines)
			}
		}
		// A guide's page finds its checkboxes and its related section by
		// these offsets: each must point at what it says.
		ids := map[string]bool{}
		for _, h := range doc.Headings {
			ids[h.ID] = true
		}
		for _, c := range doc.Checks {
			if c.At < 0 || c.Label != c.At+len(taskBoxHTML) || c.End < c.Label || c.End > len(html) || !bytes.HasPrefix(html[c.At:], []byte(taskBoxHTML)) {
				t.Fatalf("check %+v does not point at a box in\n%s", c, html)
			}
			if ids[c.ID] {
				t.Errorf("check id %q taken twice", c.ID)
			}
			ids[c.ID] = true
		}
		if r := doc.Related; r.ID != "" && (r.At < 0 || r.At > len(html) || !bytes.HasPrefix(html[r.At:], []byte(`<h2 id="`+r.ID+`"`))) {
			t.Fatalf("related section %+v does not point at its heading in\n%s", r, html)
		}
		for _, im := range doc.Images {
			if im.Pos.Line < 5 || im.Pos.Line > 5+lines || im.Pos.Col < 1 {
				t.Errorf("image %q at %d:%d, outside a %d-line text starting at line 5", im.Dest, im.Pos.Line, im.Pos.Col, lines)
			}
		}
	})
}
