package theme

import (
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
	"github.com/playbook-edu/playbook/internal/view"
)

// hashSeed is the seed of the templates' hashes, compared within one
// process only.
var hashSeed = maphash.MakeSeed()

// Templates holds one parsed template per page kind, ready to run (package
// fasttemplate), and a hash of the sources each was parsed from (its own
// file, the layout and the partials), so that a theme edit re-renders
// exactly the pages whose template changed.
type Templates struct {
	byKind map[string]*fasttemplate.Template
	hash   map[string]uint64
	theme  *Theme
}

// ErrTemplate is Execute's error when a page's template fails; the
// problem is reported with the theme file's line.
var ErrTemplate = errors.New("the template failed")

// Has reports whether the template of the page kind parsed.
func (ts *Templates) Has(kind string) bool { return ts.byKind[kind] != nil }

// Hash is a hash of what the template of the page kind was parsed from.
func (ts *Templates) Hash(kind string) uint64 { return ts.hash[kind] }

// Stats says how the pages of kind were rendered so far: how many the
// faster executor rendered and how many html/template did.
func (ts *Templates) Stats(kind string) fasttemplate.Stats {
	if t := ts.byKind[kind]; t != nil {
		return t.Stats()
	}
	return fasttemplate.Stats{}
}

// Execute renders the page of kind for view into w (see
// fasttemplate.Template.Execute). When the template fails, the problem is
// reported at the theme file's line and the error is ErrTemplate.
func (ts *Templates) Execute(w io.Writer, kind string, view any, diags *diag.List) error {
	if err := ts.byKind[kind].Execute(w, "layout.html", view); err != nil {
		_, where, _ := ts.theme.ReadFile("layouts/" + kind + ".html")
		ts.theme.templateError(diags, where, err)
		return ErrTemplate
	}
	return nil
}

// Parse reads layouts/layout.html and layouts/partials/*.html, then each
// kind's file on a copy of them, with the words w, to be run with a
// *view.Page. Problems go to diags; the Templates are nil when the layout
// or a partial does not parse.
func (t *Theme) Parse(w *i18n.Table, diags *diag.List) (*Templates, error) {
	return t.ParseWith(fasttemplate.Prepare, w, diags)
}

// ParseWith is Parse with the function that makes the templates ready to
// run: fasttemplate.Prepare, or one giving plain html/template, which the
// differential tests compare it with.
func (t *Theme) ParseWith(prepare func(*template.Template, template.FuncMap, ...string) *fasttemplate.Template, w *i18n.Table, diags *diag.List) (*Templates, error) {
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
	out := &Templates{byKind: map[string]*fasttemplate.Template{}, hash: map[string]uint64{}, theme: t}
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
var fieldErrRE = regexp.MustCompile(`can't evaluate field (\w+) in type \*?(?:\w+\.)?(\w+)`)

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
		// The view's name as THEMES.md gives it, not Go's "*view.SiteView".
		msg = strings.Replace(msg, m[0], "can't evaluate field "+m[1]+" in type "+m[2], 1)
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

// viewFields returns the fields and methods a template may use on the
// view type called name (view.Page, and the types its fields hold), or nil.
func viewFields(name string) []string {
	root := reflect.TypeFor[view.Page]()
	seen := map[reflect.Type]bool{}
	var found reflect.Type
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] || t.PkgPath() != root.PkgPath() {
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
	walk(root)
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
