package search

import (
	"slices"
	"testing"
)

// TestStemEnglish checks English stems against words worked through the
// Porter2 algorithm's steps by hand, in the style of the algorithm's
// published vocabulary: each group shares a stem, and the exceptions are
// the algorithm's own.
func TestStemEnglish(t *testing.T) {
	en := LanguageOf("en")
	for word, want := range map[string]string{
		// Plurals and step 1a.
		"caresses": "caress", "ponies": "poni", "ties": "tie", "cries": "cri", "cats": "cat",
		"gas": "gas", "this": "this", "gaps": "gap", "kiwis": "kiwi", "bus": "bus", "press": "press",
		// Step 1b.
		"feed": "feed", "agreed": "agre", "plastered": "plaster", "motoring": "motor", "sing": "sing",
		"conflated": "conflat", "troubled": "troubl", "sized": "size", "hopping": "hop",
		"tanned": "tan", "falling": "fall", "hissing": "hiss", "fizzed": "fizz", "failing": "fail",
		"filing": "file", "luxuriated": "luxuri", "hoped": "hope",
		// Step 1c.
		"happy": "happi", "cry": "cri", "by": "by", "say": "say", "enjoy": "enjoy",
		// Steps 2 to 5.
		"relational": "relat", "conditional": "condit", "rational": "ration", "valency": "valenc",
		"digitizer": "digit", "conformably": "conform", "radically": "radic", "differently": "differ",
		"vilely": "vile", "analogously": "analog", "vietnamization": "vietnam", "predication": "predic",
		"operator": "oper", "feudalism": "feudal", "decisiveness": "decis", "hopefulness": "hope",
		"callousness": "callous", "formality": "formal", "sensitivity": "sensit", "sensibility": "sensibl",
		"triplicate": "triplic", "formative": "format", "formalize": "formal", "electricity": "electr",
		"electrical": "electr", "hopeful": "hope", "goodness": "good", "revival": "reviv",
		"allowance": "allow", "inference": "infer", "airliner": "airlin", "adjustable": "adjust",
		"defensible": "defens", "irritant": "irrit", "replacement": "replac", "adjustment": "adjust",
		"dependent": "depend", "adoption": "adopt", "homologous": "homolog", "effective": "effect",
		"bowdlerize": "bowdler", "probate": "probat", "rate": "rate", "cease": "ceas",
		"controll": "control", "roll": "roll",
		// The words of a playbook.
		"mentor": "mentor", "mentors": "mentor", "mentoring": "mentor", "mentored": "mentor",
		"leadership": "leadership", "leaders": "leader", "leading": "lead", "leads": "lead",
		"decisions": "decis", "decision": "decis", "decide": "decid", "deciding": "decid",
		"reflection": "reflect", "reflections": "reflect", "reflecting": "reflect",
		"teachers": "teacher", "teaching": "teach", "students": "student", "studies": "studi",
		"generous": "generous", "generously": "generous", "community": "communiti", "communities": "communiti",
		// Exceptions and short words.
		"skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "idly": "idl",
		"gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
		"news": "news", "atlas": "atlas", "bias": "bias", "inning": "inning", "proceed": "proceed",
		"exceed": "exceed", "succeed": "succeed", "innings": "inning", "at": "at", "a": "a",
		// Folded first, then stemmed.
		"café": "cafe", "naïve": "naiv", "résumés": "resum", "résumé": "resum",
		// Left alone, folded: not plain a to z.
		"2024": "2024", "k12": "k12", "straße": "straße", "façade2": "facade2",
	} {
		if got := en.Stem(word); got != want {
			t.Errorf("Stem(%q) = %q, want %q", word, got, want)
		}
	}
}

// TestStemSpanish checks Spanish stems: the Snowball algorithm reads the
// accents (-ación, -logía, the vowels of RV), and the stem is folded.
func TestStemSpanish(t *testing.T) {
	es := LanguageOf("es")
	for word, want := range map[string]string{
		"matemáticas": "matemat", "matematicas": "matemat", "niño": "nin", "nino": "nin", "niñas": "nin",
		"educación": "educ", "educativo": "educ", "evaluación": "evalu", "evaluaciones": "evalu",
		"enseñanza": "ensen", "enseñar": "ensen", "enseñó": "ensen", "tutoría": "tutor", "tutores": "tutor",
		"comunidad": "comun", "comunidades": "comun", "pingüino": "pinguin", "haciéndola": "hac",
		"escuelas": "escuel", "reflexión": "reflexion", "reflexionar": "reflexion",
		// Left alone, folded: a character outside the Spanish alphabet.
		"k12": "k12", "2024": "2024", "façade": "facade", "straße": "straße",
	} {
		if got := es.Stem(word); got != want {
			t.Errorf("Stem(%q) = %q, want %q", word, got, want)
		}
	}
}

// TestOtherLanguages checks that a language with no rules of its own is
// indexed with none: words are folded, never stemmed by English or
// Spanish rules, and no word is a stop word.
func TestOtherLanguages(t *testing.T) {
	for _, tag := range []string{"fr", "de-CH", "zh-Hant", "hi"} {
		l := LanguageOf(tag)
		for word, want := range map[string]string{
			"mentoring": "mentoring", "teachers": "teachers", "escuelas": "escuelas", "élèves": "eleves",
			"the": "the", "de": "de", "कुछ": "कुछ",
		} {
			if got := l.Stem(word); got != want {
				t.Errorf("%s: Stem(%q) = %q, want %q", tag, word, got, want)
			}
			if l.Stop(word) {
				t.Errorf("%s: %q is a stop word", tag, word)
			}
		}
		if len(l.StopWords) != 0 {
			t.Errorf("%s: stop words %q", tag, l.StopWords)
		}
	}
}

// TestLanguageOf checks that a tag's rules are chosen by its primary
// language subtag.
func TestLanguageOf(t *testing.T) {
	for tag, want := range map[string]string{
		"": "en", "en": "en", "en-US": "en", "EN-gb": "en", "es": "es", "es-419": "es", "es-MX": "es",
		"fr": "fr", "fr-CA": "fr", "zh-Hant": "zh", "not a tag": "und",
	} {
		if got := LanguageOf(tag).Code; got != want {
			t.Errorf("LanguageOf(%q).Code = %q, want %q", tag, got, want)
		}
	}
	if LanguageOf("es-419") != LanguageOf("es") {
		t.Error("es-419 and es have different rules")
	}
}

// TestStopWords checks each language's stop words: the lists are read
// from stopwords/, folded, and matched folded, so a reader who leaves out
// an accent drops the same words.
func TestStopWords(t *testing.T) {
	for _, tc := range []struct {
		tag       string
		stop, not []string
		count     int // words in the list, folded: é and e, tú and tu… are one
	}{
		{"en", []string{"the", "and", "your", "which"}, []string{"mentor", "de", "que", "la", "más"}, 51},
		{"es", []string{"de", "la", "que", "más", "mas", "él", "el", "qué", "también", "tambien", "estábamos", "hubiésemos", "tened"},
			[]string{"the", "and", "matemáticas", "escuela", "ser", "haber", "niño"}, 301},
	} {
		t.Run(tc.tag, func(t *testing.T) {
			l := LanguageOf(tc.tag)
			for _, w := range tc.stop {
				if !l.Stop(w) {
					t.Errorf("%q is not a stop word", w)
				}
			}
			for _, w := range tc.not {
				if l.Stop(w) {
					t.Errorf("%q is a stop word", w)
				}
			}
			if len(l.StopWords) != tc.count || !slices.IsSorted(l.StopWords) {
				t.Errorf("%d stop words, sorted %v; want %d, sorted", len(l.StopWords), slices.IsSorted(l.StopWords), tc.count)
			}
			for _, w := range l.StopWords {
				if fold(w) != w {
					t.Errorf("stop word %q is not folded", w)
				}
			}
		})
	}
}

// TestFold checks accent folding: combining diacritical marks go, from
// composed and decomposed letters alike; other marks and letters stay.
func TestFold(t *testing.T) {
	for word, want := range map[string]string{
		"matemáticas": "matematicas", "matema\u0301ticas": "matematicas", "niño": "nino", "ça": "ca",
		"naïve": "naive", "über": "uber", "ångström": "angstrom", "việt": "viet", "άλφα": "αλφα",
		"plain": "plain", "": "", "straße": "straße", "ﬁn": "ﬁn", "कुछ": "कुछ", "日本語": "日本語",
		"\u0301": "", "σίσυφος": "σισυφοσ", "i\u0307stanbul": "istanbul",
	} {
		if got := fold(word); got != want {
			t.Errorf("fold(%q) = %q, want %q", word, got, want)
		}
	}
}

// TestStemGroups checks that the forms of a word a reader might type meet
// at one stem, in English and in Spanish, with and without accents.
func TestStemGroups(t *testing.T) {
	for _, tc := range []struct {
		tag    string
		groups [][]string
	}{
		{"en", [][]string{
			{"consign", "consigned", "consigning", "consignment"},
			{"consist", "consisted", "consistency", "consistent", "consistently", "consisting", "consists"},
			{"knock", "knocked", "knocking", "knocks"},
			{"kneel", "kneeled", "kneeling", "kneels"},
			{"connect", "connected", "connecting", "connection", "connections", "connects"},
			{"celebrate", "celebrated", "celebrates", "celebrating"},
			{"acknowledge", "acknowledged", "acknowledging"},
		}},
		{"es", [][]string{
			{"matemáticas", "matematicas", "matemática", "matemático", "matemáticos"},
			{"niño", "nino", "niños", "niña", "niñas", "ninas"},
			{"evaluación", "evaluaciones", "evaluar", "evaluamos"},
			{"maestro", "maestra", "maestros", "maestras"},
			{"escuela", "escuelas"},
			{"reflexión", "reflexion", "reflexiones", "reflexionar"},
		}},
	} {
		t.Run(tc.tag, func(t *testing.T) {
			l := LanguageOf(tc.tag)
			for _, group := range tc.groups {
				want := l.Stem(group[0])
				for _, w := range group[1:] {
					if got := l.Stem(w); got != want {
						t.Errorf("Stem(%q) = %q, want %q like %q", w, got, want, group[0])
					}
				}
			}
		})
	}
}
