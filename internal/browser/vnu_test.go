package browser

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// vnuJar is where the npm package vnu-jar keeps the Nu Html Checker.
const vnuJar = nodeModules + "/vnu-jar/build/dist/vnu.jar"

// TestNuHtmlChecker runs the Nu Html Checker on every page of the built
// site and expects no error.
func TestNuHtmlChecker(t *testing.T) {
	java, err := exec.LookPath("java")
	require(t, err == nil, "java, to run the Nu Html Checker", "install it with apt-get install default-jre-headless")
	_, err = os.Stat(vnuJar)
	require(t, err == nil, "the Nu Html Checker ("+vnuJar+")", "install it with npm ci --prefix internal/browser/testdata")

	// This repository's playbook, the fixture, which shows every key of
	// the model whatever the repository's content uses, and the fixture
	// in Spanish.
	var files []string
	for _, s := range []*testSite{repo, fixture, spanish} {
		dir := s.built(t)
		for _, p := range s.pages(t) {
			f := strings.TrimPrefix(p, "/")
			if f == "" || strings.HasSuffix(f, "/") {
				f += "index.html"
			}
			files = append(files, filepath.Join(dir, filepath.FromSlash(f)))
		}
	}
	if len(files) < 60 {
		t.Fatalf("the sites have only %d pages", len(files))
	}
	args := append([]string{"-jar", vnuJar, "--errors-only", "--format", "json"}, files...)
	cmd := exec.Command(java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run() // exits 1 when it finds an error; the report says which
	var report struct {
		Messages []struct {
			Type, SubType, URL, Message, Extract string
			LastLine                             int
		}
	}
	// The report goes to standard error.
	out := stderr.Bytes()
	if len(bytes.TrimSpace(out)) == 0 {
		out = stdout.Bytes()
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("the checker did not report (%v): %v\n%s%s", runErr, err, stdout.String(), stderr.String())
	}
	for _, m := range report.Messages {
		if m.Type == "info" {
			continue
		}
		page := strings.TrimPrefix(m.URL, "file:")
		t.Errorf("%s:%d: %s: %s\n  %s", page, m.LastLine, m.Type, m.Message, strings.TrimSpace(m.Extract))
	}
	if runErr != nil && len(report.Messages) == 0 {
		t.Fatalf("the checker failed: %v\n%s", runErr, stderr.String())
	}
	t.Logf("checked %d pages", len(files))
}
