package publish_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/playbook-edu/playbook/internal/build"
	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/publish"
	"github.com/playbook-edu/playbook/internal/write"
)

const (
	golden = "../../testdata/golden/src"
	repo   = "../.."
)

// site builds the playbook at src into memory.
func site(t *testing.T, src, baseURL string) *write.Memory {
	t.Helper()
	var diags diag.List
	s, err := build.Load(context.Background(), os.DirFS(src), baseURL, &diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	out := write.NewMemory()
	if err := s.Render(context.Background(), out, &diags); err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	return out
}

func file(t *testing.T, out *write.Memory, name string) []byte {
	t.Helper()
	data, ok := out.File(name)
	if !ok {
		t.Fatalf("%s was not written", name)
	}
	return data
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// TestFeed parses feed.xml as Atom: stories and dated guides, newest
// first, with stable ids and full addresses.
func TestFeed(t *testing.T) {
	out := site(t, golden, "")
	var f publish.AtomFeed
	if err := xml.Unmarshal(file(t, out, publish.FeedFile), &f); err != nil {
		t.Fatal(err)
	}
	if f.XMLName.Space != "http://www.w3.org/2005/Atom" || f.Title != "Test Playbook" || f.Author.Name != "Golden Valley Schools" {
		t.Errorf("feed head: %+v", f)
	}
	var titles []string
	ids := map[string]bool{}
	for _, e := range f.Entries {
		titles = append(titles, e.Title)
		if !strings.HasPrefix(e.ID, "urn:uuid:") || !uuidRE.MatchString(strings.TrimPrefix(e.ID, "urn:uuid:")) || ids[e.ID] {
			t.Errorf("entry %q has id %q: want a new urn:uuid", e.Title, e.ID)
		}
		ids[e.ID] = true
		if len(e.Links) != 1 || !strings.HasPrefix(e.Links[0].Href, "https://example.org/playbook/") {
			t.Errorf("entry %q links %v: want its page's full address", e.Title, e.Links)
		}
		if e.Content.Type != "html" || e.Content.Body == "" || e.Summary == "" {
			t.Errorf("entry %q has no summary or HTML content", e.Title)
		}
	}
	// Beta has no date, so it is not announced.
	if want := []string{"The second story", "The first story", "Alpha practice"}; !slices.Equal(titles, want) {
		t.Errorf("entries %q, want %q", titles, want)
	}
	if f.Updated != "2025-04-01T00:00:00Z" || f.Entries[0].Updated != f.Updated {
		t.Errorf("feed updated %s: want the newest entry's date", f.Updated)
	}
	if !slices.ContainsFunc(f.Links, func(l publish.AtomLink) bool {
		return l.Rel == "self" && l.Href == "https://example.org/playbook/feed.xml"
	}) {
		t.Errorf("no self link in %v", f.Links)
	}
}

// jsonLD returns the JSON-LD blocks of a page, parsed.
func jsonLD(t *testing.T, name string, page []byte) []map[string]any {
	t.Helper()
	var out []map[string]any
	re := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
	for _, m := range re.FindAllSubmatch(page, -1) {
		var v map[string]any
		if err := json.Unmarshal(m[1], &v); err != nil {
			t.Fatalf("%s: JSON-LD does not parse: %v\n%s", name, err, m[1])
		}
		if v["@context"] != "https://schema.org" {
			t.Errorf("%s: @context %v", name, v["@context"])
		}
		out = append(out, v)
	}
	return out
}

// TestJSONLD parses the structured data of the pages: a HowTo with a
// HowToStep per step for guides with steps, an Article for stories, a
// DefinedTermSet for the systems.
func TestJSONLD(t *testing.T) {
	out := site(t, golden, "")
	alpha := jsonLD(t, "alpha", file(t, out, "guides/alpha/index.html"))
	if len(alpha) != 1 || alpha[0]["@type"] != "HowTo" || alpha[0]["name"] != "Alpha practice" || alpha[0]["datePublished"] != "2025-02-01" {
		t.Fatalf("alpha: %v", alpha)
	}
	steps := alpha[0]["step"].([]any)
	for i, want := range []string{"Begin.", "Go on."} {
		st := steps[i].(map[string]any)
		if st["@type"] != "HowToStep" || st["text"] != want || st["position"] != float64(i+1) {
			t.Errorf("alpha step %d: %v", i+1, st)
		}
	}
	if beta := jsonLD(t, "beta", file(t, out, "guides/beta/index.html")); beta[0]["@type"] != "Article" {
		t.Errorf("beta, without a numbered list of steps: %v", beta)
	}
	story := jsonLD(t, "story", file(t, out, "stories/first-story/index.html"))
	if story[0]["@type"] != "Article" || story[0]["datePublished"] != "2025-03-14" || story[0]["headline"] != "The first story" {
		t.Errorf("story: %v", story)
	}
	set := jsonLD(t, "systems", file(t, out, "systems/index.html"))
	terms, _ := set[0]["hasDefinedTerm"].([]any)
	if set[0]["@type"] != "DefinedTermSet" || len(terms) != 2 || terms[0].(map[string]any)["termCode"] != "LDR" {
		t.Errorf("systems: %v", set)
	}
	term := jsonLD(t, "system", file(t, out, "systems/twps/index.html"))
	if term[0]["@type"] != "DefinedTerm" || term[0]["inDefinedTermSet"].(map[string]any)["@type"] != "DefinedTermSet" {
		t.Errorf("system: %v", term)
	}
	if home := jsonLD(t, "home", file(t, out, "index.html")); len(home) != 0 {
		t.Errorf("home page has JSON-LD %v", home)
	}

	// Every guide of this repository's playbook has its steps.
	repoOut := site(t, repo, "")
	for _, name := range repoOut.Names() {
		if !strings.HasPrefix(name, "guides/") || name == "guides/index.html" {
			continue
		}
		ld := jsonLD(t, name, file(t, repoOut, name))
		if len(ld) != 1 || ld[0]["@type"] != "HowTo" {
			t.Errorf("%s: %v", name, ld)
			continue
		}
		for _, st := range ld[0]["step"].([]any) {
			if s := st.(map[string]any); s["name"] == "" || s["text"] == "" {
				t.Errorf("%s: step %v", name, s)
			}
		}
	}
}

// TestOpenGraph checks every page names itself for link previews.
func TestOpenGraph(t *testing.T) {
	out := site(t, golden, "")
	for _, name := range out.Names() {
		if !strings.HasSuffix(name, ".html") || name == "404.html" {
			continue
		}
		page := file(t, out, name)
		for _, want := range []string{`<meta property="og:title" content="`, `<meta property="og:type" content="`, `<meta property="og:url" content="https://example.org/playbook/`,
			`<meta name="twitter:card" content="summary">`, `<link rel="alternate" type="application/atom+xml"`} {
			if !bytes.Contains(page, []byte(want)) {
				t.Errorf("%s lacks %s", name, want)
			}
		}
	}
}

// TestExportSchema validates playbook.json against the JSON Schema
// published beside it, with a full JSON Schema 2020-12 validator (the
// schema itself is checked against the meta-schema when it compiles).
func TestExportSchema(t *testing.T) {
	out := site(t, golden, "")
	if !bytes.Equal(file(t, out, publish.SchemaFile), publish.Schema()) {
		t.Fatal("the published schema is not the package's")
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(publish.Schema()))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("playbook-export.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("playbook-export.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		src, base string
	}{{golden, ""}, {golden, "https://preview.example.net/"}, {repo, ""}} {
		data := file(t, site(t, tc.src, tc.base), publish.ExportFile)
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("%s: playbook.json does not follow its schema: %v", tc.src, err)
		}
	}

	// The schema's version is the format's.
	var versioned struct {
		Properties struct {
			Version struct{ Const *int } `json:"version"`
		}
	}
	if err := json.Unmarshal(publish.Schema(), &versioned); err != nil || versioned.Properties.Version.Const == nil ||
		*versioned.Properties.Version.Const != publish.ExportVersion {
		t.Errorf("the schema's version is not ExportVersion %d (%v)", publish.ExportVersion, err)
	}

	// The schema does catch a wrong export: each rule the record types'
	// tags give it.
	for _, tc := range []struct {
		name  string
		spoil func(e map[string]any)
		want  []string
	}{
		{"unknown key and missing list", func(e map[string]any) {
			e["guides"].([]any)[0].(map[string]any)["colour"] = "blue"
			delete(e, "roles")
		}, []string{"colour", "roles"}},
		{"id that is not a slug", func(e map[string]any) { e["guides"].([]any)[0].(map[string]any)["id"] = "Alpha" }, []string{"/guides/0/id"}},
		{"unknown status", func(e map[string]any) { e["goals"].([]any)[0].(map[string]any)["status"] = "done" }, []string{"/goals/0/status"}},
		{"empty title", func(e map[string]any) { e["title"] = "" }, []string{"/title"}},
		{"another version", func(e map[string]any) { e["version"] = 2 }, []string{"/version"}},
		{"no ruled lines", func(e map[string]any) {
			e["reflections"].([]any)[0].(map[string]any)["prompts"].([]any)[0].(map[string]any)["lines"] = 0
		}, []string{"/reflections/0/prompts/0/lines"}},
		{"system code in lowercase", func(e map[string]any) { e["guides"].([]any)[0].(map[string]any)["systems"] = []any{"ldr"} },
			[]string{"/guides/0/systems/0"}},
		{"address with a space", func(e map[string]any) { e["url"] = "https://example.org/a b" }, []string{"/url"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var e map[string]any
			if err := json.Unmarshal(file(t, out, publish.ExportFile), &e); err != nil {
				t.Fatal(err)
			}
			tc.spoil(e)
			err := sch.Validate(e)
			for _, want := range tc.want {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("a broken export validated, or not at %s: %v", want, err)
				}
			}
		})
	}

	// The export holds the whole graph.
	var ex publish.Export
	json.Unmarshal(file(t, out, publish.ExportFile), &ex)
	if len(ex.Guides) != 2 || !strings.Contains(ex.Guides[0].HTML, `<h2 id="steps">Steps</h2>`) || ex.Guides[0].Date != "2025-02-01" ||
		!slices.Equal(ex.Guides[0].Links, []string{"beta"}) || !slices.Equal(ex.Guides[0].Systems, []string{"LDR", "TWPS"}) {
		t.Errorf("guides: %+v", ex.Guides)
	}
	if len(ex.Roles) != 2 || len(ex.Systems) != 2 || len(ex.Goals) != 2 || len(ex.Stories) != 2 || len(ex.Checklists) != 3 || len(ex.Reflections) != 1 || len(ex.Groups) != 2 {
		t.Errorf("export counts: %d roles, %d systems, %d goals, %d stories, %d checklists, %d forms, %d groups",
			len(ex.Roles), len(ex.Systems), len(ex.Goals), len(ex.Stories), len(ex.Checklists), len(ex.Reflections), len(ex.Groups))
	}

	// What a practice looks like when it works, and checklists with levels.
	alpha := ex.Guides[0]
	if alpha.Group != "first-steps" || alpha.Time == "" || alpha.FirstStep == "" || len(alpha.Signs) != 2 || len(alpha.Questions) != 1 ||
		len(alpha.TakePart) != 2 || len(alpha.Sources) != 2 || alpha.Sources[0].Year != 2021 || alpha.Sources[1].URL != "" {
		t.Errorf("alpha's practice: %+v", alpha)
	}
	if ex.Guides[1].Audience != "students" || ex.Roles[1].Audience != "students" || ex.Roles[0].Audience != "" {
		t.Errorf("audiences: guide %q, roles %q and %q", ex.Guides[1].Audience, ex.Roles[0].Audience, ex.Roles[1].Audience)
	}
	if len(ex.Goals[0].Sources) != 1 || ex.Goals[1].Sources == nil {
		t.Errorf("goals' sources: %+v, %+v", ex.Goals[0].Sources, ex.Goals[1].Sources)
	}
	if g := ex.Groups[0]; g.ID != "first-steps" || !slices.Equal(g.Guides, []string{"alpha"}) || !strings.HasSuffix(g.URL, "/guides/#group-first-steps") {
		t.Errorf("group: %+v", g)
	}
	if c := ex.Checklists[1]; c.Scale != "levels" || !c.Evidence || !strings.Contains(c.ProtocolHTML, "<em>ten minutes</em>") || !strings.HasSuffix(c.TallyURL, "/checklists/team-review/tally/") {
		t.Errorf("checklist with levels: %+v", c)
	}
	if c := ex.Checklists[0]; c.Scale != "ticks" || c.Evidence || c.TallyURL != "" {
		t.Errorf("checklist with ticks: %+v", c)
	}
}

// caseRequired lists the fields the CASE 1.1 specification requires of
// each object of a CFPackage.
var caseRequired = map[string][]string{
	"CFDocument":             {"identifier", "uri", "creator", "title", "lastChangeDateTime"},
	"CFItem":                 {"identifier", "uri", "fullStatement", "lastChangeDateTime"},
	"CFAssociation":          {"identifier", "uri", "associationType", "originNodeURI", "destinationNodeURI", "lastChangeDateTime"},
	"CFItemType":             {"identifier", "uri", "title", "description", "hierarchyCode", "lastChangeDateTime"},
	"CFRubric":               {"identifier", "uri", "lastChangeDateTime"},
	"CFRubricCriterion":      {"identifier", "uri", "rubricId", "lastChangeDateTime"},
	"CFRubricCriterionLevel": {"identifier", "uri", "rubricCriterionId", "lastChangeDateTime"},
	"LinkURI":                {"title", "identifier", "uri"},
}

var (
	caseDateTimeRE     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$`)
	caseAssociationSet = []string{"isChildOf", "isPeerOf", "isPartOf", "exactMatchOf", "precedes", "isRelatedTo", "replacedBy", "exemplar", "hasSkillLevel"}
)

// checkCASE checks obj, a kind of CASE object, has its required fields,
// with identifiers that are UUIDs and times that are dateTimes.
func checkCASE(t *testing.T, kind string, obj any) {
	t.Helper()
	m, ok := obj.(map[string]any)
	if !ok {
		t.Errorf("%s is %T, not an object", kind, obj)
		return
	}
	for _, f := range caseRequired[kind] {
		v, ok := m[f]
		if s, isString := v.(string); !ok || (isString && s == "") {
			t.Errorf("%s %v lacks required %s", kind, m["identifier"], f)
		}
	}
	if id, ok := m["identifier"].(string); ok && !uuidRE.MatchString(id) {
		t.Errorf("%s identifier %q is not a UUID", kind, id)
	}
	if ts, ok := m["lastChangeDateTime"].(string); ok && !caseDateTimeRE.MatchString(ts) {
		t.Errorf("%s lastChangeDateTime %q is not a dateTime", kind, ts)
	}
	for _, f := range []string{"originNodeURI", "destinationNodeURI", "CFItemTypeURI"} {
		if v, ok := m[f]; ok {
			checkCASE(t, "LinkURI", v)
		}
	}
}

// TestCASE checks the CASE export's structure against the specification's
// required fields, and that every association and rubric part points at an
// object of the package.
func TestCASE(t *testing.T) {
	for _, base := range []string{"", "https://example.org/playbook/"} {
		out := site(t, golden, base)
		var pkg map[string]any
		if err := json.Unmarshal(file(t, out, publish.CASEFile), &pkg); err != nil {
			t.Fatal(err)
		}
		list := func(v any) []any { l, _ := v.([]any); return l }
		known := map[string]bool{}
		doc := pkg["CFDocument"].(map[string]any)
		checkCASE(t, "CFDocument", doc)
		known[doc["identifier"].(string)] = true
		if doc["caseVersion"] != "1.1" || doc["title"] != "Test Playbook" || doc["lastChangeDateTime"] != "2025-04-01T00:00:00+00:00" {
			t.Errorf("document: %v", doc)
		}
		types := map[string]bool{}
		for _, it := range list(pkg["CFDefinitions"].(map[string]any)["CFItemTypes"]) {
			checkCASE(t, "CFItemType", it)
			types[it.(map[string]any)["identifier"].(string)] = true
		}
		items := list(pkg["CFItems"])
		if len(items) != 4 { // two systems, two guides
			t.Errorf("%d items, want 4", len(items))
		}
		for _, it := range items {
			checkCASE(t, "CFItem", it)
			m := it.(map[string]any)
			known[m["identifier"].(string)] = true
			if !types[m["CFItemTypeURI"].(map[string]any)["identifier"].(string)] {
				t.Errorf("item %v has an item type the package does not define", m["fullStatement"])
			}
		}
		children := map[string]int{}
		for _, a := range list(pkg["CFAssociations"]) {
			checkCASE(t, "CFAssociation", a)
			m := a.(map[string]any)
			origin, dest := m["originNodeURI"].(map[string]any)["identifier"].(string), m["destinationNodeURI"].(map[string]any)["identifier"].(string)
			if !known[origin] || !known[dest] {
				t.Errorf("association %v joins nodes outside the package", m["identifier"])
			}
			if !slices.Contains(caseAssociationSet, m["associationType"].(string)) {
				t.Errorf("association type %v is not CASE's", m["associationType"])
			}
			if m["associationType"] == "isChildOf" {
				children[origin]++
			}
		}
		for id := range known {
			if id != doc["identifier"] && children[id] == 0 {
				t.Errorf("item %s is nobody's child: the tree does not reach it", id)
			}
		}
		rubrics := list(pkg["CFRubrics"])
		if len(rubrics) != 3 {
			t.Fatalf("%d rubrics, want one per checklist", len(rubrics))
		}
		for _, r := range rubrics {
			checkCASE(t, "CFRubric", r)
			rm := r.(map[string]any)
			criteria := list(rm["CFRubricCriteria"])
			// The checklists' items, in one or two sections.
			if want := map[any]int{"Teacher checklist": 3, "Team review": 3, "Quick check": 1}[rm["title"]]; len(criteria) != want {
				t.Errorf("%v: %d criteria, want one per checklist item, %d", rm["title"], len(criteria), want)
			}
			for _, c := range criteria {
				checkCASE(t, "CFRubricCriterion", c)
				cm := c.(map[string]any)
				if cm["rubricId"] != rm["identifier"] {
					t.Errorf("criterion %v is not its rubric's", cm["identifier"])
				}
				// Not yet and in place for a list ticked off; not yet,
				// partly and yes for one answered in levels.
				levels := list(cm["CFRubricCriterionLevels"])
				want := []string{"Not yet", "In place"}
				if rm["title"] == "Team review" {
					want = []string{"Not yet", "Partly", "Yes"}
				}
				var got []string
				for _, l := range levels {
					got = append(got, fmt.Sprint(l.(map[string]any)["quality"]))
				}
				if !slices.Equal(got, want) {
					t.Errorf("%v: levels %q, want %q", rm["title"], got, want)
				}
				for _, l := range levels {
					checkCASE(t, "CFRubricCriterionLevel", l)
					if l.(map[string]any)["rubricCriterionId"] != cm["identifier"] {
						t.Errorf("level %v is not its criterion's", l)
					}
				}
			}
		}
	}
}

// identifiers returns every identifier and feed id in a built site's CASE
// package and feed, sorted.
func identifiers(t *testing.T, out *write.Memory) []string {
	t.Helper()
	var ids []string
	re := regexp.MustCompile(`"identifier":"([^"]+)"`)
	for _, m := range re.FindAllSubmatch(file(t, out, publish.CASEFile), -1) {
		ids = append(ids, string(m[1]))
	}
	var f publish.AtomFeed
	xml.Unmarshal(file(t, out, publish.FeedFile), &f)
	ids = append(ids, f.ID)
	for _, e := range f.Entries {
		ids = append(ids, e.ID)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// TestStableIdentifiers builds twice, at two addresses, and expects the
// same identifiers, so a re-export updates records instead of adding
// copies; another district's playbook gets its own.
func TestStableIdentifiers(t *testing.T) {
	first := identifiers(t, site(t, golden, ""))
	second := identifiers(t, site(t, golden, "https://preview.example.net/"))
	if len(first) < 10 || !slices.Equal(first, second) {
		t.Errorf("identifiers differ between two builds:\n%v\n%v", first, second)
	}
	if publish.ID("Golden Valley Schools", "guide", "alpha") == publish.ID("Riverside Unified", "guide", "alpha") {
		t.Error("two districts' guides share an identifier")
	}
	if publish.ID("D", "guide", "alpha") != publish.ID("D", "guide", "alpha") || publish.ID("D", "guide", "alpha") == publish.ID("D", "story", "alpha") {
		t.Error("identifiers are not a function of district, kind and id")
	}
}
