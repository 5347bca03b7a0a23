package link_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/load"
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
