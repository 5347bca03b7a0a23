package search

import (
	"sync"

	"github.com/playbook-edu/playbook/internal/model"
)

// A term is a stem's score in one document before idf: the stem's number
// in the dictionary in the high bits, the score in the low scoreBits.
// A document's terms are a slice of these, in no particular order. The
// slice holds no pointers, so the garbage collector never looks inside
// it, and the Cache of every guide's terms stays a few bytes a stem.
type term uint32

// scoreBits holds the highest score before idf, a word in the title, the
// summary and the body at once.
const scoreBits = 5

// A compile-time check: this fails to build when the weights outgrow
// scoreBits.
const _ = uint(1<<scoreBits - 1 - (titleWeight + summaryWeight + bodyCap))

// maxStems is how many stems a term can number.
const maxStems = 1 << (32 - scoreBits)

func makeTerm(stem int32, score uint8) term { return term(stem)<<scoreBits | term(score) }

func (t term) stem() int32 { return int32(t >> scoreBits) }
func (t term) score() int  { return int(t & (1<<scoreBits - 1)) }

// noStem is the number of a stop word, which has no stem to index.
const noStem = -1

// dictionary numbers the stems of a playbook's words, by the rules of its
// language, and remembers each word's stem number so that a word is
// stemmed once, however often it is used. The goroutines of a Build share
// it; the Cache keeps it from one Build to the next, which keeps the
// numbers in cached terms meaning the same stems. Numbers are never
// reused or changed: stems are only added.
type dictionary struct {
	lang  *Language
	mu    sync.Mutex
	words map[string]int32 // word → stem number, or noStem
	ids   map[string]int32 // stem → stem number
	stems []string         // stem number → stem
}

func newDictionary(lang *Language) *dictionary {
	return &dictionary{lang: lang, words: map[string]int32{}, ids: map[string]int32{}}
}

// number returns the number of word's stem, or noStem for a stop word.
func (d *dictionary) number(word []byte) int32 {
	d.mu.Lock()
	defer d.mu.Unlock()
	if n, ok := d.words[string(word)]; ok {
		return n
	}
	w := string(word)
	n := int32(noStem)
	if !d.lang.Stop(w) {
		s := d.lang.Stem(w)
		var ok bool
		if n, ok = d.ids[s]; !ok {
			if len(d.stems) == maxStems {
				panic("search: more stems than a term can number")
			}
			n = int32(len(d.stems))
			d.ids[s] = n
			d.stems = append(d.stems, s)
		}
	}
	d.words[w] = n
	return n
}

// all returns every stem, by number. The slice is safe to read while
// other goroutines add stems: they only append.
func (d *dictionary) all() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.stems[:len(d.stems):len(d.stems)]
}

// scorer works out the terms of documents, one at a time, on one
// goroutine. It keeps its own copy of the word numbers it has met, so that
// a word costs one lookup, without a lock or an allocation, and adds
// up scores in slices indexed by stem number rather than in maps.
type scorer struct {
	dict  *dictionary
	words map[string]int32 // word → stem number, as in dict
	scan  wordScanner

	// The field being read: each use of a stem adds weight, for at most
	// limit uses.
	weight, limit uint8
	fieldNo       uint32 // counts the fields read, so that seen needs no clearing

	seen  []uint32 // stem → the last fieldNo it was used in
	uses  []uint8  // stem → its uses in field seen[stem]
	score []uint8  // stem → its score in the document so far
	stems []int32  // the stems with a score, in order of first use
}

func newScorer(d *dictionary) *scorer {
	return &scorer{dict: d, words: map[string]int32{}, scan: wordScanner{buf: make([]byte, 0, 64)}}
}

// guide returns the terms of a guide.
func (s *scorer) guide(gd *model.Guide) []term {
	s.field(1, bodyCap)
	eachText(gd.Body.HTML, s.read)
	s.field(summaryWeight, 1)
	s.read(gd.Summary)
	s.field(titleWeight, 1)
	s.read(gd.Title)
	return s.terms()
}

// doc returns the terms of a document with the three fields: each use in
// the body counts 1, up to bodyCap; being in the summary adds
// summaryWeight and being in the title titleWeight.
func (s *scorer) doc(title, summary, body string) []term {
	s.field(1, bodyCap)
	s.read(body)
	s.field(summaryWeight, 1)
	s.read(summary)
	s.field(titleWeight, 1)
	s.read(title)
	return s.terms()
}

// field starts a field of the document: the text read until the next
// call scores weight a use of a stem, for at most limit uses.
func (s *scorer) field(weight, limit uint8) {
	s.weight, s.limit = weight, limit
	s.fieldNo++
}

// read adds the words of text to the current field.
func (s *scorer) read(text string) {
	s.scan.text, s.scan.pos = text, 0
	for w := s.scan.next(); w != nil; w = s.scan.next() {
		n, ok := s.words[string(w)] // no copy: the compiler looks up the bytes
		if !ok {
			n = s.learn(w)
		}
		if n == noStem {
			continue
		}
		if s.seen[n] != s.fieldNo {
			s.seen[n], s.uses[n] = s.fieldNo, 0
			if s.score[n] == 0 {
				s.stems = append(s.stems, n)
			}
		}
		if s.uses[n] < s.limit {
			s.uses[n]++
			s.score[n] += s.weight
		}
	}
}

// learn finds the stem number of a word met for the first time.
func (s *scorer) learn(w []byte) int32 {
	n := s.dict.number(w)
	s.words[string(w)] = n
	if int(n) >= len(s.score) {
		size := max(int(n)+1, 2*len(s.score), 1024)
		s.seen = append(s.seen, make([]uint32, size-len(s.seen))...)
		s.uses = append(s.uses, make([]uint8, size-len(s.uses))...)
		s.score = append(s.score, make([]uint8, size-len(s.score))...)
	}
	return n
}

// terms returns the document's terms and starts the next document.
func (s *scorer) terms() []term {
	out := make([]term, len(s.stems))
	for i, n := range s.stems {
		out[i] = makeTerm(n, s.score[n])
		s.score[n] = 0
	}
	s.stems = s.stems[:0]
	return out
}

// Cache keeps each guide's terms from one Build to the next, so that the
// dev server reads again only the guides that changed. Guides are cached
// by pointer: the load stage's cache hands back the same record for a file
// that did not change. The zero Cache is ready to use.
type Cache struct {
	mu     sync.Mutex
	dict   *dictionary             // numbers the stems of the terms below
	guides map[*model.Guide][]term // the last Build's guides
}

// begin returns the dictionary to number stems with, by the rules of
// lang, and the terms of the last Build's guides. The map is the Cache's,
// to read without a lock: the Cache replaces it in end, and never changes
// it. A nil Cache gives a new dictionary and no terms; so does a Cache
// whose terms are of another language (the playbook's changed), which
// then forgets them.
func (c *Cache) begin(lang *Language) (*dictionary, map[*model.Guide][]term) {
	if c == nil {
		return newDictionary(lang), nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dict == nil || c.dict.lang.Code != lang.Code {
		c.dict, c.guides = newDictionary(lang), nil
	}
	return c.dict, c.guides
}

// end keeps the terms of the guides of this Build, numbered by dict, and
// of no others, unless a Build of another language has replaced dict
// since.
func (c *Cache) end(dict *dictionary, guides []*model.Guide, terms [][]term) {
	if c == nil {
		return
	}
	m := make(map[*model.Guide][]term, len(guides))
	for i, gd := range guides {
		m[gd] = terms[i]
	}
	c.mu.Lock()
	if c.dict == dict {
		c.guides = m
	}
	c.mu.Unlock()
}
