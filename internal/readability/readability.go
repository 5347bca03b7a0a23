// Package readability measures how hard a text is to read, as the US
// school grade a reader needs to follow it, so that `playbook check` can
// warn when a page reads above the level playbook.yaml sets (grade 8 for
// everyone, grade 6 for students, by default).
//
// # One entry point
//
// Measure takes a text as the pieces a reader sees (package markdown
// gives them: the visible words of the Markdown, without URLs or code) and
// the language it is written in, and returns a Score: its words, sentences
// and syllables, and the sentence that weighs most on its grade. Score.Grade
// turns the counts into a grade with the language's formula. Scores add
// up, so a role's pathway is graded as all its guides read one after the
// other.
//
// # Formulas
//
// English ("en", "en-US", ...): the Flesch-Kincaid grade level (Kincaid,
// Fishburne, Rogers and Chissom, 1975):
//
//	grade = 0.39 × words/sentences + 11.8 × syllables/words − 15.59
//
// Spanish ("es", "es-MX", ...): Fernández Huerta's reading ease (1959), with
// sentence length in words per sentence as Gwillim Law (2011) showed the
// formula must read:
//
//	ease = 206.84 − 60 × syllables/words − 1.02 × words/sentences
//
// turned into a grade by Fernández Huerta's own table: 90 to 100 is 4th
// grade, 80 to 90 5th, 70 to 80 6th, 60 to 70 7th and 8th, 50 to 60 the
// last years of high school, 30 to 50 the first years of college, under 30
// university. Grade interpolates linearly inside each band (ease 100 is
// grade 4, 90 is 5, 80 is 6, 70 is 7, 60 is 9, 50 is 12, 30 is 14, 0 is
// 16), so a grade limit of 6 asks for an ease of at least 80 ("easy") and 8
// for at least 65 (the middle of "normal").
//
// Other languages have no formula here: their scores have no grade, and
// nothing is reported about them.
//
// # What counts
//
// A word is a run of letters and digits; an apostrophe or a hyphen between
// two of them joins them ("don't" and "first-year" are one word each). A
// sentence ends at ".", "!", "?" or "…" followed by a space (closing quotes
// and brackets between them are part of the sentence), and at the end of
// every block (a paragraph, a heading, a
// list item, a table cell), since a heading or a list item is read as a
// sentence of its own; "e.g.", "Dr.", "U.S." and initials ("J.") do not
// end one, nor does the point of a number ("3.5"). Syllables are counted by rule, not from a dictionary: in English,
// groups of vowels less a silent final "e", "es" or "ed" (see
// englishSyllables); in Spanish, vowel nuclei, with diphthongs counted once
// and hiatus twice (see spanishSyllables). A number counts one syllable per
// digit, at most four.
//
// # The sentence that weighs most
//
// Score.Hardest is the sentence whose removal would lower the text's grade
// the most: long sentences of long words, compared with the rest of the
// text. It is the first one to rewrite.
//
// The formulas were made for passages of a hundred words or more; a text
// of fewer than MinWords words is not given a grade.
package readability

import (
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Piece is a run of the text a reader sees, such as the words between two
// links of a paragraph.
type Piece struct {
	Text []byte // the words as a reader sees them
	At   int    // where Text starts in the source, in bytes, for positions
	// Block is true when a block of text (a paragraph, a heading, a list
	// item, a table cell) ends after this piece: a sentence ends there.
	Block bool
}

// Sentence is a sentence of a text.
type Sentence struct {
	Text      string // as read, with spaces collapsed
	At        int    // where it starts in the source, in bytes
	Words     int
	Syllables int
}

// Score is what Measure finds in a text.
type Score struct {
	// Language is the formula's language, "en" or "es"; "" when the text's
	// language has no formula.
	Language                    string
	Words, Sentences, Syllables int
	// Hardest is the sentence that weighs most on the grade.
	Hardest Sentence
}

// MinWords is the fewest words a text needs for a grade.
const MinWords = 20

// Language returns the language whose formula measures text written in
// the BCP 47 language tag: "en" for "en" and "en-US", "es" for "es" and
// "es-419", "" for a language this package has no formula for.
func Language(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(tag), "-")
	base, _, _ = strings.Cut(base, "_")
	switch base {
	case "en", "es":
		return base
	}
	return ""
}

// Graded reports whether the score has a grade: the text's language has a
// formula and the text has at least MinWords words.
func (s Score) Graded() bool {
	return s.Language != "" && s.Words >= MinWords && s.Sentences > 0
}

// Grade returns the US school grade the text reads at; 0 when it is not
// Graded.
func (s Score) Grade() float64 {
	if !s.Graded() {
		return 0
	}
	return grade(s.Language, s.Words, s.Sentences, s.Syllables)
}

// Plus returns the score of s's text followed by t's, in the same
// language. Its hardest sentence is whichever of the two weighs more on
// the whole.
func (s Score) Plus(t Score) Score {
	if s.Language == "" {
		s.Language = t.Language
	}
	sum := Score{Language: s.Language, Words: s.Words + t.Words, Sentences: s.Sentences + t.Sentences,
		Syllables: s.Syllables + t.Syllables, Hardest: s.Hardest}
	if t.Hardest.Words > 0 && (s.Hardest.Words == 0 || sum.Weight(t.Hardest) > sum.Weight(s.Hardest)) {
		sum.Hardest = t.Hardest
	}
	return sum
}

// grade is the grade of a text of w words, n sentences and y syllables in
// language lang.
func grade(lang string, w, n, y int) float64 {
	wps, spw := float64(w)/float64(n), float64(y)/float64(w)
	if lang == "es" {
		return huertaGrade(206.84 - 60*spw - 1.02*wps)
	}
	return 0.39*wps + 11.8*spw - 15.59
}

// huertaGrade turns a Fernández Huerta reading ease into a grade, through
// the bands of his table (see the package documentation).
func huertaGrade(ease float64) float64 {
	// Each band: its lowest ease and the grade there, from easiest down.
	bands := [...]struct{ ease, grade float64 }{{100, 4}, {90, 5}, {80, 6}, {70, 7}, {60, 9}, {50, 12}, {30, 14}, {0, 16}}
	if ease >= bands[0].ease {
		return bands[0].grade - (ease-bands[0].ease)/10
	}
	for i := 1; i < len(bands); i++ {
		hi, lo := bands[i-1], bands[i]
		if ease >= lo.ease {
			return lo.grade + (hi.grade-lo.grade)*(ease-lo.ease)/(hi.ease-lo.ease)
		}
	}
	last := bands[len(bands)-1]
	return last.grade - ease/15 // below 0: two more grades every 30 points
}

// difficulty orders texts by how hard they read: the grade in English,
// the ease turned around in Spanish (it ranks the same, without the
// table's bands).
func difficulty(lang string, w, n, y int) float64 {
	if w <= 0 || n <= 0 {
		return 0
	}
	wps, spw := float64(w)/float64(n), float64(y)/float64(w)
	if lang == "es" {
		return -(206.84 - 60*spw - 1.02*wps)
	}
	return 0.39*wps + 11.8*spw - 15.59
}

// Weight is how much sentence t, one of the text's, weighs on its grade:
// how much easier the text would read without it. The sentence of a text
// of one sentence weighs most of all.
func (s Score) Weight(t Sentence) float64 {
	if s.Words-t.Words <= 0 || s.Sentences <= 1 {
		return math.Inf(1) // the sentence is the whole text
	}
	return difficulty(s.Language, s.Words, s.Sentences, s.Syllables) -
		difficulty(s.Language, s.Words-t.Words, s.Sentences-1, s.Syllables-t.Syllables)
}

// Measure counts the words, sentences and syllables of text, written in
// the language of the BCP 47 tag language, and finds the sentence that
// weighs most. In a language without a formula, it counts nothing.
func Measure(language string, text []Piece) Score {
	lang := Language(language)
	if lang == "" {
		return Score{}
	}
	m := measurers.Get().(*measurer)
	*m = measurer{lang: lang, sentences: m.sentences[:0], word: m.word[:0], last: m.last[:0]}
	defer measurers.Put(m)
	m.run(text)
	sc := Score{Language: lang, Words: m.words, Sentences: len(m.sentences), Syllables: m.syllables}
	best, bestW := -1, math.Inf(-1)
	for i, st := range m.sentences {
		if w := sc.Weight(Sentence{Words: st.words, Syllables: st.syllables}); w > bestW {
			best, bestW = i, w
		}
	}
	if best >= 0 {
		st := m.sentences[best]
		sc.Hardest = Sentence{Text: sentenceText(text, st), At: st.at, Words: st.words, Syllables: st.syllables}
	}
	return sc
}

// measurers keeps measurers, with the room their last text needed, for
// the next: a build measures thousands of texts at once on every core.
var measurers = sync.Pool{New: func() any { return new(measurer) }}

// sentence is a sentence while measuring: where it starts and ends in the
// pieces (piece index, byte offset in it) and its counts.
type sentence struct {
	fromPiece, from int
	toPiece, to     int // just after its last character
	at              int // its start in the source
	words           int
	syllables       int
}

type measurer struct {
	lang      string
	words     int
	syllables int
	sentences []sentence

	cur      sentence // the sentence being read; words == 0 until it has one
	word     []rune   // the word, or part of a hyphenated word, being read, lowercased
	wordSyl  int      // syllables of the parts of a hyphenated word already read
	digits   int      // digits of the part being read
	letters  int      // letters of the part being read
	joiner   rune     // an apostrophe, hyphen or decimal point just read inside a word, or 0
	upper    bool     // the word being read began with a capital
	dotted   bool     // the word being read came straight after a full stop, as in "e.g."
	ending   bool     // a mark that ends a sentence was just read
	afterDot bool     // the character just read was a full stop
	lastPos  [2]int   // piece and byte just after the last word or the mark that ends its sentence
	// last is the word read last: its letters, whether it was a single
	// capital and whether it came straight after a full stop.
	last       []rune
	lastUpper  bool
	lastDotted bool
}

func (m *measurer) run(text []Piece) {
	for pi, p := range text {
		t := p.Text
		for i := 0; i < len(t); {
			// Most of a text is ASCII letters inside words and spaces
			// between them; they are read here, the rest by char.
			c := t[i]
			if m.joiner == 0 && !m.ending {
				switch k := asciiWord[c]; {
				case k != 0 && (len(m.word) > 0 || m.wordSyl == 0 && !m.afterDot):
					if len(m.word) == 0 {
						if m.cur.words == 0 {
							m.cur.fromPiece, m.cur.from, m.cur.at = pi, i, p.At+i
						}
						m.upper, m.dotted = asciiLower[c] != 0, false
					}
					if k == 'd' {
						m.digits++
					} else {
						m.letters++
					}
					m.word = append(m.word, rune(c|asciiLower[c]))
					i++
					m.lastPos = [2]int{pi, i}
					continue
				case c == ' ' || c == '\n':
					if len(m.word) > 0 || m.wordSyl > 0 {
						m.endWord()
					}
					m.afterDot = false
					i++
					continue
				}
			}
			r, size := rune(c), 1
			if c >= utf8.RuneSelf {
				r, size = utf8.DecodeRune(t[i:])
			}
			m.char(r, pi, i, p.At+i, size)
			i += size
		}
		if p.Block {
			m.endWord()
			m.endSentence()
		}
	}
	m.endWord()
	m.endSentence()
}

// asciiWord marks the ASCII letters ('l') and digits ('d'); asciiLower
// is what to add to a capital, by OR, to make it small.
var asciiWord, asciiLower = func() (w, l [256]byte) {
	for c := 'a'; c <= 'z'; c++ {
		w[c], w[c-'a'+'A'], l[c-'a'+'A'] = 'l', 'l', 'a'-'A'
	}
	for c := '0'; c <= '9'; c++ {
		w[c] = 'd'
	}
	return w, l
}()

// wordChar reports whether r belongs to a word: a letter, a digit or a
// mark that accents a letter.
func wordChar(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// char reads one character at byte i of piece pi, at offset at of the
// source.
func (m *measurer) char(r rune, pi, i, at, size int) {
	afterDot := m.afterDot
	m.afterDot = r == '.'
	if wordChar(r) {
		m.letter(r, pi, i, at, size, afterDot)
		return
	}
	if len(m.word) > 0 && m.joiner == 0 {
		switch {
		case r == '\'' || r == '’':
			m.joiner = '\''
			return
		case r == '-' || r == '‐':
			m.joiner = '-'
			return
		case (r == '.' || r == ',') && m.letters == 0:
			m.joiner = r // 3.5 or 1,000, unless no digit follows
			if r == '.' {
				m.lastPos = [2]int{pi, i + size}
			}
			return
		}
	}
	point := m.joiner == '.'
	m.endWord()
	if point && r != '.' {
		// A number ended by a full stop: "There were 30. Then..."
		m.ending = true
	}
	switch r {
	case '.', '!', '?', '…':
		if m.cur.words > 0 && !(r == '.' && m.abbreviation()) {
			m.ending = true
			m.lastPos = [2]int{pi, i + size}
		}
	case '"', '\'', ')', ']', '”', '’', '»':
		if m.ending { // closing marks after a full stop
			m.lastPos = [2]int{pi, i + size}
		}
	default:
		if r == ' ' || r == '\n' || r == '\t' || r >= 0x80 && unicode.IsSpace(r) {
			if m.ending {
				m.endSentence()
			}
		} else {
			m.ending = false
		}
	}
}

// letter reads a letter or digit; afterDot is true when a full stop came
// just before it.
func (m *measurer) letter(r rune, pi, i, at, size int, afterDot bool) {
	m.ending = false // "e.g", "3.5": the mark was inside a word
	if len(m.word) == 0 && m.wordSyl == 0 {
		if m.cur.words == 0 {
			m.cur.fromPiece, m.cur.from, m.cur.at = pi, i, at
		}
		m.upper, m.dotted = unicode.IsUpper(r), afterDot
	}
	if m.joiner == '-' {
		m.wordSyl += m.partSyllables()
		m.word, m.digits, m.letters = m.word[:0], 0, 0
	}
	m.joiner = 0
	if '0' <= r && r <= '9' || r >= 0x80 && unicode.IsDigit(r) {
		m.digits++
	} else {
		m.letters++
	}
	if 'A' <= r && r <= 'Z' {
		r += 'a' - 'A'
	} else if r >= 0x80 {
		r = unicode.ToLower(r)
	}
	m.word = append(m.word, r)
	m.lastPos = [2]int{pi, i + size}
}

// endWord counts the word being read, if any.
func (m *measurer) endWord() {
	m.joiner = 0
	if len(m.word) == 0 && m.wordSyl == 0 {
		return
	}
	syl := m.wordSyl + m.partSyllables()
	m.words++
	m.syllables += syl
	m.cur.words++
	m.cur.syllables += syl
	m.cur.toPiece, m.cur.to = m.lastPos[0], m.lastPos[1]
	m.lastUpper = m.upper && m.wordSyl == 0 && len(m.word) == 1
	m.lastDotted = m.dotted
	m.last, m.word = m.word, m.last[:0]
	m.wordSyl, m.digits, m.letters = 0, 0, 0
}

// partSyllables counts the syllables of the word, or part of a hyphenated
// word, being read.
func (m *measurer) partSyllables() int {
	switch {
	case len(m.word) == 0:
		return 0
	case m.letters == 0:
		return min(m.digits, 4)
	case m.lang == "es":
		return spanishSyllables(m.word)
	}
	return englishSyllables(m.word)
}

// endSentence closes the sentence being read, if it has a word.
func (m *measurer) endSentence() {
	m.ending = false
	if m.cur.words == 0 {
		return
	}
	if m.lastPos[0] > m.cur.toPiece || (m.lastPos[0] == m.cur.toPiece && m.lastPos[1] > m.cur.to) {
		m.cur.toPiece, m.cur.to = m.lastPos[0], m.lastPos[1]
	}
	m.sentences = append(m.sentences, m.cur)
	m.cur = sentence{}
}

// abbreviations do not end a sentence with their full stop; none is longer
// than three letters.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "vs": true, "st": true,
	"sr": true, "sra": true, "dra": true, "ej": true, "pág": true, "núm": true, "ud": true, "uds": true,
}

// oneLetterWords are the words of one letter, by language.
var oneLetterWords = map[string]string{"en": "a", "es": "aeouy"}

// abbreviation reports whether the word just read is an abbreviation
// whose full stop does not end the sentence: one of abbreviations, a
// capital initial ("J. Smith", but not "I"), a small letter that is not a
// word ("e." of "e.g."), or the last letters of a dotted one ("e.g.",
// "U.S.").
func (m *measurer) abbreviation() bool {
	switch {
	case len(m.last) == 0:
		return false
	case m.lastDotted && len(m.last) <= 2:
		return true
	case m.lastUpper && !(m.lang == "en" && m.last[0] == 'i'):
		return true
	case len(m.last) == 1 && !m.lastUpper:
		// A lone small letter that is not a word of its own: the "e" of
		// "e.g.", the "p" of "p. ej.".
		return !strings.ContainsRune(oneLetterWords[m.lang], m.last[0])
	}
	return len(m.last) <= 3 && abbreviations[string(m.last)]
}

// sentenceText is the text of st, read from the pieces, with runs of
// spaces made one.
func sentenceText(text []Piece, st sentence) string {
	var b strings.Builder
	space := false
	for pi := st.fromPiece; pi <= st.toPiece && pi < len(text); pi++ {
		t := text[pi].Text
		from, to := 0, len(t)
		if pi == st.fromPiece {
			from = st.from
		}
		if pi == st.toPiece {
			to = min(st.to, len(t))
		}
		for _, r := range string(t[from:to]) {
			if unicode.IsSpace(r) {
				space = b.Len() > 0
				continue
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
		if text[pi].Block && pi < st.toPiece {
			space = b.Len() > 0
		}
	}
	return b.String()
}
