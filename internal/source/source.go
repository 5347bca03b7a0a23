// Package source is how the build reads a playbook's folder: only regular
// files inside it, never through a symbolic link, each within a size limit.
//
// A playbook is written by strangers: a district forks the repository,
// anyone may open a pull request, and a deploy preview builds it on a
// machine whose environment holds the site's secrets. So the folder is
// read through an os.Root, which cannot reach outside it, and every name
// is checked before it is opened:
//
//   - a symbolic link, anywhere on the path, is refused (ErrSymlink), even
//     one that stays inside the playbook: a link committed as
//     content/images/logo.png -> /proc/self/environ would otherwise
//     publish the build machine's secrets;
//   - anything that is neither a folder nor a regular file (a named pipe,
//     a device, a socket) is refused (ErrNotRegular): reading one can
//     block forever or never end;
//   - a file larger than MaxFileSize is refused (ErrTooLarge) before a
//     byte of it is read.
//
// Each refusal is an *fs.PathError naming the file, so that the loader can
// report it at that path. The limits of the content itself (how many
// files, how deep a YAML alias or a Markdown list may go) are in Limits.
package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// Why a file of the playbook is not read.
var (
	ErrSymlink    = errors.New("is a symbolic link")
	ErrNotRegular = errors.New("is not a regular file or folder")
	ErrTooLarge   = fmt.Errorf("is larger than %d MB", MaxFileSize>>20)
	ErrIsFolder   = errors.New("is a folder, not a file")
	ErrNotFolder  = errors.New("is a file, not a folder")
	ErrBadName    = errors.New("has a name with a line break or other control character in it")
)

// IsRefused reports whether err is one of the refusals above, which the
// loader reports as a problem with the content rather than a failure to
// read.
func IsRefused(err error) bool {
	for _, e := range []error{ErrSymlink, ErrNotRegular, ErrTooLarge, ErrIsFolder, ErrNotFolder, ErrBadName} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// CheckName refuses a file name that holds a control character (a line
// break, a tab, an escape) or bytes that are not UTF-8: printed in a
// message, such a name would break the message's line or the terminal.
func CheckName(name string) error {
	if !utf8.ValidString(name) {
		return ErrBadName
	}
	for _, r := range name {
		if r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029' {
			return ErrBadName
		}
	}
	return nil
}

// Limits of a playbook. Each is far above what a district writes (the
// benchmark playbook of 10,000 guides is within all of them) and far below
// what would exhaust the build machine.
const (
	// MaxFileSize is the largest file the build reads: an image, a theme
	// file, a data file.
	MaxFileSize = 16 << 20
	// MaxMarkdownSize is the longest Markdown text: a guide, a page, or a
	// Markdown field of a data file. It is more than a hundred printed
	// pages; it bounds the time the Markdown parser may take, which for
	// some hostile texts grows with the square of their length.
	MaxMarkdownSize = 256 << 10
	// MaxFiles is the most files a folder of the playbook may hold
	// (content/guides, content/images, ...).
	MaxFiles = 50_000
	// MaxAliasNodes is the most values a YAML file may produce through
	// its aliases (*name), counting every repeat: a few lines of nested
	// aliases can otherwise stand for billions of values.
	MaxAliasNodes = 10_000
	// MaxNesting is how deep lists and block quotes may be nested in
	// Markdown, and mappings and lists in YAML.
	MaxNesting = 32
)

// FS is a playbook's folder, read safely. It implements fs.FS,
// fs.ReadFileFS, fs.ReadDirFS and fs.StatFS, and is safe for concurrent
// use.
type FS struct {
	root *os.Root
	dirs sync.Map // folder name → error (nil when it is a real folder)
	// subs holds an os.Root of each folder files were read from, so that
	// reading content/guides/x.md is one system call on the folder, not
	// one for each folder on its path.
	subs  sync.Map // folder name → *os.Root
	nsubs atomic.Int32
}

// maxRoots is how many folders' roots an FS keeps open at most: the
// playbook's content folders and a few of images. Beyond it, files are
// reached from the top, so that a playbook of thousands of folders cannot
// use up the process's open files.
const maxRoots = 64

// Open opens the playbook folder dir.
func Open(dir string) (*FS, error) {
	fi, err := os.Lstat(dir)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		// A symbolic link to a folder is accepted as the playbook itself
		// (the command was given it); nothing inside may be one.
		if fi.Mode()&fs.ModeSymlink == 0 {
			return nil, &fs.PathError{Op: "open", Path: dir, Err: errors.New("is not a folder")}
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &FS{root: root}, nil
}

// Close releases the folder.
func (f *FS) Close() error {
	f.subs.Range(func(_, r any) bool {
		r.(*os.Root).Close()
		return true
	})
	return f.root.Close()
}

// in returns the root to reach name through, and name's path from it: the
// root of its folder, which checkDir has found to be a real folder. Errors
// it returns name the file by its path from the playbook's root.
func (f *FS) in(name string) (*os.Root, string) {
	dir, base := path.Split(name)
	if dir == "" {
		return f.root, name
	}
	dir = strings.TrimSuffix(dir, "/")
	if r, ok := f.subs.Load(dir); ok {
		return r.(*os.Root), base
	}
	if f.nsubs.Load() >= maxRoots {
		return f.root, name // a playbook of many folders: from the top
	}
	r, err := f.root.OpenRoot(dir)
	if err != nil {
		return f.root, name // reported as it is by the call through the playbook's root
	}
	if old, loaded := f.subs.LoadOrStore(dir, r); loaded {
		r.Close()
		r = old.(*os.Root)
	} else {
		f.nsubs.Add(1)
	}
	return r, base
}

// fullPath makes a *fs.PathError from a folder's root name the file by its
// path from the playbook's root.
func fullPath(err error, name string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		pe.Path = name
	}
	return err
}

// Open opens the regular file or folder name, refusing anything else.
func (f *FS) Open(name string) (fs.File, error) {
	file, _, err := f.open(name)
	if err != nil {
		return nil, err
	}
	return file, nil
}

// open opens the regular file or folder name, refusing anything else, and
// describes what it opened.
func (f *FS) open(name string) (*os.File, fs.FileInfo, error) {
	fi, err := f.check("open", name)
	if err != nil {
		return nil, nil, err
	}
	r, rel := f.in(name)
	// Non-blocking (nonBlock): a named pipe put in a checked file's place
	// does not hold the open up either.
	file, err := r.OpenFile(rel, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, nil, fullPath(err, name)
	}
	// What was opened must be what was checked.
	got, err := file.Stat()
	if err != nil || got.Mode().Type() != fi.Mode().Type() {
		file.Close()
		return nil, nil, &fs.PathError{Op: "open", Path: name, Err: ErrNotRegular}
	}
	return file, got, nil
}

// ReadFile reads the regular file name.
func (f *FS) ReadFile(name string) ([]byte, error) {
	file, fi, err := f.open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	if fi.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrIsFolder}
	}
	// Read one byte more than the limit, in case the file grew since it
	// was checked.
	data := make([]byte, 0, fi.Size()+1)
	data, err = readAll(io.LimitReader(file, MaxFileSize+1), data)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	if len(data) > MaxFileSize {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrTooLarge}
	}
	return data, nil
}

func readAll(r io.Reader, b []byte) ([]byte, error) {
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

// ReadDir lists the folder name. Its entries may include symbolic links and
// other files the FS will not open; their types say so (see Refusal).
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	file, err := f.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	dir, ok := file.(fs.ReadDirFile)
	if fi, err := file.Stat(); !ok || err != nil || !fi.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: ErrNotFolder}
	}
	entries, err := dir.ReadDir(-1)
	if err != nil {
		return nil, err
	}
	sortEntries(entries)
	return entries, nil
}

// Stat describes the regular file or folder name.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	return f.check("stat", name)
}

// check refuses a name that is not a valid path, that passes through or
// is a symbolic link, that is neither a folder nor a regular file, or that
// is too large.
func (f *FS) check(op, name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if err := CheckName(name); err != nil {
		return nil, &fs.PathError{Op: op, Path: name, Err: err}
	}
	if dir := path.Dir(name); dir != "." {
		if err := f.checkDir(dir); err != nil {
			return nil, &fs.PathError{Op: op, Path: name, Err: err}
		}
	}
	r, rel := f.in(name)
	fi, err := r.Lstat(rel)
	if err != nil {
		return nil, fullPath(err, name)
	}
	if err := Refusal(fi.Mode()); err != nil {
		return nil, &fs.PathError{Op: op, Path: name, Err: err}
	}
	if fi.Mode().IsRegular() && fi.Size() > MaxFileSize {
		return nil, &fs.PathError{Op: op, Path: name, Err: ErrTooLarge}
	}
	return fi, nil
}

// checkDir makes sure every folder on the way to dir is a real folder,
// looking at each once.
func (f *FS) checkDir(dir string) error {
	if v, ok := f.dirs.Load(dir); ok {
		err, _ := v.(error)
		return err
	}
	var err error
	if parent := path.Dir(dir); parent != "." {
		err = f.checkDir(parent)
	}
	if err == nil {
		var fi fs.FileInfo
		if fi, err = f.root.Lstat(dir); err == nil {
			switch {
			case fi.Mode()&fs.ModeSymlink != 0:
				err = fmt.Errorf("is inside %s, which %w", dir, ErrSymlink)
			case !fi.IsDir():
				err = fmt.Errorf("is inside %s, which %w", dir, ErrNotFolder)
			}
		}
	}
	f.dirs.Store(dir, err)
	return err
}

// Refusal returns why a file of the given mode is not read, or nil for a
// regular file or a folder. Callers that list folders with any fs.FS use
// it to report what the build will not read.
func Refusal(mode fs.FileMode) error {
	switch {
	case mode&fs.ModeSymlink != 0:
		return ErrSymlink
	case mode.IsRegular(), mode.IsDir():
		return nil
	}
	return ErrNotRegular
}

// Problem turns a refusal into words for an editor, with a hint, naming
// what the file is.
func Problem(err error) (message, hint string) {
	switch {
	case errors.Is(err, ErrSymlink):
		return "is a symbolic link, which the build does not follow",
			"put the file itself here instead of a link to it"
	case errors.Is(err, ErrTooLarge):
		return fmt.Sprintf("is larger than %d MB, the most the build reads", MaxFileSize>>20),
			"make the file smaller (an image can be saved at a lower resolution)"
	case errors.Is(err, ErrIsFolder):
		return "is a folder, not a file", "replace the folder with the file"
	case errors.Is(err, ErrNotFolder):
		return "is a file, not a folder", "replace the file with a folder of the same name"
	case errors.Is(err, ErrBadName):
		return "has a name with a line break or other control character in it", "rename it with letters, digits and hyphens"
	}
	return "is not a regular file", "remove it: the playbook holds only folders and ordinary files"
}

func sortEntries(entries []fs.DirEntry) {
	// os.File.ReadDir returns entries in directory order; callers expect
	// them sorted by name, as fs.ReadDir does.
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
}
