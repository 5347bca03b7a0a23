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
//   - templates of a district's theme that do not work (package theme),
//     once the content has no errors.
//
// And, as warnings, which the build prints too: guides only the list of
// all guides leads to, records of a kind with the same title, headings
// with nothing under them, and texts that read above the grade
// playbook.yaml's readingLevel sets (package link, reading.go): each
// guide, free page, role description, system definition and goal, and
// each role's pathway read as one text, named by the sentence that weighs
// most, at its line and column.
//
// And, as warnings of check alone (a build does not print them): guides
// that do not yet show what their practice looks like when it works, that
// is, a guide without time, firstStep, signs or questions in its front
// matter, or without a group when the playbook has groups of guides.
//
// And records not yet translated: in a playbook published in several
// languages, each record a language's pages show in the default language
// because it has no version in theirs, once per language.
//
// Strict turns every warning into an error, for a pull request check that
// keeps a playbook clean.
package check

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/playbook-edu/playbook/internal/build"
	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/kind"
	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/model"
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
	// A guide whose file has an error is left alone: its keys may be
	// missing only because the front matter did not parse.
	wrong := map[string]bool{}
	for _, d := range diags.Items() {
		if d.Severity == diag.Error {
			wrong[d.File] = true
		}
	}
	for _, gd := range site.Graph.Guides {
		if !wrong[gd.Pos.File] {
			practice(&diags, gd, len(site.Graph.Groups) > 0)
		}
	}
	for _, t := range site.Translations {
		untranslated(&diags, t.Graph)
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

// practice warns when gd does not yet show what its practice looks like
// when it works. A group is asked for only when the playbook has groups.
func practice(diags *diag.List, gd *model.Guide, groups bool) {
	var missing []string
	for _, f := range []struct {
		key   string
		blank bool
	}{
		{"time", strings.TrimSpace(gd.Time) == ""},
		{"firstStep", strings.TrimSpace(gd.FirstStep) == ""},
		{"signs", len(gd.Signs) == 0},
		{"questions", len(gd.Questions) == 0},
		{"group", groups && gd.Group.ID == ""},
	} {
		if f.blank {
			missing = append(missing, f.key)
		}
	}
	if len(missing) == 0 {
		return
	}
	list := strings.Join(missing, ", ")
	if n := len(missing); n > 1 {
		list = strings.Join(missing[:n-1], ", ") + " or " + missing[n-1]
	}
	diags.Add(diag.Diagnostic{File: gd.Pos.File, Line: gd.Pos.Line, Col: gd.Pos.Col, Severity: diag.Warning,
		Message: fmt.Sprintf("the guide %q has no %s yet", gd.ID, list),
		Hint: "add them to its front matter, so readers see how long the practice takes, a first step of twenty minutes or less, " +
			"the signs it is working and the questions that ask for evidence (see schemas/guide.schema.json)"})
}

// untranslated warns of each record that g, the playbook in one of its
// other languages, shows in the default language: a guide or page without
// its ID.LANG.md, a record with a text not written in the language, and
// playbook.yaml's own texts.
func untranslated(diags *diag.List, g *link.Graph) {
	c := g.Config
	lang, def := languageName(c.Language), languageName(c.Languages[0])
	shown := fmt.Sprintf("its %s pages show it in %s", lang, def)
	if c.Untranslated {
		at := c.Where["languages"]
		diags.Add(diag.Diagnostic{File: "playbook.yaml", Line: at.Line, Col: at.Col, Severity: diag.Warning,
			Message: fmt.Sprintf("a text of playbook.yaml has no %s version yet: %s", lang, shown),
			Hint:    fmt.Sprintf("write each text in every language, for example title: {%s: …, %s: …}", c.Languages[0], c.Language)})
	}
	for _, k := range kind.All {
		for _, r := range k.Records(g.Playbook) {
			at := r.At()
			if !g.Untranslated[at] {
				continue
			}
			hint := fmt.Sprintf("write each of its texts in every language, for example name: {%s: …, %s: …}", c.Languages[0], c.Language)
			if k.Folder != "" {
				hint = fmt.Sprintf("write its %s version in %s, beside %s", lang, path.Join(k.Folder, r.Key()+"."+c.Language+".md"), path.Base(at.File))
			}
			diags.Add(diag.Diagnostic{File: at.File, Line: at.Line, Col: at.Col, Severity: diag.Warning,
				Message: fmt.Sprintf("the %s %q has no %s version yet: %s", k.Noun, r.Key(), lang, shown), Hint: hint})
		}
	}
}

// languageName returns the name of the language tag in English, which
// the command's messages are written in.
func languageName(tag string) string {
	if name := display.English.Languages().Name(language.Make(tag)); name != "" {
		return name
	}
	return tag
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
