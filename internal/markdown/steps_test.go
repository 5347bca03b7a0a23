package markdown

import (
	"html"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/synth"
)

// convertGuide renders text as the body of a guide.
func convertGuide(t testing.TB, c *Converter, text string) Doc {
	t.Helper()
	src := []byte(text)
	doc, err := c.Convert(Source{Text: src, File: "content/guides/g.md", Position: LinePositions("content/guides/g.md", src, 1)})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestSteps(t *testing.T) {
	step := func(name, text string) model.Instruction { return model.Instruction{Name: name, Text: text} }
	for _, tc := range []struct {
		name, text string
		want       []model.Instruction
	}{
		{"named and not", "## Steps\n\n1. **Begin.** Do it.\n2. Go on.\n",
			[]model.Instruction{step("Begin", "Begin. Do it."), step("", "Go on.")}},
		{"loose list, name ending in a colon", "## Steps\n\n1. **Agree on a focus:** one goal.\n\n2. **Meet**\n",
			[]model.Instruction{step("Agree on a focus", "Agree on a focus: one goal."), step("Meet", "Meet")}},
		{"a heading starting Steps, of level 3", "Intro.\n\n### STEPS to take\n\n3. a\n4. b\n",
			[]model.Instruction{step("", "a"), step("", "b")}},
		{"not Steps", "## Stepsx\n\n1. a\n\n# Steps\n\n1. b\n", nil},
		{"a bullet list first", "## Steps\n\n- not a step\n\nThen:\n\n1. a step\n", []model.Instruction{step("", "a step")}},
		{"no numbered list before the next heading", "## Steps\n\nNone.\n\n## Later\n\n1. late\n", nil},
		{"only the first Steps heading", "## Steps\n\nNone.\n\n## Steps\n\n1. x\n", nil},
		{"a level 1 heading does not end the section", "## Steps\n\n# Title\n\n1. x\n", []model.Instruction{step("", "x")}},
		{"nested lists are part of their item", "## Steps\n\n1. **Plan**\n   - who\n   - when\n2. Act\n",
			[]model.Instruction{step("Plan", "Plan who when"), step("", "Act")}},
		{"a heading in the list ends the steps", "## Steps\n\n1. a\n2. b\n\n   ## Inside\n3. c\n", []model.Instruction{step("", "a")}},
		{"each element reads as a space, as on the page", "## Steps\n\n1. Open [the form](form.md), type `x & y` and *underline*d.\n",
			[]model.Instruction{step("", "Open the form , type x & y and underline d.")}},
		{"references, escapes and smart punctuation", "## Steps\n\n1. **Q&amp;A:** \\*not emphasis\\* &copy \"said\" -- done...\n",
			[]model.Instruction{step("Q&A", "Q&A: *not emphasis* &copy “said” – done…")}},
		{"bold text later is not a name", "## Steps\n\n1. Then **bold**.\n", []model.Instruction{step("", "Then bold .")}},
		{"a task box is not text", "## Steps\n\n1. [ ] **Book** the room\n2. [x] Send notes\n",
			[]model.Instruction{step("", "Book the room"), step("", "Send notes")}},
		{"footnotes are not steps", "## Steps\n\nNo list.[^1]\n\n[^1]: A note.\n", nil},
		{"a footnote's heading and list are not the text's", "## Steps\n\n[^1]: 1. note\n\n    ## h\n\nx[^1]\n\n1. a\n",
			[]model.Instruction{step("", "a")}},
		{"a footnote link is its number", "## Steps\n\n1. See this.[^n]\n\n[^n]: A note.\n", []model.Instruction{step("", "See this. 1")}},
		{"a list inside a quote", "## Steps\n\n> 1. **Quoted** step\n", []model.Instruction{step("Quoted", "Quoted step")}},
		{"images and code blocks", "## Steps\n\n1. Look: ![a map](../images/map.png)\n\n   ```\n   a <b>\n   ```\n",
			[]model.Instruction{step("", "Look: a <b>")}},
		{"no Steps heading", "1. a\n2. b\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := convertGuide(t, New("/"), tc.text)
			if !reflect.DeepEqual(doc.Steps, tc.want) {
				t.Errorf("steps of %q\n got %q\nwant %q\nHTML: %s", tc.text, doc.Steps, tc.want, doc.HTML)
			}
		})
	}
}

// The steps as the pages once found them, by reading the rendered HTML:
// the code this package's steps replaced, kept as the oracle they are held
// to. It reads the HTML without the footnotes, which are not part of the
// text, and with each task box as an element without text.

var (
	pageStrongRE   = regexp.MustCompile(`(?s)^\s*<strong>(.*?)</strong>`)
	pageTaskBoxRE  = regexp.MustCompile(`<span class="task-box"[^>]*>[^<]*</span> (<span class="visually-hidden">[^<]*</span>)?`)
	pageFootnoteRE = regexp.MustCompile(`(?s)<div class="footnotes".*$`)
)

// pageSteps returns the steps of a page's HTML: the items of the first
// numbered list under its first heading "Steps", before the next heading.
func pageSteps(body string) []model.Instruction {
	body = pageFootnoteRE.ReplaceAllString(pageTaskBoxRE.ReplaceAllString(body, "<span></span>"), "")
	for from := 0; ; {
		start, ts, te, end := pageHeading(body, from)
		if start < 0 {
			return nil
		}
		from = end
		t := strings.ToLower(pageText(body[ts:te]))
		if t != "steps" && !strings.HasPrefix(t, "steps ") {
			continue
		}
		section := body[end:]
		if next, _, _, _ := pageHeading(body, end); next >= 0 {
			section = body[end:next]
		}
		i := strings.Index(section, "<ol")
		if i < 0 {
			return nil
		}
		return pageListItems(section[i:])
	}
}

// pageText returns the text of an HTML fragment on one line.
func pageText(h string) string {
	var b strings.Builder
	for len(h) > 0 {
		i := strings.IndexByte(h, '<')
		if i < 0 {
			b.WriteString(h)
			break
		}
		b.WriteString(h[:i])
		b.WriteByte(' ')
		j := strings.IndexByte(h[i:], '>')
		if j < 0 {
			break
		}
		h = h[i+j+1:]
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

// pageHeading finds the next heading element h2 to h6 in body at or after
// from, returning where it starts, where its text starts and ends, and
// where it ends; start is -1 when there is none.
func pageHeading(body string, from int) (start, textStart, textEnd, end int) {
	for i := from; ; {
		j := strings.Index(body[i:], "<h")
		if j < 0 {
			return -1, 0, 0, 0
		}
		start = i + j
		if start+3 < len(body) && body[start+2] >= '2' && body[start+2] <= '6' && (body[start+3] == '>' || body[start+3] == ' ') {
			gt := strings.IndexByte(body[start:], '>')
			closing := strings.Index(body[start:], "</h"+body[start+2:start+3]+">")
			if gt >= 0 && closing > gt {
				return start, start + gt + 1, start + closing, start + closing + 5
			}
		}
		i = start + 2
	}
}

// pageListItems returns the items of the list that list starts with,
// leaving out nested lists' items as items of their own.
func pageListItems(list string) []model.Instruction {
	var steps []model.Instruction
	depth, itemStart := 0, -1
	for i := 0; i < len(list); {
		j := strings.IndexByte(list[i:], '<')
		if j < 0 {
			break
		}
		i += j
		end := strings.IndexByte(list[i:], '>')
		if end < 0 {
			break
		}
		tag := list[i : i+end+1]
		switch {
		case strings.HasPrefix(tag, "<ol"), strings.HasPrefix(tag, "<ul"):
			depth++
		case tag == "</ol>", tag == "</ul>":
			depth--
			if depth == 0 {
				return steps
			}
		case depth == 1 && strings.HasPrefix(tag, "<li"):
			itemStart = i + len(tag)
		case depth == 1 && tag == "</li>" && itemStart >= 0:
			item := list[itemStart:i]
			st := model.Instruction{Text: pageText(item)}
			if m := pageStrongRE.FindStringSubmatch(strings.TrimPrefix(strings.TrimSpace(item), "<p>")); m != nil {
				st.Name = strings.TrimRight(pageText(m[1]), ".:")
			}
			steps = append(steps, st)
			itemStart = -1
		}
		i += len(tag)
	}
	return steps
}

// checkPageSteps fails t when the steps Convert found in text are not
// those its page shows.
func checkPageSteps(t *testing.T, c *Converter, name, text string) {
	t.Helper()
	doc := convertGuide(t, c, text)
	if want := pageSteps(string(doc.HTML)); !reflect.DeepEqual(doc.Steps, want) {
		t.Fatalf("%s: steps of %q\n got %q\nwant %q (as the page shows them)\nHTML: %s", name, text, doc.Steps, want, doc.HTML)
	}
}

// TestStepsAreThePages holds the steps of every guide of this repository's
// playbook and of a synthetic one to those their pages show.
func TestStepsAreThePages(t *testing.T) {
	c := New("/")
	texts := map[string]string{}
	for _, dir := range []string{"../../content/guides", "../../testdata/golden/src/content/guides", synthGuides(t)} {
		files, err := filepath.Glob(filepath.Join(dir, "*.md"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no guides in %s: %v", dir, err)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			_, body, ok := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---\n")
			if !ok {
				t.Fatalf("%s: no front matter", f)
			}
			texts[f] = body
		}
	}
	withSteps := 0
	for name, text := range texts {
		checkPageSteps(t, c, name, text)
		if len(convertGuide(t, c, text).Steps) > 0 {
			withSteps++
		}
	}
	if withSteps < len(texts)/2 {
		t.Errorf("only %d guides of %d have steps", withSteps, len(texts))
	}
}

// synthGuides returns the folder of the guides of a new synthetic playbook.
func synthGuides(t *testing.T) string {
	dir := t.TempDir()
	if err := synth.Write(dir, 200); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "content/guides")
}

// FuzzSteps holds the steps Convert finds in any Markdown to those the
// rendered page shows.
func FuzzSteps(f *testing.F) {
	for _, s := range []string{
		"## Steps\n\n1. **Begin.** Do it.\n2. Go on.\n",
		"## Steps\n\n1. [ ] **Book** the room\n2. [x] Send notes\n",
		"## Steps\n\n1. **a **b** c** d\n",
		"## Ste*ps*\n\n1. x\n\n## Steps\n\n1. y",
		"## Steps\n\n1. a\n\n   ## In\n2. b",
		"## Steps\n\nx[^1]\n\n[^1]: 1. note\n\n   ## h\n",
		"## Steps\n\n1. [^1]: def\n2. x[^1]\n",
		"## Steps\n\n[^1]: 1. note\n\n    ## h\n\nx[^1]\n\n1. a\n",
		"## Steps\n\n1. &copy &amp;copy; \\& &#32;**x** &nbsp; &#x2028;\n",
		"## Steps\n\n1.  \u00a0**x**\n\n2. \u00a0**y**\n",
		"## Steps\n\n1. <b>raw</b> **x**\n2. `a\nb` <https://example.org/a&b> www.example.org\n",
		"## Steps\n\n1. line  \n   break **x**\n2.\n3. | a | b |\n   |---|---|\n   | c | d |\n",
		"Steps\n---\n\n1. setext\n\n> ## Steps\n",
	} {
		f.Add(s)
	}
	c := New("/")
	f.Fuzz(func(t *testing.T, text string) {
		src := []byte(text)
		doc, err := c.Convert(Source{Text: src, File: "content/guides/g.md", Position: LinePositions("content/guides/g.md", src, 1)})
		if err != nil {
			return // past a limit
		}
		if want := pageSteps(string(doc.HTML)); !reflect.DeepEqual(doc.Steps, want) {
			t.Fatalf("steps of %q\n got %q\nwant %q (as the page shows them)\nHTML: %s", text, doc.Steps, want, doc.HTML)
		}
	})
}

// BenchmarkConvertGuides converts the bodies of 1,000 synthetic guides per
// iteration, as loading them does: goldmark's work, the links, headings
// and readable text, and the steps.
func BenchmarkConvertGuides(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, 1000); err != nil {
		b.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "content/guides/*.md"))
	if err != nil || len(files) != 1000 {
		b.Fatalf("%d guides: %v", len(files), err)
	}
	var sources []Source
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		_, body, _ := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---\n")
		sources = append(sources, Source{Text: []byte(body), File: "content/guides/" + filepath.Base(f),
			Position: LinePositions("content/guides/"+filepath.Base(f), []byte(body), 1)})
	}
	c := New("/")
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range sources {
			if _, err := c.Convert(src); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// FuzzAppendWords holds appendWords to strings.Fields joined by spaces.
func FuzzAppendWords(f *testing.F) {
	for _, s := range []string{"", " a  b ", "\u00a0x\u0085y\u2028z\u3000", "\xff \xc3 é\t\n\v\f\r", "one"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendWords([]byte("x"), []byte(s))), "x"+strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("appendWords(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestTranslatedSteps checks a translation keeps its original's anchors
// with "{#id}", that nothing else written in the braces reaches the page,
// and that WithSteps finds the steps under the heading of the text's
// language.
func TestTranslatedSteps(t *testing.T) {
	src := []byte("## Pasos {#steps .big style=\"color: red\" onclick=\"x()\"}\n\n1. **Reúna** al equipo.\n2. Decidan.\n")
	doc, err := New("/").WithWords(Words{Steps: "Pasos", Done: "Hecho:"}).Convert(Source{Text: src, File: "content/guides/g.es.md", Position: LinePositions("content/guides/g.es.md", src, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(doc.HTML), `<h2 id="steps">Pasos</h2>`) {
		t.Errorf("HTML: %s", doc.HTML)
	}
	if len(doc.Headings) != 1 || doc.Headings[0].ID != "steps" || doc.StepsID != "steps" {
		t.Errorf("headings: %+v, the steps' %q", doc.Headings, doc.StepsID)
	}
	plain := []byte("## Pasos a seguir\n\n1. Uno.\n")
	if d, err := New("/").WithWords(Words{Steps: "Pasos"}).Convert(Source{Text: plain, File: "a.es.md", Position: LinePositions("a.es.md", plain, 1)}); err != nil || d.StepsID != "pasos-a-seguir" {
		t.Errorf("the steps of %q follow %q (%v)", plain, d.StepsID, err)
	}
	if want := []model.Instruction{{Name: "Reúna", Text: "Reúna al equipo."}, {Text: "Decidan."}}; !reflect.DeepEqual(doc.Steps, want) {
		t.Errorf("steps %q, want %q", doc.Steps, want)
	}
	english, err := New("/").Convert(Source{Text: src, File: "content/guides/g.md", Position: LinePositions("content/guides/g.md", src, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if english.Steps != nil {
		t.Errorf("steps under \"Pasos\" in an English text: %q", english.Steps)
	}
}
