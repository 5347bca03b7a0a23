package search

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Words splits text into lowercase words: runs of letters, combining marks
// and digits, with apostrophes inside a word dropped ("district's" gives
// "districts"), as are marks at its start, which have no letter to belong
// to. search.js splits a query the same way.
func Words(text string) []string {
	var out []string
	s := wordScanner{text: text}
	for w := s.next(); w != nil; w = s.next() {
		out = append(out, string(w))
	}
	return out
}

// Kinds of byte for the word scanner.
const (
	separator  = iota // ends a word
	lowerByte         // a to z and 0 to 9: a word's own bytes
	upperByte         // A to Z: lowered
	apostrophe        // ': part of a word, but dropped
	multiByte         // the start of a character beyond ASCII, or a byte inside one
)

// byteKinds gives the kind of each byte.
var byteKinds = func() (k [256]uint8) {
	for c := range 256 {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			k[c] = lowerByte
		case c >= 'A' && c <= 'Z':
			k[c] = upperByte
		case c == '\'':
			k[c] = apostrophe
		case c >= utf8.RuneSelf:
			k[c] = multiByte
		}
	}
	return k
}()

// wordScanner reads the words of a text one at a time, as Words splits
// them. It copies each word into a buffer it reuses, lowering letters and
// leaving out apostrophes as it goes, so that a word costs no allocation:
// indexing the playbook splits millions of them.
type wordScanner struct {
	text string
	pos  int    // where the next word is looked for
	buf  []byte // the last word
}

// next returns the next word, valid until the following call, or nil
// after the last.
func (s *wordScanner) next() []byte {
	w, text, i := s.buf[:0], s.text, s.pos
	for i < len(text) {
		switch byteKinds[text[i]] {
		case lowerByte:
			// Most of a word is lowercase ASCII: copy the run at once.
			j := i + 1
			for j < len(text) && byteKinds[text[j]] == lowerByte {
				j++
			}
			w = append(w, text[i:j]...)
			i = j
			continue
		case upperByte:
			w = append(w, text[i]+('a'-'A'))
		case apostrophe:
		case multiByte:
			r, n := utf8.DecodeRuneInString(text[i:])
			i += n
			switch {
			case r == '’':
			case unicode.IsLetter(r) || unicode.IsNumber(r):
				w = utf8.AppendRune(w, unicode.ToLower(r))
			case unicode.IsMark(r):
				// A mark belongs to the letter before it; with none, it is
				// dropped (and ends no word, as none has begun).
				if len(w) > 0 {
					w = utf8.AppendRune(w, r)
				}
			case len(w) > 0:
				s.pos, s.buf = i, w
				return w
			}
			continue
		default:
			if len(w) > 0 {
				s.pos, s.buf = i+1, w
				return w
			}
		}
		i++
	}
	s.pos, s.buf = i, w
	if len(w) == 0 {
		return nil
	}
	return w
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

// eachText calls f with each run of text between the tags of an HTML
// fragment, character references decoded: the pieces PlainText joins with
// spaces, so that their words are those of PlainText's result, without
// the copy of the whole text.
func eachText(h string, f func(string)) {
	for {
		i := strings.IndexByte(h, '<')
		text := h
		if i >= 0 {
			text = h[:i]
		}
		if text != "" {
			f(html.UnescapeString(text))
		}
		if i < 0 {
			return
		}
		j := strings.IndexByte(h[i:], '>')
		if j < 0 {
			return
		}
		h = h[i+j+1:]
	}
}

// normalTitle is a title or query as its words, folded, joined by single
// spaces, for the exact-title comparison: "Matematicas" is the title
// "Matemáticas".
func normalTitle(s string) string {
	ws := Words(s)
	for i, w := range ws {
		ws[i] = fold(w)
	}
	return strings.Join(ws, " ")
}

// excerpt cuts text to at most n bytes at a word boundary, adding "…" when
// it cut.
func excerpt(text string, n int) string {
	if !tidy(text) {
		text = strings.Join(strings.Fields(text), " ")
	}
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

// tidy reports whether text is as strings.Fields and a join with single
// spaces would leave it: ASCII, with single spaces between words and none
// at either end. Most summaries are, and need no copy.
func tidy(text string) bool {
	if text == "" {
		return true
	}
	if text[0] == ' ' || text[len(text)-1] == ' ' {
		return false
	}
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ' && text[i+1] == ' ': // not the last byte, which is no space
			return false
		}
	}
	return true
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
