package link

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/kind"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/route"
)

// Editorial checks: what a reader needs from a playbook beyond references
// that resolve. Links to headings and images are errors (a reader would
// land nowhere, or a screen reader would have nothing to say); the rest
// are warnings, which the build prints and `playbook check -strict` turns
// into errors. Reading levels are in reading.go.

// editorial runs the checks that need the whole graph.
func (g *Graph) editorial(l *linker) {
	g.texts(func(m *model.Markdown) {
		for _, im := range m.Images {
			g.image(l, im)
		}
		for _, h := range m.Headings {
			if h.Empty {
				l.warnf(h.Pos, "write something under the heading, or remove it", "the section %q is empty", h.Text)
			}
		}
	})
	g.unreached(l)
	g.titles(l)
	for _, r := range g.Roles {
		if len(r.Pathway) == 0 && r.ID != "" {
			l.warnf(r.Pos, "add \"pathway:\" with the guides for this role, in order, each with why it matters",
				"role %q has no pathway: its page shows no guides to follow", r.ID)
		}
	}
	g.reading(l)
}

// texts calls f with every Markdown text of the playbook, in file order.
func (g *Graph) texts(f func(*model.Markdown)) {
	g.pageTexts(f)
	for _, gd := range g.Guides {
		f(&gd.Body)
	}
}

// pageTexts calls f with every Markdown text but the guides' bodies: the
// texts of the pages readers reach without a guide.
func (g *Graph) pageTexts(f func(*model.Markdown)) {
	f(&g.Config.Vision)
	for _, r := range g.Roles {
		f(&r.Description)
	}
	for _, s := range g.Systems {
		f(&s.Definition)
	}
	for _, gl := range g.Goals {
		f(&gl.Why)
	}
	for _, s := range g.Stories {
		f(&s.Body)
	}
	for _, p := range g.Pages {
		f(&p.Body)
	}
}

func (l *linker) warnf(p model.Pos, hint, format string, args ...any) {
	l.diags.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Severity: diag.Warning,
		Message: fmt.Sprintf(format, args...), Hint: hint})
}

// fragment reports a link to a heading that the guide or page it names
// does not have.
func (l *linker) fragment(lk model.Link, body *model.Markdown) {
	if lk.Fragment == "" {
		return
	}
	ids := make([]string, 0, len(body.Headings))
	for _, h := range body.Headings {
		if h.ID == lk.Fragment {
			return
		}
		ids = append(ids, h.ID)
	}
	where := "in " + lk.Target
	if lk.Target == lk.Pos.File {
		where = "on this page"
	}
	msg := fmt.Sprintf("link %q goes to a heading that is not %s", lk.Dest, where)
	if s := diag.Suggest(lk.Fragment, ids); s != "" {
		msg += fmt.Sprintf(" (did you mean \"#%s\"?)", s)
	}
	if body.Pos.File != "" && body.Pos.File != lk.Target && lk.Target != lk.Pos.File {
		// The target's translation stands in for it, with headings of
		// its own: the link still lands, on the page's top.
		l.warnf(lk.Pos, fmt.Sprintf("give the heading its original's anchor in %s, for example \"## Pasos {#%s}\"", path.Base(body.Pos.File), lk.Fragment),
			"link %q goes to a heading that is not in %s, which the site in %s shows in its place", lk.Dest, body.Pos.File, l.language)
		return
	}
	hint := "a heading's anchor is its text in lowercase, with hyphens for spaces: \"## Next steps\" is #next-steps"
	if len(ids) == 0 {
		hint = path.Base(lk.Target) + " has no headings to link to; link to the page without '#'"
	} else {
		hint += "; the headings there are #" + strings.Join(ids, ", #")
	}
	l.errorf(lk.Pos, hint, "%s", msg)
}

// image reports an image that does not exist, is not in content/images/,
// comes from another site, or has no alt text.
func (g *Graph) image(l *linker, im model.Image) {
	switch {
	case im.Target != "":
		if _, ok := route.Image(im.Target); !ok {
			l.errorf(im.Pos, "put the image in "+route.ImageDir+"/ and link to it relative to this file",
				"image %q is not in %s/", im.Dest, route.ImageDir)
		} else if g.Images[im.Target] == nil && !l.missing(im.Target) {
			msg := fmt.Sprintf("image %q does not exist", im.Dest)
			if s := diag.Suggest(im.Target, slices.Sorted(mapKeys(g.Images))); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", path.Base(s))
			}
			l.errorf(im.Pos, "images are the files in "+route.ImageDir+"/; the path is relative to this file", "%s", msg)
		}
	case strings.HasPrefix(im.Dest, "data:image/"), strings.HasPrefix(im.Dest, "/"):
		// Inside the page itself, or a file of the site, such as the theme's.
	case strings.HasPrefix(im.Dest, "https:"), strings.HasPrefix(im.Dest, "http:"), strings.HasPrefix(im.Dest, "//"):
		l.errorf(im.Pos, "save the image in "+route.ImageDir+"/ and link to that file",
			"image %q is on another site; the playbook loads nothing from other sites, so readers would not see it", im.Dest)
	default:
		l.errorf(im.Pos, "save the image in "+route.ImageDir+"/ and link to that file", "image %q is not the address of an image", im.Dest)
	}
	if strings.TrimSpace(im.Alt) == "" {
		l.errorf(im.Pos, "describe what the image shows between the brackets, ![like this](...), for readers who cannot see it",
			"image %q has no alt text", im.Dest)
	}
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// unreached warns about each guide that only the list of all guides leads
// to: no role's pathway or page, no goal, story or system, and no text of
// another reachable page links to it.
func (g *Graph) unreached(l *linker) {
	if len(l.unparsed) > 0 {
		return // the records that lead to guides may be the ones missing
	}
	reached := map[*model.Guide]bool{}
	var queue []*model.Guide
	reach := func(gd *model.Guide) {
		if gd != nil && !reached[gd] {
			reached[gd] = true
			queue = append(queue, gd)
		}
	}
	for _, gd := range g.Guides {
		if len(g.GuidePathways[gd]) > 0 || len(g.GuideGoals[gd]) > 0 || len(g.GuideStories[gd]) > 0 {
			reach(gd)
		}
	}
	for _, gds := range g.RoleGuides {
		for _, gd := range gds {
			reach(gd)
		}
	}
	for _, gds := range g.SystemGuides {
		for _, gd := range gds {
			reach(gd)
		}
	}
	from := func(m *model.Markdown) {
		for _, lk := range m.Links {
			reach(g.linked(lk))
		}
	}
	g.pageTexts(from)
	for len(queue) > 0 {
		gd := queue[0]
		queue = queue[1:]
		from(&gd.Body)
	}
	for _, gd := range g.Guides {
		if !reached[gd] && g.Guide(gd.ID) == gd && model.IsSlug(gd.ID) {
			l.warnf(gd.Pos, "add it to a role's pathway in data/roles.yaml, name its roles or goals in its front matter, or link to it from another page",
				"no role, goal, story or other page leads to the guide %q; readers find it only in the list of all guides", gd.ID)
		}
	}
}

// linked returns the guide a Markdown link names, or nil.
func (g *Graph) linked(lk model.Link) *model.Guide {
	dir, name := splitTarget(lk.Target)
	if dir != route.GuideDir {
		return nil
	}
	return g.Guide(strings.TrimSuffix(name, ".md"))
}

// titles warns about two records of a kind with pages that share a title:
// readers could not tell them apart in lists and search. Guides and free
// pages count as one kind.
func (g *Graph) titles(l *linker) {
	byNoun := map[string][]model.Record{}
	var nouns []string
	for _, k := range kind.All {
		if !k.Page {
			continue
		}
		noun := k.Noun
		if k.Folder != "" {
			noun = "guide or page" // the documents
		}
		if _, ok := byNoun[noun]; !ok {
			nouns = append(nouns, noun)
		}
		byNoun[noun] = append(byNoun[noun], k.Records(g.Playbook)...)
	}
	for _, noun := range nouns {
		first := map[string]model.Pos{}
		for _, r := range byNoun[noun] {
			key := strings.ToLower(strings.Join(strings.Fields(r.Label()), " "))
			if key == "" {
				continue
			}
			if p, ok := first[key]; ok {
				l.warnf(r.At(), "give each "+noun+" a title of its own, so readers can tell them apart in lists and search",
					"the title %q is also the title of the %s at %s", r.Label(), noun, short(p))
				continue
			}
			first[key] = r.At()
		}
	}
}
