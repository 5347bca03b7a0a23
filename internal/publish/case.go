package publish

import (
	"io"
	"strconv"

	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/route"
)

// The CASE export: the playbook's framework in the 1EdTech Competencies and
// Academic Standards Exchange (CASE) 1.1 JSON binding, as one CFPackage:
//
//	CFDocument       the playbook
//	CFItems          each performance system (CFItemType "Performance system",
//	                 humanCodingScheme its code), then each guide
//	                 (CFItemType "Practice", humanCodingScheme its id); the
//	                 types' names are the translation table's case.* texts
//	CFAssociations   each system isChildOf the document; each guide isChildOf
//	                 each of its systems (the document when it has none);
//	                 each guide isRelatedTo each guide its text links to
//	CFDefinitions    the two CFItemTypes
//	CFRubrics        each checklist: a CFRubricCriterion per item (category
//	                 its section), each with a CFRubricCriterionLevel per
//	                 answer: "Not yet" (score 0) and "In place" (score 1)
//	                 for a list ticked off, "Not yet", "Partly" and "Yes"
//	                 (0, 1, 2) for one answered in levels
//
// The records have exactly the fields of the package classes of 1EdTech's
// CASE 1.1 CFPackage JSON Schema (CFPckgDocument, CFPckgItem,
// CFPckgAssociation, ...), which allow no others: inside a package, items
// and associations belong to its one document without naming it, so they
// carry no CFDocumentURI and the document no CFPackageURI, as the REST
// API's own classes do. TestCASESchema validates the package against that
// schema (testdata/case-v1p1-cfpackage.json).
//
// Every identifier is a stable UUID (see ID). A uri is the package's
// address with the identifier as fragment when the site's address is
// known, and "urn:uuid:" and the identifier otherwise: a static site
// serves the package as one file, not the CASE REST API.

// CASEVersion is the version of the CASE specification the export follows.
const CASEVersion = "1.1"

// CFPackage is a CASE framework package.
type CFPackage struct {
	CFDocument     CFDocument      `json:"CFDocument"`
	CFItems        []CFItem        `json:"CFItems"`
	CFAssociations []CFAssociation `json:"CFAssociations"`
	CFDefinitions  CFDefinitions   `json:"CFDefinitions"`
	CFRubrics      []CFRubric      `json:"CFRubrics"`
}

// LinkURI is CASE's reference to another object: its title, identifier
// and uri.
type LinkURI struct {
	Title      string `json:"title"`
	Identifier string `json:"identifier"`
	URI        string `json:"uri"`
}

// CFDocument is the framework's root: the playbook.
type CFDocument struct {
	Identifier         string `json:"identifier"`
	URI                string `json:"uri"`
	FrameworkType      string `json:"frameworkType,omitempty"`
	Creator            string `json:"creator"`
	Title              string `json:"title"`
	LastChangeDateTime string `json:"lastChangeDateTime"`
	OfficialSourceURL  string `json:"officialSourceURL,omitempty"`
	Publisher          string `json:"publisher,omitempty"`
	Description        string `json:"description,omitempty"`
	Language           string `json:"language,omitempty"`
	AdoptionStatus     string `json:"adoptionStatus,omitempty"`
	CaseVersion        string `json:"caseVersion,omitempty"`
}

// CFItem is a performance system or a practice.
type CFItem struct {
	Identifier           string   `json:"identifier"`
	URI                  string   `json:"uri"`
	FullStatement        string   `json:"fullStatement"`
	AbbreviatedStatement string   `json:"abbreviatedStatement,omitempty"`
	HumanCodingScheme    string   `json:"humanCodingScheme,omitempty"`
	ListEnumeration      string   `json:"listEnumeration,omitempty"`
	CFItemType           string   `json:"CFItemType,omitempty"`
	CFItemTypeURI        *LinkURI `json:"CFItemTypeURI,omitempty"`
	Notes                string   `json:"notes,omitempty"`
	Language             string   `json:"language,omitempty"`
	LastChangeDateTime   string   `json:"lastChangeDateTime"`
}

// CFAssociation relates two nodes: originNode associationType destinationNode.
type CFAssociation struct {
	Identifier         string  `json:"identifier"`
	URI                string  `json:"uri"`
	AssociationType    string  `json:"associationType"`
	SequenceNumber     int     `json:"sequenceNumber,omitempty"`
	OriginNodeURI      LinkURI `json:"originNodeURI"`
	DestinationNodeURI LinkURI `json:"destinationNodeURI"`
	LastChangeDateTime string  `json:"lastChangeDateTime"`
}

// CFDefinitions holds the package's item types (and, empty, the other
// kinds of definition).
type CFDefinitions struct {
	CFConcepts             []any        `json:"CFConcepts"`
	CFSubjects             []any        `json:"CFSubjects"`
	CFLicenses             []any        `json:"CFLicenses"`
	CFItemTypes            []CFItemType `json:"CFItemTypes"`
	CFAssociationGroupings []any        `json:"CFAssociationGroupings"`
}

// CFItemType is a kind of CFItem.
type CFItemType struct {
	Identifier         string `json:"identifier"`
	URI                string `json:"uri"`
	Title              string `json:"title"`
	Description        string `json:"description"`
	HierarchyCode      string `json:"hierarchyCode"`
	LastChangeDateTime string `json:"lastChangeDateTime"`
}

// CFRubric is a checklist.
type CFRubric struct {
	Identifier         string              `json:"identifier"`
	URI                string              `json:"uri"`
	Title              string              `json:"title"`
	Description        string              `json:"description,omitempty"`
	LastChangeDateTime string              `json:"lastChangeDateTime"`
	CFRubricCriteria   []CFRubricCriterion `json:"CFRubricCriteria"`
}

// CFRubricCriterion is a checklist item.
type CFRubricCriterion struct {
	Identifier              string                   `json:"identifier"`
	URI                     string                   `json:"uri"`
	Category                string                   `json:"category"`
	Description             string                   `json:"description"`
	Position                int                      `json:"position"`
	RubricID                string                   `json:"rubricId"`
	LastChangeDateTime      string                   `json:"lastChangeDateTime"`
	CFRubricCriterionLevels []CFRubricCriterionLevel `json:"CFRubricCriterionLevels"`
}

// CFRubricCriterionLevel is "Not yet" or "In place" for a checklist item.
type CFRubricCriterionLevel struct {
	Identifier         string  `json:"identifier"`
	URI                string  `json:"uri"`
	Description        string  `json:"description"`
	Quality            string  `json:"quality"`
	Score              float64 `json:"score"`
	Position           int     `json:"position"`
	RubricCriterionID  string  `json:"rubricCriterionId"`
	LastChangeDateTime string  `json:"lastChangeDateTime"`
}

// caseTime is a date as CASE's dateTime.
func caseTime(date string) string { return date + "T00:00:00+00:00" }

// casePackage makes the records of the CASE package one at a time, so
// that WriteCASE writes each as it is made instead of holding 50,000 of
// them (at 10,000 guides) in memory first.
type casePackage struct {
	*site
	prefix  string // a node's uri is prefix and its identifier
	changed string // the package's time of last change

	doc                      LinkURI
	systemType, practiceType CFItemType
	systemTypeURI            LinkURI
	practiceTypeURI          LinkURI
	words                    Words
	systemRefs               map[string]LinkURI // by system code
	guideRefs                map[string]LinkURI // by guide id
}

func newCASE(g *link.Graph, w Words) *casePackage {
	c := &casePackage{site: newSite(g), prefix: "urn:uuid:"}
	if c.root != "" {
		c.prefix = c.url("/"+CASEFile) + "#"
	}
	c.changed = caseTime(c.lastChange())
	c.doc = c.ref(g.Config.Title, "document", "playbook")

	c.words = w
	c.systemType = CFItemType{Title: w.T("case.system"), HierarchyCode: "1",
		Description: w.T("case.system.description"), LastChangeDateTime: c.changed}
	c.systemType.Identifier, c.systemType.URI = c.node("itemtype", "system")
	c.systemTypeURI = LinkURI{Title: c.systemType.Title, Identifier: c.systemType.Identifier, URI: c.systemType.URI}
	c.practiceType = CFItemType{Title: w.T("case.practice"), HierarchyCode: "2",
		Description: w.T("case.practice.description"), LastChangeDateTime: c.changed}
	c.practiceType.Identifier, c.practiceType.URI = c.node("itemtype", "practice")
	c.practiceTypeURI = LinkURI{Title: c.practiceType.Title, Identifier: c.practiceType.Identifier, URI: c.practiceType.URI}

	c.systemRefs = make(map[string]LinkURI, len(g.Systems))
	for _, sy := range g.Systems {
		c.systemRefs[sy.Code] = c.ref(sy.Name, "system", sy.Code)
	}
	c.guideRefs = make(map[string]LinkURI, len(g.Guides))
	for _, gd := range g.Guides {
		c.guideRefs[gd.ID] = c.ref(gd.Title, "guide", gd.ID)
	}
	return c
}

// node returns the identifier and the uri of the node of the given kind
// whose name is the concatenation of name (see site.uuid). The identifier
// is the end of the uri, sharing its memory.
func (c *casePackage) node(kind string, name ...string) (id, uri string) {
	uri = c.prefix + c.uuid(kind, name...).String()
	return uri[len(c.prefix):], uri
}

// ref returns the LinkURI of the node of the given kind and name.
func (c *casePackage) ref(title, kind string, name ...string) LinkURI {
	id, uri := c.node(kind, name...)
	return LinkURI{Title: title, Identifier: id, URI: uri}
}

func (c *casePackage) document() CFDocument {
	cf := c.g.Config
	d := CFDocument{Identifier: c.doc.Identifier, URI: c.doc.URI, FrameworkType: c.words.T("case.framework"),
		Creator: cf.District, Publisher: cf.District, Title: cf.Title, LastChangeDateTime: c.changed,
		Description: cf.Description, Language: cf.Language, AdoptionStatus: "Adopted", CaseVersion: CASEVersion}
	if c.root != "" {
		d.OfficialSourceURL = c.url(route.Home)
	}
	return d
}

func (c *casePackage) definitions() CFDefinitions {
	return CFDefinitions{CFConcepts: []any{}, CFSubjects: []any{}, CFLicenses: []any{}, CFAssociationGroupings: []any{},
		CFItemTypes: []CFItemType{c.systemType, c.practiceType}}
}

// items yields each system's CFItem, then each guide's.
func (c *casePackage) items(yield func(CFItem) bool) {
	lang := c.g.Config.Language
	for i, sy := range c.g.Systems {
		r := c.systemRefs[sy.Code]
		if !yield(CFItem{Identifier: r.Identifier, URI: r.URI, FullStatement: sy.Name + ": " + sy.Summary,
			AbbreviatedStatement: sy.Name, HumanCodingScheme: sy.Code, ListEnumeration: strconv.Itoa(i + 1),
			CFItemType: c.systemType.Title, CFItemTypeURI: &c.systemTypeURI, Language: lang,
			LastChangeDateTime: c.changed}) {
			return
		}
	}
	for _, gd := range c.g.Guides {
		r := c.guideRefs[gd.ID]
		when := c.changed
		if gd.Date != "" {
			when = caseTime(gd.Date)
		}
		if !yield(CFItem{Identifier: r.Identifier, URI: r.URI, FullStatement: gd.Title + ": " + gd.Summary,
			AbbreviatedStatement: gd.Title, HumanCodingScheme: gd.ID, CFItemType: c.practiceType.Title, CFItemTypeURI: &c.practiceTypeURI,
			Notes: c.url(route.Guide(gd.ID)), Language: lang, LastChangeDateTime: when}) {
			return
		}
	}
}

// associations yields each system's isChildOf the document, then each
// guide's isChildOf its systems (or the document), then each guide's
// isRelatedTo the guides its text links to.
func (c *casePackage) associations(yield func(CFAssociation) bool) {
	associate := func(kind string, from, to LinkURI, n int) bool {
		id, uri := c.node("association", kind, ":", from.Identifier, ":", to.Identifier)
		return yield(CFAssociation{Identifier: id, URI: uri, AssociationType: kind, SequenceNumber: n,
			OriginNodeURI: from, DestinationNodeURI: to, LastChangeDateTime: c.changed})
	}
	for i, sy := range c.g.Systems {
		if !associate("isChildOf", c.systemRefs[sy.Code], c.doc, i+1) {
			return
		}
	}
	perSystem := map[string]int{}
	noSystem := len(c.g.Systems)
	for _, gd := range c.g.Guides {
		r := c.guideRefs[gd.ID]
		codes := c.systemCodes(gd.Systems)
		for _, code := range codes {
			perSystem[code]++
			if !associate("isChildOf", r, c.systemRefs[code], perSystem[code]) {
				return
			}
		}
		if len(codes) == 0 {
			noSystem++
			if !associate("isChildOf", r, c.doc, noSystem) {
				return
			}
		}
	}
	for _, gd := range c.g.Guides {
		for _, from := range c.g.Backlinks[gd] {
			if !associate("isRelatedTo", c.guideRefs[from.ID], c.guideRefs[gd.ID], 0) {
				return
			}
		}
	}
}

// level is a level of a rubric criterion.
type level struct {
	quality string
	score   float64
}

// levels returns the levels of each item of cl: not yet, partly and yes
// for a checklist answered in levels (model.LevelAnswers), not yet and in
// place for one ticked off.
func (c *casePackage) levels(cl *model.Checklist) []level {
	if !cl.Levels() {
		return []level{{c.words.T("level.not-yet"), 0}, {c.words.T("case.in-place"), 1}}
	}
	out := make([]level, len(model.LevelAnswers))
	for i, a := range model.LevelAnswers {
		out[i] = level{c.words.T("level." + a), float64(i)}
	}
	return out
}

// rubrics yields each checklist's CFRubric.
func (c *casePackage) rubrics(yield func(CFRubric) bool) {
	for _, cl := range c.g.Checklists {
		rid, ruri := c.node("checklist", cl.ID)
		rb := CFRubric{Identifier: rid, URI: ruri, Title: cl.Title, Description: cl.Summary, LastChangeDateTime: c.changed,
			CFRubricCriteria: []CFRubricCriterion{}}
		n, levels := 0, c.levels(cl)
		for _, sec := range cl.Sections {
			for _, it := range sec.Items {
				n++
				cid, curi := c.node("criterion", cl.ID, "/", it.ID)
				cr := CFRubricCriterion{Identifier: cid, URI: curi, Category: sec.Title, Description: it.Text, Position: n,
					RubricID: rid, LastChangeDateTime: c.changed}
				for i, lv := range levels {
					lid, luri := c.node("level", cl.ID, "/", it.ID, "/", strconv.Itoa(i))
					cr.CFRubricCriterionLevels = append(cr.CFRubricCriterionLevels, CFRubricCriterionLevel{Identifier: lid, URI: luri,
						Description: lv.quality + ": " + it.Text, Quality: lv.quality, Score: lv.score, Position: i + 1,
						RubricCriterionID: cid, LastChangeDateTime: c.changed})
				}
				rb.CFRubricCriteria = append(rb.CFRubricCriteria, cr)
			}
		}
		if !yield(rb) {
			return
		}
	}
}

// WriteCASE writes the CASE package to w, each record as soon as it is
// made. The fields are those of CFPackage, in its order.
func WriteCASE(w io.Writer, g *link.Graph, words Words) error {
	c := newCASE(g, words)
	f := newJSONFile(w)
	f.field("CFDocument", c.document())
	fieldList(f, "CFItems", c.items)
	fieldList(f, "CFAssociations", c.associations)
	f.field("CFDefinitions", c.definitions())
	fieldList(f, "CFRubrics", c.rubrics)
	return f.end()
}
