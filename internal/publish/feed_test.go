package publish_test

import (
	"context"
	"encoding/xml"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbook-edu/playbook/internal/build"
	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/publish"
	"github.com/playbook-edu/playbook/internal/write"
)

// goldenWithoutBaseURL returns the golden playbook with no baseURL line.
func goldenWithoutBaseURL(t *testing.T) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(golden), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(os.DirFS(golden), p)
		if p == "playbook.yaml" {
			data = regexp.MustCompile(`(?m)^baseURL: .*\n`).ReplaceAll(data, nil)
		}
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestFeedAddresses checks that every link of the feed is a full address
// and that its xml:base is the site's, against which readers resolve the
// links inside the entries' HTML; and that without a base URL the feed
// has no links at all rather than site paths, which a feed reader would
// resolve against the wrong site.
func TestFeedAddresses(t *testing.T) {
	for _, tc := range []struct {
		name string
		fsys fs.FS
		base string
	}{
		{"base URL", os.DirFS(golden), "https://example.org/playbook/"},
		{"no base URL", goldenWithoutBaseURL(t), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.List
			s, err := build.Load(context.Background(), tc.fsys, "", &diags)
			if err != nil || diags.HasErrors() {
				t.Fatal(err, diags.Items())
			}
			out := write.NewMemory()
			if err := s.Render(context.Background(), out, &diags); err != nil || diags.HasErrors() {
				t.Fatal(err, diags.Items())
			}
			data := file(t, out, publish.FeedFile)
			var f publish.AtomFeed
			if err := xml.Unmarshal(data, &f); err != nil {
				t.Fatal(err)
			}
			if f.Base != tc.base {
				t.Errorf("xml:base %q, want %q", f.Base, tc.base)
			}
			if len(f.Entries) != 3 {
				t.Fatalf("%d entries, want 3", len(f.Entries))
			}
			hrefs := regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(string(data), -1)
			if tc.base == "" {
				if len(hrefs) != 0 || strings.Contains(string(data), "xml:base") {
					t.Errorf("without a base URL the feed has links %v:\n%s", hrefs, data)
				}
				return
			}
			if want := 2 + len(f.Entries); len(hrefs) != want {
				t.Errorf("%d links, want %d (self, alternate, and one per entry)", len(hrefs), want)
			}
			for _, h := range hrefs {
				if !strings.HasPrefix(h[1], tc.base) {
					t.Errorf("link %q is not a full address on the site", h[1])
				}
			}
			if !strings.Contains(string(data), `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="`+tc.base+`"`) {
				t.Errorf("the feed element does not carry xml:base:\n%s", data[:200])
			}
		})
	}
}
