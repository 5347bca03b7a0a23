package model

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Ids and codes: what a record may be called.

var slugRE = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// IsSlug reports whether id is a lowercase slug: letters a to z, digits and
// single hyphens between them.
func IsSlug(id string) bool { return slugRE.MatchString(id) }

var codeRE = regexp.MustCompile(`^[A-Z][A-Z0-9]*$`)

// IsCode reports whether code is a system's code: a capital letter, then
// capitals and digits ("ABC", "K12").
func IsCode(code string) bool { return codeRE.MatchString(code) }

// SlugRule says, for messages, what an id may be made of.
const SlugRule = "an id uses only lowercase letters a to z, digits 0 to 9, and single hyphens between them (no capitals, spaces, underscores or accented letters such as é or ñ)"

// Slugify returns the id nearest to s that IsSlug accepts: accents taken
// off their letters, capitals made small, and every run of other
// characters made one hyphen. "Walkthrough_Feedback" becomes
// "walkthrough-feedback", "Reflexión Año 1" "reflexion-ano-1".
func Slugify(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // a combining accent
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r == 'ß':
			b.WriteString("ss")
			hyphen = false
			continue
		default:
			if b.Len() > 0 {
				hyphen = true
			}
			continue
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "new-id"
	}
	return b.String()
}
