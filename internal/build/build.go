// Package build runs the pipeline that turns a playbook into a site:
//
//	load   files → typed records with positions          (package load)
//	link   records → one graph, every diagnostic          (package link)
//	render graph → pages, in parallel                     (package render)
//	write  pages → a temporary folder, swapped in whole   (package write)
//
// Every command goes through here: build writes to disk, check (package
// check) renders into nothing, and serve renders into memory.
package build

import (
	"context"
	"io/fs"
	"os"
	"runtime/debug"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/history"
	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/load"
	"github.com/playbook-edu/playbook/internal/render"
	"github.com/playbook-edu/playbook/internal/route"
	"github.com/playbook-edu/playbook/internal/source"
	"github.com/playbook-edu/playbook/internal/write"
)

// Options says what to build and where.
type Options struct {
	Src     string // the playbook's folder
	Out     string // the folder the site replaces
	BaseURL string // overrides playbook.yaml's baseURL when set
}

// Site is a loaded and linked playbook, ready to render.
type Site struct {
	Graph *link.Graph
	Theme *render.Theme
}

// Load runs the load and link stages over the playbook in fsys. Content
// problems go to diags; the error is for anything else.
func Load(ctx context.Context, fsys fs.FS, baseURL string, diags *diag.List) (*Site, error) {
	return LoadWith(ctx, fsys, load.Options{BaseURL: baseURL}, diags)
}

// LoadWith is Load with every option of the load stage, such as a cache
// that the dev server keeps from one rebuild to the next.
func LoadWith(ctx context.Context, fsys fs.FS, opts load.Options, diags *diag.List) (*Site, error) {
	pb, err := load.Load(ctx, fsys, opts, diags)
	if err != nil {
		return nil, err
	}
	g := link.Link(pb, diags)
	theme := render.NewTheme(fsys, pb.Config.Theme, pb.Config.Where["theme"], diags)
	return &Site{Graph: g, Theme: theme}, nil
}

// Render renders s into out.
func (s *Site) Render(ctx context.Context, out render.Output, diags *diag.List) error {
	return render.Render(ctx, s.Graph, s.Theme, out, diags)
}

// RenderWith renders s into out with r, which writes only what changed
// since its last Render.
func (s *Site) RenderWith(ctx context.Context, r *render.Renderer, out render.Output, diags *diag.List) error {
	return r.Render(ctx, s.Graph, s.Theme, out, diags)
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
		site.Graph.Committed = dates
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
