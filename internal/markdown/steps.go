package markdown

import (
	"bytes"
	"html"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/playbook-edu/playbook/internal/model"
)

// stepsFinder finds a text's steps during linkRewriter's walk of the
// syntax tree, which visits nodes in the order their HTML comes in the
// page: the first heading of level 2 to 6 that reads "Steps", or starts
// "Steps " (in any case), then the first numbered list after it, before
// the next heading of level 2 to 6. Each item of that list is a step, up
// to an item that holds such a heading. The footnotes, which goldmark
// moves to the end of the page, are not part of the text here.
type stepsFinder struct {
	state   int    // one of the constants below
	heading string // the word a heading of steps starts with
	id      string // the id of the heading the steps follow, once found
}

const (
	lookingForHeading = iota
	lookingForList
	stepsDone
)

// visit looks at n, a node the walk enters, and returns the steps when n
// is the list that holds them.
func (f *stepsFinder) visit(n ast.Node, source []byte) []model.Instruction {
	if f.state == stepsDone {
		return nil
	}
	switch n := n.(type) {
	case *ast.Heading:
		switch {
		case n.Level < 2 || inFootnotes(n):
		case f.state == lookingForList:
			f.state = stepsDone // a section without a numbered list
		default:
			t := shownTexts.Get().(*shownText)
			t.text = t.appendText(t.text[:0], n, source)
			if isStepsHeading(t.text, f.heading) {
				f.state = lookingForList
				if id, ok := n.AttributeString("id"); ok {
					if b, ok := id.([]byte); ok {
						f.id = string(b)
					}
				}
			}
			shownTexts.Put(t)
		}
	case *ast.List:
		if f.state == lookingForList && n.IsOrdered() && !inFootnotes(n) {
			f.state = stepsDone
			return steps(n, source)
		}
	}
	return nil
}

// isStepsHeading reports whether a heading's text reads word ("Steps"), or
// starts with word and a space, in any case.
func isStepsHeading(text []byte, word string) bool {
	for _, c := range text {
		if c >= utf8.RuneSelf { // a letter may lowercase to ASCII, as the Kelvin sign does
			lower, w := strings.ToLower(string(text)), strings.ToLower(word)
			return lower == w || strings.HasPrefix(lower, w+" ")
		}
	}
	return len(text) >= len(word) && strings.EqualFold(string(text[:len(word)]), word) &&
		(len(text) == len(word) || text[len(word)] == ' ')
}

// steps returns the steps of list. Their texts share one string.
func steps(list *ast.List, source []byte) []model.Instruction {
	t := shownTexts.Get().(*shownText)
	defer shownTexts.Put(t)
	type at struct{ name, nameEnd, text, textEnd int } // where each step's parts are in t.text
	ends := make([]at, 0, list.ChildCount())
	t.text = t.text[:0]
	for item := list.FirstChild(); item != nil; item = item.NextSibling() {
		if holdsHeading(item) {
			break // the heading ends the section inside the list
		}
		e := at{text: len(t.text)}
		t.text = t.appendText(t.text, item, source)
		e.textEnd, e.name = len(t.text), len(t.text)
		t.text = t.appendName(t.text, item, source)
		e.nameEnd = len(t.text)
		if bytes.HasPrefix(t.text[e.text:e.textEnd], t.text[e.name:e.nameEnd]) {
			// The name is nearly always the start of the text: share it.
			e.name, e.nameEnd = e.text, e.text+(e.nameEnd-e.name)
			t.text = t.text[:e.textEnd]
		}
		ends = append(ends, e)
	}
	if len(ends) == 0 {
		return nil
	}
	texts := string(t.text)
	steps := make([]model.Instruction, len(ends))
	for i, e := range ends {
		steps[i] = model.Instruction{Name: texts[e.name:e.nameEnd], Text: texts[e.text:e.textEnd]}
	}
	return steps
}

// appendName appends to dst the name of a step: the text of the bold
// words its first paragraph starts with, without a final "." or ":".
// White space before them is allowed: any, in a tight list, whose items'
// text the page does not put in paragraphs; spaces, tabs and line breaks
// in a loose one. A step without a name appends nothing.
func (t *shownText) appendName(dst []byte, item ast.Node, source []byte) []byte {
	first := item.FirstChild()
	for first != nil && first.Kind() == east.KindFootnoteList {
		first = first.NextSibling()
	}
	space := unicode.IsSpace
	switch first.(type) {
	case *ast.TextBlock:
	case *ast.Paragraph:
		space = func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r' }
	default:
		return dst
	}
	for c := first.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			if !t.blank(c, source, space) {
				return dst
			}
		case *ast.Emphasis:
			if c.Level != 2 {
				return dst
			}
			t.stopAtStrong = true
			start := len(dst)
			dst = t.appendText(dst, c, source)
			t.stopAtStrong = false
			return dst[:start+len(bytes.TrimRight(dst[start:], ".:"))]
		default:
			return dst
		}
	}
	return dst
}

// holdsHeading reports whether a heading of level 2 to 6 is in n.
func holdsHeading(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch c := c.(type) {
		case *east.FootnoteList:
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			if entering && c.Level >= 2 {
				found = true
				return ast.WalkStop, nil
			}
		}
		return ast.WalkContinue, nil
	})
	return found
}

// inFootnotes reports whether n is in the list of footnotes, which stays
// where its first footnote is written until goldmark moves it to the end.
func inFootnotes(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == east.KindFootnoteList {
			return true
		}
	}
	return false
}

// shownText is the text of a node as a reader sees it on the page: the
// HTML goldmark renders for it, with each tag read as a space, character
// references read as the characters they stand for, and each run of white
// space as one space, none at the ends. It writes text as the HTML
// renderer does, with goldmark's html.Writer, before reading it back, so
// that backslash escapes and character references come out as they do on
// the page. A task list's box is not text.
type shownText struct {
	html []byte // the HTML of a node, each tag a space
	text []byte // texts, for the caller
	// stopAtStrong ends the text where the first bold text inside it ends,
	// as a step's name does.
	stopAtStrong, stopped bool
}

// shownTexts keeps the buffers of shownTexts from one text to the next.
var shownTexts = sync.Pool{New: func() any { return new(shownText) }}

// appendText appends to dst the text of n's content.
func (t *shownText) appendText(dst []byte, n ast.Node, source []byte) []byte {
	t.html, t.stopped = t.html[:0], false
	for c := n.FirstChild(); c != nil && !t.stopped; c = c.NextSibling() {
		t.node(c, source)
	}
	h := t.html
	if bytes.IndexByte(h, '&') >= 0 {
		h = []byte(html.UnescapeString(string(h)))
	}
	return appendWords(dst, h)
}

// appendWords appends the words of s to dst, one space between each two:
// what strings.Fields and strings.Join give, without their allocations.
func appendWords(dst, s []byte) []byte {
	start := len(dst)
	inWord := false
	for i := 0; i < len(s); {
		var space bool
		size := 1
		if c := s[i]; c < utf8.RuneSelf {
			space = asciiSpace[c]
		} else {
			var r rune
			r, size = utf8.DecodeRune(s[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space:
			inWord = false
		case !inWord:
			if len(dst) > start {
				dst = append(dst, ' ')
			}
			inWord = true
			fallthrough
		default:
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return dst
}

// asciiSpace says which ASCII bytes unicode.IsSpace takes for white space.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// node writes the HTML of n, each tag as a space.
func (t *shownText) node(n ast.Node, source []byte) {
	switch n := n.(type) {
	case *ast.Text:
		if n.IsRaw() {
			ghtml.DefaultWriter.RawWrite(t, n.Segment.Value(source))
			return
		}
		ghtml.DefaultWriter.Write(t, n.Segment.Value(source))
		if n.HardLineBreak() || n.SoftLineBreak() {
			t.space()
		}
		return
	case *ast.String:
		switch {
		case n.IsCode():
			t.html = append(t.html, n.Value...)
		case n.IsRaw():
			ghtml.DefaultWriter.RawWrite(t, n.Value)
		default:
			ghtml.DefaultWriter.Write(t, n.Value)
		}
		return
	case *ast.CodeSpan:
		t.space()
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if s, ok := c.(*ast.Text); ok {
				ghtml.DefaultWriter.RawWrite(t, s.Segment.Value(source))
			}
		}
		t.space()
		return
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		t.space()
		lines := n.Lines()
		for i := range lines.Len() {
			line := lines.At(i)
			ghtml.DefaultWriter.RawWrite(t, line.Value(source))
		}
		t.space()
		return
	case *ast.AutoLink:
		t.space()
		t.html = append(t.html, util.EscapeHTML(n.Label(source))...)
		t.space()
		return
	case *east.FootnoteLink:
		t.space()
		t.html = strconv.AppendInt(t.html, int64(n.Index), 10)
		t.space()
		return
	case *east.FootnoteList:
		return // shown at the end of the page
	case *ast.Image, *ast.RawHTML, *ast.HTMLBlock, *ast.ThematicBreak, *east.TaskCheckBox:
		t.space() // an element without text, or a comment in place of raw HTML
		return
	}
	t.space()
	for c := n.FirstChild(); c != nil && !t.stopped; c = c.NextSibling() {
		t.node(c, source)
	}
	if e, ok := n.(*ast.Emphasis); ok && e.Level == 2 && t.stopAtStrong {
		t.stopped = true
	}
	t.space()
}

// blank reports whether the HTML of text node n is all white space as
// space has it.
func (t *shownText) blank(n *ast.Text, source []byte, space func(rune) bool) bool {
	if n.HardLineBreak() {
		return false // <br>
	}
	t.html = t.html[:0]
	ghtml.DefaultWriter.Write(t, n.Segment.Value(source))
	for _, r := range string(t.html) {
		if !space(r) {
			return false
		}
	}
	return true
}

func (t *shownText) space() { t.html = append(t.html, ' ') }

// shownText is the util.BufWriter goldmark's html.Writer writes to.

func (t *shownText) Write(p []byte) (int, error) {
	t.html = append(t.html, p...)
	return len(p), nil
}

func (t *shownText) WriteString(s string) (int, error) {
	t.html = append(t.html, s...)
	return len(s), nil
}

func (t *shownText) WriteByte(c byte) error {
	t.html = append(t.html, c)
	return nil
}

func (t *shownText) WriteRune(r rune) (int, error) {
	n := len(t.html)
	t.html = utf8.AppendRune(t.html, r)
	return len(t.html) - n, nil
}

func (t *shownText) Available() int { return cap(t.html) - len(t.html) }
func (t *shownText) Buffered() int  { return len(t.html) }
func (t *shownText) Flush() error   { return nil }
