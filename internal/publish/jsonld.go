package publish

import (
	"encoding/json"
	"html"
	"regexp"
	"strings"

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

var strongRE = regexp.MustCompile(`(?s)^\s*<strong>(.*?)</strong>`)

// textOf returns the text of an HTML fragment on one line.
func textOf(h string) string {
	var b strings.Builder
	for len(h) > 0 {
		i := strings.IndexByte(h, '<')
		if i < 0 {
			b.WriteString(h)
			break
		}
		b.WriteString(h[:i])
		b.WriteByte(' ')
		j := strings.IndexByte(h[i:], '>')
		if j < 0 {
			break
		}
		h = h[i+j+1:]
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

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
			closing := strings.Index(body[start:], "</h"+body[start+2:start+3]+">")
			if gt >= 0 && closing > gt {
				return start, start + gt + 1, start + closing, start + closing + 5
			}
		}
		i = start + 2
	}
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
		t := strings.ToLower(textOf(body[ts:te]))
		if t != "steps" && !strings.HasPrefix(t, "steps ") {
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
			item := list[itemStart:i]
			st := Step{Text: textOf(item)}
			if m := strongRE.FindStringSubmatch(strings.TrimPrefix(strings.TrimSpace(item), "<p>")); m != nil {
				st.Name = strings.TrimRight(textOf(m[1]), ".:")
			}
			steps = append(steps, st)
			itemStart = -1
		}
		i += len(tag)
	}
	return steps
}

// guideLD is a guide as a schema.org HowTo, or an Article.
type guideLD struct {
	Context       string      `json:"@context"`
	Type          string      `json:"@type"`
	Name          string      `json:"name"`
	Headline      string      `json:"headline,omitempty"`
	Description   string      `json:"description"`
	URL           string      `json:"url"`
	InLanguage    string      `json:"inLanguage,omitempty"`
	DatePublished string      `json:"datePublished,omitempty"`
	Publisher     ldThing     `json:"publisher"`
	Step          []howToStep `json:"step,omitempty"`
}

// howToStep is a schema.org HowToStep.
type howToStep struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name,omitempty"`
	Text     string `json:"text"`
	URL      string `json:"url"`
}

// GuideLD returns a guide's JSON-LD: a HowTo with a HowToStep per step,
// or an Article when the guide has no "Steps" list.
func GuideLD(g *link.Graph, gd *model.Guide) []byte {
	s := newSite(g)
	url := s.url(route.Guide(gd.ID))
	v := guideLD{Context: "https://schema.org", Type: "HowTo", Name: gd.Title, Description: gd.Summary, URL: url,
		InLanguage: g.Config.Language, DatePublished: gd.Date, Publisher: s.publisher()}
	for i, st := range GuideSteps(gd.Body.HTML) {
		v.Step = append(v.Step, howToStep{Type: "HowToStep", Position: i + 1, Name: st.Name, Text: st.Text, URL: url + "#steps"})
	}
	if len(v.Step) == 0 {
		v.Type, v.Headline = "Article", gd.Title
	}
	b, err := json.Marshal(v) // escapes <, > and &
	if err != nil {
		panic("publish: json-ld: " + err.Error()) // strings only: cannot fail
	}
	return b
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
