package publish_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/playbook-edu/playbook/internal/publish"
)

// caseSchemaFile is 1EdTech's JSON Schema of the CASE 1.1 CFPackage,
// copied unchanged from its repository (see the .SOURCE.txt beside it).
const caseSchemaFile = "testdata/case-v1p1-cfpackage.json"

// caseSchema compiles the official CFPackage schema, asserting formats
// (uuid, date-time, date) as well as structure.
func caseSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(caseSchemaFile)
	if err != nil {
		t.Fatalf("the official CASE schema is missing: %v", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const id = "https://purl.imsglobal.org/spec/case/v1p1/schema/json/case_v1p1_cfpackage-jsonschema1.json"
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(id)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// TestCASESchema validates the CASE package of the golden and the default
// playbook, with and without the site's address, against 1EdTech's
// official CASE 1.1 CFPackage JSON Schema.
func TestCASESchema(t *testing.T) {
	sch := caseSchema(t)
	for _, tc := range []struct{ name, src, base string }{
		{"golden", golden, ""},
		{"golden at an address", golden, "https://example.org/playbook/"},
		{"default playbook", repo, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := file(t, site(t, tc.src, tc.base), publish.CASEFile)
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(v); err != nil {
				t.Errorf("%s does not validate against the official CASE 1.1 schema:\n%v", publish.CASEFile, err)
			}
		})
	}
}

// TestCASESchemaRejects checks the official schema is strict enough to
// catch what the package once got wrong, so that TestCASESchema can fail.
func TestCASESchemaRejects(t *testing.T) {
	sch := caseSchema(t)
	for _, tc := range []struct{ name, pkg, want string }{
		{"package link on the document",
			`{"CFDocument": {"identifier": "5d8a2b0e-0f9e-5c1a-8f0e-1b2c3d4e5f60", "uri": "u", "creator": "c", "title": "t",
			"lastChangeDateTime": "2025-01-01T00:00:00+00:00", "CFPackageURI": {"title": "t", "identifier": "5d8a2b0e-0f9e-5c1a-8f0e-1b2c3d4e5f60", "uri": "u"}}}`,
			"CFPackageURI"},
		{"document link on an item",
			`{"CFDocument": {"identifier": "5d8a2b0e-0f9e-5c1a-8f0e-1b2c3d4e5f60", "uri": "u", "creator": "c", "title": "t", "lastChangeDateTime": "2025-01-01T00:00:00+00:00"},
			"CFItems": [{"identifier": "5d8a2b0e-0f9e-5c1a-8f0e-1b2c3d4e5f61", "uri": "u", "fullStatement": "s", "lastChangeDateTime": "2025-01-01T00:00:00+00:00",
			"CFDocumentURI": {"title": "t", "identifier": "5d8a2b0e-0f9e-5c1a-8f0e-1b2c3d4e5f60", "uri": "u"}}]}`,
			"CFDocumentURI"},
		{"identifier that is not a UUID",
			`{"CFDocument": {"identifier": "playbook", "uri": "u", "creator": "c", "title": "t", "lastChangeDateTime": "2025-01-01T00:00:00+00:00"}}`,
			"uuid"},
		{"date that is not a date-time",
			`{"CFDocument": {"identifier": "5d8a2b0e-0f9e-5c1a-8f0e-1b2c3d4e5f60", "uri": "u", "creator": "c", "title": "t", "lastChangeDateTime": "2025-01-01"}}`,
			"date-time"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := jsonschema.UnmarshalJSON(strings.NewReader(tc.pkg))
			if err != nil {
				t.Fatal(err)
			}
			err = sch.Validate(v)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("the schema accepts a package with a %s (error: %v)", tc.name, err)
			}
		})
	}
}
