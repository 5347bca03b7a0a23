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
		if w := strings.ToLower(strings.Join(strings.Fields(t.Word), " ")); w != "" {
			c.terms = append(c.terms, term{word: []byte(w), url: []byte(t.URL)})
		}
	}
}

type term struct {
	word, url []byte
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
			if j, n := find(lower, tm.word); j >= 0 && j < at {
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

// find returns where in s the term w is used first, and the length of
// the use; -1 if it is not. A use is the term's words in order, one space
// apart, each whole or followed by "s" or "es", so that a term of several
// words has its plural in English ("leading indicators") and in Spanish
// ("indicadores anticipados") alike.
func find(s, w []byte) (int, int) {
	first, _, _ := bytes.Cut(w, []byte(" "))
	for from := 0; from < len(s); {
		i := bytes.Index(s[from:], first)
		if i < 0 {
			return -1, 0
		}
		i += from
		if i == 0 || !wordBefore(s, i) {
			if n, ok := useAt(s[i:], w); ok {
				return i, n
			}
		}
		from = i + 1
	}
	return -1, 0
}

// useAt reports whether s starts with a use of the term w, and its
// length.
func useAt(s, w []byte) (int, bool) {
	n := 0
	for k, word := range bytes.Split(w, []byte(" ")) {
		if k > 0 {
			if n >= len(s) || s[n] != ' ' {
				return 0, false
			}
			n++
		}
		if !bytes.HasPrefix(s[n:], word) {
			return 0, false
		}
		n += len(word)
		switch rest := s[n:]; {
		case bytes.HasPrefix(rest, []byte("es")) && !wordAt(rest[2:]):
			n += 2
		case bytes.HasPrefix(rest, []byte("s")) && !wordAt(rest[1:]):
			n++
		}
		if wordAt(s[n:]) {
			return 0, false
		}
	}
	return n, true
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
