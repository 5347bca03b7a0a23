package search_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/spanish"

	"github.com/playbook-edu/playbook/internal/browser"
	"github.com/playbook-edu/playbook/internal/search"
)

// spanishPlaybook is a small playbook in Spanish: its guide "Matemáticas
// en equipo" says "matemáticas" in its title, summary and body, and two
// guides say "niño".
const spanishPlaybook = "testdata/es"

// openSearch serves the playbook at src, opens its search page in
// Chromium and waits for the index. It returns the tab and the Go index.
func openSearch(t *testing.T, src string) (ctx context.Context, ix *search.Index) {
	t.Helper()
	addr, ix := served(t, src)
	ctx = browser.Chromium(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(addr+"/search/")); err != nil {
		t.Fatal(err)
	}
	eval[any](t, ctx, `window.playbookSearch.ready.then(() => true)`, chromedp.EvalAwaitPromise)
	return ctx, ix
}

// scriptResults runs a query through search.js, as [doc, score, exact].
func scriptResults(t *testing.T, ctx context.Context, q string, f search.Filter) [][3]int {
	t.Helper()
	js := fmt.Sprintf(`window.playbookSearch.search(%s, %s, %s).then(rs => rs.map(r => [r.doc, r.score, r.exact ? 1 : 0]))`, quote(q), quote(f.Role), quote(f.System))
	return eval[[][3]int](t, ctx, js, chromedp.EvalAwaitPromise)
}

// goResults runs a query through the Go index, as [doc, score, exact].
func goResults(ix *search.Index, q string, f search.Filter) [][3]int {
	var out [][3]int
	for _, r := range ix.Search(q, f) {
		exact := 0
		if r.Exact {
			exact = 1
		}
		out = append(out, [3]int{r.Doc, r.Score, exact})
	}
	return out
}

// TestSpanishSearchInBrowser searches a Spanish playbook in Chromium: the
// index is Spanish, a query finds a word with or without its accents,
// stop words find nothing, and search.js ranks as the Go index does.
func TestSpanishSearchInBrowser(t *testing.T) {
	ctx, ix := openSearch(t, spanishPlaybook)
	if ix.Language.Code != "es" {
		t.Fatalf("the index's language is %q, want es", ix.Language.Code)
	}
	if code := eval[string](t, ctx, `window.playbookSearch.ready.then(ix => ix.language.code)`, chromedp.EvalAwaitPromise); code != "es" {
		t.Fatalf("search.js reads the index's language as %q, want es", code)
	}

	// Every prefix of each query, as it is typed, and each query with a
	// space after it, give the Go index's results.
	var queries []string
	for _, q := range []string{"matemáticas", "matematicas", "MATEMATICAS", "niño", "nino", "niños", "tutoria entre", "Reflexión del viernes", "reflexion del viernes", "las matemáticas de", "aprendio"} {
		for i := range q {
			if i > 0 {
				queries = append(queries, q[:i])
			}
		}
		queries = append(queries, q, q+" ")
	}
	for _, f := range []search.Filter{{}, {Role: "estudiante"}, {System: "AWP"}} {
		for _, q := range queries {
			if !utf8.ValidString(q) {
				continue // cut inside an accented letter: not a query anyone types
			}
			if got, want := scriptResults(t, ctx, q, f), goResults(ix, q, f); !slices.Equal(got, want) {
				t.Errorf("query %q %+v: search.js gives %v, Go %v", q, f, got, want)
			}
		}
	}

	// With or without accents, the guide that says "matemáticas" comes
	// first, and the results are the same.
	accented := goResults(ix, "matemáticas", search.Filter{})
	for _, q := range []string{"matematicas", "Matematicas ", "MATEMÁTICAS"} {
		if got := goResults(ix, q, search.Filter{}); !slices.Equal(got, accented) {
			t.Errorf("%q finds %v, %q %v", q, got, "matemáticas", accented)
		}
	}
	if len(accented) < 2 || ix.Docs[accented[0][0]].Title != "Matemáticas en equipo" {
		t.Errorf("matemáticas finds %v, want Matemáticas en equipo first, then the guide that mentions it", titles(ix, ix.Search("matemáticas", search.Filter{})))
	}
	for _, q := range []string{"nino", "niño", "niños"} {
		if got := titles(ix, ix.Search(q, search.Filter{})); !slices.Contains(got, "Tutoría entre compañeros") || !slices.Contains(got, "Matemáticas en equipo") {
			t.Errorf("%q finds %q, want both guides that say niño", q, got)
		}
	}
	for _, q := range []string{"de", "las de", "más", "mas"} {
		if rs := ix.Search(q, search.Filter{}); len(rs) != 0 {
			t.Errorf("the stop words %q find %v", q, titles(ix, rs))
		}
	}

	// Typed with real key presses, without its accent: the results are on
	// the page in Go's order, with the accented word marked.
	if err := chromedp.Do(ctx, chromedp.SendKeys("#search-q", "matematicas")); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, `document.querySelectorAll("#search-results li").length > 0`)
	want := goTitles(ix, "matematicas", search.Filter{})
	if got := eval[[]string](t, ctx, shownTitles); !slices.Equal(got, want) || want[0] != "Matemáticas en equipo" {
		t.Errorf("results shown for matematicas:\n%q\nwant\n%q", got, want)
	}
	if marks := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#search-results mark")).map(m => m.textContent)`); !slices.Contains(marks, "Matemáticas") {
		t.Errorf("marked words %q; want Matemáticas among them", marks)
	}
}

// vocabulary reads a word list from testdata, one word a line. A missing
// or short list fails the test: it is what the test is about.
func vocabulary(t *testing.T, name string) []string {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	ws := strings.Fields(string(data))
	if len(ws) < 20000 {
		t.Fatalf("%s has %d words, want Snowball's vocabulary of over 20,000", name, len(ws))
	}
	return ws
}

// generated makes n words, the same every run, each of one to three of
// starts followed by up to two of endings: for a stemmer, endings are the
// suffixes it looks for, so that every step meets every suffix in regions
// of every length.
func generated(seed uint64, n int, starts, endings []string) []string {
	r := rand.New(rand.NewPCG(seed, 0))
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for range 1 + r.IntN(3) {
			b.WriteString(starts[r.IntN(len(starts))])
		}
		for range r.IntN(3) {
			b.WriteString(endings[r.IntN(len(endings))])
		}
		out[i] = b.String()
	}
	return out
}

// englishStarts and englishEndings make English-looking words for the
// Porter2 stemmer: its vowels, y, the letters its rules name, and its
// suffixes and special prefixes.
var (
	englishStarts = strings.Fields(`a e i o u y b c d f g h k l m n p r s t v w x z
		ba ce di fo gu hy ka le mo nu pi ro sa ti vo wa ya ze gener commun arsen str th ch sh`)
	englishEndings = strings.Fields(`s ss sses ies ied us ed eed eedly edly ing ingly at bl iz bb dd ff gg mm nn pp rr tt
		y ly tional enci anci abli entli izer ization ational ation ator alism aliti alli fulness ousli ousness
		iveness iviti biliti bli ogi fulli lessli li alize icate iciti ical ful ness ative al ance ence er ic able
		ible ant ement ment ent ism ate iti ous ive ize ion sion tion e l ll`)
)

// spanishStarts and spanishEndings make Spanish-looking words for the
// Snowball Spanish stemmer: syllables of its alphabet, accents included,
// and the suffixes of its every step.
var (
	spanishStarts = func() []string {
		var out []string
		for _, c := range strings.Fields(`_ b c ch d f g gu j l ll m n ñ p qu r rr s t v y z`) {
			for _, v := range strings.Fields(`a e i o u á é í ó ú ü ia ue`) {
				out = append(out, strings.TrimPrefix(c, "_")+v)
			}
		}
		return append(out, "n", "s", "r", "l", "d")
	}()
	spanishEndings = strings.Fields(`selas selos sela selo las les los nos me se la le lo
		iéndo iendo yendo ando ándo ár ér ír ar er ir
		amientos imientos aciones amiento imiento uciones logías idades encias ancias amente adores adoras
		ución mente logía istas ismos ibles encia anzas antes ancia adora ación ables osos osas ivos ivas
		ista ismo idad icos icas ible anza ante ador able oso osa ivo iva ico ica iv os ic ad at abil
		ya ye yan yen yeron yo yó yas yes yais yamos
		iésemos iéramos iríamos eríamos aríamos ásemos áramos ábamos isteis iríais iremos ieseis ierais
		eríais eremos asteis aríais aremos íamos irías irían iréis ieses iesen ieron ieras ieran erías
		erían eréis aseis arías arían aréis arais abais íais iste iría irás irán imos iese iera idos idas
		ería erás erán aste ases asen aría arás arán aron aras aran amos ados adas abas aban ías ían éis
		áis iré irá ido ida eré erá emos ase aré ará ara ado ada aba ís ía ió id es en ed as an
		a o á í ó e é gu gue`)
)

// spanishPronouns are step 0's: attached pronouns, removed after a
// gerund or an infinitive. generated puts them after those endings often
// enough for every pair to be met many times.
func spanishPronouns() []string {
	var out []string
	for _, verb := range strings.Fields(`iéndo iendo yendo ando ándo ár ér ír ar er ir`) {
		for _, pronoun := range strings.Fields(`selas selos sela selo las les los nos me se la le lo`) {
			out = append(out, verb+pronoun)
		}
	}
	return out
}

// TestStemmersMatchLibrary compares search.js's stemmers, in Chromium,
// with the Go library the index is built with, word for word: on
// Snowball's English and Spanish vocabularies (testdata) and on words
// generated from each algorithm's suffixes.
func TestStemmersMatchLibrary(t *testing.T) {
	ctx, _ := openSearch(t, spanishPlaybook)
	for _, tc := range []struct {
		lang    string
		words   []string
		library func(string) string
	}{
		{"en", append(vocabulary(t, "vocabulary-en.txt"), generated(1, 30000, englishStarts, englishEndings)...),
			func(w string) string { return english.Stem(w, true) }},
		{"es", append(vocabulary(t, "vocabulary-es.txt"), generated(2, 30000, spanishStarts, append(spanishEndings, spanishPronouns()...))...),
			func(w string) string { return spanish.Stem(w, true) }},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			// search.js gives its English stemmer words of three letters
			// a to z or more, as the Go package gives the library.
			words := slices.DeleteFunc(slices.Clone(tc.words), func(w string) bool {
				return tc.lang == "en" && (len(w) <= 2 || strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "")
			})
			list, _ := json.Marshal(words)
			got := eval[[]string](t, ctx, `(`+string(list)+`).map(w => window.playbookSearch.stemmers.`+tc.lang+`(w))`)
			if len(got) != len(words) {
				t.Fatalf("%d stems for %d words", len(got), len(words))
			}
			bad := 0
			for i, w := range words {
				if want := tc.library(w); got[i] != want {
					if bad++; bad <= 20 {
						t.Errorf("search.js stems %q as %q, the library as %q", w, got[i], want)
					}
				}
			}
			if bad > 20 {
				t.Errorf("and %d more words", bad-20)
			}
			t.Logf("%d words: %d differ", len(words), bad)
		})
	}
}

// foldingTexts makes n texts, the same every run, from letters in both
// cases with and without accents (composed and decomposed), Greek with
// its final sigma, the dotted İ, a script whose vowel signs are marks,
// Chinese, digits, apostrophes and separators.
func foldingTexts(n int) []string {
	pool := []rune("aeinosAEINOSáéíóúüñÁÉÍÓÚÜÑçÇàèìòùâêîôûäëïöÿåøæœßÆŒẞđĐệữẬαβγδσςΣΆΈάέΐΰİıIiिकुछ日本語0123456789٣'’ -.,\u0301\u0303\u0308\u0327\u0307\u20dd")
	r := rand.New(rand.NewPCG(3, 0))
	out := make([]string, n)
	for i := range out {
		b := make([]rune, 1+r.IntN(24))
		for j := range b {
			b[j] = pool[r.IntN(len(pool))]
		}
		out[i] = string(b)
	}
	return out
}

// TestLanguagesMatchGo compares search.js's languages, in Chromium, with
// the Go package's: the folded words of generated texts, and each word's
// stem and whether it is a stop word, in English, Spanish and French
// (which has no rules), on the vocabularies and on the generated texts'
// words.
func TestLanguagesMatchGo(t *testing.T) {
	ctx, _ := openSearch(t, spanishPlaybook)
	texts := foldingTexts(5000)
	none := search.LanguageOf("fr") // no rules: its stem of a word is the word folded
	list, _ := json.Marshal(texts)
	got := eval[[][]string](t, ctx, `(`+string(list)+`).map(s => window.playbookSearch.words(s).map(window.playbookSearch.fold))`)
	words := map[string]bool{}
	for i, text := range texts {
		var want []string
		for _, w := range search.Words(text) {
			want = append(want, none.Stem(w))
			words[w] = true
		}
		if !slices.Equal(got[i], want) && len(got[i])+len(want) > 0 {
			t.Errorf("the folded words of %q: search.js %q, Go %q", text, got[i], want)
		}
	}
	for _, w := range append(vocabulary(t, "vocabulary-es.txt"), vocabulary(t, "vocabulary-en.txt")[:5000]...) {
		words[w] = true
	}
	for _, w := range []string{"Más", "MÁS", "qué", "que", "él", "the", "The"} {
		for _, w := range search.Words(w) {
			words[w] = true
		}
	}
	all := slices.Sorted(func(yield func(string) bool) {
		for w := range words {
			if !yield(w) {
				return
			}
		}
	})
	list, _ = json.Marshal(all)
	for _, code := range []string{"en", "es", "fr"} {
		t.Run(code, func(t *testing.T) {
			lang := search.LanguageOf(code)
			stop, _ := json.Marshal(lang.StopWords)
			type rule struct {
				Stem string `json:"stem"`
				Stop bool   `json:"stop"`
			}
			got := eval[[]rule](t, ctx, fmt.Sprintf(`((l, ws) => ws.map(w => ({stem: l.stem(w), stop: l.isStop(w)})))(window.playbookSearch.language(%s, %s), %s)`,
				quote(code), stop, list))
			bad, stops := 0, 0
			for i, w := range all {
				want := rule{lang.Stem(w), lang.Stop(w)}
				if want.Stop {
					stops++
				}
				if got[i] != want {
					if bad++; bad <= 20 {
						t.Errorf("%q: search.js %+v, Go %+v", w, got[i], want)
					}
				}
			}
			if bad > 20 {
				t.Errorf("and %d more words", bad-20)
			}
			t.Logf("%d words, %d of them stop words: %d differ", len(all), stops, bad)
		})
	}
}
