package view

import "github.com/playbook-edu/playbook/internal/model"

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
