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
	"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: [teacher]\n---\nBody.\n",
	"content/pages/about.md":           "---\ntitle: About\n---\nAbout.\n",
}

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
			want:    []string{`data/systems.yaml:2:1: error: the YAML does not parse: did not find expected ',' or ']'`},
		},
		{
			name: "a data file that does not parse hides the references to it",
			changes: map[string]string{
				"data/roles.yaml":                  "- id: teacher\n  name: [Teacher\n",
				"content/guides/peer-mentoring.md": "---\ntitle: Peer mentoring\nsummary: Pairs.\nroles: [teacher]\n---\nBody.\n",
			},
			want: []string{`data/roles.yaml:2:1: error: the YAML does not parse: did not find expected ',' or ']'`},
		},
		{
			name:    "YAML syntax error in front matter counts the file's lines",
			changes: map[string]string{"content/guides/peer-mentoring.md": "\n---\ntitle: Peer\nsummary: \"open\n---\nBody.\n"},
			want:    []string{`content/guides/peer-mentoring.md:4:1: error: the YAML does not parse: found unexpected end of stream`},
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
			changes: map[string]string{"data/roles.yaml": "- id: teacher\n  name: [Teacher, Educator]\n  summary: S.\n"},
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
				`content/guides/Peer Mentoring.md: error: file name "Peer Mentoring.md" is not a valid id`,
				`content/guides/Peer Mentoring.md:2:1: warning: no role, goal, story or other page leads to the guide "Peer Mentoring"; readers find it only in the list of all guides`,
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
				`playbook.yaml:3:10: error: base URL "example.org" is not a web address`,
				`playbook.yaml:5:12: error: color primary "blue" is not a color`,
			},
		},
		{
			name:    "brand colors too light for text",
			changes: map[string]string{"playbook.yaml": "title: T\ndistrict: D\ncolors:\n  primary: \"#4A90D9\"\n  accent: '#ffcc00'\n"},
			want: []string{
				`playbook.yaml:4:12: error: links in the primary color #4a90d9 on the light grey of the footer (#4a90d9 on #f3f5f8) has a contrast of 3.06:1; WCAG AA needs at least 4.5:1`,
				`playbook.yaml:5:11: error: white text on the accent color #ffcc00 (#ffffff on #ffcc00) has a contrast of 1.51:1; WCAG AA needs at least 4.5:1`,
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
				"content/images/team.jpg":          "jpeg",
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
