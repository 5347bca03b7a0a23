package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestServeAddressTaken runs serve on an address another program holds:
// exit 2, and the message names the flag that picks another port.
func TestServeAddressTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"serve", "-src", golden, "-addr", ln.Addr().String()}, &stdout, &stderr)
	want := fmt.Sprintf("playbook serve: 127.0.0.1:%d is taken by another program (perhaps another playbook serve): address already in use\n"+
		"  pick another port with -addr 127.0.0.1:%d\n", port, port+1)
	if code != 2 || stderr.String() != want {
		t.Errorf("exit %d, stderr\n%s\nwant exit 2 and\n%s", code, stderr.String(), want)
	}
}

// TestServeWarnsBeyondLoopback runs serve on every address of the
// machine: before it says where it serves, it warns on stderr that anyone
// on the network can read the playbook.
func TestServeWarnsBeyondLoopback(t *testing.T) {
	var stdout, stderr lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve", "-src", golden, "-addr", ":0"}, &stdout, &stderr) }()
	for !strings.Contains(stdout.String(), "Serving") {
		select {
		case code := <-done:
			t.Fatalf("serve stopped with %d: %s", code, stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d", code)
	}
	if !strings.HasPrefix(stderr.String(), "warning: serving on every network address of this computer (:0): anyone on your network can read the playbook") ||
		!strings.Contains(stderr.String(), "To keep it on this computer, use -addr 127.0.0.1:") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
	if !strings.Contains(stdout.String(), "at http://localhost:") {
		t.Errorf("stdout: %s", stdout.String())
	}
}

// lockedBuffer is a buffer the command writes to while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
