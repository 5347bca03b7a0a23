package publish

import (
	"bufio"
	"encoding/json"
	"io"
	"iter"
)

// jsonFile writes the top-level object of a JSON file with encoding/json,
// one field at a time and each record of a list on its own, so that a
// file is never whole in memory: the guides' HTML in playbook.json would
// be 45 MB at 10,000 guides, and the CASE package holds 50,000 records.
// Strings are not HTML-escaped: the files are served as JSON, never
// inside a page.
//
// The layout is the one the files have always had: a json.Encoder
// encodes each key, each value and each element of a list on its own,
// and ends each with a newline:
//
//	{"version"
//	:1
//	,"guides"
//	:[{...}
//	,{...}
//	]}
//
// The newlines are harmless between JSON tokens, and keeping them keeps
// the files as they were.
type jsonFile struct {
	w      *bufio.Writer
	enc    *json.Encoder
	fields int
	err    error // the first error; nothing is written after it
}

func newJSONFile(w io.Writer) *jsonFile {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &jsonFile{w: bw, enc: enc}
}

// encode writes v and a newline.
func (f *jsonFile) encode(v any) {
	if f.err == nil {
		f.err = f.enc.Encode(v)
	}
}

// key starts the field named k.
func (f *jsonFile) key(k string) {
	if f.fields == 0 {
		f.w.WriteByte('{')
	} else {
		f.w.WriteByte(',')
	}
	f.fields++
	f.encode(k)
	f.w.WriteByte(':')
}

// field writes the field named k whose value is v.
func (f *jsonFile) field(k string, v any) {
	f.key(k)
	f.encode(v)
}

// fieldList writes the field named k whose value is the list of the
// records seq yields, each encoded as soon as it is made.
func fieldList[T any](f *jsonFile, k string, seq iter.Seq[T]) {
	f.key(k)
	f.w.WriteByte('[')
	first := true
	for v := range seq {
		if f.err != nil {
			break // nothing more can be written
		}
		if !first {
			f.w.WriteByte(',')
		}
		first = false
		f.encode(v)
	}
	f.w.WriteByte(']')
}

// end ends the object and the file, writes out what is buffered and
// returns the first error.
func (f *jsonFile) end() error {
	f.w.WriteString("}\n")
	if f.err == nil {
		f.err = f.w.Flush()
	}
	return f.err
}

// records yields the record of each of l, made by record when it is asked
// for.
func records[S, T any](l []S, record func(S) T) iter.Seq[T] {
	return func(yield func(T) bool) {
		for _, v := range l {
			if !yield(record(v)) {
				return
			}
		}
	}
}
