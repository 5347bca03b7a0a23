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
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestForeignHostRefused asks for pages, the live-reload script and its
// event stream through names other than the server's own, as a page
// using DNS rebinding would: each is refused with 421 and shows nothing
// of the playbook; the server's own names are answered.
func TestForeignHostRefused(t *testing.T) {
	s := startServer(t, nil)
	addr := s.listener.Addr().String()
	_, port, _ := net.SplitHostPort(addr)
	other, _ := strconv.Atoi(port)
	for _, host := range []string{
		"evil.example:" + port,
		"evil.example",
		"localhost.evil.example:" + port,
		"127.0.0.1.nip.io:" + port,
		"192.168.1.5:" + port,
		"10.0.0.1:" + port,
		"localhost:" + strconv.Itoa(other+1),
		"localhost",
		"",
	} {
		for _, p := range []string{"/", "/guides/alpha/", "/_playbook/events", "/_playbook/livereload.js", "/playbook.json", "/no/such/page/"} {
			code, body := rawGetHost(t, addr, p, host)
			if code != http.StatusMisdirectedRequest || !strings.Contains(body, "answers only at its own address") {
				t.Errorf("Host %q, GET %s: %d %.80q", host, p, code, body)
			}
			if strings.Contains(body, "Alpha") || strings.Contains(body, "EventSource") {
				t.Errorf("Host %q, GET %s: the playbook was shown", host, p)
			}
		}
	}
	for _, host := range []string{"localhost:" + port, "LocalHost:" + port, "localhost.:" + port, "127.0.0.1:" + port, "[::1]:" + port, "127.0.0.2:" + port} {
		if code, body := rawGetHost(t, addr, "/guides/alpha/", host); code != 200 || !strings.Contains(body, "Alpha") {
			t.Errorf("Host %q: %d", host, code)
		}
	}
}

// TestHostCheck checks the names a server accepts, wherever it listens.
func TestHostCheck(t *testing.T) {
	lan := &net.IPNet{IP: net.ParseIP("192.168.1.5"), Mask: net.CIDRMask(24, 32)}
	v6 := &net.IPNet{IP: net.ParseIP("fd00::5"), Mask: net.CIDRMask(64, 128)}
	ifaces := []net.Addr{lan, v6, &net.IPNet{IP: net.ParseIP("127.0.0.1"), Mask: net.CIDRMask(8, 32)}}
	tests := []struct {
		listen          string
		allowed, denied []string
	}{
		{"127.0.0.1:1313",
			[]string{"localhost:1313", "127.0.0.1:1313", "[::1]:1313", "LOCALHOST:1313"},
			[]string{"evil.example:1313", "localhost:1314", "192.168.1.5:1313", "laptop:1313", "localhost", "127.0.0.1"}},
		{"0.0.0.0:1313",
			[]string{"localhost:1313", "192.168.1.5:1313", "[fd00::5]:1313", "laptop:1313", "laptop.local:1313", "Laptop:1313"},
			[]string{"evil.example:1313", "192.168.1.6:1313", "192.168.1.5:1314", "laptop.evil.example:1313", "[fd00::6]:1313"}},
		{"[::]:8080",
			[]string{"localhost:8080", "[fd00::5]:8080", "192.168.1.5:8080"},
			[]string{"evil.example:8080", "localhost:1313"}},
		{"192.168.1.5:80",
			[]string{"192.168.1.5", "192.168.1.5:80", "localhost:80", "laptop"},
			[]string{"192.168.1.6", "[fd00::5]:80", "evil.example"}},
	}
	for _, tt := range tests {
		t.Run(tt.listen, func(t *testing.T) {
			addr, err := net.ResolveTCPAddr("tcp", tt.listen)
			if err != nil {
				t.Fatal(err)
			}
			c := newHostCheck(addr, ifaces, "Laptop")
			for _, h := range tt.allowed {
				if !c.allows(h) {
					t.Errorf("Host %q refused", h)
				}
			}
			for _, h := range tt.denied {
				if c.allows(h) {
					t.Errorf("Host %q answered", h)
				}
			}
		})
	}
}

// TestBeyondLoopback starts a server on every address of the machine: it
// warns that anyone on the network can read the playbook, names the
// address that keeps it on this computer, and still answers only its own
// names (this computer's among them).
func TestBeyondLoopback(t *testing.T) {
	src, _ := filepath.Abs("../../testdata/golden/src")
	var log logBuffer
	ctx, cancel := context.WithCancel(context.Background())
	s, err := New(ctx, Options{Src: src, Addr: "0.0.0.0:0", Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	defer func() { cancel(); <-done }()
	port := strconv.Itoa(s.listener.Addr().(*net.TCPAddr).Port)
	want := "warning: serving on every network address of this computer (0.0.0.0:0): anyone on your network can read the playbook, drafts and all.\n" +
		"  To keep it on this computer, use -addr 127.0.0.1:" + port + "\n"
	if !strings.HasPrefix(log.String(), want) {
		t.Errorf("the log starts\n%s\nwant\n%s", log.String(), want)
	}
	if s.URL() != "http://localhost:"+port+"/" {
		t.Errorf("serving at %s", s.URL())
	}
	addr := "127.0.0.1:" + port
	hostname, err := os.Hostname()
	if err != nil {
		t.Fatal(err)
	}
	for host, want := range map[string]int{
		"localhost:" + port:    200,
		hostname + ":" + port:  200,
		"evil.example:" + port: http.StatusMisdirectedRequest,
	} {
		if code, _ := rawGetHost(t, addr, "/", host); code != want {
			t.Errorf("Host %q: %d, want %d", host, code, want)
		}
	}

	// An address other computers reach, told apart from every address.
	var b strings.Builder
	warnBeyondLoopback(&b, "192.168.1.5:1313", &net.TCPAddr{IP: net.ParseIP("192.168.1.5"), Port: 1313})
	if want := "warning: serving on 192.168.1.5:1313, an address other computers can reach: anyone on your network can read the playbook, drafts and all.\n" +
		"  To keep it on this computer, use -addr 127.0.0.1:1313\n"; b.String() != want {
		t.Errorf("a LAN address is announced as\n%s\nwant\n%s", b.String(), want)
	}
}

// TestAddressInUse starts a server where another already listens: the
// error says so and names the flag that picks another port.
func TestAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	src, _ := filepath.Abs("../../testdata/golden/src")
	_, err = New(context.Background(), Options{Src: src, Addr: ln.Addr().String(), Log: io.Discard})
	want := fmt.Sprintf("127.0.0.1:%d is taken by another program (perhaps another playbook serve): address already in use\n  pick another port with -addr 127.0.0.1:%d", port, port+1)
	if !errors.Is(err, ErrAddressInUse) || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// TestTimeoutsSet checks the server's timeouts, then that they work: a
// client that never finishes its headers, and one that stays idle, are
// cut off, while the live-reload stream outlives the write timeout.
func TestTimeoutsSet(t *testing.T) {
	srv := httpServer(nil, defaultTimeouts)
	if srv.ReadHeaderTimeout != 10*time.Second || srv.ReadTimeout != 30*time.Second || srv.WriteTimeout != 30*time.Second || srv.IdleTimeout != 2*time.Minute {
		t.Errorf("timeouts: header %v, read %v, write %v, idle %v", srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout)
	}

	short := timeouts{readHeader: 200 * time.Millisecond, read: 300 * time.Millisecond, write: 300 * time.Millisecond, idle: 300 * time.Millisecond}
	s := startServer(t, nil, func(s *Server) { s.timeouts = short })
	addr := s.listener.Addr().String()
	closed := func(what string, conn net.Conn) {
		t.Helper()
		// Generous: the server closes it after a fraction of a second.
		conn.SetReadDeadline(time.Now().Add(20 * time.Second))
		r := bufio.NewReader(conn)
		for {
			if _, err := r.ReadByte(); err != nil {
				var ne net.Error
				if errors.As(err, &ne) && ne.Timeout() {
					t.Errorf("%s: the connection is still open", what)
				}
				return
			}
		}
	}

	slow, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	fmt.Fprintf(slow, "GET / HTTP/1.1\r\nHost: %s\r\nX-Slow: 1", addr)
	closed("headers never finished", slow)

	idle, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	fmt.Fprintf(idle, "GET /robots.txt HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
	br := bufio.NewReader(idle)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	closed("idle after a response", idle)

	page := s.listen()
	time.Sleep(4 * short.write)
	s.write("content/guides/alpha.md", strings.Replace(s.read("content/guides/alpha.md"), "Alpha is where it starts.", "Still listening.", 1))
	s.rebuilt()
	if ev := page.next(); ev.name != "reload" {
		t.Fatalf("after the write timeout, event %v, want reload", ev)
	}
}

// TestLiveReloadLimit opens as many event streams as the server takes:
// one more is refused with 503 and a plain message, and taken once a page
// goes.
func TestLiveReloadLimit(t *testing.T) {
	s := startServer(t, nil)
	bodies := make([]io.Closer, 0, maxClients)
	for range maxClients {
		resp, err := http.Get(s.URL() + "_playbook/events")
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != 200 {
			t.Fatalf("stream %d: %d", len(bodies), resp.StatusCode)
		}
		bodies = append(bodies, resp.Body)
	}
	defer func() {
		for _, b := range bodies {
			b.Close()
		}
	}()
	resp, err := http.Get(s.URL() + "_playbook/events")
	if err != nil {
		t.Fatal(err)
	}
	// A refusal is short; a stream would never end.
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") || !strings.Contains(string(body), "64 pages already listen") {
		t.Errorf("one stream too many: %d %q %q", resp.StatusCode, resp.Header, body)
	}
	if n := s.Clients(); n != maxClients {
		t.Errorf("%d pages listening, want %d", n, maxClients)
	}
	bodies[0].Close()
	bodies = bodies[1:]
	for s.Clients() == maxClients {
		time.Sleep(10 * time.Millisecond)
	}
	resp, err = http.Get(s.URL() + "_playbook/events")
	if err != nil {
		t.Fatal(err)
	}
	bodies = append(bodies, resp.Body)
	if resp.StatusCode != 200 {
		t.Errorf("after a page went: %d", resp.StatusCode)
	}
}
