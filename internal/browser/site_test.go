package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/playbook-edu/playbook/internal/build"
	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/render"
)

// storeKey is where playbook.js keeps a reader's saved work for a site
// published at the root of its domain.
const storeKey = "playbook.v1:/"

// nodeModules is where .ci/run installs the npm packages of testdata/package.json.
const nodeModules = "testdata/node_modules"

// require skips the test when a tool it needs is missing, saying how to
// install it; under CI=true it fails instead, since CI must run every test.
func require(t *testing.T, ok bool, what, install string) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing, and CI must run this test: %s (.ci/run does)", what, install)
	}
	t.Skipf("skipping: %s is missing; %s (.ci/run does), or run with CI=true to make this a failure", what, install)
}

// testSite is a playbook built once, for every test that uses it, and
// served on 127.0.0.1 with the headers a host sends.
type testSite struct {
	src     string // the playbook's folder
	baseURL string // overrides playbook.yaml's, when set
	// prepare, when set, writes the playbook into dir instead of src.
	prepare func(dir string) error

	once sync.Once
	dir  string // the built site
	url  string // where it is served, with no trailing slash
	srv  *httptest.Server
	err  error
}

// repo is this repository's playbook, which most tests use.
var repo = &testSite{src: "../.."}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, s := range []*testSite{repo, fixture, spanish} {
		if s.srv != nil {
			s.srv.Close()
		}
		if s.dir != "" {
			os.RemoveAll(filepath.Dir(s.dir))
		}
	}
	os.Exit(code)
}

// builtSite builds this repository's playbook once, for every test, and
// returns the folder it is in.
func builtSite(t *testing.T) string { return repo.built(t) }

// built builds the site once and returns the folder it is in.
func (s *testSite) built(t *testing.T) string {
	t.Helper()
	s.once.Do(func() {
		tmp, err := os.MkdirTemp("", "playbook-browser-")
		if err != nil {
			s.err = err
			return
		}
		src := s.src
		if s.prepare != nil {
			src = filepath.Join(tmp, "src")
			if s.err = s.prepare(src); s.err != nil {
				return
			}
		}
		s.dir = filepath.Join(tmp, "public")
		ds, err := build.Build(context.Background(), build.Options{Src: src, Out: s.dir, BaseURL: s.baseURL})
		if err != nil {
			s.err = err
			return
		}
		if slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return d.Severity == diag.Error }) {
			var b strings.Builder
			diag.Print(&b, diag.Text, ds)
			s.err = fmt.Errorf("the playbook does not build:\n%s", b.String())
		}
	})
	if s.err != nil {
		t.Fatal(s.err)
	}
	return s.dir
}

// serve serves this repository's built playbook and returns its address.
func serve(t *testing.T) string { return repo.serve(t) }

// serve serves the built site on 127.0.0.1, with the headers a host
// sends, and returns its address.
func (s *testSite) serve(t *testing.T) string {
	t.Helper()
	dir := s.built(t)
	if s.srv == nil {
		files := http.FileServer(http.Dir(dir))
		s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Set("Content-Security-Policy", render.ContentSecurityPolicy)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Cache-Control", "no-store")
			name := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/")))
			if _, err := os.Stat(name); err != nil {
				data, _ := os.ReadFile(filepath.Join(dir, "404.html"))
				h.Set("Content-Type", "text/html; charset=utf-8")
				w.WriteHeader(http.StatusNotFound)
				w.Write(data)
				return
			}
			files.ServeHTTP(w, r)
		}))
		s.url = s.srv.URL
	}
	return s.url
}

// pages returns the site path of every HTML page of this repository's
// built playbook, sorted.
func pages(t *testing.T) []string { return repo.pages(t) }

// pages returns the site path of every HTML page of the built site, sorted.
func (s *testSite) pages(t *testing.T) []string {
	t.Helper()
	dir := s.built(t)
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = "/" + filepath.ToSlash(rel)
		out = append(out, strings.TrimSuffix(rel, "index.html"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// newTab starts Chromium with a new, empty profile and returns a tab in
// it, closed when the test ends. Uncaught script errors and errors the
// browser logs (a Content-Security-Policy violation, a failed request) fail
// the test.
func newTab(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(ChromiumPath(t)),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses to run as root with its sandbox
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 4*time.Minute)
	if err := chromedp.Do(ctx); err != nil { // start the browser
		cancelTime()
		cancelTab()
		cancelAlloc()
		t.Fatalf("starting Chromium: %v", err)
	}
	var mu sync.Mutex
	var problems []string
	console := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range console {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == "error" {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		cancelTime()
		cancelTab()
		cancelAlloc()
		<-done
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Errorf("the browser reported: %s", p)
		}
	})
	return ctx
}

// open loads the page at site path p of this repository's playbook and
// waits for it to load.
func open(t *testing.T, ctx context.Context, p string) { repo.open(t, ctx, p) }

// open loads the page at site path p and waits for it to load.
func (s *testSite) open(t *testing.T, ctx context.Context, p string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(s.serve(t)+p)); err != nil {
		t.Fatalf("opening %s: %v", p, err)
	}
}

// reload reloads the page and waits for it to load.
func reload(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatalf("reloading: %v", err)
	}
}

// eval evaluates a script in the page and returns its result.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// do runs actions on the tab.
func do(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// firstLink returns the address of the first card link on the index at
// site path p: the first checklist, form or role, whatever the content.
func firstLink(t *testing.T, ctx context.Context, p string) string {
	t.Helper()
	open(t, ctx, p)
	href := eval[string](t, ctx, `document.querySelector("main .cards a").getAttribute("href")`)
	if href == "" {
		t.Fatalf("%s lists nothing", p)
	}
	return href
}

// store returns what playbook.js saved, decoded.
func store(t *testing.T, ctx context.Context) map[string]any {
	t.Helper()
	raw := eval[string](t, ctx, `localStorage.getItem(`+quote(storeKey)+`) || "{}"`)
	var s map[string]any
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		t.Fatalf("the saved work is not JSON: %v\n%s", err, raw)
	}
	return s
}

// quote returns s as a JavaScript string literal.
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// text returns the trimmed text of the first element matching sel.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return eval[string](t, ctx, `(document.querySelector(`+quote(sel)+`) || {textContent: "<no `+strings.ReplaceAll(sel, `"`, `'`)+`>"}).textContent.replace(/\s+/g, " ").trim()`)
}

// waitFor polls a script until it returns true, for up to five seconds.
func waitFor(t *testing.T, ctx context.Context, js, what string) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](js)); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}
