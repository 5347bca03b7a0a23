package render

import (
	"html"
	"html/template"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/route"
)

// The parts of a guide's page that are worked out from its text: the
// one list of related guides, the saved "Check yourself" boxes, the
// "On this page" list, and where to suggest a change. Each reads the
// HTML goldmark wrote for the body, in which raw HTML is left out and
// every '<', '>' and '"' of the text is escaped (see printDoc.body), so a
// '<' always starts a tag goldmark wrote.

// relatedHeading is the id goldmark gives a "Related guides" heading,
// which a translation may give its own ("## Guías relacionadas
// {#related-guides}").
const relatedHeading = "related-guides"

// isRelatedHeading returns whether a heading of a guide, by its id, is its
// "Related guides" heading: one with that id, or one whose text is the
// theme's words for it (guide.related) in the guide's language.
func isRelatedHeading(headings []model.Heading, words string) func(id string) bool {
	return func(id string) bool {
		if id == relatedHeading || isNumbered(id, relatedHeading) {
			return true
		}
		for _, h := range headings {
			if h.ID == id {
				return h.Level == 2 && strings.EqualFold(strings.TrimSpace(h.Text), strings.TrimSpace(words))
			}
		}
		return false
	}
}

// relatedList matches what may follow a last "Related guides" heading for
// the section to be left out of the page: a list of links and nothing
// else, not even a word about why.
var relatedList = regexp.MustCompile(`^\s*<ul>\s*(?:<li><a href="[^"]*">(?:[^<]|</?(?:em|strong|code)>)*</a></li>\s*)+</ul>\s*$`)

// relatedSection returns body without its last section when that section
// is a "Related guides" heading (related says which ids are) followed
// only by a list of links to guides, and the heading's id; otherwise body
// as it is and "". The page shows those guides in its one related list
// instead.
func relatedSection(body, guides string, related func(id string) bool) (string, string) {
	start := strings.LastIndex(body, `<h2 id="`)
	if start < 0 {
		return body, ""
	}
	rest := body[start+len(`<h2 id="`):]
	id, rest, ok := strings.Cut(rest, `"`)
	if !ok || !related(id) {
		return body, ""
	}
	_, list, ok := strings.Cut(rest, "</h2>")
	if !ok || !relatedList.MatchString(list) {
		return body, ""
	}
	for _, m := range hrefs.FindAllStringSubmatch(list, -1) {
		if !strings.HasPrefix(m[1], guides) {
			return body, "" // a link to something else than a guide: keep the section
		}
	}
	return strings.TrimRight(body[:start], "\n") + "\n", id
}

var hrefs = regexp.MustCompile(`<a href="([^"]*)"`)

// isNumbered reports whether id is base with goldmark's "-N" for a
// repeated heading.
func isNumbered(id, base string) bool {
	n, ok := strings.CutPrefix(id, base+"-")
	if !ok {
		return false
	}
	_, err := strconv.Atoi(n)
	return err == nil
}

// contents lists the body's second-level headings, but leftOut, for "On
// this page"; nil when there are fewer than two, which need no list.
func contents(hs []model.Heading, leftOut string) []Link {
	var out []Link
	for _, h := range hs {
		if h.Level == 2 && h.ID != "" && h.ID != leftOut {
			out = append(out, Link{Title: h.Text, URL: "#" + h.ID})
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
func (v *views) related(gd *model.Guide) []Link {
	g := v.g
	seen := map[*model.Guide]bool{gd: true}
	var out []Link
	add := func(o *model.Guide) {
		if o != nil && !seen[o] {
			seen[o] = true
			out = append(out, v.guide(o))
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

// taskBox is how package markdown writes the box of an unticked task list
// item ("- [ ] ..."): a glyph, hidden from screen readers.
const taskBox = `<span class="task-box" aria-hidden="true">☐</span> `

// checkYourself makes every unticked task list item of body a checkbox
// labelled by the item's words, which the script saves by data-check:
// the words as a slug, so that reordering the items keeps the ticks.
// headings are the body's, whose ids the checkboxes' must not take. It
// returns the body and the number of checkboxes.
func checkYourself(body string, headings []model.Heading) (template.HTML, int) {
	if !strings.Contains(body, taskBox) {
		return template.HTML(body), 0
	}
	taken := map[string]bool{}
	for _, h := range headings {
		taken[h.ID] = true
	}
	var b strings.Builder
	b.Grow(len(body) + len(body)/4)
	n := 0
	for {
		i := strings.Index(body, taskBox)
		if i < 0 {
			b.WriteString(body)
			break
		}
		b.WriteString(body[:i])
		body = body[i+len(taskBox):]
		end := labelEnd(body)
		label := strings.TrimRight(body[:end], " \n")
		body = body[len(label):]

		slug := itemSlug(label)
		id := "check-" + slug
		for k := 2; taken[id]; k++ {
			id = "check-" + slug + "-" + strconv.Itoa(k)
		}
		taken[id] = true
		n++
		b.WriteString(`<input type="checkbox" class="check-box" id="`)
		b.WriteString(id)
		b.WriteString(`" data-check="`)
		b.WriteString(strings.TrimPrefix(id, "check-"))
		b.WriteString(`"> <label for="`)
		b.WriteString(id)
		b.WriteString(`">`)
		b.WriteString(label)
		b.WriteString(`</label>`)
	}
	return template.HTML(b.String()), n
}

// labelEnd returns where a task item's own words end in s: at the end of
// its paragraph or item, or where a list or other block inside it starts.
func labelEnd(s string) int {
	end := len(s)
	for _, stop := range []string{"</li>", "</p>", "<ul>", "<ol>", "<ol ", "<p>", "<div", "<blockquote", "<pre", "<table"} {
		if i := strings.Index(s[:end], stop); i >= 0 {
			end = i
		}
	}
	return end
}

// itemSlug makes the words of a "Check yourself" item, written as HTML,
// into an id: lowercase letters and digits joined by hyphens, at most 48
// characters, cut at a word.
func itemSlug(label string) string {
	text := html.UnescapeString(tags.ReplaceAllString(label, ""))
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(text) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '\'' || r == '’':
			// "school's" is one word
		default:
			dash = true
		}
	}
	s := b.String()
	if len(s) > 48 {
		s = s[:48]
		if i := strings.LastIndexByte(s, '-'); i > 0 {
			s = s[:i]
		}
	}
	if s == "" {
		s = "item"
	}
	return s
}

var tags = regexp.MustCompile(`<[^>]*>`)

// suggest is where a reader suggests a change to the guide: its page in
// the repository's editor when playbook.yaml names the repository, else
// the playbook's contact (an email with the guide in its subject, or a
// web address), else "".
func suggest(cfg model.Config, site *SiteView, gd *model.Guide) string {
	if u := editURL(cfg, gd.Pos.File); u != "" {
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
