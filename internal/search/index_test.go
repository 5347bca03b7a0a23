package search_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbook-edu/playbook/internal/build"
	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/search"
	"github.com/playbook-edu/playbook/internal/synth"
	"github.com/playbook-edu/playbook/internal/write"
)

// load links the playbook in fsys, failing on any diagnostic.
func load(t testing.TB, fsys fstest.MapFS) *link.Graph {
	t.Helper()
	var diags diag.List
	site, err := build.Load(context.Background(), fsys, "", &diags)
	if err != nil {
		t.Fatal(err)
	}
	if diags.HasErrors() {
		var b strings.Builder
		diag.Print(&b, diag.Text, diags.Items())
		t.Fatalf("diagnostics:\n%s", b.String())
	}
	return site.Graph
}

// playbook is a small playbook whose words are placed to test ranking:
// "compass" is in one guide's title, another's summary and a third's body.
func playbook() fstest.MapFS {
	guide := func(front, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\n" + front + "\n---\n" + body + "\n")}
	}
	return fstest.MapFS{
		"playbook.yaml":     {Data: []byte("title: Test\ndistrict: Test District\n")},
		"data/roles.yaml":   {Data: []byte("- id: teacher\n  name: Teacher\n  summary: Leads a classroom.\n- id: student\n  name: Student\n  summary: Leads peers.\n")},
		"data/systems.yaml": {Data: []byte("- code: LDR\n  name: Leadership\n  summary: How leading is shared.\n  definition: Shared leading.\n- code: AWP\n  name: Alignment of Work Processes\n  summary: Work lines up.\n  definition: Aligned.\n")},
		"data/stories.yaml": {Data: []byte("- id: a-story\n  title: A story of mentors\n  date: 2025-01-02\n  summary: Mentors helped.\n  roles: [student]\n  body: The mentors met weekly.\n")},
		"content/guides/title.md": guide("title: The compass\nsummary: Finding direction.\nroles: [teacher]\nsystems: [LDR]",
			"Text about direction."),
		"content/guides/summary.md": guide("title: Direction finding\nsummary: A compass for teams.\nroles: [student]\nsystems: [AWP]",
			"Text about teams."),
		"content/guides/body.md": guide("title: Wayfinding\nsummary: Getting there.\nroles: [teacher, student]",
			"A compass, a compass, a compass, a compass, a compass and a compass again."),
		"content/guides/mentoring.md": guide("title: Peer mentoring\nsummary: Pair colleagues.\nroles: [teacher]",
			"Mentors meet often. The mentoring relationships grow."),
		"content/guides/trust.md": guide("title: Trust\nsummary: Trust people with responsibility.\nroles: [teacher]",
			"Trust is built."),
		"content/guides/trust-more.md": guide("title: Trust and responsibility for trust\nsummary: Trust, trust and more trust.\nroles: [teacher]",
			"Trust trust trust trust trust trust."),
	}
}

func titles(ix *search.Index, rs []search.Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, ix.Docs[r.Doc].Title)
	}
	return out
}

func TestSearch(t *testing.T) {
	ix := search.Build(load(t, playbook()), nil)
	for _, tc := range []struct {
		name, query string
		filter      search.Filter
		want        []string
	}{
		{"title above summary above body", "compass ", search.Filter{}, []string{"The compass", "Direction finding", "Wayfinding"}},
		{"stemming: mentoring finds mentors", "mentoring ", search.Filter{}, []string{"A story of mentors", "Peer mentoring"}},
		{"stemming: mentors finds mentoring", "mentors ", search.Filter{}, []string{"A story of mentors", "Peer mentoring"}},
		{"exact title first", "trust", search.Filter{}, []string{"Trust", "Trust and responsibility for trust"}},
		{"exact title ignores case and punctuation", "TRUST!", search.Filter{}, []string{"Trust", "Trust and responsibility for trust"}},
		{"all words must match", "compass teams ", search.Filter{}, []string{"Direction finding"}},
		{"the last word is a prefix while typing", "compa", search.Filter{}, []string{"The compass", "Direction finding", "Wayfinding"}},
		{"but not once a space follows it", "compa ", search.Filter{}, nil},
		{"a longer word finds its stem while typing", "mentori", search.Filter{}, []string{"A story of mentors", "Peer mentoring"}},
		{"no result", "zebra", search.Filter{}, nil},
		{"only common words", "the and of", search.Filter{}, nil},
		{"empty", "  ", search.Filter{}, nil},
		{"filter by role", "compass ", search.Filter{Role: "student"}, []string{"Direction finding", "Wayfinding"}},
		{"filter by system", "compass ", search.Filter{System: "LDR"}, []string{"The compass"}},
		{"filter by role and system", "compass ", search.Filter{Role: "student", System: "LDR"}, nil},
		{"unknown filter keeps nothing", "compass ", search.Filter{Role: "nobody"}, nil},
		{"roles are documents, and their own role", "leads", search.Filter{Role: "student"}, []string{"Student"}},
		{"systems by code", "awp", search.Filter{}, []string{"Alignment of Work Processes (AWP)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := titles(ix, ix.Search(tc.query, tc.filter))
			if strings.Join(got, " | ") != strings.Join(tc.want, " | ") {
				t.Errorf("Search(%q, %+v) = %q, want %q", tc.query, tc.filter, got, tc.want)
			}
		})
	}
}

// TestSearchSpanish searches the small Spanish playbook: stems and stop
// words are Spanish, and a word is found with or without its accents,
// exact titles included.
func TestSearchSpanish(t *testing.T) {
	var diags diag.List
	site, err := build.Load(context.Background(), os.DirFS("testdata/es"), "", &diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Items())
	}
	ix := search.Build(site.Graph, nil)
	for _, tc := range []struct {
		name, query string
		want        []string
	}{
		{"accented", "matemáticas ", []string{"Matemáticas en equipo", "Tutoría entre compañeros"}},
		{"without accents", "matematicas ", []string{"Matemáticas en equipo", "Tutoría entre compañeros"}},
		{"another form", "matemática ", []string{"Matemáticas en equipo", "Tutoría entre compañeros"}},
		{"ñ as n", "nino ", []string{"Tutoría entre compañeros", "Matemáticas en equipo"}},
		{"plural", "niños ", []string{"Tutoría entre compañeros", "Matemáticas en equipo"}},
		{"exact title without accents", "reflexion del viernes", []string{"Reflexión del viernes"}},
		{"stop words, with and without accents", "de la más mas que qué", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs := ix.Search(tc.query, search.Filter{})
			if got := titles(ix, rs); strings.Join(got, " | ") != strings.Join(tc.want, " | ") {
				t.Errorf("Search(%q) = %q, want %q", tc.query, got, tc.want)
			}
		})
	}
	if rs := ix.Search("Reflexion del Viernes", search.Filter{}); len(rs) == 0 || !rs[0].Exact {
		t.Errorf("an exact title typed without its accent is not marked exact: %v", rs)
	}
}

// TestScoresFollowWeights checks the scores of one word in the title, the
// summary and the body keep the weights' order, and that the exact title
// match is marked.
func TestScoresFollowWeights(t *testing.T) {
	ix := search.Build(load(t, playbook()), nil)
	rs := ix.Search("compass ", search.Filter{})
	if len(rs) != 3 || !(rs[0].Score > rs[1].Score && rs[1].Score > rs[2].Score) {
		t.Fatalf("scores %v, want title > summary > body", rs)
	}
	if rs := ix.Search("trust", search.Filter{}); !rs[0].Exact || rs[0].Score >= rs[1].Score || rs[1].Exact {
		t.Errorf("results %v: want the exact title first although it scores lower", rs)
	}
}

// TestIndexJSONRoundTrip decodes the index file's postings as search.js
// does and compares them with the index.
func TestIndexJSONRoundTrip(t *testing.T) {
	ix := search.Build(load(t, playbook()), nil)
	file := decodeIndex(t, ix.JSON())
	if len(file.Docs) != len(ix.Docs) || len(file.Terms) != len(ix.Postings) {
		t.Fatalf("file has %d docs and %d terms, index %d and %d", len(file.Docs), len(file.Terms), len(ix.Docs), len(ix.Postings))
	}
	for stem, ps := range ix.Postings {
		got := file.postings(stem)
		if len(got) != len(ps) {
			t.Fatalf("%s: %v, want %v", stem, got, ps)
		}
		for i := range ps {
			if got[i] != ps[i] {
				t.Errorf("%s: posting %d is %v, want %v", stem, i, got[i], ps[i])
			}
		}
	}
}

// TestIndexSize checks the index is at most a quarter of the size of the
// text of every page of the site (tags stripped), for this repository's
// playbook and for a synthetic one.
func TestIndexSize(t *testing.T) {
	synthetic := filepath.Join(t.TempDir(), "synth")
	if err := synth.Write(synthetic, 300); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{"../..", synthetic} {
		out := write.NewMemory()
		var diags diag.List
		site, err := build.Load(context.Background(), os.DirFS(src), "", &diags)
		if err != nil || diags.HasErrors() {
			t.Fatal(err, diags.Items())
		}
		if err := site.Render(context.Background(), out, &diags); err != nil || diags.HasErrors() {
			t.Fatal(err, diags.Items())
		}
		text := 0
		for _, name := range out.Names() {
			if strings.HasSuffix(name, ".html") {
				data, _ := out.File(name)
				text += len(strings.Join(strings.Fields(search.PlainText(string(data))), " "))
			}
		}
		index, _ := out.File(search.IndexFile)
		ratio := float64(len(index)) / float64(text)
		t.Logf("%s: index %d bytes, site text %d bytes: %.1f%%", src, len(index), text, 100*ratio)
		if ratio > 0.25 {
			t.Errorf("%s: the index is %.1f%% of the site's text; at most 25%% allowed", src, 100*ratio)
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, 1000); err != nil {
		b.Fatal(err)
	}
	var diags diag.List
	site, err := build.Load(context.Background(), os.DirFS(dir), "", &diags)
	if err != nil {
		b.Fatal(err)
	}
	ix := search.Build(site.Graph, nil)
	for b.Loop() {
		ix.Search("team lea", search.Filter{})
	}
}

var update = flag.Bool("update", false, "rewrite testdata/index-sums.txt from the indexes built now")

// TestIndexUnchanged builds the index of the golden playbook and of the
// 10,000-guide synthetic one, both English, and compares its documents and
// stems with the checksums in testdata/index-sums.txt, which were taken
// from the index before the stemmer and the word table were libraries; and
// checks the language that comes before them in the file.
func TestIndexUnchanged(t *testing.T) {
	synthetic := filepath.Join(t.TempDir(), "synth")
	if err := synth.Write(synthetic, 10000); err != nil {
		t.Fatal(err)
	}
	const sumsFile = "testdata/index-sums.txt"
	data, err := os.ReadFile(sumsFile)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	var comments []string
	for line := range strings.Lines(string(data)) {
		if strings.HasPrefix(line, "#") {
			comments = append(comments, line)
			continue
		}
		if name, sum, ok := strings.Cut(strings.TrimSpace(line), " "); ok {
			want[name] = sum
		}
	}
	header := `{"v":2,"lang":"en","stop":["` + strings.Join(search.LanguageOf("en").StopWords, `","`) + `"]`
	got := map[string]string{}
	for _, pb := range []struct{ name, src string }{{"golden", "../../testdata/golden/src"}, {"synthetic-10000", synthetic}} {
		var diags diag.List
		site, err := build.Load(context.Background(), os.DirFS(pb.src), "", &diags)
		if err != nil || diags.HasErrors() {
			t.Fatal(pb.name, err, diags.Items())
		}
		file := search.Build(site.Graph, nil).JSON()
		i := bytes.Index(file, []byte(`,"kinds":`))
		if i < 0 || string(file[:i]) != header {
			t.Errorf("%s: the index begins %.200q, want %.200q", pb.name, file[:max(i, 0)], header)
			continue
		}
		got[pb.name] = fmt.Sprintf("%x %d", sha256.Sum256(file[i:]), len(file)-i)
		if got[pb.name] != want[pb.name] && !*update {
			t.Errorf("%s: the index's documents and stems are %s, want %s: if the change is meant, run go test ./internal/search -run TestIndexUnchanged -update and say why in the commit",
				pb.name, got[pb.name], want[pb.name])
		}
	}
	if *update {
		out := strings.Join(comments, "")
		for _, name := range []string{"golden", "synthetic-10000"} {
			out += name + " " + got[name] + "\n"
		}
		if err := os.WriteFile(sumsFile, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
