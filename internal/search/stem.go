package search

import "github.com/kljensen/snowball/english"

// Stem returns the stem of a lowercase English word by the Porter2
// ("Snowball english") algorithm, so that "mentor", "mentors" and
// "mentoring" all become "mentor". Words with a letter outside a to z, and
// words of one or two letters, are returned as they are. search.js carries
// the same algorithm; the browser test compares the two.
func Stem(word string) string {
	if len(word) <= 2 || !isASCIIWord(word) {
		return word
	}
	// The index keeps its own stop words: the library's are stemmed too.
	return english.Stem(word, true)
}

func isASCIIWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}
