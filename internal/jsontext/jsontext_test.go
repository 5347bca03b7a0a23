package jsontext

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// encodingJSON returns s as encoding/json writes it, with or without HTML
// escaping, without json.Encoder's final newline.
func encodingJSON(t testing.TB, s string, escapeHTML bool) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// checkString compares AppendString to encoding/json for s, both ways.
func checkString(t testing.TB, s string) {
	t.Helper()
	for _, html := range []bool{false, true} {
		want := encodingJSON(t, s, html)
		if got := string(AppendString([]byte("x"), s, html)); got != "x"+want {
			t.Fatalf("AppendString(%q, escapeHTML %v)\n got %s\nwant x%s", s, html, got, want)
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

func TestAppendString(t *testing.T) {
	for _, s := range trickyStrings {
		checkString(t, s)
	}
	// Every byte and every rune of note at every place in and around an
	// 8-byte group, where AppendString skips what needs no escaping.
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

// FuzzAppendString holds AppendString to encoding/json's escaping, with
// and without HTML escaping, for any string.
func FuzzAppendString(f *testing.F) {
	for _, s := range trickyStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkString(t, s)
	})
}
