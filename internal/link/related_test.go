package link_test

import (
	"context"
	"os"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/load"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/synth"
)

// TestRelated checks related guides are ranked by shared roles (1 each),
// shared systems (2 each) and links either way (3), ties by id, and that
// a guide sharing nothing is not suggested.
func TestRelated(t *testing.T) {
	guide := func(front, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: T\nsummary: S.\n" + front + "\n---\n" + body + "\n")}
	}
	fsys := fstest.MapFS{
		"playbook.yaml":       {Data: []byte("title: T\ndistrict: D\n")},
		"data/roles.yaml":     {Data: []byte("- {id: teacher, name: Teacher, summary: S.}\n- {id: student, name: Student, summary: S.}\n")},
		"data/systems.yaml":   {Data: []byte("- {code: LDR, name: L, summary: S., definition: D.}\n- {code: AWP, name: A, summary: S., definition: D.}\n")},
		"content/guides/a.md": guide("roles: [teacher]\nsystems: [LDR]", "A."),
		"content/guides/b.md": guide("roles: [teacher]\nsystems: [ldr]", "B."),               // role + system: 3
		"content/guides/c.md": guide("roles: [student]\nsystems: [AWP]", "See [a](a.md)."),   // a link: 3
		"content/guides/d.md": guide("roles: [teacher, student]", "D."),                      // a role: 1
		"content/guides/e.md": guide("roles: [student]", "E."),                               // nothing with a
		"content/guides/f.md": guide("roles: [teacher, student]\nsystems: [LDR, AWP]", "F."), // role + system: 3
	}
	var diags diag.List
	pb, err := load.Load(context.Background(), fsys, load.Options{}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	g := link.Link(pb, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	ids := func(id string) string {
		var out []string
		for _, r := range g.Related[g.Guide(id)] {
			out = append(out, r.ID)
		}
		return strings.Join(out, " ")
	}
	for id, want := range map[string]string{
		"a": "b c f d",   // b, c and f tie at 3, by id; d has 1; e shares nothing
		"c": "a f d e",   // a by the link (3); f shares the system and a role (3); d and e the role (1), by id
		"e": "c d f",     // the student role, by id
		"f": "a b c d e", // a, b and c share a role and a system (3); d two roles (2); e one (1)
	} {
		if got := ids(id); got != want {
			t.Errorf("related to %s: %q, want %q", id, got, want)
		}
	}
}

// TestRelatedMatchesEveryPair checks the related guides of a synthetic
// playbook against scoring every pair of guides and sorting them all.
func TestRelatedMatchesEveryPair(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, 400); err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	pb, err := load.Load(context.Background(), os.DirFS(dir), load.Options{}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	g := link.Link(pb, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	linked := map[[2]*model.Guide]bool{}
	for to, froms := range g.Backlinks {
		for _, from := range froms {
			linked[[2]*model.Guide{to, from}], linked[[2]*model.Guide{from, to}] = true, true
		}
	}
	set := func(refs []model.Ref, id func(string) string) map[string]bool {
		m := map[string]bool{}
		for _, r := range refs {
			if k := id(r.ID); k != "" {
				m[k] = true
			}
		}
		return m
	}
	roleID := func(id string) string {
		if g.Role(id) == nil {
			return ""
		}
		return id
	}
	systemCode := func(id string) string {
		if s := g.System(id); s != nil {
			return s.Code
		}
		return ""
	}
	type scored struct {
		id    string
		score int
	}
	for _, a := range g.Guides {
		var all []scored
		ra, sa := set(a.Roles, roleID), set(a.Systems, systemCode)
		for _, b := range g.Guides {
			if a == b {
				continue
			}
			s := 0
			if linked[[2]*model.Guide{a, b}] {
				s += link.RelatedLink
			}
			for r := range set(b.Roles, roleID) {
				if ra[r] {
					s += link.RelatedRole
				}
			}
			for c := range set(b.Systems, systemCode) {
				if sa[c] {
					s += link.RelatedSystem
				}
			}
			if s > 0 {
				all = append(all, scored{b.ID, s})
			}
		}
		sort.Slice(all, func(i, j int) bool {
			if all[i].score != all[j].score {
				return all[i].score > all[j].score
			}
			return all[i].id < all[j].id
		})
		var want, got []string
		for _, s := range all[:min(len(all), link.RelatedLimit)] {
			want = append(want, s.id)
		}
		for _, r := range g.Related[a] {
			got = append(got, r.ID)
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("related to %s: %v, want %v", a.ID, got, want)
		}
	}
}
