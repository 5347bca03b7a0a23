package serve

import (
	"bytes"
	"embed"
	"html/template"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/playbook-edu/playbook/internal/build"
)

//go:embed client
var client embed.FS

// liveReloadTag is added to every HTML page the dev server sends.
const liveReloadTag = `<script src="/_playbook/livereload.js" defer></script>`

// contentTypes are the types of the files a site holds, so that responses
// never depend on the machine's MIME tables.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".json":  "application/json",
	".xml":   "application/xml; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".ico":   "image/x-icon",
	".pdf":   "application/pdf",
	".woff2": "font/woff2",
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// ServeHTTP serves the last good build, the live-reload script and its
// event stream, to requests that name the server by its own address (see
// the package documentation). Only files of the built site can be read:
// the site lives in memory, and a path with a ".." segment is refused
// before any lookup.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", build.ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	if !s.hosts.allows(r.Host) {
		refuseHost(w, r, strings.TrimSuffix(strings.TrimPrefix(s.base, "http://"), "/"))
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") || hasDotDot(p) {
		s.notFound(w, r)
		return
	}
	switch p {
	case "/_playbook/events":
		s.hub.serveEvents(w, r, s.done)
		return
	case "/_playbook/livereload.js", "/_playbook/overlay.css":
		data, _ := client.ReadFile("client/" + path.Base(p))
		h.Set("Content-Type", contentType(p))
		w.Write(data)
		return
	}
	site := s.current()
	name := strings.TrimPrefix(p, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if data, ok, err := s.builder.Make(name); ok {
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		s.send(w, r, name, data, http.StatusOK)
		return
	}
	data, ok := site.File(name)
	if !ok {
		if _, dir := site.File(name + "/index.html"); dir {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		s.notFound(w, r)
		return
	}
	s.send(w, r, name, data, http.StatusOK)
}

// hasDotDot reports whether a path has a ".." segment.
func hasDotDot(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return true
		}
	}
	return false
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	data, ok := s.current().File("404.html")
	if !ok {
		// No build has succeeded yet: a page that waits for one, showing
		// the errors, and reloads when they are fixed.
		var b bytes.Buffer
		waiting.Execute(&b, nil)
		s.send(w, r, "waiting.html", b.Bytes(), http.StatusServiceUnavailable)
		return
	}
	s.send(w, r, "404.html", data, http.StatusNotFound)
}

// waiting is the page served until the first build succeeds; the
// live-reload script shows the errors over it.
var waiting = template.Must(template.New("waiting").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Waiting for a good build · Playbook</title>
</head>
<body>
<main id="playbook-waiting">
<h1>Waiting for a good build</h1>
<p>The playbook has errors, listed below and in the terminal. This page reloads as soon as they are fixed.</p>
</main>
</body>
</html>
`))

// send writes a file, with the live-reload script added to HTML.
func (s *Server) send(w http.ResponseWriter, r *http.Request, name string, data []byte, status int) {
	ct := contentType(name)
	if strings.HasPrefix(ct, "text/html") {
		data = withLiveReload(data)
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// withLiveReload returns page with the live-reload script before </head>.
func withLiveReload(page []byte) []byte {
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		return append(page[:len(page):len(page)], liveReloadTag...)
	}
	out := make([]byte, 0, len(page)+len(liveReloadTag))
	out = append(out, page[:i]...)
	out = append(out, liveReloadTag...)
	return append(out, page[i:]...)
}
