package render

import (
	"slices"
	"strconv"
	"strings"

	"github.com/playbook-edu/playbook/internal/i18n"
	"github.com/playbook-edu/playbook/internal/kind"
	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/view"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// RelatedLimit is the most guides a guide's Related list holds when
// similar guides fill it; the guides it links to and that link to it are
// always all there.
const RelatedLimit = 8

// views builds views from the graph; url adds the base path.
type views struct {
	w    *i18n.Table                            // the site's words in its language
	ld   func(*link.Graph, *model.Guide) []byte // a guide's JSON-LD (Options.JSONLD)
	g    *link.Graph
	base string
	navs map[string][]view.NavItem // shared by the pages that mark the same entry
}

// current returns items with Current set for the page at url in section,
// sharing one slice among all pages that mark the same entry.
func (v *views) current(items []view.NavItem, section, url string) []view.NavItem {
	key, mark := "", -1
	for i, it := range items {
		if it.URL == url || (section != "" && it.Section == section) {
			key, mark = it.URL+" "+strconv.FormatBool(it.URL == url), i
			break
		}
	}
	if mark < 0 {
		return items
	}
	if out, ok := v.navs[key]; ok {
		return out
	}
	out := slices.Clone(items)
	out[mark].Current = "true"
	if out[mark].URL == url {
		out[mark].Current = "page"
	}
	if v.navs == nil {
		v.navs = map[string][]view.NavItem{}
	}
	v.navs[key] = out
	return out
}

func (v *views) url(p string) string { return v.base + p[1:] }

// link is the Link to record r's page: its name, its address and its
// summary.
func (v *views) link(r model.Record) view.Link {
	k, _ := kind.Of(r)
	return view.Link{Title: r.Label(), URL: v.recordURL(k, r), Summary: r.Blurb()}
}

// links makes a Link of each record.
func links[R model.Record](v *views, recs []R) []view.Link {
	out := make([]view.Link, len(recs))
	for i, r := range recs {
		out[i] = v.link(r)
	}
	return out
}

// refs resolves references already checked by the link stage, skipping any
// that did not resolve.
func refs[T any, R interface {
	*T
	model.Record
}](v *views, rs []model.Ref, get func(string) *T) []view.Link {
	var out []view.Link
	seen := map[string]bool{}
	for _, r := range rs {
		if x := get(r.ID); x != nil && !seen[r.ID] {
			seen[r.ID] = true
			out = append(out, v.link(R(x)))
		}
	}
	return out
}

// ref resolves one reference, or gives nil.
func ref[T any, R interface {
	*T
	model.Record
}](v *views, r model.Ref, get func(string) *T) *view.Link {
	if x := get(r.ID); x != nil {
		l := v.link(R(x))
		return &l
	}
	return nil
}

func (v *views) roleCard(r *model.Role) view.RoleCard {
	steps := v.steps(r)
	c := view.RoleCard{Link: v.link(r), ID: r.ID, Steps: len(steps), StepList: stepList(steps)}
	if len(steps) > 0 {
		l := v.link(steps[0].guide)
		c.Start = &l
	}
	c.Pathway = make([]view.StepLink, len(steps))
	for i, s := range steps {
		l := v.link(s.guide)
		l.Summary = ""
		c.Pathway[i] = view.StepLink{ID: s.guide.ID, Link: l}
	}
	return c
}

// step is a step of a role's pathway whose guide exists.
type step struct {
	guide *model.Guide
	why   string
}

// steps returns the steps of r's pathway, leaving out any whose guide does
// not exist or came before: the pathway as every page shows it.
func (v *views) steps(r *model.Role) []step {
	var out []step
	seen := map[string]bool{}
	for _, s := range r.Pathway {
		gd := v.g.Guide(s.Guide.ID)
		if gd == nil || seen[gd.ID] {
			continue
		}
		seen[gd.ID] = true
		out = append(out, step{gd, s.Why})
	}
	return out
}

// stepList is the value of a data-steps attribute: guide ids separated by
// spaces.
func stepList(steps []step) string {
	ids := make([]string, len(steps))
	for i, s := range steps {
		ids[i] = s.guide.ID
	}
	return strings.Join(ids, " ")
}

func (v *views) storyCard(s *model.Story) view.StoryCard {
	return view.StoryCard{Link: v.link(s), Date: s.Date, DateText: v.date(s.Date), Example: s.Example}
}

func (v *views) systemCard(s *model.System) view.SystemCard {
	return view.SystemCard{Link: v.link(s), Code: s.Code, Guides: len(v.g.SystemGuides[s])}
}

// dateText writes a YYYY-MM-DD date as "March 14, 2025".
// date writes a date, YYYY-MM-DD, as the site's language does.
func (v *views) date(d string) string { return v.w.Date(d) }

func (v *views) prompt(n int, p *model.Prompt) view.PromptView {
	pv := view.PromptView{N: n, ID: p.ID, InputID: "prompt-" + p.ID, Kind: p.Kind, Text: p.Text, Help: p.Help}
	switch p.Kind {
	case "text":
		pv.Lines = make([]int, p.WritingLines())
	case "scale":
		lo, hi := p.Scale.Range()
		for i := lo; i <= hi; i++ {
			s := strconv.Itoa(i)
			pv.Options = append(pv.Options, view.OptionView{Value: s, Label: s, InputID: pv.InputID + "-" + s})
		}
		pv.Low, pv.High = strconv.Itoa(lo), strconv.Itoa(hi)
		pv.MinLabel, pv.MaxLabel = p.Scale.MinLabel, p.Scale.MaxLabel
	case "choice":
		for i, c := range p.Choices {
			pv.Options = append(pv.Options, view.OptionView{Value: c, Label: c, InputID: pv.InputID + "-" + strconv.Itoa(i+1)})
		}
	}
	return pv
}

// languageName returns the name of the language tag in the language itself.
func languageName(tag string) string {
	t := language.Make(tag)
	if name := display.Self.Name(t); name != "" {
		return name
	}
	return tag
}
