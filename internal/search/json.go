package search

import (
	"strconv"

	"github.com/playbook-edu/playbook/internal/jsontext"
)

// JSON returns the index file, described in the package documentation.
//
// It is written with appends rather than encoding/json: the file is
// megabytes for a large playbook, most of it postings, and building a map
// of them for the encoder to sort and reflect over took a tenth of a second
// a build. The bytes are those encoding/json wrote, with HTML escaping off
// and a final newline (TestJSONMatchesReflection compares the two).
func (ix *Index) JSON() []byte {
	b := make([]byte, 0, ix.jsonSize())
	var lang Language
	if ix.Language != nil {
		lang = *ix.Language
	}
	b = append(b, `{"v":2,"lang":`...)
	b = jsontext.AppendString(b, lang.Code, false)
	b = append(b, `,"stop":[`...)
	for i, w := range lang.StopWords {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsontext.AppendString(b, w, false)
	}
	b = append(b, `],"kinds":[`...)
	labels := ix.Labels
	if len(labels) != len(Kinds) {
		labels = Kinds
	}
	for i, k := range labels {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsontext.AppendString(b, k, false)
	}
	b = append(b, `],"roles":`...)
	b = appendFacets(b, ix.Roles)
	b = append(b, `,"systems":`...)
	b = appendFacets(b, ix.Systems)
	b = append(b, `,"docs":[`...)
	for i, d := range ix.Docs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(d.Kind), 10)
		for _, s := range [...]string{d.Title, d.URL, d.Snippet} {
			b = append(b, ',')
			b = jsontext.AppendString(b, s, false)
		}
		b = append(b, ',')
		b = appendInts(b, d.Roles)
		b = append(b, ',')
		b = appendInts(b, d.Systems)
		b = append(b, ']')
	}
	b = append(b, `],"terms":{`...)
	for i, s := range ix.stems {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsontext.AppendString(b, s, false)
		b = append(b, ':', '"') // the postings' digits need no escaping
		b = appendPostings(b, ix.Postings[s])
		b = append(b, '"')
	}
	return append(b, "}}\n"...)
}

// jsonSize is about the length of the index file, to allocate it once: the
// postings exactly, the strings as if nothing needed escaping.
func (ix *Index) jsonSize() int {
	n := 200 // the names of the fields and the kinds
	if ix.Language != nil {
		for _, w := range ix.Language.StopWords {
			n += len(w) + 3
		}
	}
	for _, f := range append(ix.Roles, ix.Systems...) {
		n += len(f.ID) + len(f.Name) + 8
	}
	for _, d := range ix.Docs {
		n += len(d.Title) + len(d.URL) + len(d.Snippet) + 20 + 3*(len(d.Roles)+len(d.Systems))
	}
	for _, s := range ix.stems {
		n += len(s) + 6
		prev := int32(0)
		for _, p := range ix.Postings[s] {
			n += numberLen(int(p.Doc-prev)) + numberLen(int(p.Score))
			prev = p.Doc
		}
	}
	return n
}

// appendFacets appends facets as an array of [id, name] pairs.
func appendFacets(b []byte, fs []Facet) []byte {
	b = append(b, '[')
	for i, f := range fs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = jsontext.AppendString(b, f.ID, false)
		b = append(b, ',')
		b = jsontext.AppendString(b, f.Name, false)
		b = append(b, ']')
	}
	return append(b, ']')
}

// appendInts appends ns as an array; nil is an empty one.
func appendInts(b []byte, ns []int) []byte {
	b = append(b, '[')
	for i, n := range ns {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return append(b, ']')
}

// postingDigits are the characters of the postings' variable-length numbers.
const postingDigits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"

// appendPostings appends a stem's postings: each document's index, as the
// difference from the one before, and its score.
func appendPostings(b []byte, ps []Posting) []byte {
	prev := int32(0)
	for _, p := range ps {
		b = appendNumber(b, int(p.Doc-prev))
		b = appendNumber(b, int(p.Score))
		prev = p.Doc
	}
	return b
}

// appendNumber writes n as a variable-length number: five bits per
// character, low bits first, characters from 'w' on meaning "more follows".
func appendNumber(b []byte, n int) []byte {
	for n >= 32 {
		b = append(b, postingDigits[32+n%32])
		n /= 32
	}
	return append(b, postingDigits[n])
}

// numberLen is the length of n as appendNumber writes it.
func numberLen(n int) int {
	l := 1
	for ; n >= 32; n /= 32 {
		l++
	}
	return l
}
