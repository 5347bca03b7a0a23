// Package schema writes the JSON Schemas of a playbook's files from the
// content model, so that editors' tools (VS Code with the YAML extension,
// and others that read JSON Schema) complete keys, show each key's
// explanation and mark mistakes while an editor types.
//
// # Where the schemas come from
//
// The Go types of package model are the content model, and their doc
// comments are its documentation. Generate reads both: the types by
// reflection (keys from `yaml` tags, `required:"true"`, `enum:"a,b"`,
// `format:"date|slug|code|color"`, and `shorthand:"true"` on the field a
// single value may stand for, which makes the record "anyOf" that value or
// the record) and the comments from the source of
// model.go. A phrase "for example X" in a comment, with X a quoted text or a
// [list, of, ids], becomes the key's example. Unknown keys are not allowed,
// as the build does not allow them.
//
// # Where the schemas go
//
// The generated files are checked in at schemas/ in the repository root,
// embedded in the binary (package schemas), published with every site at
// /schemas/, and written by `playbook init` into a new playbook. Each data
// file names its schema on its first line:
//
//	# yaml-language-server: $schema=../schemas/roles.schema.json
//
// A test fails when the checked-in files differ from what Generate makes;
// `go test ./internal/schema -update` rewrites them.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"regexp"
	"strings"

	"github.com/playbook-edu/playbook/internal/kind"
	"github.com/playbook-edu/playbook/internal/model"
)

// File is one schema: the file it is written to and the files it describes.
type File struct {
	Name     string // for example "roles.schema.json"
	Describe string // the playbook files it is for, for example "data/roles.yaml"
	Title    string
	list     bool // the file is a list of the type
	typ      reflect.Type
}

// Files are the schemas Generate writes: playbook.yaml's, and one for each
// kind of record (package kind), of its data file or of its documents'
// front matter.
var Files = func() []File {
	files := []File{{Name: "playbook.schema.json", Describe: "playbook.yaml", Title: "Playbook settings", typ: reflect.TypeFor[model.Config]()}}
	for _, k := range kind.All {
		f := File{Name: k.Schema, Title: k.SchemaTitle, typ: k.Type()}
		if k.File != "" {
			f.Describe, f.list = k.File, true
		} else {
			f.Describe = "the front matter of " + k.Folder + "/*.md"
		}
		files = append(files, f)
	}
	return files
}()

// ForData returns the schema file for a playbook file ("data/roles.yaml"),
// or "" when it has none.
func ForData(file string) string {
	for _, f := range Files {
		if f.Describe == file {
			return f.Name
		}
	}
	return ""
}

// Comment returns the first line a YAML file at path file (relative to the
// playbook root) should have so that editors validate it: its schema, by a
// path relative to the file.
func Comment(file string) string {
	name := ForData(file)
	if name == "" {
		return ""
	}
	rel := "schemas/" + name
	for range strings.Count(file, "/") {
		rel = "../" + rel
	}
	return "# yaml-language-server: $schema=" + rel
}

// Generate returns each schema's JSON by file name, from the source of
// model.go.
func Generate(modelSource []byte) (map[string][]byte, error) {
	docs, err := readDocs(modelSource)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, f := range Files {
		n := docs.object(f.typ)
		if f.list {
			n = &node{Title: f.Title, Description: fmt.Sprintf("%s: a list; start each entry with \"- \".", f.Describe),
				Type: "array", Items: n}
		} else {
			n.Title, n.Description = f.Title, fmt.Sprintf("%s. %s", capitalize(f.Describe), n.Description)
		}
		n.Schema = "http://json-schema.org/draft-07/schema#"
		data, err := json.MarshalIndent(n, "", "  ")
		if err != nil {
			return nil, err
		}
		out[f.Name] = append(data, '\n')
	}
	return out, nil
}

// node is a JSON Schema, with the keywords this package uses in the order
// they are written.
type node struct {
	Schema               string           `json:"$schema,omitempty"`
	Title                string           `json:"title,omitempty"`
	Description          string           `json:"description,omitempty"`
	Type                 string           `json:"type,omitempty"`
	Enum                 []string         `json:"enum,omitempty"`
	Format               string           `json:"format,omitempty"`
	Pattern              string           `json:"pattern,omitempty"`
	MinLength            int              `json:"minLength,omitempty"`
	MinItems             int              `json:"minItems,omitempty"`
	Items                *node            `json:"items,omitempty"`
	Properties           properties       `json:"properties,omitempty"`
	Required             []string         `json:"required,omitempty"`
	AdditionalProperties *bool            `json:"additionalProperties,omitempty"`
	PatternProperties    map[string]*node `json:"patternProperties,omitempty"`
	AnyOf                []*node          `json:"anyOf,omitempty"`
	Examples             []any            `json:"examples,omitempty"`
}

// property is one key of an object's properties.
type property struct {
	Key  string
	Node *node
}

// properties keep their keys in the model's order.
type properties []property

// MarshalJSON writes the properties as an object, in order.
func (ps properties) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(p.Key)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(p.Node)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Patterns of the formats the model's `format` tags name.
var patterns = map[string]string{
	"date":  `^\d{4}-\d{2}-\d{2}$`,
	"slug":  `^[a-z0-9]+(-[a-z0-9]+)*$`,
	"code":  `^[A-Z][A-Z0-9]*$`,
	"color": `^#[0-9a-fA-F]{6}$`,
}

var (
	refType      = reflect.TypeFor[model.Ref]()
	markdownType = reflect.TypeFor[model.Markdown]()
	labelsType   = reflect.TypeFor[model.Labels]()
)

// object is the schema of a model struct.
func (d docs) object(t reflect.Type) *node {
	no := false
	n := &node{Type: "object", Description: d.types[t.Name()], AdditionalProperties: &no}
	for i := range t.NumField() {
		sf := t.Field(i)
		key := sf.Tag.Get("yaml")
		if key == "" || key == "-" {
			continue
		}
		p := d.value(sf.Type)
		p.Description = d.fields[t.Name()+"."+sf.Name]
		if e := sf.Tag.Get("enum"); e != "" {
			p.Enum = strings.Split(e, ",")
		}
		if f := sf.Tag.Get("format"); f != "" {
			p.Pattern = patterns[f]
			if f == "date" {
				p.Format = "date"
			}
		}
		if sf.Tag.Get("required") == "true" {
			n.Required = append(n.Required, key)
			switch p.Type {
			case "string":
				p.MinLength = 1
			case "array":
				p.MinItems = 1
			}
		}
		p.Examples = examples(p.Description, p.Type)
		n.Properties = append(n.Properties, property{key, p})
	}
	return n
}

// value is the schema of a field's type.
func (d docs) value(t reflect.Type) *node {
	switch t {
	case refType, markdownType:
		return &node{Type: "string"}
	case labelsType:
		// Keys of the translation table, each with a text, or a text per
		// language.
		text := &node{Type: "string"}
		perLanguage := &node{Type: "object", PatternProperties: map[string]*node{`^[A-Za-z]{2,3}(-[A-Za-z0-9]+)*$`: text}}
		return &node{Type: "object", PatternProperties: map[string]*node{`^[a-z0-9.-]+$`: {AnyOf: []*node{text, perLanguage}}}}
	}
	switch t.Kind() {
	case reflect.String:
		return &node{Type: "string"}
	case reflect.Int:
		return &node{Type: "integer"}
	case reflect.Float64:
		return &node{Type: "number"}
	case reflect.Bool:
		return &node{Type: "boolean"}
	case reflect.Slice:
		return &node{Type: "array", Items: d.value(t.Elem())}
	case reflect.Pointer:
		return d.value(t.Elem())
	case reflect.Struct:
		if short, ok := shorthand(t); ok {
			// A single value stands for the record with only that field.
			alt := d.value(short.Type)
			alt.Description = d.fields[t.Name()+"."+short.Name]
			if short.Tag.Get("required") == "true" && alt.Type == "string" {
				alt.MinLength = 1
			}
			return &node{AnyOf: []*node{alt, d.object(t)}}
		}
		return d.object(t)
	}
	panic(fmt.Sprintf("schema: no schema for %s", t)) // the model uses only the kinds above
}

// shorthand returns the field of t tagged `shorthand:"true"`, which a
// single value written in place of the record stands for (see package
// load).
func shorthand(t reflect.Type) (reflect.StructField, bool) {
	for i := range t.NumField() {
		if sf := t.Field(i); sf.Tag.Get("shorthand") == "true" {
			return sf, true
		}
	}
	return reflect.StructField{}, false
}

var (
	quotedExample = regexp.MustCompile(`for example "([^"]+)"`)
	listExample   = regexp.MustCompile(`for example \[([^\]]+)\]`)
)

// examples finds the example a field's comment gives.
func examples(comment, typ string) []any {
	if typ == "array" {
		m := listExample.FindStringSubmatch(comment)
		if m == nil {
			return nil
		}
		var list []any
		for _, v := range strings.Split(m[1], ",") {
			list = append(list, strings.Trim(strings.TrimSpace(v), `"`))
		}
		return []any{list}
	}
	if m := quotedExample.FindStringSubmatch(comment); m != nil && typ == "string" {
		return []any{m[1]}
	}
	return nil
}

// docs are the doc comments of model.go: each type's, and each field's as
// "Type.Field".
type docs struct {
	types  map[string]string
	fields map[string]string
}

func readDocs(src []byte) (docs, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "model.go", src, parser.ParseComments)
	if err != nil {
		return docs{}, fmt.Errorf("schema: read the model: %w", err)
	}
	d := docs{types: map[string]string{}, fields: map[string]string{}}
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, spec := range gd.Specs {
			ts := spec.(*ast.TypeSpec)
			comment := gd.Doc
			if ts.Doc != nil {
				comment = ts.Doc
			}
			d.types[ts.Name.Name] = text(comment)
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				continue
			}
			for _, field := range st.Fields.List {
				for _, name := range field.Names {
					d.fields[ts.Name.Name+"."+name.Name] = text(field.Doc)
				}
			}
		}
	}
	return d, nil
}

// text is a doc comment as one line of plain text.
func text(cg *ast.CommentGroup) string {
	if cg == nil {
		return ""
	}
	return strings.Join(strings.Fields(cg.Text()), " ")
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
