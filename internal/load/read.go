package load

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/kind"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/route"
	"github.com/playbook-edu/playbook/internal/source"
)

// read reads a file of the playbook. A file that does not exist gives
// ok false and no error; so does one the build refuses to read (a symbolic
// link, a device, a file too large: package source), after reporting it
// at its path. The error is for a failure that is not the content's fault.
func (l *loader) read(file string) (data []byte, ok bool, err error) {
	data, err = fs.ReadFile(l.fsys, file)
	switch {
	case err == nil:
		return data, true, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, false, nil
	case source.IsRefused(err):
		l.refused(file, err)
		return nil, false, nil
	}
	return nil, false, fmt.Errorf("load %s: %w", file, err)
}

// refused reports a file the build will not read.
func (l *loader) refused(file string, err error) {
	msg, hint := source.Problem(err)
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Err != source.ErrSymlink && pe.Err != source.ErrNotRegular && pe.Err != source.ErrTooLarge {
		msg = pe.Err.Error() // a folder on the way is the link
	}
	l.diags.Add(diag.Diagnostic{File: file, Severity: diag.Error, Message: "this " + msg, Hint: hint})
	l.markUnparsed(file)
}

// markUnparsed records a file or folder whose problem is reported and whose
// records are missing, so that references to them are not reported too.
func (l *loader) markUnparsed(file string) {
	l.mu.Lock()
	l.pb.Unparsed[file] = true
	l.mu.Unlock()
}

// markUntranslated records a record shown in the default language because
// it has no version in the language being loaded.
func (l *loader) markUntranslated(at model.Pos) {
	l.mu.Lock()
	l.pb.Untranslated[at] = true
	l.mu.Unlock()
}

// badName reports a file in dir whose name the build will not print as a
// path, and says whether it did.
func (l *loader) badName(dir, name string) bool {
	if source.CheckName(name) == nil {
		return false
	}
	msg, hint := source.Problem(source.ErrBadName)
	l.diags.Add(diag.Diagnostic{File: dir, Severity: diag.Error, Message: fmt.Sprintf("the file %q in this folder %s", name, msg), Hint: hint})
	return true
}

// entryRefused reports a folder entry that is not a regular file or a
// folder, whatever the fs.FS in use would do with it, and says whether it
// did.
func (l *loader) entryRefused(file string, e fs.DirEntry) bool {
	if err := source.Refusal(e.Type()); err != nil {
		l.refused(file, err)
		return true
	}
	return false
}

// bom is the UTF-8 byte-order mark some editors put at the start of a file.
var bom = []byte("\xef\xbb\xbf")

// text prepares a text file's bytes for parsing: it drops a byte-order
// mark, turns lone carriage returns into newlines, and reports the first
// byte that is not UTF-8 text (or is a NUL, which no text holds) at its
// line and column. ok is false when there is such a byte.
func (l *loader) text(file string, src []byte) (out []byte, ok bool) {
	src = bytes.TrimPrefix(src, bom)
	if at := badByte(src); at >= 0 {
		line, col := lineCol(src, at)
		what := fmt.Sprintf("byte 0x%02X", src[at])
		if src[at] == 0 {
			what = "NUL character (byte 0x00)"
		}
		l.diags.Add(diag.Diagnostic{File: file, Line: line, Col: col, Severity: diag.Error,
			Message: fmt.Sprintf("the file is not UTF-8 text: a %s here is not a character", what),
			Hint:    "save the file as UTF-8 (in most editors: Save with Encoding, then UTF-8), then check this character; text pasted from a word processor is the usual cause"})
		return nil, false
	}
	return lineBreaks(src), true
}

// badByte returns the offset of the first byte of src that is not part of
// valid UTF-8 or is NUL, or -1.
func badByte(src []byte) int {
	if utf8.Valid(src) && bytes.IndexByte(src, 0) < 0 {
		return -1
	}
	for i := 0; i < len(src); {
		if src[i] == 0 {
			return i
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// lineCol returns the 1-based line and column (in characters, each byte
// that is not UTF-8 counting as one) of offset in src. A lone carriage
// return ends a line, as lineBreaks makes it.
func lineCol(src []byte, offset int) (line, col int) {
	line, start := 1, 0
	for i := 0; i < offset; i++ {
		if src[i] == '\n' || (src[i] == '\r' && (i+1 >= len(src) || src[i+1] != '\n')) {
			line, start = line+1, i+1
		}
	}
	col = 1
	for i := start; i < offset; {
		_, size := utf8.DecodeRune(src[i:offset])
		i += size
		col++
	}
	return line, col
}

// ignored warns about a file the build does not read, though an editor may
// have meant it to.
func (l *loader) ignored(file, what, hint string) {
	l.diags.Add(diag.Diagnostic{File: file, Severity: diag.Warning, Message: "this file " + what, Hint: hint})
}

// ignoredDoc warns about a file in a folder of Markdown documents that is
// not read because its name does not end in ".md".
func (l *loader) ignoredDoc(dir, file, name string) {
	ext := path.Ext(name)
	switch strings.ToLower(ext) {
	case ".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".txt", ".text":
		fixed := strings.TrimSuffix(name, ext) + ".md"
		l.ignored(file, fmt.Sprintf("is not read: only files whose names end in \".md\" (in lowercase) are, and this one ends in %q", ext),
			fmt.Sprintf("rename it %s", fixed))
	default:
		hint := "move it out of " + dir + "/"
		if _, ok := imageExt(name); ok {
			hint = "images belong in " + route.ImageDir + "/; move it there and link to it as ../images/" + name
		}
		l.ignored(file, "is not read: "+dir+"/ holds Markdown files ending in \".md\"", hint)
	}
}

func imageExt(name string) (string, bool) {
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg":
		return ext, true
	}
	return ext, false
}

// dataFolder warns about files in data/ that the build does not read, such
// as data/role.yaml for data/roles.yaml.
func (l *loader) dataFolder() error {
	entries, err := fs.ReadDir(l.fsys, "data")
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if source.IsRefused(err) {
		l.refused("data", err)
		l.noData = true
		return nil
	}
	if err != nil {
		return fmt.Errorf("load data: %w", err)
	}
	var known []string
	for _, k := range kind.Data() {
		known = append(known, path.Base(k.File))
	}
	for _, e := range entries {
		name := e.Name()
		file := path.Join("data", name)
		if l.badName("data", name) || strings.HasPrefix(name, ".") || slices.Contains(known, name) || e.IsDir() {
			continue
		}
		ext := strings.ToLower(path.Ext(name))
		if ext != ".yaml" && ext != ".yml" {
			continue // a CSV of measurements, a README: read by what names it, if anything
		}
		want := strings.TrimSuffix(name, path.Ext(name)) + ".yaml"
		if !slices.Contains(known, want) {
			want = diag.Suggest(strings.TrimSuffix(name, path.Ext(name)), trimExt(known))
			if want != "" {
				want += ".yaml"
			}
		}
		hint := "the build reads " + strings.Join(known, ", ")
		if want != "" {
			hint = "rename it " + want + "; " + hint
		}
		l.ignored(file, "is not read by the build", hint)
	}
	return nil
}

func trimExt(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.TrimSuffix(n, path.Ext(n))
	}
	return out
}

// translations sorts the Markdown files of dir: a translation, named
// ID.LANG.md after a language of the playbook, is set aside for the loads
// in that language (translationOf); one named after another language is
// reported; the rest are the documents. It returns the documents' names.
func (l *loader) translations(dir string, names []string) []string {
	docs := names[:0:0]
	for _, name := range names {
		id, lang, ok := splitLanguage(name)
		switch {
		case !ok:
			docs = append(docs, name)
		case !slices.Contains(l.langs, lang) || lang == l.langs[0]:
			l.ignored(path.Join(dir, name), fmt.Sprintf("is not read: it is named as a translation into %q, which is not one of the playbook's other languages (%s)", lang, strings.Join(l.langs, ", ")),
				"add the language to languages: in playbook.yaml, or rename the file")
		default:
			l.translated[path.Join(dir, name)] = true
			if !slices.Contains(names, id+".md") {
				l.ignored(path.Join(dir, name), fmt.Sprintf("is not read: it translates %s.md, which does not exist", id),
					"a translation sits beside the document in the default language, with the same name before .LANG.md")
			}
		}
	}
	return docs
}

// translationOf returns the name of the loaded language's translation of
// the document dir/name, when there is one.
func (l *loader) translationOf(dir, name string) string {
	if l.lang == l.langs[0] {
		return ""
	}
	own := strings.TrimSuffix(name, ".md") + "." + l.lang + ".md"
	if l.translated[path.Join(dir, own)] {
		return own
	}
	return ""
}

// splitLanguage splits a file name ID.LANG.md into its id and language,
// when the part before .md ends in a language tag.
func splitLanguage(name string) (id, lang string, ok bool) {
	base, found := strings.CutSuffix(name, ".md")
	i := strings.LastIndexByte(base, '.')
	if !found || i <= 0 {
		return "", "", false
	}
	tag, err := language.Parse(base[i+1:])
	if err != nil || len(base[i+1:]) > 8 {
		return "", "", false
	}
	return base[:i], tag.String(), true
}
