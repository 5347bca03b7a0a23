package schema

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/playbook-edu/playbook/internal/publish"
)

var update = flag.Bool("update", false, "rewrite the schemas in schemas/ from the content model, and "+ExportFile+" from package publish")

const root = "../.."

// stillToCome are data files the default playbook does not have yet, each
// with a file of testdata that its schema is tested on until it does.
var stillToCome = map[string]string{"data/glossary.yaml": "testdata/glossary.yaml"}

func generate(t *testing.T) map[string][]byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(root, "internal/model/model.go"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Generate(src)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSchemasInSync fails when the checked-in schemas differ from what
// the content model generates.
func TestSchemasInSync(t *testing.T) {
	want := generate(t)
	dir := filepath.Join(root, "schemas")
	if *update {
		old, _ := filepath.Glob(filepath.Join(dir, "*.schema.json"))
		for _, f := range old {
			os.Remove(f)
		}
		for name, data := range want {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	have, _ := filepath.Glob(filepath.Join(dir, "*.schema.json"))
	for _, f := range have {
		if want[filepath.Base(f)] == nil {
			t.Errorf("schemas/%s is not generated from the model; remove it, or run: go test ./internal/schema -update", filepath.Base(f))
		}
	}
	for name, data := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("schemas/%s differs from what internal/model/model.go generates; run: go test ./internal/schema -update", name)
		}
	}
}

// generateExport returns the schema of playbook.json.
func generateExport(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(root, "internal/publish/export.go"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := GenerateExport(reflect.TypeFor[publish.Export](), src)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestExportSchemaInSync fails when the checked-in schema of playbook.json
// differs from what package publish's types generate.
func TestExportSchemaInSync(t *testing.T) {
	want := generateExport(t)
	file := filepath.Join(root, ExportFile)
	if *update {
		if err := os.WriteFile(file, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := os.ReadFile(file); err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s differs from what internal/publish/export.go generates; run: go test ./internal/schema -update", ExportFile)
	}
}

// TestDataFilesNameTheirSchema checks every data file of the default
// playbook starts with the line that points editors' tools at its schema.
func TestDataFilesNameTheirSchema(t *testing.T) {
	for _, f := range Files {
		if !strings.HasSuffix(f.Describe, ".yaml") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, f.Describe))
		if os.IsNotExist(err) && stillToCome[f.Describe] != "" {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(string(data), "\n")
		if want := Comment(f.Describe); first != want {
			t.Errorf("%s starts with %q; want %q", f.Describe, first, want)
		}
	}
	if got := Comment("data/roles.yaml"); got != "# yaml-language-server: $schema=../schemas/roles.schema.json" {
		t.Errorf("Comment(data/roles.yaml) = %q", got)
	}
	if got := Comment("playbook.yaml"); got != "# yaml-language-server: $schema=schemas/playbook.schema.json" {
		t.Errorf("Comment(playbook.yaml) = %q", got)
	}
}

// TestSchemasAcceptTheDefaultPlaybook validates the default playbook's
// files, in both its languages, against the schemas with a JSON Schema
// validator (santhosh-tekuri/jsonschema), and checks broken ones are
// refused where they are broken.
func TestSchemasAcceptTheDefaultPlaybook(t *testing.T) {
	c := jsonschema.NewCompiler()
	for name, data := range generate(t) {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := c.AddResource("https://playbook.invalid/"+name, doc); err != nil {
			t.Fatal(err)
		}
	}
	schemas := map[string]*jsonschema.Schema{}
	for _, f := range Files {
		sch, err := c.Compile("https://playbook.invalid/" + f.Name)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		schemas[f.Name] = sch
	}
	for _, f := range Files {
		var files []string
		switch {
		case strings.HasSuffix(f.Describe, ".yaml"):
			files = []string{f.Describe}
			if _, err := os.Stat(filepath.Join(root, f.Describe)); os.IsNotExist(err) && stillToCome[f.Describe] != "" {
				files = []string{stillToCome[f.Describe]}
			}
		case f.Name == "guide.schema.json":
			files, _ = filepath.Glob(filepath.Join(root, "content/guides/*.md"))
		case f.Name == "page.schema.json":
			files, _ = filepath.Glob(filepath.Join(root, "content/pages/*.md"))
		}
		if len(files) == 0 {
			t.Fatalf("no files for %s", f.Name)
		}
		for _, file := range files {
			if !filepath.IsAbs(file) && !strings.HasPrefix(file, root) && !strings.HasPrefix(file, "testdata/") {
				file = filepath.Join(root, file)
			}
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasSuffix(file, ".md") {
				parts := strings.SplitN(string(data), "---\n", 3)
				data = []byte(parts[1])
			}
			if errs := validate(t, schemas[f.Name], data); len(errs) > 0 {
				t.Errorf("%s does not match %s:\n%s", file, f.Name, strings.Join(errs, "\n"))
			}
		}
	}

	// Each broken file is refused at the place it is broken (a JSON
	// pointer), by the keyword that is not met.
	broken := []struct{ schema, yaml, at, keyword string }{
		{"roles.schema.json", "- id: teacher\n  name: Teacher\n", "/0", "required"},
		{"roles.schema.json", "- id: Teacher\n  name: T\n  summary: S.\n", "/0/id", "pattern"},
		{"roles.schema.json", "- id: teacher\n  name: {en: Teacher, es: Docente, spanish: Docente}\n  summary: S.\n", "/0/name", "additionalProperties"},
		{"goals.schema.json", "- {id: a, title: A, status: done}\n", "/0/status", "enum"},
		{"goals.schema.json", "- {id: a, title: A, status: active, indicators: [{name: N, measurements: [{date: 2025-09-15, value: 61%}]}]}\n",
			"/0/indicators/0/measurements/0/value", "type"},
		{"goals.schema.json", "- {id: a, title: A, status: active, indicators: [{name: N, csv: n.csv, targt: 4}]}\n", "/0/indicators/0", "additionalProperties"},
		{"stories.schema.json", "- {id: a, title: A, date: 14 March, summary: S., body: B.}\n", "/0/date", "format"},
		{"guide.schema.json", "title: T\nsummary: S.\nrols: [teacher]\n", "/", "additionalProperties"},
		{"playbook.schema.json", "title: T\ndistrict: D\ncolors: {primary: blue}\n", "/colors/primary", "pattern"},
		{"playbook.schema.json", "title: T\ndistrict: D\nbaseURL: {en: https://example.org/}\n", "/baseURL", "type"},
	}
	for _, b := range broken {
		errs := validate(t, schemas[b.schema], []byte(b.yaml))
		want := fmt.Sprintf("%q: %s", b.at, b.keyword)
		if !slices.ContainsFunc(errs, func(e string) bool { return strings.HasPrefix(e, want) }) {
			t.Errorf("%s accepted %q, or refused it elsewhere: %v; want %s", b.schema, b.yaml, errs, want)
		}
	}
}

// validate checks a YAML text against sch and returns each place it
// fails, as its JSON pointer, quoted, and the keyword not met.
func validate(t *testing.T, sch *jsonschema.Schema, src []byte) []string {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(src, &v); err != nil {
		t.Fatal(err)
	}
	// As JSON has it: a YAML date is the text it is written as, a number
	// a float64, a map's keys texts.
	var asJSON func(v any) any
	asJSON = func(v any) any {
		switch v := v.(type) {
		case time.Time:
			return v.Format(time.DateOnly)
		case int:
			return float64(v)
		case map[string]any:
			for k, x := range v {
				v[k] = asJSON(x)
			}
		case []any:
			for i, x := range v {
				v[i] = asJSON(x)
			}
		}
		return v
	}
	err := sch.Validate(asJSON(v))
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		t.Fatal(err)
	}
	var errs []string
	var leaves func(e *jsonschema.ValidationError)
	leaves = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			kw := e.ErrorKind.KeywordPath()
			errs = append(errs, fmt.Sprintf("%q: %s: %v", "/"+strings.Join(e.InstanceLocation, "/"), strings.Join(kw, "/"), e))
			return
		}
		for _, c := range e.Causes {
			leaves(c)
		}
	}
	leaves(ve)
	slices.Sort(errs)
	return errs
}
