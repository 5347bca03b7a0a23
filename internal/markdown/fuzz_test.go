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
	c := New("/base/")
	f.Fuzz(func(t *testing.T, text string) {
		src := []byte(text)
		doc, err := c.Convert(Source{Text: src, File: "content/guides/g.md", Position: LinePositions("content/guides/g.md", src, 5)})
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
		for _, im := range doc.Images {
			if im.Pos.Line < 5 || im.Pos.Line > 5+lines || im.Pos.Col < 1 {
				t.Errorf("image %q at %d:%d, outside a %d-line text starting at line 5", im.Dest, im.Pos.Line, im.Pos.Col, lines)
			}
		}
	})
}
