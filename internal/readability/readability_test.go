package readability

import (
	"math"
	"strings"
	"testing"
)

// text is one block of text, as package markdown gives a paragraph.
func text(s string) []Piece { return []Piece{{Text: []byte(s), Block: true}} }

// near reports whether a and b agree to within a hundredth.
func near(a, b float64) bool { return math.Abs(a-b) < 0.005 }

// fleschEase is Flesch's reading ease, which the published examples give:
// 206.835 − 1.015 × words/sentences − 84.6 × syllables/words.
func fleschEase(s Score) float64 {
	return 206.835 - 1.015*float64(s.Words)/float64(s.Sentences) - 84.6*float64(s.Syllables)/float64(s.Words)
}

// TestPublishedExamples checks the counts and grades of the examples the
// Wikipedia article "Flesch–Kincaid readability tests" gives.
func TestPublishedExamples(t *testing.T) {
	tests := []struct {
		name, text           string
		words, sent, syll    int
		ease, grade          float64
		publishedEaseRounded float64
	}{
		{
			// "The cat sat on the mat." has a reading ease of 116: six
			// words of one syllable in one sentence.
			//   ease  = 206.835 − 1.015 × 6/1 − 84.6 × 6/6 = 206.835 − 6.09 − 84.6 = 116.145
			//   grade = 0.39 × 6/1 + 11.8 × 6/6 − 15.59 = 2.34 + 11.8 − 15.59 = −1.45
			name: "the cat", text: "The cat sat on the mat.",
			words: 6, sent: 1, syll: 6, ease: 116.145, grade: -1.45, publishedEaseRounded: 116,
		},
		{
			// "The Australian platypus is seemingly a hybrid of a mammal and
			// reptilian creature." scores 37.5, "as it has 24 syllables and
			// 13 words".
			//   ease  = 206.835 − 1.015 × 13 − 84.6 × 24/13 = 206.835 − 13.195 − 156.185 = 37.455
			//   grade = 0.39 × 13 + 11.8 × 24/13 − 15.59 = 5.07 + 21.785 − 15.59 = 11.265
			name: "the platypus", text: "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.",
			words: 13, sent: 1, syll: 24, ease: 37.455, grade: 11.265, publishedEaseRounded: 37.5,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := Measure("en", text(tt.text))
			if sc.Words != tt.words || sc.Sentences != tt.sent || sc.Syllables != tt.syll {
				t.Fatalf("%d words, %d sentences, %d syllables; want %d, %d, %d", sc.Words, sc.Sentences, sc.Syllables, tt.words, tt.sent, tt.syll)
			}
			if e := fleschEase(sc); !near(e, tt.ease) || math.Round(e*10)/10 != tt.publishedEaseRounded && math.Round(e) != tt.publishedEaseRounded {
				t.Errorf("reading ease %.3f, want %.3f (published %g)", e, tt.ease, tt.publishedEaseRounded)
			}
			if g := grade("en", sc.Words, sc.Sentences, sc.Syllables); !near(g, tt.grade) {
				t.Errorf("grade %.3f, want %.3f", g, tt.grade)
			}
			// Fewer than MinWords words: no grade is given.
			if sc.Graded() || sc.Grade() != 0 {
				t.Errorf("a text of %d words is graded %.2f", sc.Words, sc.Grade())
			}
		})
	}
}

// TestGrade checks a passage long enough to be graded, counted by hand,
// and the sentence that weighs most on it.
func TestGrade(t *testing.T) {
	// Syllables, word by word:
	//   The(1) team(1) met(1) on(1) Monday(2).                          5 words,  6 syllables
	//   Each(1) person(2) said(1) one(1) thing(1) that(1) went(1) well(1).  8 words,  9 syllables
	//   Then(1) they(1) chose(1) a(1) single(2) goal(1) for(1) the(1) next(1)
	//   two(1) weeks(1) and(1) wrote(1) it(1) down(1).                  15 words, 16 syllables
	// 28 words, 3 sentences, 31 syllables:
	//   grade = 0.39 × 28/3 + 11.8 × 31/28 − 15.59 = 3.640 + 13.064 − 15.59 = 1.114
	// Without the third sentence (13 words, 2 sentences, 15 syllables) the
	// grade would be 0.39 × 6.5 + 11.8 × 15/13 − 15.59 = 0.560, 0.554
	// lower; without the first (23, 2, 25) 1.721 and without the second
	// (20, 2, 22) 1.290, both higher: the third weighs most.
	const passage = "The team met on Monday. Each person said one thing that went well. " +
		"Then they chose a single goal for the next two weeks and wrote it down."
	sc := Measure("en-US", text(passage))
	if sc.Words != 28 || sc.Sentences != 3 || sc.Syllables != 31 {
		t.Fatalf("%d words, %d sentences, %d syllables; want 28, 3, 31", sc.Words, sc.Sentences, sc.Syllables)
	}
	if !sc.Graded() || !near(sc.Grade(), 1.114) {
		t.Errorf("grade %.3f (graded %v), want 1.114", sc.Grade(), sc.Graded())
	}
	want := Sentence{Text: "Then they chose a single goal for the next two weeks and wrote it down.", At: strings.Index(passage, "Then"), Words: 15, Syllables: 16}
	if sc.Hardest != want {
		t.Errorf("hardest sentence %+v, want %+v", sc.Hardest, want)
	}
	if w := sc.Weight(want); !near(w, 0.554) {
		t.Errorf("weight of the third sentence %.3f, want 0.554", w)
	}
}

// TestSpanish checks Fernández Huerta's formula and its table, on texts
// counted by hand.
func TestSpanish(t *testing.T) {
	// "El gato come pescado.": El(1) ga-to(2) co-me(2) pes-ca-do(3), 4 words,
	// 8 syllables, 1 sentence:
	//   ease = 206.84 − 60 × 8/4 − 1.02 × 4/1 = 206.84 − 120 − 4.08 = 82.76
	// in the table's band from 80 (grade 6) to 90 (grade 5):
	//   grade = 6 − (82.76 − 80)/10 = 5.724
	sc := Measure("es", text("El gato come pescado."))
	if sc.Words != 4 || sc.Sentences != 1 || sc.Syllables != 8 {
		t.Fatalf("%d words, %d sentences, %d syllables; want 4, 1, 8", sc.Words, sc.Sentences, sc.Syllables)
	}
	if g := grade("es", 4, 1, 8); !near(g, 5.724) {
		t.Errorf("grade %.3f, want 5.724", g)
	}
	// "La ciudad celebró su aniversario con una fiesta muy alegre." is
	// La(1) ciu-dad(2) ce-le-bró(3) su(1) a-ni-ver-sa-rio(5) con(1) u-na(2)
	// fies-ta(2) muy(1) a-le-gre(3): 10 words, 21 syllables, 1 sentence:
	//   ease = 206.84 − 60 × 21/10 − 1.02 × 10 = 206.84 − 126 − 10.2 = 70.64
	//   grade = 7 − (70.64 − 70)/10 × 1 = 6.936 (the band from 70, grade 7, to 80, grade 6)
	sc = Measure("es-MX", text("La ciudad celebró su aniversario con una fiesta muy alegre."))
	if sc.Words != 10 || sc.Syllables != 21 {
		t.Fatalf("%d words, %d syllables; want 10, 21", sc.Words, sc.Syllables)
	}
	if g := grade("es", sc.Words, sc.Sentences, sc.Syllables); !near(g, 6.936) {
		t.Errorf("grade %.3f, want 6.936", g)
	}
	for _, tt := range []struct{ ease, grade float64 }{
		{110, 3}, {100, 4}, {95, 4.5}, {90, 5}, {80, 6}, {70, 7}, {65, 8}, {60, 9}, {50, 12}, {40, 13}, {30, 14}, {0, 16}, {-30, 18},
	} {
		if g := huertaGrade(tt.ease); !near(g, tt.grade) {
			t.Errorf("an ease of %g is grade %.3f, want %g", tt.ease, g, tt.grade)
		}
	}
}

func TestLanguage(t *testing.T) {
	for tag, want := range map[string]string{"en": "en", "en-US": "en", "EN_gb": "en", "es": "es", "es-419": "es", "fr": "", "": ""} {
		if got := Language(tag); got != want {
			t.Errorf("Language(%q) = %q, want %q", tag, got, want)
		}
	}
	if sc := Measure("fr", text("Le chat est assis sur le tapis.")); sc.Words != 0 || sc.Graded() {
		t.Errorf("French was measured: %+v", sc)
	}
}

func TestEnglishSyllables(t *testing.T) {
	for word, want := range map[string]int{
		"the": 1, "cat": 1, "make": 1, "makes": 1, "there": 1, "whole": 1, "free": 1, "agree": 2, "agreed": 2,
		"table": 2, "little": 2, "people": 2, "places": 2, "boxes": 2, "wishes": 2, "goes": 1, "asked": 1,
		"wanted": 2, "needed": 2, "played": 1, "year": 1, "yes": 1, "hybrid": 2, "platypus": 3, "seemingly": 3,
		"australian": 3, "reptilian": 3, "creature": 2, "leadership": 3, "practice": 2, "evidence": 3,
		"students": 2, "mentoring": 3, "principal": 3, "café": 2,
	} {
		if got := englishSyllables([]rune(word)); got != want {
			t.Errorf("%s: %d syllables, want %d", word, got, want)
		}
	}
}

func TestSpanishSyllables(t *testing.T) {
	for word, want := range map[string]int{
		"el": 1, "gato": 2, "pescado": 3, "ciudad": 2, "país": 2, "día": 2, "oír": 2, "guerra": 2, "que": 1,
		"aéreo": 4, "poeta": 3, "leer": 2, "huerta": 2, "fernández": 3, "murciélago": 4, "uruguay": 3,
		"hoy": 1, "muy": 1, "y": 1, "ayer": 2, "ahora": 3, "aniversario": 5,
	} {
		if got := spanishSyllables([]rune(word)); got != want {
			t.Errorf("%s: %d syllables, want %d", word, got, want)
		}
	}
}

// TestSentencesAndWords checks where sentences end and what a word is.
func TestSentencesAndWords(t *testing.T) {
	tests := []struct {
		name      string
		lang      string
		pieces    []Piece
		sentences []string
		words     int
	}{
		{
			name:      "abbreviations, initials and numbers do not end a sentence",
			lang:      "en",
			pieces:    text("Dr. Smith met J. Lee, e.g. at 3.5 p.m. on the U.S. coast. We had 30. Then 1,000 more!"),
			sentences: []string{"Dr. Smith met J. Lee, e.g. at 3.5 p.m. on the U.S. coast.", "We had 30.", "Then 1,000 more!"},
			words:     22, // "e.g.", "p.m." and "U.S." are two words each
		},
		{
			name:      "apostrophes and hyphens join, dashes do not",
			lang:      "en",
			pieces:    text("Don't skip the first-year check — it’s short. Really?"),
			sentences: []string{"Don't skip the first-year check — it’s short.", "Really?"},
			words:     8,
		},
		{
			name: "a block ends a sentence; a closing quote stays with it",
			lang: "en",
			pieces: []Piece{
				{Text: []byte("Steps"), At: 0, Block: true},
				{Text: []byte("She said “go.” Then "), At: 10},
				{Text: []byte("we"), At: 40}, // a link's text, say
				{Text: []byte(" went"), At: 50, Block: true},
			},
			sentences: []string{"Steps", "She said “go.”", "Then we went"},
			words:     7,
		},
		{
			name:      "I ends a sentence",
			lang:      "en",
			pieces:    text("So did I. Next."),
			sentences: []string{"So did I.", "Next."},
			words:     4,
		},
		{
			name:      "Spanish",
			lang:      "es",
			pieces:    text("¿Qué hace el equipo? Se reúne cada lunes, p. ej. a las 3."),
			sentences: []string{"Qué hace el equipo?", "Se reúne cada lunes, p. ej. a las 3."},
			words:     13,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := measurer{lang: tt.lang}
			m.run(tt.pieces)
			var got []string
			for _, s := range m.sentences {
				got = append(got, sentenceText(tt.pieces, s))
			}
			if strings.Join(got, " | ") != strings.Join(tt.sentences, " | ") {
				t.Errorf("sentences:\n%q\nwant:\n%q", got, tt.sentences)
			}
			if m.words != tt.words {
				t.Errorf("%d words, want %d", m.words, tt.words)
			}
		})
	}
}

// TestHardestPosition checks the hardest sentence is found at its offset
// in the source, across pieces.
func TestHardestPosition(t *testing.T) {
	pieces := []Piece{
		{Text: []byte("Go now."), At: 100, Block: true},
		{Text: []byte("Organizational "), At: 200},
		{Text: []byte("responsibilities"), At: 220}, // inside a link
		{Text: []byte(" necessitate considerable deliberation."), At: 240, Block: true},
		{Text: []byte("Then rest."), At: 300, Block: true},
	}
	sc := Measure("en", pieces)
	if sc.Hardest.At != 200 || sc.Hardest.Text != "Organizational responsibilities necessitate considerable deliberation." {
		t.Errorf("hardest %+v", sc.Hardest)
	}
}

// TestPlus checks scores add up, and that the hardest sentence of the sum
// is the one that weighs more on it.
func TestPlus(t *testing.T) {
	a := Measure("en", text("The team met on Monday. Each person said one thing that went well."))
	b := Measure("en", text("Institutional accountability necessitates comprehensive documentation. We agreed."))
	sum := a.Plus(b)
	if sum.Words != a.Words+b.Words || sum.Sentences != 4 || sum.Syllables != a.Syllables+b.Syllables {
		t.Errorf("sum %+v of %+v and %+v", sum, a, b)
	}
	if sum.Hardest != b.Hardest || b.Hardest.Text != "Institutional accountability necessitates comprehensive documentation." {
		t.Errorf("hardest of the sum: %+v", sum.Hardest)
	}
	if got := (Score{}).Plus(a); got != a {
		t.Errorf("nothing plus a is %+v, want %+v", got, a)
	}
}

// BenchmarkMeasure measures a guide of about 3 KB, the size of the
// synthetic guides of the build benchmark (BENCHMARKS.md).
func BenchmarkMeasure(b *testing.B) {
	const para = "Peer mentoring pairs a newer colleague with someone who has been there longer, so that no one has to work out everything alone. " +
		"New staff who have a mentor settle in faster and reach students sooner; the mentor gains too. "
	var pieces []Piece
	at := 0
	for i := 0; i < 12; i++ {
		pieces = append(pieces, Piece{Text: []byte(para), At: at, Block: true})
		at += len(para)
	}
	b.SetBytes(int64(at))
	b.ReportAllocs()
	for b.Loop() {
		Measure("en", pieces)
	}
}
