package render

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/maphash"
	"html/template"
	"io"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/fasttemplate"
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

// NewTheme returns the default theme overridden by the folder themes/name
// in src, when name is not empty; at is where playbook.yaml names it. It
// reports a named theme whose folder does not exist, and every file of the
// folder that the site may not publish or the build does not read: a
// symbolic link, a file that is not a regular one, a page among its static
// files, an image that is not one (package source).
func NewTheme(src fs.FS, name string, at model.Pos, diags *diag.List) *Theme {
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

// templates holds one parsed template per page kind, ready to run (package
// fasttemplate), and a hash of the sources each was parsed from (its own
// file, the layout and the partials), so that a theme edit re-renders
// exactly the pages whose template changed.
type templates struct {
	byKind map[string]*fasttemplate.Template
	hash   map[string]uint64
}

// execute renders the page of kind for view into w (see
// fasttemplate.Template.Execute).
func (ts *templates) execute(w io.Writer, kind string, view *Page) error {
	return ts.byKind[kind].Execute(w, "layout.html", view)
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

// parse reads layouts/layout.html and layouts/partials/*.html, then each
// kind's file on a copy of them. Problems go to diags.
func (t *Theme) parse(w *i18n.Table, diags *diag.List) (*templates, error) {
	return t.parseWith(fasttemplate.Prepare, w, diags)
}

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

// parseWith is parse with the function that makes the templates ready to
// run: fasttemplate.Prepare, or in tests a function giving plain
// html/template.
func (t *Theme) parseWith(prepare func(*template.Template, template.FuncMap, ...string) *fasttemplate.Template, w *i18n.Table, diags *diag.List) (*templates, error) {
	ps := newPartials()
	T := fasttemplate.TextFunc(w.T)
	base := template.New("layout.html").Funcs(template.FuncMap{"partialCached": ps.cached, "T": T})
	files, err := t.Files("layouts/partials")
	if err != nil {
		return nil, err
	}
	var shared maphash.Hash
	shared.SetSeed(hashSeed)
	w.Sum(&shared) // a page's words are part of its template
	files = append([]string{"layouts/layout.html"}, files...)
	ok := true
	for _, f := range files {
		if !strings.HasSuffix(f, ".html") {
			continue
		}
		src, where, err := t.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("theme %s: %w", f, err)
		}
		shared.WriteString(f)
		shared.Write(src)
		tmpl := base
		if f != "layouts/layout.html" {
			tmpl = base.New(path.Base(f))
		}
		if _, err := tmpl.Parse(string(src)); err != nil {
			t.templateError(diags, where, err)
			ok = false
		}
	}
	if !ok {
		return nil, nil
	}
	sets := map[string]*template.Template{}
	out := &templates{byKind: map[string]*fasttemplate.Template{}, hash: map[string]uint64{}}
	for _, kind := range Kinds {
		name := "layouts/" + kind + ".html"
		src, where, err := t.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("theme %s: %w", name, err)
		}
		tmpl, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := tmpl.New(kind + ".html").Parse(string(src)); err != nil {
			t.templateError(diags, where, err)
			continue
		}
		sets[kind] = tmpl
		var h maphash.Hash
		h.SetSeed(hashSeed)
		maphash.WriteComparable(&h, shared.Sum64())
		h.Write(src)
		out.hash[kind] = h.Sum64()
	}
	// partialCached runs the partials from this set, once every kind has
	// its copy: a set cannot be copied once it has run.
	partials, err := base.Clone()
	if err != nil {
		return nil, err
	}
	// Make every template ready now, before pages render in parallel.
	funcs := template.FuncMap{"partialCached": ps.cached, "T": T}
	ps.warming = true
	for kind, tmpl := range sets {
		out.byKind[kind] = prepare(tmpl, funcs, "layout.html")
	}
	var names []string
	for _, f := range files {
		if name := path.Base(f); f != "layouts/layout.html" && strings.HasSuffix(name, ".html") {
			names = append(names, name)
		}
	}
	ps.tmpl = prepare(partials, funcs, names...)
	ps.warming = false
	return out, nil
}

// templateErrRE finds each "template: NAME:LINE:COL: " in a template error;
// an error inside a partial holds one for each template it passed through.
var templateErrRE = regexp.MustCompile(`template: ([^:\s]+):(\d+)(?::(\d+))?: `)

// fieldErrRE is html/template's message for a field a view does not have.
var fieldErrRE = regexp.MustCompile(`can't evaluate field (\w+) in type \*?(?:render\.)?(\w+)`)

// templateError reports a template's parse or execution error at the line
// and column of the template it happened in: the innermost one, so that a
// typo in a district's partial is reported in that file, once, and not in
// every page template that includes it. file is the template that was
// being parsed or executed, for an error that names no template.
func (t *Theme) templateError(diags *diag.List, file string, err error) {
	msg := err.Error()
	d := diag.Diagnostic{File: file, Severity: diag.Error, Hint: "see THEMES.md for what each template receives"}
	if all := templateErrRE.FindAllStringSubmatchIndex(msg, -1); all != nil {
		m := all[len(all)-1]
		name := msg[m[2]:m[3]]
		d.File = t.templateFile(name, file)
		d.Line, _ = strconv.Atoi(msg[m[4]:m[5]])
		if m[6] >= 0 {
			d.Col, _ = strconv.Atoi(msg[m[6]:m[7]])
		}
		msg = msg[m[1]:]
		if _, rest, ok := strings.Cut(msg, "\" at "); ok && strings.HasPrefix(msg, "executing \"") {
			msg = rest
		}
	}
	if m := fieldErrRE.FindStringSubmatch(msg); m != nil {
		if fields := viewFields(m[2]); fields != nil {
			if s := diag.Suggest(m[1], fields); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			d.Hint = m[2] + " has " + strings.Join(fields, ", ") + "; see THEMES.md for what each template receives"
		}
	}
	d.Message = "the template does not work: " + msg
	diags.Add(d)
}

// templateFile returns the path, for messages, of the theme file that
// defines the template name: the district's own when it overrides it.
func (t *Theme) templateFile(name, fallback string) string {
	for _, rel := range []string{"layouts/" + name, "layouts/partials/" + name} {
		if t.override != nil {
			if _, err := fs.Stat(t.override, rel); err == nil {
				return path.Join(t.dir, rel)
			}
		}
		if _, err := fs.Stat(t.base, rel); err == nil {
			return "default theme: " + rel
		}
	}
	return fallback
}

// viewFields returns the fields and methods a template may use on the view
// type called name (Site, Page, and the types their fields hold), or nil.
func viewFields(name string) []string {
	seen := map[reflect.Type]bool{}
	var found reflect.Type
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] || t.PkgPath() != reflect.TypeFor[Page]().PkgPath() {
			return
		}
		seen[t] = true
		if t.Name() == name {
			found = t
		}
		for i := range t.NumField() {
			walk(t.Field(i).Type)
		}
	}
	walk(reflect.TypeFor[Page]())
	if found == nil {
		return nil
	}
	var names []string
	for i := range found.NumField() {
		if f := found.Field(i); f.IsExported() {
			names = append(names, f.Name)
		}
	}
	pt := reflect.PointerTo(found)
	for i := range pt.NumMethod() {
		names = append(names, pt.Method(i).Name)
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// fingerprint returns name with a hash of data before its extension:
// "assets/playbook.css" becomes "assets/playbook.1a2b3c4d5e.css".
func fingerprint(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
}
