package serve

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// How long the files must be quiet before a rebuild, and the longest a
// rebuild waits while they keep changing.
const (
	quiet   = 30 * time.Millisecond
	maxWait = 300 * time.Millisecond
)

// watcher watches every folder of a playbook and sends one value on
// batches for each burst of changes; take then returns the files changed.
type watcher struct {
	root    string
	fs      *fsnotify.Watcher
	mu      sync.Mutex
	changed map[string]bool // paths relative to the root, since the last take
	batches chan struct{}
	errors  chan error
	stop    chan struct{}
	stopped chan struct{}
}

func newWatcher(root string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{
		root: filepath.Clean(root), fs: fw, changed: map[string]bool{},
		batches: make(chan struct{}, 1), errors: make(chan error, 1),
		stop: make(chan struct{}), stopped: make(chan struct{}),
	}
	if err := w.sync(); err != nil {
		fw.Close()
		return nil, err
	}
	go w.loop()
	return w, nil
}

// take returns the paths changed since it was last called, relative to the
// playbook's root with forward slashes, sorted.
func (w *watcher) take() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	paths := make([]string, 0, len(w.changed))
	for p := range w.changed {
		paths = append(paths, p)
	}
	clear(w.changed)
	slices.Sort(paths)
	return paths
}

func (w *watcher) close() {
	close(w.stop)
	<-w.stopped
	w.fs.Close()
}

// ignored reports whether a path is not the playbook's: hidden files and
// folders (.git, editors' swap files), the build's output folder, and the
// backup and temporary files editors leave beside the files they save.
func (w *watcher) ignored(p string) bool {
	rel, err := filepath.Rel(w.root, p)
	if err != nil || rel == "." {
		return false
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	if parts[0] == "public" || parts[0] == "node_modules" {
		return true
	}
	for _, part := range parts {
		if strings.HasPrefix(part, ".") && part != "." {
			return true
		}
	}
	name := parts[len(parts)-1]
	return strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".tmp") || name == "4913"
}

// sync watches every folder under the root, and only those, so new,
// moved and renamed folders are followed. It starts afresh each time:
// after a rename a path may name another folder than the one first watched
// under it, and inotify keeps one watch per folder whatever its path. A
// change made while it runs is not lost: the rebuild that follows reads
// the files as they are then.
func (w *watcher) sync() error {
	for _, p := range w.fs.WatchList() {
		w.fs.Remove(p)
	}
	return filepath.WalkDir(w.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == w.root {
				return err
			}
			return nil // vanished while walking: the next sync sees it
		}
		if !d.IsDir() {
			return nil
		}
		if w.ignored(p) {
			return filepath.SkipDir
		}
		w.fs.Add(p)
		return nil
	})
}

func (w *watcher) loop() {
	defer close(w.stopped)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var first time.Time
	pending := false
	for {
		select {
		case <-w.stop:
			return
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			select {
			case w.errors <- err:
			default:
			}
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if w.ignored(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					w.sync() // watch it before files appear in it
				}
			}
			if rel, err := filepath.Rel(w.root, ev.Name); err == nil {
				w.mu.Lock()
				w.changed[filepath.ToSlash(rel)] = true
				w.mu.Unlock()
			}
			now := time.Now()
			if !pending {
				pending, first = true, now
			}
			timer.Reset(min(quiet, maxWait-now.Sub(first)))
		case <-timer.C:
			pending = false
			w.sync()
			select {
			case w.batches <- struct{}{}:
			default: // a rebuild is already due; it will see these changes too
			}
		}
	}
}
