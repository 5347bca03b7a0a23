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
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/playbook-edu/playbook/internal/kind"
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

// In returns the site path p (from this package) of the pages published
// under prefix: a language's folder ("es/"), or "" for the default
// language's.
func In(prefix, p string) string {
	if prefix == "" {
		return p
	}
	return "/" + prefix + strings.TrimPrefix(p, "/")
}

// Home is the home page.
const Home = "/"

// Sections are the first path segments the site uses itself: each kind's
// section (package kind) and the site's own folders. A free page may not
// take one of these ids.
var Sections = append(kind.Sections(), "print", "search", "assets", "schemas", "images")

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

// CheckBaseURL returns the base URL s as the site uses it, ending in "/",
// or an error saying why it cannot be the address of a site: it must be an
// absolute http or https address with a host, and nothing a browser would
// read differently from what the editor meant: no spaces or other
// characters that need escaping, no user name or password, no "//" or
// "." or ".." in its path (https://example.org//evil.example/ would make
// every page load its script from evil.example), no query and no fragment.
func CheckBaseURL(s string) (string, error) {
	for _, r := range s {
		if r <= ' ' || r == 0x7f || r == '\\' || r == '"' || r == '<' || r == '>' || r == '`' || r == '{' || r == '}' || r == '|' || r == '^' || r > 0x7e {
			return "", fmt.Errorf("it contains %q, which a web address may not", r)
		}
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "", errors.New("it is not a web address")
	case u.Scheme != "http" && u.Scheme != "https":
		return "", errors.New("it does not start with https:// (or http://)")
	case u.Opaque != "" || u.Host == "":
		return "", errors.New("it has no host name after https://")
	case u.User != nil:
		return "", errors.New("it holds a user name or password, which would be published on every page")
	case u.RawQuery != "" || u.ForceQuery:
		return "", errors.New("it has a query (\"?…\"), which a site's address may not")
	case u.Fragment != "" || strings.Contains(s, "#"):
		return "", errors.New("it has a fragment (\"#…\"), which a site's address may not")
	case !hostRE.MatchString(u.Host):
		return "", fmt.Errorf("its host %q is not a host name", u.Host)
	}
	p := u.Path
	if strings.Contains(p, "//") {
		return "", errors.New("its path has \"//\", which browsers read as the start of another site's address")
	}
	for _, seg := range strings.Split(strings.Trim(p, "/"), "/") {
		if seg == "." || seg == ".." {
			return "", fmt.Errorf("its path has a %q segment", seg)
		}
	}
	if u.RawPath != "" || strings.Contains(p, "%") {
		return "", errors.New("its path has escaped characters (%…); write the address plainly")
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s, nil
}

// hostRE is a host name, an IPv4 address or a bracketed IPv6 address, with
// an optional port.
var hostRE = regexp.MustCompile(`^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$`)

// Place is what a site path names: a Kind (the section of a record page,
// such as "guides" or "stories"; "" for the home page; "page" for a free
// page; "section" for a section's index; "file" for a file the build
// writes itself) and, for a record or a free page, its ID.
type Place struct {
	Kind string
	ID   string
}

// files are the files every build writes at the site's root or in a
// section, besides pages.
var files = map[string]bool{
	"feed.xml": true, "sitemap.xml": true, "robots.txt": true, "404.html": true,
	"playbook.json": true, "case/playbook.json": true, "search/index.json": true,
}

// Parse returns the place a site path names (the path without the base
// path, starting with "/"; a page's trailing "/" may be left out), and
// false when no page or file of the site could be there. It does not know
// which records exist: the caller looks the ID up.
func Parse(p string) (Place, bool) {
	rest, ok := strings.CutPrefix(p, "/")
	if !ok || strings.Contains(rest, "//") || strings.ContainsAny(rest, "\\") {
		return Place{}, false
	}
	if rest == "" || rest == "index.html" {
		return Place{}, true
	}
	if files[rest] {
		return Place{Kind: "file", ID: rest}, true
	}
	rest = strings.TrimSuffix(strings.TrimSuffix(rest, "index.html"), "/")
	first, second, nested := strings.Cut(rest, "/")
	switch first {
	case "images", "schemas", "assets":
		if !nested || second == "" || !fs.ValidPath(second) {
			return Place{}, false
		}
		return Place{Kind: first, ID: second}, true
	case "print", "search":
		return Place{Kind: "section", ID: first}, !nested
	}
	if !slices.Contains(Sections, first) {
		// A free page, whose id is the whole path.
		if nested || !fs.ValidPath(first) {
			return Place{}, false
		}
		return Place{Kind: "page", ID: first}, true
	}
	if !nested {
		return Place{Kind: "section", ID: first}, true
	}
	if strings.Contains(second, "/") || second == "" {
		return Place{}, false
	}
	return Place{Kind: first, ID: second}, true
}

// Section is the index of the section called name: "/glossary/".
func Section(name string) string { return "/" + name + "/" }

// Record is the page of the record with the given id in the section called
// name: "/guides/peer-mentoring/".
func Record(section, id string) string { return "/" + section + "/" + id + "/" }
