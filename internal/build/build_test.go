package build

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/render"
	"github.com/playbook-edu/playbook/internal/write"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden/want")

const goldenSrc = "../../testdata/golden/src"

// readTree returns every file under dir by slash-separated relative path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func mustBuild(t *testing.T, opts Options) {
	t.Helper()
	ds, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) == 0 {
		return
	}
	var b strings.Builder
	diag.Print(&b, diag.Text, ds)
	// The repository's own playbook is being rewritten for its second
	// edition (issue 15); until it is, its texts may draw reading-level
	// warnings, which `playbook check -strict` is there to report.
	if opts.Src == "../.." && !slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return d.Severity == diag.Error }) {
		t.Logf("warnings:\n%s", b.String())
		return
	}
	t.Fatalf("diagnostics:\n%s", b.String())
}

// TestGolden builds testdata/golden/src and compares every file with
// testdata/golden/want. Run with -update to accept a change.
func TestGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Src: goldenSrc, Out: out})
	got := readTree(t, out)
	wantDir := "../../testdata/golden/want"
	if *update {
		if err := os.RemoveAll(wantDir); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(wantDir, os.DirFS(out)); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := readTree(t, wantDir)
	for name, data := range want {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s: missing from the build", name)
		case !bytes.Equal(g, data):
			t.Errorf("%s differs from the golden file; run go test ./internal/build -run TestGolden -update and review the diff\n%s", name, firstDiff(g, data))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: built but not in the golden files", name)
		}
	}
}

func firstDiff(got, want []byte) string {
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(gl), len(wl)) {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			return "line " + strconv.Itoa(i+1) + ":\n  got:  " + g + "\n  want: " + w
		}
	}
	return ""
}

// TestDeterministic builds the same playbook with one and with four threads
// and expects identical trees.
func TestDeterministic(t *testing.T) {
	for _, src := range []string{goldenSrc, "../.."} {
		trees := make([]map[string][]byte, 2)
		for i, procs := range []int{1, 4} {
			prev := runtime.GOMAXPROCS(procs)
			out := filepath.Join(t.TempDir(), "public")
			mustBuild(t, Options{Src: src, Out: out})
			runtime.GOMAXPROCS(prev)
			trees[i] = readTree(t, out)
		}
		if len(trees[0]) != len(trees[1]) {
			t.Fatalf("%s: %d files with GOMAXPROCS=1, %d with 4", src, len(trees[0]), len(trees[1]))
		}
		for name, data := range trees[0] {
			if !bytes.Equal(data, trees[1][name]) {
				t.Errorf("%s: %s differs between GOMAXPROCS=1 and 4", src, name)
			}
		}
	}
}

// copyDir copies the golden playbook to a temporary folder to break.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "src")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestFailedBuildLeavesOutput checks that a build with content errors, or
// with a broken template, leaves the previous site byte for byte as it was
// and no temporary folder behind.
func TestFailedBuildLeavesOutput(t *testing.T) {
	breakages := map[string]struct{ file, text string }{
		"content error":  {"content/guides/beta.md", "---\ntitle: Beta\nsummary: S.\nroles: [nobody]\n---\n"},
		"template error": {"themes/broken/layouts/guide.html", `{{define "main"}}{{.Nothing}}{{end}}`},
	}
	for name, b := range breakages {
		t.Run(name, func(t *testing.T) {
			src := copyDir(t, goldenSrc)
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			mustBuild(t, Options{Src: src, Out: out})
			before := readTree(t, out)

			if err := os.MkdirAll(filepath.Dir(filepath.Join(src, b.file)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(src, b.file), []byte(b.text), 0o644); err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(b.file, "themes/") {
				cfg := filepath.Join(src, "playbook.yaml")
				data, _ := os.ReadFile(cfg)
				os.WriteFile(cfg, append(data, "theme: broken\n"...), 0o644)
			}
			ds, err := Build(context.Background(), Options{Src: src, Out: out})
			if err == nil && len(ds) == 0 {
				t.Fatal("the broken playbook built without a diagnostic")
			}
			after := readTree(t, out)
			if len(after) != len(before) {
				t.Fatalf("output has %d files after the failed build, %d before", len(after), len(before))
			}
			for name, data := range before {
				if !bytes.Equal(data, after[name]) {
					t.Errorf("%s changed", name)
				}
			}
			entries, _ := os.ReadDir(parent)
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("folder beside the output holds %v; want only public", names)
			}
		})
	}
}

// TestTemplateErrorPosition checks a broken override template is reported
// at its own file and line.
func TestTemplateErrorPosition(t *testing.T) {
	src := copyDir(t, goldenSrc)
	os.MkdirAll(filepath.Join(src, "themes/mine/layouts"), 0o755)
	os.WriteFile(filepath.Join(src, "themes/mine/layouts/guide.html"), []byte("{{define \"main\"}}\n<p>{{.Title}</p>{{end}}\n"), 0o644)
	cfg := filepath.Join(src, "playbook.yaml")
	data, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, append(data, "theme: mine\n"...), 0o644)
	ds, err := Build(context.Background(), Options{Src: src, Out: filepath.Join(t.TempDir(), "out")})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].File != "themes/mine/layouts/guide.html" || ds[0].Line != 2 {
		t.Fatalf("diagnostics %v; want one at themes/mine/layouts/guide.html:2", ds)
	}
}

// TestThemeOverride checks a fork's theme replaces single files.
func TestThemeOverride(t *testing.T) {
	src := copyDir(t, goldenSrc)
	os.MkdirAll(filepath.Join(src, "themes/district/layouts/partials"), 0o755)
	os.MkdirAll(filepath.Join(src, "themes/district/static"), 0o755)
	os.WriteFile(filepath.Join(src, "themes/district/layouts/partials/footer.html"), []byte(`<footer>Riverside footer</footer>`), 0o644)
	os.WriteFile(filepath.Join(src, "themes/district/static/logo.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), 0o644)
	cfg := filepath.Join(src, "playbook.yaml")
	data, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, append(data, "theme: district\nlogo: logo.svg\n"...), 0o644)
	out := filepath.Join(t.TempDir(), "out")
	mustBuild(t, Options{Src: src, Out: out})
	page, err := os.ReadFile(filepath.Join(out, "guides/alpha/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<footer>Riverside footer</footer>", `<img src="/playbook/logo.svg" alt=""`, `class="site-header"`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("guide page lacks %q", want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "logo.svg")); err != nil {
		t.Error("the theme's static file was not copied")
	}
}

// TestBaseURLFlag checks -base-url replaces playbook.yaml's address in links,
// canonical URLs and the sitemap.
func TestBaseURLFlag(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	mustBuild(t, Options{Src: goldenSrc, Out: out, BaseURL: "https://preview.example.net/"})
	page, _ := os.ReadFile(filepath.Join(out, "guides/beta/index.html"))
	for _, want := range []string{`href="/guides/alpha/#steps"`, `<link rel="canonical" href="https://preview.example.net/guides/beta/">`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("guide page lacks %q", want)
		}
	}
	sm, _ := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if !bytes.Contains(sm, []byte("<loc>https://preview.example.net/guides/beta/</loc>")) {
		t.Errorf("sitemap does not use the flag's base URL:\n%s", sm)
	}
}

// TestOutFolderRefused checks the output folders that would damage the
// playbook are refused before anything is written.
func TestOutFolderRefused(t *testing.T) {
	src := copyDir(t, goldenSrc)
	for _, out := range []string{src, filepath.Dir(src), filepath.Join(src, "content"), filepath.Join(src, "data", "site"), filepath.Join(src, "themes", "x")} {
		if _, err := Build(context.Background(), Options{Src: src, Out: out}); err == nil {
			t.Errorf("building into %s was allowed", out)
		}
	}
	if err := write.CheckOut(src, filepath.Join(src, "public")); err != nil {
		t.Errorf("public inside the playbook refused: %v", err)
	}
}

// hostile is text that would run script if it reached a page unescaped.
const hostile = `<script>alert(1)</script>"><img src=x onerror=alert(2)>`

// TestHostileTextEscaped puts script in every text field of every data
// file and in Markdown, and checks no page contains an element, attribute
// or URL that could run it.
func TestHostileTextEscaped(t *testing.T) {
	q := func(s string) string {
		return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
	}
	h := q(hostile)
	md := q("Text " + hostile + " [click](javascript:alert(3)) [data](data:text/html,<script>alert(4)</script>) <iframe src=\"x\"></iframe> ![img](javascript:alert(5))")
	fsys := fstest.MapFS{
		"playbook.yaml":         {Data: []byte("title: " + h + "\ndistrict: " + h + "\ntagline: " + h + "\ndescription: " + h + "\nvision: " + md + "\nfooter: " + h + "\ncontact: " + h + "\nbaseURL: https://example.org/\nrepoURL: " + q(`https://github.com/x/y"><script>alert(6)</script>`) + "\n")},
		"data/roles.yaml":       {Data: []byte("- id: teacher\n  name: " + h + "\n  summary: " + h + "\n  description: " + md + "\n  spheres: [" + h + "]\n  pathway:\n    - guide: g\n      why: " + h + "\n  checklist: c\n")},
		"data/systems.yaml":     {Data: []byte("- code: LDR\n  name: " + h + "\n  sector: " + h + "\n  summary: " + h + "\n  definition: " + md + "\n")},
		"data/goals.yaml":       {Data: []byte("- id: goal\n  title: " + h + "\n  status: active\n  summary: " + h + "\n  why: " + md + "\n  indicators: [" + h + "]\n  owners: [teacher]\n  strategies: [g]\n  questions:\n    vision: " + h + "\n    priorities: " + h + "\n    systems: " + h + "\n    actions: " + h + "\n    monitoring: " + h + "\n")},
		"data/stories.yaml":     {Data: []byte("- id: s\n  title: " + h + "\n  date: 2025-01-01\n  summary: " + h + "\n  evidence: [" + h + "]\n  roles: [teacher]\n  guides: [g]\n  body: " + md + "\n")},
		"data/checklists.yaml":  {Data: []byte("- id: c\n  title: " + h + "\n  summary: " + h + "\n  sections:\n    - title: " + h + "\n      items:\n        - id: i\n          text: " + h + "\n")},
		"data/reflections.yaml": {Data: []byte("- id: r\n  title: " + h + "\n  summary: " + h + "\n  prompts:\n    - id: p\n      kind: text\n      text: " + h + "\n      help: " + h + "\n    - id: s\n      kind: scale\n      text: " + h + "\n      scale: {minLabel: " + h + ", maxLabel: " + h + "}\n    - id: ch\n      kind: choice\n      text: " + h + "\n      choices: [" + h + ", " + q(hostile+"2") + "]\n")},
		"content/guides/g.md":   {Data: []byte("---\ntitle: " + h + "\nsummary: " + h + "\nroles: [teacher]\nsystems: [LDR]\nchecklist: c\nreflection: r\n---\n# Heading " + hostile + "\n\n" + hostile + "\n\n<div onclick=\"alert(7)\">raw</div>\n\n[x](javascript:alert(8))\n\n<a href=\"javascript:alert(9)\">raw link</a>\n")},
		"content/pages/p.md":    {Data: []byte("---\ntitle: " + h + "\nsummary: " + h + "\nmenu: true\n---\n<script>alert(10)</script>\n")},
	}
	var diags diag.List
	site, err := Load(context.Background(), fsys, "", &diags)
	if err != nil {
		t.Fatal(err)
	}
	// The script URL given as an image is reported; the site must still
	// render it harmlessly, so every other error fails the test.
	for _, d := range diags.Items() {
		if d.Severity == diag.Error && d.Message != `image "javascript:alert(5)" is not the address of an image` {
			var b strings.Builder
			diag.Print(&b, diag.Text, diags.Items())
			t.Fatalf("diagnostics:\n%s", b.String())
		}
	}
	diags = diag.List{}
	out := write.NewMemory()
	if err := site.Render(context.Background(), out, &diags); err != nil || diags.HasErrors() {
		t.Fatalf("render: %v %v", err, diags.Items())
	}
	pages := 0
	for _, name := range out.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		data, _ := out.File(name)
		checkNoScript(t, name, data)
		if !bytes.Contains(data, []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) && name != "404.html" {
			t.Errorf("%s does not show the hostile text escaped", name)
		}
	}
	if pages < 15 {
		t.Fatalf("only %d pages rendered", pages)
	}
}

// checkNoScript fails if the page has a script element other than the
// theme's own empty <script src>, an event handler attribute, an iframe, or
// a URL with a script scheme.
func checkNoScript(t *testing.T, name string, data []byte) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				checkScript(t, name, n)
			case "iframe", "object", "embed":
				t.Errorf("%s: has a <%s> element", name, n.Data)
			}
			for _, a := range n.Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: <%s> has an event handler %s", name, n.Data, a.Key)
				}
				if (a.Key == "href" || a.Key == "src") && (strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:text")) {
					t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

// checkScript fails unless a <script> element is one of the kinds a page
// may have: the theme's own script, loaded from the site, or a data block
// (JSON-LD, or the messages of the theme's scripts), which browsers never
// run, holding valid JSON with no "<" that could close the element early.
func checkScript(t *testing.T, name string, n *html.Node) {
	t.Helper()
	switch src := attr(n, "src"); {
	case src != "":
		if !strings.HasPrefix(src, "/") || strings.HasPrefix(src, "//") || !strings.HasSuffix(src, ".js") {
			t.Errorf("%s: <script src=%q> is not a script of the site's own", name, src)
		}
		if n.FirstChild != nil {
			t.Errorf("%s: <script src=%q> has content", name, src)
		}
	case attr(n, "type") == "application/ld+json" || attr(n, "type") == "application/json":
		var text string
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			text += c.Data
		}
		if strings.Contains(text, "<") || !json.Valid([]byte(text)) {
			t.Errorf("%s: a data block is not valid JSON with < escaped: %s", name, text)
		}
	default:
		t.Errorf("%s: inline <script>", name)
	}
}

// TestStrictCSP checks the pages of the golden and the default playbook
// would run under a Content-Security-Policy without 'unsafe-inline': no
// style attribute or element, no inline script, no event handler, and no
// request to another site.
func TestStrictCSP(t *testing.T) {
	for _, src := range []string{goldenSrc, "../.."} {
		out := filepath.Join(t.TempDir(), "public")
		mustBuild(t, Options{Src: src, Out: out})
		for name, data := range readTree(t, out) {
			if bytes.Contains(data, []byte("_playbook")) {
				t.Errorf("%s: mentions the dev server's live reload", name)
			}
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			doc, err := html.Parse(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			var walk func(n *html.Node)
			walk = func(n *html.Node) {
				if n.Type == html.ElementNode {
					if n.Data == "style" {
						t.Errorf("%s: inline <%s>", name, n.Data)
					}
					if n.Data == "script" {
						checkScript(t, name, n) // JSON-LD is data, not script: the policy allows it
					}
					for _, a := range n.Attr {
						if a.Key == "style" || strings.HasPrefix(a.Key, "on") {
							t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
						}
					}
					for _, key := range []string{"src", "href"} {
						v := attr(n, key)
						if n.Data != "a" && (strings.HasPrefix(v, "http:") || strings.HasPrefix(v, "https:") || strings.HasPrefix(v, "//")) && !(n.Data == "link" && (attr(n, "rel") == "canonical" || attr(n, "rel") == "alternate" && attr(n, "hreflang") != "")) {
							t.Errorf("%s: <%s %s=%q> loads from another site", name, n.Data, key, v)
						}
					}
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
			}
			walk(doc)
		}
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestNetlifyHeaders checks netlify.toml sends the policy the pages are
// built for, and a year's caching for fingerprinted assets.
func TestNetlifyHeaders(t *testing.T) {
	data, err := os.ReadFile("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`Content-Security-Policy = "` + render.ContentSecurityPolicy + `"`,
		`X-Content-Type-Options = "nosniff"`,
		`Referrer-Policy = "no-referrer"`,
		`for = "/assets/*"`,
		`Cache-Control = "public, max-age=31536000, immutable"`,
		`publish = "public"`,
	} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("netlify.toml lacks %s", want)
		}
	}
}

// TestRendererWritesOnlyChanges renders the same playbook twice with one
// Renderer: the second time nothing is rendered or written; a change of
// base URL changes every page.
func TestRendererWritesOnlyChanges(t *testing.T) {
	r := NewBuilder()
	out := write.NewMemory()
	for i, base := range []string{"https://a.example/", "https://a.example/", "https://b.example/"} {
		var diags diag.List
		site, err := Load(context.Background(), os.DirFS(goldenSrc), base, &diags)
		if err != nil || diags.HasErrors() {
			t.Fatal(err, diags.Items())
		}
		if err := r.Render(context.Background(), site, out, &diags); err != nil || diags.HasErrors() {
			t.Fatal(err, diags.Items())
		}
		switch i {
		case 0, 2:
			// Every page but /print/, which is made when asked for.
			if r.Rendered != 26 {
				t.Errorf("render %d rendered %d pages, want all 26", i, r.Rendered)
			}
			if data, ok, err := r.Make("print/index.html"); !ok || err != nil || len(data) == 0 {
				t.Errorf("render %d: /print/ is not made when asked for: %v, %v", i, ok, err)
			}
		case 1:
			if r.Rendered != 0 || len(r.Changed) != 0 {
				t.Errorf("an unchanged playbook rendered %d pages and changed %v", r.Rendered, r.Changed)
			}
		}
	}
}

// TestRenderAssetsAlone checks a renderer that wrote a site can copy a
// changed stylesheet without rendering pages, and declines when the set of
// assets changed.
func TestRenderAssetsAlone(t *testing.T) {
	src := copyDir(t, goldenSrc)
	os.MkdirAll(filepath.Join(src, "themes/mine/static/assets"), 0o755)
	css, _ := os.ReadFile("../../themes/default/static/assets/playbook.css")
	os.WriteFile(filepath.Join(src, "themes/mine/static/assets/playbook.css"), css, 0o644)
	cfg, _ := os.ReadFile(filepath.Join(src, "playbook.yaml"))
	os.WriteFile(filepath.Join(src, "playbook.yaml"), append(cfg, "theme: mine\n"...), 0o644)

	r := NewBuilder()
	out := write.NewMemory()
	var diags diag.List
	site, err := r.Load(context.Background(), src, "", &diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	if err := r.Render(context.Background(), site, out, &diags); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(src, "themes/mine/static/assets/playbook.css"), append(css, "\nh1 { color: inherit; }\n"...), 0o644)
	ok, err := r.RenderAssets(src, out, &diags)
	if err != nil || !ok || strings.Join(r.Changed, " ") != "assets/playbook.css" {
		t.Fatalf("RenderAssets = %v, %v, changed %v; want the stylesheet alone", ok, err, r.Changed)
	}
	if data, _ := out.File("assets/playbook.css"); !bytes.Contains(data, []byte("color: inherit")) {
		t.Error("the new stylesheet was not written")
	}
	os.WriteFile(filepath.Join(src, "themes/mine/static/assets/extra.js"), []byte("//"), 0o644)
	if ok, _ := r.RenderAssets(src, out, &diags); ok {
		t.Error("RenderAssets copied a new asset that pages would need to link to")
	}
}

// A mistake in a district's own template is reported once, in that file,
// at its line and column, not as the default theme's page templates once
// per page.
func TestThemeOverrideErrorsInTheirOwnFile(t *testing.T) {
	for _, tc := range []struct {
		partial, want string
	}{
		{"<header>{{.Site.Titel}}</header>\n",
			`themes/mine/layouts/partials/header.html:1:15: error: the template does not work: <.Site.Titel>: can't evaluate field Titel in type SiteView (did you mean "Title"?)`},
		{"<header>\n{{if}}</header>\n",
			`themes/mine/layouts/partials/header.html:2: error: the template does not work: missing value for if`},
	} {
		src := copyDir(t, goldenSrc)
		os.MkdirAll(filepath.Join(src, "themes/mine/layouts/partials"), 0o755)
		os.WriteFile(filepath.Join(src, "themes/mine/layouts/partials/header.html"), []byte(tc.partial), 0o644)
		cfg, _ := os.ReadFile(filepath.Join(src, "playbook.yaml"))
		os.WriteFile(filepath.Join(src, "playbook.yaml"), append(cfg, "theme: mine\n"...), 0o644)
		ds, err := Build(context.Background(), Options{Src: src, Out: filepath.Join(t.TempDir(), "public")})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range ds {
			got = append(got, d.String())
		}
		if strings.Join(got, "\n") != tc.want {
			t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), tc.want)
		}
	}
}

func TestLogoErrorAtItsLine(t *testing.T) {
	src := copyDir(t, goldenSrc)
	cfg, _ := os.ReadFile(filepath.Join(src, "playbook.yaml"))
	os.WriteFile(filepath.Join(src, "playbook.yaml"), append(cfg, "\n\nlogo: assets/logo.svg\n"...), 0o644)
	lines := strings.Count(string(cfg), "\n") + 3
	ds, err := Build(context.Background(), Options{Src: src, Out: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`playbook.yaml:%d:7: error: logo "assets/logo.svg" is not in the theme's static folder`, lines)
	if len(ds) != 1 || ds[0].String() != want {
		t.Errorf("diagnostics %v, want %s", ds, want)
	}
}
