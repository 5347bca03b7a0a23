// Package search builds the playbook's full-text search index at build
// time and answers queries from it. The site's /search/ page loads the
// index as one file and queries it with search.js, in the reader's
// browser: no request leaves the site and nothing typed is sent anywhere.
//
// # What is indexed
//
// Every guide, story, role, performance system, goal, checklist and
// reflection form is a document with three fields:
//
//	title    the record's title (a system's name and code)       weight 10
//	summary  its one-sentence summary                            weight 4
//	body     everything else it shows: a guide's or story's      1 per use, at most 3
//	         text, a role's description, spheres and pathway,
//	         a goal's reasons, indicators and answers, a
//	         checklist's items, a form's prompts
//
// Text is split into words (Words); words too common to find anything by
// (stop words, such as "the") are dropped, and each word is reduced to its
// stem by the rules of the playbook's language (see Languages), so
// "mentoring" finds "mentors" and "matematicas" finds "matemáticas". A
// document's score for a stem is the sum of the weights of the fields it
// appears in, multiplied by how rare the stem is across the playbook
// (inverse document frequency), rounded to a whole number.
//
// # Languages
//
// The playbook's language (language: in playbook.yaml, a BCP 47 tag)
// chooses the rules by its primary subtag (LanguageOf):
//
//	en      the Snowball English (Porter2) stemmer, English stop words
//	es      the Snowball Spanish stemmer, Snowball's Spanish stop words
//	others  no stemming and no stop words: one language's rules do harm
//	        in another
//
// The stemmers are github.com/kljensen/snowball's; the stop words are
// lists in stopwords/, a file a language. Every word is also folded: it is
// decomposed (NFD), its combining diacritical marks (U+0300 to U+036F) are
// dropped and it is composed again (NFC), so that a reader may leave the
// accents out: "nino" finds "niño". Each stemmer reads a word as its
// algorithm is written: English's, defined on the letters a to z, reads
// it folded ("naïve" as "naive"); Spanish's, whose vowels and suffixes
// have accents ("-ación"), reads it as written, and its stem is folded
// after. A word with a character outside the stemmer's alphabet ("k12")
// is indexed as it is, folded. Stop words are matched folded: "mas" is
// dropped as "más" is. Where an accent changes a Spanish stem ("aprendió"
// gives "aprend", "aprendio" gives "aprendi"), the word typed without it
// finds the accented one as it is being typed (see Queries), but not once
// a space follows it.
//
// # Queries
//
// A query's words, stemmed, must all occur in a document. The last word
// also matches as the beginning of a longer word ("ment" finds "mentor"),
// at half the score, so results follow the reader's typing. A document
// whose title is exactly the query, its words folded, comes first
// ("reflexion del viernes" is the title "Reflexión del viernes"); then by
// score; ties keep index order (guides by title, then stories newest
// first, then roles, systems, goals, checklists and forms in file order).
// Filters keep only the documents for one role or one performance system:
// those written for it, and the role's or system's own page.
//
// Search implements this in Go; search.js implements the same steps on
// the same integer scores, with ports of the two stemmers, and the
// browser tests check that both give the same results and the same stems,
// word for word, on Snowball's English and Spanish vocabularies and on
// generated words.
//
// # The index file
//
// JSON, written to /search/index.json:
//
//	{"v": 2,
//	 "lang":    "es",                               the rules: LanguageOf's code
//	 "stop":    ["a", "al", "algo", ...],           the stop words, folded, sorted
//	 "kinds":   ["Guide", "Story", ...],            labels of document kinds
//	 "roles":   [["teacher", "Teacher"], ...],      filters: id and name
//	 "systems": [["AWP", "Alignment of ..."], ...],
//	 "docs":    [[kind, "title", "url", "snippet", [roles], [systems]], ...],
//	 "terms":   {"mentor": "postings", ...}}        by stem, folded
//
// search.js takes the language and the stop words from the file, not from
// the page, so that the file is all it needs to answer a query as Go does
// (version 1 had neither, and English rules). A document's roles and
// systems are indexes into "roles" and "systems"; its snippet is its
// summary (or the start of its text), cut to 160 bytes.
// A stem's postings are pairs of numbers, the document's index (as the
// difference from the previous pair's) and its score, each written as a
// variable-length number in the characters 0-9a-zA-Z-_: a character
// below 'w' (value 32) ends a number, and one from 'w' on carries five more
// bits, low bits first. The index must stay under a quarter of the size of
// the site's text (TestIndexSize); it is 14% for this repository's playbook.
package search

import (
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/playbook-edu/playbook/internal/kind"
	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/route"
)

// Field weights: a word in the title counts most, then the summary, then
// each use in the body up to bodyCap, which stays below the summary's weight.
const (
	titleWeight   = 10
	summaryWeight = 4
	bodyCap       = 3
	// scoreScale keeps two digits of the inverse document frequency in
	// the whole-number scores.
	scoreScale = 4
	// snippetLen is the most bytes a result's snippet has.
	snippetLen = 160
)

// IndexFile is where the index is written, relative to the site root.
const IndexFile = "search/index.json"

// Kinds are the names of the kinds of document the index holds (package
// kind), in the order of search's facets: a Doc's Kind is an index into
// it.
var Kinds = func() []string {
	var out []string
	for _, k := range kind.Searched() {
		out = append(out, k.Name)
	}
	return out
}()

// kindIndex returns the index in Kinds of the kind called name.
func kindIndex(name string) int {
	i := slices.Index(Kinds, name)
	if i < 0 {
		panic("search: the kind " + name + " has no SearchRank in package kind's table")
	}
	return i
}

// The index of each kind of document in Kinds.
var (
	guideKind      = kindIndex("guide")
	storyKind      = kindIndex("story")
	roleKind       = kindIndex("role")
	systemKind     = kindIndex("system")
	goalKind       = kindIndex("goal")
	checklistKind  = kindIndex("checklist")
	reflectionKind = kindIndex("reflection")
)

// Doc is one searchable record.
type Doc struct {
	Kind    int    // index into Kinds
	Title   string // as shown
	URL     string // the page's path, base path included
	Snippet string // shown under the title
	Roles   []int  // indexes into Index.Roles
	Systems []int  // indexes into Index.Systems
}

// Facet is a role or system a reader can filter by.
type Facet struct {
	ID, Name string
}

// Posting is a document's score for a stem. Its numbers are 32 bits, which
// halves the largest part of the index in memory: a playbook of 10,000
// guides has the best part of a million postings.
type Posting struct {
	Doc, Score int32
}

// Index is the search index of a playbook.
type Index struct {
	Language *Language // the rules its words were indexed by
	// Labels are the kinds' names as readers see them, in Kinds' order
	// and the index's language; the kinds' names (Kinds) when nil.
	Labels   []string
	Roles    []Facet
	Systems  []Facet
	Docs     []Doc
	Postings map[string][]Posting // by stem, documents in index order

	stems []string // the keys of Postings, sorted, for prefix matches
}

// Build indexes the playbook in g, by the rules of its language
// (g.Config.Language). cache may be nil.
func Build(g *link.Graph, cache *Cache) *Index {
	base := route.BasePath(g.Config.BaseURL)
	url := func(p string) string { return base + route.In(g.Config.Prefix, p)[1:] }
	ix := &Index{Language: LanguageOf(g.Config.Language)}
	roleIndex, systemIndex := map[*model.Role]int{}, map[*model.System]int{}
	for i, r := range g.Roles {
		ix.Roles = append(ix.Roles, Facet{r.ID, r.Name})
		roleIndex[r] = i
	}
	for i, s := range g.Systems {
		ix.Systems = append(ix.Systems, Facet{s.Code, s.Name})
		systemIndex[s] = i
	}
	roles := func(refs []model.Ref, more ...*model.Role) []int {
		var out []int
		for _, r := range refs {
			if x := g.Role(r.ID); x != nil {
				out = append(out, roleIndex[x])
			}
		}
		for _, x := range more {
			out = append(out, roleIndex[x])
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	systems := func(refs []model.Ref) []int {
		var out []int
		for _, r := range refs {
			if x := g.System(r.ID); x != nil {
				out = append(out, systemIndex[x])
			}
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	// guidesFacets gathers the roles and systems of the guides that use a
	// checklist or form, and more roles. It marks them off, rather than
	// collecting every guide's references to sort, and takes them from the
	// guides' documents: one checklist may be used by thousands of guides.
	guideDoc := map[*model.Guide]int{} // filled once the guides' documents are made
	guidesFacets := func(guides []*model.Guide, more []*model.Role) ([]int, []int) {
		inRole, inSystem := make([]bool, len(ix.Roles)), make([]bool, len(ix.Systems))
		for _, gd := range guides {
			var rs, ss []int
			if i, ok := guideDoc[gd]; ok {
				rs, ss = ix.Docs[i].Roles, ix.Docs[i].Systems
			} else { // not one of g.Guides
				rs, ss = roles(gd.Roles), systems(gd.Systems)
			}
			for _, r := range rs {
				inRole[r] = true
			}
			for _, s := range ss {
				inSystem[s] = true
			}
		}
		for _, x := range more {
			inRole[roleIndex[x]] = true
		}
		return marked(inRole), marked(inSystem)
	}

	dict, cached := cache.begin(ix.Language)
	byTitle := slices.Clone(g.Guides)
	slices.SortStableFunc(byTitle, func(a, b *model.Guide) int { return strings.Compare(a.Title, b.Title) })
	ix.Docs = make([]Doc, len(byTitle), len(byTitle)+len(g.Stories)+len(g.Roles)+len(g.Systems)+len(g.Goals)+len(g.Checklists)+len(g.Reflections))
	terms := make([][]term, len(byTitle), cap(ix.Docs)) // each document's, as ix.Docs
	// Guides are most of the work: they are shared out among goroutines,
	// each taking the next guide not yet taken.
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(byTitle))) {
		wg.Go(func() {
			s := newScorer(dict)
			for i := int(next.Add(1) - 1); i < len(byTitle); i = int(next.Add(1) - 1) {
				gd := byTitle[i]
				ix.Docs[i] = Doc{Kind: guideKind, Title: gd.Title, URL: url(route.Guide(gd.ID)), Snippet: excerpt(gd.Summary, snippetLen),
					Roles: roles(gd.Roles), Systems: systems(gd.Systems)}
				t, ok := cached[gd]
				if !ok {
					t = s.guide(gd)
				}
				terms[i] = t
			}
		})
	}
	wg.Wait()
	cache.end(dict, byTitle, terms)
	for i, gd := range byTitle {
		guideDoc[gd] = i
	}

	sc := newScorer(dict)
	add := func(d Doc, title, summary, body string) {
		ix.Docs = append(ix.Docs, d)
		terms = append(terms, sc.doc(title, summary, body))
	}
	stories := slices.Clone(g.Stories)
	slices.SortStableFunc(stories, func(a, b *model.Story) int { return strings.Compare(b.Date, a.Date) })
	for _, s := range stories {
		body := PlainText(s.Body.HTML) + " " + strings.Join(s.Evidence, " ")
		add(Doc{Kind: storyKind, Title: s.Title, URL: url(route.Story(s.ID)), Snippet: excerpt(s.Summary, snippetLen),
			Roles: roles(s.Roles), Systems: systems(s.Systems)}, s.Title, s.Summary, body)
	}
	for _, r := range g.Roles {
		body := []string{PlainText(r.Description.HTML)}
		body = append(body, r.Spheres...)
		for _, st := range r.Pathway {
			body = append(body, st.Why)
		}
		add(Doc{Kind: roleKind, Title: r.Name, URL: url(route.Role(r.ID)), Snippet: excerpt(r.Summary, snippetLen),
			Roles: []int{roleIndex[r]}}, r.Name, r.Summary, strings.Join(body, " "))
	}
	for _, s := range g.Systems {
		title := s.Name + " (" + s.Code + ")"
		add(Doc{Kind: systemKind, Title: title, URL: url(route.System(s.Code)), Snippet: excerpt(s.Summary, snippetLen),
			Systems: []int{systemIndex[s]}}, title, s.Summary, PlainText(s.Definition.HTML)+" "+s.Sector)
	}
	for _, gl := range g.Goals {
		q := gl.Questions
		body := append([]string{PlainText(gl.Why.HTML), q.Vision, q.Priorities, q.Systems, q.Actions, q.Monitoring}, gl.IndicatorNames()...)
		rs, ss := guidesFacets(g.GoalGuides[gl], nil)
		rs = slices.Compact(slices.Sorted(slices.Values(append(rs, roles(gl.Owners)...))))
		add(Doc{Kind: goalKind, Title: gl.Title, URL: url(route.Goal(gl.ID)), Snippet: excerpt(first(gl.Summary, PlainText(gl.Why.HTML)), snippetLen),
			Roles: rs, Systems: ss}, gl.Title, gl.Summary, strings.Join(body, " "))
	}
	for _, c := range g.Checklists {
		var body []string
		for _, s := range c.Sections {
			body = append(body, s.Title)
			for _, it := range s.Items {
				body = append(body, it.Text)
			}
		}
		rs, ss := guidesFacets(g.ChecklistGuides[c], g.ChecklistRoles[c])
		add(Doc{Kind: checklistKind, Title: c.Title, URL: url(route.Checklist(c.ID)), Snippet: excerpt(first(c.Summary, strings.Join(body, " ")), snippetLen),
			Roles: rs, Systems: ss}, c.Title, c.Summary, strings.Join(body, " "))
	}
	for _, r := range g.Reflections {
		var body []string
		for _, p := range r.Prompts {
			body = append(body, p.Text, p.Help, p.Scale.MinLabel, p.Scale.MaxLabel)
			body = append(body, p.Choices...)
		}
		rs, ss := guidesFacets(g.ReflectionGuides[r], nil)
		add(Doc{Kind: reflectionKind, Title: r.Title, URL: url(route.Reflection(r.ID)), Snippet: excerpt(first(r.Summary, strings.Join(body, " ")), snippetLen),
			Roles: rs, Systems: ss}, r.Title, r.Summary, strings.Join(body, " "))
	}

	ix.Postings, ix.stems = postings(dict.all(), terms)
	return ix
}

// postings turns the documents' terms into each stem's postings, in
// document order, with the scores multiplied by the stem's idf, and
// returns them with the stems that have any, sorted. The postings of all
// stems share one array, laid out stem after stem: counting each stem's
// documents first tells where each stem's part begins.
func postings(stems []string, docs [][]term) (map[string][]Posting, []string) {
	df := make([]int32, len(stems)) // stem → documents it is in
	total := 0
	for _, ts := range docs {
		for _, t := range ts {
			df[t.stem()]++
		}
		total += len(ts)
	}
	// end[n] is where stem n's postings end in all, once filled; it starts
	// out where they begin.
	end := make([]int32, len(stems))
	used, at := 0, int32(0)
	for n, f := range df {
		end[n] = at
		at += f
		if f > 0 {
			used++
		}
	}
	all := make([]Posting, total)
	for d, ts := range docs {
		for _, t := range ts {
			n := t.stem()
			all[end[n]] = Posting{Doc: int32(d), Score: int32(t.score())}
			end[n]++
		}
	}
	byStem := make(map[string][]Posting, used)
	sorted := make([]string, 0, used)
	nDocs := float64(len(docs))
	for n, f := range df {
		if f == 0 {
			continue
		}
		ps := all[end[n]-f : end[n] : end[n]]
		idf := math.Log(1 + nDocs/float64(len(ps)))
		for i := range ps {
			ps[i].Score = max(1, int32(math.Round(float64(ps[i].Score)*idf*scoreScale)))
		}
		byStem[stems[n]] = ps
		sorted = append(sorted, stems[n])
	}
	slices.Sort(sorted)
	return byStem, sorted
}

// marked returns the indexes of the true elements of m, in order; nil if
// there are none.
func marked(m []bool) []int {
	var out []int
	for i, ok := range m {
		if ok {
			out = append(out, i)
		}
	}
	return out
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
