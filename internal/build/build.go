// Package build runs the pipeline that turns a playbook into a site, and
// owns the order of its work:
//
//	load   files → typed records with positions          (package load)
//	link   records → one graph, every diagnostic          (package link)
//	render graph → the site's files, each page a view     (package render,
//	       run through the theme's templates (package theme); what a
//	       template is given is package view)
//	write  files → a temporary folder, swapped in whole   (package write)
//
// Every command goes through here: build writes to disk (Build), check
// (package check) renders into nothing (Load, then Linked.Render), and the
// dev server (package serve) builds again after every edit with a Builder,
// which keeps what it read and rendered and writes only what changed. The
// stages themselves know nothing of one another's caches or of the order
// work is done in: which files a site holds beside its pages (the search
// index, the data files), which are made first, which are streamed to
// disk, and which the dev server makes only when asked for, is decided
// here.
package build

import (
	"context"
	"io"
	"io/fs"
	"os"
	"runtime/debug"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/history"
	"github.com/playbook-edu/playbook/internal/i18n"
	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/load"
	"github.com/playbook-edu/playbook/internal/route"
	"github.com/playbook-edu/playbook/internal/source"
	"github.com/playbook-edu/playbook/internal/theme"
	"github.com/playbook-edu/playbook/internal/write"
)

// Options says what to build and where.
type Options struct {
	Src     string // the playbook's folder
	Out     string // the folder the site replaces
	BaseURL string // overrides playbook.yaml's baseURL when set
}

// Linked is a playbook loaded and linked, with its theme: ready to render.
type Linked struct {
	Graph *link.Graph
	Theme *theme.Theme
	// Translations are the playbook in each of its other languages
	// (playbook.yaml's languages after the first), in that order, each
	// published under its own folder (Graph.Config.Prefix).
	Translations []*Linked

	words  *i18n.Table // the theme's words in the playbook's language, read as it loaded; nil to read them when it renders
	closer io.Closer   // the playbook's folder, when the Linked opened it
}

// Close releases the playbook's folder, when Load opened it.
func (lk *Linked) Close() error {
	if lk.closer == nil {
		return nil
	}
	err := lk.closer.Close()
	lk.closer = nil
	return err
}

// Languages returns the playbook in each of its languages, the default
// first.
func (lk *Linked) Languages() []*Linked { return append([]*Linked{lk}, lk.Translations...) }

// Load runs the load and link stages over the playbook in fsys. Content
// problems go to diags; the error is for anything else.
func Load(ctx context.Context, fsys fs.FS, baseURL string, diags *diag.List) (*Linked, error) {
	return loadWith(ctx, fsys, load.Options{BaseURL: baseURL}, nil, diags)
}

// Render renders lk into out once, every file: streamed straight to its
// place when out is a Streamer (a build's output folder), with a hash of
// its content in each asset's name.
func (lk *Linked) Render(ctx context.Context, out Output, diags *diag.List) error {
	return (&Builder{once: true}).Render(ctx, lk, out, diags)
}

// Build builds the playbook at opts.Src into opts.Out. It returns every
// content problem found; when any is an error, or the error is not nil,
// opts.Out is left exactly as it was.
func Build(ctx context.Context, opts Options) ([]diag.Diagnostic, error) {
	if err := write.CheckOut(opts.Src, opts.Out); err != nil {
		return nil, err
	}
	src, err := source.Open(opts.Src)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	var diags diag.List
	site, err := Load(ctx, src, opts.BaseURL, &diags)
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return diags.Items(), nil
	}
	if err := ctx.Err(); err != nil {
		return diags.Items(), err
	}
	// The date each guide last changed, for its page's "last reviewed".
	if dates, err := history.Dates(ctx, opts.Src, route.GuideDir); err != nil {
		diags.Add(diag.Diagnostic{File: ".git", Severity: diag.Warning, Message: "the guides' last-reviewed dates are left out: " + err.Error(),
			Hint: "a reviewed: date in a guide's front matter still shows; see what git says about the repository"})
	} else {
		for _, l := range site.Languages() {
			l.Graph.Committed = dates
		}
	}
	dir, err := write.Begin(opts.Out)
	if err != nil {
		return nil, err
	}
	err = site.Render(ctx, dir, &diags)
	if err == nil {
		err = ctx.Err() // an interrupt while the last pages were written
	}
	if err != nil || diags.HasErrors() {
		dir.Abort()
		return diags.Items(), err
	}
	return diags.Items(), dir.Commit()
}

// Memory is what a one-off build may use before the garbage collector
// runs. A playbook whose records alone need more (beyond about 12,000
// guides) still builds, with the collector capped at half the CPU.
const Memory = 180 << 20

// LimitMemory sets the Go runtime up for a one-off build and returns a
// function that restores what was there before. The garbage collector runs
// only as the heap nears Memory, not each time the heap doubles (GOGC=100):
// a build's heap only grows until it renders, so collecting while it is
// small frees next to nothing, and did so dozens of times per build, a
// tenth of its time at 10,000 guides. A small playbook is built before it
// reaches the limit and is never collected. GOMEMLIMIT and GOGC, when set,
// are left as they are. See BENCHMARKS.md.
func LimitMemory() (restore func()) {
	oldLimit, oldPercent := int64(-1), -1
	if os.Getenv("GOMEMLIMIT") == "" {
		oldLimit = debug.SetMemoryLimit(Memory)
		if os.Getenv("GOGC") == "" {
			oldPercent = debug.SetGCPercent(-1)
		}
	}
	return func() {
		if oldPercent != -1 {
			debug.SetGCPercent(oldPercent)
		}
		if oldLimit != -1 {
			debug.SetMemoryLimit(oldLimit)
		}
	}
}
