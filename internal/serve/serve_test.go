package serve

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// testServer is a dev server running on a copy of the golden playbook.
type testServer struct {
	*Server
	t   *testing.T
	src string
	log *logBuffer // what the server printed
}

// logBuffer is a log that tests read while the server writes to it.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServer starts a server on a copy of the golden playbook, which
// setup may change first; configure may change the server before it runs.
func startServer(t *testing.T, setup func(src string), configure ...func(*Server)) *testServer {
	t.Helper()
	src := filepath.Join(t.TempDir(), "playbook")
	if err := os.CopyFS(src, os.DirFS("../../testdata/golden/src")); err != nil {
		t.Fatal(err)
	}
	if setup != nil {
		setup(src)
	}
	ctx, cancel := context.WithCancel(context.Background())
	log := &logBuffer{}
	s, err := New(ctx, Options{Src: src, Addr: "127.0.0.1:0", Log: log})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range configure {
		c(s)
	}
	s.Rebuilt = make(chan Result, 64)
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	return &testServer{Server: s, t: t, src: src, log: log}
}

// write replaces a file of the playbook, creating its folder.
func (s *testServer) write(name, text string) {
	s.t.Helper()
	p := filepath.Join(s.src, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

func (s *testServer) read(name string) string {
	data, err := os.ReadFile(filepath.Join(s.src, name))
	if err != nil {
		s.t.Fatal(err)
	}
	return string(data)
}

// get fetches a page and returns its status and body.
func (s *testServer) get(p string) (int, string) {
	s.t.Helper()
	resp, err := http.Get(strings.TrimSuffix(s.URL(), "/") + p)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// rebuilt waits for the next rebuild that changed the site or failed,
// skipping rebuilds that found nothing to do.
func (s *testServer) rebuilt() Result {
	s.t.Helper()
	for {
		select {
		case r := <-s.Rebuilt:
			if len(r.Changed) > 0 || r.Errors != nil {
				return r
			}
		case <-time.After(20 * time.Second):
			s.t.Fatal("no rebuild after the change")
		}
	}
}

// events is an open page's event stream.
type events struct {
	t  *testing.T
	ch chan event
}

func (s *testServer) listen() *events {
	s.t.Helper()
	resp, err := http.Get(s.URL() + "_playbook/events")
	if err != nil {
		s.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		s.t.Fatalf("events served as %q", ct)
	}
	e := &events{t: s.t, ch: make(chan event, 100)}
	s.t.Cleanup(func() { resp.Body.Close() })
	go func() {
		defer close(e.ch)
		sc := bufio.NewScanner(resp.Body)
		var cur event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				cur.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				cur.data = strings.TrimPrefix(line, "data: ")
			case line == "" && cur.name != "":
				e.ch <- cur
				cur = event{}
			}
		}
	}()
	// Every page is first told the current errors.
	if first := e.next(); first.name != "errors" {
		s.t.Fatalf("first event %v, want the current errors", first)
	}
	return e
}

func (e *events) next() event {
	e.t.Helper()
	select {
	case ev, ok := <-e.ch:
		if !ok {
			e.t.Fatal("event stream closed")
		}
		return ev
	case <-time.After(20 * time.Second):
		e.t.Fatal("no event")
	}
	return event{}
}

// none checks no event arrives while the files stay quiet for a while.
func (e *events) none() {
	e.t.Helper()
	select {
	case ev := <-e.ch:
		e.t.Errorf("unexpected event %v", ev)
	case <-time.After(4 * quiet):
	}
}

func TestGuideEditReloadsOnceAndRendersOnePage(t *testing.T) {
	s := startServer(t, nil)
	page := s.listen()
	s.write("content/guides/alpha.md", strings.Replace(s.read("content/guides/alpha.md"), "Alpha is where it starts.", "Alpha starts here, edited.", 1))
	res := s.rebuilt()
	if ev := page.next(); ev.name != "reload" {
		t.Fatalf("event %v, want reload", ev)
	}
	page.none()
	// The guide's page alone: /print/ and the data files are made when
	// asked for (see later), and then show the edit too.
	if res.Rendered != 1 || res.Read != 1 || strings.Join(res.Changed, " ") != "guides/alpha/index.html" {
		t.Errorf("a body edit rendered %d pages from %d files, changing %v; want the guide's page alone", res.Rendered, res.Read, res.Changed)
	}
	for _, p := range []string{"/print/", "/playbook.json"} {
		if _, body := s.get(p); !strings.Contains(body, "Alpha starts here, edited.") {
			t.Errorf("%s does not show the edit", p)
		}
	}
	if code, body := s.get("/search/index.json"); code != 200 || !strings.Contains(body, `"edit"`) {
		t.Errorf("/search/index.json (%d) does not index the edit", code)
	}
	if _, body := s.get("/guides/alpha/"); !strings.Contains(body, "Alpha starts here, edited.") {
		t.Error("the edited guide is not served")
	}
}

func TestTitleEditRendersThePagesThatShowIt(t *testing.T) {
	s := startServer(t, nil)
	page := s.listen()
	s.write("content/guides/beta.md", strings.Replace(s.read("content/guides/beta.md"), "title: Beta practice", "title: Beta, renamed", 1))
	res := s.rebuilt()
	page.next()
	want := []string{
		"guides/alpha/index.html",         // pathway's next step
		"guides/beta/index.html",          // the guide itself
		"guides/index.html",               // the index of guides
		"index.html",                      // "start here" for students
		"roles/index.html",                // "start here" for students
		"roles/student/index.html",        // pathway
		"roles/teacher/index.html",        // pathway
		"stories/second-story/index.html", // practices at work
		"systems/twps/index.html",         // guides that serve it
	}
	if strings.Join(res.Changed, "\n") != strings.Join(want, "\n") {
		t.Errorf("a title edit changed\n%s\nwant\n%s", strings.Join(res.Changed, "\n"), strings.Join(want, "\n"))
	}
	if res.Rendered != len(want) {
		t.Errorf("rendered %d pages, want %d", res.Rendered, len(want))
	}
	if _, body := s.get("/roles/teacher/"); !strings.Contains(body, "Beta, renamed") {
		t.Error("the role's pathway does not show the new title")
	}
}

func TestNewAndDeletedGuide(t *testing.T) {
	s := startServer(t, nil)
	page := s.listen()
	s.write("content/guides/gamma.md", "---\ntitle: Gamma practice\nsummary: The third.\nroles: [teacher]\n---\nLinks to [alpha](alpha.md).\n")
	s.rebuilt()
	if ev := page.next(); ev.name != "reload" {
		t.Fatalf("event %v, want reload", ev)
	}
	page.none()
	if code, body := s.get("/guides/gamma/"); code != 200 || !strings.Contains(body, "Gamma practice") {
		t.Fatalf("new guide: %d", code)
	}
	if _, body := s.get("/guides/alpha/"); !strings.Contains(body, "Gamma practice") {
		t.Error("the new guide is not among alpha's backlinks")
	}

	if err := os.Remove(filepath.Join(s.src, "content/guides/gamma.md")); err != nil {
		t.Fatal(err)
	}
	res := s.rebuilt()
	if ev := page.next(); ev.name != "reload" {
		t.Fatalf("event %v, want reload", ev)
	}
	page.none()
	if code, _ := s.get("/guides/gamma/"); code != 404 {
		t.Errorf("deleted guide answers %d, want 404", code)
	}
	if !contains(res.Changed, "guides/gamma/index.html") {
		t.Errorf("the deleted guide's page is not among the changes %v", res.Changed)
	}
}

func TestAtomicSaveAndBurst(t *testing.T) {
	s := startServer(t, nil)
	page := s.listen()

	// An editor's save: write a temporary file, then rename it over the guide.
	tmp := filepath.Join(s.src, "content/guides/.alpha.md.tmp123")
	os.WriteFile(tmp, []byte(strings.Replace(s.read("content/guides/alpha.md"), "Alpha is where it starts.", "Saved atomically.", 1)), 0o644)
	if err := os.Rename(tmp, filepath.Join(s.src, "content/guides/alpha.md")); err != nil {
		t.Fatal(err)
	}
	s.rebuilt()
	if ev := page.next(); ev.name != "reload" {
		t.Fatalf("event %v, want reload", ev)
	}
	page.none()
	if _, body := s.get("/guides/alpha/"); !strings.Contains(body, "Saved atomically.") {
		t.Error("the renamed-over guide is not served")
	}

	// A checkout writing many files at once gives one rebuild. The files
	// are written beside the playbook and renamed in, so that the burst
	// stays a burst on a slow machine under the race detector.
	staging := filepath.Join(filepath.Dir(s.src), "staging")
	if err := os.Mkdir(staging, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		name := fmt.Sprintf("burst-%03d.md", i)
		if err := os.WriteFile(filepath.Join(staging, name), fmt.Appendf(nil, "---\ntitle: Burst %d\nsummary: S.\n---\nBody.\n", i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 200 {
		name := fmt.Sprintf("burst-%03d.md", i)
		if err := os.Rename(filepath.Join(staging, name), filepath.Join(s.src, "content/guides", name)); err != nil {
			t.Fatal(err)
		}
	}
	res := s.rebuilt()
	if ev := page.next(); ev.name != "reload" {
		t.Fatalf("event %v, want reload", ev)
	}
	page.none()
	if res.Read != 200 {
		t.Errorf("the burst's rebuild read %d files, want all 200 at once", res.Read)
	}
}

func TestRenamedThemeFolder(t *testing.T) {
	s := startServer(t, func(src string) {
		os.MkdirAll(filepath.Join(src, "themes/mine/layouts/partials"), 0o755)
		os.WriteFile(filepath.Join(src, "themes/mine/layouts/partials/footer.html"), []byte(`<footer>Footer A</footer>`), 0o644)
		os.MkdirAll(filepath.Join(src, "themes/draft/layouts/partials"), 0o755)
		os.WriteFile(filepath.Join(src, "themes/draft/layouts/partials/footer.html"), []byte(`<footer>Footer B</footer>`), 0o644)
		cfg := filepath.Join(src, "playbook.yaml")
		data, _ := os.ReadFile(cfg)
		os.WriteFile(cfg, append(data, "theme: mine\n"...), 0o644)
	})
	page := s.listen()
	if _, body := s.get("/"); !strings.Contains(body, "Footer A") {
		t.Fatal("the theme's footer is not used")
	}
	if err := os.Rename(filepath.Join(s.src, "themes/mine"), filepath.Join(s.src, "themes/old")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(s.src, "themes/draft"), filepath.Join(s.src, "themes/mine")); err != nil {
		t.Fatal(err)
	}
	s.rebuilt()
	if ev := page.next(); ev.name != "reload" {
		t.Fatalf("event %v, want reload", ev)
	}
	page.none()
	if _, body := s.get("/"); !strings.Contains(body, "Footer B") {
		t.Fatal("the renamed folder's footer is not served")
	}
	// The folder is watched under its new name.
	s.write("themes/mine/layouts/partials/footer.html", `<footer>Footer C</footer>`)
	s.rebuilt()
	page.next()
	if _, body := s.get("/guides/beta/"); !strings.Contains(body, "Footer C") {
		t.Fatal("an edit inside the renamed folder is not served")
	}
}

func TestTemplateEditRendersItsPages(t *testing.T) {
	s := startServer(t, func(src string) {
		os.MkdirAll(filepath.Join(src, "themes/mine/layouts"), 0o755)
		data, _ := os.ReadFile("../../themes/default/layouts/guide.html")
		os.WriteFile(filepath.Join(src, "themes/mine/layouts/guide.html"), data, 0o644)
		cfg := filepath.Join(src, "playbook.yaml")
		cd, _ := os.ReadFile(cfg)
		os.WriteFile(cfg, append(cd, "theme: mine\n"...), 0o644)
	})
	page := s.listen()
	old := s.read("themes/mine/layouts/guide.html")
	edited := strings.Replace(old, `<div class="guide-text">`, `<p>Template edited.</p><div class="guide-text">`, 1)
	if edited == old {
		t.Fatal("the default guide template has no <div class=\"guide-text\"> to edit")
	}
	s.write("themes/mine/layouts/guide.html", edited)
	res := s.rebuilt()
	if ev := page.next(); ev.name != "reload" {
		t.Fatalf("event %v, want reload", ev)
	}
	page.none()
	if strings.Join(res.Changed, " ") != "guides/alpha/index.html guides/beta/index.html" {
		t.Errorf("a guide template edit changed %v; want the two guide pages", res.Changed)
	}
	if _, body := s.get("/guides/beta/"); !strings.Contains(body, "Template edited.") {
		t.Error("the edited template is not used")
	}
}

func TestStylesheetEditSwapsStylesheet(t *testing.T) {
	s := startServer(t, func(src string) {
		os.MkdirAll(filepath.Join(src, "themes/mine/static/assets"), 0o755)
		data, _ := os.ReadFile("../../themes/default/static/assets/playbook.css")
		os.WriteFile(filepath.Join(src, "themes/mine/static/assets/playbook.css"), data, 0o644)
		cfg := filepath.Join(src, "playbook.yaml")
		cd, _ := os.ReadFile(cfg)
		os.WriteFile(cfg, append(cd, "theme: mine\n"...), 0o644)
	})
	page := s.listen()
	s.write("themes/mine/static/assets/playbook.css", s.read("themes/mine/static/assets/playbook.css")+"\nbody { letter-spacing: 0.01em; }\n")
	res := s.rebuilt()
	if ev := page.next(); ev.name != "css" {
		t.Fatalf("event %v, want css", ev)
	}
	page.none()
	if res.Rendered != 0 || strings.Join(res.Changed, " ") != "assets/playbook.css" {
		t.Errorf("a stylesheet edit rendered %d pages and changed %v", res.Rendered, res.Changed)
	}
	if _, css := s.get("/assets/playbook.css"); !strings.Contains(css, "letter-spacing: 0.01em") {
		t.Error("the new stylesheet is not served")
	}
}

func TestBrokenEditKeepsLastGoodSite(t *testing.T) {
	s := startServer(t, nil)
	page := s.listen()
	good := s.read("content/guides/beta.md")
	s.write("content/guides/beta.md", strings.Replace(good, "roles: [teacher, student]", "roles: [teachr, student]", 1))
	res := s.rebuilt()
	if len(res.Errors) != 1 {
		t.Fatalf("errors %v", res.Errors)
	}
	ev := page.next()
	want := `[{"file":"content/guides/beta.md","line":4,"col":9,"message":"unknown role \"teachr\" (did you mean \"teacher\"?)","hint":"roles are defined in data/roles.yaml"}]`
	if ev.name != "errors" || ev.data != want {
		t.Fatalf("event %v, want the errors %s", ev, want)
	}
	page.none()
	if code, body := s.get("/guides/beta/"); code != 200 || !strings.Contains(body, "Beta practice") {
		t.Error("the last good page is not served while the content is broken")
	}
	if !strings.Contains(s.log.String(), "1 error; still serving the last good build") {
		t.Errorf("a broken edit is announced as\n%s", s.log.String())
	}
	// A page opened now is told the errors at once.
	if late := s.listenRaw(); late.name != "errors" || late.data != want {
		t.Errorf("a page opened while broken got %v", late)
	}

	s.write("content/guides/beta.md", strings.Replace(good, "The second practice.", "The second practice, fixed.", 1))
	s.rebuilt()
	if ev := page.next(); ev.name != "errors" || ev.data != "[]" {
		t.Fatalf("event %v, want the errors cleared", ev)
	}
	if ev := page.next(); ev.name != "reload" {
		t.Fatalf("event %v, want reload", ev)
	}
	if _, body := s.get("/guides/beta/"); !strings.Contains(body, "fixed.") {
		t.Error("the fixed page is not served")
	}
}

// listenRaw opens an event stream and returns its first event.
func (s *testServer) listenRaw() event {
	resp, err := http.Get(s.URL() + "_playbook/events")
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	var ev event
	for sc.Scan() {
		line := sc.Text()
		if name, ok := strings.CutPrefix(line, "event: "); ok {
			ev.name = name
		} else if data, ok := strings.CutPrefix(line, "data: "); ok {
			ev.data = data
			return ev
		}
	}
	return ev
}

func TestFiftyClientsGetEveryReload(t *testing.T) {
	s := startServer(t, nil)
	pages := make([]*events, 50)
	for i := range pages {
		pages[i] = s.listen()
	}
	if n := s.Clients(); n != 50 {
		t.Fatalf("%d clients registered", n)
	}
	for round := range 3 {
		s.write("content/guides/alpha.md", strings.Replace(s.read("content/guides/alpha.md"), "Alpha", fmt.Sprintf("Alpha%d", round), 1))
		s.rebuilt()
		var wg sync.WaitGroup
		for i, p := range pages {
			wg.Add(1)
			go func() {
				defer wg.Done()
				select {
				case ev := <-p.ch:
					if ev.name != "reload" {
						t.Errorf("round %d, client %d: event %v", round, i, ev)
					}
				case <-time.After(20 * time.Second):
					t.Errorf("round %d, client %d: no reload", round, i)
				}
			}()
		}
		wg.Wait()
	}
}

func TestPathsOutsideTheSiteAre404(t *testing.T) {
	s := startServer(t, nil)
	for _, p := range []string{
		"/../../../../etc/passwd",
		"/..%2f..%2f..%2fetc%2fpasswd",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/guides/..%2f..%2f..%2fetc/passwd",
		"/guides/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
		"//etc/passwd",
		"/etc/passwd",
		"/C:/Windows/win.ini",
		"/..\\..\\etc\\passwd",
		"/playbook.yaml",
		"/content/guides/alpha.md",
		"/guides/alpha/index.html%00.css",
	} {
		status, body := rawGet(t, s.listener.Addr().String(), p)
		if status != 404 {
			t.Errorf("GET %s answered %d", p, status)
		}
		if strings.Contains(body, "root:") || strings.Contains(body, "title: Test Playbook") {
			t.Errorf("GET %s leaked a file", p)
		}
	}
}

// rawGet sends a request line exactly as written, with no client-side
// cleaning of the path.
func rawGet(t *testing.T, addr, p string) (int, string) {
	t.Helper()
	return rawGetHost(t, addr, p, addr)
}

// rawGetHost is rawGet with the Host header given.
func rawGetHost(t *testing.T, addr, p, host string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", p, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", p, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, string(body)
}

func TestResponses(t *testing.T) {
	s := startServer(t, nil)
	tests := []struct {
		path, contentType string
		status            int
	}{
		{"/", "text/html; charset=utf-8", 200},
		{"/guides/alpha/", "text/html; charset=utf-8", 200},
		{"/sitemap.xml", "application/xml; charset=utf-8", 200},
		{"/robots.txt", "text/plain; charset=utf-8", 200},
		{"/assets/playbook.css", "text/css; charset=utf-8", 200},
		{"/assets/favicon.svg", "image/svg+xml", 200},
		{"/_playbook/livereload.js", "text/javascript; charset=utf-8", 200},
		{"/no/such/page/", "text/html; charset=utf-8", 404},
	}
	for _, tt := range tests {
		resp, err := http.Get(strings.TrimSuffix(s.URL(), "/") + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || resp.Header.Get("Content-Type") != tt.contentType {
			t.Errorf("GET %s: %d %q, want %d %q", tt.path, resp.StatusCode, resp.Header.Get("Content-Type"), tt.status, tt.contentType)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy %q", tt.path, csp)
		}
		if strings.HasPrefix(tt.contentType, "text/html") && !strings.Contains(string(body), liveReloadTag) {
			t.Errorf("GET %s: no live-reload script", tt.path)
		}
	}
	// A folder without its slash is redirected, as static hosts do.
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(s.URL() + "guides")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/guides/" {
		t.Errorf("GET /guides: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, err := http.Post(s.URL(), "text/plain", strings.NewReader("x")); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST answered %v %v", resp.StatusCode, err)
	}
}

// TestListensOnLoopbackByDefault starts a server with no address: it
// listens on 127.0.0.1:1313 or, when that is taken here, says so.
func TestListensOnLoopbackByDefault(t *testing.T) {
	src, _ := filepath.Abs("../../testdata/golden/src")
	var log strings.Builder
	s, err := New(context.Background(), Options{Src: src, Log: &log})
	if err != nil {
		if !errors.Is(err, ErrAddressInUse) || !strings.HasPrefix(err.Error(), "127.0.0.1:1313 ") {
			t.Fatalf("no address: %v", err)
		}
		return
	}
	defer s.listener.Close()
	if s.URL() != "http://127.0.0.1:1313/" || strings.Contains(log.String(), "warning") {
		t.Errorf("serving at %s, saying %q", s.URL(), log.String())
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestBrokenFromTheStart(t *testing.T) {
	s := startServer(t, func(src string) {
		os.WriteFile(filepath.Join(src, "data/goals.yaml"), []byte("- id: reading\n  title: [unclosed\n"), 0o644)
	})
	code, body := s.get("/guides/alpha/")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "Waiting for a good build") || !strings.Contains(body, liveReloadTag) {
		t.Fatalf("before any good build: %d\n%s", code, body)
	}
	if ev := s.listenRaw(); ev.name != "errors" || !strings.Contains(ev.data, `"file":"data/goals.yaml","line":2`) {
		t.Errorf("a page opened before any good build got %v", ev)
	}
	// The terminal says what the browser shows: there is no last good
	// build to serve.
	if log := s.log.String(); !strings.Contains(log, "1 error, and no good build yet: the browser shows the error until it is fixed") || strings.Contains(log, "last good build") {
		t.Errorf("the first build's errors are announced as\n%s", log)
	}
	page := s.listen()
	s.write("data/goals.yaml", "- id: reading\n  title: Reading\n  status: active\n")
	s.rebuilt()
	if ev := page.next(); ev.name != "errors" || ev.data != "[]" {
		t.Fatalf("event %v, want the errors cleared", ev)
	}
	if ev := page.next(); ev.name != "reload" {
		t.Fatalf("event %v, want reload", ev)
	}
	if code, _ := s.get("/guides/alpha/"); code != 200 {
		t.Errorf("after the fix: %d", code)
	}
}

// TestExampleToggleRefreshesItsPages turns a story's example: mark off and
// on again: every page that shows the mark (the story, the index of
// stories, the home page's recent stories, /print/) must follow, which
// needs a view hash that tells false from true.
func TestExampleToggleRefreshesItsPages(t *testing.T) {
	s := startServer(t, nil)
	page := s.listen()
	shows := map[string]string{
		"/stories/first-story/": `<strong>Example story.</strong>`,
		"/stories/":             `<span class="badge">Example</span>`,
		"/":                     `<span class="badge">Example</span>`,
		"/print/":               `<strong>Example story.</strong>`,
	}
	check := func(example bool) {
		t.Helper()
		for p, mark := range shows {
			if _, body := s.get(p); strings.Contains(body, mark) != example {
				t.Errorf("example: %v, but %s shows the mark: %v", example, p, !example)
			}
		}
	}
	check(true)
	good := s.read("data/stories.yaml")
	for _, example := range []bool{false, true} {
		s.write("data/stories.yaml", strings.Replace(good, "example: true", fmt.Sprintf("example: %v", example), 1))
		res := s.rebuilt()
		if ev := page.next(); ev.name != "reload" {
			t.Fatalf("event %v, want reload", ev)
		}
		for _, f := range []string{"index.html", "stories/index.html", "stories/first-story/index.html"} {
			if !contains(res.Changed, f) {
				t.Errorf("example: %v did not change %s (changed %v)", example, f, res.Changed)
			}
		}
		check(example)
	}
}
