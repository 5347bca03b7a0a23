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

var (
	headingRE = regexp.MustCompile(`(?s)<h([2-6])[^>]*>(.*?)</h[2-6]>`)
	tagRE     = regexp.MustCompile(`<[^>]*>`)
	strongRE  = regexp.MustCompile(`(?s)^\s*<strong>(.*?)</strong>`)
)

// textOf returns the text of an HTML fragment on one line.
func textOf(h string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tagRE.ReplaceAllString(h, " "))), " ")
}

// GuideSteps returns the items of the first numbered list under a guide's
// heading "Steps" (or a heading starting "Steps "), before the next
// heading. A guide without one has no steps.
func GuideSteps(body string) []Step {
	hs := headingRE.FindAllStringSubmatchIndex(body, -1)
	for i, h := range hs {
		t := strings.ToLower(textOf(body[h[4]:h[5]]))
		if t != "steps" && !strings.HasPrefix(t, "steps ") {
			continue
		}
		section := body[h[1]:]
		if i+1 < len(hs) {
			section = body[h[1]:hs[i+1][0]]
		}
		start := strings.Index(section, "<ol")
		if start < 0 {
			return nil
		}
		return listItems(section[start:])
	}
	return nil
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

// GuideLD returns a guide's JSON-LD: a HowTo with a HowToStep per step,
// or an Article when the guide has no "Steps" list.
func GuideLD(g *link.Graph, gd *model.Guide) []byte {
	s := newSite(g)
	v := ldThing{"name": gd.Title, "description": gd.Summary, "url": s.url(route.Guide(gd.ID)),
		"inLanguage": g.Config.Language, "publisher": s.publisher()}
	if gd.Date != "" {
		v["datePublished"] = gd.Date
	}
	steps := GuideSteps(gd.Body.HTML)
	if len(steps) == 0 {
		v["@type"] = "Article"
		v["headline"] = gd.Title
		return ld(v)
	}
	v["@type"] = "HowTo"
	var list []ldThing
	for i, st := range steps {
		step := ldThing{"@type": "HowToStep", "position": i + 1, "text": st.Text,
			"url": s.url(route.Guide(gd.ID)) + "#steps"}
		if st.Name != "" {
			step["name"] = st.Name
		}
		list = append(list, step)
	}
	v["step"] = list
	return ld(v)
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
