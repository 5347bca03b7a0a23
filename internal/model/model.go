// Package model is the playbook's content model: the records an editor
// writes in playbook.yaml, data/*.yaml and the front matter of
// content/**/*.md. Each type's doc comment says what the record is for and
// each field's comment what to write in it; the same words become the
// descriptions of the JSON Schemas that editors' tools validate against.
//
// # Files
//
//	playbook.yaml          Config
//	data/roles.yaml        a list of Role
//	data/systems.yaml      a list of System
//	data/goals.yaml        a list of Goal
//	data/stories.yaml      a list of Story
//	data/checklists.yaml   a list of Checklist
//	data/reflections.yaml  a list of Reflection
//	data/groups.yaml       a list of Group
//	data/glossary.yaml     a list of Term
//	content/guides/ID.md   a Guide: front matter, then the guide in Markdown
//	content/pages/ID.md    a FreePage: front matter, then the page in Markdown
//
// Keys are written exactly as the `yaml` tags below say; a key the model does
// not know is an error, so a typo never passes silently. A field marked
// "required" must be present and not empty; `enum` lists a field's choices;
// `format` is date (YYYY-MM-DD, checked by the loader), slug, code or color
// (checked by the link stage and the loader, and written into the JSON
// Schemas as patterns, see package internal/schema). Ids are lowercase slugs
// (such as "family-conferences"), unique within their kind; a guide's or page's id is its
// file name without ".md".
//
// Records keep the position of every value an editor wrote (Pos, Ref for
// references to other records, and Where for settings) so that later stages
// can report a problem at the exact line and column. A Ref field's `ref` tag
// names the kind of record it refers to (package kind); the link stage
// resolves and checks every such field, wherever it is in a record.
//
// Every kind of record is declared in package kind, which names its file,
// its field of Playbook and where the site publishes it. The rules of the
// domain (which goals are active, the order of stories, defaults and
// ranges) are methods and constants beside the records (rules.go).
package model

// Pos is a position in a source file. Line and Col are 1-based; Col counts
// characters.
type Pos struct {
	File string
	Line int
	Col  int
}

// Ref is a reference to another record by its id, with the position it was
// written at.
type Ref struct {
	ID  string
	Pos Pos
}

// Markdown is a text written in Markdown. HTML holds it rendered, with
// relative links to guides, pages and images rewritten to site URLs; Links,
// Headings and Images list what the link stage checks. Source is the text
// as written, for fields of data files; a guide's or page's body is not kept
// once rendered, since thousands of them would double the build's memory.
type Markdown struct {
	Source   string
	Pos      Pos
	HTML     string
	Links    []Link
	Headings []Heading
	Images   []Image
	Reading  Reading
	// Steps are the items of the numbered list under the text's first
	// "Steps" heading (package markdown says which); a guide's JSON-LD
	// lists them as the steps of a HowTo.
	Steps []Instruction
	// StepsID is the id of the heading the steps follow ("steps", or
	// "pasos" in a Spanish text without {#steps}), for links to them.
	StepsID string
	// Checks are the text's unticked task list items ("- [ ] ..."), in
	// order: a guide's page makes each a checkbox ("Check yourself").
	Checks []Check
	// Related is the text's last section when it is a "Related guides"
	// heading followed only by a list of links to guides: a guide's page
	// shows those guides in its own list instead. Its ID is "" when there
	// is none.
	Related RelatedSection
}

// Check is an unticked task list item of a text, by where it is in the
// text's HTML: its box (the glyph package markdown writes), then its
// words, up to End.
type Check struct {
	At, Label, End int
	// ID is the id its checkbox takes: "check-" and its words as a slug,
	// unique in the text (the script saves ticks by it).
	ID string
}

// RelatedSection is the part of a text's HTML from At to its end, which
// starts with the heading whose id is ID.
type RelatedSection struct {
	At int
	ID string
}

// Instruction is an item of the numbered list under a text's "Steps"
// heading, as a reader sees it on the page: its text on one line, and its
// name, the bold words it starts with ("Agree on a focus"), if any.
type Instruction struct {
	Name, Text string
}

// Reading is how hard a Markdown text is to read, measured by the loader
// on the words a reader sees, not on links' addresses or code (package
// readability).
type Reading struct {
	// Language of the formula that measured the text, "en" or "es"; "" when
	// the playbook's language has none, and nothing was counted.
	Language                    string
	Words, Sentences, Syllables int
	// Hardest is the sentence that weighs most on the text's grade.
	Hardest Sentence
}

// Sentence is a sentence of a text, with its counts.
type Sentence struct {
	Text             string
	Pos              Pos // where its first word is
	Words, Syllables int
}

// Heading is a heading of a Markdown text. ID is the anchor the site gives
// it ("Next steps" becomes "next-steps"), which links name after '#'.
type Heading struct {
	ID    string
	Text  string
	Level int
	// Empty is true when nothing follows the heading before the next
	// heading of the same or a higher level, or the end of the text.
	Empty bool
	Pos   Pos
}

// Image is an image shown in Markdown: ![alt text](../images/photo.jpg).
type Image struct {
	Dest   string // as written
	Target string // the file it names, relative to the playbook root; "" for an address with a scheme
	Alt    string // the text between the brackets, read aloud by screen readers
	Pos    Pos
}

// Link is a link found in Markdown to somewhere in the playbook: a
// relative link, resolved to the file it names (for example
// "content/guides/family-conferences.md", or "content/guides/family-conferences"
// when ".md" was left out), or a link to an address of the site itself
// (such as "/stories/library-opens-late/"). A link to a heading of the same guide or
// page ("#steps") names the file it is in.
type Link struct {
	Dest     string // as written
	Target   string // the file it points to, relative to the playbook root; "" for a site address
	Site     string // the site address it points to, without the base path ("/stories/x/"); "" for a relative link
	Fragment string // the part after '#', if any
	Pos      Pos
}

// Config is the playbook's settings: the site's name, branding and addresses.
type Config struct {
	// Title of the playbook, shown in every page's header. Required.
	Title string `yaml:"title" required:"true"`
	// District that publishes the playbook, its name in full, for example "Lakeview School District". Required.
	District string `yaml:"district" required:"true" translate:"optional"`
	// Tagline shown under the title on the home page, one sentence.
	Tagline string `yaml:"tagline"`
	// Description of the playbook for search engines and link previews, one or two sentences.
	Description string `yaml:"description"`
	// Vision is the home page's opening text, in Markdown: the district's view of leadership, in a few short paragraphs.
	Vision Markdown `yaml:"vision"`
	// BaseURL is the address the site is published at, for example "https://playbook.example.org/".
	// The -base-url flag overrides it (deploy previews use their own address).
	BaseURL string `yaml:"baseURL" translate:"no"`
	// RepoURL is the repository's web address, for example "https://github.com/example-district/playbook"; when set every page links to "Edit this page" in the repository's editor (GitHub, GitLab, Bitbucket, Codeberg or Gitea).
	RepoURL string `yaml:"repoURL" translate:"no"`
	// EditBranch is the branch edit links open; default "main".
	EditBranch string `yaml:"editBranch" translate:"no"`
	// Language of the content as a BCP 47 tag, for example "es"; default "en". Every word the site adds comes from the theme's translation table for it (i18n/LANG.yaml).
	Language string `yaml:"language" translate:"no"`
	// Languages the site is published in, as BCP 47 tags, the default first, for example [en, es]; instead of language. Each other language has its pages under its own address (/es/): a guide's translation is content/guides/ID.es.md beside ID.md, a record's text in another language is written beside it, for example {en: "Family night", es: "Noche familiar"}.
	Languages []string `yaml:"languages" translate:"no"`
	// Labels replace texts of the theme's translation table, by key, for example {nav.systems: "Core practices"}. A label is a text for every language, or one per language: {nav.systems: {en: "Core practices", es: "Prácticas clave"}}.
	Labels Labels `yaml:"labels"`
	// Theme names a folder under themes/ whose files replace the default theme's, one by one, for example "our-theme".
	Theme string `yaml:"theme" translate:"no"`
	// Logo is the path of an image in the theme's static folder, shown beside the title, for example "logo.svg".
	Logo string `yaml:"logo" translate:"no"`
	// Colors of the district's brand.
	Colors Colors `yaml:"colors"`
	// Contact is how a reader reaches the playbook's editors: an email address or a web address, for example "playbook@example.org".
	Contact string `yaml:"contact" translate:"no"`
	// Footer is a line of text at the foot of every page.
	Footer string `yaml:"footer"`
	// GoalsLimit is the most goals that may be active at once; default 3.
	GoalsLimit int `yaml:"goalsLimit"`
	// ReadingLevel is the US school grade above which `playbook check` warns that a text is hard to read.
	ReadingLevel ReadingLevel `yaml:"readingLevel"`

	// Prefix is where the pages of the language being built are published,
	// below the site's base path: "" for the default language, "es/" for
	// Spanish. Set by the loader.
	Prefix string `yaml:"-"`
	// Untranslated is set when a text of playbook.yaml has no version in
	// the language being built.
	Untranslated bool `yaml:"-"`

	Pos   Pos            `yaml:"-"`
	Where map[string]Pos `yaml:"-"` // where each key's value is written, by key
}

// Labels are playbook.yaml's replacements for texts of the translation
// table, in the order written.
type Labels []Label

// Label replaces the text of Key, in the language Lang, or in every
// language when Lang is empty.
type Label struct {
	Key, Lang, Text string
	Pos             Pos
}

// Colors are the brand colors, as #rrggbb. White text must be readable on
// each of them (a contrast of at least 4.5:1, WCAG AA), so pick darker
// shades; the build names a color that is too light.
type Colors struct {
	// Primary color: the header behind white text, and links, for example "#1d4e89".
	Primary string `yaml:"primary" format:"color"`
	// Accent color: focus rings and highlights, for example "#a4470e".
	Accent string `yaml:"accent" format:"color"`

	Where map[string]Pos `yaml:"-"` // where each key's value is written, by key
}

// ReadingLevel is the highest US school grade a text may read at before
// `playbook check` and the build warn about it: grade 8 reads like a
// newspaper, grade 6 like a book for eleven-year-olds. The grade is worked
// out from the length of the sentences and of the words (Flesch-Kincaid for
// English, Fernández Huerta for Spanish).
type ReadingLevel struct {
	// Students is the highest grade for guides and roles written for students (audience: students); default 6.
	Students int `yaml:"students"`
	// Everyone is the highest grade for every other text; default 8.
	Everyone int `yaml:"everyone"`

	Where map[string]Pos `yaml:"-"` // where each key's value is written, by key
}

// Default reading levels, when playbook.yaml sets none.
const (
	DefaultStudentsLevel = 6
	DefaultEveryoneLevel = 8
)

// For returns the highest grade a text for audience may read at:
// Students for "students", Everyone for anyone else, defaults applied.
func (r ReadingLevel) For(audience string) int {
	if audience == AudienceStudents {
		if r.Students > 0 {
			return r.Students
		}
		return DefaultStudentsLevel
	}
	if r.Everyone > 0 {
		return r.Everyone
	}
	return DefaultEveryoneLevel
}

// AudienceStudents is the audience of a guide or role written for
// students, held to ReadingLevel.Students.
const AudienceStudents = "students"

// Role is a part people play in the district, such as a job (a coach, a
// librarian) or a group of people (families, students). Every role leads;
// the role's pathway is the ordered list of practice guides that shows how.
type Role struct {
	// ID of the role, a lowercase slug used in URLs and references, for example "coach". Required.
	ID string `yaml:"id" required:"true" format:"slug"`
	// Name of the role as readers know it, for example "Instructional coach". Required.
	Name string `yaml:"name" required:"true"`
	// Summary of what leading looks like in this role, one sentence. Required.
	Summary string `yaml:"summary" required:"true"`
	// Description of leading in this role, in Markdown.
	Description Markdown `yaml:"description"`
	// Spheres of influence: where people in this role can change things, for example ["Classroom routines", "Grade-level team"].
	Spheres []string `yaml:"spheres"`
	// Pathway is the ordered list of guides for this role, each with why it matters.
	Pathway []Step `yaml:"pathway"`
	// Checklist is the id of this role's checklist, from data/checklists.yaml.
	Checklist Ref `yaml:"checklist" ref:"checklist"`
	// Audience is who the role is: "students" for the role of students: its description and pathway are then held to the students' reading level (playbook.yaml's readingLevel).
	Audience string `yaml:"audience" enum:"students,everyone"`

	Pos Pos `yaml:"-"`
}

// Step is one step of a role's pathway.
type Step struct {
	// Guide is the id of the practice guide for this step: its file name in content/guides without ".md", for example "family-conferences". Required.
	Guide Ref `yaml:"guide" required:"true" ref:"guide"`
	// Why this step matters for the role, one or two sentences. Required.
	Why string `yaml:"why" required:"true"`

	Pos Pos `yaml:"-"`
}

// System is one of the district's performance systems: the areas of work
// its practices are organized by, however many it has and whatever it calls
// them (a district may name them "core practices" in its labels). Guides and
// stories refer to a system by its code.
type System struct {
	// Code of the system in capitals and digits, for example "ABC"; guides and stories refer to it by this code. Required.
	Code string `yaml:"code" required:"true" format:"code"`
	// Name of the system, for example "Family Partnerships". Required.
	Name string `yaml:"name" required:"true"`
	// Sector the system belongs to, when the district groups its systems, for example "Community".
	Sector string `yaml:"sector"`
	// Summary of the system, one sentence. Required.
	Summary string `yaml:"summary" required:"true"`
	// Definition of the system, in Markdown. Required.
	Definition Markdown `yaml:"definition" required:"true"`

	Pos Pos `yaml:"-"`
}

// Goal is a district goal. Research on focus says an organization that
// pursues more than three goals at once meets few of them, so only a few
// goals may be active (playbook.yaml's goalsLimit, default 3).
type Goal struct {
	// ID of the goal, a lowercase slug, for example "graduation-rate". Required.
	ID string `yaml:"id" required:"true" format:"slug"`
	// Title of the goal, a short statement of the result sought. Required.
	Title string `yaml:"title" required:"true"`
	// Status is where the goal stands: "active", "met" or "retired". Required.
	Status string `yaml:"status" required:"true" enum:"active,met,retired"`
	// Summary of the goal, one sentence.
	Summary string `yaml:"summary"`
	// Why the goal matters, in Markdown.
	Why Markdown `yaml:"why"`
	// Indicators are the leading indicators watched to see progress early: each a line of text naming it, or a record with its name, unit, target and measurements.
	Indicators []Indicator `yaml:"indicators"`
	// Owners are the ids of the roles that carry the goal, from data/roles.yaml, for example [coach, librarian].
	Owners []Ref `yaml:"owners" ref:"role"`
	// Strategies are the ids of the guides whose practices serve the goal, for example [family-conferences].
	Strategies []Ref `yaml:"strategies" ref:"guide"`
	// Questions of goal setting (vision, priorities, systems, actions, monitoring), answered for this goal.
	Questions Questions `yaml:"questions"`
	// Sources are the studies, reports and data the goal's claims rest on, shown as references.
	Sources []Source `yaml:"sources"`

	Pos Pos `yaml:"-"`
}

// IndicatorNames returns the names of the goal's leading indicators, in
// order.
func (g *Goal) IndicatorNames() []string {
	names := make([]string, len(g.Indicators))
	for i, in := range g.Indicators {
		names[i] = in.Name
	}
	return names
}

// Indicator is a leading indicator of a goal: something counted or
// measured often, which moves before the goal's result does. Write it as a
// line of text, its name alone; or, to show how it moves, as a record with
// its name, unit, target and measurements, the measurements listed here or
// kept in a CSV file. The goal's page then charts it.
type Indicator struct {
	// Name of the indicator: what is counted or measured, for example "Share of families at fall conferences". Required.
	Name string `yaml:"name" required:"true" shorthand:"true"`
	// Unit of the values, written after each number, for example "%" or "students".
	Unit string `yaml:"unit" translate:"optional"`
	// Target is the value the goal aims for, a number without its unit, for example 75.
	Target *float64 `yaml:"target"`
	// Baseline is the value when the work began, a number without its unit, for example 58.
	Baseline *float64 `yaml:"baseline"`
	// Measurements are the values measured so far, each with its date, in any order; at most 1000.
	Measurements []Measurement `yaml:"measurements"`
	// CSV names a file of measurements to read instead of listing them, relative to the data folder, for example "goals/graduation-rate.csv". Its first line is "date,value"; each line after it is one measurement, such as "2025-09-15,61". A spreadsheet saved as CSV with those two columns works.
	CSV string `yaml:"csv" translate:"no"`

	Pos   Pos            `yaml:"-"`
	Where map[string]Pos `yaml:"-"` // where each key's value is written, by key
}

// MaxMeasurements is the most measurements an indicator may have: a chart
// of more shows no more to a reader, and a weekly count kept for twenty
// years stays below it.
const MaxMeasurements = 1000

// Measured reports whether the indicator has measurements to chart.
func (in *Indicator) Measured() bool { return len(in.Measurements) > 0 }

// Measurement is one value of an indicator and the date it was measured.
type Measurement struct {
	// Date the value was measured, as YYYY-MM-DD, for example "2025-09-15". Required.
	Date string `yaml:"date" required:"true" format:"date"`
	// Value measured, a number without its unit, for example 61 or 61.5. Required.
	Value *float64 `yaml:"value" required:"true"`

	Pos   Pos            `yaml:"-"` // the measurement: its record, or its line of a CSV file
	Where map[string]Pos `yaml:"-"` // where its date and value are written, by key
}

// Questions are the questions that help a district define goals and
// strategies, each answered in a sentence or two.
type Questions struct {
	// Vision: what compelling vision does the district strive to attain?
	Vision string `yaml:"vision"`
	// Priorities: which priorities will most narrow student achievement gaps?
	Priorities string `yaml:"priorities"`
	// Systems: which strengths of our systems can we build on, and which barriers must we remove?
	Systems string `yaml:"systems"`
	// Actions: what clear, short-term steps drive implementation?
	Actions string `yaml:"actions"`
	// Monitoring: how will we monitor and share progress often, with leading indicators?
	Monitoring string `yaml:"monitoring"`
}

// Story is a success story: something people in the district did and the
// evidence that it made a difference.
type Story struct {
	// ID of the story, a lowercase slug, for example "library-opens-late". Required.
	ID string `yaml:"id" required:"true" format:"slug"`
	// Title of the story. Required.
	Title string `yaml:"title" required:"true"`
	// Date the story happened or was told, as YYYY-MM-DD, for example "2025-03-14". Required.
	Date string `yaml:"date" required:"true" format:"date"`
	// Example marks a story written to show the format, for a district to replace with its own.
	Example bool `yaml:"example"`
	// Summary of the story, one sentence. Required.
	Summary string `yaml:"summary" required:"true"`
	// Roles are the ids of the roles whose people led, from data/roles.yaml, for example [coach, librarian].
	Roles []Ref `yaml:"roles" ref:"role"`
	// Systems are the codes of the performance systems involved, from data/systems.yaml, for example [ABC, XYZ].
	Systems []Ref `yaml:"systems" ref:"system"`
	// Guides are the ids of the practice guides the story shows at work, for example [family-conferences].
	Guides []Ref `yaml:"guides" ref:"guide"`
	// Goals are the ids of the goals the story advanced, from data/goals.yaml, for example [graduation-rate].
	Goals []Ref `yaml:"goals" ref:"goal"`
	// Evidence of impact: what changed, and how it was seen.
	Evidence []string `yaml:"evidence"`
	// Body is the story itself, in Markdown. Required.
	Body Markdown `yaml:"body" required:"true"`

	Pos Pos `yaml:"-"`
}

// Checklist is a list of things to do or look for, in sections, that a
// reader ticks off on screen or on paper.
type Checklist struct {
	// ID of the checklist, a lowercase slug, for example "coach-checklist". Required.
	ID string `yaml:"id" required:"true" format:"slug"`
	// Title of the checklist. Required.
	Title string `yaml:"title" required:"true"`
	// Summary of what the checklist is for and when to use it.
	Summary string `yaml:"summary"`
	// Scale is how each item is answered: "ticks" (a box to tick, the default) or "levels" (not yet, partly or yes). A checklist with levels also has a tally sheet to print for a team meeting.
	Scale string `yaml:"scale" enum:"ticks,levels"`
	// Evidence adds a "How do we know?" box under each item, for the evidence behind the answer.
	Evidence bool `yaml:"evidence"`
	// Protocol is how to use the checklist in a meeting of 30 to 45 minutes, in Markdown: who comes, what to do before, the steps, what to record. It is shown above the items.
	Protocol Markdown `yaml:"protocol"`
	// Sections of the checklist, in order. Required.
	Sections []Section `yaml:"sections" required:"true"`

	Pos Pos `yaml:"-"`
}

// Scales of a checklist: how each item is answered.
const (
	ScaleTicks  = "ticks"
	ScaleLevels = "levels"
)

// Levels reports whether each item is answered not yet, partly or yes
// rather than ticked.
func (c *Checklist) Levels() bool { return c.Scale == ScaleLevels }

// LevelAnswers are the answers to an item of a checklist with levels, from
// the lowest, as a reader's browser saves them.
var LevelAnswers = []string{"not-yet", "partly", "yes"}

// Section is a titled group of checklist items.
type Section struct {
	// Title of the section. Required.
	Title string `yaml:"title" required:"true"`
	// Items of the section, in order. Required.
	Items []Item `yaml:"items" required:"true"`

	Pos Pos `yaml:"-"`
}

// Item is one checklist item. Its id is what a reader's browser remembers
// the tick by, so keep it when rewording the text.
type Item struct {
	// ID of the item, a lowercase slug unique within the checklist, for example "met-families". Required.
	ID string `yaml:"id" required:"true" format:"slug"`
	// Text of the item. Required.
	Text string `yaml:"text" required:"true"`

	Pos Pos `yaml:"-"`
}

// Reflection is a printable reflection form: prompts a reader answers on
// screen or on paper.
type Reflection struct {
	// ID of the form, a lowercase slug, for example "weekly-review". Required.
	ID string `yaml:"id" required:"true" format:"slug"`
	// Title of the form, often the question it asks. Required.
	Title string `yaml:"title" required:"true"`
	// Summary of what the form is for and when to use it.
	Summary string `yaml:"summary"`
	// Prompts of the form, in order. Required.
	Prompts []Prompt `yaml:"prompts" required:"true"`

	Pos Pos `yaml:"-"`
}

// Prompt is one question of a reflection form. Its id is what a reader's
// browser remembers the answer by, so keep it when rewording the text.
type Prompt struct {
	// ID of the prompt, a lowercase slug unique within the form, for example "first-step". Required.
	ID string `yaml:"id" required:"true" format:"slug"`
	// Kind of answer: "text" (written), "scale" (a number on a scale) or "choice" (one of a list). Required.
	Kind string `yaml:"kind" required:"true" enum:"text,scale,choice"`
	// Text of the prompt. Required.
	Text string `yaml:"text" required:"true"`
	// Help shown under the prompt.
	Help string `yaml:"help"`
	// Lines of ruled writing space on the blank printed form, for text prompts; default 4.
	Lines int `yaml:"lines"`
	// Scale for scale prompts; default 1 to 5.
	Scale Scale `yaml:"scale"`
	// Choices for choice prompts, at least two, for example ["Not yet", "Sometimes", "Always"].
	Choices []string `yaml:"choices"`

	Pos Pos `yaml:"-"`
}

// Scale is the range of a scale prompt and the words at its ends.
type Scale struct {
	// Min is the lowest value; default 1.
	Min int `yaml:"min"`
	// Max is the highest value; default 5.
	Max int `yaml:"max"`
	// MinLabel describes the lowest value, for example "not yet".
	MinLabel string `yaml:"minLabel"`
	// MaxLabel describes the highest value, for example "always".
	MaxLabel string `yaml:"maxLabel"`
}

// Guide is a practice guide: content/guides/ID.md, front matter then
// Markdown. It explains one leadership practice: why it matters, the steps,
// what it looks like in each role.
type Guide struct {
	// Title of the guide. Required.
	Title string `yaml:"title" required:"true"`
	// Summary of the practice, one sentence, shown in lists and link previews. Required.
	Summary string `yaml:"summary" required:"true"`
	// Roles are the ids of the roles the guide is written for, from data/roles.yaml, for example [coach, librarian].
	Roles []Ref `yaml:"roles" ref:"role"`
	// Systems are the codes of the performance systems the practice serves, from data/systems.yaml, for example [ABC].
	Systems []Ref `yaml:"systems" ref:"system"`
	// Goals are the ids of the goals the practice serves, from data/goals.yaml.
	Goals []Ref `yaml:"goals" ref:"goal"`
	// Checklist is the id of a checklist that goes with the guide, from data/checklists.yaml.
	Checklist Ref `yaml:"checklist" ref:"checklist"`
	// Reflection is the id of a reflection form that goes with the guide, from data/reflections.yaml.
	Reflection Ref `yaml:"reflection" ref:"reflection"`
	// Date the guide was added, as YYYY-MM-DD. A guide with a date is announced in the site's news feed (feed.xml); one without is not.
	Date string `yaml:"date" format:"date"`
	// Group is the id of the group of guides this one belongs to, from data/groups.yaml; the list of all guides shows them by group.
	Group Ref `yaml:"group" ref:"group"`
	// Audience is who the guide is written for: "students" for a guide written for students: its text is then held to the students' reading level (playbook.yaml's readingLevel).
	Audience string `yaml:"audience" enum:"students,everyone"`
	// Time the practice takes, in a phrase, for example "About an hour to set up, then 30 minutes every two weeks".
	Time string `yaml:"time"`
	// FirstStep is one first step a reader can take in twenty minutes or less, in a sentence.
	FirstStep string `yaml:"firstStep"`
	// Signs that the practice is working: what a reader can see or count, one sign per entry.
	Signs []string `yaml:"signs"`
	// Questions that ask for the evidence of the practice's impact, one per entry, for example ["How many families came to a conference this fall?"].
	Questions []string `yaml:"questions"`
	// TakePart is what to do when you take part in the practice rather than organize it, one step per entry; the organizer's steps are in the guide's "## Steps".
	TakePart []string `yaml:"takePart"`
	// Sources are the studies, reports and data the guide's claims rest on, shown as references.
	Sources []Source `yaml:"sources"`
	// Reviewed is the date someone last checked that the guide is still right, as YYYY-MM-DD; its page shows it as "Last reviewed". Without it, the page shows the date of the last commit that changed the file, when the playbook is a git repository.
	Reviewed string `yaml:"reviewed" format:"date"`

	ID   string   `yaml:"-"` // the file name without .md
	Body Markdown `yaml:"-"`
	Pos  Pos      `yaml:"-"`
}

// Source is a work the playbook draws on: a study, a report, a data set, a
// law or an agreement. It is shown as a reference under the guide or goal
// that names it.
type Source struct {
	// Title of the work, as its authors wrote it. Required.
	Title string `yaml:"title" required:"true" translate:"optional"`
	// URL where a reader can find the work, starting with https:// or http://.
	URL string `yaml:"url" translate:"no"`
	// Publisher of the work, or its authors, for example "National Center for Education Statistics".
	Publisher string `yaml:"publisher" translate:"optional"`
	// Year the work was published, for example 2019.
	Year int `yaml:"year"`
	// Note on what the playbook takes from the work, or where in it to look, in a sentence.
	Note string `yaml:"note"`

	Pos   Pos            `yaml:"-"`
	Where map[string]Pos `yaml:"-"` // where each key's value is written, by key
}

// Group is a group of practice guides that belong together. The list of
// all guides shows the guides group by group, in the order of
// data/groups.yaml, each under its name and summary.
type Group struct {
	// ID of the group, a lowercase slug that guides name in their group key, for example "family-partnerships". Required.
	ID string `yaml:"id" required:"true" format:"slug"`
	// Name of the group, shown as the heading over its guides. Required.
	Name string `yaml:"name" required:"true"`
	// Summary of what the group's practices have in common, one or two sentences. Required.
	Summary string `yaml:"summary" required:"true"`

	Pos Pos `yaml:"-"`
}

// Term is a word of the glossary: a word that a reader new to schools or to
// the playbook may not know.
type Term struct {
	// ID of the term, a lowercase slug, for example "rubric". Required.
	ID string `yaml:"id" required:"true" format:"slug"`
	// Term as it is written in the text, for example "rubric". Required.
	Term string `yaml:"term" required:"true"`
	// Definition of the term in one or two plain sentences. Required.
	Definition string `yaml:"definition" required:"true"`
	// SeeAlso are the ids of related terms of the glossary, for example [assessment].
	SeeAlso []Ref `yaml:"seeAlso" ref:"term"`

	Pos Pos `yaml:"-"`
}

// FreePage is a free page: content/pages/ID.md, published at /ID/.
type FreePage struct {
	// Title of the page. Required.
	Title string `yaml:"title" required:"true"`
	// Summary of the page, one sentence.
	Summary string `yaml:"summary"`
	// Menu puts a link to the page in every page's footer.
	Menu bool `yaml:"menu"`
	// Weight orders pages in the footer, lightest first; ties go by title.
	Weight int `yaml:"weight"`

	ID   string   `yaml:"-"`
	Body Markdown `yaml:"-"`
	Pos  Pos      `yaml:"-"`
}

// Playbook is everything loaded from a playbook's files, in file order.
type Playbook struct {
	Config      Config
	Roles       []*Role
	Systems     []*System
	Goals       []*Goal
	Stories     []*Story
	Checklists  []*Checklist
	Reflections []*Reflection
	Groups      []*Group
	Glossary    []*Term
	Guides      []*Guide    // sorted by id
	Pages       []*FreePage // sorted by id

	// Unparsed holds the files whose problem has been reported and whose
	// content is missing: data files whose YAML did not parse (their
	// records are missing) and images that are not published. References
	// to them are not reported again: the first problem is the one to fix.
	Unparsed map[string]bool
	// Images are the files under content/images/, by path relative to the
	// playbook root; they are published at /images/ as they are.
	Images map[string][]byte
	// Untranslated holds the records, by where they are written, shown in
	// the default language because they have no version in the language
	// the playbook was loaded in (Config.Language): a guide without its
	// ID.LANG.md, a record with a text written once or without that
	// language.
	Untranslated map[Pos]bool
	// Committed holds, by file path relative to the playbook root, the
	// date (YYYY-MM-DD) of the last commit that changed the file, when
	// the playbook is a git checkout (package history); nil otherwise.
	// Guides without a reviewed: date show it.
	Committed map[string]string
}
