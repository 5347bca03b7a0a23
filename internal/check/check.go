// Package check validates a playbook without writing anything: `playbook
// check`, which editors run before a pull request and the pull request's
// workflow runs on every change.
//
// # What it reports
//
// Every diagnostic the build would report, because it runs the build's own
// pipeline (package build: load, link, then render into nothing):
//
//   - files that do not parse, unknown or missing keys, values of the wrong
//     kind (package load);
//   - references to roles, systems, goals, guides, checklists and forms that
//     do not exist; links to guides, pages and headings that do not exist;
//     images that do not exist, come from another site or have no alt text;
//     more active goals than goalsLimit allows; brand colours too light for
//     text (packages link and load);
//   - templates of a district's theme that do not work (package render),
//     once the content has no errors.
//
// And, as warnings: guides only the list of all guides leads to, records
// of a kind with the same title, and headings with nothing under them.
// Strict turns every warning into an error, for a pull request check that
// keeps a playbook clean.
package check

import (
	"context"
	"io/fs"

	"github.com/playbook-edu/playbook/internal/build"
	"github.com/playbook-edu/playbook/internal/diag"
)

// Options says how to check.
type Options struct {
	// Strict reports warnings as errors.
	Strict bool
}

// Check validates the playbook in fsys and returns every problem found,
// sorted. The error is for a failure that is not the content's fault.
func Check(ctx context.Context, fsys fs.FS, opts Options) ([]diag.Diagnostic, error) {
	var diags diag.List
	site, err := build.Load(ctx, fsys, "", &diags)
	if err != nil {
		return nil, err
	}
	// Rendering needs content without errors, as in the build; a theme's
	// templates are checked once the content is right.
	if !diags.HasErrors() {
		if err := site.Render(ctx, nowhere{}, &diags); err != nil {
			return nil, err
		}
	}
	ds := diags.Items()
	if opts.Strict {
		for i := range ds {
			ds[i].Severity = diag.Error
		}
	}
	return ds, nil
}

// Count returns the number of errors and warnings in ds.
func Count(ds []diag.Diagnostic) (errors, warnings int) {
	for _, d := range ds {
		if d.Severity == diag.Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// nowhere is an output that keeps nothing: check writes no site.
type nowhere struct{}

func (nowhere) WriteFile(string, []byte) error { return nil }
