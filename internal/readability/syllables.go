package readability

// englishSyllables counts the syllables of an English word, lowercased, by
// rule: each group of vowels (a, e, i, o, u, y, and accented ones) is one,
// except a "y" that starts the word, a silent "e" at its end ("make", but
// not "table" or "free"), and a silent "es" or "ed" at its end ("makes",
// "asked", but not "places" or "wanted"). Words of three letters or fewer
// have one. It is right for most everyday words and close for the rest,
// which is what a grade averaged over a page needs.
func englishSyllables(w []rune) int {
	n := len(w)
	if n <= 3 {
		return 1
	}
	count, inVowels := 0, false
	for i, r := range w {
		v := englishVowel(r) && !(r == 'y' && i == 0)
		if v && !inVowels {
			count++
		}
		inVowels = v
	}
	last, before := w[n-1], w[n-2]
	switch {
	case last == 'e' && before == 'l' && !englishVowel(w[n-3]):
		// "table", "little": the "le" is a syllable.
	case last == 'e' && !englishVowel(before):
		count-- // "make", "there"
	case last == 's' && before == 'e' && !silentBeforeES(w[:n-2]):
		if !englishVowel(w[n-3]) {
			count-- // "makes", but not "goes", "places" or "boxes"
		}
	case last == 'd' && before == 'e' && w[n-3] != 't' && w[n-3] != 'd' && !englishVowel(w[n-3]):
		count-- // "asked", but not "wanted", "needed" or "agreed"
	}
	return max(count, 1)
}

// silentBeforeES reports whether stem, a word without its final "es",
// ends in a sound that makes the "es" a syllable: s, x, z, ch, sh, ce, ge.
func silentBeforeES(stem []rune) bool {
	n := len(stem)
	if n == 0 {
		return false
	}
	switch stem[n-1] {
	case 's', 'x', 'z', 'c', 'g':
		return true
	case 'h':
		return n >= 2 && (stem[n-2] == 'c' || stem[n-2] == 's')
	}
	return false
}

// asciiVowels marks the vowels of English among ASCII letters.
var asciiVowels = [128]bool{'a': true, 'e': true, 'i': true, 'o': true, 'u': true, 'y': true}

func englishVowel(r rune) bool {
	if r < 128 {
		return asciiVowels[r]
	}
	switch r {
	case 'à', 'á', 'â', 'ä', 'è', 'é', 'ê', 'ë', 'ì', 'í', 'î', 'ï', 'ò', 'ó', 'ô', 'ö', 'ù', 'ú', 'û', 'ü':
		return true
	}
	return false
}

// spanishSyllables counts the syllables of a Spanish word, lowercased, as
// its vowel nuclei: two vowels side by side share a syllable (a diphthong,
// "ciudad", "guerra") unless both are strong (a, e, o, or an accented í or
// ú: a hiatus, "aéreo", "país"). A "y" is a vowel at the end of a word or
// before a consonant ("hoy", "muy"), a consonant before a vowel ("ayer").
func spanishSyllables(w []rune) int {
	count, prev := 0, rune(0) // prev: the vowel before, or 0
	for i, r := range w {
		if r == 'y' && (i+1 == len(w) || !spanishVowel(w[i+1])) && i > 0 {
			r = 'i' // a vowel sound, weak
		}
		if !spanishVowel(r) {
			prev = 0
			continue
		}
		if prev == 0 || (spanishStrong(prev) && spanishStrong(r)) {
			count++
		}
		prev = r
	}
	return max(count, 1)
}

func spanishVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'á', 'é', 'í', 'ó', 'ú', 'ü':
		return true
	}
	return false
}

// spanishStrong reports whether vowel r is strong: a, e, o, or a weak
// vowel made strong by its accent.
func spanishStrong(r rune) bool {
	switch r {
	case 'a', 'e', 'o', 'á', 'é', 'ó', 'í', 'ú':
		return true
	}
	return false
}
