package render

import (
	"html/template"
	"slices"
	"strings"

	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/publish"
	"github.com/playbook-edu/playbook/internal/route"
	"github.com/playbook-edu/playbook/internal/search"
)

// pageList collects the pages of the site in a fixed order.
type pageList struct {
	v     *views
	site  *Site
	pages []page
	home  []Link // the breadcrumb trail of a section's index
}

// add lists the page at site path p. data builds its view when the page is
// rendered, so that only the pages being rendered hold one. source is the
// file an editor changes to change the page, for its edit link.
func (l *pageList) add(p, kind, section, title, desc, source string, crumbs []Link, data func() any) {
	v, cfg := l.v, l.v.g.Config
	pg := &Page{Site: l.site, Kind: kind, Section: section, Title: title, Description: desc,
		URL: v.url(p), Crumbs: crumbs}
	pg.Nav = v.current(l.site.Nav, section, pg.URL)
	pg.Menu = v.current(l.site.Menu, "", pg.URL)
	if cfg.BaseURL != "" {
		pg.Canonical = route.Absolute(cfg.BaseURL, p)
	}
	if source != "" {
		pg.EditURL = editURL(cfg, source)
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

// editURL is the repository's page for editing the file at source, or ""
// when playbook.yaml names no repository.
func editURL(cfg model.Config, source string) string {
	if cfg.RepoURL == "" {
		return ""
	}
	return strings.TrimSuffix(cfg.RepoURL, "/") + "/edit/" + cfg.EditBranch + "/" + source
}

// crumbs is the breadcrumb trail of a page inside the section titled title
// at site path p.
func (l *pageList) crumbs(title, p string) []Link {
	return append(slices.Clone(l.home), Link{Title: title, URL: l.v.url(p)})
}

// pages lists every page of the site, in a fixed order.
func (v *views) pages(site *Site) []page {
	l := &pageList{v: v, site: site, home: []Link{{Title: "Home", URL: v.url(route.Home)}}}
	l.homePage()
	l.rolePages()
	l.guidePages()
	l.systemPages()
	l.goalPages()
	l.storyPages()
	l.checklistPages()
	l.reflectionPages()
	l.freePages()
	l.printPage()
	l.searchPage()
	l.add("/404.html", "404", "", "Page not found", "", "", nil, func() any { return nil })
	return l.pages
}

// homePage lists the home page.
func (l *pageList) homePage() {
	v, g := l.v, l.v.g
	cfg := g.Config
	hd := HomeData{Sentence: cfg.Tagline, Vision: template.HTML(cfg.Vision.HTML)}
	if hd.Sentence == "" {
		hd.Sentence = cfg.Description
	}
	for _, r := range g.Roles {
		hd.Roles = append(hd.Roles, v.roleCard(r))
	}
	for _, c := range g.Checklists {
		hd.Checklists = append(hd.Checklists, v.checklist(c))
	}
	for _, r := range g.Reflections {
		hd.Reflections = append(hd.Reflections, v.reflection(r))
	}
	if p := g.Page("how-to-use"); p != nil {
		hd.HowTo = &Link{Title: p.Title, URL: v.url(route.Page(p.ID)), Summary: p.Summary}
	}
	for _, gl := range g.Goals {
		if gl.Status == "active" {
			hd.Goals = append(hd.Goals, v.goal(gl))
		}
	}
	for _, s := range newestFirst(g.Stories) {
		if len(hd.Stories) == 3 {
			break
		}
		hd.Stories = append(hd.Stories, v.storyCard(s))
	}
	for _, s := range g.Systems {
		hd.Systems = append(hd.Systems, v.systemCard(s))
	}
	l.add(route.Home, "home", "", cfg.Title, cfg.Description, "playbook.yaml", nil, func() any { return hd })
}

// rolePages lists the roles index and each role's pathway.
func (l *pageList) rolePages() {
	v, g := l.v, l.v.g
	var rd RolesData
	for _, r := range g.Roles {
		rd.Roles = append(rd.Roles, v.roleCard(r))
	}
	l.add(route.Roles(), "roles", "roles", "Roles", "Every role leads. Choose yours to follow its pathway.", "", l.home, func() any { return rd })
	for _, r := range g.Roles {
		d := RoleData{ID: r.ID, Summary: r.Summary, Description: template.HTML(r.Description.HTML), Spheres: r.Spheres,
			Checklist: ref(r.Checklist, g.Checklist, v.checklist), Goals: links(g.RoleGoals[r], v.goal), Stories: links(g.RoleStories[r], v.story)}
		steps := v.steps(r)
		d.StepList = stepList(steps)
		inPathway := map[string]bool{}
		for i, s := range steps {
			inPathway[s.guide.ID] = true
			d.Steps = append(d.Steps, StepView{N: i + 1, ID: s.guide.ID, Guide: v.guide(s.guide), Why: s.why})
		}
		for _, gd := range g.RoleGuides[r] {
			if !inPathway[gd.ID] {
				d.Guides = append(d.Guides, v.guide(gd))
			}
		}
		l.add(route.Role(r.ID), "role", "roles", r.Name, r.Summary, "data/roles.yaml", l.crumbs("Roles", route.Roles()), func() any { return d })
	}
}

// guidePages lists the guides index and each guide.
func (l *pageList) guidePages() {
	v, g := l.v, l.v.g
	byTitle := slices.Clone(g.Guides)
	slices.SortStableFunc(byTitle, func(a, b *model.Guide) int { return strings.Compare(a.Title, b.Title) })
	var gsd GuidesData
	for _, gd := range byTitle {
		gsd.Guides = append(gsd.Guides, GuideCard{Link: v.guide(gd),
			Roles: refs(gd.Roles, g.Role, v.role), Systems: refs(gd.Systems, g.System, v.system)})
	}
	l.add(route.Guides(), "guides", "guides", "Practice guides", "How to practice shared leadership, one practice at a time.", "", l.home, func() any { return gsd })
	guideCrumbs := l.crumbs("Guides", route.Guides())
	for _, gd := range g.Guides {
		l.add(route.Guide(gd.ID), "guide", "guides", gd.Title, gd.Summary, gd.Pos.File, guideCrumbs, func() any { return v.guideData(gd, l.site) })
		l.withLD(func() []byte { return l.v.guideLD(gd) })
	}
}

// systemPages lists the performance systems.
func (l *pageList) systemPages() {
	v, g := l.v, l.v.g
	sd := SystemsData{}
	for _, s := range g.Systems {
		sd.Systems = append(sd.Systems, v.systemCard(s))
		if sd.Sector == "" {
			sd.Sector = s.Sector
		}
	}
	l.add(route.Systems(), "systems", "systems", "Performance systems", "The interactive performance systems of shared leadership.", "", l.home, func() any { return sd })
	l.withLD(func() []byte { return publish.SystemsLD(g) })
	for _, s := range g.Systems {
		d := SystemData{Code: s.Code, Name: s.Name, Sector: s.Sector, Summary: s.Summary,
			Definition: template.HTML(s.Definition.HTML), Guides: links(g.SystemGuides[s], v.guide), Stories: links(g.SystemStories[s], v.story)}
		l.add(route.System(s.Code), "system", "systems", s.Name+" ("+s.Code+")", s.Summary, "data/systems.yaml", l.crumbs("Systems", route.Systems()), func() any { return d })
		l.withLD(func() []byte { return publish.SystemLD(g, s) })
	}
}

// goalPages lists the goals index and each goal.
func (l *pageList) goalPages() {
	v, g := l.v, l.v.g
	cfg := g.Config
	gd := GoalsData{Limit: cfg.GoalsLimit}
	for _, gl := range g.Goals {
		switch gl.Status {
		case "active":
			gd.Active = append(gd.Active, v.goal(gl))
		case "met":
			gd.Met = append(gd.Met, v.goal(gl))
		default:
			gd.Retired = append(gd.Retired, v.goal(gl))
		}
	}
	l.add(route.Goals(), "goals", "goals", "District goals", "The few goals the district pursues now, and the ones it has met.", "", l.home, func() any { return gd })
	for _, gl := range g.Goals {
		d := GoalData{Status: gl.Status, Summary: gl.Summary, Why: template.HTML(gl.Why.HTML), Indicators: gl.Indicators,
			Owners: refs(gl.Owners, g.Role, v.role), Guides: links(g.GoalGuides[gl], v.guide), Stories: links(g.GoalStories[gl], v.story),
			Questions: questions(gl.Questions)}
		l.add(route.Goal(gl.ID), "goal", "goals", gl.Title, gl.Summary, "data/goals.yaml", l.crumbs("Goals", route.Goals()), func() any { return d })
	}
}

// storyPages lists the stories index and each story.
func (l *pageList) storyPages() {
	v, g := l.v, l.v.g
	var std StoriesData
	for _, s := range newestFirst(g.Stories) {
		std.Stories = append(std.Stories, v.storyCard(s))
	}
	l.add(route.Stories(), "stories", "stories", "Success stories", "What shared leadership changed, and the evidence.", "", l.home, func() any { return std })
	for _, s := range g.Stories {
		d := StoryData{Date: s.Date, DateText: dateText(s.Date), Example: s.Example, Summary: s.Summary,
			Body: template.HTML(s.Body.HTML), Evidence: s.Evidence,
			Roles: refs(s.Roles, g.Role, v.role), Systems: refs(s.Systems, g.System, v.system),
			Guides: refs(s.Guides, g.Guide, v.guide), Goals: refs(s.Goals, g.Goal, v.goal)}
		l.add(route.Story(s.ID), "story", "stories", s.Title, s.Summary, "data/stories.yaml", l.crumbs("Stories", route.Stories()), func() any { return d })
		l.withLD(func() []byte { return publish.StoryLD(g, s) })
	}
}

// checklistPages lists the checklists index and each checklist.
func (l *pageList) checklistPages() {
	v, g := l.v, l.v.g
	var cd ListData
	for _, c := range g.Checklists {
		cd.Items = append(cd.Items, v.checklist(c))
	}
	l.add(route.Checklists(), "checklists", "checklists", "Checklists", "Checklists to tick off on screen or on paper.", "", l.home, func() any { return cd })
	for _, c := range g.Checklists {
		d := ChecklistData{ID: c.ID, Summary: c.Summary, Guides: links(g.ChecklistGuides[c], v.guide), Roles: links(g.ChecklistRoles[c], v.role)}
		for i, s := range c.Sections {
			sv := SectionView{N: i + 1, Title: s.Title}
			for _, it := range s.Items {
				sv.Items = append(sv.Items, ItemView{ID: it.ID, InputID: "item-" + it.ID, Text: it.Text})
			}
			d.Total += len(sv.Items)
			d.Sections = append(d.Sections, sv)
		}
		l.add(route.Checklist(c.ID), "checklist", "checklists", c.Title, c.Summary, "data/checklists.yaml", l.crumbs("Checklists", route.Checklists()), func() any { return d })
	}
}

// reflectionPages lists the reflection forms.
func (l *pageList) reflectionPages() {
	v, g := l.v, l.v.g
	var fd ListData
	for _, r := range g.Reflections {
		fd.Items = append(fd.Items, v.reflection(r))
	}
	l.add(route.Reflections(), "reflections", "reflect", "Reflection forms", "Forms to fill in on screen or print, alone or with a team.", "", l.home, func() any { return fd })
	for _, r := range g.Reflections {
		d := ReflectionData{ID: r.ID, Summary: r.Summary, Guides: links(g.ReflectionGuides[r], v.guide)}
		for i := range r.Prompts {
			d.Prompts = append(d.Prompts, v.prompt(i+1, &r.Prompts[i]))
		}
		l.add(route.Reflection(r.ID), "reflection", "reflect", r.Title, r.Summary, "data/reflections.yaml", l.crumbs("Reflect", route.Reflections()), func() any { return d })
	}
}

// freePages lists the free pages of content/pages.
func (l *pageList) freePages() {
	for _, p := range l.v.g.Pages {
		l.add(route.Page(p.ID), "page", "", p.Title, p.Summary, p.Pos.File, l.home, func() any { return PageData{Summary: p.Summary, Body: template.HTML(p.Body.HTML)} })
	}
}

// withLD gives the page listed last the JSON-LD ld builds when it renders.
func (l *pageList) withLD(ld func() []byte) { l.pages[len(l.pages)-1].ld = ld }

// searchPage lists the search page.
func (l *pageList) searchPage() {
	v, g := l.v, l.v.g
	d := SearchData{Index: v.url("/" + search.IndexFile), Guides: v.url(route.Guides())}
	for _, r := range g.Roles {
		d.Roles = append(d.Roles, Option{Value: r.ID, Label: r.Name})
	}
	for _, s := range g.Systems {
		d.Systems = append(d.Systems, Option{Value: s.Code, Label: s.Name})
	}
	l.add(route.Search(), "search", "search", "Search", "Find guides, stories, roles, goals, checklists and forms.", "", l.home, func() any { return d })
}

// guideData is the view of a guide's page (guide.go has its parts).
func (v *views) guideData(gd *model.Guide, site *Site) GuideData {
	g := v.g
	d := GuideData{ID: gd.ID, Summary: gd.Summary,
		Roles: refs(gd.Roles, g.Role, v.role), Systems: refs(gd.Systems, g.System, v.system),
		Goals: links(g.GuideGoals[gd], v.goal), Checklist: ref(gd.Checklist, g.Checklist, v.checklist),
		Reflection: ref(gd.Reflection, g.Reflection, v.reflection),
		Stories:    links(g.GuideStories[gd], v.story), Backlinks: links(g.Backlinks[gd], v.guide)}
	body, leftOut := relatedSection(gd.Body.HTML, v.url(route.Guides()))
	d.Body, d.Checks = checkYourself(body, gd.Body.Headings)
	d.Contents = contents(gd.Body.Headings, leftOut)
	d.Related = v.related(gd)
	d.Reviewed = gd.Reviewed
	if d.Reviewed == "" {
		d.Reviewed = g.Committed[gd.Pos.File]
	}
	d.ReviewedText = dateText(d.Reviewed)
	d.Suggest = suggest(g.Config, site, gd)
	for _, st := range g.GuidePathways[gd] {
		pv := PathwayView{Role: v.role(st.Role), RoleID: st.Role.ID, StepList: stepList(v.steps(st.Role)), N: st.N, Of: st.Of}
		if st.Prev != nil {
			l := v.guide(st.Prev)
			pv.Prev = &l
		}
		if st.Next != nil {
			l := v.guide(st.Next)
			pv.Next = &l
		}
		d.Pathways = append(d.Pathways, pv)
	}
	return d
}

// questions are the five questions of goal setting with a goal's answers,
// leaving out those it does not answer.
func questions(q model.Questions) []QA {
	var out []QA
	for _, qa := range []QA{
		{"What is the compelling vision we strive to attain?", q.Vision},
		{"Which priorities will do most to close achievement gaps?", q.Priorities},
		{"Which strengths of our systems do we build on, and which constraints do we remove?", q.Systems},
		{"What clear, short-term steps drive the work?", q.Actions},
		{"How will we monitor and share progress, often, with leading indicators?", q.Monitoring},
	} {
		if qa.Answer != "" {
			out = append(out, qa)
		}
	}
	return out
}

func newestFirst(ss []*model.Story) []*model.Story {
	out := slices.Clone(ss)
	slices.SortStableFunc(out, func(a, b *model.Story) int { return strings.Compare(b.Date, a.Date) })
	return out
}
