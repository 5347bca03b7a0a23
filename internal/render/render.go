// Package render is the third stage of the build: every page of the site is
// a view of the linked graph, executed through the theme's html/template
// files and handed to an Output.
//
// # Pages
//
// Each page has a kind, and the kind names its template: layouts/guide.html
// renders every /guides/ID/ page. Templates receive a Page whose Data is
// the kind's view (GuideData, RoleData, ...), with every list, link and
// count already computed; the templates only lay them out. See views.go for
// every field a template can use.
//
// # Assets
//
// The theme's static files are copied into the site. Those under
// static/assets/ get a hash of their content in their names, so a host may
// cache them for a year and a change still reaches readers at once; pages
// find their names in Site.Assets. When playbook.yaml sets brand colours,
// they are appended to playbook.css as custom properties.
//
// # Also written
//
// sitemap.xml (every page, when the base URL is known), robots.txt and
// 404.html.
//
// Pages render in parallel. Each page's bytes depend only on the graph, so
// the site is byte-identical from run to run whatever the scheduling.
package render

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"html/template"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/route"
)

// ContentSecurityPolicy is the policy the site is built to run under: no
// inline script or style, nothing loaded from another site. Hosts should
// send it with every page (netlify.toml does); the dev server sends it too.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"

// Output receives the site's files. Paths are slash-separated and relative
// to the site root. WriteFile may be called from many goroutines at once.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Render renders every page of g with theme into out. Problems in the
// theme's templates go to diags; the error is for a failure to write.
func Render(ctx context.Context, g *link.Graph, theme *Theme, out Output, diags *diag.List) error {
	tmpls, err := theme.parse(diags)
	if err != nil || tmpls == nil {
		return err
	}
	site, err := newSite(g, theme, out, diags)
	if err != nil {
		return err
	}
	v := &views{g: g, base: route.BasePath(g.Config.BaseURL)}
	pages := v.pages(site)

	eg, ctx := errgroup.WithContext(ctx)
	eg.SetLimit(runtime.GOMAXPROCS(0))
	for _, p := range pages {
		tmpl := tmpls[p.Kind]
		if tmpl == nil {
			continue // its template failed to parse, already reported
		}
		eg.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			buf := buffers.Get().(*bytes.Buffer)
			defer buffers.Put(buf)
			buf.Reset()
			view := *p.Page
			view.Data = p.data()
			if err := tmpl.ExecuteTemplate(buf, "layout.html", &view); err != nil {
				_, where, _ := theme.ReadFile("layouts/" + p.Kind + ".html")
				templateError(diags, where, err)
				return nil
			}
			return out.WriteFile(route.File(p.path), buf.Bytes())
		})
	}
	if err := eg.Wait(); err != nil {
		return err
	}
	if err := out.WriteFile("sitemap.xml", sitemap(g.Config.BaseURL, pages)); err != nil {
		return err
	}
	return out.WriteFile("robots.txt", robots(g.Config.BaseURL))
}

// buffers holds the buffers pages render into, reused from page to page.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// page is a Page with the site path it is written to and the function
// that builds its view.
type page struct {
	*Page
	path string
	data func() any
}

// newSite copies the theme's static files to out and returns the view every
// page shares.
func newSite(g *link.Graph, theme *Theme, out Output, diags *diag.List) (*Site, error) {
	c := g.Config
	base := route.BasePath(c.BaseURL)
	s := &Site{
		Title: c.Title, District: c.District, Tagline: c.Tagline, Description: c.Description,
		Language: c.Language, Home: base, Footer: c.Footer, Contact: c.Contact,
		Assets: map[string]string{},
	}
	switch {
	case strings.Contains(c.Contact, "@") && !strings.Contains(c.Contact, "/"):
		s.ContactURL = "mailto:" + c.Contact
	case strings.HasPrefix(c.Contact, "https://") || strings.HasPrefix(c.Contact, "http://"):
		s.ContactURL = c.Contact
	}
	for _, n := range []struct{ title, section string }{
		{"Roles", "roles"}, {"Guides", "guides"}, {"Systems", "systems"}, {"Goals", "goals"},
		{"Stories", "stories"}, {"Checklists", "checklists"}, {"Reflect", "reflect"},
	} {
		s.Nav = append(s.Nav, NavItem{Title: n.title, URL: base + n.section + "/", Section: n.section})
	}
	menu := slices.Clone(g.Pages)
	slices.SortStableFunc(menu, func(a, b *model.Page) int {
		if a.Weight != b.Weight {
			return a.Weight - b.Weight
		}
		return strings.Compare(a.Title, b.Title)
	})
	for _, p := range menu {
		if p.Menu {
			s.Menu = append(s.Menu, NavItem{Title: p.Title, URL: base + route.Page(p.ID)[1:]})
		}
	}

	files, err := theme.Files("static")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		data, _, err := theme.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("theme %s: %w", f, err)
		}
		name := strings.TrimPrefix(f, "static/")
		if strings.HasPrefix(name, "assets/") {
			if name == "assets/playbook.css" {
				data = withBrand(data, c.Colors)
			}
			hashed := fingerprint(name, data)
			s.Assets[strings.TrimPrefix(name, "assets/")] = base + hashed
			name = hashed
		}
		if err := out.WriteFile(name, data); err != nil {
			return nil, err
		}
	}
	if c.Logo != "" {
		if _, _, err := theme.ReadFile(path.Join("static", c.Logo)); err != nil {
			diags.Add(diag.Diagnostic{File: "playbook.yaml", Line: c.Pos.Line, Col: c.Pos.Col, Severity: diag.Error,
				Message: fmt.Sprintf("logo %q is not in the theme's static folder", c.Logo),
				Hint:    "put the image in themes/<your theme>/static/ and name it relative to that folder"})
		} else {
			s.Logo = base + strings.TrimPrefix(path.Clean(c.Logo), "/")
			if a, ok := s.Assets[strings.TrimPrefix(path.Clean(c.Logo), "assets/")]; ok {
				s.Logo = a
			}
		}
	}
	return s, nil
}

// withBrand appends the brand colours, already checked to be #rrggbb, to
// the stylesheet as the custom properties it uses.
func withBrand(css []byte, c model.Colors) []byte {
	if c.Primary == "" && c.Accent == "" {
		return css
	}
	var b bytes.Buffer
	b.Write(css)
	b.WriteString("\n:root {\n")
	if c.Primary != "" {
		fmt.Fprintf(&b, "  --brand: %s;\n", c.Primary)
	}
	if c.Accent != "" {
		fmt.Fprintf(&b, "  --accent: %s;\n", c.Accent)
	}
	b.WriteString("}\n")
	return b.Bytes()
}

// pages lists every page of the site, in a fixed order.
func (v *views) pages(site *Site) []page {
	g := v.g
	cfg := g.Config
	var out []page
	// add lists a page; data builds its view when the page is rendered, so
	// that only the pages being rendered hold one.
	add := func(p string, kind, section, title, desc, source string, crumbs []Link, data func() any) {
		pg := &Page{Site: site, Kind: kind, Section: section, Title: title, Description: desc,
			URL: v.url(p), Crumbs: crumbs}
		pg.Nav = v.current(site.Nav, section, pg.URL)
		pg.Menu = v.current(site.Menu, "", pg.URL)
		if cfg.BaseURL != "" {
			pg.Canonical = strings.TrimSuffix(cfg.BaseURL, "/") + strings.TrimPrefix(pg.URL, strings.TrimSuffix(v.base, "/"))
		}
		if cfg.RepoURL != "" && source != "" {
			pg.EditURL = strings.TrimSuffix(cfg.RepoURL, "/") + "/edit/" + cfg.EditBranch + "/" + source
		}
		if pg.Description == "" {
			pg.Description = cfg.Description
		}
		out = append(out, page{Page: pg, path: p, data: data})
	}
	home := []Link{{Title: "Home", URL: v.url(route.Home)}}
	crumbs := func(title, p string) []Link { return append(slices.Clone(home), Link{Title: title, URL: v.url(p)}) }

	// Home.
	hd := HomeData{Vision: template.HTML(cfg.Vision.HTML)}
	for _, r := range g.Roles {
		hd.Roles = append(hd.Roles, v.roleCard(r))
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
	add(route.Home, "home", "", cfg.Title, cfg.Description, "playbook.yaml", nil, func() any { return hd })

	// Roles.
	var rd RolesData
	for _, r := range g.Roles {
		rd.Roles = append(rd.Roles, v.roleCard(r))
	}
	add(route.Roles(), "roles", "roles", "Roles", "Every role leads. Choose yours to follow its pathway.", "", home, func() any { return rd })
	for _, r := range g.Roles {
		d := RoleData{ID: r.ID, Summary: r.Summary, Description: template.HTML(r.Description.HTML), Spheres: r.Spheres,
			Checklist: ref(r.Checklist, g.Checklist, v.checklist), Goals: v.goals(g.RoleGoals[r]), Stories: v.stories(g.RoleStories[r])}
		inPathway := map[string]bool{}
		for _, s := range r.Pathway {
			gd := g.Guide(s.Guide.ID)
			if gd == nil || inPathway[gd.ID] {
				continue
			}
			inPathway[gd.ID] = true
			d.Steps = append(d.Steps, StepView{N: len(d.Steps) + 1, ID: gd.ID, Guide: v.guide(gd), Why: s.Why})
		}
		for _, gd := range g.RoleGuides[r] {
			if !inPathway[gd.ID] {
				d.Guides = append(d.Guides, v.guide(gd))
			}
		}
		add(route.Role(r.ID), "role", "roles", r.Name, r.Summary, "data/roles.yaml", crumbs("Roles", route.Roles()), func() any { return d })
	}

	// Guides.
	byTitle := slices.Clone(g.Guides)
	slices.SortStableFunc(byTitle, func(a, b *model.Guide) int { return strings.Compare(a.Title, b.Title) })
	var gsd GuidesData
	for _, gd := range byTitle {
		gsd.Guides = append(gsd.Guides, GuideCard{Link: v.guide(gd),
			Roles: refs(gd.Roles, g.Role, v.role), Systems: refs(gd.Systems, g.System, v.system)})
	}
	add(route.Guides(), "guides", "guides", "Practice guides", "How to practise shared leadership, one practice at a time.", "", home, func() any { return gsd })
	guideCrumbs := crumbs("Guides", route.Guides())
	for _, gd := range g.Guides {
		add(route.Guide(gd.ID), "guide", "guides", gd.Title, gd.Summary, gd.Pos.File, guideCrumbs, func() any { return v.guideData(gd) })
	}

	// Systems.
	sd := SystemsData{}
	for _, s := range g.Systems {
		sd.Systems = append(sd.Systems, v.systemCard(s))
		if sd.Sector == "" {
			sd.Sector = s.Sector
		}
	}
	add(route.Systems(), "systems", "systems", "Performance systems", "The interactive performance systems of shared leadership.", "", home, func() any { return sd })
	for _, s := range g.Systems {
		d := SystemData{Code: s.Code, Name: s.Name, Sector: s.Sector, Summary: s.Summary,
			Definition: template.HTML(s.Definition.HTML), Guides: v.guides(g.SystemGuides[s]), Stories: v.stories(g.SystemStories[s])}
		add(route.System(s.Code), "system", "systems", s.Name+" ("+s.Code+")", s.Summary, "data/systems.yaml", crumbs("Systems", route.Systems()), func() any { return d })
	}

	// Goals.
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
	add(route.Goals(), "goals", "goals", "District goals", "The few goals the district pursues now, and the ones it has met.", "", home, func() any { return gd })
	for _, gl := range g.Goals {
		q := gl.Questions
		d := GoalData{Status: gl.Status, Summary: gl.Summary, Why: template.HTML(gl.Why.HTML), Indicators: gl.Indicators,
			Owners: refs(gl.Owners, g.Role, v.role), Guides: v.guides(g.GoalGuides[gl]), Stories: v.stories(g.GoalStories[gl])}
		for _, qa := range []QA{
			{"What is the compelling vision we strive to attain?", q.Vision},
			{"Which priorities will do most to close achievement gaps?", q.Priorities},
			{"Are we using the strengths and removing the constraints of our systems?", q.Systems},
			{"What clear, short-term steps drive the work?", q.Actions},
			{"How will we monitor and share progress, often, with leading indicators?", q.Monitoring},
		} {
			if qa.Answer != "" {
				d.Questions = append(d.Questions, qa)
			}
		}
		add(route.Goal(gl.ID), "goal", "goals", gl.Title, gl.Summary, "data/goals.yaml", crumbs("Goals", route.Goals()), func() any { return d })
	}

	// Stories.
	var std StoriesData
	for _, s := range newestFirst(g.Stories) {
		std.Stories = append(std.Stories, v.storyCard(s))
	}
	add(route.Stories(), "stories", "stories", "Success stories", "What shared leadership changed, and the evidence.", "", home, func() any { return std })
	for _, s := range g.Stories {
		d := StoryData{Date: s.Date, DateText: dateText(s.Date), Example: s.Example, Summary: s.Summary,
			Body: template.HTML(s.Body.HTML), Evidence: s.Evidence,
			Roles: refs(s.Roles, g.Role, v.role), Systems: refs(s.Systems, g.System, v.system),
			Guides: refs(s.Guides, g.Guide, v.guide), Goals: refs(s.Goals, g.Goal, v.goal)}
		add(route.Story(s.ID), "story", "stories", s.Title, s.Summary, "data/stories.yaml", crumbs("Stories", route.Stories()), func() any { return d })
	}

	// Checklists.
	var cd ListData
	for _, c := range g.Checklists {
		cd.Items = append(cd.Items, v.checklist(c))
	}
	add(route.Checklists(), "checklists", "checklists", "Checklists", "Checklists to tick off on screen or on paper.", "", home, func() any { return cd })
	for _, c := range g.Checklists {
		d := ChecklistData{ID: c.ID, Summary: c.Summary, Guides: v.guides(g.ChecklistGuides[c]), Roles: v.roles(g.ChecklistRoles[c])}
		for i, s := range c.Sections {
			sv := SectionView{N: i + 1, Title: s.Title}
			for _, it := range s.Items {
				sv.Items = append(sv.Items, ItemView{ID: it.ID, InputID: "item-" + it.ID, Text: it.Text})
			}
			d.Total += len(sv.Items)
			d.Sections = append(d.Sections, sv)
		}
		add(route.Checklist(c.ID), "checklist", "checklists", c.Title, c.Summary, "data/checklists.yaml", crumbs("Checklists", route.Checklists()), func() any { return d })
	}

	// Reflection forms.
	var fd ListData
	for _, r := range g.Reflections {
		fd.Items = append(fd.Items, v.reflection(r))
	}
	add(route.Reflections(), "reflections", "reflect", "Reflection forms", "Forms to fill in on screen or print, alone or with a team.", "", home, func() any { return fd })
	for _, r := range g.Reflections {
		d := ReflectionData{ID: r.ID, Summary: r.Summary, Guides: v.guides(g.ReflectionGuides[r])}
		for i := range r.Prompts {
			d.Prompts = append(d.Prompts, v.prompt(i+1, &r.Prompts[i]))
		}
		add(route.Reflection(r.ID), "reflection", "reflect", r.Title, r.Summary, "data/reflections.yaml", crumbs("Reflect", route.Reflections()), func() any { return d })
	}

	// Free pages.
	for _, p := range g.Pages {
		add(route.Page(p.ID), "page", "", p.Title, p.Summary, p.Pos.File, home, func() any { return PageData{Summary: p.Summary, Body: template.HTML(p.Body.HTML)} })
	}

	add("/404.html", "404", "", "Page not found", "", "", nil, func() any { return nil })
	return out
}

// guideData is the view of a guide's page.
func (v *views) guideData(gd *model.Guide) GuideData {
	g := v.g
	d := GuideData{ID: gd.ID, Summary: gd.Summary, Body: template.HTML(gd.Body.HTML),
		Roles: refs(gd.Roles, g.Role, v.role), Systems: refs(gd.Systems, g.System, v.system),
		Goals: v.goals(g.GuideGoals[gd]), Checklist: ref(gd.Checklist, g.Checklist, v.checklist),
		Reflection: ref(gd.Reflection, g.Reflection, v.reflection),
		Stories:    v.stories(g.GuideStories[gd]), Backlinks: v.guides(g.Backlinks[gd])}
	for _, st := range g.GuidePathways[gd] {
		pv := PathwayView{Role: v.role(st.Role), RoleID: st.Role.ID, N: st.N, Of: st.Of}
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

func newestFirst(ss []*model.Story) []*model.Story {
	out := slices.Clone(ss)
	slices.SortStableFunc(out, func(a, b *model.Story) int { return strings.Compare(b.Date, a.Date) })
	return out
}

// sitemap lists every page but 404.html, sorted, at its full address. With
// no base URL the addresses are site paths.
func sitemap(baseURL string, pages []page) []byte {
	var locs []string
	root := strings.TrimSuffix(baseURL, "/")
	base := route.BasePath(baseURL)
	for _, p := range pages {
		if p.Kind == "404" {
			continue
		}
		if root != "" {
			locs = append(locs, root+strings.TrimPrefix(p.URL, strings.TrimSuffix(base, "/")))
		} else {
			locs = append(locs, p.URL)
		}
	}
	slices.Sort(locs)
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, l := range locs {
		b.WriteString("  <url><loc>")
		xml.EscapeText(&b, []byte(l))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

func robots(baseURL string) []byte {
	s := "User-agent: *\nAllow: /\n"
	if baseURL != "" {
		s += "\nSitemap: " + baseURL + "sitemap.xml\n"
	}
	return []byte(s)
}
