package serve

import (
	"fmt"
	"io"
	"net/http"
	"sync"
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
}

func newHub() *hub {
	return &hub{clients: map[chan event]bool{}, last: event{name: "errors", data: "[]"}}
}

// clientBuffer is how many events may wait for one slow page. A page
// further behind than that is sent a reload when it catches up instead.
const clientBuffer = 64

func (h *hub) register() chan event {
	c := make(chan event, clientBuffer+1)
	h.mu.Lock()
	h.clients[c] = true
	c <- h.last
	h.mu.Unlock()
	return c
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

// serveEvents streams events to one page until it goes or the server stops.
func (h *hub) serveEvents(w http.ResponseWriter, r *http.Request, done <-chan struct{}) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming is not supported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	c := h.register()
	defer h.unregister(c)
	// Comments every so often keep idle connections from being cut.
	keepAlive := time.NewTicker(20 * time.Second)
	defer keepAlive.Stop()
	io.WriteString(w, "retry: 500\n\n")
	flusher.Flush()
	for {
		select {
		case e := <-c:
			if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data); err != nil {
				return
			}
			flusher.Flush()
		case <-keepAlive.C:
			if _, err := io.WriteString(w, ": keep-alive\n\n"); err != nil {
				return
			}
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-done:
			return
		}
	}
}
