package load

import (
	"bytes"
	"fmt"

	"github.com/playbook-edu/playbook/internal/diag"
)

// Placeholders are the sentences `playbook new` writes for an editor to
// replace (package scaffold). The loader warns about each one left in a
// file, at its line and column, so a guide or record is not published
// saying "Say in one sentence what happened."
var Placeholders = []string{
	"Say in one sentence what this practice is; readers see it in lists.",
	"Start with two or three sentences on what the practice is and who it is for.",
	"Say what changes for students and staff when people use this practice.",
	"The first thing to do.",
	"The next thing to do.",
	"what this practice looks like for people in it.",
	"Say in one sentence what happened.",
	"What changed, and how people saw it.",
	"Tell the story: who was involved, what they tried, and what happened next.",
	"Say in one sentence what leading looks like in this role.",
	"Describe how people in this role lead, day to day.",
	"A part of the district people in this role can change.",
	"Say in one sentence what the goal is.",
	"Say why the goal matters to students, in a few sentences.",
	"A leading indicator, something you can count early and often.",
	"Say when to use this checklist and what it is for.",
	"The first thing to check.",
	"Say when to use this form and what it is for.",
	"The first question to answer.",
	GenericPlaceholder,
}

// GenericPlaceholder is what `playbook new` writes in a required text of a
// kind that has no starting point of its own.
const GenericPlaceholder = "Write this in the playbook's own words."

// placeholders warns about every placeholder sentence left in src, the
// text of file.
func (l *loader) placeholders(file string, src []byte) {
	for _, p := range Placeholders {
		for off := 0; ; {
			i := bytes.Index(src[off:], []byte(p))
			if i < 0 {
				break
			}
			line, col := lineCol(src, off+i)
			l.diags.Add(diag.Diagnostic{File: file, Line: line, Col: col, Severity: diag.Warning,
				Message: fmt.Sprintf("this is still the text that playbook new wrote: %q", p),
				Hint:    "replace it with the playbook's own words before publishing"})
			off += i + len(p)
		}
	}
}
