// Package write is the last stage of the build: it puts the rendered site
// on disk all at once or not at all.
//
// A build writes into a new temporary folder beside the output folder.
// Only when every page has been written does Commit swap it in: the old
// output is renamed aside, the new one renamed into place, and the old one
// removed. A build that fails (bad content, a template error, a full disk)
// calls Abort, which removes the temporary folder and leaves the previous
// site exactly as it was.
package write

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/sync/errgroup"

	"github.com/playbook-edu/playbook/internal/work"
)

// Dir is a site being written to disk.
type Dir struct {
	out, tmp string
	mu       sync.Mutex
	made     map[string]bool // folders already created under tmp
}

// CheckOut reports an output folder that must not be used for the playbook
// at src: the playbook itself, a folder that contains it, or a folder inside
// its content, data or themes. Both paths may be relative.
func CheckOut(src, out string) error {
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
	absOut = realParent(absOut)
	switch {
	case absOut == absSrc:
		return fmt.Errorf("output folder %s is the playbook itself; building there would replace its files", out)
	case within(absSrc, absOut):
		return fmt.Errorf("output folder %s contains the playbook; building there would replace its files", out)
	}
	for _, dir := range []string{"content", "data", "themes", ".git"} {
		if d := filepath.Join(absSrc, dir); absOut == d || within(absOut, d) {
			return fmt.Errorf("output folder %s is inside the playbook's %s folder; choose a folder such as public", out, dir)
		}
	}
	return nil
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

// Begin starts writing a site that will replace the folder out.
func Begin(out string) (*Dir, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	if fi, err := os.Stat(out); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("output %s exists and is not a folder", out)
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
	return &Dir{out: out, tmp: tmp, made: map[string]bool{tmp: true}}, nil
}

// WriteFile writes one file of the site. It is safe for concurrent use.
func (d *Dir) WriteFile(name string, data []byte) error {
	if !isLocal(name) {
		return fmt.Errorf("write %q: not a path inside the site", name)
	}
	p := filepath.Join(d.tmp, filepath.FromSlash(name))
	if err := d.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
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
	p := filepath.Join(d.tmp, filepath.FromSlash(name))
	if err := d.mkdir(filepath.Dir(p)); err != nil {
		return nil, err
	}
	f, err := os.Create(p)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", name, err)
	}
	w := getWriter()
	w.Reset(f)
	return &file{f: f, w: w, name: name}, nil
}

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

// mkdir creates dir and any missing parents under the temporary folder,
// with one system call for each folder not made before.
func (d *Dir) mkdir(dir string) error {
	d.mu.Lock()
	done := d.made[dir]
	d.mu.Unlock()
	if done {
		return nil
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := d.mkdir(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	d.mu.Lock()
	d.made[dir] = true
	d.mu.Unlock()
	return nil
}

// Commit replaces the output folder with the site written so far.
func (d *Dir) Commit() error {
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

// removeAll removes dir and everything in it, like os.RemoveAll, with one
// worker per core: a site of 10,000 guides is 10,000 folders, and removing
// it one file at a time took as long as rendering a tenth of it.
func removeAll(dir string) error {
	// The entries of dir, and of each folder in it, are shared among the
	// workers (package work).
	var tasks []func() error
	remove := func(p string, dir bool) {
		tasks = append(tasks, func() error { return removeTree(p, dir) })
	}
	top, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	for _, e := range top {
		p := filepath.Join(dir, e.Name())
		if !e.IsDir() {
			remove(p, false)
			continue
		}
		sub, err := os.ReadDir(p)
		if err != nil {
			remove(p, true)
			continue
		}
		for _, s := range sub {
			remove(filepath.Join(p, s.Name()), s.IsDir())
		}
	}
	var g errgroup.Group
	work.Start(&g, tasks)
	if err := g.Wait(); err != nil {
		return err
	}
	return os.RemoveAll(dir)
}

// removeTree removes the file or folder at p. Knowing which it is (from
// the folder listing) spares the system calls os.RemoveAll makes to find
// out; whatever this cannot remove is left to os.RemoveAll.
func removeTree(p string, dir bool) error {
	if !dir {
		if err := os.Remove(p); err == nil || errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return os.RemoveAll(p)
	}
	entries, err := os.ReadDir(p)
	if err != nil {
		return os.RemoveAll(p)
	}
	for _, e := range entries {
		if err := removeTree(filepath.Join(p, e.Name()), e.IsDir()); err != nil {
			return err
		}
	}
	if err := syscall.Rmdir(p); err == nil {
		return nil
	}
	return os.RemoveAll(p)
}

// Abort throws away everything written, leaving the output folder as it was.
func (d *Dir) Abort() {
	os.RemoveAll(d.tmp)
}
