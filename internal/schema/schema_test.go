package schema

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

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
// files against the schemas, and checks a few broken ones are refused.
func TestSchemasAcceptTheDefaultPlaybook(t *testing.T) {
	schemas := map[string]map[string]any{}
	for name, data := range generate(t) {
		var s map[string]any
		if err := json.Unmarshal(data, &s); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		schemas[name] = s
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

	broken := []struct{ schema, yaml, want string }{
		{"roles.schema.json", "- id: teacher\n  name: Teacher\n", `$[0]: missing "summary"`},
		{"roles.schema.json", "- id: Teacher\n  name: T\n  summary: S.\n", `$[0].id: "Teacher" does not match`},
		{"goals.schema.json", "- {id: a, title: A, status: done}\n", `$[0].status: "done" is not one of`},
		{"goals.schema.json", "- {id: a, title: A, status: active, indicators: [{name: N, measurements: [{date: 2025-09-15, value: 61%}]}]}\n",
			`$[0].indicators[0]: matches none of its 2 forms`},
		{"goals.schema.json", "- {id: a, title: A, status: active, indicators: [{name: N, csv: n.csv, targt: 4}]}\n",
			`$[0].indicators[0]: matches none of its 2 forms`},
		{"stories.schema.json", "- {id: a, title: A, date: 14 March, summary: S., body: B.}\n", `$[0].date: "14 March" does not match`},
		{"guide.schema.json", "title: T\nsummary: S.\nrols: [teacher]\n", `$: unknown key "rols"`},
		{"playbook.schema.json", "title: T\ndistrict: D\ncolors: {primary: blue}\n", `$.colors.primary: "blue" does not match`},
	}
	for _, b := range broken {
		errs := validate(t, schemas[b.schema], []byte(b.yaml))
		if !slices.ContainsFunc(errs, func(e string) bool { return strings.HasPrefix(e, b.want) }) {
			t.Errorf("%s accepted %q, or reported %v; want %s", b.schema, b.yaml, errs, b.want)
		}
	}
}

// validate checks a YAML text against the subset of JSON Schema that
// Generate writes.
func validate(t *testing.T, schema map[string]any, src []byte) []string {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(src, &v); err != nil {
		t.Fatal(err)
	}
	var errs []string
	var check func(s map[string]any, v any, at string)
	check = func(s map[string]any, v any, at string) {
		if tm, ok := v.(time.Time); ok {
			v = tm.Format(time.DateOnly)
		}
		if alts, ok := s["anyOf"].([]any); ok {
			before := errs
			var all []string
			for _, alt := range alts {
				errs = nil
				check(alt.(map[string]any), v, at)
				if len(errs) == 0 {
					errs = before
					return
				}
				all = append(all, errs...)
			}
			errs = append(before, fmt.Sprintf("%s: matches none of its %d forms: %s", at, len(alts), strings.Join(all, "; ")))
			return
		}
		switch s["type"] {
		case "object":
			m, ok := v.(map[string]any)
			if !ok {
				errs = append(errs, at+": not an object")
				return
			}
			props, _ := s["properties"].(map[string]any)
			for k, pv := range m {
				ps, ok := props[k].(map[string]any)
				if !ok {
					errs = append(errs, fmt.Sprintf("%s: unknown key %q", at, k))
					continue
				}
				check(ps, pv, at+"."+k)
			}
			req, _ := s["required"].([]any)
			for _, r := range req {
				if _, ok := m[r.(string)]; !ok {
					errs = append(errs, fmt.Sprintf("%s: missing %q", at, r))
				}
			}
		case "array":
			list, ok := v.([]any)
			if !ok {
				errs = append(errs, at+": not a list")
				return
			}
			for i, item := range list {
				check(s["items"].(map[string]any), item, fmt.Sprintf("%s[%d]", at, i))
			}
		case "string":
			str, ok := v.(string)
			if !ok {
				errs = append(errs, fmt.Sprintf("%s: %v is not a text", at, v))
				return
			}
			if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
				errs = append(errs, fmt.Sprintf("%s: %q does not match %s", at, str, p))
			}
			if e, ok := s["enum"].([]any); ok && !slices.Contains(e, any(str)) {
				errs = append(errs, fmt.Sprintf("%s: %q is not one of %v", at, str, e))
			}
		case "number":
			switch v.(type) {
			case int, float64:
			default:
				errs = append(errs, fmt.Sprintf("%s: %v is not a number", at, v))
			}
		case "integer":
			if _, ok := v.(int); !ok {
				errs = append(errs, fmt.Sprintf("%s: %v is not a whole number", at, v))
			}
		case "boolean":
			if _, ok := v.(bool); !ok {
				errs = append(errs, fmt.Sprintf("%s: %v is not true or false", at, v))
			}
		}
	}
	check(schema, v, "$")
	slices.Sort(errs)
	return errs
}
