package scaffold

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/playbook-edu/playbook"
	"github.com/playbook-edu/playbook/internal/render"
)

// TestStarterNetlifyPolicy checks a new playbook's netlify.toml sends the
// policy the pages are built for, as the repository's own does.
func TestStarterNetlifyPolicy(t *testing.T) {
	data, err := fs.ReadFile(playbook.Around(), "netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`Content-Security-Policy = "` + render.ContentSecurityPolicy + `"`,
		`[context.deploy-preview]`,
		`-base-url \"$DEPLOY_PRIME_URL/\"`,
		`publish = "public"`,
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("starter/netlify.toml lacks %s", want)
		}
	}
}

// TestInitVersion checks a new playbook names the version it runs once,
// in VersionFile, and that every command of its workflow, its netlify.toml
// and its README runs that version: each is run by a shell, with a go
// command that says what it was asked to run.
func TestInitVersion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pb")
	files, err := Init(dir, "v1.2.3")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 30 {
		t.Errorf("only %d files written", len(files))
	}
	if data, err := os.ReadFile(filepath.Join(dir, VersionFile)); err != nil || string(data) != "v1.2.3\n" {
		t.Errorf("%s holds %q (%v), want the version", VersionFile, data, err)
	}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		for _, not := range []string{"v1.2.3", "{{version}}", "@latest"} {
			if f != VersionFile && strings.Contains(string(data), not) {
				t.Errorf("%s has %q: the version is written in %s alone", f, not, VersionFile)
			}
		}
	}

	// The commands, as the workflow, Netlify and a reader run them.
	var commands []string
	var workflow struct {
		Jobs map[string]struct{ Steps []struct{ Run string } }
	}
	data, err := os.ReadFile(filepath.Join(dir, ".github/workflows/playbook.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &workflow); err != nil {
		t.Fatal(err)
	}
	for _, job := range workflow.Jobs {
		for _, step := range job.Steps {
			if step.Run != "" {
				commands = append(commands, step.Run)
			}
		}
	}
	data, err = os.ReadFile(filepath.Join(dir, "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`(?m)^\s*command = ("(?:[^"\\]|\\.)*")$`).FindAllStringSubmatch(string(data), -1) {
		cmd, err := strconv.Unquote(m[1]) // TOML's escapes in a basic string are Go's
		if err != nil {
			t.Fatalf("netlify.toml: %s: %v", m[1], err)
		}
		commands = append(commands, cmd)
	}
	data, err = os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	commands = append(commands, regexp.MustCompile(`(?m)^go install .*$`).FindAllString(string(data), -1)...)
	if len(commands) != 6 {
		t.Fatalf("found %d commands that run playbook, want 6 (2 in the workflow, 3 in netlify.toml, 1 in the README): %q", len(commands), commands)
	}

	bin := t.TempDir()
	fakeGo := "#!/bin/sh\nprintf '%s\\n' \"$*\"\n"
	if err := os.WriteFile(filepath.Join(bin, "go"), []byte(fakeGo), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range commands {
		sh := exec.Command("/bin/sh", "-c", c)
		sh.Dir = dir
		sh.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "DEPLOY_PRIME_URL=https://preview.example.org")
		out, err := sh.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", c, err, out)
		}
		verb, _, _ := strings.Cut(string(out), " ")
		if want := verb + " github.com/playbook-edu/playbook/cmd/playbook@v1.2.3"; !strings.HasPrefix(string(out), want+" ") && string(out) != want+"\n" {
			t.Errorf("%s runs %q, want %s", c, out, want)
		}
	}

	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("init left %d entries beside the playbook, want none", len(entries)-1)
	}
}

// TestInitRefusesVersions checks Init writes nothing for a version that is
// not one the go command can fetch for good.
func TestInitRefusesVersions(t *testing.T) {
	for _, v := range []string{"", "(devel)", "latest", "1.2.3", "v1.2", "v1.2.3+dirty", "v01.2.3", "v1.2.3 ", "main"} {
		t.Run(v, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "pb")
			_, err := Init(dir, v)
			if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "name a release, such as v1.4.0") {
				t.Errorf("Init with version %q: %v", v, err)
			}
			if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("Init with version %q wrote %s", v, dir)
			}
		})
	}
	for _, v := range []string{"v1.2.3", "v0.1.0", "v2.0.0-rc.1", "v0.0.0-20250101120000-abcdef123456", "v1.2.4-0.20250101120000-abcdef123456"} {
		if !IsRelease(v) {
			t.Errorf("IsRelease(%q) = false", v)
		}
	}
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		"Peer feedback":      "Peer feedback",
		"Feedback: a start":  "'Feedback: a start'",
		"  spaced\n  out ":   "spaced out",
		"#1 practice":        "'#1 practice'",
		"yes":                `"yes"`,
		`It's "quoted"`:      `It's "quoted"`,
		"- a list?":          "'- a list?'",
		"[not a list]":       "'[not a list]'",
		"2025-01-01":         `"2025-01-01"`,
		"true":               `"true"`,
		"The team's 3 goals": "The team's 3 goals",
	} {
		if got := quote(in); got != want {
			t.Errorf("quote(%q) = %s, want %s", in, got, want)
		}
	}
}
