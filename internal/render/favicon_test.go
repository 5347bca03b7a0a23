package render_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/playbook-edu/playbook/internal/brand"
)

// TestFavicon checks the site's favicon.svg follows the brand: drawn in
// the primary color, or the district's logo when it is an SVG, or the
// theme's own favicon.svg when it has one.
func TestFavicon(t *testing.T) {
	const logo = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#225522"/></svg>`
	const own = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>`
	drawn := func(c brand.Colors) string {
		svg, err := brand.Favicon(c)
		if err != nil {
			t.Fatal(err)
		}
		return string(svg)
	}
	for _, tc := range []struct {
		name   string
		config string            // added to playbook.yaml
		files  map[string]string // added to the playbook
		want   string            // the favicon's bytes
		at     string            // the start of its address
	}{
		{"default color", "", nil, drawn(brand.Colors{}), "/playbook/assets/favicon."},
		{"brand color", "colors:\n  primary: \"#9B1C1C\"\n", nil, drawn(brand.Colors{Primary: "#9b1c1c"}), "/playbook/assets/favicon."},
		{"SVG logo", "theme: golden\nlogo: assets/logo.svg\ncolors:\n  primary: \"#9b1c1c\"\n",
			map[string]string{"themes/golden/static/assets/logo.svg": logo}, logo, "/playbook/assets/logo."},
		{"SVG logo outside assets", "theme: golden\nlogo: logo.svg\n",
			map[string]string{"themes/golden/static/logo.svg": logo}, logo, "/playbook/logo.svg"},
		{"PNG logo", "theme: golden\nlogo: assets/logo.png\n",
			map[string]string{"themes/golden/static/assets/logo.png": "\x89PNG\r\n\x1a\n"}, drawn(brand.Colors{}), "/playbook/assets/favicon."},
		{"the theme's own favicon", "theme: golden\nlogo: assets/logo.svg\n",
			map[string]string{"themes/golden/static/assets/logo.svg": logo, "themes/golden/static/assets/favicon.svg": own}, own, "/playbook/assets/favicon."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := built(t, goldenWith(t, func(c string) string { return c + tc.config }, tc.files))
			href := link(page(t, out, "index.html"), "icon", `type="image/svg+xml"`)
			if !strings.HasPrefix(href, tc.at) {
				t.Fatalf("the favicon is at %q, want %s…", href, tc.at)
			}
			data, ok := out.File(strings.TrimPrefix(href, "/playbook/"))
			if !ok {
				t.Fatalf("%s is linked but not written", href)
			}
			if !bytes.Equal(data, []byte(tc.want)) {
				t.Errorf("the favicon is\n%s\nwant\n%s", data, tc.want)
			}
		})
	}
}
