package render

import (
	"errors"
	"html/template"
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
// the same result. The functions are ours, so they must give exactly what
// html/template's give: for the values pages print most (strings, ints,
// and the HTML and JS that Playbook made safe itself) they compute it
// directly; for anything else they ask html/template, by running a
// one-action template whose escapers are exactly the run they replace. A
// run not listed in fused is left as html/template wrote it. The test
// TestFusedEscapersMatch compares every fused function with html/template
// over hostile strings and every content type.

// fusedEscaper is one run of html/template's escapers and what replaces it.
type fusedEscaper struct {
	run  []string // the escapers, without their "_html_template_" prefix
	name string   // the function that replaces them in the template
	// context is a template whose one action html/template escapes with
	// exactly run; the value printed sits between prefix and suffix.
	context, prefix, suffix string
	// fast returns the escaped text for the values it knows, and false
	// for any other value.
	fast func(v any) (string, bool)
}

var fused = []*fusedEscaper{
	{run: []string{"htmlescaper"}, name: "pb_escape_html", context: `{{.}}`, fast: fastHTML},
	{run: []string{"attrescaper"}, name: "pb_escape_attr", context: `<p title="{{.}}">`, prefix: `<p title="`, suffix: `">`, fast: fastText},
	{run: []string{"rcdataescaper"}, name: "pb_escape_rcdata", context: `<title>{{.}}</title>`, prefix: `<title>`, suffix: `</title>`, fast: fastText},
	{run: []string{"urlfilter", "urlnormalizer", "attrescaper"}, name: "pb_escape_url_attr", context: `<a href="{{.}}">`, prefix: `<a href="`, suffix: `">`, fast: fastURLAttr},
	{run: []string{"urlescaper", "attrescaper"}, name: "pb_escape_query_attr", context: `<a href="/?q={{.}}">`, prefix: `<a href="/?q=`, suffix: `">`, fast: fastQueryAttr},
	{run: []string{"jsvalescaper"}, name: "pb_escape_jsval", context: `<script>{{.}}</script>`, prefix: `<script>`, suffix: `</script>`, fast: fastJSVal},
}

// fusedSetup parses each fused escaper's context template once, checks
// that html/template still escapes it with exactly the run it stands for,
// and builds the function map the fused names resolve to. A run whose
// context no longer matches is left out, so its escapers stay as they are.
var fusedSetup = sync.OnceValues(func() (template.FuncMap, map[string]*fusedEscaper) {
	funcs := template.FuncMap{}
	byRun := map[string]*fusedEscaper{}
	for _, f := range fused {
		t, err := template.New(f.name).Parse(f.context)
		if err != nil {
			continue
		}
		escape(t, t.Name())
		if run, ok := onlyRun(t); !ok || run != strings.Join(f.run, " ") {
			continue
		}
		slow := func(v any) string {
			var b strings.Builder
			if err := t.Execute(&b, v); err != nil {
				// Cannot happen: the template prints one value, whatever it is.
				return ""
			}
			s := b.String()
			return s[len(f.prefix) : len(s)-len(f.suffix)]
		}
		fast := f.fast
		funcs[f.name] = func(v any) string {
			if s, ok := fast(v); ok {
				return s
			}
			return slow(v)
		}
		byRun[strings.Join(f.run, " ")] = f
	}
	return funcs, byRun
})

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
func fuseEscapers(t *template.Template) {
	funcs, byRun := fusedSetup()
	if len(funcs) == 0 {
		return
	}
	t.Funcs(funcs)
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
			f := byRun[strings.Join(names, " ")]
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

// fastText escapes a string or an int as html/template does in text,
// attribute values and RCDATA (<title>, <textarea>).
func fastText(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return escapeText(v), true
	case int:
		return strconv.Itoa(v), true
	}
	return "", false
}

// fastHTML is fastText that also lets HTML the site made safe through.
func fastHTML(v any) (string, bool) {
	if h, ok := v.(template.HTML); ok {
		return string(h), true
	}
	return fastText(v)
}

// fastJSVal lets JavaScript the site made safe (JSON-LD) through.
func fastJSVal(v any) (string, bool) {
	if js, ok := v.(template.JS); ok {
		return string(js), true
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
func fastURLAttr(v any) (string, bool) {
	s, ok := v.(string)
	if !ok {
		return "", false
	}
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		return "#ZgotmplZ", true
	}
	return escapeURL(s, true), true
}

// fastQueryAttr percent-encodes a string for a URL's query: every byte but
// letters, digits and - . _ ~.
func fastQueryAttr(v any) (string, bool) {
	s, ok := v.(string)
	if !ok {
		return "", false
	}
	return escapeURL(s, false), true
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
