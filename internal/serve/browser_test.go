package serve

import (
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/playbook-edu/playbook/internal/browser"
)

// TestLiveReloadInBrowser drives a real browser: a guide edit reloads the
// page, a stylesheet edit swaps the stylesheet without reloading (the page
// keeps its state), and a broken edit shows the errors over the page until
// the fix.
func TestLiveReloadInBrowser(t *testing.T) {
	s := startServer(t, func(src string) {
		os.MkdirAll(src+"/themes/mine/static/assets", 0o755)
		css, _ := os.ReadFile("../../themes/default/static/assets/playbook.css")
		os.WriteFile(src+"/themes/mine/static/assets/playbook.css", css, 0o644)
		cfg, _ := os.ReadFile(src + "/playbook.yaml")
		os.WriteFile(src+"/playbook.yaml", append(cfg, "theme: mine\n"...), 0o644)
	})
	ctx := browser.Chromium(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL()+"guides/alpha/")); err != nil {
		t.Fatal(err)
	}
	waitClients(t, s, 1)

	// A stylesheet edit: the page keeps its state and gets the new style.
	eval[any](t, ctx, `window.pageState = "kept"`)
	css := s.read("themes/mine/static/assets/playbook.css")
	s.write("themes/mine/static/assets/playbook.css", css+"\nh1 { letter-spacing: 7px; }\n")
	until(t, ctx, `getComputedStyle(document.querySelector("h1")).letterSpacing === "7px"`)
	if state := eval[string](t, ctx, `window.pageState || "lost"`); state != "kept" {
		t.Errorf("the page reloaded for a stylesheet edit (state %q)", state)
	}

	// A guide edit reloads the page with the new text.
	s.write("content/guides/alpha.md", strings.Replace(s.read("content/guides/alpha.md"), "Alpha is where it starts.", "Reloaded in the browser.", 1))
	until(t, ctx, `document.body.innerText.includes("Reloaded in the browser.")`)
	if state := eval[string](t, ctx, `window.pageState || "lost"`); state != "lost" {
		t.Error("the page did not reload for a guide edit")
	}
	waitClients(t, s, 1)

	// A broken edit shows the errors over the page; the fix clears them.
	good := s.read("content/guides/beta.md")
	s.write("content/guides/beta.md", strings.Replace(good, "roles: [teacher, student]", "roles: [teachr, student]", 1))
	until(t, ctx, `document.getElementById("playbook-errors") !== null`)
	overlay := eval[string](t, ctx, `document.getElementById("playbook-errors").innerText`)
	if !strings.Contains(overlay, `content/guides/beta.md:4:9`) || !strings.Contains(overlay, `unknown role "teachr"`) {
		t.Errorf("overlay says %q", overlay)
	}
	if role := eval[string](t, ctx, `document.getElementById("playbook-errors").getAttribute("role")`); role != "alert" {
		t.Errorf("overlay role %q, want alert", role)
	}
	s.write("content/guides/beta.md", good)
	until(t, ctx, `document.getElementById("playbook-errors") === null`)
}

// TestLiveReloadRefusedInBrowser opens a page while as many pages as the
// server takes already listen: refused, its script must wait longer and
// longer before it tries again (an EventSource told 503 stops, and a
// script that retried at once would loop hot), and listen as soon as a
// place is free.
func TestLiveReloadRefusedInBrowser(t *testing.T) {
	s := startServer(t, nil)
	var streams []io.Closer
	for range maxClients {
		resp, err := http.Get(s.URL() + "_playbook/events")
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("stream %d: %v", len(streams), err)
		}
		streams = append(streams, resp.Body)
	}
	defer func() {
		for _, b := range streams {
			b.Close()
		}
	}()
	ctx := browser.Chromium(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL()+"guides/alpha/")); err != nil {
		t.Fatal(err)
	}
	// Tries at 0, 1, 3 and 7 seconds, not every half second.
	time.Sleep(5 * time.Second)
	if n := s.hub.refused.Load(); n < 2 || n > 4 {
		t.Errorf("the page asked %d times in 5 seconds", n)
	}
	streams[0].Close()
	streams = streams[1:]
	waitClients(t, s, maxClients-1)
	waitClients(t, s, maxClients) // the page, at its next try
	s.write("content/guides/alpha.md", strings.Replace(s.read("content/guides/alpha.md"), "Alpha is where it starts.", "Listening at last.", 1))
	until(t, ctx, `document.body.innerText.includes("Listening at last.")`)
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// until waits for a JavaScript condition to hold, across reloads.
func until(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("still not true after 30s: %s", js)
}

// waitClients waits until n pages listen for events.
func waitClients(t *testing.T, s *testServer, n int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for s.Clients() != n {
		if time.Now().After(deadline) {
			t.Fatalf("%d pages listening, want %d", s.Clients(), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
