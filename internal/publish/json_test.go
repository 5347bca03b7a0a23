package publish

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/playbook-edu/playbook/internal/jsontext"
)

// encodingJSON returns v as encoding/json writes it, with or without
// HTML escaping, without json.Encoder's final newline.
func encodingJSON(t testing.TB, v any, escapeHTML bool) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// checkString compares jsontext.AppendString, which this package writes its
// strings with, to encoding/json for s, both ways.
func checkString(t testing.TB, s string) {
	t.Helper()
	for _, html := range []bool{false, true} {
		want := encodingJSON(t, s, html)
		if got := string(jsontext.AppendString([]byte("x"), s, html)); got != "x"+want {
			t.Fatalf("jsontext.AppendString(%q, escapeHTML %v)\n got %s\nwant x%s", s, html, got, want)
		}
	}
}

// trickyStrings are strings whose escaping is easy to get wrong.
var trickyStrings = []string{
	"", "a", "plain text of more than eight bytes", `"`, `\`, `\"`, "</script>", "<!-- -->", "a & b", "x<y>z",
	"\x00", "\x01\x02\x1f", "\x7f", "\b\f\n\r\t", "line\nbreak\r\n", "tab\there",
	"\u2028", "\u2029", "a\u2028b\u2029c", "\u2027\u202a", "é", "naïve café", "日本語のテキスト", "emoji 🎉 and 👩‍🏫",
	"\ufffd", "\xff", "\xfe\xff", "\xc3", "\xc3(", "\xe2\x80", "\xe2\x80\xa8", "\xe2\x80\xa9x", "\xed\xa0\x80", "\xc0\x80",
	"\xf4\x90\x80\x80", "\U0010ffff", "abc\xffdefghijklmnop", "12345678\"12345678", "1234567\xe2\x80\xa8",
	strings.Repeat("<p class=\"x\">text &amp; more</p>\n", 40), strings.Repeat("é", 100), strings.Repeat("\xff", 17),
}

func TestJSONString(t *testing.T) {
	for _, s := range trickyStrings {
		checkString(t, s)
	}
	// Every byte and every rune of note at every place in and around an
	// 8-byte group, where the writer skips what needs no escaping.
	var specials []string
	for c := range 256 {
		specials = append(specials, string([]byte{byte(c)}))
	}
	for _, r := range []rune{0x80, 0x7ff, 0x800, 0x2027, 0x2028, 0x2029, 0x202a, 0xfffd, 0xffff, 0x10000, 0x10ffff} {
		specials = append(specials, string(r))
	}
	for _, sp := range specials {
		for before := range 18 {
			checkString(t, strings.Repeat("a", before)+sp+strings.Repeat("b", 9))
			checkString(t, strings.Repeat("a", before)+sp) // at the very end, perhaps cut short
		}
	}
}

// FuzzJSONString holds jsontext.AppendString to encoding/json's escaping, with and
// without HTML escaping, for any string.
func FuzzJSONString(f *testing.F) {
	for _, s := range trickyStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkString(t, s)
	})
}

func TestAppendFloat(t *testing.T) {
	for _, f := range []float64{0, 1, -1, 0.5, 1e-6, 1e-7, 9.99e-7, 1e20, 1e21, 1.5e21, -2.5e-9, 123456789, math.MaxFloat64,
		math.SmallestNonzeroFloat64, 1.0 / 3, math.Copysign(0, -1)} {
		want := encodingJSON(t, f, false)
		if got := string(appendFloat(nil, f)); got != want {
			t.Errorf("appendFloat(%v) = %s, want %s", f, got, want)
		}
	}
}

// TestWriteRecords holds the records' writeJSON methods to encoding/json
// where the files' content does not reach: nil lists and maps, empty and
// full optional fields.
func TestWriteRecords(t *testing.T) {
	check := func(name string, v any, write func(*jsonWriter)) {
		t.Helper()
		for _, html := range []bool{false, true} {
			j := &jsonWriter{escapeHTML: html}
			write(j)
			if want := encodingJSON(t, v, html); string(j.buf) != want {
				t.Errorf("%s (escapeHTML %v)\n got %s\nwant %s", name, html, j.buf, want)
			}
		}
	}
	tricky := strings.Join(trickyStrings, "|")
	target, zero := 75.5, 0.0
	goals := []ExportGoal{{}, {ID: tricky, Indicators: []string{}, Questions: map[string]string{}, IndicatorData: []ExportIndicator{}},
		{IndicatorData: []ExportIndicator{{}, {Name: tricky, Unit: "%", Target: &target, Baseline: &zero,
			Measurements: []ExportMeasurement{{Date: "2025-09-15", Value: 61}, {Value: -0.000001}, {Value: 1e21}}}}},
		{Questions: map[string]string{"vision": "v", "actions": "<a>", "b": "", "é": "x", "A": "upper", tricky: tricky},
			Owners: []string{"x", tricky}, Guides: []string{""}}}
	for _, g := range goals {
		check("ExportGoal", g, g.writeJSON)
	}
	prompts := []ExportPrompt{{}, {Lines: 4, Choices: []string{}}, {Kind: "scale", Scale: &ExportScale{Min: -1, Max: 7, MinLabel: tricky}},
		{Kind: "choice", Choices: []string{"a", tricky}}}
	for _, p := range prompts {
		check("ExportPrompt", p, p.writeJSON)
	}
	roles := []ExportRole{{}, {Pathway: []ExportStep{}, Spheres: []string{}}, {Pathway: []ExportStep{{Guide: "g", Why: tricky}}, Checklist: "c"}}
	for _, r := range roles {
		check("ExportRole", r, r.writeJSON)
	}
	for _, c := range []ExportChecklist{{}, {Sections: []ExportSection{{}, {Title: tricky, Items: []ExportItem{{ID: "i", Text: tricky}}}}}} {
		check("ExportChecklist", c, c.writeJSON)
	}
	for _, st := range []ExportStory{{}, {Example: true, Roles: []string{}, Evidence: []string{tricky}}} {
		check("ExportStory", st, st.writeJSON)
	}
	for _, gd := range []ExportGuide{{}, {Date: "d", Checklist: "c", Reflection: "r", Links: []string{}, HTML: tricky}} {
		check("ExportGuide", gd, gd.writeJSON)
	}
	for _, it := range []CFItem{{}, {AbbreviatedStatement: "a", ListEnumeration: "1", CFItemType: "t", CFItemTypeURI: &LinkURI{Title: tricky}, Notes: "n"}} {
		check("CFItem", it, it.writeJSON)
	}
	for _, a := range []CFAssociation{{}, {SequenceNumber: 3, OriginNodeURI: LinkURI{URI: tricky}}} {
		check("CFAssociation", a, a.writeJSON)
	}
	for _, d := range []CFDefinitions{{}, {CFConcepts: []any{}, CFSubjects: []any{"x", 1.5, map[string]any{"<": nil}}, CFItemTypes: []CFItemType{{Title: tricky}}}} {
		check("CFDefinitions", d, d.writeJSON)
	}
	for _, r := range []CFRubric{{}, {Description: "d", CFRubricCriteria: []CFRubricCriterion{{CFRubricCriterionLevels: []CFRubricCriterionLevel{{Score: 0.25}}}}}} {
		check("CFRubric", r, r.writeJSON)
	}
	for _, d := range []CFDocument{{}, {FrameworkType: "f", OfficialSourceURL: "o", Publisher: "p", Description: tricky, Language: "l", AdoptionStatus: "a", CaseVersion: "1.1"}} {
		check("CFDocument", d, d.writeJSON)
	}
}

// TestSpaceByte checks the table collapseSpace reads against
// unicode.IsSpace for every character.
func TestSpaceByte(t *testing.T) {
	var buf [utf8.UTFMax]byte
	for r := rune(0); r <= unicode.MaxRune; r++ {
		n := utf8.EncodeRune(buf[:], r)
		switch kind := spaceByte[buf[0]]; {
		case unicode.IsSpace(r) && n == 1 && kind != 1, unicode.IsSpace(r) && n > 1 && kind != 2, !unicode.IsSpace(r) && n == 1 && kind != 0:
			t.Fatalf("spaceByte[%#x] = %d for %U", buf[0], kind, r)
		}
	}
}

func BenchmarkJSONString(b *testing.B) {
	g := syntheticGraph(b)
	h := g.Guides[0].Body.HTML
	buf := make([]byte, 0, 2*len(h))
	b.SetBytes(int64(len(h)))
	for b.Loop() {
		buf = jsontext.AppendString(buf[:0], h, false)
	}
}
