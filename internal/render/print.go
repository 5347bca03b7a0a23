package render

import (
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/route"
	"github.com/playbook-edu/playbook/internal/view"
)

// The /print/ page is the whole playbook as one document: roles with their
// pathways, the performance systems, goals, practice guides, stories,
// checklists and reflection forms, each record under an anchor of its own
// so that the table of contents and every cross-reference point inside the
// document (and so inside a saved PDF).

// printBody is a record's rendered Markdown, rewritten for the document
// only as the page is written (HTML), so that a playbook of thousands of
// guides never holds a second copy of every body.
type printBody struct {
	doc    *printDoc `hash:"-"` // its anchors follow from the rest of the view
	html   string
	anchor string
}

// HTML returns the body with its headings two levels lower and its ids
// and links made local to the document.
func (b printBody) HTML() template.HTML {
	return template.HTML(b.doc.body(b.html, b.anchor, 2))
}

// printDoc maps the site path of each page the document includes to the
// anchor it has there, so that links between records stay inside the
// document.
type printDoc struct {
	v       *views
	anchors map[string]string // site URL (base path included) → anchor
}

func (d *printDoc) anchor(url, anchor string) string {
	d.anchors[url] = anchor
	return anchor
}

// local turns a Link to a page the document includes into a link to its
// anchor; other links are left as they are.
func (d *printDoc) local(l view.Link) view.Link {
	if a, ok := d.anchors[l.URL]; ok {
		l.URL = "#" + a
	}
	return l
}

func (d *printDoc) locals(ls []view.Link) []view.Link {
	out := make([]view.Link, len(ls))
	for i, l := range ls {
		out[i] = d.local(l)
	}
	return out
}

func (d *printDoc) localRef(l *view.Link) *view.Link {
	if l == nil {
		return nil
	}
	x := d.local(*l)
	return &x
}

// printPage lists /print/.
func (l *pageList) printPage() {
	v := l.v
	l.add(route.Print(), "print", "", l.v.w.T("page.print.title"), l.v.w.T("page.print.description"),
		"", l.home, func() any { return v.printData() })
}

// printData builds the view of /print/.
func (v *views) printData() view.PrintData {
	g := v.g
	d := &printDoc{v: v, anchors: map[string]string{}}

	// Anchors first, so that every record can link to any other.
	for _, r := range g.Roles {
		d.anchor(v.url(route.Role(r.ID)), "role-"+r.ID)
	}
	for _, s := range g.Systems {
		d.anchor(v.url(route.System(s.Code)), "system-"+strings.ToLower(s.Code))
	}
	for _, gl := range g.Goals {
		d.anchor(v.url(route.Goal(gl.ID)), "goal-"+gl.ID)
	}
	for _, gd := range g.Guides {
		d.anchor(v.url(route.Guide(gd.ID)), "guide-"+gd.ID)
	}
	for _, s := range g.Stories {
		d.anchor(v.url(route.Story(s.ID)), "story-"+s.ID)
	}
	for _, c := range g.Checklists {
		d.anchor(v.url(route.Checklist(c.ID)), "checklist-"+c.ID)
	}
	for _, r := range g.Reflections {
		d.anchor(v.url(route.Reflection(r.ID)), "reflect-"+r.ID)
	}

	pd := view.PrintData{Vision: template.HTML(d.body(g.Config.Vision.HTML, "vision", 2)), Parts: map[string]int{}}
	// number is the number of the i-th record (from 0) of the part being
	// made; part lists that part in the contents.
	number := func(i int) string { return strconv.Itoa(len(pd.Contents)+1) + "." + strconv.Itoa(i+1) }
	part := func(title, anchor string, items []view.Link) {
		if len(items) == 0 {
			return
		}
		pp := view.PrintPart{N: len(pd.Contents) + 1, Title: title, Anchor: anchor}
		for i, it := range d.locals(items) {
			pp.Items = append(pp.Items, view.PrintEntry{Number: number(i), Link: it})
		}
		pd.Contents = append(pd.Contents, pp)
		pd.Parts[anchor] = pp.N
	}
	address := func(p string) string {
		if base := g.Config.BaseURL; base != "" {
			return route.Absolute(base, p)
		}
		return v.url(p)
	}

	var items []view.Link
	for i, r := range g.Roles {
		pr := view.PrintRole{Number: number(i), Anchor: d.anchors[v.url(route.Role(r.ID))], Name: r.Name, Summary: r.Summary,
			Description: template.HTML(d.body(r.Description.HTML, "role-"+r.ID, 2)), Spheres: r.Spheres,
			Checklist: d.localRef(ref(v, r.Checklist, g.Checklist))}
		for i, s := range v.steps(r) {
			pr.Steps = append(pr.Steps, view.StepView{N: i + 1, ID: s.guide.ID, Guide: d.local(v.link(s.guide)), Why: s.why})
		}
		pd.Roles = append(pd.Roles, pr)
		items = append(items, v.link(r))
	}
	part(v.w.T("print.part.roles"), "roles", items)

	items = nil
	for i, s := range g.Systems {
		pd.Systems = append(pd.Systems, view.PrintSystem{Number: number(i), Anchor: d.anchors[v.url(route.System(s.Code))], Code: s.Code, Name: s.Name,
			Sector: s.Sector, Summary: s.Summary, Definition: template.HTML(d.body(s.Definition.HTML, "system-"+strings.ToLower(s.Code), 2)),
			Guides: d.locals(links(v, g.SystemGuides[s]))})
		items = append(items, view.Link{Title: s.Name + " (" + s.Code + ")", URL: v.url(route.System(s.Code))})
	}
	part(v.w.T("print.part.systems"), "systems", items)

	items = nil
	goals := model.ByStatus(g.Goals)
	for i, gl := range goals {
		pd.Goals = append(pd.Goals, view.PrintGoal{Number: number(i), Anchor: d.anchors[v.url(route.Goal(gl.ID))], Title: gl.Title, Status: gl.Status,
			Summary: gl.Summary, Why: template.HTML(d.body(gl.Why.HTML, "goal-"+gl.ID, 2)), Indicators: gl.IndicatorNames(),
			Questions: questions(v.w, gl.Questions), Owners: d.locals(refs(v, gl.Owners, g.Role)),
			Guides: d.locals(links(v, g.GoalGuides[gl]))})
		items = append(items, v.link(gl))
	}
	part(v.w.T("print.part.goals"), "goals", items)

	items = nil
	byTitle := slices.Clone(g.Guides)
	slices.SortStableFunc(byTitle, func(a, b *model.Guide) int { return strings.Compare(a.Title, b.Title) })
	for i, gd := range byTitle {
		pd.Guides = append(pd.Guides, view.PrintGuide{Number: number(i), Anchor: "guide-" + gd.ID, Title: gd.Title, Summary: gd.Summary,
			Text:  printBody{d, gd.Body.HTML, "guide-" + gd.ID},
			Roles: d.locals(refs(v, gd.Roles, g.Role)), Systems: d.locals(refs(v, gd.Systems, g.System)),
			Checklist:  d.localRef(ref(v, gd.Checklist, g.Checklist)),
			Reflection: d.localRef(ref(v, gd.Reflection, g.Reflection)),
			Practice:   practice(gd), Lang: v.contentLang(gd)})
		items = append(items, v.link(gd))
	}
	part(v.w.T("print.part.guides"), "guides", items)

	items = nil
	for i, s := range model.NewestFirst(g.Stories) {
		pd.Stories = append(pd.Stories, view.PrintStory{Number: number(i), Anchor: "story-" + s.ID, Title: s.Title, Date: s.Date, DateText: v.date(s.Date),
			Summary: s.Summary, Example: s.Example, Text: printBody{d, s.Body.HTML, "story-" + s.ID}, Evidence: s.Evidence})
		items = append(items, v.link(s))
	}
	part(v.w.T("print.part.stories"), "stories", items)

	items = nil
	for i, c := range g.Checklists {
		pc := view.PrintChecklist{Number: number(i), Anchor: "checklist-" + c.ID, Title: c.Title, Summary: c.Summary,
			Address: address(route.Checklist(c.ID))}
		if c.Levels() {
			pc.Levels = v.levelLabels()
			pc.Columns = len(pc.Levels) + 1
		}
		for i, s := range c.Sections {
			sv := view.SectionView{N: i + 1, Title: s.Title}
			for _, it := range s.Items {
				sv.Items = append(sv.Items, view.ItemView{ID: it.ID, Text: it.Text})
			}
			pc.Sections = append(pc.Sections, sv)
		}
		pd.Checklists = append(pd.Checklists, pc)
		items = append(items, v.link(c))
	}
	part(v.w.T("print.part.checklists"), "checklists", items)

	items = nil
	for i, r := range g.Reflections {
		pr := view.PrintReflection{Number: number(i), Anchor: "reflect-" + r.ID, Title: r.Title, Summary: r.Summary,
			Address: address(route.Reflection(r.ID))}
		for i := range r.Prompts {
			p := v.prompt(i+1, &r.Prompts[i])
			p.InputID = "" // nothing to label: the printed form has no inputs
			pr.Prompts = append(pr.Prompts, p)
		}
		pd.Reflections = append(pd.Reflections, pr)
		items = append(items, v.link(r))
	}
	part(v.w.T("print.part.reflect"), "reflections", items)
	return pd
}

// body rewrites the HTML of a record's Markdown for the printed document:
// every id gets the record's anchor in front (a guide's "steps" heading
// becomes "guide-peer-mentoring--steps"), links to the id follow, links to
// records the document includes point at their anchors, and headings go
// down by demote levels, to h6 at most.
//
// The HTML is goldmark's: raw HTML is left out and every '<', '>' and '"'
// of text and attribute values is escaped, so a '<' starts a tag goldmark
// wrote and the next '>' ends it. That lets one pass over the text do the
// rewriting, without building a tree: /print/ holds every guide, and a
// playbook may have thousands.
func (d *printDoc) body(src, anchor string, demote int) string {
	if src == "" {
		return src
	}
	prefix := anchor + "--"
	var b strings.Builder
	b.Grow(len(src) + len(src)/8)
	for {
		i := strings.IndexByte(src, '<')
		if i < 0 {
			b.WriteString(src)
			break
		}
		b.WriteString(src[:i])
		src = src[i:]
		j := strings.IndexByte(src, '>')
		if j < 0 {
			b.WriteString(src)
			break
		}
		d.tag(&b, src[:j+1], prefix, demote)
		src = src[j+1:]
	}
	return b.String()
}

// tag writes one tag of a body to b, rewritten as body says.
func (d *printDoc) tag(b *strings.Builder, tag, prefix string, demote int) {
	start := 1
	if strings.HasPrefix(tag, "</") {
		start = 2
	}
	if rest := tag[start:]; len(rest) >= 3 && rest[0] == 'h' && rest[1] >= '1' && rest[1] <= '6' && (rest[2] == ' ' || rest[2] == '>') {
		b.WriteString(tag[:start])
		b.WriteByte('h')
		b.WriteByte(byte('0' + min(int(rest[1]-'0')+demote, 6)))
		tag = rest[2:]
	}
	for {
		id, href := strings.Index(tag, ` id="`), strings.Index(tag, ` href="`)
		i, name := id, ` id="`
		if i < 0 || (href >= 0 && href < i) {
			i, name = href, ` href="`
		}
		if i < 0 {
			b.WriteString(tag)
			return
		}
		at := i + len(name)
		end := strings.IndexByte(tag[at:], '"')
		if end < 0 {
			b.WriteString(tag)
			return
		}
		b.WriteString(tag[:at])
		val := tag[at : at+end]
		if name == ` id="` {
			b.WriteString(prefix + val)
		} else {
			b.WriteString(d.href(val, prefix))
		}
		tag = tag[at+end:]
	}
}

// href rewrites a link found in a record's body: "#x" to the record's own
// prefixed id, a page the document includes to its anchor.
func (d *printDoc) href(h, prefix string) string {
	if frag, ok := strings.CutPrefix(h, "#"); ok {
		return "#" + prefix + frag
	}
	p, frag, hasFrag := strings.Cut(h, "#")
	a, ok := d.anchors[p]
	if !ok {
		return h
	}
	if hasFrag && frag != "" {
		return "#" + a + "--" + frag
	}
	return "#" + a
}
