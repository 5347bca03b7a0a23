package fasttemplate

import (
	"errors"
	"html/template"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"
)

// html/template makes every value a page prints safe by adding escaping
// functions to the end of its action: {{.URL}} in an href attribute runs
// as {{.URL | urlfilter | urlnormalizer | attrescaper}}. Those functions
// take ...any, and text/template calls every function through reflection,
// so each of the ~80 values on a guide page cost three to six reflective
// calls with a slice made for their arguments: a third of the time a page
// takes to render.
//
// fuseEscapers replaces each such run of escapers, once html/template has
// added them, with one function that takes the value directly and gives
// the same result. For the values pages print most (strings, ints, and the
// HTML and JS that Playbook made safe itself) a fused function computes
// the text directly; for any other value it asks html/template, by running
// a one-action template whose escapers are exactly the run it replaces. A
// run not listed in fused is left as html/template wrote it.
//
// The direct computations are ours, so they are checked against
// html/template once per process, before first use (checkedEscapers): in
// its own context template, html/template must escape the run with exactly
// the escapers listed, and must print every one of checkSamples exactly as
// the fused function does. A fused escaper that fails either check is
// dropped, and its run keeps html/template's own escapers.

// fusedEscaper is one run of html/template's escapers and what replaces it.
type fusedEscaper struct {
	run  []string // the escapers, without their "_html_template_" prefix
	name string   // the function that replaces them in the template
	// context is a template whose one action html/template escapes with
	// exactly run; the value printed sits between prefix and suffix.
	context, prefix, suffix string
	// fast returns the escaped text for the values it knows, and false
	// for any other value. It reads the value through reflection, as the
	// executor holds it, so that a string need not be put in an interface
	// (an allocation) to be printed.
	fast func(v reflect.Value) (string, bool)
}

var fused = []*fusedEscaper{
	{run: []string{"htmlescaper"}, name: "pb_escape_html", context: `{{.}}`, fast: fastHTML},
	{run: []string{"attrescaper"}, name: "pb_escape_attr", context: `<p title="{{.}}">`, prefix: `<p title="`, suffix: `">`, fast: fastText},
	{run: []string{"rcdataescaper"}, name: "pb_escape_rcdata", context: `<title>{{.}}</title>`, prefix: `<title>`, suffix: `</title>`, fast: fastText},
	{run: []string{"urlfilter", "urlnormalizer", "attrescaper"}, name: "pb_escape_url_attr", context: `<a href="{{.}}">`, prefix: `<a href="`, suffix: `">`, fast: fastURLAttr},
	{run: []string{"urlescaper", "attrescaper"}, name: "pb_escape_query_attr", context: `<a href="/?q={{.}}">`, prefix: `<a href="/?q=`, suffix: `">`, fast: fastQueryAttr},
	{run: []string{"jsvalescaper"}, name: "pb_escape_jsval", context: `<script>{{.}}</script>`, prefix: `<script>`, suffix: `</script>`, fast: fastJSVal},
}

// escaperSet is the fused escapers that passed the checks, as the function
// map their names resolve to and by the run each replaces.
type escaperSet struct {
	funcs   template.FuncMap
	byRun   map[string]*fusedEscaper
	dropped []string // the names of the fused escapers that failed a check
	// direct holds each passed escaper's direct computation, by name, for
	// the executor to call with the value it holds.
	direct map[string]func(reflect.Value) (string, bool)
}

// checkedEscapers returns the fused escapers that give html/template's
// bytes in this process, checked on first use.
var checkedEscapers = sync.OnceValue(func() *escaperSet {
	return checkEscapers(fused, checkSamples())
})

// checkEscapers returns the escapers of list that html/template still
// escapes as listed and whose direct computation prints every sample as
// html/template does.
func checkEscapers(list []*fusedEscaper, samples []any) *escaperSet {
	// The escapers are checked at once, each on its own: a few
	// milliseconds in all, at the start of a build.
	passed := make([]func(any) string, len(list))
	var wg sync.WaitGroup
	for i, f := range list {
		wg.Go(func() {
			slow, ok := contextEscaper(f)
			for j := 0; ok && j < len(samples); j++ {
				if s, handled := f.fast(reflect.ValueOf(samples[j])); handled && s != slow(samples[j]) {
					ok = false
				}
			}
			if ok {
				fast := f.fast
				passed[i] = func(v any) string {
					if s, ok := fast(reflect.ValueOf(v)); ok {
						return s
					}
					return slow(v)
				}
			}
		})
	}
	wg.Wait()
	set := &escaperSet{funcs: template.FuncMap{}, byRun: map[string]*fusedEscaper{}, direct: map[string]func(reflect.Value) (string, bool){}}
	for i, f := range list {
		if passed[i] == nil {
			set.dropped = append(set.dropped, f.name)
			continue
		}
		set.funcs[f.name] = passed[i]
		set.direct[f.name] = f.fast
		set.byRun[strings.Join(f.run, " ")] = f
	}
	return set
}

// contextEscaper returns html/template's own escaping of a value in f's
// context, after checking that html/template escapes the context with
// exactly f's run. It reports false when it does not.
func contextEscaper(f *fusedEscaper) (func(any) string, bool) {
	t, err := template.New(f.name).Parse(f.context)
	if err != nil {
		return nil, false
	}
	escape(t, t.Name())
	if run, ok := onlyRun(t); !ok || run != strings.Join(f.run, " ") {
		return nil, false
	}
	return func(v any) string {
		var b strings.Builder
		if err := t.Execute(&b, v); err != nil {
			// Cannot happen: the template prints one value, whatever it is.
			return ""
		}
		s := b.String()
		if !strings.HasPrefix(s, f.prefix) || !strings.HasSuffix(s, f.suffix) {
			return "" // nor this
		}
		return s[len(f.prefix) : len(s)-len(f.suffix)]
	}, true
}

// checkSamples are the values each fused escaper must print as
// html/template does: the characters each context must escape (every
// ASCII character, alone, together and in a URL's scheme), URLs with
// schemes good and bad,
// broken and unusual UTF-8, in every content type of html/template and
// as other kinds of values.
func checkSamples() []any {
	strs := []string{
		"", "plain words", "Peer mentoring & coaching", `<script>alert("x")</script>`,
		`" onmouseover="alert(1)`, "it's", "a+b=c", "\x00nul", "tab\tnew\nline\r\f",
		"café ☕ naïve", "\xff\xfe broken", "\xed\xa0\x80", "\uFDD0\uFFFE\uFFFF", "\u2028\u2029", "\u00a0\u200b\ufeff",
		"/guides/peer-mentoring/", "/guides/x/#steps", "https://example.org/a?b=c&d=e+f",
		"HTTPS://EXAMPLE.ORG", "mailto:a@b.org", "javascript:alert(1)", "JavaScript:alert(1)",
		" javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,<b>", "vbscript:x", "/a:b", "a/b:c", "foo:bar",
		":x", "http:", "//evil.example/", "%20%zz%2", "%", "%4", "100%", "a%2Fb", "[::1]",
		"{curly} |pipe| `tick` ^caret\\", "q=a b&c=d", "#frag", "?x=1", "../up", "ünïcødé/ü?ü=ü#ü",
		"</script><script>x</script>", "</title>", "<!--", "-->", "]]>", "&amp;", "&#34;",
	}
	var all strings.Builder
	for c := range 0x80 {
		all.WriteByte(byte(c))
		strs = append(strs, string(rune(c)), "x"+string(rune(c))+":y")
	}
	strs = append(strs, all.String(), "http://a/?"+all.String())
	type named string
	var vs []any
	for _, s := range strs {
		vs = append(vs, s, template.HTML(s), template.HTMLAttr(s), template.JS(s), template.JSStr(s),
			template.URL(s), template.CSS(s), template.Srcset(s), named(s), &s)
	}
	n := 7
	return append(vs, 0, 42, -7, math.MinInt, math.MaxInt, &n, int8(-3), int64(3), uint8(200), uint(9),
		3.5, math.Copysign(0, -1), math.Inf(1), math.NaN(), float32(1.5), true, false, nil, (*string)(nil), []string{"a", "<b>"},
		[]byte("<b>"), map[string]int{"<k>": 1}, struct{ A string }{"<x>"}, errors.New("<err>"))
}

// errEscapeOnly stops a template that runs only to make html/template
// escape it.
var errEscapeOnly = errors.New("escape only")

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errEscapeOnly }

// escape makes html/template escape the template called name in t and the
// templates it calls, which it otherwise does when the template first
// runs. The run stops at the template's first output; an error in the
// template itself is reported when it runs for a page.
func escape(t *template.Template, name string) {
	_ = t.ExecuteTemplate(failWriter{}, name, nil)
}

// onlyRun returns the escapers of the single action in a context template.
func onlyRun(t *template.Template) (string, bool) {
	var runs []string
	eachAction(t.Tree.Root, func(a *parse.ActionNode) {
		start := escaperRunStart(a.Pipe)
		var names []string
		for _, c := range a.Pipe.Cmds[start:] {
			names = append(names, escaperName(c))
		}
		runs = append(runs, strings.Join(names, " "))
	})
	if len(runs) != 1 {
		return "", false
	}
	return runs[0], true
}

// fuseEscapers replaces the runs of escapers html/template added to the
// templates of t with the fused functions. Every template of t must have
// been escaped (see escape) and none may be running.
func fuseEscapers(t *template.Template, set *escaperSet) {
	if len(set.funcs) == 0 {
		return
	}
	t.Funcs(set.funcs)
	for _, x := range t.Templates() {
		if x.Tree == nil || x.Tree.Root == nil {
			continue
		}
		eachAction(x.Tree.Root, func(a *parse.ActionNode) {
			p := a.Pipe
			start := escaperRunStart(p)
			if start == 0 || start == len(p.Cmds) {
				return // no escapers, or nothing before them to escape
			}
			var names []string
			for _, c := range p.Cmds[start:] {
				names = append(names, escaperName(c))
			}
			f := set.byRun[strings.Join(names, " ")]
			if f == nil {
				return
			}
			cmd := p.Cmds[start]
			id := cmd.Args[0].(*parse.IdentifierNode)
			cmd.Args = []parse.Node{parse.NewIdentifier(f.name).SetTree(x.Tree).SetPos(id.Pos)}
			p.Cmds = p.Cmds[:start+1]
		})
	}
}

// eachAction calls fn for every action printed by the template rooted at n.
func eachAction(n parse.Node, fn func(*parse.ActionNode)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			eachAction(c, fn)
		}
	case *parse.ActionNode:
		if len(n.Pipe.Decl) == 0 {
			fn(n)
		}
	case *parse.IfNode:
		eachAction(n.List, fn)
		eachAction(n.ElseList, fn)
	case *parse.RangeNode:
		eachAction(n.List, fn)
		eachAction(n.ElseList, fn)
	case *parse.WithNode:
		eachAction(n.List, fn)
		eachAction(n.ElseList, fn)
	}
}

// escaperRunStart returns the index of the first command of the run of
// html/template escapers that ends pipe p, or len(p.Cmds) when there is none.
func escaperRunStart(p *parse.PipeNode) int {
	i := len(p.Cmds)
	for i > 0 && escaperName(p.Cmds[i-1]) != "" {
		i--
	}
	return i
}

// escaperName returns the name of the html/template escaper command c
// calls, without its prefix, or "" when c is not such a call.
func escaperName(c *parse.CommandNode) string {
	if len(c.Args) != 1 {
		return ""
	}
	id, ok := c.Args[0].(*parse.IdentifierNode)
	if !ok {
		return ""
	}
	name, ok := strings.CutPrefix(id.Ident, "_html_template_")
	if !ok {
		return ""
	}
	return name
}

// The types the direct computations know, each exactly (a type defined
// on string is none of them).
var (
	stringType = reflect.TypeFor[string]()
	intType    = reflect.TypeFor[int]()
	htmlType   = reflect.TypeFor[template.HTML]()
	jsType     = reflect.TypeFor[template.JS]()
)

// typeOf is the type of the value v holds, through any interface, or nil
// for no value.
func typeOf(v reflect.Value) (reflect.Type, reflect.Value) {
	for v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() || v.Kind() == reflect.Interface {
		return nil, v
	}
	return v.Type(), v
}

// fastText escapes a string or an int as html/template does in text,
// attribute values and RCDATA (<title>, <textarea>).
func fastText(v reflect.Value) (string, bool) {
	switch t, v := typeOf(v); t {
	case stringType:
		return escapeText(v.String()), true
	case intType:
		return strconv.Itoa(int(v.Int())), true
	}
	return "", false
}

// fastHTML is fastText that also lets HTML the site made safe through.
func fastHTML(v reflect.Value) (string, bool) {
	if t, h := typeOf(v); t == htmlType {
		return h.String(), true
	}
	return fastText(v)
}

// fastJSVal lets JavaScript the site made safe (JSON-LD) through.
func fastJSVal(v reflect.Value) (string, bool) {
	if t, js := typeOf(v); t == jsType {
		return js.String(), true
	}
	return "", false
}

// escapeText replaces the characters that could end a text, an attribute
// value or an RCDATA element, and NUL.
func escapeText(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return r < 0x80 && textEscapes[r] != "" })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for j := i; j < len(s); j++ {
		if c := s[j]; c < 0x80 && textEscapes[c] != "" {
			b.WriteString(textEscapes[c])
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

var textEscapes = [0x80]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// fastURLAttr filters, normalises and attribute-escapes a string URL: a
// scheme other than http, https or mailto becomes "#ZgotmplZ", every byte
// a URL may not hold is percent-encoded (valid escapes are kept), and the
// & and + it may hold are written as character references.
func fastURLAttr(v reflect.Value) (string, bool) {
	t, sv := typeOf(v)
	if t != stringType {
		return "", false
	}
	s := sv.String()
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		return "#ZgotmplZ", true
	}
	return escapeURL(s, true), true
}

// fastQueryAttr percent-encodes a string for a URL's query: every byte but
// letters, digits and - . _ ~.
func fastQueryAttr(v reflect.Value) (string, bool) {
	t, s := typeOf(v)
	if t != stringType {
		return "", false
	}
	return escapeURL(s.String(), false), true
}

// escapeURL percent-encodes the bytes of s that may not stand in a URL as
// they are. With keepReserved, the characters that give a URL its
// structure and valid %XX escapes are kept, and & and + are written as
// character references for an attribute value.
func escapeURL(s string, keepReserved bool) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~':
			continue
		case keepReserved && strings.IndexByte("!#$*,/:;=?@[]", c) >= 0:
			continue
		case keepReserved && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		switch {
		case keepReserved && c == '&':
			b.WriteString("&amp;")
		case keepReserved && c == '+':
			b.WriteString("&#43;")
		default:
			const hex = "0123456789abcdef"
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
