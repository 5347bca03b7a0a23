package write

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommitReplacesAndAbortKeeps(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	site := func(files map[string]string) *Dir {
		d, err := Begin(out)
		if err != nil {
			t.Fatal(err)
		}
		for name, text := range files {
			if err := d.WriteFile(name, []byte(text)); err != nil {
				t.Fatal(err)
			}
		}
		return d
	}
	if err := site(map[string]string{"index.html": "one", "guides/a/index.html": "a"}).Commit(); err != nil {
		t.Fatal(err)
	}
	site(map[string]string{"index.html": "two"}).Abort()
	if data, _ := os.ReadFile(filepath.Join(out, "index.html")); string(data) != "one" {
		t.Fatalf("after Abort index.html is %q", data)
	}
	if err := site(map[string]string{"index.html": "three"}).Commit(); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "index.html")); string(data) != "three" {
		t.Fatalf("after Commit index.html is %q", data)
	}
	if _, err := os.Stat(filepath.Join(out, "guides/a/index.html")); !os.IsNotExist(err) {
		t.Error("a file of the previous site survived the swap")
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("%d entries beside the output, want only public", len(entries))
	}
	fi, _ := os.Stat(out)
	if fi.Mode().Perm() != 0o755 {
		t.Errorf("output folder mode %v, want 0755", fi.Mode().Perm())
	}
}

func TestWriteFileRefusesEscapes(t *testing.T) {
	d, err := Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, name := range []string{"../x", "/etc/x", "", "a/../../x", `a\..\x`} {
		if err := d.WriteFile(name, nil); err == nil {
			t.Errorf("WriteFile(%q) was allowed", name)
		}
	}
}

func TestCheckOutFollowsSymlinks(t *testing.T) {
	src := t.TempDir()
	os.MkdirAll(filepath.Join(src, "content"), 0o755)
	link := filepath.Join(t.TempDir(), "sneaky")
	if err := os.Symlink(filepath.Join(src, "content"), link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := CheckOut(src, link); err == nil {
		t.Error("an output that is a link to content/ was allowed")
	}
	if err := CheckOut(src, filepath.Join(link, "new")); err == nil {
		t.Error("an output inside a link to content/ was allowed")
	}
}

func TestRemoveAll(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "old")
	keep := filepath.Join(parent, "keep")
	for _, name := range []string{"index.html", "guides/a/index.html", "guides/b/index.html",
		"guides/c/deep/er/file.txt", "assets/x.css", "empty/", "guides/empty/"} {
		p := filepath.Join(dir, name)
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(keep, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(keep, "kept"), nil, 0o644)
	// A link to a folder outside is removed, not followed.
	if err := os.Symlink(keep, filepath.Join(dir, "guides", "link")); err != nil {
		t.Fatal(err)
	}
	if err := removeAll(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir); !os.IsNotExist(err) {
		t.Errorf("%s still exists: %v", dir, err)
	}
	if _, err := os.Stat(filepath.Join(keep, "kept")); err != nil {
		t.Errorf("the target of a link was removed: %v", err)
	}
	if err := removeAll(filepath.Join(parent, "missing")); err != nil {
		t.Errorf("removing a missing folder: %v", err)
	}
}
