package fasttemplate

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// The differential test: templates generated to print values in every
// context html/template knows, inside every construct the executor knows
// (and some it does not), run with hostile values of every type through
// the executor and through a fresh, unmodified html/template.

// TestExecuteMatchesHTMLTemplate generates templates from a fixed seed and
// requires, for each run, that the executor print exactly what a fresh
// html/template prints, or give up where html/template fails, and that
// Execute (the executor or, where it gives up, html/template with fused
// escapers) print exactly the same too. It also requires the executor to
// have rendered a good share of the runs itself, so that a change that
// makes it give up more cannot pass by testing nothing.
func TestExecuteMatchesHTMLTemplate(t *testing.T) {
	if set := checkedEscapers(); len(set.dropped) > 0 {
		t.Errorf("the start-up check dropped the fused escapers %v: html/template no longer escapes as escape.go does, and they are not tested here", set.dropped)
	}
	const templates = 4000
	var total tally
	r := rand.New(rand.NewPCG(20261124, 1))
	for i := range templates {
		c := &randomChoices{r}
		src := newGenerator(c).template()
		total.add(compare(t, fmt.Sprintf("template %d", i), src, generatedData(c)))
	}
	t.Logf("%+v", total)
	if total.unparsed > templates/20 {
		t.Errorf("%d of %d generated templates do not parse: the generator is broken", total.unparsed, templates)
	}
	// What the executor must cover, else the test no longer tests it.
	if total.fast < total.runs/4 || total.bothFail < total.runs/10 || total.notTaken < templates/20 || total.gaveUp < total.runs/100 {
		t.Errorf("the executor rendered %d of %d runs and gave up on %d where html/template rendered; html/template failed %d times; %d templates were not taken: the mix no longer tests what it should",
			total.fast, total.runs, total.gaveUp, total.bothFail, total.notTaken)
	}
	for i, ctx := range contexts {
		switch {
		case total.contexts[ctx.name] < 100:
			t.Errorf("%d runs printed a value in %s", total.contexts[ctx.name], ctx.name)
		case slices.Contains(executorContexts(), i) && total.fastContexts[ctx.name] < 100:
			t.Errorf("the executor printed a value in %s in %d runs", ctx.name, total.fastContexts[ctx.name])
		}
	}
}

// FuzzExecute is TestExecuteMatchesHTMLTemplate on templates and values
// the fuzzer chooses: every byte is one choice of the generator.
//
//	go test ./internal/fasttemplate -run '^$' -fuzz FuzzExecute
func FuzzExecute(f *testing.F) {
	for _, seed := range []string{"", "\x00\x01\x02\x03", "\x05\x09\x13\x01\x02\x03\x04\x05", "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c := &byteChoices{b: b}
		compare(t, "fuzzed", newGenerator(c).template(), generatedData(c))
	})
}

// tally counts what happened to the runs of generated templates.
type tally struct {
	runs, fast, gaveUp, bothFail int
	notTaken, unparsed           int
	contexts                     map[string]int // runs, by context printed in
	fastContexts                 map[string]int // runs the executor rendered, by context printed in
}

func (a *tally) add(b tally) {
	a.runs += b.runs
	a.fast += b.fast
	a.gaveUp += b.gaveUp
	a.bothFail += b.bothFail
	a.notTaken += b.notTaken
	a.unparsed += b.unparsed
	if a.contexts == nil {
		a.contexts, a.fastContexts = map[string]int{}, map[string]int{}
	}
	for k, v := range b.contexts {
		a.contexts[k] += v
	}
	for k, v := range b.fastContexts {
		a.fastContexts[k] += v
	}
}

// compare runs src with each of datas through html/template, the executor
// and Execute, and reports every difference.
func compare(t *testing.T, what, src string, datas []any) tally {
	t.Helper()
	var n tally
	fresh, err := template.New("t").Parse(src)
	if err != nil {
		n.unparsed++
		return n
	}
	prepared := Prepare(template.Must(template.New("t").Parse(src)), nil, "t")
	taken := prepared.entries["t"]
	if !taken {
		n.notTaken++
	}
	var printsIn []string
	for _, ctx := range contexts {
		if strings.Contains(src, ctx.open+"{{") {
			printsIn = append(printsIn, ctx.name)
		}
	}
	n.contexts, n.fastContexts = map[string]int{}, map[string]int{}
	for _, d := range datas {
		n.runs++
		for _, name := range printsIn {
			n.contexts[name]++
		}
		var want bytes.Buffer
		werr := fresh.Execute(&want, d)
		if taken {
			var got bytes.Buffer
			gerr := prepared.run.execute(&got, nil, "t", d)
			switch {
			case gerr != nil && !errors.Is(gerr, errFallBack):
				t.Errorf("%s with %s: the executor failed with %v, not by giving up\n%s", what, describe(d), gerr, src)
			case gerr == nil && werr != nil:
				t.Errorf("%s with %s: the executor printed %q where html/template fails: %v\n%s", what, describe(d), got.String(), werr, src)
			case gerr == nil && got.String() != want.String():
				t.Errorf("%s with %s: the executor differs from html/template\n got %q\nwant %q\n%s", what, describe(d), got.String(), want.String(), src)
			case gerr == nil:
				n.fast++
				for _, name := range printsIn {
					n.fastContexts[name]++
				}
			case werr == nil:
				n.gaveUp++
			}
		}
		if werr != nil {
			n.bothFail++
		}
		// Execute, into each kind of writer it knows.
		var buf bytes.Buffer
		buf.WriteString("before:")
		eerr := prepared.Execute(&buf, "t", d)
		var rw rewinder
		rerr := prepared.Execute(&rw, "t", d)
		var plain strings.Builder
		perr := prepared.Execute(&plain, "t", d)
		switch {
		case (eerr == nil) != (werr == nil) || (rerr == nil) != (werr == nil) || (perr == nil) != (werr == nil):
			t.Errorf("%s with %s: Execute fails with %v, %v and %v; html/template with %v\n%s", what, describe(d), eerr, rerr, perr, werr, src)
		case werr == nil && (buf.String() != "before:"+want.String() || rw.String() != want.String() || plain.String() != want.String()):
			t.Errorf("%s with %s: Execute differs from html/template\n got %q\n  or %q\n  or %q\nwant %q\n%s", what, describe(d), buf.String(), rw.String(), plain.String(), want.String(), src)
		}
	}
	return n
}

// rewinder is a Rewinder that writes in small pieces, as a file would.
type rewinder struct{ bytes.Buffer }

func (r *rewinder) Rewind() error { r.Reset(); return nil }

func describe(d any) string {
	s := fmt.Sprintf("%T %#v", d, d)
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// choices is where the generator takes its decisions from.
type choices interface {
	intn(n int) int // a number in [0, n)
}

type randomChoices struct{ r *rand.Rand }

func (c *randomChoices) intn(n int) int { return c.r.IntN(n) }

// byteChoices takes one decision from each byte, and the first choice
// once the bytes run out.
type byteChoices struct {
	b []byte
	i int
}

func (c *byteChoices) intn(n int) int {
	if c.i >= len(c.b) {
		return 0
	}
	c.i++
	return int(c.b[c.i-1]) % n
}

// contexts are the places a template prints a value in: %s is the action
// (or, for the few with two, %s and %s).
var contexts = []struct{ name, open, close string }{
	{"text", "<p>", "</p>"},
	{"text beside text", "<b>a ", " b</b>"},
	{"quoted attribute", `<p title="`, `">x</p>`},
	{"single-quoted attribute", `<p title='`, `'>x</p>`},
	{"unquoted attribute", `<p title=`, `>x</p>`},
	{"part of an attribute", `<p class="a `, ` b">x</p>`},
	{"input value", `<input value="`, `">`},
	{"meta content", `<meta name="description" content="`, `">`},
	{"attribute name", `<p `, `="y">x</p>`},
	{"whole attribute", `<p `, `>x</p>`},
	{"href", `<a href="`, `">x</a>`},
	{"unquoted href", `<a href=`, `>x</a>`},
	{"href path", `<a href="/guides/`, `/">x</a>`},
	{"href query", `<a href="/search/?q=`, `&amp;x=1">x</a>`},
	{"href fragment", `<a href="#`, `">x</a>`},
	{"img src", `<img alt="" src="`, `">`},
	{"form action", `<form action="`, `"></form>`},
	{"srcset", `<img alt="" srcset="`, `">`},
	{"srcset part", `<img alt="" srcset="/a.png 1x, `, ` 2x">`},
	{"script", `<script>var x = `, `;</script>`},
	{"script string", `<script>var x = "`, `";</script>`},
	{"script single-quoted string", `<script>var x = '`, `';</script>`},
	{"script regexp", `<script>var x = /`, `/;</script>`},
	{"script comment", `<script>/* `, ` */</script>`},
	{"JSON-LD", `<script type="application/ld+json">`, `</script>`},
	{"JSON", `<script type="application/json">{"a": `, `}</script>`},
	{"event handler", `<button onclick="f(`, `)">x</button>`},
	{"style element", `<style>p { color: `, ` }</style>`},
	{"style string", `<style>p::after { content: "`, `" }</style>`},
	{"style url", `<style>p { background: url(`, `) }</style>`},
	{"style attribute", `<p style="color: `, `">x</p>`},
	{"textarea", `<textarea>`, `</textarea>`},
	{"title", `<title>`, `</title>`},
	{"comment", `<!-- `, ` -->`},
}

// generator writes a random template that html/template accepts, most of
// the time, from choices.
type generator struct {
	c     choices
	risky bool // use expressions that fail in html/template on some values
	// onPage is false where dot is not a page (inside range and most
	// with): fields are then mostly read from $, the page.
	onPage bool
	vars   []string // variables in scope
	depth  int
	subs   int // templates defined
	// places are the contexts this template prints in: most templates
	// keep to those the executor takes, so that it runs them; the others
	// check that it leaves the rest to html/template.
	places []int
}

func newGenerator(c choices) *generator {
	g := &generator{c: c, risky: c.intn(4) == 0, onPage: true}
	if c.intn(3) > 0 {
		g.places = executorContexts()
	} else {
		for i := range contexts {
			g.places = append(g.places, i)
		}
	}
	return g
}

// executorContexts are the indexes of the contexts the executor takes.
var executorContexts = sync.OnceValue(func() []int {
	var taken []int
	for i, ctx := range contexts {
		if Prepare(template.Must(template.New("t").Parse(ctx.open+"{{.S}}"+ctx.close)), nil, "t").entries["t"] {
			taken = append(taken, i)
		}
	}
	return taken
})

func (g *generator) pick(list ...string) string { return list[g.c.intn(len(list))] }

// template returns a template: up to four pieces, and sometimes a template
// defined beside them and called from them.
func (g *generator) template() string {
	var defs strings.Builder
	if g.c.intn(4) == 0 {
		g.subs = 1
		body := g.pieces(1 + g.c.intn(2))
		fmt.Fprintf(&defs, `{{define "sub"}}%s{{end}}`, body)
	}
	return defs.String() + g.pieces(1+g.c.intn(4))
}

func (g *generator) pieces(n int) string {
	var b strings.Builder
	mark := len(g.vars)
	for range n {
		b.WriteString(g.piece())
	}
	g.vars = g.vars[:mark]
	return b.String()
}

// piece returns text, a value in a context, or a construct around pieces.
func (g *generator) piece() string {
	choice := g.c.intn(12)
	if g.depth >= 3 {
		choice %= 4
	}
	switch choice {
	case 0:
		return g.pick("", "\n", "x & y", "<hr>", `<p class="note">note</p>`, "{{/* a comment */}}", "é ☕")
	case 1, 2, 3:
		return g.slot()
	}
	g.depth++
	defer func() { g.depth-- }()
	switch choice {
	case 4, 5:
		return fmt.Sprintf("{{if %s}}%s{{else}}%s{{end}}", g.condition(), g.pieces(1+g.c.intn(2)), g.pieces(g.c.intn(2)))
	case 6:
		value := g.expression()
		return fmt.Sprintf("{{with %s}}%s{{else}}%s{{end}}", value, g.within(value, 1+g.c.intn(2)), g.pieces(g.c.intn(2)))
	case 7:
		list := g.list()
		return fmt.Sprintf("{{range %s}}%s{{else}}%s{{end}}", list, g.within(list+"[]", 1+g.c.intn(2)), g.pieces(g.c.intn(2)))
	case 8:
		// Declared around the body, which the variables are scoped to.
		list := g.list()
		mark := len(g.vars)
		g.vars = append(g.vars, "$i", "$e")
		body := g.within(list+"[]", 1+g.c.intn(2))
		g.vars = g.vars[:mark]
		return fmt.Sprintf("{{range $i, $e := %s}}%s{{end}}", list, body)
	case 9:
		name := fmt.Sprintf("$v%d", len(g.vars))
		decl := fmt.Sprintf("{{%s := %s}}", name, g.expression())
		g.vars = append(g.vars, name)
		return decl
	case 10:
		if g.subs > 0 && g.c.intn(2) == 0 {
			return fmt.Sprintf(`{{template "sub" %s}}`, g.expression())
		}
		return fmt.Sprintf("{{with %s}}%s{{end}}", g.expression(), g.slot())
	default:
		return g.slot() + g.slot()
	}
}

// within returns n pieces with dot set to value ("[]" after a list for
// its elements).
func (g *generator) within(value string, n int) string {
	was := g.onPage
	switch strings.TrimPrefix(value, "$") {
	case ".", ".Kid", ".Kid.Kid", ".Kids[]", "$":
	default:
		g.onPage = false
	}
	defer func() { g.onPage = was }()
	return g.pieces(n)
}

// slot prints one or two values in a context.
func (g *generator) slot() string {
	ctx := contexts[g.places[g.c.intn(len(g.places))]]
	inner := g.action()
	if g.c.intn(6) == 0 {
		inner += g.pick("", " ", ",", "/") + g.action()
	}
	if g.c.intn(8) == 0 {
		inner = fmt.Sprintf("{{if %s}}%s{{end}}", g.condition(), inner)
	}
	return ctx.open + inner + ctx.close
}

// action prints an expression, now and then through a function the
// executor does not know.
func (g *generator) action() string {
	if g.c.intn(25) == 0 {
		return fmt.Sprintf(`{{%s | printf "%%v"}}`, g.expression())
	}
	return "{{" + g.expression() + "}}"
}

// list is what a range runs over: mostly a list.
func (g *generator) list() string {
	if g.c.intn(6) == 0 {
		return g.expression()
	}
	return g.pick(".L", ".LA", ".Empty", ".Kids", ".M", ".Bytes", ".Nil", "$.L", ".Kid.L")
}

// argument is an expression as a builtin's argument, in parentheses when
// it is a call.
func (g *generator) argument() string {
	e := g.expression()
	if strings.HasPrefix(e, "index ") || strings.HasPrefix(e, "len ") {
		return "(" + e + ")"
	}
	return e
}

// expression is a value: a field of every type, a method, a variable, a
// constant, a builtin's result. Some fail in html/template, now and then.
func (g *generator) expression() string {
	e := g.onDot()
	if !g.onPage && g.c.intn(8) > 0 {
		// A field of the page, not of dot.
		e = pageField.ReplaceAllString(e, "$1$$.$2")
	}
	return e
}

var pageField = regexp.MustCompile(`(^|[ (])\.([A-Za-z])`)

// onDot is an expression on dot.
func (g *generator) onDot() string {
	if len(g.vars) > 0 && g.c.intn(6) == 0 {
		v := g.vars[g.c.intn(len(g.vars))]
		if g.c.intn(4) == 0 {
			return v + g.pick(".S", ".H", ".Kid.S", ".Method", ".Name")
		}
		return v
	}
	switch g.c.intn(12) {
	case 0:
		return g.pick(".", "$", "$.S", "$.Kid", `"lit <b>&amp;'\""`, "42", "-7", "true", "false", "(.S)", "(.Kid.H)")
	case 1:
		if g.risky && g.c.intn(3) == 0 {
			return g.pick("index .L 5", "len .I", "index .S 0", "index .Nil 0", "index .L 0", "index .LA 1")
		}
		return g.pick(`index .M "k"`, `index .M "missing"`, "index .M .S", "len .L", "len .S", "len .M", "len .Empty", "len .Kids")
	case 2:
		if g.risky && g.c.intn(3) == 0 {
			return g.pick(".Fails", ".Panics", ".NilKid.Method", ".Kid.PtrMethod")
		}
		return g.pick(".Method", ".Pair", ".Item.Label", ".Kid.Method", ".Kid.PtrMethod", ".Err", "$.Method", g.pick(".PtrMethod", ".Method"))
	case 3:
		if g.risky && g.c.intn(3) == 0 {
			return g.pick(".NilKid.S", ".Any.S", ".Nil.S", ".Kid.Kid.Kid.S", ".hidden", ".S.Foo")
		}
		return g.pick(".Kid.S", ".Kid.H", ".Kid.Kid.S", ".Kids", ".Item", ".Item.Name", ".Item.N", ".M.k", ".P", ".NilP", "$.Kid.S")
	}
	return g.pick(".S", ".T", ".H", ".A", ".J", ".JS", ".U", ".C", ".Set", ".I", ".I8", ".U8", ".F", ".B", ".No",
		".Nil", ".Any", ".L", ".LA", ".Empty", ".M", ".Bytes", ".Named")
}

// condition is an expression or a builtin's test of one or two.
func (g *generator) condition() string {
	switch g.c.intn(7) {
	case 0:
		return fmt.Sprintf("and %s %s", g.argument(), g.argument())
	case 1:
		return fmt.Sprintf("or %s %s", g.argument(), g.argument())
	case 2:
		return "not " + g.argument()
	case 3:
		return fmt.Sprintf("eq %s %s", g.argument(), g.pick(`"x"`, `""`, "0", "42", "true", ".S", ".I", ".Kid.S"))
	case 4:
		return fmt.Sprintf("ne %s %s", g.argument(), g.pick(`"x"`, "0", "false", ".T"))
	case 5:
		return fmt.Sprintf(`eq %s "a" "b" %s`, g.argument(), g.argument())
	}
	return g.expression()
}

// page is what generated templates print: a field of every type
// html/template treats apart, methods of every shape, pointers, nil.
type page struct {
	S, T  string
	Named named
	H     template.HTML
	A     template.HTMLAttr
	J     template.JS
	JS    template.JSStr
	U     template.URL
	C     template.CSS
	Set   template.Srcset
	I     int
	I8    int8
	U8    uint8
	F     float64
	B, No bool
	Nil   any
	Any   any
	P     *string
	NilP  *string
	L     []string
	LA    []any
	Empty []string
	Bytes []byte
	M     map[string]string
	Kids  []*page
	Kid   *page
	// NilKid is a nil *page.
	NilKid *page
	Item   item
	Err    error
	hidden string
}

type named string

type item struct {
	Name string
	N    int
}

func (i item) Label() string { return "label " + i.Name }

func (p page) Method() string { return "method " + p.S + p.hidden }

func (p *page) PtrMethod() template.HTML { return template.HTML("<i>" + p.T + "</i>") }

func (page) Fails() (string, error) { return "", errors.New("fails <x>") }

func (p page) Pair() (int, error) { return len(p.S), nil }

func (page) Panics() string { panic("panics") }

// hostileStrings returns n strings made of the pieces that end or change a
// context, from a fixed seed.
func hostileStrings(n int) []string {
	r := rand.New(rand.NewPCG(7, 11))
	return generatedStrings(&randomChoices{r}, n)
}

var stringPieces = []string{
	"<", ">", "&", "'", `"`, "+", "=", "`", "\x00", "\n", "\t", " ", "\r", "\f", "javascript:", "JAVASCRIPT:", "http://",
	"https://x.example/", "mailto:", "data:", "/", "//", "%", "%2", "%zz", "%41", "é", "\u2028", "\xff", "\xc3",
	"</script>", "</SCRIPT", "<!--", "-->", "{{", "}}", `\`, ";", ":", ",", "#", "?", "url(", "expression(",
	"@import", "*/", "/*", "</style>", "</textarea>", "</title>", "1x", " 2x", "a", "word", "0", "-1", "null",
	"\u00a0", "\ufeff", "\U0001F600", "&amp;", "&#34;", "\\u003c", "]]>", "$", "(", ")", "{", "}", "[", "]",
}

func generatedStrings(c choices, n int) []string {
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for range c.intn(6) {
			b.WriteString(stringPieces[c.intn(len(stringPieces))])
		}
		out[i] = b.String()
	}
	return out
}

// hostileValues puts each string in every type html/template treats apart,
// and adds values of other kinds.
func hostileValues(strs []string) []any {
	var vs []any
	for _, s := range strs {
		vs = append(vs, s, template.HTML(s), template.HTMLAttr(s), template.JS(s), template.JSStr(s),
			template.URL(s), template.CSS(s), template.Srcset(s), named(s), &s, []string{s}, errors.New(s))
	}
	return append(vs, 0, -1, math.MaxInt64, int8(-8), uint8(255), 0.5, math.NaN(), math.Inf(-1), true, false, nil,
		(*string)(nil), []any{nil, 1, "x"}, map[string]int{"<k>": 1}, struct{ A string }{"<x>"}, item{"<n>", 3})
}

// generatedData returns the values a generated template runs with: a page
// full of hostile values, by value and by pointer, an empty page, and one
// value of another kind as dot.
func generatedData(c choices) []any {
	strs := generatedStrings(c, 8)
	s := func() string { return strs[c.intn(len(strs))] }
	kid := &page{S: s(), H: template.HTML(s()), T: s()}
	kid.Kid = &page{S: s()}
	p := page{
		S: s(), T: s(), Named: named(s()), H: template.HTML(s()), A: template.HTMLAttr(s()), J: template.JS(s()),
		JS: template.JSStr(s()), U: template.URL(s()), C: template.CSS(s()), Set: template.Srcset(s()),
		I: c.intn(3) - 1, I8: int8(c.intn(256) - 128), U8: uint8(c.intn(256)), F: []float64{0, 1.5, -2, math.NaN(), math.Inf(1), 1e21}[c.intn(6)],
		B: c.intn(2) == 0, Any: []any{nil, s(), 3, kid, template.HTML(s()), []string{s()}}[c.intn(6)],
		L: []string{s(), s()}, LA: []any{s(), 1, nil, kid, template.URL(s())}, Empty: []string{}, Bytes: []byte(s()),
		M: map[string]string{"k": s(), s(): s()}, Kids: []*page{kid, nil}, Kid: kid,
		Item: item{Name: s(), N: c.intn(3)}, hidden: s(),
	}
	ptr := s()
	p.P = &ptr
	if c.intn(2) == 0 {
		p.Err = errors.New(s())
	}
	others := hostileValues(strs[:2])
	zero := &page{Kid: &page{Kid: &page{}}}
	other := any(&page{S: s(), T: s(), Kid: kid, M: map[string]string{}})
	if c.intn(2) == 0 {
		other = others[c.intn(len(others))]
	}
	return []any{p, &p, zero, other}
}
