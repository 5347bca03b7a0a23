// Package kind declares the kinds of record a playbook holds, once: where
// each kind's records are written, which field of model.Playbook holds
// them, the section of the site they are published in, their templates,
// their JSON Schema, their place in search and whether `playbook new`
// starts one. Every stage takes what it needs from this table; none keeps
// a list of kinds of its own.
//
// # Adding a kind
//
// A new kind of record (a glossary, say) takes three things:
//
//  1. its record type in package model, with the doc comments an editor
//     reads (they become its JSON Schema), a Pos field, the methods of
//     model.Record, a `ref:"KIND"` tag on each field that names records
//     of another kind, and a field of model.Playbook to hold its records;
//  2. one entry in All, below;
//  3. its templates in the theme: layouts/NAME.html for a record's page
//     when Page is set, layouts/INDEX.html for the section's index.
//
// The loader then reads its file, the link stage checks its ids and
// references and reports them at their place, the site gets its pages,
// its section in the navigation and the sitemap, search gets its facet,
// `playbook new` can start one, and the schemas get its file.
package kind

import (
	"fmt"
	"reflect"
	"slices"
	"sync"

	"github.com/playbook-edu/playbook/internal/model"
)

// Kind is one kind of record.
type Kind struct {
	// Name is the kind's name in the table and in `playbook new`: "role".
	Name string
	// Noun is the kind in messages: "reflection form".
	Noun string
	// File is the data file holding a list of the records, for example
	// "data/roles.yaml"; "" for a kind of Markdown document.
	File string
	// Folder holds a kind of Markdown document, one record a file named
	// after its id, for example "content/guides"; "" for a data file.
	Folder string
	// Field is the field of model.Playbook that holds the records.
	Field string
	// Coded says the records are known by a code in capitals
	// (model.IsCode), which references and addresses may write in any
	// case, rather than by an id.
	Coded bool
	// Section is the first segment of the records' addresses: the index at
	// /SECTION/, each record at /SECTION/ID/ when Page is set, or at
	// /SECTION/#ID when not. "" for a kind with no section of its own
	// (a free page is at /ID/; a group is on the guides' index).
	Section string
	// Page says each record has a page of its own, rendered by
	// layouts/NAME.html.
	Page bool
	// Index is the template of the section's index page, for example
	// "roles" (layouts/roles.html); "" when the section has none.
	Index string
	// Nav puts the section in the site's navigation. Its name there, and
	// its index page's title and description, are the translation table's
	// nav.SECTION, index.SECTION.title and index.SECTION.description.
	Nav bool
	// Schema is the JSON Schema of the kind's file or front matter, and
	// SchemaTitle its title.
	Schema, SchemaTitle string
	// SearchRank is the kind's place among the facets of search (1 first);
	// 0 when its records are not searched. The facet's label is the
	// translation table's search.kind.NAME.
	SearchRank int
	// New says `playbook new NAME ID` starts one.
	New bool
}

// All is every kind, in the order the site lists them.
var All = []Kind{
	{Name: "role", Noun: "role", File: "data/roles.yaml", Field: "Roles", Section: "roles", Page: true, Index: "roles", Nav: true,
		Schema: "roles.schema.json", SchemaTitle: "Roles", SearchRank: 3, New: true},
	{Name: "guide", Noun: "guide", Folder: "content/guides", Field: "Guides", Section: "guides", Page: true, Index: "guides", Nav: true,
		Schema: "guide.schema.json", SchemaTitle: "Practice guide front matter", SearchRank: 1, New: true},
	{Name: "system", Noun: "system", File: "data/systems.yaml", Field: "Systems", Coded: true, Section: "systems", Page: true, Index: "systems", Nav: true,
		Schema: "systems.schema.json", SchemaTitle: "Performance systems", SearchRank: 4},
	{Name: "goal", Noun: "goal", File: "data/goals.yaml", Field: "Goals", Section: "goals", Page: true, Index: "goals", Nav: true,
		Schema: "goals.schema.json", SchemaTitle: "District goals", SearchRank: 5, New: true},
	{Name: "story", Noun: "story", File: "data/stories.yaml", Field: "Stories", Section: "stories", Page: true, Index: "stories", Nav: true,
		Schema: "stories.schema.json", SchemaTitle: "Success stories", SearchRank: 2, New: true},
	{Name: "checklist", Noun: "checklist", File: "data/checklists.yaml", Field: "Checklists", Section: "checklists", Page: true, Index: "checklists", Nav: true,
		Schema: "checklists.schema.json", SchemaTitle: "Checklists", SearchRank: 6, New: true},
	{Name: "reflection", Noun: "reflection form", File: "data/reflections.yaml", Field: "Reflections", Section: "reflect", Page: true, Index: "reflections", Nav: true,
		Schema: "reflections.schema.json", SchemaTitle: "Reflection forms", SearchRank: 7, New: true},
	{Name: "term", Noun: "glossary term", File: "data/glossary.yaml", Field: "Glossary", Section: "glossary", Index: "glossary",
		Schema: "glossary.schema.json", SchemaTitle: "Glossary"},
	{Name: "group", Noun: "group", File: "data/groups.yaml", Field: "Groups",
		Schema: "groups.schema.json", SchemaTitle: "Groups of guides"},
	{Name: "page", Noun: "page", Folder: "content/pages", Field: "Pages", Page: true,
		Schema: "page.schema.json", SchemaTitle: "Free page front matter"},
}

// Named returns the kind called name, or false.
func Named(name string) (Kind, bool) {
	i := slices.IndexFunc(All, func(k Kind) bool { return k.Name == name })
	if i < 0 {
		return Kind{}, false
	}
	return All[i], true
}

// MustNamed returns the kind called name; it panics when there is none,
// which is a mistake in the program, not in a playbook.
func MustNamed(name string) Kind {
	k, ok := Named(name)
	if !ok {
		panic(fmt.Sprintf("kind: no kind %q", name))
	}
	return k
}

// Data returns the kinds held in data files, in table order.
func Data() []Kind {
	return filter(func(k Kind) bool { return k.File != "" })
}

// Documents returns the kinds of Markdown document, in table order.
func Documents() []Kind {
	return filter(func(k Kind) bool { return k.Folder != "" })
}

// Searched returns the kinds whose records search finds, in the order of
// its facets.
func Searched() []Kind {
	out := filter(func(k Kind) bool { return k.SearchRank > 0 })
	slices.SortFunc(out, func(a, b Kind) int { return a.SearchRank - b.SearchRank })
	return out
}

// Sections returns the first path segments the kinds' pages take.
func Sections() []string {
	var out []string
	for _, k := range All {
		if k.Section != "" {
			out = append(out, k.Section)
		}
	}
	return out
}

// ForFile returns the kind whose records file holds (a data file), or
// false.
func ForFile(file string) (Kind, bool) {
	i := slices.IndexFunc(All, func(k Kind) bool { return k.File == file })
	if i < 0 {
		return Kind{}, false
	}
	return All[i], true
}

func filter(keep func(Kind) bool) []Kind {
	var out []Kind
	for _, k := range All {
		if keep(k) {
			out = append(out, k)
		}
	}
	return out
}

// Of returns the kind of the record r, or false for a type no kind holds.
func Of(r model.Record) (Kind, bool) {
	i, ok := byType()[reflect.TypeOf(r)]
	if !ok {
		return Kind{}, false
	}
	return All[i], true
}

// byType maps each kind's record type, as records are held (*model.Role),
// to its index in All.
var byType = sync.OnceValue(func() map[reflect.Type]int {
	m := map[reflect.Type]int{}
	for i, k := range All {
		m[reflect.PointerTo(k.Type())] = i
	}
	return m
})

// Type returns the kind's record type, for example model.Role.
func (k Kind) Type() reflect.Type {
	f, ok := reflect.TypeFor[model.Playbook]().FieldByName(k.Field)
	if !ok {
		panic(fmt.Sprintf("kind %s: model.Playbook has no field %s", k.Name, k.Field))
	}
	return f.Type.Elem().Elem() // []*T
}

// Records returns the kind's records in pb, in the order they are held.
func (k Kind) Records(pb *model.Playbook) []model.Record {
	v := reflect.ValueOf(pb).Elem().FieldByName(k.Field)
	out := make([]model.Record, v.Len())
	for i := range out {
		out[i] = v.Index(i).Interface().(model.Record)
	}
	return out
}

// Holder returns the field of pb that holds the kind's records, to be set:
// a slice of pointers to the record type.
func (k Kind) Holder(pb *model.Playbook) reflect.Value {
	return reflect.ValueOf(pb).Elem().FieldByName(k.Field)
}
