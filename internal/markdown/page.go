package markdown

import (
	"bytes"
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/route"
)

// What a guide's page makes of its text, worked out here once, as the text
// is converted, rather than on every render of the page: where its
// unticked task boxes are, to be made checkboxes ("Check yourself"), and
// whether its last section is a list of related guides, which the page
// folds into its own list.
//
// Both read the HTML goldmark has just written, in which raw HTML is left
// out and every '<', '>' and '"' of the text is escaped, so a '<' always
// starts a tag goldmark wrote.

// taskBoxHTML is how an unticked task list item's box is written ("- [ ] ..."):
// a glyph, hidden from screen readers.
const taskBoxHTML = `<span class="task-box" aria-hidden="true">☐</span> `

// htmlWriter is what goldmark writes a text's HTML into: the text's buffer
// itself, so that a renderer knows the offset it writes at (taskBox), and
// nothing is copied through a bufio.Writer on the way.
type htmlWriter struct {
	*bytes.Buffer
	boxes []int // where each unticked task box starts
}

func (w *htmlWriter) Buffered() int { return 0 }
func (w *htmlWriter) Flush() error  { return nil }

// checks returns the unticked task items whose boxes start at boxes in
// body, each with the id of its checkbox: "check-" and the item's words as
// a slug, so that reordering the items keeps what a reader ticked, with
// "-2", "-3"... when a heading or an earlier item has it.
func checks(body []byte, boxes []int, headings []model.Heading) []model.Check {
	if len(boxes) == 0 {
		return nil
	}
	taken := make(map[string]bool, len(headings)+len(boxes))
	for _, h := range headings {
		taken[h.ID] = true
	}
	out := make([]model.Check, 0, len(boxes))
	for _, at := range boxes {
		start := at + len(taskBoxHTML)
		rest := body[start:]
		label := bytes.TrimRight(rest[:labelEnd(rest)], " \n")
		slug := itemSlug(string(label))
		id := "check-" + slug
		for k := 2; taken[id]; k++ {
			id = "check-" + slug + "-" + strconv.Itoa(k)
		}
		taken[id] = true
		out = append(out, model.Check{At: at, Label: start, End: start + len(label), ID: id})
	}
	return out
}

// labelEnd returns where a task item's own words end in s: at the end of
// its paragraph or item, or where a list or other block inside it starts.
func labelEnd(s []byte) int {
	end := len(s)
	for _, stop := range []string{"</li>", "</p>", "<ul>", "<ol>", "<ol ", "<p>", "<div", "<blockquote", "<pre", "<table"} {
		if i := bytes.Index(s[:end], []byte(stop)); i >= 0 {
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

// relatedHeading is the id goldmark gives a "Related guides" heading,
// which a translation may give its own ("## Guías relacionadas
// {#related-guides}").
const relatedHeading = "related-guides"

// relatedList matches what may follow a last "Related guides" heading for
// the section to be left out of the page: a list of links and nothing
// else, not even a word about why.
var relatedList = regexp.MustCompile(`^\s*<ul>\s*(?:<li><a href="[^"]*">(?:[^<]|</?(?:em|strong|code)>)*</a></li>\s*)+</ul>\s*$`)

var hrefs = regexp.MustCompile(`<a href="([^"]*)"`)

// relatedSection finds body's last section when it is a "Related guides"
// heading (related says which ids are) followed only by a list of links
// to guides, whose addresses start with guides; otherwise it returns the
// zero RelatedSection.
func relatedSection(body []byte, guides string, related func(id string) bool) model.RelatedSection {
	start := bytes.LastIndex(body, []byte(`<h2 id="`))
	if start < 0 {
		return model.RelatedSection{}
	}
	rest := body[start+len(`<h2 id="`):]
	id, rest, ok := bytes.Cut(rest, []byte(`"`))
	if !ok || !related(string(id)) {
		return model.RelatedSection{}
	}
	_, list, ok := bytes.Cut(rest, []byte("</h2>"))
	if !ok || !relatedList.Match(list) {
		return model.RelatedSection{}
	}
	for _, m := range hrefs.FindAllSubmatch(list, -1) {
		if !bytes.HasPrefix(m[1], []byte(guides)) {
			return model.RelatedSection{} // a link to something else than a guide: keep the section
		}
	}
	return model.RelatedSection{At: start, ID: string(id)}
}

// isRelatedHeading returns whether a heading of a text, by its id, is its
// "Related guides" heading: one with that id, or one whose text is words,
// the theme's words for it in the text's language.
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

// guides is the address guides' pages start with, in the converter's
// language.
func (c *Converter) guides() string { return c.base + strings.TrimPrefix(route.Guides(), "/") }
