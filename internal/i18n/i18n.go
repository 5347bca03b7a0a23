// Package i18n gives the site's fixed words in the site's language: the
// labels of the navigation, the titles of index pages, the words around a
// guide's steps, the messages of the browser's scripts, dates.
//
// # Where the words come from
//
// Each language has a table of messages, a YAML file in a theme's i18n
// folder named after the language (themes/default/i18n/en.yaml,
// es.yaml). A table maps a key to its text:
//
//	nav.roles: Roles
//	guides.count:
//	  one: "{count} guide"
//	  other: "{count} guides"
//
// A text with forms for counts gives one per plural form of the language
// (zero, one, two, few, many, other, as Unicode CLDR names them; English
// and Spanish use one and other). "{name}" in a text is replaced by the
// argument of that name.
//
// A district's theme replaces single entries: its own i18n/LANG.yaml needs
// only the keys it changes. playbook.yaml's labels replace entries too, the
// last word: "Interactive Performance Systems" can become "Core Practices"
// without a theme of its own. A key the default theme's table does not
// have is an error at its line, so a misspelt key never passes silently.
//
// # Dates
//
// Dates are written as the language writes them: the table gives the
// months' names (date.months) and the order (date.format, for example
// "{month} {day}, {year}" or "{day} de {month} de {year}").
package i18n

import (
	"fmt"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Message is one entry of a table: a text, or a text for each plural form.
type Message struct {
	Text string // the text when it has no plural forms
	// Forms holds the text for each plural form ("one", "other", ...),
	// when the text depends on a count.
	Forms map[string]string
}

// Table is the messages of one language.
type Table struct {
	lang  language.Tag
	name  string // the language's tag as playbook.yaml writes it
	msgs  map[string]Message
	month []string // the months' names, January first
}

// New returns the table of language tag with messages msgs.
func New(tag string, msgs map[string]Message) *Table {
	t := &Table{lang: language.Make(tag), name: tag, msgs: msgs}
	if m, ok := msgs["date.months"]; ok {
		for _, name := range strings.Split(m.Text, ",") {
			t.month = append(t.month, strings.TrimSpace(name))
		}
	}
	return t
}

// Language returns the table's language tag, as playbook.yaml writes it.
func (t *Table) Language() string { return t.name }

// Has reports whether the table has key.
func (t *Table) Has(key string) bool {
	_, ok := t.msgs[key]
	return ok
}

// T returns the text of key with its arguments, which come in pairs of a
// name and a value: T("guides.count", "count", 3). When an argument is
// named count, it chooses the plural form. An argument named plural names
// the form itself, for a script that counts in the browser and chooses
// among the forms by the same CLDR rules: T("guides.count", "plural",
// "one") gives "{count} guide", its placeholder left for the script; a
// form the text does not have gives "other". A key the table does not have
// gives the key itself in brackets, which tests look for: every key a
// template or the program uses is in the default theme's English table.
func (t *Table) T(key string, args ...any) string {
	m, ok := t.msgs[key]
	if !ok {
		return "[" + key + "]"
	}
	text := m.Text
	if m.Forms != nil {
		text = m.Forms["other"]
		for i := 0; i+1 < len(args); i += 2 {
			switch name, _ := args[i].(string); name {
			case "count":
				if n, ok := toInt(args[i+1]); ok {
					if f, ok := m.Forms[form(t.lang, n)]; ok {
						text = f
					}
				}
			case "plural":
				if f, ok := m.Forms[fmt.Sprint(args[i+1])]; ok {
					text = f
				}
			}
		}
	}
	if len(args) == 0 || !strings.Contains(text, "{") {
		return text
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			b.WriteString(text)
			return b.String()
		}
		b.WriteString(text[:i])
		name := text[i+1 : i+j]
		if v, ok := arg(args, name); ok {
			fmt.Fprint(&b, v)
		} else {
			b.WriteString(text[i : i+j+1])
		}
		text = text[i+j+1:]
	}
}

// arg returns the argument called name.
func arg(args []any, name string) (any, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if n, _ := args[i].(string); n == name {
			return args[i+1], true
		}
	}
	return nil, false
}

func toInt(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case string:
		i, err := strconv.Atoi(n)
		return i, err == nil
	}
	return 0, false
}

// form returns the CLDR name of the plural form of the whole number n in
// language lang.
func form(lang language.Tag, n int) string {
	if n < 0 {
		n = -n
	}
	switch plural.Cardinal.MatchPlural(lang, n, 0, 0, 0, 0) {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	}
	return "other"
}

// Forms are the names a text's plural forms may have.
var Forms = []string{"zero", "one", "two", "few", "many", "other"}

// Date writes the date d, YYYY-MM-DD, as the table's language does; a
// text that is not such a date is given back as it is.
func (t *Table) Date(d string) string {
	tm, err := time.Parse(time.DateOnly, d)
	if err != nil || len(t.month) != 12 {
		return d
	}
	return t.T("date.format", "day", tm.Day(), "month", t.month[tm.Month()-1], "year", tm.Year())
}

// MonthYear writes the month of the date d, YYYY-MM-DD, and its year, as
// the table's language does ("September 2025", "septiembre de 2025").
func (t *Table) MonthYear(d string) string {
	tm, err := time.Parse(time.DateOnly, d)
	if err != nil || len(t.month) != 12 {
		return d
	}
	return t.T("date.month-year", "month", t.month[tm.Month()-1], "year", tm.Year())
}

// Sum writes the table's language and every entry into h, so that pages
// rendered with the table change their hash when a text does.
func (t *Table) Sum(h *maphash.Hash) {
	h.WriteString(t.name)
	keys := t.Keys()
	slices.Sort(keys)
	for _, k := range keys {
		m := t.msgs[k]
		h.WriteString(k)
		h.WriteByte(0)
		h.WriteString(m.Text)
		h.WriteByte(0)
		for _, f := range Forms {
			h.WriteString(m.Forms[f])
			h.WriteByte(0)
		}
	}
}

// Keys returns the table's keys.
func (t *Table) Keys() []string {
	keys := make([]string, 0, len(t.msgs))
	for k := range t.msgs {
		keys = append(keys, k)
	}
	return keys
}
