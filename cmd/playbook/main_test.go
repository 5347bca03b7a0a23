package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const golden = "../../testdata/golden/src"

func TestRun(t *testing.T) {
	broken := filepath.Join(t.TempDir(), "broken")
	if err := os.CopyFS(broken, os.DirFS(golden)); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(broken, "content/guides/beta.md"), []byte("---\ntitle: Beta\nsummary: S.\nroles: [teachr]\n---\n[a](alpah.md)\n"), 0o644)
	out := filepath.Join(t.TempDir(), "public")

	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     string // a part of what is printed
		stderr     string
		wantOutput bool
	}{
		{name: "no command", args: nil, code: 2, stderr: "Usage:"},
		{name: "unknown command", args: []string{"bild"}, code: 2, stderr: `unknown command "bild"`},
		{name: "unknown flag", args: []string{"build", "-sauce", "x"}, code: 2, stderr: "flag provided but not defined: -sauce"},
		{name: "stray argument", args: []string{"build", "extra"}, code: 2, stderr: `unexpected argument "extra"`},
		{name: "output is the source", args: []string{"build", "-src", golden, "-out", golden}, code: 2, stderr: "is the playbook itself"},
		{name: "version", args: []string{"version"}, code: 0, stdout: "playbook "},
		{name: "content errors", args: []string{"build", "-src", broken, "-out", out}, code: 1,
			stderr: "content/guides/beta.md:4:9: error: unknown role \"teachr\" (did you mean \"teacher\"?)\n" +
				"    hint: roles are defined in data/roles.yaml\n" +
				"content/guides/beta.md:6:5: error: link \"alpah.md\" goes to a guide that does not exist (did you mean \"alpha.md\"?)\n"},
		{name: "build", args: []string{"build", "-src", golden, "-out", out}, code: 0, stdout: "built " + out, wantOutput: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit code %d, want %d\nstderr: %s", code, tt.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("stdout %q does not contain %q", stdout.String(), tt.stdout)
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), tt.stderr)
			}
			_, err := os.Stat(filepath.Join(out, "index.html"))
			if tt.wantOutput != (err == nil) {
				t.Errorf("output written: %v, want %v", err == nil, tt.wantOutput)
			}
		})
	}
}

// TestServeStopsOnSignal runs the real command: it serves the playbook and
// exits cleanly on SIGINT and on SIGTERM.
func TestServeStopsOnSignal(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "playbook")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		cmd := exec.Command(bin, "serve", "-src", golden, "-addr", "127.0.0.1:0")
		stdout, _ := cmd.StdoutPipe()
		cmd.Stderr = io.Discard
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, err := bufio.NewReader(stdout).ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		i := strings.Index(line, "http://127.0.0.1:")
		if i < 0 {
			t.Fatalf("serve printed %q", line)
		}
		url := strings.Fields(line[i:])[0]
		resp, err := http.Get(url + "guides/alpha/")
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("GET: %v %v", resp, err)
		}
		resp.Body.Close()
		cmd.Process.Signal(sig)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("after %v: %v", sig, err)
			}
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("still running 30s after %v", sig)
		}
	}
}
