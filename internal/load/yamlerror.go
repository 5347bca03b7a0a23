package load

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/playbook-edu/playbook/internal/diag"
)

// A YAML syntax error, as yaml.v3 reports it, names the line where the
// block around the mistake starts (its "context mark"), not the mistake: a
// key pasted at line 74 of a list of roles is reported at line 3, an
// unclosed quote at line 45 at the end of the file. An editor needs the
// line to change. So the loader looks for it: the first line from which
// every longer start of the text fails to parse. Lines before it are
// valid YAML as far as they go; the mistake is on it. Then it reads that
// line to say, in words, what is wrong and where in the line.

// yamlError reports a YAML syntax error in src, a text that starts after
// lineOffset lines of file (the front matter of a guide, or a whole data
// file).
func (l *loader) yamlError(file string, src []byte, lineOffset int, err error) {
	p := locateYAMLError(src)
	line := lineAt(src, p.line)
	col, msg, hint := explainYAMLError(line, p.err)
	l.diags.Add(diag.Diagnostic{File: file, Line: p.line + lineOffset, Col: col, Severity: diag.Error,
		Message: msg, Hint: hint})
}

// yamlProblem is where a text stops being YAML: the 1-based line, and the
// error of the text up to the end of that line.
type yamlProblem struct {
	line int
	err  error
}

// locateYAMLError returns the first line of src from which no longer start
// of src parses, with the error of the start that ends on it.
func locateYAMLError(src []byte) yamlProblem {
	ends := lineEnds(src)
	parse := func(n int) error { // parses the first n lines
		var doc yaml.Node
		return yaml.Unmarshal(src[:ends[n]], &doc)
	}
	// Narrow down, a block at a time, to the block the mistake is in: a
	// start of the text that ends just before a line as far left as any
	// in the region is whole, so it parses when the mistake comes later.
	// Then look at each line of the last block.
	lo, hi := 0, len(ends)-1 // the first lo lines parse; the first hi do not
	for hi-lo > 16 {
		bounds := blockStarts(src, ends, lo, hi)
		if len(bounds) == 0 {
			break
		}
		// The last block start b such that the first b-1 lines parse.
		i, j := 0, len(bounds) // bounds[:i] parse, bounds[j:] do not
		for i < j {
			m := (i + j) / 2
			if parse(bounds[m]-1) == nil {
				i = m + 1
			} else {
				j = m
			}
		}
		newLo, newHi := lo, hi
		if i > 0 {
			newLo = bounds[i-1] - 1
		}
		if i < len(bounds) {
			newHi = bounds[i] - 1
		}
		if newLo == lo && newHi == hi {
			break
		}
		lo, hi = newLo, newHi
	}
	// The last start of lo..hi that parses; the mistake is on the line
	// after it.
	last := lo
	var lastErr error
	for n := hi; n > lo; n-- {
		err := parse(n)
		if err == nil {
			last = n
			break
		}
		lastErr = err
	}
	if last == hi {
		// Every start parses but the whole does not (a mistake yaml.v3
		// finds only at the end): report it on the last line.
		return yamlProblem{line: max(hi, 1), err: parse(len(ends) - 1)}
	}
	return yamlProblem{line: last + 1, err: lastErr}
}

// lineEnds returns, for n from 0 to the number of lines, the offset in src
// just after the nth line (ends[0] is 0).
func lineEnds(src []byte) []int {
	ends := []int{0}
	for i, c := range src {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(src) > 0 && src[len(src)-1] != '\n' {
		ends = append(ends, len(src))
	}
	return ends
}

// blockStarts returns the 1-based lines in lo+2..hi whose text starts as far
// left as any non-blank, non-comment line of that range: the starts of the
// blocks the region is made of.
func blockStarts(src []byte, ends []int, lo, hi int) []int {
	minIndent := -1
	var lines []int
	for n := lo + 2; n <= hi; n++ {
		text := src[ends[n-1]:ends[n]]
		trimmed := bytes.TrimLeft(text, " ")
		if len(bytes.TrimSpace(trimmed)) == 0 || trimmed[0] == '#' {
			continue
		}
		indent := len(text) - len(trimmed)
		switch {
		case minIndent < 0 || indent < minIndent:
			minIndent = indent
			lines = lines[:0]
			lines = append(lines, n)
		case indent == minIndent:
			lines = append(lines, n)
		}
	}
	return lines
}

// lineAt returns the 1-based line n of src, without its line break.
func lineAt(src []byte, n int) string {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return ""
		}
		src = src[j+1:]
	}
	if j := bytes.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return strings.TrimSuffix(string(src), "\r")
}

var yamlMsgRE = regexp.MustCompile(`^yaml: (?:line \d+: )?`)

// explainYAMLError says what is wrong on line, the line where a text stops
// being YAML, given yaml.v3's error: the column to point at, a message in
// plain words, and a hint.
func explainYAMLError(line string, err error) (col int, msg, hint string) {
	raw := ""
	if err != nil {
		raw = yamlMsgRE.ReplaceAllString(err.Error(), "")
	}
	indent := len(line) - len(strings.TrimLeft(line, " "))
	cols := func(byteOffset int) int { return utf8.RuneCountInString(line[:byteOffset]) + 1 }
	key, value, hasKey := splitKey(line)

	// A tab where YAML wants spaces.
	if i := strings.IndexByte(line, '\t'); i >= 0 && (i < indent+1 || strings.TrimSpace(line[:i]) == "" || strings.Contains(raw, "tab") || strings.Contains(raw, "cannot start any token")) {
		return cols(i), "this line has a tab character, which YAML does not allow for spacing",
			"use spaces instead of the tab (most editors can convert tabs to spaces)"
	}
	if hasKey {
		v := strings.TrimSpace(value)
		vstart := len(line) - len(value) + (len(value) - len(strings.TrimLeft(value, " ")))
		// A quoted value never closed on its line.
		if q := firstByte(v); (q == '"' || q == '\'') && !closedQuote(v) {
			return cols(vstart), fmt.Sprintf("the value of %q opens a quote (%c) that is never closed", key, q),
				fmt.Sprintf("end the text with %c on the same line, or remove the opening %c", q, q)
		}
		// A list or mapping in brackets never closed on its line.
		if q := firstByte(v); (q == '[' || q == '{') && !closedBrackets(v) {
			closer := map[byte]byte{'[': ']', '{': '}'}[q]
			return cols(vstart), fmt.Sprintf("the value of %q opens %c and never closes it", key, q),
				fmt.Sprintf("end the list with %c on the same line", closer)
		}
		// A colon and a space inside a value that is not in quotes.
		if q := firstByte(v); q != '"' && q != '\'' && q != '|' && q != '>' && q != '[' && q != '{' {
			if i := colonSpace(v); i >= 0 {
				return cols(vstart + i), fmt.Sprintf("the value of %q contains \": \", which YAML reads as the start of another key", key),
					fmt.Sprintf("put the whole value in double quotes: %s: %q", key, v)
			}
		}
	}
	// A quote opened on a list item and never closed.
	if item := strings.TrimLeft(line, " "); strings.HasPrefix(item, "- ") {
		v := strings.TrimSpace(item[2:])
		if q := firstByte(v); (q == '"' || q == '\'') && !closedQuote(v) && !strings.Contains(v, ": ") {
			return cols(strings.Index(line, v)), fmt.Sprintf("this entry opens a quote (%c) that is never closed", q),
				fmt.Sprintf("end the text with %c on the same line, or remove the opening %c", q, q)
		}
	}
	switch {
	case strings.Contains(raw, "did not find expected key"), strings.Contains(raw, "did not find expected '-' indicator"),
		strings.Contains(raw, "block sequence entries are not allowed"), strings.Contains(raw, "mapping values are not allowed"),
		strings.Contains(raw, "did not find expected <document start>"):
		return indent + 1, "this line is not lined up with the lines around it, so YAML cannot tell what it belongs to",
			"start it exactly under the other keys of the same record (with spaces), or under the \"-\" of the list it is an entry of"
	case strings.Contains(raw, "could not find expected ':'"):
		return indent + 1, "this line is not a \"key: value\" pair: it has no colon after its key",
			"write it as key: value, with a space after the colon; if it continues the text above, indent it further, or put that text in quotes"
	case strings.Contains(raw, "found unexpected end of stream"), strings.Contains(raw, "did not find expected ',' or"):
		return indent + 1, "a list or text that starts on this line is never closed",
			"close every [ with ], every { with }, and every quote with the same quote mark"
	case strings.Contains(raw, "found character that cannot start any token"):
		return indent + 1, "this line starts with a character that YAML does not allow there (such as @ or `)",
			"put the value in double quotes"
	case strings.Contains(raw, "found undefined alias"), strings.Contains(raw, "unknown anchor"):
		return indent + 1, "this line uses an alias (*name) that nothing above defines", "write the value out in full"
	}
	if raw == "" {
		raw = "it is not valid YAML"
	}
	return indent + 1, "the YAML does not parse here: " + raw,
		"check the indentation and that every \"key: value\" has a space after the colon"
}

// splitKey splits a line "  key: value" (or "- key: value") into its key
// and the text after the colon.
func splitKey(line string) (key, value string, ok bool) {
	s := strings.TrimLeft(line, " ")
	s = strings.TrimPrefix(s, "- ")
	s = strings.TrimLeft(s, " ")
	if s == "" || s[0] == '#' || s[0] == '"' || s[0] == '\'' || s[0] == '[' || s[0] == '{' {
		return "", "", false
	}
	i := strings.Index(s, ":")
	if i <= 0 || (i+1 < len(s) && s[i+1] != ' ' && s[i+1] != '\t') {
		return "", "", false
	}
	key = s[:i]
	if strings.ContainsAny(key, " \t") {
		return "", "", false
	}
	return key, s[i+1:], true
}

func firstByte(s string) byte {
	if s == "" {
		return 0
	}
	return s[0]
}

// closedQuote reports whether the quoted value v (starting with its quote)
// closes its quote, ignoring what follows the close.
func closedQuote(v string) bool {
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q:
			if q == '\'' && i+1 < len(v) && v[i+1] == '\'' {
				i++ // '' inside single quotes
				continue
			}
			return true
		}
	}
	return false
}

// colonSpace returns the offset of the first ": " in a plain value, before
// any comment, or -1.
func colonSpace(v string) int {
	if i := strings.Index(v, " #"); i >= 0 {
		v = v[:i]
	}
	if i := strings.Index(v, ": "); i >= 0 {
		return i
	}
	if strings.HasSuffix(v, ":") {
		return len(v) - 1
	}
	return -1
}

// closedBrackets reports whether the brackets that open v close on it,
// ignoring brackets inside quotes.
func closedBrackets(v string) bool {
	depth := 0
	var quote byte
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
			if depth == 0 {
				return true
			}
		}
	}
	return false
}
