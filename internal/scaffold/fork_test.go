package scaffold

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/playbook-edu/playbook"
	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/load"
	"github.com/playbook-edu/playbook/schemas"
)

// defaultNames returns what only the default playbook's district is
// called by: ids, the ids of its roles, systems, goals, stories, guides,
// groups, checklists and reflection forms, and its roles' names; words,
// its systems' codes, names and sectors, its district's name, and the
// words that named its systems as a law of the tool. (Glossary terms and
// pages are left out: their ids are ordinary words, such as "evidence" or
// "about".)
func defaultNames(t *testing.T) (ids, words []string) {
	t.Helper()
	var diags diag.List
	pb, err := load.Load(context.Background(), playbook.Content(), load.Options{}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	if len(pb.Roles) < 2 || len(pb.Systems) < 2 || len(pb.Guides) < 2 {
		t.Fatalf("the default playbook loaded %d roles, %d systems, %d guides", len(pb.Roles), len(pb.Systems), len(pb.Guides))
	}
	words = []string{pb.Config.District, "Interactive Performance", "IPS", "Shared Leadership", "the five"}
	for _, r := range pb.Roles {
		ids = append(ids, r.ID, r.Name)
	}
	for _, s := range pb.Systems {
		words = append(words, s.Code, s.Name, s.Sector)
	}
	for _, g := range pb.Goals {
		ids = append(ids, g.ID)
	}
	for _, s := range pb.Stories {
		ids = append(ids, s.ID)
	}
	for _, g := range pb.Guides {
		ids = append(ids, g.ID)
	}
	for _, g := range pb.Groups {
		ids = append(ids, g.ID)
	}
	for _, c := range pb.Checklists {
		ids = append(ids, c.ID)
	}
	for _, r := range pb.Reflections {
		ids = append(ids, r.ID)
	}
	clean := func(list []string) []string {
		slices.Sort(list)
		return slices.Compact(slices.DeleteFunc(list, func(s string) bool { return s == "" }))
	}
	return clean(ids), clean(words)
}

// named returns the ids and words of the default playbook that text
// names. An id counts where it stands as an id or an example (in a list,
// in quotes, as a key's value, as a file, after "such as"), so that a role
// id that is also a plain word ("student") is not found in "student
// achievement"; a word counts anywhere it is whole.
func named(text string, ids, words []string) []string {
	var found []string
	for _, id := range ids {
		re := regexp.MustCompile(`(?m)(\[|, |"|: |such as |\(|/)` + regexp.QuoteMeta(id) + `(\]|,|"|$|\.md|\))`)
		if re.MatchString(text) {
			found = append(found, id)
		}
	}
	for _, w := range words {
		re := regexp.MustCompile(`(^|[^A-Za-z0-9-])` + regexp.QuoteMeta(w) + `($|[^A-Za-z0-9-])`)
		if re.MatchString(text) {
			found = append(found, w)
		}
	}
	return found
}

// TestNamedFindsWholeWords checks the test's own finder, on which the
// tests below rest.
func TestNamedFindsWholeWords(t *testing.T) {
	ids, words := []string{"student", "peer-mentoring"}, []string{"TWPS", "Shared Leadership"}
	for text, want := range map[string][]string{
		"roles: [student, coach]":                 {"student"},
		"for example [coach, student]":            {"student"},
		`for example "student"`:                   {"student"},
		"roles: student":                          {"student"},
		"such as student, or":                     {"student"},
		"(peer-mentoring.md)":                     {"peer-mentoring"},
		"content/guides/peer-mentoring.md":        {"peer-mentoring"},
		"for students":                            nil,
		"narrow student achievement gaps":         nil,
		"- id: student-checklist":                 nil,
		"for example [TWPS]":                      {"TWPS"},
		"TWPSX":                                   nil,
		"systems of the Shared Leadership sector": {"Shared Leadership"},
	} {
		if got := named(text, ids, words); !slices.Equal(got, want) {
			t.Errorf("named(%q) = %v, want %v", text, got, want)
		}
	}
}

// A fork whose records have none of the default playbook's ids.
var fork = map[string]string{
	"playbook.yaml": "title: Lakeview Playbook\ndistrict: Lakeview Schools\n",
	"data/roles.yaml": `- id: lead-learner
  name: Lead learner
  summary: Learns in front of others.
- id: caregiver
  name: Caregiver
  summary: Leads at home.
- id: bus-driver
  name: Bus driver
  summary: Leads on the road.
`,
	"data/systems.yaml": `- code: CORE
  name: Core work
  summary: The work itself.
  definition: What the work is.
- code: PLAN
  name: Planning
  summary: How the work is planned.
  definition: How plans are made.
- code: TALK
  name: Talking
  summary: How people talk.
  definition: How people talk.
`,
	"data/goals.yaml": `- id: family-reading
  title: Families read together
  status: active
`,
	"content/guides/welcome-walk.md": "---\ntitle: Welcome walk\nsummary: Walk new families round the school.\nroles: [caregiver]\n---\n\nThe walk.\n",
}

// writeFork writes files into a new folder and returns it.
func writeFork(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// newEveryKind runs New for each kind, each in a new playbook of files,
// and returns what it added, by kind.
func newEveryKind(t *testing.T, files map[string]string) map[string]string {
	t.Helper()
	added := map[string]string{}
	for _, k := range Kinds() {
		dir := writeFork(t, files)
		file, err := New(context.Background(), dir, Options{Kind: k, ID: "new-" + k, Date: "2025-01-02"})
		if err != nil {
			t.Fatalf("new %s: %v", k, err)
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		added[k] = strings.TrimPrefix(string(data), files[file])
	}
	return added
}

// TestNewTakesExamplesFromTheFork checks that what `playbook new` writes
// into a fork names the fork's own roles, systems, guides and goals in its
// examples, and nothing of the default playbook's; and that a fork without
// a kind of record gets no example of it.
func TestNewTakesExamplesFromTheFork(t *testing.T) {
	ids, words := defaultNames(t)
	added := newEveryKind(t, fork)
	for k, text := range added {
		if found := named(text, ids, words); len(found) > 0 {
			t.Errorf("new %s wrote the default playbook's %q:\n%s", k, found, text)
		}
	}
	for _, want := range []struct{ kind, text string }{
		{"guide", "roles: [lead-learner]\n"},
		{"guide", "serves, for example [CORE, PLAN].\n"},
		{"guide", "serves, for example [family-reading].\n"},
		{"guide", "\n`[Welcome walk](welcome-walk.md)`.\n"},
		{"story", "from data/roles.yaml, for example [lead-learner, caregiver].\n"},
		{"story", "from data/systems.yaml, for example [CORE, PLAN].\n"},
		{"story", "from content/guides, for example [welcome-walk].\n"},
		{"story", "from data/goals.yaml, for example [family-reading].\n"},
		{"goal", "carry the goal, from data/roles.yaml, for example [lead-learner, caregiver].\n"},
		{"goal", "serve the goal, from content/guides, for example [welcome-walk].\n"},
		{"role", "#   - guide: an id from content/guides, such as welcome-walk\n"},
	} {
		if !strings.Contains(added[want.kind], want.text) {
			t.Errorf("new %s did not write %q:\n%s", want.kind, want.text, added[want.kind])
		}
	}

	// A fork with roles only: no example of what it does not have yet.
	bare := newEveryKind(t, map[string]string{"playbook.yaml": fork["playbook.yaml"], "data/roles.yaml": fork["data/roles.yaml"]})
	for k, text := range bare {
		if found := named(text, ids, words); len(found) > 0 {
			t.Errorf("new %s wrote the default playbook's %q:\n%s", k, found, text)
		}
		for _, line := range strings.Split(text, "\n") {
			if strings.Contains(line, "for example [") && !strings.Contains(line, "[lead-learner, caregiver]") {
				t.Errorf("new %s gave an example of a record the fork does not have: %s", k, line)
			}
		}
	}
	for _, want := range []struct{ kind, text string }{
		{"guide", "# Codes from data/systems.yaml of the performance systems this practice serves.\n"},
		{"guide", "Link another guide with an ordinary link to its file: its id, then \".md\".\n"},
		{"story", "# Ids of the goals the story advanced, from data/goals.yaml.\n"},
		{"role", "#   - guide: an id from content/guides\n"},
	} {
		if !strings.Contains(bare[want.kind], want.text) {
			t.Errorf("new %s in a fork without %ss did not write %q:\n%s", want.kind, want.kind, want.text, bare[want.kind])
		}
	}
}

// TestForkFilesNameNoDefaultRecords checks the files a fork keeps however
// it replaces the example content (the schemas, the README, the workflow,
// netlify.toml) name nothing of the default playbook's district.
func TestForkFilesNameNoDefaultRecords(t *testing.T) {
	ids, words := defaultNames(t)
	check := func(fsys fs.FS, what string) {
		n := 0
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			n++
			if found := named(string(data), ids, words); len(found) > 0 {
				t.Errorf("%s %s names the default playbook's %q", what, p, found)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n < 4 {
			t.Errorf("only %d files in %s", n, what)
		}
	}
	check(schemas.Files(), "schema")
	check(playbook.Around(), "starter file")
}
