package publish

import (
	"encoding/json"

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

// howTo is a guide as a schema.org HowTo, or an Article when it has no
// steps.
type howTo struct {
	Context       string       `json:"@context"`
	Type          string       `json:"@type"`
	Name          string       `json:"name"`
	Headline      string       `json:"headline,omitempty"`
	Description   string       `json:"description"`
	URL           string       `json:"url"`
	InLanguage    string       `json:"inLanguage,omitempty"`
	DatePublished string       `json:"datePublished,omitempty"`
	Publisher     organization `json:"publisher"`
	Step          []howToStep  `json:"step,omitempty"`
}

// organization is a schema.org Organization.
type organization struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// howToStep is a schema.org HowToStep.
type howToStep struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name,omitempty"`
	Text     string `json:"text"`
	URL      string `json:"url"`
}

// GuideLD returns a guide's JSON-LD: a HowTo with a HowToStep per step of
// its "Steps" list (model.Markdown.Steps, found by package markdown), or
// an Article when the guide has none.
func GuideLD(g *link.Graph, gd *model.Guide) []byte {
	c := g.Config
	url := route.Absolute(c.BaseURL, route.In(c.Prefix, route.Guide(gd.ID)))
	v := howTo{Context: "https://schema.org", Type: "HowTo", Name: gd.Title, Description: gd.Summary, URL: url,
		InLanguage: c.Language, DatePublished: gd.Date, Publisher: organization{Type: "Organization", Name: c.District}}
	if len(gd.Body.Steps) == 0 {
		v.Type, v.Headline = "Article", gd.Title
	}
	steps := url // the steps' heading, or the page when it has no id
	if id := gd.Body.StepsID; id != "" {
		steps += "#" + id
	}
	for i, st := range gd.Body.Steps {
		v.Step = append(v.Step, howToStep{Type: "HowToStep", Position: i + 1, Name: st.Name, Text: st.Text, URL: steps})
	}
	b, err := json.Marshal(v) // escapes <, > and &
	if err != nil {
		panic("publish: json-ld: " + err.Error()) // strings and numbers only: cannot fail
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

// systemSet is the performance systems as a schema.org DefinedTermSet,
// named as the systems' index page is (index.systems.title), with the
// sector of the first system when it has one (systems.set-sector).
func (s *site) systemSet(w Words) ldThing {
	name := w.T("index.systems.title")
	if len(s.g.Systems) > 0 && s.g.Systems[0].Sector != "" {
		name = w.T("systems.set-sector", "name", name, "sector", s.g.Systems[0].Sector)
	}
	return ldThing{"@type": "DefinedTermSet", "name": name, "url": s.url(route.Systems())}
}

// SystemsLD returns the systems index's JSON-LD: a DefinedTermSet with a
// DefinedTerm per system, its name in the words w of the site's language.
func SystemsLD(g *link.Graph, w Words) []byte {
	s := newSite(g)
	v := s.systemSet(w)
	var terms []ldThing
	for _, sy := range g.Systems {
		terms = append(terms, s.definedTerm(sy))
	}
	v["hasDefinedTerm"] = terms
	return ld(v)
}

// SystemLD returns a system page's JSON-LD: a DefinedTerm in the set.
func SystemLD(g *link.Graph, sy *model.System, w Words) []byte {
	s := newSite(g)
	v := s.definedTerm(sy)
	v["inDefinedTermSet"] = s.systemSet(w)
	return ld(v)
}
