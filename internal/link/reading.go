package link

import (
	"fmt"
	"strings"

	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/readability"
)

// Reading level: a warning for every text, and every role's pathway, that
// reads above the grade playbook.yaml's readingLevel sets for its
// audience (students for a guide or role with audience: students, everyone
// else otherwise), at the sentence that weighs most on its grade. The
// loader measured each text (model.Reading); here the grades are worked
// out and compared, which takes no time worth counting.

// reading warns about the texts and pathways that read above their level.
func (g *Graph) reading(l *linker) {
	levels := g.Config.ReadingLevel
	check := func(m *model.Markdown, audience, what string) {
		sc := score(m.Reading)
		if !sc.Graded() {
			return
		}
		limit := levels.For(audience)
		if grade := roundGrade(sc.Grade()); grade > float64(limit) {
			l.warnf(sentencePos(m.Reading.Hardest, m.Pos), levelHint(levels, audience),
				"%s reads at grade %.1f, above grade %d for %s; the sentence that weighs most is %s",
				what, grade, limit, audienceName(audience), excerpt(m.Reading.Hardest.Text))
		}
	}
	for _, gd := range g.Guides {
		check(&gd.Body, gd.Audience, "the guide")
	}
	for _, p := range g.Pages {
		check(&p.Body, "", "the page")
	}
	for _, r := range g.Roles {
		check(&r.Description, r.Audience, fmt.Sprintf("the description of the role %q", r.ID))
	}
	for _, s := range g.Systems {
		check(&s.Definition, "", fmt.Sprintf("the definition of %s", s.Code))
	}
	for _, gl := range g.Goals {
		check(&gl.Why, "", fmt.Sprintf("why the goal %q matters", gl.ID))
	}
	for _, r := range g.Roles {
		g.pathwayReading(l, r)
	}
}

// pathwayReading warns when a role's pathway, its guides read one after
// the other, reads above the role's level. It names the sentence that
// weighs most on the pathway among each guide's hardest.
func (g *Graph) pathwayReading(l *linker, r *model.Role) {
	var total readability.Score
	var guides []*model.Guide
	for _, s := range r.Pathway {
		if gd := g.Guide(s.Guide.ID); gd != nil && !containsGuide(guides, gd) {
			guides = append(guides, gd)
			total = total.Plus(score(gd.Body.Reading))
		}
	}
	if len(guides) < 2 || !total.Graded() {
		return // a pathway of one guide is that guide, checked already
	}
	limit := g.Config.ReadingLevel.For(r.Audience)
	grade := roundGrade(total.Grade())
	if grade <= float64(limit) {
		return
	}
	var hardest model.Sentence
	best := 0.0
	for _, gd := range guides {
		h := gd.Body.Reading.Hardest
		if h.Words == 0 {
			continue
		}
		if w := total.Weight(readability.Sentence{Words: h.Words, Syllables: h.Syllables}); hardest.Words == 0 || w > best {
			hardest, best = h, w
		}
	}
	l.warnf(sentencePos(hardest, r.Pos), levelHint(g.Config.ReadingLevel, r.Audience),
		"the %s pathway (%s) reads at grade %.1f across its %d guides, above grade %d for %s; the sentence that weighs most on it is %s",
		r.ID, short(r.Pos), grade, len(guides), limit, audienceName(r.Audience), excerpt(hardest.Text))
}

func containsGuide(gs []*model.Guide, gd *model.Guide) bool {
	for _, x := range gs {
		if x == gd {
			return true
		}
	}
	return false
}

// score is a text's reading as package readability counts it.
func score(r model.Reading) readability.Score {
	return readability.Score{Language: r.Language, Words: r.Words, Sentences: r.Sentences, Syllables: r.Syllables,
		Hardest: readability.Sentence{Text: r.Hardest.Text, Words: r.Hardest.Words, Syllables: r.Hardest.Syllables}}
}

// roundGrade rounds a grade to the tenth that messages show, so that a
// text shown at grade 8.0 is never said to be above grade 8.
func roundGrade(g float64) float64 {
	return float64(int64(g*10+0.5)) / 10
}

func sentencePos(s model.Sentence, fallback model.Pos) model.Pos {
	if s.Pos.File == "" {
		return fallback
	}
	return s.Pos
}

func audienceName(audience string) string {
	if audience == model.AudienceStudents {
		return "students"
	}
	return "everyone"
}

func levelHint(levels model.ReadingLevel, audience string) string {
	key := "everyone"
	if audience == model.AudienceStudents {
		key = "students"
	}
	return fmt.Sprintf("split long sentences and choose shorter, everyday words: the grade grows with words per sentence and syllables per word (readingLevel %s in playbook.yaml sets grade %d)",
		key, levels.For(audience))
}

// excerpt quotes a sentence for a message, its first words only when it
// is long.
func excerpt(s string) string {
	const most = 16
	words := strings.Fields(s)
	if len(words) > most {
		s = strings.Join(words[:most-4], " ") + " …"
	}
	return fmt.Sprintf("%q", s)
}
