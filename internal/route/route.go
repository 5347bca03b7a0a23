// Package route is the site's URL scheme, in one place: where each kind of
// page is published, and which page a content file becomes.
//
//	/                      home
//	/roles/, /roles/ID/    roles and each role's pathway
//	/guides/, /guides/ID/  practice guides
//	/systems/, /systems/code/   the performance systems (code in lowercase)
//	/goals/, /goals/ID/    district goals
//	/stories/, /stories/ID/  success stories
//	/checklists/, /checklists/ID/
//	/reflect/, /reflect/ID/  reflection forms
//	/print/                the whole playbook as one printable document
//	/search/               search, with its index at /search/index.json
//	/ID/                   free pages from content/pages/ID.md
//	/images/NAME           images from content/images/NAME, as they are
//	/schemas/NAME          the JSON Schemas of the playbook's files
//
// Every function returns a path relative to the site root, starting with
// "/" and ending with "/" for pages; the render stage adds the base path.
package route

import (
	"io/fs"
	"net/url"
	"path"
	"strings"
)

// BasePath returns the path part of a base URL, starting and ending with
// "/": "https://example.org/playbook" gives "/playbook/".
func BasePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// Absolute returns the full address of site path p on a site published at
// baseURL ("https://example.org/playbook/" and "/guides/x/" give
// "https://example.org/playbook/guides/x/"), or p itself when the base URL
// is not known.
func Absolute(baseURL, p string) string {
	if baseURL == "" {
		return p
	}
	return strings.TrimSuffix(baseURL, "/") + p
}

// Home is the home page.
const Home = "/"

// Sections are the first path segments the site uses itself; a free page may
// not take one of these ids.
var Sections = []string{"roles", "guides", "systems", "goals", "stories", "checklists", "reflect", "print", "search", "assets", "schemas", "images"}

// Roles is the index of roles.
func Roles() string { return "/roles/" }

// Role is a role's pathway page.
func Role(id string) string { return "/roles/" + id + "/" }

// Guides is the index of practice guides.
func Guides() string { return "/guides/" }

// Guide is a practice guide's page.
func Guide(id string) string { return "/guides/" + id + "/" }

// Systems is the index of performance systems.
func Systems() string { return "/systems/" }

// System is a performance system's page; code is the system's code in any case.
func System(code string) string { return "/systems/" + strings.ToLower(code) + "/" }

// Goals is the index of goals.
func Goals() string { return "/goals/" }

// Goal is a goal's page.
func Goal(id string) string { return "/goals/" + id + "/" }

// Stories is the index of success stories.
func Stories() string { return "/stories/" }

// Story is a success story's page.
func Story(id string) string { return "/stories/" + id + "/" }

// Checklists is the index of checklists.
func Checklists() string { return "/checklists/" }

// Checklist is a checklist's page.
func Checklist(id string) string { return "/checklists/" + id + "/" }

// GroupAnchor is the id of a group's heading on the guides index, after
// the '#' of links to it.
func GroupAnchor(id string) string { return "group-" + id }

// Tally is the printable tally sheet of a checklist answered in levels.
func Tally(id string) string { return "/checklists/" + id + "/tally/" }

// Reflections is the index of reflection forms.
func Reflections() string { return "/reflect/" }

// Reflection is a reflection form's page.
func Reflection(id string) string { return "/reflect/" + id + "/" }

// Print is the whole playbook as one printable document.
func Print() string { return "/print/" }

// Search is the search page.
func Search() string { return "/search/" }

// Page is a free page's address.
func Page(id string) string { return "/" + id + "/" }

// GuideDir, PageDir and ImageDir are where guides, free pages and the
// images they show live in a playbook.
const (
	GuideDir = "content/guides"
	PageDir  = "content/pages"
	ImageDir = "content/images"
)

// Image returns the site path of an image file (relative to the playbook
// root, for example "content/images/team.jpg" gives "/images/team.jpg"),
// and whether the file is in ImageDir at all.
func Image(file string) (string, bool) {
	rest, ok := strings.CutPrefix(file, ImageDir+"/")
	if !ok || rest == "" || !fs.ValidPath(rest) {
		return "", false
	}
	return "/images/" + rest, true
}

// ContentFile returns the site path of the page a content file becomes
// (file relative to the playbook root, for example
// "content/guides/peer-mentoring.md"), and whether it becomes one at all.
func ContentFile(file string) (string, bool) {
	dir, name := path.Split(file)
	id, ok := strings.CutSuffix(name, ".md")
	if !ok || id == "" {
		return "", false
	}
	switch strings.TrimSuffix(dir, "/") {
	case GuideDir:
		return Guide(id), true
	case PageDir:
		return Page(id), true
	}
	return "", false
}

// File returns the output file a site path is written to: "/guides/x/"
// becomes "guides/x/index.html"; a path with an extension stays as it is.
func File(p string) string {
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}
