package build

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playbook-edu/playbook/internal/diag"
)

// validFiles is a small playbook with no problems; each diagnostic test
// replaces one or two of its files.
var validFiles = map[string]string{
	"playbook.yaml": "title: T\ndistrict: D\n",
	"data/roles.yaml": `- id: teacher
  name: Teacher
  summary: Leads learning.
  pathway:
    - guide: peer-mentoring
      why: It helps.
  checklist: team
`,
	"data/systems.yaml": `- code: LDR
  name: Leadership
  summary: Leading.
  definition: Day to day.
`,
	"data/goals.yaml": `- id: reading
  title: Reading
  status: active
`,
	"data/stories.yaml": `- id: story
  title: A story
  date: 2025-01-02
  summary: It happened.
  body: Text.
`,
	"data/checklists.yaml": `- id: team
  title: Team
  sections:
    - title: One
      items:
        - id: a
          text: A.
`,
	"data/reflections.yaml": `- id: form
  title: Form
  prompts:
    - id: q
      kind: text
      text: Why?
`,
	"data/groups.yaml": `- id: grow-leaders
  name: Grow leaders
  summary: Learning to lead.
`,
	"data/glossary.yaml": `- id: capacity
  term: capacity
  definition: What a team can do.
`,
	"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: [teacher]\ngroup: grow-leaders\n---\nBody.\n",
	"content/pages/about.md":           "---\ntitle: About\n---\nAbout.\n",
}

// Texts for the reading level: hardText reads at grade 22.2, its second
// sentence (hardSentence) weighing most; plainText at grade 6.3; and
// hardSpanish at grade 14.9 by Fernández Huerta's formula.
const (
	hardSentence = "Institutional accountability necessitates comprehensive documentation of every mentoring conversation and its consequences for professional development."
	hardText     = "Peer mentoring pairs newer colleagues with experienced ones. " + hardSentence
	plainText    = "Each mentor meets a new colleague every week during the first term. They discuss what went well, what was difficult, and one practical change to try next."
	hardSpanish  = "La mentoría entre pares empareja a colegas nuevos con compañeros experimentados. La responsabilidad institucional necesita documentación exhaustiva de cada conversación y de sus consecuencias profesionales."
)

func diagnose(t *testing.T, changes map[string]string) []string {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range validFiles {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	for name, text := range changes {
		if text == "" {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	var diags diag.List
	if _, err := Load(context.Background(), fsys, "", &diags); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.String())
	}
	return got
}

func TestValidPlaybookHasNoDiagnostics(t *testing.T) {
	if got := diagnose(t, nil); len(got) != 0 {
		t.Fatalf("diagnostics for the valid playbook:\n%s", strings.Join(got, "\n"))
	}
}

// TestDiagnostics checks each kind of problem is reported at its exact
// file, line and column, with its exact message.
func TestDiagnostics(t *testing.T) {
	tests := []struct {
		name    string
		changes map[string]string
		want    []string
	}{
		{
			name:    "YAML syntax error",
			changes: map[string]string{"data/systems.yaml": "- code: LDR\n  name: [Leadership\n"},
			want:    []string{`data/systems.yaml:2:9: error: the value of "name" opens [ and never closes it`},
		},
		{
			name: "a data file that does not parse hides the references to it",
			changes: map[string]string{
				"data/roles.yaml":                  "- id: teacher\n  name: [Teacher\n",
				"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: [teacher]\n---\nBody.\n",
			},
			want: []string{`data/roles.yaml:2:9: error: the value of "name" opens [ and never closes it`},
		},
		{
			name:    "YAML syntax error in front matter counts the file's lines",
			changes: map[string]string{"content/guides/peer-mentoring.md": "\n---\ntitle: Peer\nsummary: \"open\n---\nBody.\n"},
			want:    []string{`content/guides/peer-mentoring.md:4:10: error: the value of "summary" opens a quote (") that is never closed`},
		},
		{
			name:    "a key pasted between two roles is reported on its own line",
			changes: map[string]string{"data/roles.yaml": "- id: role0\n  name: Role 0\n  summary: Leads 0.\n  pathway:\n    - guide: peer-mentoring\n      why: It helps.\n- id: role1\n  name: Role 1\n  summary: Leads 1.\n  pathway:\n    - guide: peer-mentoring\n      why: It helps.\n- id: role2\n  name: Role 2\n  summary: Leads 2.\n  pathway:\n    - guide: peer-mentoring\n      why: It helps.\n- id: role3\n  name: Role 3\n  summary: Leads 3.\n  pathway:\n    - guide: peer-mentoring\n      why: It helps.\n- id: role4\n  name: Role 4\n  summary: Leads 4.\n  pathway:\n    - guide: peer-mentoring\n      why: It helps.\n- id: role5\n  name: Role 5\n  summary: Leads 5.\n  pathway:\n    - guide: peer-mentoring\n      why: It helps.\nchecklist: team\n- id: role6\n  name: Role 6\n  summary: Leads 6.\n  pathway:\n    - guide: peer-mentoring\n      why: It helps.\n- id: role7\n  name: Role 7\n  summary: Leads 7.\n  pathway:\n    - guide: peer-mentoring\n      why: It helps.\n- id: role8\n  name: Role 8\n  summary: Leads 8.\n  pathway:\n    - guide: peer-mentoring\n      why: It helps.\n- id: role9\n  name: Role 9\n  summary: Leads 9.\n  pathway:\n    - guide: peer-mentoring\n      why: It helps.\n- id: role10\n  name: Role 10\n  summary: Leads 10.\n  pathway:\n    - guide: peer-mentoring\n      why: It helps.\n- id: role11\n  name: Role 11\n  summary: Leads 11.\n  pathway:\n    - guide: peer-mentoring\n      why: It helps.\n"},
			want:    []string{`data/roles.yaml:37:1: error: this line is not lined up with the lines around it, so YAML cannot tell what it belongs to`},
		},
		{
			name:    "an unclosed quote is reported where it opens, not at the end of the file",
			changes: map[string]string{"data/reflections.yaml": "- id: form\n  title: Form\n  prompts:\n    - id: q0\n      kind: text\n      text: Question 0?\n    - id: q1\n      kind: text\n      text: Question 1?\n    - id: q2\n      kind: text\n      text: Question 2?\n    - id: q3\n      kind: text\n      text: Question 3?\n    - id: q4\n      kind: text\n      text: Question 4?\n    - id: q5\n      kind: text\n      text: Question 5?\n    - id: q6\n      kind: text\n      text: Question 6?\n    - id: q7\n      kind: text\n      text: Question 7?\n    - id: q8\n      kind: text\n      text: Question 8?\n    - id: q9\n      kind: text\n      text: Question 9?\n    - id: q10\n      kind: text\n      text: Question 10?\n    - id: q11\n      kind: text\n      text: Question 11?\n    - id: q12\n      kind: text\n      text: Question 12?\n    - id: q13\n      kind: text\n      text: \"Question 13?\n    - id: q14\n      kind: text\n      text: Question 14?\n    - id: q15\n      kind: text\n      text: Question 15?\n    - id: q16\n      kind: text\n      text: Question 16?\n    - id: q17\n      kind: text\n      text: Question 17?\n    - id: q18\n      kind: text\n      text: Question 18?\n    - id: q19\n      kind: text\n      text: Question 19?\n    - id: q20\n      kind: text\n      text: Question 20?\n    - id: q21\n      kind: text\n      text: Question 21?\n    - id: q22\n      kind: text\n      text: Question 22?\n    - id: q23\n      kind: text\n      text: Question 23?\n    - id: q24\n      kind: text\n      text: Question 24?\n    - id: q25\n      kind: text\n      text: Question 25?\n    - id: q26\n      kind: text\n      text: Question 26?\n    - id: q27\n      kind: text\n      text: Question 27?\n    - id: q28\n      kind: text\n      text: Question 28?\n    - id: q29\n      kind: text\n      text: Question 29?\n    - id: q30\n      kind: text\n      text: Question 30?\n    - id: q31\n      kind: text\n      text: Question 31?\n    - id: q32\n      kind: text\n      text: Question 32?\n    - id: q33\n      kind: text\n      text: Question 33?\n    - id: q34\n      kind: text\n      text: Question 34?\n    - id: q35\n      kind: text\n      text: Question 35?\n    - id: q36\n      kind: text\n      text: Question 36?\n    - id: q37\n      kind: text\n      text: Question 37?\n    - id: q38\n      kind: text\n      text: Question 38?\n    - id: q39\n      kind: text\n      text: Question 39?\n"},
			want:    []string{`data/reflections.yaml:45:13: error: the value of "text" opens a quote (") that is never closed`},
		},
		{
			name:    "an unclosed quote in a guide's title",
			changes: map[string]string{"content/guides/peer-mentoring.md": "---\ntitle: \"Peer mentoring\nsummary: Pairs.\nroles: [teacher]\nsystems: [LDR]\ngoals: [reading]\n---\nBody.\n"},
			want:    []string{`content/guides/peer-mentoring.md:2:8: error: the value of "title" opens a quote (") that is never closed`},
		},
		{
			name:    "a tab in the indentation, which yaml.v3 reports a line early",
			changes: map[string]string{"data/systems.yaml": "- code: LDR\n  name: Leadership\n  summary: Leading.\n  \tdefinition: Day to day.\n"},
			want:    []string{`data/systems.yaml:4:3: error: this line has a tab character, which YAML does not allow for spacing`},
		},
		{
			name:    "a tab in the indentation",
			changes: map[string]string{"data/systems.yaml": "- code: LDR\n  name: Leadership\n\tsummary: Leading.\n  definition: Day to day.\n"},
			want:    []string{`data/systems.yaml:3:1: error: this line has a tab character, which YAML does not allow for spacing`},
		},
		{
			name:    "an unquoted colon in a title points at the colon",
			changes: map[string]string{"content/guides/peer-mentoring.md": "---\ntitle: Reflexión: ¿qué aprendimos?\nsummary: Pairs.\nroles: [teacher]\n---\nBody.\n"},
			want:    []string{`content/guides/peer-mentoring.md:2:17: error: the value of "title" contains ": ", which YAML reads as the start of another key`},
		},
		{
			name:    "an unquoted colon in a data file",
			changes: map[string]string{"data/goals.yaml": "- id: reading\n  title: Reading: every child by grade 3\n  status: active\n"},
			want:    []string{`data/goals.yaml:2:17: error: the value of "title" contains ": ", which YAML reads as the start of another key`},
		},
		{
			name:    "a colour without quotes is read as a comment",
			changes: map[string]string{"playbook.yaml": "title: T\ndistrict: D\ncolors:\n  primary: #6fa8dc\n"},
			want:    []string{`playbook.yaml:4:12: error: the value of "primary" starts with #, so YAML reads #6fa8dc as a comment and "primary" has no value`},
		},
		{
			name:    "a comment after a key is still a comment",
			changes: map[string]string{"playbook.yaml": "title: T\ndistrict: D\ncolors:\n  primary: # later\n  accent: #no-space-but-with-a-word-is-a-value\n"},
			want:    []string{`playbook.yaml:5:11: error: the value of "accent" starts with #, so YAML reads #no-space-but-with-a-word-is-a-value as a comment and "accent" has no value`},
		},
		{
			name: "a guide file renamed with capitals is named, and never suggested as an id",
			changes: map[string]string{
				"content/guides/peer-mentoring.md":       "",
				"content/guides/Walkthrough_Feedback.md": "---\ntitle: Walkthrough feedback\nsummary: Notes.\n---\nBody.\n",
				"data/roles.yaml":                        "- id: teacher\n  name: Teacher\n  summary: Leads learning.\n  pathway:\n    - guide: walkthrough-feedback\n      why: It helps.\n",
				"content/pages/about.md":                 "---\ntitle: About\n---\nSee [feedback](../guides/walkthrough-feedback.md).\n",
			},
			want: []string{
				`content/guides/Walkthrough_Feedback.md: error: file name "Walkthrough_Feedback.md" is not a valid id: an id uses only lowercase letters a to z, digits 0 to 9, and single hyphens between them (no capitals, spaces, underscores or accented letters such as é or ñ)`,
				`content/pages/about.md:4:16: error: link "../guides/walkthrough-feedback.md" goes to a guide that does not exist: the file content/guides/Walkthrough_Feedback.md may be this guide, renamed`,
				`data/roles.yaml:5:14: error: unknown guide "walkthrough-feedback": the file content/guides/Walkthrough_Feedback.md may be this guide, renamed`,
			},
		},
		{
			name: "an abbreviated id finds the id it abbreviates",
			changes: map[string]string{
				"data/checklists.yaml": "- id: teacher-checklist\n  title: Teacher\n  sections:\n    - title: One\n      items:\n        - {id: a, text: A.}\n- id: board-member-checklist\n  title: Board\n  sections:\n    - title: One\n      items:\n        - {id: a, text: A.}\n",
				"data/roles.yaml":      "- id: teacher\n  name: Teacher\n  summary: Leads learning.\n  pathway:\n    - guide: peer-mentoring\n      why: It helps.\n  checklist: board-checklist\n",
			},
			want: []string{
				`data/roles.yaml:7:14: error: unknown checklist "board-checklist" (did you mean "board-member-checklist"?)`,
			},
		},
		{
			name: "links to addresses of the site are checked",
			changes: map[string]string{
				"content/pages/about.md": "---\ntitle: About\n---\n## Team\n\n[a](/stories/no-such-story/) [b](/stories/story/) [c](/guides/peer-mentoring/#nope) [d](/roles/teacher/) [e](/systems/ldr/) [f](/nowhere/at/all/) [g](/goals/readng/) [h](/print/) [i](/about/#team) [j](/guides/) [k](/reflect/form/) [l](/checklists/team/)\n",
			},
			want: []string{
				`content/pages/about.md:6:5: error: link "/stories/no-such-story/" goes to a story that does not exist`,
				`content/pages/about.md:6:55: error: link "/guides/peer-mentoring/#nope" goes to a heading that is not in content/guides/peer-mentoring.md`,
				`content/pages/about.md:6:129: error: link "/nowhere/at/all/" goes to no page of the site`,
				`content/pages/about.md:6:151: error: link "/goals/readng/" goes to a goal that does not exist (did you mean "reading"?)`,
			},
		},
		{
			name: "a link to a guide without .md, or from the page's address",
			changes: map[string]string{
				"content/pages/about.md": "---\ntitle: About\n---\n[research](../guides/peer-mentoring) [print](../print/) [x](notes.pdf) [img](../images/none.png)\n",
			},
			want: []string{
				`content/pages/about.md:4:12: error: link "../guides/peer-mentoring" leaves out ".md" at the end of the file's name, so it leads nowhere on the site`,
				`content/pages/about.md:4:46: error: link "../print/" goes to content/print, which is not a guide, page or image of the playbook`,
				`content/pages/about.md:4:61: error: link "notes.pdf" goes to content/pages/notes.pdf, which is not a guide, page or image of the playbook`,
				`content/pages/about.md:4:78: error: link "../images/none.png" goes to an image that does not exist`,
			},
		},
		{
			name: "a link to a heading of the same page",
			changes: map[string]string{
				"content/pages/about.md": "---\ntitle: About\n---\n## Who we are\n\n[a](#who-we-are) [b](#who-we-were)\n",
			},
			want: []string{
				`content/pages/about.md:6:22: error: link "#who-we-were" goes to a heading that is not on this page (did you mean "#who-we-are"?)`,
			},
		},
		{
			name: "a data file wrapped in a key is one error, not one per reference",
			changes: map[string]string{
				"data/systems.yaml":                "systems:\n  - code: LDR\n    name: Leadership\n    summary: Leading.\n    definition: Day to day.\n",
				"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: [teacher]\nsystems: [LDR]\n---\nBody.\n",
				"data/stories.yaml":                "- id: story\n  title: A story\n  date: 2025-01-02\n  summary: It happened.\n  systems: [LDR]\n  body: Text.\n",
			},
			want: []string{
				`data/systems.yaml:1:1: error: data/systems.yaml is a list of each system by itself; here the list is inside a key "systems"`,
			},
		},
		{
			name: "text left as playbook new wrote it, and a role with no pathway",
			changes: map[string]string{
				"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Say in one sentence what this practice is; readers see it in lists.\nroles: [teacher]\n---\n## Steps\n\n1. The first thing to do.\n",
				"data/roles.yaml":                  "- id: teacher\n  name: Teacher\n  summary: Leads learning.\n  pathway: [{guide: peer-mentoring, why: W.}]\n- id: coach\n  name: Coach\n  summary: Coaches.\n",
			},
			want: []string{
				`content/guides/peer-mentoring.md:3:10: warning: this is still the text that playbook new wrote: "Say in one sentence what this practice is; readers see it in lists."`,
				`content/guides/peer-mentoring.md:8:4: warning: this is still the text that playbook new wrote: "The first thing to do."`,
				`data/roles.yaml:5:3: warning: role "coach" has no pathway: its page shows no guides to follow`,
			},
		},
		{
			name: "files the build does not read",
			changes: map[string]string{
				"content/guides/peer-coaching.MD":      "---\ntitle: Peer coaching\nsummary: S.\n---\nBody.\n",
				"content/guides/team-huddles.markdown": "---\ntitle: Huddles\nsummary: S.\n---\nBody.\n",
				"content/guides/photo.png":             "\x89PNG\r\n\x1a\n",
				"data/role.yaml":                       "- id: x\n",
				"data/systems.yml":                     "- code: X\n",
			},
			want: []string{
				`content/guides/peer-coaching.MD: warning: this file is not read: only files whose names end in ".md" (in lowercase) are, and this one ends in ".MD"`,
				`content/guides/photo.png: warning: this file is not read: content/guides/ holds Markdown files ending in ".md"`,
				`content/guides/team-huddles.markdown: warning: this file is not read: only files whose names end in ".md" (in lowercase) are, and this one ends in ".markdown"`,
				`data/role.yaml: warning: this file is not read by the build`,
				`data/systems.yml: warning: this file is not read by the build`,
			},
		},
		{
			name: "a byte-order mark at the start of a guide is fine",
			changes: map[string]string{
				"content/guides/peer-mentoring.md": "\ufeff---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: [teacher]\n---\nBody.\n",
			},
		},
		{
			name: "bytes that are not UTF-8 are reported where they are",
			changes: map[string]string{
				"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: [teacher]\n---\nBody.\n\nCaf\xe9 con leche.\n",
				"data/stories.yaml":                "- id: story\n  title: A story\n  date: 2025-01-02\n  summary: It \x00happened.\n  body: Text.\n",
			},
			want: []string{
				`content/guides/peer-mentoring.md:8:4: error: the file is not UTF-8 text: a byte 0xE9 here is not a character`,
				`data/stories.yaml:4:15: error: the file is not UTF-8 text: a NUL character (byte 0x00) here is not a character`,
			},
		},
		{
			name:    "a theme that names no folder is reported at its line",
			changes: map[string]string{"playbook.yaml": "title: T\ndistrict: D\n\ntheme: riversdie\n", "themes/riverside/static/assets/x.css": "a{}"},
			want:    []string{`playbook.yaml:4:8: error: theme "riversdie" has no folder themes/riversdie`},
		},
		{
			name:    "a YAML alias bomb stops at the limit, at the alias that passes it",
			changes: map[string]string{"data/checklists.yaml": "- id: team\n  title: Team\n  sections:\n    - &s\n      title: S\n      items: &I [&i {id: a, text: t},*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i,*i]\n- id: c\n  title: C\n  sections: [*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s,*s]\n"},
			want: []string{
				`data/checklists.yaml:9:59: error: the aliases of this file stand for more than 10000 values; the build reads at most that many through aliases`,
			},
		},
		{
			name:    "lists nested deeper than the limit",
			changes: map[string]string{"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: [teacher]\n---\n- x\n  - x\n    - x\n      - x\n        - x\n          - x\n            - x\n              - x\n                - x\n                  - x\n                    - x\n                      - x\n                        - x\n                          - x\n                            - x\n                              - x\n                                - x\n                                  - x\n                                    - x\n                                      - x\n                                        - x\n                                          - x\n                                            - x\n                                              - x\n                                                - x\n                                                  - x\n                                                    - x\n                                                      - x\n                                                        - x\n                                                          - x\n                                                            - x\n                                                              - x\n                                                                - x\n                                                                  - x\n                                                                    - x\n                                                                      - x\n                                                                        - x\n                                                                          - x\n                                                                            - x\n                                                                              - x\n"},
			want:    []string{`content/guides/peer-mentoring.md:38:1: error: lists or block quotes here are nested more than 32 levels deep`},
		},
		{
			name:    "block quotes nested deeper than the limit, on one line",
			changes: map[string]string{"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: [teacher]\n---\nFine.\n\n" + strings.Repeat(">", 5000) + " x\n"},
			want:    []string{`content/guides/peer-mentoring.md:8:1: error: lists or block quotes here are nested more than 32 levels deep`},
		},
		{
			name: "unknown key with a suggestion",
			changes: map[string]string{"data/systems.yaml": `- code: LDR
  name: Leadership
  summary: Leading.
  defintion: Day to day.
`},
			want: []string{
				`data/systems.yaml:1:3: error: system is missing required key "definition"`,
				`data/systems.yaml:4:3: error: unknown key "defintion" in system (did you mean "definition"?)`,
			},
		},
		{
			name:    "unknown key in front matter",
			changes: map[string]string{"content/pages/about.md": "---\ntitle: About\nmneu: true\n---\nAbout.\n"},
			want:    []string{`content/pages/about.md:3:1: error: unknown key "mneu" in front matter (did you mean "menu"?)`},
		},
		{
			name:    "missing required key in front matter",
			changes: map[string]string{"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\n---\nBody.\n"},
			want:    []string{`content/guides/peer-mentoring.md:2:1: error: front matter is missing required key "summary"`},
		},
		{
			name:    "empty required value",
			changes: map[string]string{"data/goals.yaml": "- id: reading\n  title: \"\"\n  status: active\n"},
			want:    []string{`data/goals.yaml:2:10: error: "title" must not be empty`},
		},
		{
			name: "duplicate id",
			changes: map[string]string{"data/goals.yaml": `- id: reading
  title: Reading
  status: active
- id: reading
  title: Reading again
  status: met
`},
			want: []string{`data/goals.yaml:4:3: error: goal id "reading" is used twice; the first is at data/goals.yaml:1`},
		},
		{
			name:    "id that is not a slug",
			changes: map[string]string{"data/goals.yaml": "- id: Reading Goal\n  title: Reading\n  status: active\n"},
			want:    []string{`data/goals.yaml:1:3: error: goal id "Reading Goal" is not a valid id`},
		},
		{
			name:    "unknown role in front matter, lines counted from the top of the file",
			changes: map[string]string{"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: [teachr]\n---\nBody.\n"},
			want:    []string{`content/guides/peer-mentoring.md:4:9: error: unknown role "teachr" (did you mean "teacher"?)`},
		},
		{
			name:    "unknown system and goal in front matter",
			changes: map[string]string{"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nsystems:\n  - LDR\n  - AWP\ngoals: [readng]\n---\nBody.\n"},
			want: []string{
				`content/guides/peer-mentoring.md:6:5: error: unknown system "AWP"`,
				`content/guides/peer-mentoring.md:7:9: error: unknown goal "readng" (did you mean "reading"?)`,
			},
		},
		{
			name:    "unknown checklist and reflection form",
			changes: map[string]string{"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nchecklist: teem\nreflection: from\n---\nBody.\n"},
			want: []string{
				`content/guides/peer-mentoring.md:4:12: error: unknown checklist "teem" (did you mean "team"?)`,
				`content/guides/peer-mentoring.md:5:13: error: unknown reflection form "from" (did you mean "form"?)`,
			},
		},
		{
			name: "unknown guide in a pathway and unknown role owning a goal",
			changes: map[string]string{
				"data/roles.yaml": "- id: teacher\n  name: Teacher\n  summary: S.\n  pathway:\n    - guide: peer-mentorin\n      why: W.\n",
				"data/goals.yaml": "- id: reading\n  title: Reading\n  status: active\n  owners: [principal]\n  strategies: [peer-mentoring]\n",
			},
			want: []string{
				`data/goals.yaml:4:12: error: unknown role "principal"`,
				`data/roles.yaml:5:14: error: unknown guide "peer-mentorin" (did you mean "peer-mentoring"?)`,
			},
		},
		{
			name:    "story references",
			changes: map[string]string{"data/stories.yaml": "- id: story\n  title: T\n  date: 2025-01-02\n  summary: S.\n  roles: [student]\n  guides: [peer-mentoring, nope]\n  body: B.\n"},
			want: []string{
				`data/stories.yaml:5:11: error: unknown role "student"`,
				`data/stories.yaml:6:28: error: unknown guide "nope"`,
			},
		},
		{
			name:    "broken link in a guide body, lines counted from the top of the file",
			changes: map[string]string{"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\n---\n# Peer\n\nSee [the other](peer-mentorng.md) and [about](../pages/abuot.md#top).\n"},
			want: []string{
				`content/guides/peer-mentoring.md:7:17: error: link "peer-mentorng.md" goes to a guide that does not exist (did you mean "peer-mentoring.md"?)`,
				`content/guides/peer-mentoring.md:7:47: error: link "../pages/abuot.md#top" goes to a page that does not exist (did you mean "about.md"?)`,
			},
		},
		{
			name:    "link to a file that is not a guide or page",
			changes: map[string]string{"content/pages/about.md": "---\ntitle: About\n---\nRead the [notes](../../README.md).\n"},
			want:    []string{`content/pages/about.md:4:18: error: link "../../README.md" goes to README.md, which is not a guide or page`},
		},
		{
			name:    "broken link in a YAML text block",
			changes: map[string]string{"data/systems.yaml": "- code: LDR\n  name: Leadership\n  summary: Leading.\n  definition: |\n    Day to day.\n    See [it](../content/guides/nothing.md).\n"},
			want:    []string{`data/systems.yaml:6:14: error: link "../content/guides/nothing.md" goes to a guide that does not exist`},
		},
		{
			name:    "broken link in a one-line YAML text",
			changes: map[string]string{"data/stories.yaml": "- id: story\n  title: T\n  date: 2025-01-02\n  summary: S.\n  body: Read [this](../content/guides/gone.md).\n"},
			want:    []string{`data/stories.yaml:5:21: error: link "../content/guides/gone.md" goes to a guide that does not exist`},
		},
		{
			name:    "front matter never closed",
			changes: map[string]string{"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\n\nBody.\n"},
			want:    []string{`content/guides/peer-mentoring.md:1:1: error: the front matter is never closed`},
		},
		{
			name:    "no front matter",
			changes: map[string]string{"content/pages/about.md": "# About\n\nText.\n"},
			want:    []string{`content/pages/about.md:1:1: error: the file has no front matter`},
		},
		{
			name:    "value not in its list of choices",
			changes: map[string]string{"data/goals.yaml": "- id: reading\n  title: Reading\n  status: actve\n"},
			want:    []string{`data/goals.yaml:3:11: error: "actve" is not one of active, met, retired (did you mean "active"?)`},
		},
		{
			name:    "date that is not a date",
			changes: map[string]string{"data/stories.yaml": "- id: story\n  title: T\n  date: 2025-02-30\n  summary: S.\n  body: B.\n"},
			want:    []string{`data/stories.yaml:3:9: error: "2025-02-30" is not a date`},
		},
		{
			name:    "list where one value belongs",
			changes: map[string]string{"data/roles.yaml": "- id: teacher\n  name: [Teacher, Educator]\n  summary: S.\n  pathway: [{guide: peer-mentoring, why: W.}]\n"},
			want:    []string{`data/roles.yaml:2:9: error: "name" should be a single value, not a list`},
		},
		{
			name:    "one value where a list belongs",
			changes: map[string]string{"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: teacher\n---\nBody.\n"},
			want:    []string{`content/guides/peer-mentoring.md:4:8: error: "roles" should be a list, not "teacher"`},
		},
		{
			name:    "data file that is not a list",
			changes: map[string]string{"data/goals.yaml": "id: reading\ntitle: Reading\n"},
			want:    []string{`data/goals.yaml:1:1: error: data/goals.yaml should be a list of each goal, not a set of keys and values`},
		},
		{
			name: "more active goals than the limit",
			changes: map[string]string{
				"playbook.yaml":   "title: T\ndistrict: D\ngoalsLimit: 1\n",
				"data/goals.yaml": "- id: reading\n  title: Reading\n  status: active\n- id: writing\n  title: Writing\n  status: active\n",
			},
			want: []string{`data/goals.yaml:4:3: error: goal "writing" would be active goal number 2, but at most 1 goals may be active at once (goalsLimit)`},
		},
		{
			name:    "a fourth active goal under the default limit",
			changes: map[string]string{"data/goals.yaml": "- {id: a, title: A, status: active}\n- {id: b, title: B, status: active}\n- {id: c, title: C, status: active}\n- {id: d, title: D, status: active}\n"},
			want:    []string{`data/goals.yaml:4:3: error: goal "d" would be active goal number 4, but at most 3 goals may be active at once (goalsLimit)`},
		},
		{
			name:    "page that takes a section's address",
			changes: map[string]string{"content/pages/guides.md": "---\ntitle: Guides\n---\nText.\n"},
			want:    []string{`content/pages/guides.md: error: a page may not be called "guides": the site uses /guides/ itself`},
		},
		{
			name:    "guide file name that is not an id",
			changes: map[string]string{"content/guides/Peer Mentoring.md": "---\ntitle: Peer\nsummary: S.\n---\nBody.\n"},
			want: []string{
				`content/guides/Peer Mentoring.md: error: file name "Peer Mentoring.md" is not a valid id: an id uses only lowercase letters a to z, digits 0 to 9, and single hyphens between them (no capitals, spaces, underscores or accented letters such as é or ñ)`,
			},
		},
		{
			name:    "checklist item id used twice",
			changes: map[string]string{"data/checklists.yaml": "- id: team\n  title: Team\n  sections:\n    - title: One\n      items:\n        - {id: a, text: A.}\n        - {id: a, text: B.}\n"},
			want:    []string{`data/checklists.yaml:7:11: error: checklist item id "a" is used twice in "team"; the first is at data/checklists.yaml:6`},
		},
		{
			name:    "choice prompt without choices",
			changes: map[string]string{"data/reflections.yaml": "- id: form\n  title: Form\n  prompts:\n    - id: q\n      kind: choice\n      text: Which?\n"},
			want:    []string{`data/reflections.yaml:4:7: error: choice prompt "q" needs at least two choices`},
		},
		{
			name:    "no playbook.yaml",
			changes: map[string]string{"playbook.yaml": ""},
			want:    []string{`playbook.yaml: error: there is no playbook.yaml in the playbook's folder`},
		},
		{
			name:    "bad color and base URL",
			changes: map[string]string{"playbook.yaml": "title: T\ndistrict: D\nbaseURL: example.org\ncolors:\n  primary: blue\n"},
			want: []string{
				`playbook.yaml:3:10: error: base URL "example.org" cannot be the site's address: it does not start with https:// (or http://)`,
				`playbook.yaml:5:12: error: color primary "blue" is not a color`,
			},
		},
		{
			name:    "brand colors too light for text",
			changes: map[string]string{"playbook.yaml": "title: T\ndistrict: D\ncolors:\n  primary: \"#4A90D9\"\n  accent: '#ffcc00'\n"},
			want: []string{
				`playbook.yaml:4:12: error: the contrast of links in the primary color #4a90d9 on the light grey of the footer (#4a90d9 on #f3f5f8) is 3.06:1; WCAG AA needs at least 4.5:1`,
				`playbook.yaml:5:11: error: the contrast of white text on the accent color #ffcc00 (#ffffff on #ffcc00) is 1.51:1; WCAG AA needs at least 4.5:1`,
			},
		},
		{
			name:    "brand colors dark enough",
			changes: map[string]string{"playbook.yaml": "title: T\ndistrict: D\ncolors: {primary: \"#1d4e89\", accent: \"#767676\"}\n"},
		},
		{
			name: "link to a heading that is not there",
			changes: map[string]string{
				"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: [teacher]\n---\n## Steps\n\nSee [steps](#stpes), [about](../pages/about.md#team) and [ok](#steps).\n",
				"content/pages/about.md":           "---\ntitle: About\n---\n## Our team\n\nRead [steps](../guides/peer-mentoring.md#steps).\n",
			},
			want: []string{
				`content/guides/peer-mentoring.md:8:13: error: link "#stpes" goes to a heading that is not on this page (did you mean "#steps"?)`,
				`content/guides/peer-mentoring.md:8:30: error: link "../pages/about.md#team" goes to a heading that is not in content/pages/about.md`,
			},
		},
		{
			name:    "link from a YAML text to a heading that is not there",
			changes: map[string]string{"data/stories.yaml": "- id: story\n  title: T\n  date: 2025-01-02\n  summary: S.\n  body: Read [this](../content/guides/peer-mentoring.md#why).\n"},
			want:    []string{`data/stories.yaml:5:21: error: link "../content/guides/peer-mentoring.md#why" goes to a heading that is not in content/guides/peer-mentoring.md`},
		},
		{
			name: "images that do not exist, are elsewhere or have no alt text",
			changes: map[string]string{
				"content/images/team.jpg":          "\xff\xd8\xff\xe0 a JPEG",
				"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: [teacher]\n---\n![A team](../images/team.jpg)\n![A team](../images/teem.jpg)\n![](../images/team.jpg)\n![A map](map.png)\n![Logo](https://example.org/logo.png)\n",
			},
			want: []string{
				`content/guides/peer-mentoring.md:7:11: error: image "../images/teem.jpg" does not exist (did you mean "team.jpg"?)`,
				`content/guides/peer-mentoring.md:8:5: error: image "../images/team.jpg" has no alt text`,
				`content/guides/peer-mentoring.md:9:10: error: image "map.png" is not in content/images/`,
				`content/guides/peer-mentoring.md:10:9: error: image "https://example.org/logo.png" is on another site; the playbook loads nothing from other sites, so readers would not see it`,
			},
		},
		{
			name:    "image in a YAML text",
			changes: map[string]string{"data/roles.yaml": "- id: teacher\n  name: Teacher\n  summary: Leads.\n  description: |\n    ![Teachers](../content/images/none.png)\n  pathway:\n    - {guide: peer-mentoring, why: W.}\n"},
			want:    []string{`data/roles.yaml:5:17: error: image "../content/images/none.png" does not exist`},
		},
		{
			name:    "empty section",
			changes: map[string]string{"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: [teacher]\n---\n## Why\n\n## Steps\n\n### First\n\nDo.\n\n## Looks like\n"},
			want: []string{
				`content/guides/peer-mentoring.md:6:1: warning: the section "Why" is empty`,
				`content/guides/peer-mentoring.md:14:1: warning: the section "Looks like" is empty`,
			},
		},
		{
			name: "guide nothing leads to",
			changes: map[string]string{
				"content/guides/lonely.md":   "---\ntitle: Lonely\nsummary: Alone.\n---\nSee [lonelier](lonelier.md).\n",
				"content/guides/lonelier.md": "---\ntitle: Lonelier\nsummary: More alone.\n---\nSee [lonely](lonely.md).\n",
				"content/guides/linked.md":   "---\ntitle: Linked\nsummary: From a page.\n---\nText.\n",
				"content/pages/about.md":     "---\ntitle: About\n---\nRead [linked](../guides/linked.md).\n",
			},
			want: []string{
				`content/guides/lonelier.md:2:1: warning: no role, goal, story or other page leads to the guide "lonelier"; readers find it only in the list of all guides`,
				`content/guides/lonely.md:2:1: warning: no role, goal, story or other page leads to the guide "lonely"; readers find it only in the list of all guides`,
			},
		},
		{
			name: "duplicate titles",
			changes: map[string]string{
				"content/pages/mentoring.md": "---\ntitle: Peer  Mentoring\n---\nText.\n",
				"data/goals.yaml":            "- {id: reading, title: Reading, status: active}\n- {id: reading-2, title: reading, status: met}\n",
			},
			want: []string{
				`content/pages/mentoring.md:2:1: warning: the title "Peer  Mentoring" is also the title of the guide or page at content/guides/peer-mentoring.md:2`,
				`data/goals.yaml:2:3: warning: the title "reading" is also the title of the goal at data/goals.yaml:1`,
			},
		},
		{
			name:    "base URLs that would send readers elsewhere",
			changes: map[string]string{"playbook.yaml": "title: T\ndistrict: D\nbaseURL: https://example.org//evil.example/\n"},
			want: []string{
				`playbook.yaml:3:10: error: base URL "https://example.org//evil.example/" cannot be the site's address: its path has "//", which browsers read as the start of another site's address`,
			},
		},
		{
			name:    "base URL with a space",
			changes: map[string]string{"playbook.yaml": "title: T\ndistrict: D\nbaseURL: \"https://example.org/my playbook/\"\n"},
			want: []string{
				`playbook.yaml:3:10: error: base URL "https://example.org/my playbook/" cannot be the site's address: it contains ' ', which a web address may not`,
			},
		},
		{
			name:    "base URL with a password",
			changes: map[string]string{"playbook.yaml": "title: T\ndistrict: D\nbaseURL: https://admin:secret@example.org/\n"},
			want: []string{
				`playbook.yaml:3:10: error: base URL "https://admin:secret@example.org/" cannot be the site's address: it holds a user name or password, which would be published on every page`,
			},
		},
		{
			name:    "language that is not a language tag",
			changes: map[string]string{"playbook.yaml": "title: T\ndistrict: D\nlanguage: en\" onload=\"x\n"},
			want: []string{
				`playbook.yaml:3:11: error: language "en\" onload=\"x" is not a language tag`,
			},
		},
		{
			name:    "unknown group of guides",
			changes: map[string]string{"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: [teacher]\ngroup: grow-leader\n---\nBody.\n"},
			want:    []string{`content/guides/peer-mentoring.md:5:8: error: unknown group "grow-leader" (did you mean "grow-leaders"?)`},
		},
		{
			name: "a groups file that does not parse hides the guides' groups",
			changes: map[string]string{
				"data/groups.yaml":                 "- id: grow-leaders\n  name: [Grow\n",
				"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: [teacher]\ngroup: grow-leaders\n---\nBody.\n",
			},
			want: []string{`data/groups.yaml:2:9: error: the value of "name" opens [ and never closes it`},
		},
		{
			name:    "group without a summary, and a group id used twice",
			changes: map[string]string{"data/groups.yaml": "- id: grow-leaders\n  name: Grow\n  summary: S.\n- id: grow-leaders\n  name: Again\n"},
			want: []string{
				`data/groups.yaml:4:3: error: group id "grow-leaders" is used twice; the first is at data/groups.yaml:1`,
				`data/groups.yaml:4:3: error: group is missing required key "summary"`,
			},
		},
		{
			name:    "glossary term that sees also a term that is not there",
			changes: map[string]string{"data/glossary.yaml": "- id: capacity\n  term: capacity\n  definition: What a team can do.\n  seeAlso: [capacty, walkthrough]\n"},
			want: []string{
				`data/glossary.yaml:4:13: error: unknown glossary term "capacty" (did you mean "capacity"?)`,
				`data/glossary.yaml:4:22: error: unknown glossary term "walkthrough"`,
			},
		},
		{
			name: "sources without a title or with an address that is not a web address",
			changes: map[string]string{
				"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: [teacher]\nsources:\n  - title: A study\n    url: www.example.org/study\n  - url: https://example.org/\n    year: 2020\n---\nBody.\n",
				"data/goals.yaml":                  "- id: reading\n  title: Reading\n  status: active\n  sources:\n    - {title: Data, url: \"ftp://example.org/data\"}\n",
			},
			want: []string{
				`content/guides/peer-mentoring.md:7:10: error: the url of source "A study" is not a web address: "www.example.org/study"`,
				`content/guides/peer-mentoring.md:8:5: error: an entry of "sources" is missing required key "title"`,
				`data/goals.yaml:5:26: error: the url of source "Data" is not a web address: "ftp://example.org/data"`,
			},
		},
		{
			name:    "checklist scale that is not one of the scales",
			changes: map[string]string{"data/checklists.yaml": "- id: team\n  title: Team\n  scale: level\n  sections:\n    - title: One\n      items:\n        - {id: a, text: A.}\n"},
			want:    []string{`data/checklists.yaml:3:10: error: "level" is not one of ticks, levels (did you mean "levels"?)`},
		},
		{
			name:    "reading level out of range",
			changes: map[string]string{"playbook.yaml": "title: T\ndistrict: D\nreadingLevel:\n  students: -1\n  everyone: 25\n"},
			want: []string{
				`playbook.yaml:4:13: error: readingLevel students must be a US school grade from 1 to 20, not -1`,
				`playbook.yaml:5:13: error: readingLevel everyone must be a US school grade from 1 to 20, not 25`,
			},
		},
		{
			name:    "a guide that reads above grade 8, at the sentence that weighs most",
			changes: map[string]string{"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: [teacher]\ngroup: grow-leaders\n---\n" + hardText + "\n"},
			want:    []string{`content/guides/peer-mentoring.md:7:62: warning: the guide reads at grade 22.2, above grade 8 for everyone; the sentence that weighs most is "` + hardSentence + `"`},
		},
		{
			name: "levels set in playbook.yaml, and a guide and a role written for students",
			changes: map[string]string{
				"playbook.yaml":                    "title: T\ndistrict: D\nreadingLevel:\n  students: 4\n  everyone: 12\n",
				"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: [teacher]\ngroup: grow-leaders\naudience: students\n---\n" + plainText + "\n",
				"content/pages/about.md":           "---\ntitle: About\n---\n\n" + hardText + "\n",
				"data/roles.yaml":                  "- id: teacher\n  name: Teacher\n  summary: Leads.\n  audience: students\n  description: |\n    " + plainText + "\n  pathway:\n    - {guide: peer-mentoring, why: W.}\n",
			},
			want: []string{
				`content/guides/peer-mentoring.md:8:1: warning: the guide reads at grade 6.3, above grade 4 for students; the sentence that weighs most is "Each mentor meets a new colleague every week during the first term."`,
				`content/pages/about.md:5:62: warning: the page reads at grade 22.2, above grade 12 for everyone; the sentence that weighs most is "` + hardSentence + `"`,
				`data/roles.yaml:6:5: warning: the description of the role "teacher" reads at grade 6.3, above grade 4 for students; the sentence that weighs most is "Each mentor meets a new colleague every week during the first term."`,
			},
		},
		{
			name: "a pathway for students above their level, though each guide is within everyone's",
			changes: map[string]string{
				"data/roles.yaml":                  "- id: teacher\n  name: Teacher\n  summary: Leads.\n  audience: students\n  pathway:\n    - {guide: peer-mentoring, why: W.}\n    - {guide: coaching, why: W.}\n",
				"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\ngroup: grow-leaders\n---\n\n" + plainText + "\n",
				"content/guides/coaching.md":       "---\ntitle: Coaching\nsummary: Coaches.\ngroup: grow-leaders\n---\n" + plainText + "\n",
			},
			want: []string{
				`content/guides/peer-mentoring.md:7:1: warning: the teacher pathway (data/roles.yaml:1) reads at grade 6.3 across its 2 guides, above grade 6 for students; the sentence that weighs most on it is "Each mentor meets a new colleague every week during the first term."`,
			},
		},
		{
			name: "role descriptions, system definitions and goals above grade 8",
			changes: map[string]string{
				"data/roles.yaml":   "- id: teacher\n  name: Teacher\n  summary: Leads.\n  description: |\n    " + hardText + "\n  pathway:\n    - {guide: peer-mentoring, why: W.}\n",
				"data/systems.yaml": "- code: LDR\n  name: Leadership\n  summary: Leading.\n  definition: |\n    Short words.\n    " + hardText + "\n",
				"data/goals.yaml":   "- id: reading\n  title: Reading\n  status: active\n  why: \"" + hardText + "\"\n",
			},
			want: []string{
				`data/goals.yaml:4:70: warning: why the goal "reading" matters reads at grade 22.2, above grade 8 for everyone; the sentence that weighs most is "` + hardSentence + `"`,
				`data/roles.yaml:5:66: warning: the description of the role "teacher" reads at grade 22.2, above grade 8 for everyone; the sentence that weighs most is "` + hardSentence + `"`,
				`data/systems.yaml:6:66: warning: the definition of LDR reads at grade 19.3, above grade 8 for everyone; the sentence that weighs most is "` + hardSentence + `"`,
			},
		},
		{
			name:    "Spanish is measured with Fernández Huerta's formula",
			changes: map[string]string{"playbook.yaml": "title: T\ndistrict: D\nlanguage: es\n", "content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: [teacher]\ngroup: grow-leaders\n---\n" + hardSpanish + "\n"},
			want:    []string{`content/guides/peer-mentoring.md:7:82: warning: the guide reads at grade 14.9, above grade 8 for everyone; the sentence that weighs most is "La responsabilidad institucional necesita documentación exhaustiva de cada conversación y de sus consecuencias profesionales."`},
		},
		{
			// The theme has no French words either, which is the one
			// problem: no warning of the text's grade.
			name:    "a language without a formula is not measured",
			changes: map[string]string{"playbook.yaml": "title: T\ndistrict: D\nlanguage: fr\n", "content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: [teacher]\ngroup: grow-leaders\n---\n" + hardText + "\n"},
			want:    []string{`playbook.yaml:3:11: error: there is no translation table for the language "fr"`},
		},
		{
			name:    "every problem at once",
			changes: map[string]string{"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsumary: Pairs.\nroles: [teachr]\n---\n[x](nowhere.md)\n"},
			want: []string{
				`content/guides/peer-mentoring.md:2:1: error: front matter is missing required key "summary"`,
				`content/guides/peer-mentoring.md:3:1: error: unknown key "sumary" in front matter (did you mean "summary"?)`,
				`content/guides/peer-mentoring.md:4:9: error: unknown role "teachr" (did you mean "teacher"?)`,
				`content/guides/peer-mentoring.md:6:5: error: link "nowhere.md" goes to a guide that does not exist`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := diagnose(t, tt.changes)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
