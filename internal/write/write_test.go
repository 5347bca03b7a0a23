package write

import (
	"errors"
	"fmt"
	"io/fs"
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
		t.Fatal("cannot make a symbolic link:", err)
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

func TestCheckOut(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	src := filepath.Join(home, "playbook")
	for _, dir := range []string{"content/guides", "data", "themes/x", "schemas", ".git", "public"} {
		if err := os.MkdirAll(filepath.Join(src, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	other := t.TempDir()
	foreign := filepath.Join(other, "foreign")
	write(filepath.Join(foreign, "notes.txt"), "keep me")
	built := filepath.Join(other, "built")
	write(filepath.Join(built, Marker), markerText)
	write(filepath.Join(built, "index.html"), "old site")
	fakeMarker := filepath.Join(other, "fake-marker")
	write(filepath.Join(fakeMarker, "index.html"), "x")
	if err := os.MkdirAll(filepath.Join(fakeMarker, Marker), 0o755); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(other, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(other, "file")
	write(file, "x")
	link := filepath.Join(other, "link")
	if err := os.Symlink(built, link); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		out  string
		want string // a part of the refusal, or "" when the folder may be used
	}{
		{filepath.Join(src, "public"), ""},
		{filepath.Join(other, "new", "site"), ""},
		{empty, ""},
		{built, ""},
		{foreign, "holds files that no build made"},
		{fakeMarker, "holds files that no build made"},
		{file, "is a file"},
		{link, "symbolic link"},
		{home, "home folder"},
		{filepath.Dir(home), "home folder"},
		{"/", "root of the file system"},
		{src, "the playbook itself"},
		{filepath.Dir(src) + "/./playbook/", "the playbook itself"},
		{filepath.Join(src, "content"), "content folder"},
		{filepath.Join(src, "content", "guides"), "content folder"},
		{filepath.Join(src, "data"), "data folder"},
		{filepath.Join(src, "themes", "x", "public"), "themes folder"},
		{filepath.Join(src, "schemas"), "schemas folder"},
		{filepath.Join(src, ".git"), ".git folder"},
	} {
		err := CheckOut(src, tc.out)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("CheckOut(%s) refused: %v", tc.out, err)
		case tc.want != "" && err == nil:
			t.Errorf("CheckOut(%s) allowed it, want a refusal saying %q", tc.out, tc.want)
		case tc.want != "" && !strings.Contains(err.Error(), tc.want):
			t.Errorf("CheckOut(%s) = %v, want it to say %q", tc.out, err, tc.want)
		}
	}
	if data, err := os.ReadFile(filepath.Join(foreign, "notes.txt")); err != nil || string(data) != "keep me" {
		t.Errorf("a refused folder's file changed: %q, %v", data, err)
	}
}

func TestBeginWritesMarker(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	d, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(filepath.Join(out, Marker)); err != nil || !fi.Mode().IsRegular() {
		t.Fatalf("no marker in the output: %v", err)
	}
	// The output of a build may be replaced by the next.
	if err := CheckOut(t.TempDir(), out); err != nil {
		t.Errorf("a build's own output refused: %v", err)
	}
}

func TestCreateRefusesEscapes(t *testing.T) {
	parent := t.TempDir()
	d, err := Begin(filepath.Join(parent, "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, name := range []string{"../x", "/etc/x", "", "a/../../x", `a\..\x`, "../public/x"} {
		if w, err := d.Create(name); err == nil {
			w.Close()
			t.Errorf("Create(%q) was allowed", name)
		}
	}
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".public.building-") {
			t.Errorf("Create wrote %s beside the output", e.Name())
		}
	}
	// A folder of the site swapped for a link to outside does not lead
	// out of the site.
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(d.tmp, "guides")); err != nil {
		t.Fatal(err)
	}
	d.made["guides"] = true
	if w, err := d.Create("guides/x/index.html"); err == nil {
		w.Close()
	}
	if err := d.WriteFile("guides/y.html", []byte("x")); err == nil {
		t.Error("WriteFile through a link to outside the site was allowed")
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("a file was written outside the site through a link: %v", entries[0].Name())
	}
}

// TestManyFoldersKeepFewRoots writes pages in more folders than a Dir keeps
// roots of: every page is written, and the roots kept open stay bounded,
// so a playbook of thousands of records with pages below their own cannot
// use up the process's open files.
func TestManyFoldersKeepFewRoots(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	d, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	const n = 3 * maxRoots
	for i := range n {
		name := fmt.Sprintf("checklists/c%d/tally/index.html", i)
		if err := d.WriteFile(name, []byte(name)); err != nil {
			t.Fatal(err)
		}
		w, err := d.Create(fmt.Sprintf("checklists/c%d/index.html", i))
		if err != nil {
			t.Fatal(err)
		}
		w.Close()
	}
	if len(d.subs) > maxRoots {
		t.Errorf("%d roots kept open, more than %d", len(d.subs), maxRoots)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		name := fmt.Sprintf("checklists/c%d/tally/index.html", i)
		if data, err := os.ReadFile(filepath.Join(out, name)); err != nil || string(data) != name {
			t.Fatalf("%s: %q, %v", name, data, err)
		}
	}
}

// TestRemoveAllManyFolders removes a site with more top-level folders than
// removeAll opens roots of, and expects none of it left.
func TestRemoveAllManyFolders(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "old")
	for i := range 3 * maxRoots {
		sub := filepath.Join(dir, fmt.Sprintf("s%d", i), "page")
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, "index.html"), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := removeAll(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s is still there: %v", dir, err)
	}
}
