package publish

import (
	_ "embed"
	"io"
	"slices"

	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/route"
)

// schema is the JSON Schema of playbook.json, published beside it.
//
//go:embed playbook-export.schema.json
var schema []byte

// Schema returns the JSON Schema that playbook.json follows.
func Schema() []byte { return schema }

// ExportVersion is the version of playbook.json's format; it changes only
// when a field is removed or changes meaning.
const ExportVersion = 1

// Export is playbook.json: the whole playbook graph. References are ids
// (system codes for systems) and only those that resolve; lists keep the
// order of the files, guides are sorted by id.
type Export struct {
	Schema      string             `json:"$schema"`
	Version     int                `json:"version"`
	Title       string             `json:"title"`
	District    string             `json:"district"`
	Description string             `json:"description"`
	Language    string             `json:"language"`
	URL         string             `json:"url"`
	Roles       []ExportRole       `json:"roles"`
	Systems     []ExportSystem     `json:"systems"`
	Goals       []ExportGoal       `json:"goals"`
	Stories     []ExportStory      `json:"stories"`
	Guides      []ExportGuide      `json:"guides"`
	Checklists  []ExportChecklist  `json:"checklists"`
	Reflections []ExportReflection `json:"reflections"`
}

// ExportRole is a role and its pathway.
type ExportRole struct {
	ID              string       `json:"id"`
	Name            string       `json:"name"`
	Summary         string       `json:"summary"`
	DescriptionHTML string       `json:"descriptionHTML"`
	Spheres         []string     `json:"spheres"`
	Pathway         []ExportStep `json:"pathway"`
	Checklist       string       `json:"checklist,omitempty"`
	URL             string       `json:"url"`
}

// ExportStep is a step of a role's pathway.
type ExportStep struct {
	Guide string `json:"guide"`
	Why   string `json:"why"`
}

// ExportSystem is a performance system.
type ExportSystem struct {
	Code           string `json:"code"`
	Name           string `json:"name"`
	Sector         string `json:"sector"`
	Summary        string `json:"summary"`
	DefinitionHTML string `json:"definitionHTML"`
	URL            string `json:"url"`
}

// ExportGoal is a district goal.
type ExportGoal struct {
	ID         string            `json:"id"`
	Title      string            `json:"title"`
	Status     string            `json:"status"`
	Summary    string            `json:"summary"`
	WhyHTML    string            `json:"whyHTML"`
	Indicators []string          `json:"indicators"`
	Owners     []string          `json:"owners"`
	Guides     []string          `json:"guides"` // strategies first, then guides naming the goal
	Questions  map[string]string `json:"questions"`
	URL        string            `json:"url"`
}

// ExportStory is a success story.
type ExportStory struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Date     string   `json:"date"`
	Example  bool     `json:"example"`
	Summary  string   `json:"summary"`
	Roles    []string `json:"roles"`
	Systems  []string `json:"systems"`
	Guides   []string `json:"guides"`
	Goals    []string `json:"goals"`
	Evidence []string `json:"evidence"`
	BodyHTML string   `json:"bodyHTML"`
	URL      string   `json:"url"`
}

// ExportGuide is a practice guide with its rendered HTML.
type ExportGuide struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Summary    string   `json:"summary"`
	Date       string   `json:"date,omitempty"`
	Roles      []string `json:"roles"`
	Systems    []string `json:"systems"`
	Goals      []string `json:"goals"`
	Checklist  string   `json:"checklist,omitempty"`
	Reflection string   `json:"reflection,omitempty"`
	Links      []string `json:"links"`   // guides its text links to
	Related    []string `json:"related"` // guides its page suggests, best first
	HTML       string   `json:"html"`
	URL        string   `json:"url"`
}

// ExportChecklist is a checklist.
type ExportChecklist struct {
	ID       string          `json:"id"`
	Title    string          `json:"title"`
	Summary  string          `json:"summary"`
	Sections []ExportSection `json:"sections"`
	URL      string          `json:"url"`
}

// ExportSection is a section of a checklist.
type ExportSection struct {
	Title string       `json:"title"`
	Items []ExportItem `json:"items"`
}

// ExportItem is a checklist item.
type ExportItem struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// ExportReflection is a reflection form.
type ExportReflection struct {
	ID      string         `json:"id"`
	Title   string         `json:"title"`
	Summary string         `json:"summary"`
	Prompts []ExportPrompt `json:"prompts"`
	URL     string         `json:"url"`
}

// ExportPrompt is a prompt of a reflection form, defaults applied.
type ExportPrompt struct {
	ID      string       `json:"id"`
	Kind    string       `json:"kind"`
	Text    string       `json:"text"`
	Help    string       `json:"help"`
	Lines   int          `json:"lines,omitempty"`
	Scale   *ExportScale `json:"scale,omitempty"`
	Choices []string     `json:"choices,omitempty"`
}

// ExportScale is the range of a scale prompt.
type ExportScale struct {
	Min      int    `json:"min"`
	Max      int    `json:"max"`
	MinLabel string `json:"minLabel"`
	MaxLabel string `json:"maxLabel"`
}

// ExportOf returns the export of the playbook in g.
func ExportOf(g *link.Graph) *Export {
	s := newSite(g)
	c := g.Config
	e := &Export{Schema: s.url("/" + SchemaFile), Version: ExportVersion, Title: c.Title, District: c.District,
		Description: c.Description, Language: c.Language, URL: s.url(route.Home),
		Roles: []ExportRole{}, Systems: []ExportSystem{}, Goals: []ExportGoal{}, Stories: []ExportStory{},
		Guides: []ExportGuide{}, Checklists: []ExportChecklist{}, Reflections: []ExportReflection{}}
	for _, r := range g.Roles {
		er := ExportRole{ID: r.ID, Name: r.Name, Summary: r.Summary, DescriptionHTML: r.Description.HTML,
			Spheres: nonNil(r.Spheres), Pathway: []ExportStep{}, URL: s.url(route.Role(r.ID))}
		if g.Checklist(r.Checklist.ID) != nil {
			er.Checklist = r.Checklist.ID
		}
		for _, st := range r.Pathway {
			if g.Guide(st.Guide.ID) != nil {
				er.Pathway = append(er.Pathway, ExportStep{Guide: st.Guide.ID, Why: st.Why})
			}
		}
		e.Roles = append(e.Roles, er)
	}
	for _, sy := range g.Systems {
		e.Systems = append(e.Systems, ExportSystem{Code: sy.Code, Name: sy.Name, Sector: sy.Sector, Summary: sy.Summary,
			DefinitionHTML: sy.Definition.HTML, URL: s.url(route.System(sy.Code))})
	}
	for _, gl := range g.Goals {
		q := gl.Questions
		eg := ExportGoal{ID: gl.ID, Title: gl.Title, Status: gl.Status, Summary: gl.Summary, WhyHTML: gl.Why.HTML,
			Indicators: nonNil(gl.Indicators), Owners: ids(gl.Owners, g.Role), Guides: []string{},
			Questions: map[string]string{}, URL: s.url(route.Goal(gl.ID))}
		for _, gd := range g.GoalGuides[gl] {
			eg.Guides = append(eg.Guides, gd.ID)
		}
		for k, v := range map[string]string{"vision": q.Vision, "priorities": q.Priorities, "systems": q.Systems, "actions": q.Actions, "monitoring": q.Monitoring} {
			if v != "" {
				eg.Questions[k] = v
			}
		}
		e.Goals = append(e.Goals, eg)
	}
	for _, st := range g.Stories {
		e.Stories = append(e.Stories, ExportStory{ID: st.ID, Title: st.Title, Date: st.Date, Example: st.Example, Summary: st.Summary,
			Roles: ids(st.Roles, g.Role), Systems: s.systemCodes(st.Systems), Guides: ids(st.Guides, g.Guide), Goals: ids(st.Goals, g.Goal),
			Evidence: nonNil(st.Evidence), BodyHTML: st.Body.HTML, URL: s.url(route.Story(st.ID))})
	}
	linksOf := map[string][]string{}
	for to, froms := range g.Backlinks {
		for _, from := range froms {
			linksOf[from.ID] = append(linksOf[from.ID], to.ID)
		}
	}
	for _, gd := range g.Guides {
		eg := ExportGuide{ID: gd.ID, Title: gd.Title, Summary: gd.Summary, Date: gd.Date,
			Roles: ids(gd.Roles, g.Role), Systems: s.systemCodes(gd.Systems), Goals: []string{},
			Links: []string{}, Related: []string{}, HTML: gd.Body.HTML, URL: s.url(route.Guide(gd.ID))}
		if g.Checklist(gd.Checklist.ID) != nil {
			eg.Checklist = gd.Checklist.ID
		}
		if g.Reflection(gd.Reflection.ID) != nil {
			eg.Reflection = gd.Reflection.ID
		}
		for _, gl := range g.GuideGoals[gd] {
			eg.Goals = append(eg.Goals, gl.ID)
		}
		// The guides it links to, in id order (the body's order is not kept).
		eg.Links = append(eg.Links, linksOf[gd.ID]...)
		slices.Sort(eg.Links)
		for _, r := range g.Related[gd] {
			eg.Related = append(eg.Related, r.ID)
		}
		e.Guides = append(e.Guides, eg)
	}
	for _, cl := range g.Checklists {
		ec := ExportChecklist{ID: cl.ID, Title: cl.Title, Summary: cl.Summary, Sections: []ExportSection{}, URL: s.url(route.Checklist(cl.ID))}
		for _, sec := range cl.Sections {
			es := ExportSection{Title: sec.Title, Items: []ExportItem{}}
			for _, it := range sec.Items {
				es.Items = append(es.Items, ExportItem{ID: it.ID, Text: it.Text})
			}
			ec.Sections = append(ec.Sections, es)
		}
		e.Checklists = append(e.Checklists, ec)
	}
	for _, rf := range g.Reflections {
		er := ExportReflection{ID: rf.ID, Title: rf.Title, Summary: rf.Summary, Prompts: []ExportPrompt{}, URL: s.url(route.Reflection(rf.ID))}
		for _, p := range rf.Prompts {
			ep := ExportPrompt{ID: p.ID, Kind: p.Kind, Text: p.Text, Help: p.Help}
			switch p.Kind {
			case "text":
				ep.Lines = p.Lines
				if ep.Lines == 0 {
					ep.Lines = 4
				}
			case "scale":
				lo, hi := link.ScaleRange(p.Scale)
				ep.Scale = &ExportScale{Min: lo, Max: hi, MinLabel: p.Scale.MinLabel, MaxLabel: p.Scale.MaxLabel}
			case "choice":
				ep.Choices = p.Choices
			}
			er.Prompts = append(er.Prompts, ep)
		}
		e.Reflections = append(e.Reflections, er)
	}
	return e
}

// ExportJSON returns playbook.json.
func ExportJSON(g *link.Graph) []byte {
	size := 1 << 16
	for _, gd := range g.Guides {
		size += len(gd.Body.HTML) + len(gd.Body.HTML)/8 + 512
	}
	return marshal(ExportOf(g), size)
}

// WriteExport writes playbook.json to w, as ExportJSON returns it.
func WriteExport(w io.Writer, g *link.Graph) error { return encodeTo(w, ExportOf(g)) }

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
