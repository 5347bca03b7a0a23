package build

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"gopkg.in/yaml.v3"

	"github.com/playbook-edu/playbook/internal/kind"
	"github.com/playbook-edu/playbook/internal/model"
)

// esFork is a small but complete playbook written wholly in Spanish, as a
// district's Spanish-speaking staff would write it: every page kind of the
// default theme and every optional part of them.
const esFork = "testdata/es-fork"

// TestSpanishFork builds the Spanish fork, alone (language: es) and as the
// Spanish half of a bilingual playbook (languages: [en, es], see
// bilingualFork), and reads every Spanish page as a reader meets it: the
// text of its elements, the attributes a browser shows or reads aloud, its
// link previews, the JSON its scripts read and its JSON-LD, and beside the
// pages the feed and the search index's names. None of it may hold an
// English word (see englishWords). Each hit is reported with its page,
// word and the sentence around it.
func TestSpanishFork(t *testing.T) {
	if _, err := os.Stat(filepath.Join(esFork, "playbook.yaml")); err != nil {
		t.Fatalf("the Spanish fork is missing: %v", err)
	}
	english := englishWords(t)
	for _, tc := range []struct {
		name   string
		src    func(*testing.T) string
		prefix string // where the Spanish site is, in the output
	}{
		{"Spanish", func(*testing.T) string { return esFork }, ""},
		{"bilingual", bilingualFork, "es/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			mustBuild(t, Options{Src: tc.src(t), Out: out})
			site := readTree(t, out)
			checkEveryPageKind(t, site, tc.prefix)
			if tc.prefix != "" {
				// The default language's pages are the English texts
				// bilingualFork wrote beside the Spanish.
				for name, want := range map[string]string{
					"index.html": "English tagline of playbook.yaml",
					"guides/mentoria-entre-colegas/index.html": "The English version of mentoria-entre-colegas.md",
					"roles/docente/index.html":                 "English why of data/roles.yaml",
				} {
					if !strings.Contains(string(site[name]), want) {
						t.Errorf("the English %s lacks %q", name, want)
					}
				}
			}
			var texts []readerText
			for _, name := range slices.Sorted(maps.Keys(site)) {
				if strings.HasPrefix(name, tc.prefix) && strings.HasSuffix(name, ".html") {
					texts = append(texts, pageTexts(t, name, site[name])...)
				}
			}
			texts = append(texts, feedTexts(t, tc.prefix+"feed.xml", site[tc.prefix+"feed.xml"])...)
			texts = append(texts, searchTexts(t, tc.prefix+"search/index.json", site[tc.prefix+"search/index.json"])...)
			reportEnglish(t, texts, english)
		})
	}
}

// reportEnglish reports each English word of texts with its page, where
// in the page, and the sentence around it; a text every page repeats (the
// header, the footer, the scripts' words) once, with the count of pages.
func reportEnglish(t *testing.T, texts []readerText, english map[string]bool) {
	t.Helper()
	type hit struct{ where, word, context string }
	var hits []hit
	pages := map[hit][]string{}
	for _, tx := range texts {
		for _, w := range englishIn(tx.text, english) {
			h := hit{tx.where, w, around(tx.context, w)}
			if pages[h] == nil {
				hits = append(hits, h)
			}
			pages[h] = append(pages[h], tx.page)
		}
	}
	seen, failed := map[int]bool{}, 0
	for _, h := range hits {
		on := pages[h][0]
		if n := len(pages[h]); n > 1 {
			on += fmt.Sprintf(" (and %d more)", n-1)
		}
		if i := slices.IndexFunc(awaitingFix, func(k knownEnglish) bool {
			return k.word == h.word && strings.Contains(h.context, k.in)
		}); i >= 0 {
			seen[i] = true
			t.Logf("%s: English word %q in %s: %q, awaiting a fix in %s", on, h.word, h.where, h.context, awaitingFix[i].fixIn)
			continue
		}
		t.Errorf("%s: English word %q in %s: %q", on, h.word, h.where, h.context)
		failed++
	}
	for i, k := range awaitingFix {
		if !seen[i] {
			t.Errorf("the English word %q in %q is gone: take it off awaitingFix", k.word, k.in)
		}
	}
	if failed > 0 {
		t.Logf("fix each English word in the translation tables (themes/default/i18n/en.yaml and es.yaml), or in the template or Go code that writes it")
	}
}

// knownEnglish is an English word the oracle finds whose fix is outside
// the files of its change: in a text that holds in, awaiting a fix in
// fixIn. It is logged, not failed; once fixed, the test fails until it is
// taken off the list.
type knownEnglish struct{ word, in, fixIn string }

// awaitingFix are the English words known to be left on a Spanish site.
var awaitingFix = []knownEnglish{}

// englishWords returns the words of three letters or more that the oracle
// calls English: the words of Snowball's English vocabulary that its
// Spanish one lacks (internal/search/testdata/README.md), and the words
// of the default theme's English table that the Spanish vocabulary has
// but the Spanish table never uses. The Spanish vocabulary was taken from
// newspapers that quote English ("performance", "systems", "the", "new"),
// so the first set alone would miss a phrase such as "Interactive
// Performance Systems"; the English table names the words most likely to
// leak. Less the allowed words.
func englishWords(t *testing.T) map[string]bool {
	t.Helper()
	read := func(lang string) map[string]bool {
		f, err := os.Open("../search/testdata/vocabulary-" + lang + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		words := map[string]bool{}
		s := bufio.NewScanner(f)
		for s.Scan() {
			words[s.Text()] = true
		}
		if err := s.Err(); err != nil {
			t.Fatal(err)
		}
		if len(words) < 20000 {
			t.Fatalf("the %s vocabulary has %d words: it is not Snowball's", lang, len(words))
		}
		return words
	}
	en, es := read("en"), read("es")
	tableEn, tableEs := tableWords(t, "en"), tableWords(t, "es")
	english := map[string]bool{}
	for w := range en {
		if len([]rune(w)) >= 3 && (!es[w] || tableEn[w] && !tableEs[w]) && !allowed[w] {
			english[w] = true
		}
	}
	for _, w := range []string{"performance", "systems", "the", "and", "for"} {
		if !english[w] {
			t.Fatalf("%q is not an English word to the oracle", w)
		}
	}
	return english
}

// tableWords returns the words, lowercase, of the texts of the default
// theme's translation table for lang, placeholders left out.
func tableWords(t *testing.T, lang string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile("../../themes/default/i18n/" + lang + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	var table map[string]any
	if err := yaml.Unmarshal(data, &table); err != nil {
		t.Fatal(err)
	}
	words := map[string]bool{}
	add := func(text string) {
		for _, w := range strings.FieldsFunc(placeholderRE.ReplaceAllString(text, " "), func(r rune) bool { return !unicode.IsLetter(r) }) {
			words[strings.ToLower(w)] = true
		}
	}
	for _, v := range table {
		switch v := v.(type) {
		case string:
			add(v)
		case map[string]any:
			for _, f := range v {
				if f, ok := f.(string); ok {
					add(f)
				}
			}
		}
	}
	if len(words) < 300 {
		t.Fatalf("the %s table has %d words", lang, len(words))
	}
	return words
}

// allowed are words of the English vocabulary that a Spanish page of a US
// district may hold:
var allowed = map[string]bool{
	// the names of products a reader uses, as their makers write them in
	// Spanish too ("Editar esta página en GitHub", "guardar como PDF");
	"github": true, "pdf": true,
	// a system's code is the district's abbreviation of its Spanish name,
	// checked as a word only by chance ("ERP": Equipos que resuelven
	// problemas);
	"erp": true,
	// Spanish words Snowball's Spanish sample lacks, though English
	// has them too: "roles", and the forms of "completar" and "leer" that
	// address a reader as usted ("complete un formulario", "que lean").
	"roles": true, "complete": true, "lean": true, "pulse": true,
}

// readerText is a text of the Spanish site as a reader meets it, and
// where: its page or file, the element or attribute (where), and the
// sentence or paragraph around it (context), to report it by.
type readerText struct {
	page, where, text, context string
}

// addressRE matches web and email addresses: a district's own domain is
// not a word of the page's language.
var addressRE = regexp.MustCompile(`(?i)\b(?:https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[\w-]+(?:\.[\w-]+)*\.(?:org|com|net|edu|gov|us)\b\S*)`)

// placeholderRE matches a {placeholder} of a message the scripts fill
// in ("{count} marcas"): the reader sees the value, never the name.
var placeholderRE = regexp.MustCompile(`\{[a-z][a-z0-9-]*\}`)

// englishIn returns the English words of text, in order.
func englishIn(text string, english map[string]bool) []string {
	var hits []string
	text = placeholderRE.ReplaceAllString(addressRE.ReplaceAllString(text, " "), " ")
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) })
	for _, w := range words {
		if lw := strings.ToLower(w); english[lw] {
			hits = append(hits, w)
		}
	}
	return hits
}

// around returns the part of context around word's first use: the
// sentence, or sixty characters either side.
func around(context, word string) string {
	context = strings.Join(strings.Fields(context), " ")
	i := strings.Index(context, word)
	if i < 0 {
		return context
	}
	from, to := max(0, i-60), min(len(context), i+len(word)+60)
	for from > 0 && !utf8Start(context[from]) {
		from--
	}
	for to < len(context) && !utf8Start(context[to]) {
		to++
	}
	return context[from:to]
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// shownAttrs are the attributes a browser shows or reads aloud.
var shownAttrs = []string{"alt", "title", "aria-label", "aria-description", "aria-roledescription", "aria-valuetext", "placeholder", "label"}

// shownMeta are the <meta> tags whose content a reader meets, in search
// results and link previews. og:type and twitter:card hold the protocols'
// own words ("article", "summary"), never shown.
var shownMeta = []string{"description", "og:title", "og:description", "og:site_name", "og:image:alt",
	"twitter:title", "twitter:description", "twitter:image:alt", "application-name", "apple-mobile-web-app-title"}

// keyAttrs are the data- attributes whose values are ids, addresses or
// keys the scripts match (data-next-label="start"), never shown: every
// other data- attribute is a message a script shows (data-says), and is
// read.
var keyAttrs = []string{"data-url", "data-steps", "data-step", "data-pathway", "data-done", "data-when",
	"data-print", "data-next-label", "data-field", "data-field-print", "data-choose-role", "data-total",
	"data-search-index", "data-reflection", "data-prompt", "data-item", "data-role"}

// blockAtoms are the elements whose text is the context a word is
// reported in.
var blockAtoms = map[atom.Atom]bool{atom.P: true, atom.Li: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Td: true, atom.Th: true, atom.Dd: true, atom.Dt: true,
	atom.Title: true, atom.Caption: true, atom.Figcaption: true, atom.Label: true, atom.Legend: true,
	atom.Button: true, atom.Option: true, atom.Summary: true, atom.Blockquote: true, atom.Svg: true}

// pageTexts returns the texts of an HTML page as a reader meets them: the
// text outside script and style (a <noscript>'s too), the attributes a
// browser shows, the content of the <meta> tags of previews, the messages
// written for the scripts in data- attributes and JSON blocks, and the
// JSON-LD's texts. It reports a page not marked Spanish, and JSON-LD that
// says another language.
func pageTexts(t *testing.T, name string, data []byte) []readerText {
	doc, err := html.ParseWithOptions(bytes.NewReader(data), html.ParseOptionEnableScripting(false))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var texts []readerText
	add := func(where, text, context string) {
		if strings.TrimSpace(text) != "" {
			texts = append(texts, readerText{name, where, text, context})
		}
	}
	var walk func(n *html.Node, block *html.Node)
	walk = func(n *html.Node, block *html.Node) {
		switch n.Type {
		case html.TextNode:
			add("text", n.Data, textOf(block))
			return
		case html.ElementNode:
		default:
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, block)
			}
			return
		}
		if n.DataAtom == atom.Html && attr(n, "lang") != "es" {
			t.Errorf("%s: <html lang=%q>, want es", name, attr(n, "lang"))
		}
		if lang := attr(n, "lang"); lang != "" && n.DataAtom != atom.Html && !strings.HasPrefix(lang, "es") {
			if n.DataAtom == atom.A && attr(n, "hreflang") == lang {
				return // a link to the page in another language, named in it (WCAG 3.1.2)
			}
			t.Errorf("%s: a <%s lang=%q> in a Spanish page: %q", name, n.Data, lang, around(textOf(n), ""))
		}
		for _, a := range n.Attr {
			switch {
			case slices.Contains(shownAttrs, a.Key):
				add(a.Key+" of <"+n.Data+">", a.Val, a.Val)
			case a.Key == "value" && n.DataAtom == atom.Input && slices.Contains([]string{"button", "submit", "reset"}, attr(n, "type")):
				add("value of <input>", a.Val, a.Val)
			case strings.HasPrefix(a.Key, "data-") && !slices.Contains(keyAttrs, a.Key):
				add(a.Key, a.Val, a.Val)
			}
		}
		switch n.DataAtom {
		case atom.Meta:
			key := attr(n, "name") + attr(n, "property")
			if slices.Contains(shownMeta, key) {
				add("<meta "+key+">", attr(n, "content"), attr(n, "content"))
			}
			if key == "og:locale" && !strings.HasPrefix(attr(n, "content"), "es") {
				t.Errorf("%s: og:locale %q, want Spanish", name, attr(n, "content"))
			}
			return
		case atom.Style:
			return
		case atom.Script:
			if n.FirstChild == nil {
				return
			}
			switch typ := attr(n, "type"); typ {
			case "application/json", "application/ld+json":
				var v any
				if err := json.Unmarshal([]byte(n.FirstChild.Data), &v); err != nil {
					t.Errorf("%s: a %s block that does not parse: %v", name, typ, err)
					return
				}
				where := "the scripts' words (" + attr(n, "id") + ")"
				if typ == "application/ld+json" {
					where = "JSON-LD"
				}
				for _, s := range jsonTexts(v, "") {
					if s.key == "inLanguage" && s.text != "es" {
						t.Errorf("%s: JSON-LD says inLanguage %q, want es", name, s.text)
					}
					if typ == "application/ld+json" && (strings.HasPrefix(s.key, "@") || s.key == "inLanguage") {
						continue // the vocabulary of schema.org: "@type": "HowTo"
					}
					add(where+" "+s.key, s.text, s.text)
				}
			}
			return
		}
		if blockAtoms[n.DataAtom] {
			block = n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, block)
		}
	}
	walk(doc, doc)
	if len(texts) < 20 {
		t.Errorf("%s: only %d texts: is it a page?", name, len(texts))
	}
	return texts
}

// textOf returns the text of n and the elements in it, as one line.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.DataAtom == atom.Script || n.DataAtom == atom.Style {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// jsonText is a string of a JSON value and the key it is the value of.
type jsonText struct{ key, text string }

// jsonTexts returns the strings of v, a decoded JSON value, but not its
// keys (the scripts' message keys, "search.count") nor addresses.
func jsonTexts(v any, key string) []jsonText {
	var out []jsonText
	switch v := v.(type) {
	case string:
		if !strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "http://") {
			out = append(out, jsonText{key, v})
		}
	case []any:
		for _, e := range v {
			out = append(out, jsonTexts(e, key)...)
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			out = append(out, jsonTexts(v[k], k)...)
		}
	}
	return out
}

// feedTexts returns the texts of the Atom feed a reader's feed reader
// shows: each element's text, its entries' content as HTML, and the
// categories' labels (their term is an id).
func feedTexts(t *testing.T, name string, data []byte) []readerText {
	if data == nil {
		t.Fatalf("no %s", name)
	}
	var texts []readerText
	dec := xml.NewDecoder(bytes.NewReader(data))
	var open []xml.StartElement
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			open = append(open, tok.Copy())
			for _, a := range tok.Attr {
				if a.Name.Local == "lang" && !strings.HasPrefix(a.Value, "es") {
					t.Errorf("%s: <%s xml:lang=%q>, want es", name, tok.Name.Local, a.Value)
				}
				if a.Name.Local == "label" || a.Name.Local == "title" {
					texts = append(texts, readerText{name, tok.Name.Local + " " + a.Name.Local, a.Value, a.Value})
				}
			}
		case xml.EndElement:
			open = open[:len(open)-1]
		case xml.CharData:
			if len(open) == 0 || strings.TrimSpace(string(tok)) == "" {
				continue
			}
			el := open[len(open)-1]
			switch el.Name.Local {
			case "id", "updated", "published", "uri", "email":
				continue // addresses and dates
			}
			text := string(tok)
			if slices.Contains(el.Attr, xml.Attr{Name: xml.Name{Local: "type"}, Value: "html"}) {
				doc, err := html.Parse(strings.NewReader(text))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				text = textOf(doc)
			}
			texts = append(texts, readerText{name, "<" + el.Name.Local + ">", text, text})
		}
	}
	if len(texts) < 5 {
		t.Errorf("%s: only %d texts: is it a feed?", name, len(texts))
	}
	return texts
}

// searchTexts returns the names the search page shows from its index: the
// kinds of document, the roles and systems of its filters, and each
// document's title and summary.
func searchTexts(t *testing.T, name string, data []byte) []readerText {
	if data == nil {
		t.Fatalf("no %s", name)
	}
	var index struct {
		Lang           string
		Kinds          []string
		Roles, Systems [][]string
		Docs           [][]any
	}
	if err := json.Unmarshal(data, &index); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if index.Lang != "es" || len(index.Kinds) < 5 {
		t.Errorf("%s: lang %q and %d kinds, want es and every kind the fork has", name, index.Lang, len(index.Kinds))
	}
	var texts []readerText
	for _, k := range index.Kinds {
		texts = append(texts, readerText{name, "kinds", k, k})
	}
	for _, r := range slices.Concat(index.Roles, index.Systems) {
		texts = append(texts, readerText{name, "filters", r[len(r)-1], r[len(r)-1]})
	}
	for _, d := range index.Docs {
		for _, s := range jsonTexts(d, "docs") {
			texts = append(texts, readerText{name, "docs", s.text, s.text})
		}
	}
	return texts
}

// pageOfLayout names, for each page template of the default theme, a page
// of the fork it renders. A new template fails the test until it is
// listed here and the fork makes its page.
var pageOfLayout = map[string]string{
	"home":        "index.html",
	"404":         "404.html",
	"page":        "acerca/index.html",
	"print":       "print/index.html",
	"search":      "search/index.html",
	"glossary":    "glossary/index.html",
	"roles":       "roles/index.html",
	"role":        "roles/docente/index.html",
	"guides":      "guides/index.html",
	"guide":       "guides/mentoria-entre-colegas/index.html",
	"systems":     "systems/index.html",
	"system":      "systems/ldz/index.html",
	"goals":       "goals/index.html",
	"goal":        "goals/lectura/index.html",
	"stories":     "stories/index.html",
	"story":       "stories/club-de-lectura/index.html",
	"checklists":  "checklists/index.html",
	"checklist":   "checklists/revision-de-equipo/index.html",
	"tally":       "checklists/revision-de-equipo/tally/index.html",
	"reflections": "reflect/index.html",
	"reflection":  "reflect/a-quien-invitar/index.html",
}

// parts names, page by page, keys of the Spanish table whose texts show
// only when the fork has the optional part they head, so that the oracle
// reads every part of every page kind.
var parts = map[string][]string{
	"index.html": {"home.vision", "home.goals", "home.stories", "home.tools"},
	"guides/mentoria-entre-colegas/index.html": {"guide.time", "guide.first-step", "guide.signs", "guide.questions",
		"guide.take-part", "sources.title", "guide.checklist", "guide.reflection", "guide.stories", "guide.pathways"},
	"guides/index.html":                        {"guides.groups"},
	"goals/index.html":                         {"goals.active", "goals.met", "goals.retired"},
	"goals/lectura/index.html":                 {"goal.why", "goal.indicators", "goal.measurements", "goal.questions", "goal.owners", "goal.strategies", "sources.title"},
	"stories/club-de-lectura/index.html":       {"story.example", "story.evidence"},
	"checklists/revision-de-equipo/index.html": {"checklist.protocol", "checklist.evidence", "level.partly", "checklist.tally"},
	"roles/docente/index.html":                 {"role.spheres", "role.pathway", "role.checklist"},
	"glossary/index.html":                      {"glossary.see-also"},
}

// checkEveryPageKind checks that the site under prefix has a page of every
// template of the default theme and every part listed in parts.
func checkEveryPageKind(t *testing.T, site map[string][]byte, prefix string) {
	t.Helper()
	layouts, err := filepath.Glob("../../themes/default/layouts/*.html")
	if err != nil || len(layouts) < 20 {
		t.Fatalf("the default theme's layouts: %d, %v", len(layouts), err)
	}
	for _, l := range layouts {
		name := strings.TrimSuffix(filepath.Base(l), ".html")
		if name == "layout" {
			continue // every page's frame
		}
		page, ok := pageOfLayout[name]
		switch {
		case !ok:
			t.Errorf("layouts/%s.html renders no page the test knows: add it to pageOfLayout, and to the fork in %s", name, esFork)
		case site[prefix+page] == nil:
			t.Errorf("the fork has no %s (layouts/%s.html)", prefix+page, name)
		}
	}
	data, err := os.ReadFile("../../themes/default/i18n/es.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var table map[string]any
	if err := yaml.Unmarshal(data, &table); err != nil {
		t.Fatal(err)
	}
	for page, keys := range parts {
		text := readable(site[prefix+page])
		for _, k := range keys {
			want, _ := table[k].(string)
			if want == "" || !strings.Contains(text, strings.TrimSuffix(want, ":")) {
				t.Errorf("%s lacks %s (%q): the fork no longer has that part", prefix+page, k, want)
			}
		}
	}
}

// bilingualFork returns a copy of the Spanish fork published in English
// and Spanish (languages: [en, es]): each text of its data files and
// playbook.yaml written for both, the fork's Spanish under es: beside a
// short English text under en:; each guide and page split into ID.md, a
// short English version, and ID.es.md, the fork's Spanish file. The texts
// are the fields model.TranslationOf calls Translated; a name the same in
// every language (a source's title) stays as it is.
func bilingualFork(t *testing.T) string {
	t.Helper()
	src := copyDir(t, esFork)
	cfg := filepath.Join(src, "playbook.yaml")
	doc := readYAML(t, cfg)
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "language" {
			root.Content[i].Value = "languages"
			root.Content[i+1] = &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle,
				Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: "en"}, {Kind: yaml.ScalarNode, Value: "es"}}}
		}
	}
	bothLanguages(root, reflect.TypeFor[model.Config](), "playbook.yaml")
	writeYAML(t, cfg, doc)
	playbook := reflect.TypeFor[model.Playbook]()
	for _, k := range kind.All {
		f, _ := playbook.FieldByName(k.Field)
		rec := f.Type.Elem().Elem() // []*Record
		switch {
		case k.File != "":
			file := filepath.Join(src, k.File)
			if _, err := os.Stat(file); err != nil {
				t.Fatalf("the fork has no %s: %v", k.File, err)
			}
			doc := readYAML(t, file)
			for _, n := range doc.Content[0].Content {
				bothLanguages(n, rec, k.File)
			}
			writeYAML(t, file, doc)
		case k.Folder != "":
			files, _ := filepath.Glob(filepath.Join(src, k.Folder, "*.md"))
			if len(files) == 0 {
				t.Fatalf("the fork has no %s", k.Folder)
			}
			for _, file := range files {
				englishVersion(t, file, rec)
			}
		}
	}
	return src
}

// englishVersion moves file, a guide or page, to ID.es.md, and writes in
// its place an English version: its front matter with each text in
// English, and a line of English.
func englishVersion(t *testing.T, file string, rec reflect.Type) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	es := strings.TrimSuffix(file, ".md") + ".es.md"
	if err := os.WriteFile(es, data, 0o644); err != nil {
		t.Fatal(err)
	}
	fm, _, ok := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---\n")
	if !ok {
		t.Fatalf("%s has no front matter", file)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(fm), &doc); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	inEnglish(doc.Content[0], rec, path.Base(file))
	out, err := yaml.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	body := "The English version of " + path.Base(file) + ".\n"
	if err := os.WriteFile(file, []byte("---\n"+string(out)+"---\n"+body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// bothLanguages rewrites n, a record of type typ, so that each of its
// texts is written for both languages: {en: English, es: the text}.
func bothLanguages(n *yaml.Node, typ reflect.Type, file string) {
	eachText(n, typ, func(key string, val *yaml.Node) *yaml.Node {
		return &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
			{Kind: yaml.ScalarNode, Value: "en"}, englishText(key, val, file),
			{Kind: yaml.ScalarNode, Value: "es"}, val,
		}}
	})
}

// inEnglish rewrites n, a record of type typ, with each of its texts in
// English.
func inEnglish(n *yaml.Node, typ reflect.Type, file string) {
	eachText(n, typ, func(key string, val *yaml.Node) *yaml.Node { return englishText(key, val, file) })
}

// englishText returns an English text to stand for val, the value of key:
// a text, or a list of as many texts. Each names where it stands, so no
// two records share a title.
func englishText(key string, val *yaml.Node, file string) *yaml.Node {
	text := func(n *yaml.Node) *yaml.Node {
		return &yaml.Node{Kind: yaml.ScalarNode, Value: fmt.Sprintf("English %s of %s line %d", key, file, n.Line)}
	}
	if val.Kind == yaml.SequenceNode {
		list := &yaml.Node{Kind: yaml.SequenceNode}
		for _, e := range val.Content {
			list.Content = append(list.Content, text(e))
		}
		return list
	}
	return text(val)
}

// eachText calls replace for each text of n, a record of type typ (a
// field model.TranslationOf calls Translated), and puts what it returns
// in the text's place, looking into the records n holds. An indicator
// written as its name alone is first written out as {name: ...}.
func eachText(n *yaml.Node, typ reflect.Type, replace func(key string, val *yaml.Node) *yaml.Node) {
	for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
		typ = typ.Elem()
	}
	if typ.Kind() != reflect.Struct || typ == reflect.TypeFor[model.Ref]() || typ == reflect.TypeFor[model.Markdown]() {
		return
	}
	switch n.Kind {
	case yaml.SequenceNode:
		for _, e := range n.Content {
			eachText(e, typ, replace)
		}
		return
	case yaml.ScalarNode:
		if f, ok := shorthand(typ); ok {
			*n = yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
				{Kind: yaml.ScalarNode, Value: f}, {Kind: yaml.ScalarNode, Value: n.Value, Line: n.Line}}}
		}
	}
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key := n.Content[i].Value
		for j := range typ.NumField() {
			sf := typ.Field(j)
			if strings.Split(sf.Tag.Get("yaml"), ",")[0] != key {
				continue
			}
			if model.TranslationOf(sf) == model.Translated {
				n.Content[i+1] = replace(key, n.Content[i+1])
			} else {
				eachText(n.Content[i+1], sf.Type, replace)
			}
		}
	}
}

// shorthand returns the yaml key of typ's field tagged shorthand, the one
// a record may be written as alone.
func shorthand(typ reflect.Type) (string, bool) {
	for i := range typ.NumField() {
		if sf := typ.Field(i); sf.Tag.Get("shorthand") == "true" {
			return strings.Split(sf.Tag.Get("yaml"), ",")[0], true
		}
	}
	return "", false
}

// readYAML returns the YAML document of file, its nodes to edit.
func readYAML(t *testing.T, file string) *yaml.Node {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		t.Fatalf("%s holds no YAML document", file)
	}
	return &doc
}

// writeYAML writes doc to file.
func writeYAML(t *testing.T, file string, doc *yaml.Node) {
	t.Helper()
	data, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
