// Package write is the last stage of the build: it puts the rendered site
// on disk all at once or not at all, and only where it may.
//
// # Where it writes
//
// A build replaces its output folder whole, so it must never take a folder
// that holds anything else. Every build writes a marker file, Marker, at
// the root of what it writes, and CheckOut refuses an output folder that
// exists, is not empty and has no marker; a symbolic link; the file
// system's root; the home folder or a folder that contains it; and the
// playbook itself, a folder that contains it, or one inside its content/,
// data/, themes/, schemas/ or .git/ folders. All writing and removing goes
// through an os.Root, so no name can reach outside the folder it is meant
// for, and removing an old site never follows a symbolic link.
//
// # All at once
//
// A build writes into a new temporary folder beside the output folder.
// Only when every page has been written does Commit swap it in: the old
// output is renamed aside, the new one renamed into place, and the old one
// removed. A build that fails (bad content, a template error, a full disk,
// an interrupt) calls Abort, which removes the temporary folder and leaves
// the previous site exactly as it was.
package write

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/playbook-edu/playbook/internal/work"
)

// Marker is the file every build writes at the root of its output, so that
// the next build knows the folder is one it may replace.
const Marker = ".playbook-site"

// markerText is the marker's content, for a person who finds the file.
const markerText = "This folder was made by `playbook build`. The next build replaces it whole:\nkeep nothing here that you need.\n"

// Dir is a site being written to disk.
type Dir struct {
	out, tmp string
	root     *os.Root // the temporary folder
	mu       sync.Mutex
	made     map[string]bool // folders already created under tmp
	// subs holds an os.Root of each folder whose folders' files are
	// written ("guides" for guides/ID/index.html), so that creating a
	// page's folder and its file does not walk from the top each time.
	subs map[string]*os.Root
}

// OutError is an output folder the build refuses to replace. Its message
// says what to do instead.
type OutError struct {
	Out    string
	Reason string
}

func (e *OutError) Error() string { return fmt.Sprintf("will not build into %s: %s", e.Out, e.Reason) }

// CheckOut reports an output folder that must not be used for the playbook
// at src (see the package documentation). Both paths may be relative.
func CheckOut(src, out string) error {
	refuse := func(format string, args ...any) error {
		return &OutError{Out: out, Reason: fmt.Sprintf(format, args...)}
	}
	absSrc, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	absOut, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	// Compare real paths, so a symbolic link cannot hide the source.
	if r, err := filepath.EvalSymlinks(absSrc); err == nil {
		absSrc = r
	}
	fi, statErr := os.Lstat(absOut)
	if statErr == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return refuse("it is a symbolic link; the build replaces only a real folder that it made itself, so name a folder with -out, such as public")
	}
	absOut = realParent(absOut)
	if filepath.Dir(absOut) == absOut {
		return refuse("it is the root of the file system; choose a folder of its own, such as public")
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		home = realParent(home)
		if absOut == home || within(home, absOut) {
			return refuse("it is your home folder or contains it; choose a folder of its own, such as public in the playbook's folder")
		}
	}
	switch {
	case absOut == absSrc:
		return refuse("it is the playbook itself; building there would replace its files. Use -out public")
	case within(absSrc, absOut):
		return refuse("it contains the playbook; building there would replace its files. Use -out public")
	}
	for _, dir := range []string{"content", "data", "themes", "schemas", ".git"} {
		if d := filepath.Join(absSrc, dir); absOut == d || within(absOut, d) {
			return refuse("it is the playbook's %s folder or inside it; choose a folder such as public", dir)
		}
	}
	switch {
	case errors.Is(statErr, fs.ErrNotExist):
		return nil
	case statErr != nil:
		return statErr
	case !fi.IsDir():
		return refuse("it is a file, not a folder; remove it or choose another -out")
	}
	if ours, err := madeByBuild(absOut); err != nil {
		return err
	} else if !ours {
		return refuse("it holds files that no build made (it has no %s file), and the build replaces its output whole. Remove the folder yourself if nothing in it is needed, or choose another -out", Marker)
	}
	return nil
}

// madeByBuild reports whether the folder dir is empty or holds the
// marker of a previous build.
func madeByBuild(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	names, err := f.Readdirnames(1)
	if errors.Is(err, io.EOF) || (err == nil && len(names) == 0) {
		return true, nil // empty
	}
	if err != nil {
		return false, err
	}
	mfi, err := os.Lstat(filepath.Join(dir, Marker))
	return err == nil && mfi.Mode().IsRegular(), nil
}

// realParent resolves symbolic links in the longest existing prefix of p.
func realParent(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	dir, base := filepath.Split(p)
	dir = filepath.Clean(dir)
	if dir == p {
		return p
	}
	return filepath.Join(realParent(dir), base)
}

// within reports whether p is strictly inside dir.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Begin starts writing a site that will replace the folder out, which
// CheckOut must have accepted.
func Begin(out string) (*Dir, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".building-")
	if err != nil {
		return nil, fmt.Errorf("create temporary folder beside %s: %w", out, err)
	}
	// MkdirTemp makes the folder 0700; a published site is readable by all.
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	root, err := os.OpenRoot(tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	d := &Dir{out: out, tmp: tmp, root: root, made: map[string]bool{".": true}}
	if err := d.WriteFile(Marker, []byte(markerText)); err != nil {
		d.Abort()
		return nil, err
	}
	return d, nil
}

// WriteFile writes one file of the site. It is safe for concurrent use.
func (d *Dir) WriteFile(name string, data []byte) error {
	if !isLocal(name) {
		return fmt.Errorf("write %q: not a path inside the site", name)
	}
	if err := d.mkdir(path.Dir(name)); err != nil {
		return err
	}
	r, rel, err := d.near(name, 2)
	if err != nil {
		return err
	}
	f, err := r.OpenFile(rel, create, 0o644)
	if err == nil {
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// Create opens one file of the site for writing, buffered; Close flushes
// and closes it. It is safe for concurrent use.
func (d *Dir) Create(name string) (io.WriteCloser, error) {
	if !isLocal(name) {
		return nil, fmt.Errorf("write %q: not a path inside the site", name)
	}
	if err := d.mkdir(path.Dir(name)); err != nil {
		return nil, err
	}
	r, rel, err := d.near(name, 2)
	if err != nil {
		return nil, err
	}
	f, err := r.OpenFile(rel, create, 0o644)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", name, err)
	}
	w := getWriter()
	w.Reset(f)
	return &file{f: f, w: w, name: name}, nil
}

// create is how a file of the site is opened (nonBlock: fewer system
// calls).
const create = os.O_WRONLY | os.O_CREATE | os.O_TRUNC | nonBlock

// writers are the buffers files are written through, reused from file to
// file. A fixed free list rather than a sync.Pool, which the garbage
// collector empties: a large build collects often, and made a new 32 KB
// buffer for one file in seven.
var writers = make(chan *bufio.Writer, 16)

func getWriter() *bufio.Writer {
	select {
	case w := <-writers:
		return w
	default:
		return bufio.NewWriterSize(nil, 32<<10)
	}
}

func putWriter(w *bufio.Writer) {
	w.Reset(nil)
	select {
	case writers <- w:
	default:
	}
}

// file is a site file being written through a buffer.
type file struct {
	f    *os.File
	w    *bufio.Writer
	name string
}

func (f *file) Write(p []byte) (int, error) { return f.w.Write(p) }

func (f *file) Close() error {
	err := f.w.Flush()
	putWriter(f.w)
	if cerr := f.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", f.name, err)
	}
	return nil
}

func isLocal(name string) bool {
	return name != "" && filepath.IsLocal(filepath.FromSlash(name)) && !strings.Contains(name, "\\")
}

// mkdir creates dir, a slash-separated folder of the site, and any missing
// parents, with one system call for each folder not made before.
func (d *Dir) mkdir(dir string) error {
	d.mu.Lock()
	done := d.made[dir]
	d.mu.Unlock()
	if done {
		return nil
	}
	if parent := path.Dir(dir); parent != dir {
		if err := d.mkdir(parent); err != nil {
			return err
		}
	}
	r, rel, err := d.near(dir, 1)
	if err != nil {
		return err
	}
	if err := r.Mkdir(rel, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	d.mu.Lock()
	d.made[dir] = true
	d.mu.Unlock()
	return nil
}

// near returns the root to reach name through, already created, and
// name's path from it: the root of the folder up levels above it (a
// file's folder's folder, which holds thousands of pages' folders; a
// folder's own).
func (d *Dir) near(name string, up int) (*os.Root, string, error) {
	dir := name
	for range up {
		dir = path.Dir(dir)
	}
	if dir == "." {
		return d.root, name, nil
	}
	rel := name[len(dir)+1:]
	d.mu.Lock()
	defer d.mu.Unlock()
	if r := d.subs[dir]; r != nil {
		return r, rel, nil
	}
	if len(d.subs) >= maxRoots {
		return d.root, name, nil
	}
	r, err := d.root.OpenRoot(dir)
	if err != nil {
		return nil, "", fmt.Errorf("open %s: %w", dir, err)
	}
	if d.subs == nil {
		d.subs = map[string]*os.Root{}
	}
	d.subs[dir] = r
	return r, rel, nil
}

// maxRoots is how many folders' roots a Dir keeps open at most: a site's
// sections and the few pages with pages of their own below them. Beyond
// it, files are reached from the top, so that a playbook of thousands of
// such records cannot use up the process's open files.
const maxRoots = 64

// close releases the temporary folder and the roots opened in it.
func (d *Dir) close() {
	d.mu.Lock()
	for _, r := range d.subs {
		r.Close()
	}
	d.subs = nil
	d.mu.Unlock()
	d.root.Close()
}

// Commit replaces the output folder with the site written so far.
func (d *Dir) Commit() error {
	d.close()
	old := ""
	if _, err := os.Lstat(d.out); err == nil {
		old = d.tmp + ".old"
		if err := os.Rename(d.out, old); err != nil {
			d.Abort()
			return fmt.Errorf("move the previous site aside: %w", err)
		}
	}
	if err := os.Rename(d.tmp, d.out); err != nil {
		if old != "" {
			if rerr := os.Rename(old, d.out); rerr != nil {
				err = errors.Join(err, fmt.Errorf("restore the previous site from %s: %w", old, rerr))
			}
		}
		d.Abort()
		return fmt.Errorf("move the new site into %s: %w", d.out, err)
	}
	if old != "" {
		if err := removeAll(old); err != nil {
			return fmt.Errorf("remove the previous site at %s: %w", old, err)
		}
	}
	return nil
}

// removeAll removes the folder dir and everything in it, through an
// os.Root of dir so that nothing outside it can be reached and no symbolic
// link is followed, with one worker per core: a site of 10,000 guides is
// 10,000 folders, and removing it one file at a time took as long as
// rendering a tenth of it.
func removeAll(dir string) error {
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return os.Remove(dir) // a link or a file: remove it, not what it names
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	// The entries of dir, and of each folder in it, are shared among the
	// workers (package work), each folder's through a root of its own, so
	// that removing guides/ID/index.html does not open guides/ first.
	var tasks []func() error
	remove := func(r *os.Root, p string, isDir bool) {
		tasks = append(tasks, func() error { return removeTree(r, p, isDir) })
	}
	top, err := readDir(root, ".")
	if err != nil {
		root.Close()
		return err
	}
	var subs []*os.Root
	for _, e := range top {
		if !e.IsDir() {
			remove(root, e.Name(), false)
			continue
		}
		if len(subs) >= maxRoots {
			remove(root, e.Name(), true)
			continue
		}
		sub, err := root.OpenRoot(e.Name())
		if err != nil {
			remove(root, e.Name(), true)
			continue
		}
		subs = append(subs, sub)
		entries, err := readDir(sub, ".")
		if err != nil {
			remove(root, e.Name(), true)
			continue
		}
		for _, s := range entries {
			remove(sub, s.Name(), s.IsDir())
		}
	}
	var g errgroup.Group
	work.Start(&g, tasks)
	err = g.Wait()
	for _, sub := range subs {
		sub.Close()
	}
	// Folders emptied by the workers, then dir itself.
	for _, e := range top {
		if err != nil {
			break
		}
		err = root.RemoveAll(e.Name())
	}
	root.Close()
	if err == nil {
		err = os.Remove(dir)
	}
	if errors.Is(err, fs.ErrNotExist) {
		err = nil
	}
	return err
}

// readDir lists the folder name of root.
func readDir(root *os.Root, name string) ([]fs.DirEntry, error) {
	f, err := root.OpenFile(name, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.ReadDir(-1)
}

// removeTree removes the file or folder p of root. Knowing which it is
// (from the folder listing) spares the system calls RemoveAll makes to
// find out; whatever this cannot remove is left to RemoveAll.
func removeTree(root *os.Root, p string, isDir bool) error {
	if !isDir {
		if err := root.Remove(p); err == nil || errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return root.RemoveAll(p)
	}
	entries, err := readDir(root, p)
	if err != nil {
		return root.RemoveAll(p)
	}
	for _, e := range entries {
		if err := removeTree(root, path.Join(p, e.Name()), e.IsDir()); err != nil {
			return err
		}
	}
	if err := root.Remove(p); err == nil {
		return nil
	}
	return root.RemoveAll(p)
}

// Abort throws away everything written, leaving the output folder as it was.
func (d *Dir) Abort() {
	d.close()
	removeAll(d.tmp)
}
