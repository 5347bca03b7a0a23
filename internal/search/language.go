package search

import (
	"embed"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/spanish"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Language is how the words of one language are indexed and looked up:
// which words are too common to look for (stop words), and how a word is
// reduced to the stem it is indexed under. See "Languages" in the package
// documentation. Two Languages with the same Code have the same rules. A
// nil Language has no rules.
type Language struct {
	// Code is the primary language subtag of the playbook's language,
	// such as "en" or "es": it names the rules, and the index file
	// carries it for search.js.
	Code string
	// StopWords are the stop words, folded and sorted; the index file
	// carries them for search.js.
	StopWords []string

	stop map[string]bool
	// stem returns the stem of a word, given the word as Words gives it
	// and folded: nil for a language with no stemmer.
	stem func(word, folded string) string
}

//go:embed stopwords/*.txt
var stopWordFiles embed.FS

// languages are the languages with rules, by code. Any other language is
// indexed with no stop words and no stemming: the rules of one language
// do harm in another.
var languages = map[string]*Language{
	"en": newLanguage("en", stemEnglish),
	"es": newLanguage("es", stemSpanish),
}

func newLanguage(code string, stem func(word, folded string) string) *Language {
	data, err := stopWordFiles.ReadFile("stopwords/" + code + ".txt")
	if err != nil {
		panic("search: no stop words for " + code + ": " + err.Error())
	}
	l := &Language{Code: code, stop: map[string]bool{}, stem: stem}
	for line := range strings.Lines(string(data)) {
		line, _, _ = strings.Cut(line, "#")
		// Written as a reader writes them, kept as Words and fold leave a
		// reader's words, to be looked up the same way.
		for _, w := range Words(line) {
			l.stop[fold(w)] = true
		}
	}
	for w := range l.stop {
		l.StopWords = append(l.StopWords, w)
	}
	slices.Sort(l.StopWords)
	return l
}

// LanguageOf returns the rules for a BCP 47 language tag such as "en",
// "en-US" or "es-419", chosen by its primary language subtag. An empty
// tag is English, the playbook's default; a tag that does not parse has
// no rules (the load stage reports it).
func LanguageOf(tag string) *Language {
	if tag == "" {
		tag = "en"
	}
	code := "und"
	if base, conf := language.Make(tag).Base(); conf == language.Exact {
		code = base.String()
	}
	if l, ok := languages[code]; ok {
		return l
	}
	return &Language{Code: code}
}

// Stop reports whether word, as Words gives it, is a stop word.
func (l *Language) Stop(word string) bool { return l != nil && l.stop[fold(word)] }

// Stem returns the stem word, as Words gives it, is indexed under, folded:
// "mentoring" and "mentors" give "mentor" in English, "matemáticas" and
// "matematicas" give "matemat" in Spanish. In a language with no stemmer
// it is the word, folded.
func (l *Language) Stem(word string) string {
	folded := fold(word)
	if l == nil || l.stem == nil {
		return folded
	}
	return l.stem(word, folded)
}

// stemEnglish stems a word by the library's Porter2 ("Snowball english")
// algorithm, which is written for the letters a to z: it is given the
// folded word ("naïve" as "naive"), and a word with any other character
// ("k12", "straße") is left as it is.
func stemEnglish(_, folded string) string {
	if len(folded) <= 2 || !isASCIIWord(folded) {
		return folded
	}
	// Stop words are the index's own: the library's are stemmed too.
	return english.Stem(folded, true)
}

// stemSpanish stems a word by the library's Snowball Spanish algorithm,
// which reads accents (its regions count "á" as a vowel, its suffixes
// include "ación"): it is given the word as written, composed, and its
// stem is then folded. A word with a character outside the Spanish
// alphabet is left as it is, folded.
func stemSpanish(word, folded string) string {
	word = norm.NFC.String(word)
	for _, r := range word {
		if (r < 'a' || r > 'z') && !strings.ContainsRune("áéíóúüñ", r) {
			return folded
		}
	}
	return fold(spanish.Stem(word, true))
}

func isASCIIWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// fold takes the accents off a lowercase word: it decomposes it, drops
// the combining diacritical marks (U+0300 to U+036F: acute, grave,
// circumflex, tilde, diaeresis, cedilla…) and composes what is left, so
// that "matemáticas" is "matematicas", "niño" is "nino" and "ça" is "ca".
// Marks outside that block, such as the vowel signs of Indic scripts, are
// part of their letters and are kept. It also writes Greek's final sigma
// as σ, which is how Words lowers Σ and the browser does not (it writes
// "ΟΔΟΣ" as "οδος"); and, dropping U+0307, it turns the browser's
// lowercase İ, "i̇", into Words' "i". search.js folds the same way, with
// String.prototype.normalize.
func fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	d := norm.NFD.String(w)
	d = strings.Map(func(r rune) rune {
		switch {
		case r >= 0x300 && r <= 0x36f:
			return -1
		case r == 'ς':
			return 'σ'
		}
		return r
	}, d)
	return norm.NFC.String(d)
}
