// Package theme reads a playbook's theme: the default theme, with the
// files of the playbook's own theme folder (themes/NAME) laid over it file
// by file. It checks the folder's files as the build reads them, gives the
// theme's words in each language (package i18n, with playbook.yaml's
// labels), and parses the page templates, one per page kind (Kinds), for
// package render to run with each page's view.
//
// A template's mistake, when it is parsed or when it runs, is reported at
// the line and column of the theme file it is in, with the fields the view
// it was given has when it named one that is not there.
package theme

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/i18n"
	"github.com/playbook-edu/playbook/internal/kind"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/source"
	"github.com/playbook-edu/playbook/themes"
)

// Theme is the default theme with a playbook's own theme laid over it, file
// by file.
type Theme struct {
	base     fs.FS  // the default theme
	override fs.FS  // the playbook's theme folder, or nil
	dir      string // the override's path in the playbook, for messages
}

// New returns the default theme overridden by the folder themes/name
// in src, when name is not empty; at is where playbook.yaml names it. It
// reports a named theme whose folder does not exist, and every file of the
// folder that the site may not publish or the build does not read: a
// symbolic link, a file that is not a regular one, a page among its static
// files, an image that is not one (package source).
func New(src fs.FS, name string, at model.Pos, diags *diag.List) *Theme {
	t := &Theme{base: themes.Default()}
	if name == "" {
		return t
	}
	at.File = "playbook.yaml"
	report := func(message, hint string) {
		diags.Add(diag.Diagnostic{File: at.File, Line: at.Line, Col: at.Col, Severity: diag.Error, Message: message, Hint: hint})
	}
	dir := path.Join("themes", name)
	if !fs.ValidPath(dir) || strings.Contains(name, "/") || name == "." || name == ".." {
		report(fmt.Sprintf("theme %q is not a folder name", name), "write the name of a folder in themes/, for example riverside")
		return t
	}
	fi, err := fs.Stat(src, dir)
	if source.IsRefused(err) {
		msg, hint := source.Problem(err)
		diags.Add(diag.Diagnostic{File: dir, Severity: diag.Error, Message: "this " + msg, Hint: hint})
		return t
	}
	if err != nil || !fi.IsDir() {
		hint := "create the folder, or remove the theme line to use the default theme"
		if entries, err := fs.ReadDir(src, "themes"); err == nil {
			var names []string
			for _, e := range entries {
				if e.IsDir() {
					names = append(names, e.Name())
				}
			}
			if s := diag.Suggest(name, names); s != "" {
				hint = fmt.Sprintf("did you mean %q? The folders in themes/ are %s", s, strings.Join(names, ", "))
			}
		}
		report(fmt.Sprintf("theme %q has no folder %s", name, dir), hint)
		return t
	}
	sub, err := fs.Sub(src, dir)
	if err != nil {
		return t
	}
	t.override, t.dir = sub, dir
	t.checkFiles(src, diags)
	return t
}

// checkFiles reports every file of the override that the build will not
// read or the site may not publish.
func (t *Theme) checkFiles(src fs.FS, diags *diag.List) {
	problem := func(file, message, hint string) {
		diags.Add(diag.Diagnostic{File: file, Severity: diag.Error, Message: message, Hint: hint})
	}
	refused := func(file string, err error) {
		msg, hint := source.Problem(err)
		problem(file, "this "+msg, hint)
	}
	_ = fs.WalkDir(src, t.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if source.IsRefused(err) {
				refused(p, err)
			}
			return nil
		}
		if err := source.CheckName(d.Name()); err != nil {
			msg, hint := source.Problem(err)
			problem(path.Dir(p), fmt.Sprintf("the file %q in this folder %s", d.Name(), msg), hint)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if err := source.Refusal(d.Type()); err != nil {
			refused(p, err)
			return nil
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			if source.IsRefused(err) {
				refused(p, err)
			}
			return nil
		}
		if rel := strings.TrimPrefix(p, t.dir+"/"); strings.HasPrefix(rel, "static/") {
			if err := source.CheckThemeFile(p, data); err != nil {
				problem(p, "this file "+err.Error(), "remove it from the theme's static folder")
			}
		}
		return nil
	})
}

// ReadFile reads a theme file, from the override when it has it. It also
// returns the file's path for messages.
func (t *Theme) ReadFile(name string) ([]byte, string, error) {
	if t.override != nil {
		data, err := fs.ReadFile(t.override, name)
		if err == nil {
			return data, path.Join(t.dir, name), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, "", err
		}
	}
	data, err := fs.ReadFile(t.base, name)
	return data, "default theme: " + name, err
}

// Files lists the theme's files under dir, override and default merged,
// sorted.
func (t *Theme) Files(dir string) ([]string, error) {
	seen := map[string]bool{}
	for _, f := range []fs.FS{t.override, t.base} {
		if f == nil {
			continue
		}
		err := fs.WalkDir(f, dir, func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir
			}
			if err != nil {
				return err
			}
			if !d.IsDir() {
				seen[p] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	slices.Sort(names)
	return names, nil
}

// Kinds are the page templates a theme has, each in layouts/KIND.html:
// the site's own pages, and each kind of record's index and page
// (package kind).
var Kinds = func() []string {
	names := []string{"home"}
	for _, k := range kind.All {
		if k.Index != "" {
			names = append(names, k.Index)
		}
		if k.Page {
			names = append(names, k.Name)
		}
	}
	return append(names, "tally", "print", "search", "404")
}()

// Words returns the site's words in the language lang: the theme's
// translation table (package i18n), with the labels of playbook.yaml c.
func (t *Theme) Words(c *model.Config, lang string, diags *diag.List) (*i18n.Table, error) {
	var labels []i18n.Label
	for _, l := range c.Labels {
		labels = append(labels, i18n.Label{Key: l.Key, Lang: l.Lang, Text: l.Text, File: "playbook.yaml", Line: l.Pos.Line, Col: l.Pos.Col})
	}
	at := diag.Diagnostic{File: "playbook.yaml"}
	if p, ok := c.Where["languages"]; ok {
		at.Line, at.Col = p.Line, p.Col
	} else if p, ok := c.Where["language"]; ok {
		at.Line, at.Col = p.Line, p.Col
	}
	own := i18n.Source{}
	if t.override != nil {
		own = i18n.Source{FS: t.override, Dir: t.dir}
	}
	return i18n.Load(i18n.Source{FS: t.base}, own, lang, labels, at, diags)
}
