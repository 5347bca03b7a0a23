package publish

import (
	"io"
	"strconv"

	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/route"
)

// The CASE export: the playbook's framework in the 1EdTech Competencies and
// Academic Standards Exchange (CASE) 1.1 JSON binding, as one CFPackage:
//
//	CFDocument       the playbook
//	CFItems          each performance system (CFItemType "Performance system",
//	                 humanCodingScheme its code), then each guide
//	                 (CFItemType "Practice", humanCodingScheme its id)
//	CFAssociations   each system isChildOf the document; each guide isChildOf
//	                 each of its systems (the document when it has none);
//	                 each guide isRelatedTo each guide its text links to
//	CFDefinitions    the two CFItemTypes
//	CFRubrics        each checklist: a CFRubricCriterion per item (category
//	                 its section), each with two CFRubricCriterionLevels,
//	                 "Not yet" (score 0) and "In place" (score 1)
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
	Identifier         string  `json:"identifier"`
	URI                string  `json:"uri"`
	FrameworkType      string  `json:"frameworkType,omitempty"`
	Creator            string  `json:"creator"`
	Title              string  `json:"title"`
	LastChangeDateTime string  `json:"lastChangeDateTime"`
	OfficialSourceURL  string  `json:"officialSourceURL,omitempty"`
	Publisher          string  `json:"publisher,omitempty"`
	Description        string  `json:"description,omitempty"`
	Language           string  `json:"language,omitempty"`
	AdoptionStatus     string  `json:"adoptionStatus,omitempty"`
	CaseVersion        string  `json:"caseVersion,omitempty"`
	CFPackageURI       LinkURI `json:"CFPackageURI"`
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
	CFDocumentURI        LinkURI  `json:"CFDocumentURI"`
}

// CFAssociation relates two nodes: originNode associationType destinationNode.
type CFAssociation struct {
	Identifier         string  `json:"identifier"`
	URI                string  `json:"uri"`
	AssociationType    string  `json:"associationType"`
	SequenceNumber     int     `json:"sequenceNumber,omitempty"`
	OriginNodeURI      LinkURI `json:"originNodeURI"`
	DestinationNodeURI LinkURI `json:"destinationNodeURI"`
	CFDocumentURI      LinkURI `json:"CFDocumentURI"`
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

// CASE returns the CASE package of the playbook in g.
func CASE(g *link.Graph) *CFPackage {
	s := newSite(g)
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
		Description: c.Description, Language: c.Language, AdoptionStatus: "Adopted", CaseVersion: CASEVersion,
		CFPackageURI: ref(c.Title, docID)},
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
			SequenceNumber: n, OriginNodeURI: from, DestinationNodeURI: to, CFDocumentURI: doc, LastChangeDateTime: changed})
	}

	systemRefs := map[string]LinkURI{}
	for i, sy := range g.Systems {
		id := s.id("system", sy.Code)
		r := ref(sy.Name, id)
		systemRefs[sy.Code] = r
		typ := ref(systemType.Title, systemType.Identifier)
		p.CFItems = append(p.CFItems, CFItem{Identifier: id, URI: r.URI, FullStatement: sy.Name + ": " + sy.Summary,
			AbbreviatedStatement: sy.Name, HumanCodingScheme: sy.Code, ListEnumeration: strconv.Itoa(i + 1),
			CFItemType: systemType.Title, CFItemTypeURI: &typ, Language: c.Language, LastChangeDateTime: changed, CFDocumentURI: doc})
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
			Notes: s.url(route.Guide(gd.ID)), Language: c.Language, LastChangeDateTime: when, CFDocumentURI: doc})
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

// CASEJSON returns case/playbook.json.
func CASEJSON(g *link.Graph) []byte {
	p := CASE(g)
	return marshal(p, 1<<16+len(p.CFItems)*900+len(p.CFAssociations)*900)
}

// WriteCASE writes the CASE package to w, as CASEJSON returns it.
func WriteCASE(w io.Writer, g *link.Graph) error { return encodeTo(w, CASE(g)) }
