package model

import (
	"reflect"
	"slices"
	"strings"
)

// The rules of the domain, beside the records they read: every stage asks
// the records rather than knowing the rule itself.

// A goal's status.
const (
	StatusActive  = "active"
	StatusMet     = "met"
	StatusRetired = "retired"
)

// Active reports whether the district pursues the goal now.
func (g *Goal) Active() bool { return g.Status == StatusActive }

// ActiveGoals returns the goals pursued now, in file order.
func ActiveGoals(goals []*Goal) []*Goal {
	var out []*Goal
	for _, g := range goals {
		if g.Active() {
			out = append(out, g)
		}
	}
	return out
}

// statusRank orders goals as lists show them: active, then met, then
// retired.
func (g *Goal) statusRank() int {
	switch g.Status {
	case StatusActive:
		return 0
	case StatusMet:
		return 1
	}
	return 2
}

// ByStatus returns the goals active first, then met, then retired, each
// in file order.
func ByStatus(goals []*Goal) []*Goal {
	out := slices.Clone(goals)
	slices.SortStableFunc(out, func(a, b *Goal) int { return a.statusRank() - b.statusRank() })
	return out
}

// NewestFirst returns the stories, the most recent first; stories of the
// same date keep their file order.
func NewestFirst(stories []*Story) []*Story {
	out := slices.Clone(stories)
	slices.SortStableFunc(out, func(a, b *Story) int { return strings.Compare(b.Date, a.Date) })
	return out
}

// DefaultLines is the writing space a text prompt gets on a blank printed
// form when it says nothing.
const DefaultLines = 4

// MaxLines is the most lines of writing space a prompt may ask for.
const MaxLines = 40

// WritingLines returns the lines of ruled writing space the prompt gets on
// a blank printed form.
func (p *Prompt) WritingLines() int {
	if p.Lines == 0 {
		return DefaultLines
	}
	return p.Lines
}

// Range returns the scale's lowest and highest values, defaults applied:
// 1 to 5 when neither is given, five points from Min when only it is.
func (s Scale) Range() (lo, hi int) {
	lo, hi = s.Min, s.Max
	if lo == 0 && hi == 0 {
		return 1, 5
	}
	if hi == 0 {
		hi = lo + 4
	}
	return lo, hi
}

// MaxScalePoints is the most points a scale may have.
const MaxScalePoints = 11

// Record is what every record of every kind tells about itself, so that
// the stages that list, link, search or export records need not know
// each kind.
type Record interface {
	// Key is the record's id, or a system's code.
	Key() string
	// Label is the record's name as readers see it.
	Label() string
	// Blurb is the record's one-sentence summary, or "".
	Blurb() string
	// At is where the record is written.
	At() Pos
}

func (r *Role) Key() string   { return r.ID }
func (r *Role) Label() string { return r.Name }
func (r *Role) Blurb() string { return r.Summary }
func (r *Role) At() Pos       { return r.Pos }

func (s *System) Key() string   { return s.Code }
func (s *System) Label() string { return s.Name }
func (s *System) Blurb() string { return s.Summary }
func (s *System) At() Pos       { return s.Pos }

func (g *Goal) Key() string   { return g.ID }
func (g *Goal) Label() string { return g.Title }
func (g *Goal) Blurb() string { return g.Summary }
func (g *Goal) At() Pos       { return g.Pos }

func (s *Story) Key() string   { return s.ID }
func (s *Story) Label() string { return s.Title }
func (s *Story) Blurb() string { return s.Summary }
func (s *Story) At() Pos       { return s.Pos }

func (c *Checklist) Key() string   { return c.ID }
func (c *Checklist) Label() string { return c.Title }
func (c *Checklist) Blurb() string { return c.Summary }
func (c *Checklist) At() Pos       { return c.Pos }

func (r *Reflection) Key() string   { return r.ID }
func (r *Reflection) Label() string { return r.Title }
func (r *Reflection) Blurb() string { return r.Summary }
func (r *Reflection) At() Pos       { return r.Pos }

func (g *Group) Key() string   { return g.ID }
func (g *Group) Label() string { return g.Name }
func (g *Group) Blurb() string { return g.Summary }
func (g *Group) At() Pos       { return g.Pos }

func (t *Term) Key() string   { return t.ID }
func (t *Term) Label() string { return t.Term }
func (t *Term) Blurb() string { return t.Definition }
func (t *Term) At() Pos       { return t.Pos }

func (g *Guide) Key() string   { return g.ID }
func (g *Guide) Label() string { return g.Title }
func (g *Guide) Blurb() string { return g.Summary }
func (g *Guide) At() Pos       { return g.Pos }

func (p *FreePage) Key() string   { return p.ID }
func (p *FreePage) Label() string { return p.Title }
func (p *FreePage) Blurb() string { return p.Summary }
func (p *FreePage) At() Pos       { return p.Pos }

// Translation says how a field of a record is written in a playbook of
// several languages (Config.Languages).
type Translation int

const (
	// NotTranslated is a value the same in every language: an id, a date,
	// a choice, an address, a file.
	NotTranslated Translation = iota
	// Translated is a text readers read: written once, it is the default
	// language's, and the record is untranslated in the others.
	Translated
	// MayTranslate is a name that is usually the same in every language
	// (the district's, a source's title): it may be written per language,
	// but written once it is no one's missing translation.
	MayTranslate
)

// TranslationOf returns how the field sf is written in several languages:
// a text, Markdown or a list of texts is translated, unless its tag says
// it is an id, a date or a choice (format, enum) or, with translate:"no"
// or translate:"optional", that it is the same in every language.
func TranslationOf(sf reflect.StructField) Translation {
	t := sf.Type
	text := t == reflect.TypeFor[Markdown]() || t.Kind() == reflect.String ||
		t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String
	switch {
	case !text, sf.Tag.Get("format") != "", sf.Tag.Get("enum") != "", sf.Tag.Get("translate") == "no":
		return NotTranslated
	case sf.Tag.Get("translate") == "optional":
		return MayTranslate
	}
	return Translated
}

// EditURL returns the address of the repository's editor for the file at
// path (relative to the playbook's root), on the branch EditBranch; ""
// when RepoURL is not set. Each forge writes it its own way: GitLab's is
// /-/edit/, Bitbucket's ?mode=edit, Gitea's and Forgejo's (Codeberg)
// /_edit/, GitHub's and any other host's /edit/.
func (c *Config) EditURL(path string) string {
	if c.RepoURL == "" {
		return ""
	}
	repo, branch := strings.TrimSuffix(c.RepoURL, "/"), c.EditBranch
	switch c.Forge() {
	case "GitLab":
		return repo + "/-/edit/" + branch + "/" + path
	case "Bitbucket":
		return repo + "/src/" + branch + "/" + path + "?mode=edit"
	case "Codeberg", "Gitea":
		return repo + "/_edit/" + branch + "/" + path
	}
	return repo + "/edit/" + branch + "/" + path
}

// Forge returns the name of the service RepoURL is on, as readers know it:
// "GitHub", "GitLab", "Bitbucket", "Codeberg", "Gitea" (a host whose name
// says so), else the host's name ("git.district.org"); "" when RepoURL is
// not set.
func (c *Config) Forge() string {
	rest, ok := strings.CutPrefix(c.RepoURL, "https://")
	if !ok {
		rest, _ = strings.CutPrefix(c.RepoURL, "http://")
	}
	host, _, _ := strings.Cut(rest, "/")
	host = strings.ToLower(host)
	switch {
	case host == "":
		return ""
	case host == "github.com" || strings.HasSuffix(host, ".github.com"):
		return "GitHub"
	case host == "gitlab.com" || strings.HasPrefix(host, "gitlab."):
		return "GitLab"
	case host == "bitbucket.org":
		return "Bitbucket"
	case host == "codeberg.org":
		return "Codeberg"
	case strings.HasPrefix(host, "gitea.") || strings.HasPrefix(host, "forgejo."):
		return "Gitea"
	}
	return host
}
