package view

import "html/template"

// PrintData is print.html's view.
type PrintData struct {
	Vision      template.HTML
	Contents    []PrintPart    // the table of contents: one part per section, in order
	Parts       map[string]int // each part's number, by its anchor ("roles", "guides", ...)
	Roles       []PrintRole
	Systems     []PrintSystem
	Goals       []PrintGoal // active first, then met, then retired
	Guides      []PrintGuide
	Stories     []PrintStory
	Checklists  []PrintChecklist
	Reflections []PrintReflection
}

// PrintPart is a section of the printed playbook in its table of contents.
// Anchor is the section's id; Items link to the records inside it, in the
// document's order. Parts and records are numbered ("4", "4.12"), and
// their headings in the document carry the same numbers, so that the
// contents are of use on paper too, where the browser prints no page
// numbers beside them.
type PrintPart struct {
	N             int
	Title, Anchor string
	Items         []PrintEntry
}

// PrintEntry is a record in the table of contents: its number and a link
// to its anchor.
type PrintEntry struct {
	Number string
	Link
}

// PrintRole is a role in the printed playbook. Links point inside the
// document.
type PrintRole struct {
	Number, Anchor, Name, Summary string
	Description                   template.HTML
	Spheres                       []string
	Steps                         []StepView
	Checklist                     *Link
}

// PrintSystem is a performance system in the printed playbook.
type PrintSystem struct {
	Number, Anchor, Code, Name, Sector, Summary string
	Definition                                  template.HTML
	Guides                                      []Link
}

// PrintGoal is a goal in the printed playbook.
type PrintGoal struct {
	Number, Anchor, Title, Status, Summary string
	Why                                    template.HTML
	Indicators                             []string
	Questions                              []QA
	Owners, Guides                         []Link
}

// PrintGuide is a practice guide in the printed playbook. Its body's
// headings are two levels lower than on its own page (a guide's title is a
// third-level heading here) and its ids carry the guide's anchor, so that
// no two guides' ids collide.
type PrintGuide struct {
	Number, Anchor, Title, Summary string
	Roles, Systems                 []Link
	Checklist, Reflection          *Link
	Practice                       *PracticeView // what the practice looks like when it works, or nil
	Lang                           string        // the language of the guide's text when it is not the page's (GuideData.Lang)
	Text                           Later         // its text, rewritten for the document when Body shows it
}

// Body is the guide's text, rewritten for the document.
func (p PrintGuide) Body() template.HTML { return show(p.Text) }

// PrintStory is a success story in the printed playbook.
type PrintStory struct {
	Number, Anchor, Title, Date, DateText, Summary string
	Example                                        bool
	Evidence                                       []string
	Text                                           Later // its text, rewritten for the document when Body shows it
}

// Body is the story's text, rewritten for the document.
func (p PrintStory) Body() template.HTML { return show(p.Text) }

// PrintChecklist is a checklist in the printed playbook, to tick with a
// pen: a sheet of its own, which carries the address of the checklist's
// page (absolute when the base URL is known).
type PrintChecklist struct {
	Number, Anchor, Title, Summary, Address string
	// Levels are the answers of a checklist answered in levels (not yet,
	// partly, yes), each item's boxes; nil for a list ticked off.
	Levels   []string
	Columns  int // of a checklist with levels' table: the item and a column per level
	Sections []SectionView
}

// PrintReflection is a reflection form in the printed playbook, blank: a
// sheet of its own, like PrintChecklist.
type PrintReflection struct {
	Number, Anchor, Title, Summary, Address string
	Prompts                                 []PromptView
}

// Later is HTML made only when a template shows it: /print/ rewrites
// each record's text for the document as the page is written, so that a
// playbook of thousands of guides never holds a second copy of every body.
type Later interface{ HTML() template.HTML }

// show is what a Later shows, nothing when there is none.
func show(l Later) template.HTML {
	if l == nil {
		return ""
	}
	return l.HTML()
}
