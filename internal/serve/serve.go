// Package serve is the dev server behind `playbook serve`: it builds the
// playbook into memory, serves it on the local machine, watches the files
// and pushes every change to the open pages.
//
// # Building
//
// The server runs the same pipeline as `playbook build`, into memory, and
// keeps what it can between rebuilds: the load stage re-reads only the
// files whose size or modification time changed, the link stage relinks the
// whole graph (it is fast), and the render stage renders again only the
// pages whose view or template changed. Editing a guide re-renders that
// guide and the pages that show it; editing a template re-renders the pages
// that use it; editing the stylesheet renders nothing.
//
// Each rebuild renders into a copy of the site being served and replaces it
// only when the whole rebuild succeeded, so a page is never served half
// rebuilt and a broken edit leaves the last good site in place.
//
// # Watching
//
// Every folder of the playbook is watched (the playbook's root for
// playbook.yaml, and content/, data/, themes/ and any other folder below,
// save hidden ones and the output folder public/), new folders as they
// appear. Events are gathered until the files have been quiet for a moment,
// so that a `git checkout` touching two hundred files, or an editor's
// write-to-temporary-then-rename save, gives one rebuild.
//
// # Live reload
//
// Every HTML page the server sends loads /_playbook/livereload.js, which
// listens to /_playbook/events (Server-Sent Events): "reload" when pages
// changed, "css" when only stylesheets did (the page swaps them in place,
// keeping its scroll position and form state), and "errors" with the
// content's diagnostics, which the page shows over itself until the next
// good build. None of this is ever part of a built site.
//
// # Safety
//
// The server listens on 127.0.0.1 unless told otherwise, and says loudly
// when told to listen where other computers can reach it. It serves only
// the files of the built site, from memory; a path with a ".." segment is
// refused. Responses carry the site's Content-Security-Policy unchanged.
//
// It answers only requests that name it by its own address in their Host
// header: a loopback name (localhost, 127.0.0.1, [::1]) or the address it
// listens on, with its port, and, when it listens beyond loopback, this
// computer's addresses and name. Anything else gets 421 Misdirected
// Request: a web page whose name resolves to this computer (DNS
// rebinding) cannot read the playbook through it, nor listen to its
// events.
//
// A connection has 10 seconds to send its request's headers, 30 to send
// the whole request and 30 to take the response, and is closed after two
// idle minutes. The live-reload stream stays open as long as its page, its
// write deadline moved on before each event; at most 64 pages listen at
// once, and a page beyond that is told 503 and tries again later, less
// and less often.
package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/playbook-edu/playbook/internal/build"
	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/write"
)

// Options configure a Server.
type Options struct {
	Src  string    // the playbook's folder
	Addr string    // host:port to listen on; default 127.0.0.1:1313
	Log  io.Writer // where build results and diagnostics go; default os.Stderr
}

// Server is a running dev server.
type Server struct {
	opts     Options
	listener net.Listener
	base     string // the address pages are served at, as a base URL
	hosts    *hostCheck
	timeouts timeouts
	hub      *hub
	done     chan struct{}

	site atomic.Pointer[write.Memory] // the last good build

	mu      sync.Mutex // guards the fields below, held for a whole rebuild
	builder *build.Builder
	broken  bool // the last rebuild had errors
	built   bool // a build has succeeded
	version int

	// Rebuilt receives a Result after every rebuild, when not nil; tests
	// and benchmarks read it.
	Rebuilt chan Result
}

// Result is what one rebuild did.
type Result struct {
	Changed  []string          // files of the site written or removed
	Rendered int               // pages rendered
	Read     int               // source files read
	Errors   []diag.Diagnostic // the content's errors, when the rebuild failed
	Took     time.Duration
}

// New builds the playbook and starts listening; Run then serves it. The
// first build's errors do not stop the server: it serves the 404 page with
// the errors over it until they are fixed.
func New(ctx context.Context, opts Options) (*Server, error) {
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:1313"
	}
	if opts.Log == nil {
		opts.Log = os.Stderr
	}
	if _, err := os.Stat(opts.Src); err != nil {
		return nil, fmt.Errorf("playbook folder: %w", err)
	}
	ln, err := listen(opts.Addr)
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().(*net.TCPAddr)
	s := &Server{opts: opts, listener: ln, hub: newHub(), done: make(chan struct{}), timeouts: defaultTimeouts}
	host := addr.String()
	if beyondLoopback(addr) {
		warnBeyondLoopback(opts.Log, opts.Addr, addr)
		if addr.IP.IsUnspecified() {
			host = net.JoinHostPort("localhost", strconv.Itoa(addr.Port))
		}
	}
	s.base = "http://" + host + "/"
	var ifaces []net.Addr
	var hostname string
	if beyondLoopback(addr) {
		ifaces, hostname = localNetwork()
	}
	s.hosts = newHostCheck(addr, ifaces, hostname)
	s.builder = build.NewBuilder()
	s.site.Store(write.NewMemory())
	s.rebuild(ctx, nil)
	return s, nil
}

// URL returns the address the site is served at.
func (s *Server) URL() string { return s.base }

// Clients returns the number of open pages listening for changes.
func (s *Server) Clients() int { return s.hub.count() }

func (s *Server) current() *write.Memory { return s.site.Load() }

// Run serves the site and rebuilds it on every change until ctx is done.
func (s *Server) Run(ctx context.Context) error {
	w, err := newWatcher(s.opts.Src)
	if err != nil {
		s.listener.Close()
		return err
	}
	defer w.close()
	srv := httpServer(s, s.timeouts)
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(s.listener) }()

	for {
		select {
		case <-ctx.Done():
			close(s.done)
			shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			srv.Shutdown(shutdown)
			return nil
		case err := <-serveErr:
			return err
		case err := <-w.errors:
			fmt.Fprintf(s.opts.Log, "watching: %v\n", err)
		case <-w.batches:
			s.rebuild(ctx, w.take())
		}
	}
}

// rebuild builds the playbook again after the given files changed (nil
// when unknown), swaps in the new site when it is good and tells the open
// pages.
func (s *Server) rebuild(ctx context.Context, changed []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := time.Now()
	res, ok := s.buildAssets(changed)
	if !ok {
		res = s.build(ctx)
	}
	res.Took = time.Since(start)

	switch {
	case res.Errors != nil:
		s.broken = true
		diag.Print(s.opts.Log, diag.Text, res.Errors)
		n := plural(len(res.Errors), "error", "errors")
		if !s.built {
			fmt.Fprintf(s.opts.Log, "%d %s, and no good build yet: the browser shows the %s until %s fixed\n",
				len(res.Errors), n, n, plural(len(res.Errors), "it is", "they are"))
		} else {
			fmt.Fprintf(s.opts.Log, "%d %s; still serving the last good build\n", len(res.Errors), n)
		}
		s.hub.broadcast(event{name: "errors", data: diagnosticsJSON(res.Errors)})
	default:
		if s.broken {
			s.broken = false
			s.hub.broadcast(event{name: "errors", data: "[]"})
		}
		if len(res.Changed) > 0 {
			s.version++
			name := "reload"
			if onlyStylesheets(res.Changed) {
				name = "css"
			}
			s.hub.broadcast(event{name: name, data: strconv.Itoa(s.version)})
			verb := "rebuilt"
			if s.version == 1 {
				verb = "built"
			}
			fmt.Fprintf(s.opts.Log, "%s in %v: %d %s rendered, %d %s changed\n", verb,
				res.Took.Round(time.Millisecond), res.Rendered, plural(res.Rendered, "page", "pages"), len(res.Changed), plural(len(res.Changed), "file", "files"))
		}
	}
	if s.Rebuilt != nil {
		s.Rebuilt <- res
	}
}

// buildAssets copies the theme's static files into a copy of the current
// site when they are all that changed: a stylesheet edit then costs one
// file, not a rebuild. It reports false when a full build is needed.
func (s *Server) buildAssets(changed []string) (Result, bool) {
	if !s.built || s.broken || len(changed) == 0 {
		return Result{}, false
	}
	for _, p := range changed {
		parts := strings.Split(p, "/")
		if len(parts) < 4 || parts[0] != "themes" || parts[2] != "static" {
			return Result{}, false
		}
	}
	var diags diag.List
	out := s.current().Clone()
	ok, err := s.builder.RenderAssets(s.opts.Src, out, &diags)
	if err != nil || !ok || diags.HasErrors() {
		return Result{}, false
	}
	s.site.Store(out)
	return Result{Changed: s.builder.Changed}, true
}

// build runs the pipeline into a copy of the current site.
func (s *Server) build(ctx context.Context) Result {
	var diags diag.List
	failed := func(err error) Result {
		return Result{Read: s.builder.Read(), Errors: []diag.Diagnostic{{File: ".", Severity: diag.Error, Message: err.Error()}}}
	}
	lk, err := s.builder.Load(ctx, s.opts.Src, s.base, &diags)
	if err != nil {
		return failed(err)
	}
	res := Result{Read: s.builder.Read()}
	if diags.HasErrors() {
		res.Errors = errorsOnly(diags.Items())
		return res
	}
	out := s.current().Clone()
	if err := s.builder.Render(ctx, lk, out, &diags); err != nil {
		return failed(err)
	}
	if diags.HasErrors() {
		res.Errors = errorsOnly(diags.Items())
		return res
	}
	s.site.Store(out)
	s.built = true
	res.Changed, res.Rendered = s.builder.Changed, s.builder.Rendered
	return res
}

func errorsOnly(ds []diag.Diagnostic) []diag.Diagnostic {
	return slices.DeleteFunc(ds, func(d diag.Diagnostic) bool { return d.Severity != diag.Error })
}

func onlyStylesheets(files []string) bool {
	for _, f := range files {
		if !strings.HasSuffix(f, ".css") {
			return false
		}
	}
	return true
}

// diagnosticsJSON is the "errors" event's data: one line of JSON.
func diagnosticsJSON(ds []diag.Diagnostic) string {
	type item struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Col     int    `json:"col"`
		Message string `json:"message"`
		Hint    string `json:"hint,omitempty"`
	}
	items := make([]item, len(ds))
	for i, d := range ds {
		items[i] = item{filepath.ToSlash(d.File), d.Line, d.Col, d.Message, d.Hint}
	}
	data, _ := json.Marshal(items)
	return string(data)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
