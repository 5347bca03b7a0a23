package publish

import (
	"encoding/json"
	"io"
	"iter"
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/playbook-edu/playbook/internal/jsontext"
)

// The package's JSON is written with jsonWriter, a small append-based
// JSON writer, instead of encoding/json: reflecting over 50,000 CASE
// records and 10,000 guides' HTML on every build cost more than the rest
// of the package together. Its output is byte for byte what encoding/json
// gives for the same values (json_test.go checks it, string escaping
// included, and equivalence_test.go whole files), so the files did not
// change when it came in.

// flushSize is how much a jsonWriter with a destination holds before
// writing it out.
const flushSize = 64 << 10

// jsonWriter appends JSON to buf. Values are written in order: a field's
// key, then its value; a comma goes before every key and list element but
// the first of its object or list, which it tells by the byte before it.
//
// With a destination w, flush writes what buf holds to w at the points its
// caller chooses (between records of a file), so a file of any size needs
// only about flushSize bytes of memory; the first error is kept and ends
// the writing.
type jsonWriter struct {
	buf        []byte
	escapeHTML bool // escape <, > and & as json.Marshal does, for JSON inside HTML
	w          io.Writer
	err        error

	// links holds, by identifier, the JSON of the LinkURIs a CASE package
	// repeats: the document's is in every one of its 50,000 records at
	// 10,000 guides, and each guide's in about eight.
	links map[string]linkJSON
}

// linkJSON is a LinkURI and its JSON.
type linkJSON struct {
	LinkURI
	json []byte
}

// flush writes buf to w once it holds flushSize bytes or more.
func (j *jsonWriter) flush() {
	if j.w == nil || len(j.buf) < flushSize {
		return
	}
	j.flushAll()
}

// flushAll writes all of buf to w.
func (j *jsonWriter) flushAll() {
	if j.w == nil {
		return
	}
	if j.err == nil {
		_, j.err = j.w.Write(j.buf)
	}
	j.buf = j.buf[:0] // after an error, what is left is dropped
}

// sep writes the comma before a value, unless the value is the first of
// its object or list.
func (j *jsonWriter) sep() {
	if n := len(j.buf); n > 0 && j.buf[n-1] != '{' && j.buf[n-1] != '[' {
		j.buf = append(j.buf, ',')
	}
}

// key starts a field of an object. Keys are the constant names of struct
// tags, which need no escaping.
func (j *jsonWriter) key(k string) {
	j.sep()
	j.buf = append(j.buf, '"')
	j.buf = append(j.buf, k...)
	j.buf = append(j.buf, '"', ':')
}

// elem starts an element of a list.
func (j *jsonWriter) elem() { j.sep() }

func (j *jsonWriter) open()      { j.buf = append(j.buf, '{') }
func (j *jsonWriter) close()     { j.buf = append(j.buf, '}') }
func (j *jsonWriter) openList()  { j.buf = append(j.buf, '[') }
func (j *jsonWriter) closeList() { j.buf = append(j.buf, ']') }

// string writes s as a JSON string.
func (j *jsonWriter) string(s string) { j.buf = jsontext.AppendString(j.buf, s, j.escapeHTML) }

// The field writers below write a field of each Go type as encoding/json
// does; those ending in Omit leave the field out when its value is empty,
// as the ",omitempty" option does.

func (j *jsonWriter) str(k, v string) {
	j.key(k)
	j.string(v)
}

func (j *jsonWriter) strOmit(k, v string) {
	if v != "" {
		j.str(k, v)
	}
}

func (j *jsonWriter) int(k string, n int) {
	j.key(k)
	j.buf = strconv.AppendInt(j.buf, int64(n), 10)
}

func (j *jsonWriter) intOmit(k string, n int) {
	if n != 0 {
		j.int(k, n)
	}
}

func (j *jsonWriter) bool(k string, v bool) {
	j.key(k)
	j.buf = strconv.AppendBool(j.buf, v)
}

func (j *jsonWriter) float(k string, f float64) {
	j.key(k)
	j.buf = appendFloat(j.buf, f)
}

// strs writes a list of strings; a nil list is null.
func (j *jsonWriter) strs(k string, l []string) {
	j.key(k)
	if l == nil {
		j.buf = append(j.buf, "null"...)
		return
	}
	j.openList()
	for _, s := range l {
		j.elem()
		j.string(s)
	}
	j.closeList()
}

func (j *jsonWriter) strsOmit(k string, l []string) {
	if len(l) > 0 {
		j.strs(k, l)
	}
}

// strMap writes a map of strings, keys in order as encoding/json sorts
// them; a nil map is null.
func (j *jsonWriter) strMap(k string, m map[string]string) {
	j.key(k)
	if m == nil {
		j.buf = append(j.buf, "null"...)
		return
	}
	j.open()
	for _, mk := range slices.Sorted(maps.Keys(m)) {
		j.sep()
		j.string(mk)
		j.buf = append(j.buf, ':')
		j.string(m[mk])
	}
	j.close()
}

// list writes a list of records with write; a nil list is null.
func list[T any](j *jsonWriter, k string, l []T, write func(T, *jsonWriter)) {
	j.key(k)
	if l == nil {
		j.buf = append(j.buf, "null"...)
		return
	}
	j.openList()
	for i := range l {
		j.elem()
		write(l[i], j)
	}
	j.closeList()
}

// any writes a field of a type the writer does not know, with
// encoding/json: the CASE package's empty lists of definitions.
func (j *jsonWriter) any(k string, v any) {
	j.key(k)
	if l, ok := v.([]any); ok && l != nil && len(l) == 0 {
		j.buf = append(j.buf, "[]"...)
		return
	}
	var b jsonBuffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(j.escapeHTML)
	if err := enc.Encode(v); err != nil && j.err == nil {
		j.err = err
	}
	j.buf = append(j.buf, b[:len(b)-min(len(b), 1)]...) // without Encode's newline
}

// jsonBuffer is an io.Writer that appends to itself.
type jsonBuffer []byte

func (b *jsonBuffer) Write(p []byte) (int, error) {
	*b = append(*b, p...)
	return len(p), nil
}

// appendFloat appends f as encoding/json writes a float64: like %g, with
// the exponent cut-offs of ECMAScript's number to string conversion.
func appendFloat(b []byte, f float64) []byte {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return append(b, "null"...) // never happens here: scores are 0 and 1
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 becomes e-9, as encoding/json writes it.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// fileObject writes the top-level object of a JSON file, field by field,
// to a jsonWriter with a destination and without HTML escaping (the files
// are served as JSON, never inside a page). Each record of a list is
// written out before the next is made, so the file, and the guides' HTML
// in playbook.json, are never whole in memory. The layout is the one the
// files have always had: json.Encoder wrote each key, each value and each
// element of a list on its own, and ended each with a newline:
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
type fileObject struct {
	j      *jsonWriter
	fields int
}

// field starts the field named k.
func (f *fileObject) field(k string) {
	if f.fields == 0 {
		f.j.buf = append(f.j.buf, '{')
	} else {
		f.j.buf = append(f.j.buf, ',')
	}
	f.fields++
	f.j.buf = append(f.j.buf, '"')
	f.j.buf = append(f.j.buf, k...)
	f.j.buf = append(f.j.buf, '"', '\n', ':')
}

// value writes a field whose value write writes.
func (f *fileObject) value(k string, write func(j *jsonWriter)) {
	f.field(k)
	write(f.j)
	f.j.buf = append(f.j.buf, '\n')
	f.j.flush()
}

func (f *fileObject) str(k, v string) {
	f.value(k, func(j *jsonWriter) { j.string(v) })
}

func (f *fileObject) int(k string, n int) {
	f.value(k, func(j *jsonWriter) { j.buf = strconv.AppendInt(j.buf, int64(n), 10) })
}

// fileList writes a field whose value is the list of records seq yields,
// each written by write, and written out, if need be, before the next is
// made.
func fileList[T any](f *fileObject, k string, seq iter.Seq[T], write func(T, *jsonWriter)) {
	f.field(k)
	f.j.openList()
	first := true
	for v := range seq {
		if !first {
			f.j.buf = append(f.j.buf, ',')
		}
		first = false
		write(v, f.j)
		f.j.buf = append(f.j.buf, '\n')
		if f.j.flush(); f.j.err != nil {
			break // nothing more can be written
		}
	}
	f.j.closeList()
}

// end ends the object and the file, and writes what is left.
func (f *fileObject) end() error {
	f.j.buf = append(f.j.buf, '}', '\n')
	f.j.flushAll()
	return f.j.err
}
