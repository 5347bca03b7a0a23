package publish

import (
	"bytes"
	"encoding/json"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/route"
)

// JSON-LD for the pages, as schema.org types. Each function returns JSON
// with <, > and & escaped (\u003c...), safe to write inside a
// <script type="application/ld+json"> element, which browsers never run.

type ldThing = map[string]any

func ld(v ldThing) []byte {
	v["@context"] = "https://schema.org"
	b, err := json.Marshal(v) // escapes <, > and &
	if err != nil {
		panic("publish: json-ld: " + err.Error()) // strings and maps only: cannot fail
	}
	return b
}

// publisher is the district as a schema.org Organization.
func (s *site) publisher() ldThing {
	return ldThing{"@type": "Organization", "name": s.g.Config.District}
}

// Step is one step of a guide: the bold words it starts with, if any, and
// its whole text.
type Step struct {
	Name, Text string
}

// textOf returns the text of an HTML fragment on one line.
func textOf(h string) string {
	var buf [256]byte
	return string(appendText(buf[:0], h))
}

// appendText appends the text of the HTML fragment h to b, on one line:
// each tag becomes a space (an unclosed one ends the text), character
// references become characters, and each run of white space (as
// unicode.IsSpace has it) one space, none at the ends. GuideSteps calls it
// a few times for each guide of every build, so it works in b rather than
// in strings of its own.
func appendText(b []byte, h string) []byte {
	start := len(b)
	for len(h) > 0 {
		i := strings.IndexByte(h, '<')
		if i < 0 {
			b = append(b, h...)
			break
		}
		b = append(b, h[:i]...)
		b = append(b, ' ')
		j := strings.IndexByte(h[i:], '>')
		if j < 0 {
			break
		}
		h = h[i+j+1:]
	}
	// Goldmark writes &quot;, &amp;, &lt; and &gt;; an editor may write any
	// reference.
	if bytes.IndexByte(b[start:], '&') >= 0 {
		text := html.UnescapeString(string(b[start:]))
		b = append(b[:start], text...)
	}
	return collapseSpace(b, start)
}

// spaceByte says, for each byte, whether it is white space as
// unicode.IsSpace has it (1), may start a white space character of more
// than one byte (2), or neither (0).
var spaceByte = func() (t [256]uint8) {
	var buf [utf8.UTFMax]byte
	for _, rg := range unicode.White_Space.R16 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			if utf8.EncodeRune(buf[:], r) == 1 {
				t[r] = 1
			} else {
				t[buf[0]] = 2
			}
		}
	}
	for _, rg := range unicode.White_Space.R32 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			utf8.EncodeRune(buf[:], r)
			t[buf[0]] = 2
		}
	}
	return t
}()

// collapseSpace turns each run of white space in b[start:] into one space,
// and drops those at its ends, in place: each word moves down at most as
// far as the white space before it was long.
func collapseSpace(b []byte, start int) []byte {
	w := start // b[start:w] is done
	for r := start; r < len(b); {
		if n := spaceLen(b, r); n > 0 {
			r += n
			continue
		}
		end := wordEnd(b, r)
		if w > start {
			b[w] = ' '
			w++
		}
		w += copy(b[w:], b[r:end])
		r = end
	}
	return b[:w]
}

// spaceLen returns the length of the white space character at b[i], or 0
// when another character (or a byte inside one) is there.
func spaceLen(b []byte, i int) int {
	switch spaceByte[b[i]] {
	case 0:
		return 0
	case 1:
		return 1
	}
	if r, size := utf8.DecodeRune(b[i:]); unicode.IsSpace(r) {
		return size
	}
	return 0
}

// wordEnd returns where the word that starts at b[i] ends: at the next
// white space, or at the end of b.
func wordEnd(b []byte, i int) int {
	for i++; i < len(b); i++ {
		if spaceByte[b[i]] != 0 && spaceLen(b, i) > 0 {
			break
		}
	}
	return i
}

// closingTags are the end tags of the headings h2 to h6, by level.
var closingTags = [...]string{'2': "</h2>", '3': "</h3>", '4': "</h4>", '5': "</h5>", '6': "</h6>"}

// heading finds the next heading element h2 to h6 in body at or after
// from, returning where it starts, where its text starts and ends, and
// where it ends; start is -1 when there is none.
func heading(body string, from int) (start, textStart, textEnd, end int) {
	for i := from; ; {
		j := strings.Index(body[i:], "<h")
		if j < 0 {
			return -1, 0, 0, 0
		}
		start = i + j
		if start+3 < len(body) && body[start+2] >= '2' && body[start+2] <= '6' && (body[start+3] == '>' || body[start+3] == ' ') {
			gt := strings.IndexByte(body[start:], '>')
			closing := strings.Index(body[start:], closingTags[body[start+2]])
			if gt >= 0 && closing > gt {
				return start, start + gt + 1, start + closing, start + closing + 5
			}
		}
		i = start + 2
	}
}

// isStepsHeading reports whether a heading's HTML reads "Steps", or starts
// "Steps ", in any case.
func isStepsHeading(h string) bool {
	var buf [128]byte
	t := appendText(buf[:0], h)
	if !isASCII(t) { // a letter may lowercase to ASCII, as the Kelvin sign does
		lower := strings.ToLower(string(t))
		return lower == "steps" || strings.HasPrefix(lower, "steps ")
	}
	const steps = "steps"
	return len(t) >= len(steps) && bytes.EqualFold(t[:len(steps)], []byte(steps)) &&
		(len(t) == len(steps) || t[len(steps)] == ' ')
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// GuideSteps returns the items of the first numbered list under a guide's
// heading "Steps" (or a heading starting "Steps "), before the next
// heading. A guide without one has no steps.
func GuideSteps(body string) []Step {
	for from := 0; ; {
		start, ts, te, end := heading(body, from)
		if start < 0 {
			return nil
		}
		from = end
		if !isStepsHeading(body[ts:te]) {
			continue
		}
		section := body[end:]
		if next, _, _, _ := heading(body, end); next >= 0 {
			section = body[end:next]
		}
		i := strings.Index(section, "<ol")
		if i < 0 {
			return nil
		}
		return listItems(section[i:])
	}
}

// listItems returns the items of the list that list starts with, leaving
// out nested lists' items as items of their own.
func listItems(list string) []Step {
	var steps []Step
	depth, itemStart := 0, -1
	for i := 0; i < len(list); {
		j := strings.IndexByte(list[i:], '<')
		if j < 0 {
			break
		}
		i += j
		end := strings.IndexByte(list[i:], '>')
		if end < 0 {
			break
		}
		tag := list[i : i+end+1]
		switch {
		case strings.HasPrefix(tag, "<ol"), strings.HasPrefix(tag, "<ul"):
			depth++
		case tag == "</ol>", tag == "</ul>":
			depth--
			if depth == 0 {
				return steps
			}
		case depth == 1 && strings.HasPrefix(tag, "<li"):
			itemStart = i + len(tag)
		case depth == 1 && tag == "</li>" && itemStart >= 0:
			if steps == nil {
				steps = make([]Step, 0, 8) // a guide has a handful of steps
			}
			steps = append(steps, step(list[itemStart:i]))
			itemStart = -1
		}
		i += len(tag)
	}
	return steps
}

// step returns the step of a list item's HTML. Its name is the text of
// the <strong> element the item starts with (inside a <p> or not), without
// a final "." or ":".
func step(item string) Step {
	st := Step{Text: textOf(item)}
	s := strings.TrimPrefix(strings.TrimSpace(item), "<p>")
	s = strings.TrimLeft(s, "\t\n\f\r ") // what the \s of a regexp matches
	if rest, ok := strings.CutPrefix(s, "<strong>"); ok {
		if strong, _, ok := strings.Cut(rest, "</strong>"); ok {
			var buf [128]byte
			name := bytes.TrimRight(appendText(buf[:0], strong), ".:")
			// The name is nearly always the start of the text: share it.
			if len(name) <= len(st.Text) && st.Text[:len(name)] == string(name) {
				st.Name = st.Text[:len(name)]
			} else {
				st.Name = string(name)
			}
		}
	}
	return st
}

// GuideLD returns a guide's JSON-LD: a HowTo with a HowToStep per step,
// or an Article when the guide has no "Steps" list. It is made for every
// guide page, so it is written straight into the one slice it returns, as
// json.Marshal would have written a struct of it (HTML escaped).
func GuideLD(g *link.Graph, gd *model.Guide) []byte {
	c := g.Config
	url := route.Absolute(c.BaseURL, route.Guide(gd.ID))
	stepURL := url + "#steps"
	steps := GuideSteps(gd.Body.HTML)
	size := 256 + 2*(len(gd.Title)+len(gd.Summary)+len(url)+len(c.Language)+len(c.District))
	for _, st := range steps {
		size += 64 + len(stepURL) + len(st.Name) + len(st.Text) + len(st.Text)/8
	}
	j := &jsonWriter{buf: make([]byte, 0, size), escapeHTML: true}
	j.open()
	j.str("@context", "https://schema.org")
	if len(steps) > 0 {
		j.str("@type", "HowTo")
	} else {
		j.str("@type", "Article")
	}
	j.str("name", gd.Title)
	if len(steps) == 0 {
		j.strOmit("headline", gd.Title)
	}
	j.str("description", gd.Summary)
	j.str("url", url)
	j.strOmit("inLanguage", c.Language)
	j.strOmit("datePublished", gd.Date)
	j.key("publisher")
	j.open()
	j.str("@type", "Organization")
	j.str("name", c.District)
	j.close()
	if len(steps) > 0 {
		j.key("step")
		j.openList()
		for i, st := range steps {
			j.elem()
			j.open()
			j.str("@type", "HowToStep")
			j.int("position", i+1)
			j.strOmit("name", st.Name)
			j.str("text", st.Text)
			j.str("url", stepURL)
			j.close()
		}
		j.closeList()
	}
	j.close()
	return j.buf
}

// StoryLD returns a story's JSON-LD: an Article.
func StoryLD(g *link.Graph, st *model.Story) []byte {
	s := newSite(g)
	return ld(ldThing{"@type": "Article", "headline": st.Title, "description": st.Summary,
		"datePublished": st.Date, "url": s.url(route.Story(st.ID)), "inLanguage": g.Config.Language,
		"author": s.publisher(), "publisher": s.publisher()})
}

// definedTerm is a performance system as a schema.org DefinedTerm.
func (s *site) definedTerm(sy *model.System) ldThing {
	return ldThing{"@type": "DefinedTerm", "name": sy.Name, "termCode": sy.Code,
		"description": sy.Summary, "url": s.url(route.System(sy.Code))}
}

// systemSet is the performance systems as a schema.org DefinedTermSet.
func (s *site) systemSet() ldThing {
	name := "Interactive Performance Systems"
	if len(s.g.Systems) > 0 && s.g.Systems[0].Sector != "" {
		name += " of " + s.g.Systems[0].Sector
	}
	return ldThing{"@type": "DefinedTermSet", "name": name, "url": s.url(route.Systems())}
}

// SystemsLD returns the systems index's JSON-LD: a DefinedTermSet with a
// DefinedTerm per system.
func SystemsLD(g *link.Graph) []byte {
	s := newSite(g)
	v := s.systemSet()
	var terms []ldThing
	for _, sy := range g.Systems {
		terms = append(terms, s.definedTerm(sy))
	}
	v["hasDefinedTerm"] = terms
	return ld(v)
}

// SystemLD returns a system page's JSON-LD: a DefinedTerm in the set.
func SystemLD(g *link.Graph, sy *model.System) []byte {
	s := newSite(g)
	v := s.definedTerm(sy)
	v["inDefinedTermSet"] = s.systemSet()
	return ld(v)
}
