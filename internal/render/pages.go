package render

import (
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/playbook-edu/playbook/internal/i18n"
	"github.com/playbook-edu/playbook/internal/kind"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/publish"
	"github.com/playbook-edu/playbook/internal/route"
	"github.com/playbook-edu/playbook/internal/search"
	"github.com/playbook-edu/playbook/internal/view"
)

// pageList collects the pages of the site in a fixed order.
type pageList struct {
	v     *views
	site  *view.SiteView
	pages []page
	home  []view.Link // the breadcrumb trail of a section's index
}

// add lists the page at site path p. data builds its view when the page is
// rendered, so that only the pages being rendered hold one. source is the
// file an editor changes to change the page, for its edit link.
func (l *pageList) add(p, kind, section, title, desc, source string, crumbs []view.Link, data func() any) {
	v, cfg := l.v, l.v.g.Config
	pg := &view.Page{Site: l.site, Kind: kind, Section: section, Title: title, Description: desc,
		URL: v.url(p), Crumbs: crumbs}
	pg.Nav = v.current(l.site.Nav, section, pg.URL)
	pg.Menu = v.current(l.site.Menu, "", pg.URL)
	if kind == "404" {
		// Served at every address that has no page: it is no page's
		// canonical version, and search engines should not list it.
		pg.Robots = "noindex"
	} else if cfg.BaseURL != "" {
		pg.Canonical = route.Absolute(cfg.BaseURL, route.In(cfg.Prefix, p))
	}
	if len(cfg.Languages) > 1 && kind != "404" {
		for i, a := range alternates(cfg, p) {
			pg.Languages = append(pg.Languages, view.LanguageLink{Lang: a.Lang, Name: languageName(a.Lang), URL: a.URL, Path: a.Path,
				Current: a.Lang == cfg.Language, Default: i == 0})
		}
	}
	if source != "" {
		pg.EditURL = cfg.EditURL(source)
	}
	if pg.Description == "" {
		pg.Description = cfg.Description
	}
	pg.OGType = "website"
	if kind == "guide" || kind == "story" {
		pg.OGType = "article"
	}
	l.pages = append(l.pages, page{Page: pg, path: p, data: data})
}

// of marks the page listed last as the page of record r: untranslated
// when r has no version in the site's language, and written in the
// default language when r is a document (a guide, a free page) with no
// translation.
func (l *pageList) of(r model.Record) {
	pg := l.pages[len(l.pages)-1]
	pg.Untranslated = l.v.g.Untranslated[r.At()]
	pg.ContentLang = l.v.contentLang(r)
}

// contentLang returns the language the text of r is written in when it is
// not the site's: the default language, for a document (a guide, a free
// page) with no translation; "" otherwise. A record of a data file may be
// translated in part, so its page is not marked as a whole.
func (v *views) contentLang(r model.Record) string {
	switch r.(type) {
	case *model.Guide, *model.FreePage:
		if v.g.Untranslated[r.At()] {
			return v.g.Config.Languages[0]
		}
	}
	return ""
}

// crumbs is the breadcrumb trail of a page inside the section called
// section.
func (l *pageList) crumbs(section string) []view.Link {
	return append(slices.Clone(l.home), view.Link{Title: l.v.w.T("nav." + section), URL: l.v.url(route.Section(section))})
}

// index lists the index page of the section called section, with its title
// and description from the translation table.
func (l *pageList) index(section string, data func() any) {
	k := ""
	for _, kd := range kind.All {
		if kd.Section == section {
			k = kd.Index
		}
	}
	l.add(route.Section(section), k, section, l.v.w.T("index."+section+".title"), l.v.w.T("index."+section+".description"), "", l.home, data)
}

// pages lists every page of the site, in a fixed order.
func (v *views) pages(site *view.SiteView) []page {
	l := &pageList{v: v, site: site, home: []view.Link{{Title: v.w.T("nav.home"), URL: v.url(route.Home)}}}
	l.homePage()
	for _, k := range kind.All {
		if list, ok := kindPages[k.Name]; ok {
			list(l)
		} else {
			l.recordPages(k)
		}
	}
	l.printPage()
	l.searchPage()
	l.add("/404.html", "404", "", v.w.T("page.not-found.title"), "", "", nil, func() any { return nil })
	return l.pages
}

// kindPages list the pages of the kinds that have views of their own;
// every other kind gets recordPages.
var kindPages = map[string]func(*pageList){
	"role":       (*pageList).rolePages,
	"guide":      (*pageList).guidePages,
	"system":     (*pageList).systemPages,
	"goal":       (*pageList).goalPages,
	"story":      (*pageList).storyPages,
	"checklist":  (*pageList).checklistPages,
	"reflection": (*pageList).reflectionPages,
	"page":       (*pageList).freePages,
	"group":      func(*pageList) {}, // shown on the guides' index
}

// homePage lists the home page.
func (l *pageList) homePage() {
	v, g := l.v, l.v.g
	cfg := g.Config
	hd := view.HomeData{Sentence: cfg.Tagline, Vision: template.HTML(cfg.Vision.HTML)}
	if hd.Sentence == "" {
		hd.Sentence = cfg.Description
	}
	for _, r := range g.Roles {
		hd.Roles = append(hd.Roles, v.roleCard(r))
	}
	for _, c := range g.Checklists {
		hd.Checklists = append(hd.Checklists, v.link(c))
	}
	for _, r := range g.Reflections {
		hd.Reflections = append(hd.Reflections, v.link(r))
	}
	if p := g.Page("how-to-use"); p != nil {
		hd.HowTo = &view.Link{Title: p.Title, URL: v.url(route.Page(p.ID)), Summary: p.Summary}
	}
	for _, gl := range g.Goals {
		if gl.Active() {
			hd.Goals = append(hd.Goals, v.link(gl))
		}
	}
	for _, s := range model.NewestFirst(g.Stories) {
		if len(hd.Stories) == 3 {
			break
		}
		hd.Stories = append(hd.Stories, v.storyCard(s))
	}
	for _, s := range g.Systems {
		hd.Systems = append(hd.Systems, v.systemCard(s))
	}
	l.add(route.Home, "home", "", cfg.Title, cfg.Description, "playbook.yaml", nil, func() any { return hd })
	l.pages[len(l.pages)-1].Untranslated = cfg.Untranslated
}

// rolePages lists the roles index and each role's pathway.
func (l *pageList) rolePages() {
	v, g := l.v, l.v.g
	var rd view.RolesData
	for _, r := range g.Roles {
		rd.Roles = append(rd.Roles, v.roleCard(r))
	}
	l.index("roles", func() any { return rd })
	for _, r := range g.Roles {
		d := view.RoleData{ID: r.ID, Summary: r.Summary, Description: template.HTML(r.Description.HTML), Spheres: r.Spheres,
			Checklist: ref(v, r.Checklist, g.Checklist), Goals: links(v, g.RoleGoals[r]), Stories: links(v, g.RoleStories[r])}
		steps := v.steps(r)
		d.StepList = stepList(steps)
		inPathway := map[string]bool{}
		for i, s := range steps {
			inPathway[s.guide.ID] = true
			d.Steps = append(d.Steps, view.StepView{N: i + 1, ID: s.guide.ID, Guide: v.link(s.guide), Why: s.why})
		}
		for _, gd := range g.RoleGuides[r] {
			if !inPathway[gd.ID] {
				d.Guides = append(d.Guides, v.link(gd))
			}
		}
		l.add(route.Role(r.ID), "role", "roles", r.Name, r.Summary, "data/roles.yaml", l.crumbs("roles"), func() any { return d })
		l.of(r)
	}
}

// guidePages lists the guides index and each guide.
func (l *pageList) guidePages() {
	v, g := l.v, l.v.g
	gsd := v.guidesIndex()
	l.index("guides", func() any { return gsd })
	guideCrumbs := l.crumbs("guides")
	for _, gd := range g.Guides {
		l.add(route.Guide(gd.ID), "guide", "guides", gd.Title, gd.Summary, gd.Pos.File, guideCrumbs, func() any { return v.guideData(gd, l.site) })
		l.of(gd)
		l.withLD(func() []byte { return l.v.guideLD(gd) })
	}
}

// guidesIndex is the view of the guides index: every guide by title, in
// its group when the playbook has groups.
func (v *views) guidesIndex() view.GuidesData {
	g := v.g
	byTitle := slices.Clone(g.Guides)
	slices.SortStableFunc(byTitle, func(a, b *model.Guide) int { return strings.Compare(a.Title, b.Title) })
	card := func(gd *model.Guide) view.GuideCard {
		return view.GuideCard{Link: v.link(gd), Roles: refs(v, gd.Roles, g.Role), Systems: refs(v, gd.Systems, g.System)}
	}
	var d view.GuidesData
	if len(g.Groups) == 0 {
		for _, gd := range byTitle {
			d.Guides = append(d.Guides, card(gd))
		}
		return d
	}
	byGroup := map[*model.Group][]view.GuideCard{}
	for _, gd := range byTitle {
		if gr := g.Group(gd.Group.ID); gr != nil {
			byGroup[gr] = append(byGroup[gr], card(gd))
		} else {
			d.Guides = append(d.Guides, card(gd))
		}
	}
	for _, gr := range g.Groups {
		if cards := byGroup[gr]; len(cards) > 0 && g.Group(gr.ID) == gr {
			d.Groups = append(d.Groups, view.GroupView{Anchor: route.GroupAnchor(gr.ID), Name: gr.Name, Summary: gr.Summary, Guides: cards})
		}
	}
	return d
}

// systemPages lists the performance systems.
func (l *pageList) systemPages() {
	v, g := l.v, l.v.g
	sd := view.SystemsData{}
	for _, s := range g.Systems {
		sd.Systems = append(sd.Systems, v.systemCard(s))
		if sd.Sector == "" {
			sd.Sector = s.Sector
		}
	}
	l.index("systems", func() any { return sd })
	l.withLD(func() []byte { return publish.SystemsLD(g, v.w) })
	for _, s := range g.Systems {
		d := view.SystemData{Code: s.Code, Name: s.Name, Sector: s.Sector, Summary: s.Summary,
			Definition: template.HTML(s.Definition.HTML), Guides: links(v, g.SystemGuides[s]), Stories: links(v, g.SystemStories[s])}
		l.add(route.System(s.Code), "system", "systems", v.w.T("page.system.title", "name", s.Name, "code", s.Code), s.Summary, "data/systems.yaml", l.crumbs("systems"), func() any { return d })
		l.of(s)
		l.withLD(func() []byte { return publish.SystemLD(g, s, v.w) })
	}
}

// goalPages lists the goals index and each goal.
func (l *pageList) goalPages() {
	v, g := l.v, l.v.g
	cfg := g.Config
	gd := view.GoalsData{Limit: cfg.GoalsLimit}
	for _, gl := range g.Goals {
		card := v.goalCard(gl)
		switch gl.Status {
		case model.StatusActive:
			gd.Active = append(gd.Active, card)
		case model.StatusMet:
			gd.Met = append(gd.Met, card)
		default:
			gd.Retired = append(gd.Retired, card)
		}
	}
	l.index("goals", func() any { return gd })
	for _, gl := range g.Goals {
		d := view.GoalData{Status: gl.Status, Summary: gl.Summary, Why: template.HTML(gl.Why.HTML), Indicators: v.indicators(gl),
			Owners: refs(v, gl.Owners, g.Role), Guides: links(v, g.GoalGuides[gl]), Stories: links(v, g.GoalStories[gl]),
			Questions: questions(v.w, gl.Questions), Sources: sources(gl.Sources)}
		l.add(route.Goal(gl.ID), "goal", "goals", gl.Title, gl.Summary, "data/goals.yaml", l.crumbs("goals"), func() any { return d })
		l.of(gl)
	}
}

// storyPages lists the stories index and each story.
func (l *pageList) storyPages() {
	v, g := l.v, l.v.g
	var std view.StoriesData
	for _, s := range model.NewestFirst(g.Stories) {
		std.Stories = append(std.Stories, v.storyCard(s))
	}
	l.index("stories", func() any { return std })
	for _, s := range g.Stories {
		d := view.StoryData{Date: s.Date, DateText: v.date(s.Date), Example: s.Example, Summary: s.Summary,
			Body: template.HTML(s.Body.HTML), Evidence: s.Evidence,
			Roles: refs(v, s.Roles, g.Role), Systems: refs(v, s.Systems, g.System),
			Guides: refs(v, s.Guides, g.Guide), Goals: refs(v, s.Goals, g.Goal)}
		l.add(route.Story(s.ID), "story", "stories", s.Title, s.Summary, "data/stories.yaml", l.crumbs("stories"), func() any { return d })
		l.of(s)
		l.withLD(func() []byte { return publish.StoryLD(g, s) })
	}
}

// checklistPages lists the checklists index and each checklist.
func (l *pageList) checklistPages() {
	v, g := l.v, l.v.g
	var cd view.ChecklistsData
	for _, c := range g.Checklists {
		card := view.ChecklistCard{Link: v.link(c), Levels: c.Levels()}
		if c.Levels() {
			card.Tally = v.url(route.Tally(c.ID))
		}
		cd.Checklists = append(cd.Checklists, card)
	}
	l.index("checklists", func() any { return cd })
	crumbs := l.crumbs("checklists")
	for _, c := range g.Checklists {
		d := v.checklistData(c)
		l.add(route.Checklist(c.ID), "checklist", "checklists", c.Title, c.Summary, "data/checklists.yaml", crumbs, func() any { return d })
		l.of(c)
		if c.Levels() {
			td := view.TallyData{Checklist: v.link(c), Levels: v.levelLabels(), Columns: len(model.LevelAnswers) + 2, Sections: d.Sections}
			l.add(route.Tally(c.ID), "tally", "checklists", v.w.T("page.tally.title", "title", c.Title), v.w.T("page.tally.description", "title", c.Title),
				"data/checklists.yaml", append(slices.Clone(crumbs), view.Link{Title: c.Title, URL: v.url(route.Checklist(c.ID))}), func() any { return td })
		}
	}
}

// levelLabels are what readers see of model.LevelAnswers.
func (v *views) levelLabels() []string {
	out := make([]string, len(model.LevelAnswers))
	for i, a := range model.LevelAnswers {
		out[i] = v.w.T("level." + a)
	}
	return out
}

// checklistData is the view of a checklist's page.
func (v *views) checklistData(c *model.Checklist) view.ChecklistData {
	g := v.g
	d := view.ChecklistData{ID: c.ID, Form: "checklist:" + c.ID, Summary: c.Summary, Levels: c.Levels(), Evidence: c.Evidence,
		Protocol: template.HTML(c.Protocol.HTML), Guides: links(v, g.ChecklistGuides[c]), Roles: links(v, g.ChecklistRoles[c])}
	if c.Levels() {
		d.Tally = v.url(route.Tally(c.ID))
	}
	for i, s := range c.Sections {
		sv := view.SectionView{N: i + 1, Anchor: "section-" + strconv.Itoa(i+1), Title: s.Title}
		for _, it := range s.Items {
			iv := view.ItemView{ID: it.ID, InputID: "item-" + it.ID, Text: it.Text, TextID: "item-" + it.ID + "-text"}
			if c.Levels() {
				for _, a := range model.LevelAnswers {
					iv.Options = append(iv.Options, view.OptionView{Value: a, Label: v.w.T("level." + a), InputID: iv.InputID + "-" + a})
				}
			}
			if c.Evidence {
				iv.EvidenceKey, iv.EvidenceID = it.ID+":evidence", iv.InputID+"-evidence"
			}
			sv.Items = append(sv.Items, iv)
		}
		d.Total += len(sv.Items)
		d.Sections = append(d.Sections, sv)
	}
	return d
}

// reflectionPages lists the reflection forms.
func (l *pageList) reflectionPages() {
	v, g := l.v, l.v.g
	var fd view.ListData
	for _, r := range g.Reflections {
		fd.Items = append(fd.Items, v.link(r))
	}
	l.index("reflect", func() any { return fd })
	for _, r := range g.Reflections {
		d := view.ReflectionData{ID: r.ID, Summary: r.Summary, Guides: links(v, g.ReflectionGuides[r])}
		for i := range r.Prompts {
			d.Prompts = append(d.Prompts, v.prompt(i+1, &r.Prompts[i]))
		}
		l.add(route.Reflection(r.ID), "reflection", "reflect", r.Title, r.Summary, "data/reflections.yaml", l.crumbs("reflect"), func() any { return d })
		l.of(r)
	}
}

// freePages lists the free pages of content/pages.
func (l *pageList) freePages() {
	for _, p := range l.v.g.Pages {
		l.add(route.Page(p.ID), "page", "", p.Title, p.Summary, p.Pos.File, l.home, func() any { return view.PageData{Summary: p.Summary, Body: template.HTML(p.Body.HTML)} })
		l.of(p)
	}
}

// withLD gives the page listed last the JSON-LD ld builds when it renders.
func (l *pageList) withLD(ld func() []byte) { l.pages[len(l.pages)-1].ld = ld }

// searchPage lists the search page.
func (l *pageList) searchPage() {
	v, g := l.v, l.v.g
	d := view.SearchData{Index: v.url("/" + search.IndexFile), Guides: v.url(route.Guides())}
	for _, r := range g.Roles {
		d.Roles = append(d.Roles, view.Option{Value: r.ID, Label: r.Name})
	}
	for _, s := range g.Systems {
		d.Systems = append(d.Systems, view.Option{Value: s.Code, Label: s.Name})
	}
	l.add(route.Search(), "search", "search", v.w.T("index.search.title"), v.w.T("index.search.description"), "", l.home, func() any { return d })
}

// guideData is the view of a guide's page (guide.go has its parts).
func (v *views) guideData(gd *model.Guide, site *view.SiteView) view.GuideData {
	g := v.g
	d := view.GuideData{ID: gd.ID, Summary: gd.Summary, Lang: v.contentLang(gd),
		Roles: refs(v, gd.Roles, g.Role), Systems: refs(v, gd.Systems, g.System),
		Goals: links(v, g.GuideGoals[gd]), Checklist: ref(v, gd.Checklist, g.Checklist),
		Reflection: ref(v, gd.Reflection, g.Reflection),
		Stories:    links(v, g.GuideStories[gd]), Backlinks: links(v, g.Backlinks[gd]),
		Practice: practice(gd)}
	d.Body, d.Checks = pageBody(&gd.Body)
	d.Contents = contents(gd.Body.Headings, gd.Body.Related.ID)
	d.Related = v.related(gd)
	d.Reviewed = gd.Reviewed
	if d.Reviewed == "" {
		d.Reviewed = g.Committed[gd.Pos.File]
	}
	d.ReviewedText = v.date(d.Reviewed)
	d.Suggest = suggest(g.Config, site, gd)
	for _, st := range g.GuidePathways[gd] {
		pv := view.PathwayView{Role: v.link(st.Role), RoleID: st.Role.ID, StepList: stepList(v.steps(st.Role)), N: st.N, Of: st.Of}
		if st.Prev != nil {
			l := v.link(st.Prev)
			pv.Prev = &l
		}
		if st.Next != nil {
			l := v.link(st.Next)
			pv.Next = &l
		}
		d.Pathways = append(d.Pathways, pv)
	}
	return d
}

// practice is what a guide's page shows of its practice at work, or nil
// when the guide says nothing of it.
func practice(gd *model.Guide) *view.PracticeView {
	p := &view.PracticeView{Time: gd.Time, FirstStep: gd.FirstStep, Signs: gd.Signs, Questions: gd.Questions, TakePart: gd.TakePart,
		Sources: sources(gd.Sources)}
	if p.Time == "" && p.FirstStep == "" && len(p.Signs) == 0 && len(p.Questions) == 0 && len(p.TakePart) == 0 && len(p.Sources) == 0 {
		return nil
	}
	return p
}

// sources are a guide's or goal's sources as references.
func sources(srcs []model.Source) []view.SourceView {
	var out []view.SourceView
	for _, s := range srcs {
		sv := view.SourceView{Title: s.Title, URL: s.URL, Publisher: s.Publisher, Note: s.Note}
		if s.Year != 0 {
			sv.Year = strconv.Itoa(s.Year)
		}
		out = append(out, sv)
	}
	return out
}

// questions are the five questions of goal setting with a goal's answers,
// leaving out those it does not answer.
func questions(w *i18n.Table, q model.Questions) []view.QA {
	var out []view.QA
	for _, qa := range []view.QA{
		{Question: w.T("goal.question.vision"), Answer: q.Vision},
		{Question: w.T("goal.question.priorities"), Answer: q.Priorities},
		{Question: w.T("goal.question.systems"), Answer: q.Systems},
		{Question: w.T("goal.question.actions"), Answer: q.Actions},
		{Question: w.T("goal.question.monitoring"), Answer: q.Monitoring},
	} {
		if qa.Answer != "" {
			out = append(out, qa)
		}
	}
	return out
}
