package publish

// The package's files and JSON-LD as the package first made them, with
// encoding/json and the regular expressions it used: the oracle that
// equivalence_test.go holds the faster code to, byte for byte. Keep it as
// it is; change it only together with the golden files, when the output
// is meant to change.

import (
	"bufio"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"html"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/route"
)

// legacyEncode is encodeTo as it was: each field of v, a pointer to a
// struct, and each element of its lists encoded on its own with a
// json.Encoder that does not escape HTML.
func legacyEncode(w io.Writer, v any) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	var err error
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

// legacyUUID5 is uuid5 as it was.
func legacyUUID5(namespace [16]byte, name string) [16]byte {
	h := sha1.New()
	h.Write(namespace[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return u
}

func legacyFormatUUID(u [16]byte) string {
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	hex.Encode(b[9:13], u[4:6])
	hex.Encode(b[14:18], u[6:8])
	hex.Encode(b[19:23], u[8:10])
	hex.Encode(b[24:], u[10:])
	b[8], b[13], b[18], b[23] = '-', '-', '-', '-'
	return string(b[:])
}

// legacySite is site as it was.
type legacySite struct {
	g    *link.Graph
	root string
	ns   [16]byte
}

func newLegacySite(g *link.Graph) *legacySite {
	return &legacySite{g: g, root: strings.TrimSuffix(g.Config.BaseURL, "/"),
		ns: legacyUUID5(legacyUUID5(urlNamespace, "https://github.com/playbook-edu/playbook"), g.Config.District)}
}

func (s *legacySite) url(p string) string { return route.Absolute(s.g.Config.BaseURL, p) }

func (s *legacySite) id(kind, id string) string {
	return legacyFormatUUID(legacyUUID5(s.ns, kind+":"+id))
}

func (s *legacySite) lastChange() string {
	last := Epoch
	for _, st := range s.g.Stories {
		last = max(last, st.Date)
	}
	for _, gd := range s.g.Guides {
		last = max(last, gd.Date)
	}
	return last
}

func (s *legacySite) systemCodes(refs []model.Ref) []string {
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

// legacyCASE is CASE as it was before the package wrote its files itself.
func legacyCASE(g *link.Graph) *CFPackage {
	s := newLegacySite(g)
	c := g.Config
	uri := func(id string) string {
		if s.root == "" {
			return "urn:uuid:" + id
		}
		return s.url("/"+CASEFile) + "#" + id
	}
	ref := func(title, id string) LinkURI { return LinkURI{Title: title, Identifier: id, URI: uri(id)} }
	changed := caseTime(s.lastChange())

	docID := s.id("document", "playbook")
	doc := ref(c.Title, docID)
	p := &CFPackage{CFDocument: CFDocument{Identifier: docID, URI: doc.URI, FrameworkType: "Leadership practices",
		Creator: c.District, Publisher: c.District, Title: c.Title, LastChangeDateTime: changed,
		Description: c.Description, Language: c.Language, AdoptionStatus: "Adopted", CaseVersion: CASEVersion},
		CFItems: []CFItem{}, CFAssociations: []CFAssociation{}, CFRubrics: []CFRubric{},
		CFDefinitions: CFDefinitions{CFConcepts: []any{}, CFSubjects: []any{}, CFLicenses: []any{}, CFAssociationGroupings: []any{}}}
	if s.root != "" {
		p.CFDocument.OfficialSourceURL = s.url(route.Home)
	}

	systemType := CFItemType{Identifier: s.id("itemtype", "system"), Title: "Performance system", HierarchyCode: "1",
		Description: "One of the Interactive Performance Systems of shared leadership.", LastChangeDateTime: changed}
	practiceType := CFItemType{Identifier: s.id("itemtype", "practice"), Title: "Practice", HierarchyCode: "2",
		Description: "A leadership practice, explained in a practice guide.", LastChangeDateTime: changed}
	for _, t := range []*CFItemType{&systemType, &practiceType} {
		t.URI = uri(t.Identifier)
		p.CFDefinitions.CFItemTypes = append(p.CFDefinitions.CFItemTypes, *t)
	}

	associate := func(kind string, from, to LinkURI, n int) {
		id := s.id("association", kind+":"+from.Identifier+":"+to.Identifier)
		p.CFAssociations = append(p.CFAssociations, CFAssociation{Identifier: id, URI: uri(id), AssociationType: kind,
			SequenceNumber: n, OriginNodeURI: from, DestinationNodeURI: to, LastChangeDateTime: changed})
	}

	systemRefs := map[string]LinkURI{}
	for i, sy := range g.Systems {
		id := s.id("system", sy.Code)
		r := ref(sy.Name, id)
		systemRefs[sy.Code] = r
		typ := ref(systemType.Title, systemType.Identifier)
		p.CFItems = append(p.CFItems, CFItem{Identifier: id, URI: r.URI, FullStatement: sy.Name + ": " + sy.Summary,
			AbbreviatedStatement: sy.Name, HumanCodingScheme: sy.Code, ListEnumeration: strconv.Itoa(i + 1),
			CFItemType: systemType.Title, CFItemTypeURI: &typ, Language: c.Language, LastChangeDateTime: changed})
		associate("isChildOf", r, doc, i+1)
	}
	guideRefs := map[string]LinkURI{}
	for _, gd := range g.Guides {
		guideRefs[gd.ID] = ref(gd.Title, s.id("guide", gd.ID))
	}
	perSystem := map[string]int{}
	noSystem := len(g.Systems)
	for _, gd := range g.Guides {
		r := guideRefs[gd.ID]
		when := changed
		if gd.Date != "" {
			when = caseTime(gd.Date)
		}
		typ := ref(practiceType.Title, practiceType.Identifier)
		p.CFItems = append(p.CFItems, CFItem{Identifier: r.Identifier, URI: r.URI, FullStatement: gd.Title + ": " + gd.Summary,
			AbbreviatedStatement: gd.Title, HumanCodingScheme: gd.ID, CFItemType: practiceType.Title, CFItemTypeURI: &typ,
			Notes: s.url(route.Guide(gd.ID)), Language: c.Language, LastChangeDateTime: when})
		codes := s.systemCodes(gd.Systems)
		for _, code := range codes {
			perSystem[code]++
			associate("isChildOf", r, systemRefs[code], perSystem[code])
		}
		if len(codes) == 0 {
			noSystem++
			associate("isChildOf", r, doc, noSystem)
		}
	}
	for _, gd := range g.Guides {
		for _, from := range g.Backlinks[gd] {
			associate("isRelatedTo", guideRefs[from.ID], guideRefs[gd.ID], 0)
		}
	}

	for _, cl := range g.Checklists {
		rid := s.id("checklist", cl.ID)
		rb := CFRubric{Identifier: rid, URI: uri(rid), Title: cl.Title, Description: cl.Summary, LastChangeDateTime: changed,
			CFRubricCriteria: []CFRubricCriterion{}}
		n := 0
		for _, sec := range cl.Sections {
			for _, it := range sec.Items {
				n++
				cid := s.id("criterion", cl.ID+"/"+it.ID)
				cr := CFRubricCriterion{Identifier: cid, URI: uri(cid), Category: sec.Title, Description: it.Text, Position: n,
					RubricID: rid, LastChangeDateTime: changed}
				for i, lv := range []struct {
					quality string
					score   float64
				}{{"Not yet", 0}, {"In place", 1}} {
					lid := s.id("level", cl.ID+"/"+it.ID+"/"+strconv.Itoa(i))
					cr.CFRubricCriterionLevels = append(cr.CFRubricCriterionLevels, CFRubricCriterionLevel{Identifier: lid, URI: uri(lid),
						Description: lv.quality + ": " + it.Text, Quality: lv.quality, Score: lv.score, Position: i + 1,
						RubricCriterionID: cid, LastChangeDateTime: changed})
				}
				rb.CFRubricCriteria = append(rb.CFRubricCriteria, cr)
			}
		}
		p.CFRubrics = append(p.CFRubrics, rb)
	}
	return p
}

var legacyStrongRE = regexp.MustCompile(`(?s)^\s*<strong>(.*?)</strong>`)

// textOf returns the text of an HTML fragment on one line.
func legacyTextOf(h string) string {
	var b strings.Builder
	for len(h) > 0 {
		i := strings.IndexByte(h, '<')
		if i < 0 {
			b.WriteString(h)
			break
		}
		b.WriteString(h[:i])
		b.WriteByte(' ')
		j := strings.IndexByte(h[i:], '>')
		if j < 0 {
			break
		}
		h = h[i+j+1:]
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

// heading finds the next heading element h2 to h6 in body at or after
// from, returning where it starts, where its text starts and ends, and
// where it ends; start is -1 when there is none.
func legacyHeading(body string, from int) (start, textStart, textEnd, end int) {
	for i := from; ; {
		j := strings.Index(body[i:], "<h")
		if j < 0 {
			return -1, 0, 0, 0
		}
		start = i + j
		if start+3 < len(body) && body[start+2] >= '2' && body[start+2] <= '6' && (body[start+3] == '>' || body[start+3] == ' ') {
			gt := strings.IndexByte(body[start:], '>')
			closing := strings.Index(body[start:], "</h"+body[start+2:start+3]+">")
			if gt >= 0 && closing > gt {
				return start, start + gt + 1, start + closing, start + closing + 5
			}
		}
		i = start + 2
	}
}

// GuideSteps returns the items of the first numbered list under a guide's
// heading "Steps" (or a heading starting "Steps "), before the next
// heading. A guide without one has no steps.
func legacyGuideSteps(body string) []Step {
	for from := 0; ; {
		start, ts, te, end := legacyHeading(body, from)
		if start < 0 {
			return nil
		}
		from = end
		t := strings.ToLower(legacyTextOf(body[ts:te]))
		if t != "steps" && !strings.HasPrefix(t, "steps ") {
			continue
		}
		section := body[end:]
		if next, _, _, _ := legacyHeading(body, end); next >= 0 {
			section = body[end:next]
		}
		i := strings.Index(section, "<ol")
		if i < 0 {
			return nil
		}
		return legacyListItems(section[i:])
	}
}

// listItems returns the items of the list that list starts with, leaving
// out nested lists' items as items of their own.
func legacyListItems(list string) []Step {
	var steps []Step
	depth, itemStart := 0, -1
	for i := 0; i < len(list); {
		j := strings.IndexByte(list[i:], '<')
		if j < 0 {
			break
		}
		i += j
		end := strings.IndexByte(list[i:], '>')
		if end < 0 {
			break
		}
		tag := list[i : i+end+1]
		switch {
		case strings.HasPrefix(tag, "<ol"), strings.HasPrefix(tag, "<ul"):
			depth++
		case tag == "</ol>", tag == "</ul>":
			depth--
			if depth == 0 {
				return steps
			}
		case depth == 1 && strings.HasPrefix(tag, "<li"):
			itemStart = i + len(tag)
		case depth == 1 && tag == "</li>" && itemStart >= 0:
			item := list[itemStart:i]
			st := Step{Text: legacyTextOf(item)}
			if m := legacyStrongRE.FindStringSubmatch(strings.TrimPrefix(strings.TrimSpace(item), "<p>")); m != nil {
				st.Name = strings.TrimRight(legacyTextOf(m[1]), ".:")
			}
			steps = append(steps, st)
			itemStart = -1
		}
		i += len(tag)
	}
	return steps
}

// legacyGuideLDType is a guide as a schema.org HowTo, or an Article.
type legacyGuideLDType struct {
	Context       string            `json:"@context"`
	Type          string            `json:"@type"`
	Name          string            `json:"name"`
	Headline      string            `json:"headline,omitempty"`
	Description   string            `json:"description"`
	URL           string            `json:"url"`
	InLanguage    string            `json:"inLanguage,omitempty"`
	DatePublished string            `json:"datePublished,omitempty"`
	Publisher     ldThing           `json:"publisher"`
	Step          []legacyHowToStep `json:"step,omitempty"`
}

// legacyHowToStep is a schema.org HowToStep.
type legacyHowToStep struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name,omitempty"`
	Text     string `json:"text"`
	URL      string `json:"url"`
}

// GuideLD returns a guide's JSON-LD: a HowTo with a HowToStep per step,
// or an Article when the guide has no "Steps" list.
func legacyGuideLD(g *link.Graph, gd *model.Guide) []byte {
	s := newLegacySite(g)
	url := s.url(route.Guide(gd.ID))
	v := legacyGuideLDType{Context: "https://schema.org", Type: "HowTo", Name: gd.Title, Description: gd.Summary, URL: url,
		InLanguage: g.Config.Language, DatePublished: gd.Date, Publisher: ldThing{"@type": "Organization", "name": s.g.Config.District}}
	for i, st := range legacyGuideSteps(gd.Body.HTML) {
		v.Step = append(v.Step, legacyHowToStep{Type: "HowToStep", Position: i + 1, Name: st.Name, Text: st.Text, URL: url + "#steps"})
	}
	if len(v.Step) == 0 {
		v.Type, v.Headline = "Article", gd.Title
	}
	b, err := json.Marshal(v) // escapes <, > and &
	if err != nil {
		panic("publish: json-ld: " + err.Error()) // strings only: cannot fail
	}
	return b
}
