// Package load is the first stage of the build: it reads a playbook's files
// into the typed records of package model, keeping the position of every
// value, and renders their Markdown.
//
// # What it reads
//
//	playbook.yaml           required
//	data/roles.yaml         and the other data files: each optional, a list of records
//	data/**.csv             measurements of goals' indicators, when data/goals.yaml names them
//	content/guides/*.md     front matter between "---" lines, then Markdown
//	content/pages/*.md      the same
//	content/images/**       images, read as they are, to publish at /images/
//
// # What it reports
//
// Every problem it can see in a single file, each at its line and column:
// YAML that does not parse, keys the model does not know (with the nearest
// known key as a suggestion), required keys missing or empty, values of the
// wrong type, values outside their list of choices, dates that are not
// dates, numbers that are not numbers, a goal's measurements that are
// wrong or measured twice or whose CSV file is missing or malformed
// (measurements.go), front matter that is missing or never closed, and brand colours
// that white text or links would be hard to read on (package contrast). Problems that need
// more than one file (a reference to a role that does not exist) are the
// link stage's.
//
// Line numbers are those of the file itself: the front matter's lines are
// counted in a guide's body positions.
//
// # What it measures
//
// How hard each Markdown text is to read (model.Reading): the words,
// sentences and syllables a reader sees, in the playbook's language, and
// the sentence that weighs most, at its position (package readability).
// The link stage compares them with playbook.yaml's readingLevel.
package load

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	"golang.org/x/sync/errgroup"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/playbook-edu/playbook/internal/contrast"
	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/kind"
	"github.com/playbook-edu/playbook/internal/markdown"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/readability"
	"github.com/playbook-edu/playbook/internal/route"
	"github.com/playbook-edu/playbook/internal/source"
	"github.com/playbook-edu/playbook/internal/work"
)

// ConfigFile is the name of a playbook's configuration file.
const ConfigFile = "playbook.yaml"

// Options changes how a playbook is loaded.
type Options struct {
	// BaseURL, when set, replaces playbook.yaml's baseURL.
	BaseURL string
	// Language is the language to load the playbook in, one of
	// playbook.yaml's languages; "" loads the default (the first).
	// Texts written for several languages give that language's version,
	// guides and pages their translation (content/guides/ID.LANG.md), each
	// falling back to the default language's.
	Language string
	// Cache, when set, keeps files from one Load to the next so that only
	// changed files are read again.
	Cache *Cache
	// Words, when set, returns the words Markdown is read and written
	// with in the language being loaded, given playbook.yaml as read (the
	// theme's translation table's markdown.* texts); English without it.
	Words func(c *model.Config) markdown.Words
}

// Load reads the playbook in fsys. Problems with the content are added to
// diags; the error is for a failure to read that is not the content's fault.
func Load(ctx context.Context, fsys fs.FS, opts Options, diags *diag.List) (*model.Playbook, error) {
	pb := &model.Playbook{Unparsed: map[string]bool{}, Untranslated: map[model.Pos]bool{}}
	l := &loader{fsys: fsys, diags: diags, cache: opts.Cache, seen: map[string]bool{}, pb: pb, mu: &sync.Mutex{},
		translated: map[string]bool{}}
	if err := l.config(&pb.Config, opts); err != nil {
		return nil, err
	}
	l.langs, l.lang = pb.Config.Languages, pb.Config.Language
	base := route.BasePath(pb.Config.BaseURL)
	l.md = markdown.New(base).WithPrefix(pb.Config.Prefix)
	var words markdown.Words
	if opts.Words != nil {
		words = opts.Words(&pb.Config)
		l.md.WithWords(words)
	}
	// Documents are converted for one base, one language and its words; a
	// change of either reads them again.
	l.cache.begin(strings.Join([]string{base + pb.Config.Prefix, words.Steps, words.Done, words.Related}, "\x00"), fsys)

	// The data folder is looked at before any worker copies the loader.
	if err := l.dataFolder(); err != nil {
		return nil, err
	}
	// The glossary comes first: guides and pages link the words it defines
	// (package markdown), and are read again when it changes.
	if err := l.glossary(pb, base); err != nil {
		return nil, err
	}
	// Guides and pages load in parallel, one worker per core (package
	// work), while the data files load here.
	g, gctx := errgroup.WithContext(ctx)
	var files []func() error
	guides, err := loadDocs(gctx, l, &files, route.GuideDir, func(id string, p model.Pos) *model.Guide {
		return &model.Guide{ID: id, Pos: p}
	}, func(gd *model.Guide) *model.Markdown { return &gd.Body })
	if err != nil {
		return nil, err
	}
	pages, err := loadDocs(gctx, l, &files, route.PageDir, func(id string, p model.Pos) *model.FreePage {
		return &model.FreePage{ID: id, Pos: p}
	}, func(pg *model.FreePage) *model.Markdown { return &pg.Body })
	if err != nil {
		return nil, err
	}
	work.Start(g, files)

	dataErr := l.data(pb)
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if dataErr != nil {
		return nil, dataErr
	}
	if pb.Images, err = l.images(); err != nil {
		return nil, err
	}
	pb.Guides, pb.Pages = guides, pages
	l.cache.forget(l.seen)
	return pb, nil
}

// data reads every kind's data file (package kind) and renders the
// Markdown fields of its records and of playbook.yaml.
func (l *loader) data(pb *model.Playbook) error {
	for _, k := range kind.Data() {
		if k.Name == "term" {
			continue // read first, by glossary
		}
		if err := l.dataFile(pb, k); err != nil {
			return err
		}
	}
	l.render(&pb.Config.Vision)
	return nil
}

// dataFile loads the data file of kind k, a list of its records, renders
// each record's Markdown and stores the records in pb, or takes them from
// the cache when the file has not changed.
func (l *loader) dataFile(pb *model.Playbook, k kind.Kind) error {
	file := k.File
	if l.noData {
		l.markUnparsed(file)
		return nil
	}
	info, _ := fs.Stat(l.fsys, file)
	if info != nil {
		l.seen[file] = true
	}
	type result struct {
		recs         reflect.Value // []*T
		unparsed     bool
		untranslated []model.Pos
	}
	var res result
	if v, ds, ok := l.cache.lookup(file, info); ok {
		l.diags.Append(ds)
		res = v.(result)
	} else {
		fl := l.forFile()
		recs, err := loadList(fl, k)
		if err != nil {
			return err
		}
		for i := range recs.Len() {
			rec := recs.Index(i)
			fl.renderFields(rec.Elem())
			if g, ok := rec.Interface().(*model.Goal); ok {
				fl.measurements(g)
			}
		}
		res = result{recs, fl.unparsed, fl.untranslated}
		ds := fl.diags.Items()
		l.diags.Append(ds)
		l.cache.store(file, info, res, ds, fl.deps...)
	}
	if res.unparsed {
		l.markUnparsed(file)
	}
	for _, at := range res.untranslated {
		l.markUntranslated(at)
	}
	k.Holder(pb).Set(res.recs)
	return nil
}

// glossary reads the glossary and gives its terms to the Markdown
// converter, whose guides and pages link their first use of each.
func (l *loader) glossary(pb *model.Playbook, base string) error {
	k := kind.MustNamed("term")
	if err := l.dataFile(pb, k); err != nil {
		return err
	}
	terms := make([]markdown.Term, 0, len(pb.Glossary))
	var key strings.Builder
	for _, t := range pb.Glossary {
		if t.ID == "" || t.Term == "" {
			continue
		}
		url := route.Section(k.Section) + "#" + t.ID
		terms = append(terms, markdown.Term{Word: t.Term, URL: url})
		key.WriteString(t.Term + "\x00" + url + "\x00")
	}
	l.md.SetTerms(terms)
	l.cache.documentsDependOn(key.String())
	return nil
}

// renderFields renders every Markdown field of the record v, at any depth.
func (l *loader) renderFields(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == markdownType {
			l.render(v.Addr().Interface().(*model.Markdown))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				l.renderFields(v.Field(i))
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			l.renderFields(v.Index(i))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			l.renderFields(v.Elem())
		}
	}
}

// forFile returns a loader that collects one file's diagnostics on their
// own, for the cache to keep with the file.
func (l *loader) forFile() *loader {
	fl := *l
	fl.diags = &diag.List{}
	fl.deps = nil
	return &fl
}

type loader struct {
	fsys  fs.FS
	diags *diag.List
	md    *markdown.Converter
	// sources keeps each data file's text while its Markdown fields are
	// rendered, to find the indentation of block texts.
	sources map[string][]byte
	cache   *Cache
	pb      *model.Playbook
	seen    map[string]bool // files this Load found, to drop the rest from the cache
	// unparsed is set when a data file's YAML did not parse, so that its
	// records are missing (see model.Playbook.Unparsed).
	unparsed bool
	// noData is set when the data folder cannot be read at all (it is a
	// file, or a link), which is reported once, not for each data file.
	noData bool
	// untranslated lists the records of the data file being read that have
	// no version in the language loaded, for the cache to keep.
	untranslated []model.Pos
	// langs are the playbook's languages, the default first, and lang the
	// one being loaded.
	langs []string
	lang  string
	// translated holds the translations of guides and pages the folders
	// hold (content/guides/ID.LANG.md), for the loads in their languages.
	translated map[string]bool
	mu         *sync.Mutex // guards pb.Unparsed, which guides and data files fill at once
	// deps are the other files a data file's records were read from (the
	// CSV files of goals' measurements), for the cache to check.
	deps []dep
}

// dependOn records that what is being loaded was read from file too, as
// info describes it (nil when it does not exist).
func (l *loader) dependOn(file string, info fs.FileInfo) {
	l.deps = append(l.deps, newDep(file, info))
}

func (l *loader) config(c *model.Config, opts Options) error {
	src, err := fs.ReadFile(l.fsys, ConfigFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		l.diags.Add(diag.Diagnostic{File: ConfigFile, Severity: diag.Error,
			Message: "there is no playbook.yaml in the playbook's folder",
			Hint:    "run the command in the playbook's folder, or name it with -src"})
	case source.IsRefused(err):
		l.refused(ConfigFile, err)
	case err != nil:
		return fmt.Errorf("load %s: %w", ConfigFile, err)
	default:
		if src, ok := l.text(ConfigFile, src); ok {
			l.keep(ConfigFile, src)
			if root := l.parseYAML(ConfigFile, src, 0); root != nil {
				// The languages come first: the file's own texts may be
				// written in each.
				l.langs, l.lang = languagesOf(root), opts.Language
				if l.lang == "" && len(l.langs) > 0 {
					l.lang = l.langs[0]
				}
				d := l.decoder(ConfigFile, src, 0)
				d.decode(root, reflectValue(c), "playbook.yaml", 0)
				if d.untranslated {
					c.Untranslated = true
				}
			}
		}
	}
	if opts.BaseURL != "" {
		// The command checks the flag's value before it gets here.
		c.BaseURL = opts.BaseURL
		delete(c.Where, "baseURL")
	}
	at := func(key string) model.Pos {
		if p, ok := c.Where[key]; ok {
			return p
		}
		return c.Pos
	}
	if c.BaseURL != "" {
		if u, err := route.CheckBaseURL(c.BaseURL); err != nil {
			p := at("baseURL")
			l.diags.Add(diag.Diagnostic{File: ConfigFile, Line: p.Line, Col: p.Col, Severity: diag.Error,
				Message: fmt.Sprintf("base URL %q cannot be the site's address: %v", c.BaseURL, err),
				Hint:    "write the address the site is published at in full, for example https://playbook.example.org/ or https://example.org/playbook/"})
			c.BaseURL = ""
		} else {
			c.BaseURL = u
		}
	}
	if c.RepoURL != "" {
		if u, err := url.Parse(c.RepoURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			p := at("repoURL")
			l.diags.Add(diag.Diagnostic{File: ConfigFile, Line: p.Line, Col: p.Col, Severity: diag.Error,
				Message: fmt.Sprintf("repository URL %q is not a web address", c.RepoURL),
				Hint:    "write it in full, for example https://github.com/riverside-usd/playbook"})
			c.RepoURL = ""
		}
	}
	for _, col := range []struct{ name, value string }{{"primary", c.Colors.Primary}, {"accent", c.Colors.Accent}} {
		p, ok := c.Colors.Where[col.name]
		if !ok {
			p = at("colors")
		}
		switch {
		case col.value == "":
		case !colorRE.MatchString(col.value):
			l.diags.Add(diag.Diagnostic{File: ConfigFile, Line: p.Line, Col: p.Col, Severity: diag.Error,
				Message: fmt.Sprintf("color %s %q is not a color", col.name, col.value),
				Hint:    "write it as # and six hexadecimal digits, for example \"#1d4e89\" (in quotes)"})
		default:
			if prob, bad := contrast.Check(contrast.Brand(col.name, strings.ToLower(col.value))); bad {
				l.diags.Add(diag.Diagnostic{File: ConfigFile, Line: p.Line, Col: p.Col, Severity: diag.Error,
					Message: prob.String(),
					Hint:    "choose a darker " + col.name + " color: text on it must stay readable for every reader"})
			}
		}
	}
	if c.EditBranch == "" {
		c.EditBranch = "main"
	}
	l.languages(c, opts, at)
	if c.GoalsLimit == 0 {
		c.GoalsLimit = 3
	}
	if c.GoalsLimit < 0 {
		p := at("goalsLimit")
		l.diags.Errorf(ConfigFile, p.Line, p.Col, "goalsLimit must be at least 1, not %d", c.GoalsLimit)
		c.GoalsLimit = 3
	}
	for _, lv := range []struct {
		key   string
		grade *int
	}{{"students", &c.ReadingLevel.Students}, {"everyone", &c.ReadingLevel.Everyone}} {
		if *lv.grade < 0 || *lv.grade > maxGrade {
			p, ok := c.ReadingLevel.Where[lv.key]
			if !ok {
				p = at("readingLevel")
			}
			l.diags.Add(diag.Diagnostic{File: ConfigFile, Line: p.Line, Col: p.Col, Severity: diag.Error,
				Message: fmt.Sprintf("readingLevel %s must be a US school grade from 1 to %d, not %d", lv.key, maxGrade, *lv.grade),
				Hint:    "grade 8 reads like a newspaper, grade 6 like a book for eleven-year-olds; leave the key out for the default"})
			*lv.grade = 0
		}
	}
	return nil
}

// languages checks playbook.yaml's language or languages, and sets
// c.Languages (the default first), c.Language (the one being loaded) and
// c.Prefix (where its pages are published).
func (l *loader) languages(c *model.Config, opts Options, at func(string) model.Pos) {
	bad := func(key, tag string) {
		p := at(key)
		l.diags.Add(diag.Diagnostic{File: ConfigFile, Line: p.Line, Col: p.Col, Severity: diag.Error,
			Message: fmt.Sprintf("language %q is not a language tag", tag),
			Hint:    "write a BCP 47 language tag, such as en, es, en-US or es-419"})
	}
	norm := func(key, tag string) (string, bool) {
		t, err := language.Parse(tag)
		if err != nil || t == language.Und {
			bad(key, tag)
			return "", false
		}
		return t.String(), true
	}
	var langs []string
	switch {
	case len(c.Languages) > 0:
		for _, tag := range c.Languages {
			t, ok := norm("languages", tag)
			if !ok {
				continue
			}
			if slices.Contains(langs, t) {
				p := at("languages")
				l.diags.Errorf(ConfigFile, p.Line, p.Col, "language %q is in languages twice", t)
				continue
			}
			langs = append(langs, t)
		}
		if c.Language != "" && len(langs) > 0 && c.Language != langs[0] {
			p := at("language")
			l.diags.Add(diag.Diagnostic{File: ConfigFile, Line: p.Line, Col: p.Col, Severity: diag.Error,
				Message: fmt.Sprintf("language %q is not the first of languages, %s", c.Language, langs[0]),
				Hint:    "remove the language line: the first of languages is the default"})
		}
	case c.Language != "":
		if t, ok := norm("language", c.Language); ok {
			langs = []string{t}
		}
	}
	if len(langs) == 0 {
		langs = []string{"en"}
	}
	c.Languages, c.Language, c.Prefix = langs, langs[0], ""
	if opts.Language != "" && opts.Language != langs[0] && slices.Contains(langs, opts.Language) {
		c.Language, c.Prefix = opts.Language, opts.Language+"/"
	}
}

// languagesOf returns the language tags playbook.yaml's root mapping
// names, the default first; they decide how the file's own texts are
// read, before the file is checked.
func languagesOf(root *yaml.Node) []string {
	if root.Kind != yaml.MappingNode {
		return nil
	}
	var langs []string
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch {
		case k.Value == "languages" && v.Kind == yaml.SequenceNode:
			langs = langs[:0]
			for _, n := range v.Content {
				if t, err := language.Parse(n.Value); err == nil {
					langs = append(langs, t.String())
				}
			}
			return langs
		case k.Value == "language" && v.Kind == yaml.ScalarNode:
			if t, err := language.Parse(v.Value); err == nil {
				langs = []string{t.String()}
			}
		}
	}
	return langs
}

func (l *loader) keep(file string, src []byte) {
	if l.sources == nil {
		l.sources = map[string][]byte{}
	}
	l.sources[file] = src
}

// loadList reads the data file of kind k, a list of its records, into a
// []*T of its record type. A missing file is an empty list.
func loadList(l *loader, k kind.Kind) (reflect.Value, error) {
	file, what := k.File, k.Noun
	empty := reflect.MakeSlice(reflect.SliceOf(reflect.PointerTo(k.Type())), 0, 0)
	src, ok, err := l.read(file)
	if !ok {
		return empty, err
	}
	if src, ok = l.text(file, src); !ok {
		l.unparsed = true
		return empty, nil
	}
	l.placeholders(file, src)
	l.keep(file, src)
	root := l.parseYAML(file, src, 0)
	if root == nil || isNull(root) {
		return empty, nil
	}
	d := l.decoder(file, src, 0)
	if root.Kind != yaml.SequenceNode {
		// Its records are missing: references to them are not reported.
		l.unparsed = true
		if root.Kind == yaml.MappingNode && len(root.Content) == 2 && root.Content[1].Kind == yaml.SequenceNode {
			key := root.Content[0]
			d.errorf(key, fmt.Sprintf("remove the line %q and start each %s with \"- \" at the beginning of a line", key.Value+":", what),
				"%s is a list of each %s by itself; here the list is inside a key %q", file, what, key.Value)
			return empty, nil
		}
		d.errorf(root, "start each "+what+" with \"- \" at the beginning of a line", "%s should be a list of each %s, not %s", file, what, describe(root))
		return empty, nil
	}
	out := reflect.MakeSlice(empty.Type(), len(root.Content), len(root.Content))
	for i, n := range root.Content {
		rec := reflect.New(k.Type())
		d.untranslated = false
		d.decode(n, rec.Elem(), what, 1)
		if d.untranslated {
			l.untranslated = append(l.untranslated, rec.Interface().(model.Record).At())
		}
		out.Index(i).Set(rec)
	}
	if d.aliasBomb {
		// What was read before the limit is not what the editor wrote:
		// leave the records out, and references to them unreported.
		l.unparsed = true
		return empty, nil
	}
	return out, nil
}

// parseYAML parses src into its document's root node, reporting a syntax
// error at its line. lineOffset is added to line numbers.
func (l *loader) parseYAML(file string, src []byte, lineOffset int) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		l.yamlError(file, src, lineOffset, err)
		l.unparsed = true
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil
	}
	return doc.Content[0]
}

// render renders a Markdown field of a data file.
func (l *loader) render(m *model.Markdown) {
	if m.Source == "" {
		return
	}
	src := []byte(m.Source)
	l.convert(m, markdown.Source{Text: src, File: m.Pos.File, Position: l.yamlPositions(m.Pos, src)})
}

func (l *loader) convert(m *model.Markdown, src markdown.Source) {
	src.Read = func(text []readability.Piece) {
		m.Reading = reading(readability.Measure(l.pb.Config.Language, text), src.Position)
	}
	doc, err := l.md.Convert(src)
	var limit *markdown.LimitError
	switch {
	case errors.As(err, &limit):
		p := src.Position(limit.Offset)
		l.diags.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Severity: diag.Error,
			Message: limit.Message, Hint: limit.Hint})
		return
	case err != nil:
		p := src.Position(0)
		l.diags.Errorf(p.File, p.Line, p.Col, "the Markdown does not render: %v", err)
		return
	}
	m.HTML, m.Links, m.Headings, m.Images, m.Steps = string(doc.HTML), doc.Links, doc.Headings, doc.Images, doc.Steps
	m.StepsID, m.Checks, m.Related = doc.StepsID, doc.Checks, doc.Related
}

// reading is what the model keeps of a text's score: its counts, and its
// hardest sentence with the position of its first word.
func reading(sc readability.Score, position func(int) model.Pos) model.Reading {
	r := model.Reading{Language: sc.Language, Words: sc.Words, Sentences: sc.Sentences, Syllables: sc.Syllables}
	if h := sc.Hardest; h.Words > 0 {
		r.Hardest = model.Sentence{Text: h.Text, Pos: position(h.At), Words: h.Words, Syllables: h.Syllables}
	}
	return r
}

// images reads every file under content/images/, keeping those that are
// images (source.CheckImage) and reporting the rest: the site publishes
// them from its own origin, where anything else could run script.
func (l *loader) images() (map[string][]byte, error) {
	files := map[string][]byte{}
	count := 0
	if fi, err := fs.Stat(l.fsys, route.ImageDir); err == nil && !fi.IsDir() {
		l.refused(route.ImageDir, source.ErrNotFolder)
		return files, nil
	}
	err := fs.WalkDir(l.fsys, route.ImageDir, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == route.ImageDir {
			return fs.SkipDir
		}
		if source.IsRefused(err) {
			l.refused(p, err)
			return fs.SkipDir
		}
		if err != nil {
			return err
		}
		if p != route.ImageDir && l.badName(path.Dir(p), d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") && p != route.ImageDir {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if l.entryRefused(p, d) {
			l.markUnparsed(p) // reported: links to it need no error of their own
			return nil
		}
		if count++; count > source.MaxFiles {
			l.diags.Add(diag.Diagnostic{File: route.ImageDir, Severity: diag.Error,
				Message: fmt.Sprintf("the folder holds more than %d files; the build reads at most %d", source.MaxFiles, source.MaxFiles),
				Hint:    "remove images that no page shows"})
			return fs.SkipAll
		}
		data, ok, err := l.read(p)
		if !ok {
			l.markUnparsed(p)
			return err
		}
		if err := source.CheckImage(p, data); err != nil {
			l.markUnparsed(p)
			l.diags.Add(diag.Diagnostic{File: p, Severity: diag.Error,
				Message: "this file " + err.Error(),
				Hint:    route.ImageDir + "/ publishes images only; remove the file, or save it as a PNG, JPEG, GIF, WebP, AVIF or a plain SVG"})
			return nil
		}
		files[p] = data
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", route.ImageDir, err)
	}
	return files, nil
}

// yamlPositions maps offsets in a YAML text value to positions in its file.
// A block text's lines follow the file's lines, each shifted by the
// block's indentation; a one-line text follows its first character.
func (l *loader) yamlPositions(start model.Pos, text []byte) func(int) model.Pos {
	lines := markdown.LinePositions(start.File, text, start.Line)
	fileSrc := l.sources[start.File]
	return func(offset int) model.Pos {
		p := lines(offset)
		if start.Col > 0 && p.Line == start.Line {
			p.Col += start.Col - 1
		} else if start.Col == 0 {
			p.Col += indentOf(fileSrc, p.Line)
		}
		return p
	}
}

// indentOf returns the number of leading spaces on 1-based line n of src.
func indentOf(src []byte, n int) int {
	for i := 1; i < n && len(src) > 0; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return 0
		}
		src = src[j+1:]
	}
	return len(src) - len(bytes.TrimLeft(src, " "))
}

// reflectValue returns the value p points to, for the decoder to fill.
func reflectValue(p any) reflect.Value { return reflect.ValueOf(p).Elem() }

// maxGrade is the highest reading level playbook.yaml may set: the last
// year of a doctorate on the grade scale.
const maxGrade = 20

var colorRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// loadDocs reads every Markdown file in dir, in parallel on g, returning
// them sorted by id.
func loadDocs[T any](ctx context.Context, l *loader, tasks *[]func() error, dir string,
	newDoc func(id string, p model.Pos) *T, body func(*T) *model.Markdown) ([]*T, error) {
	entries, err := fs.ReadDir(l.fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if source.IsRefused(err) {
		l.refused(dir, err)
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", dir, err)
	}
	if len(entries) > source.MaxFiles {
		l.diags.Add(diag.Diagnostic{File: dir, Severity: diag.Error,
			Message: fmt.Sprintf("the folder holds %d files; the build reads at most %d", len(entries), source.MaxFiles),
			Hint:    "a playbook this large is more than readers can use; remove files that are not guides or pages"})
		return nil, nil
	}
	var names []string
	infos := map[string]fs.DirEntry{}
	for _, e := range entries {
		file := path.Join(dir, e.Name())
		switch {
		case l.badName(dir, e.Name()):
		case strings.HasPrefix(e.Name(), "."):
			// Hidden files: .gitkeep, .DS_Store, an editor's swap file.
		case l.entryRefused(file, e):
		case e.IsDir():
			l.ignored(file, "is a folder; "+dir+" holds Markdown files only, so nothing in it is read",
				"move its files into "+dir+"/ itself")
		case !strings.HasSuffix(e.Name(), ".md"):
			l.ignoredDoc(dir, file, e.Name())
		default:
			names = append(names, e.Name())
			infos[e.Name()] = e
		}
	}
	names = l.translations(dir, names)
	slices.Sort(names)
	docs := make([]*T, len(names))
	for i, name := range names {
		file := path.Join(dir, name)
		id := strings.TrimSuffix(name, ".md")
		untranslated := false
		if own := l.translationOf(dir, name); own != "" {
			// The loaded language's version of the document stands in for
			// the default's, under the default's id.
			name = own
			file = path.Join(dir, own)
		} else {
			untranslated = l.lang != l.langs[0]
		}
		if !model.IsSlug(id) {
			l.diags.Add(diag.Diagnostic{File: file, Severity: diag.Error,
				Message: fmt.Sprintf("file name %q is not a valid id: %s", name, model.SlugRule),
				Hint:    fmt.Sprintf("rename the file %s.md", model.Slugify(id))})
		}
		// The cache compares sizes and times; without one, a one-off
		// build spares a system call per file here, before any loads.
		var info fs.FileInfo
		if l.cache != nil {
			info, _ = infos[name].Info()
		}
		l.seen[file] = true
		if v, ds, ok := l.cache.lookup(file, info); ok {
			docs[i] = v.(*T)
			l.diags.Append(ds)
			if untranslated {
				l.markUntranslated(any(docs[i]).(model.Record).At())
			}
			continue
		}
		doc := newDoc(id, model.Pos{File: file, Line: 1, Col: 1})
		docs[i] = doc
		*tasks = append(*tasks, func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			fl := l.forFile()
			src, ok, err := fl.read(file)
			if err != nil {
				return err
			}
			if ok {
				if src, ok = fl.text(file, src); ok {
					fl.placeholders(file, src)
					fl.document(file, src, reflectValue(doc), body(doc))
				}
			}
			if untranslated {
				// Where the document is, once its front matter is read.
				l.markUntranslated(any(doc).(model.Record).At())
			}
			ds := fl.diags.Items()
			l.diags.Append(ds)
			l.cache.store(file, info, doc, ds)
			return nil
		})
	}
	return docs, nil
}

// document decodes a Markdown file's front matter into v and renders its
// body into body.
func (l *loader) document(file string, src []byte, v reflect.Value, body *model.Markdown) {
	fmStart, opened, fmEnd := frontMatterLines(src)
	var root *yaml.Node
	var parseErr error
	decoded := false
	var fmText []byte
	format := frontmatter.NewFormat("---", "---", func(data []byte, _ any) error {
		decoded = true
		fmText = data
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			parseErr = err
			return nil
		}
		if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
			root = doc.Content[0]
		}
		return nil
	})
	// frontmatter.Parse copies what follows the front matter; given only
	// the file up to the line that closes it, it copies nothing, and the
	// body is taken from src as it is. A reader of our own, large enough,
	// is used by Parse as it is instead of one made for every file.
	head := src
	if fmEnd > 0 {
		head = src[:fmEnd]
	}
	br := readers.Get().(*bufio.Reader)
	br.Reset(bytes.NewReader(head))
	rest, err := frontmatter.Parse(br, nil, format)
	br.Reset(nil)
	readers.Put(br)
	if err != nil {
		// Only a read error reaches here; the bytes are already in memory.
		l.diags.Errorf(file, 1, 1, "cannot read the front matter: %v", err)
		return
	}
	// What Parse returns is always the end of what it was given.
	rest = src[len(head)-len(rest):]
	switch {
	case !opened:
		l.diags.Add(diag.Diagnostic{File: file, Line: 1, Col: 1, Severity: diag.Error,
			Message: "the file has no front matter",
			Hint:    "start the file with a line \"---\", then \"title: ...\" and \"summary: ...\", then another \"---\""})
	case !decoded:
		l.diags.Add(diag.Diagnostic{File: file, Line: fmStart, Col: 1, Severity: diag.Error,
			Message: "the front matter is never closed",
			Hint:    "end the front matter with a line of three hyphens, \"---\""})
		rest = nil
	case parseErr != nil:
		l.yamlError(file, fmText, fmStart, parseErr)
	default:
		d := l.decoder(file, fmText, fmStart)
		if root == nil {
			root = &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
		}
		d.decode(root, v, "front matter", 0)
	}
	bodyStart := len(src) - len(rest)
	firstLine := 1 + bytes.Count(src[:bodyStart], []byte("\n"))
	body.Pos = model.Pos{File: file, Line: firstLine, Col: 1}
	if !utf8.Valid(rest) {
		l.diags.Errorf(file, firstLine, 1, "the file is not UTF-8 text")
		return
	}
	l.convert(body, markdown.Source{Text: rest, File: file, Position: markdown.LinePositions(file, rest, firstLine), Terms: true})
}

// lineBreaks turns each lone carriage return into a newline, so that YAML,
// Markdown and this package count lines the same way (as editors do).
func lineBreaks(src []byte) []byte {
	i := bytes.IndexByte(src, '\r')
	if i < 0 {
		return src
	}
	out := slices.Clone(src)
	for ; i < len(out); i++ {
		if out[i] == '\r' && (i+1 == len(out) || out[i+1] != '\n') {
			out[i] = '\n'
		}
	}
	return out
}

// readers are the buffered readers front matter is parsed through.
var readers = sync.Pool{New: func() any { return bufio.NewReader(nil) }}

// frontMatterLines finds a file's front matter by frontmatter.Parse's
// rules: the first line that is not blank opens it and must be "---", the
// next "---" closes it, each once spaces around it are trimmed. It returns
// the 1-based number of that first line, whether it is "---", and the
// length of src up to the end of the closing line, or 0 when none closes it.
func frontMatterLines(src []byte) (start int, opened bool, end int) {
	line := 0
	for i := 0; i < len(src); {
		next := len(src)
		if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
			next = i + j + 1
		}
		line++
		text := bytes.TrimSpace(src[i:next])
		switch {
		case start == 0 && len(text) == 0:
		case start == 0:
			start, opened = line, string(text) == "---"
			if !opened {
				return start, false, 0
			}
		case string(text) == "---":
			return start, true, next
		}
		i = next
	}
	if start == 0 {
		start = line + 1 // only blank lines: the line after them
	}
	return start, opened, 0
}
