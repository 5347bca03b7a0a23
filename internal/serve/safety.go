package serve

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ErrAddressInUse is returned by New when another program (often another
// playbook serve) already listens on the address asked for.
var ErrAddressInUse = errors.New("address already in use")

// listen listens on addr, saying plainly when the address is taken and
// which flag picks another.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("%s is taken by another program (perhaps another playbook serve): %w\n  pick another port with -addr %s", addr, ErrAddressInUse, nextPort(addr))
	}
	return ln, err
}

// nextPort returns addr with the port after its own.
func nextPort(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	n, perr := strconv.Atoi(port)
	if err != nil || perr != nil || n >= 65535 {
		return "127.0.0.1:1314"
	}
	return net.JoinHostPort(host, strconv.Itoa(n+1))
}

// timeouts bound how long one connection may take: to send its request's
// headers, its whole request, to take its response, and to stay open idle
// between requests. The live-reload stream, which stays open as long as
// its page, has its write deadline moved on before each event instead.
type timeouts struct {
	readHeader, read, write, idle time.Duration
}

var defaultTimeouts = timeouts{readHeader: 10 * time.Second, read: 30 * time.Second, write: 30 * time.Second, idle: 2 * time.Minute}

// httpServer returns the server for s's handler, with the timeouts set.
func httpServer(h http.Handler, t timeouts) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: t.readHeader,
		ReadTimeout:       t.read,
		WriteTimeout:      t.write,
		IdleTimeout:       t.idle,
		MaxHeaderBytes:    64 << 10,
	}
}

// hostCheck knows the names a request may give in its Host header: the
// loopback names (localhost, 127.0.0.1, [::1]) and the address the server
// listens on, with its port and, when it listens beyond loopback, the
// addresses and the name of this computer. Any other Host comes from a
// page that reached the server through a name of its own, as a DNS
// rebinding attack does: a web page on the internet whose name resolves,
// a moment later, to 127.0.0.1, and which could then read the playbook
// with its own script.
type hostCheck struct {
	port  string
	hosts map[string]bool // allowed hosts, lower case, without the port
}

// newHostCheck returns the check for a server listening at addr, on a
// computer with the network addresses ifaces and the name hostname.
func newHostCheck(addr *net.TCPAddr, ifaces []net.Addr, hostname string) *hostCheck {
	c := &hostCheck{port: strconv.Itoa(addr.Port), hosts: map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}}
	c.hosts[addr.IP.String()] = true
	if addr.IP.IsLoopback() {
		return c
	}
	if addr.IP.IsUnspecified() {
		for _, a := range ifaces {
			if n, ok := a.(*net.IPNet); ok {
				c.hosts[n.IP.String()] = true
			}
		}
	}
	if hostname = strings.ToLower(hostname); hostname != "" {
		c.hosts[hostname] = true
		c.hosts[hostname+".local"] = true
	}
	return c
}

// allows reports whether a request naming host (a Host header) may be
// answered.
func (c *hostCheck) allows(host string) bool {
	name, port, err := net.SplitHostPort(host)
	if err != nil {
		name, port = host, "80" // no port: the default one
	}
	if port != c.port {
		return false
	}
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	if c.hosts[name] {
		return true
	}
	ip := net.ParseIP(name)
	return ip != nil && ip.IsLoopback()
}

// refuseHost answers a request whose Host is not one of the server's own.
func refuseHost(w http.ResponseWriter, r *http.Request, own string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusMisdirectedRequest)
	fmt.Fprintf(w, "playbook serve answers only at its own address, such as %s, not at %q.\n", own, r.Host)
}

// beyondLoopback reports whether a server listening at addr can be reached
// from other computers.
func beyondLoopback(addr *net.TCPAddr) bool { return !addr.IP.IsLoopback() }

// warnBeyondLoopback tells the person starting the server that others can
// read the playbook, and how to keep it on this computer.
func warnBeyondLoopback(w io.Writer, asked string, addr *net.TCPAddr) {
	where := "on " + asked + ", an address other computers can reach"
	if addr.IP.IsUnspecified() {
		where = "on every network address of this computer (" + asked + ")"
	}
	fmt.Fprintf(w, "warning: serving %s: anyone on your network can read the playbook, drafts and all.\n"+
		"  To keep it on this computer, use -addr 127.0.0.1:%d\n", where, addr.Port)
}

// localNetwork returns this computer's network addresses and name, for the
// host check of a server listening beyond loopback.
func localNetwork() ([]net.Addr, string) {
	ifaces, _ := net.InterfaceAddrs()
	name, _ := os.Hostname()
	return ifaces, name
}
