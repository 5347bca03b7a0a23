package link

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/kind"
	"github.com/playbook-edu/playbook/internal/model"
)

// index maps the records of kind k by key, reporting keys that are not
// valid ids (or codes) and keys used twice. The first record with a key
// wins. A Markdown document's id is its file name, whose problems the
// loader reports; its record is indexed under that name all the same, so
// that a reference to its valid form can name the file.
func (g *Graph) index(l *linker, k kind.Kind) map[string]model.Record {
	recs := k.Records(g.Playbook)
	m := make(map[string]model.Record, len(recs))
	first := make(map[string]model.Pos, len(recs))
	for _, r := range recs {
		key, pos := r.Key(), r.At()
		switch {
		case key == "":
			// Reported by the loader as a missing key.
		case k.Coded && !model.IsCode(key):
			l.errorf(pos, "use capital letters and digits, for example TWPS", "%s code %q is not valid", k.Noun, key)
		case !k.Coded && k.Folder == "" && !model.IsSlug(key):
			l.errorf(pos, "use lowercase letters, digits and hyphens, for example peer-mentoring", "%s id %q is not a valid id", k.Noun, key)
		case m[key] != nil:
			what := "id"
			if k.Coded {
				what = "code"
			}
			where := k.File
			if where == "" {
				where = k.Folder
			}
			l.errorf(pos, "each "+k.Noun+" in "+where+" needs its own "+what, "%s %s %q is used twice; the first is at %s", k.Noun, what, key, short(first[key]))
		default:
			m[key] = r
			first[key] = pos
		}
	}
	return m
}

// resolveAll resolves every reference written in the playbook: every Ref
// field whose `ref` tag names a kind, at any depth of every record. Each
// is reported when it names nothing, and otherwise recorded, for the
// relations and for Referrers.
func (g *Graph) resolveAll(l *linker) {
	g.resolved = map[model.Pos]model.Record{}
	g.referrers = map[model.Record][]model.Record{}
	seen := map[[2]model.Record]bool{}
	for _, k := range kind.All {
		for _, from := range k.Records(g.Playbook) {
			eachRef(reflect.ValueOf(from).Elem(), "", func(ref model.Ref, to string) {
				target := g.resolve(l, kind.MustNamed(to), ref)
				if target == nil {
					return
				}
				g.resolved[ref.Pos] = target
				if key := [2]model.Record{from, target}; !seen[key] {
					seen[key] = true
					g.referrers[target] = append(g.referrers[target], from)
				}
			})
		}
	}
}

var refType = reflect.TypeFor[model.Ref]()

// eachRef calls f with every reference in v that a `ref` tag names the
// kind of: a Ref, a list of them, or one inside a struct or a list of
// structs (a pathway's steps). tag is the tag of the field v is in.
func eachRef(v reflect.Value, tag string, f func(model.Ref, string)) {
	switch {
	case v.Type() == refType:
		if r := v.Interface().(model.Ref); tag != "" && r.ID != "" {
			f(r, tag)
		}
	case v.Kind() == reflect.Slice:
		for i := range v.Len() {
			eachRef(v.Index(i), tag, f)
		}
	case v.Kind() == reflect.Pointer && !v.IsNil():
		eachRef(v.Elem(), tag, f)
	case v.Kind() == reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if sf := t.Field(i); sf.IsExported() && sf.Tag.Get("yaml") != "-" {
				eachRef(v.Field(i), sf.Tag.Get("ref"), f)
			}
		}
	}
}

// resolve looks up ref among the records of kind k, reporting a reference
// to nothing, and returns nil then. When k's file or folder could not be
// read, its records are missing and the reference is not reported.
func (g *Graph) resolve(l *linker, k kind.Kind, ref model.Ref) model.Record {
	if r := g.Find(k, ref.ID); r != nil {
		return r
	}
	where := k.File
	if where == "" {
		where = k.Folder
	}
	if l.missing(where) {
		return nil
	}
	msg := fmt.Sprintf("unknown %s %q", k.Noun, ref.ID)
	hint := k.Noun + "s are defined in " + where
	if renamed := g.renamedFile(k, ref.ID); renamed != "" {
		file := where + "/" + renamed + ".md"
		msg += fmt.Sprintf(": the file %s may be this %s, renamed", file, k.Noun)
		hint = fmt.Sprintf("rename the file %s.md: a %s's id is its file name, and %s", model.Slugify(renamed), k.Noun, model.SlugRule)
	} else if s := diag.Suggest(ref.ID, g.validKeys(k)); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	l.errorf(ref.Pos, hint, "%s", msg)
	return nil
}

// validKeys returns the keys of kind k's records that are valid, sorted: a
// guide file named Walkthrough_Feedback.md is reported as a bad name, and
// is never what a reference should be changed to.
func (g *Graph) validKeys(k kind.Kind) []string {
	valid := model.IsSlug
	if k.Coded {
		valid = model.IsCode
	}
	keys := make([]string, 0, len(g.records[k.Name]))
	for key := range g.records[k.Name] {
		if valid(key) {
			keys = append(keys, key)
		}
	}
	slices.Sort(keys)
	return keys
}

// renamedFile returns the file name, without ".md", of a document of kind
// k that is not a valid id but stands for id: likely a guide or page
// renamed with capitals, spaces or accents (Walkthrough_Feedback for
// walkthrough-feedback). It returns "" for a kind of data record.
func (g *Graph) renamedFile(k kind.Kind, id string) string {
	if k.Folder == "" {
		return ""
	}
	var bad []string
	byID := map[string]string{}
	for key := range g.records[k.Name] {
		if !model.IsSlug(key) {
			s := model.Slugify(key)
			bad = append(bad, s)
			if prev, ok := byID[s]; !ok || key < prev {
				byID[s] = key
			}
		}
	}
	if len(bad) == 0 {
		return ""
	}
	slices.Sort(bad)
	if key, ok := byID[id]; ok {
		return key
	}
	if s := diag.Suggest(id, bad); s != "" {
		return byID[s]
	}
	return ""
}

// keysOf returns the keys of kind k's records in lowercase, sorted, for
// suggestions in addresses (/systems/ldr/).
func (g *Graph) keysOf(k kind.Kind) []string {
	keys := g.validKeys(k)
	for i := range keys {
		keys[i] = strings.ToLower(keys[i])
	}
	return keys
}
