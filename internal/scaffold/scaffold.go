// Package scaffold writes the starting point of a new record for `playbook
// new`: a guide, story, role, goal, checklist or reflection form that is
// valid as written, with comments saying what to put in each key. A guide
// starts with every key that shows what the practice looks like when it
// works (time, first step, signs, questions, taking part), in the
// playbook's first group of guides.
//
// # Where each kind goes
//
//	guide        content/guides/ID.md, a new file
//	story        appended to data/stories.yaml
//	role         appended to data/roles.yaml
//	goal         appended to data/goals.yaml
//	checklist    appended to data/checklists.yaml
//	reflection   appended to data/reflections.yaml
//
// A record is appended as text at the end of its data file, after a blank
// line, so every comment and the layout an editor gave the file stay as
// they were. A data file that does not exist yet is created, starting with
// the line that names its schema.
//
// # What it refuses
//
// An id that is not a lowercase slug, an id its kind already has, a
// playbook folder without playbook.yaml, and a data file written as one
// "[...]" list, to which a record cannot be appended as a block. Each is an
// error wrapping ErrRefused; nothing is written.
//
// # Passing check
//
// What it writes passes `playbook check` with no diagnostic: a guide names
// a role (the -role given, or the playbook's first role) so that the role's
// page leads to it; a goal is active only while fewer than goalsLimit goals
// are; every heading has text under it.
//
// # The playbook's own examples
//
// The comments' examples come from the playbook written into, never from
// the default one: its first role ids, its first system codes, its first
// guide and goal ("for example [coach, librarian]"). A kind the playbook
// has no records of yet gets no example, and the comment says where such
// ids come from.
package scaffold

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/kind"
	"github.com/playbook-edu/playbook/internal/load"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/route"
	"github.com/playbook-edu/playbook/internal/schema"
)

// ErrRefused marks a request that New turns down, such as an id that
// already exists.
var ErrRefused = errors.New("refused")

// Kinds returns the kinds of record New writes (package kind: those New
// is set for).
func Kinds() []string {
	var out []string
	for _, k := range kind.All {
		if k.New {
			out = append(out, k.Name)
		}
	}
	return out
}

// Options says what to write.
type Options struct {
	Kind  string // one of Kinds
	ID    string // a lowercase slug
	Title string // default: the id in words, "peer-feedback" gives "Peer feedback"
	Role  string // for a guide: the role it is for; default the playbook's first role
	Date  string // for a story: YYYY-MM-DD; default today
}

// New writes the starting point of a new record into the playbook in the
// folder root and returns the file it wrote, relative to root.
func New(ctx context.Context, root string, opts Options) (string, error) {
	k, ok := kind.Named(opts.Kind)
	if !ok || !k.New {
		return "", fmt.Errorf("%w: there is no kind %q; the kinds are %s", ErrRefused, opts.Kind, strings.Join(Kinds(), ", "))
	}
	if !model.IsSlug(opts.ID) {
		return "", fmt.Errorf("%w: %q is not a valid id: use lowercase letters, digits and single hyphens, for example peer-feedback", ErrRefused, opts.ID)
	}
	fsys := os.DirFS(root)
	if _, err := fs.Stat(fsys, load.ConfigFile); err != nil {
		return "", fmt.Errorf("%w: %s has no %s; run the command in the playbook's folder, or name it with -src", ErrRefused, root, load.ConfigFile)
	}
	var diags diag.List
	pb, err := load.Load(ctx, fsys, load.Options{}, &diags)
	if err != nil {
		return "", err
	}
	if opts.Title == "" {
		opts.Title = words(opts.ID)
	}
	if opts.Date == "" {
		opts.Date = time.Now().Format(time.DateOnly)
	}
	r := record{Options: opts, Title: quote(opts.Title), Limit: pb.Config.GoalsLimit, Status: model.StatusActive,
		examples: examplesOf(pb)}

	if opts.Kind == "guide" {
		return newGuide(root, pb, r)
	}
	if k.File == "" {
		return "", fmt.Errorf("%w: playbook new cannot start a %s yet", ErrRefused, k.Noun)
	}
	for _, rec := range k.Records(pb) {
		if rec.Key() == opts.ID {
			return "", fmt.Errorf("%w: %s already has a %s with id %q; choose another id", ErrRefused, k.File, k.Noun, opts.ID)
		}
	}
	if opts.Kind == "goal" && len(model.ActiveGoals(pb.Goals)) >= pb.Config.GoalsLimit {
		r.Status = model.StatusRetired
	}
	var text []byte
	if starts.Lookup(opts.Kind) != nil {
		text, err = r.execute(opts.Kind)
	} else {
		text, err = generic(k, r)
	}
	if err != nil {
		return "", err
	}
	return k.File, appendRecord(root, k.File, text)
}

// newGuide writes content/guides/ID.md.
func newGuide(root string, pb *model.Playbook, r record) (string, error) {
	file := path.Join(route.GuideDir, r.ID+".md")
	for _, g := range pb.Guides {
		if g.ID == r.ID {
			return "", fmt.Errorf("%w: %s already exists; choose another id", ErrRefused, file)
		}
	}
	switch {
	case r.Role != "":
		if !slices.ContainsFunc(pb.Roles, func(x *model.Role) bool { return x.ID == r.Role }) {
			return "", fmt.Errorf("%w: there is no role %q in %s", ErrRefused, r.Role, kind.MustNamed("role").File)
		}
	case len(pb.Roles) > 0:
		r.Role = pb.Roles[0].ID
	}
	if len(pb.Groups) > 0 {
		r.Group = pb.Groups[0].ID
	}
	text, err := r.execute("guide")
	if err != nil {
		return "", err
	}
	dst := filepath.Join(root, filepath.FromSlash(file))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%w: %s already exists; choose another id", ErrRefused, file)
	}
	if err != nil {
		return "", err
	}
	if _, err := f.Write(text); err != nil {
		f.Close()
		return "", err
	}
	return file, f.Close()
}

// appendRecord adds text at the end of the data file, or creates the file.
func appendRecord(root, file string, text []byte) error {
	dst := filepath.Join(root, filepath.FromSlash(file))
	old, err := os.ReadFile(dst)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, append([]byte(schema.Comment(file)+"\n"), text...), 0o644)
	case err != nil:
		return err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(old, &doc); err != nil {
		return fmt.Errorf("%w: %s does not parse, so nothing can be added to it; run playbook check and fix it first", ErrRefused, file)
	}
	if len(doc.Content) > 0 {
		root := doc.Content[0]
		isNull := root.Kind == yaml.ScalarNode && root.Tag == "!!null"
		if !isNull && (root.Kind != yaml.SequenceNode || root.Style&yaml.FlowStyle != 0) {
			return fmt.Errorf("%w: %s is not a list written one \"- \" entry per line, so nothing can be added to its end; rewrite it that way first", ErrRefused, file)
		}
	}
	var b bytes.Buffer
	b.Write(old)
	if len(old) > 0 && !bytes.HasSuffix(old, []byte("\n")) {
		b.WriteByte('\n')
	}
	if len(bytes.TrimSpace(old)) > 0 && !bytes.HasSuffix(old, []byte("\n\n")) {
		b.WriteByte('\n')
	}
	b.Write(text)
	// Write beside the file, then swap it in: an interrupted write never
	// leaves half a file.
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".new-*.yaml")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(b.Bytes()); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if fi, err := os.Stat(dst); err == nil {
		os.Chmod(tmp.Name(), fi.Mode().Perm())
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// words turns an id into a title: "peer-feedback" gives "Peer feedback".
func words(id string) string {
	s := strings.ReplaceAll(id, "-", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// quote writes s as a YAML value on one line, quoted when it needs to be.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	out, err := yaml.Marshal(s)
	if err != nil || bytes.Contains(bytes.TrimSpace(out), []byte("\n")) {
		return fmt.Sprintf("%q", s)
	}
	return string(bytes.TrimSpace(out))
}

// record is what the starting points are filled in from.
type record struct {
	Options
	examples
	Title  string // quoted for YAML
	Limit  int    // goalsLimit
	Status string // a goal's status
	Group  string // a guide's group: the playbook's first, if it has any
}

// examples are the comments' examples, taken from the playbook written
// into; each is "" when the playbook has no record of its kind.
type examples struct {
	Roles   string // its first two role ids, as a YAML list: "[coach, librarian]"
	Systems string // its first two system codes: "[ABC, XYZ]"
	Guides  string // its first guide's id, as a list: "[family-conferences]"
	Goals   string // its first goal's id, as a list: "[graduation-rate]"
	Guide   string // its first guide's id: "family-conferences"
	Link    string // a Markdown link to its first guide: "[Family conferences](family-conferences.md)"
}

// examplesPerList is how many ids a list example names at most.
const examplesPerList = 2

// examplesOf returns the examples the playbook pb gives. Only ids and codes
// that are valid make an example, so that no text of the playbook's can
// end a comment and start a key.
func examplesOf(pb *model.Playbook) examples {
	list := func(ids []string, valid func(string) bool, most int) string {
		var out []string
		for _, id := range ids {
			if valid(id) && len(out) < most {
				out = append(out, id)
			}
		}
		if len(out) == 0 {
			return ""
		}
		return "[" + strings.Join(out, ", ") + "]"
	}
	var roles, codes, goals []string
	for _, r := range pb.Roles {
		roles = append(roles, r.ID)
	}
	for _, s := range pb.Systems {
		codes = append(codes, s.Code)
	}
	for _, g := range pb.Goals {
		goals = append(goals, g.ID)
	}
	e := examples{
		Roles:   list(roles, model.IsSlug, examplesPerList),
		Systems: list(codes, model.IsCode, examplesPerList),
		Goals:   list(goals, model.IsSlug, 1),
	}
	if i := slices.IndexFunc(pb.Guides, func(g *model.Guide) bool { return model.IsSlug(g.ID) }); i >= 0 {
		g := pb.Guides[i]
		title := strings.Join(strings.Fields(g.Title), " ")
		if title == "" || strings.ContainsAny(title, "[]`\\") {
			title = words(g.ID)
		}
		e.Guide, e.Guides = g.ID, "["+g.ID+"]"
		e.Link = "[" + title + "](" + g.ID + ".md)"
	}
	return e
}

func (r record) execute(kind string) ([]byte, error) {
	var b bytes.Buffer
	if err := starts.ExecuteTemplate(&b, kind, r); err != nil {
		return nil, fmt.Errorf("scaffold %s: %w", kind, err)
	}
	return b.Bytes(), nil
}

// starts are the starting points, one template per kind. Every key an
// editor may want is either filled in or shown in a comment.
var starts = template.Must(template.New("").Parse(`
{{- define "guide" -}}
---
# The guide's facts. What each key takes: schemas/guide.schema.json.
title: {{.Title}}
summary: Say in one sentence what this practice is; readers see it in lists.
# Ids from data/roles.yaml: the roles this guide is written for.
roles: [{{.Role}}]
# Codes from data/systems.yaml of the performance systems this practice serves{{with .Systems}}, for example {{.}}{{end}}.
systems: []
# Ids from data/goals.yaml of the goals this practice serves{{with .Goals}}, for example {{.}}{{end}}.
goals: []
{{with .Group}}# The group it belongs to, from data/groups.yaml; the list of all guides shows guides by group.
group: {{.}}
{{else}}# group: an id from data/groups.yaml
{{end -}}
# checklist: an id from data/checklists.yaml
# reflection: an id from data/reflections.yaml
# audience: students, for a guide written for students (held to their reading level)
# How long the practice takes.
time: About an hour to set up, then a few minutes each week.
# One first step that takes twenty minutes or less.
firstStep: Name one thing a reader can do today in twenty minutes or less.
# Signs it is working: what people can see or count.
signs:
  - Something you can see or count when the practice works.
# Key questions that ask for evidence of impact.
questions:
  - A question whose answer is evidence, such as "How many of us did this last month?"
# If you take part: what to do when you join the practice rather than run it.
takePart:
  - The first thing to do when you take part.
# Where the guide's facts come from. Each source needs a title.
# sources:
#   - title: The title of a study or report
#     url: https://example.org/report
#     publisher: Who published it
#     year: 2024
#     note: What the guide takes from it.
---

Start with two or three sentences on what the practice is and who it is for.
{{with .Link -}}
Link another guide with an ordinary link to its file, such as
` + "`{{.}}`" + `.
{{- else -}}
Link another guide with an ordinary link to its file: its id, then ".md".
{{- end}}

## Why it matters

Say what changes for students and staff when people use this practice.

## Steps

1. The first thing to do.
2. The next thing to do.

## What it looks like in each role

- **A role:** what this practice looks like for people in it.
{{end}}

{{- define "story" -}}
- id: {{.ID}}
  title: {{.Title}}
  date: {{.Date}}
  summary: Say in one sentence what happened.
  # Ids of the roles whose people led, from data/roles.yaml{{with .Roles}}, for example {{.}}{{end}}.
  roles: []
  # Codes of the performance systems involved, from data/systems.yaml{{with .Systems}}, for example {{.}}{{end}}.
  systems: []
  # Ids of the practice guides the story shows at work, from content/guides{{with .Guides}}, for example {{.}}{{end}}.
  guides: []
  # Ids of the goals the story advanced, from data/goals.yaml{{with .Goals}}, for example {{.}}{{end}}.
  goals: []
  evidence:
    - What changed, and how people saw it.
  body: |
    Tell the story: who was involved, what they tried, and what happened next.
{{end}}

{{- define "role" -}}
- id: {{.ID}}
  name: {{.Title}}
  summary: Say in one sentence what leading looks like in this role.
  description: |
    Describe how people in this role lead, day to day.
  spheres:
    - A part of the district people in this role can change.
  # The guides for this role, in order, each with why it matters:
  # pathway:
  #   - guide: an id from content/guides{{with .Guide}}, such as {{.}}{{end}}
  #     why: One or two sentences.
  # checklist: an id from data/checklists.yaml
  # audience: students, for the role of students (held to their reading level)
{{end}}

{{- define "goal" -}}
- id: {{.ID}}
  title: {{.Title}}
  # active, met or retired. At most {{.Limit}} goals may be active at once (goalsLimit in playbook.yaml).
  status: {{.Status}}
  summary: Say in one sentence what the goal is.
  why: |
    Say why the goal matters to students, in a few sentences.
  indicators:
    - A leading indicator, something you can count early and often.
  # Ids of the roles that carry the goal, from data/roles.yaml{{with .Roles}}, for example {{.}}{{end}}.
  owners: []
  # Ids of the guides whose practices serve the goal, from content/guides{{with .Guides}}, for example {{.}}{{end}}.
  strategies: []
  # Where the goal's facts come from. Each source needs a title.
  # sources:
  #   - title: The title of a study or report
  #     url: https://example.org/report
{{end}}

{{- define "checklist" -}}
- id: {{.ID}}
  title: {{.Title}}
  summary: Say when to use this checklist and what it is for.
  # How each item is answered: ticks (a box to tick) or levels (not yet, partly, yes).
  scale: ticks
  # evidence: true, to add a "How do we know?" box under each item
  # protocol: |
  #   How to use the checklist in a meeting of 30 to 45 minutes.
  sections:
    - title: First section
      items:
        # Readers' browsers remember each tick by the item's id: keep the id when you reword the text.
        - id: first-item
          text: The first thing to check.
{{end}}

{{- define "reflection" -}}
- id: {{.ID}}
  title: {{.Title}}
  summary: Say when to use this form and what it is for.
  prompts:
    # Readers' browsers remember each answer by the prompt's id: keep the id when you reword the text.
    - id: first-prompt
      # text (a written answer), scale (a number) or choice (one of a list of choices).
      kind: text
      text: The first question to answer.
      lines: 4
{{end}}
`))
