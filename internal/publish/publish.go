// Package publish writes the playbook as data, for the tools and sites
// around it, and the structured data its pages carry:
//
//	feed.xml                              an Atom feed of stories and of guides that have a date
//	playbook.json                         the whole playbook graph (Export), guides' HTML included
//	schemas/playbook-export.schema.json   the JSON Schema playbook.json follows
//	case/playbook.json                    the framework as a 1EdTech CASE 1.1 package (CASE)
//
// and, for the page templates, JSON-LD (schema.org) for guides (HowTo, a
// HowToStep per step of the guide's "Steps" list), stories (Article) and
// the performance systems (DefinedTermSet and DefinedTerm).
//
// # Addresses and identifiers
//
// Addresses are full URLs when playbook.yaml (or -base-url) gives the
// site's address, and site paths otherwise. Identifiers do not depend on
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
	"bufio"
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"io"
	"reflect"
	"strings"

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
var projectNamespace = uuid5(urlNamespace, "https://github.com/playbook-edu/playbook")

// urlNamespace is RFC 4122's namespace for URLs.
var urlNamespace = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// uuid5 returns the name-based UUID of name in namespace (RFC 4122, 4.3,
// with SHA-1). crypto/sha1 is all it takes, so no UUID library is needed.
func uuid5(namespace [16]byte, name string) [16]byte {
	h := sha1.New()
	h.Write(namespace[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return u
}

func formatUUID(u [16]byte) string {
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	hex.Encode(b[9:13], u[4:6])
	hex.Encode(b[14:18], u[6:8])
	hex.Encode(b[19:23], u[8:10])
	hex.Encode(b[24:], u[10:])
	b[8], b[13], b[18], b[23] = '-', '-', '-', '-'
	return string(b[:])
}

// ID returns the stable identifier of the record of the given kind
// ("document", "system", "guide", "story", "checklist", "item", ...) and
// id in the playbook of district: a UUID, written in lowercase hex.
func ID(district, kind, id string) string {
	return formatUUID(uuid5(uuid5(projectNamespace, district), kind+":"+id))
}

// site holds what every file needs from the graph.
type site struct {
	g    *link.Graph
	root string   // the base URL without its final slash, or ""
	ns   [16]byte // the district's UUID namespace
}

func newSite(g *link.Graph) *site {
	return &site{g: g, root: strings.TrimSuffix(g.Config.BaseURL, "/"),
		ns: uuid5(projectNamespace, g.Config.District)}
}

// url returns the address of site path p (from package route): a full URL
// when the base URL is known, else the path with the base path.
func (s *site) url(p string) string { return route.Absolute(s.g.Config.BaseURL, p) }

// id is ID for this playbook.
func (s *site) id(kind, id string) string { return formatUUID(uuid5(s.ns, kind+":"+id)) }

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

// marshal encodes v, a pointer to a struct, as JSON; see encodeTo.
func marshal(v any, size int) []byte {
	var b bytes.Buffer
	b.Grow(size)
	encodeTo(&b, v) // a bytes.Buffer does not fail
	return b.Bytes()
}

// encodeTo writes v, a pointer to a struct, to w as JSON without HTML
// escaping (the files are served as JSON, never inside a page). Its fields
// are encoded one by one, and the elements of its lists one by one, one a
// line: playbook.json holds every guide's HTML, and encoding it whole would
// hold two more copies of it in memory. Written to a file, the JSON is
// never whole in memory at all.
func encodeTo(w io.Writer, v any) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	var err error
	// Encode ends each value with a newline: harmless between JSON tokens.
	encode := func(x any) {
		if err == nil {
			err = enc.Encode(x)
		}
	}
	rv := reflect.ValueOf(v).Elem()
	bw.WriteByte('{')
	for i := range rv.NumField() {
		name, _, _ := strings.Cut(rv.Type().Field(i).Tag.Get("json"), ",")
		if i > 0 {
			bw.WriteByte(',')
		}
		encode(name)
		bw.WriteByte(':')
		f := rv.Field(i)
		if f.Kind() != reflect.Slice || f.IsNil() {
			encode(f.Interface())
			continue
		}
		bw.WriteByte('[')
		for j := range f.Len() {
			if j > 0 {
				bw.WriteByte(',')
			}
			encode(f.Index(j).Interface())
		}
		bw.WriteString("]")
	}
	bw.WriteString("}\n")
	if err != nil {
		return err
	}
	return bw.Flush()
}

// systemCodes returns the codes of the systems refs name, as written in
// data/systems.yaml, skipping any that do not resolve.
func (s *site) systemCodes(refs []model.Ref) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, r := range refs {
		if x := s.g.System(r.ID); x != nil && !seen[x.Code] {
			seen[x.Code] = true
			out = append(out, x.Code)
		}
	}
	return out
}

// ids returns the ids of refs that resolve with get, without repeats.
func ids[T any](refs []model.Ref, get func(string) *T) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, r := range refs {
		if get(r.ID) != nil && !seen[r.ID] {
			seen[r.ID] = true
			out = append(out, r.ID)
		}
	}
	return out
}
