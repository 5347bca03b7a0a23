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
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/fasttemplate"
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
// in src, when name is not empty. It reports a named theme whose folder
// does not exist.
func NewTheme(src fs.FS, name string, diags *diag.List) *Theme {
	t := &Theme{base: themes.Default()}
	if name == "" {
		return t
	}
	dir := path.Join("themes", name)
	if !fs.ValidPath(dir) || strings.Contains(name, "/") {
		diags.Errorf("playbook.yaml", 0, 0, "theme %q is not a folder name", name)
		return t
	}
	if fi, err := fs.Stat(src, dir); err != nil || !fi.IsDir() {
		diags.Add(diag.Diagnostic{File: "playbook.yaml", Severity: diag.Error,
			Message: fmt.Sprintf("theme %q has no folder %s", name, dir),
			Hint:    "create the folder, or remove the theme line to use the default theme"})
		return t
	}
	sub, err := fs.Sub(src, dir)
	if err != nil {
		return t
	}
	t.override, t.dir = sub, dir
	return t
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

// Kinds are the page templates a theme has, each in layouts/KIND.html.
var Kinds = []string{"home", "roles", "role", "guides", "guide", "systems", "system", "goals", "goal",
	"stories", "story", "checklists", "checklist", "reflections", "reflection", "page", "print", "search", "404"}

// parse reads layouts/layout.html and layouts/partials/*.html, then each
// kind's file on a copy of them. Problems go to diags.
func (t *Theme) parse(diags *diag.List) (*templates, error) {
	return t.parseWith(fasttemplate.Prepare, diags)
}

// parseWith is parse with the function that makes the templates ready to
// run: fasttemplate.Prepare, or in tests a function giving plain
// html/template.
func (t *Theme) parseWith(prepare func(*template.Template, template.FuncMap, ...string) *fasttemplate.Template, diags *diag.List) (*templates, error) {
	ps := newPartials()
	base := template.New("layout.html").Funcs(template.FuncMap{"partialCached": ps.cached})
	files, err := t.Files("layouts/partials")
	if err != nil {
		return nil, err
	}
	var shared maphash.Hash
	shared.SetSeed(hashSeed)
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
			templateError(diags, where, err)
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
			templateError(diags, where, err)
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
	funcs := template.FuncMap{"partialCached": ps.cached}
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

var templateErrRE = regexp.MustCompile(`^template: [^:]+:(\d+)(?::(\d+))?: `)

// templateError reports a template's parse or execution error at its line.
func templateError(diags *diag.List, file string, err error) {
	msg := err.Error()
	d := diag.Diagnostic{File: file, Severity: diag.Error, Hint: "see THEMES.md for what each template receives"}
	if m := templateErrRE.FindStringSubmatch(msg); m != nil {
		d.Line, _ = strconv.Atoi(m[1])
		d.Col, _ = strconv.Atoi(m[2])
		msg = msg[len(m[0]):]
	}
	d.Message = "the template does not work: " + msg
	diags.Add(d)
}

// fingerprint returns name with a hash of data before its extension:
// "assets/playbook.css" becomes "assets/playbook.1a2b3c4d5e.css".
func fingerprint(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
}
