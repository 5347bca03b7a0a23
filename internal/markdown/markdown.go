// Package markdown turns the Markdown an editor writes into HTML for the
// site.
//
// All Markdown setup is the one goldmark.New call in New: GitHub Flavored
// Markdown (tables, task lists, strikethrough, autolinks), footnotes, smart
// punctuation and heading ids. Raw HTML in Markdown is left out of the
// output and links with dangerous schemes (javascript:, vbscript:, data:) are
// dropped, so nothing an editor pastes can run script on the site.
//
// Task list items ("- [ ] Do this") render as a box glyph, not as a
// disabled checkbox with no label: a guide's "Check yourself" list is
// something to think about or print, while the site's interactive
// checklists, whose ticks are saved, live in data/checklists.yaml.
//
// # Links
//
// Editors link guides and pages with ordinary relative links, which also
// work when the file is read on GitHub:
//
//	[Peer mentoring](peer-mentoring.md)            from content/guides/
//	[About](../pages/about.md#who-we-are)          from content/guides/
//	[Peer mentoring](../content/guides/peer-mentoring.md)  from data/*.yaml
//
// Convert rewrites each such link to the page's site URL and returns it, with
// its position in the source file, so that the link stage can report a link
// to a file that does not exist or a heading ("#steps") that is not there.
// Every other link into the playbook is returned too, for the link stage to
// check: a relative link to an image (rewritten to its URL) or to anything
// else (left as written), and a link to an address of the site written
// from its root, such as "/stories/reading-team/", which gets the site's
// base path. Links with a scheme are left as written; a link to a heading
// of the same guide or page ("#steps") is left as written and returned
// with the file itself as its target.
//
// # Headings
//
// Every heading gets an id made from its text ("Next steps" becomes
// "next-steps"; a second "Next steps" in the same text "next-steps-1").
// Convert returns the headings with their ids, and marks those with nothing
// under them.
//
// A heading may be given its anchor: "## Pasos {#steps}", as a translation
// does to keep the anchors links to the original use. Nothing but the id
// is kept of what the braces hold.
//
// # Steps
//
// A text's steps are the items of its first numbered list after its first
// heading "Steps" (of level 2 to 6; "## Steps to take" counts too), or
// the word of the text's language (WithWords), before the next such
// heading. Convert returns each as a reader sees it on the
// page: its text on one line, and its name, the bold words it starts
// with ("1. **Agree on a focus.** Then…" is named "Agree on a focus").
// Footnotes, shown at the end of the page, are not part of the text, and a
// task list's box is not part of a step.
//
// # Images
//
// Images live in content/images/ and are published at /images/. Editors
// show them with relative links that also work on GitHub:
//
//	![A team at work](../images/team.jpg)                 from content/guides/
//	![A team at work](../content/images/team.jpg)         from data/*.yaml
//
// Convert rewrites them to site URLs and returns every image, with its alt
// text, for the link stage to check.
package markdown

import (
	"bytes"
	"html"
	"path"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/readability"
	"github.com/playbook-edu/playbook/internal/route"
)

// Converter renders Markdown. It is safe for concurrent use.
type Converter struct {
	md    goldmark.Markdown
	base  string // the base path of pages, "/", "/sub/" or "/sub/es/"
	files string // the base path of the files every language shares, "/" or "/sub/"
	terms []term // the glossary's words, lowercase (terms.go)
	steps string // the heading steps follow, in the texts' language: "Steps"
	done  string // said before a ticked task, HTML-escaped: "Done:"
	// related is the heading of a guide's list of related guides, in the
	// texts' language: "Related guides".
	related string
}

// Words are the words a converter reads and writes in the language of the
// texts: the theme's translation table's markdown.* texts.
type Words struct {
	Steps string // the word a heading of steps starts with: "Steps"
	Done  string // what screen readers hear before a ticked task: "Done:"
	// Related is the heading of a guide's last section when it lists
	// related guides: "Related guides" (see Doc.Related).
	Related string
}

// WithWords makes the converter read and write w's words instead of
// English ones; an empty word keeps the English. It must be called before
// Convert is, not while.
func (c *Converter) WithWords(w Words) *Converter {
	if s := strings.TrimSpace(w.Steps); s != "" {
		c.steps = s
	}
	if s := strings.TrimSpace(w.Done); s != "" {
		c.done = html.EscapeString(s)
	}
	if s := strings.TrimSpace(w.Related); s != "" {
		c.related = s
	}
	return c
}

// WithPrefix makes links to pages start with the base path and prefix, the
// folder of a language's pages ("es/"). It must be called before Convert
// is, not while.
func (c *Converter) WithPrefix(prefix string) *Converter {
	c.base = c.files + prefix
	return c
}

// pageOrFile returns the base path for the site path p: the files'
// (images, schemas, assets, the site's own files) or the pages'.
func (c *Converter) pageOrFile(p string) string {
	if place, ok := route.Parse(p); ok {
		switch place.Kind {
		case "images", "schemas", "assets", "file":
			return c.files
		}
	}
	return c.base
}

// New returns a Converter whose rewritten links start with basePath, the
// path the site is published under ("/" at a domain's root). Links to
// pages of a language other than the default start with its prefix too
// (WithPrefix); links to files the languages share, images among them,
// do not.
func New(basePath string) *Converter {
	if !strings.HasSuffix(basePath, "/") {
		basePath += "/"
	}
	c := &Converter{base: basePath, files: basePath, steps: "Steps", done: "Done:", related: "Related guides"}
	c.md = goldmark.New(
		goldmark.WithExtensions(
			// GitHub Flavored Markdown, with table alignment written as
			// classes: a style attribute would break the site's
			// Content-Security-Policy.
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.Strikethrough,
			extension.Linkify,
			extension.TaskList,
			extension.Footnote,
			extension.Typographer,
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			// "## Pasos {#steps}" gives a heading the anchor of its
			// original, so that links made to the original still land.
			// Only the id is kept (headingIDs).
			parser.WithHeadingAttribute(),
			parser.WithASTTransformers(util.Prioritized(linkRewriter{c}, 100)),
		),
		// Registered after the task list extension's renderer (500), which goldmark
		// does in order of falling priority, so this one wins.
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(taskBox{c}, 100))),
	)
	return c
}

// Source is a Markdown text and where it came from.
type Source struct {
	Text []byte
	// File is the path of the file holding the text, relative to the
	// playbook root; relative links are resolved from its folder.
	File string
	// Position maps a byte offset in Text to its position in File.
	Position func(offset int) model.Pos
	// Terms links the first use of each glossary term to its entry
	// (SetTerms): guides and pages have it set.
	Terms bool
	// Read, when set, is given what a reader sees of the text, for package
	// readability to measure, before Convert returns: the words of
	// paragraphs, headings, list items and table cells, with link texts
	// but not links' addresses, image descriptions, code or raw HTML. Each
	// piece is a part of Text, or the punctuation a smart quote or dash
	// stands for; the pieces are Convert's own, valid during the call only.
	Read func(text []readability.Piece)
}

// Doc is a Markdown text rendered: its HTML and what the link stage checks.
type Doc struct {
	HTML     []byte
	Links    []model.Link    // links into the playbook and the site, and to headings of the same document
	Headings []model.Heading // in document order
	Images   []model.Image   // in document order
	// Steps are the items of the numbered list under the text's "Steps"
	// heading (see Steps in the package doc), and that heading's id.
	Steps   []model.Instruction
	StepsID string
	// Checks are the unticked task list items ("- [ ] ..."), which a
	// guide's page makes checkboxes, in order (page.go).
	Checks []model.Check
	// Related is the text's last section when it is a "Related guides"
	// heading followed only by a list of links to guides, which a guide's
	// page folds into its own list; the zero RelatedSection otherwise.
	Related model.RelatedSection
}

// Convert renders src to HTML and returns it with the relative links,
// headings and images it found.
// A text that passes one of the build's limits is not parsed: the error
// is a *LimitError.
func (c *Converter) Convert(src Source) (Doc, error) {
	if err := checkLimits(src.Text); err != nil {
		return Doc{}, err
	}
	st := &docState{src: src, steps: stepsFinder{heading: c.steps}}
	if src.Read != nil {
		// A build converts thousands of texts: their pieces go in lists
		// kept from one to the next.
		st.reading = true
		st.text = *pieceLists.Get().(*[]readability.Piece)
		defer func() {
			clear(st.text) // let the texts go
			st.text = st.text[:0]
			pieceLists.Put(&st.text)
		}()
	}
	ctx := parser.NewContext()
	ctx.Set(sourceKey, st)
	var buf bytes.Buffer
	buf.Grow(len(src.Text) + len(src.Text)/4)
	w := &htmlWriter{Buffer: &buf}
	if err := c.md.Convert(src.Text, w, parser.WithContext(ctx)); err != nil {
		return Doc{}, err
	}
	st.doc.HTML = buf.Bytes()
	st.doc.Checks = checks(st.doc.HTML, w.boxes, st.doc.Headings)
	st.doc.Related = relatedSection(st.doc.HTML, c.guides(), isRelatedHeading(st.doc.Headings, c.related))
	if st.reading {
		src.Read(st.text)
	}
	return st.doc, nil
}

// pieceLists are the lists of pieces of text Convert gives to Source.Read.
var pieceLists = sync.Pool{New: func() any { return new([]readability.Piece) }}

var sourceKey = parser.NewContextKey()

type docState struct {
	src     Source
	doc     Doc
	steps   stepsFinder
	cursor  int                 // where the last link found without text ended
	reading bool                // collecting text for Source.Read
	text    []readability.Piece // what a reader sees, for Source.Read
	textEnd int                 // where the last piece of text read ended
}

// space is the piece of text that a line break inside a paragraph reads as.
var space = []byte(" ")

// text adds a Text node to what a reader sees.
func (st *docState) addText(t *ast.Text, source []byte) {
	if !st.reading {
		return
	}
	st.text = append(st.text, readability.Piece{Text: t.Segment.Value(source), At: t.Segment.Start})
	st.textEnd = t.Segment.Stop
	if t.SoftLineBreak() || t.HardLineBreak() {
		st.text = append(st.text, readability.Piece{Text: space, At: t.Segment.Stop})
	}
}

// addString adds what a typographer's String node stands for.
func (st *docState) addString(s *ast.String) {
	if st.reading {
		st.text = append(st.text, readability.Piece{Text: stringText(s), At: st.textEnd})
	}
}

// endBlock marks the end of a block of text: a sentence ends there.
func (st *docState) endBlock() {
	if n := len(st.text); n > 0 {
		st.text[n-1].Block = true
	}
}

// typography is what the typographer's entities stand for.
var typography = map[string][]byte{
	"&lsquo;": []byte("‘"), "&rsquo;": []byte("’"), "&ldquo;": []byte("“"), "&rdquo;": []byte("”"),
	"&ndash;": []byte("–"), "&mdash;": []byte("—"), "&hellip;": []byte("…"),
	"&laquo;": []byte("«"), "&raquo;": []byte("»"),
}

// stringText is the punctuation a typographer's String node stands for.
func stringText(s *ast.String) []byte {
	if t, ok := typography[string(s.Value)]; ok {
		return t
	}
	if s.IsCode() || !bytes.ContainsRune(s.Value, '&') {
		return s.Value
	}
	return []byte(html.UnescapeString(string(s.Value)))
}

// linkRewriter is the AST transformer that resolves and rewrites relative
// links and images, and marks aligned table cells with a class.
type linkRewriter struct{ c *Converter }

func (r linkRewriter) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(sourceKey).(*docState)
	if st == nil {
		return
	}
	if st.src.Terms {
		// Before links are rewritten: a term's link is an address of the
		// site, which gets the base path like any other.
		r.c.linkTerms(doc, reader.Source())
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *east.TableCell:
			if !entering {
				st.endBlock()
			}
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		if steps := st.steps.visit(n, reader.Source()); steps != nil {
			st.doc.Steps, st.doc.StepsID = steps, st.steps.id
		}
		switch l := n.(type) {
		case *ast.Heading:
			headingIDOnly(l)
			st.heading(l, reader.Source())
		case *ast.Link:
			l.Destination = r.rewrite(st, l, l.Destination)
		case *ast.Image:
			l.Destination = r.image(st, l, reader.Source())
			return ast.WalkSkipChildren, nil // its description is not seen
		case *ast.CodeSpan:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			st.addText(l, reader.Source())
		case *ast.String:
			st.addString(l)
		case *east.TableCell:
			if l.Alignment != east.AlignNone {
				l.SetAttributeString("class", []byte("align-"+l.Alignment.String()))
			}
		}
		return ast.WalkContinue, nil
	})
}

// rewrite returns the site URL for dest, recording the link when it points
// into the playbook's content.
func (r linkRewriter) rewrite(st *docState, n ast.Node, dest []byte) []byte {
	d := string(dest)
	if frag, ok := strings.CutPrefix(d, "#"); ok && frag != "" && strings.HasSuffix(st.src.File, ".md") {
		st.doc.Links = append(st.doc.Links, model.Link{Dest: d, Target: st.src.File, Fragment: frag,
			Pos: st.src.Position(st.destOffset(st.src.Text, n, dest))})
		return dest
	}
	if IsSiteAddress(d) {
		p, frag, _ := strings.Cut(d, "#")
		p, _, _ = strings.Cut(p, "?")
		st.doc.Links = append(st.doc.Links, model.Link{Dest: d, Site: p, Fragment: frag,
			Pos: st.src.Position(st.destOffset(st.src.Text, n, dest))})
		return []byte(r.c.pageOrFile(p) + strings.TrimPrefix(d, "/"))
	}
	if !IsRelative(d) {
		return dest
	}
	p, frag, _ := strings.Cut(d, "#")
	p, _, _ = strings.Cut(p, "?")
	target := path.Join(path.Dir(st.src.File), p)
	st.doc.Links = append(st.doc.Links, model.Link{
		Dest:     d,
		Target:   target,
		Fragment: frag,
		Pos:      st.src.Position(st.destOffset(st.src.Text, n, dest)),
	})
	base := r.c.base
	url, ok := route.ContentFile(target)
	if !ok {
		url, ok = route.Image(target)
		base = r.c.files
	}
	if !ok {
		return dest // reported by the link stage
	}
	out := base + strings.TrimPrefix(url, "/")
	if frag != "" {
		out += "#" + frag
	}
	return []byte(out)
}

// IsSiteAddress reports whether a link destination is an address of the
// site itself, written from its root: "/stories/reading-team/". The base
// path is added when the site is published under one.
func IsSiteAddress(dest string) bool {
	return strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "//") && !strings.HasPrefix(dest, "/\\")
}

// image records an image and returns its site URL when it is a file of
// the playbook's images folder.
func (r linkRewriter) image(st *docState, n *ast.Image, source []byte) []byte {
	dest := n.Destination
	d := string(dest)
	img := model.Image{Dest: d, Alt: plainText(n, source), Pos: st.src.Position(st.destOffset(st.src.Text, n, dest))}
	var out []byte
	if IsRelative(d) {
		p, _, _ := strings.Cut(d, "#")
		p, _, _ = strings.Cut(p, "?")
		img.Target = path.Join(path.Dir(st.src.File), p)
		if url, ok := route.Image(img.Target); ok {
			out = []byte(r.c.files + strings.TrimPrefix(url, "/"))
		}
	}
	st.doc.Images = append(st.doc.Images, img)
	if out == nil {
		return dest
	}
	return out
}

// heading records a heading with the id the parser gave it.
// headingIDOnly drops every attribute "{...}" gave heading h but its id:
// a class or a style would slip past the theme and its
// Content-Security-Policy.
func headingIDOnly(h *ast.Heading) {
	id, ok := h.AttributeString("id")
	if len(h.Attributes()) == 1 && ok {
		return
	}
	h.RemoveAttributes()
	if ok {
		h.SetAttributeString("id", id)
	}
}

func (st *docState) heading(h *ast.Heading, source []byte) {
	id, _ := h.AttributeString("id")
	idb, _ := id.([]byte)
	empty := true
	if next := h.NextSibling(); next != nil {
		if nh, ok := next.(*ast.Heading); !ok || nh.Level > h.Level {
			empty = false
		}
	}
	offset := 0
	if lines := h.Lines(); lines.Len() > 0 {
		offset = lines.At(0).Start
	}
	// Point at the heading's "#" marks rather than its text; a setext
	// heading (underlined by === or ---) starts with its text.
	offset = min(offset, len(source))
	lineStart := bytes.LastIndexByte(source[:offset], '\n') + 1
	marks := lineStart
	for marks < offset && source[marks] == ' ' {
		marks++
	}
	if marks < len(source) && source[marks] == '#' {
		offset = marks
	}
	st.doc.Headings = append(st.doc.Headings, model.Heading{ID: string(idb), Text: plainText(h, source), Level: h.Level, Empty: empty,
		Pos: st.src.Position(offset)})
}

// plainText returns the text inside n, without markup.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(source))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(html.UnescapeString(string(t.Value))) // the typographer's entities
		case *ast.CodeSpan:
			for cc := t.FirstChild(); cc != nil; cc = cc.NextSibling() {
				if tt, ok := cc.(*ast.Text); ok {
					b.Write(tt.Segment.Value(source))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// IsRelative reports whether a link destination is relative to the file it
// is written in: no scheme, not site-absolute, not only a fragment.
func IsRelative(dest string) bool {
	if dest == "" || dest[0] == '#' || dest[0] == '/' || dest[0] == '\\' {
		return false
	}
	if i := strings.IndexAny(dest, ":/?#"); i >= 0 && dest[i] == ':' {
		return false // a scheme such as https: or mailto:
	}
	return true
}

// destOffset finds where a link's destination is written in src: after the
// link's text when it is written inline, else at the text itself. A link
// or image with no text is looked for after the last one found.
func (st *docState) destOffset(src []byte, n ast.Node, dest []byte) int {
	start := textStart(n)
	if start < 0 {
		start = st.cursor
		if i := bytes.Index(src[min(start, len(src)):], dest); i >= 0 {
			st.cursor = start + i + len(dest)
			return start + i
		}
	} else {
		st.cursor = max(st.cursor, start)
	}
	window := src[start:min(len(src), start+len(dest)+4096)]
	if i := bytes.Index(window, dest); i >= 0 {
		return start + i
	}
	if start > 0 && start <= len(src) {
		return start - 1 // the '[' before the text
	}
	return start
}

// textStart returns the offset of the first text inside n, or -1.
func textStart(n ast.Node) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
		if c.Type() == ast.TypeBlock {
			break
		}
	}
	return -1
}

// LinePositions returns a Position function for text that begins at line
// firstLine, column 1 of file: the body of a Markdown file after its front
// matter.
func LinePositions(file string, text []byte, firstLine int) func(int) model.Pos {
	return func(offset int) model.Pos {
		offset = min(max(offset, 0), len(text))
		before := text[:offset]
		line := bytes.Count(before, []byte("\n"))
		lineStart := bytes.LastIndexByte(before, '\n') + 1
		return model.Pos{File: file, Line: firstLine + line, Col: utf8.RuneCount(before[lineStart:]) + 1}
	}
}

// taskBox renders a task list item's box as a glyph hidden from screen
// readers, with the word "Done:" for them before a ticked item. A disabled
// checkbox without a label, goldmark's default, is an unlabelled form
// control to accessibility checkers and prints no better.
type taskBox struct{ c *Converter }

func (b taskBox) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.(*east.TaskCheckBox).IsChecked {
			_, _ = w.WriteString(`<span class="task-box" aria-hidden="true">☑</span> <span class="visually-hidden">`)
			_, _ = w.WriteString(b.c.done) // escaped once, in WithWords
			_, _ = w.WriteString(` </span>`)
		} else {
			if hw, ok := w.(*htmlWriter); ok {
				hw.boxes = append(hw.boxes, hw.Len())
			}
			_, _ = w.WriteString(taskBoxHTML)
		}
		return ast.WalkContinue, nil
	})
}
