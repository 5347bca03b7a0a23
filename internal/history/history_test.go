package history

import (
	"context"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// gitRepo is a repository made for a test, with commits on chosen dates.
type gitRepo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *gitRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("these tests need git: install it (apt-get install git)")
	}
	r := &gitRepo{t, t.TempDir()}
	r.git("init", "-q", "-b", "main")
	return r
}

func (r *gitRepo) git(args ...string) {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(environment(), "GIT_AUTHOR_NAME=Editor", "GIT_AUTHOR_EMAIL=editor@example.org",
		"GIT_COMMITTER_NAME=Editor", "GIT_COMMITTER_EMAIL=editor@example.org", "GIT_CONFIG_GLOBAL=/dev/null")
	if out, err := cmd.CombinedOutput(); err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func (r *gitRepo) write(name, text string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// commit commits everything on date, at noon in a time zone twelve hours
// behind UTC, so that a date read in UTC would come out a day later.
func (r *gitRepo) commit(date, msg string) {
	r.t.Helper()
	r.git("add", "-A")
	stamp := date + "T12:00:00-12:00"
	r.git("-c", "user.name=Editor", "-c", "user.email=editor@example.org", "commit", "-q", "-m", msg, "--date", stamp)
	// The committer date is what Dates reads: amend it to the same stamp.
	cmd := exec.Command("git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "commit", "-q", "--amend", "--no-edit", "--date", stamp)
	cmd.Dir = r.dir
	cmd.Env = append(environment(), "GIT_COMMITTER_DATE="+stamp, "GIT_CONFIG_GLOBAL=/dev/null")
	if out, err := cmd.CombinedOutput(); err != nil {
		r.t.Fatalf("amending: %v\n%s", err, out)
	}
}

func TestDates(t *testing.T) {
	r := newRepo(t)
	r.write("content/guides/a.md", "a1")
	r.write("content/guides/b.md", "b1")
	r.write("content/pages/about.md", "about")
	r.write("data/roles.yaml", "[]")
	r.commit("2025-01-10", "first")
	r.write("content/guides/a.md", "a2")
	r.commit("2025-03-04", "edit a")
	// A branch that changes b, merged later: b's date is its own commit's.
	r.git("checkout", "-q", "-b", "side")
	r.write("content/guides/b.md", "b2")
	r.commit("2025-02-01", "edit b")
	r.git("checkout", "-q", "main")
	r.write("content/guides/c.md", "c1")
	r.commit("2025-04-01", "add c")
	r.git("-c", "user.name=Editor", "-c", "user.email=editor@example.org", "merge", "-q", "--no-ff", "-m", "merge", "side")
	// Changed but not committed, and never committed.
	r.write("content/guides/a.md", "a3")
	r.write("content/guides/new.md", "new")

	got, err := Dates(context.Background(), r.dir, "content/guides")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"content/guides/a.md": "2025-03-04",
		"content/guides/b.md": "2025-02-01",
		"content/guides/c.md": "2025-04-01",
	}
	if !maps.Equal(got, want) {
		t.Errorf("Dates = %v\nwant %v", got, want)
	}

	t.Run("several paths", func(t *testing.T) {
		got, err := Dates(context.Background(), r.dir, "content/pages", "data")
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"content/pages/about.md": "2025-01-10", "data/roles.yaml": "2025-01-10"}
		if !maps.Equal(got, want) {
			t.Errorf("Dates = %v\nwant %v", got, want)
		}
	})

	t.Run("a folder inside the checkout has no history of its own", func(t *testing.T) {
		got, err := Dates(context.Background(), filepath.Join(r.dir, "content"), "guides")
		if err != nil || got != nil {
			t.Errorf("Dates = %v, %v; want nil, nil", got, err)
		}
	})

	t.Run("shallow clone", func(t *testing.T) {
		// Three commits deep from the merge: the merge, "add c" and
		// "edit b", then "edit a", the oldest the clone has: grafted, it
		// seems to add every file, and dates none.
		clone := filepath.Join(t.TempDir(), "clone")
		c := &gitRepo{t, filepath.Dir(clone)}
		c.git("clone", "-q", "--depth", "3", "file://"+r.dir, clone)
		got, err := Dates(context.Background(), clone, "content/guides")
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"content/guides/b.md": "2025-02-01", "content/guides/c.md": "2025-04-01"}
		if !maps.Equal(got, want) {
			t.Errorf("Dates = %v\nwant %v", got, want)
		}
	})
}

func TestNoHistory(t *testing.T) {
	t.Run("not a checkout", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "playbook.yaml"), []byte("title: x"), 0o644)
		got, err := Dates(context.Background(), dir, "content/guides")
		if err != nil || got != nil {
			t.Errorf("Dates = %v, %v; want nil, nil", got, err)
		}
	})
	t.Run("no commit yet", func(t *testing.T) {
		r := newRepo(t)
		r.write("content/guides/a.md", "a")
		got, err := Dates(context.Background(), r.dir, "content/guides")
		if err != nil || len(got) != 0 {
			t.Errorf("Dates = %v, %v; want no dates and no error", got, err)
		}
	})
	t.Run("broken repository", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, ".git"), []byte("gitdir: /nonexistent/repo\n"), 0o644)
		if _, err := Dates(context.Background(), dir, "content/guides"); err == nil {
			t.Error("Dates in a folder whose .git points nowhere: no error")
		}
	})
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name, out string
		want      map[string]string
	}{
		{"newest date wins, whatever the order",
			"\x012025-01-01\x01HEAD -> main\n\na.md\nb.md\n\x012025-03-01\x01\n\na.md\n",
			map[string]string{"a.md": "2025-03-01", "b.md": "2025-01-01"}},
		{"grafted commits give no date",
			"\x012025-03-01\x01\n\na.md\n\x012025-01-01\x01grafted, tag: v1\n\na.md\nb.md\n",
			map[string]string{"a.md": "2025-03-01"}},
		{"a branch named like a decoration is not grafted",
			"\x012025-01-01\x01grafted-notes\n\na.md\n",
			map[string]string{"a.md": "2025-01-01"}},
		{"a line that is not a date",
			"\x01yesterday\x01\n\na.md\n",
			map[string]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := parse([]byte(tc.out)); !maps.Equal(got, tc.want) {
				t.Errorf("parse = %v, want %v", got, tc.want)
			}
		})
	}
}

// BenchmarkDates reads the dates of a repository of ten thousand guides
// changed over a hundred commits: one process, whatever the number of
// files.
func BenchmarkDates(b *testing.B) {
	dir := b.TempDir()
	run := func(args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(environment(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_AUTHOR_NAME=E", "GIT_AUTHOR_EMAIL=e@example.org",
			"GIT_COMMITTER_NAME=E", "GIT_COMMITTER_EMAIL=e@example.org")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("init", "-q", "-b", "main")
	guides := filepath.Join(dir, "content", "guides")
	os.MkdirAll(guides, 0o755)
	const n = 10000
	for c := range 100 {
		for i := c; i < n; i += 100 {
			os.WriteFile(filepath.Join(guides, "g"+strconv.Itoa(i)+".md"), []byte(strconv.Itoa(c)), 0o644)
		}
		if c == 0 {
			for i := range n {
				os.WriteFile(filepath.Join(guides, "g"+strconv.Itoa(i)+".md"), []byte("0"), 0o644)
			}
		}
		run("add", "-A")
		run("commit", "-q", "-m", "c"+strconv.Itoa(c))
	}
	b.ResetTimer()
	for b.Loop() {
		d, err := Dates(context.Background(), dir, "content/guides")
		if err != nil || len(d) != n {
			b.Fatalf("%d dates, %v", len(d), err)
		}
	}
}
