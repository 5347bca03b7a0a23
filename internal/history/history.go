// Package history reads, from a playbook's git repository, the date on
// which each of its files last changed: the date a guide's page shows as
// "last reviewed" when its front matter gives none.
//
// # When there is a history
//
// Only when the playbook's folder is the top of a git checkout (it holds
// .git) and a git command is installed. A playbook inside another
// project's repository (the test playbooks of this one, for example) has
// no history of its own, so its pages never change with that project's
// commits.
//
// # How it is read
//
// With one `git log --name-only` over the paths asked for, never one
// command per file, so that a playbook of ten thousand guides costs one
// process. A file's date is the committer date (YYYY-MM-DD, in the
// committer's time zone) of the newest commit that changed it. Merges
// add no date of their own: the commits they bring in carry theirs.
//
// A shallow clone (CI systems often fetch only the last commit) lacks the
// older history: its oldest commit seems to add every file. Dates that
// come only from such a "grafted" commit are unknown, never wrong.
//
// Files changed but not committed keep the date of their last commit;
// files never committed have none.
package history

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Dates returns, for each file under paths (slash-separated, relative to
// dir) that the repository's history knows, the date of the last commit
// that changed it, as YYYY-MM-DD, keyed by its slash-separated path
// relative to dir. It returns nil and no error when dir is not the top of
// a git checkout or git is not installed; an error when git is there but
// cannot read the history (a folder git does not trust, a broken
// repository).
func Dates(ctx context.Context, dir string, paths ...string) (map[string]string, error) {
	if _, err := os.Lstat(filepath.Join(dir, ".git")); err != nil {
		return nil, nil
	}
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, nil
	}
	args := []string{
		// Read the history as it is: no signatures checked, no pager, paths
		// printed as they are (only a name with a quote or a control
		// character is quoted, and then not matched).
		"-c", "log.showSignature=false", "-c", "core.quotePath=false", "--no-pager",
		"log", "--no-color", "--no-renames", "--name-only", "--format=" + header + "%cs" + header + "%D",
		"--", // what follows are paths, whatever they look like
	}
	for _, p := range paths {
		args = append(args, ":(literal)"+p)
	}
	cmd := exec.CommandContext(ctx, git, args...)
	cmd.Dir = dir
	cmd.Env = environment()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		var exit *exec.ExitError
		if errors.As(err, &exit) && strings.Contains(msg, "does not have any commits") {
			return map[string]string{}, nil // a repository with no commit yet
		}
		return nil, fmt.Errorf("git log in %s: %s", dir, firstLine(msg))
	}
	return parse(out), nil
}

// header starts each commit's line in git's output; a file name never
// holds it.
const header = "%x01"

// parse reads git log's output: for each commit a line
// "\x01DATE\x01DECORATIONS", then the names of the files it changed.
func parse(out []byte) map[string]string {
	dates := map[string]string{}
	var date string
	grafted := false
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "\x01"); ok {
			d, decorations, _ := strings.Cut(rest, "\x01")
			date, grafted = d, false
			for dec := range strings.SplitSeq(decorations, ", ") {
				grafted = grafted || dec == "grafted"
			}
			continue
		}
		if line == "" || grafted || !isDate(date) {
			continue
		}
		if date > dates[line] {
			dates[line] = date
		}
	}
	return dates
}

// isDate reports whether s looks like YYYY-MM-DD.
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range s {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// environment is the process's environment without the variables that
// would point git at another repository or work tree than the playbook's.
func environment() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
			"GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_CEILING_DIRECTORIES":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0")
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
