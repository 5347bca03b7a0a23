package publish

import (
	_ "embed"
	"io"
	"slices"

	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/route"
)

// schema is the JSON Schema of playbook.json, published beside it,
// generated from the types below by package schema.
//
//go:embed playbook-export.schema.json
var schema []byte

// Schema returns the JSON Schema that playbook.json follows.
func Schema() []byte { return schema }

// ExportVersion is the version of playbook.json's format; it changes only
// when a field is removed or changes meaning. The schema's "version" is
// this number (the const tag of Export.Version; TestExportSchema checks
// that the two agree).
const ExportVersion = 1

// The record types below are playbook.json, field for field: encoding/json
// writes them, and package schema generates the file's JSON Schema from
// them (playbook-export.schema.json; run go test ./internal/schema -update
// after changing them). Their doc comments are the schema's descriptions,
// written for whoever reads the file, and their tags its rules: a field
// without omitempty is always written, so the schema requires it;
// required:"true" says it is never empty; format:"slug", "code", "date",
// "address" (a full URL, or a site path when the site's address is not
// known) and "url" (a web address) give its pattern, and on a list that of
// each element; enum, const and minimum are JSON Schema's.

// Export is the whole playbook as data, written to playbook.json for the
// tools and sites around it. It holds the roles and their pathways, the performance
// systems, the goals, the success stories, the practice guides with their
// rendered HTML, the checklists, the reflection forms and the groups of
// guides. References are ids (codes for performance systems), and only
// those that resolve. Lists keep the order of the playbook's files; guides
// are sorted by id. Addresses are full URLs when the site's address is
// known, and site paths otherwise. Written by playbook build.
type Export struct {
	// Schema is the address of this schema.
	Schema string `json:"$schema"`
	// Version of the file's format; it changes only when a field is removed or changes meaning.
	Version int `json:"version" const:"1"`
	// Title of the playbook.
	Title string `json:"title" required:"true"`
	// District that publishes the playbook.
	District string `json:"district" required:"true"`
	// Description of the playbook, one or two sentences.
	Description string `json:"description"`
	// Language of the content, a BCP 47 tag.
	Language string `json:"language"`
	// URL of the playbook's home page.
	URL string `json:"url" format:"address"`
	// Roles are the parts people play in the district, in the order of the playbook.
	Roles []ExportRole `json:"roles"`
	// Systems are the performance systems.
	Systems []ExportSystem `json:"systems"`
	// Goals are the district's goals.
	Goals []ExportGoal `json:"goals"`
	// Stories are the success stories.
	Stories []ExportStory `json:"stories"`
	// Guides are the practice guides, sorted by id.
	Guides []ExportGuide `json:"guides"`
	// Checklists are the checklists.
	Checklists []ExportChecklist `json:"checklists"`
	// Reflections are the reflection forms.
	Reflections []ExportReflection `json:"reflections"`
	// Groups are the groups of guides, in the order the guides index shows them.
	Groups []ExportGroup `json:"groups"`
}

// ExportRole is a part people play in the district, and its pathway of
// guides.
type ExportRole struct {
	// ID of the role, a lowercase slug.
	ID string `json:"id" format:"slug"`
	// Name of the role as readers know it.
	Name string `json:"name" required:"true"`
	// Summary of what leading looks like in the role, one sentence.
	Summary string `json:"summary"`
	// DescriptionHTML is the role's description, rendered to HTML.
	DescriptionHTML string `json:"descriptionHTML"`
	// Spheres of influence: where people in the role can change things.
	Spheres []string `json:"spheres"`
	// Pathway is the ordered list of guides for the role.
	Pathway []ExportStep `json:"pathway"`
	// Checklist is the id of the role's checklist, if it has one.
	Checklist string `json:"checklist,omitempty" format:"slug"`
	// Audience is whom the role's text is written for: "students" on the role of students, absent on the others.
	Audience string `json:"audience,omitempty" enum:"students"`
	// URL of the role's page.
	URL string `json:"url" format:"address"`
}

// ExportStep is a step of a role's pathway.
type ExportStep struct {
	// Guide is the id of the step's guide.
	Guide string `json:"guide" format:"slug"`
	// Why the step matters for the role.
	Why string `json:"why"`
}

// ExportSystem is a performance system.
type ExportSystem struct {
	// Code of the system in capitals.
	Code string `json:"code" format:"code"`
	// Name of the system.
	Name string `json:"name" required:"true"`
	// Sector the system belongs to.
	Sector string `json:"sector"`
	// Summary of the system, one sentence.
	Summary string `json:"summary"`
	// DefinitionHTML is the system's definition, rendered to HTML.
	DefinitionHTML string `json:"definitionHTML"`
	// URL of the system's page.
	URL string `json:"url" format:"address"`
}

// ExportGoal is a district goal.
type ExportGoal struct {
	// ID of the goal, a lowercase slug.
	ID string `json:"id" format:"slug"`
	// Title of the goal: the result sought.
	Title string `json:"title" required:"true"`
	// Status of the goal.
	Status string `json:"status" enum:"active,met,retired"`
	// Summary of the goal, one sentence.
	Summary string `json:"summary"`
	// WhyHTML is why the goal matters, rendered to HTML.
	WhyHTML string `json:"whyHTML"`
	// Indicators are the names of the goal's leading indicators.
	Indicators []string `json:"indicators"`
	// Owners are the ids of the roles that carry the goal.
	Owners []string `json:"owners" format:"slug"`
	// Guides are the ids of the guides that serve the goal: its strategies, then the guides that name it.
	Guides []string `json:"guides" format:"slug"`
	// Questions are the questions of goal setting, answered for this goal; those not answered are left out.
	Questions ExportQuestions `json:"questions"`
	// Sources are the works the goal's claims rest on.
	Sources []ExportSource `json:"sources"`
	// URL of the goal's page.
	URL string `json:"url" format:"address"`
	// IndicatorData holds each leading indicator, in the order of indicators, with what has been measured of it.
	IndicatorData []ExportIndicator `json:"indicatorData"`
}

// ExportQuestions are the answers to the questions of goal setting. The
// fields are in the order of their names, as the file has always had them.
type ExportQuestions struct {
	// Actions: the clear, short-term steps that drive the work.
	Actions string `json:"actions,omitempty"`
	// Monitoring: how progress is monitored and shared.
	Monitoring string `json:"monitoring,omitempty"`
	// Priorities: the priorities that most narrow achievement gaps.
	Priorities string `json:"priorities,omitempty"`
	// Systems: the strengths to build on and the barriers to remove.
	Systems string `json:"systems,omitempty"`
	// Vision: the vision the district strives for.
	Vision string `json:"vision,omitempty"`
}

// ExportIndicator is a leading indicator of a goal and what has been
// measured of it.
type ExportIndicator struct {
	// Name of the indicator: what is counted or measured.
	Name string `json:"name" required:"true"`
	// Unit written after each value.
	Unit string `json:"unit,omitempty"`
	// Target is the value the goal aims for.
	Target *float64 `json:"target,omitempty"`
	// Baseline is the value when the work began.
	Baseline *float64 `json:"baseline,omitempty"`
	// Measurements are the values measured, in the order the playbook lists them.
	Measurements []ExportMeasurement `json:"measurements"`
}

// ExportMeasurement is a value of an indicator and the date it was
// measured.
type ExportMeasurement struct {
	// Date the value was measured.
	Date string `json:"date" format:"date"`
	// Value measured, without its unit.
	Value float64 `json:"value"`
}

// ExportStory is a success story and the evidence of its impact.
type ExportStory struct {
	// ID of the story, a lowercase slug.
	ID string `json:"id" format:"slug"`
	// Title of the story.
	Title string `json:"title" required:"true"`
	// Date of the story.
	Date string `json:"date" format:"date"`
	// Example is true for a story written to show the format, not a real event.
	Example bool `json:"example"`
	// Summary of the story, one sentence.
	Summary string `json:"summary"`
	// Roles are the ids of the roles that took part.
	Roles []string `json:"roles" format:"slug"`
	// Systems are the codes of the performance systems the story shows.
	Systems []string `json:"systems" format:"code"`
	// Guides are the ids of the guides whose practices the story shows.
	Guides []string `json:"guides" format:"slug"`
	// Goals are the ids of the goals the story served.
	Goals []string `json:"goals" format:"slug"`
	// Evidence of the story's impact, one piece per entry.
	Evidence []string `json:"evidence"`
	// BodyHTML is the story itself, rendered to HTML.
	BodyHTML string `json:"bodyHTML"`
	// URL of the story's page.
	URL string `json:"url" format:"address"`
}

// ExportGuide is a practice guide, with its rendered HTML.
type ExportGuide struct {
	// ID of the guide: its file name without .md.
	ID string `json:"id" format:"slug"`
	// Title of the guide.
	Title string `json:"title" required:"true"`
	// Summary of the practice, one sentence.
	Summary string `json:"summary"`
	// Date the guide was added, if given.
	Date string `json:"date,omitempty" format:"date"`
	// Roles are the ids of the roles the guide is written for.
	Roles []string `json:"roles" format:"slug"`
	// Systems are the codes of the performance systems the practice serves.
	Systems []string `json:"systems" format:"code"`
	// Goals are the ids of the goals the practice serves.
	Goals []string `json:"goals" format:"slug"`
	// Checklist is the id of the checklist that goes with the guide, if any.
	Checklist string `json:"checklist,omitempty" format:"slug"`
	// Reflection is the id of the reflection form that goes with the guide, if any.
	Reflection string `json:"reflection,omitempty" format:"slug"`
	// Links are the ids of the guides its text links to, in id order.
	Links []string `json:"links" format:"slug"`
	// Related are the ids of the guides its page suggests next, best first.
	Related []string `json:"related" format:"slug"`
	// HTML is the guide's text, rendered to HTML, its links rewritten to site addresses.
	HTML string `json:"html"`
	// URL of the guide's page.
	URL string `json:"url" format:"address"`
	// Group is the id of the group of guides it belongs to, if any.
	Group string `json:"group,omitempty" format:"slug"`
	// Audience is whom the guide is written for: "students" on a guide written for students, absent on the others.
	Audience string `json:"audience,omitempty" enum:"students"`
	// Time the practice takes, in a phrase.
	Time string `json:"time,omitempty"`
	// FirstStep is a first step a reader can take in twenty minutes or less.
	FirstStep string `json:"firstStep,omitempty"`
	// Signs that the practice is working, one per entry.
	Signs []string `json:"signs"`
	// Questions that ask for evidence of the practice's impact, one per entry.
	Questions []string `json:"questions"`
	// TakePart is what to do when taking part in the practice rather than organizing it, one step per entry.
	TakePart []string `json:"takePart"`
	// Sources are the works the guide's claims rest on.
	Sources []ExportSource `json:"sources"`
}

// ExportSource is a work a guide or goal draws on, shown as a reference.
type ExportSource struct {
	// Title of the work.
	Title string `json:"title" required:"true"`
	// URL where a reader can find the work.
	URL string `json:"url,omitempty" format:"url"`
	// Publisher of the work, or its authors.
	Publisher string `json:"publisher,omitempty"`
	// Year the work was published.
	Year int `json:"year,omitempty"`
	// Note on what the playbook takes from the work.
	Note string `json:"note,omitempty"`
}

// ExportGroup is a group of practice guides.
type ExportGroup struct {
	// ID of the group, a lowercase slug.
	ID string `json:"id" format:"slug"`
	// Name of the group.
	Name string `json:"name" required:"true"`
	// Summary of what the group's practices have in common.
	Summary string `json:"summary"`
	// Guides are the ids of the group's guides.
	Guides []string `json:"guides" format:"slug"`
	// URL of the group on the guides index.
	URL string `json:"url" format:"address"`
}

// ExportChecklist is a checklist in sections; its items' ids are stable.
type ExportChecklist struct {
	// ID of the checklist, a lowercase slug.
	ID string `json:"id" format:"slug"`
	// Title of the checklist.
	Title string `json:"title" required:"true"`
	// Summary of the checklist, one sentence.
	Summary string `json:"summary"`
	// Sections of the checklist, in order.
	Sections []ExportSection `json:"sections"`
	// URL of the checklist's page.
	URL string `json:"url" format:"address"`
	// Scale says how each item is answered: "ticks" (ticked or not) or "levels" (not yet, partly or yes).
	Scale string `json:"scale" enum:"ticks,levels"`
	// Evidence is true when each item asks how we know.
	Evidence bool `json:"evidence"`
	// ProtocolHTML is how to use the checklist in a meeting, rendered to HTML, if given.
	ProtocolHTML string `json:"protocolHTML,omitempty"`
	// TallyURL is the address of the printable tally sheet of a checklist with levels.
	TallyURL string `json:"tallyURL,omitempty" format:"address"`
}

// ExportSection is a section of a checklist.
type ExportSection struct {
	// Title of the section.
	Title string `json:"title"`
	// Items of the section, in order.
	Items []ExportItem `json:"items"`
}

// ExportItem is a checklist item.
type ExportItem struct {
	// ID of the item, stable as the text changes.
	ID string `json:"id" format:"slug"`
	// Text of the item.
	Text string `json:"text" required:"true"`
}

// ExportReflection is a printable reflection form; its prompts' ids are
// stable.
type ExportReflection struct {
	// ID of the form, a lowercase slug.
	ID string `json:"id" format:"slug"`
	// Title of the form.
	Title string `json:"title" required:"true"`
	// Summary of the form, one sentence.
	Summary string `json:"summary"`
	// Prompts of the form, in order.
	Prompts []ExportPrompt `json:"prompts"`
	// URL of the form's page.
	URL string `json:"url" format:"address"`
}

// ExportPrompt is a prompt of a reflection form, its defaults applied.
type ExportPrompt struct {
	// ID of the prompt, stable as the text changes.
	ID string `json:"id" format:"slug"`
	// Kind of answer: written text, a number on a scale, or one of a few choices.
	Kind string `json:"kind" enum:"text,scale,choice"`
	// Text of the prompt.
	Text string `json:"text" required:"true"`
	// Help shown under the prompt.
	Help string `json:"help"`
	// Lines is the number of ruled lines on the blank printed form, for a text prompt.
	Lines int `json:"lines,omitempty" minimum:"1"`
	// Scale is the range of a scale prompt.
	Scale *ExportScale `json:"scale,omitempty"`
	// Choices of a choice prompt.
	Choices []string `json:"choices,omitempty"`
}

// ExportScale is the range of a scale prompt.
type ExportScale struct {
	// Min is the lowest value.
	Min int `json:"min"`
	// Max is the highest value.
	Max int `json:"max"`
	// MinLabel describes the lowest value.
	MinLabel string `json:"minLabel"`
	// MaxLabel describes the highest value.
	MaxLabel string `json:"maxLabel"`
}

// exporter makes the records of playbook.json, one at a time, so that
// WriteExport can write each before it makes the next: the guides' HTML
// is most of the file, and a second copy of the whole in memory would be
// 45 MB at 10,000 guides.
type exporter struct {
	*site
	linksOf map[string][]string // by guide id, the guides its text links to
}

func newExporter(g *link.Graph) *exporter {
	x := &exporter{site: newSite(g), linksOf: map[string][]string{}}
	for to, froms := range g.Backlinks {
		for _, from := range froms {
			x.linksOf[from.ID] = append(x.linksOf[from.ID], to.ID)
		}
	}
	return x
}

func (x *exporter) role(r *model.Role) ExportRole {
	g := x.g
	er := ExportRole{ID: r.ID, Name: r.Name, Summary: r.Summary, DescriptionHTML: r.Description.HTML,
		Spheres: nonNil(r.Spheres), Pathway: []ExportStep{}, URL: x.url(route.Role(r.ID))}
	if g.Checklist(r.Checklist.ID) != nil {
		er.Checklist = r.Checklist.ID
	}
	if r.Audience == model.AudienceStudents {
		er.Audience = r.Audience
	}
	for _, st := range r.Pathway {
		if g.Guide(st.Guide.ID) != nil {
			er.Pathway = append(er.Pathway, ExportStep{Guide: st.Guide.ID, Why: st.Why})
		}
	}
	return er
}

func (x *exporter) system(sy *model.System) ExportSystem {
	return ExportSystem{Code: sy.Code, Name: sy.Name, Sector: sy.Sector, Summary: sy.Summary,
		DefinitionHTML: sy.Definition.HTML, URL: x.url(route.System(sy.Code))}
}

func (x *exporter) goal(gl *model.Goal) ExportGoal {
	g := x.g
	q := gl.Questions
	eg := ExportGoal{ID: gl.ID, Title: gl.Title, Status: gl.Status, Summary: gl.Summary, WhyHTML: gl.Why.HTML,
		Indicators: gl.IndicatorNames(), Owners: ids(gl.Owners, g.Role), Guides: []string{},
		Questions: ExportQuestions{Actions: q.Actions, Monitoring: q.Monitoring, Priorities: q.Priorities, Systems: q.Systems, Vision: q.Vision},
		Sources:   sources(gl.Sources), URL: x.url(route.Goal(gl.ID)), IndicatorData: make([]ExportIndicator, len(gl.Indicators))}
	for i, in := range gl.Indicators {
		ei := ExportIndicator{Name: in.Name, Unit: in.Unit, Target: in.Target, Baseline: in.Baseline,
			Measurements: make([]ExportMeasurement, 0, len(in.Measurements))}
		for _, m := range in.Measurements {
			if m.Value != nil {
				ei.Measurements = append(ei.Measurements, ExportMeasurement{Date: m.Date, Value: *m.Value})
			}
		}
		eg.IndicatorData[i] = ei
	}
	for _, gd := range g.GoalGuides[gl] {
		eg.Guides = append(eg.Guides, gd.ID)
	}
	return eg
}

func (x *exporter) story(st *model.Story) ExportStory {
	g := x.g
	return ExportStory{ID: st.ID, Title: st.Title, Date: st.Date, Example: st.Example, Summary: st.Summary,
		Roles: ids(st.Roles, g.Role), Systems: x.systemCodes(st.Systems), Guides: ids(st.Guides, g.Guide), Goals: ids(st.Goals, g.Goal),
		Evidence: nonNil(st.Evidence), BodyHTML: st.Body.HTML, URL: x.url(route.Story(st.ID))}
}

func (x *exporter) guide(gd *model.Guide) ExportGuide {
	g := x.g
	eg := ExportGuide{ID: gd.ID, Title: gd.Title, Summary: gd.Summary, Date: gd.Date,
		Roles: ids(gd.Roles, g.Role), Systems: x.systemCodes(gd.Systems), Goals: make([]string, 0, len(g.GuideGoals[gd])),
		Links: slices.Clone(x.linksOf[gd.ID]), Related: make([]string, 0, len(g.Related[gd])), HTML: gd.Body.HTML, URL: x.url(route.Guide(gd.ID))}
	if eg.Links == nil {
		eg.Links = []string{}
	}
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
	slices.Sort(eg.Links)
	for _, r := range g.Related[gd] {
		eg.Related = append(eg.Related, r.ID)
	}
	if g.Group(gd.Group.ID) != nil {
		eg.Group = gd.Group.ID
	}
	if gd.Audience == model.AudienceStudents {
		eg.Audience = gd.Audience
	}
	eg.Time, eg.FirstStep = gd.Time, gd.FirstStep
	eg.Signs, eg.Questions, eg.TakePart = nonNil(gd.Signs), nonNil(gd.Questions), nonNil(gd.TakePart)
	eg.Sources = sources(gd.Sources)
	return eg
}

// sources are a guide's or goal's sources, never nil.
func sources(srcs []model.Source) []ExportSource {
	out := make([]ExportSource, len(srcs))
	for i, s := range srcs {
		out[i] = ExportSource{Title: s.Title, URL: s.URL, Publisher: s.Publisher, Year: s.Year, Note: s.Note}
	}
	return out
}

func (x *exporter) group(gr *model.Group) ExportGroup {
	eg := ExportGroup{ID: gr.ID, Name: gr.Name, Summary: gr.Summary, Guides: []string{}, URL: x.url(route.Guides()) + "#" + route.GroupAnchor(gr.ID)}
	for _, gd := range x.g.GroupGuides[gr] {
		eg.Guides = append(eg.Guides, gd.ID)
	}
	return eg
}

func (x *exporter) checklist(cl *model.Checklist) ExportChecklist {
	ec := ExportChecklist{ID: cl.ID, Title: cl.Title, Summary: cl.Summary, Sections: []ExportSection{}, URL: x.url(route.Checklist(cl.ID)),
		Scale: model.ScaleTicks, Evidence: cl.Evidence, ProtocolHTML: cl.Protocol.HTML}
	if cl.Levels() {
		ec.Scale, ec.TallyURL = model.ScaleLevels, x.url(route.Tally(cl.ID))
	}
	for _, sec := range cl.Sections {
		es := ExportSection{Title: sec.Title, Items: []ExportItem{}}
		for _, it := range sec.Items {
			es.Items = append(es.Items, ExportItem{ID: it.ID, Text: it.Text})
		}
		ec.Sections = append(ec.Sections, es)
	}
	return ec
}

func (x *exporter) reflection(rf *model.Reflection) ExportReflection {
	er := ExportReflection{ID: rf.ID, Title: rf.Title, Summary: rf.Summary, Prompts: []ExportPrompt{}, URL: x.url(route.Reflection(rf.ID))}
	for _, p := range rf.Prompts {
		ep := ExportPrompt{ID: p.ID, Kind: p.Kind, Text: p.Text, Help: p.Help}
		switch p.Kind {
		case "text":
			ep.Lines = p.WritingLines()
		case "scale":
			lo, hi := p.Scale.Range()
			ep.Scale = &ExportScale{Min: lo, Max: hi, MinLabel: p.Scale.MinLabel, MaxLabel: p.Scale.MaxLabel}
		case "choice":
			ep.Choices = p.Choices
		}
		er.Prompts = append(er.Prompts, ep)
	}
	return er
}

// WriteExport writes playbook.json to w, each record as soon as it is
// made. The fields are those of Export, in its order.
func WriteExport(w io.Writer, g *link.Graph) error {
	x := newExporter(g)
	c := g.Config
	f := newJSONFile(w)
	f.field("$schema", x.url("/"+SchemaFile))
	f.field("version", ExportVersion)
	f.field("title", c.Title)
	f.field("district", c.District)
	f.field("description", c.Description)
	f.field("language", c.Language)
	f.field("url", x.url(route.Home))
	fieldList(f, "roles", records(g.Roles, x.role))
	fieldList(f, "systems", records(g.Systems, x.system))
	fieldList(f, "goals", records(g.Goals, x.goal))
	fieldList(f, "stories", records(g.Stories, x.story))
	fieldList(f, "guides", records(g.Guides, x.guide))
	fieldList(f, "checklists", records(g.Checklists, x.checklist))
	fieldList(f, "reflections", records(g.Reflections, x.reflection))
	fieldList(f, "groups", records(g.Groups, x.group))
	return f.end()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
