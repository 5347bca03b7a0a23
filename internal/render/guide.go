package render

import (
	"html/template"
	"net/url"
	"path"
	"strings"

	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/route"
	"github.com/playbook-edu/playbook/internal/view"
)

// The parts of a guide's page that are worked out from its text: its body
// as the page shows it, the "On this page" list, the one list of related
// guides, and where to suggest a change. Package markdown found, as it
// wrote the body, where its "Check yourself" boxes are and whether it ends
// with a list of related guides (model.Markdown's Checks and Related).

// pageBody is a guide's body as its page shows it: without its last
// section when that lists related guides (which the page shows in its own
// list), and with every unticked task box a checkbox labelled by the
// item's words, which the script saves by data-check. It returns the body
// and the number of checkboxes.
func pageBody(m *model.Markdown) (template.HTML, int) {
	body := m.HTML
	if m.Related.ID != "" {
		// Cut before the heading, with one line break left.
		kept := strings.TrimRight(body[:m.Related.At], "\n")
		if len(kept) < m.Related.At {
			body = body[:len(kept)+1]
		} else {
			body = kept + "\n"
		}
	}
	n := 0
	for _, c := range m.Checks {
		if c.End <= len(body) {
			n++
		}
	}
	if n == 0 {
		return template.HTML(body), 0
	}
	var b strings.Builder
	b.Grow(len(body) + n*(len(checkbox)+3*48))
	last := 0
	for _, c := range m.Checks[:n] {
		b.WriteString(body[last:c.At])
		b.WriteString(`<input type="checkbox" class="check-box" id="`)
		b.WriteString(c.ID)
		b.WriteString(`" data-check="`)
		b.WriteString(strings.TrimPrefix(c.ID, "check-"))
		b.WriteString(`"> <label for="`)
		b.WriteString(c.ID)
		b.WriteString(`">`)
		b.WriteString(body[c.Label:c.End])
		b.WriteString(`</label>`)
		last = c.End
	}
	b.WriteString(body[last:])
	return template.HTML(b.String()), n
}

// checkbox is what pageBody writes for a box, but its id (three times).
const checkbox = `<input type="checkbox" class="check-box" id="" data-check=""> <label for=""></label>`

// contents lists the body's second-level headings, but leftOut, for "On
// this page"; nil when there are fewer than two, which need no list.
func contents(hs []model.Heading, leftOut string) []view.Link {
	var out []view.Link
	for _, h := range hs {
		if h.Level == 2 && h.ID != "" && h.ID != leftOut {
			out = append(out, view.Link{Title: h.Text, URL: "#" + h.ID})
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// related is the guide's one list of related guides, each once: the
// guides its text links to, in the order it does, then the guides that
// link to it, then similar guides (link.Graph.Related) while the list is
// shorter than RelatedLimit.
func (v *views) related(gd *model.Guide) []view.Link {
	g := v.g
	seen := map[*model.Guide]bool{gd: true}
	var out []view.Link
	add := func(o *model.Guide) {
		if o != nil && !seen[o] {
			seen[o] = true
			out = append(out, v.link(o))
		}
	}
	for _, l := range gd.Body.Links {
		if dir, file := path.Split(l.Target); dir == route.GuideDir+"/" && strings.HasSuffix(file, ".md") {
			add(g.Guide(strings.TrimSuffix(file, ".md")))
		}
	}
	for _, o := range g.Backlinks[gd] {
		add(o)
	}
	for _, o := range g.Related[gd] {
		if len(out) >= RelatedLimit {
			break
		}
		add(o)
	}
	return out
}

// suggest is where a reader suggests a change to the guide: its page in
// the repository's editor when playbook.yaml names the repository, else
// the playbook's contact (an email with the guide in its subject, or a
// web address), else "".
func suggest(cfg model.Config, site *view.SiteView, gd *model.Guide) string {
	if u := cfg.EditURL(gd.Pos.File); u != "" {
		return u
	}
	c := site.ContactURL
	if strings.HasPrefix(c, "mailto:") {
		sep := "?"
		if strings.Contains(c, "?") {
			sep = "&"
		}
		return c + sep + "subject=" + strings.ReplaceAll(url.QueryEscape("A change to the guide \""+gd.Title+"\""), "+", "%20")
	}
	return c
}
