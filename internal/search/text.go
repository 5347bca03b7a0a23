package search

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Words splits text into lowercase words: runs of letters and digits, with
// apostrophes inside a word dropped ("district's" gives "districts").
// search.js splits a query the same way.
func Words(text string) []string {
	var out []string
	eachWord(text, func(w string) { out = append(out, w) })
	return out
}

// eachWord calls f with each word of text, as Words splits it. Words of
// lowercase ASCII letters and digits, most of them, are passed as slices of
// text, without a copy.
func eachWord(text string, f func(string)) {
	start, plain := -1, true
	end := func(i int) {
		if start < 0 {
			return
		}
		w := text[start:i]
		if !plain {
			if strings.ContainsAny(w, "'’") {
				w = strings.Map(func(r rune) rune {
					if r == '\'' || r == '’' {
						return -1
					}
					return r
				}, w)
			}
			w = strings.ToLower(w)
		}
		if w != "" {
			f(w)
		}
		start, plain = -1, true
	}
	for i, r := range text {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
		case r >= 'A' && r <= 'Z', r == '\'' || r == '’', r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsNumber(r)):
			plain = false
		default:
			end(i)
			continue
		}
		if start < 0 {
			start = i
		}
	}
	end(len(text))
}

// stopWords are too common to find anything by; they are not indexed and a
// query ignores them. search.js has the same list.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an and are as at be but by do for from has have how i if in into is it its
		of on or our so than that the their them then there these they this to was we were what when
		where which who why will with you your`) {
		stopWords[w] = true
	}
}

// PlainText returns the text of an HTML fragment: tags dropped (each leaves
// a space, so that words in separate elements stay apart) and character
// references decoded. It expects the well-formed HTML the Markdown renderer
// writes, and is much faster than a full HTML parser.
func PlainText(h string) string {
	var b strings.Builder
	b.Grow(len(h))
	for len(h) > 0 {
		i := strings.IndexByte(h, '<')
		if i < 0 {
			b.WriteString(html.UnescapeString(h))
			break
		}
		b.WriteString(html.UnescapeString(h[:i]))
		j := strings.IndexByte(h[i:], '>')
		if j < 0 {
			break
		}
		b.WriteByte(' ')
		h = h[i+j+1:]
	}
	return b.String()
}

// normalTitle is a title or query as words joined by single spaces, for the
// exact-title comparison.
func normalTitle(s string) string { return strings.Join(Words(s), " ") }

// excerpt cuts text to at most n bytes at a word boundary, adding "…" when
// it cut.
func excerpt(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if len(text) <= n {
		return text
	}
	cut := strings.LastIndexByte(text[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !isRuneStart(text[cut]) {
			cut--
		}
	}
	return strings.TrimRight(text[:cut], " ,;:.—–-") + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
