// Package view holds what a theme's templates are given: every value a
// page shows, already worked out by package render. A template's dot is a
// Page; its Data field holds the page kind's own view (GuideData for
// guide.html, and so on). Lists, links and counts arrive computed, so a
// template only lays them out; THEMES.md describes each for theme
// authors, and a template that names a field a view does not have is told
// which it has.
//
// Hash tells whether a page would come out the same as before without
// rendering it: the dev server re-renders only the pages whose view
// changed.
package view

import (
	"html/template"
)

// SiteView is what every page shows of the playbook as a whole.
type SiteView struct {
	Title, District, Tagline, Description, Language string
	Home                                            string // URL of the home page
	Logo                                            string // URL of the logo, or ""
	Nav                                             []NavItem
	Menu                                            []NavItem // free pages marked menu: true
	Footer                                          string
	Contact                                         string // as written
	ContactURL                                      string // mailto: or web address
	Forge                                           string // the service the repository is on, for "Edit this page on GitHub" (model.Config.Forge)
	Print                                           string // URL of the whole playbook as one printable page
	Assets                                          map[string]string
	Feed                                            string // URL of the Atom feed
	Head                                            Head
	Roles                                           []RoleChoice // the roles, for the header's role switcher
	// DefaultLanguage is the name, in the site's language, of the language
	// a text without a translation shows in ("inglés"), when the site has
	// several.
	DefaultLanguage string
}

// RoleChoice is a role a reader can choose as theirs.
type RoleChoice struct {
	ID, Name, URL string
}

// Head is what every page's <head> says of the site beyond its title: the
// color browsers tint their bars with, the icons, and the picture link
// previews show. Addresses are full when the base URL is known.
type Head struct {
	ThemeColor string // the brand's primary color, #rrggbb
	Icon       string // URL of the 32×32 PNG icon, beside favicon.svg
	TouchIcon  string // URL of the 180×180 PNG icon for phones' home screens
	Image      string // URL of the link-preview picture (og:image)
	ImageType  string // its media type, for example "image/png"
	// ImageWidth and ImageHeight are the picture's size in pixels, or 0
	// when the theme's logo is the picture and its size is not known.
	ImageWidth, ImageHeight int
}

// NavItem is an entry of the main navigation or the footer's menu.
// Current is "page" on the entry's own page, "true" on the other pages of
// its section and "" elsewhere: the value of its aria-current attribute.
type NavItem struct {
	Title, URL, Section, Current string
}

// Page is the dot of every page template.
type Page struct {
	Site        *SiteView `hash:"-"` // hashed once for all pages (HashPage)
	Kind        string    // the template's name without .html
	Section     string    // the NavItem.Section the page belongs to
	Title       string
	Description string
	URL         string      // the page's path, base path included
	Canonical   string      // the page's full address, when the base URL is known
	EditURL     string      // "Edit this page" link, when the repository is known
	Crumbs      []Link      // breadcrumb trail above the title, home first
	Nav         []NavItem   // Site.Nav with this page's Current set
	Menu        []NavItem   // Site.Menu with this page's Current set
	OGType      string      // the page's OpenGraph type: "article" or "website"
	Robots      string      // the content of a robots meta tag, "noindex" for pages search engines should leave out, or ""
	JSONLD      template.JS // schema.org JSON-LD describing the page, or ""
	// Languages are the page in each of the site's languages, when it has
	// more than one, for hreflang links and the language switcher.
	Languages []LanguageLink
	// Untranslated is set when the page shows a text of the default
	// language because it has none in the page's language.
	Untranslated bool
	// ContentLang is the language the page's own text is written in when
	// it is not the page's: the default language's, for a guide or a free
	// page not yet translated. Templates mark that text with it (WCAG
	// 3.1.2), so that screen readers read it in the right voice.
	ContentLang string
	Data        any
}

// LanguageLink is a page in one of the site's languages.
type LanguageLink struct {
	Lang    string // its BCP 47 tag
	Name    string // the language's name in the language itself: "English", "español"
	URL     string // full when the base URL is known, for hreflang links
	Path    string // its path, base path included, for links a reader follows
	Current bool   // the language of the page it is on
	Default bool   // the site's default language, the page for readers of any other (x-default)
}

// Link is a link to another page, with what a list shows beside it.
type Link struct {
	Title, URL, Summary string
}

// RoleCard is a role in a list.
type RoleCard struct {
	Link
	ID       string     // the role's id, for data-pathway
	Steps    int        // steps in the pathway
	StepList string     // the pathway's guide ids, separated by spaces, for data-steps
	Start    *Link      // the pathway's first guide
	Pathway  []StepLink // the pathway's guides in order, among which the script finds the step to continue with
}

// StepLink is a step of a pathway as a link: the guide's id, title and address.
type StepLink struct {
	ID string
	Link
}

// HomeData is home.html's view. The page opens with one sentence, then
// the choice of role, then the rest.
type HomeData struct {
	Sentence    string // the playbook's tagline, or its description when it has none
	Vision      template.HTML
	Roles       []RoleCard
	Goals       []Link // active goals
	Stories     []StoryCard
	Systems     []SystemCard
	Checklists  []Link
	Reflections []Link
	HowTo       *Link // the free page how-to-use, when the playbook has one
}

// RolesData is roles.html's view.
type RolesData struct{ Roles []RoleCard }

// RoleData is role.html's view.
type RoleData struct {
	ID          string
	StepList    string // the pathway's guide ids, separated by spaces, for data-steps
	Summary     string
	Description template.HTML
	Spheres     []string
	Steps       []StepView
	Checklist   *Link
	Goals       []Link
	Guides      []Link // guides for the role outside its pathway
	Stories     []Link
}

// StepView is a step of a pathway.
type StepView struct {
	N     int
	ID    string // the guide's id
	Guide Link
	Why   string
}

// GuideCard is a guide in a list.
type GuideCard struct {
	Link
	Roles   []Link
	Systems []Link
}

// GuidesData is guides.html's view: the guides by group, in the order of
// data/groups.yaml, then those of no group under OtherGuides; or, when the
// playbook has no groups, every guide in Guides.
type GuidesData struct {
	Groups []GroupView
	Guides []GuideCard // by title: every guide when there are no groups, else those of no group
}

// GroupView is a group of guides on the guides index. Anchor is the id of
// its heading, for links to the group ("/guides/#group-grow-leaders").
type GroupView struct {
	Anchor, Name, Summary string
	Guides                []GuideCard // by title
}

// GuideData is guide.html's view.
type GuideData struct {
	ID      string
	Summary string
	// Lang is the language the guide's own text is written in, when it is
	// not the page's (Page.ContentLang): templates mark that text with it.
	Lang string
	// Body is the guide's text. Its "Check yourself" items (a Markdown
	// task list, "- [ ] ...") are checkboxes a reader's ticks are saved by
	// (data-check, the item's words as a slug), and a last "Related guides"
	// section that only lists guides is left out: its guides lead Related.
	Body         template.HTML
	Checks       int    // the number of those checkboxes
	Contents     []Link // "On this page": the body's second-level headings, each URL "#id"
	Reviewed     string // YYYY-MM-DD: the front matter's reviewed:, else the date of the file's last commit; "" when neither is known
	ReviewedText string // Reviewed as readers say it
	Suggest      string // where a reader suggests a change: the repository's edit page, else the playbook's contact; "" when neither is known
	Roles        []Link
	Systems      []Link
	Goals        []Link
	Checklist    *Link
	Reflection   *Link
	Stories      []Link
	Backlinks    []Link
	// Related is the one list of guides to read next, each once: those
	// the guide links to, those that link to it, then similar guides
	// (shared roles and systems), up to RelatedLimit in all.
	Related  []Link
	Pathways []PathwayView
	Practice *PracticeView // what the practice looks like when it works; nil when the guide says nothing of it
}

// PracticeView is what a guide's page shows, after its text, of the
// practice at work (guide-practice.html): the time it takes, a first step,
// the signs it is working, the questions that ask for evidence, what to do
// when taking part, and the works it draws on.
type PracticeView struct {
	Time, FirstStep string
	Signs           []string
	Questions       []string
	TakePart        []string
	Sources         []SourceView
}

// SourceView is a work a guide or goal draws on, as a reference. URL is
// empty when the source has no address; Year is "" when it has no year.
type SourceView struct {
	Title, URL, Publisher, Year, Note string
}

// PathwayView is a guide's place in one role's pathway. The page shows
// every pathway the guide is in; the script shows the reader's own first
// and folds the others away.
type PathwayView struct {
	Role       Link
	RoleID     string
	StepList   string // the pathway's guide ids, separated by spaces, for data-steps
	N, Of      int
	Prev, Next *Link
}

// SystemCard is a performance system in a list.
type SystemCard struct {
	Link
	Code   string
	Guides int
}

// SystemsData is systems.html's view.
type SystemsData struct {
	Sector  string
	Systems []SystemCard
}

// SystemData is system.html's view.
type SystemData struct {
	Code, Name, Sector, Summary string
	Definition                  template.HTML
	Guides                      []Link
	Stories                     []Link
}

// GoalsData is goals.html's view.
type GoalsData struct {
	Limit                int
	Active, Met, Retired []GoalCard
}

// GoalCard is a goal in the goals index: its link, and a small trend for
// each of its indicators with measurements.
type GoalCard struct {
	Link
	Trends []TrendView
}

// TrendView is an indicator's trend in a list: its name, a small chart
// whose accessible name states the numbers, and its latest value.
type TrendView struct {
	Name   string
	Spark  template.HTML // the chart, an SVG image
	Latest string        // the latest value and its date, for example "68% in January 2026"
}

// GoalData is goal.html's view.
type GoalData struct {
	Status     string
	Summary    string
	Why        template.HTML
	Indicators []IndicatorView
	Owners     []Link
	Guides     []Link
	Stories    []Link
	Questions  []QA
	Sources    []SourceView // the works the goal's claims rest on
}

// IndicatorView is a leading indicator on its goal's page. An indicator
// with measurements has a chart, a summary of it in words, and a table of
// every measurement; one without has only its name.
type IndicatorView struct {
	N                int    // its place in the goal's list, from 1, for ids
	Name             string // what is counted or measured
	Chart            template.HTML
	Summary          string // what the chart shows, in words, numbers included
	Unit             string
	Target, Baseline string // written with the unit, or ""
	Rows             []MeasurementRow
}

// MeasurementRow is a row of an indicator's table of measurements, in
// date order.
type MeasurementRow struct {
	Date     string // YYYY-MM-DD, for <time datetime>
	DateText string // as readers say it
	Value    string // with its unit
}

// QA is one of the five questions with the goal's answer.
type QA struct{ Question, Answer string }

// StoryCard is a story in a list.
type StoryCard struct {
	Link
	Date     string // YYYY-MM-DD
	DateText string // as readers say it
	Example  bool
}

// StoriesData is stories.html's view.
type StoriesData struct{ Stories []StoryCard }

// StoryData is story.html's view.
type StoryData struct {
	Date, DateText string
	Example        bool
	Summary        string
	Body           template.HTML
	Evidence       []string
	Roles          []Link
	Systems        []Link
	Guides         []Link
	Goals          []Link
}

// ListData is the view of reflections.html.
type ListData struct{ Items []Link }

// ChecklistsData is checklists.html's view.
type ChecklistsData struct{ Checklists []ChecklistCard }

// ChecklistCard is a checklist in the list of checklists. Tally is the URL
// of its tally sheet, for a checklist answered in levels, or "".
type ChecklistCard struct {
	Link
	Levels bool
	Tally  string
}

// ChecklistData is checklist.html's view.
//
// A checklist's items are ticked (data-item checkboxes, saved as ticks) or,
// with Levels, answered not yet, partly or yes; with Evidence each item
// also asks "How do we know?". Answers, evidence and the name, team and
// date lines are saved as reflection forms save theirs: the checklist is
// the form Form (data-reflection), each item's level the answer of prompt
// ID and its evidence that of prompt EvidenceKey (see THEMES.md).
type ChecklistData struct {
	ID       string
	Form     string // the data-reflection id answers are saved under: "checklist:" and the id
	Summary  string
	Levels   bool          // items are answered not yet, partly or yes
	Evidence bool          // each item asks how we know
	Protocol template.HTML // how to use the checklist in a meeting, or ""
	Tally    string        // URL of the printable tally sheet, for a checklist with levels
	Sections []SectionView
	Total    int
	Guides   []Link
	Roles    []Link
}

// SectionView is a checklist section. Anchor is unique on the page.
type SectionView struct {
	N      int
	Anchor string
	Title  string
	Items  []ItemView
}

// ItemView is a checklist item. InputID is unique on the page; ID is the
// item's stable id, which scripts save the tick or the answer by. TextID
// is the id of the element holding the item's text, which its evidence box
// is described by.
type ItemView struct {
	ID, InputID, Text string
	TextID            string
	Options           []OptionView // not yet, partly, yes: for a checklist with levels
	EvidenceKey       string       // the prompt its evidence is saved under: the id and ":evidence"
	EvidenceID        string       // the id of its evidence box
}

// TallyData is tally.html's view: a checklist with levels as a sheet to
// tally a team's answers on, one row per item, a column per level and one
// for notes.
type TallyData struct {
	Checklist Link     // the checklist on screen
	Levels    []string // the levels' labels: not yet, partly, yes
	Columns   int      // of the table: the item, a column per level, the notes
	Sections  []SectionView
}

// ReflectionData is reflection.html's view.
type ReflectionData struct {
	ID      string
	Summary string
	Prompts []PromptView
	Guides  []Link
}

// PromptView is a prompt of a reflection form.
type PromptView struct {
	N                  int
	ID, InputID        string
	Kind               string // text, scale or choice
	Text, Help         string
	Lines              []int // one entry per ruled line on the blank printed form
	Options            []OptionView
	Low, High          string // a scale's lowest and highest values
	MinLabel, MaxLabel string // what they mean
}

// OptionView is one value of a scale or choice prompt.
type OptionView struct {
	Value, Label, InputID string
}

// SearchData is search.html's view: the index's address and the filters.
type SearchData struct {
	Index   string // URL of the search index
	Guides  string // URL of the guides index, for readers without JavaScript
	Roles   []Option
	Systems []Option
}

// Option is a choice in a filter: the value a script filters by, and the
// label a reader sees.
type Option struct {
	Value, Label string
}

// PageData is page.html's view.
type PageData struct {
	Summary string
	Body    template.HTML
}
