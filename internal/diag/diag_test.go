package diag

import (
	"errors"
	"strings"
	"testing"
)

func TestPrint(t *testing.T) {
	ds := []Diagnostic{
		{File: "content/guides/peer-mentoring.md", Line: 14, Col: 3, Severity: Error, Message: `unknown role "teachr" (did you mean "teacher"?)`, Hint: "roles are defined in data/roles.yaml"},
		{File: "data/goals.yaml", Line: 2, Severity: Warning, Message: "100% of goals, a:b"},
		{File: "playbook.yaml", Severity: Error, Message: "missing"},
	}
	tests := []struct {
		format Format
		want   string
	}{
		{Text, `content/guides/peer-mentoring.md:14:3: error: unknown role "teachr" (did you mean "teacher"?)
    hint: roles are defined in data/roles.yaml
data/goals.yaml:2: warning: 100% of goals, a:b
playbook.yaml: error: missing
`},
		{GitHub, `::error file=content/guides/peer-mentoring.md,line=14,col=3::unknown role "teachr" (did you mean "teacher"?)%0Aroles are defined in data/roles.yaml
::warning file=data/goals.yaml,line=2::100%25 of goals, a:b
::error file=playbook.yaml::missing
`},
		{JSON, `{"file":"content/guides/peer-mentoring.md","line":14,"col":3,"severity":"error","message":"unknown role \"teachr\" (did you mean \"teacher\"?)","hint":"roles are defined in data/roles.yaml"}
{"file":"data/goals.yaml","line":2,"col":0,"severity":"warning","message":"100% of goals, a:b"}
{"file":"playbook.yaml","line":0,"col":0,"severity":"error","message":"missing"}
`},
	}
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			var b strings.Builder
			if err := Print(&b, tt.format, ds); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tt.want)
			}
		})
	}
}

func TestListSortsAndDeduplicates(t *testing.T) {
	var l List
	l.Errorf("b.yaml", 1, 1, "x")
	l.Errorf("a.yaml", 9, 1, "y")
	l.Errorf("a.yaml", 2, 5, "z")
	l.Errorf("a.yaml", 2, 5, "z")
	l.Add(Diagnostic{File: "a.yaml", Line: 2, Col: 5, Severity: Warning, Message: "w"})
	var got []string
	for _, d := range l.Items() {
		got = append(got, d.String())
	}
	want := "a.yaml:2:5: error: z\na.yaml:2:5: warning: w\na.yaml:9:1: error: y\nb.yaml:1:1: error: x"
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	if !l.HasErrors() {
		t.Error("HasErrors is false")
	}
}

func TestSuggest(t *testing.T) {
	ids := []string{"principal", "student", "support-staff", "teacher"}
	tests := map[string]string{
		"teachr":         "teacher",
		"techer":         "teacher",
		"studnet":        "student",
		"suport-staff":   "support-staff",
		"superintendent": "",
		"x":              "",
	}
	for in, want := range tests {
		if got := Suggest(in, ids); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
	checklists := []string{"board-member-checklist", "principal-checklist", "student-checklist", "support-staff-checklist", "teacher-checklist"}
	for in, want := range map[string]string{
		"board-checklist":   "board-member-checklist",
		"support-checklist": "support-staff-checklist",
		"teacher-checklst":  "teacher-checklist",
		"board-member":      "board-member-checklist",
		"checklist":         "",
	} {
		if got := Suggest(in, checklists); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPrintSource(t *testing.T) {
	files := map[string]string{
		"data/roles.yaml":  "- id: teacher\n  name: Teacher\n  checklist: teachr\n",
		"content/a.md":     "\ufeff---\n\ttitle: x\n",
		"content/long.md":  strings.Repeat("x", 300) + "\n",
		"content/latin.md": "caf\xe9\n",
	}
	read := func(f string) ([]byte, error) {
		if s, ok := files[f]; ok {
			return []byte(s), nil
		}
		return nil, errors.New("no such file")
	}
	ds := WithSource([]Diagnostic{
		{File: "data/roles.yaml", Line: 3, Col: 14, Message: "unknown checklist"},
		{File: "content/a.md", Line: 2, Col: 2, Message: "tab"},
		{File: "content/long.md", Line: 1, Col: 1, Message: "long"},
		{File: "content/latin.md", Line: 1, Col: 4, Message: "latin"},
		{File: "missing.md", Line: 1, Col: 1, Message: "missing"},
		{File: "data/roles.yaml", Line: 9, Col: 1, Message: "past the end"},
	}, read)
	var b strings.Builder
	if err := Print(&b, Text, ds); err != nil {
		t.Fatal(err)
	}
	want := `data/roles.yaml:3:14: error: unknown checklist
  3 |   checklist: teachr
    |              ^
content/a.md:2:2: error: tab
  2 | 	title: x
    | 	^
content/long.md:1:1: error: long
content/latin.md:1:4: error: latin
missing.md:1:1: error: missing
data/roles.yaml:9:1: error: past the end
`
	if b.String() != want {
		t.Errorf("printed:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	Print(&b, JSON, ds[:1])
	if !strings.Contains(b.String(), `"source":"  checklist: teachr"`) {
		t.Errorf("JSON without the line's text: %s", b.String())
	}
}
