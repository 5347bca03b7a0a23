package render

import (
	"reflect"
	"strings"

	"github.com/playbook-edu/playbook/internal/kind"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/route"
	"github.com/playbook-edu/playbook/internal/view"
)

// recordPages lists the index of kind k (layouts/INDEX.html) and, when its
// records have pages, each record's page (layouts/NAME.html).
func (l *pageList) recordPages(k kind.Kind) {
	if k.Section == "" {
		return
	}
	v, g := l.v, l.v.g
	var d view.RecordsData
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
		l.add(route.Record(k.Section, r.Key()), k.Name, k.Section, r.Label(), r.Blurb(), r.At().File, crumbs, func() any { return view.RecordData{RecordView: rv} })
		l.of(r)
	}
}

// record is the view of record r of kind k.
func (v *views) record(k kind.Kind, r model.Record) view.RecordView {
	g := v.g
	rv := view.RecordView{ID: r.Key(), Title: r.Label(), Summary: r.Blurb(), URL: v.recordURL(k, r), Record: r}
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
		rs := view.RefsView{Name: f.Tag.Get("yaml")}
		for _, ref := range refs {
			if x := g.Find(to, ref.ID); x != nil {
				rs.Links = append(rs.Links, view.Link{Title: x.Label(), URL: v.recordURL(to, x), Summary: x.Blurb()})
			}
		}
		if len(rs.Links) > 0 {
			rv.Refs = append(rv.Refs, rs)
		}
	}
	for _, from := range kind.All {
		rs := view.RefsView{Name: from.Name}
		for _, x := range g.Referrers(r, from) {
			rs.Links = append(rs.Links, view.Link{Title: x.Label(), URL: v.recordURL(from, x), Summary: x.Blurb()})
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
