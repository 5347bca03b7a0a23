// Package diag is how every stage of the build reports a problem in the
// content: one Diagnostic type carrying the file, line and column, and one
// place that prints it.
//
// # Diagnostics
//
// A Diagnostic names the file (slash-separated, relative to the playbook's
// root), the 1-based line and column, a severity, a plain-language message and
// an optional hint. Printed as text it reads
//
//	content/guides/peer-mentoring.md:14:3: error: unknown role "teachr" (did you mean "teacher"?)
//	    hint: role ids are listed in data/roles.yaml
//
// which editors, terminals and CI logs all turn into a link to the place.
//
// Stages add diagnostics to a List as they find them, so that an editor sees
// every problem at once rather than one per build. The List is safe for
// concurrent use and sorts itself before printing, so output never depends on
// the order in which parallel work finished.
package diag

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Severity says whether a Diagnostic stops the build.
type Severity int

const (
	// Error stops the build: nothing is written.
	Error Severity = iota
	// Warning is printed but the build goes on (check -strict makes it an error).
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem found in the content.
type Diagnostic struct {
	File     string   // path relative to the playbook root, with forward slashes
	Line     int      // 1-based; 0 when the problem concerns the whole file
	Col      int      // 1-based, counted in characters; 0 when unknown
	Severity Severity // Error or Warning
	Message  string   // what is wrong, in plain language
	Hint     string   // how to fix it; may be empty
	// Source is the text of the line the diagnostic points at, when
	// WithSource has filled it in: text output shows it with a caret
	// under the column, JSON carries it as "source".
	Source string
}

// String formats d as "file:line:col: severity: message".
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	fmt.Fprintf(&b, ": %s: %s", d.Severity, d.Message)
	return b.String()
}

// List collects diagnostics from any number of goroutines.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add records d.
func (l *List) Add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Errorf records an error at file:line:col.
func (l *List) Errorf(file string, line, col int, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Col: col, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// Append records every diagnostic of other.
func (l *List) Append(other []Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, other...)
	l.mu.Unlock()
}

// Items returns the diagnostics sorted by file, line, column and message,
// without duplicates.
func (l *List) Items() []Diagnostic {
	l.mu.Lock()
	items := slices.Clone(l.items)
	l.mu.Unlock()
	slices.SortFunc(items, compare)
	return slices.CompactFunc(items, func(a, b Diagnostic) bool { return a == b })
}

// HasErrors reports whether any diagnostic has severity Error.
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Len returns the number of diagnostics recorded.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

func compare(a, b Diagnostic) int {
	return cmp.Or(
		strings.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		cmp.Compare(a.Severity, b.Severity),
		strings.Compare(a.Message, b.Message),
		strings.Compare(a.Hint, b.Hint),
	)
}

// Format is an output format for diagnostics.
type Format string

// The formats Print understands.
const (
	Text   Format = "text"   // file:line:col: error: message, hint indented below
	GitHub Format = "github" // GitHub Actions workflow commands, shown on the pull request's lines
	JSON   Format = "json"   // one JSON object per line
)

// Print writes ds to w in the given format.
func Print(w io.Writer, f Format, ds []Diagnostic) error {
	var b strings.Builder
	for _, d := range ds {
		switch f {
		case GitHub:
			fmt.Fprintf(&b, "::%s file=%s", d.Severity, ghProperty(d.File))
			if d.Line > 0 {
				fmt.Fprintf(&b, ",line=%d", d.Line)
				if d.Col > 0 {
					fmt.Fprintf(&b, ",col=%d", d.Col)
				}
			}
			msg := d.Message
			if d.Hint != "" {
				msg += "\n" + d.Hint
			}
			fmt.Fprintf(&b, "::%s\n", ghData(msg))
		case JSON:
			data, err := json.Marshal(struct {
				File     string `json:"file"`
				Line     int    `json:"line"`
				Col      int    `json:"col"`
				Severity string `json:"severity"`
				Message  string `json:"message"`
				Hint     string `json:"hint,omitempty"`
				Source   string `json:"source,omitempty"`
			}{d.File, d.Line, d.Col, d.Severity.String(), d.Message, d.Hint, d.Source})
			if err != nil {
				return err
			}
			b.Write(data)
			b.WriteByte('\n')
		default:
			b.WriteString(d.String())
			b.WriteByte('\n')
			if d.Source != "" {
				writeSource(&b, d)
			}
			if d.Hint != "" {
				fmt.Fprintf(&b, "    hint: %s\n", d.Hint)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ghData escapes a workflow command's message as GitHub documents it.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// Suggest returns the candidate s most likely stands for, or "" when none
// is close enough: first a candidate that s abbreviates, word by word
// ("board-checklist" for "board-member-checklist": every hyphen-separated
// word of s starts a word of the candidate, in order), the shortest if
// several; else the closest by edit distance, if it is close enough to be
// a likely misspelling. Ties go to the first in alphabetical order.
func Suggest(s string, candidates []string) string {
	if s == "" {
		return ""
	}
	best := ""
	for _, c := range candidates {
		if c != s && abbreviates(s, c) && (best == "" || len(c) < len(best) || (len(c) == len(best) && c < best)) {
			best = c
		}
	}
	if best != "" {
		return best
	}
	bestDist := len(s)/3 + 2
	for _, c := range candidates {
		d := distance(s, c)
		if d < bestDist || (d == bestDist && best != "" && c < best) {
			best, bestDist = c, d
		}
	}
	return best
}

// abbreviates reports whether every hyphen-separated word of s is the
// start of a word of c, in order, with s having at least two words.
func abbreviates(s, c string) bool {
	words := strings.Split(s, "-")
	if len(words) < 2 {
		return false
	}
	cw := strings.Split(c, "-")
	j := 0
	for _, w := range words {
		if w == "" {
			return false
		}
		for j < len(cw) && !strings.HasPrefix(cw[j], w) {
			j++
		}
		if j == len(cw) {
			return false
		}
		j++
	}
	return true
}

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// writeSource writes the line d points at, numbered, with a caret under its
// column, as compilers do:
//
//	14 | roles: [teachr]
//	   |         ^
func writeSource(b *strings.Builder, d Diagnostic) {
	num := strconv.Itoa(d.Line)
	pad := strings.Repeat(" ", len(num))
	fmt.Fprintf(b, "  %s | %s\n", num, d.Source)
	if d.Col < 1 {
		return
	}
	// Keep the line's tabs under the caret, so it lines up as the line did.
	var under strings.Builder
	i := 1
	for _, r := range d.Source {
		if i >= d.Col {
			break
		}
		if r == '\t' {
			under.WriteByte('\t')
		} else {
			under.WriteByte(' ')
		}
		i++
	}
	fmt.Fprintf(b, "  %s | %s^\n", pad, under.String())
}

// WithSource returns ds with each diagnostic's Source set to the line of
// its file it points at, read with read (each file once). A file that
// cannot be read, or a line that is not there, leaves Source empty. Lines
// longer than 200 characters are cut around the column.
func WithSource(ds []Diagnostic, read func(file string) ([]byte, error)) []Diagnostic {
	out := slices.Clone(ds)
	files := map[string][][]byte{}
	for i, d := range out {
		if d.Line < 1 {
			continue
		}
		lines, ok := files[d.File]
		if !ok {
			if data, err := read(d.File); err == nil && utf8.Valid(data) {
				lines = bytes.Split(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), []byte("\n"))
			}
			files[d.File] = lines
		}
		if d.Line > len(lines) {
			continue
		}
		line := strings.TrimRight(string(lines[d.Line-1]), "\r")
		if utf8.RuneCountInString(line) > 200 {
			continue // a caret under a line that wraps helps no one
		}
		out[i].Source = line
	}
	return out
}
