// Package link is the second stage of the build: it resolves every
// reference between the loaded records into one Graph and reports every
// reference that does not resolve.
//
// # What it checks
//
//   - ids are lowercase slugs (system codes are capitals) and unique per kind;
//     checklist item and prompt ids are unique within their checklist or form;
//   - every reference names a record that exists: a guide's roles, systems,
//     goals, checklist, reflection form and group; a role's pathway and
//     checklist; a goal's owners and strategies; a story's roles, systems,
//     guides and goals; a glossary term's see-also terms. A misspelt id gets
//     the nearest existing one as a suggestion;
//   - every source a guide or goal cites that has an address has a web
//     address (http or https);
//   - every relative Markdown link to a .md file names a guide or page that
//     exists, and a link to a heading ("peer-mentoring.md#steps", "#steps")
//     names a heading that is there;
//   - every image is a file of content/images/ and has alt text;
//   - no more goals are active than playbook.yaml's goalsLimit allows;
//   - reflection prompts are complete: choices for a choice, a range for a scale;
//   - a free page's id does not take a section's address (/guides/ and so on).
//
// And, as warnings, which the build prints but does not stop for: a guide
// that nothing but the list of all guides leads to, two records of a kind
// with the same title, and a heading with nothing under it. See
// editorial.go.
//
// # What it computes
//
// The relations every page shows: for each guide, the stories that cite it,
// the guides that link to it (backlinks), the goals it serves and its place
// in each role's pathway (with the previous and next step) and the guides
// related to it (by shared roles, systems and links); for each role,
// system, goal, checklist and reflection form, the records that refer to it.
// Every list is in a fixed order, so output never depends on map order or
// scheduling.
package link

import (
	"fmt"
	"net/url"
	"path"
	"reflect"
	"slices"
	"strings"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/kind"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/route"
)

// Graph is the linked playbook.
type Graph struct {
	*model.Playbook

	// records holds every record by its kind's name, then its key (a
	// system's code in capitals).
	records map[string]map[string]model.Record
	// resolved holds the record each reference written in the playbook
	// names, by where it is written; a reference to nothing is absent.
	resolved map[model.Pos]model.Record
	// referrers holds, for each record, the records that refer to it, in
	// the order of their kinds and of their files, each once.
	referrers map[model.Record][]model.Record

	// Relations, each list in a fixed order.
	Backlinks        map[*model.Guide][]*model.Guide // guides whose body links to the guide, by id
	GuideStories     map[*model.Guide][]*model.Story // stories citing the guide, newest first
	GuideGoals       map[*model.Guide][]*model.Goal  // goals the guide serves, in file order
	GuidePathways    map[*model.Guide][]PathwayPlace // the guide's places in pathways, in role order
	RoleGuides       map[*model.Role][]*model.Guide  // guides written for the role, by id
	RoleGoals        map[*model.Role][]*model.Goal   // goals the role owns
	RoleStories      map[*model.Role][]*model.Story
	SystemGuides     map[*model.System][]*model.Guide
	SystemStories    map[*model.System][]*model.Story
	GoalGuides       map[*model.Goal][]*model.Guide // strategies first, then guides naming the goal
	GoalStories      map[*model.Goal][]*model.Story
	ChecklistGuides  map[*model.Checklist][]*model.Guide
	ChecklistRoles   map[*model.Checklist][]*model.Role
	ReflectionGuides map[*model.Reflection][]*model.Guide
	GroupGuides      map[*model.Group][]*model.Guide // guides of the group, by id
	Related          map[*model.Guide][]*model.Guide // guides to read next, best first (related.go)
}

// PathwayPlace is a guide's place in one role's pathway.
type PathwayPlace struct {
	Role       *model.Role
	N, Of      int          // 1-based step number and the pathway's length
	Prev, Next *model.Guide // nil at the ends
}

// Find returns the record of kind k with the given key (a system's code in
// any case), or nil.
func (g *Graph) Find(k kind.Kind, key string) model.Record {
	if k.Coded {
		key = strings.ToUpper(key)
	}
	return g.records[k.Name][key]
}

// find returns the record of the kind called name with the given key.
func (g *Graph) find(name, key string) model.Record {
	return g.Find(kind.MustNamed(name), key)
}

// Referrers returns the records of kind from that refer to r, in file
// order, each once.
func (g *Graph) Referrers(r model.Record, from kind.Kind) []model.Record {
	var out []model.Record
	t := from.Type()
	for _, x := range g.referrers[r] {
		if reflect.TypeOf(x).Elem() == t {
			out = append(out, x)
		}
	}
	return out
}

// Role returns the role with the given id, or nil.
func (g *Graph) Role(id string) *model.Role { r, _ := g.find("role", id).(*model.Role); return r }

// System returns the system with the given code in any case, or nil.
func (g *Graph) System(code string) *model.System {
	r, _ := g.find("system", code).(*model.System)
	return r
}

// Goal returns the goal with the given id, or nil.
func (g *Graph) Goal(id string) *model.Goal { r, _ := g.find("goal", id).(*model.Goal); return r }

// Story returns the story with the given id, or nil.
func (g *Graph) Story(id string) *model.Story { r, _ := g.find("story", id).(*model.Story); return r }

// Checklist returns the checklist with the given id, or nil.
func (g *Graph) Checklist(id string) *model.Checklist {
	r, _ := g.find("checklist", id).(*model.Checklist)
	return r
}

// Reflection returns the reflection form with the given id, or nil.
func (g *Graph) Reflection(id string) *model.Reflection {
	r, _ := g.find("reflection", id).(*model.Reflection)
	return r
}

// Group returns the group of guides with the given id, or nil.
func (g *Graph) Group(id string) *model.Group { r, _ := g.find("group", id).(*model.Group); return r }

// Term returns the glossary's term with the given id, or nil.
func (g *Graph) Term(id string) *model.Term { r, _ := g.find("term", id).(*model.Term); return r }

// Guide returns the guide with the given id, or nil.
func (g *Graph) Guide(id string) *model.Guide { r, _ := g.find("guide", id).(*model.Guide); return r }

// Page returns the free page with the given id, or nil.
func (g *Graph) Page(id string) *model.FreePage {
	r, _ := g.find("page", id).(*model.FreePage)
	return r
}

// Link resolves pb into a Graph, adding every problem to diags.
func Link(pb *model.Playbook, diags *diag.List) *Graph {
	l := &linker{diags: diags, unparsed: pb.Unparsed, language: pb.Config.Language}
	g := &Graph{Playbook: pb, records: map[string]map[string]model.Record{}}
	for _, k := range kind.All {
		g.records[k.Name] = g.index(l, k)
	}
	for _, p := range pb.Pages {
		if slices.Contains(route.Sections, p.ID) || p.ID == "index" || p.ID == "404" {
			l.errorf(model.Pos{File: p.Pos.File}, "rename the file", "a page may not be called %q: the site uses /%s/ itself", p.ID, p.ID)
		} else if slices.Contains(pb.Config.Languages[min(1, len(pb.Config.Languages)):], p.ID) {
			l.errorf(model.Pos{File: p.Pos.File}, "rename the file", "a page may not be called %q: the site's pages in that language are under /%s/", p.ID, p.ID)
		}
	}
	for _, c := range pb.Checklists {
		l.checklist(c)
	}
	for _, r := range pb.Reflections {
		l.reflection(r)
	}
	for _, gd := range pb.Guides {
		l.sources(gd.Sources)
	}
	for _, gl := range pb.Goals {
		l.sources(gl.Sources)
	}
	g.resolveAll(l)
	g.relate(l)
	l.goalsLimit(pb)
	g.editorial(l)
	return g
}

type linker struct {
	diags    *diag.List
	unparsed map[string]bool
	language string // the language being linked, a BCP 47 tag
}

func (l *linker) errorf(p model.Pos, hint, format string, args ...any) {
	l.diags.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Severity: diag.Error,
		Message: fmt.Sprintf(format, args...), Hint: hint})
}

// missing reports whether file, or a folder it is in, was left out of the
// playbook because of a problem already reported (model.Playbook.Unparsed).
func (l *linker) missing(file string) bool {
	for p := file; p != "." && p != "/" && p != ""; p = path.Dir(p) {
		if l.unparsed[p] {
			return true
		}
	}
	return false
}

// short formats a position as "line 12" in the same file, for messages.
func short(p model.Pos) string {
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

func (l *linker) checklist(c *model.Checklist) {
	seen := map[string]model.Pos{}
	for _, s := range c.Sections {
		for _, it := range s.Items {
			l.itemID(seen, it.ID, it.Pos, "checklist item", c.ID)
		}
	}
}

func (l *linker) reflection(r *model.Reflection) {
	seen := map[string]model.Pos{}
	for _, p := range r.Prompts {
		l.itemID(seen, p.ID, p.Pos, "prompt", r.ID)
		switch p.Kind {
		case "choice":
			if len(p.Choices) < 2 {
				l.errorf(p.Pos, "add a list \"choices:\" with an entry per choice", "choice prompt %q needs at least two choices", p.ID)
			}
		case "scale":
			lo, hi := p.Scale.Range()
			if lo >= hi {
				l.errorf(p.Pos, "", "scale of prompt %q runs from %d to %d; max must be above min", p.ID, lo, hi)
			} else if hi-lo+1 > model.MaxScalePoints {
				l.errorf(p.Pos, "", "scale of prompt %q has %d points; use at most %d", p.ID, hi-lo+1, model.MaxScalePoints)
			}
		}
		if p.Kind != "choice" && len(p.Choices) > 0 {
			l.errorf(p.Pos, "set kind: choice, or remove the choices", "prompt %q has choices but is a %s prompt", p.ID, p.Kind)
		}
		if p.Lines < 0 || p.Lines > model.MaxLines {
			l.errorf(p.Pos, "", "prompt %q asks for %d lines of writing space; use 1 to %d", p.ID, p.Lines, model.MaxLines)
		}
	}
}

// sources reports a source whose address is not a web address. A source
// without a title is the loader's to report, as a missing key.
func (l *linker) sources(srcs []model.Source) {
	for _, s := range srcs {
		if s.URL == "" {
			continue
		}
		if u, err := url.Parse(s.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			p, ok := s.Where["url"]
			if !ok {
				p = s.Pos
			}
			l.errorf(p, "write the whole address as a browser shows it, starting with https://",
				"the url of source %q is not a web address: %q", s.Title, s.URL)
		}
	}
}

func (l *linker) itemID(seen map[string]model.Pos, id string, pos model.Pos, kind, parent string) {
	if id == "" {
		return
	}
	if !model.IsSlug(id) {
		l.errorf(pos, "use lowercase letters, digits and hyphens", "%s id %q is not a valid id", kind, id)
		return
	}
	if first, ok := seen[id]; ok {
		l.errorf(pos, "readers' saved answers are kept by this id, so each must be unique", "%s id %q is used twice in %q; the first is at %s", kind, id, parent, short(first))
		return
	}
	seen[id] = pos
}

func (l *linker) goalsLimit(pb *model.Playbook) {
	active := 0
	for _, g := range pb.Goals {
		if !g.Active() {
			continue
		}
		active++
		if active > pb.Config.GoalsLimit {
			l.errorf(g.Pos, "mark a goal met or retired, or raise goalsLimit in playbook.yaml",
				"goal %q would be active goal number %d, but at most %d goals may be active at once (goalsLimit)", g.ID, active, pb.Config.GoalsLimit)
		}
	}
}

// relate resolves every reference and fills in the graph's relations.
func (g *Graph) relate(l *linker) {
	relBacklinks := newRelation(&g.Backlinks)
	relGuideStories := newRelation(&g.GuideStories)
	relGuideGoals := newRelation(&g.GuideGoals)
	relGuidePathways := newRelation(&g.GuidePathways)
	relRoleGuides := newRelation(&g.RoleGuides)
	relRoleGoals := newRelation(&g.RoleGoals)
	relRoleStories := newRelation(&g.RoleStories)
	relSystemGuides := newRelation(&g.SystemGuides)
	relSystemStories := newRelation(&g.SystemStories)
	relGoalGuides := newRelation(&g.GoalGuides)
	relGoalStories := newRelation(&g.GoalStories)
	relChecklistGuides := newRelation(&g.ChecklistGuides)
	relChecklistRoles := newRelation(&g.ChecklistRoles)
	relReflectionGuides := newRelation(&g.ReflectionGuides)
	relGroupGuides := newRelation(&g.GroupGuides)

	// Every reference is resolved, and reported when it names nothing,
	// by resolveAll; these look up what it found.
	role := func(r model.Ref) *model.Role { x, _ := g.resolved[r.Pos].(*model.Role); return x }
	guide := func(r model.Ref) *model.Guide { x, _ := g.resolved[r.Pos].(*model.Guide); return x }
	goal := func(r model.Ref) *model.Goal { x, _ := g.resolved[r.Pos].(*model.Goal); return x }
	system := func(r model.Ref) *model.System { x, _ := g.resolved[r.Pos].(*model.System); return x }
	checklist := func(r model.Ref) *model.Checklist { x, _ := g.resolved[r.Pos].(*model.Checklist); return x }

	for _, r := range g.Roles {
		if c := checklist(r.Checklist); c != nil {
			relChecklistRoles.add(c, r)
		}
		var steps []*model.Guide
		for _, s := range r.Pathway {
			gd := guide(s.Guide)
			if gd == nil {
				continue
			}
			if slices.Contains(steps, gd) {
				l.errorf(s.Guide.Pos, "", "guide %q is in the %s pathway twice", gd.ID, r.ID)
				continue
			}
			steps = append(steps, gd)
		}
		for i, gd := range steps {
			st := PathwayPlace{Role: r, N: i + 1, Of: len(steps)}
			if i > 0 {
				st.Prev = steps[i-1]
			}
			if i+1 < len(steps) {
				st.Next = steps[i+1]
			}
			relGuidePathways.add(gd, st)
		}
	}

	for _, gl := range g.Goals {
		for _, o := range gl.Owners {
			if r := role(o); r != nil {
				relRoleGoals.add(r, gl)
			}
		}
		for _, s := range gl.Strategies {
			if gd := guide(s); gd != nil {
				relGoalGuides.add(gl, gd)
			}
		}
	}

	for _, gd := range g.Guides {
		for _, r := range gd.Roles {
			if x := role(r); x != nil {
				relRoleGuides.add(x, gd)
			}
		}
		for _, s := range gd.Systems {
			if x := system(s); x != nil {
				relSystemGuides.add(x, gd)
			}
		}
		for _, r := range gd.Goals {
			if x := goal(r); x != nil {
				relGoalGuides.add(x, gd)
			}
		}
		if c := checklist(gd.Checklist); c != nil {
			relChecklistGuides.add(c, gd)
		}
		if r, _ := g.resolved[gd.Reflection.Pos].(*model.Reflection); r != nil {
			relReflectionGuides.add(r, gd)
		}
		if gr, _ := g.resolved[gd.Group.Pos].(*model.Group); gr != nil {
			relGroupGuides.add(gr, gd)
		}
	}
	// A goal's guides in goal order, so a guide lists its goals as goals.yaml does.
	for _, gl := range g.Goals {
		for _, gd := range g.GoalGuides[gl] {
			relGuideGoals.add(gd, gl)
		}
	}

	for _, s := range model.NewestFirst(g.Stories) {
		for _, r := range s.Roles {
			if x := role(r); x != nil {
				relRoleStories.add(x, s)
			}
		}
		for _, r := range s.Systems {
			if x := system(r); x != nil {
				relSystemStories.add(x, s)
			}
		}
		for _, r := range s.Guides {
			if x := guide(r); x != nil {
				relGuideStories.add(x, s)
			}
		}
		for _, r := range s.Goals {
			if x := goal(r); x != nil {
				relGoalStories.add(x, s)
			}
		}
	}

	g.links(l, relBacklinks)
	g.related()
}

// links checks every relative Markdown link and records backlinks.
func (g *Graph) links(l *linker, backlinks relation[*model.Guide, *model.Guide]) {
	check := func(m *model.Markdown) {
		for _, lk := range m.Links {
			g.target(l, lk)
		}
	}
	g.pageTexts(check)
	for _, from := range g.Guides {
		for _, lk := range from.Body.Links {
			if to, ok := g.target(l, lk).(*model.Guide); ok && to != from {
				backlinks.add(to, from)
			}
		}
	}
}

// target resolves a Markdown link to the guide or page it names, or
// reports it when it goes nowhere, and returns nil for anything else.
func (g *Graph) target(l *linker, lk model.Link) any {
	if lk.Site != "" {
		return g.siteTarget(l, lk)
	}
	dir, name := splitTarget(lk.Target)
	id, isMD := strings.CutSuffix(name, ".md")
	if !isMD {
		return g.otherTarget(l, lk)
	}
	if l.missing(lk.Target) {
		return nil // its folder could not be read, which is reported
	}
	switch dir {
	case route.GuideDir:
		if gd := g.Guide(id); gd != nil {
			l.fragment(lk, &gd.Body)
			return gd
		}
		msg := fmt.Sprintf("link %q goes to a guide that does not exist", lk.Dest)
		hint := "guides are the files in " + route.GuideDir + "; links are relative to the file they are written in"
		if renamed := g.renamedFile(kind.MustNamed("guide"), id); renamed != "" {
			msg += fmt.Sprintf(": the file %s/%s.md may be this guide, renamed", route.GuideDir, renamed)
			hint = fmt.Sprintf("rename the file %s.md: %s", model.Slugify(renamed), model.SlugRule)
		} else if s := diag.Suggest(id, g.validKeys(kind.MustNamed("guide"))); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s+".md")
		}
		l.errorf(lk.Pos, hint, "%s", msg)
	case route.PageDir:
		if p := g.Page(id); p != nil {
			l.fragment(lk, &p.Body)
			return p
		}
		msg := fmt.Sprintf("link %q goes to a page that does not exist", lk.Dest)
		if s := diag.Suggest(id, g.validKeys(kind.MustNamed("page"))); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s+".md")
		}
		l.errorf(lk.Pos, "pages are the files in "+route.PageDir+"; links are relative to the file they are written in", "%s", msg)
	default:
		l.errorf(lk.Pos, "link to a guide in "+route.GuideDir+" or a page in "+route.PageDir+", relative to this file",
			"link %q goes to %s, which is not a guide or page", lk.Dest, lk.Target)
	}
	return nil
}

// otherTarget checks a relative link to a file that is not Markdown: an
// image, or a guide or page written without ".md".
func (g *Graph) otherTarget(l *linker, lk model.Link) any {
	target := strings.TrimSuffix(lk.Target, "/")
	if _, ok := route.Image(target); ok {
		if g.Images[target] == nil && !l.missing(target) {
			l.errorf(lk.Pos, "images are the files in "+route.ImageDir+"/; the path is relative to this file",
				"link %q goes to an image that does not exist", lk.Dest)
		}
		return nil
	}
	dir, name := splitTarget(target)
	var found any
	switch dir {
	case route.GuideDir:
		if gd := g.Guide(name); gd != nil {
			found = gd
		}
	case route.PageDir:
		if p := g.Page(name); p != nil {
			found = p
		}
	}
	if found != nil {
		fixed := strings.TrimSuffix(strings.TrimSuffix(lk.Dest[:len(lk.Dest)-len(fragmentOf(lk.Dest))], "/"), "/") + ".md" + fragmentOf(lk.Dest)
		l.errorf(lk.Pos, fmt.Sprintf("write (%s): a link names the file, so it works on the site and on GitHub alike", fixed),
			"link %q leaves out \".md\" at the end of the file's name, so it leads nowhere on the site", lk.Dest)
		return nil
	}
	hint := "link to a guide (name.md), a page (../pages/name.md) or an image (../images/name.png), relative to this file; or to an address of the site such as /stories/ID/"
	// Written from the page's address rather than from its file?
	if url, ok := route.ContentFile(lk.Pos.File); ok {
		p, _, _ := strings.Cut(lk.Dest, "#")
		p, _, _ = strings.Cut(p, "?")
		site := path.Join(url, p)
		if strings.HasSuffix(p, "/") {
			site += "/"
		}
		if _, ok := route.Parse(site); ok && g.siteExists(site) {
			hint = fmt.Sprintf("write %s: relative links start from this file, not from its page's address; an address of the site starts with /", site+fragmentOf(lk.Dest))
		}
	}
	l.errorf(lk.Pos, hint, "link %q goes to %s, which is not a guide, page or image of the playbook", lk.Dest, target)
	return nil
}

// siteExists reports whether the site path p names a page or file the
// site has.
func (g *Graph) siteExists(p string) bool {
	var quiet diag.List
	g.siteTarget(&linker{diags: &quiet}, model.Link{Dest: p, Site: p})
	return quiet.Len() == 0
}

// fragmentOf returns the "#…" end of a link destination, or "".
func fragmentOf(dest string) string {
	if i := strings.IndexByte(dest, '#'); i >= 0 {
		return dest[i:]
	}
	return ""
}

// siteTarget checks a link to an address of the site ("/stories/x/"),
// returning the guide or page it names.
func (g *Graph) siteTarget(l *linker, lk model.Link) any {
	place, ok := route.Parse(lk.Site)
	hint := "the site's addresses are /guides/ID/, /roles/ID/, /systems/CODE/, /goals/ID/, /stories/ID/, /checklists/ID/, /reflect/ID/ and /ID/ for a page; a guide or page is best linked by its file (peer-mentoring.md), which also works on GitHub"
	if !ok {
		l.errorf(lk.Pos, hint, "link %q goes to no page of the site", lk.Dest)
		return nil
	}
	if place.Kind == "assets" {
		l.errorf(lk.Pos, "the theme's files get a new name whenever they change; link to a page instead", "link %q goes to a file of the theme, whose address changes", lk.Dest)
		return nil
	}
	if place.Kind == "images" {
		if g.Images[route.ImageDir+"/"+place.ID] == nil && !l.missing(route.ImageDir+"/"+place.ID) {
			l.errorf(lk.Pos, "images are the files in "+route.ImageDir+"/", "link %q goes to an image that does not exist", lk.Dest)
		}
		return nil
	}
	k, ok := placeKind(place)
	switch {
	case !ok || place.ID == "":
		return nil // the home page, a section's index, a file of the site
	case !k.Page:
		l.errorf(lk.Pos, fmt.Sprintf("a %s has no page of its own: link to /%s/#ID", k.Noun, k.Section), "link %q goes to no page of the site", lk.Dest)
		return nil
	}
	r := g.Find(k, place.ID)
	if r == nil {
		msg := fmt.Sprintf("link %q goes to a %s that does not exist", lk.Dest, k.Noun)
		if s := diag.Suggest(place.ID, g.keysOf(k)); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		l.errorf(lk.Pos, hint, "%s", msg)
		return nil
	}
	switch doc := r.(type) {
	case *model.Guide:
		l.fragment(model.Link{Dest: lk.Dest, Target: doc.Body.Pos.File, Fragment: lk.Fragment, Pos: lk.Pos}, &doc.Body)
		return doc
	case *model.FreePage:
		l.fragment(model.Link{Dest: lk.Dest, Target: doc.Body.Pos.File, Fragment: lk.Fragment, Pos: lk.Pos}, &doc.Body)
		return doc
	}
	return nil
}

func splitTarget(t string) (dir, name string) {
	i := strings.LastIndexByte(t, '/')
	if i < 0 {
		return "", t
	}
	return t[:i], t[i+1:]
}

func sortedKeys[T any](m map[string]*T) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// relation fills a one-to-many map in the order add is called, ignoring
// repeats.
type relation[K, V comparable] struct {
	m    map[K][]V
	seen map[[2]any]bool
}

func newRelation[K, V comparable](m *map[K][]V) relation[K, V] {
	*m = map[K][]V{}
	return relation[K, V]{m: *m, seen: map[[2]any]bool{}}
}

func (r relation[K, V]) add(k K, v V) {
	if key := [2]any{k, v}; !r.seen[key] {
		r.seen[key] = true
		r.m[k] = append(r.m[k], v)
	}
}

// placeKind returns the kind whose records an address of the site names:
// the kind with the address's section, or free pages.
func placeKind(p route.Place) (kind.Kind, bool) {
	if p.Kind == "page" {
		return kind.MustNamed("page"), true
	}
	for _, k := range kind.All {
		if k.Section != "" && k.Section == p.Kind {
			return k, true
		}
	}
	return kind.Kind{}, false
}
