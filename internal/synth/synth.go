// Package synth writes a synthetic playbook of any size, for benchmarks:
// six roles, the five performance systems, three goals, a story for every
// twenty guides, a checklist and a reflection form, and N practice guides of
// realistic Markdown (headings, paragraphs with emphasis, numbered and
// bulleted lists, a table, a task list, links to other guides) with front
// matter naming roles and systems. The same N always gives the same files.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

var (
	roles   = []string{"superintendent", "board-member", "principal", "teacher", "support-staff", "student"}
	systems = []string{"AWP", "EIG", "LDR", "SNI", "TWPS"}
	words   = strings.Fields(`team school district student teacher leader practice goal evidence
		meeting plan share trust decision learning mentor colleague family board policy data
		indicator feedback week month term classroom committee project research voice role
		support improve reflect observe agree try adjust celebrate invite notice record review`)
)

// Write writes a playbook of n guides into dir, which must not exist or be
// empty.
func Write(dir string, n int) error {
	r := rand.New(rand.NewPCG(uint64(n), 42))
	files := map[string]string{
		"playbook.yaml": "title: Synthetic Playbook\ndistrict: Benchmark District\ndescription: A generated playbook for benchmarks.\n" +
			"vision: Everyone leads. Start with [the first guide](content/guides/" + guideID(0) + ".md).\nbaseURL: https://bench.example.org/\n" +
			// Its words are drawn at random, and read harder than any
			// playbook should; the build measures them all the same.
			"readingLevel: {students: 20, everyone: 20}\n",
	}

	var b strings.Builder
	for i, id := range roles {
		fmt.Fprintf(&b, "- id: %s\n  name: Role %d\n  summary: %s.\n  description: |\n    %s.\n  spheres: [Classroom, School, District]\n  checklist: team\n  pathway:\n",
			id, i+1, sentence(r, 8), sentences(r, 3, 10))
		for s := range min(8, n) {
			fmt.Fprintf(&b, "    - guide: %s\n      why: %s.\n", guideID((i*97%n+s)%n), sentence(r, 12))
		}
	}
	files["data/roles.yaml"] = b.String()

	b.Reset()
	for _, code := range systems {
		fmt.Fprintf(&b, "- code: %s\n  name: System %s\n  sector: Shared Leadership\n  summary: %s.\n  definition: |\n    %s.\n",
			code, code, sentence(r, 10), sentences(r, 4, 10))
	}
	files["data/systems.yaml"] = b.String()

	b.Reset()
	for i := range 3 {
		fmt.Fprintf(&b, "- id: goal-%d\n  title: Goal %d\n  status: active\n  summary: %s.\n  why: %s.\n  indicators: [%s, %s]\n  owners: [%s]\n  strategies: [%s, %s]\n",
			i+1, i+1, sentence(r, 10), sentences(r, 5, 5), sentence(r, 4), sentence(r, 4), roles[i], guideID(i%n), guideID((i+7)%n))
	}
	files["data/goals.yaml"] = b.String()

	b.Reset()
	for i := range max(1, n/20) {
		fmt.Fprintf(&b, "- id: story-%d\n  title: Story %d\n  date: 2025-%02d-%02d\n  example: true\n  summary: %s.\n  roles: [%s]\n  systems: [%s]\n  guides: [%s]\n  evidence: [%s]\n  body: |\n    %s.\n\n    %s.\n",
			i+1, i+1, i%12+1, i%28+1, sentence(r, 10), roles[i%len(roles)], systems[i%len(systems)], guideID(i*20%n), sentence(r, 6), sentence(r, 40), sentence(r, 40))
	}
	files["data/stories.yaml"] = b.String()

	files["data/checklists.yaml"] = "- id: team\n  title: Team checklist\n  sections:\n    - title: Start\n      items:\n        - {id: one, text: First thing.}\n        - {id: two, text: Second thing.}\n"
	files["data/reflections.yaml"] = "- id: reflect\n  title: Reflect\n  prompts:\n    - {id: what, kind: text, text: 'What went well?'}\n    - {id: how, kind: scale, text: 'How sure are you?'}\n"

	for i := range n {
		files["content/guides/"+guideID(i)+".md"] = guide(r, i, n)
	}
	files["content/pages/about.md"] = "---\ntitle: About\nmenu: true\n---\n" + sentences(r, 4, 10) + ".\n"

	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func guideID(i int) string { return fmt.Sprintf("practice-%05d", i) }

func sentence(r *rand.Rand, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = words[r.IntN(len(words))]
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// sentences returns k sentences of n words, without the last full stop:
// the same words as one sentence of k×n.
func sentences(r *rand.Rand, k, n int) string {
	ss := make([]string, k)
	for i := range ss {
		ss[i] = sentence(r, n)
	}
	return strings.Join(ss, ". ")
}

func paragraph(r *rand.Rand) string {
	var b strings.Builder
	for i := range 4 {
		if i > 0 {
			b.WriteString(" ")
		}
		s := sentence(r, 8+r.IntN(10))
		if i == 1 {
			ws := strings.Fields(s)
			ws[2] = "**" + ws[2] + "**"
			ws[4] = "*" + ws[4] + "*"
			s = strings.Join(ws, " ")
		}
		b.WriteString(s + ".")
	}
	return b.String()
}

// guide writes guide i of n: about 3 KB of Markdown.
func guide(r *rand.Rand, i, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Practice %d\nsummary: %s.\nroles: [%s, %s]\nsystems: [%s]\nchecklist: team\nreflection: reflect\n---\n",
		i, sentence(r, 12), roles[i%6], roles[(i+2)%6], systems[i%5])
	fmt.Fprintf(&b, "%s\n\n## Why it matters\n\n%s\n\n%s\n\n## Steps\n\n", paragraph(r), paragraph(r), paragraph(r))
	for s := 1; s <= 5; s++ {
		fmt.Fprintf(&b, "%d. **%s.** %s.\n", s, sentence(r, 3), sentence(r, 14))
	}
	b.WriteString("\n## What it looks like in each role\n\n| Role | What it looks like |\n|------|--------------------|\n")
	for _, role := range roles[:4] {
		fmt.Fprintf(&b, "| %s | %s. |\n", role, sentence(r, 10))
	}
	b.WriteString("\n## Check yourself\n\n")
	for range 4 {
		fmt.Fprintf(&b, "- [ ] %s?\n", sentence(r, 8))
	}
	fmt.Fprintf(&b, "\n## Related guides\n\n- [Practice %d](%s.md)\n- [Practice %d](%s.md)\n- [Practice %d](%s.md#steps)\n\n%s\n",
		(i+1)%n, guideID((i+1)%n), (i+7)%n, guideID((i+7)%n), (i*31+3)%n, guideID((i*31+3)%n), paragraph(r))
	return b.String()
}
