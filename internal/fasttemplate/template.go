// Package fasttemplate runs a theme's html/template templates faster, and
// gives exactly the bytes html/template gives.
//
// # Why
//
// text/template, which html/template runs on, looks every field up by
// name and calls every function through reflection, and html/template adds
// three to six escaping functions to each value a page prints. For a
// playbook of thousands of guides that made executing templates the
// largest cost of a build. This package is the one place where Playbook
// does that work itself, behind one entry point, Template.Execute.
//
// # What it does
//
// Prepare takes a set of templates that html/template parsed and makes it
// ready to run, in three steps:
//
//  1. It has html/template escape the templates, as html/template does
//     when a template first runs. Every decision about what is safe in
//     which context stays html/template's own.
//  2. It replaces each run of html/template's escaping functions that it
//     knows ({{.URL | urlfilter | urlnormalizer | attrescaper}} in an href)
//     with one fused function that gives the same text (escape.go). Before
//     the first use in a process, each fused function is compared with
//     html/template's own escaping, in its own context, on many hostile
//     values; one that differs in any byte is dropped, and the templates
//     keep html/template's functions for that run. A Go release that
//     changes how html/template escapes can therefore never be silently
//     overridden: it costs speed, not safety.
//  3. It checks which templates use only the everyday parts of the
//     language (text, fields, methods without arguments, variables, if,
//     with, range over slices, calls of other templates, the fused
//     escapers, the builtins and, or, not, eq, ne, len and index,
//     functions of the partialCached kind, and TextFuncs such as the
//     translation table's T): those an executor of its own runs
//     (exec.go), on the same escaped trees.
//
// Execute then renders a template. The executor gives up on anything it
// does not handle exactly as text/template does, at any point (a nil
// pointer, a map read as a field, a comparison of other kinds, a method
// that fails or panics, a template html/template cannot escape): the page
// is then rendered again, from the start, by html/template, which writes
// the page or reports the error as it always does. The caller cannot tell
// which of the two ran, except by speed and by Stats.
//
// # How it is proven equal
//
// The tests beside this file generate thousands of templates that print
// values in every context html/template knows (text, quoted and unquoted
// attributes, URLs, srcset, script and JSON, style, RCDATA, comments)
// inside if, with, range and template calls, run each with hostile values
// of every type through the executor and through a fresh, unmodified
// html/template, and require the same bytes, or an executor that gives up
// where html/template fails. FuzzExecute does the same on templates the
// fuzzer chooses. Package render's TestFastExecMatches requires the same
// of every page of three playbooks, rendered by the executor alone.
package fasttemplate

import (
	"bytes"
	"errors"
	"html/template"
	"io"
	"sync"
	"sync/atomic"
)

// Template is a set of html/template templates prepared to run, by the
// executor of this package where it can and by html/template elsewhere.
// It is safe for concurrent use.
type Template struct {
	html    *template.Template
	run     *executor       // nil for a Plain template
	entries map[string]bool // the templates the executor runs, by name

	fast, slow atomic.Int64 // pages rendered by each, for Stats
}

// Prepare makes the templates of t called names, and the templates they
// call, ready to run with Execute. funcs are the functions t was given
// (with t.Funcs); the executor calls those of the partialCached kind,
// func(string, any, ...any) (template.HTML, error), itself, and leaves a
// template that calls any other to html/template.
//
// Prepare changes t: it escapes the templates and fuses their escapers.
// From then on t must be run only through the returned Template, and no
// template of t may be added or parsed. To have html/template escape a
// template, Prepare runs it with nil data until its first output, so a
// function it calls before then is called with that (package theme's
// partialCached does nothing at that time).
func Prepare(t *template.Template, funcs template.FuncMap, names ...string) *Template {
	return prepare(t, funcs, checkedEscapers(), names...)
}

// prepare is Prepare with a given set of fused escapers.
func prepare(t *template.Template, funcs template.FuncMap, set *escaperSet, names ...string) *Template {
	for _, name := range names {
		escape(t, name)
	}
	fuseEscapers(t, set)
	x := newExecutor(t, funcs, set)
	entries := map[string]bool{}
	for _, name := range names {
		entries[name] = x.handles(name)
	}
	return &Template{html: t, run: x, entries: entries}
}

// Plain returns a Template that runs t with html/template alone, unchanged:
// the reference the faster path is compared with.
func Plain(t *template.Template) *Template {
	return &Template{html: t}
}

// A Rewinder is a writer that can throw away what it was given, so that a
// page can start again: a file of the site being written. Execute streams
// a page into a Rewinder as it renders, rather than holding it whole, and
// rewinds it when html/template must render the page after all.
type Rewinder interface {
	io.Writer
	// Rewind discards everything written so far.
	Rewind() error
}

// Execute renders the template called name with data into w, exactly as
// html/template would: the same bytes, or html/template's error. Into a
// *bytes.Buffer or a Rewinder the page is written as it renders (a
// buffer is truncated back and a Rewinder rewound when the executor gives
// up); any other writer receives the page whole, in one Write, when the
// executor renders it.
func (t *Template) Execute(w io.Writer, name string, data any) error {
	if t.run != nil && t.entries[name] {
		done, err := t.executeFast(w, name, data)
		if done || err != nil {
			return err
		}
	}
	t.slow.Add(1)
	return t.html.ExecuteTemplate(w, name, data)
}

// executeFast renders with the executor. It reports false when
// html/template must render the page, w being as it was before; the error
// is one of writing.
func (t *Template) executeFast(w io.Writer, name string, data any) (bool, error) {
	switch w := w.(type) {
	case *bytes.Buffer:
		start := w.Len()
		if err := t.run.execute(w, nil, name, data); err != nil {
			w.Truncate(start)
			return false, nil
		}
	case Rewinder:
		b := buffers.Get().(*bytes.Buffer)
		defer putBuffer(b)
		if err := t.run.execute(b, w, name, data); err != nil {
			if !errors.Is(err, errFallBack) {
				return false, err
			}
			return false, w.Rewind()
		}
	default:
		b := buffers.Get().(*bytes.Buffer)
		defer putBuffer(b)
		if err := t.run.execute(b, nil, name, data); err != nil {
			return false, nil
		}
		if _, err := w.Write(b.Bytes()); err != nil {
			return false, err
		}
	}
	t.fast.Add(1)
	return true, nil
}

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putBuffer(b *bytes.Buffer) {
	b.Reset()
	buffers.Put(b)
}

// Stats counts the pages a Template rendered, by who rendered them.
type Stats struct {
	Fast         int64 // by the executor of this package
	HTMLTemplate int64 // by html/template, the executor having given up or not taken the template
}

// Stats returns how many pages t rendered, by who rendered them.
func (t *Template) Stats() Stats {
	return Stats{Fast: t.fast.Load(), HTMLTemplate: t.slow.Load()}
}
