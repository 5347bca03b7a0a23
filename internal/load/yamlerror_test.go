package load

import (
	"bytes"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestLocateYAMLErrorInLargeFiles(t *testing.T) {
	var b strings.Builder
	for i := range 5000 {
		b.WriteString("- id: story-" + strings.Repeat("x", i%7) + "\n  title: A story\n  tags: [a, b,\n    c]\n  body: |\n    Text.\n")
	}
	good := b.String()
	lines := strings.Count(good, "\n")
	for _, at := range []int{2, lines / 2, lines - 1} {
		ls := strings.Split(good, "\n")
		ls[at-1] = "  title: \"never closed"
		src := []byte(strings.Join(ls, "\n"))
		var doc yaml.Node
		if err := yaml.Unmarshal(src, &doc); err == nil {
			t.Fatalf("line %d: the broken text parses", at)
		}
		if p := locateYAMLError(src); p.line != at {
			t.Errorf("mistake on line %d of %d found on line %d", at, lines, p.line)
		}
	}
}

func FuzzLocateYAMLError(f *testing.F) {
	f.Add("a: [b\n")
	f.Add("- id: x\n  name: \"y\n- id: z\n")
	f.Add("title: A: b\n")
	f.Add("a:\n\tb: c\n")
	f.Add("- a\n b: c\n")
	f.Add("\"")
	f.Add("a: b\n c\n: d\n")
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte(s)
		var doc yaml.Node
		if yaml.Unmarshal(src, &doc) == nil {
			return
		}
		p := locateYAMLError(src)
		n := bytes.Count(src, []byte("\n")) + 1
		if p.line < 1 || p.line > n {
			t.Fatalf("line %d of a text of %d lines", p.line, n)
		}
		col, msg, _ := explainYAMLError(lineAt(src, p.line), p.err)
		if col < 1 || msg == "" {
			t.Fatalf("column %d, message %q", col, msg)
		}
	})
}
