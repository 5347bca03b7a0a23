package serve

import (
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// event is one message to the open pages, sent as a Server-Sent Event.
type event struct {
	name string // "reload", "css" or "errors"
	data string // one line: a version number or JSON
}

// hub keeps the open pages' event streams: pages register when they
// connect, unregister when they go, and every broadcast reaches each of
// them, in order.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]bool
	// last is sent to a page as soon as it connects, so that a page opened
	// while the content is broken shows the errors at once.
	last event
	// refused counts the streams refused because maxClients listened.
	refused atomic.Int64
}

func newHub() *hub {
	return &hub{clients: map[chan event]bool{}, last: event{name: "errors", data: "[]"}}
}

// clientBuffer is how many events may wait for one slow page. A page
// further behind than that is sent a reload when it catches up instead.
const clientBuffer = 64

// maxClients is how many pages may listen at once. Each holds a
// connection and a goroutine for as long as it is open; a person editing
// a playbook has a few tabs open, not hundreds.
const maxClients = 64

// register adds a page, or reports false when maxClients already listen.
func (h *hub) register() (chan event, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.clients) >= maxClients {
		return nil, false
	}
	c := make(chan event, clientBuffer+1)
	h.clients[c] = true
	c <- h.last
	return c, true
}

func (h *hub) unregister(c chan event) {
	h.mu.Lock()
	delete(h.clients, c)
	h.mu.Unlock()
}

// broadcast sends e to every open page.
func (h *hub) broadcast(e event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if e.name == "errors" {
		h.last = e
	}
	for c := range h.clients {
		select {
		case c <- e:
		default:
			// The page is not reading; drop its backlog for one reload,
			// which brings it up to date whatever it missed.
			for len(c) > 0 {
				<-c
			}
			c <- event{name: "reload", data: "resync"}
		}
	}
}

// count returns the number of open pages.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// eventWriteTimeout is how long a page has to take one event (or
// keep-alive) before its stream is closed; the server's write timeout,
// meant for a response, does not apply to a stream.
const eventWriteTimeout = 30 * time.Second

// keepAliveEvery is how often a quiet stream is sent a comment, so that
// nothing between the page and the server takes it for dead.
const keepAliveEvery = 20 * time.Second

// serveEvents streams events to one page until it goes or the server stops.
func (h *hub) serveEvents(w http.ResponseWriter, r *http.Request, done <-chan struct{}) {
	c, ok := h.register()
	if !ok {
		h.refused.Add(1)
		// The page's script tries again later, less and less often (an
		// EventSource told 503 does not retry by itself).
		w.Header().Set("Retry-After", "10")
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, "%d pages already listen for changes: close some tabs, and this one listens again.\n", maxClients)
		return
	}
	defer h.unregister(c)
	// The stream lasts as long as the page: its write deadline is moved on
	// before each write. (Once a request without a body is read, net/http
	// lifts the read deadline itself.)
	rc := http.NewResponseController(w)
	write := func(text string) bool {
		if rc.SetWriteDeadline(time.Now().Add(eventWriteTimeout)) != nil {
			return false
		}
		if _, err := io.WriteString(w, text); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	keepAlive := time.NewTicker(keepAliveEvery)
	defer keepAlive.Stop()
	if !write("retry: 500\n\n") {
		return
	}
	for {
		select {
		case e := <-c:
			if !write("event: " + e.name + "\ndata: " + e.data + "\n\n") {
				return
			}
		case <-keepAlive.C:
			if !write(": keep-alive\n\n") {
				return
			}
		case <-r.Context().Done():
			return
		case <-done:
			return
		}
	}
}
