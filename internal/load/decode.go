package load

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/source"
)

// decoder fills model records from a yaml.Node tree, so that every value
// keeps the line and column it was written at. Unlike yaml.Unmarshal it
// reports every unknown key, missing required key and badly typed value,
// each at its own position, and carries on.
type decoder struct {
	file       string
	src        []byte // the YAML text, to read what a value's line says
	lineOffset int    // added to yaml's line numbers: the front matter's first line, less one
	diags      *diag.List

	// Values reached through an alias (*name) are counted, all aliases of
	// the file together, so that a few lines of aliases of aliases cannot
	// stand for billions of values (source.MaxAliasNodes).
	aliasDepth int        // how many aliases the value being decoded is inside
	aliasNodes int        // values decoded through aliases so far
	aliasAt    *yaml.Node // the outermost alias being expanded
	aliasBomb  bool       // the limit was passed and reported

	// The playbook's languages, the default first, and the one being
	// loaded: a text written for several languages ({en: ..., es: ...})
	// gives the decoder the loaded language's. untranslated is set when a
	// text of the record being decoded has no version in that language.
	langs        []string
	lang         string
	untranslated bool
}

// decoder returns a decoder for the YAML text src of file, which starts
// after lineOffset lines of it.
func (l *loader) decoder(file string, src []byte, lineOffset int) *decoder {
	return &decoder{file: file, src: src, lineOffset: lineOffset, diags: l.diags, langs: l.langs, lang: l.lang}
}

// inLanguage returns the part of n, the value of a translatable field, in
// the language being loaded. n written for several languages ({en: ...,
// es: ...}) gives that language's text, or the default language's when it
// has none (the record is then untranslated); a value written once is the
// default language's text, and the record untranslated when the text is
// needed in every language (model.Translated). It reports a key that is not one of the
// playbook's languages, and a value with no text in the default language.
func (d *decoder) inLanguage(n *yaml.Node, needed bool) *yaml.Node {
	if len(d.langs) < 2 {
		return n
	}
	if n.Kind != yaml.MappingNode || !d.languageKeys(n) {
		if needed && d.lang != d.langs[0] && !isNull(n) {
			d.untranslated = true
		}
		return n
	}
	var def, own *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case !slices.Contains(d.langs, k.Value):
			if d.lang == d.langs[0] {
				d.errorf(k, "the playbook's languages are "+strings.Join(d.langs, ", ")+" (languages: in playbook.yaml)", "%q is not one of the playbook's languages", k.Value)
			}
		case k.Value == d.langs[0]:
			def = v
		}
		if k.Value == d.lang {
			own = v
		}
	}
	if def == nil {
		if d.lang == d.langs[0] {
			d.errorf(n, "write the text in "+d.langs[0]+" too: the other languages fall back to it", "this text has no version in the default language, %s", d.langs[0])
		}
		if own != nil {
			return own
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: n.Line, Column: n.Column}
	}
	if own == nil {
		d.untranslated = true
		return def
	}
	return own
}

// languageKeys reports whether the mapping n is keyed by language tags.
func (d *decoder) languageKeys(n *yaml.Node) bool {
	for i := 0; i < len(n.Content); i += 2 {
		k := n.Content[i].Value
		if slices.Contains(d.langs, k) {
			return true
		}
		if _, err := language.Parse(k); err != nil || len(k) > 8 {
			return false
		}
	}
	return len(n.Content) > 0
}

var (
	posType      = reflect.TypeFor[model.Pos]()
	refType      = reflect.TypeFor[model.Ref]()
	markdownType = reflect.TypeFor[model.Markdown]()
	labelsType   = reflect.TypeFor[model.Labels]()
	whereType    = reflect.TypeFor[map[string]model.Pos]()
)

func (d *decoder) pos(n *yaml.Node) model.Pos {
	return model.Pos{File: d.file, Line: n.Line + d.lineOffset, Col: n.Column}
}

func (d *decoder) errorf(n *yaml.Node, hint, format string, args ...any) {
	p := d.pos(n)
	d.diags.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Severity: diag.Error,
		Message: fmt.Sprintf(format, args...), Hint: hint})
}

// decode stores n into v, which must be settable. what names the value for
// messages ("role", "key \"name\""). It reports whether n had the shape v
// needs; problems inside a list or mapping do not count.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, what string, depth int) bool {
	if depth > source.MaxNesting {
		d.errorf(n, "", "%s is nested more than %d levels deep", what, source.MaxNesting)
		return false
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			d.errorf(n, "", "%s is an alias to nothing", what)
			return false
		}
		if d.aliasDepth == 0 {
			d.aliasAt = n
		}
		d.aliasDepth++
		defer func() { d.aliasDepth-- }()
		return d.decode(n.Alias, v, what, depth+1)
	}
	if d.aliasDepth > 0 {
		if d.aliasNodes++; d.aliasNodes > source.MaxAliasNodes {
			if !d.aliasBomb {
				d.aliasBomb = true
				d.errorf(d.aliasAt, "write the values out, or use fewer aliases (*name) of aliases",
					"the aliases of this file stand for more than %d values; the build reads at most that many through aliases", source.MaxAliasNodes)
			}
			return false
		}
	}
	switch v.Type() {
	case labelsType:
		return d.decodeLabels(n, v)
	case refType:
		s, ok := d.scalar(n, what)
		if ok {
			v.Set(reflect.ValueOf(model.Ref{ID: s, Pos: d.pos(n)}))
		}
		return ok
	case markdownType:
		s, ok := d.scalar(n, what)
		if ok {
			v.Set(reflect.ValueOf(model.Markdown{Source: s, Pos: d.textPos(n)}))
		}
		return ok
	}
	switch v.Kind() {
	case reflect.Struct:
		return d.decodeStruct(n, v, what, depth)
	case reflect.Slice:
		return d.decodeSlice(n, v, what, depth)
	case reflect.String:
		s, ok := d.scalar(n, what)
		v.SetString(s)
		return ok
	case reflect.Int:
		s, ok := d.scalar(n, what)
		if !ok || s == "" {
			return ok
		}
		i, err := strconv.Atoi(s)
		if err != nil {
			d.errorf(n, "", "%s should be a whole number, not %q", what, s)
			return false
		}
		v.SetInt(int64(i))
		return true
	case reflect.Float64:
		s, ok := d.scalar(n, what)
		if !ok || s == "" {
			return ok
		}
		f, err := number(s)
		if err != nil {
			d.errorf(n, numberHint(s), "%s should be a number, not %q", what, s)
			return false
		}
		v.SetFloat(f)
		return true
	case reflect.Pointer:
		// An optional value: nil when left out or left empty.
		if isNull(n) {
			return true
		}
		p := reflect.New(v.Type().Elem())
		ok := d.decode(n, p.Elem(), what, depth+1)
		if ok {
			v.Set(p)
		}
		return ok
	case reflect.Bool:
		s, ok := d.scalar(n, what)
		if !ok || s == "" {
			return ok
		}
		if s != "true" && s != "false" {
			d.errorf(n, "", "%s should be true or false, not %q", what, s)
			return false
		}
		v.SetBool(s == "true")
		return true
	}
	panic(fmt.Sprintf("load: no decoder for %s", v.Type())) // the model uses only the kinds above
}

func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value, what string, depth int) bool {
	if isNull(n) {
		return true
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, `write each entry on its own line starting with "- "`, "%s should be a list, not %s", what, describe(n))
		return false
	}
	elem := v.Type().Elem()
	out := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, c := range n.Content {
		if elem.Kind() == reflect.Pointer {
			p := reflect.New(elem.Elem())
			d.decode(c, p.Elem(), singular(what), depth+1)
			out.Index(i).Set(p)
		} else {
			d.decode(c, out.Index(i), singular(what), depth+1)
		}
	}
	v.Set(out)
	return true
}

// scalar returns n's text; a null value is "".
func (d *decoder) scalar(n *yaml.Node, what string) (string, bool) {
	if isNull(n) {
		return "", true
	}
	if n.Kind != yaml.ScalarNode {
		hint := ""
		if n.Kind == yaml.MappingNode {
			hint = `if the text contains ": ", put it in quotes`
		}
		d.errorf(n, hint, "%s should be a single value, not %s", what, describe(n))
		return "", false
	}
	return n.Value, true
}

// textPos is where a Markdown text's first character is: the line after a
// block scalar's "|" or ">" indicator, or just inside a quote.
func (d *decoder) textPos(n *yaml.Node) model.Pos {
	p := d.pos(n)
	switch n.Style {
	case yaml.LiteralStyle, yaml.FoldedStyle:
		p.Line++
		p.Col = 0 // the block's indentation; found from the source when needed
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		p.Col++
	}
	return p
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, what string, depth int) bool {
	info := structInfo(v.Type())
	if info.shorthand >= 0 && n.Kind != yaml.MappingNode {
		return d.decodeShorthand(n, v, what, info)
	}
	if isNull(n) && !hasRequired(v.Type()) {
		return true
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "write it as lines of \"key: value\"", "%s should be a set of keys and values, not %s", what, describe(n))
		return false
	}
	if info.pos >= 0 {
		v.Field(info.pos).Set(reflect.ValueOf(d.pos(n)))
	}
	var where map[string]model.Pos
	if info.where >= 0 {
		where = make(map[string]model.Pos, len(n.Content)/2)
		v.Field(info.where).Set(reflect.ValueOf(where))
	}
	seen := make(map[string]bool, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		f, ok := info.fields[k.Value]
		if !ok {
			msg := fmt.Sprintf("unknown key %q in %s", k.Value, what)
			if s := diag.Suggest(k.Value, info.names); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			d.errorf(k, "the keys are: "+strings.Join(info.names, ", "), "%s", msg)
			continue
		}
		if seen[k.Value] {
			d.errorf(k, "", "key %q is written twice in %s", k.Value, what)
			continue
		}
		seen[k.Value] = true
		if where != nil {
			where[k.Value] = d.pos(val)
		}
		fv := v.Field(f.index)
		if d.commentedOut(k, val) {
			continue
		}
		if f.translation != model.NotTranslated {
			val = d.inLanguage(val, f.translation == model.Translated)
		}
		ok = d.decode(val, fv, fmt.Sprintf("%q", k.Value), depth+1)
		d.checkValue(val, fv, f)
		if f.required && ok && empty(fv) {
			d.errorf(val, "", "%q must not be empty", k.Value)
		}
	}
	for _, name := range info.names {
		if f := info.fields[name]; f.required && !seen[name] {
			d.errorf(n, "add a line \""+name+": ...\"", "%s is missing required key %q", what, name)
		}
	}
	return true
}

// decodeShorthand stores a value written in place of a record whose type
// has a shorthand field (tagged `shorthand:"true"`): a single value is that
// field, the record's other fields left empty. An indicator written as a
// line of text is an Indicator with only its name.
func (d *decoder) decodeShorthand(n *yaml.Node, v reflect.Value, what string, info *typeInfo) bool {
	name := info.names[slices.IndexFunc(info.names, func(k string) bool { return info.fields[k].index == info.shorthand })]
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, fmt.Sprintf("write a single value (its %s), or lines of \"key: value\"", name),
			"%s should be a single value or a set of keys and values, not %s", what, describe(n))
		return false
	}
	if info.pos >= 0 {
		v.Field(info.pos).Set(reflect.ValueOf(d.pos(n)))
	}
	fv := v.Field(info.shorthand)
	if !d.decode(n, fv, what, 0) {
		return false
	}
	d.checkValue(n, fv, info.fields[name])
	if empty(fv) {
		d.errorf(n, "write its "+name+", or remove the line", "%s is empty", what)
	}
	return true
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// isDate reports whether s is a date written as YYYY-MM-DD.
func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil && dateRE.MatchString(s)
}

// dateHint is the hint for a value that is not a date.
const dateHint = "write the date as YYYY-MM-DD, for example 2025-03-14"

var numberRE = regexp.MustCompile(`^[-+]?(\d+(\.\d*)?|\.\d+)$`)

// number reads a number as editors and spreadsheets write it: digits, with
// a sign and a decimal point if need be ("61", "61.5", "-3", ".5"); no
// unit, no thousands separator, no exponent.
func number(s string) (float64, error) {
	if !numberRE.MatchString(s) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return strconv.ParseFloat(s, 64)
}

// numberHint says how to write s, which is not a number, as one.
func numberHint(s string) string {
	switch t := strings.TrimSpace(s); {
	case strings.HasSuffix(t, "%"):
		return "write the number alone, for example 61; the unit is written once, in unit: \"%\""
	case strings.Contains(t, ","):
		return "write the number without a thousands separator, for example 1200, and with a point for decimals, for example 61.5"
	}
	return "write a number, for example 61 or 61.5"
}

// checkValue applies a field's enum and format rules.
func (d *decoder) checkValue(n *yaml.Node, v reflect.Value, f fieldInfo) {
	if v.Kind() != reflect.String || v.String() == "" {
		return
	}
	s := v.String()
	if f.enum != nil && !slices.Contains(f.enum, s) {
		msg := fmt.Sprintf("%q is not one of %s", s, strings.Join(f.enum, ", "))
		if sug := diag.Suggest(s, f.enum); sug != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", sug)
		}
		d.errorf(n, "", "%s", msg)
	}
	if f.format == "date" && !isDate(s) {
		d.errorf(n, dateHint, "%q is not a date", s)
	}
}

type fieldInfo struct {
	index       int
	required    bool
	enum        []string
	format      string
	translation model.Translation
}

type typeInfo struct {
	fields    map[string]fieldInfo
	names     []string // in declaration order
	pos       int      // index of the Pos field, or -1
	where     int      // index of the Where field, or -1
	shorthand int      // index of the field a single value stands for, or -1
}

var typeInfos sync.Map // reflect.Type -> *typeInfo

func structInfo(t reflect.Type) *typeInfo {
	if ti, ok := typeInfos.Load(t); ok {
		return ti.(*typeInfo)
	}
	ti := &typeInfo{fields: map[string]fieldInfo{}, pos: -1, where: -1, shorthand: -1}
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Type == posType && sf.Name == "Pos" {
			ti.pos = i
		}
		if sf.Type == whereType && sf.Name == "Where" {
			ti.where = i
		}
		name := sf.Tag.Get("yaml")
		if name == "" || name == "-" {
			continue
		}
		fi := fieldInfo{index: i, required: sf.Tag.Get("required") == "true", format: sf.Tag.Get("format"), translation: model.TranslationOf(sf)}
		if sf.Tag.Get("shorthand") == "true" {
			ti.shorthand = i
		}
		if e := sf.Tag.Get("enum"); e != "" {
			fi.enum = strings.Split(e, ",")
		}
		ti.fields[name] = fi
		ti.names = append(ti.names, name)
	}
	typeInfos.Store(t, ti)
	return ti
}

// empty reports whether an editor left v blank.
func empty(v reflect.Value) bool {
	switch v.Type() {
	case refType:
		return v.Interface().(model.Ref).ID == ""
	case markdownType:
		return strings.TrimSpace(v.Interface().(model.Markdown).Source) == ""
	}
	switch v.Kind() {
	case reflect.String:
		return strings.TrimSpace(v.String()) == ""
	case reflect.Slice:
		return v.Len() == 0
	}
	return v.IsZero()
}

func hasRequired(t reflect.Type) bool {
	for _, f := range structInfo(t).fields {
		if f.required {
			return true
		}
	}
	return false
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" && (n.Value == "" || n.Value == "~" || n.Value == "null" || n.Value == "Null" || n.Value == "NULL")
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a set of keys and values"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "this"
}

// singular names an element of a list: an item of "pathway" is a "pathway entry".
func singular(what string) string {
	return "an entry of " + what
}

// commentedOut reports a value that YAML read as a comment: "primary:
// #6fa8dc" gives primary no value at all, since an unquoted # after a
// space starts a comment. A comment after a key is usually "# " and words;
// a # followed at once by a letter or digit is a value the editor meant.
func (d *decoder) commentedOut(k, val *yaml.Node) bool {
	if !isNull(val) || val.Value != "" || d.src == nil {
		return false
	}
	line := lineAt(d.src, k.Line)
	_, rest, ok := strings.Cut(line, k.Value+":")
	if !ok {
		return false
	}
	rest = strings.TrimLeft(rest, " \t")
	if len(rest) < 2 || rest[0] != '#' || rest[1] == ' ' || rest[1] == '#' {
		return false
	}
	value := strings.TrimSpace(rest)
	p := d.pos(k)
	p.Col += utf8.RuneCountInString(line[:len(line)-len(rest)]) - (k.Column - 1)
	d.diags.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Severity: diag.Error,
		Message: fmt.Sprintf("the value of %q starts with #, so YAML reads %s as a comment and %q has no value", k.Value, value, k.Value),
		Hint:    fmt.Sprintf("put the value in quotes: %s: %q", k.Value, value)})
	return true
}

// decodeLabels reads playbook.yaml's labels: keys of the translation
// table, each with a text, or with a text per language.
func (d *decoder) decodeLabels(n *yaml.Node, v reflect.Value) bool {
	if isNull(n) {
		return true
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "write each label on its own line, as key: text", "labels should be keys and texts, not %s", describe(n))
		return false
	}
	var out model.Labels
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		switch val.Kind {
		case yaml.ScalarNode:
			out = append(out, model.Label{Key: k.Value, Text: val.Value, Pos: d.pos(k)})
		case yaml.MappingNode:
			for j := 0; j+1 < len(val.Content); j += 2 {
				lang, text := val.Content[j], val.Content[j+1]
				if text.Kind != yaml.ScalarNode {
					d.errorf(text, "", "the %s label of %q should be a text, not %s", lang.Value, k.Value, describe(text))
					continue
				}
				out = append(out, model.Label{Key: k.Value, Lang: lang.Value, Text: text.Value, Pos: d.pos(k)})
			}
		default:
			d.errorf(val, "write a text, or a text for each language: {en: ..., es: ...}", "the label of %q should be a text, not %s", k.Value, describe(val))
		}
	}
	v.Set(reflect.ValueOf(out))
	return true
}
