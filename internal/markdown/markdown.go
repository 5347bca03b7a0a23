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
// to a file that does not exist. Links with a scheme, site-absolute links
// and fragment-only links are left as written.
package markdown

import (
	"bytes"
	"path"
	"strings"
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
	"github.com/playbook-edu/playbook/internal/route"
)

// Converter renders Markdown. It is safe for concurrent use.
type Converter struct {
	md   goldmark.Markdown
	base string // the site's base path, "/" or "/sub/"
}

// New returns a Converter whose rewritten links start with basePath, the
// path the site is published under ("/" at a domain's root).
func New(basePath string) *Converter {
	if !strings.HasSuffix(basePath, "/") {
		basePath += "/"
	}
	c := &Converter{base: basePath}
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
			parser.WithASTTransformers(util.Prioritized(linkRewriter{c}, 100)),
		),
		// Registered after the task list extension's renderer (500), which goldmark
		// does in order of falling priority, so this one wins.
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(taskBox{}, 100))),
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
}

// Convert renders src to HTML and returns the relative links it found.
func (c *Converter) Convert(src Source) ([]byte, []model.Link, error) {
	var links []model.Link
	ctx := parser.NewContext()
	ctx.Set(sourceKey, &docState{src: src, links: &links})
	var buf bytes.Buffer
	buf.Grow(len(src.Text) + len(src.Text)/4)
	if err := c.md.Convert(src.Text, &buf, parser.WithContext(ctx)); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), links, nil
}

var sourceKey = parser.NewContextKey()

type docState struct {
	src   Source
	links *[]model.Link
}

// linkRewriter is the AST transformer that resolves and rewrites relative
// links and images, and marks aligned table cells with a class.
type linkRewriter struct{ c *Converter }

func (r linkRewriter) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(sourceKey).(*docState)
	if st == nil {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Link:
			l.Destination = r.rewrite(st, l, l.Destination)
		case *ast.Image:
			l.Destination = r.rewrite(st, l, l.Destination)
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
	if !IsRelative(d) {
		return dest
	}
	p, frag, _ := strings.Cut(d, "#")
	p, _, _ = strings.Cut(p, "?")
	target := path.Join(path.Dir(st.src.File), p)
	if !strings.HasSuffix(target, ".md") {
		return dest
	}
	*st.links = append(*st.links, model.Link{
		Dest:     d,
		Target:   target,
		Fragment: frag,
		Pos:      st.src.Position(destOffset(st.src.Text, n, dest)),
	})
	url, ok := route.ContentFile(target)
	if !ok {
		return dest
	}
	out := r.c.base + strings.TrimPrefix(url, "/")
	if frag != "" {
		out += "#" + frag
	}
	return []byte(out)
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
// link's text when it is written inline, else at the text itself.
func destOffset(src []byte, n ast.Node, dest []byte) int {
	start := textStart(n)
	if start < 0 {
		start = 0
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
type taskBox struct{}

func (taskBox) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.(*east.TaskCheckBox).IsChecked {
			_, _ = w.WriteString(`<span class="task-box" aria-hidden="true">☑</span> <span class="visually-hidden">Done: </span>`)
		} else {
			_, _ = w.WriteString(`<span class="task-box" aria-hidden="true">☐</span> `)
		}
		return ast.WalkContinue, nil
	})
}
