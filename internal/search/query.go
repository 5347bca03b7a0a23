package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Filter keeps the documents for one role or one performance system; an
// empty id keeps all.
type Filter struct {
	Role   string // a role's id
	System string // a system's code
}

// Result is a document a query found.
type Result struct {
	Doc   int  // index into Index.Docs
	Score int  // the sum of its terms' scores
	Exact bool // its title is the query
}

// minPartial is the shortest stem a longer typed word matches: "mentori",
// typed on the way to "mentoring", finds "mentor".
const minPartial = 4

// Search returns the documents matching query, best first, as described in
// the package documentation. A query with no word to look for finds
// nothing.
func (ix *Index) Search(query string, f Filter) []Result {
	words := Words(query)
	var look []string
	for _, w := range words {
		if !ix.Language.Stop(w) {
			look = append(look, w)
		}
	}
	if len(look) == 0 {
		return nil
	}
	// The last word is still being typed unless the query ends with a space.
	typing := true
	if r, _ := utf8.DecodeLastRuneInString(query); !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsNumber(r) {
		typing = false
	}
	var total map[int]int
	for i, w := range look {
		scores := ix.termScores(w, typing && i == len(look)-1)
		if total == nil {
			total = scores
			continue
		}
		for d := range total {
			if s, ok := scores[d]; ok {
				total[d] += s
			} else {
				delete(total, d)
			}
		}
	}
	role, system := facetIndex(ix.Roles, f.Role), facetIndex(ix.Systems, f.System)
	title := normalTitle(query)
	var out []Result
	for d, s := range total {
		doc := &ix.Docs[d]
		if (role != -1 && !slices.Contains(doc.Roles, role)) || (system != -1 && !slices.Contains(doc.Systems, system)) {
			continue
		}
		out = append(out, Result{Doc: d, Score: s, Exact: normalTitle(doc.Title) == title})
	}
	slices.SortFunc(out, func(a, b Result) int {
		if a.Exact != b.Exact {
			if a.Exact {
				return -1
			}
			return 1
		}
		if a.Score != b.Score {
			return b.Score - a.Score
		}
		return a.Doc - b.Doc
	})
	return out
}

// facetIndex returns the index of the facet with id, -1 for "" and -2 for
// an id that is not there (which keeps nothing).
func facetIndex(fs []Facet, id string) int {
	if id == "" {
		return -1
	}
	for i, f := range fs {
		if f.ID == id {
			return i
		}
	}
	return -2
}

// termScores returns, for each document containing word, its best score
// for it: the word's stem in full, or, when the reader is still typing it,
// half the score of a longer stem it begins or of a stem of minPartial
// letters or more that begins it. Stems are folded: so is the word, for
// the comparisons.
func (ix *Index) termScores(word string, typing bool) map[int]int {
	scores := map[int]int{}
	add := func(stem string, half bool) {
		for _, p := range ix.Postings[stem] {
			s := int(p.Score)
			if half {
				s /= 2
			}
			if d := int(p.Doc); s > scores[d] {
				scores[d] = s
			}
		}
	}
	stem := ix.Language.Stem(word)
	add(stem, false)
	if !typing {
		return scores
	}
	word = fold(word)
	for _, prefix := range []string{word, stem} {
		i, _ := slices.BinarySearch(ix.stems, prefix)
		for ; i < len(ix.stems) && strings.HasPrefix(ix.stems[i], prefix); i++ {
			if ix.stems[i] != stem {
				add(ix.stems[i], true)
			}
		}
	}
	runes := []rune(word)
	for n := minPartial; n < len(runes); n++ {
		if s := string(runes[:n]); s != stem {
			add(s, true)
		}
	}
	return scores
}
