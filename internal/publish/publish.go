// Package publish writes the playbook as data, for the tools and sites
// around it, and the structured data its pages carry:
//
//	feed.xml                              an Atom feed of stories and of guides that have a date
//	playbook.json                         the whole playbook graph (Export), guides' HTML included
//	schemas/playbook-export.schema.json   the JSON Schema playbook.json follows
//	case/playbook.json                    the framework as a 1EdTech CASE 1.1 package (CFPackage)
//
// The two JSON files are their record types (Export, CFPackage) written by
// encoding/json one record at a time, so that neither is ever whole in
// memory. The JSON Schema is generated from Export's types and their doc
// comments by package schema.
//
// and, for the page templates, JSON-LD (schema.org) for guides (HowTo, a
// HowToStep per step of the guide's "Steps" list), stories (Article) and
// the performance systems (DefinedTermSet and DefinedTerm).
//
// # Addresses and identifiers
//
// Addresses are full URLs when playbook.yaml (or -base-url) gives the
// site's address, and site paths otherwise; the feed, read away from the
// site, then leaves its links out (see Feed). Identifiers do not depend on
// the address, so a deploy preview or a move to a new domain keeps them:
// each record's is a name-based UUID (RFC 4122 version 5, SHA-1) of its
// kind and id, in a namespace of the district's name (see ID). Re-exporting
// the playbook therefore updates the same CASE items, and feed readers see
// the same entries, as long as the district's name and the records' ids
// stay the same.
//
// # Dates
//
// Nothing here reads the clock: every date comes from the content. The
// feed's and the CASE package's time of last change is the latest date of
// a story or a dated guide, or Epoch when there is none.
package publish

import (
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/route"
)

// Files the package writes, relative to the site root.
const (
	FeedFile   = "feed.xml"
	ExportFile = "playbook.json"
	SchemaFile = "schemas/playbook-export.schema.json"
	CASEFile   = "case/playbook.json"
)

// Epoch is the date of a playbook with no dated story or guide.
const Epoch = "2000-01-01"

// projectNamespace is the UUID namespace of every Playbook site: the
// version 5 UUID of "https://github.com/playbook-edu/playbook" in the URL
// namespace of RFC 4122.
var projectNamespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://github.com/playbook-edu/playbook"))

// ID returns the stable identifier of the record of the given kind
// ("document", "system", "guide", "story", "checklist", "item", ...) and
// id in the playbook of district: a UUID, written in lowercase hex.
func ID(district, kind, id string) string {
	return uuid.NewSHA1(uuid.NewSHA1(projectNamespace, []byte(district)), []byte(kind+":"+id)).String()
}

// site holds what every file needs from the graph. Each file makes its
// own: a site is not safe for concurrent use.
type site struct {
	g    *link.Graph
	root string    // the base URL without its final slash, or ""
	ns   uuid.UUID // the district's UUID namespace
	name []byte    // the name uuid hashes, kept from one identifier to the next
}

// Words are the words of the site's language: its translation table (an
// *i18n.Table), for the texts the playbook's files do not hold.
type Words interface {
	T(key string, args ...any) string
}

func newSite(g *link.Graph) *site {
	return &site{g: g, root: strings.TrimSuffix(g.Config.BaseURL, "/"),
		ns: uuid.NewSHA1(projectNamespace, []byte(g.Config.District))}
}

// url returns the address of site path p (from package route) in the
// language being published: a full URL when the base URL is known, else
// the path with the base path.
func (s *site) url(p string) string {
	return route.Absolute(s.g.Config.BaseURL, route.In(s.g.Config.Prefix, p))
}

// id is ID for this playbook.
func (s *site) id(kind, id string) string { return s.uuid(kind, id).String() }

// uuid returns the UUID of the record of the given kind whose id is the
// concatenation of id's parts: the name hashed is kind, a colon and the
// parts, put together in a buffer kept for the next rather than with + in
// a new string, since the CASE package needs 50,000 of them.
func (s *site) uuid(kind string, id ...string) uuid.UUID {
	s.name = append(append(s.name[:0], kind...), ':')
	for _, p := range id {
		s.name = append(s.name, p...)
	}
	return uuid.NewSHA1(s.ns, s.name)
}

// lastChange returns the latest date of a story or a dated guide, or Epoch.
func (s *site) lastChange() string {
	last := Epoch
	for _, st := range s.g.Stories {
		last = max(last, st.Date)
	}
	for _, gd := range s.g.Guides {
		last = max(last, gd.Date)
	}
	return last
}

// systemCodes returns the codes of the systems refs name, as written in
// data/systems.yaml, skipping any that do not resolve.
//
// This and ids look for repeats in what they have kept rather than in a
// map: the lists are the few references an editor writes in front matter,
// and they run for every guide of every build.
func (s *site) systemCodes(refs []model.Ref) []string {
	out := make([]string, 0, len(refs))
	for _, r := range refs {
		if x := s.g.System(r.ID); x != nil && !slices.Contains(out, x.Code) {
			out = append(out, x.Code)
		}
	}
	return out
}

// ids returns the ids of refs that resolve with get, without repeats.
func ids[T any](refs []model.Ref, get func(string) *T) []string {
	out := make([]string, 0, len(refs))
	for _, r := range refs {
		if get(r.ID) != nil && !slices.Contains(out, r.ID) {
			out = append(out, r.ID)
		}
	}
	return out
}
