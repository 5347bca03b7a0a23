package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Term is a word of the glossary, and the address of its entry.
type Term struct {
	Word string // as the glossary writes it, for example "leading indicator"
	URL  string // the site's address of its entry, for example "/glossary/#leading-indicator"
}

// SetTerms gives the converter the glossary: in a Source with Terms set,
// the first use of each term is linked to its entry. It must be called
// before Convert is, not while.
func (c *Converter) SetTerms(terms []Term) {
	c.terms = c.terms[:0]
	for _, t := range terms {
		words := strings.Fields(strings.ToLower(t.Word))
		if len(words) == 0 {
			continue
		}
		tm := term{url: []byte(t.URL)}
		for _, w := range words {
			tm.words = append(tm.words, forms(w))
		}
		tm.stem = tm.words[0][0]
		for _, f := range tm.words[0][1:] {
			tm.stem = commonPrefix(tm.stem, f)
		}
		c.terms = append(c.terms, tm)
	}
}

type term struct {
	// words are the term's words, lowercase, each as its forms: as
	// written, then its plurals that are not it with "s" or "es" added.
	words [][][]byte
	stem  []byte // what every form of the first word starts with
	url   []byte
}

// forms returns the word w and those of its plurals that are not w with
// "s" or "es" added (which useAt finds on its own): in English a "y"
// after a consonant becomes "ies" ("policy", "policies"), and in Spanish a
// final "z" becomes "ces" ("vez", "veces") and a stressed last vowel
// before a final "n" or "s" loses its accent ("sesión", "sesiones";
// "inglés", "ingleses").
func forms(w string) [][]byte {
	out := [][]byte{[]byte(w)}
	last, size := utf8.DecodeLastRuneInString(w)
	stem := w[:len(w)-size]
	before, bsize := utf8.DecodeLastRuneInString(stem)
	switch {
	case stem == "":
	case last == 'y' && !strings.ContainsRune("aeiou", before):
		out = append(out, []byte(stem+"ies"))
	case last == 'z':
		out = append(out, []byte(stem+"ces"))
	case last == 'n' || last == 's':
		if plain, ok := unaccented[before]; ok {
			out = append(out, []byte(stem[:len(stem)-bsize]+string(plain)+string(last)+"es"))
		}
	}
	return out
}

var unaccented = map[rune]rune{'á': 'a', 'é': 'e', 'í': 'i', 'ó': 'o', 'ú': 'u'}

// commonPrefix returns the bytes a and b both start with.
func commonPrefix(a, b []byte) []byte {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return a[:n]
}

// linkTerms links the first use of each glossary term in doc to its entry:
// in running text, not in a heading, a link, an image or code. A use is
// the term's words in any case, each whole or followed by "s" or "es" (a
// plural in English and Spanish alike; see find).
func (c *Converter) linkTerms(doc *ast.Document, source []byte) {
	if len(c.terms) == 0 {
		return
	}
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Heading, *ast.Link, *ast.Image, *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML, *ast.AutoLink:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			texts = append(texts, t)
		}
		return ast.WalkContinue, nil
	})
	used := make([]bool, len(c.terms))
	for _, t := range texts {
		c.linkIn(t, source, used)
	}
}

// linkIn links the terms not used yet that t's text holds, splitting t.
func (c *Converter) linkIn(t *ast.Text, source []byte, used []bool) {
	for {
		seg := t.Segment
		lower := bytes.ToLower(seg.Value(source))
		if len(lower) != seg.Len() {
			return // a letter changed length in lowercase: leave the text alone
		}
		best, at, end := -1, len(lower), 0
		for i, tm := range c.terms {
			if used[i] {
				continue
			}
			if j, n := find(lower, tm); j >= 0 && j < at {
				best, at, end = i, j, j+n
			}
		}
		if best < 0 {
			return
		}
		used[best] = true
		parent := t.Parent()
		link := ast.NewLink()
		link.Destination = c.terms[best].url
		link.SetAttributeString("class", []byte("term"))
		link.AppendChild(link, ast.NewTextSegment(text.NewSegment(seg.Start+at, seg.Start+end)))
		after := ast.NewTextSegment(text.NewSegment(seg.Start+end, seg.Stop))
		after.SetSoftLineBreak(t.SoftLineBreak())
		after.SetHardLineBreak(t.HardLineBreak())
		t.Segment = text.NewSegment(seg.Start, seg.Start+at)
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
		parent.InsertAfter(parent, t, link)
		parent.InsertAfter(parent, link, after)
		t = after
	}
}

// find returns where in s the term tm is used first, and the length of
// the use; -1 if it is not. A use is the term's words in order, one space
// apart, each whole, followed by "s" or "es", or in another of its forms,
// so that a term of several words has its plural in English ("leading
// indicators") and in Spanish ("indicadores anticipados") alike.
func find(s []byte, tm term) (int, int) {
	for from := 0; from < len(s); {
		i := bytes.Index(s[from:], tm.stem)
		if i < 0 {
			return -1, 0
		}
		i += from
		if i == 0 || !wordBefore(s, i) {
			if n, ok := useAt(s[i:], tm.words); ok {
				return i, n
			}
		}
		from = i + 1
	}
	return -1, 0
}

// useAt reports whether s starts with a use of the term whose words are
// words, and its length.
func useAt(s []byte, words [][][]byte) (int, bool) {
	n := 0
	for k, word := range words {
		if k > 0 {
			if n >= len(s) || s[n] != ' ' {
				return 0, false
			}
			n++
		}
		m, ok := wordUse(s[n:], word)
		if !ok {
			return 0, false
		}
		n += m
	}
	return n, true
}

// wordUse reports whether s starts with one of a word's forms, whole:
// the word itself, followed by "s" or "es" or not, or one of its other
// forms; and the length of the use.
func wordUse(s []byte, forms [][]byte) (int, bool) {
	if w := forms[0]; bytes.HasPrefix(s, w) {
		n := len(w)
		switch rest := s[n:]; {
		case bytes.HasPrefix(rest, []byte("es")) && !wordAt(rest[2:]):
			n += 2
		case bytes.HasPrefix(rest, []byte("s")) && !wordAt(rest[1:]):
			n++
		}
		if !wordAt(s[n:]) {
			return n, true
		}
	}
	for _, f := range forms[1:] {
		if bytes.HasPrefix(s, f) && !wordAt(s[len(f):]) {
			return len(f), true
		}
	}
	return 0, false
}

// wordBefore reports whether the character just before offset i of s is a
// letter or digit.
func wordBefore(s []byte, i int) bool {
	r, _ := utf8.DecodeLastRune(s[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// wordAt reports whether s starts with a letter or digit.
func wordAt(s []byte) bool {
	r, _ := utf8.DecodeRune(s)
	return len(s) > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
