package search

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/jsontext"
	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/load"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/synth"
)

// This file keeps the first, simple versions of the word splitter and of
// the index file's encoder, which the faster code must agree with byte for
// byte: the fuzz tests and TestJSONMatchesReflection compare them.

// referenceWords splits text as Words did when it worked on strings, one
// rune at a time.
func referenceWords(text string) []string {
	var out []string
	start, plain := -1, true
	end := func(i int) {
		if start < 0 {
			return
		}
		w := text[start:i]
		if !plain {
			w = strings.Map(func(r rune) rune {
				if r == '\'' || r == '’' {
					return -1
				}
				return r
			}, w)
			w = strings.TrimLeftFunc(strings.ToLower(w), unicode.IsMark)
		}
		if w != "" {
			out = append(out, w)
		}
		start, plain = -1, true
	}
	for i, r := range text {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
		case r >= 'A' && r <= 'Z', r == '\'' || r == '’', r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r)):
			plain = false
		default:
			end(i)
			continue
		}
		if start < 0 {
			start = i
		}
	}
	end(len(text))
	return out
}

// referenceJSON encodes the index file with encoding/json, as JSON did
// before it wrote the file with appends.
func referenceJSON(ix *Index) []byte {
	type file struct {
		V       int               `json:"v"`
		Lang    string            `json:"lang"`
		Stop    []string          `json:"stop"`
		Kinds   []string          `json:"kinds"`
		Roles   [][2]string       `json:"roles"`
		Systems [][2]string       `json:"systems"`
		Docs    [][]any           `json:"docs"`
		Terms   map[string]string `json:"terms"`
	}
	f := file{V: 2, Stop: []string{}, Kinds: Kinds, Roles: [][2]string{}, Systems: [][2]string{}, Docs: [][]any{}, Terms: map[string]string{}}
	if ix.Language != nil {
		f.Lang = ix.Language.Code
		f.Stop = append(f.Stop, ix.Language.StopWords...)
	}
	for _, r := range ix.Roles {
		f.Roles = append(f.Roles, [2]string{r.ID, r.Name})
	}
	for _, s := range ix.Systems {
		f.Systems = append(f.Systems, [2]string{s.ID, s.Name})
	}
	for _, d := range ix.Docs {
		rs, ss := d.Roles, d.Systems
		if rs == nil {
			rs = []int{}
		}
		if ss == nil {
			ss = []int{}
		}
		f.Docs = append(f.Docs, []any{d.Kind, d.Title, d.URL, d.Snippet, rs, ss})
	}
	for s, ps := range ix.Postings {
		var b []byte
		prev := 0
		for _, p := range ps {
			b = appendNumber(b, int(p.Doc)-prev)
			b = appendNumber(b, int(p.Score))
			prev = int(p.Doc)
		}
		f.Terms[s] = string(b)
	}
	var out strings.Builder
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		panic(err)
	}
	return []byte(out.String())
}

// wordSeeds are texts that exercise every branch of the splitter.
var wordSeeds = []string{
	"", " ", "a", "The district's plan", "DISTRICT’S", "don't ''' ’’ ' x'", "k12 2024 café CAFÉ Ünïcödé",
	"naïve\u00a0résumé — “quoted” text…", "ǅemal ΣΊΣΥΦΟΣ straße İstanbul K", "日本語の文 and ٣٤ digits",
	"bad \xff utf8\xc3 here", "tab\tnew\nline", "a-b_c.d,e;f:g!h?i(j)k[l]m{n}",
	"Matema\u0301ticas decomposed, \u0301 a mark alone, '\u0301x, x'\u0301, \u21a9\ufe0e", "हिन्दी में कुछ शब्द", "Los niños leen más; ¿qué aprendieron?",
}

// FuzzWords checks Words against referenceWords.
func FuzzWords(f *testing.F) {
	for _, s := range wordSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got, want := Words(text), referenceWords(text)
		if strings.Join(got, "\x00") != strings.Join(want, "\x00") || len(got) != len(want) {
			t.Errorf("Words(%q) = %q, want %q", text, got, want)
		}
	})
}

func TestWordsMatchReference(t *testing.T) {
	for _, s := range wordSeeds {
		got, want := Words(s), referenceWords(s)
		if strings.Join(got, "\x00") != strings.Join(want, "\x00") || len(got) != len(want) {
			t.Errorf("Words(%q) = %q, want %q", s, got, want)
		}
	}
}

// referenceTerms scores a document's stems as Build did with maps: each
// use in the body counts 1, up to bodyCap; being in the summary adds
// summaryWeight and being in the title titleWeight.
func referenceTerms(lang *Language, title, summary, body string) map[string]int {
	t := map[string]int{}
	field := func(text string, weight, limit int) {
		uses := map[string]int{}
		for _, w := range referenceWords(text) {
			if !lang.Stop(w) {
				uses[lang.Stem(w)]++
			}
		}
		for s, n := range uses {
			if weight > 0 {
				t[s] += weight
			} else {
				t[s] += min(n, limit)
			}
		}
	}
	field(body, 0, bodyCap)
	field(summary, summaryWeight, 0)
	field(title, titleWeight, 0)
	return t
}

// termMap is terms as a map from stem to score.
func termMap(d *dictionary, ts []term) map[string]int {
	stems := d.all()
	m := map[string]int{}
	for _, t := range ts {
		if _, ok := m[stems[t.stem()]]; ok {
			panic("a stem twice in one document's terms")
		}
		m[stems[t.stem()]] = t.score()
	}
	return m
}

// checkTerms compares the scorer's terms of a guide with referenceTerms of
// its text, the body through PlainText. One scorer reads every guide, to
// check it starts each document afresh.
func checkTerms(t *testing.T, s *scorer, title, summary, bodyHTML string) {
	t.Helper()
	gd := &model.Guide{Title: title, Summary: summary}
	gd.Body.HTML = bodyHTML
	got := termMap(s.dict, s.guide(gd))
	want := referenceTerms(s.dict.lang, title, summary, PlainText(bodyHTML))
	if !maps.Equal(got, want) {
		t.Errorf("terms of %q, %q, %q:\n%v\nwant\n%v", title, summary, bodyHTML, got, want)
	}
}

var htmlSeeds = []string{
	"", "<p>Mentors mentor the mentoring of mentored mentors.</p>",
	"<p>The district&rsquo;s <em>plan</em>: don&#39;t &amp; won&#x27;t, caf&eacute; &lt;b&gt;</p>",
	"<h2 id=\"why\">Why it matters</h2><ul><li>team</li><li>teams, teamed</li></ul>",
	"a<b>c</b>d<", "unclosed <tag and more", "x>y<z", "&amp", "&notit; &notin &#1234567;",
}

// testLanguages are the languages the scorer is checked in: each with
// rules, and one without.
var testLanguages = []string{"en", "es", "fr"}

func TestTermsMatchReference(t *testing.T) {
	for _, tag := range testLanguages {
		t.Run(tag, func(t *testing.T) {
			s := newScorer(newDictionary(LanguageOf(tag)))
			for _, h := range append(htmlSeeds, wordSeeds...) {
				checkTerms(t, s, "Trust and the mentors", "Mentoring for trust: "+h, h)
				checkTerms(t, s, "Las matemáticas del niño", "Tutoría entre pares: "+h, h)
			}
		})
	}
}

// FuzzTerms checks the scorer, reading HTML without PlainText, against
// referenceTerms, in each of testLanguages.
func FuzzTerms(f *testing.F) {
	for _, h := range htmlSeeds {
		f.Add("Peer mentoring", "Pair colleagues.", h)
	}
	f.Add("Matemáticas", "Los niños aprenden", "<p>El niño y la niña leyeron.</p>")
	var scorers []*scorer
	for _, tag := range testLanguages {
		scorers = append(scorers, newScorer(newDictionary(LanguageOf(tag))))
	}
	f.Fuzz(func(t *testing.T, title, summary, body string) {
		for _, s := range scorers {
			checkTerms(t, s, title, summary, body)
		}
	})
}

// FuzzJSONString checks the index's strings (jsontext.AppendString, without
// HTML escaping) against encoding/json.
func FuzzJSONString(f *testing.F) {
	for _, s := range append(wordSeeds, "\"quote\" and \\back\\slash", "\x00\x01\b\f\n\r\t\x1f\x7f", "<a href='x'>&amp;</a>", "line\u2028para\u2029end", "\xe2\x80", "\xed\xa0\x80") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want strings.Builder
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got := string(jsontext.AppendString(nil, s, false)) + "\n"; got != want.String() {
			t.Errorf("AppendString(%q) = %s, want %s", s, got, want.String())
		}
	})
}

// TestJSONMatchesReflection compares JSON with referenceJSON on small
// playbooks made to need escapes, and on a synthetic one.
func TestJSONMatchesReflection(t *testing.T) {
	ix := &Index{
		Roles:   []Facet{{"teacher", "Teacher \"T\""}, {"x", "<b>&</b>\u2028"}},
		Systems: []Facet{},
		Docs: []Doc{
			{Kind: 0, Title: "A \\ b\tc", URL: "/guides/a/", Snippet: "caf\xe9…", Roles: []int{0, 1}},
			{Kind: 6, Title: "", URL: "", Snippet: "", Systems: []int{3}},
		},
		Postings: map[string][]Posting{"mentor": {{0, 1}, {1, 40000}}, "caf\xe9": {{1, 7}}, "a\"b": {{0, 33}}},
	}
	ix.stems = []string{"a\"b", "caf\xe9", "mentor"}
	if got, want := ix.JSON(), referenceJSON(ix); string(got) != string(want) {
		t.Errorf("JSON:\n%s\nwant\n%s", got, want)
	}
	if got, want := (&Index{}).JSON(), referenceJSON(&Index{}); string(got) != string(want) {
		t.Errorf("JSON of an empty index:\n%s\nwant\n%s", got, want)
	}

	dir := t.TempDir()
	if err := synth.Write(dir, 100); err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	pb, err := load.Load(context.Background(), os.DirFS(dir), load.Options{}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	ix = Build(link.Link(pb, &diags), nil)
	if got, want := ix.JSON(), referenceJSON(ix); !bytes.Equal(got, want) {
		t.Errorf("JSON of the synthetic playbook differs from encoding/json's")
	}
}

// FuzzTidy checks that excerpt may skip the join of the fields of a text
// tidy says is tidy.
func FuzzTidy(f *testing.F) {
	for _, s := range append(wordSeeds, "a  b", " a", "a ", "a\tb", "a\u00a0b", "a\u0085b", "one two three") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if tidy(s) && strings.Join(strings.Fields(s), " ") != s {
			t.Errorf("tidy(%q), but its fields joined are %q", s, strings.Join(strings.Fields(s), " "))
		}
	})
}
