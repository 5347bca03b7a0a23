package render

import (
	"reflect"
	"strings"

	"github.com/playbook-edu/playbook/internal/kind"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/route"
)

// RecordsData is the view of the index of a kind of record that has no
// view of its own (a kind added to package kind's table): every record,
// in file order.
type RecordsData struct {
	Records []RecordView
}

// RecordData is the view of the page of such a record.
type RecordData struct {
	RecordView
}

// RecordView is a record of any kind as pages show it: its id, name,
// summary and address, the record itself (its fields, as the editor wrote
// them), the records it names and the records that name it.
type RecordView struct {
	ID, Title, Summary, URL string
	// Record is the record, for a template to show its own fields.
	Record model.Record
	// Refs are the records it names, field by field, in the order of the
	// record's type: a glossary term's "see also" terms.
	Refs []RefsView
	// Referrers are the records that name it, kind by kind.
	Referrers []RefsView
}

// RefsView is a list of records named in one field of a record, or of the
// records of one kind that name a record.
type RefsView struct {
	Name  string // the field's key (seeAlso), or the naming kind's name
	Links []Link
}

// recordPages lists the index of kind k (layouts/INDEX.html) and, when its
// records have pages, each record's page (layouts/NAME.html).
func (l *pageList) recordPages(k kind.Kind) {
	if k.Section == "" {
		return
	}
	v, g := l.v, l.v.g
	var d RecordsData
	recs := k.Records(g.Playbook)
	if len(recs) == 0 {
		return // a playbook without a glossary has no glossary page
	}
	for _, r := range recs {
		d.Records = append(d.Records, v.record(k, r))
	}
	index := route.Section(k.Section)
	if k.Index != "" {
		l.add(index, k.Index, k.Section, v.w.T("index."+k.Section+".title"), v.w.T("index."+k.Section+".description"), "", l.home, func() any { return d })
	}
	if !k.Page {
		return
	}
	crumbs := l.crumbs(k.Section)
	for i, r := range recs {
		rv := d.Records[i]
		l.add(route.Record(k.Section, r.Key()), k.Name, k.Section, r.Label(), r.Blurb(), r.At().File, crumbs, func() any { return RecordData{rv} })
		l.of(r)
	}
}

// record is the view of record r of kind k.
func (v *views) record(k kind.Kind, r model.Record) RecordView {
	g := v.g
	rv := RecordView{ID: r.Key(), Title: r.Label(), Summary: r.Blurb(), URL: v.recordURL(k, r), Record: r}
	t := reflect.ValueOf(r).Elem()
	for i := range t.NumField() {
		f := t.Type().Field(i)
		to, ok := kind.Named(f.Tag.Get("ref"))
		if !ok {
			continue
		}
		var refs []model.Ref
		switch x := t.Field(i).Interface().(type) {
		case model.Ref:
			refs = []model.Ref{x}
		case []model.Ref:
			refs = x
		}
		rs := RefsView{Name: f.Tag.Get("yaml")}
		for _, ref := range refs {
			if x := g.Find(to, ref.ID); x != nil {
				rs.Links = append(rs.Links, Link{Title: x.Label(), URL: v.recordURL(to, x), Summary: x.Blurb()})
			}
		}
		if len(rs.Links) > 0 {
			rv.Refs = append(rv.Refs, rs)
		}
	}
	for _, from := range kind.All {
		rs := RefsView{Name: from.Name}
		for _, x := range g.Referrers(r, from) {
			rs.Links = append(rs.Links, Link{Title: x.Label(), URL: v.recordURL(from, x), Summary: x.Blurb()})
		}
		if len(rs.Links) > 0 {
			rv.Referrers = append(rv.Referrers, rs)
		}
	}
	return rv
}

// recordURL is the address of record r of kind k, with the base path: its
// page, or its entry on its section's index.
func (v *views) recordURL(k kind.Kind, r model.Record) string {
	switch {
	case k.Name == "page":
		return v.url(route.Page(r.Key()))
	case k.Page:
		return v.url(route.Record(k.Section, strings.ToLower(r.Key())))
	case k.Section != "":
		return v.url(route.Section(k.Section)) + "#" + r.Key()
	}
	return ""
}
