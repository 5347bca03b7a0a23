package i18n

import "testing"

// TestT checks a text's arguments and plural forms, in English and in
// Spanish, and the form a script asks for by name.
func TestT(t *testing.T) {
	forms := func(one, other string) Message { return Message{Forms: map[string]string{"one": one, "other": other}} }
	en := New("en", map[string]Message{
		"hello":  {Text: "Hello, {name}."},
		"guides": forms("{count} guide", "{count} guides"),
		"done":   forms("{done} of {count} step done", "{done} of {count} steps done"),
	})
	es := New("es", map[string]Message{
		"guides": forms("{count} guía", "{count} guías"),
	})
	for _, tc := range []struct {
		name string
		got  string
		want string
	}{
		{"argument", en.T("hello", "name", "Ana"), "Hello, Ana."},
		{"argument missing", en.T("hello"), "Hello, {name}."},
		{"one", en.T("guides", "count", 1), "1 guide"},
		{"other", en.T("guides", "count", 3), "3 guides"},
		{"zero is other in English", en.T("guides", "count", 0), "0 guides"},
		{"count as text", en.T("guides", "count", "1"), "1 guide"},
		{"no count", en.T("guides"), "{count} guides"},
		{"Spanish one", es.T("guides", "count", 1), "1 guía"},
		{"Spanish other", es.T("guides", "count", 2), "2 guías"},
		// A count chooses the form; another argument fills the rest, and
		// what no argument fills is left for the script.
		{"placeholder left", en.T("done", "count", 1), "{done} of 1 step done"},
		// A script asks for each form by name, its placeholders intact.
		{"plural one", en.T("guides", "plural", "one"), "{count} guide"},
		{"plural other", en.T("guides", "plural", "other"), "{count} guides"},
		{"plural the text lacks", en.T("guides", "plural", "few"), "{count} guides"},
		{"missing key", en.T("nope"), "[nope]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}

// TestDate checks dates in the default theme's English and Spanish.
func TestDate(t *testing.T) {
	en, es := defaultTable(t, "en"), defaultTable(t, "es")
	for _, tc := range []struct {
		name, got, want string
	}{
		{"English", en.Date("2025-03-14"), "March 14, 2025"},
		{"Spanish", es.Date("2025-03-14"), "14 de marzo de 2025"},
		{"Spanish month", es.MonthYear("2025-09-01"), "septiembre de 2025"},
		{"not a date", es.Date("soon"), "soon"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}
