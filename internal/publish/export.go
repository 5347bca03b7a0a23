package publish

import (
	_ "embed"
	"io"
	"iter"
	"slices"

	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/model"
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
	Groups      []ExportGroup      `json:"groups"`
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
	Audience        string       `json:"audience,omitempty"` // "students" for the role of students
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
	Indicators []string          `json:"indicators"` // their names
	Owners     []string          `json:"owners"`
	Guides     []string          `json:"guides"` // strategies first, then guides naming the goal
	Questions  map[string]string `json:"questions"`
	Sources    []ExportSource    `json:"sources"`
	URL        string            `json:"url"`
	// IndicatorData holds each indicator, in the order of Indicators, with
	// its unit, target, baseline and measurements.
	IndicatorData []ExportIndicator `json:"indicatorData"`
}

// ExportIndicator is a leading indicator of a goal and what has been
// measured of it.
type ExportIndicator struct {
	Name         string              `json:"name"`
	Unit         string              `json:"unit,omitempty"`
	Target       *float64            `json:"target,omitempty"`
	Baseline     *float64            `json:"baseline,omitempty"`
	Measurements []ExportMeasurement `json:"measurements"` // in the order written
}

// ExportMeasurement is a value of an indicator and the date it was
// measured (YYYY-MM-DD).
type ExportMeasurement struct {
	Date  string  `json:"date"`
	Value float64 `json:"value"`
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
	// What the practice looks like when it works.
	Group     string         `json:"group,omitempty"`
	Audience  string         `json:"audience,omitempty"` // "students" for a guide written for students
	Time      string         `json:"time,omitempty"`
	FirstStep string         `json:"firstStep,omitempty"`
	Signs     []string       `json:"signs"`
	Questions []string       `json:"questions"`
	TakePart  []string       `json:"takePart"`
	Sources   []ExportSource `json:"sources"`
}

// ExportSource is a work a guide or goal draws on.
type ExportSource struct {
	Title     string `json:"title"`
	URL       string `json:"url,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Year      int    `json:"year,omitempty"`
	Note      string `json:"note,omitempty"`
}

// ExportGroup is a group of guides, in the order of data/groups.yaml.
type ExportGroup struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Summary string   `json:"summary"`
	Guides  []string `json:"guides"` // by id
	URL     string   `json:"url"`    // the group on the guides index
}

// ExportChecklist is a checklist.
type ExportChecklist struct {
	ID           string          `json:"id"`
	Title        string          `json:"title"`
	Summary      string          `json:"summary"`
	Sections     []ExportSection `json:"sections"`
	URL          string          `json:"url"`
	Scale        string          `json:"scale"`    // "ticks" or "levels" (not yet, partly, yes)
	Evidence     bool            `json:"evidence"` // each item asks "How do we know?"
	ProtocolHTML string          `json:"protocolHTML,omitempty"`
	TallyURL     string          `json:"tallyURL,omitempty"` // the tally sheet of a checklist with levels
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

// head is the export without its lists.
func (x *exporter) head() *Export {
	c := x.g.Config
	return &Export{Schema: x.url("/" + SchemaFile), Version: ExportVersion, Title: c.Title, District: c.District,
		Description: c.Description, Language: c.Language, URL: x.url(route.Home)}
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
		Questions: map[string]string{}, Sources: sources(gl.Sources), URL: x.url(route.Goal(gl.ID)), IndicatorData: make([]ExportIndicator, len(gl.Indicators))}
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
	for k, v := range map[string]string{"vision": q.Vision, "priorities": q.Priorities, "systems": q.Systems, "actions": q.Actions, "monitoring": q.Monitoring} {
		if v != "" {
			eg.Questions[k] = v
		}
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

// ExportOf returns the export of the playbook in g.
func ExportOf(g *link.Graph) *Export {
	x := newExporter(g)
	e := x.head()
	e.Roles = collect(records(g.Roles, x.role))
	e.Systems = collect(records(g.Systems, x.system))
	e.Goals = collect(records(g.Goals, x.goal))
	e.Stories = collect(records(g.Stories, x.story))
	e.Guides = collect(records(g.Guides, x.guide))
	e.Checklists = collect(records(g.Checklists, x.checklist))
	e.Reflections = collect(records(g.Reflections, x.reflection))
	e.Groups = collect(records(g.Groups, x.group))
	return e
}

// records yields the record of each of l.
func records[S, T any](l []S, record func(S) T) iter.Seq[T] {
	return func(yield func(T) bool) {
		for _, v := range l {
			if !yield(record(v)) {
				return
			}
		}
	}
}

// collect returns the records seq yields; never nil, so that no records
// are written [], as the files always had them.
func collect[T any](seq iter.Seq[T]) []T {
	out := []T{}
	for v := range seq {
		out = append(out, v)
	}
	return out
}

// ExportJSON returns playbook.json.
func ExportJSON(g *link.Graph) []byte {
	size := 1 << 16
	for _, gd := range g.Guides {
		size += len(gd.Body.HTML) + len(gd.Body.HTML)/8 + 512
	}
	j := &jsonWriter{buf: make([]byte, 0, size)}
	writeExport(j, g) // without a destination, it cannot fail
	return j.buf
}

// WriteExport writes playbook.json to w, as ExportJSON returns it, each
// record as soon as it is made.
func WriteExport(w io.Writer, g *link.Graph) error {
	return writeExport(&jsonWriter{buf: make([]byte, 0, flushSize+flushSize/4), w: w}, g)
}

func writeExport(j *jsonWriter, g *link.Graph) error {
	x := newExporter(g)
	e := x.head()
	f := &fileObject{j: j}
	f.str("$schema", e.Schema)
	f.int("version", e.Version)
	f.str("title", e.Title)
	f.str("district", e.District)
	f.str("description", e.Description)
	f.str("language", e.Language)
	f.str("url", e.URL)
	fileList(f, "roles", records(g.Roles, x.role), ExportRole.writeJSON)
	fileList(f, "systems", records(g.Systems, x.system), ExportSystem.writeJSON)
	fileList(f, "goals", records(g.Goals, x.goal), ExportGoal.writeJSON)
	fileList(f, "stories", records(g.Stories, x.story), ExportStory.writeJSON)
	fileList(f, "guides", records(g.Guides, x.guide), ExportGuide.writeJSON)
	fileList(f, "checklists", records(g.Checklists, x.checklist), ExportChecklist.writeJSON)
	fileList(f, "reflections", records(g.Reflections, x.reflection), ExportReflection.writeJSON)
	fileList(f, "groups", records(g.Groups, x.group), ExportGroup.writeJSON)
	return f.end()
}

// The writeJSON methods write each record as encoding/json would, fields
// in the order of the struct (and of its json tags).

func (r ExportRole) writeJSON(j *jsonWriter) {
	j.open()
	j.str("id", r.ID)
	j.str("name", r.Name)
	j.str("summary", r.Summary)
	j.str("descriptionHTML", r.DescriptionHTML)
	j.strs("spheres", r.Spheres)
	list(j, "pathway", r.Pathway, ExportStep.writeJSON)
	j.strOmit("checklist", r.Checklist)
	j.strOmit("audience", r.Audience)
	j.str("url", r.URL)
	j.close()
}

func (s ExportStep) writeJSON(j *jsonWriter) {
	j.open()
	j.str("guide", s.Guide)
	j.str("why", s.Why)
	j.close()
}

func (s ExportSystem) writeJSON(j *jsonWriter) {
	j.open()
	j.str("code", s.Code)
	j.str("name", s.Name)
	j.str("sector", s.Sector)
	j.str("summary", s.Summary)
	j.str("definitionHTML", s.DefinitionHTML)
	j.str("url", s.URL)
	j.close()
}

func (g ExportGoal) writeJSON(j *jsonWriter) {
	j.open()
	j.str("id", g.ID)
	j.str("title", g.Title)
	j.str("status", g.Status)
	j.str("summary", g.Summary)
	j.str("whyHTML", g.WhyHTML)
	j.strs("indicators", g.Indicators)
	j.strs("owners", g.Owners)
	j.strs("guides", g.Guides)
	j.strMap("questions", g.Questions)
	list(j, "sources", g.Sources, ExportSource.writeJSON)
	j.str("url", g.URL)
	list(j, "indicatorData", g.IndicatorData, ExportIndicator.writeJSON)
	j.close()
}

func (in ExportIndicator) writeJSON(j *jsonWriter) {
	j.open()
	j.str("name", in.Name)
	j.strOmit("unit", in.Unit)
	if in.Target != nil {
		j.float("target", *in.Target)
	}
	if in.Baseline != nil {
		j.float("baseline", *in.Baseline)
	}
	list(j, "measurements", in.Measurements, ExportMeasurement.writeJSON)
	j.close()
}

func (m ExportMeasurement) writeJSON(j *jsonWriter) {
	j.open()
	j.str("date", m.Date)
	j.float("value", m.Value)
	j.close()
}

func (s ExportStory) writeJSON(j *jsonWriter) {
	j.open()
	j.str("id", s.ID)
	j.str("title", s.Title)
	j.str("date", s.Date)
	j.bool("example", s.Example)
	j.str("summary", s.Summary)
	j.strs("roles", s.Roles)
	j.strs("systems", s.Systems)
	j.strs("guides", s.Guides)
	j.strs("goals", s.Goals)
	j.strs("evidence", s.Evidence)
	j.str("bodyHTML", s.BodyHTML)
	j.str("url", s.URL)
	j.close()
}

func (g ExportGuide) writeJSON(j *jsonWriter) {
	j.open()
	j.str("id", g.ID)
	j.str("title", g.Title)
	j.str("summary", g.Summary)
	j.strOmit("date", g.Date)
	j.strs("roles", g.Roles)
	j.strs("systems", g.Systems)
	j.strs("goals", g.Goals)
	j.strOmit("checklist", g.Checklist)
	j.strOmit("reflection", g.Reflection)
	j.strs("links", g.Links)
	j.strs("related", g.Related)
	j.str("html", g.HTML)
	j.str("url", g.URL)
	j.strOmit("group", g.Group)
	j.strOmit("audience", g.Audience)
	j.strOmit("time", g.Time)
	j.strOmit("firstStep", g.FirstStep)
	j.strs("signs", g.Signs)
	j.strs("questions", g.Questions)
	j.strs("takePart", g.TakePart)
	list(j, "sources", g.Sources, ExportSource.writeJSON)
	j.close()
}

func (s ExportSource) writeJSON(j *jsonWriter) {
	j.open()
	j.str("title", s.Title)
	j.strOmit("url", s.URL)
	j.strOmit("publisher", s.Publisher)
	j.intOmit("year", s.Year)
	j.strOmit("note", s.Note)
	j.close()
}

func (g ExportGroup) writeJSON(j *jsonWriter) {
	j.open()
	j.str("id", g.ID)
	j.str("name", g.Name)
	j.str("summary", g.Summary)
	j.strs("guides", g.Guides)
	j.str("url", g.URL)
	j.close()
}

func (c ExportChecklist) writeJSON(j *jsonWriter) {
	j.open()
	j.str("id", c.ID)
	j.str("title", c.Title)
	j.str("summary", c.Summary)
	list(j, "sections", c.Sections, ExportSection.writeJSON)
	j.str("url", c.URL)
	j.str("scale", c.Scale)
	j.bool("evidence", c.Evidence)
	j.strOmit("protocolHTML", c.ProtocolHTML)
	j.strOmit("tallyURL", c.TallyURL)
	j.close()
}

func (s ExportSection) writeJSON(j *jsonWriter) {
	j.open()
	j.str("title", s.Title)
	list(j, "items", s.Items, ExportItem.writeJSON)
	j.close()
}

func (it ExportItem) writeJSON(j *jsonWriter) {
	j.open()
	j.str("id", it.ID)
	j.str("text", it.Text)
	j.close()
}

func (r ExportReflection) writeJSON(j *jsonWriter) {
	j.open()
	j.str("id", r.ID)
	j.str("title", r.Title)
	j.str("summary", r.Summary)
	list(j, "prompts", r.Prompts, ExportPrompt.writeJSON)
	j.str("url", r.URL)
	j.close()
}

func (p ExportPrompt) writeJSON(j *jsonWriter) {
	j.open()
	j.str("id", p.ID)
	j.str("kind", p.Kind)
	j.str("text", p.Text)
	j.str("help", p.Help)
	j.intOmit("lines", p.Lines)
	if p.Scale != nil {
		j.key("scale")
		p.Scale.writeJSON(j)
	}
	j.strsOmit("choices", p.Choices)
	j.close()
}

func (s ExportScale) writeJSON(j *jsonWriter) {
	j.open()
	j.int("min", s.Min)
	j.int("max", s.Max)
	j.str("minLabel", s.MinLabel)
	j.str("maxLabel", s.MaxLabel)
	j.close()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
