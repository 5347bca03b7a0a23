package source

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
)

func TestFSRefuses(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.txt")
	mustWrite(t, secret, "SECRET")
	mustWrite(t, filepath.Join(dir, "playbook.yaml"), "title: T\n")
	mustWrite(t, filepath.Join(dir, "content/guides/a.md"), "---\n---\n")
	mustWrite(t, filepath.Join(outside, "guides/b.md"), "SECRET")
	mustLink(t, secret, filepath.Join(dir, "content/images/secret.png"))
	mustLink(t, "../guides/a.md", filepath.Join(dir, "content/images/inside.png"))
	mustLink(t, filepath.Join(outside, "guides"), filepath.Join(dir, "content/linked"))
	if err := syscall.Mkfifo(filepath.Join(dir, "content/images/pipe.png"), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "content/images/big.png")
	mustWrite(t, big, "")
	if err := os.Truncate(big, MaxFileSize+1); err != nil {
		t.Fatal(err)
	}

	fsys, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	clean, err := Open(filepath.Join(dir, "content", "guides"))
	if err != nil {
		t.Fatal(err)
	}
	defer clean.Close()
	if err := fstest.TestFS(clean, "a.md"); err != nil {
		t.Errorf("FS does not behave as an fs.FS: %v", err)
	}
	for _, tc := range []struct {
		name string
		want error
	}{
		{"content/images/secret.png", ErrSymlink},
		{"content/images/inside.png", ErrSymlink},
		{"content/linked", ErrSymlink},
		{"content/linked/b.md", ErrSymlink},
		{"content/images/pipe.png", ErrNotRegular},
		{"content/images/big.png", ErrTooLarge},
		{"../" + filepath.Base(outside) + "/secret.txt", fs.ErrInvalid},
		{"/etc/passwd", fs.ErrInvalid},
	} {
		data, err := fs.ReadFile(fsys, tc.name)
		if !errors.Is(err, tc.want) {
			t.Errorf("ReadFile(%s) = %q, %v; want %v", tc.name, data, err, tc.want)
		}
		if tc.want != fs.ErrInvalid && !IsRefused(err) {
			t.Errorf("ReadFile(%s): IsRefused(%v) is false", tc.name, err)
		}
		if strings.Contains(string(data), "SECRET") {
			t.Errorf("ReadFile(%s) read a file from outside the playbook", tc.name)
		}
	}
	if _, err := fsys.Stat("content/linked/b.md"); !errors.Is(err, ErrSymlink) {
		t.Errorf("Stat through a linked folder = %v, want ErrSymlink", err)
	}
	entries, err := fsys.ReadDir("content/images")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "big.png inside.png pipe.png secret.png" {
		t.Errorf("ReadDir listed %q, sorted, want every entry", got)
	}
}

func mustWrite(t *testing.T, p, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustLink(t *testing.T, target, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

// Minimal files of each format, as their first bytes.
var (
	png  = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
	jpeg = "\xff\xd8\xff\xe0\x00\x10JFIF"
	gif  = "GIF89a\x01\x00\x01\x00"
	webp = "RIFF\x1a\x00\x00\x00WEBPVP8L"
	avif = "\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"
	heic = "\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
	svg  = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/><use href="#g"/><style>rect{fill:url(#g)}</style></svg>`
)

func TestCheckImage(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		want       string // part of the error, or "" for none
	}{
		{"a.png", png, ""},
		{"a.PNG", png, ""},
		{"a.jpg", jpeg, ""},
		{"a.jpeg", jpeg, ""},
		{"a.gif", gif, ""},
		{"a.webp", webp, ""},
		{"a.avif", avif, ""},
		{"a.svg", svg, ""},
		{"a.svg", "\n  <svg xmlns='http://www.w3.org/2000/svg'><circle r='1'/></svg>", ""},
		{"a.avif", heic, "not a AVIF image"},
		{"a.jpg", png, "is a PNG image but its name ends in .jpg"},
		{"a.png", "<html><script>alert(1)</script></html>", "not a PNG image"},
		{"page.html", "<html><script>alert(1)</script></html>", "is not an image"},
		{"x.js", "alert(1)", "is not an image"},
		{"x", png, "is not an image"},
		{"a.svg", "<html><body/></html>", "not an SVG image"},
		{"a.svg", `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`, "<script> element"},
		{"a.svg", `<svg xmlns="http://www.w3.org/2000/svg"><SCRIPT>alert(1)</SCRIPT></svg>`, "<SCRIPT> element"},
		{"a.svg", `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`, "event attribute onload"},
		{"a.svg", `<svg xmlns="http://www.w3.org/2000/svg"><rect onClick="x()"/></svg>`, "event attribute onClick"},
		{"a.svg", `<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml"/></foreignObject></svg>`, "<foreignObject> element"},
		{"a.svg", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)"><rect/></a></svg>`, "link to \"javascript:alert(1)\""},
		{"a.svg", `<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/p.png"/></svg>`, "link to \"https://tracker.example/p.png\""},
		{"a.svg", `<svg xmlns="http://www.w3.org/2000/svg"><use href="other.svg#x"/></svg>`, "link to \"other.svg#x\""},
		{"a.svg", `<svg xmlns="http://www.w3.org/2000/svg"><a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a></svg>`, "<set> element"},
		{"a.svg", `<svg xmlns="http://www.w3.org/2000/svg"><animate attributeName="href" values="javascript:alert(1)"/></svg>`, "<animate> element"},
		{"a.svg", `<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x.example/a.css);</style></svg>`, "loads another file"},
		{"a.svg", `<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url( 'https://x.example/p' )"/></svg>`, "url()"},
		{"a.svg", `<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(https://x.example/p)"/></svg>`, "url()"},
		{"a.svg", `<?xml-stylesheet href="https://x.example/a.css"?><svg xmlns="http://www.w3.org/2000/svg"/>`, "loads a stylesheet"},
		{"a.svg", `<!DOCTYPE svg [<!ENTITY a "lol">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>`, "<!DOCTYPE>"},
		{"a.svg", `<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>`, "not a well-formed SVG"},
	} {
		err := CheckImage(tc.name, []byte(tc.data))
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("CheckImage(%s, %.40q) = %v, want no error", tc.name, tc.data, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("CheckImage(%s, %.40q) = %v, want an error saying %q", tc.name, tc.data, err, tc.want)
		}
	}
}

func TestCheckThemeFile(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		bad        bool
	}{
		{"static/assets/site.css", "body{}", false},
		{"static/assets/extra.js", "console.log(1)", false},
		{"static/fonts/a.woff2", "wOF2\x00\x01", false},
		{"static/logo.svg", svg, false},
		{"static/logo.png", png, false},
		{"static/index.html", "<p>hi</p>", true},
		{"static/page.XHTML", "<p>hi</p>", true},
		{"static/feed.xml", "<rss/>", true},
		{"static/x.xsl", "<x/>", true},
		{"static/fonts/a.woff2", "<!DOCTYPE html><html><script>alert(1)</script>", true},
		{"static/logo.svg", `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`, true},
		{"static/logo.png", "not a png", true},
	} {
		if err := CheckThemeFile(tc.name, []byte(tc.data)); (err != nil) != tc.bad {
			t.Errorf("CheckThemeFile(%s) = %v, want refused %v", tc.name, err, tc.bad)
		}
	}
}

// TestManyFoldersKeepFewRoots reads files from more folders than an FS
// keeps roots of: every file is read, and the roots kept open stay bounded.
func TestManyFoldersKeepFewRoots(t *testing.T) {
	dir := t.TempDir()
	const n = 3 * maxRoots
	for i := range n {
		sub := filepath.Join(dir, "content", "images", fmt.Sprintf("set%d", i))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, "a.txt"), []byte(sub), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i := range n {
		name := fmt.Sprintf("content/images/set%d/a.txt", i)
		if data, err := f.ReadFile(name); err != nil || !strings.HasSuffix(string(data), fmt.Sprintf("set%d", i)) {
			t.Fatalf("%s: %q, %v", name, data, err)
		}
	}
	if got := f.nsubs.Load(); got > maxRoots {
		t.Errorf("%d roots kept open, more than %d", got, maxRoots)
	}
	// A refusal still names the file by its whole path.
	if err := os.Symlink("a.txt", filepath.Join(dir, "content/images/set0/link.txt")); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ReadFile("content/images/set0/link.txt"); !errors.Is(err, ErrSymlink) || !strings.Contains(err.Error(), "content/images/set0/link.txt") {
		t.Errorf("a link read through a folder's root: %v", err)
	}
}
