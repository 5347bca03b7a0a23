package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/playbook-edu/playbook/internal/diag"
)

// Master is the language whose table in the default theme has every key:
// the keys a district may replace, and the words shown for a key another
// table lacks.
const Master = "en"

// Source is a theme's files: the default theme's, or a district's over it.
type Source struct {
	FS  fs.FS  // the theme's folder
	Dir string // its path in the playbook, for messages ("themes/riverside"); "" for the default theme
}

// Label is a text playbook.yaml's labels give a key, for one language or
// for all (Lang "").
type Label struct {
	Key, Lang, Text string
	File            string
	Line, Col       int
}

// Load returns the table of language lang: the default theme's table of
// that language (or of its base language: es for es-419) with the
// district's theme's entries over it, then labels. A key missing from the
// language's tables is taken from the default theme's English table, with
// a warning naming the keys; a language neither theme has a table for is
// an error at langAt, a position in playbook.yaml.
func Load(def, own Source, lang string, labels []Label, langAt diag.Diagnostic, diags *diag.List) (*Table, error) {
	master, err := readTable(def, Master, diags)
	if err != nil {
		return nil, err
	}
	if master == nil {
		return nil, errors.New("i18n: the default theme has no " + Master + ".yaml")
	}
	msgs := map[string]Message{}
	found := false
	for _, name := range names(lang) {
		for _, src := range []Source{def, own} {
			if src.FS == nil {
				continue
			}
			t, err := readTable(src, name, diags)
			if err != nil {
				return nil, err
			}
			if t == nil {
				continue
			}
			found = true
			for key, m := range t {
				if _, ok := master[key]; !ok {
					at := m.at
					diags.Add(diag.Diagnostic{File: at.File, Line: at.Line, Col: at.Col, Severity: diag.Error,
						Message: fmt.Sprintf("the translation table has no key %q%s", key, suggest(key, master)),
						Hint:    "the keys are those of the default theme's i18n/" + Master + ".yaml"})
					continue
				}
				if _, done := msgs[key]; !done || src.Dir != "" {
					msgs[key] = m.Message
				}
			}
		}
		if found {
			break
		}
	}
	if !found && lang != Master {
		d := langAt
		d.Severity = diag.Error
		d.Message = fmt.Sprintf("there is no translation table for the language %q", lang)
		d.Hint = "add i18n/" + lang + ".yaml to your theme: copy the default theme's i18n/" + Master + ".yaml and translate each text"
		diags.Add(d)
	}
	var missing []string
	for key, m := range master {
		if _, ok := msgs[key]; !ok {
			msgs[key] = m.Message
			missing = append(missing, key)
		}
	}
	if found && len(missing) > 0 {
		slices.Sort(missing)
		d := langAt
		d.Severity = diag.Warning
		d.Message = fmt.Sprintf("the %s translation table lacks %d of the %s table's keys, which show in %s: %s", lang, len(missing), Master, Master, strings.Join(clip(missing, 8), ", "))
		d.Hint = "add them to your theme's i18n/" + lang + ".yaml"
		diags.Add(d)
	}
	for _, l := range labels {
		if l.Lang != "" && l.Lang != lang {
			continue
		}
		if _, ok := master[l.Key]; !ok {
			diags.Add(diag.Diagnostic{File: l.File, Line: l.Line, Col: l.Col, Severity: diag.Error,
				Message: fmt.Sprintf("the translation table has no key %q%s", l.Key, suggest(l.Key, master)),
				Hint:    "a label replaces a text of the theme's translation table (themes/default/i18n/" + Master + ".yaml), by its key"})
			continue
		}
		m := msgs[l.Key]
		if m.Forms != nil {
			// A label replaces every form with its one text.
			forms := map[string]string{}
			for f := range m.Forms {
				forms[f] = l.Text
			}
			msgs[l.Key] = Message{Forms: forms}
			continue
		}
		msgs[l.Key] = Message{Text: l.Text}
	}
	return New(lang, msgs), nil
}

func clip(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], "…")
	}
	return s
}

func suggest(key string, master map[string]entry) string {
	keys := make([]string, 0, len(master))
	for k := range master {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if s := diag.Suggest(key, keys); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// names returns the table files to look for for lang, most specific first:
// es-419, then es.
func names(lang string) []string {
	out := []string{lang}
	if i := strings.IndexByte(lang, '-'); i > 0 {
		out = append(out, lang[:i])
	}
	return out
}

// entry is a message with where it is written.
type entry struct {
	Message
	at diag.Diagnostic
}

// readTable reads the table i18n/NAME.yaml of src, or nil when there is
// none, reporting what is wrong in it.
func readTable(src Source, name string, diags *diag.List) (map[string]entry, error) {
	file := path.Join("i18n", name+".yaml")
	data, err := fs.ReadFile(src.FS, file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	shown := path.Join(src.Dir, file)
	if src.Dir == "" {
		shown = "default theme: " + file
	}
	if err != nil {
		diags.Add(diag.Diagnostic{File: shown, Severity: diag.Error, Message: "the translation table cannot be read: " + err.Error()})
		return map[string]entry{}, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		diags.Add(diag.Diagnostic{File: shown, Severity: diag.Error, Message: "the translation table does not parse: " + strings.TrimPrefix(err.Error(), "yaml: ")})
		return map[string]entry{}, nil
	}
	out := map[string]entry{}
	if len(doc.Content) == 0 {
		return out, nil
	}
	root := doc.Content[0]
	at := func(n *yaml.Node) diag.Diagnostic { return diag.Diagnostic{File: shown, Line: n.Line, Col: n.Column} }
	bad := func(n *yaml.Node, msg, hint string) {
		d := at(n)
		d.Severity, d.Message, d.Hint = diag.Error, msg, hint
		diags.Add(d)
	}
	if root.Kind != yaml.MappingNode {
		bad(root, "the translation table should be lines of \"key: text\"", "")
		return out, nil
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if _, dup := out[k.Value]; dup {
			bad(k, fmt.Sprintf("key %q is written twice", k.Value), "")
			continue
		}
		switch v.Kind {
		case yaml.ScalarNode:
			out[k.Value] = entry{Message{Text: v.Value}, at(k)}
		case yaml.MappingNode:
			forms := map[string]string{}
			for j := 0; j+1 < len(v.Content); j += 2 {
				f, t := v.Content[j], v.Content[j+1]
				if !slices.Contains(Forms, f.Value) || t.Kind != yaml.ScalarNode {
					bad(f, fmt.Sprintf("%q is not a plural form", f.Value), "the forms are "+strings.Join(Forms, ", ")+", each with a text")
					continue
				}
				forms[f.Value] = t.Value
			}
			if _, ok := forms["other"]; !ok {
				bad(v, fmt.Sprintf("key %q has no \"other\" form", k.Value), "every text with forms needs other, the form of most counts")
				continue
			}
			out[k.Value] = entry{Message{Forms: forms}, at(k)}
		default:
			bad(v, fmt.Sprintf("key %q should have a text", k.Value), "")
		}
	}
	return out, nil
}
