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
//
// # The schema of playbook.json
//
// The same generator writes the JSON Schema (2020-12) of playbook.json,
// the playbook as data that every build publishes, from the record types
// of package publish and the doc comments of their file (GenerateExport).
// There the keys come from `json` tags, and a field is required when it is
// always written (no omitempty); `required:"true"` says it is never empty,
// `format` on a list gives each element's pattern, and `const:"1"` and
// `minimum:"1"` are JSON Schema's keywords. Package publish embeds the file
// (ExportFile) and publishes it beside playbook.json; the same test keeps
// it in sync.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
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
	docs, err := readDocs("model.go", modelSource)
	if err != nil {
		return nil, err
	}
	g := generator{docs: docs, tag: "yaml"}
	out := map[string][]byte{}
	for _, f := range Files {
		n := g.object(f.typ)
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

// ExportFile is where the schema of playbook.json is kept, relative to the
// repository root: package publish embeds it.
const ExportFile = "internal/publish/playbook-export.schema.json"

// GenerateExport returns the JSON Schema of playbook.json: that of t, the
// type of the file (package publish's Export), with the doc comments of
// source, the Go file that declares it and its records.
func GenerateExport(t reflect.Type, source []byte) ([]byte, error) {
	docs, err := readDocs(path.Base(ExportFile), source)
	if err != nil {
		return nil, err
	}
	n := generator{docs: docs, tag: "json"}.object(t)
	n.Schema, n.ID = "https://json-schema.org/draft/2020-12/schema", path.Base(ExportFile)
	n.Title = "Leadership playbook export (playbook.json)"
	data, err := json.MarshalIndent(n, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// node is a JSON Schema, with the keywords this package uses in the order
// they are written.
type node struct {
	Schema               string           `json:"$schema,omitempty"`
	ID                   string           `json:"$id,omitempty"`
	Title                string           `json:"title,omitempty"`
	Description          string           `json:"description,omitempty"`
	Type                 string           `json:"type,omitempty"`
	Const                any              `json:"const,omitempty"`
	Enum                 []string         `json:"enum,omitempty"`
	Format               string           `json:"format,omitempty"`
	Pattern              string           `json:"pattern,omitempty"`
	MinLength            int              `json:"minLength,omitempty"`
	MinItems             int              `json:"minItems,omitempty"`
	Minimum              *int             `json:"minimum,omitempty"`
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

// Patterns of the formats the `format` tags name: "address" is an address
// of the site, a full URL or, when the site's address is not known, a site
// path; "url" is a web address.
var patterns = map[string]string{
	"date":    `^\d{4}-\d{2}-\d{2}$`,
	"slug":    `^[a-z0-9]+(-[a-z0-9]+)*$`,
	"code":    `^[A-Z][A-Z0-9]*$`,
	"color":   `^#[0-9a-fA-F]{6}$`,
	"address": `^(https?://[^ ]+|/[^ ]*)$`,
	"url":     `^https?://[^ ]+$`,
}

var (
	refType      = reflect.TypeFor[model.Ref]()
	markdownType = reflect.TypeFor[model.Markdown]()
	labelsType   = reflect.TypeFor[model.Labels]()
)

// generator makes schemas from Go types and their doc comments.
type generator struct {
	docs docs
	// tag names the struct tag keys come from: "yaml" for the files editors
	// write, "json" for those the build writes.
	tag string
}

// key returns the key of field sf, and whether the field is always there:
// tagged required:"true", or, in a file the build writes, written even
// when empty. ok is false for a field that is not a key.
func (g generator) key(sf reflect.StructField) (key string, always, ok bool) {
	name, opts, _ := strings.Cut(sf.Tag.Get(g.tag), ",")
	always = sf.Tag.Get("required") == "true"
	switch {
	case name == "-" || !sf.IsExported():
		return "", false, false
	case g.tag != "json":
		return name, always, name != ""
	case name == "":
		name = sf.Name // as encoding/json names it
	}
	return name, always || !slices.Contains(strings.Split(opts, ","), "omitempty"), true
}

// describe returns the description of the type or field called name from
// its doc comment. Readers of a schema do not know the Go names, so a
// comment's opening "Name is" or "Name are" is left out: "ExportRole is a
// part people play" becomes "A part people play".
func (g generator) describe(name, doc string) string {
	for _, verb := range []string{" is ", " are "} {
		if rest, ok := strings.CutPrefix(doc, name+verb); ok && rest != "" {
			return capitalize(rest)
		}
	}
	return doc
}

// object is the schema of a struct.
func (g generator) object(t reflect.Type) *node {
	no := false
	n := &node{Type: "object", Description: g.describe(t.Name(), g.docs.types[t.Name()]), AdditionalProperties: &no}
	for i := range t.NumField() {
		sf := t.Field(i)
		key, always, ok := g.key(sf)
		if !ok {
			continue
		}
		p := g.value(sf.Type)
		p.Description = g.describe(sf.Name, g.docs.fields[t.Name()+"."+sf.Name])
		each := p // what enum and format say: each element of a list
		if p.Type == "array" {
			each = p.Items
		}
		if e := sf.Tag.Get("enum"); e != "" {
			each.Enum = strings.Split(e, ",")
		}
		if f := sf.Tag.Get("format"); f != "" {
			each.Pattern = patterns[f]
			if f == "date" {
				each.Format = "date"
			}
		}
		if c := sf.Tag.Get("const"); c != "" {
			if err := json.Unmarshal([]byte(c), &p.Const); err != nil {
				panic(fmt.Sprintf("schema: %s.%s: const %q is not JSON", t.Name(), sf.Name, c)) // a test generates every schema
			}
		}
		if m := sf.Tag.Get("minimum"); m != "" {
			min, err := strconv.Atoi(m)
			if err != nil {
				panic(fmt.Sprintf("schema: %s.%s: minimum %q is not a whole number", t.Name(), sf.Name, m))
			}
			p.Minimum = &min
		}
		if always {
			n.Required = append(n.Required, key)
		}
		if sf.Tag.Get("required") == "true" {
			switch p.Type {
			case "string":
				p.MinLength = 1
			case "array":
				p.MinItems = 1
			}
		}
		p.Examples = examples(p.Description, p.Type)
		if g.tag == "yaml" && model.TranslationOf(sf) != model.NotTranslated {
			p = inLanguages(p)
		}
		n.Properties = append(n.Properties, property{key, p})
	}
	return n
}

// languageTag is the pattern of a BCP 47 language tag, a key of a text
// written per language.
const languageTag = `^[A-Za-z]{2,3}(-[A-Za-z0-9]+)*$`

// inLanguages returns the schema of a field p, a text, that may also be
// written once per language: {en: "Teacher", es: "Docente"}.
func inLanguages(p *node) *node {
	text := *p
	text.Description, text.Examples = "", nil
	no := false
	each := &node{Type: "object", Description: "The text in each of the playbook's languages (languages: in playbook.yaml), the default first, for example {en: …, es: …}.",
		PatternProperties: map[string]*node{languageTag: &text}, AdditionalProperties: &no}
	return &node{Description: p.Description, Examples: p.Examples, AnyOf: []*node{&text, each}}
}

// value is the schema of a field's type.
func (g generator) value(t reflect.Type) *node {
	switch t {
	case refType, markdownType:
		return &node{Type: "string"}
	case labelsType:
		// Keys of the translation table, each with a text, or a text per
		// language.
		text := &node{Type: "string"}
		perLanguage := &node{Type: "object", PatternProperties: map[string]*node{languageTag: text}}
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
		return &node{Type: "array", Items: g.value(t.Elem())}
	case reflect.Pointer:
		return g.value(t.Elem())
	case reflect.Struct:
		if short, ok := shorthand(t); ok {
			// A single value stands for the record with only that field.
			alt := g.value(short.Type)
			alt.Description = g.docs.fields[t.Name()+"."+short.Name]
			if short.Tag.Get("required") == "true" && alt.Type == "string" {
				alt.MinLength = 1
			}
			return &node{AnyOf: []*node{alt, g.object(t)}}
		}
		return g.object(t)
	}
	panic(fmt.Sprintf("schema: no schema for %s", t)) // the types use only the kinds above
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

// docs are the doc comments of a Go file: each type's, and each field's as
// "Type.Field".
type docs struct {
	types  map[string]string
	fields map[string]string
}

// readDocs reads the doc comments of src, the Go file called name.
func readDocs(name string, src []byte) (docs, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return docs{}, fmt.Errorf("schema: read %s: %w", name, err)
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
