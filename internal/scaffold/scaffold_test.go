package scaffold

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

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

// TestInitVersion checks the workflow and Netlify of a new playbook run
// the version of playbook that made it.
func TestInitVersion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pb")
	files, err := Init(dir, "v1.2.3")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 30 {
		t.Errorf("only %d files written", len(files))
	}
	for _, f := range []string{".github/workflows/playbook.yml", "netlify.toml", "README.md"} {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "cmd/playbook@v1.2.3") || strings.Contains(string(data), "{{version}}") {
			t.Errorf("%s does not run playbook v1.2.3", f)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("init left %d entries beside the playbook, want none", len(entries)-1)
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
