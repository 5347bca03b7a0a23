package search

import "strings"

// Stem returns the stem of a lowercase English word by the Porter2
// ("Snowball english") algorithm, so that "mentor", "mentors" and
// "mentoring" all become "mentor". Words with a letter outside a to z, and
// words of one or two letters, are returned as they are. search.js carries
// the same algorithm, line for line; the browser test compares the two.
func Stem(word string) string {
	if len(word) <= 2 || !isASCIIWord(word) {
		return word
	}
	if s, ok := stemExceptions[word]; ok {
		return s
	}
	w := []byte(word)
	// Mark y as a consonant (Y) at the start and after a vowel.
	for i := range w {
		if w[i] == 'y' && (i == 0 || isVowel(w[i-1])) {
			w[i] = 'Y'
		}
	}
	s := &stemmer{w: w}
	s.regions()
	s.step1a()
	if invariantAfter1a[string(s.w)] {
		return strings.ToLower(string(s.w))
	}
	s.step1b()
	s.step1c()
	s.step2()
	s.step3()
	s.step4()
	s.step5()
	return strings.ToLower(string(s.w))
}

// stemExceptions are the words the algorithm lists with their stems.
var stemExceptions = map[string]string{
	"skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie",
	"idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
	"sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos", "bias": "bias", "andes": "andes",
}

// invariantAfter1a are left as they are once step 1a has run.
var invariantAfter1a = map[string]bool{
	"inning": true, "outing": true, "canning": true, "herring": true,
	"earring": true, "proceed": true, "exceed": true, "succeed": true,
}

func isASCIIWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// stemmer is a word being stemmed, with the start of its regions R1 and R2.
type stemmer struct {
	w      []byte
	r1, r2 int
}

// regions finds R1, the part after the first non-vowel that follows a
// vowel, and R2, the same inside R1.
func (s *stemmer) regions() {
	w := string(s.w)
	s.r1 = len(w)
	switch {
	case strings.HasPrefix(w, "gener"), strings.HasPrefix(w, "arsen"):
		s.r1 = 5
	case strings.HasPrefix(w, "commun"):
		s.r1 = 6
	default:
		s.r1 = regionAfter(s.w, 0)
	}
	s.r2 = regionAfter(s.w, s.r1)
}

// regionAfter returns the index after the first non-vowel following a vowel
// at or after from, or len(w).
func regionAfter(w []byte, from int) int {
	for i := from + 1; i < len(w); i++ {
		if !isVowel(w[i]) && isVowel(w[i-1]) {
			return i + 1
		}
	}
	return len(w)
}

func (s *stemmer) has(suffix string) bool { return strings.HasSuffix(string(s.w), suffix) }

// longest returns the longest of suffixes the word ends with, or "".
func (s *stemmer) longest(suffixes ...string) string {
	best := ""
	for _, x := range suffixes {
		if len(x) > len(best) && s.has(x) {
			best = x
		}
	}
	return best
}

// replace replaces the suffix, which the word ends with, by with.
func (s *stemmer) replace(suffix, with string) {
	s.w = append(s.w[:len(s.w)-len(suffix)], with...)
}

// inR1 and inR2 report whether the suffix lies in the region.
func (s *stemmer) inR1(suffix string) bool { return len(s.w)-len(suffix) >= s.r1 }
func (s *stemmer) inR2(suffix string) bool { return len(s.w)-len(suffix) >= s.r2 }

// endsShortSyllable reports whether w ends in a short syllable: a vowel
// followed by a non-vowel other than w, x or Y and preceded by a non-vowel,
// or a vowel at the start of the word followed by a non-vowel.
func endsShortSyllable(w []byte) bool {
	n := len(w)
	if n == 2 {
		return isVowel(w[0]) && !isVowel(w[1])
	}
	if n < 3 {
		return false
	}
	c := w[n-1]
	return !isVowel(w[n-3]) && isVowel(w[n-2]) && !isVowel(c) && c != 'w' && c != 'x' && c != 'Y'
}

// isShort reports whether the word is short: it ends in a short syllable
// and R1 is empty.
func (s *stemmer) isShort() bool { return s.r1 >= len(s.w) && endsShortSyllable(s.w) }

func hasVowel(w []byte) bool {
	for _, c := range w {
		if isVowel(c) {
			return true
		}
	}
	return false
}

func (s *stemmer) step1a() {
	switch x := s.longest("sses", "ied", "ies", "us", "ss", "s"); x {
	case "sses":
		s.replace(x, "ss")
	case "ied", "ies":
		if len(s.w) > 4 {
			s.replace(x, "i")
		} else {
			s.replace(x, "ie")
		}
	case "s":
		// Delete if a vowel comes before the letter before the s.
		if hasVowel(s.w[:len(s.w)-2]) {
			s.replace(x, "")
		}
	}
}

func (s *stemmer) step1b() {
	switch x := s.longest("eed", "eedly", "ed", "edly", "ing", "ingly"); x {
	case "eed", "eedly":
		if s.inR1(x) {
			s.replace(x, "ee")
		}
	case "ed", "edly", "ing", "ingly":
		if !hasVowel(s.w[:len(s.w)-len(x)]) {
			return
		}
		s.replace(x, "")
		switch {
		case s.has("at"), s.has("bl"), s.has("iz"):
			s.w = append(s.w, 'e')
		case s.longest("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt") != "":
			s.w = s.w[:len(s.w)-1]
		case s.isShort():
			s.w = append(s.w, 'e')
		}
	}
}

func (s *stemmer) step1c() {
	n := len(s.w)
	if n > 2 && (s.w[n-1] == 'y' || s.w[n-1] == 'Y') && !isVowel(s.w[n-2]) {
		s.w[n-1] = 'i'
	}
}

// step2Suffixes maps each suffix of step 2 to its replacement.
var step2Suffixes = map[string]string{
	"tional": "tion", "enci": "ence", "anci": "ance", "abli": "able", "entli": "ent",
	"izer": "ize", "ization": "ize", "ational": "ate", "ation": "ate", "ator": "ate",
	"alism": "al", "aliti": "al", "alli": "al", "fulness": "ful", "ousli": "ous", "ousness": "ous",
	"iveness": "ive", "iviti": "ive", "biliti": "ble", "bli": "ble", "ogi": "og",
	"fulli": "ful", "lessli": "less", "li": "",
}

var step2Keys = keys(step2Suffixes)

func (s *stemmer) step2() {
	x := s.longest(step2Keys...)
	if x == "" || !s.inR1(x) {
		return
	}
	before := s.w[:len(s.w)-len(x)]
	switch x {
	case "ogi":
		if len(before) == 0 || before[len(before)-1] != 'l' {
			return
		}
	case "li":
		if len(before) == 0 || !strings.ContainsRune("cdeghkmnrt", rune(before[len(before)-1])) {
			return
		}
	}
	s.replace(x, step2Suffixes[x])
}

// step3Suffixes maps each suffix of step 3 to its replacement.
var step3Suffixes = map[string]string{
	"tional": "tion", "ational": "ate", "alize": "al", "icate": "ic", "iciti": "ic",
	"ical": "ic", "ful": "", "ness": "", "ative": "",
}

var step3Keys = keys(step3Suffixes)

func (s *stemmer) step3() {
	x := s.longest(step3Keys...)
	if x == "" || !s.inR1(x) || (x == "ative" && !s.inR2(x)) {
		return
	}
	s.replace(x, step3Suffixes[x])
}

var step4Suffixes = []string{"al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement",
	"ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion"}

func (s *stemmer) step4() {
	x := s.longest(step4Suffixes...)
	if x == "" || !s.inR2(x) {
		return
	}
	if x == "ion" {
		before := s.w[:len(s.w)-3]
		if len(before) == 0 || (before[len(before)-1] != 's' && before[len(before)-1] != 't') {
			return
		}
	}
	s.replace(x, "")
}

func (s *stemmer) step5() {
	switch {
	case s.has("e"):
		if s.inR2("e") || (s.inR1("e") && !endsShortSyllable(s.w[:len(s.w)-1])) {
			s.replace("e", "")
		}
	case s.has("l"):
		if s.inR2("l") && s.has("ll") {
			s.replace("l", "")
		}
	}
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
