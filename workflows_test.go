package playbook

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestWorkflowsPinned checks the repository's workflow and the one
// `playbook init` gives a district: every action pinned to a full commit
// with its version beside it, superseded pull-request runs cancelled, a
// time limit, the Go cache on, and (in the repository's) govulncheck run.
func TestWorkflowsPinned(t *testing.T) {
	uses := regexp.MustCompile(`(?m)^\s*(?:-\s+)?uses:\s*(\S+)(.*)$`)
	pinned := regexp.MustCompile(`^[\w.-]+/[\w.-]+@[0-9a-f]{40}$`)
	version := regexp.MustCompile(`^\s+# v\d+\.\d+\.\d+$`)
	for _, f := range []string{".github/workflows/playbook.yml", "starter/.github/workflows/playbook.yml"} {
		t.Run(f, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			all := uses.FindAllStringSubmatch(text, -1)
			if len(all) < 2 {
				t.Fatalf("%d actions used", len(all))
			}
			for _, m := range all {
				if !pinned.MatchString(m[1]) || !version.MatchString(m[2]) {
					t.Errorf("uses: %s%s is not pinned to a commit with its version in a comment", m[1], m[2])
				}
			}
			for _, want := range []string{
				"concurrency:\n  group: ${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}\n  cancel-in-progress: ${{ github.event_name == 'pull_request' }}\n",
				"    timeout-minutes: ",
				"          cache: true\n",
				"          persist-credentials: false\n",
			} {
				if !strings.Contains(text, want) {
					t.Errorf("no %q", want)
				}
			}
			if f == ".github/workflows/playbook.yml" && !regexp.MustCompile(`run: go run golang.org/x/vuln/cmd/govulncheck@v\d+\.\d+\.\d+ \./\.\.\.\n`).MatchString(text) {
				t.Error("govulncheck is not run at a fixed version")
			}
		})
	}
}
